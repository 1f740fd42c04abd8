"""A piece of one normalised line that a field reader works on.

Readers take a :class:`Seg` rather than a whole line so that a caption run on into
another line (the archive's unwrapped rendering) can be read in place, with
positions that still point at the right columns.
"""

from __future__ import annotations

import re
from typing import Optional

from cablelint.grammar.source import SourceLine
from cablelint.model import Problem, Text
from cablelint.span import Span, span_of


_new = object.__new__


class Seg:
    """Treat as immutable. A plain slotted class, not a frozen dataclass: the parse
    makes one for nearly every line, and plain slot stores are about twice as quick
    to build as a frozen dataclass's (nothing compares, hashes or copies segments)."""

    __slots__ = ("line", "begin", "text")

    def __init__(self, line: SourceLine, begin: int, text: str) -> None:
        self.line = line
        self.begin = begin  # index of text[0] in line.text
        self.text = text

    # whole and sub fill a new segment's slots themselves: Seg(...) runs __init__ in a
    # Python frame of its own, and a classmethod binds a method at every call (timeit:
    # Seg.whole 1.38 -> 0.63 us; Seg(...) 0.83 us)
    @staticmethod
    def whole(line: SourceLine) -> Seg:
        seg = _new(Seg)
        seg.line = line
        seg.begin = 0
        seg.text = line.text
        return seg

    def sub(self, begin: int, end: Optional[int] = None) -> Seg:
        seg = _new(Seg)
        seg.line = self.line
        seg.begin = self.begin + begin
        seg.text = self.text[begin:] if end is None else self.text[begin:end]
        return seg

    def split_at(self, separator: re.Pattern[str]) -> list[Seg]:
        """The pieces between the matches of *separator*, empty ones left out
        ("A  B" at two spaces or more: "A", "B"); none for a segment of separators."""
        pieces = []
        pos = 0
        for m in separator.finditer(self.text):
            if m.start() > pos:
                pieces.append(self.sub(pos, m.start()))
            pos = m.end()
        if pos < len(self.text):
            pieces.append(self.sub(pos))
        return pieces

    def span(self, begin: int = 0, end: Optional[int] = None) -> Span:
        end = len(self.text) if end is None else end
        line = self.line
        if line.colmap is None:  # SourceLine.span's plain case, without the extra call
            b = self.begin + begin
            e = self.begin + end
            return span_of((line.number, b + 1, line.number, e + 1, line.start + b, line.start + e))
        return line.span(self.begin + begin, self.begin + end)

    def strip_span(self) -> Span:
        """Span of the segment without its leading and trailing whitespace."""
        lead = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        return self.span(lead, max(end, lead))

    def group(self, m: re.Match[str], name: str) -> Optional[Text]:
        value = m.group(name)
        if value is None:
            return None
        b, e = m.span(name)
        line = self.line
        if line.colmap is None:  # span's plain case, without the extra call
            b += self.begin
            e += self.begin
            return Text(value, span_of((line.number, b + 1, line.number, e + 1, line.start + b, line.start + e)))
        return Text(value, line.span(self.begin + b, self.begin + e))

    def written(self, span: Span) -> Span:
        """*span*, on this segment's line, as written: with the converter residue whose
        kept text it starts or ends inside ("PGOV](#), [PREL" is "[PGOV](#), [PREL](#)")."""
        column, stop, start, finish = span.column, span.end_column, span.start, span.end
        for r in self.line.residue:
            w = r.span
            if w.start < start < w.end:
                start, column = w.start, w.column
            if w.start < finish < w.end:
                finish, stop = w.end, w.end_column
        if start == span.start and finish == span.end:
            return span
        return span_of((span.line, column, span.end_line, stop, start, finish))

    def point(self, index: int) -> Span:
        """A one-character span at *index* (or at the end when there is none)."""
        if index < len(self.text):
            return self.span(index, index + 1)
        return self.span(len(self.text), len(self.text))

    def problem(self, field: str, begin: int, end: int, message: str) -> Problem:
        return Problem(field, self.span(begin, end) if end > begin else self.point(begin), message)

    def without(self, begin: int, end: int) -> Seg:
        """The segment with ``text[begin:end]`` left out (a stray blank a reader names
        and then reads past), its positions still those of the line as written."""
        line = self.line
        cut, stop = self.begin + begin, self.begin + end
        columns = [line.raw_column(k) for k in range(len(line.text)) if not cut <= k < stop]
        text = line.text[:cut] + line.text[stop:]
        seg = _new(Seg)
        seg.line = SourceLine(line.number, line.start, line.raw, line.ending, text, columns, line.pilcrow, line.residue)
        seg.begin = self.begin
        seg.text = self.text[:begin] + self.text[end:]
        return seg

