"""S: the cable's major parts, their order, the signature and what the grammar could not
place (cable-format.md 1, 4.7)."""

from __future__ import annotations

from typing import Iterator, Optional

from cablelint.linter.rule import Context, Finding, Rule
from cablelint.model import Cable, ErrorNode
from cablelint.quote import clip
from cablelint.rules._h_shared import missing_caption_lines
from cablelint.rules._header import KIND_NAMES, format_line_kind, routing_errors
from cablelint.rules._places import late_attention_lines
from cablelint.span import Span

_PART_NAMES = {
    "routing": "routing header",
    "dtg": "date-time group line",
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
    "passing": "passing line",
    "attention": "attention line",
    "caveat": "handling caption",
}

# the moved parts whose place is under the classification line, each named apart from
# the parts around it
_UNDER_CLASS = ("passing", "attention", "caveat")


def _place_of(kind: str) -> str:
    """The group a moved part of *kind* may join, by the place it belongs in: its own
    kind's for a part whose place is under the classification line (attention and
    passing lines one group: their place is one), one for the header's parts (the
    address block's lines, a date-time group line), one for all the others."""
    if kind in _UNDER_CLASS:
        return "passing" if kind == "attention" else kind
    return "header" if kind in _HEADER_PARTS else ""


def _part_span(cable: Cable, kind: str) -> Optional[Span]:
    """Where the cable's part *kind* starts, the one its rules read."""
    part = {
        "routing": cable.routing,
        "dtg": cable.legacy_dtg,
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
    return part.span


_ADDRESS_LINES = ("to", "info", "xmt")  # address lines moved without their FM line
_HEADER_PARTS = ("dtg", "address", *_ADDRESS_LINES)  # a legacy header's parts, moved


def _misplaced(cable: Cable) -> list[list[tuple[str, Span]]]:
    """The parts the cable has only out of their place, in text order; parts with
    nothing but blank lines between them (captions moved as a block, with their
    usual blank lines) form one group. A passing line, a handling caption, a part of
    the header and any other part are never one group: they belong in different
    places (under the classification line, with the attention lines or above them;
    in the address block; among the captions), and a group is worded by its first
    part. Address lines moved together stay one group across a passing line inside
    their block (A003 names it). (The builder records the address lines moved among
    the captions before the captions moved above the classification line: sorted.)"""
    groups: list[list[tuple[str, Span]]] = []
    previous_end = -1
    attention = {t.span.line for t in cable.attention}
    for kind, span in sorted(cable.late_captions, key=lambda moved: moved[1].start):
        part = span if kind in _UNDER_CLASS else _part_span(cable, kind)
        if part is None or (part.line != span.line and kind not in _HEADER_PARTS):
            continue  # a caption-shaped line of the text; the cable's part is in place
        between = cable.lines[previous_end : span.line - 1] if previous_end >= 0 else None
        same = groups and _place_of(kind) == _place_of(groups[-1][-1][0])
        # (address lines moved together, a passing line inside the block among them, A003's)
        block = kind in _ADDRESS_LINES and groups[-1][-1][0] in _ADDRESS_LINES if groups else False
        if same and between is not None and not any(line.text.strip() and not (block and line.number in attention) for line in between):
            groups[-1].append((kind, span))
        else:
            groups.append([(kind, span)])
        previous_end = max(span.line, part.end_line)
    return groups


def _names(group: list[tuple[str, Span]]) -> str:
    """'the TAGS line stands', 'the E.O., TAGS and SUBJECT lines stand'."""
    names = [_PART_NAMES[kind] for kind, _ in group]
    if len(set(names)) == 1 and len(names) > 1:
        return f"the {names[0]}s stand"  # "the passing lines stand"
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
    moved there (cable-format.md 3.3). A passing line above the classification line
    (``PASS TO USAID FOR AA/LAC`` between the address block and it, or atop a draft)
    is read as the attention line it is and reported at its line, not taken for an
    archive wrapper's line. With captions above the classification line (the E.O.
    line alone, or with the TAGS and SUBJECT lines or a passing line, in any order,
    handling captions such as ``SIPDIS`` under them), the classification line still
    heads the text: each line above it is reported at its line, as moved (a handling
    caption's place is under the classification line, cable-format.md 3.2), and the
    captions, attention lines and REF block under it are read in their place. An
    attention line that is no passing line (``CODEL``) right above such lines is
    reported with them, not taken for an archive wrapper's line. Under
    handling captions above the captions, it is the classification line that moved.

    Bad: the ``TAGS`` line after paragraph 3; the address block after the
    classification line; the classification line after ``SIPDIS``; ``PASS TO ...``
    above the classification line.
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
    if kind in _UNDER_CLASS:
        cls_at = cable.classification.span.line if cable.classification is not None else None
        under = "under the classification line" + (f" on line {cls_at}" if cls_at is not None else "")
        with_ = "with the handling captions and attention lines" if kind != "caveat" else "above the attention lines and the E.O. line"
        return f"above the classification line (line {at}): expected {it} {under}, {with_}"
    if kind in _HEADER_PARTS:
        cls_line = cable.classification.span.line if cable.classification is not None else None
        cls = f" on line {cls_line}" if cls_line is not None else ""
        from_line = cable.from_line
        if kind in _ADDRESS_LINES and from_line is not None and from_line.span.line < at and (cls_line is None or at < cls_line):
            # above the classification line, under the FM line, but for a line between
            # ('FM ...' / 'hello there' / 'TO ...'): that line is what a drafter removes
            # (the nearest such line above it, not the block's own lines: 'FM ...' / 'TO
            # ...' / '' / 'THE AMBASSADOR SAYS' / 'INFO ...' names the fourth)
            block = {n for part in (from_line, *cable.to, *cable.info, *cable.xmt) for n in range(part.span.line, part.span.end_line + 1)}
            between = next((n for n in range(at - 1, from_line.span.end_line, -1) if n not in block and cable.lines[n - 1].raw.strip()), None)
            if between is not None:
                stray = clip(cable.lines[between - 1].raw.strip())
                return f"apart from the FM line on line {from_line.span.line}, after '{stray}' on line {between}: expected the address block's lines together, with no other line among them"
        # (a part read above the classification line stands out of its place, not after it)
        place = "their place" if plural else "its place"
        stands = f"after the classification line (line {at})" if cls_line is not None and at > cls_line else f"out of {place} (line {at})"
        # a draft, or a cable with a legacy header, has no routing header to follow
        after = "after the routing header" if cable.routing is not None else "after the date-time group line" if cable.legacy_dtg is not None else "at the top of the cable"
        belongs = {"address": f"it {after}", "dtg": f"{it} at the top of the cable"}.get(kind, f"{it} in the address block")
        return f"{stands}: expected {belongs}, before the classification line{cls}"
    heading = cable.classification
    if kind != "class" and heading is not None and at < heading.span.line:
        # a caption above the classification line, which heads the text (moved_top)
        return f"above the classification line (line {at}): expected {it} under the classification line on line {heading.span.line}, among the captions before the text"
    body = cable.body_span
    # (not a handling caption named as moved above the classification line itself)
    moved = {place.line for part, place in cable.late_captions if part == "caveat"}
    first_caveat = min((c for c in cable.caveats if c.span.line < at and c.span.line not in moved), key=lambda c: c.span.line, default=None)
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
        stands = f"out of {'their' if plural else 'its'} place (line {at})"
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
    paragraph, not at the teaser or the footer. So is a draft's clearance block
    (``Drafted: ...`` / ``Approved: AMB MICHALAK``, a blank line between its lines
    allowed), the text's tail with a signature above it or none. With none, it must
    read as a block: several clearance lines, a first line ``Drafted``, or one line
    with a colon, an office and a name; a last line of prose that starts like one
    (``APPROVED BY THE CABINET ON MONDAY``, ``Cleared: all three ministries have
    signed off``) or ends a sentence (``Cleared by POL/ECON.``) is text. No
    signature is read inside a block (its indented ``DCM BSMITH`` is a clearance,
    the name closing it the approver's), and with none above it the finding is at
    the end of the last line of text and says the signature goes above the block.

    A draft is held to the convention strictly (cable-format.md 5.4): its signature
    in mixed case (``Holmgren``) is reported too, and so is one typed on the last
    line of text (``... this cable. OLSON``). A full stop after the name
    (``DRISCOLL.``) is reported in any cable: the signature is the name alone.

    Bad: a cable whose last line is ``8. (U) Embassy POC is ...``; in a draft, a last
    line ``Holmgren``, or ``... has cleared this cable. OLSON``.
    Good: the same cable followed by a line ``MILOVANOVIC``; ``HOLMGREN``.
    """

    code = "S002"
    name = "missing-signature"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        signature = cable.signature
        if signature is not None:
            span = signature.span
            if span.end - span.start > len(signature.name):  # the span holds a full stop, on its line or appended
                yield Finding(span, f"the signature '{clip(signature.name)}.' ends with a full stop: expected '{clip(signature.name)}' alone on its line")
            elif cable.dialect == "draft" and signature.name != signature.name.upper():
                yield Finding(signature.span, f"the signature '{clip(signature.name)}' is not in capitals: expected the signer's surname in capitals, '{clip(signature.name.upper())}'")
            elif cable.dialect == "draft" and signature.appended:
                yield Finding(signature.span, f"the signature '{clip(signature.name)}' is typed on the last line of text: expected it alone on the line after the last paragraph")
            return
        if cable.body_span is None:
            return
        end = cable.body_span  # (the text's end: above a clearance block, which the reader keeps apart)
        at = Span(end.end_line, end.end_column, end.end_line, end.end_column, end.end, end.end)
        where = "on the line after the last paragraph"
        if cable.clearance is not None and cable.clearance.start >= end.end:
            # "Approved: AMB MICHALAK" closing a draft's text: the signature goes above the
            # block ("Cleared by POL/ECON." is a sentence of the text, the signature after it)
            where += ", above the clearance block"
        yield Finding(at, f"the text ends without a signature: expected the signer's surname in capitals {where}")


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
    R011's (a stray line in a legacy header, above its FM line, is reported here), and an attention line below the E.O. line (``DEPT FOR EUR/CE``) is H010's.
    A line that fits nowhere, first after the captions above, where a missing E.O.,
    TAGS or SUBJECT line belongs is what is left of it (``Valenzuela``, a subject's
    second line, its first lost): one slip, which H001, H005 or H008 reports at that
    line, naming it.

    A ``BT`` or ``NNNN`` line inside the text (cable-format.md 2.7: they close the
    message) is reported here too, and so are the format lines of a routing header
    cut above its ``VZCZC`` line (a partial extract that starts at ``DE`` or ``ZNY``),
    at the first of them: the rest is read as a legacy header, from the date-time
    group line down (cable-format.md 2.8).

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
    needs = ("errors",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        late = late_attention_lines(cable) if cable.errors else []  # (H010's)
        # (the routing header's lines are R011's; a legacy header, a date-time group
        # line over the address block, has no rule of its own: its lines are here)
        theirs = routing_errors(cable)  # (R011's)
        mine = tuple(e for e in cable.errors if (e.zone != "header" or cable.routing is None) and e not in late and e not in theirs)
        # a stretch that starts where a missing E.O., TAGS or SUBJECT line was expected
        # is what is left of it ("Valenzuela", a subject's second line): H001, H005 or
        # H008 reports it there, naming the line
        missing = missing_caption_lines(cable) if mine else set()
        for err in _stretches(cable, mine):
            if err.span.line in missing:
                continue
            shown = err.text.strip()
            shown = clip(shown)
            # (no line fits here: the one above ends the cable, as NNNN does)
            expected = _choices(err.expected[:6]) if err.expected else "the cable to end above it"
            sig = cable.signature
            if not err.expected and shown in ("NNNN", "BT") and (sig is None or err.span.line < sig.span.line):
                # an end-of-message line inside the text (the builder finds it)
                yield Finding(err.span, f"'{shown}' ends the message, but the text goes on after it: expected it after the signature, or no '{shown}' line at all")
                continue
            kind = format_line_kind(err) if err.zone == "header" and cable.routing is None else None
            if kind is not None and kind != "FL1_LINE" and cable.legacy_dtg is not None and err.span.line < cable.legacy_dtg.span.line:
                # the top of a routing header cut above its FL1 line (read as a legacy
                # header from its DTG line down)
                yield Finding(
                    err.span,
                    f"'{shown}' is {KIND_NAMES[kind]} of a routing header that has no transmission identifier (VZCZC...): "
                    "expected the header from its first line, or the date-time group line alone over the FM line",
                )
                continue
            if sig is not None and not sig.appended and err.span.line > sig.span.end_line:
                after = f"; only {_choices(err.expected)} may follow it" if err.expected else ""
                yield Finding(err.span, f"cannot place '{shown}' after the signature {clip(sig.name)} on line {sig.span.line}: expected the signature to end the text{after}")
                continue
            yield Finding(err.span, f"cannot place '{shown}' here: expected {expected}")


RULES: tuple[type[Rule], ...] = (
    SectionOrder,
    MissingSignature,
    UnparseableStructure,
)


def _choices(names: tuple[str, ...]) -> str:
    """The lines that may stand here, as a list a reader takes for a choice: "the
    E.O. line, the TAGS line or the SUBJECT line"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
