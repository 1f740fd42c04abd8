"""S: a long cable's sections, ``SECTION NN OF MM`` on its pages (cable-format.md 4.6)."""

from __future__ import annotations

from typing import Iterator, Optional

from cablelint.linter.rule import Context, Finding, Rule
from cablelint.model import Cable, PageHeader
from cablelint.quote import clip, plural
from cablelint.rules._header import number_of, serial_outvoted, total_outvoted
from cablelint.rules._posts import post_fits, post_slip


def _pages_outvote(cable: Cable, serial: int) -> Optional[str]:
    """The serial two or more page headers give, as written, when they all agree and
    it is not *serial*; None otherwise."""
    if len(cable.page_headers) < 2:
        return None
    written = {ph.serial.text.lstrip("0") for ph in cable.page_headers}
    if len(written) != 1:
        return None
    first = cable.page_headers[0].serial.text
    value = number_of(first)
    return first if value is not None and value != serial else None


class SectionNumbering(Rule):
    """``SECTION NN OF MM`` inconsistent with itself, the DE line or the page headers.

    Why: a long cable goes out in MM sections and each says ``SECTION NN OF MM``;
    NN cannot exceed MM, the DE line's ``/NN`` part names the same section, and the
    archive's page headers ``POST 000NNNNN 002 OF 003`` carry the cable's serial and
    the same total (cable-format.md 2.3, 4.6: 1,433 of 1,433 real page headers carry
    the serial, 1,429 the total).

    When two or more page headers agree on a total that the classification line does
    not give, or one page header's total is the section it numbers (the text ends in
    its last section: ``002 OF 002`` under ``SECTION 01 OF 20``), the classification
    line is the one reported, once. A page header serial
    that differs only because the classification line's serial is a typo (the DE line
    agrees with the page headers) is left to R009, which reports that line; with no
    DE line, two or more page headers that agree on a serial outvote the
    classification line the same way, and it is reported once, at its serial. Page
    headers that count several sections under a classification line with no SECTION
    part are reported at the line's post, where the part belongs. The archive's
    unwrapped rendering runs a page header into a paragraph's line; it is checked
    there too, and so is a received copy's page line (``PAGE 02 REYKJAVIK 00687 01
    OF 03 061012Z``, spaced out as the print-out spaced it or not: its serial and
    section total). In the block a multi-section received copy repeats before each
    later section (cable-format.md 2.8), the page line names the section that the
    classification line under the block opens; inside a section's text it names the
    section it stands in (one that differs from the classification line or page line
    above it and the page line below it, where those agree, is named). A page
    header's ``OF`` with a zero for its O (``002.2 0F 003``) or a stray full stop
    beside it (``002. OF 003``) is named too. A page header's serial takes 8
    digits (one with a digit lost or typed twice is named; so is its total's three,
    ``003 OF 03``, ``003 OF 0033``; its section number's three, ``0002 OF 003`` or a
    run of thousands of digits; and a number typed again after the total,
    ``002 OF 002 002``, which leaves the line a page header still), its section numbers go
    up (``002``, ``002.2``, ``003``), and the first one cannot be section ``001``
    alone: section 1 began with the classification line (``001.2`` is its second
    page). A page header's post may be cut to ten letters (``BUENOS AIR``), lose its
    prefix (``DUBAI`` for RPO DUBAI) or be in mixed case, as the archive writes it;
    one that is none of these but a letter or two from the post of the
    classification or FM line (``RIO DE JANIERO``, or ``TBIL1SI`` or ``REYKJAVI1`` with a
    digit typed for a letter) is misspelt, and reported once at its first page header.

    Bad: ``C O N F I D E N T I A L SECTION 03 OF 02 RABAT 000612``.
    Good: ``C O N F I D E N T I A L SECTION 01 OF 02 RABAT 000612``.
    """

    code = "S003"
    name = "section-numbering"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        cls = cable.classification
        number = cls.section_number if cls is not None else None
        total = cls.section_total if cls is not None else None
        if cls is not None and cls.section is not None and number is not None and total is not None:
            if number == 0 or total == 0 or number > total:
                if total == 0:
                    why = "counts no sections: expected a total of at least 01"
                elif number == 0:
                    why = f"numbers a section 00: expected 'SECTION 01 OF {total:02d}' for the first"
                else:
                    why = f"numbers a section past the total: expected a section from 01 to {total:02d}, or a total of at least {number:02d}"
                yield Finding(cls.section.span, f"'{clip(cls.section.text)}' {why}")
                return  # comparing other parts with an impossible line says nothing more
        yield from self._de_part(cable, number)
        yield from self._page_headers(cable, total)
        yield from self._copy_sections(cable)
        yield from self._page_line_sections(cable)
        yield from self._page_header_posts(cable)

    def _page_header_posts(self, cable: Cable) -> Iterator[Finding]:
        """A page header's post one or two letters from the cable's, and none of the
        forms the archive writes it in (cut to ten letters, its prefix dropped)."""
        if not cable.page_headers:
            return
        cls, fm = cable.classification, cable.from_line
        names = [name.upper() for name in (cls.post.text if cls is not None and cls.post is not None else None, fm.address.text if fm is not None and fm.address is not None else None) if name]
        if not names:
            return
        fitting = [ph.post.upper() for ph in cable.page_headers if post_fits(ph.post.upper(), names)]
        seen: set[str] = set()
        for ph in cable.page_headers:
            written = ph.post.upper()
            if ph.post_span is None or written in seen or written in fitting:
                continue
            seen.add(written)
            if post_slip(written, names):
                others = sorted(set(fitting))
                if len(others) == 1 and others[0] != names[0]:
                    meant = f"'{clip(others[0])}', as the other page headers write it"
                else:
                    meant = f"'{clip(names[0])}', the post on {'the classification line' if cls is not None and cls.post is not None else 'the FM line'}"
                more = sum(1 for other in cable.page_headers if other.post.upper() == written) - 1
                also = f" (and in {more} more page header{'s' if more > 1 else ''})" if more else ""
                how = "has a digit typed in it" if any(c.isdigit() for c in written) else "is misspelt"
                yield Finding(ph.post_span, f"page header post '{clip(ph.post)}'{also} {how}: expected {meant}")

    def _de_part(self, cable: Cable, number: Optional[int]) -> Iterator[Finding]:
        de = cable.routing.de_line if cable.routing is not None else None
        if de is None or de.part is None:
            return
        part = number_of(de.part.text)
        if part is None:
            return  # malformed: R003's
        if number is not None and part != number:
            yield Finding(de.part.span, f"the DE line names part /{clip(de.part.text)} but the classification line says section {number}: expected /{number:02d}")
        elif number is None and part > 1:
            yield Finding(de.part.span, f"the DE line names part /{clip(de.part.text)} but the classification line has no SECTION {part:02d} OF NN: expected /01 or a SECTION")

    def _page_headers(self, cable: Cable, total: Optional[int]) -> Iterator[Finding]:
        cls = cable.classification
        serial = number_of(cls.serial.text) if cls is not None and cls.serial is not None else None
        if serial_outvoted(cable) is not None:
            serial = None  # the classification line's serial is the typo: R009 says so there
        elif serial is not None and cls is not None and cls.serial is not None and (cable.routing is None or cable.routing.de_line is None):
            voted = _pages_outvote(cable, serial)
            if voted is not None:
                # no DE line: the page headers agree with each other, so the typo is the
                # classification line's, reported once there
                count = len(cable.page_headers)
                yield Finding(cls.serial.span, f"classification line serial {cls.serial.text} differs from the {count} page headers, which all give {voted}: expected {voted[-len(cls.serial.text):]}")
                serial = None
        yield from self._section_missing(cable)
        right_total = total_outvoted(cable)
        if right_total is not None and cls is not None and cls.section is not None:
            yield Finding(
                cls.section.span,
                f"'{clip(cls.section.text)}' disagrees with {'the page headers, which count' if len(cable.page_headers) > 1 else 'the page header, which counts'} {right_total} sections: "
                f"expected SECTION {cls.section_number or 1:02d} OF {right_total:02d}",
            )
            total = None
        previous: Optional[tuple[int, int]] = None  # the last page header's (section, page)
        before: Optional[PageHeader] = None  # the page header before the last
        last: Optional[PageHeader] = None
        first = (cls.section_number or 1) if cls is not None else 1  # the section the text begins
        for ph in cable.page_headers:
            yield from (Finding(problem.span, problem.message) for problem in ph.problems)
            ph_serial = number_of(ph.serial.text)
            if not ph.copy and len(ph.serial.text) != 8:
                # a digit lost or typed twice: the archive pads the serial to 8 digits (4.6)
                meant = f"{serial:08d}, the cable's serial" if serial is not None else "the cable's serial padded with zeros"
                yield Finding(ph.serial.span, f"page header serial {ph.serial.text} has {plural(len(ph.serial.text), 'digit')}: expected 8, {meant}")
            elif serial is not None and ph_serial is not None and ph_serial != serial:
                yield Finding(ph.serial.span, f"page header serial {ph.serial.text} differs from the cable's serial {cls.serial.text}: expected {serial:0{len(ph.serial.text)}d}")  # type: ignore[union-attr]
            if not ph.copy and ph.page_span is not None and not _page_misnumbered(ph):
                yield from self._page_number(ph, previous, last, before.page if before is not None else first)
                previous = (ph.page, ph.sub or 1)
                before, last = last, ph
            if ph.total is None:
                continue
            ph_total = number_of(ph.total.text)
            if ph_total is None:
                continue
            if not ph.copy and len(ph.total.text) != 3:
                # "003 OF 03", "003 OF 0033": a digit lost or typed twice
                want = f"OF {total:03d}" if total is not None else "a three-digit total"
                yield Finding(ph.total.span, f"page header total 'OF {clip(ph.total.text)}' has {plural(len(ph.total.text), 'digit')}: expected 3, {want}")
                continue
            if total is not None and ph_total != total:
                yield Finding(ph.total.span, f"page header total 'OF {clip(ph.total.text)}' differs from the classification line's 'OF {total:02d}': expected OF {total:0{len(ph.total.text)}d}")
            elif ph.page > ph_total and (ph.page_span is None or not _page_misnumbered(ph)):
                # the section and its total, as for 'SECTION 03 OF 02' on the class line
                where = ph.page_span.cover(ph.total.span) if ph.page_span is not None and ph.page_span.start < ph.total.span.start else ph.total.span
                yield Finding(where, f"page header says section {ph.page} of {ph_total}: expected a section number no greater than the total")

    def _copy_sections(self, cable: Cable) -> Iterator[Finding]:
        """A received copy's page line above a later section names that section."""
        for repeat in cable.copy_repeats:
            page, cls = repeat.page, repeat.section
            if page is None or page.section is None or cls is None or cls.section is None or cls.section_number is None:
                continue
            if page.page != cls.section_number:
                yield Finding(
                    page.section.span,
                    f"page line names section {page.section.text}, but the classification line under it (line {cls.span.line}) "
                    f"says '{clip(cls.section.text)}': expected section {cls.section_number:0{len(page.section.text)}d}",
                )

    def _page_line_sections(self, cable: Cable) -> Iterator[Finding]:
        """A received copy's page line inside a section's text (not the one above a later
        section, which _copy_sections checks) names the section it stands in: one whose
        section differs from the section before it (the classification line's, or the
        page line's before it) and the one after it, where those two agree, is the slip."""
        cls = cable.classification
        if cls is None or cls.section_number is None or not any(ph.copy for ph in cable.page_headers):
            return
        opening = {id(r.page) for r in cable.copy_repeats if r.page is not None}
        marks: list[tuple[int, int, Optional[PageHeader]]] = [(cls.span.line, cls.section_number, None)]
        marks += [(r.section.span.line, r.section.section_number, None) for r in cable.copy_repeats if r.section is not None and r.section.section_number is not None]
        marks += [(ph.span.line, ph.page, ph) for ph in cable.page_headers if ph.copy and ph.span.line > cls.span.line]
        marks.sort(key=lambda mark: mark[0])
        for k in range(1, len(marks) - 1):
            line, number, ph = marks[k]
            (before_line, before, _), (after_line, after, _) = marks[k - 1], marks[k + 1]
            if ph is None or ph.section is None or id(ph) in opening or number == before or before != after:
                continue
            meant = f"{before:0{len(ph.section.text)}d}"
            yield Finding(ph.section.span, f"page line names section {ph.section.text}, but it stands in section {meant} (as lines {before_line} and {after_line} around it say): expected {meant}")

    def _page_number(self, ph: PageHeader, previous: Optional[tuple[int, int]], last: Optional[PageHeader], before: int) -> Iterator[Finding]:
        """A page header numbered below the one before it, or a first page header that
        says section 001 alone (its text is already section 1: the second page of it is
        001.2, the next section 002). Of "003, 005, 005" the first 005 is the slip: it
        skipped the 004 that the repeat shows was there, and is reported in its place."""
        shown = f"{ph.page:03d}" + (f".{ph.sub}" if ph.sub is not None else "")
        assert ph.page_span is not None
        if previous is None and ph.page == 1 and ph.sub is None:
            yield Finding(ph.page_span, f"the first page header says section {shown}, where section 1 began with the classification line: expected 002 (the next section) or 001.2 (section 1's second page)")
        elif last is not None and last.page_span is not None and ph.sub is None and last.sub is None and ph.page == last.page == before + 2:
            yield Finding(last.page_span, f"page header says {last.page:03d} after section {before:03d}, and the next says {shown} again: expected {before + 1:03d}")
        elif previous is not None and (ph.page, ph.sub or 1) <= previous:
            said = f"{previous[0]:03d}" + (f".{previous[1]}" if previous[1] > 1 else "")
            yield Finding(ph.page_span, f"page header says {shown} after a page header that says {said}: expected the sections and pages in order")

    def _section_missing(self, cable: Cable) -> Iterator[Finding]:
        """Page headers that agree on more than one section, under a classification
        line that gives no SECTION part."""
        cls = cable.classification
        if cls is None or cls.section is not None or cls.post is None:
            return
        totals = {number_of(ph.total.text) for ph in cable.page_headers if ph.total is not None}
        if len(totals) != 1:
            return
        (total,) = totals
        if total is None or total < 2:
            return
        yield Finding(
            cls.post.span,
            f"the page headers count {total} sections but the classification line has no SECTION part: "
            f"expected SECTION 01 OF {total:02d} before the post",
        )


RULES: tuple[type[Rule], ...] = (
    SectionNumbering,
)


def _page_misnumbered(ph: PageHeader) -> bool:
    """Whether the page header's section number is written with other than three digits
    ("0002 OF 003", a run of thousands): its reader's problem names it, and its order
    and its place under the total are not compared."""
    assert ph.page_span is not None
    return ph.page_span.end - ph.page_span.start - (2 if ph.sub is not None else 0) != 3
