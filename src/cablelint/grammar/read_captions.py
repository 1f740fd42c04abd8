"""Readers for the captions: E.O., SUBJECT and Classified By (3.4, 3.6, 3.8); the TAGS
caption's readers are in read_tags."""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

from cablelint.compiled import regex
from cablelint.grammar.dates import impossible_date
from cablelint.grammar.patterns import field
from cablelint.grammar.read_body import MARK_HELP, marker_fault, misspelt_level_marking, normalise_marking
from cablelint.grammar.read_caveat_runs import one_slip
from cablelint.grammar.segment import Seg
from cablelint.model import BlockMarker, ClassifiedBy, EoLine, Problem, Subject, Text
from cablelint.numbers import cable_int
from cablelint.quote import clip
from cablelint.span import Span

_EO = field("EO_SHAPE")
_EO_ORDER = field("EO_ORDER")
_EO_KEYWORD = field("EO_KEYWORD")
_EO_VALUE = field("EO_VALUE_SHAPE")
_DECL_DATE = field("DECL_DATE")
_TAGS = field("TAGS_SHAPE")
_SUBJECT = field("SUBJECT_SHAPE")
_HALF_MARK = field("HALF_MARK")
_CLSBY = field("CLSBY_SHAPE")
_REASON = field("CLSBY_REASON")
_DERIVED = field("CLSBY_DERIVED")
_SPACES = regex(r"[ \t]+")
_LETTERS = regex(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])")  # "(b) and (d)": b, d
_EXEMPTION_SEP = regex(r"[ \t,]+")
# a date in a form the E.O. line does not take (3.4): "20361201" (ISO's basic form, which
# other agencies' markings use), "12-01-2036", "December 1, 2036", "1 Dec 2036"
_OTHER_DATE = regex(
    r"(?P<od_y>\d{4})(?P<od_m>\d{2})(?P<od_d>\d{2})"
    r"|(?P<od_m2>\d{1,2})-(?P<od_d2>\d{1,2})-(?P<od_y2>\d{4})"
    r"|(?P<od_mon>[A-Za-z]{3,9})\.?[ \t]+(?P<od_d3>\d{1,2}),?[ \t]+(?P<od_y3>\d{4})"
    r"|(?P<od_d4>\d{1,2})[ \t]+(?P<od_mon4>[A-Za-z]{3,9})\.?,?[ \t]+(?P<od_y4>\d{4})"
)
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTH_NAMES = frozenset({"JANUARY", "FEBRUARY", "MARCH", "APRIL", "JUNE", "JULY", "AUGUST", "SEPT", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"})
# a 25-year exemption with the date it ends on, as E.O. 13526 marks it ("25X1, 12/01/2076";
# the comma may be left out: "25X1 12/01/2076")
_DATED_EXEMPTION = regex(r"(?P<dx>25X[1-9])(?:[ \t]*,[ \t]*|[ \t]+)(?P<dx_date>[0-9].*)")


def _decl_numbers(m: re.Match[str]) -> tuple[int, int, int]:
    """Year, month and day of a DECL_DATE match, a two-digit year read as 19xx or 20xx."""
    if m.group("dd_y") is not None:
        y = cable_int(m.group("dd_y"))
        if len(m.group("dd_y")) == 2:
            y += 2000 if y < 50 else 1900
        return y, cable_int(m.group("dd_m")), cable_int(m.group("dd_d"))
    return cable_int(m.group("dd_y2")), cable_int(m.group("dd_m2")), cable_int(m.group("dd_d2"))


def parse_decl_date(m: re.Match[str]) -> Optional[date]:
    try:
        return date(*_decl_numbers(m))
    except ValueError:
        return None


def _why_not_a_date(m: re.Match[str]) -> Optional[str]:
    """What is wrong with the date :func:`parse_decl_date` refused."""
    return impossible_date(*_decl_numbers(m))


def _other_date(raw: str) -> Optional[date]:
    """The date *raw* gives in a form the E.O. line does not take (``_OTHER_DATE``),
    month first where its numbers leave the order open (3.4: never day-first); None
    when it is no such date."""
    m = _OTHER_DATE.fullmatch(raw.rstrip("."))
    if m is None:
        return None
    mon = m.group("od_mon") or m.group("od_mon4")
    if mon is not None:
        word = mon.upper()
        month = next((n for n, name in enumerate(_MONTHS, 1) if word.startswith(name) and (len(word) == 3 or word in _MONTH_NAMES)), None)
        if month is None:
            return None
        day, year = (m.group("od_d3"), m.group("od_y3")) if m.group("od_mon") else (m.group("od_d4"), m.group("od_y4"))
        numbers = (cable_int(year), month, cable_int(day))
    elif m.group("od_y") is not None:
        numbers = (cable_int(m.group("od_y")), cable_int(m.group("od_m")), cable_int(m.group("od_d")))
    else:
        numbers = (cable_int(m.group("od_y2")), cable_int(m.group("od_m2")), cable_int(m.group("od_d2")))
    try:
        return date(*numbers)
    except ValueError:
        return None



def read_eo(seg: Seg) -> tuple[EoLine, Optional[Seg]]:
    """Read an E.O. line; also return a TAGS list that shares the line."""
    m = _EO.fullmatch(seg.text)
    assert m is not None
    order = seg.group(m, "eo_order")
    problems: list[Problem] = []
    keyword = seg.group(m, "eo_kw")
    assert keyword is not None
    if "0" in keyword.text:
        meant = keyword.text.replace("0", "O")
        problems.append(Problem("eo_keyword", keyword.span, f"E.O. line keyword '{clip(keyword.text)}' has a zero for the letter O: expected '{clip(meant)}' before the order number"))
    elif not _EO_KEYWORD.fullmatch(keyword.text):
        problems.append(Problem("eo_keyword", keyword.span, f"E.O. line keyword '{clip(keyword.text)}' is misspelt: expected 'E.O.' before the order number"))
    elif not m.group("eo_gap") and order is not None:
        problems.append(Problem("eo_keyword", keyword.span, f"no space between '{clip(keyword.text)}' and the order number: expected '{clip(keyword.text)} {clip(order.text)}'"))
    elif keyword.text != keyword.text.upper():
        problems.append(Problem("eo_keyword", keyword.span, f"E.O. line keyword '{clip(keyword.text)}' is not in capitals: expected '{clip(keyword.text.upper())}'"))
    if not problems and order is not None and (keyword.text not in ("E.O.", "E. O.") or ":" not in m.group("eo_sep")):
        # the archive's punctuation-stripped "EO 12958 DECL: ..." (or a colon left out):
        # a rendering's form, read as the caption; only a draft is told (H002)
        form = seg.text[m.start("eo_kw") : m.end("eo_order")]
        dotted = keyword.text in ("E.O.", "E. O.")
        how = f"no colon after '{clip(form)}'" if dotted else f"'{clip(form)}' is the archive's punctuation-stripped form of the E.O. caption"
        problems.append(Problem("eo_form", seg.span(m.start("eo_kw"), m.end("eo_order")), f"{how}: expected '{keyword.text if dotted else 'E.O.'} {clip(order.text)}:' in a draft"))
    # the keyword's own finding, when it is only not in capitals ("e.o.")
    lowered = problems[-1] if problems and problems[-1].span == keyword.span and _EO_KEYWORD.fullmatch(keyword.text) and keyword.text != keyword.text.upper() else None
    if order is not None and not _EO_ORDER.fullmatch(order.text):
        problems.append(Problem("eo_order", order.span, f"executive order '{clip(order.text)}' is unknown: expected 12958, 13526, 12356, 12065 or 11652"))
    value = seg.sub(m.start("eo_value"), m.end("eo_value"))
    tags_seg = seg.sub(m.start("eo_tags")) if m.group("eo_tags") else None
    na_text, kw, decl_value, when, exemptions = _read_eo_value(value, problems)
    if lowered is not None and kw is not None and kw.text.upper() in ("DECL", "DNG") and kw.text != kw.text.upper():
        # "e.o. 12958: decl:": the line typed (or down-cased) in lower case, one slip:
        # one finding for the keyword and DECL (_read_eo_value said DECL's at its span)
        said = next(q for q in problems if q.field == "eo_value" and q.span == kw.span)
        problems[:] = [q for q in problems if q is not lowered and q is not said]
        written = seg.text[m.start("eo_kw") : m.start("eo_value")] + value.text[: value.text.find(kw.text) + len(kw.text)]
        problems.append(Problem("eo_keyword", keyword.span.cover(kw.span), f"E.O. line '{clip(written)}' is not in capitals: expected '{clip(written.upper())}'"))
    span = seg.span(0, m.end("eo_value")) if tags_seg else seg.span()
    return EoLine(span, order, na_text is not None, kw, decl_value, when, exemptions, tuple(problems), na_text), tags_seg


def eo_value_below(eo: EoLine, below: Seg) -> Optional[EoLine]:
    """The E.O. line read with the declassification instruction that stands alone on
    the line under it ("E.O. 12958:" / "DECL: 05/14/2011"), its one problem said at
    that line; None unless the E.O. line has no value and *below* is one."""
    if eo.na or eo.decl_keyword is not None or eo.decl_value is not None or eo.exemptions:
        return None
    value = below.sub(len(below.text) - len(below.text.lstrip()), len(below.text.rstrip()))
    vm = _EO_VALUE.fullmatch(value.text)
    if vm is None or (vm.group("eov_kw") is None and vm.group("eov_na") is None):
        return None
    problems = [q for q in eo.problems if q.field != "eo_value"]
    problems.append(Problem("eo_value", value.span(), f"the declassification instruction '{clip(value.text)}' is on the line under the E.O. line: expected it on that line"))
    na_text, kw, decl_value, when, exemptions = _read_eo_value(value, problems)
    return EoLine(eo.span.cover(value.span()), eo.order, na_text is not None, kw, decl_value, when, exemptions, tuple(problems), na_text)


_EO_SHAPE = "expected 'E.O. <order>: N/A' or 'E.O. <order>: DECL: <date or exemption>'"
# what "DECL: N/A" (eo_decl_na) expects where the cable's level is not known
_DECL_NA_SHAPE = "expected 'N/A' alone on an unclassified cable, or 'DECL: <date or exemption>' on a classified one"


def _read_eo_value(value: Seg, problems: list[Problem]) -> tuple[Optional[Text], Optional[Text], Optional[Text], Optional[date], tuple[str, ...]]:
    """The N/A as written (None when the value is no N/A), the DECL keyword, its value,
    date and exemptions of an E.O. line's value (what follows the order); its problems
    are added to *problems*."""
    shape = _EO_SHAPE
    na: Optional[Text] = None
    kw: Optional[Text] = None
    decl_value: Optional[Text] = None
    when: Optional[date] = None
    exemptions: tuple[str, ...] = ()
    vm = _EO_VALUE.fullmatch(value.text) if value.text else None
    if vm is None:
        problems.append(value.problem("eo_value", 0, 0, f"E.O. line has no declassification instruction: {shape}"))
    elif vm.group("eov_na") is not None:
        na = value.group(vm, "eov_na")
    elif vm.group("eov_kw") is not None:
        kw = value.group(vm, "eov_kw")
        assert kw is not None
        if kw.text.upper() not in ("DECL", "DECLASSIFY ON", "DNG"):
            problems.append(Problem("eo_value", kw.span, f"'{clip(kw.text)}' is misspelt: expected 'DECL'"))
        elif kw.text != kw.text.upper() and kw.text.upper() != "DECLASSIFY ON":  # "Declassify on:" is the form
            problems.append(Problem("eo_value", kw.span, f"'{clip(kw.text)}' is not in capitals: expected '{clip(kw.text.upper())}'"))
        decl_value = value.group(vm, "eov_rest")
        raw = decl_value.text.strip() if decl_value else ""
        if kw.text.upper() == "DNG":  # downgrade instruction: "DNG: CO 12/31/2010"
            if not raw[:1].isalnum():  # "DNG; CO ...": a stray mark for the colon, or nothing
                problems.append(Problem("eo_value", decl_value.span if raw and decl_value else kw.span, f"downgrading instruction '{clip(value.text)}' is unreadable: expected 'DNG: <level> <date>', as 'DNG: CO 12/31/2010'"))
        elif not raw:
            problems.append(Problem("eo_value", kw.span, f"DECL has no date, exemption or event: {shape}"))
        elif raw.rstrip(".").upper() == "N/A" or field("EO_NA_SLIP").fullmatch(raw):
            # "DECL: N/A": the two forms run together, read as the N/A written (na),
            # its DECL kept; H002 says which form the cable's level asks for (H004 not
            # again: one slip, one finding)
            assert decl_value is not None
            at = vm.start("eov_rest") + len(vm.group("eov_rest")) - len(vm.group("eov_rest").lstrip())
            na = Text(raw, value.span(at, at + len(raw)))
            decl_value = None
            problems.append(value.problem("eo_decl_na", vm.start("eov_kw"), at + len(raw), f"'{clip(value.text[vm.start('eov_kw') : at + len(raw)])}' puts N/A after DECL: {_DECL_NA_SHAPE}"))
        else:
            dm = _DECL_DATE.match(raw)
            if dm is not None and dm.end() == len(raw.rstrip(".")):
                when = parse_decl_date(dm)
                if when is None:
                    why = _why_not_a_date(dm) or "is not a real date: expected MM/DD/YYYY"
                    problems.append(Problem("eo_value", decl_value.span if decl_value else kw.span, f"declassification date '{clip(raw)}' {why}"))
            elif raw.rstrip(".").upper() != "OADR" and len(raw.rstrip(".")) > 2 and one_slip(raw.rstrip(".").upper(), "OADR"):
                problems.append(Problem("eo_value", decl_value.span if decl_value else kw.span, f"'{clip(raw)}' is misspelt: expected OADR"))
            elif field("DECL_EXEMPTION").fullmatch(raw):
                exemptions = tuple(e for e in _EXEMPTION_SEP.split(raw) if e)
            elif (xm := _DATED_EXEMPTION.fullmatch(raw.rstrip("."))) is not None and (
                (xd := _DECL_DATE.fullmatch(xm.group("dx_date"))) is not None or (meant := _other_date(xm.group("dx_date"))) is not None
            ):
                exemptions = (xm.group("dx"),)
                at = vm.start("eov_rest") + len(vm.group("eov_rest")) - len(vm.group("eov_rest").lstrip()) + xm.start("dx_date")
                if xd is None:  # "25X1, 02 FEB 2035": the date in another form, read as meant
                    when = meant
                    written = xm.group("dx_date")
                    problems.append(value.problem("eo_value", at, at + len(written), f"declassification date '{clip(written)}' is not in the E.O. line's form: expected MM/DD/YYYY, '{meant:%m/%d/%Y}'"))
                else:
                    when = parse_decl_date(xd)
                    if when is None:
                        why = _why_not_a_date(xd) or "is not a real date: expected MM/DD/YYYY"
                        problems.append(value.problem("eo_value", at, at + len(xd.group(0)), f"declassification date '{clip(xd.group(0))}' {why}"))
            elif (om := field("DECL_DATE_ODD_YEAR").fullmatch(raw)) is not None:
                at = vm.start("eov_rest") + om.start("ody_year")
                year = om.group("ody_year")
                problems.append(value.problem("eo_value", at, at + len(year), f"declassification date '{clip(raw)}' has a {len(year)}-digit year '{clip(year)}': expected 4 digits (MM/DD/YYYY), or 2 (MM/DD/YY)"))
            elif (meant := _other_date(raw)) is not None:
                # a date, written in another form: named with the form the line takes
                # (read as meant, so the date's checks still run)
                when = meant
                problems.append(Problem("eo_value", decl_value.span if decl_value else kw.span, f"declassification date '{clip(raw)}' is not in the E.O. line's form: expected MM/DD/YYYY, '{meant:%m/%d/%Y}'"))
            elif not field("DECL_WORD").fullmatch(raw):
                problems.append(Problem("eo_value", decl_value.span if decl_value else kw.span, f"declassification instruction '{clip(raw)}' is unreadable: {shape}"))
    else:
        other = vm.group("eov_other").strip()
        dm = _DECL_DATE.match(other)
        if dm is not None:
            when = parse_decl_date(dm)
            decl_value = value.group(vm, "eov_other")
            problems.append(value.problem("eo_value", 0, len(value.text), f"declassification date '{clip(other)}' has no 'DECL:' before it: expected 'DECL: {clip(other)}'"))
        elif field("EO_NA_SLIP").fullmatch(other):
            at = vm.start("eov_other") + len(vm.group("eov_other")) - len(vm.group("eov_other").lstrip())
            na = Text(other, value.span(at, at + len(other)))  # read as meant
            problems.append(value.problem("eo_value", 0, len(value.text), f"'{clip(other)}' is not written as N/A: expected 'N/A'"))
        elif field("DECL_WORD").fullmatch(other) or field("DECL_LEGACY").fullmatch(other):
            decl_value = value.group(vm, "eov_other")  # a stamp or legacy instruction ("AS AMENDED ...", "GDS")
        else:
            problems.append(value.problem("eo_value", 0, len(value.text), f"declassification instruction '{clip(other)}' is unreadable: {shape}"))
    return na, kw, decl_value, when, exemptions


def written_as_caption(kind: str, text: str) -> bool:
    """Whether an E.O. (*kind* "eo") or TAGS ("tags") line is written as the caption,
    keyword in capitals and a colon ("TAGS: pgov KDEM"), however damaged the rest:
    unlike prose that only starts like one ("Tags are used ...")."""
    if kind == "eo":
        m = _EO.fullmatch(text)
        return m is not None and m.group("eo_kw") in ("E.O.", "E. O.") and ":" in m.group("eo_sep")
    m = _TAGS.fullmatch(text)
    return m is not None and m.group("tags_kw") == "TAGS" and m.group("tags_colon") is not None


def read_subject(first: Seg, more: list[Seg]) -> Subject:
    m = _SUBJECT.fullmatch(first.text)
    if m is None:
        return _subject_without_keyword(first, more)
    problems: list[Problem] = []
    keyword = m.group("subj_kw")
    if m.group("subj_typo") is not None and m.group("subj_colon") is None:
        problems.append(first.problem("subject", m.start("subj_kw"), m.end("subj_kw"), f"'{clip(keyword)}' is misspelt and has no colon after it: expected 'SUBJECT: <subject>'"))
    elif m.group("subj_semi") is not None:
        written = first.text[m.start("subj_kw") : m.end("subj_semi")]
        problems.append(first.problem("subject", m.start("subj_kw"), m.end("subj_semi"), f"'{clip(written)}' has a semicolon for its colon: expected 'SUBJECT:'"))
    elif m.group("subj_typo") is not None:
        written = first.text[m.start("subj_kw") : m.end("subj_colon")]
        problems.append(first.problem("subject", m.start("subj_kw"), m.end("subj_colon"), f"'{clip(written)}' is misspelt: expected 'SUBJECT:'"))
    elif m.group("subj_colon") is None:
        problems.append(first.problem("subject", m.start("subj_kw"), m.end("subj_kw"), f"'{clip(keyword)}' has no colon after it: expected '{clip(keyword)}: <subject>'"))
    elif keyword.upper() == "SUBJ":
        # the older traffic's abbreviation (a 1990 cable has it): only a draft is told
        problems.append(first.problem("subject_keyword", m.start("subj_kw"), m.end("subj_kw"), f"'{clip(keyword)}:' is abbreviated: expected 'SUBJECT:'"))
    elif keyword != keyword.upper():
        problems.append(first.problem("subject", m.start("subj_kw"), m.end("subj_kw"), f"'{clip(keyword)}' is not in capitals: expected 'SUBJECT:'"))
    if m.group("subj_colon") is not None and m.group("subj_text").startswith(":"):
        # "SUBJECT:: ...": the colon typed twice
        at = m.start("subj_text")
        problems.append(first.problem("subject", at, at + 1, f"a second ':' after '{clip(keyword)}:': expected one colon, then the subject"))
    mark = first.group(m, "subj_mark")
    marker: Optional[Text] = None
    marking: Optional[str] = None
    level: Optional[str] = None
    controls: tuple[str, ...] = ()
    if mark is not None:
        marker = Text(f"({clip(mark.text)})", first.span(m.start("subj_mark") - 1, m.end("subj_mark") + 1))
        marking, level, controls = normalise_marking(mark.text)
        if not field("PARA_MARK").fullmatch(mark.text):
            problems.append(Problem("subject_marking", marker.span, _subject_mark_fault(mark.text)))
    elif m.group("subj_text"):
        half = _HALF_MARK.match(m.group("subj_text"))
        if half is not None:
            begin = m.start("subj_text")
            problems.append(
                first.problem(
                    "subject_marking",
                    begin,
                    begin + half.end(),
                    f"subject portion marking '{clip(half.group())}' has no {'closing' if half.group().startswith('(') else 'opening'} parenthesis: expected '({half.group().strip('()')})'",
                )
            )
    parts = [m.group("subj_text").strip()] + [s.text.strip() for s in more]
    text = " ".join(filter(None, parts))
    text_span: Optional[Span] = None
    if m.group("subj_text"):
        text_span = first.span(m.start("subj_text"), m.end("subj_text"))
    if more:
        last = more[-1].strip_span()
        text_span = text_span.cover(last) if text_span else more[0].strip_span().cover(last)
    if not text:
        problems.append(first.problem("subject", 0, len(first.text), "SUBJECT is empty: expected a subject after 'SUBJECT:'"))
    span = first.span()
    if more:
        span = span.cover(more[-1].span())
    noforn: Optional[Span] = None
    if "NOFORN" in text:
        noforn = _noforn_in(first, max(m.start("subj_text"), 0), more)
    return Subject(span, marker, text, text_span, tuple(problems), level, controls, noforn, marking)


def _subject_mark_fault(inner: str) -> str:
    """What is wrong with a subject's portion marking "(inner)", and what is expected:
    as a paragraph marker's fault is named (the same vocabulary, 3.6), a marking
    that is right but for its case with the marking in capitals."""
    said = f"subject portion marking '({clip(inner)})'"
    if inner != inner.upper() and field("PARA_MARK").fullmatch(inner.upper()):
        return f"{said} is not in capitals: expected '({clip(inner.upper())})'"
    if inner != inner.strip() and field("PARA_MARK").fullmatch(inner.strip()):
        return f"{said} has a space inside the parentheses: expected '({clip(inner.strip())})'"
    slashed = inner.replace("\\", "/").replace("-", "/")
    if slashed != inner and field("PARA_MARK").fullmatch(slashed):
        bad = next(c for c in inner if c in "\\-")
        return f"{said} has '{bad}' for its separator: expected '({clip(slashed)})'"
    spelled = misspelt_level_marking(inner)
    if spelled is not None:
        return f"{said} spells the level out: expected '({clip(spelled[0])})'"
    fault = marker_fault(inner) or f"marker '({clip(inner)})' is not a portion marking: {MARK_HELP}"
    return f"subject portion {fault.replace('marker', 'marking', 1)}"


def _subject_without_keyword(first: Seg, more: list[Seg]) -> Subject:
    """A subject whose line lost its keyword (a line of prose under the TAGS list, with
    no SUBJECT line after it): its text read, the keyword named where it belongs."""
    at = len(first.text) - len(first.text.lstrip())
    word = first.text[at:].split(None, 1)[0]
    head = first.text[at:]
    if len(word) >= 3 and word[0] == "S" and word.isupper() and _letters_of(word.rstrip(":"), "SUBJECT"):
        # "SBJT MALI: ...": the keyword abbreviated or misspelt past SUBJECT_LINE's typos
        lost = first.problem("subject", at, at + len(word), f"'{clip(word)}' is misspelt: expected 'SUBJECT:'")
        head = first.text[at + len(word) :].strip()
    else:
        lost = Problem("subject", first.span(at, at), f"the SUBJECT keyword is missing: expected 'SUBJECT: {clip(first.text.strip())}'")
    text = " ".join(filter(None, [head.strip()] + [s.text.strip() for s in more]))
    span = first.span()
    text_span = first.strip_span()
    if more:
        span = span.cover(more[-1].span())
        text_span = text_span.cover(more[-1].strip_span())
    noforn = _noforn_in(first, 0, more) if "NOFORN" in text else None
    return Subject(span, None, text, text_span, (lost,), None, (), noforn)


def _letters_of(word: str, keyword: str) -> bool:
    """Whether *word*'s letters are some of *keyword*'s, in its order ("SBJT", "SUBJ")."""
    it = iter(keyword)
    return all(c in it for c in word)


def _noforn_in(first: Seg, start: int, more: list[Seg]) -> Optional[Span]:
    """Where the subject's text (from *start* on its first line, then its continuation
    lines) first holds the word NOFORN."""
    for seg, at in ((first, start), *((s, 0) for s in more)):
        nm = field("SUBJECT_NOFORN").search(seg.text, at)
        if nm is not None:
            return seg.span(nm.start(), nm.end())
    return None


# a block's heading and its dash rule at the end of the Classified By caption's last
# line: alone on it ("Summary -------"), or run on after the caption's text ("1.4 (b)
# and (d). Summary -------", as the unwrapped rendering joins them; 4.4)
_HEADING_RUN_ON = regex(r"(?<![^ \t])(?P<kind>(?i:summary|comment))[ \t]*-{3,}[ \t]*$")


def heading_after_classified_by(first: Seg, more: list[Seg]) -> tuple[Seg, list[Seg], Optional[BlockMarker]]:
    """The Classified By caption's lines (*first*, *more*) without a block's heading
    that ends its last line with its dash rule, and that heading, which opens the
    block ("Summary -------" under or after "... 1.4 (b) and (d)."): a marker of role
    "heading" from the kind word to the end of the rule. The lines as given, and
    None, when there is no such heading (nor when it would leave the caption
    empty)."""
    last = more[-1] if more else first
    m = _HEADING_RUN_ON.search(last.text)
    if m is None:
        return first, more, None
    end = len(last.text.rstrip(" \t"))
    marker = BlockMarker(last.span(m.start("kind"), end), m.group("kind").upper(), "heading")
    if not more:
        if not first.text[: m.start()].strip():
            return first, more, None
        return first.sub(0, m.start()), more, marker
    if not last.text[: m.start()].strip():
        return first, more[:-1], marker
    return first, [*more[:-1], last.sub(0, m.start())], marker


def read_classified_by(first: Seg, more: list[Seg]) -> ClassifiedBy:
    m = _CLSBY.fullmatch(first.text)
    assert m is not None
    rest = m.group("clsby_rest")
    # the line's text and its continuation lines joined by spaces; each piece keeps
    # where it stands so that a place in the joined text has its span in the file
    pieces = [(first, m.start("clsby_rest") + len(rest) - len(rest.lstrip()), rest.strip())]
    pieces += [(s, len(s.text) - len(s.text.lstrip()), s.text.strip()) for s in more]
    joined = " ".join(t for _, _, t in pieces)
    text = joined.strip()
    lead = len(joined) - len(joined.lstrip())

    def where(begin: int, end: int) -> Span:
        """The span of text[begin:end] in the file."""
        at = 0
        spans = []
        for seg, base, piece in pieces:
            lo, hi = max(begin + lead, at), min(end + lead, at + len(piece))
            if lo < hi or (lo == hi == begin + lead and at <= lo <= at + len(piece)):
                spans.append(seg.span(base + lo - at, base + hi - at))
            at += len(piece) + 1
        return spans[0].cover(spans[-1]) if spans else first.span()

    section: Optional[Text] = None
    letters: tuple[str, ...] = ()
    letter_spans: list[Text] = []
    last = None
    for rm in _REASON.finditer(text):
        last = rm
    if last is not None:
        group = "reason_sec" if last.group("reason_sec") is not None else "reason_bare"
        section = Text(_SPACES.sub("", last.group(group)), where(last.start(group), last.end(group)))
        written = last.group("reason_letters") or ""
        letters = tuple(dict.fromkeys(map(str.lower, _LETTERS.findall(written))))
        for lm in _LETTERS.finditer(written):
            at = last.start("reason_letters") + lm.start()
            # with its brackets, and the blanks inside them ("(c )")
            before, after = len(text[:at].rstrip(" \t")) - 1, len(text) - len(text[at + 1 :].lstrip(" \t"))
            begin, end = (before, after + 1) if text[before : before + 1] == "(" and before >= 0 and text[after : after + 1] == ")" else (at, at + 1)
            letter_spans.append(Text(lm.group().lower(), where(begin, end)))
    problems: tuple[Problem, ...] = ()
    if m.group("clsby_typo") is not None:
        keyword = first.group(m, "clsby_kw")
        assert keyword is not None
        right = "CLASSIFIED BY:" if keyword.text.isupper() else "Classified By:"
        problems = (Problem("classified_by", keyword.span, f"'{clip(keyword.text)}' is misspelt: expected '{clip(right)}'"),)
    elif m.group("clsby_by_lost") is not None:
        keyword = first.group(m, "clsby_kw")
        assert keyword is not None
        right = "CLASSIFIED BY:" if keyword.text.isupper() else "Classified By:"
        problems = (Problem("classified_by", keyword.span, f"'{clip(keyword.text)}:' has lost its 'By': expected '{clip(right)}'"),)
    span = first.span()
    if more:
        span = span.cover(more[-1].span())
    return ClassifiedBy(span, text, section, letters, bool(_DERIVED.search(text)), problems, tuple(letter_spans))
