"""P: the paired SUMMARY, COMMENT, NOTE and TEXT blocks, and a long cable's summary (cable-format.md 4.3)."""

from __future__ import annotations

from bisect import bisect_right
from string import ascii_letters
from typing import Iterator, Optional

from cablelint.linter.rule import Context, Finding, Rule
from cablelint.model import BlockMarker, Cable
from cablelint.numbers import cable_int
from cablelint.quote import clip

_PAIRED = ("SUMMARY", "COMMENT", "NOTE", "TEXT")


def _redacted_before(cable: Cable, starts: list[int], marker: BlockMarker) -> bool:
    """Whether the archive redacted text (``xxxxx``) in the marker's paragraph before
    it: a note's opening may have been redacted with it."""
    count = _paragraph(starts, marker.span.line)
    first = starts[count - 1] if count else (cable.header_end_line or 0) + 1
    if first > marker.span.line:
        return False
    return cable.redacted_between(cable.lines[first - 1].start, marker.span.start)


def _redacted_after(cable: Cable, starts: list[int], marker: BlockMarker) -> bool:
    """Whether the archive redacted text (``xxxxx``) after *marker* in its paragraph:
    a note's closing parenthesis may have been redacted with it."""
    count = _paragraph(starts, marker.span.line)
    last = starts[count] - 1 if count < len(starts) else len(cable.lines)
    if last < marker.span.line:
        return False
    end = cable.lines[last - 1]
    return cable.redacted_between(cable.lines[marker.span.line - 1].start, end.start + len(end.raw))


def _needs_no_end(marker: BlockMarker) -> bool:
    """Whether *marker* is a note's opening ``Note:``, which the end of its paragraph
    (or of the summary it stands in) closes as well as ``End Note.`` does."""
    return marker.kind == "NOTE" and marker.role == "open"


class UnpairedSummaryOrComment(Rule):
    """``END SUMMARY`` / ``END COMMENT`` without its opening, or an opening never closed.

    Why: a summary, a comment, a note and a quoted text are blocks: ``Summary:`` ...
    ``End Summary.``, ``Comment:`` ... ``End Comment.``, ``(Note: ... End Note.)``,
    ``BEGIN TEXT`` ... ``END TEXT`` (cable-format.md 4.3). An unpaired marker leaves the reader unsure where
    the post's own view or the quoted text ends. A heading line (``SUMMARY`` between
    dash rules) opens a block too but, being a section title, needs no end; nor do an
    aside ``(Comment: ...)``, closed by its parenthesis (one whose paragraph never
    closes the parenthesis is an opening like any other), and a block opened in the
    last paragraph, or continued into it (``Comment cont'd:``, ``COMMENT (CONT):``),
    which the end of the text closes; the end of the text does not close an aside's
    parenthesis, so ``(Comment: ...`` never closed is reported in the last paragraph
    too. A parenthesis before the colon (``Summary (paras 2 and 11):``) still makes an
    opening. An opening after an opening quotation mark (``(C) "Summary: ...``,
    a quoted text's) is closed by an end marker after it but needs none. An end
    marker wrapped after its ``END`` (``End`` / ``Summary.``, also across a blank
    line) is one marker, and a block opened together with another (``Summary and
    comment:``) is closed with it. A heading with its dash rule on one line
    (``Summary -------``) opens its block, also under the Classified By line or run
    on after it (``... 1.4 (b) and (d). Summary -------``, as the unwrapped rendering
    joins them; cable-format.md 4.4).

    An end marker after a paragraph the archive withheld whole since the marker
    before it (``XXXXXXXXXXXX`` alone on a line between blank lines; ``3.
    XXXXXXXXXXXX`` or ``3. xxxxx`` between blank lines, or on a line read as a
    paragraph's head with no blank line around it) is not reported: its opening may
    be in the withheld text (a redaction on a line of its own in prose withheld a
    name, and excuses nothing); nor is an
    ``End Note.`` after the archive's redaction in its paragraph (``the xxxxx said
    ... End Note.)``). A note's ``Note:`` needs no
    end: the end of its paragraph, or of the summary it stands in, closes it
    (``2. (C) NOTE: This is the first in a series ...``); an aside ``(Note: ...``
    whose paragraph never closes the parenthesis is reported as a comment's is,
    unless the archive redacted text after it in its paragraph.

    Blocks may nest (a comment inside a summary) but not cross: ``END SUMMARY`` while
    a comment opened inside the summary is still open is reported too. A second
    opening of the same kind inside the block's paragraph is part of the block; one
    that opens a later paragraph's own block (``5. (C) ... Comment: ...`` then ``6.
    (C) ... Comment: ... End Comment.``) shows the block above was never closed, and
    that one is reported.

    A marker whose SUMMARY or COMMENT has one letter lost, added, changed or two
    swapped (``End Sumary.``, ``Coment:`` at the start of a paragraph's text, a
    heading ``SUMAMRY:`` over a dash rule) is
    reported where it stands, also in the last paragraph, and pairs as the marker it
    stands for; such a word that pairs with no marker of its kind is left alone.

    Bad: ``2. (C) The minister agreed. End Comment.`` with no ``Comment:`` before
    (``End Note.`` with no ``Note:``, alike);
    ``Summary: ... Comment: ... End Summary. End Comment.``; ``Summary: ... End
    Sumary.``
    Good: ``2. (C) Comment: The minister agreed. End Comment.``
    """

    code = "P007"
    name = "unpaired-summary-or-comment"
    severity = "warning"
    needs = ("block_markers",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        open_at: dict[str, list[BlockMarker]] = {kind: [] for kind in _PAIRED}
        nested: list[BlockMarker] = []  # the blocks open, in the order they opened
        # a combined "End Summary and Comment." is one end marker of each kind at one place
        end_spans = {(m.kind, m.span) for m in cable.block_markers if m.role == "end"}
        open_spans = {(m.kind, m.span) for m in cable.block_markers if m.role != "end"}
        # the line of the last marker that opened or went on with each open block
        # ("Comment:" in one paragraph, "Comment cont'd:" in the next)
        went_on: dict[BlockMarker, int] = {}
        starts = [p.span.line for p in cable.paragraphs]
        previous = cable.header_end_line or 0  # the line of the marker before
        for marker in cable.block_markers:
            since, previous = previous, marker.span.line
            if marker.misspelt:  # reported, then paired like the marker it stands for
                yield Finding(marker.span, _misspelt(cable, marker))
            stack = open_at.get(marker.kind)
            if stack is None:
                continue
            if marker.role != "end":
                if stack and stack[-1].role == "unclosed":
                    # an aside whose parenthesis its paragraph never closed, and no end
                    # marker before the next opening of its kind: that one's own block
                    unclosed = stack.pop()
                    if unclosed in nested:
                        nested.remove(unclosed)
                    if not (unclosed.kind == "NOTE" and _redacted_after(cable, starts, unclosed)):
                        yield _never_closed(cable, unclosed)
                if stack and stack[-1].role in ("aside", "quoted") and marker.role != stack[-1].role:
                    stack.pop()  # an aside closed by its parenthesis; a quoted opening gives way
                if stack and marker.role == "open" and stack[-1].role == "open" and _paragraph(starts, marker.span.line) > _paragraph(starts, went_on.get(stack[-1], stack[-1].span.line)):
                    # "Comment:" opening a later paragraph's comment while the one above is
                    # still open: that one was never closed
                    earlier = stack.pop()
                    if earlier in nested:
                        nested.remove(earlier)
                    if not _needs_no_end(earlier):
                        yield _never_closed(cable, earlier)
                if not stack:
                    stack.append(marker)
                    if marker.role in ("open", "begin", "continued", "unclosed"):
                        nested.append(marker)
                elif marker.role == "continued":
                    went_on[stack[-1]] = marker.span.line
                # (a second "Summary:" inside the block's paragraph is part of it)
            elif stack:
                opened = stack.pop()
                for kind, others in open_at.items():
                    # a block opened together with this kind ("Summary and comment:")
                    # is closed with it ("End summary."), unless the end names it too
                    if (
                        kind != marker.kind
                        and others
                        and (marker.kind, others[-1].span) in open_spans
                        and (kind, marker.span) not in end_spans
                    ):
                        done = others.pop()
                        if done in nested:
                            nested.remove(done)
                if opened in nested:
                    # blocks opened after this one, apart from one opened with a marker
                    # of its kind ("Summary and comment:") or closed with it
                    later = [
                        m
                        for m in nested[nested.index(opened) + 1 :]
                        if (marker.kind, m.span) not in open_spans
                        and (m.kind, marker.span) not in end_spans
                        and not _needs_no_end(m)
                    ]
                    nested.remove(opened)
                    if later:  # "Summary: ... Comment: ... End Summary. End Comment."
                        inner = later[-1]
                        written = _written(cable, marker)
                        yield Finding(
                            marker.span,
                            f"'{clip(written)}' closes the {marker.kind.lower()} while the {inner.kind.lower()} opened on line "
                            f"{inner.span.line} is still open: expected '{clip(_cased(written, 'END ' + inner.kind))}' first",
                        )
            elif not cable.withheld_between(since, marker.span.line) and not (
                marker.kind == "NOTE" and _redacted_before(cable, starts, marker)
            ):
                written = _written(cable, marker)
                opening = _cased(written, "BEGIN TEXT" if marker.kind == "TEXT" else marker.kind + ":")
                yield Finding(marker.span, f"'{clip(written)}' has no opening: expected '{clip(opening)}' before it")
        last_start = cable.paragraphs[-1].span.line if cable.paragraphs else None
        for kind, stack in open_at.items():
            for marker in stack:
                line = went_on.get(marker, marker.span.line)
                if marker.role in ("heading", "aside", "quoted") or _needs_no_end(marker):
                    continue
                if marker.kind == "NOTE" and _redacted_after(cable, starts, marker):
                    continue  # "(Note: xxxxx": the parenthesis may be in the redacted text
                # the end of the text closes a block opened in the last paragraph, but
                # not an aside's parenthesis: "(Comment: ..." there is still unclosed
                if marker.role != "unclosed" and last_start is not None and line >= last_start:
                    continue
                yield _never_closed(cable, marker)


def _paragraph(starts: list[int], line: int) -> int:
    """How many numbered paragraphs start at or above *line* (0: above the first)."""
    return bisect_right(starts, line)


def _never_closed(cable: Cable, marker: BlockMarker) -> Finding:
    """The finding for an opening never closed; an aside's names its parenthesis."""
    written = _written(cable, marker)
    end = _cased(written, "END " + marker.kind)
    if marker.role == "unclosed":
        return Finding(marker.span, f"'({clip(written)}' opens a {marker.kind.lower()} whose parenthesis is never closed: expected ')' or '{clip(end)}' after it")
    return Finding(marker.span, f"'{clip(written)}' opens a {marker.kind.lower()} that is never closed: expected '{clip(end)}' after it")


def _written(cable: Cable, marker: BlockMarker) -> str:
    """The marker as the drafter wrote it ("End Comment", "SUMMARY:"); one wrapped over
    a line break ("End" / "summary.") with a space for the break: "End summary"."""
    span = marker.span
    line = cable.lines[span.line - 1].raw
    if span.end_line == span.line:
        return line[span.column - 1 : span.end_column - 1].strip()
    last = cable.lines[span.end_line - 1].raw
    return f"{line[span.column - 1 :].strip()} {last[: span.end_column - 1].strip()}"


def _cased(written: str, words: str) -> str:
    """*words* (in capitals) in the case the drafter wrote *written*: "END SUMMARY",
    "End Summary" or "end summary"."""
    letters = "".join(c for c in written if c.isalpha())
    if letters.isupper() or not letters:
        return words
    if letters.islower():
        return words.lower()
    return words.title()


def _misspelt(cable: Cable, marker: BlockMarker) -> str:
    """What a marker with its kind word misspelt says, and the marker meant."""
    span = marker.span
    written = cable.lines[span.line - 1].raw[span.column - 1 : span.end_column - 1]
    if marker.role == "end":  # "End Sumary": the word is last
        word = written[len(written.rstrip(ascii_letters)) :]
        before, after = written[: len(written) - len(word)], ""
    else:  # "Sumary:": the word is first
        word = written.rstrip(": \t")
        before, after = "", written[len(word) :]
    right = marker.kind if word.isupper() else marker.kind.capitalize() if word[:1].isupper() else marker.kind.lower()
    return f"'{clip(written)}' is misspelt: expected '{clip(before)}{clip(right)}{clip(after)}'"


class MissingSummary(Rule):
    """A cable of more than three pages without a summary.

    Why: a telegram that exceeds three pages needs a summary (5 FAH-1 H-246.3;
    cable-format.md 4.3, 6.5), for the readers who read no further. The handbook
    puts it in an unnumbered paragraph above paragraph 1; practice also puts it at
    the start of paragraph 1 (``1. (C) Summary: ...``) or under a ``SUMMARY``
    heading. Any summary marker counts (``Summary:``, ``BEGIN SUMMARY``, the heading,
    an ``End Summary.``, even misspelt); an ``Introduction`` is not a summary.

    Pages: a cable goes out in sections, and each section begins a page (the
    archive's page header at each page break, ``POST 0000NNNN 002 OF 004``, counts
    sections; cable-format.md 4.6), so a cable in four or more sections
    (``SECTION 01 OF 04``, or page headers ``OF 004``) exceeds three pages. Where the
    classification line and the page headers disagree on the total, the smaller one
    is taken (the disagreement is S003's). A cable of fewer sections is not checked,
    however long: the spec gives no page length in lines, and the page headers'
    ``.N`` page numbers are not a reliable count. Nor are a partial extract (the rest
    of the text, and its summary, are missing; cable-format.md 2.8) and a cable with
    no numbered paragraph (a copy cut off after its captions). The finding is at the
    head of the first paragraph, where the summary was expected.

    Bad: ``SECTION 01 OF 04`` over paragraphs ``1. (C) ...`` to ``14. (C) ...`` and no
    summary.
    Good: ``1. (C) Summary: ... End Summary.`` in that cable.
    """

    code = "P008"
    name = "missing-summary"
    severity = "info"
    needs = ("paragraphs",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if not cable.paragraphs or cable.partial_extract or any(m.kind == "SUMMARY" for m in cable.block_markers):
            return
        sections = _section_count(cable)
        if sections is None or sections <= 3:
            return
        first = cable.paragraphs[0]
        head = first.head_stops.written  # (the blanks at its end are those of head_span)
        yield Finding(
            first.head_span.shorter(len(head) - len(head.rstrip())),  # the head, not the blank after it
            f"no summary in a cable of {sections} sections (over three pages): expected 'Summary: ... End Summary.' above paragraph {first.number} or at its start",
        )


def _section_count(cable: Cable) -> Optional[int]:
    """How many sections the cable has, as its classification line and page headers
    give it (the smallest total where they disagree), or None."""
    totals = [ph.total for ph in cable.page_headers]
    counts = [cable_int(t.text) for t in totals if t is not None and t.text.isdigit()]
    cls = cable.classification
    if cls is not None and cls.section_total is not None:
        counts.append(cls.section_total)
    return min(counts) if counts else None


RULES: tuple[type[Rule], ...] = (
    UnpairedSummaryOrComment,
    MissingSummary,
)
