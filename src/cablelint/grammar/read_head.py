"""A paragraph head's number and full stops as its line writes them (model.HeadStops):
read from the head's line when a rule that quotes or rewrites the head asks
(Paragraph.head_stops)."""

from __future__ import annotations

from cablelint.compiled import regex
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


def read_head_stops(line: SourceLine, number_span: Span, head_span: Span) -> HeadStops:
    """The number of a head at *number_span* on *line* (its digits and the stop the
    reader took) and the full stops past it on the raw line, escaped or not: '2\\.\\.\\.'
    read '2...' (cable-format 5.3: unescape, then parse); and the whole head, to
    *head_span*'s end, as written and as read. A converter's link that stands for
    the number ('[2](#)\u2026 The') starts them: the head reads '2\u2026', and F004
    rewrites the link."""
    raw = line.raw
    at, end = number_span.column - 1, number_span.end_column - 1
    lead, number = 0, ""  # the link's characters, and the number it stands for
    grow = 0  # characters of the link past number_span: a head with no stop ('[2](#) (C)')
    for r in line.residue if head_span.start == number_span.start else ():
        if r.span.start < number_span.start < r.span.end and r.replacement.isdigit():
            lead, number = r.span.end - r.span.start, r.replacement
            at -= number_span.start - r.span.start
            # (the reader's number is its digits, and its stop when it has one: without
            # one, '[2](#) (C)', it ends inside the link, which the head takes whole)
            grow = max(0, r.span.end - number_span.end)
            end += grow
    # (read in place: an archive's paragraph is often one line of several thousand
    # characters, which a slice of the rest would copy for every head)
    more = _stops_past(raw, end)
    past = end + more
    stop = past
    while stop < len(raw) and raw[stop] in _BLANKS:
        stop += 1
    blanks = stop - past
    shift = number_span.column - 1 - at  # (the link's characters before the number's)
    # (most heads have no stop past theirs and no link: their number's span, not one
    # more Span)
    span = Span(number_span.line, at + 1, number_span.line, past + 1, number_span.start - shift, number_span.end + grow + more) if more or shift else number_span
    # (the number and its own stop: the stops past it are counted)
    number_at = Span(number_span.line, at + 1, number_span.line, end + 1, number_span.start - shift, number_span.end + grow) if shift else number_span
    read = read_residue(line, number_at, raw[at:end]) + "." * raw.count(".", end, past)
    # other residue inside it ('2&#46;'), F004's to fix: a fix of the head must not
    # overlap that edit
    clean = line.colmap is None or line.text.find(raw[at + lead : past].replace("\\.", ".")) >= 0
    # (a head written marker first, "(C) 2. Text", starts at its marker)
    first_at = min(at, head_span.column - 1)
    back = head_span.column - 1 - first_at
    whole = Span(head_span.line, first_at + 1, head_span.end_line, head_span.end_column, head_span.start - back, head_span.end) if back else head_span
    written = raw[first_at : head_span.end_column - 1]
    reads = read_residue(line, whole, written)
    # no residue inside it past the link of its number: a fix may rewrite the rest
    verbatim = line.colmap is None or line.text.find(written[lead:]) >= 0
    first = next((r for r in line.residue if whole.start + lead <= r.span.start < whole.end), None)
    before = None if first is None else number + raw[first_at + lead : first.span.column - 1]
    # (past the head, and past the blanks after its stops: "2... " alone on its line,
    # its head the first two stops, has no text after it)
    text_follows = max(head_span.end_column - 1, stop) < len(raw.rstrip())
    return HeadStops(span, read, more, blanks, clean, lead, whole, written, reads, verbatim, before, text_follows, _mark_after(raw, head_span.end_column - 1))


# what a head's marker can be followed by where a blank should be: a full stop, a
# colon, a semicolon or a comma, then blanks; or dashes
_MARK_AFTER = regex(r"(?:[.:;,](?=[ \t]|$)|-{1,3}(?=[ \t]*[A-Za-z]))[ \t]*")


def _mark_after(raw: str, at: int) -> str:
    """The mark at *at* of *raw*, the end of a marked head, that stands between its
    marker and its text, with the blanks after it ("1. (C).  The": '.  '); or ""."""
    if at <= 0 or raw[at - 1 : at] != ")" or raw[at : at + 1] not in (".", ":", ";", ",", "-"):
        return ""
    m = _MARK_AFTER.match(raw, at)
    return m.group() if m is not None else ""


def _stops_past(raw: str, end: int) -> int:
    """How many characters of *raw* from *end*, the end of a head's stop as the reader
    took it, are more full stops, escaped or not ("2...": the third; "2\\.\\.\\.": the
    third '\\.', 2)."""
    at = end
    while raw.startswith(".", at) or raw.startswith("\\.", at):
        at += 1 if raw[at] == "." else 2
    return at - end
