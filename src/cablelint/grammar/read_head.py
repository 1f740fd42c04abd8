"""A paragraph head's number and full stops as its line writes them (model.HeadStops):
read from the head's line when a rule that quotes or rewrites the head asks
(Paragraph.head_stops)."""

from __future__ import annotations

from cablelint.grammar.source import SourceLine
from cablelint.model_body import HeadStops
from cablelint.span import Span

_BLANKS = " \t\u00a0"  # (a no-break space too: a head's gaps take it)


def read_residue(line: SourceLine, span: Span, shown: str) -> str:
    """*shown*, the raw text of *span* on *line*, with the converter residue inside it
    read as what it stands for ('7\\. (C)' reads '7. (C)')."""
    inside = [r for r in line.residue if r.span.line == r.span.end_line == span.line and span.column <= r.span.column and r.span.end_column <= span.end_column]
    for r in sorted(inside, key=lambda r: r.span.column, reverse=True):
        at, end = r.span.column - span.column, r.span.end_column - span.column
        shown = shown[:at] + r.replacement + shown[end:]
    return shown


def read_head_stops(line: SourceLine, number_span: Span) -> HeadStops:
    """The number of a head at *number_span* on *line* (its digits and the stop the
    reader took) and the full stops past it on the raw line, escaped or not: '2\\.\\.\\.'
    read '2...' (cable-format 5.3: unescape, then parse)."""
    raw = line.raw
    at, end = number_span.column - 1, number_span.end_column - 1
    # (read in place: an archive's paragraph is often one line of several thousand
    # characters, which a slice of the rest would copy for every head)
    more = _stops_past(raw, end)
    past = end + more
    stop = past
    while stop < len(raw) and raw[stop] in _BLANKS:
        stop += 1
    blanks = stop - past
    written = raw[at:past]
    read = read_residue(line, number_span, raw[at:end]) + "." * raw.count(".", end, past)
    # other residue inside it ('2&#46;'), F004's to fix: a fix of the head must not
    # overlap that edit
    clean = line.colmap is None or line.text.find(written.replace("\\.", ".")) >= 0
    # (most heads have no stop past theirs: their number's span, not one more Span)
    span = Span(number_span.line, number_span.column, number_span.line, number_span.end_column + more, number_span.start, number_span.end + more) if more else number_span
    return HeadStops(span, read, more, blanks, clean)


def _stops_past(raw: str, end: int) -> int:
    """How many characters of *raw* from *end*, the end of a head's stop as the reader
    took it, are more full stops, escaped or not ("2...": the third; "2\\.\\.\\.": the
    third '\\.', 2)."""
    at = end
    while raw.startswith(".", at) or raw.startswith("\\.", at):
        at += 1 if raw[at] == "." else 2
    return at - end
