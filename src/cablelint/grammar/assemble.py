"""Putting a cable together: the parts the builder read become the :class:`~cablelint.model.Cable`,
with what the rules need derived once (the date, the reference id, the references'
cable ids, the dialect, the error nodes), and parts found out of their place read
where they stand (S001)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Optional

from cablelint.grammar.finish_body import finish_paragraphs, lettered_heads, run_in_paragraphs, subparagraph_runs, wrapped_numbers
from cablelint.grammar.line_tokens import LineError
from cablelint.grammar.parts import Parts
from cablelint.grammar.patterns import field
from cablelint.grammar.read_body import appended_signature
from cablelint.grammar.read_captions import eo_value_below, read_classified_by, read_eo, read_subject, written_as_caption
from cablelint.grammar.read_classline import misspelt_class_line, slip_of_level, split_class_rest
from cablelint.grammar.read_dtg import MONTHS
from cablelint.grammar.read_ref_entry import archive_origin
from cablelint.grammar.read_refs import read_refs, starts_ref_item
from cablelint.grammar.read_scan import number_citations, paired_misspellings, scan_line
from cablelint.grammar.read_tags import read_tags
from cablelint.grammar.redactions import RedactionReader, redacted_signer
from cablelint.grammar.segment import Seg
from cablelint.grammar.source import PASTED_RESIDUE, Source
from cablelint.model import BlockMarker, Cable, Citation, ClassificationLine, ClassifiedBy, EoLine, ErrorNode, Reference, Subject, Text
from cablelint.numbers import cable_digits, cable_int
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
    "ANCHOR_CLASS_LINE": "the classification line",
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
    # the lines of an archive page or a received copy, and the lines that go on a block
    "LATE_CLASS_LINE": "the classification line",
    "COPY_CLASS_LINE": "a received copy's classification line",
    "WRAPPER_OPEN_LINE": "a received copy's page line or distribution block",
    "WRAPPER_LINE": "a line of the received copy's wrapper",
    "WRAPPER_FROM_LINE": "the wrapper's From: line",
    "NOTICE_LINE": "the archive's partial-extract notice",
    "DATE_LINE": "the archive's date line",
    "DIST_LINE": "a distribution line (ACTION AF-00)",
    "BARE_DTG_LINE": "a date-time group",
    "PAGE_HEADER_LINE": "a page header",
    "RULE_LINE": "a rule line",
    "TAGS_CONT_LINE": "more tags",
    "SUBJECT_CONT_LINE": "the subject's next line",
    "REF_CONT_LINE": "the reference's next line",
    "REF_MORE_LINE": "a labelled reference",
    "CLSBY_CONT_LINE": "the Classified By line's next line",
    "ODD_CAVEAT_LINE": "a caveat",
    "ATTN_LINE": "an attention line",
    "PASS_ABOVE_CLASS_LINE": "a passing line",
}
# The line terminals a message never names among the lines expected: a blank line, and
# what the archive appends under the signature (a drafter is not to add them), or a
# draft's clearance block (taken from a draft before it is sent).
UNNAMED_LINES = frozenset(("BLANK", "FOOTER_LINE", "FOOTER_CONT_LINE", "TEASER_LINE", "CLEARANCE_LINE"))
_CLSBY_SHAPE = field("CLSBY_SHAPE")


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
                y = cable_int(parts[2])
                y = y + (2000 if y < 50 else 1900) if len(parts[2]) == 2 else y
                return datetime(y, MONTHS.index(parts[1].upper()) + 1, int(parts[0][:2]), int(parts[0][2:4]), int(parts[0][4:6]), tzinfo=timezone.utc)
            except ValueError:
                continue
    return None


def _zone(line: int, p: Parts) -> str:
    if p.header_end and line <= p.header_end:
        return "header"
    if p.body_first and line >= p.body_first:
        return "body"
    return "captions"


def origin_key(post: str) -> str:
    return archive_origin("".join(filter(str.isalnum, post.upper())))


def _late_classified_by(src: Source, p: Parts) -> Optional[ClassifiedBy]:
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


def _classified_by_in_paragraph_1(src: Source, p: Parts) -> Optional[ClassifiedBy]:
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


def fm_plad(p: Parts) -> Optional[str]:
    """The FM line's whole PLAD ("AMEMBASSY SAN SALVADOR"), when the cable has one: the
    post it names ends a release written before the post on the classification line,
    wherever that line stands (read_classline.split_class_rest)."""
    address = p.from_line.address if p.from_line is not None else None
    return address.text if address is not None else None


def read_part(src: Source, kind: str, n: int, stops: frozenset[int] = frozenset(), fm: Optional[str] = None) -> Any:
    """Line *n* read as the part *kind* where that part stands out of its place, or None
    when it does not read as one: a prose line that only starts like a caption ("secret
    talks", "TGS units", "reftel reported") is not the cable's caption. A subject takes
    its continuation lines, up to a blank line or one of the line numbers *stops*; a
    classification line, the FM line's PLAD *fm* for the post after a release."""
    seg = Seg.whole(src.lines[n - 1])
    if kind == "class":
        cls, _ = split_class_rest(seg, fm)
        return cls if cls.serial is not None and not cls.problems else None
    # a malformed E.O. or TAGS line is still the part when written as one (H002/H006)
    if kind == "eo":
        eo, _ = read_eo(seg)
        # (the archive's punctuation-stripped form is the part: only a draft is told, H002;
        # so is a line whose value is the declassification instruction, whatever slips its
        # keyword, order or letter case have, as the same line in its place is the part:
        # "E.o. 12958: decl: 06/30/2016", "E.O. 12598  DECL: 02/12/20")
        if all(q.field == "eo_form" for q in eo.problems) or written_as_caption("eo", seg.text) or _instructs(eo):
            return eo
        return None
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


def _instructs(eo: EoLine) -> bool:
    """Whether an E.O. line's value is N/A or a DECL / DNG / Declassify on instruction
    (not prose that only starts like the caption: "EO 12958 declassified ...")."""
    return eo.na or (eo.decl_keyword is not None and eo.decl_keyword.text.upper() in ("DECL", "DNG", "DECLASSIFY ON"))


def _defined_guesses(citations: list[Citation], references: list[Reference]) -> tuple[Citation, ...]:
    """The citations, those of a lower-case letter before a word ("Ref b reported")
    kept only when the REF block labels an entry with that letter; a "reftel b" of
    another letter is the bare "reftel" (a letter listed after another, "reftels B and
    I met", is dropped: its span is the first letter's)."""
    if not any(c.before_word for c in citations):
        return tuple(citations)
    labels = {r.label.text.upper() for r in references if r.label is not None}
    out: list[Citation] = []
    for c in citations:
        if c.before_word and c.label not in labels:
            if c.kind == "reftel" and not (out and out[-1].span == c.span):
                out.append(replace(c, label=None, bare_lower=False, before_word=False))
            continue
        out.append(c)
    return tuple(out)



def _truncated(src: Source, dialect: str, paragraphs: bool) -> bool:
    """Whether an archive's text stops with "..." before any paragraph (the archive's
    elision: "SUBJECT: SPAIN: S/GC DAN FRIED ..." or a line "..." under the header,
    and nothing after it)."""
    if paragraphs or dialect == "draft":
        return False
    last = next((line.text.rstrip() for line in reversed(src.lines) if line.text.strip()), "")
    return last.endswith("...")


def _subject_citations(src: Source, subject: Optional[Subject], body: list[Citation]) -> list[Citation]:
    """The subject's citations of the REF block ("SUBJECT: RESPONSE TO REFTEL", "...
    ON REF B POINTS"), read as the text's are (4.5) but within the subject's text alone
    (a REF block run on after it is no citation), and none the body's scan has read
    already (a subject standing in the body); not its paragraph numbers or markers."""
    if subject is None or subject.text_span is None or "REF" not in subject.text.upper():
        return []
    where = subject.text_span
    seen = {c.span for c in body}
    found: list[Citation] = []
    for line in src.lines[where.line - 1 : where.end_line]:
        scan_line(line, [], found)
    return [c for c in found if c.kind in ("ref", "reftel") and where.start <= c.span.start and c.span.end <= where.end and c.span not in seen]


def _cited_by_number(src: Source, p: Parts, references: list[Reference], ref_span: Optional[Span]) -> tuple[Citation, ...]:
    """The text's citations of REF entries by origin and number ("see MEXICO 3586"),
    read in the body's lines but for its page headers, copy repeats, the captions that
    stand in it and the REF block itself."""
    if not p.body_first or not references:
        return ()

    def skip() -> set[int]:
        lines = {h.span.line for h in p.page_headers} | {span.line for _, span in p.late_captions}
        spans = [ref_span] if ref_span is not None else []
        for repeat in p.copy_repeats:
            spans.append(repeat.span)
            if repeat.captions is not None:
                spans.append(repeat.captions)
        for span in spans:
            lines.update(range(span.line, span.end_line + 1))
        return lines

    return tuple(number_citations(src.text, src.lines[p.body_first - 1 : p.body_last], skip, references))


def _misplaced(src: Source, p: Parts, present: dict[str, Any]) -> dict[str, Any]:
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
            part = read_part(src, kind, span.line, stops, fm_plad(p))
            if part is not None:
                found[kind] = part
    return found


def _pasted_captions(src: Source, p: Parts) -> tuple[tuple[str, Any], ...]:
    """The captions that head another cable inside the text: those after a
    classification line in the body that starts no later section of this cable (no
    SECTION NN OF MM with NN above 1), up to the next paragraph."""
    heads = [n for n, cls in _late_class_lines(src, p) if p.body_first and n >= p.body_first and (cls.section_number or 1) == 1]
    return tuple((kind, span) for kind, span in _headed(p, heads, len(src.lines)) if kind in ("eo", "tags", "subject", "refs"))


def _section_repeats(src: Source, p: Parts) -> set[int]:
    """The lines of p.late_captions that head a later section of the cable: a
    ``SECTION NN OF MM`` classification line with NN above 1, and the captions after
    it up to the next paragraph. A received copy repeats them in each section
    (cable-format.md 2.8, 4.6); they are not the first section's captions moved."""
    heads = [n for n, cls in _late_class_lines(src, p) if (cls.section_number or 0) > 1]
    return {span.line for _, span in _headed(p, heads, len(src.lines))}


def _late_class_lines(src: Source, p: Parts) -> list[tuple[int, ClassificationLine]]:
    """The classification lines out of their place that read as one, by line."""
    out = []
    for kind, span in p.late_captions:
        if kind == "class":
            cls = read_part(src, "class", span.line, fm=fm_plad(p))
            if cls is not None:
                out.append((span.line, cls))
    return out


def _headed(p: Parts, heads: list[int], last: int) -> list[tuple[str, Any]]:
    """The entries of p.late_captions from each line of *heads* up to the next
    paragraph (or the end of the text, line *last*)."""
    paragraphs = [para.span.line for para in p.paragraphs]
    out: list[tuple[str, Any]] = []
    for head in heads:
        k = bisect_right(paragraphs, head)
        end = paragraphs[k] if k < len(paragraphs) else last + 1
        out.extend((kind, span) for kind, span in p.late_captions if head <= span.line < end)
    return out


def _eo_value_below(src: Source, p: Parts, errors: list[LineError]) -> list[LineError]:
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


def _unclosed_asides(src: Source, markers: list[BlockMarker], heads: list[int], last: int) -> list[BlockMarker]:
    """*markers* with each aside whose paragraph never closes its parenthesis
    ("(Comment: As reported ..." and no ")" before the next paragraph) given the role
    "unclosed": a comment or note opened and never closed, unless an end marker closes it (P007).
    *heads* are the paragraph heads' lines, *last* the body's last line."""
    if not any(m.role == "aside" for m in markers):
        return markers
    return [
        BlockMarker(m.span, m.kind, "unclosed", m.misspelt) if m.role == "aside" and m.kind in ("SUMMARY", "COMMENT", "NOTE") and not _aside_closed(src, m.span.line, m.span.column - 1, heads, last) else m
        for m in markers
    ]


def _aside_closed(src: Source, line: int, at: int, heads: list[int], last: int) -> bool:
    """Whether the parenthesis before column offset *at* of *line* is closed in its
    paragraph: before the next paragraph's head or the body's end (blank lines do not
    end it: the archive's page breaks put them mid-sentence, 4.6)."""
    raw = src.lines[line - 1].raw
    start = raw.rfind("(", max(0, at - 3), at)
    if start < 0:
        return True  # an aside the scan found without its parenthesis here: as before
    depth = 0
    n = line
    text = raw[start:]
    while True:
        for c in text:
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return True
        n += 1
        if n > last or n - line > 40 or n in heads:
            return False
        text = src.lines[n - 1].raw


def _lone_pilcrow(src: Source, p: Parts) -> bool:
    """Whether the text's paragraph signs are one pasted into a text the archive did not
    render: one line has the sign, and another paragraph's head has the shape the archive
    anchors (a number, a full stop and a blank at the line's start, 5.2) without it."""
    signed = 0
    for line in src.lines:
        if line.pilcrow:
            signed += 1
            if signed > 1:
                return False
    return _unanchored_head(src, p)


def _lone_link(src: Source, p: Parts) -> bool:
    """Whether the text's Markdown residue is one link pasted into a text no converter
    rendered ("[PGOV](#)" in a draft): the text holds no other Markdown residue (a
    converted page links its tags or anchors its paragraphs, 5.3: every real one holds
    three or more), and a paragraph's head has the shape the archive anchors (5.2)
    without the anchor a converted page puts before it."""
    found = 0
    for line in src.lines:
        for r in line.residue:
            if r.kind not in PASTED_RESIDUE:
                found += 1
                if found > 1 or r.kind != "link":
                    return False
    return _unanchored_head(src, p)


def _unanchored_head(src: Source, p: Parts) -> bool:
    """Whether a paragraph's head has the shape the archive anchors (a number, a full
    stop and a blank at the line's start, 5.2) and its line holds no anchor: no
    paragraph sign, no link."""
    for para in p.paragraphs:
        line = src.lines[para.span.line - 1]
        text = line.text.lstrip()
        digits = len(text) - len(text.lstrip("0123456789"))
        if not line.pilcrow and digits and text[digits : digits + 1] == "." and text[digits + 1 : digits + 2] in (" ", "\t"):
            if not any(r.kind == "link" for r in line.residue):
                return True
    return False


def _misspelt_banner(src: Source, signed: int, errors: list[LineError], fm: Optional[str]) -> tuple[Optional[ClassificationLine], list[LineError]]:
    """A closing banner with its level misspelt ("S E C E R T") on the first line that
    is not blank after the signature on line *signed*, which the grammar could not
    place: the banner (its level read as the word meant, C002 names the slip; the rest
    read with the FM line's PLAD *fm*, as the top line and a banner spelt right are),
    and *errors* without that line; else (None, errors)."""
    k = signed  # the index of the line under the signature
    while k < len(src.lines) and not src.lines[k].text.strip():
        k += 1
    if k >= len(src.lines) or not any(e.index == k for e in errors):
        return None, errors
    text = src.lines[k].text
    letters = "".join(text.split())
    # a bare banner, spaced or not ("C O N F I D E N T A L"), or one with post and serial
    if not (letters.isalpha() and letters.isupper() and slip_of_level(letters) is not None) and not misspelt_class_line(text, alone=True):
        return None, errors
    return split_class_rest(Seg.whole(src.lines[k]), fm)[0], [e for e in errors if e.index != k]


def finish(src: Source, p: Parts, errors: list[LineError]) -> Cable:
    """Put the parts together and derive what the rules need."""
    lettered_heads(p, src)
    wrapped_numbers(p, src)
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
                    r = replace(r, cable_id=f"{year % 100:02d}{r.cable_id}", year=year, undated_id=r.cable_id if r.year is None else None)
            references.append(r)

    reference_id: Optional[str] = None
    cls = late.get("class", p.classification)
    origin = origin_key(cls.post.text) if cls is not None and cls.post is not None else ""
    # a post with a digit typed in it ('DHAK4 000733', C002's) gives no id: its digits
    # would run into the year or the serial ('09BAMAKO1341' for BAMAKO1 000341)
    if when is not None and cls is not None and cls.serial is not None and origin.isascii() and origin.isalpha():
        reference_id = f"{when.year % 100:02d}{origin}{cable_digits(cls.serial.text)}"

    signature = p.signature
    if signature is None and p.last_text is not None and p.last_text.number == p.body_last:
        signature = appended_signature(Seg.whole(p.last_text))
    # the archive's redactions, read when first asked for (by the cable or a paragraph)
    redactions = RedactionReader(src.text, src.lines)
    paragraphs = tuple(run_in_paragraphs(finish_paragraphs(p, src, signature), src, cls.span.line if cls is not None else 1))
    share = object.__setattr__  # (no one has seen the paragraphs yet: finish_body sets their spans so)
    for para in paragraphs:
        share(para, "redaction_reader", redactions)

    closing_class = p.closing_class
    if closing_class is None and signature is not None and errors:
        closing_class, errors = _misspelt_banner(src, signature.span.end_line, errors, fm_plad(p))

    # A wrapper (2.8) says how a message was kept, not how it is rendered: the message
    # inside it decides, as it would alone; the archive's own preface lines (a date
    # line, a partial-extract notice) make an archive page. A wrapper around a text
    # with no header is a copy of a sent cable as the archive kept it, not a draft. A
    # lone paragraph sign pasted into a draft or a telegram does not make it a page,
    # nor does a lone link make it a Markdown page.
    preface = len(p.preface)
    header = p.routing if p.routing is not None else p.legacy_dtg
    if preface and header is not None and p.from_line is not None:
        # lines read into the preface below the routing header (or a legacy header's
        # date-time group line) and its FM line (an attention line where the TO line
        # goes, or a passing line between the address block and the classification
        # line, taken for a wrapper's when the classification line came) are no
        # archive preface: the telegram stays one
        top = header.span.line
        preface = sum(1 for t in p.preface if t.span.line < top)
    if src.markdown_found and not _lone_link(src, p):
        dialect = "markdown"
    elif preface > p.wrapper_lines or (src.pilcrows_found and not _lone_pilcrow(src, p)):
        dialect = "cablegate"
    elif p.routing is not None or p.from_line is not None or p.legacy_dtg is not None or p.address_header:
        dialect = "telegram"
    elif p.wrapper_lines:
        dialect = "cablegate"
    else:
        dialect = "draft"

    # a BT or NNNN line in the body with a paragraph or the signature after it: the
    # message goes on past its end (S004); after the last of them it is the archive's tail
    if p.closers:
        # (a signature that is the archive's redaction, "XXXXXXXXXXXX", "xxxxx", "XXX", counts for nothing)
        signed = [signature.span.line] if signature is not None and not redacted_signer(signature.name) else []
        last = max([para.span.line for para in p.paragraphs] + signed, default=0)
        errors = errors + [LineError(k, ()) for k in p.closers if k + 1 < last]
    error_nodes = []
    for e in sorted(errors, key=lambda e: e.index):  # (the body's end markers come in late)
        line = src.lines[e.index]
        seg = Seg.whole(line)
        expected = tuple(dict.fromkeys(LINE_NAMES[n] for n in e.expected if n not in UNNAMED_LINES))  # (a name for two terminals: once)
        error_nodes.append(ErrorNode(seg.strip_span(), line.text, expected, _zone(line.number, p)))

    subparagraphs = tuple(subparagraph_runs(p.subparas, [para.span.start for para in paragraphs], [para.number for para in paragraphs], src.lines))
    listed = {s.span.line for s in subparagraphs}  # ("(C)" after "(A)" and "(B)": a list's item)
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
        partial_extract=any(field("PARTIAL_EXTRACT_NOTE").fullmatch(t.text) for t in p.preface),
        truncated=_truncated(src, dialect, bool(paragraphs)),
        routing=p.routing,
        legacy_dtg=p.legacy_dtg,
        from_line=p.from_line,
        to=tuple(p.to),
        info=tuple(p.info),
        xmt=tuple(p.xmt),
        header_end_line=p.header_end,
        classification=cls,
        caveats=tuple(p.caveats),
        attention=(*p.header_attention, *p.attention),
        captions=caption_spans,
        eo=eo,
        tags=tags,
        subject=subject,
        ref_span=refs_entry[1] if refs_entry else None,
        references=tuple(references),
        classified_by=clsby,
        paragraphs=paragraphs,
        subparagraphs=subparagraphs,
        unnumbered=tuple(u for u in p.unnumbered if u.span.line not in listed),
        page_headers=tuple(p.page_headers),
        copy_repeats=tuple(p.copy_repeats),
        block_markers=tuple(paired_misspellings(_unclosed_asides(src, p.markers, [para.span.line for para in paragraphs], p.body_last or len(src.lines)))),
        citations=_defined_guesses(_subject_citations(src, subject, p.citations) + p.citations, references) + _cited_by_number(src, p, references, refs_entry[1] if refs_entry else None),
        late_captions=tuple(p.late_captions),
        pasted_captions=_pasted_captions(src, p),
        signature=signature,
        body_span=body_span,
        trailer=tuple(p.trailer),
        clearance=p.clearance,
        closing_classification=closing_class,
        date=when,
        reference_id=reference_id,
        redaction_reader=redactions,
    )
