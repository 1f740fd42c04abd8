"""Configuration: every option declared once, read from TOML, checked strictly.

Found by walking up from the current directory: ``cablelint.toml``,
``.cablelint.toml``, or ``pyproject.toml`` with a ``[tool.cablelint]`` table (the
first of these in the nearest directory wins); ``--config FILE`` overrides the
search. Unknown keys and wrong types are a ``ConfigError`` (exit 2); unknown rule
codes are caught when the selection is resolved (``cablelint.linter.selection``).
"""

from __future__ import annotations

import os
import stat
import sys
import time
from dataclasses import field, replace
from types import ModuleType
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Union

from cablelint import compiled
from cablelint.files import os_error, path_text
from cablelint.linter.rule import DIALECTS, SEVERITIES
from cablelint.records import record

CONFIG_FILES = ("cablelint.toml", ".cablelint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.cable", "*.tel", "*.txt")
DEFAULT_LINE_LENGTH = 69
# nanoseconds within which a file's time may not tell two changes apart (a file
# system's clock moves by ticks, up to 2 s on FAT): a configuration search that
# looked at something changed as recently is not kept (ConfigSearches)
RECENT = 2_000_000_000


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key."""


def _str_list(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"'{key}' must be a list of strings, got {value!r}")
    return tuple(value)


def names_no_rule(what: str) -> str:
    """The message for a select that selects nothing (*what*: the key or option); an
    empty run would pass every cable, so it is an error, not a run of no rules."""
    return f"{what} names no rule: expected codes, family prefixes, names or ALL (leave it out for the default rules)"


def _selection(key: str, value: Any) -> tuple[str, ...]:
    selectors = _str_list(key, value)
    if not any(s.strip() for s in selectors):
        raise ConfigError(names_no_rule(f"'{key}'"))
    return selectors


def _globs(key: str, value: Any) -> tuple[str, ...]:
    """Path globs: an empty one would match nothing, or (as ``/*``) every path outside
    the configuration's folder."""
    globs = _str_list(key, value)
    if any(not glob.strip() for glob in globs):
        raise ConfigError(f"'{key}' holds an empty glob: expected a file name or path glob, like *.cable or legacy/**")
    for glob in globs:
        # a folder separator on Windows, an escape in the globs of git and of most
        # tools elsewhere, a plain character to fnmatch: a configuration shared
        # between platforms would match on one and silently not on another
        if "\\" in glob:
            fixed = glob.replace("\\", "/")
            raise ConfigError(f"'{key}' glob '{glob}' holds a backslash: expected '/' between folders, on Windows too ('{fixed}'), so that the glob means the same on every platform")
    return globs


def _include(key: str, value: Any) -> tuple[str, ...]:
    globs = _globs(key, value)
    if not globs:
        raise ConfigError(f"'{key}' names no glob, so a folder walk would lint nothing: expected file name globs, like *.cable (leave it out for {', '.join(DEFAULT_INCLUDE)})")
    return globs


def _per_file(key: str, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"'{key}' must be a table of glob = [codes], got {value!r}")
    _globs(key, list(value))  # (the globs: none empty)
    return tuple((glob, _str_list(f"{key}.{glob}", codes)) for glob, codes in value.items())


def _severity(key: str, value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"'{key}' must be a table of code = severity, got {value!r}")
    out = []
    for selector, sev in value.items():
        if sev not in SEVERITIES:
            raise ConfigError(f"'{key}.{selector}' must be one of {', '.join(SEVERITIES)}, got {sev!r}")
        out.append((selector, sev))
    return tuple(out)


def _dialect(key: str, value: Any) -> Optional[str]:
    if value not in DIALECTS:
        raise ConfigError(f"'{key}' must be one of {', '.join(DIALECTS)}, got {value!r}")
    return str(value)


def _line_length(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10_000:
        raise ConfigError(f"'{key}' must be a whole number of characters (1-10000), got {value!r}")
    return value


def _tags(key: str, value: Any) -> tuple[str, ...]:
    tags = _str_list(key, value)
    for tag in tags:
        if not tag or not tag.isalnum() or tag.upper() != tag:
            raise ConfigError(f"'{key}' entry {tag!r} is not a tag: expected capital letters and digits, like KXYZ")
    return tags


def command_line_excludes(config: Config, exclude: tuple[str, ...], extend: tuple[str, ...]) -> Config:
    """*config* with the exclude globs of the command line: ``--exclude`` in place of
    the configuration's, ``--extend-exclude`` after them (ruff's two options). They
    are checked as the configuration's are, and mean what they mean from the folder
    the command runs in (see :func:`_from_here`)."""
    if not exclude and not extend:
        return config
    kept = tuple(_from_here("--exclude", exclude, config.root)) if exclude else config.exclude
    added = tuple(_from_here("--extend-exclude", extend, config.root))
    given = tuple((glob, "--exclude") for glob in kept if exclude) + tuple((glob, "--extend-exclude") for glob in added)
    return replace(config, exclude=kept + added, given=given)


def _from_here(option: str, values: tuple[str, ...], root: str) -> Iterator[str]:
    """The globs *option* gives, as the configuration's folder (*root*) reads them:
    on the command line a glob with a slash (``legacy/**``) names paths from the
    current folder, as the shell's would, so it is written from *root* when the
    current folder lies in it (``sub/legacy/**``), else as an absolute glob. A glob
    without one (``*.draft.cable``, ``legacy``) matches a name anywhere, wherever it
    is written from; a slash that ends a folder's glob (``legacy/``) is dropped."""
    from pathlib import PurePath

    here = os.path.realpath(os.getcwd())
    below = os.path.relpath(here, os.path.realpath(root))
    for glob in _globs(option, list(values)):
        glob = glob.rstrip("/") or glob
        if "/" not in glob or os.path.isabs(glob):
            yield glob
        elif below.split(os.sep)[0] != os.pardir and os.pardir not in PurePath(glob).parts:
            yield (PurePath(below) / glob).as_posix()  # ("./" dropped: "." / "./old/*" is "old/*")
        else:  # (the current folder outside root, or a glob climbing out of it)
            yield PurePath(os.path.normpath(os.path.join(here, glob))).as_posix()


@record
class Option:
    key: str  # as written in TOML
    attr: str  # Config attribute
    convert: Callable[[str, Any], Any]
    help: str


OPTIONS: tuple[Option, ...] = (
    Option("select", "select", _selection, "rules to run instead of the defaults: codes, family prefixes, names or ALL"),
    Option("ignore", "ignore", _str_list, "rules not to run"),
    Option("extend-select", "extend_select", _str_list, "rules to run in addition to the selection"),
    Option("per-file-ignores", "per_file_ignores", _per_file, "glob = [rules] not to run on matching files"),
    Option("severity", "severity", _severity, "code or name = error|warning|info, overriding the default severity"),
    Option("dialect", "dialect", _dialect, "force one rendering for every file instead of detecting it"),
    Option("line-length", "line_length", _line_length, "the longest line F005 accepts (default 69)"),
    Option("extra-tags", "extra_tags", _tags, "TAGS accepted besides the built-in vocabulary"),
    Option("include", "include", _include, "file name (or path) globs linted when a folder is walked"),
    Option("exclude", "exclude", _globs, "path globs skipped when a folder is walked"),
)


@record
class Config:
    select: Optional[tuple[str, ...]] = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    dialect: Optional[str] = None
    line_length: int = DEFAULT_LINE_LENGTH
    extra_tags: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    # (paths as text, which pathlib need not be imported for: see files.path_text)
    source: Optional[str] = None  # the file it came from (its real path)
    root: str = field(default_factory=os.getcwd)  # globs are relative to this folder
    # the attributes the file set (an include written as the default list is set),
    # for what the CLI says of them: left out of repr and equality, so the cache's
    # digest of the configuration (cache.py) is that of the values it lints with
    set_keys: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    # the exclude globs the command line gave, each with its option (--exclude,
    # --extend-exclude), for the messages that say where a glob was written
    given: tuple[tuple[str, str], ...] = field(default=(), repr=False, compare=False)

    def merged(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def from_table(table: Mapping[str, Any], source: Optional[str] = None) -> Config:
    known = {o.key: o for o in OPTIONS}
    values: dict[str, Any] = {}
    where = f"{source}: " if source else ""
    for key, value in table.items():
        option = known.get(key)
        if option is None:
            close = [k for k in known if k.replace("-", "_") == key.replace("-", "_")]
            hint = f" (did you mean '{close[0]}'?)" if close else f"; known keys: {', '.join(known)}"
            raise ConfigError(f"{where}unknown key '{key}'{hint}")
        try:
            values[option.attr] = option.convert(key, value)
        except ConfigError as exc:
            raise ConfigError(f"{where}{exc}") from None
    root = _parent(source) if source else os.getcwd()
    return Config(source=source, root=root, set_keys=frozenset(values), **values)


def _tomllib() -> ModuleType:
    """tomllib (tomli before Python 3.11), imported when there is a file to read: in
    most folders a pre-commit hook or an editor runs in, there is none of ours."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


def _toml(text: str) -> dict[str, Any]:
    """What tomllib reads in *text* (its TOMLDecodeError when it is not TOML): as
    this Python read the same text before, when compiled.py kept that, so that a run
    in a project whose configuration has not changed does not import tomllib; the
    caller must not change it."""
    data: dict[str, Any] = compiled.reading("toml", text, lambda t: _tomllib().loads(t))
    return data


def _not_toml(exc: Exception) -> bool:
    """Whether *exc*, raised by :func:`_toml`, says the text is not TOML (tomllib is
    imported then: it has just read the text)."""
    return isinstance(exc, _tomllib().TOMLDecodeError)


def read_file(named: Union[str, os.PathLike[str]]) -> Config:
    path = path_text(named)
    try:
        text = _read_text(path)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: the byte at offset {exc.start} is not UTF-8: expected a TOML file in UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration file: {os_error(exc, path)}") from None
    try:
        data = _toml(text)
    except Exception as exc:
        if not _not_toml(exc):
            raise
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    tool = data.get("tool")
    if os.path.basename(path) == "pyproject.toml":
        if tool is not None and not isinstance(tool, dict):
            raise ConfigError(f"{path}: 'tool' must be a table: expected [tool.cablelint]")
        if tool is None or "cablelint" not in tool:
            raise ConfigError(f"{path}: no [tool.cablelint] table: expected the settings under [tool.cablelint]")
        table = tool["cablelint"]
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.cablelint] must be a table")
    elif set(data) == {"tool"} and isinstance(tool, dict) and "cablelint" in tool:
        table = tool["cablelint"]
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.cablelint] must be a table")
    else:
        table = data  # a 'tool' key of another kind is an unknown key
    return from_table(table, os.path.realpath(path))


def _read_text(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def _parent(path: str) -> str:
    """The folder *path* is in, as pathlib's ``parent`` names it."""
    return path_text(os.path.dirname(path_text(path)))


def _folders(start: str) -> Iterator[str]:
    """*start* and the folders above it, as pathlib's ``(start, *start.parents)``."""
    folder = path_text(start)
    while True:
        yield folder
        parent = _parent(folder)
        if parent == folder:
            return
        folder = parent


def find_config(start: Union[str, os.PathLike[str]], look: Optional[Callable[[str], None]] = None) -> Optional[str]:
    """The nearest configuration file at or above *start*. *look*, when given, is
    called with each path whose change could change the answer, before it is
    looked at: each folder looked into (a file made or removed there), each
    pyproject.toml read (a table gained or lost), and each candidate that is a
    symbolic link (its target made or removed elsewhere: a link left dangling
    is no file, and its folder's time does not change when its target comes)."""
    for folder in _folders(os.fspath(start)):
        if look is not None:
            look(folder)
        for name in CONFIG_FILES:
            candidate = path_text(os.path.join(folder, name))
            if look is not None and os.path.islink(candidate):
                look(candidate)
            # (False for a folder above that cannot be looked into)
            if not os.path.isfile(candidate):
                continue
            if name == "pyproject.toml":
                if look is not None:
                    look(candidate)
                if not _has_tool_table(candidate):
                    continue
            return candidate
    return None


Stamp = Optional[tuple[int, int, int]]


def search_stamp(path: str) -> Stamp:
    """What tells that *path* (a link followed) changed: its modification time and
    size, and the time of its inode's last change, which tells a permission
    changed (a pyproject.toml that could not be read) and a content written back
    with its old time and size (cp -p, rsync -t). None: no such file."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ctime_ns)


Names = tuple[Union[tuple[int, int], Optional[int]], ...]


def names_stamp(folder: str) -> Names:
    """What a configuration search reads of *folder* itself: for each name of
    CONFIG_FILES, the entry of that name (its type and inode, a link not
    followed), or why there is none (lstat's error number: no such file, a folder
    that cannot be looked into). Exact where the folder's time is not: that moves
    for any entry made, removed or renamed (an editor's save through a temporary
    file), and may not move within a tick of a coarse clock."""
    stamp: list[Union[tuple[int, int], Optional[int]]] = []
    for name in CONFIG_FILES:
        try:
            st = os.lstat(os.path.join(folder, name))
        except OSError as exc:
            stamp.append(exc.errno)
        else:
            stamp.append((stat.S_IFMT(st.st_mode), st.st_ino))
    return tuple(stamp)


class ConfigSearches:
    """The answers of :func:`find_config`, kept per folder (a real path) with the
    stamps of what each depends on, and used while they hold: each folder looked
    into (:func:`names_stamp`: which of the configuration files' names are in
    it), each pyproject.toml read and each link followed (:func:`search_stamp`).
    An answer kept costs an lstat of three names per folder and a stat of each
    file read, rather than looking for three files in every folder up to the
    root and reading each pyproject.toml; a save of a cable, even through a
    temporary file renamed over it, does no search. The language server keeps
    one for its documents' folders, ``check --watch`` one for its rounds. An
    answer that depends on a file changed within RECENT is not kept (a change
    in the same tick of the file system's clock would not be told), judged by
    the modification time: a permission change in the tick of the search is
    missed (the coarse clocks are FAT's, which keeps no permissions)."""

    __slots__ = ("kept",)

    def __init__(self) -> None:
        self.kept: dict[str, tuple[Optional[str], tuple[tuple[str, Union[Stamp, Names]], ...]]] = {}

    def find(self, folder: str) -> Optional[str]:
        """The configuration file found from *folder* (a real path) upward, as
        ``check`` finds it."""
        kept = self.kept.get(folder)
        folders = set(_folders(folder))
        if kept is not None and all((names_stamp(looked) if looked in folders else search_stamp(looked)) == stamp for looked, stamp in kept[1]):
            return kept[0]
        stamps: list[tuple[str, Union[Stamp, Names]]] = []
        since = time.time_ns() - RECENT
        recent = False

        def look(looked: str) -> None:
            nonlocal recent
            if looked in folders:
                stamps.append((looked, names_stamp(looked)))
                return
            stamp = search_stamp(looked)
            stamps.append((looked, stamp))
            recent = recent or (stamp is not None and stamp[0] >= since)

        found = find_config(folder, look)
        if not recent:
            self.kept[folder] = (found, tuple(stamps))
        else:
            self.kept.pop(folder, None)
        return found

    def forget(self, below: Optional[Iterable[str]] = None) -> None:
        """Have the answers found afresh, whatever their stamps say: all of them,
        or those of the folders at or below one of the folders *below*."""
        if below is None:
            self.kept.clear()
            return
        tops = [os.path.join(top, "") for top in below]
        for folder in [folder for folder in self.kept if os.path.join(folder, "").startswith(tuple(tops))]:
            del self.kept[folder]


def _has_tool_table(path: str) -> bool:
    """Whether a pyproject.toml holds cablelint's settings. One that cannot be read
    is ours when its text names the table: reading it then reports the error, rather
    than the settings being skipped without a word."""
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError):
        return False  # a broken pyproject that is not ours is not our business
    if "cablelint" not in text and "\\" not in text:
        return False  # a key names our table by holding the word, or through an escape
    try:
        data = _toml(text)
    except Exception as exc:
        if not _not_toml(exc):
            raise
        return "tool.cablelint" in text
    return isinstance(data.get("tool"), dict) and "cablelint" in data["tool"]


def load_config(explicit: Optional[str] = None, start: Optional[Union[str, os.PathLike[str]]] = None, searches: Optional[ConfigSearches] = None) -> Config:
    """The configuration *explicit* names, else the one found from *start* (the
    current folder) upward; through *searches*, when given, whose answer may be
    kept from an earlier search."""
    if explicit is not None:
        return read_file(explicit)
    folder = os.path.realpath(os.getcwd() if start is None else start)
    found = searches.find(folder) if searches is not None else find_config(folder)
    return read_file(found) if found else Config()
