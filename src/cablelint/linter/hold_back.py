"""Which fixes to hold back when applying them all brings a new error.

fix_file applies every fix, then lints the result: a new error means some fix is
wrong for this file. Rather than leave the whole file as it was, the fixes that bring
the error are found and held back, and the others applied. The search runs only then
(a file whose fixes bring no error costs nothing more): the fixes are tried in order
of position, a growing first part applied and the rest held, halving the range
(a few trial runs for a file with dozens of fixes); the last fix of the smallest first
part that brings the error is held. With it held, the others are tried again, and so
on for up to MAX_HELD fixes; then once more from the last fix back, when that may
hold fewer.
"""

from __future__ import annotations

from typing import Callable, Optional, TypeVar

from cablelint.linter.diagnostic import Diagnostic

MAX_HELD = 4
Run = TypeVar("Run")


def hold_back(trial: Callable[[list[Diagnostic]], Run], candidates: list[Diagnostic], failed: Run, bad: Callable[[Run], bool]) -> Optional[tuple[list[Diagnostic], Run, Run]]:
    """(the fixes held, in order of position; the run without them; a run with the
    last of them that fails) or None when no few fixes held make *bad* false. *trial*
    runs the fixes with those given held back; *failed* is the run that holds none,
    which is *bad*. The fixes are tried in order of position, then, when that holds
    more than one, from the end: an error that comes of several fixes together (a
    Markdown page whose last links are gone, its heads spaced, reads as a telegram)
    is cleared by holding the last of one kind or the other, and the fewer held win."""
    order = sorted(candidates, key=_at)
    best = _search(trial, order, failed, bad)
    if best is None or len(best[0]) > 1:
        other = _search(trial, order[::-1], failed, bad)
        if other is not None and (best is None or len(other[0]) < len(best[0])):
            best = other
    if best is None:
        return None
    return sorted(best[0], key=_at), best[1], best[2]


def _at(d: Diagnostic) -> int:
    return min(e.span.start for e in d.fix.edits) if d.fix is not None else d.span.start


def _search(trial: Callable[[list[Diagnostic]], Run], order: list[Diagnostic], failed: Run, bad: Callable[[Run], bool]) -> Optional[tuple[list[Diagnostic], Run, Run]]:
    """hold_back's search with the fixes tried in *order*."""
    held: list[Diagnostic] = []
    rest = order
    for _ in range(MAX_HELD):
        # rest[:lo] applied (the others held) is fine, rest[:hi] is not
        lo, hi, why = 0, len(rest), failed
        while hi - lo > 1:
            mid = (lo + hi) // 2
            run = trial(held + rest[mid:])
            if bad(run):
                hi, why = mid, run
            else:
                lo = mid
        if hi == 0:
            return None  # (nothing left to hold: the error comes from elsewhere)
        held = held + [rest[hi - 1]]
        rest = rest[: hi - 1] + rest[hi:]
        failed = trial(held)
        if not bad(failed):
            return held, failed, why
    return None
