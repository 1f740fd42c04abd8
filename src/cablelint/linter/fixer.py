"""Applying fixes: non-overlapping edits in one pass, verified before anything is written.

A pass takes the fixes of a file in order of position and applies every fix whose
edits overlap none already taken; the others wait for the next pass (at most
``MAX_PASSES``). The fixed text is then linted again in memory: every fixed finding
must be gone and no new error may appear, or the file is left as it was and the run
says why. Only then is the file written, atomically (a temporary file in the same
folder, renamed over the original), with its mode, BOM and line endings kept.
"""

from __future__ import annotations

import difflib
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Optional

from cablelint.files import LoadedFile, write_atomically
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.engine import Linter
from cablelint.linter.rule import Edit

MAX_PASSES = 4


@dataclass
class FixResult:
    original: str
    text: str  # the fixed text (== original when nothing was applied or it was refused)
    applied: Counter[str] = field(default_factory=Counter)  # fixes applied per code
    remaining: list[Diagnostic] = field(default_factory=list)  # findings after fixing
    refused: Optional[str] = None  # why the fixes were not kept

    @property
    def changed(self) -> bool:
        return self.text != self.original


def _take(diagnostics: list[Diagnostic]) -> tuple[list[Edit], Counter[str]]:
    """The edits of the fixes that overlap no earlier fix, and how many per code."""
    taken: list[tuple[int, int]] = []
    edits: list[Edit] = []
    codes: Counter[str] = Counter()
    fixable = sorted((d for d in diagnostics if d.fix is not None), key=lambda d: min(e.span.start for e in d.fix.edits))  # type: ignore[union-attr]
    for d in fixable:
        assert d.fix is not None
        ranges = [(e.span.start, e.span.end) for e in d.fix.edits]
        if any(_overlap(r, t) for r in ranges for t in taken):
            continue
        taken.extend(ranges)
        edits.extend(d.fix.edits)
        codes[d.code] += 1
    return edits, codes


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # two insertions at one point, or an insertion inside a replaced range, conflict too
    return a[0] < b[1] and b[0] < a[1] or a[0] == b[0]


def apply_edits(text: str, edits: list[Edit]) -> str:
    pieces: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        pieces.append(text[pos : edit.span.start])
        pieces.append(edit.replacement)
        pos = edit.span.end
    pieces.append(text[pos:])
    return "".join(pieces)


def fix_file(linter: Linter, loaded: LoadedFile, diagnostics: list[Diagnostic]) -> FixResult:
    """Fix *loaded* in memory; the caller decides whether to write ``result.text``."""
    assert loaded.text is not None
    result = FixResult(loaded.text, loaded.text, remaining=diagnostics)
    if loaded.bad_offsets:
        result.refused = "the file is not valid UTF-8 (F001): it is never fixed"
        return result
    text = loaded.text
    current = diagnostics
    applied: Counter[str] = Counter()
    for _ in range(MAX_PASSES):
        edits, codes = _take(current)
        if not edits:
            break
        text = apply_edits(text, edits)
        applied.update(codes)
        current = linter.lint_file(LoadedFile(loaded.path, text, bom=loaded.bom))
    problem = _verify(diagnostics, current, applied)
    if problem:
        result.refused = problem
        return result
    result.text, result.applied, result.remaining = text, applied, current
    return result


def _verify(before: list[Diagnostic], after: list[Diagnostic], applied: Counter[str]) -> Optional[str]:
    count_before = Counter(d.code for d in before)
    count_after = Counter(d.code for d in after)
    for code, n in applied.items():
        if count_after[code] > count_before[code] - n:
            return f"fixing {code} did not remove the findings it fixed; the file was left as it was"
    errors_before = Counter(d.code for d in before if d.severity == "error")
    for code, n in Counter(d.code for d in after if d.severity == "error").items():
        if n > errors_before[code]:
            return f"fixing would introduce a new {code} error; the file was left as it was"
    return None


@dataclass
class FixOutcome:
    diagnostics: list[Diagnostic]  # after fixing, in path order
    applied: Counter[str] = field(default_factory=Counter)
    diffs: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # refusals and write errors
    stdout_text: Optional[str] = None  # the fixed cable when it came from standard input


def fix_paths(
    linter: Linter,
    diagnostics: list[Diagnostic],
    load: Callable[[str], LoadedFile],
    write: bool,
    stdin_path: Optional[str] = None,
) -> FixOutcome:
    """Fix every file that has fixable findings; write them only when *write*. The
    findings under *stdin_path* are standard input's: its fixed text is kept in
    ``stdout_text``, never written to a file of that name."""
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    outcome = FixOutcome([])
    for path, found in by_path.items():
        if not any(d.fix for d in found):
            outcome.diagnostics.extend(found)
            continue
        loaded = load(path)
        if loaded.text is None:
            outcome.diagnostics.extend(found)
            continue
        result = fix_file(linter, loaded, found)
        if result.refused:
            outcome.messages.append(f"{path}: not fixed: {result.refused}")
        if not result.changed:
            outcome.diagnostics.extend(result.remaining)
            continue
        outcome.diffs.append(unified_diff(path, result.original, result.text))
        if write and path == stdin_path:
            outcome.stdout_text = result.text
        elif write:
            try:
                write_atomically(path, result.text, loaded.bom)
            except OSError as exc:
                outcome.messages.append(f"{path}: cannot write the fixed file: {exc.strerror or exc}; it was left as it was")
                outcome.diagnostics.extend(found)  # the file as it is, at its positions
                continue
        outcome.applied.update(result.applied)
        outcome.diagnostics.extend(result.remaining)
    outcome.diagnostics.sort(key=Diagnostic.sort_key)
    return outcome


def unified_diff(path: str, before: str, after: str) -> str:
    old, new = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), old, new)
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)
