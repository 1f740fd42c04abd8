"""Running the linter over many files: walking folders, parallel jobs, progress.

Folders are walked in sorted order and honour the include/exclude globs; files named
explicitly are always linted. With ``jobs > 1`` files are linted in worker processes
and the results come back in input order, so the output is identical to ``jobs=1``.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING, Callable, Generator, Iterable, Iterator, Optional, TextIO

from cablelint.files import LoadedFile, digest, fingerprint, from_bytes, is_dir, load, named_path, path_text, read_bytes
from cablelint.linter.config import Config
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.engine import Crash, Linter
from cablelint.linter.selection import Layer, name_matches, path_matches

if TYPE_CHECKING:  # (imported by the CLI when a run uses it)
    from cablelint.linter.cache import Cache


# Folders that tools keep (version control, virtual environments, caches): a folder
# walk never enters one. A cable in one is still linted when named, or its folder is.
TOOL_FOLDERS = frozenset(
    {".git", ".hg", ".svn", ".bzr", ".venv", "venv", ".tox", ".nox", "__pypackages__", "site-packages", ".eggs"}
    | {"node_modules", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".cablelint_cache"}
)


def walk(
    paths: Iterable[str],
    config: Config,
    force_exclude: bool = False,
    stdin_name: str = "-",
    empty: Optional[Callable[[str], None]] = None,
    keys: Optional[dict[str, str]] = None,
) -> list[str]:
    """The files to lint, in a stable order: each argument in turn, folders sorted.
    A file named explicitly is linted even when ``exclude`` matches it, unless
    *force_exclude* (pre-commit and editors name every file they check); then
    standard input is skipped too when the name it is shown by (*stdin_name*) is
    excluded. The folders of :data:`TOOL_FOLDERS` inside a walked folder are passed
    over (a ``check .`` at a repository's root is not about ``.venv``). *empty* is
    called with each folder in which no file is linted. *keys*, when given, gets
    each file's real path (``os.path.realpath``), which the walk finds anyway: the
    result cache keys a file by it, and the baseline names it by it."""
    out: list[tuple[str, str]] = []  # each file and its real path
    paths = list(paths)
    linked = False  # (whether a file linked to was found: its real path is spelt as the link spells it)
    for raw in paths:
        if raw != "-" and _is_dir(raw):
            found: list[tuple[str, str]] = []
            linked = _walk(raw, os.path.realpath(raw), config, found) or linked
            if not found and empty is not None:
                empty(raw)
            out.extend(found)
        else:
            name = stdin_name if raw == "-" else raw
            if force_exclude and name != "-" and excluded(name, config):
                continue
            out.append((raw, raw if raw == "-" else os.path.realpath(raw)))
    # one folder walked, with no link in it, names no file twice, in any case: a
    # disk that compares names without regard to case lists each name once
    return _once(out, keys, cased=len(paths) > 1 or linked)


def _walk(top: str, real: str, config: Config, found: list[tuple[str, str]]) -> bool:
    """Add to *found* the files the walk of the folder *top* (whose real path is
    *real*) lints, each with its real path: its files by name, then its
    folders' in turn (a link to a folder is not followed). A folder that cannot be
    listed is added as a path: F000 says why. Only regular files and links are
    linted: a named pipe, a socket or a device is passed over, as git passes it
    over (reading a pipe nothing writes to would wait for ever); a dangling link is
    linted, and F000 says it cannot be read. A file's real path is made from that
    of its folder, found once for the walk (a realpath for each file cost half the
    walk of a large archive); only a link needs its own. Whether a link to a file
    was found."""
    try:
        with os.scandir(top) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        found.append((top, os.path.realpath(top)))
        return False
    folders = []
    linked = False
    for entry in entries:
        try:
            folder = entry.is_dir()
        except OSError:
            folder = False
        if folder:
            if enters(top, entry.name, config):
                folders.append(entry)
        elif lints(top, entry.name, config) and _lintable(entry):
            link = entry.is_symlink()
            linked = linked or link
            found.append((entry.path, os.path.realpath(entry.path) if link else os.path.join(real, entry.name)))
    for entry in folders:
        if not entry.is_symlink():
            linked = _walk(entry.path, os.path.join(real, entry.name), config, found) or linked
    return linked


def _lintable(entry: os.DirEntry[str]) -> bool:
    """Whether a walk lints the file *entry*: a regular file, a link to one, or a
    link that leads nowhere (see :func:`_walk`)."""
    try:
        return entry.is_file() or (entry.is_symlink() and not os.path.exists(entry.path))
    except OSError:
        return True


def enters(folder: str, name: str, config: Config) -> bool:
    """Whether a folder walk goes into the subfolder *name* of *folder*: not a tool's
    folder (:data:`TOOL_FOLDERS`, ``*.egg-info``), not excluded. A tool's folder is
    known by its name in the case the system compares names in, as globs match
    (``selection.caseless``): ``.VENV`` is ``.venv`` on Windows, not elsewhere."""
    tool = os.path.normcase(name)
    return tool not in TOOL_FOLDERS and not tool.endswith(".egg-info") and not excluded(os.path.join(folder, name), config)


def lints(folder: str, name: str, config: Config) -> bool:
    """Whether a folder walk lints the file *name* of *folder*: included, not
    excluded. An ``include`` glob without a slash matches the file's name
    (``*.cable``); one with a slash, its path from the configuration's folder
    (``cables/**/*.txt``), as ``exclude`` globs do."""
    return included(folder, name, config) and not excluded(os.path.join(folder, name), config)


def included(folder: str, name: str, config: Config) -> bool:
    """Whether an ``include`` glob matches the file *name* of *folder*."""
    for glob in config.include:
        if "/" in glob:  # (a backslash is refused: see config._globs)
            if path_matches(named_path(os.path.join(folder, name)), glob, config.root):
                return True
        elif name_matches(name, glob):
            return True
    return False


def same_file_key(path: str) -> str:
    """*path* as a key that two names of one file share (links, case on Windows);
    two keys told apart by case alone may be one file too (:func:`same_file`)."""
    return os.path.normcase(os.path.realpath(path))


def same_file(key: str, other: str) -> bool:
    """Whether the same-file keys *key* and *other* (:func:`same_file_key`) are one
    file: equal, or told apart by case alone and one file to the system (its device
    and inode, ``os.path.samestat``): a disk that compares names without regard to
    case, as macOS's does unless formatted otherwise, has ``A.cable`` and
    ``a.cable`` as one file, which neither ``realpath`` nor ``normcase`` tells
    there. Only names told apart by case alone are looked at, which few runs hold:
    two hard links to one file under other names are two files, as git and ruff
    take them (see README, Use)."""
    if key == other:
        return True
    if key.lower() != other.lower():
        return False
    try:
        return os.path.samefile(key, other)
    except (OSError, ValueError):  # (gone, unreadable, or a NUL in the name)
        return False


def _once(paths: list[tuple[str, str]], keys: Optional[dict[str, str]] = None, cased: bool = True) -> list[str]:
    """*paths* (each with its real path) without a file named again (``a.cable
    ./a.cable``, a link to it, a folder and a file in it, ``-`` twice, ``A.cable``
    on a disk where that is ``a.cable``): each file is linted and reported once, as
    first named (and its real path put in *keys*). Two names are one file when
    their real paths are one in the case the system compares names in, or differ in
    case alone and the system says they are one file (:func:`same_file`), which
    only *cased* looks for (a walk knows when no two names can be told apart by
    case alone: looking costs a twentieth of a walk)."""
    seen: set[str] = set()
    out = []
    for path, real in paths:
        key = os.path.normcase(real)
        if key not in seen:
            seen.add(key)
            out.append(path)
            if keys is not None:
                keys[path] = real
    if cased and len({key.lower() for key in seen}) < len(seen):  # (rare: then each such name is looked at)
        kept = _one_in_any_case(paths)
        if keys is not None:
            for path in set(out) - set(kept):
                del keys[path]
        return kept
    return out


def _one_in_any_case(paths: list[tuple[str, str]]) -> list[str]:
    """:func:`_once`'s answer when two of the keys kept differ in case alone: a
    file named again in other case (:func:`same_file`) is left out too. (Apart:
    the walk of many files makes no container a file, which the garbage collector
    would go through.)"""
    folded: dict[str, list[str]] = {}
    out = []
    for path, real in paths:
        key = os.path.normcase(real)
        others = folded.setdefault(key.lower(), [])
        if not any(same_file(key, other) for other in others):
            others.append(key)
            out.append(path)
    return out


def _is_dir(path: str) -> bool:
    """Whether *path* is a folder; a path the system cannot look at (a name too long,
    a folder above it unreadable) is not, and reading it reports why (F000)."""
    try:
        return is_dir(path_text(path))
    except OSError:
        return False


def excluded(path: str, config: Config) -> bool:
    """Whether the ``exclude`` globs of *config* match *path*."""
    return any(path_matches(named_path(path), g, config.root) for g in config.exclude)


class FileResult:
    """What linting one file gave. (A plain class: a dataclass compiles its methods at
    every start.)"""

    __slots__ = ("diagnostics", "text", "crashes", "digest", "key")

    def __init__(
        self,
        diagnostics: list[Diagnostic],
        text: Optional[str],
        crashes: list[Crash],
        digest: Optional[str] = None,  # of the text linted: --fix refuses a file whose text has changed since
        key: Optional[str] = None,  # of the bytes linted, for the cache (None: not to be cached)
    ) -> None:
        self.diagnostics = diagnostics
        self.text = text
        self.crashes = crashes
        self.digest = digest
        self.key = key


_WORKER: list[Linter] = []
_SETTLED: list[int] = []  # (the id of the process whose collector settle froze)


def settle(freeze: bool = True) -> None:
    """Ready a process that is about to lint many files: make the document parser now,
    then freeze the garbage collector's view of every object made so far (the parser
    tables, the compiled patterns, the rules). Those live as long as the process, and
    each full collection would otherwise walk all of them again: about a tenth of the
    time a check takes. For processes cablelint owns (the script, the --jobs workers):
    a library must not do this to its callers, so with *freeze* false (the CLI run
    inside another program, as under a test's CliRunner) the parser is only made. A
    process is frozen once: what a later call would freeze (--watch's next round) is
    the last round's leftovers, garbage cycles among them, kept for good. The parser's
    modules and Lark, and the built-in rule modules, are imported here, at the first
    file to parse (a run answered from the result cache never imports them), with the
    collector off, as the CLI's own imports are."""
    if os.getpid() in _SETTLED:
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        from cablelint.grammar.parser import document_parser
        from cablelint.rules import builtin_rules

        document_parser()
        builtin_rules()  # (the rule modules: a linter's rules are made from them)
    finally:
        if freeze:
            gc.freeze()
            _SETTLED[:] = [os.getpid()]  # (a forked worker is another process)
        if enabled:
            gc.enable()


def _init_worker(config: Config, cli: Layer, strict: bool, quiet: bool, mask: Optional[set[int]] = None) -> None:
    """A --jobs worker's linter; *quiet*: the parent's linter sends what plugins
    print somewhere (Linter's prints_to: the CLI's standard error). That stream
    cannot be handed to another process, so the worker, whose standard output and
    error are the parent's, puts its sys.stdout on its standard error for its whole
    life: where the CLI's go, and off the parent's standard output in any case; a
    line at a time (:func:`_whole_lines`), so that the workers' lines do not mix.
    *mask*: the signals the parent blocked before it held them all to start the
    workers (:func:`_held_signals`), blocked again here and no others."""
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    sys.stderr = _whole_lines(sys.stderr)
    if quiet:
        sys.stdout = sys.stderr
    _WORKER[:] = [Linter(config, cli, strict=strict)]
    settle()


def _whole_lines(stream: TextIO) -> TextIO:
    """*stream*, or a line-buffered stream on its descriptor when it writes each
    piece as it comes (PYTHONUNBUFFERED=1, ``python -u``): print() writes its words,
    the blanks between them and the line end one at a time, and the other workers,
    writing to the same descriptor meanwhile, cut into a plugin's line. Line by line
    each line goes out in one write, whole, as Python's standard error does
    otherwise. (A stream that is no file's, a test runner's, is left alone.)"""
    if getattr(stream, "line_buffering", True):
        return stream
    try:
        fd = stream.fileno()
        stream.flush()
        return open(fd, "w", buffering=1, encoding=stream.encoding, errors=stream.errors, closefd=False)
    except (AttributeError, OSError, ValueError):
        return stream


def _lint_path(path: str, digests: bool = False, keys: bool = False) -> FileResult:
    linter = _WORKER[0]
    if keys:
        result = _lint_keyed(linter, path, read_bytes(path))
        result.text = None  # (not sent back: the parent reads it again if needed)
        return result
    before = len(linter.crashes)
    loaded = load(path)
    diags = linter.lint_file(loaded)
    crashes = linter.crashes[before:]
    return FileResult(diags, None, crashes, fingerprint(loaded) if digests else None)


def _lint_keyed(linter: Linter, path: str, data: bytes | LoadedFile) -> FileResult:
    """Lint what was read of *path*; the result carries the digest of the bytes, to
    be cached under, unless the file could not be read or a rule (or the parser)
    failed on it: a result that is not whole is not kept."""
    loaded = data if isinstance(data, LoadedFile) else from_bytes(path, data)
    before = len(linter.crashes)
    diags = linter.lint_file(loaded)
    crashes = linter.crashes[before:]
    key = digest(data) if isinstance(data, bytes) and not crashes else None
    return FileResult(diags, loaded.text, crashes, None, key)


def _cached(cache: Cache, path: str) -> tuple[bytes | LoadedFile, Optional[FileResult]]:
    """What was read of *path*, and its cached result when there is one."""
    data = read_bytes(path)
    if isinstance(data, LoadedFile):
        return data, None
    found = cache.get(path, digest(data))
    return data, None if found is None else FileResult(found, None, [])


def lint_paths(
    linter: Linter,
    paths: list[str],
    jobs: int = 1,
    stdin: Optional[Callable[[], LoadedFile]] = None,
    digests: bool = False,
    cache: Optional[Cache] = None,
    ready: Optional[Callable[[], None]] = None,
) -> Generator[tuple[str, FileResult], None, None]:
    """Lint *paths* in order, yielding (path, result) as each file is done. With
    *digests* (for --fix and --diff) each result carries the fingerprint of the text
    linted; a plain check does not hash its files. With a *cache*, a file whose
    result it holds is not linted again (standard input always is), and each new
    whole result is put in it; the caller saves it. *ready* is called once before
    the first file is linted, not at all when every file comes from the cache (the
    CLI settles its process then, before any --jobs worker is forked)."""
    pending = [ready] if ready is not None else []

    def prepare() -> None:
        while pending:
            pending.pop()()

    if cache is None:
        prepare()
        yield from _lint_missed(linter, paths, jobs, stdin, digests, keys=False)
        return
    if min(jobs, len(paths)) <= 1:
        for path in paths:
            if path == "-":
                prepare()
                yield from _lint_missed(linter, [path], 1, stdin, digests, keys=False)
                continue
            data, result = _cached(cache, path)
            if result is None:
                prepare()
                result = _lint_keyed(linter, path, data)
                if result.key is not None:
                    cache.put(path, result.key, result.diagnostics)
            yield path, result
        return
    # the parent looks up every file; the workers lint the others
    # (only the files the cache has an entry for are read here: the workers read the
    # others, and a cold run would otherwise read every file twice)
    hits = {path: hit for path in paths if path != "-" and cache.holds(path) and (hit := _cached(cache, path)[1]) is not None}
    if len(hits) < len(paths):
        prepare()
    results = _lint_missed(linter, [p for p in paths if p not in hits], jobs, stdin, digests, keys=True)
    for path in paths:
        if path in hits:
            yield path, hits[path]
            continue
        shown, result = next(results)
        if result.key is not None:
            cache.put(shown, result.key, result.diagnostics)
        yield shown, result


@contextmanager
def _held_signals(mask: Optional[set[int]]) -> Iterator[None]:
    """Hold every signal while the --jobs workers are started (where the system can:
    *mask*, the signals blocked before, is not None), and then let those that came
    through: a signal that comes while a worker is being forked would otherwise be
    handled where Python drops the exception it raises (Ctrl-C's KeyboardInterrupt,
    in an at-fork hook: the run goes on), or by cablelint's own handler before the
    worker is known to multiprocessing (SIGTERM, ``cablelint.__main__``: the worker
    lives on)."""
    if mask is None:
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _lint_missed(
    linter: Linter,
    paths: list[str],
    jobs: int,
    stdin: Optional[Callable[[], LoadedFile]],
    digests: bool,
    keys: bool,
) -> Iterator[tuple[str, FileResult]]:
    """Lint *paths* in order; with *keys*, each result of a file (not standard
    input) carries the digest of the bytes linted, for the cache."""
    jobs = min(jobs, len(paths))  # no more workers than files
    if jobs <= 1:
        for path in paths:
            if keys and path != "-":
                yield path, _lint_keyed(linter, path, read_bytes(path))
                continue
            loaded = stdin() if path == "-" and stdin else load(path)
            before = len(linter.crashes)
            diags = linter.lint_file(loaded)
            yield loaded.path, FileResult(diags, loaded.text, linter.crashes[before:], fingerprint(loaded) if digests else None)
        return
    stdin_result: Optional[FileResult] = None
    stdin_path = "-"
    if "-" in paths and stdin:
        loaded = stdin()
        stdin_path = loaded.path
        stdin_result = FileResult(linter.lint_file(loaded), loaded.text, [], fingerprint(loaded) if digests else None)
    others = [p for p in paths if p != "-"]
    chunk = max(1, min(64, len(others) // (jobs * 8) or 1))
    # imported here: it costs every start of the CLI a few hundredths of a second,
    # and only --jobs uses it
    from concurrent.futures import ProcessPoolExecutor

    mask = signal.pthread_sigmask(signal.SIG_BLOCK, []) if hasattr(signal, "pthread_sigmask") else None
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(linter.config, linter.cli, linter.strict, linter.prints_to is not None, mask)) as pool:
        try:
            # (the try first: a signal held while the workers start is raised as the
            # hold ends, and must drop the tasks not yet handed out as any other does)
            with _held_signals(mask):  # (the workers are started at the first task)
                results = pool.map(partial(_lint_path, digests=digests, keys=keys), others, chunksize=chunk)
            for path in paths:
                if path == "-" and stdin_result is not None:
                    yield stdin_path, stdin_result
                    continue
                result = next(results)
                linter.crashes.extend(result.crashes)
                yield path, result
        except BaseException:
            # the results are no longer wanted (the reader of the report went
            # away, `| head`, or the run stopped): leaving the pool would wait for
            # every file to be linted, so those not yet handed to a worker are
            # dropped (the pool waits only for the chunks its workers hold). Waited
            # for here: leaving the pool shuts it down again without cancelling, and
            # a manager thread that has not yet seen the first request (a signal
            # raised as the workers start) would then hand out every file
            pool.shutdown(wait=True, cancel_futures=True)
            raise
