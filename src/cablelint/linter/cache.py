"""The result cache of ``cablelint check``: each file's findings, kept between runs.

A file's findings are decided by its bytes, the path it is shown by (and where it
is: per-file-ignores match the absolute path), the resolved configuration and
command line, and the code that lints it: cablelint's own files, the plugins' files,
lark and Python. All of these make up the key; a cached result is used only when
every part is the same, so it is exactly what a fresh lint would give.

Layout: one JSON file per configuration (the file name is a digest of the settings)
under ``<cache folder>/v1/``; inside it, the digest of the code that lints (``tool``)
and one entry per file: the digest of its bytes, the day it was last used and its
findings with their fixes. A file whose ``tool`` differs (cablelint was upgraded or
edited, a plugin changed) is treated as empty and replaced. The file is written once
at the end of a run, atomically (a temporary file renamed over it), merged with what
another run may have written meanwhile; entries unused for :data:`KEEP_DAYS` days are
dropped. A cache that cannot be read or written is passed over without a word: it
never fails a run or changes what it prints.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Optional

from cablelint import __version__
from cablelint.files import TEMP_SUFFIX, write_atomically
from cablelint.linter.config import Config
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.engine import Linter
from cablelint.linter.rule import SEVERITIES, Edit, Fix
from cablelint.span import Span

FOLDER = ".cablelint_cache"
CACHE_DIR_ENV = "CABLELINT_CACHE_DIR"
NO_CACHE_ENV = "CABLELINT_NO_CACHE"
FORMAT = 1
KEEP_DAYS = 30
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by cablelint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
_PACKAGE = Path(__file__).resolve().parents[1]  # src/cablelint


class CacheError(Exception):
    """The cache folder cannot be removed; the message says why."""


def default_folder(config: Config) -> Path:
    """Where the cache lives unless told: in the folder of the configuration file
    found (the project's root), else in the current folder."""
    return config.root / FOLDER


def digest(data: bytes) -> str:
    """The key of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _tree(root: Path, into: list[str]) -> None:
    """Name, size and modification time of every file under *root*, compiled
    bytecode aside, in a stable order."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            full = os.path.join(folder, name)
            st = os.stat(full)
            into.append(f"{os.path.relpath(full, root)}:{st.st_size}:{st.st_mtime_ns}")


def _plugin_files(linter: Linter, into: list[str]) -> bool:
    """The files of the packages (or modules) the plugin rules come from; False when
    one of them has no file to look at (its findings cannot be vouched for)."""
    by_code = linter.registry.by_code()
    for code, origin in sorted(linter.registry.origins.items()):
        top = by_code[code].__module__.split(".")[0]
        module = sys.modules.get(top)
        paths = list(getattr(module, "__path__", None) or [])
        file = getattr(module, "__file__", None)
        into.append(f"plugin {code} {origin} {by_code[code].__module__}.{by_code[code].__qualname__}")
        if paths:
            for path in sorted(paths):
                _tree(Path(path), into)
        elif file and top != "__main__":
            st = os.stat(file)
            into.append(f"{file}:{st.st_size}:{st.st_mtime_ns}")
        else:
            return False
    return True


def tool_key(linter: Linter) -> Optional[str]:
    """The digest of the code that lints: cablelint's version and files (an editable
    install whose code changed is another tool), the plugins' files, lark and Python;
    None when it cannot be told (then nothing is cached)."""
    import lark

    parts = [__version__, sys.version, sys.platform, lark.__version__]
    if not _PACKAGE.is_dir():
        return None  # run from a zip file: its files cannot be looked at one by one
    try:
        _tree(_PACKAGE, parts)
        if not _plugin_files(linter, parts):
            return None
    except OSError:
        return None
    return hashlib.blake2b("\n".join(parts).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def settings_key(linter: Linter) -> str:
    """The digest of the configuration and the command line that chose the rules,
    their severities and options (--strict included)."""
    text = repr((linter.config, linter.cli, linter.strict))
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()


def _today() -> int:
    return int(time.time() // 86400)


def _encode(d: Diagnostic) -> list[Any]:
    fix = None if d.fix is None else [d.fix.applicability, [[*e.span, e.replacement] for e in d.fix.edits]]
    return [*d.span, d.code, d.name, d.severity, d.message, fix]


def _span(values: list[Any]) -> Span:
    if len(values) != 6 or not all(type(v) is int for v in values):
        raise ValueError("not a span")
    return Span(*values)


def _text(value: Any) -> str:
    if type(value) is not str:
        raise ValueError("not text")
    return value


def _edit(item: Any) -> Edit:
    if type(item) is not list or len(item) != 7:
        raise ValueError("not an edit")
    return Edit(_span(item[:6]), _text(item[6]))


def _decode(path: str, item: Any) -> Diagnostic:
    """A finding from its cached form; ValueError (or TypeError) when it is not one."""
    if type(item) is not list or len(item) != 11:
        raise ValueError("not a finding")
    severity = _text(item[8])
    if severity not in SEVERITIES:
        raise ValueError("not a severity")
    fix = None
    if item[10] is not None:
        applicability, edits = item[10]
        if type(edits) is not list or not edits:
            raise ValueError("not a fix")
        fix = Fix(tuple(_edit(e) for e in edits), _text(applicability))
    return Diagnostic(path, _span(item[:6]), _text(item[6]), _text(item[7]), severity, _text(item[9]), fix)


class Cache:
    """The cached findings of one configuration in *folder*: :meth:`get` before
    linting a file, :meth:`put` after, :meth:`save` at the end of the run."""

    def __init__(self, folder: Path, settings: str, tool: str) -> None:
        self.folder = folder
        self.file = folder / f"v{FORMAT}" / f"{settings}.json"
        self.tool = tool
        self.today = _today()
        self.entries = self._read()
        self.touched: dict[str, list[Any]] = {}  # what this run adds or uses

    @classmethod
    def open(cls, folder: Path, linter: Linter) -> Optional[Cache]:
        """The cache for *linter*'s settings, or None when its rules cannot be vouched
        for (a plugin without a file)."""
        tool = tool_key(linter)
        return None if tool is None else cls(folder, settings_key(linter), tool)

    def _read(self) -> dict[str, Any]:
        """The entries on disk: none when the file is absent, unreadable, corrupt or
        of another tool."""
        try:
            data = json.loads(self.file.read_bytes())
        except (OSError, ValueError, RecursionError):
            return {}
        if type(data) is not dict or data.get("format") != FORMAT or data.get("tool") != self.tool:
            return {}
        entries = data.get("entries")
        return entries if type(entries) is dict else {}

    @staticmethod
    def _key(path: str) -> str:
        # per-file-ignores match where the file is, the report shows how it was named
        return f"{os.path.abspath(path)}\0{path}"

    def holds(self, path: str) -> bool:
        """Whether there is an entry for *path* (of whatever bytes): a file without one
        need not be read to be looked up."""
        return self._key(path) in self.entries

    def get(self, path: str, key: str) -> Optional[list[Diagnostic]]:
        """The findings of *path* when its bytes' digest is *key*, or None."""
        name = self._key(path)
        entry = self.entries.get(name)
        try:
            if type(entry) is not list or len(entry) != 3 or entry[0] != key or type(entry[2]) is not list:
                return None
            found = [_decode(path, item) for item in entry[2]]
        except (ValueError, TypeError):
            return None
        if entry[1] != self.today:
            self.touched[name] = [key, self.today, entry[2]]
        return found

    def put(self, path: str, key: str, diagnostics: list[Diagnostic]) -> None:
        self.touched[self._key(path)] = [key, self.today, [_encode(d) for d in diagnostics]]

    def save(self) -> None:
        """Write what this run added or used, over what is on disk now (another run
        may have written meanwhile), without the entries unused for KEEP_DAYS days.
        Nothing is written when nothing changed; a failure is passed over."""
        if not self.touched:
            return
        entries = self._read()
        entries.update(self.touched)
        oldest = self.today - KEEP_DAYS
        kept = {k: v for k, v in entries.items() if type(v) is list and len(v) == 3 and type(v[1]) is int and v[1] >= oldest}
        data = json.dumps({"format": FORMAT, "tool": self.tool, "entries": kept}, separators=(",", ":"))
        try:
            self._prepare()
            write_atomically(str(self.file), data)
        except OSError:
            pass  # a read-only corpus, a full disk: the run goes on without a cache

    def _prepare(self) -> None:
        """Make the cache folder, marked so that git and backup tools leave it out."""
        self.file.parent.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "# Made by cablelint: the folder is a cache.\n*\n"), ("CACHEDIR.TAG", CACHEDIR_TAG)):
            marker = self.folder / name
            if not marker.exists():
                marker.write_text(text, encoding="utf-8")
        _prune_files(self.file.parent, self.file.name)


def _prune_files(folder: Path, current: str) -> None:
    """Remove the cache files of other configurations that no run has written for
    KEEP_DAYS days, and temporary files a killed run left (write_atomically's)."""
    limit = time.time() - KEEP_DAYS * 86400
    for entry in os.scandir(folder):
        if entry.name != current and entry.name.endswith((".json", TEMP_SUFFIX)):
            try:
                if entry.stat().st_mtime < limit or (entry.name.endswith(TEMP_SUFFIX) and entry.stat().st_mtime < time.time() - 86400):
                    os.unlink(entry.path)
            except OSError:
                pass


def clean_cache(folder: Path) -> bool:
    """Remove the cache *folder*; False when there is none. A folder that is not a
    cablelint cache (no CACHEDIR.TAG made by cablelint) is refused, so that a wrong
    --cache-dir cannot delete anything else."""
    import shutil

    if not folder.is_dir():
        return False
    try:
        ours = (folder / "CACHEDIR.TAG").read_text(encoding="utf-8") == CACHEDIR_TAG
    except (OSError, UnicodeDecodeError):
        ours = False
    if not ours:
        raise CacheError(f"{folder} is not a cablelint cache (no CACHEDIR.TAG made by cablelint in it): left as it is")
    try:
        shutil.rmtree(folder)
    except OSError as exc:
        raise CacheError(f"cannot remove {exc.filename or folder}: {exc.strerror or exc}") from None
    return True
