"""The archive's redaction (cable-format.md 4.8), read once: a run of five or more X's,
upper or lower case (fields.lark's REDACTION), where the publisher withheld a name, a
phrase or a whole paragraph ("XXXXXXXXXXXX", "the xxxxx said", even inside a word).

The model holds each run (``Cable.redactions``) and marks the paragraphs that hold one
(``Paragraph.redacted``); the grammar's readers that ask whether a word or a line is the
redaction alone (a signature, a heading) ask :func:`is_redaction` and
:func:`redaction_alone`. No other module writes the pattern.

Most cables hold none (43 of the 314 real archive texts hold a capital run, 33 a small
one): the text is searched for the two shortest runs first, and the pattern is run over
the lines holding one only.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import Sequence

from cablelint.grammar.patterns import field
from cablelint.grammar.source import Source, lines_with
from cablelint.model import Paragraph, Text

# the shortest runs: a text holding neither holds no redaction
_SHORTEST = ("XXXXX", "xxxxx")


def is_redaction(word: str) -> bool:
    """Whether *word* is one run of the archive's redaction, whole."""
    return field("REDACTION").fullmatch(word) is not None


def redaction_alone(text: str) -> bool:
    """Whether *text* holds the archive's redaction alone: one run or more, apart by
    blanks ("XXXXXXXXXXXX", "xxxxx xxxxx")."""
    words = text.split()
    return bool(words) and all(map(is_redaction, words))


def read_redactions(src: Source) -> tuple[Text, ...]:
    """Each run of the archive's redaction in the cable's lines, in source order, with
    its span (in the raw text, as every span)."""
    text = src.text
    if _SHORTEST[0] not in text and _SHORTEST[1] not in text:
        return ()
    lines = src.lines
    pattern = field("REDACTION")
    out: list[Text] = []
    for k in sorted(lines_with(text, [line.start for line in lines], _SHORTEST)):
        line = lines[k]
        for m in pattern.finditer(line.text):
            out.append(Text(m.group(), line.span(m.start(), m.end())))
    return tuple(out)


def mark_redacted(paragraphs: Sequence[Paragraph], redactions: Sequence[Text]) -> tuple[Paragraph, ...]:
    """*paragraphs*, each that holds a redaction marked ``redacted``."""
    if not redactions:
        return tuple(paragraphs)
    starts = [r.span.start for r in redactions]
    out = []
    for para in paragraphs:
        k = bisect_left(starts, para.span.start)
        out.append(replace(para, redacted=True) if k < len(starts) and starts[k] < para.span.end else para)
    return tuple(out)
