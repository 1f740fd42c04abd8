"""Readers for the body: paragraphs and markers, sub-paragraphs, page headers,
summary/comment markers, citations and the signature (4.1-4.7)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional

from cablelint.grammar.patterns import field
from cablelint.grammar.segment import Seg
from cablelint.grammar.source import SourceLine
from cablelint.model import BlockMarker, Citation, PageHeader, Paragraph, Problem, Signature, Subparagraph, Text

_PARA = field("PARA_SHAPE")
_MARK = field("PARA_MARK")
_MARK_LOOSE = field("PARA_MARK_LOOSE")
_CONTROL = field("MARK_CONTROL")
_SUB = field("SUBPARA_SHAPE")
_PAGE = field("PAGE_HEADER_SHAPE")
_PAGE_INLINE = field("PAGE_HEADER_INLINE")
_BLOCK = field("BLOCK_MARKER")
_REFTEL = field("REFTEL_CITE")
_REFCITE = field("REF_CITE")
_PARACITE = field("PARA_CITE")
_APPENDED = field("APPENDED_SIGNATURE")
_SEPARATORS = re.compile(r"[ \t]*(?://|/|\\|-)[ \t]*")
_MORE_LETTERS = re.compile(r"\(([A-Za-z])\)|\b([A-Z])\b")

MARK_HELP = "expected (U), (SBU), (C), (S) or (TS), optionally with controls such as /NF or //REL NATO"


@lru_cache(maxsize=1024)  # a few markings recur in every cable
def _normalise_marking(inner: str) -> tuple[Optional[str], Optional[str], tuple[str, ...]]:
    """(normalised marking, level, controls) of a marker's inner text, or Nones."""
    m = _MARK_LOOSE.fullmatch(inner)
    if m is None:
        return None, None, ()
    if m.group("pm_entire"):
        level = inner.split("-")[0].strip().upper()
        return level, level, ()
    level = m.group("pm_level").upper()
    controls = []
    for part in _SEPARATORS.split(m.group("pm_rest") or ""):
        part = part.strip().upper()
        if not part:
            continue
        controls.append("NF" if part in ("N", "NOFORN") else part)
    return "/".join([level] + controls), level, tuple(controls)


def read_paragraph(seg: Seg) -> Paragraph:
    m = _PARA.fullmatch(seg.text)
    assert m is not None
    number = int(m.group("para_num"))
    number_span = seg.span(m.start("para_num"), m.end("para_num") + len(m.group("para_gap0")) + 1)
    problems: list[Problem] = []
    marker: Optional[Text] = None
    marking = level = None
    controls: tuple[str, ...] = ()
    gap_before = m.group("para_gap1")
    gap_after = m.group("para_gap2") or ""
    inner = m.group("para_mark_text")
    if inner is not None:
        marking, level, controls = _normalise_marking(inner)
        if marking is not None or len(inner) <= 5:
            marker = seg.group(m, "para_mark")
            assert marker is not None
            if not _MARK.fullmatch(inner):
                if marking is None:
                    why = f"marker '({inner})' has an unknown level"
                elif inner != inner.upper():
                    why = f"marker '({inner})' is not in capitals"
                else:
                    why = f"marker '({inner})' has a bad separator or control"
                problems.append(Problem("marker", marker.span, f"{why}: {MARK_HELP}"))
        else:
            gap_after = ""
    elif m.group("para_open") is not None:
        open_text = m.group("para_open")
        marking, level, controls = _normalise_marking(open_text)
        if marking is not None:
            marker = seg.group(m, "para_mark")
            assert marker is not None
            problems.append(Problem("marker", marker.span, f"marker '({open_text}' has no closing parenthesis: {MARK_HELP}"))
    text_start = m.start("para_text")
    if marker is None:
        text_start = m.end("para_gap1")
        gap_after = ""
    head = seg.span(m.start("para_num"), max(text_start, m.end("para_num")))
    return Paragraph(
        seg.span(),
        number,
        number_span,
        marker,
        marking,
        level,
        controls,
        gap_before,
        gap_after,
        m.group("para_gap0"),
        head,
        tuple(problems),
    )


def read_subparagraph(seg: Seg, paragraph: Optional[int]) -> Optional[Subparagraph]:
    m = _SUB.fullmatch(seg.text)
    if m is None:
        return None
    for name, style in (("sub_letter", "A."), ("sub_paren", "(a)"), ("sub_close", "a)"), ("sub_lower", "a.")):
        if m.group(name):
            label = m.group(name)
            span = seg.span(m.start(name) - (1 if style == "(a)" else 0), m.end(name) + 1)
            return Subparagraph(span, label, style, paragraph)
    return None


def read_page_header(seg: Seg) -> Optional[PageHeader]:
    m = _PAGE.fullmatch(seg.text)
    if m is None:
        return None
    if m.group("ph_serial") is not None:
        serial = seg.group(m, "ph_serial")
        total = seg.group(m, "ph_total")
        assert serial is not None
        return PageHeader(seg.strip_span(), m.group("ph_post").strip(), serial, int(m.group("ph_page")), total)
    return None  # received-copy page lines carry no cable-wide totals we check


def inline_page_headers(seg: Seg) -> list[PageHeader]:
    out = []
    for m in _PAGE_INLINE.finditer(seg.text):
        serial = seg.group(m, "phi_serial")
        total = seg.group(m, "phi_total")
        assert serial is not None
        out.append(PageHeader(seg.span(m.start("phi_post"), m.end("phi_total")), m.group("phi_post").strip(), serial, int(m.group("phi_page")), total))
    return out


def scan_line(line: SourceLine, markers: list[BlockMarker], citations: list[Citation]) -> None:
    """:func:`scan_text` for a whole line; most lines hold none of its words and are
    turned away before a segment is made."""
    low = line.text.lower()
    if "summary" in low or "comment" in low or "note" in low or "text" in low or "ref" in low or "para" in low:
        scan_text(Seg.whole(line), markers, citations)


# The words every match of a scanning pattern starts with, in any case.
_BLOCK_WORDS = ("end", "begin", "summary", "comment", "note")
_REFTEL_WORDS = ("reftel",)
_REFCITE_WORDS = ("ref",)
_PARACITE_WORDS = ("para",)


def _matches(pattern: re.Pattern[str], text: str, low: str, words: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match starts with one of
    *words*: tried only where one of them stands in *low* (``text.lower()``).

    A case-insensitive pattern that starts with ``\\b`` makes the regex engine try
    every position of a long paragraph line; this tries a handful. Only ASCII text is
    sure to keep its positions and its case matches when lowered; other text takes the
    plain search.
    """
    if not text.isascii():
        yield from pattern.finditer(text)
        return
    pos = 0
    while True:
        start = -1
        for word in words:
            i = low.find(word, pos)
            if i >= 0 and (start < 0 or i < start):
                start = i
        if start < 0:
            return
        m = pattern.match(text, start)
        if m is None:
            pos = start + 1
        else:
            yield m
            pos = max(m.end(), start + 1)


def scan_text(seg: Seg, markers: list[BlockMarker], citations: list[Citation]) -> None:
    """Find summary/comment markers and citations in one body line."""
    text = seg.text
    low = text.lower()
    if "summary" in low or "comment" in low or "note" in low or "text" in low:
        for m in _matches(_BLOCK, text, low, _BLOCK_WORDS):
            if m.group("blk_end"):
                kind, role = m.group("blk_end_kind"), "end"
            elif m.group("blk_begin"):
                kind, role = m.group("blk_begin_kind"), "begin"
            else:
                kind, role = m.group("blk_open_kind"), "open"
            markers.append(BlockMarker(seg.span(m.start(), m.end()), kind.upper(), role))
    if "ref" in low:
        for m in _matches(_REFTEL, text, low, _REFTEL_WORDS):
            citations.append(Citation(seg.span(m.start(), m.end()), "reftel", m.group("reftel_label")))
        for m in _matches(_REFCITE, text, low, _REFCITE_WORDS):
            first = m.group("refcite_paren") or m.group("refcite_letter")
            citations.append(Citation(seg.span(m.start(), m.end()), "ref", first.upper()))
            for more in _MORE_LETTERS.finditer(m.group("refcite_more") or ""):
                letter = more.group(1) or more.group(2)
                citations.append(Citation(seg.span(m.start(), m.end()), "ref", letter.upper()))
    if "para" in low:
        for m in _matches(_PARACITE, text, low, _PARACITE_WORDS):
            to = m.group("paracite_to")
            citations.append(Citation(seg.span(m.start(), m.end()), "para", None, int(m.group("paracite_num")), int(to) if to else None))


def appended_signature(seg: Seg) -> Optional[Signature]:
    m = _APPENDED.fullmatch(seg.text)
    if m is None:
        return None
    return Signature(seg.span(m.start("appended_sig"), m.end("appended_sig")), m.group("appended_sig"), True)
