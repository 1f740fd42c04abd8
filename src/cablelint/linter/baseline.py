"""Baselines for legacy corpora: record today's findings, report only new ones later.

An entry is (path, code, fingerprint). The fingerprint hashes the rule code, the
offending text and the whole source line it sits on (whitespace collapsed), never
the line number, so findings survive lines inserted or removed above them. Identical
findings in one file are counted, so a second copy of a known fault is still new.
Paths are stored relative to the baseline file's folder, with forward slashes (a
backslash read is one too, as a baseline written on Windows may have it): a
file's real path (links resolved), so that a file named through a linked folder and
by its own name has one entry; a file that really lies outside that folder (a corpus
linked in from elsewhere) is stored by the path it is named by, which stays true on
a machine where the corpus lives somewhere else. A name is matched as written, else in
another Unicode normalisation form (:meth:`Known._spelled_otherwise`): macOS's HFS+
wrote names decomposed (NFD), a Linux walk gives them as they were made, mostly
composed (NFC).

A baseline written to standard output (``--write-baseline -``) cannot know the folder
it will be saved in (``> ci/baseline.json``): its paths are relative to the project's
root instead (the folder of the configuration file, else the current folder), and it
says so with ``"relative_to": "project"``, read the same way. A baseline without the
key (every one written to a file, and those written to standard output before the key
was) is read relative to its own folder. A baseline none of whose recorded files is
found there hides nothing, and the run says so (:meth:`Known.lost`).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, NamedTuple, Optional

from cablelint.files import named_path, os_error, write_atomically
from cablelint.linter.diagnostic import Diagnostic

VERSION = 1
PROJECT = "project"  # "relative_to" of a baseline written to standard output


class BaselineError(Exception):
    """The baseline file cannot be read or written."""


def fingerprint(d: Diagnostic, text: Optional[str], memo: Optional[Memo] = None) -> str:
    """The hash of *d*'s code, its offending text and the line of *text* it sits on
    (cut at LF), whitespace collapsed; *memo*, when given, is *text*'s (see Memo)."""
    if memo is None:
        memo = Memo(text)
    offending = ""
    where = (0, 0)
    if text is not None:
        offending = text[d.span.start : d.span.end]
        where = memo.line_at(d.span.start)
    said = " ".join(offending.split())
    digest = memo.digests.get((d.code, said, where))
    if digest is None:
        key = "\x1f".join([d.code, said, memo.context(where)])
        digest = memo.digests[(d.code, said, where)] = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    return digest


class Memo:
    """What the fingerprints of one file's findings share, worked out once: where its
    lines start, each line with its whitespace collapsed, and the digest of each
    (code, offending text, line). A search for the line around each finding, its
    collapsing and its hash cost a long line's thousands of findings its length each
    (16,000 residue links on one line: 26 s to write the baseline); so the digests
    are as they were, but identical findings of a line are hashed once."""

    def __init__(self, text: Optional[str]) -> None:
        self.text = text
        self._breaks: Optional[list[int]] = None
        self.contexts: dict[tuple[int, int], str] = {}
        self.digests: dict[tuple[str, str, tuple[int, int]], str] = {}

    def line_at(self, offset: int) -> tuple[int, int]:
        """Where the line (cut at LF) holding *offset* starts and ends."""
        text = self.text or ""
        if self._breaks is None:
            self._breaks = []
            at = text.find("\n")
            while at >= 0:
                self._breaks.append(at)
                at = text.find("\n", at + 1)
        k = bisect.bisect_left(self._breaks, offset)
        start = self._breaks[k - 1] + 1 if k else 0
        return start, self._breaks[k] if k < len(self._breaks) else len(text)

    def context(self, where: tuple[int, int]) -> str:
        found = self.contexts.get(where)
        if found is None:
            found = self.contexts[where] = " ".join((self.text or "")[where[0] : where[1]].split())
        return found


def entry_path(path: str) -> str:
    """*path* (relative to a baseline's folder) as a baseline writes and matches it:
    with forward slashes, a backslash being a separator too, on every system. A
    baseline written on Windows by hand or by another tool (``a\\b.cable``) goes on
    matching on POSIX, and one written anywhere is the same file on any system, as
    ruff's and mypy's are. (A POSIX file whose name holds a backslash is named as
    if it were a separator: such a name cannot be checked out on Windows at all.)"""
    return path.replace("\\", "/")


def _key_path(path: str, base: Path, real: Optional[str] = None) -> str:
    """*path*'s entry name in a baseline whose paths are relative to *base* (a real
    path): its real path (*real*, when the walk found it) when that lies in *base*,
    else the path as named."""
    if path == "-" or path.startswith("<"):
        return path
    try:
        real = os.path.realpath(path) if real is None else real
        if not os.path.exists(real) and os.path.islink(path):
            real = _dangling(path)
        folder = str(base)
        if real.startswith(folder) and real[len(folder) : len(folder) + 1] == os.sep:
            return entry_path(real[len(folder) + 1 :])  # (relpath's answer, without its work)
        rel = os.path.relpath(real, base)
        inside = rel != os.pardir and not rel.startswith(os.pardir + os.sep)
        return entry_path(rel if inside else os.path.relpath(named_path(path), base))
    except ValueError:  # another drive on Windows (or a NUL in the name)
        return entry_path(Path(path).as_posix())


def _dangling(path: str) -> str:
    """The real path of the link *path*, whose target is gone, as its own: the
    link is the file there (the walk lists it, F000 names it), so a run that does
    not name it finds it in place and does not count its entry as a file gone,
    which the target's name was."""
    folder, name = os.path.split(named_path(path))
    return os.path.normcase(os.path.join(os.path.realpath(folder), name))


def _target_key(path: str, base: Path) -> str:
    """The entry name of the link *path*, whose target is gone, as baselines written
    before :func:`_dangling` have it (the target's): read for their entries to go on
    matching, never written."""
    try:
        rel = os.path.relpath(os.path.realpath(path), base)
        return entry_path(rel if rel != os.pardir and not rel.startswith(os.pardir + os.sep) else os.path.relpath(named_path(path), base))
    except ValueError:  # another drive on Windows
        return entry_path(Path(path).as_posix())


def _named_key(path: str, base: Path) -> str:
    """*path*'s entry name as baselines written before links were resolved have it
    (the path as named, relative to *base*): read for their entries to go on
    matching, never written."""
    if path == "-" or path.startswith("<"):
        return path
    try:
        return entry_path(os.path.relpath(named_path(path), base))
    except ValueError:
        return entry_path(Path(path).as_posix())


def _keys(
    diagnostics: Iterable[Diagnostic], source: Callable[[str], Optional[str]], base: Path, real_paths: Optional[dict[str, str]] = None
) -> list[tuple[str, str, str]]:
    memos: dict[str, Memo] = {}
    names: dict[str, str] = {}
    out = []
    for d in diagnostics:
        if d.path not in memos:
            memos[d.path] = Memo(source(d.path))
            names[d.path] = _key_path(d.path, base, None if real_paths is None else real_paths.get(d.path))
        memo = memos[d.path]
        out.append((names[d.path], d.code, fingerprint(d, memo.text, memo)))
    return out


def write_baseline(file: Path, diagnostics: Iterable[Diagnostic], source: Callable[[str], Optional[str]], root: Optional[str] = None) -> int:
    """Record *diagnostics* in *file* ("-": standard output, paths relative to the
    project's *root*, the current folder when not given)."""
    return record(file, Counter(_keys(diagnostics, source, folder_of(file, root))))


def folder_of(file: Path, root: Optional[str] = None) -> Path:
    """The folder the paths of the baseline *file* are written relative to: its own,
    or for standard output ("-") the project's *root* (the current folder when not
    given)."""
    if str(file) == "-":
        return Path(root).resolve() if root is not None else Path.cwd()
    return file.resolve().parent


def file_keys(base: Path, diagnostics: Iterable[Diagnostic], text: Optional[str], real_paths: Optional[dict[str, str]] = None) -> list[tuple[str, str, str]]:
    """The entries of one file's *diagnostics* (its *text* as linted) in a baseline
    whose paths are relative to *base* (:func:`folder_of`); *real_paths* holds the
    real paths of the files the walk found (``runner.walk``'s keys). A run adds up
    each file's entries as it comes, then :func:`record` writes them."""
    return _keys(diagnostics, lambda _: text, base, real_paths)


def record(file: Path, counts: Counter[tuple[str, str, str]]) -> int:
    """Write the entries *counts* holds (see :func:`file_keys`) to *file*; how many findings they are."""
    entries = [{"path": p, "code": c, "fingerprint": f, "count": n} for (p, c, f), n in sorted(counts.items())]
    head: dict[str, object] = {"version": VERSION}
    if str(file) == "-":
        head["relative_to"] = PROJECT  # (where it is saved is not known)
    data = json.dumps({**head, "entries": entries}, indent=2) + "\n"
    if str(file) == "-":
        sys.stdout.write(data)
        return sum(counts.values())
    try:
        write_atomically(str(file), data)
    except OSError as exc:
        raise BaselineError(f"{file}: cannot write the baseline: {os_error(exc, file)}") from None
    return sum(counts.values())


class Read(NamedTuple):
    """What a baseline file holds: its entries, counted, and what their paths are
    relative to (its "relative_to": None for the baseline's folder, or PROJECT)."""

    entries: Counter[tuple[str, str, str]]
    relative_to: Optional[str]


def read_baseline(file: Path) -> Read:
    """The baseline *file*; BaselineError when it cannot be read or is no baseline."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{file}: no such baseline file (create one with --write-baseline)") from None
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{file}: the byte at offset {exc.start} is not UTF-8: expected a baseline written by --write-baseline") from None
    except OSError as exc:
        raise BaselineError(f"{file}: cannot read the baseline: {os_error(exc, file)}") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise BaselineError(f"{file}: not JSON{where}: expected a baseline written by --write-baseline") from None
    if not isinstance(data, dict) or "entries" not in data:
        raise BaselineError(f"{file}: not a cablelint baseline: expected an object with 'version' and 'entries', as --write-baseline writes")
    if type(data.get("version")) is not int or data["version"] != VERSION:  # (true and 1.0 equal 1)
        raise BaselineError(f"{file}: baseline version {data.get('version')!r} is not {VERSION}: write it again with --write-baseline")
    relative_to = data.get("relative_to")
    if relative_to is not None and relative_to != PROJECT:
        raise BaselineError(
            f"{file}: 'relative_to' is {json.dumps(relative_to)}: expected \"{PROJECT}\" (paths relative to the project's root, as --write-baseline - writes them) or no 'relative_to' (paths relative to the baseline's folder)"
        )
    entries = data["entries"]
    if not isinstance(entries, list):
        raise BaselineError(f"{file}: 'entries' is not a list: expected a baseline written by --write-baseline")
    known: Counter[tuple[str, str, str]] = Counter()
    for number, e in enumerate(entries, 1):
        if not (
            isinstance(e, dict)
            and all(isinstance(e.get(k), str) for k in ("path", "code", "fingerprint"))
            and type(e.get("count")) is int
            and e["count"] >= 1
        ):
            raise BaselineError(f"{file}: entry {number} is not a baseline entry: expected text 'path', 'code' and 'fingerprint' and a 'count' of 1 or more")
        known[(entry_path(e["path"]), e["code"], e["fingerprint"])] += e["count"]
    return Read(known, relative_to)


class Known:
    """The findings the baseline *file* records, read once; :meth:`new` takes a run's
    findings file by file as they come, each file's in path order, and consumes
    what they match (a second copy of a recorded fault is new). *real_paths* holds
    the real paths of the files the run's walk found (``runner.walk``'s keys), set
    once it has walked: a file it holds is not looked at again. :meth:`again`
    matches a file's findings once more (its text as --fix has changed it) against
    all that the baseline records for it, without reading the file again."""

    def __init__(self, file: Path, root: Optional[str] = None) -> None:
        self.known, relative_to = read_baseline(file)
        self.used: Counter[tuple[str, str, str]] = Counter()  # (what :meth:`new` has matched)
        # (the project's *root*, the current folder when not given, for a baseline
        # written to standard output)
        self.project = relative_to == PROJECT
        self.base = folder_of(Path("-"), root) if self.project else file.resolve().parent
        self.real_paths: dict[str, str] = {}
        self._forms: Optional[dict[str, list[str]]] = None  # (see _spelled_otherwise)
        self._otherwise: dict[tuple[str, str], list[str]] = {}

    def stale(self, checked: Iterable[str], runs: Callable[[str, str], bool]) -> tuple[int, int]:
        """How many recorded findings no longer occur, and in how many files, once the
        run has gone through :meth:`new`: those left unmatched in the files *checked*
        (as the run shows them), and those of files that no longer exist. A file the
        run did not check is not judged: pre-commit names a few files of a project; nor
        is a finding whose rule the run did not run on its file (``runs(path, code)``
        false: --select, --ignore, per-file-ignores)."""
        checked = list(checked)
        linted = {_key_path(path, self.base, self.real_paths.get(path)): path for path in checked}
        named: Optional[dict[str, str]] = None  # (an older baseline's names: made when needed)
        composed: Optional[dict[str, list[tuple[str, str]]]] = None  # (the names in NFC: made when needed)
        gone: dict[str, bool] = {}
        files: set[str] = set()
        count = 0
        for key, recorded in self.known.items():
            path, code, _ = key
            left = recorded - self.used[key]
            if left <= 0:
                continue
            shown = linted.get(path)
            if shown is None:
                if named is None:
                    named = {_named_key(p, self.base): p for p in checked}
                shown = named.get(path)
            if shown is None and not path.isascii():
                if composed is None:
                    composed = {}
                    for item in linted.items():
                        composed.setdefault(_nfc(item[0]), []).append(item)
                # its name in another normalisation form
                shown = next((p for k, p in composed.get(_nfc(path), ()) if path in self._spelled_otherwise(k, p)), None)
            if shown is None:
                if path == "-" or path.startswith("<"):
                    continue
                if path not in gone:
                    gone[path] = not _exists(self.base, path)
                if not gone[path]:
                    continue
                shown = str(self.base / path)
            if not runs(shown, code):
                continue
            count += left
            files.add(path)
        return count, len(files)

    def lost(self) -> list[str]:
        """The files the baseline records (its entries' names), when not one of them
        is found relative to its base and the run matched none of its entries: then
        it hides nothing, as when a baseline written to standard output before
        "relative_to" was saved in another folder. Else none. (The first name found
        ends the search: one look in the usual case.)"""
        if self.used:
            return []
        names = sorted({path for path, _, _ in self.known if path != "-" and not path.startswith("<")})
        return [] if any(_exists(self.base, name) for name in names) else names

    def new(self, diagnostics: list[Diagnostic], source: Callable[[str], Optional[str]]) -> list[Diagnostic]:
        """The *diagnostics* the baseline does not account for; what they match is
        used up for the rest of the run."""
        return self._unmatched(diagnostics, source, self.used)

    def again(self, diagnostics: list[Diagnostic], text: str) -> list[Diagnostic]:
        """The *diagnostics* of one file's *text* as fixed so far (--fix) that the
        baseline does not account for: matched against all it records for the file,
        not what :meth:`new` left of it (the run's findings, matched before the
        fixes, are the same faults)."""
        return self._unmatched(diagnostics, lambda _: text, Counter())

    def _unmatched(self, diagnostics: list[Diagnostic], source: Callable[[str], Optional[str]], used: Counter[tuple[str, str, str]]) -> list[Diagnostic]:
        """The *diagnostics* the entries do not account for, less what *used* holds;
        what they match is added to *used*."""
        out = []
        named: dict[str, str] = {}
        known = self.known
        for d, key in zip(diagnostics, _keys(diagnostics, source, self.base, self.real_paths)):
            if known[key] <= used[key]:
                # written before links were resolved (a file named through a linked
                # folder): the entry has the name the file was given then
                if d.path not in named:
                    named[d.path] = _named_key(d.path, self.base)
                walked, key = key, (named[d.path], key[1], key[2])
                if known[key] <= used[key] and d.code == "F000" and os.path.islink(d.path):
                    # a dangling link recorded by its target's name (before _dangling)
                    key = (_target_key(d.path, self.base), key[1], key[2])
                if known[key] <= used[key]:
                    # its name in another normalisation form (NFD on macOS's HFS+)
                    for other in self._spelled_otherwise(walked[0], d.path):
                        spelled = (other, walked[1], walked[2])
                        if known[spelled] > used[spelled]:
                            key = spelled
                            break
            if known[key] > used[key]:
                used[key] += 1
            else:
                out.append(d)
        return out

    def _spelled_otherwise(self, name: str, path: str) -> list[str]:
        """The entries' names that name the file *path* (whose own entry name is
        *name*) in another Unicode normalisation form: equal to *name* once both are
        NFC, and no other file's name. On a disk that tells the forms apart (Linux)
        two files may have such names: then each has its own entries (the exact name
        wins); on one that does not (macOS), the other name is *path* itself. The
        walk's name is the one written (:func:`_key_path`)."""
        if self._forms is None:
            self._forms = {}
            for other in sorted({p for p, _, _ in self.known if not p.isascii()}):
                self._forms.setdefault(_nfc(other), []).append(other)
        if not self._forms or path == "-" or path.startswith("<"):
            return []
        found = self._otherwise.get((name, path))
        if found is None:
            found = self._otherwise[(name, path)] = [other for other in self._forms.get(_nfc(name), ()) if other != name and self._names_only(other, path)]
        return found

    def _names_only(self, name: str, path: str) -> bool:
        """Whether the entry name *name* names no file but *path*."""
        target = self.base / name
        try:
            return not os.path.lexists(target) or os.path.samefile(target, path)
        except (OSError, ValueError):
            return False


def _exists(base: Path, name: str) -> bool:
    """Whether the entry name *name* (relative to *base*) names a file here, as
    written or, all of it, in NFC or NFD (see :meth:`Known._spelled_otherwise`): an
    entry written on macOS names a file a Linux walk gives composed."""
    if os.path.lexists(base / name):
        return True
    return not name.isascii() and any(
        other != name and os.path.lexists(base / other) for other in (_nfc(name), unicodedata.normalize("NFD", name))
    )


def _nfc(path: str) -> str:
    return unicodedata.normalize("NFC", path)
