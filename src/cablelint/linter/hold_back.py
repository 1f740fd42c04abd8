"""Which fixes to hold back when applying them all brings a new error.

fix_file applies every fix, then lints the result: a new error means some fix is
wrong for this file. Rather than leave the whole file as it was, the fixes that bring
the error are found and held back, and the others applied. The search runs only then
(a file whose fixes bring no error costs nothing more): the fixes are tried in order
of position, a growing first part applied and the rest held, halving the range
(a few trial runs for a file with dozens of fixes); the last fix of the smallest first
part that brings the error is held. With it held, the others are tried again, and so
on for up to MAX_HELD fixes.
"""

from __future__ import annotations

from typing import Callable, Optional, TypeVar

from cablelint.linter.diagnostic import Diagnostic

MAX_HELD = 4
Run = TypeVar("Run")


def hold_back(trial: Callable[[list[Diagnostic]], Run], candidates: list[Diagnostic], failed: Run, bad: Callable[[Run], bool]) -> Optional[tuple[list[Diagnostic], Run, Run]]:
    """(the fixes held, the run without them, a run with the last of them that fails)
    or None when no few fixes held make *bad* false. *trial* runs the fixes with those
    given held back; *failed* is the run that holds none, which is *bad*."""
    order = sorted(candidates, key=lambda d: min(e.span.start for e in d.fix.edits) if d.fix is not None else d.span.start)
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
