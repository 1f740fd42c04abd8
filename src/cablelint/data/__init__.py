"""Package data for cablelint: the built-in TAGS vocabulary (tags.txt), the posts' station
routing indicators (stations.txt) and their loaders."""

from __future__ import annotations

from functools import lru_cache

TAG_KINDS = frozenset({"subject", "program", "geo", "org", "regional"})


def package_text(name: str) -> str:
    """The text of the package's data file *name* (a path inside the package, such as
    ``data/tags.txt``), read as importlib.resources reads it: UTF-8, line breaks made
    ``\n``. Through the package's loader (pkgutil), because importlib.resources
    imports zipfile and its readers: that costs a start of the CLI more than
    reading the files does."""
    return package_bytes(name).decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def package_bytes(name: str) -> bytes:
    """The content of the package's data file *name*, as :func:`package_text` reads it
    (through pkgutil, imported here: a check answered from the cache reads no data
    file, and pkgutil's import, with importlib.util's, is about 1M instructions)."""
    import pkgutil

    data = pkgutil.get_data("cablelint", name)
    if data is None:  # a loader that cannot read data files
        from importlib import resources

        return resources.files("cablelint").joinpath(*name.split("/")).read_bytes()
    return data


@lru_cache(maxsize=1)
def load_tags() -> dict[str, tuple[str, str]]:
    """Return the built-in TAGS vocabulary as {code: (kind, description)}.

    The result is cached and shared between callers: treat it as read-only.
    """
    text = package_text("data/tags.txt")
    # every row read at once, then checked together (a start that lints reads the
    # vocabulary: a loop of a dozen steps a line cost 4.8M instructions, this 2.7M);
    # what is wrong is found and said line by line below
    rows = [raw.split("\t") for raw in text.splitlines() if raw.strip()[:1] not in ("", "#")]
    try:
        read = {code.strip(): (kind, description.strip()) for code, kind, description in rows}
    except ValueError:  # (a row of other than three fields)
        read = {}
    if len(read) == len(rows) and TAG_KINDS.issuperset([kind for kind, _ in read.values()]):
        return read
    return read_tags_by_line(text)


def read_tags_by_line(text: str) -> dict[str, tuple[str, str]]:
    """tags.txt's *text* read a line at a time, each line checked as it comes: what
    :func:`load_tags` falls back to, to say which line is wrong, and the reference
    its reading at once must agree with."""
    tags: dict[str, tuple[str, str]] = {}
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = raw.rstrip("\r\n").split("\t")
        if len(parts) != 3 or parts[1] not in TAG_KINDS:
            raise ValueError(f"tags.txt line {lineno}: expected CODE<TAB>KIND<TAB>description")
        code, kind, description = (p.strip() for p in parts)
        if code in tags:
            raise ValueError(f"tags.txt line {lineno}: duplicate tag {code}")
        tags[code] = (kind, description)
    return tags


@lru_cache(maxsize=1)
def load_stations() -> dict[str, tuple[str, ...]]:
    """Return the posts' station routing indicators as {PLAD: (RI, ...)}.

    The result is cached and shared between callers: treat it as read-only.
    """
    text = package_text("data/stations.txt")
    stations: dict[str, tuple[str, ...]] = {}
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = raw.rstrip("\r\n").split("\t")
        if len(parts) != 2 or not parts[1].split():
            raise ValueError(f"stations.txt line {lineno}: expected PLAD<TAB>RI[ RI...]")
        plad = " ".join(parts[0].split())
        if plad in stations:
            raise ValueError(f"stations.txt line {lineno}: duplicate post {plad}")
        stations[plad] = tuple(parts[1].split())
    return stations
