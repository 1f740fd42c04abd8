"""From parse to model: a Lark Transformer that reads each part with its reader.

The builder runs *inline*: Lark calls its methods as the LALR parser reduces each rule,
so no parse tree is ever built. One builder belongs to the cached parser, so its
per-cable state lives in :meth:`CableBuilder.begin`/:meth:`CableBuilder.end`.
"""

from __future__ import annotations

import re
from itertools import chain
from bisect import bisect_right
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Callable, Optional

from lark import Token, Transformer

from cablelint.data import load_tags
from cablelint.grammar.build_body import BodyBuilder, finish_paragraphs, run_in_paragraphs, subparagraph_runs
from cablelint.grammar.lexer import LineBlock, LineError
from cablelint.grammar.patterns import field
from cablelint.grammar.read_body import appended_signature, paired_misspellings, read_page_header
from cablelint.grammar.read_captions import (
    eo_value_below,
    names_a_tag,
    read_classified_by,
    read_eo,
    read_subject,
    read_tags,
    written_as_caption,
)
from cablelint.grammar.read_classline import caveat_or_slip, misspelt_class_line, read_caveats, split_class_rest, split_post_line
from cablelint.grammar.read_header import MONTHS, continuation_keyword, joined_line, page_header_in_address, read_addressee, second_addressees, read_de, read_dtg, read_fl1, read_fl2, read_security
from cablelint.grammar.read_refs import read_refs, starts_ref_item
from cablelint.grammar.segment import Seg
from cablelint.grammar.source import Source, SourceLine
from cablelint.model import (
    Addressee,
    BlockMarker,
    Cable,
    Caveat,
    Citation,
    ClassificationLine,
    ClassifiedBy,
    CopyRepeat,
    DtgLine,
    ErrorNode,
    PageHeader,
    Paragraph,
    Problem,
    Reference,
    Routing,
    Signature,
    Subject,
    Subparagraph,
    Text,
)
from cablelint.span import Span

# What each line terminal is called in messages ("expected the DE line").
LINE_NAMES = {
    "FL1_LINE": "the transmission identifier (VZCZC...)",
    "FL2_LINE": "the precedence line (e.g. RR RUEHMA)",
    "RI_CONT_LINE": "more routing indicators",
    "DE_LINE": "the DE line",
    "SECURITY_LINE": "the security line (ZNR/ZNY)",
    "DTG_LINE": "the precedence and date-time group line",
    "FM_LINE": "the FM line",
    "TO_LINE": "the TO line",
    "INFO_LINE": "the INFO line",
    "XMT_LINE": "the XMT line",
    "ADDR_CONT_LINE": "an address line",
    "CLASS_LINE": "the classification line",
    "MOVED_CLASS_LINE": "the classification line",
    "CAVEAT_LINE": "a caveat",
    "EO_LINE": "the E.O. line",
    "TAGS_LINE": "the TAGS line",
    "SUBJECT_LINE": "the SUBJECT line",
    "REF_LINE": "the REF block",
    "CLSBY_LINE": "the Classified By line",
    "PARA_LINE": "a numbered paragraph",
    "TEXT_LINE": "text",
    "TRAILER_LINE": "an end-of-message marker (NNNN)",
    "BT_LINE": "BT",
    "END_CLASS_LINE": "the closing classification line",
    "SIGNATURE_LINE": "the signature",
}
_CAPTION_TERMS = [
    ("CAVEAT_LINE", "caveat"),
    ("EO_LINE", "eo"),
    ("TAGS_LINE", "tags"),
    ("SUBJECT_LINE", "subject"),
    ("REF_LINE", "refs"),
    ("CLSBY_LINE", "classified_by"),
]
# The address block's keywords in their order (2.6).
_ADDRESS_ORDER = ("FM", "TO", "INFO", "XMT")
_RUN_ON = field("RUN_ON_CAPTION")
_RUN_ON_CLSBY = field("RUN_ON_CLSBY")
_TAGS_SUBJECT = field("TAGS_RUN_ON_SUBJECT")
_JOINED_FL4 = field("JOINED_FL4")
_JOINED_FL5 = field("JOINED_FL5")
_GLUED_REF = field("GLUED_REF")
_CLASS_SHAPE = field("CLASS_SHAPE")  # what split_class_rest reads
_CLSBY_SHAPE = field("CLSBY_SHAPE")
_CAVEAT_NAME = field("KNOWN_CAVEAT")
_PIECES = re.compile(r"[ \t]{2,}")
_EXTRACT_NOTE = field("PARTIAL_EXTRACT_NOTE")


def _address_parts(seg: Seg) -> list[Seg]:
    """An address line, or its two parts when another address line is run on into it."""
    cut = joined_line(seg.text)
    if cut is None:
        return [seg]
    return [seg.sub(0, cut[0]), seg.sub(cut[1])]


class _Parts:
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
        self.header_end = 0
        self.classification: Optional[ClassificationLine] = None
        self.caveats: list[Caveat] = []
        self.attention: list[Text] = []
        self.captions: list[tuple[str, Any]] = []
        self.paragraphs: list[Paragraph] = []
        self.para_last_line: list[int] = []
        self.subparas: list[Subparagraph] = []
        self.page_headers: list[PageHeader] = []
        self.markers: list[BlockMarker] = []
        self.citations: list[Citation] = []
        self.signature: Optional[Signature] = None
        self.body_first = 0
        self.body_last = 0
        self.last_text: Optional[SourceLine] = None  # the last text or paragraph line
        self.trailer: list[Text] = []
        self.closing_class: Optional[ClassificationLine] = None
        # parts found out of their place (kind, span of the first line), in text order:
        # caption-shaped lines inside the body, and parts the grammar read out of order
        self.late_captions: list[tuple[str, Any]] = []
        self.ref_segs: list[Seg] = []  # the lines of the last REF block read
        self.subject_segs: list[Seg] = []  # the lines of the last subject read
        self.closers: list[int] = []  # BT or NNNN lines in the body (indexes)
        self.copy_controls: list[int] = []  # a received copy's control lines in the body (indexes)
        self.copy_repeats: list[CopyRepeat] = []  # the blocks around them (copy_repeats.py)


class CableBuilder(BodyBuilder, Transformer):  # type: ignore[type-arg]
    """Turns the rules of one cable's parse into model parts, as they are reduced.

    The parser that owns the builder is built once per process, so one builder serves
    every parse: :meth:`begin` gives it a fresh cable and :meth:`end` takes the parts
    out and leaves nothing behind. One parse at a time (the caller holds a lock).
    """

    def __init__(self, line_patterns: Optional[dict[str, Any]] = None) -> None:
        super().__init__(visit_tokens=False)
        self._line_patterns: dict[str, Any] = line_patterns or {}
        self.src: Source = None  # type: ignore[assignment]
        self.p: _Parts = None  # type: ignore[assignment]

    def set_line_patterns(self, line_patterns: dict[str, Any]) -> None:
        self._line_patterns = line_patterns

    def begin(self, src: Source) -> None:
        """Start a new cable (also discards what an interrupted parse left)."""
        self.src = src
        self.p = _Parts()

    def end(self) -> _Parts:
        """The parts of the cable just parsed; the builder holds on to nothing."""
        self.copy_blocks()
        self.fold_list_items()
        self.signature_before_moved_captions()
        p = self.p
        self.src = None  # type: ignore[assignment]
        self.p = None  # type: ignore[assignment]
        return p

    # -- helpers ---------------------------------------------------------------
    def seg(self, tok: Token) -> Seg:
        return Seg.whole(self.src.lines[tok.line - 1])

    def _segs(self, children: list[Token]) -> list[Seg]:
        """A block's lines, one segment each (a LineBlock token holds several)."""
        lines = self.src.lines
        out = []
        for tok in children:
            if isinstance(tok, LineBlock):
                out.extend([Seg.whole(lines[k]) for k in tok.lines])
            else:
                out.append(self.seg(tok))
        return out

    def _text(self, tok: Token) -> Text:
        seg = self.seg(tok)
        return Text(seg.text.strip(), seg.strip_span())

    def _swallowed_eo(self, text: str) -> int:
        """Where an E.O. line starts inside an attention line that swallowed it, or -1."""
        at = text.find(" E.O. ")
        if at > 0 and self._line_patterns["EO_LINE"].fullmatch(text, at + 1):
            return at + 1
        return -1

    def _run_on(self, seg: Seg) -> None:
        """Read captions that an unwrapped rendering ran together on one line."""
        pos = 0
        pieces = []
        for m in _PIECES.finditer(seg.text):
            if m.start() > pos:
                pieces.append(seg.sub(pos, m.start()))
            pos = m.end()
        if pos < len(seg.text):
            pieces.append(seg.sub(pos))
        for piece in pieces:
            for term, kind in _CAPTION_TERMS:
                if self._line_patterns[term].fullmatch(piece.text):
                    if kind == "refs":
                        # a REF list runs its items together with two spaces too
                        # ("REF: A. BRASILIA 1044  B. SAO PAULO 455"): the rest is the list
                        self._caption(kind, seg.sub(piece.begin - seg.begin), [])
                        return
                    self._caption(kind, piece, [])
                    break
            else:
                self.p.attention.append(Text(piece.text.strip(), piece.strip_span()))

    def _caption(self, kind: str, first: Seg, more: list[Seg]) -> None:
        p = self.p
        if kind == "caveat":
            found, rest = read_caveats(first)
            p.caveats.extend(found)
            if rest is not None:
                self._run_on(rest)
        elif kind == "eo":
            eo, tags_seg = read_eo(first)
            p.captions.append(("eo", eo))
            if tags_seg is not None:
                p.captions.append(("tags", read_tags(tags_seg, more)))
        elif kind == "tags":
            cut = _TAGS_SUBJECT.search(first.text) if "SUBJ" in first.text else None
            if cut is not None:
                # the SUBJECT line run on to the TAGS line: the lines under it are the subject's
                tags = read_tags(first.sub(0, cut.start()), [])
                at = first.sub(cut.end())
                colon = at.text.index(":")
                kw = at.text[:colon].rstrip()
                lost = Problem("tags", at.span(0, colon + 1), f"the {kw} line is run on to the TAGS line: expected '{kw}:' at the start of its own line")
                p.captions.append(("tags", replace(tags, problems=(*tags.problems, lost))))
                self._caption("subject", at, more)
                return
            more = self._subject_under_tags(first, more)
            p.captions.append(("tags", read_tags(first, more)))
        elif kind == "subject":
            p.subject_segs = []
            cut = _RUN_ON.search(first.text)
            glued = _GLUED_REF.search(first.text) if cut is None and not more and "REF" in first.text else None
            if cut is not None and not more:
                p.captions.append(("subject", read_subject(first.sub(0, cut.start()), [])))
                self._run_on(first.sub(cut.end()))
            elif glued is not None:
                p.captions.append(("subject", read_subject(first.sub(0, glued.start()), [])))
                self._run_on(first.sub(glued.start()))
            else:
                p.subject_segs = [first, *more]
                p.captions.append(("subject", self._subject(first, more)))
        elif kind == "refs":
            cut = _RUN_ON_CLSBY.search(first.text)
            if cut is not None and cut.start() > 0:
                p.ref_segs = [first.sub(0, cut.start())]
                refs, span = read_refs(p.ref_segs[0], [])
                p.captions.append(("refs", (refs, span)))
                p.captions.append(("classified_by", read_classified_by(first.sub(cut.end()), more)))
                return
            p.ref_segs = [first, *more]
            refs, span = read_refs(first, more)
            p.captions.append(("refs", (refs, span)))
        elif kind == "classified_by":
            p.captions.append(("classified_by", read_classified_by(first, more)))

    # -- preface and header -----------------------------------------------------
    def preface_item(self, children: list[Token]) -> None:
        tok = children[0]
        if tok.type != "BLANK":
            self.p.preface.append(self._text(tok))

    def wrapper(self, children: list[Any]) -> None:
        # its first lines, or the wrapper so far (built nothing) and the line just added
        for tok in children:
            if isinstance(tok, Token) and tok.type != "BLANK":
                self.p.preface.append(self._text(tok))
                self.p.wrapper_lines += 1

    def header_gap(self, children: list[Token]) -> None:
        if children[0].type != "BT_LINE":  # (the separator before the text: nothing to keep)
            self.preface_item(children)

    def fl2(self, children: list[Token]) -> Any:
        lines = [self.seg(t) for t in children if t.type != "BLANK"]
        return read_fl2(lines[0], lines[1:])

    def fl3(self, children: list[Token]) -> Any:
        seg = self.seg(children[0])
        cut = _JOINED_FL4.search(seg.text) if "ZN" in seg.text else None
        if cut is None:
            return read_de(seg)
        # the security line run on to the DE line: both read, the lost line break reported
        return _run_on(seg, cut, read_de, read_security, "de_line", "the security line", "the DE line")

    def fl4(self, children: list[Token]) -> Any:
        seg = self.seg(children[0])
        cut = _JOINED_FL5.search(seg.text)
        if cut is None:
            return read_security(seg)
        # the date-time group line run on to the security line
        return _run_on(seg, cut, read_security, read_dtg, "security_line", "the date-time group line", "the security line")

    def fl5(self, children: list[Token]) -> Any:
        return read_dtg(self.seg(children[0]))

    def routing(self, children: list[Any]) -> None:
        fl1 = read_fl1(self.seg(children[0]))
        # (a format line run on to the one above comes with it, in a list)
        read = [c for c in children[1:] if not isinstance(c, Token)]
        parts = {type(c).__name__: c for c in chain.from_iterable(c if isinstance(c, list) else (c,) for c in read)}
        last = [c for c in children if not (isinstance(c, Token) and c.type == "BLANK")][-1]
        end = last.end_line if isinstance(last, Token) else (last[-1] if isinstance(last, list) else last).span.end_line
        self.p.routing = Routing(
            fl1.span.cover(self.src.lines[end - 1].span()),
            fl1,
            parts.get("PrecedenceLine"),
            parts.get("DeLine"),
            parts.get("SecurityLine"),
            parts.get("DtgLine"),
        )
        self.p.header_end = max(self.p.header_end, end)

    def late_routing(self, children: list[Any]) -> None:
        if self.p.routing is not None:
            self.p.late_captions.append(("routing", self.p.routing.transmission_id.span))

    def late_address(self, children: list[Any]) -> None:
        if isinstance(children[0], list):
            # TO, INFO or XMT lines without an FM line: each block at its first line
            self.p.late_captions.extend(children[0])
        # (its own FM line: the header may have had one, which stays the cable's)
        elif self.p.last_fm is not None:
            self.p.late_captions.append(("address", self.p.last_fm))

    def late_lines(self, children: list[Any]) -> list[tuple[str, Span]]:
        return list(children)

    def legacy_header(self, children: list[Any]) -> None:
        self.p.legacy_dtg = read_dtg(self.seg(children[0]))
        self.p.header_end = max(self.p.header_end, children[0].line)

    def from_line(self, children: list[Any]) -> None:
        # the FM line; or the FM lines so far (which built nothing) and one more under them
        seg, *run_on = _address_parts(self.seg(children[-1]))
        if len(children) > 1:
            self._second_fm(seg)
        else:
            line = read_addressee(seg, "FM", True)
            if self.p.from_line is None:  # a second FM block does not replace the first
                self.p.from_line = line
            self.p.last_fm = line.span
        for part in run_on:
            self._keyword_line(part, "FM", True)
        self.p.header_end = max(self.p.header_end, children[-1].end_line)

    def _second_fm(self, seg: Seg) -> None:
        """An FM line after the cable's FM line, in the address block: reported on that
        one, at its keyword and the indent before it (A003). One finding: the line is
        to go, and its indent with it."""
        fm = self.p.from_line
        assert fm is not None
        lead = len(seg.text) - len(seg.text.lstrip(" \t"))
        keyword = seg.text[lead:].split(None, 1)[0].split("/", 1)[0]  # FM, or FROM, fm ...
        indented = ", indented," if lead else ","
        why = f"a second FM line{indented} after the one on line {fm.span.line}: expected one FM line"
        self.p.from_line = replace(fm, problems=(*fm.problems, Problem("address_order", seg.span(0, lead + len(keyword)), why)))

    def _address_block(self, children: list[Token], role: str) -> tuple[str, Span]:
        """A TO, INFO or XMT block. A line under it that starts with an address keyword
        (a second TO line, a TO line after INFO), or a line run on into an address line
        ("... 0412 INFO RUEHZK/..."), opens that keyword's addressees, and is reported
        where it stands. Returns the block's kind for S001 (``to``, ``info``, ``xmt``)
        and its first line's span, for a block that stands out of its place."""
        lists = {"TO": self.p.to, "INFO": self.p.info, "XMT": self.p.xmt}
        current = role
        segs = self._segs(children)
        for k, whole in enumerate(segs):
            if page_header_in_address(whole.text):
                continue  # a page header of a printed copy, after the keyword or not: no addressee
            for part, seg in enumerate(_address_parts(whole)):
                keyword = continuation_keyword(seg.text) if k or part else None
                if keyword is None:
                    lists[current].extend(self._addressees(seg, current, k == 0))
                else:
                    current = self._keyword_line(seg, current, part > 0)
        self.p.header_end = max(self.p.header_end, children[-1].end_line)
        return role.lower(), segs[0].strip_span()

    def _addressees(self, seg: Seg, role: str, keyword: bool) -> list[Addressee]:
        """The addressees of an address line without a keyword inside it: one, or one
        for each addressee run on into it, each of those reported where it starts."""
        cuts = second_addressees(seg.text, keyword)
        if not cuts:
            return [read_addressee(seg, role, keyword)]
        ends = [end for end, _ in cuts[1:]] + [len(seg.text)]
        found = [read_addressee(seg.sub(0, cuts[0][0]), role, keyword)]
        for (_, begin), end in zip(cuts, ends):
            piece = seg.sub(begin, end)
            line = read_addressee(piece, role, False)
            why = f"a second addressee '{piece.text}' on one address line: expected one addressee per line"
            found.append(replace(line, problems=(Problem("addressee", piece.span(), why), *line.problems)))
        return found

    def _keyword_line(self, seg: Seg, current: str, run_on: bool) -> str:
        """Read an address line with its keyword that stands where it should not, in
        the *current* block, as the first of its keyword's addressees (or as the FM
        line), reported at the keyword; the block the lines after it belong to."""
        keyword = continuation_keyword(seg.text)
        assert keyword is not None
        line = read_addressee(seg, keyword, True)
        lead = len(seg.text) - len(seg.text.lstrip(" \t"))  # (an indented line: A003 names the indent)
        if keyword == "FM":
            if self.p.from_line is not None:
                self._second_fm(seg)
            else:
                why = f"the FM line stands in the {current} block: expected it first in the address block, before the TO line"
                self.p.from_line = replace(line, problems=(Problem("address_order", seg.span(lead, lead + 2), why), *line.problems))
            return current
        if run_on:
            why = f"'{keyword}' starts a new address line inside this one: expected {keyword} at the start of a line of its own"
        elif keyword == current:
            why = f"a second {keyword} line: expected this addressee under the first {keyword} line, without '{keyword}'"
        else:
            why = f"the {keyword} line stands in the {current} block: expected {' before '.join(sorted((keyword, current), key=_ADDRESS_ORDER.index))}"
        lists = {"TO": self.p.to, "INFO": self.p.info, "XMT": self.p.xmt}
        lists[keyword].append(replace(line, problems=(Problem("address_order", seg.span(lead, lead + len(keyword)), why), *line.problems)))
        return keyword

    def to_block(self, children: list[Token]) -> tuple[str, Span]:
        return self._address_block(children, "TO")

    def info_block(self, children: list[Token]) -> tuple[str, Span]:
        return self._address_block(children, "INFO")

    def xmt_block(self, children: list[Token]) -> tuple[str, Span]:
        return self._address_block(children, "XMT")

    # Rules whose parts were read by the rules inside them: nothing to build (without a
    # method, Lark would make a tree of each for nobody).
    def _nothing(self, children: list[Any]) -> None:
        return None

    header = address = address_no_from = classified_text = _nothing
    captions = _nothing

    # -- captions -------------------------------------------------------------
    def class_line(self, children: list[Token]) -> None:
        line, run_on = split_class_rest(self.seg(children[0]))
        self.p.classification = line
        if run_on is not None:
            self._run_on(run_on)

    def pre_part(self, children: list[Any]) -> None:
        if len(children) == 2:
            # TO, INFO or XMT lines moved among the handling captions: each block at its first line
            self.p.late_captions.extend(children[1])

    def pre_lines(self, children: list[Token]) -> None:
        # the line just added is the last child (the part so far, if any, built nothing)
        tok = children[-1]
        if tok.type != "BLANK":
            self._pre_line(tok)

    def _pre_line(self, tok: Token) -> None:
        """A handling caption or attention line before the captions proper."""
        first = self.p.classification is None and not self.p.attention and not self.p.caveats
        if tok.type in ("ODD_CAVEAT_LINE", "ATTN_LINE") and first and misspelt_class_line(self.seg(tok).text, alone=True):
            # the text's first line, its level misspelt ("UNCLASS BAMAKO 000341",
            # "C O N F I D E N I T A L"; C002)
            self.class_line([tok])
        elif tok.type == "CAVEAT_LINE":
            self._caption("caveat", self.seg(tok), [])
        elif tok.type == "ODD_CAVEAT_LINE":
            t = self._text(tok)
            if caveat_or_slip(t.text):  # a misspelt caveat ("NOFRON"; C006)
                self.p.caveats.append(Caveat(t.span, t.text.upper(), False))
            else:  # a one-word attention line ("CODEL"): its words are not checked (3.3)
                self.p.attention.append(t)
        elif tok.type == "ATTN_LINE":
            p = self.p
            seg = self.seg(tok)
            cls = p.classification
            under = seg.line.number - cls.span.end_line if cls is not None else 0
            if (
                cls is not None
                and cls.post is None
                and not p.attention
                and not p.caveats
                # right under it, or with one blank line between
                and (under == 1 or (under == 2 and not self.src.lines[cls.span.end_line].text))
            ):
                split = split_post_line(cls, seg, under == 2)
                if split is not None:  # "C O N F I D E N T I A L" / "ALGIERS 000045" (C002)
                    p.classification = split
                    return
            at = self._swallowed_eo(seg.text)
            head = seg.text.split(None, 1)
            if at < 0 and len(head) == 2 and _CAVEAT_NAME.fullmatch(head[0]):
                # a caveat with the attention line run on after it ("SIPDIS DEPT FOR
                # EUR/CE", 3.2): the caveat counts, the rest is read as it stands
                found, rest = read_caveats(seg)
                p.caveats.extend(found)
                if rest is not None:
                    self._run_on(rest)
            elif at < 0 and len(head) == 2 and caveat_or_slip(head[0]) and (caveats := _caveat_words(seg)) is not None:
                p.caveats.extend(caveats)  # "EXDISS NOFORN": a misspelt caveat (C006), then caveats
            elif at < 0:
                p.attention.append(self._text(tok))
            else:  # "DEPT FOR WHA/BSC E.O. 12958: DECL: ..." (3.4): the E.O. line is the rest
                head = seg.sub(0, at)
                p.attention.append(Text(head.text.strip(), head.strip_span()))
                self._caption("eo", seg.sub(at), [])
        elif tok.type == "LATE_CLASS_LINE":
            if self.p.classification is None and any(c.known for c in self.p.caveats):
                # handling captions came first: the classification line is out of place
                self.class_line([tok])
                self.p.late_captions.append(("class", self.seg(tok).strip_span()))
            elif self.p.classification is None:
                # what came before was a wrapper around the message
                self.p.preface.extend(self.p.attention)
                self.p.attention.clear()
                self.p.caveats.clear()
                self.class_line([tok])
            else:
                # a second banner such as "SECRET NOFORN" or "SECRET//NOFORN": its caveats
                # count, and a misspelt one ("SECRET NOFRON") is an unknown caveat (C006)
                line, _ = split_class_rest(self.seg(tok))
                words = list(line.caveats)
                if line.post is not None and line.serial is None:
                    words.append(line.post)
                if words and all(caveat_or_slip(w.text) for w in words):
                    self.p.caveats.extend(Caveat(w.span, w.text.upper(), bool(_CAVEAT_NAME.fullmatch(w.text.upper()))) for w in words)
                else:
                    self.p.attention.append(self._text(tok))

    def main_part(self, children: list[Any]) -> None:
        # the item just added is the last child: a line, or a caption its own rule read
        # (built nothing); the part so far built nothing either
        tok = children[-1]
        if tok is None:
            return
        if tok.type == "CAVEAT_LINE":
            self._caption("caveat", self.seg(tok), [])
        elif tok.type == "REF_MORE_LINE":
            self._ref_more(tok)
        elif tok.type == "PAGE_HEADER_LINE":
            ph = read_page_header(self.seg(tok))
            if ph is not None:
                self.p.page_headers.append(ph)
        elif tok.type == "MOVED_CLASS_LINE":
            # (a classification line only in a shape the class line's reader takes: the
            # terminal also fits a level spaced out part way, "CON FIDENTIAL A A 0000")
            if not _CLASS_SHAPE.fullmatch(self.seg(tok).text):
                self.src.errors.append(LineError(tok.line - 1, ()))  # S004 names it
                return
            if self.p.classification is None:
                self.class_line([tok])
            self.p.late_captions.append(("class", self.seg(tok).strip_span()))

    def _subject_under_tags(self, first: Seg, more: list[Seg]) -> list[Seg]:
        """The TAGS continuation lines that are the subject's: when the TAGS line
        stands right under the SUBJECT block (the two lines swapped), the last lines
        under it that name no tag of the vocabulary ("COMPLETION") end the subject
        above, and are read with it. The TAGS lines that are left are returned."""
        p = self.p
        segs = p.subject_segs
        if not more or not p.captions or p.captions[-1][0] != "subject" or not segs or segs[-1].line.number != first.line.number - 1:
            return more
        keep = len(more)
        while keep and not names_a_tag(more[keep - 1].text, load_tags()):
            keep -= 1
        if keep == len(more):
            return more
        p.subject_segs = [*segs, *more[keep:]]
        p.captions[-1] = ("subject", self._subject(segs[0], p.subject_segs[1:]))
        return more[:keep]

    def _subject(self, first: Seg, more: list[Seg]) -> Subject:
        """The subject read from its lines; a blank line inside it, which the lexer
        passed over, is reported at the line after it (H009)."""
        subject = read_subject(first, more)
        lines = self.src.lines
        split = [
            b
            for a, b in zip([first, *more], more)
            if b.line.number > a.line.number + 1 and all(not lines[n - 1].text for n in range(a.line.number + 1, b.line.number))
        ]
        if not split:
            return subject
        found = tuple(Problem("subject", b.strip_span(), f"blank line inside the subject: expected '{b.text.strip()}' directly under the line above it") for b in split)
        return replace(subject, problems=subject.problems + found)

    def _ref_more(self, tok: Token) -> None:
        """A labelled reference after a blank line: the REF block goes on when the
        REF block came last and the label is its next letter; otherwise the line is
        the first line of the text."""
        p, seg = self.p, self.seg(tok)
        refs = p.captions[-1][1][0] if p.captions and p.captions[-1][0] == "refs" else None
        labels = [(r.extra_label or r.label).text for r in refs or () if r.label is not None]  # as written first
        letter = seg.text.strip().lstrip("(")[:1].upper()
        near = labels and labels[-1] <= letter <= chr(ord(labels[-1]) + 2)  # X002 reports a gap
        if refs is None or not near or not starts_ref_item(seg):
            self.body_first([Token.new_borrow_pos("TEXT_LINE", tok.value, tok)])
            return
        p.ref_segs.append(seg)
        p.captions[-1] = ("refs", read_refs(p.ref_segs[0], p.ref_segs[1:]))

    def _block(self, kind: str, children: list[Token]) -> None:
        segs = self._segs(children)
        self._caption(kind, segs[0], segs[1:])

    def eo(self, children: list[Token]) -> None:
        self._block("eo", children)

    def tags(self, children: list[Token]) -> None:
        self._block("tags", children)

    def subject(self, children: list[Token]) -> None:
        self._block("subject", children)

    def refs(self, children: list[Token]) -> None:
        self._block("refs", children)

    def classified_by(self, children: list[Token]) -> None:
        self._block("classified_by", children)

    def _read_part(self, kind: str, number: int) -> Any:
        return read_part(self.src, kind, number)


def _date_from_preface(preface: list[Text]) -> Optional[datetime]:
    for t in preface:
        parts = t.text.replace(",", " ").split()
        # "Friday, 23 February 2001, 15:53"
        if len(parts) == 5 and parts[3].isdigit() and ":" in parts[4]:
            try:
                return datetime.strptime(" ".join(parts[1:]), "%d %B %Y %H:%M").replace(tzinfo=timezone.utc)
            except ValueError:
                continue
        # bare DTG "291359Z Nov 00"
        if len(parts) == 3 and len(parts[0]) == 7 and parts[0].endswith("Z") and parts[1].upper() in MONTHS:
            try:
                y = int(parts[2])
                y = y + (2000 if y < 50 else 1900) if len(parts[2]) == 2 else y
                return datetime(y, MONTHS.index(parts[1].upper()) + 1, int(parts[0][:2]), int(parts[0][2:4]), int(parts[0][4:6]), tzinfo=timezone.utc)
            except ValueError:
                continue
    return None


def _zone(line: int, p: _Parts) -> str:
    if p.header_end and line <= p.header_end:
        return "header"
    if p.body_first and line >= p.body_first:
        return "body"
    return "captions"


def origin_key(post: str) -> str:
    key = "".join(filter(str.isalnum, post.upper()))
    return "STATE" if key == "SECSTATE" else key


def _late_classified_by(src: Source, p: _Parts) -> Optional[ClassifiedBy]:
    """A Classified By line that landed in the body before paragraph 1 (a page header
    or a loose REF line ended the caption block early). It is not a caption there, but
    the cable has it."""
    if not p.body_first:
        return None
    stop = p.paragraphs[0].span.line if p.paragraphs else p.body_last + 1
    for n in range(p.body_first, stop):
        line = src.lines[n - 1]
        if not _CLSBY_SHAPE.fullmatch(line.text):
            continue
        return _read_classified_by_at(src, n, stop)
    return _classified_by_in_paragraph_1(src, p)


def _classified_by_in_paragraph_1(src: Source, p: _Parts) -> Optional[ClassifiedBy]:
    """The older cables' authority written as paragraph 1's text ("1. (U) CLASSIFIED
    BY ... FOR REASONS 1.4 (B) AND (D)."; cable-format.md 3.8), with the paragraph's
    next lines up to a blank one."""
    if not p.paragraphs or p.paragraphs[0].number != 1:
        return None
    para = p.paragraphs[0]
    n = para.head_span.line
    line = src.lines[n - 1]
    raw_at = para.head_span.end_column - 1  # where the text begins, in the line as written
    begin = next((i for i in range(len(line.text) + 1) if line.raw_column(i) >= raw_at), len(line.text))
    first = Seg.whole(line).sub(begin)
    if first.text[:1] not in ("C", "c", "(") or not _CLSBY_SHAPE.fullmatch(first.text):
        return None
    return read_classified_by(first, _following(src, n, p.para_last_line[0]))


def _read_classified_by_at(src: Source, n: int, stop: int) -> ClassifiedBy:
    """The Classified By line *n* with up to three lines after it, until a blank line."""
    return read_classified_by(Seg.whole(src.lines[n - 1]), _following(src, n, stop - 1))


def _following(src: Source, n: int, last: int, stops: frozenset[int] = frozenset()) -> list[Seg]:
    """The lines after line *n* that continue it: at most three, none past line
    *last*, up to a blank line or one of the line numbers *stops*."""
    more: list[Seg] = []
    for line in src.lines[n : min(last, n + 3)]:
        if not line.text.strip() or line.number in stops:
            break
        more.append(Seg.whole(line))
    return more


def read_part(src: Source, kind: str, n: int, stops: frozenset[int] = frozenset()) -> Any:
    """Line *n* read as the part *kind* where that part stands out of its place, or None
    when it does not read as one: a prose line that only starts like a caption ("secret
    talks", "TGS units", "reftel reported") is not the cable's caption. A subject takes
    its continuation lines, up to a blank line or one of the line numbers *stops*."""
    seg = Seg.whole(src.lines[n - 1])
    if kind == "class":
        cls, _ = split_class_rest(seg)
        return cls if cls.serial is not None and not cls.problems else None
    # a malformed E.O. or TAGS line is still the part when written as one (H002/H006)
    if kind == "eo":
        eo, _ = read_eo(seg)
        return eo if not eo.problems or written_as_caption("eo", seg.text) else None
    if kind == "tags":
        tags = read_tags(seg, [])
        return tags if not tags.problems or written_as_caption("tags", seg.text) else None
    if kind == "subject":
        subject = read_subject(seg, _following(src, n, len(src.lines), stops))
        return subject if not subject.problems else None
    if kind == "refs":
        more = []  # the labelled references on the lines right after it ("B. ...")
        for line in src.lines[n : n + 8]:
            if not line.text.strip() or not starts_ref_item(Seg.whole(line)):
                break
            more.append(Seg.whole(line))
        refs, span = read_refs(seg, more)
        known = any(r.kind != "other" for r in refs) and not any(r.problems for r in refs)
        return (refs, span) if known else None
    if kind == "classified_by":
        clsby = _read_classified_by_at(src, n, len(src.lines) + 1)
        return clsby if clsby.reason_section is not None or clsby.derived else None
    return None


def _defined_guesses(citations: list[Citation], references: list[Reference]) -> tuple[Citation, ...]:
    """The citations, those of a lower-case letter before a word ("Ref b reported")
    kept only when the REF block labels an entry with that letter; a "reftel b" of
    another letter is the bare "reftel"."""
    if not any(c.before_word for c in citations):
        return tuple(citations)
    labels = {r.label.text.upper() for r in references if r.label is not None}
    out = []
    for c in citations:
        if c.before_word and c.label not in labels:
            if c.kind == "reftel":
                out.append(replace(c, label=None, bare_lower=False, before_word=False))
            continue
        out.append(c)
    return tuple(out)


def _caveat_words(seg: Seg) -> Optional[list[Caveat]]:
    """The caveats of a line whose words are all caveats, some with a letter wrong,
    one at least written right ("EXDISS NOFORN"); None for any other line."""
    found, rest = read_caveats(seg)
    return found if rest is None and any(c.known for c in found) else None


def _misplaced(src: Source, p: _Parts, present: dict[str, Any]) -> dict[str, Any]:
    """The parts missing from their place that the cable has elsewhere (S001): the
    first of each kind in p.late_captions that reads as the part. A later section's
    own copy of the captions is never taken: it is that section's, and the first
    section still lacks the part (H001, H005, H008 report it there)."""
    found: dict[str, Any] = {}
    if not any(present.get(kind, True) is None for kind, _ in p.late_captions):
        return found
    repeats = _section_repeats(src, p)
    # a moved subject's continuation ends at the next caption or paragraph
    stops = frozenset(span.line for _, span in p.late_captions) | frozenset(para.span.line for para in p.paragraphs)
    for kind, span in p.late_captions:
        if present.get(kind, True) is None and kind not in found and span.line not in repeats:
            part = read_part(src, kind, span.line, stops)
            if part is not None:
                found[kind] = part
    return found


def _pasted_captions(src: Source, p: _Parts) -> tuple[tuple[str, Any], ...]:
    """The captions that head another cable inside the text: those after a
    classification line in the body that starts no later section of this cable (no
    SECTION NN OF MM with NN above 1), up to the next paragraph."""
    heads = [n for n, cls in _late_class_lines(src, p) if p.body_first and n >= p.body_first and (cls.section_number or 1) == 1]
    return tuple((kind, span) for kind, span in _headed(p, heads, len(src.lines)) if kind in ("eo", "tags", "subject", "refs"))


def _section_repeats(src: Source, p: _Parts) -> set[int]:
    """The lines of p.late_captions that head a later section of the cable: a
    ``SECTION NN OF MM`` classification line with NN above 1, and the captions after
    it up to the next paragraph. A received copy repeats them in each section
    (cable-format.md 2.8, 4.6); they are not the first section's captions moved."""
    heads = [n for n, cls in _late_class_lines(src, p) if (cls.section_number or 0) > 1]
    return {span.line for _, span in _headed(p, heads, len(src.lines))}


def _late_class_lines(src: Source, p: _Parts) -> list[tuple[int, ClassificationLine]]:
    """The classification lines out of their place that read as one, by line."""
    out = []
    for kind, span in p.late_captions:
        if kind == "class":
            cls = read_part(src, "class", span.line)
            if cls is not None:
                out.append((span.line, cls))
    return out


def _headed(p: _Parts, heads: list[int], last: int) -> list[tuple[str, Any]]:
    """The entries of p.late_captions from each line of *heads* up to the next
    paragraph (or the end of the text, line *last*)."""
    paragraphs = [para.span.line for para in p.paragraphs]
    out: list[tuple[str, Any]] = []
    for head in heads:
        k = bisect_right(paragraphs, head)
        end = paragraphs[k] if k < len(paragraphs) else last + 1
        out.extend((kind, span) for kind, span in p.late_captions if head <= span.line < end)
    return out


def _eo_value_below(src: Source, p: _Parts, errors: list[LineError]) -> list[LineError]:
    """An E.O. line with no value whose declassification instruction stands alone on
    the line under it, which could not be placed: read as the E.O. line's value (one
    H002 at that line rather than an empty E.O. line and S004)."""
    for k, (kind, eo) in enumerate(p.captions):
        if kind != "eo":
            continue
        below = next((e for e in errors if e.index == eo.span.end_line), None)  # (index: 0-based)
        read = eo_value_below(eo, Seg.whole(src.lines[below.index])) if below is not None else None
        if read is not None:
            p.captions[k] = ("eo", read)
            return [e for e in errors if e is not below]
        return errors
    return errors


def finish(src: Source, p: _Parts, errors: list[LineError]) -> Cable:
    """Put the parts together and derive what the rules need."""
    if errors:
        errors = _eo_value_below(src, p, errors)
    first: dict[str, Any] = {}  # the first caption of each kind, in one pass
    for kind, obj in p.captions:
        first.setdefault(kind, obj)
    eo, tags, subject = first.get("eo"), first.get("tags"), first.get("subject")
    refs_entry, clsby = first.get("refs"), first.get("classified_by")
    if clsby is None:
        clsby = _late_classified_by(src, p)
    present = {"class": p.classification, "eo": eo, "tags": tags, "subject": subject, "refs": refs_entry, "classified_by": clsby}
    late = _misplaced(src, p, present)
    eo, tags, subject = late.get("eo", eo), late.get("tags", tags), late.get("subject", subject)
    refs_entry, clsby = late.get("refs", refs_entry), late.get("classified_by", clsby)
    caption_spans = tuple([(k, o[1] if k == "refs" else o.span) for k, o in p.captions])

    when: Optional[datetime] = None
    if p.routing is not None and p.routing.dtg_line is not None:
        when = p.routing.dtg_line.when
    if when is None and p.legacy_dtg is not None:
        when = p.legacy_dtg.when
    if when is None:
        when = _date_from_preface(p.preface)

    references: list[Reference] = []
    if refs_entry is not None:
        for r in refs_entry[0]:
            if r.cable_id is not None:
                year = r.year if r.year is not None else (when.year if when else None)
                if year is None:
                    r = replace(r, cable_id=None, year=None, undated_id=r.cable_id)
                else:
                    r = replace(r, cable_id=f"{year % 100:02d}{r.cable_id}", year=year)
            references.append(r)

    reference_id: Optional[str] = None
    cls = late.get("class", p.classification)
    if when is not None and cls is not None and cls.post is not None and cls.serial is not None:
        reference_id = f"{when.year % 100:02d}{origin_key(cls.post.text)}{int(cls.serial.text)}"

    paragraphs = tuple(run_in_paragraphs(finish_paragraphs(p, src), src, cls.span.line if cls is not None else 1))
    signature = p.signature
    if signature is None and p.last_text is not None and p.last_text.number == p.body_last:
        signature = appended_signature(Seg.whole(p.last_text))

    # A wrapper (2.8) says how a message was kept, not how it is rendered: the message
    # inside it decides, as it would alone; the archive's own preface lines (a date
    # line, a partial-extract notice) make an archive page. A wrapper around a text
    # with no header is a copy of a sent cable as the archive kept it, not a draft.
    if src.residue_found:
        dialect = "markdown"
    elif src.pilcrows_found or len(p.preface) > p.wrapper_lines:
        dialect = "cablegate"
    elif p.routing is not None or p.from_line is not None or p.legacy_dtg is not None:
        dialect = "telegram"
    elif p.wrapper_lines:
        dialect = "cablegate"
    else:
        dialect = "draft"

    # a BT or NNNN line in the body with a paragraph or the signature after it: the
    # message goes on past its end (S004); after the last of them it is the archive's tail
    if p.closers:
        # (a signature that is the archive's redaction, "XXXXXXXXXXXX", counts for nothing)
        named = signature is not None and set(signature.name) != {"X"}
        last = max([para.span.line for para in p.paragraphs] + ([signature.span.line] if named else []), default=0)
        errors = errors + [LineError(k, ()) for k in p.closers if k + 1 < last]
    error_nodes = []
    for e in sorted(errors, key=lambda e: e.index):  # (the body's end markers come in late)
        line = src.lines[e.index]
        seg = Seg.whole(line)
        expected = tuple(LINE_NAMES[n] for n in e.expected if n in LINE_NAMES)
        error_nodes.append(ErrorNode(seg.strip_span(), line.text, expected, _zone(line.number, p)))

    body_span = None
    if p.body_first:
        body_span = src.lines[p.body_first - 1].span().cover(src.lines[p.body_last - 1].span())

    return Cable(
        dialect=dialect,
        lines=tuple(src.lines),
        end_span=src.end_span(),
        errors=tuple(error_nodes),
        residue=tuple(r for line in src.lines for r in line.residue) if src.residue_found else (),
        preface=tuple(p.preface),
        partial_extract=any(_EXTRACT_NOTE.fullmatch(t.text) for t in p.preface),
        routing=p.routing,
        legacy_dtg=p.legacy_dtg,
        from_line=p.from_line,
        to=tuple(p.to),
        info=tuple(p.info),
        xmt=tuple(p.xmt),
        header_end_line=p.header_end,
        classification=cls,
        caveats=tuple(p.caveats),
        attention=tuple(p.attention),
        captions=caption_spans,
        eo=eo,
        tags=tags,
        subject=subject,
        ref_span=refs_entry[1] if refs_entry else None,
        references=tuple(references),
        classified_by=clsby,
        paragraphs=paragraphs,
        subparagraphs=tuple(subparagraph_runs(p.subparas, [para.span.start for para in paragraphs])),
        page_headers=tuple(p.page_headers),
        copy_repeats=tuple(p.copy_repeats),
        block_markers=tuple(paired_misspellings(p.markers)),
        citations=_defined_guesses(p.citations, references),
        late_captions=tuple(p.late_captions),
        pasted_captions=_pasted_captions(src, p),
        signature=signature,
        body_span=body_span,
        trailer=tuple(p.trailer),
        closing_classification=p.closing_class,
        date=when,
        reference_id=reference_id,
    )


def _run_on(seg: Seg, cut: re.Match[str], read_line: Callable[[Seg], Any], read_next: Callable[[Seg], Any], field: str, next_name: str, line_name: str) -> list[Any]:
    """A format line with the next one run on to it at *cut*: both read, and the lost
    line break reported on the first, at the second's text."""
    line, after = read_line(seg.sub(0, cut.start())), read_next(seg.sub(cut.end()))
    shown = seg.text[cut.end() :].strip()
    lost = Problem(field, after.span, f"{next_name} '{shown}' is run on to {line_name}: expected it on a line of its own, under {line_name}")
    return [replace(line, problems=(*line.problems, lost)), after]
