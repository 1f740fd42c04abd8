"""The archive's redaction (cable-format.md 4.8), read once: a run of five or more X's,
upper or lower case (fields.lark's REDACTION), where the publisher withheld a name, a
phrase or a whole paragraph ("XXXXXXXXXXXX", "the xxxxx said", even inside a word).

The model holds the runs (``Cable.redactions``) and tells the paragraphs that hold one
(``Paragraph.redacted``), through one :class:`RedactionReader` a cable, which reads
them the first time they are asked for: a parse that no rule asks them of (most
rules never do, and most cables hold none) pays nothing for them, not even a search
of the text for the shortest run (two such searches cost a parse half a per cent).
The grammar's readers that ask whether a word or a line is the redaction alone (a
signature, a heading) ask :func:`is_redaction` and :func:`redaction_alone` (a signer's
name, :func:`redacted_signer`, which takes "XX" and "XXX" too); the rules
that ask whether a paragraph was withheld whole ask the model (``Cable.withheld_between``,
``Cable.withheld_paragraphs``), which asks :func:`withheld_paragraph`. No other module
writes the pattern.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Optional, Sequence

from cablelint.grammar.patterns import field
from cablelint.grammar.source import SourceLine

if TYPE_CHECKING:  # (the model imports this module's reader)
    from cablelint.model import Text

# the shortest runs: a text holding neither holds no redaction
_SHORTEST = ("XXXXX", "xxxxx")


def is_redaction(word: str) -> bool:
    """Whether *word* is one run of the archive's redaction, whole."""
    return field("REDACTION").fullmatch(word) is not None


def redacted_signer(name: str) -> bool:
    """Whether a signature's *name* is the archive's redaction, no signer: a run of the
    redaction (:func:`is_redaction`), or, where a signer stands (a name appended to
    the last line, the signature after BT or NNNN), two capital X's or more, as those
    two readers had it before they shared the one definition ("told us XX", "BT" /
    "XXX"): no signer signs "XX"."""
    return is_redaction(name) or (len(name) >= 2 and name.strip("X") == "")


def redaction_alone(text: str) -> bool:
    """Whether *text* holds the archive's redaction alone: one run or more, apart by
    blanks ("XXXXXXXXXXXX", "xxxxx xxxxx")."""
    words = text.split()
    return bool(words) and all(map(is_redaction, words))


def withheld_paragraph(lines: Sequence[SourceLine], k: int, head: bool = False) -> bool:
    """Whether line *k* (0-based) of *lines* stands for a paragraph the archive withheld
    whole: one run of the redaction alone, after the paragraph's number at most
    ("XXXXXXXXXXXX", "8. XXXXXXXXXXXX", "\u00b63. xxxxx"; cable-format.md 4.8), between
    blank lines (or the text's ends): a run on a line of its own in prose ("the
    minister told" / "XXXXXXXXXXXX" / "that ...") withheld a name, not a paragraph.
    After its number, also where the reader took the line for a paragraph's *head*
    (a cable may leave no blank line between its paragraphs), but not for an item of
    a list numbered inside a paragraph ("these officers:" / "1. XXXXXXXXXXXX")."""
    words = lines[k].text.split()
    if not 1 <= len(words) <= 2 or not is_redaction(words[-1]):
        return False
    if len(words) == 2:
        digits = words[0].removeprefix("\u00b6")[:-1]
        if not (words[0].endswith(".") and 1 <= len(digits) <= 3 and digits.isdecimal()):
            return False
        if head:
            return True
    return (k == 0 or not lines[k - 1].text.strip()) and (k + 1 == len(lines) or not lines[k + 1].text.strip())


class RedactionReader:
    """The runs of the archive's redaction in one cable's text (*text*, cut into
    *lines*), read on the first question: in source order, each with its span (in the
    raw text, as every span). One reader a cable, shared by the cable and its
    paragraphs; what it answers depends on the text alone."""

    __slots__ = ("_text", "_lines", "_runs", "_starts")

    def __init__(self, text: str, lines: Sequence[SourceLine]) -> None:
        self._text = text
        self._lines = lines
        self._runs: Optional[tuple[Text, ...]] = None
        self._starts: list[int] = []

    @property
    def runs(self) -> tuple[Text, ...]:
        if self._runs is None:
            self._runs = _read(self._text, self._lines)
            self._starts = [run.span.start for run in self._runs]
        return self._runs

    def starting_between(self, start: int, end: int) -> bool:
        """Whether a run starts at an offset from *start* up to *end* (exclusive)."""
        runs = self.runs
        if not runs:
            return False
        k = bisect_left(self._starts, start)
        return k < len(runs) and self._starts[k] < end


def _read(text: str, lines: Sequence[SourceLine]) -> tuple[Text, ...]:
    from cablelint.model import Text

    upper, lower = text.find(_SHORTEST[0]), text.find(_SHORTEST[1])
    if upper < 0 and lower < 0:
        return ()
    # from each hit of a shortest run, the pattern reads the whole run, and the search
    # goes on after it: the text is searched once for each case, never run through the
    # pattern (whose search tries it at every X and x)
    pattern = field("REDACTION")
    runs: list[re.Match[str]] = []
    for at, shortest in ((upper, _SHORTEST[0]), (lower, _SHORTEST[1])):
        while at >= 0:
            m = pattern.match(text, at)
            if m is None:  # (cannot be: the shortest run is one)
                break
            runs.append(m)
            at = text.find(shortest, m.end())
    if upper >= 0 and lower >= 0:
        runs.sort(key=_start)
    starts = [line.start for line in lines]
    out = []
    for m in runs:
        line = lines[bisect_right(starts, m.start()) - 1]
        out.append(Text(m.group(), line.raw_span(m.start() - line.start, m.end() - line.start)))
    return tuple(out)


def _start(m: re.Match[str]) -> int:
    return m.start()
