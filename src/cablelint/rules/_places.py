"""Where a missing part of a cable was expected: shared by the C, H and P families."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from cablelint.grammar.patterns import field
from cablelint.model import LEVEL_RANK, SECURITY_LEVELS, Cable, ErrorNode
from cablelint.span import Span


# Marker levels in rank order (cable-format.md 4.2); SBU is a control inside UNCLAS.
MARK_RANK = {"U": 0, "SBU": 0, "C": 1, "S": 2, "TS": 3}
LEVEL_WORD = {0: "UNCLASSIFIED", 1: "CONFIDENTIAL", 2: "SECRET", 3: "TOP SECRET"}
# E.O. 12958 (effective 14 Oct 1995) put the classifier and reason on the face of
# every classified document; older cables marked the text instead ("CONFIDENTIAL -
# ENTIRE TEXT"), so the authority line is not required of them.
_AUTHORITY_FROM = datetime(1995, 10, 14)
_OLD_ORDERS = ("11652", "12065", "12356")


def under_eo_12958(cable: Cable) -> bool:
    """Whether the cable falls under E.O. 12958 or a later order: its E.O. line names
    no older order and it is not dated before 14 October 1995 (cable-format.md 3.8).
    Such a classified cable names its classification authority in a Classified By
    line; an older one marked its text instead."""
    if cable.eo is not None and cable.eo.order is not None and cable.eo.order.text in _OLD_ORDERS:
        return False
    return cable.date is None or cable.date.replace(tzinfo=None) >= _AUTHORITY_FROM


def line_start(cable: Cable, number: int) -> Span:
    """A zero-width span at the start of line *number* (the file's end past the last line)."""
    if number < 1 or number > len(cable.lines):
        return cable.end_span
    line = cable.lines[number - 1]
    return Span(number, 1, number, 1, line.start, line.start)


def written(cable: Cable, span: Span) -> Optional[str]:
    """The text at *span*, a part of one line, as written ('Exdiss' for the caveat the
    reader names EXDISS); None for a span over several lines."""
    if span.end_line != span.line:
        return None
    return cable.lines[span.line - 1].raw[span.column - 1 : span.end_column - 1]


def next_text_line(cable: Cable, after: int) -> Optional[int]:
    """The first non-blank line after line *after*, if any."""
    for line in cable.lines[max(after, 0) :]:
        if line.text.strip():
            return line.number
    return None


def text_start(cable: Cable) -> int:
    """The first line of the text block: after the routing header, address block and
    any archive wrapper (where the classification line belongs)."""
    last = cable.header_end_line
    for item in cable.preface:
        last = max(last, item.span.end_line)
    found = next_text_line(cable, last)
    return found if found is not None else len(cable.lines) + 1


def head_end(cable: Cable) -> int:
    """The last line of what precedes the E.O. line in the standard order: the
    classification line, the handling captions and the attention lines."""
    last = 0
    if cable.classification is not None:
        last = cable.classification.span.end_line
    for caveat in cable.caveats:
        if caveat.span.line < _first_main(cable):
            last = max(last, caveat.span.end_line)
    for attn in cable.attention:
        if attn.span.line < _first_main(cable):
            last = max(last, attn.span.end_line)
    return last or text_start(cable) - 1


def _first_main(cable: Cable) -> int:
    lines = [span.line for kind, span in cable.captions if kind != "classified_by"]
    return min(lines) if lines else len(cable.lines) + 1


def article(word: str) -> str:
    """'an' before a word spoken with a vowel first (UNCLASSIFIED), else 'a' (LIMITED)."""
    return "an" if word[:1] in "AEIOU" else "a"


def level_outvoted(cable: Cable) -> Optional[int]:
    """The cable's level (its rank) when the classification line is the one witness
    that disagrees: the FL4 code and the highest portion marking agree with each other
    but not with the line's level (a slip in the line; cable-format.md 2.4, 4.2). None
    otherwise, or when the cable marks no portion."""
    cls, routing = cable.classification, cable.routing
    if cls is None or cls.level is None or routing is None or routing.security_line is None:
        return None
    sec = routing.security_line
    if sec.code is None or sec.code.text not in SECURITY_LEVELS or any(p.span == sec.code.span for p in sec.problems):
        return None
    code, line = LEVEL_RANK[SECURITY_LEVELS[sec.code.text]], LEVEL_RANK.get(cls.level)
    if line is None or code == line:
        return None
    subject = cable.subject.level if cable.subject is not None else None
    levels = [subject] + [p.level for p in cable.paragraphs] + [s.level for s in cable.subparagraphs] + [u.level for u in cable.unnumbered]
    marks = [MARK_RANK[level] for level in levels if level in MARK_RANK]
    return code if marks and max(marks) == code else None


def voted_level(cable: Cable) -> tuple[Optional[int], Optional[str]]:
    """The cable's level (rank and name) as the rules that depend on it read it: the
    classification line's, or, where the line is the one witness that disagrees
    (level_outvoted; R008 reports the slip there), the level that the FL4 code and the
    portion markings agree on, so that the line's slip is not reported again."""
    outvoted = level_outvoted(cable)
    if outvoted is not None:
        return outvoted, LEVEL_WORD[outvoted]
    return cable.level_rank, cable.level


def late_attention_lines(cable: Cable) -> list[ErrorNode]:
    """The attention or passing lines ("TREASURY FOR OIA") that stand among the E.O.,
    TAGS and SUBJECT captions, below their place above the E.O. line (cable-format.md
    3.3, 3.9): H010 reports them, not S004."""
    out = []
    for err in cable.errors:
        if err.zone == "captions" and field("ATTN_SHAPE").fullmatch(err.text) is not None:
            if any(kind in ("eo", "tags", "subject") and span.line < err.span.line for kind, span in cable.captions):
                out.append(err)
    return out
