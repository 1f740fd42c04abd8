"""Which lines of a run of body lines need reading: the run searched as one text.

Text lines are most of a cable and nearly all of them hold nothing to read. The
builder (:mod:`build_body`) searches a run of body lines as one text, with the
grammar's own patterns and plain substring searches, and looks its lines' first two
characters up, for the few lines that may hold something (:class:`Found`); only those
are read one by one. :func:`stretches` and :func:`last_before` work out, for the
lines that are not read, what a lone reading would have given ("the line above",
where a paragraph ends) from the line kinds the lexer gave.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add
from typing import Iterable, Optional

from cablelint.compiled import regex
from cablelint.grammar.read_scan import FOLDS, word_case
from cablelint.grammar.source import SourceLine, lines_with


def _case_blind(chars: str) -> set[str]:
    """*chars* and every character a case-blind pattern takes for one of them."""
    return {x for c in chars for x in _case_blind_one(c)}


@lru_cache(maxsize=None)
def _case_blind_one(c: str) -> frozenset[str]:
    """*c* and every character the case-blind pattern of *c* takes for it (worked out
    once a character, its pattern from the kept codes: the builder's first body
    asks for some 700 of these tests)."""
    fits = regex(f"(?i:{re.escape(c)})").fullmatch
    return frozenset(x for x in (c, c.lower(), c.upper(), *FOLDS) if fits(x))


def pairs(first: str, then: str) -> set[str]:
    """Every two characters, as written, that are *first* then one of *then*, case aside."""
    return {a + b for a in _case_blind(first) for b in _case_blind(then)}


# Every two first characters (after blanks) of a line SUBPARA_SHAPE fits: "A.", "b.",
# "c)", "C)", "(d", "G -" / "G-" (a range, "G - J)"), as fields.lark has it (case
# counts there).
SUBPARA_PAIRS = frozenset(
    [f"{c}{stop}" for c in string.ascii_uppercase for stop in ".) \t-"] + [f"{c}{stop}" for c in string.ascii_lowercase for stop in ".)"] + [f"({c}" for c in string.ascii_letters]
)


class RunText:
    """The normalised lines ``first..last`` as one text to search at once: each line
    has a newline before it and the last one a newline after it."""

    __slots__ = ("first", "text", "starts", "low")

    def __init__(self, lines: list[SourceLine], first: int, last: int) -> None:
        texts = [line.text for line in lines[first : last + 1]]
        self.first = first
        self.text = "\n" + "\n".join(texts) + "\n"
        # the offset of the newline before each line
        self.starts = list(accumulate(map(add, map(len, texts), repeat(1)), initial=0))
        self.low: Optional[str] = None

    def lower(self) -> Optional[str]:
        """The text in lower case as the searches for ASCII words read it
        (:func:`~cablelint.grammar.read_scan.word_case`), or None when lower-casing
        changed its length."""
        if self.low is None:
            self.low = word_case(self.text)
        return self.low if len(self.low) == len(self.text) else None

    def lower_line(self, index: int) -> Optional[str]:
        """``word_case(line.text)`` of line *index* (one of the run's), cut from the
        run's when that has been made and kept the text's length (then each character
        became one, as in the line alone); else None. A scanned line is often a whole
        unwrapped paragraph, lower-cased once more for each scan that reads it."""
        low = self.low
        if low is None or len(low) != len(self.text):
            return None
        k = index - self.first
        return low[self.starts[k] + 1 : self.starts[k + 1]]

    def containing(self, words: Iterable[str], lower: bool = False) -> Optional[set[int]]:
        """Lines containing one of *words* (ASCII words, looked for case aside if
        *lower*), or None when lower-casing changed the length of the text."""
        text = self.lower() if lower else self.text
        if text is None:
            return None
        first = self.first
        return {first + k for k in lines_with(text, self.starts, words)}

    def starting(self, pattern: re.Pattern[str], word: str) -> Optional[set[int]]:
        """Lines *pattern* matches in, for a pattern whose every match starts with
        *word* (ASCII letters whose case folds to no other character, matched
        case-blind) and stays in its line: it is tried only where the word is. None
        when lower-casing changed the length of the text."""
        low = self.lower()
        if low is None:
            return None
        found = set()
        text, starts, first = self.text, self.starts, self.first
        at = low.find(word)
        while at != -1:
            if pattern.match(text, at) is not None:
                found.add(first + bisect_right(starts, at) - 1)
            at = low.find(word, at + 1)
        return found


class Found:
    """The lines of a run that may hold something, by what may be there. Each set is
    a superset: every line in it is still checked the way a lone line is."""

    __slots__ = ("run", "lines", "subparas", "pages", "late", "words", "ends", "closers", "controls", "unstopped")

    def __init__(
        self,
        run: RunText,
        special: Iterable[int],
        subparas: set[int],
        pages: set[int],
        late: set[int],
        words: set[int],
        ends: set[int],
        closers: set[int],
        controls: set[int],
        unstopped: dict[int, re.Match[str]],
    ) -> None:
        self.run = run  # the text searched
        self.subparas = subparas  # may be a sub-paragraph ("A. ...", "(b) ...")
        self.pages = pages  # may hold an inline page header
        self.late = late  # may be a head-of-text line standing in the body
        self.words = words  # has a word every marker and citation contains
        self.ends = ends  # may hold an end marker whose kind word is misspelt
        self.closers = closers  # may be a BT or NNNN line, which ends the message
        self.controls = controls  # may be a received copy's control line (copy_repeats.py)
        self.unstopped = unstopped  # a paragraph head with no full stop fits ("2(C) ..."), and its match
        # the lines to read: those and every line that is not plain text (*special*)
        self.lines = set(special).union(subparas, pages, late, words, ends, closers, controls, unstopped)


def stretches(nonblank: list[int], indexes: Iterable[int]) -> dict[int, int]:
    """For the position in *nonblank* of each of *indexes* (lines in it), the position
    where the stretch of such lines in a row that holds it begins."""
    start: dict[int, int] = {}
    for k in sorted(bisect_left(nonblank, index) for index in indexes):
        start[k] = start.get(k - 1, k)
    return start


def last_before(nonblank: list[int], skip: dict[int, int], k: int) -> int:
    """The last position at or before *k* that *skip* does not hold, or -1."""
    return skip[k] - 1 if k in skip else k
