"""The parts of one cable as the builder reads them, before :func:`~cablelint.grammar.assemble.finish`
puts them together into the model."""

from __future__ import annotations

from typing import Any, Optional

from cablelint.grammar.segment import Seg
from cablelint.grammar.source import SourceLine
from cablelint.model import (
    Addressee,
    BlockMarker,
    Caveat,
    Citation,
    ClassificationLine,
    CopyRepeat,
    DtgLine,
    PageHeader,
    Paragraph,
    Routing,
    Signature,
    Subparagraph,
    Text,
    UnnumberedPortion,
)
from cablelint.span import Span


class Parts:
    """What the builder has read of one cable so far (one per parse)."""

    def __init__(self) -> None:
        self.preface: list[Text] = []
        self.wrapper_lines = 0  # how many of the preface's lines are a wrapper's (2.8)
        self.routing: Optional[Routing] = None
        self.legacy_dtg: Optional[DtgLine] = None
        self.from_line: Optional[Addressee] = None
        self.last_fm: Optional[Span] = None  # the FM line of the address block read last
        self.to: list[Addressee] = []
        self.info: list[Addressee] = []
        self.xmt: list[Addressee] = []
        self.address_header = False  # whether the header is TO or INFO lines alone (no FM, no DTG)
        self.header_end = 0
        self.classification: Optional[ClassificationLine] = None
        self.caveats: list[Caveat] = []
        self.attention: list[Text] = []
        self.header_attention: list[Text] = []  # passing lines inside the address block (A003)
        self.captions: list[tuple[str, Any]] = []
        self.paragraphs: list[Paragraph] = []
        self.para_last_line: list[int] = []
        # text lines that are a paragraph's head after a page header run into the line
        # ("BRASILIA 00001216 003 OF 004 4. (C) ...") or written marker first ("(C) 1.
        # The ..."): read as paragraph lines (indexes)
        self.text_paras: list[int] = []
        self.subparas: list[Subparagraph] = []
        self.unnumbered: list[UnnumberedPortion] = []  # marked text lines with no number
        self.page_headers: list[PageHeader] = []
        self.markers: list[BlockMarker] = []
        self.citations: list[Citation] = []
        self.signature: Optional[Signature] = None
        self.body_first = 0
        self.body_last = 0
        self.last_text: Optional[SourceLine] = None  # the last text or paragraph line
        self.trailer: list[Text] = []
        self.clearance: Optional[Span] = None  # a draft's clearance block in the trailer
        self.closing_class: Optional[ClassificationLine] = None
        # parts found out of their place (kind, span of the first line), in text order:
        # caption-shaped lines inside the body, and parts the grammar read out of order
        self.late_captions: list[tuple[str, Any]] = []
        self.ref_segs: list[Seg] = []  # the lines of the last REF block read
        self.subject_segs: list[Seg] = []  # the lines of the last subject read
        self.closers: list[int] = []  # BT or NNNN lines in the body (indexes)
        self.rule_lines: list[int] = []  # the body's dash rules (line numbers), for its headings
        self.copy_controls: list[int] = []  # a received copy's control lines in the body (indexes)
        self.copy_repeats: list[CopyRepeat] = []  # the blocks around them (copy_repeats.py)
