"""What one entry of the REF block names (3.7): a cable (its origin, number, year and
the date written after it), an e-mail, a DTG or another document, and the problems of
an entry that lost its number or its origin or is dated with no real date. The block
itself (its labels, and where one entry ends) is read in read_refs.py."""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

from cablelint.compiled import regex
from cablelint.grammar.dates import impossible_date, short_reason
from cablelint.grammar.patterns import field
from cablelint.grammar.read_dtg import MONTHS
from cablelint.grammar.segment import Seg
from cablelint.model import Problem, Reference, Text
from cablelint.numbers import cable_digits, cable_int
from cablelint.quote import clip, plural
from cablelint.span import Span

_REF_CABLE = field("REF_CABLE")
_REF_EMAIL = field("REF_EMAIL")
_REF_DTG = field("REF_DTG")
_REF_CABLE_DATE = field("REF_CABLE_DATE")
_REF_CABLE_ODD_YEAR = field("REF_CABLE_ODD_YEAR")
_REF_NOT_CABLE = field("REF_NOT_CABLE_ORIGIN")
_REF_NOT_CABLE_WORDS = field("REF_NOT_CABLE_WORDS")
_ORIGIN_PUNCT = regex(r"[ .'\-]")
# the Department's names for itself, SECSTATE and its address SECSTATE WASHDC, which the
# archive's ids write STATE ("09STATE5448", interfaces.md)
_STATE_NAMES = frozenset(("SECSTATE", "SECSTATEWASHDC"))


def archive_origin(key: str) -> str:
    """The origin *key* (capitals, its blanks and punctuation dropped) as the archive's
    ids write it: 'SECSTATEWASHDC' -> 'STATE'."""
    return "STATE" if key in _STATE_NAMES else key


def read_reference(written: Optional[Text], second: Optional[Text], body: Seg, before: Optional[Reference] = None) -> Reference:
    """The reference of one item: *written* is its label, *second* the second label of a
    doubled one ("A. (A)", "B. D."), by which the entry is read (3.7); *before* is the
    entry above it, whose post a number written alone most likely shares."""
    label, label2 = (second, written) if second is not None else (written, None)
    text = body.text.strip()
    span = body.strip_span()
    if written is not None:
        span = written.span.cover(span)
    if _REF_EMAIL.fullmatch(text):
        return Reference(span, label, label2, text, "email", None, None, dated=_email_date(text))
    dm = _REF_DTG.fullmatch(text)
    if dm is not None:
        return Reference(span, label, label2, text, "dtg", None, None, dated=_dtg_date(dm))
    m = _REF_CABLE.fullmatch(text)
    origin_text = m.group("ref_origin").strip() if m is not None else ""
    if m is not None and not _not_cable_origin(origin_text):
        origin = archive_origin(_ORIGIN_PUNCT.sub("", m.group("ref_origin").upper()))
        ys = m.group("ref_year")
        year = _full_year(ys.strip("()")) if ys else None
        ident = f"{origin}{cable_digits(m.group('ref_num'))}"
        dated = _cable_date(text, m.start("ref_rest"))
        if year is None and dated is not None:
            year = dated.year  # "STATE 12345 19 NOV 08": the date gives the year
        bad = _no_date(body, text, m.start("ref_rest"), label) if dated is None else None
        return Reference(span, label, label2, text, "cable", ident, year, () if bad is None else (bad,), dated=dated)
    odd = _odd_year(body, text, label, span, label2)
    if odd is not None:
        return odd
    if field("REF_ORIGIN_ONLY").fullmatch(text) and not any(_not_cable_origin(word) for word in text.split()[-3:]):
        problem = Problem("reference", body.strip_span(), f"{_entry_name(label)} names '{clip(text)}' but no number: expected an origin and a number such as '{clip(text)} 1234'")
        return Reference(span, label, label2, text, "other", None, None, (problem,))
    nm = field("REF_ORIGIN_NOTAL").fullmatch(text) if "NOTAL" in text else None
    if nm is not None and not any(_not_cable_origin(word) for word in nm.group("ron_origin").split()[-3:]):
        # "RABAT (NOTAL)": a cable reference whose number was lost before its NOTAL (X001)
        origin = nm.group("ron_origin")
        at = body.text.index(origin)
        problem = Problem("reference", body.span(at, at + len(origin)), f"{_entry_name(label)} names '{clip(origin)}' but no number: expected an origin and a number such as '{clip(origin)} 1234{clip(text[len(origin):])}'")
        return Reference(span, label, label2, text, "other", None, None, (problem,))
    pm = field("REF_ORIGIN_PREVIOUS").fullmatch(text) if text.endswith(("PREVIOUS", "PRIOR", "PRECEDING", "RELATED")) else None
    if pm is not None and not any(_not_cable_origin(word) for word in pm.group("rop_origin").split()):
        # "MADRID AND PREVIOUS": a cable reference whose number was lost (X001)
        origin = pm.group("rop_origin")
        at = body.text.index(origin)
        problem = Problem("reference", body.span(at, at + len(origin)), f"{_entry_name(label)} names '{clip(origin)}' but no number: expected an origin and a number such as '{clip(origin)} 1234{clip(text[len(origin):])}'")
        return Reference(span, label, label2, text, "other", None, None, (problem,))
    if field("REF_NUMBERED_KIND").fullmatch(text):
        problem = Problem("reference", body.strip_span(), f"{_entry_name(label)} names '{clip(text)}' but no number: expected its number after it, such as '{clip(text.upper())} 6906012405'")
        return Reference(span, label, label2, text, "other", None, None, (problem,))
    if field("REF_NUMBER_ONLY").fullmatch(text):
        problem = Problem("reference", body.strip_span(), f"{_entry_name(label)} has the number '{clip(text)}' but no origin: expected the post before the number, such as '{clip(_post_of(before))} {clip(text)}'")
        return Reference(span, label, label2, text, "other", None, None, (problem,))
    return Reference(span, label, label2, text, "other", None, None)


def _post_of(before: Optional[Reference]) -> str:
    """The year and origin of the cable reference *before* as written ("07 REYKJAVIK"
    of "07 REYKJAVIK 380"), which a number alone after it most likely shares; else
    'STATE', the Department's."""
    if before is None or before.kind != "cable":
        return "STATE"
    m = _REF_CABLE.fullmatch(before.text)
    return before.text[: m.start("ref_num")].strip() if m is not None else "STATE"


def _odd_year(body: Seg, text: str, label: Optional[Text], span: Span, label2: Optional[Text]) -> Optional[Reference]:
    """A cable reference whose year has three or five digits ("009 SANAA 2053"): the
    cable it names, with the year's problem (X001); None for any other entry."""
    ym = _REF_CABLE_ODD_YEAR.match(text)
    if ym is None:
        return None
    m = _REF_CABLE.fullmatch(text, ym.end())
    if m is None or m.group("ref_year") is not None or _not_cable_origin(m.group("ref_origin").strip()):
        return None
    digits = ym.group("roy_year")
    origin = _ORIGIN_PUNCT.sub("", m.group("ref_origin").upper())
    ident = f"{archive_origin(origin)}{cable_digits(m.group('ref_num'))}"
    value = cable_int(digits)
    rest = text[ym.end() :]
    want = f"'{value:02d} {clip(rest)}'" if value < 100 else "a year of two digits or four ('09', '2009')"
    lead = len(body.text) - len(body.text.lstrip())
    exact = body.line.text[body.begin : body.begin + len(body.text)] == body.text  # not a joined wrapped item
    at = body.span(lead, lead + len(digits)) if exact else body.strip_span()
    problem = Problem("reference", at, f"{_entry_name(label)} gives the year '{clip(digits)}', which has {plural(len(digits), 'digit')}: expected {want}")
    year = _full_year(f"{value:02d}") if value < 100 else None
    return Reference(span, label, label2, text, "cable", ident, year, (problem,))


def _entry_name(label: Optional[Text]) -> str:
    """How a message names the entry: 'REF entry B', or 'REF entry' without a label."""
    return f"REF entry {clip(label.text.upper())}" if label is not None else "REF entry"


def _not_cable_origin(word: str) -> bool:
    """Whether *word*, standing where a cable's origin would, names another kind of
    document or none ("MEMCON", "TELCON", "PREVIOUS"): no post lost its number there."""
    return _REF_NOT_CABLE.fullmatch(word) is not None or _REF_NOT_CABLE_WORDS.fullmatch(word) is not None


def _full_year(digits: str) -> int:
    y = cable_int(digits)
    return y if len(digits) == 4 else (2000 + y if y < 50 else 1900 + y)


def _dtg_date(m: re.Match[str]) -> Optional[date]:
    """The date of a DTG reference ("SECDEF DTG 301601Z AUG 08"), or None."""
    return _real_date(m.group("dtg_year"), m.group("dtg_mon"), m.group("dtg_day"))


def _real_date(year_text: str, month_name: str, day_text: str) -> Optional[date]:
    """The date written with its month's name (its first three letters count), or None
    when that is no month or no real date (30 FEB)."""
    month = month_name[:3].upper()
    if month not in MONTHS:
        return None
    year, day = _full_year(year_text), cable_int(day_text)
    if impossible_date(year, MONTHS.index(month) + 1, day) is not None:
        return None
    return date(year, MONTHS.index(month) + 1, day)


def _cable_date(text: str, rest: int) -> Optional[date]:
    """The date written after a cable reference's number, from *rest* on
    ("08 KIGALI 00830--05/DEC/2008": 5 Dec 2008), or None when there is none or it is
    no real date."""
    m = _REF_CABLE_DATE.fullmatch(text, rest)
    return None if m is None else _real_date(m.group("rcd_year"), m.group("rcd_mon"), m.group("rcd_day"))


def _no_date(body: Seg, text: str, rest: int, label: Optional[Text]) -> Optional[Problem]:
    """The problem of a date written after a cable reference's number that is no real
    date ("MADRID 1226 31 NOV 08"), or None when there is none or it is real."""
    m = _REF_CABLE_DATE.fullmatch(text, rest)
    if m is None or m.group("rcd_mon")[:3].upper() not in MONTHS:
        return None
    month = MONTHS.index(m.group("rcd_mon")[:3].upper()) + 1
    why = impossible_date(_full_year(m.group("rcd_year")), month, cable_int(m.group("rcd_day")))
    if why is None:
        return None
    lead = len(body.text) - len(body.text.lstrip())
    exact = body.line.text[body.begin : body.begin + len(body.text)] == body.text  # not a joined wrapped item
    span = body.span(lead + m.start("rcd_date"), lead + m.end("rcd_date")) if exact else body.strip_span()
    return Problem("reference", span, f"{_entry_name(label)} is dated '{clip(m.group('rcd_date'))}', which is no date ({short_reason(why)}): expected the date of the cable cited")


def _email_date(text: str) -> Optional[date]:
    """The date of an e-mail reference ("E-MAIL OF 07/02/2009"): of its readings as
    month/day and day/month, the earlier real one; None when there is none."""
    m = field("REF_EMAIL_DATE").search(text)
    if m is None:
        return None
    year, a, b = _full_year(m.group("emd_year")), cable_int(m.group("emd_a")), cable_int(m.group("emd_b"))
    readings = [date(year, month, day) for month, day in ((a, b), (b, a)) if impossible_date(year, month, day) is None]
    return min(readings) if readings else None
