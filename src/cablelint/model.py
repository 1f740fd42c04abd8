"""The parsed cable: frozen records for every part, each with its source span.

Built by ``cablelint.grammar.build`` (with ``assemble``) from the parse; read by the rules. Values
the rules need (normalised level, tags, canonical reference ids, the cable's date)
are computed once, at build time; the archive's redactions (``Cable.redactions``,
``Paragraph.redacted``), which few rules ask about, once, when first asked
(``cablelint.grammar.redactions``).

The body's records (paragraphs, page headers, markers, citations, ...) are in
``cablelint.model_body`` and named here too: import every record from this module.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import field
from datetime import date, datetime
from typing import TYPE_CHECKING, Optional

from cablelint.grammar.source import Residue, SourceLine
from cablelint.model_body import (  # the body's records, named here too (re-exported)
    BlockMarker as BlockMarker,
    Citation as Citation,
    CopyRepeat as CopyRepeat,
    PageHeader as PageHeader,
    Paragraph as Paragraph,
    Signature as Signature,
    Subparagraph as Subparagraph,
    UnnumberedPortion as UnnumberedPortion,
)
from cablelint.records import record
from cablelint.span import Span

if TYPE_CHECKING:  # (annotations only: the reader builds the model's Text records)
    from cablelint.grammar.redactions import RedactionReader

LEVELS = ("UNCLASSIFIED", "UNCLASSIFIED EFTO", "CONFIDENTIAL", "SECRET", "TOP SECRET")
# A paragraph marker that spells its level out, "(CONFIDENTIAL)", and the marking meant.
SPELLED_MARKINGS = {
    "UNCLASSIFIED": "U",
    "SENSITIVE BUT UNCLASSIFIED": "SBU",
    "CONFIDENTIAL": "C",
    "SECRET": "S",
    "TOP SECRET": "TS",
}
# Rank of each level for comparisons (EFTO is unclassified; SBU is a control inside it).
LEVEL_RANK = {
    "UNCLASSIFIED": 0,
    "UNCLASSIFIED EFTO": 0,
    "LIMITED OFFICIAL USE": 0,
    "CONFIDENTIAL": 1,
    "SECRET": 2,
    "TOP SECRET": 3,
}


# The security warning of FL4 and the classification codes that go with it (2.4).
SECURITY_FOR_WARNING = {"ZNR": ("UUUUU",), "ZNY": ("EEEEE", "CCCCC", "SSSSS", "TTTTT")}
SECURITY_LEVELS = {
    "UUUUU": "UNCLASSIFIED",
    "EEEEE": "UNCLASSIFIED EFTO",
    "CCCCC": "CONFIDENTIAL",
    "SSSSS": "SECRET",
    "TTTTT": "TOP SECRET",
}


@record
class Text:
    """A piece of the cable's text with its position."""

    text: str
    span: Span


@record
class Problem:
    """Something malformed inside a recognised line: the rule that owns ``field``
    reports it (e.g. field "filing_time" belongs to R003)."""

    field: str
    span: Span
    message: str
    # what the problem is, where its rule tells problems of one field apart: "" for
    # most; RELEASE_ALONE, a marker's release that names no countries (P003 offers no
    # fix for it, and fixes the marker's other fault named beside it); ZERO_PRECEDENCE,
    # a zero typed for FL5's precedence letter (named again once the prosign is read)
    kind: str = ""


# Problem.kind of a marker whose release names no countries ("(S/NF/REL TO)")
RELEASE_ALONE = "release_alone"
# Problem.kind of a zero for the precedence letter of the DTG line ("0 141530Z ...")
ZERO_PRECEDENCE = "zero_precedence"


@record
class ErrorNode:
    """A line the grammar could not place where it stands."""

    span: Span
    text: str
    expected: tuple[str, ...]
    zone: str  # "header", "address", "captions", "body", "end"


# ---- routing header ----------------------------------------------------------------


@record
class TransmissionId:
    span: Span
    channel: Optional[Text]
    sequence: Optional[Text]
    problems: tuple[Problem, ...] = ()


@record
class PrecedenceLine:
    span: Span
    prosign: Optional[Text]
    routing_indicators: tuple[Text, ...]
    problems: tuple[Problem, ...] = ()


@record
class DeLine:
    span: Span
    station: Optional[Text]
    serial: Optional[Text]
    part: Optional[Text]
    filing_time: Optional[Text]
    problems: tuple[Problem, ...] = ()


@record
class SecurityLine:
    span: Span
    warning: Optional[Text]
    code: Optional[Text]
    signals: tuple[Text, ...]
    problems: tuple[Problem, ...] = ()


@record
class DtgLine:
    span: Span
    precedence: Optional[Text]
    info_precedence: Optional[Text]
    dtg: Optional[Text]
    when: Optional[datetime]
    problems: tuple[Problem, ...] = ()


@record
class Routing:
    span: Span
    transmission_id: TransmissionId
    precedence_line: Optional[PrecedenceLine]
    de_line: Optional[DeLine]
    security_line: Optional[SecurityLine]
    dtg_line: Optional[DtgLine]


# ---- address block -----------------------------------------------------------------


@record
class Addressee:
    span: Span
    role: str  # "FM", "TO", "INFO", "XMT"
    routing_indicator: Optional[Text]
    address: Optional[Text]
    precedence: Optional[Text]
    serial: Optional[Text]
    problems: tuple[Problem, ...] = ()


# ---- text block ---------------------------------------------------------------------


@record
class ClassificationLine:
    span: Span
    level: Optional[str]  # one of LEVELS (or LIMITED OFFICIAL USE); None if unreadable
    level_text: Text
    post: Optional[Text]
    serial: Optional[Text]
    section: Optional[Text]
    section_number: Optional[int]
    section_total: Optional[int]
    # the caveats written on the line ("SECRET//NOFORN", "S E C R E T NOFORN BEIRUT
    # 000911", "... 000911//REL TO USA, GBR"), in text order
    caveats: tuple[Caveat, ...]
    problems: tuple[Problem, ...] = ()


# What a release caveat names (read_release.release_form): its countries, read ("REL TO
# USA, GBR"); none ("REL TO", "REL"); or countries in a form not read ("REL TO: USA,
# GBR", "REL TO USA, UK")
RELEASE_READ = "countries"
RELEASE_NONE = "none"
RELEASE_UNREAD = "unread"


@record
class Caveat:
    span: Span
    name: str  # upper case, spaces normalised ("CORRECTED COPY")
    known: bool
    # punctuation after the line's last caveat ("NOFORN."), for C006; not serialised
    stop: Optional[Text] = None
    # for a release, what it names: RELEASE_READ, RELEASE_NONE or RELEASE_UNREAD (C006)
    release: Optional[str] = None


@record
class EoLine:
    span: Span
    order: Optional[Text]
    na: bool
    decl_keyword: Optional[Text]
    decl_value: Optional[Text]
    declassify_on: Optional[date]
    exemptions: tuple[str, ...]
    problems: tuple[Problem, ...] = ()
    na_text: Optional[Text] = None  # the N/A as written, when na ("N/A", "n/a", "NA")


@record
class Tag:
    text: str
    span: Span
    person: bool = False
    after_space: bool = False  # apart from the item before it on its line by blanks only


@record
class TagsLine:
    span: Span
    keyword: Optional[Text]  # None: a bare list of tags, its keyword lost (H006)
    tags: tuple[Tag, ...]
    separators: str  # "space", "comma", "mixed", "none"
    problems: tuple[Problem, ...] = ()


@record
class Subject:
    span: Span
    marker: Optional[Text]  # the portion marking as written, with its parentheses, as Paragraph.marker
    text: str
    text_span: Optional[Span]
    problems: tuple[Problem, ...] = ()
    level: Optional[str] = None  # the portion marking's level, normalised ("C", "SBU", ...)
    controls: tuple[str, ...] = ()  # the portion marking's controls ("NF", ...)
    noforn: Optional[Span] = None  # the word NOFORN in its text: the caption written there
    marking: Optional[str] = None  # normalised, as Paragraph.marking: upper case, "/" separators


@record
class Reference:
    span: Span
    label: Optional[Text]  # the letter the entry is read by; of a doubled label, the second
    extra_label: Optional[Text]  # the first label of a doubled "A. A)" / "B. D.", a re-labelling's
    text: str
    kind: str  # "cable", "email", "dtg", "other"
    cable_id: Optional[str]
    year: Optional[int]  # four-digit year of the referenced cable, if known
    problems: tuple[Problem, ...] = ()  # e.g. a garbled label (field "reference", X001)
    # a cable reference written without a year (this year's): its origin and serial
    # without the year, "STATE61020" (in an undated cable, a draft, its only id)
    undated_id: Optional[str] = None
    # the date of a DTG or e-mail reference ("SECDEF DTG 301601Z AUG 08": 30 Aug 2008);
    # of an e-mail dated "07/02/2009", the earlier of its two readings, M/D and D/M; of a
    # cable reference, the date written after its number ("08 KIGALI 00830--05/DEC/2008").
    # The model's only: the parse JSON (interfaces.md) has no field for it
    dated: Optional[date] = None


@record
class ClassifiedBy:
    span: Span
    text: str
    reason_section: Optional[Text]
    reason_letters: tuple[str, ...]
    derived: bool
    problems: tuple[Problem, ...] = ()  # a misspelt keyword (field "classified_by", C004)
    letter_spans: tuple[Text, ...] = ()  # each category letter as written, "(b)", lower-cased text


@record
class Cable:
    """Everything the linter knows about one cable."""

    dialect: str  # "telegram", "cablegate", "markdown", "draft"
    lines: tuple[SourceLine, ...]
    end_span: Span
    errors: tuple[ErrorNode, ...] = ()
    residue: tuple[Residue, ...] = ()
    preface: tuple[Text, ...] = ()
    # the preface holds the archive's partial-extract note: the text is part of the cable (2.8)
    partial_extract: bool = False
    # the archive's text stops with "..." before any paragraph (a header, or captions, then
    # "..."): what would follow is not in the text, not missing from the cable
    truncated: bool = False
    routing: Optional[Routing] = None
    legacy_dtg: Optional[DtgLine] = None
    from_line: Optional[Addressee] = None
    to: tuple[Addressee, ...] = ()
    info: tuple[Addressee, ...] = ()
    xmt: tuple[Addressee, ...] = ()
    header_end_line: int = 0  # last line of header/address, 0 if none
    classification: Optional[ClassificationLine] = None
    caveats: tuple[Caveat, ...] = ()
    attention: tuple[Text, ...] = ()
    captions: tuple[tuple[str, Span], ...] = ()  # ("eo"|"tags"|"subject"|"ref"|"clsby", span) in order
    # parts found out of their place, (kind, first line), in text order: caption-shaped
    # lines inside the body ("class"|"eo"|"tags"|"subject"; "refs"|"classified_by" only
    # when their place lacks them), a classification line after the handling captions
    # or the signature ("class"), the routing header after the address block
    # ("routing"), the address block after the classification line ("address"), or
    # its TO, INFO or XMT lines alone there ("to"|"info"|"xmt", each block). Where
    # the cable lacks a part in its place it reads the first of these that reads as the
    # part, and S001 reports it.
    late_captions: tuple[tuple[str, Span], ...] = ()
    # late_captions that head another cable pasted into the text: the E.O., TAGS,
    # SUBJECT and REF after a classification line inside the body that starts no later
    # section of this one, up to that cable's first paragraph (H011)
    pasted_captions: tuple[tuple[str, Span], ...] = ()
    eo: Optional[EoLine] = None
    tags: Optional[TagsLine] = None
    subject: Optional[Subject] = None
    ref_span: Optional[Span] = None
    references: tuple[Reference, ...] = ()
    classified_by: Optional[ClassifiedBy] = None
    paragraphs: tuple[Paragraph, ...] = ()
    subparagraphs: tuple[Subparagraph, ...] = ()
    # the text's marked paragraphs and headings that no number heads ("(S/NF) Summary:
    # ...", "(U) Post concurs."), each at its marker
    unnumbered: tuple[UnnumberedPortion, ...] = ()
    page_headers: tuple[PageHeader, ...] = ()
    copy_repeats: tuple[CopyRepeat, ...] = ()
    block_markers: tuple[BlockMarker, ...] = ()
    citations: tuple[Citation, ...] = ()
    signature: Optional[Signature] = None
    body_span: Optional[Span] = None
    trailer: tuple[Text, ...] = ()
    # a draft's clearance block under the text, in the trailer ("Drafted: POL/ECON
    # JSMITH" / "Cleared: DCM AJONES" and their indented lines): from its first line
    # to its last; no signature is read inside it
    clearance: Optional[Span] = None
    # a classification line after the signature, the closing banner (its late_captions
    # entry is ("class", ...))
    closing_classification: Optional[ClassificationLine] = None
    date: Optional[datetime] = None
    reference_id: Optional[str] = None
    extra: dict[str, object] = field(default_factory=dict)
    # what reads the archive's redactions when they are first asked for (redactions)
    redaction_reader: Optional[RedactionReader] = field(default=None, repr=False, compare=False)

    @property
    def level(self) -> Optional[str]:
        """The cable's level: from the classification line, else from the FL4 code."""
        if self.classification is not None and self.classification.level is not None:
            return self.classification.level
        if self.routing is not None and self.routing.security_line is not None:
            code = self.routing.security_line.code
            return SECURITY_LEVELS.get(code.text) if code is not None else None
        return None

    @property
    def redactions(self) -> tuple[Text, ...]:
        """Each run of the archive's redaction, "XXXXXXXXXXXX" or "xxxxx" (4.8), in source
        order, with its span: what the publisher withheld. Read on first use
        (grammar/redactions.py). The model's only: the parse JSON (interfaces.md) has
        no field for them."""
        reader = self.redaction_reader
        return reader.runs if reader is not None else ()

    @property
    def withheld(self) -> bool:
        """Whether the archive withheld any of the cable's text (a redaction anywhere)."""
        return bool(self.redactions)

    @property
    def text_redactions(self) -> tuple[Text, ...]:
        """The redactions below the routing header and address block (header_end_line):
        in the text, where the cable's paragraphs are."""
        found, below = self.redactions, self.header_end_line
        if not found or found[0].span.line > below:
            return found
        return found[bisect_right(found, below, key=_line_of) :]

    @property
    def withheld_in_text(self) -> bool:
        """Whether the archive withheld text below the header (:attr:`text_redactions`):
        a redaction in the header alone says nothing of the paragraphs."""
        return bool(self.redactions) and self.redactions[-1].span.line > self.header_end_line

    def withheld_between(self, after: int, before: int) -> bool:
        """Whether a paragraph the archive withheld whole stands on a line after line
        *after* and before line *before*, below the header: the redaction alone, after
        the paragraph's number at most, between blank lines ("XXXXXXXXXXXX",
        "8. XXXXXXXXXXXX"), or after its number on a line read as a paragraph's head
        (redactions.withheld_paragraph). Read on first use."""
        from cablelint.grammar.redactions import withheld_paragraph

        for run in self.text_redactions:
            line = run.span.line
            if line <= after:
                continue
            if line >= before:
                break
            if withheld_paragraph(self.lines, line - 1, any(p.span.line == line for p in self.paragraphs)):
                return True
        return False

    @property
    def withheld_paragraphs(self) -> bool:
        """Whether the archive withheld whole paragraphs of the text (:meth:`withheld_between`)."""
        return self.withheld_in_text and self.withheld_between(self.header_end_line or 0, len(self.lines) + 1)

    def redacted_between(self, start: int, end: int) -> bool:
        """Whether a redaction starts at an offset from *start* up to *end* (exclusive)."""
        reader = self.redaction_reader
        return reader is not None and reader.starting_between(start, end)

    @property
    def level_rank(self) -> Optional[int]:
        lvl = self.level
        return LEVEL_RANK.get(lvl) if lvl else None

    @property
    def caveat_names(self) -> tuple[str, ...]:
        names = [c.name for c in self.caveats]
        if self.classification:
            names.extend(c.name for c in self.classification.caveats)
        return tuple(names)

    def problems(self) -> list[Problem]:
        """Every malformed field found while reading the cable's lines."""
        parts: list[object] = []
        if self.routing is not None:
            r = self.routing
            parts += [r.transmission_id, r.precedence_line, r.de_line, r.security_line, r.dtg_line]
        parts += [self.legacy_dtg, self.from_line, *self.to, *self.info, *self.xmt]
        parts += [self.classification, self.eo, self.tags, self.subject, *self.references, self.classified_by, *self.paragraphs, *self.subparagraphs]
        out: list[Problem] = []
        for part in parts:
            out.extend(getattr(part, "problems", ()))
        if self.dialect != "draft":
            # a rendering's own form of a caption ("EO 12958 DECL:", "SUBJ:"): a slip only
            # where the drafter types the captions (cable-format.md 5.5)
            out = [p for p in out if p.field not in DRAFT_ONLY_FIELDS]
        return out


def _line_of(t: Text) -> int:
    return t.span.line


# Problem fields that are slips in a draft only (H002's "eo_form", H009's "subject_keyword",
# X001's "reference_keyword")
DRAFT_ONLY_FIELDS = frozenset({"eo_form", "subject_keyword", "reference_keyword"})
