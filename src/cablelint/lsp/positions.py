"""Our spans (code-point offsets) as LSP positions, and edits between two texts."""

from __future__ import annotations

import bisect
import re
from typing import Optional

from lsprotocol import types as lsp

LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each


class Positions:
    """Offsets into a text (code points) as LSP positions: lines cut at
    CR LF, CR or LF; characters counted in UTF-16 code units, or code points when
    *utf16* is off (UTF-32). A lone surrogate counts as one UTF-16 unit, as an
    editor holding it counts it."""

    def __init__(self, text: str, utf16: bool = True) -> None:
        self.text = text
        self.utf16 = utf16
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        self._astral: Optional[list[int]] = None  # offsets of the characters outside the BMP

    @classmethod
    def of(cls, text: str, utf16: bool, starts: list[int]) -> Positions:
        made = cls.__new__(cls)
        made.text, made.utf16, made.starts, made._astral = text, utf16, starts, None
        return made

    def replaced(self, start: int, end: int, replacement: str) -> Positions:
        """The positions of the text with offsets *start* to *end* replaced: the line
        starts of the rest are kept (shifted), not found again, so that a change to a
        long document costs little more than its own length."""
        text = self.text[:start] + replacement + self.text[end:]
        stop = start + len(replacement)
        # a line starts at q when a break ends there: text[q - 1] is LF, or CR
        # not followed by LF; the starts before *start*, and those after *end* + 1
        # (their two characters unchanged), stay
        head = self.starts[: bisect.bisect_left(self.starts, start)] or [0]
        found = [m.end() for m in LINE_BREAK.finditer(text, max(0, start - 1), stop + 1) if 0 < m.end() <= stop and m.end() >= start]
        shift = len(replacement) - (end - start)
        tail = [q + shift for q in self.starts[bisect.bisect_left(self.starts, end + 1) :]]
        return Positions.of(text, self.utf16, head + found + tail)

    def units(self, start: int, end: int) -> int:
        """The characters from offset *start* to *end* in the encoding's units:
        UTF-16 counts two for each character outside the BMP (found once for the
        text, so that the findings of a long line cost no more than those of a
        short one)."""
        if not self.utf16:
            return end - start
        astral = self._astral
        if astral is None:
            astral = self._astral = [] if self.text.isascii() else [m.start() for m in _ASTRAL.finditer(self.text)]
        if not astral:
            return end - start
        return end - start + bisect.bisect_left(astral, end) - bisect.bisect_left(astral, start)

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return lsp.Position(line=line, character=self.units(self.starts[line], offset))

    def offset(self, position: lsp.Position) -> int:
        """The offset of an LSP *position*, as an editor reads one: past the end of
        its line, the line's end (before its break); past the last line, the end of
        the text; inside a character of two UTF-16 units, after it."""
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = self.starts[position.line + 1] if position.line + 1 < len(self.starts) else len(self.text)
        line = self.text[start:end]
        line = line[: -2 if line.endswith("\r\n") else -1] if line.endswith(("\r", "\n")) else line
        if not self.utf16 or line.isascii():
            return start + min(position.character, len(line))
        # the first offset with as many units before it on the line: found by
        # halves (a character at a time, a change at the end of a long line cost
        # 0.15 s a megabyte)
        low, high = start, start + len(line)
        if self.units(start, high) < position.character:
            return high
        while low < high:
            middle = (low + high) // 2
            if self.units(start, middle) >= position.character:
                high = middle
            else:
                low = middle + 1
        return low

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))

    def edit(self, start: int, end: int, replacement: str) -> lsp.TextEdit:
        """The edit replacing offsets *start* to *end*, widened to whole CR LF pairs:
        a position between CR and LF does not exist in LSP (the client would move it
        to the end of the line, and the edit would land elsewhere)."""
        text = self.text
        if 0 < start < len(text) and text[start - 1] == "\r" and text[start] == "\n":
            start -= 1
            replacement = "\r" + replacement
        if 0 < end < len(text) and text[end - 1] == "\r" and text[end] == "\n":
            end += 1
            replacement += "\n"
        return lsp.TextEdit(range=self.range(start, end), new_text=replacement)


def whole_edit(positions: Positions, fixed: str) -> lsp.TextEdit:
    """One edit that turns the text into *fixed*: the part between what the two
    share at the start and at the end (the cursor and the rest stay put)."""
    text = positions.text
    head, tail = common_ends(text, fixed)
    return positions.edit(head, len(text) - tail, fixed[head : len(fixed) - tail])


_CHUNK = 4096  # characters compared at once by common_ends


def common_ends(old: str, new: str) -> tuple[int, int]:
    """How many characters *old* and *new* share at the start, and then at the
    end of what is left (the changed middle: old[head:len(old) - tail] became
    new[head:len(new) - tail]); compared a chunk at a time, then a character at a
    time in the chunk that differs."""
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head : head + _CHUNK] == new[head : head + _CHUNK]:
        head += _CHUNK
    head = min(head, limit)
    while head < limit and old[head] == new[head]:
        head += 1
    rest = limit - head
    tail = 0
    while tail < rest and old[len(old) - tail - min(_CHUNK, rest - tail) : len(old) - tail] == new[len(new) - tail - min(_CHUNK, rest - tail) : len(new) - tail]:
        tail += min(_CHUNK, rest - tail)
    while tail < rest and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    return head, tail
