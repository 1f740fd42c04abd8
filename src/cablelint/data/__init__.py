"""Package data for cablelint: the built-in TAGS vocabulary (tags.txt), the posts' station
routing indicators (stations.txt) and their loaders."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

TAG_KINDS = frozenset({"subject", "program", "geo", "org", "regional"})


@lru_cache(maxsize=1)
def load_tags() -> dict[str, tuple[str, str]]:
    """Return the built-in TAGS vocabulary as {code: (kind, description)}.

    The result is cached and shared between callers: treat it as read-only.
    """
    text = resources.files(__name__).joinpath("tags.txt").read_text(encoding="utf-8")
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
    text = resources.files(__name__).joinpath("stations.txt").read_text(encoding="utf-8")
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
