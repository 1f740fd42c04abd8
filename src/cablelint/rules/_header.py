"""What the header families (R, A) share: where a missing line was expected, which
format line a stray line is, and the DE filing time as a date (cable-format.md 2)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Optional

from cablelint.model import Addressee, Cable, DeLine, DtgLine, ErrorNode
from cablelint.numbers import cable_int
from cablelint.records import record
from cablelint.span import Span

# The format lines after FL1, in order: model attribute, line terminal, name.
FORMAT_LINES = (
    ("precedence_line", "FL2_LINE", "FL2 (the precedence line, e.g. RR RUEHMA)"),
    ("de_line", "DE_LINE", "FL3 (the DE line)"),
    ("security_line", "SECURITY_LINE", "FL4 (the security line, ZNR/ZNY)"),
    ("dtg_line", "DTG_LINE", "FL5 (the precedence and date-time group line)"),
)
KIND_NAMES = {"FL1_LINE": "FL1 (the transmission identifier)", **{term: name for _, term, name in FORMAT_LINES}}
# The precedence letter of each address-line precedence word, the letters from the
# lowest precedence to the highest, and each letter's name (cable-format.md 2.5).
LETTER_OF_WORD = {"FLASH": "Z", "NIACT IMMEDIATE": "O", "IMMEDIATE": "O", "PRIORITY": "P", "ROUTINE": "R"}
PRECEDENCE_ORDER = "RPOZ"
PRECEDENCE_NAMES = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}
# Order in which to recognise a stray line: the loose FL2 shape last.
_KINDS = ("FL1_LINE", "DE_LINE", "SECURITY_LINE", "DTG_LINE", "FL2_LINE")
MAX_FILING_LAG = 60  # minutes after the DTG before the filing time looks re-filed (2.3)


def line_after(cable: Cable, line_number: int) -> Span:
    """Where a line missing after line *line_number* (1-based) was expected: a
    zero-width span where the text of the next non-blank line begins (that line is
    not at fault, so it is not underlined, as with the missing captions); the end of
    the text when there is none."""
    for line in cable.lines[line_number:]:
        if line.text.strip():
            lead = len(line.text) - len(line.text.lstrip())
            return line.span(lead, lead)
    return cable.end_span


def format_line_kind(err: ErrorNode) -> Optional[str]:
    """Which format line (its grammar terminal) an unplaceable header line is, if any."""
    return line_kind(err.text)


def routing_errors(cable: Cable) -> list[ErrorNode]:
    """The lines the grammar could not place that are the routing header's (R011's, not
    S004's): those inside it, and a DE, security or DTG line under the address block,
    above the text (a format line out of its place); none without a routing header."""
    if cable.routing is None or not cable.errors:
        return []
    top = cable.classification.span.line if cable.classification is not None else (cable.body_span.line if cable.body_span is not None else None)
    return [e for e in cable.errors if e.zone == "header" or (top is not None and e.span.line < top and format_line_kind(e) not in (None, "FL2_LINE"))]


def line_kind(text: str) -> Optional[str]:
    """Which format line (its grammar terminal) a line of text has the shape of, if any."""
    from cablelint.grammar.parser import line_patterns  # (imports Lark: a run that parses has)

    patterns = line_patterns()
    for term in _KINDS:
        pattern = patterns.get(term)
        if pattern is not None and pattern.fullmatch(text.strip()):
            return term
    return None


def filed_time(de: Optional[DeLine], dtg: Optional[DtgLine]) -> Optional[datetime]:
    """The DE line's filing time (Julian day, hour, minute) as a date and time, in the
    year that puts it closest to the DTG; None when either line is missing or malformed."""
    if de is None or dtg is None or dtg.when is None or de.filing_time is None:
        return None
    if any(p.field == "filing_time" for p in de.problems):
        return None
    t = de.filing_time.text
    day, hour, minute = int(t[:3]), int(t[3:5]), int(t[5:7])
    when = dtg.when
    into_year = timedelta(days=day - 1)
    best: Optional[datetime] = None
    for year in (when.year - 1, when.year, when.year + 1):
        filed = datetime(year, 1, 1, hour, minute, tzinfo=when.tzinfo) + into_year  # a DTG has no seconds
        if filed.year == year and (best is None or abs(filed - when) < abs(best - when)):
            best = filed
    return best


def cable_filed_time(cable: Cable) -> Optional[datetime]:
    """``filed_time`` of the cable's routing header, if it has one."""
    routing = cable.routing
    return filed_time(routing.de_line, routing.dtg_line) if routing is not None else None


@record
class YearSlip:
    """The date-time group's year shown to be a slip: the date it should give and the
    witnesses that give that year rather than the one written."""

    meant: datetime
    witnesses: tuple[str, ...]


def dtg_year_slip(cable: Cable) -> Optional[YearSlip]:
    """The date-time group's date in the year next to the one written, when the DE line
    and another witness give that year (cable-format.md 2.3, 2.5, 3.8): the DE line's
    Julian day falls on the DTG's day and time in that year and not in the written one
    (a leap year between them shifts the Julian day), and the E.O. line's DECL date is
    a round number of years after that date, or a reference is dated after the
    written date but not after that one. None otherwise."""
    routing = cable.routing
    if routing is None or routing.dtg_line is None or routing.de_line is None:
        return None
    de, dtg = routing.de_line, routing.dtg_line
    when, filed = dtg.when, filed_time(de, dtg)
    if when is None or filed is None or de.filing_time is None or _filed_on_time(filed, when):
        return None
    t = de.filing_time.text
    day, hour, minute = int(t[:3]), int(t[3:5]), int(t[5:7])
    for year in (when.year + 1, when.year - 1):
        try:
            meant = when.replace(year=year)
        except ValueError:
            continue  # 29 February
        there = datetime(year, 1, 1, hour, minute, tzinfo=when.tzinfo) + timedelta(days=day - 1)
        if there.year != year or not _filed_on_time(there, meant):
            continue
        others = _year_witnesses(cable, when, meant)
        if others:
            return YearSlip(meant, (f"the DE line's day {t[:3]} ({there.day} {there:%b} in {year}, {filed.day} {filed:%b} in {when.year})", *others))
    return None


def _filed_on_time(filed: datetime, when: datetime) -> bool:
    return 0 <= (filed - when).total_seconds() // 60 <= MAX_FILING_LAG


def _year_witnesses(cable: Cable, when: datetime, meant: datetime) -> list[str]:
    """What beside the DE line gives the year of *meant* rather than that of *when*."""
    out = []
    decl = cable.eo.declassify_on if cable.eo is not None else None
    years = _round_years(decl, meant) if decl is not None else None
    if years is not None:
        out.append(f"the DECL date {decl:%m/%d/%Y} ({years} years on)")
    if meant > when:
        for ref in cable.references:
            label = f"reference {ref.label.text}" if ref.label is not None else "the reference"
            if ref.dated is not None and when.date() < ref.dated <= meant.date():
                out.append(f"{label} ({ref.dated.day} {ref.dated:%b %Y})")
            elif ref.dated is None and ref.kind == "cable" and ref.year is not None and when.year < ref.year <= meant.year:
                out.append(f"{label} ({ref.year})")
    return out


def _round_years(decl: date, meant: datetime) -> Optional[int]:
    """The round number of years (5 to 25) after *meant* that *decl* is, as drafters
    date it: the day itself, the day after (UTC), or up to a week before, the day the
    cable was written (measured on the real cables with a DTG: of 269 DECL dates
    within 40 days of such an anniversary, 244 fall there, 127 on the day itself).
    None when it is no such date."""
    for years in range(5, 30, 5):
        try:
            anniversary = meant.date().replace(year=meant.year + years)
        except ValueError:  # 29 February
            anniversary = date(meant.year + years, 3, 1)
        if -7 <= (decl - anniversary).days <= 1:
            return years
    return None


def number_of(text: str) -> Optional[int]:
    """The number a field of digits gives, or None when it is not all digits."""
    return cable_int(text) if text.isdigit() else None


def serial_malformed(cable: Cable) -> bool:
    """Whether the classification line's serial is not the six digits it should be
    (4-5 digits are accepted on cables from before 2001, and on a sent cable whose
    date is not known; not on an undated draft, which is written now, by today's
    rules: cable-format.md 3.1, 5.4): C002 reports it, and comparing it with other
    serials says nothing more."""
    cls = cable.classification
    if cls is None or cls.serial is None:
        return False
    digits = len(cls.serial.text)
    legacy = cable.date.year < 2001 if cable.date is not None else cable.dialect != "draft"
    return digits != 6 and not (4 <= digits <= 5 and legacy)


def serial_outvoted(cable: Cable) -> Optional[int]:
    """The cable's serial when its classification line is the one witness that
    disagrees: the DE line's station serial and every page header's serial agree with
    each other but not with the classification line (a typo there; cable-format.md
    2.3, 4.6). None when the witnesses do not outvote it (no page header, or they
    disagree among themselves)."""
    cls = cable.classification
    de = cable.routing.de_line if cable.routing is not None else None
    if cls is None or cls.serial is None or de is None or de.serial is None or not cable.page_headers:
        return None
    serial, station = number_of(cls.serial.text), number_of(de.serial.text)
    headers = {number_of(ph.serial.text) for ph in cable.page_headers}
    if serial is None or station is None or len(headers) != 1:
        return None
    (header,) = headers
    if header is None or header % 10000 != station or header == serial:
        return None
    return header


def total_outvoted(cable: Cable) -> Optional[int]:
    """The number of sections when the classification line's ``SECTION NN OF MM`` is
    the one witness that disagrees: two or more page headers agree on a total that is
    not MM, or one page header's total is that of a text that ends in the section it
    numbers (``002 OF 002`` under ``SECTION 01 OF 20``). None otherwise."""
    cls = cable.classification
    if cls is None or cls.section_total is None:
        return None
    totals = [number_of(ph.total.text) for ph in cable.page_headers if ph.total is not None]
    if not totals or len(set(totals)) != 1 or totals[0] is None or totals[0] == cls.section_total:
        return None
    if len(totals) < 2 and max(ph.page for ph in cable.page_headers) != totals[0]:
        return None
    return totals[0]


def precedence_letter(addressee: Addressee) -> str:
    """The addressee's precedence letter; without a precedence word, ROUTINE's R."""
    return LETTER_OF_WORD.get(addressee.precedence.text, "R") if addressee.precedence is not None else "R"


def top_to_addressee(cable: Cable) -> Optional[Addressee]:
    """The TO addressee with the highest precedence, the one FL5's action letter should
    give (cable-format.md 2.5); None without TO lines, or when a TO address is
    malformed (A003's: its precedence cannot be trusted)."""
    if not cable.to or any(p.field == "addressee" for a in cable.to for p in a.problems):
        return None
    return max(cable.to, key=lambda a: PRECEDENCE_ORDER.index(precedence_letter(a)))
