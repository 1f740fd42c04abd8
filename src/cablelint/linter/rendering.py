"""Fixes that keep the rendering: the one guard the engine and the fixer ask.

A fix can change how the whole file reads: an archive page with one paragraph sign,
its other heads spaced by P004's fixes, reads as a telegram, where that sign is
residue. Such fixes are never applied (fixer.py), so the engine offers none of them
(engine.py): the reports mark no finding fixable that ``--fix`` would hold back.
A Markdown page may read as another rendering once its residue is gone: that is what
fixing it means, and nothing is held there.
"""

from __future__ import annotations

import bisect
import re
from itertools import islice
from typing import Callable, Optional

from cablelint.files import LoadedFile
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.rule import Edit


def never_fixed(loaded: LoadedFile) -> Optional[str]:
    """Why no fix is ever applied to *loaded*, or None: its bytes are not all UTF-8
    text (F001), so writing it back would change what was never read."""
    if loaded.bad_offsets or loaded.utf16:
        return f"the file is {'UTF-16 text' if loaded.utf16 else 'not valid UTF-8'} (F001): it is never fixed"
    return None


def take(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The findings whose fixes overlap no earlier fix."""
    # the ranges taken, in order: no two of different fixes overlap, nor do those of
    # one fix (the engine turns such a fix down), so their ends come in order too,
    # and a range is checked against its two neighbours only (checked against
    # every range taken, 8,000 fixes on one line took seconds)
    taken: list[tuple[int, int]] = []
    out: list[Diagnostic] = []
    fixable = sorted((d for d in diagnostics if d.fix is not None), key=lambda d: min(e.span.start for e in d.fix.edits))  # type: ignore[union-attr]
    for d in fixable:
        assert d.fix is not None
        ranges = [(e.span.start, e.span.end) for e in d.fix.edits]
        if any(_overlaps_taken(r, taken) for r in ranges):
            continue
        for r in ranges:
            bisect.insort(taken, r)
        out.append(d)
    return out


def _overlaps_taken(r: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """Whether *r* overlaps a range of *taken* (in order, their ends in order too):
    the first that starts at or after it, or the last that starts before it."""
    i = bisect.bisect_left(taken, (r[0], -1))
    return i < len(taken) and _overlap(r, taken[i]) or i > 0 and _overlap(r, taken[i - 1])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # two insertions at one point, or an insertion inside a replaced range, conflict too
    return a[0] < b[1] and b[0] < a[1] or a[0] == b[0]


def edits_of(taken: list[Diagnostic]) -> list[Edit]:
    return [e for d in taken if d.fix is not None for e in d.fix.edits]


def apply_edits(text: str, edits: list[Edit]) -> str:
    pieces: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        pieces.append(text[pos : edit.span.start])
        pieces.append(edit.replacement)
        pos = edit.span.end
    pieces.append(text[pos:])
    return "".join(pieces)


# the rendering a text reads as (None if the parser fails on it)
ReadAs = Callable[[str], Optional[str]]


def keeping_rendering(text: str, dialect: Optional[str], taken: list[Diagnostic], read_as: ReadAs) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Of *taken* (fixes that overlap none of the others), those that leave *text*
    read as *dialect*, tried one by one in order, and those held back. *read_as* is
    asked once when all of them keep the rendering, as they nearly always do."""
    if dialect in (None, "markdown") or not taken or keeps_a_page(text, dialect, edits_of(taken)) or read_as(apply_edits(text, edits_of(taken))) in (None, dialect):
        return taken, []
    kept: list[Diagnostic] = []
    held: list[Diagnostic] = []
    for d in taken:
        (kept if read_as(apply_edits(text, edits_of(kept + [d]))) == dialect else held).append(d)
    return kept, held


# what may make residue of a kind that makes a Markdown page (a link, an escape, a
# heading, which the reader finds at a line's start once its signs are taken out; and
# a tag, to be safe): a text with none reads as no Markdown page, whatever its '*',
# '_' and '`' (source.py, RESIDUE in fields.lark)
_MARKDOWN_HINT = re.compile(r"[\[\\<]|^[ \t]*(?:\u00b6[ \t]?)*#", re.MULTILINE)
# the signs starting a line, as the reader takes them (PARAGRAPH_SIGN, source.py)
_SIGNS = re.compile(r"^[ \t]*\u00b6", re.MULTILINE)


def keeps_a_page(text: str, dialect: Optional[str], edits: list[Edit]) -> bool:
    """Whether *text* with *edits* surely still reads as an archive page (cablegate),
    told without parsing it (assemble.py reads the rendering): it holds nothing that
    could make Markdown residue, and two or more of its lines start with a sign, so
    no sign is a lone one pasted in and the page's preface does not matter. This is
    most pages with fixes: the parse it spares is a sixteenth of the check."""
    if dialect != "cablegate" or "\r" in text:
        # (a carriage return breaks lines for the reader too: cut here at '\n' alone)
        return False
    edited = apply_edits(text, edits)
    if "\r" in edited or _MARKDOWN_HINT.search(edited):
        return False
    return len(list(islice(_SIGNS.finditer(edited), 2))) == 2
