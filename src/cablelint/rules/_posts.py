"""The forms a post's name takes in a cable's page headers (cable-format.md 4.6): the
S family compares them with the classification and FM lines."""

from __future__ import annotations

from typing import Optional


def _runs(name: str) -> list[str]:
    """The runs of *name*'s last words ('AMEMBASSY BUENOS AIRES': itself, 'BUENOS
    AIRES', 'AIRES'), the forms its post takes without a prefix."""
    words = name.split()
    return [" ".join(words[i:]) for i in range(len(words))]


# the archive cuts a page header's post to this many characters (cable-format.md 4.6)
_CUT = 10


def _fits(written: str, run: str) -> bool:
    """Whether *written* is *run*, or *run* cut to the archive's ten characters: a
    shorter piece of it (``MADRI``) is the post with letters lost."""
    return written == run or (len(written) >= _CUT and run.startswith(written))


def post_fits(written: str, names: list[str]) -> bool:
    """Whether a page header's post is one of the forms the archive writes the cable's
    post in: the post, its last words (``DUBAI`` for RPO DUBAI, or of the FM line's
    PLAD), or their first letters (``BUENOS AIR``, cut to ten; cable-format.md 4.6)."""
    return any(_fits(written, run) for name in names for run in _runs(name))


def fitted_post(written: str, name: str) -> Optional[str]:
    """The form of *name* that a page header's post *written* fits (``THE HAGUE`` of
    ``AMEMBASSY THE HAGUE`` for ``THE HAGUE``; the whole run for a cut ``BUENOS AIR``),
    or None when it fits none."""
    return next((run for run in _runs(name) if _fits(written, run)), None)


def post_slip(written: str, names: list[str]) -> bool:
    """Whether a page header's post that does not fit is a slip for the cable's post:
    one letter from it (two for a post of six letters or more), whole or cut to the
    page header's length."""
    limit = 2 if len(written) >= 6 else 1
    for name in names:
        for run in _runs(name):
            if _edits(written, run, limit) <= limit or (len(written) >= 10 and _edits(written, run[: len(written)], limit) <= limit):
                return True
    return False


def _edits(a: str, b: str, limit: int) -> int:
    """The letters lost, added, changed or swapped with a neighbour between *a* and *b*
    (more than *limit*: limit + 1)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return min(prev[len(b)], limit + 1)
