"""S: the cable's major parts, their order, sections and what the grammar could not place
(cable-format.md 1, 4.6, 4.7)."""

from __future__ import annotations

from typing import Iterator, Optional

from cablelint.linter.rule import Context, Finding, Rule
from cablelint.model import Cable, ErrorNode, PageHeader
from cablelint.rules._header import number_of, serial_outvoted, total_outvoted
from cablelint.rules._places import late_attention_lines
from cablelint.rules._posts import post_fits, post_slip
from cablelint.span import Span

_PART_NAMES = {
    "routing": "routing header",
    "address": "address block",
    "to": "TO line",
    "info": "INFO line",
    "xmt": "XMT line",
    "class": "classification line",
    "eo": "E.O. line",
    "tags": "TAGS line",
    "subject": "SUBJECT line",
    "refs": "REF block",
    "classified_by": "Classified By line",
}


def _part_span(cable: Cable, kind: str) -> Optional[Span]:
    """Where the cable's part *kind* starts, the one its rules read."""
    part = {
        "routing": cable.routing,
        "address": cable.from_line,
        "class": cable.classification,
        "eo": cable.eo,
        "tags": cable.tags,
        "subject": cable.subject,
        "refs": cable.ref_span,
        "classified_by": cable.classified_by,
    }.get(kind)
    if kind in _ADDRESS_LINES:
        # the addressees of that keyword, those in the header and the moved ones
        lines = {"to": cable.to, "info": cable.info, "xmt": cable.xmt}[kind]
        return lines[0].span.cover(lines[-1].span) if lines else None
    if part is None or isinstance(part, Span):
        return part
    return part.span  # type: ignore[attr-defined, no-any-return]


_ADDRESS_LINES = ("to", "info", "xmt")  # address lines moved without their FM line


def _misplaced(cable: Cable) -> list[list[tuple[str, Span]]]:
    """The parts the cable has only out of their place, in text order; parts with
    nothing but blank lines between them (captions moved as a block, with their
    usual blank lines) form one group."""
    groups: list[list[tuple[str, Span]]] = []
    previous_end = -1
    for kind, span in cable.late_captions:
        part = _part_span(cable, kind)
        if part is None or (part.line != span.line and kind != "address" and kind not in _ADDRESS_LINES):
            continue  # a caption-shaped line of the text; the cable's part is in place
        between = cable.lines[previous_end : span.line - 1] if previous_end >= 0 else None
        if groups and between is not None and not any(line.text.strip() for line in between):
            groups[-1].append((kind, span))
        else:
            groups.append([(kind, span)])
        previous_end = max(span.line, part.end_line)
    return groups


def _names(group: list[tuple[str, Span]]) -> str:
    """'the TAGS line stands', 'the E.O., TAGS and SUBJECT lines stand'."""
    names = [_PART_NAMES[kind] for kind, _ in group]
    if len(names) == 1:
        return f"the {names[0]} stands"
    if all(n.endswith(" line") for n in names):
        names = [n.removesuffix(" line") for n in names]
        names[-1] += " lines"
    return f"the {', '.join(names[:-1])} and {names[-1]} stand"


class SectionOrder(Rule):
    """The major parts of the cable are out of order.

    Why: a cable runs routing header, address block, classification line, handling
    captions and passing lines, E.O./TAGS/SUBJECT/REF captions, body, signature
    (cable-format.md 1; 5 FAH-1 H-246.1: the text begins below the subject or
    reference line). A part out of its place is read where it stands (the rules
    that need it use it), and reported here once, at its first line; captions moved
    together are one finding. A moved E.O. or TAGS line that is also malformed is
    still the part when written as one (``TAGS: pgov``), and H002/H006 report the
    rest; prose that only starts like a caption (``Tags are used ...``) is not.

    An address block after the classification line when the header has one too is
    reported at its own FM line, as a second address block. TO, INFO or XMT lines
    moved there without their FM line, or lower down among the handling captions and
    attention lines (``SIPDIS``, ``DEPT FOR ...``) of a cable whose FM line is in
    place, are reported at the first of them, and their addressees are read (so A002
    does not also say there is no TO line).
    A line that starts with the word ``FROM``, ``TO`` or ``INFO`` and goes on with
    words that are no address (``FROM THE AMBASSADOR FOR ...``, ``TO THE SECRETARY
    FROM ...``) is a passing line under the classification line, not an address line
    moved there (cable-format.md 3.3).

    Bad: the ``TAGS`` line after paragraph 3; the address block after the
    classification line; the classification line after ``SIPDIS``.
    Good: routing header, ``FM``/``TO``/``INFO``, classification line, ``SIPDIS``,
    ``E.O.``, ``TAGS``, ``SUBJECT``, ``REF``, ``Classified By``, paragraphs, signature.
    """

    code = "S001"
    name = "section-order"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        for group in _misplaced(cable):
            kind, span = group[0]
            fm = cable.from_line
            if kind == "address" and fm is not None and fm.span.line != span.line:
                # the header has its address block; this is another (alone in its group:
                # what follows it is in its place)
                cls = f" on line {cable.classification.span.line}" if cable.classification is not None else ""
                yield Finding(
                    span,
                    f"a second address block stands after the classification line (line {span.line}): "
                    f"expected one address block, the one on line {fm.span.line}, before the classification line{cls}",
                )
                continue
            yield Finding(span, f"{_names(group)} {_where(cable, kind, span, len(group) > 1)}")


def _where(cable: Cable, kind: str, span: Span, plural: bool) -> str:
    """Where the part stands (after what, at which line) and where it belongs."""
    at, it = span.line, "them" if plural else "it"
    if kind == "routing":
        fm = f" on line {cable.from_line.span.line}" if cable.from_line is not None else ""
        return f"after the address block (line {at}): expected it first, before the FM line{fm}"
    if kind == "address":
        cls = f" on line {cable.classification.span.line}" if cable.classification is not None else ""
        return f"after the classification line (line {at}): expected it after the routing header, before the classification line{cls}"
    if kind in _ADDRESS_LINES:
        cls = f" on line {cable.classification.span.line}" if cable.classification is not None else ""
        return f"after the classification line (line {at}): expected {it} in the address block, before the classification line{cls}"
    body = cable.body_span
    first_caveat = min((c for c in cable.caveats if c.span.line < at), key=lambda c: c.span.line, default=None)
    if body is not None and at > body.end_line:
        stands = f"after the text (line {at})"
    elif body is not None and at >= body.line and cable.paragraphs and at < cable.paragraphs[0].span.line:
        # read into the body's start, but above its first paragraph
        among = any(span.line > at for _, span in cable.captions)
        stands = f"among the captions (line {at})" if among else f"after the captions, before the first paragraph (line {at})"
    elif body is not None and at >= body.line:
        stands = f"inside the body text (line {at})"
    elif kind == "class" and any(s.line < at for _, s in cable.captions):
        # read among the captions, under one of them
        among = any(s.line > at for _, s in cable.captions)
        before = ", before the first paragraph" if cable.paragraphs else ""
        stands = f"among the captions (line {at})" if among else f"after the captions{before} (line {at})"
    elif first_caveat is not None:
        stands = f"after the handling captions (line {at})"
    else:
        stands = f"out of its place (line {at})"
    if kind == "class":
        head = first_caveat is not None and (body is None or at < body.line)
        before = f", before {first_caveat.name} on line {first_caveat.span.line}" if first_caveat is not None and head else ""
        return f"{stands}: expected it at the top of the text{before}"
    return f"{stands}: expected {it} among the captions before the text"


class MissingSignature(Rule):
    """No signature line after the last paragraph.

    Why: the text ends with the signer's surname in capitals, the chief of mission
    or the Secretary (cable-format.md 4.7). In the archive's unwrapped rendering it
    is appended to the last text line (``... End Comment. DRUCKER``), which counts
    (the archive's redaction ``XXXXXXXXXXXX`` closing that line is no signer),
    as does the archive's mixed-case ``Stapleton`` alone on the last line. What may
    follow the signature does not hide it: a closing classification banner, the
    post's classified-website footer (the archive may append the signature to it:
    ``... index. cfm Tuttle``), the archive's truncated subject teaser (``DANIEL
    ORTEGA AN...``), an end-of-message marker, or a stray line in capitals, which
    S004 reports. The teaser is the archive's even with no signature above it when
    it repeats a piece of the subject, and so is the footer when it closes the cable
    under a line that ends a sentence: the finding is then at the end of the last
    paragraph, not at the teaser or the footer.

    A draft is held to the convention strictly (cable-format.md 5.4): its signature
    in mixed case (``Holmgren``) is reported too. A full stop after the name
    (``DRISCOLL.``) is reported in any cable: the signature is the name alone.

    Bad: a cable whose last line is ``8. (U) Embassy POC is ...``; in a draft, a last
    line ``Holmgren``.
    Good: the same cable followed by a line ``MILOVANOVIC``; ``HOLMGREN``.
    """

    code = "S002"
    name = "missing-signature"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        signature = cable.signature
        if signature is not None:
            span = signature.span
            if not signature.appended and span.end - span.start > len(signature.name):  # the span holds a full stop
                yield Finding(span, f"the signature '{signature.name}.' ends with a full stop: expected '{signature.name}' alone on its line")
            elif cable.dialect == "draft" and signature.name != signature.name.upper():
                yield Finding(signature.span, f"the signature '{signature.name}' is not in capitals: expected the signer's surname in capitals, '{signature.name.upper()}'")
            return
        if cable.body_span is None:
            return
        end = cable.body_span
        at = Span(end.end_line, end.end_column, end.end_line, end.end_column, end.end, end.end)
        yield Finding(at, "the text ends without a signature: expected the signer's surname in capitals on the line after the last paragraph")


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
    classification line under the block opens. A page header's serial takes 8
    digits (one with a digit lost or typed twice is named; so is its total's three,
    ``003 OF 03``, ``003 OF 0033``), its section numbers go
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
                yield Finding(cls.section.span, f"'{cls.section.text}' {why}")
                return  # comparing other parts with an impossible line says nothing more
        yield from self._de_part(cable, number)
        yield from self._page_headers(cable, total)
        yield from self._copy_sections(cable)
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
                    meant = f"'{others[0]}', as the other page headers write it"
                else:
                    meant = f"'{names[0]}', the post on {'the classification line' if cls is not None and cls.post is not None else 'the FM line'}"
                more = sum(1 for other in cable.page_headers if other.post.upper() == written) - 1
                also = f" (and in {more} more page header{'s' if more > 1 else ''})" if more else ""
                how = "has a digit typed in it" if any(c.isdigit() for c in written) else "is misspelt"
                yield Finding(ph.post_span, f"page header post '{ph.post}'{also} {how}: expected {meant}")

    def _de_part(self, cable: Cable, number: Optional[int]) -> Iterator[Finding]:
        de = cable.routing.de_line if cable.routing is not None else None
        if de is None or de.part is None:
            return
        part = number_of(de.part.text)
        if part is None:
            return  # malformed: R003's
        if number is not None and part != number:
            yield Finding(de.part.span, f"the DE line names part /{de.part.text} but the classification line says section {number}: expected /{number:02d}")
        elif number is None and part > 1:
            yield Finding(de.part.span, f"the DE line names part /{de.part.text} but the classification line has no SECTION {part:02d} OF NN: expected /01 or a SECTION")

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
                f"'{cls.section.text}' disagrees with {'the page headers, which count' if len(cable.page_headers) > 1 else 'the page header, which counts'} {right_total} sections: "
                f"expected SECTION {cls.section_number or 1:02d} OF {right_total:02d}",
            )
            total = None
        previous: Optional[tuple[int, int]] = None  # the last page header's (section, page)
        for ph in cable.page_headers:
            ph_serial = number_of(ph.serial.text)
            if not ph.copy and len(ph.serial.text) != 8:
                # a digit lost or typed twice: the archive pads the serial to 8 digits (4.6)
                meant = f"{serial:08d}, the cable's serial" if serial is not None else "the cable's serial padded with zeros"
                yield Finding(ph.serial.span, f"page header serial {ph.serial.text} has {len(ph.serial.text)} digits: expected 8, {meant}")
            elif serial is not None and ph_serial is not None and ph_serial != serial:
                yield Finding(ph.serial.span, f"page header serial {ph.serial.text} differs from the cable's serial {cls.serial.text}: expected {serial:0{len(ph.serial.text)}d}")  # type: ignore[union-attr]
            if not ph.copy and ph.page_span is not None:
                yield from self._page_number(ph, previous)
                previous = (ph.page, ph.sub or 1)
            if ph.total is None:
                continue
            ph_total = number_of(ph.total.text)
            if ph_total is None:
                continue
            if not ph.copy and len(ph.total.text) != 3:
                # "003 OF 03", "003 OF 0033": a digit lost or typed twice
                want = f"OF {total:03d}" if total is not None else "a three-digit total"
                yield Finding(ph.total.span, f"page header total 'OF {ph.total.text}' has {len(ph.total.text)} digits: expected 3, {want}")
                continue
            if total is not None and ph_total != total:
                yield Finding(ph.total.span, f"page header total 'OF {ph.total.text}' differs from the classification line's 'OF {total:02d}': expected OF {total:0{len(ph.total.text)}d}")
            elif ph.page > ph_total:
                yield Finding(ph.total.span, f"page header says section {ph.page} of {ph_total}: expected a section number no greater than the total")

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
                    f"says '{cls.section.text}': expected section {cls.section_number:0{len(page.section.text)}d}",
                )

    def _page_number(self, ph: PageHeader, previous: Optional[tuple[int, int]]) -> Iterator[Finding]:
        """A page header numbered below the one before it, or a first page header that
        says section 001 alone (its text is already section 1: the second page of it is
        001.2, the next section 002)."""
        shown = f"{ph.page:03d}" + (f".{ph.sub}" if ph.sub is not None else "")
        assert ph.page_span is not None
        if previous is None and ph.page == 1 and ph.sub is None:
            yield Finding(ph.page_span, f"the first page header says section {shown}, where section 1 began with the classification line: expected 002 (the next section) or 001.2 (section 1's second page)")
        elif previous is not None and (ph.page, ph.sub or 1) <= previous:
            before = f"{previous[0]:03d}" + (f".{previous[1]}" if previous[1] > 1 else "")
            yield Finding(ph.page_span, f"page header says {shown} after a page header that says {before}: expected the sections and pages in order")

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


def _stretches(cable: Cable, errors: tuple[ErrorNode, ...]) -> list[ErrorNode]:
    """The first error of each stretch of unplaceable lines (blank lines between
    them do not end a stretch)."""
    firsts: list[ErrorNode] = []
    previous = -1
    for err in sorted(errors, key=lambda e: e.span.line):
        between = cable.lines[previous : err.span.line - 1] if previous >= 0 else [None]
        if any(line is None or line.text for line in between):
            firsts.append(err)
        previous = err.span.end_line
    return firsts


class UnparseableStructure(Rule):
    """A stretch of text that the grammar could not place.

    Why: every line of a cable belongs to one of its parts (cable-format.md 1); a
    line that fits nowhere where it stands is damage or a mistake (a stray line
    between the E.O. and TAGS captions, say). It is reported at the first line of
    the stretch and parsing resumes after it. Lines in the routing header are
    R011's, and an attention line below the E.O. line (``DEPT FOR EUR/CE``) is H010's.

    A ``BT`` or ``NNNN`` line inside the text (cable-format.md 2.7: they close the
    message) is reported here too.

    A short line in capitals under the signature, blank lines between or not
    (``SMITH`` / ``END OF MESSAGE``), is reported here as text after the signature,
    and so are a few lines after an end-of-message marker or a closing banner that
    follows the signature (``GREAVES`` / ``NNNN`` / ``some junk``).

    Bad: ``E.O. 13526: DECL: 2020/08/19`` / ``#@!% ~~`` / ``TAGS: PGOV``.
    Good: ``E.O. 13526: DECL: 2020/08/19`` / ``TAGS: PGOV``.
    """

    code = "S004"
    name = "unparseable-structure"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        late = late_attention_lines(cable) if cable.errors else []  # (H010's)
        mine = tuple(e for e in cable.errors if e.zone != "header" and e not in late)
        for err in _stretches(cable, mine):
            shown = err.text.strip()
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            expected = ", ".join(err.expected[:6]) if err.expected else "nothing more"
            sig = cable.signature
            if not err.expected and shown in ("NNNN", "BT") and (sig is None or err.span.line < sig.span.line):
                # an end-of-message line inside the text (the builder finds it)
                yield Finding(err.span, f"'{shown}' ends the message, but the text goes on after it: expected it after the signature, or no '{shown}' line at all")
                continue
            if sig is not None and not sig.appended and err.span.line > sig.span.end_line:
                after = " or ".join(err.expected) if err.expected else "nothing"
                yield Finding(err.span, f"cannot place '{shown}' after the signature {sig.name} on line {sig.span.line}: expected the signature to end the text; only {after} may follow it")
                continue
            yield Finding(err.span, f"cannot place '{shown}' here: expected {expected}")


RULES: tuple[type[Rule], ...] = (
    SectionOrder,
    MissingSignature,
    SectionNumbering,
    UnparseableStructure,
)
