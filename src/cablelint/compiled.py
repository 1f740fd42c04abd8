"""Regular expressions (and generated functions) compiled once per Python and user,
not once per process.

A one-file ``cablelint check`` compiles about 150 regular expressions (the fields of
fields.lark, the line terminals, the lexer's alternations): ``re`` parses and compiles
each in pure Python, about a quarter of the whole run's instructions. What ``re`` makes
of a pattern, the codes its C matcher runs, depends only on the pattern, its flags and
the Python that compiled it. So :func:`regex` keeps those codes in the user's cache
folder (``$XDG_CACHE_HOME/cablelint``, else ``~/.cache/cablelint``; on Windows
``%LOCALAPPDATA%\\cablelint``), one file per Python (``compiled-<cache tag>.marshal``),
and the next process makes a kept pattern from them with ``_sre.compile``, the call
with which ``re`` itself ends, skipping ``re``'s parser and compiler. :func:`code`
does the same for the functions cablelint writes out as source and compiles (the
records' constructors, records.py): the file keeps their code objects, as
``__pycache__`` keeps a module's. :func:`reading` keeps what ``tomllib`` read in a
configuration file's text, keyed by the whole text: importing tomllib (its patterns
compiled by ``re``) costs a one-file check a twentieth of its instructions.

What keeps it right:

- The file records ``sys.version`` and ``_sre.MAGIC``: a file written by another
  Python (an upgrade, another build with the same cache tag) is passed over whole.
- A pattern is looked up by its text and flags, a function by its source and file
  name, a reading by the whole text read, so an edited one is a new entry.
- A pattern is kept only when the pattern made from its codes is equal to what
  ``re.compile`` gave (``Pattern.__eq__`` compares the flags, the pattern and the
  codes) and has the same groups. Where ``re``'s internals are not those of Python
  3.11 to 3.13 (Python 3.10 has no ``re._compiler``), nothing is kept.
- A file that cannot be read, or holds anything unexpected, is passed over; a kept
  pattern that ``_sre.compile`` refuses is compiled by ``re``.

The file is written once, at the end of a process that compiled something the file
did not have (atomically, merged with what another process wrote meanwhile), unless
Python writes no bytecode either (``PYTHONDONTWRITEBYTECODE``, ``python -B``) or
``CABLELINT_NO_CACHE`` is set; it is never written into the package or a shared
temporary folder. Deleting it costs the next run its compiles, nothing else;
``cablelint clean`` deletes it (:func:`remove`).
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
from array import array
from types import CodeType
from typing import Any, Callable, Optional

try:  # re's own steps (Python 3.11 to 3.13)
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _sre_compile: Optional[Callable[..., re.Pattern[str]]] = _sre.compile
    _STAMP: tuple[Any, ...] = ("cablelint compiled 1", sys.version, _sre.MAGIC, _sre.CODESIZE)
    _CODE = next(t for t in "IL" if array(t).itemsize == _sre.CODESIZE)
except (ImportError, AttributeError, StopIteration):  # (Python 3.10: sre_compile)
    _sre_compile = None
    _STAMP, _CODE = ("cablelint compiled 1", sys.version), "I"

# ("re", pattern, flags) -> the flags re gave it, its codes (bytes of an array), the
# number of groups less one, the group names' numbers, the groups' names by number;
# ("py", source, file name) -> the code object compile() made of it; ("toml", text, 0)
# -> what tomllib.loads gave
Key = tuple[str, str, Any]
Entry = tuple[int, bytes, int, dict[str, int], tuple[Optional[str], ...]]
_LIMIT = 2000  # more entries than this: keep only this process's (old patterns go)


def default_path() -> Optional[str]:
    """The file of what this Python keeps, or None without a cache folder."""
    tag = sys.implementation.cache_tag
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or None
        if base is None or not os.path.isabs(base):
            home = os.path.expanduser("~")
            base = os.path.join(home, ".cache") if home != "~" else None
    if base is None or tag is None:
        return None
    return os.path.join(base, "cablelint", f"compiled-{tag}.marshal")


class Compiled:
    """What the file *path* keeps (nothing when it is None or unreadable), and what was
    compiled since, written back by :meth:`save` when *writable*. Its entries are keyed
    by kind (``"re"``, ``"py"``), text and flags."""

    def __init__(self, path: Optional[str], writable: bool) -> None:
        self.path = path
        self.writable = writable and path is not None
        self.kept: dict[Key, Any] = _read(path) if path is not None else {}
        self.new: dict[Key, Any] = {}
        self.used: set[Key] = set()

    def regex(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """``re.compile(pattern, flags)``, from the kept codes when there are some."""
        key = ("re", pattern, int(flags))
        entry = self.kept.get(key)
        if entry is not None and _sre_compile is not None:
            try:
                final, code, groups, groupindex, indexgroup = entry
                made = _sre_compile(pattern, final, array(_CODE, code).tolist(), groups, dict(groupindex), indexgroup)
            except Exception:  # (a damaged entry: compile it afresh)
                pass
            else:
                self.used.add(key)
                return made
        compiled = re.compile(pattern, flags)
        if self.writable and _sre_compile is not None and not flags & re.DEBUG and isinstance(pattern, str):
            made_entry = _entry(pattern, key[2], compiled)
            if made_entry is not None:
                self.new[key] = made_entry
                self.used.add(key)
        return compiled

    def code(self, source: str, filename: str) -> CodeType:
        """``compile(source, filename, "exec")``, or the code object kept for it."""
        key = ("py", source, filename)
        kept = self.kept.get(key)
        if isinstance(kept, CodeType):
            self.used.add(key)
            return kept
        made: CodeType = compile(source, filename, "exec")
        if self.writable:
            self.new[key] = made
            self.used.add(key)
        return made

    def reading(self, kind: str, text: str, read: Callable[[str], Any]) -> Any:
        """``read(text)``, a pure function of the text and of this Python (``kind``
        names it: ``"toml"`` for ``tomllib.loads``), or what it gave for the same
        text earlier in this process or in an earlier one. A result is kept only when
        marshal gives it back equal (plain data: no dates, no NaN); an error is never
        kept. The caller must not change what it gets."""
        key = (kind, text, 0)
        found = self.new.get(key, self.kept.get(key))
        if found is not None:
            self.used.add(key)
            return found
        made = read(text)
        try:
            same = made is not None and marshal.loads(marshal.dumps(made)) == made
        except ValueError:  # (a type marshal does not keep: a date)
            same = False
        if same:  # (kept in this process whether or not the file is written)
            self.new[key] = made
            self.used.add(key)
        return made

    def save(self) -> None:
        """Write the file when this process compiled something it did not have."""
        if not (self.new and self.writable and self.path is not None):
            return
        entries = _read(self.path)  # (what another process may have written meanwhile)
        entries.update(self.kept)
        entries.update(self.new)
        if len(entries) > _LIMIT:
            entries = {key: entries[key] for key in self.used if key in entries}
        temp = f"{self.path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(temp, "wb") as out:
                marshal.dump((_STAMP, entries), out)
            os.replace(temp, self.path)
        except (OSError, ValueError):  # (a folder that cannot be written: no cache)
            try:
                os.unlink(temp)
            except OSError:
                pass
        self.kept, self.new = entries, {}


def _read(path: str) -> dict[Key, Any]:
    """The entries of the file *path*, or none when it is missing, unreadable or from
    another Python."""
    try:
        with open(path, "rb") as f:
            stamp, entries = marshal.loads(f.read())  # (load(f) reads it piece by piece)
    except Exception:  # (missing, truncated, not marshal, not a pair)
        return {}
    if stamp != _STAMP or not isinstance(entries, dict):
        return {}
    return entries


def _entry(pattern: str, flags: int, compiled: re.Pattern[str]) -> Optional[Entry]:
    """What to keep of *pattern*: re's own steps again (re._compiler.compile's), the
    result checked equal to *compiled*; None where they differ or fail."""
    assert _sre_compile is not None
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[Optional[str]] = [None] * parsed.state.groups
        for name, number in groupindex.items():
            indexgroup[number] = name
        entry: Entry = (flags | parsed.state.flags, array(_CODE, code).tobytes(), parsed.state.groups - 1, groupindex, tuple(indexgroup))
        final, data, groups, index, names = entry
        again = _sre_compile(pattern, final, array(_CODE, data).tolist(), groups, dict(index), names)
    except Exception:
        return None
    if again != compiled or again.groups != compiled.groups or again.groupindex != compiled.groupindex:
        return None
    return entry


def _writable() -> bool:
    """Whether this process may write the file: as Python writes bytecode, and not
    with ``CABLELINT_NO_CACHE`` set to a yes (as ``cablelint check`` reads it)."""
    no_cache = os.environ.get("CABLELINT_NO_CACHE", "").strip().lower() in ("1", "true", "yes", "on")
    return not (sys.dont_write_bytecode or no_cache)


_KEPT: Optional[Compiled] = None


def kept() -> Compiled:
    """What the process's earlier ones kept, read on first use (saved at its exit)."""
    global _KEPT
    if _KEPT is None:
        _KEPT = Compiled(default_path(), _writable())
        if _KEPT.writable:
            atexit.register(_KEPT.save)
    return _KEPT


def remove() -> list[str]:
    """Delete what this user's cablelint kept, for every Python (``cablelint clean``):
    the ``compiled-*.marshal`` files of :func:`default_path`'s folder (and their
    temporary files), then the folder when nothing else is in it; this process keeps
    nothing more either, so that its exit does not write the file again. The folder is
    the one the process read at its imports, never one named by an option. Returns the
    paths removed."""
    global _KEPT
    if _KEPT is not None:
        _KEPT.writable, _KEPT.new = False, {}
    else:
        _KEPT = Compiled(None, False)
    path = default_path()
    if path is None:
        return []
    folder = os.path.dirname(path)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    removed = []
    for name in names:
        if name.startswith("compiled-") and (name.endswith(".marshal") or (".marshal." in name and name.endswith(".tmp"))):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                continue
            removed.append(os.path.join(folder, name))
    try:
        os.rmdir(folder)  # (only when empty)
    except OSError:
        pass
    return removed


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, made from the codes kept by an earlier process
    when there are some (see the module's docstring)."""
    return kept().regex(pattern, flags)


def code(source: str, filename: str) -> CodeType:
    """``compile(source, filename, "exec")``, kept for the next process: for the
    functions cablelint writes out as source (the records' constructors)."""
    return kept().code(source, filename)


def reading(kind: str, text: str, read: Callable[[str], Any]) -> Any:
    """``read(text)``, kept for this process and the next (see :meth:`Compiled.reading`):
    for the configuration files' TOML."""
    return kept().reading(kind, text, read)
