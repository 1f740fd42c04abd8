"""The block a multi-section received copy repeats before each later section.

A received copy (cable-format.md 2.8) is the receiving station's print-out: above each
section it prints the classification, a page line (``PAGE 02 HARARE 06677 02 OF 03
291401Z``), the distribution block (``ACTION AF-00`` / ``INFO LOG-00 ... /012W``) and a
control line (``------------------A54E38 291401Z /38``), then the section's DTG and
address lines. Above the first section that block is the cable's wrapper (the
preface); above a later one it stands inside the body, where it is no part of the
text: its lines hold no paragraph text, no sub-paragraph, marker, citation or
caption, and the paragraph before it does not end on them. Its page line stays a page
header (S003 checks it, and that it names the section the block opens).

The section's classification line under the block and the captions the section
repeats under it (E.O., TAGS, SUBJECT, REF, ...) are copies too: nothing is read from
them but those captions (H011 and S001 know them as a later section's), and the
paragraph text goes on after them.

The control line, which nothing else looks like, is the block's mark: the body
builder notes the text lines that are one (found with a substring search of each
run), and only around those are the lines read here.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any, Callable, Optional

from cablelint.grammar.patterns import field
from cablelint.grammar.source import Source
from cablelint.model import ClassificationLine, CopyRepeat

if TYPE_CHECKING:
    from cablelint.grammar.parts import Parts

CONTROL = field("COPY_CONTROL")
CONTROL_MARK = ("------",)  # in every control line: the substring searched for
# How far above its control line a block's distribution block may start (a Department
# copy prints drafting lines between them).
_ABOVE = 20
# The captions a section repeats under its classification line (the handling captions too).
_HEAD = ("EO_LINE", "TAGS_LINE", "SUBJECT_LINE", "REF_LINE", "CLSBY_LINE", "CAVEAT_LINE")


def read_repeats(src: Source, p: Parts, patterns: dict[str, Any], read_class: Callable[[int], Optional[ClassificationLine]]) -> None:
    """Find the repeated blocks around the control lines ``p.copy_controls`` (0-based
    indexes), record them in ``p.copy_repeats`` and take what was read from their
    lines out of the parts; *read_class* reads line *n* (1-based) as a classification
    line, or gives None."""
    lines = src.lines
    blocks: list[tuple[int, int]] = []  # (first, last), 0-based, in text order
    heads: list[tuple[int, int]] = []  # the same, of the sections' repeated heads
    for c in sorted(set(p.copy_controls)):
        if blocks and c <= blocks[-1][1]:
            continue
        first, last = _start(src, p, patterns, c), _end(src, patterns, c)
        blocks.append((first, last))
        page = next((ph for ph in p.page_headers if first < ph.span.line <= last + 1), None)
        k = last + 1
        while k < len(lines) and not lines[k].text:
            k += 1
        section = read_class(k + 1) if k < len(lines) and patterns["CLASS_LINE"].fullmatch(lines[k].text) else None
        captions = None
        if section is not None:
            end = _head_end(src, patterns, k)
            heads.append((k, end))
            captions = lines[k].span().cover(lines[end].span())
        span = lines[first].span().cover(lines[last].span())
        p.copy_repeats.append(CopyRepeat(span, page, section, captions))
    if blocks:
        _leave_out(src, p, blocks, heads)


def _start(src: Source, p: Parts, patterns: dict[str, Any], c: int) -> int:
    """The first line of the block whose control line is line *c*: its distribution
    block (the nearest first line of one above, no paragraph between), and above that
    the page line and the print-out's classification lines, blank lines between."""
    lines = src.lines
    top = c
    floor = max(p.body_first - 1, c - _ABOVE)
    for k in range(c - 1, floor - 1, -1):
        text = lines[k].text
        if patterns["PARA_LINE"].fullmatch(text):
            break
        if field("COPY_DISTRIBUTION").fullmatch(text):
            top = k
            break
    above = (patterns["DIST_LINE"], patterns["PAGE_HEADER_LINE"], patterns["COPY_CLASS_LINE"])
    k = top - 1
    while k >= p.body_first - 1:
        text = lines[k].text
        if text:
            if not any(pattern.fullmatch(text) for pattern in above):
                break
            top = k
        k -= 1
    return top


def _end(src: Source, patterns: dict[str, Any], c: int) -> int:
    """The last line of the block whose control line is line *c*: the DTG line under
    it, and the address lines under that up to a blank line or the section's
    classification line."""
    lines = src.lines
    last = c
    k = c + 1
    if k < len(lines) and patterns["DTG_LINE"].fullmatch(lines[k].text):
        last = k
        k += 1
    if k < len(lines) and (patterns["FM_LINE"].fullmatch(lines[k].text) or patterns["TO_LINE"].fullmatch(lines[k].text)):
        while k < len(lines) and lines[k].text and not patterns["CLASS_LINE"].fullmatch(lines[k].text) and not patterns["PARA_LINE"].fullmatch(lines[k].text):
            last = k
            k += 1
    return last


def _head_end(src: Source, patterns: dict[str, Any], k: int) -> int:
    """The last line of the head of the section whose classification line is line *k*
    (0-based): the captions under it, each with the lines under it up to a blank line."""
    lines = src.lines
    last = j = k
    while True:
        j += 1
        while j < len(lines) and not lines[j].text:
            j += 1
        if j >= len(lines) or not any(patterns[name].fullmatch(lines[j].text) for name in _HEAD):
            return last
        while j < len(lines) and lines[j].text:
            last = j
            j += 1


def _within(ranges: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether a line (1-based) is inside one of *ranges* ((first, last), 0-based, in
    text order)."""
    firsts = [first + 1 for first, _ in ranges]
    lasts = [last + 1 for _, last in ranges]

    def inside(line: int) -> bool:
        k = bisect_right(firsts, line) - 1
        return k >= 0 and line <= lasts[k]

    return inside


def _leave_out(src: Source, p: Parts, blocks: list[tuple[int, int]], heads: list[tuple[int, int]]) -> None:
    """Take what was read from the blocks' lines out of the parts (their page lines
    stay page headers), and from the sections' heads all but their captions; end a
    paragraph that ran on into a block above it."""
    in_block, in_head = _within(blocks), _within(heads)

    def inside(line: int) -> bool:
        return in_block(line) or in_head(line)

    p.subparas = [s for s in p.subparas if not inside(s.span.line)]
    p.unnumbered = [u for u in p.unnumbered if not inside(u.span.line)]
    p.markers = [m for m in p.markers if not inside(m.span.line)]
    p.citations = [c for c in p.citations if not inside(c.span.line)]
    p.late_captions = [(kind, span) for kind, span in p.late_captions if not in_block(span.line)]
    p.closers = [k for k in p.closers if not inside(k + 1)]
    lines = src.lines
    for k, (para, last) in enumerate(zip(p.paragraphs, p.para_last_line)):
        while last > para.span.line and (inside(last) or not lines[last - 1].text):
            last -= 1
        p.para_last_line[k] = last
