"""The result cache of ``cablelint check``: each file's findings, kept between runs.

A file's findings are decided by its bytes, the rules per-file-ignores turns off
for the path it is named by (with plugin rules, which may quote it, that path
itself), the resolved configuration and command line, and the code that lints it:
cablelint's own files, the plugins' files, lark and Python. All of these make up the
key; a cached result is used only when every part is the same, so it is exactly what
a fresh lint would give. A file is keyed by its real path (links resolved), so that
one file named two ways (through a linked folder, ``..``) has one entry.

Layout: one folder per configuration and code that lints (its name is a digest of
the settings, then one of the code) under ``<cache folder>/v3/``, holding up to 256 files (shards, ``<xx>.shard``; a file's entry
is in the shard a digest of its path names, so a run over a few files of a large
project reads and writes a few small files). A shard's first line names the format
and the digest of the code that lints (``tool``); then one line per file, four fields
apart by tabs: its path in JSON, the day it was last used, the digest of its bytes,
and its findings with their fixes in JSON. Two installs of cablelint (pre-commit's
own and the one a user runs, or two versions) keep their results apart, in folders of
their own, rather than replacing each other's at every turn; for one configuration
the folders of the :data:`KEEP_TOOLS` codes that wrote last are kept (an editable
install makes a new one at each edit). A shard whose first line differs is
treated as empty and replaced. The shards a
run used are written once at its end, atomically (a temporary file renamed over
each), merged with what another run may have written meanwhile; entries unused for
:data:`KEEP_DAYS` days are dropped, and so are configurations' folders not written to
for as long. A cache that cannot be read or written is passed over without a word: it
never fails a run or changes what it prints. The folder is taken only when cablelint
makes it or finds it empty (then marked: ``cache_folder.py``), or it is a cablelint
cache already; one holding anything else is the user's (:func:`foreign`), refused by
the command line and never written to, and nothing is deleted but what cablelint names.
"""

from __future__ import annotations

import os
import sys
import time
from functools import lru_cache
from types import SimpleNamespace
from typing import Any, Callable, Optional, Union

from cablelint import __version__
from cablelint.files import TEMP_SUFFIX, FileLock, RealPaths, blake2b, is_dir, tree_stamps, write_atomically
from cablelint.grammar.tables import lark_version
from cablelint.linter.config import Config
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter import CACHE_FOLDER as FOLDER
from cablelint.linter.engine import Linter
from cablelint.linter.rule import SEVERITIES, Edit, Fix
from cablelint.span import Span

FORMAT = 3
SHARDS = 256  # the files a configuration's entries are spread over (one byte of a digest)
KEEP_DAYS = 30
KEEP_TOOLS = 4  # per configuration, the folders of the codes that wrote last
LOCK = "lock"  # a configuration's lock file: one run at a time merges its shards
TAG = "CACHEDIR.TAG"  # (the Cache Directory Tagging spec's name and signature)
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by cablelint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
GITIGNORE = "# Made by cablelint: the folder is a cache.\n*\n"
_PACKAGE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # src/cablelint


def default_folder(config: Config) -> str:
    """Where the cache lives unless told: in the folder of the configuration file
    found (the project's root), else in the current folder."""
    return os.path.join(config.root, FOLDER)


def tool_key(linter: Linter) -> Optional[str]:
    """The digest of the code that lints: cablelint's version and files (an editable
    install whose code changed is another tool), the plugins' files (as the process
    first looked at them, right after it imported them), lark and Python;
    None when it cannot be told (then nothing is cached)."""
    parts = [__version__, sys.version, sys.platform, lark_version()]
    if not is_dir(_PACKAGE):
        return None  # run from a zip file: its files cannot be looked at one by one
    try:
        tree_stamps(_PACKAGE, parts)
        if linter.registry.origins:  # (imported only with plugins installed)
            from cablelint.linter.code_files import plugin_states

            for origin, state in plugin_states(linter.registry).items():
                if state is None:  # a rule with no file to look at: no key
                    return None
                parts += [f"plugin {origin}", *state]
    except OSError:
        return None
    return blake2b("\n".join(parts).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


# A long-running process's word that the code on disk is still the code it runs
# (code_files.LoadedCode.same, which check --watch puts here): asked when a cache is
# opened and again before it is saved (a --jobs worker imports the plugins afresh
# meanwhile), and once it says no, no cache is read or written.
GUARD: list[Callable[[], bool]] = []


def _vouched() -> bool:
    return all(same() for same in GUARD)


def settings_key(linter: Linter) -> str:
    """The digest of the configuration and the command line that chose the rules,
    their severities and options (--strict included). Not the include and exclude
    globs: they choose which files are linted, not what a file's lint finds, so a run
    given --exclude shares the entries of one without."""
    from dataclasses import replace

    text = repr((replace(linter.config, include=(), exclude=()), linter.cli, linter.strict))
    return blake2b(text.encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()


def _today() -> int:
    return int(time.time() // 86400)


def _json(value: Any) -> str:
    # ASCII only (the default): no line break or tab inside, so an entry is one line.
    # (json is imported where an entry is written: a run with --no-cache, or one
    # answered from the cache, does without it, 5M instructions)
    import json

    return json.dumps(value, separators=(",", ":"))


@lru_cache(maxsize=1)
def _accelerated() -> Optional[tuple[Callable[[str], str], Callable[[str, int], tuple[Any, int]]]]:
    """CPython's accelerator of json (``_json``, the C functions ``json.dumps`` and
    ``json.loads`` run): its string encoder, and a scanner made with the defaults of
    ``json.JSONDecoder`` (``float`` reads NaN, Infinity and -Infinity as its
    constants do). A run answered from the cache names its entries and reads their
    findings with them, without importing json itself (its four modules and the six
    patterns they compile: 4.9M instructions of the 200M of a one-file check). None
    on a Python without it (then json)."""
    try:
        import _json
    except ImportError:  # pragma: no cover (not CPython)
        return None
    # (what the scanner reads of the decoder it scans for; typeshed asks for a scanner)
    decoding: Any = SimpleNamespace(strict=True, object_hook=None, object_pairs_hook=None, parse_float=float, parse_int=int, parse_constant=float)
    return _json.encode_basestring_ascii, _json.make_scanner(decoding)


def _json_text(name: str) -> str:
    """``json.dumps(name)``: the string in JSON, ASCII only."""
    fast = _accelerated()
    return _json(name) if fast is None else fast[0](name)


_JSON_SPACE = " \t\n\r"  # (what json.loads passes over around the value)


def _json_value(text: str) -> Any:
    """``json.loads(text)``: the value, or ValueError (JSONDecodeError) when *text*
    is not one JSON value (RecursionError when it nests too deep)."""
    fast = _accelerated()
    if fast is None:  # pragma: no cover (not CPython)
        import json

        return json.loads(text)
    body = text.strip(_JSON_SPACE)
    try:
        value, end = fast[1](body, 0)
    except StopIteration:
        raise ValueError("expected a JSON value") from None
    if end != len(body):
        raise ValueError("extra data after the JSON value")
    return value


def _day(entry: str) -> int:
    """The day an entry's line says it was last used (-1: none it can say)."""
    day = entry.partition("\t")[0]
    return int(day) if day.isdigit() else -1


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
    linting a file, :meth:`put` after, :meth:`save` at the end of the run.

    The entries are spread over :data:`SHARDS` files (shards) by a digest of each
    file's key, and a shard is read only when a file of it is looked up: a run over a
    few files of a large project reads and writes a few small files, not the whole
    cache. A shard is a line of text per file, and an entry is kept as its line until
    its findings are asked for: reading a shard parses no JSON, an entry held costs
    the length of its line, and one that is kept as it was is written back as read."""

    def __init__(
        self,
        folder: Union[str, os.PathLike[str]],
        settings: str,
        tool: str,
        by_shown_path: bool = False,
        ignored: Optional[Callable[[str], frozenset[str]]] = None,
        real_paths: Optional[dict[str, str]] = None,
    ) -> None:
        self.folder = os.fspath(folder)
        self.by_shown_path = by_shown_path
        self.ignored = ignored  # the codes per-file-ignores turns off for a path as named
        self.real = RealPaths(real_paths)  # (those the walk found: runner.walk's keys)
        self.keys: dict[str, tuple[str, str]] = {}  # (a file is looked up, then stored)
        # (another install, or version, of cablelint has a folder of its own)
        self.home = os.path.join(self.folder, f"v{FORMAT}", f"{settings}-{tool[:16]}")
        self.tool = tool
        self.head = f"cablelint cache {FORMAT} {tool}"  # a shard's first line
        self.today = _today()
        # per shard, read so far and what this run adds or uses: the key of a file
        # (its name in JSON) -> the rest of its line, "day<TAB>digest<TAB>findings"
        self.shards: dict[str, dict[str, str]] = {}
        self.touched: dict[str, dict[str, str]] = {}

    @classmethod
    def open(cls, folder: str, linter: Linter, real_paths: Optional[dict[str, str]] = None) -> Optional[Cache]:
        """The cache for *linter*'s settings, or None when its rules cannot be vouched
        for (a plugin without a file). *real_paths* holds the keys of the files the
        run found (path -> its real path, as ``runner.walk`` gives them)."""
        if not _vouched():
            return None
        tool = tool_key(linter)
        # cablelint's rules never read the path a file is shown by, so `check .` and
        # `check x.cable` share x's entry, and so does a link to x unless the
        # per-file-ignores of the two names differ; a plugin rule may quote the path
        # in a message
        ignored = linter.ignored_in if linter.per_file else None
        return None if tool is None else cls(folder, settings_key(linter), tool, bool(linter.registry.origins), ignored, real_paths)

    def _file(self, shard: str) -> str:
        return os.path.join(self.home, f"{shard}.shard")

    def _read(self, shard: str) -> dict[str, str]:
        """The entries of *shard* on disk: none when its file is absent, unreadable or
        of another format or tool; a line that is not an entry is passed over."""
        try:
            with open(self._file(shard), encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError):
            return {}
        head, _, body = text.partition("\n")
        if head != self.head:
            return {}
        entries = {}
        for line in body.split("\n"):
            key, tab, rest = line.partition("\t")
            if tab:
                entries[key] = rest
        return entries

    def _key(self, path: str) -> tuple[str, str]:
        """The entry's key (the file's real path, then the rules per-file-ignores
        turns off for *path* when there are any, and *path* when plugin rules may
        quote it; in JSON: no tab, no line break) and its shard."""
        found = self.keys.get(path)
        if found is not None:
            return found
        name = self.real(path)
        if self.ignored is not None:
            name += "\0" + ",".join(sorted(self.ignored(path)))
        if self.by_shown_path:
            name += "\0" + path
        found = self.keys[path] = _json_text(name), blake2b(name.encode("utf-8", "surrogateescape"), digest_size=1).hexdigest()
        return found

    def _entries(self, shard: str) -> dict[str, str]:
        entries = self.shards.get(shard)
        if entries is None:
            entries = self.shards[shard] = self._read(shard)
        return entries

    def holds(self, path: str) -> bool:
        """Whether there is an entry for *path* (of whatever bytes): a file without one
        need not be read to be looked up."""
        key, shard = self._key(path)
        return key in self._entries(shard)

    def get(self, path: str, digest: str) -> Optional[list[Diagnostic]]:
        """The findings of *path* when its bytes' digest is *digest*, or None."""
        key, shard = self._key(path)
        entry = self._entries(shard).get(key)
        if entry is None:
            return None
        day, _, rest = entry.partition("\t")
        stored, _, findings = rest.partition("\t")
        if stored != digest:
            return None
        try:
            items = _json_value(findings)
            if type(items) is not list:
                return None
            found = [_decode(path, item) for item in items]
        except (ValueError, TypeError, RecursionError):
            return None
        if day != str(self.today):
            self.touched.setdefault(shard, {})[key] = f"{self.today}\t{digest}\t{findings}"
        return found

    def put(self, path: str, digest: str, diagnostics: list[Diagnostic]) -> None:
        key, shard = self._key(path)
        self.touched.setdefault(shard, {})[key] = f"{self.today}\t{digest}\t{_json([_encode(d) for d in diagnostics])}"

    def save(self) -> None:
        """Write each shard this run added to or used, over what is on disk now
        (another run may have written meanwhile), without the entries unused for
        KEEP_DAYS days. Nothing is written when nothing changed; a failure is passed
        over. Runs that save at once (pre-commit's parallel batches) take turns
        under the configuration's lock: each merges what the one before wrote, so
        neither loses the other's new entries (without a lock to be had, the last
        to write a shard both read wins it: misses, never a wrong result)."""
        if not self.touched or not _vouched():
            return
        oldest = self.today - KEEP_DAYS
        try:
            self._prepare()
            with FileLock(os.path.join(self.home, LOCK)):
                for shard, touched in sorted(self.touched.items()):
                    lines = [self.head]
                    lines += [f"{k}\t{v}" for k, v in self._read(shard).items() if k not in touched and _day(v) >= oldest]
                    lines += [f"{k}\t{v}" for k, v in touched.items()]
                    # not flushed to disk: a crash may leave a shard empty, and an empty
                    # shard is only a miss (thousands of fsyncs would cost seconds)
                    write_atomically(str(self._file(shard)), "\n".join(lines) + "\n", durable=False)
        except OSError:
            pass  # a read-only corpus, a full disk: the run goes on without a cache

    def _prepare(self) -> None:
        """Make the cache folder, or take one that is empty, marked so that git and
        backup tools leave it out, and clear out what is stale; OSError (nothing is
        saved) when the folder holds files that are not cablelint's and is no cache:
        cablelint writes nothing among a user's files, and deletes none."""
        from cablelint.linter.cache_folder import mark, prune

        if not tagged(self.folder):
            if _names(self.folder) != []:
                raise OSError(f"{self.folder} holds files that are not cablelint's")
            mark(self.folder)
        os.makedirs(self.home, exist_ok=True)
        prune(self.folder, self.home)


def tagged(folder: str) -> bool:
    """Whether *folder* holds cablelint's CACHEDIR.TAG, as cablelint writes it."""
    return holds(os.path.join(folder, TAG), CACHEDIR_TAG)


def holds(path: str, text: str) -> bool:
    """Whether the file *path* holds *text* and nothing else (a file cablelint wrote)."""
    try:
        with open(path, encoding="utf-8") as f:
            return f.read(len(text) + 1) == text
    except (OSError, UnicodeDecodeError):
        return False


def foreign(folder: str) -> list[str]:
    """The names (sorted) of what *folder* holds when it cannot be
    taken for the cache, else none: it can when it does not exist yet, is empty
    (a temporary file of cablelint's aside: another run marking it) or is a
    cablelint cache (its CACHEDIR.TAG is cablelint's, written only into a folder
    cablelint made or found empty). A folder that cannot be listed is passed over
    as a cache that cannot be read is: nothing is saved in it."""
    names = [] if tagged(folder) else _names(folder)
    return names or []


def _names(folder: str) -> Optional[list[str]]:
    """What *folder* holds but cablelint's temporary files, sorted ([] when it does
    not exist; None when it cannot be listed)."""
    try:
        with os.scandir(folder) as entries:
            return sorted(e.name for e in entries if not (e.name.startswith(".") and e.name.endswith(TEMP_SUFFIX)))
    except FileNotFoundError:
        return []
    except OSError:
        return None
