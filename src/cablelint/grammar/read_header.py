"""Readers for the routing header (FL1-FL5) and the address block (2.1-2.6)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from datetime import datetime, timezone
from typing import Optional

from cablelint.grammar.dates import impossible_date, impossible_day_of_year, impossible_time
from cablelint.grammar.patterns import field
from cablelint.grammar.segment import Seg
from cablelint.model import (
    SECURITY_FOR_WARNING,
    Addressee,
    DeLine,
    DtgLine,
    PrecedenceLine,
    Problem,
    SecurityLine,
    Text,
    TransmissionId,
)

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
PRECEDENCE_WORDS = ("FLASH", "NIACT IMMEDIATE", "IMMEDIATE", "PRIORITY", "ROUTINE")
# The PLAD prefixes of the Department's own posts (2.6) long enough that a word one or
# two letters from one is that prefix misspelt: no other first word of a real PLAD is
# (USEU and USINT are left out: EU, USUN and JOINT are as close to them).
_ONE_WORD_PRECEDENCE = tuple(w for w in PRECEDENCE_WORDS if " " not in w)
PLAD_PREFIXES = ("AMEMBASSY", "AMCONSUL", "SECSTATE", "USMISSION")
# The prefixes that are never a whole address: a post's name follows them (2.6).
_NAMING_PREFIXES = ("AMEMBASSY", "AMCONSUL", "USMISSION")

_FL1 = field("FL1_SHAPE")
_FL1_STRICT = field("FL1_STRICT")
_FL2 = field("FL2_SHAPE")
_PROSIGN = field("PROSIGN")
_RI = field("ROUTING_INDICATOR")
_DE = field("DE_SHAPE")
_SSN = field("STATION_SERIAL")
_PART = field("SECTION_PART")
_FILETIME = field("FILING_TIME")
_SEC = field("SECURITY_SHAPE")
_SECWARN = field("SECURITY_WARNING")
_SECCODE = field("SECURITY_CODE")
_OPSIG = field("OPERATING_SIGNAL")
_DTG = field("DTG_SHAPE")
_DTG_DIGITS = field("DTG_DIGITS")
_MONTH = field("MONTH")
_DTG_EXTRA = field("DTG_EXTRA")
_ADDR_LINE = field("ADDRESS_SHAPE")
_ADDRESSEE = field("ADDRESSEE")
_ADDR_SERIAL = field("ADDRESSEE_SERIAL")
_ADDR_LETTERED = field("ADDRESSEE_LETTERED_SERIAL")
_JOINED = field("ADDRESS_JOINED")
_ADDR_SLIP = field("ADDRESS_SLIP")
_ADDR_PAGE_HEADER = field("ADDRESS_PAGE_HEADER")
_SECOND = field("ADDRESS_SECOND")
_WORD = re.compile(r"\S+")
_BLANKS = re.compile(r"[ \t]+")
_BLANK = re.compile(r"[ \t]")  # what parts an address's words: a space or a tab
# what an address may hold besides capitals and digits (the characters of ADDRESSEE)
_ADDRESS_CHARS = frozenset(" \t.&'(),-/")
# How nearly every routing indicator of the real cables' address lines starts (RUEHC,
# RUEKJCS, RHMFISS, ...); a word of an address that starts so is an indicator, not the
# first word of a PLAD such as "RUSSIA COLLECTIVE".
_RI_PREFIXES = frozenset(("RUEH", "RUCN", "RUEK", "RHEH", "RUEA", "RHMF", "RUMI", "RHEF", "RUCP", "RHHM", "RHMC", "RHEB", "RUEI"))


def _ri_problems(items: list[Text], where: str) -> list[Problem]:
    out = []
    for t in items:
        if _RI.fullmatch(t.text):
            continue
        if _RI.fullmatch(t.text.rstrip(",")):
            why = "has a stray comma: expected routing indicators separated by spaces"
        elif _RI.fullmatch(t.text.upper()):
            why = f"is not in capitals: expected {t.text.upper()}"
        else:
            why = "is malformed: expected R followed by 3-6 capital letters (e.g. RUEHC)"
        out.append(Problem("routing_indicator", t.span, f"routing indicator '{t.text}' in the {where} {why}"))
    return out


def read_fl1(seg: Seg) -> TransmissionId:
    m = _FL1.fullmatch(seg.text)
    assert m is not None  # FL1_LINE guarantees a VZCZC prefix, if damaged
    keyword, rest = m.group("fl1_kw", "fl1_rest")
    at = m.end("fl1_kw")
    written = seg.text[m.end("fl1_indent") :]
    problems = []
    if at > len(keyword):
        problems.append(seg.problem("transmission_id", 0, at - len(keyword), f"transmission identifier '{written}' is indented: expected it at the start of the line"))
    # a blank inside it (a tab where a drafter's editor put one): read without it
    blanks = list(_BLANKS.finditer(rest)) if " " in rest or "\t" in rest else []
    compact = _BLANKS.sub("", rest) if blanks else rest
    if keyword != "VZCZC":
        problems.append(
            seg.problem(
                "transmission_id",
                at - len(keyword),
                at,
                f"transmission identifier '{written}' starts with '{keyword}': expected VZCZC, then the channel designator and sequence number ('VZCZC{compact.upper()}')",
            )
        )
    elif not _FL1_STRICT.fullmatch(compact):
        problems.append(
            seg.problem(
                "transmission_id",
                at,
                len(seg.text),
                f"transmission identifier '{written}' is malformed: expected VZCZC, a 3-letter channel designator and a 3-4 digit sequence number (e.g. VZCZCXRO6957)",
            )
        )
    else:
        for b in blanks:
            problems.append(
                seg.problem("transmission_id", at + b.start(), at + b.end(), f"{_blank_word(b.group())} in the transmission identifier '{written}': expected none ('VZCZC{compact}')")
            )
    keep = [i for i, c in enumerate(rest) if c not in " \t"] if blanks else range(len(rest))
    channel = Text(compact[:3], seg.span(at + keep[0], at + keep[min(3, len(keep)) - 1] + 1)) if keep else None
    seq = Text(compact[3:], seg.span(at + keep[3], at + keep[-1] + 1)) if len(keep) > 3 else None
    return TransmissionId(seg.span(), channel, seq, tuple(problems))


def _blank_word(blanks: str) -> str:
    """What the run of spaces and tabs *blanks* is called in a message."""
    return "space" if "\t" not in blanks else ("tab" if " " not in blanks else "blank")


def _unindented(seg: Seg, field: str, what: str) -> tuple[Seg, Optional[Problem]]:
    """A header line indented by blanks (the line terminals take them, so that the line
    is read as what it is): the line to read, without them, and one problem at them;
    the line as it is and None when it starts at the start of the line."""
    text = seg.text
    if seg.begin or text[:1] not in (" ", "\t"):
        return seg, None
    lead = len(text) - len(text.lstrip(" \t"))
    rest = seg.sub(lead)
    return rest, seg.problem(field, 0, lead, f"{what} '{rest.text}' is indented: expected it at the start of the line")


def _in_capitals(seg: Seg, field: str, what: str) -> tuple[Seg, Problem]:
    """A down-cased line as one finding, and the line to read instead: the capitals
    it stands for, at the same positions."""
    upper = seg.text.upper()
    if len(upper) != len(seg.text):  # "ß" is "SS": keep such letters, and the positions
        upper = "".join(c.upper() if len(c.upper()) == 1 else c for c in seg.text)
    problem = seg.problem(field, 0, len(seg.text), f"{what} is not in capitals: expected '{upper}'")
    return Seg(seg.line, seg.begin, upper), problem


def read_fl2(first: Seg, more: list[Seg]) -> PrecedenceLine:
    problems: list[Problem] = []
    first, indent = _unindented(first, "precedence_line", "precedence line")
    if indent is not None:
        problems.append(indent)
    if first.text.islower():
        first, problem = _in_capitals(first, "precedence_line", "precedence line")
        problems.append(problem)
    m = _FL2.fullmatch(first.text)
    assert m is not None
    prosign = first.group(m, "fl2_prosign")
    ris: list[Text] = []
    if prosign is not None and _PROSIGN.fullmatch(prosign.text[:2]) and _RI.fullmatch(prosign.text[2:]):
        # "OORUEHBC": the prosign run into the first routing indicator, both read
        at = m.start("fl2_prosign")
        ris.append(Text(prosign.text[2:], first.span(at + 2, at + len(prosign.text))))
        problems.append(first.problem("prosign", at, at + len(prosign.text), f"precedence prosign '{prosign.text[:2]}' is run into the routing indicator '{prosign.text[2:]}': expected a space between them"))
        prosign = Text(prosign.text[:2], first.span(at, at + 2))
    elif prosign is not None and not _PROSIGN.fullmatch(prosign.text):
        problems.append(
            Problem(
                "prosign",
                prosign.span,
                f"precedence prosign '{prosign.text}' is malformed: expected ZZ, OO, PP or RR",
            )
        )
    start = m.start("fl2_ris")
    for w in _WORD.finditer(m.group("fl2_ris")):
        ris.append(Text(w.group(), first.span(start + w.start(), start + w.end())))
    for seg in more:
        seg, indent = _unindented(seg, "precedence_line", "continuation line of the precedence line")
        if indent is not None:
            problems.append(indent)
        for w in _WORD.finditer(seg.text):
            if w.group()[0] not in "Rr":
                # a continuation line holds only routing indicators (2.2): "RUEHZL 1234"
                problems.append(
                    seg.problem(
                        "precedence_line",
                        w.start(),
                        w.end(),
                        f"'{w.group()}' on a continuation line of the precedence line is not a routing indicator: expected only routing indicators there (e.g. RUEHMA RUEHPA)",
                    )
                )
                continue
            ris.append(Text(w.group(), seg.span(w.start(), w.end())))
    if not ris:
        problems.append(
            first.problem(
                "precedence_line",
                len(first.text),
                len(first.text),
                "precedence line has no routing indicators: expected the prosign followed by routing indicators (e.g. RR RUEHMA RUEHPA)",
            )
        )
    problems.extend(_ri_problems(ris, "precedence line"))
    span = first.span()
    if more:
        span = span.cover(more[-1].span())
    return PrecedenceLine(span, prosign, tuple(ris), tuple(problems))


def _describe_time(text: str) -> str:
    """What is wrong with a filing time, in the user's terms ("has 6 digits and a Z")."""
    digits = text.rstrip("Zz")
    if digits.isdigit() and (len(digits) != 7 or digits != text):
        return f"has {len(digits)} digits" + (" and a Z" if digits != text else "")
    if text.isdigit():
        return "is not a real Julian day and time"
    return "is malformed"


def read_de(seg: Seg) -> DeLine:
    seg, indent = _unindented(seg, "de_line", "DE line")
    m = _DE.fullmatch(seg.text)
    assert m is not None
    station = seg.group(m, "de_station")
    serial = seg.group(m, "de_ssn")
    part = seg.group(m, "de_part")
    time = seg.group(m, "de_time")
    problems: list[Problem] = [indent] if indent is not None else []
    shape = "expected DE <station RI> #<4-digit serial>[/<2-digit part>] <filing time DDDHHMM>"
    down_cased = m.group("de_kw") == "de"
    if down_cased:
        problems.append(seg.problem("de_line", 0, len(seg.text), f"DE line is not in capitals: expected '{seg.text.upper()}'"))
    if station is None:
        problems.append(seg.problem("de_line", 2, len(seg.text), f"DE line is incomplete: {shape}"))
    elif not (down_cased and _RI.fullmatch(station.text.upper())):
        problems.extend(_ri_problems([station], "DE line"))
    if station is not None and serial is None:
        problems.append(seg.problem("station_serial", len(seg.text), len(seg.text), f"DE line has no station serial: {shape}"))
    elif serial is not None and (not _SSN.fullmatch(serial.text) or "#" not in seg.text):
        problems.append(
            Problem("station_serial", serial.span, f"station serial '{serial.text}' is malformed: expected # and 4 digits (e.g. #0097)")
        )
    glued = part is not None and time is None and _PART.fullmatch(part.text[:2]) is not None and _FILETIME.fullmatch(part.text[2:]) is not None
    if glued:
        # "#0294/010541901": the blank between the part and the filing time lost; both read
        assert part is not None
        at = m.start("de_part")
        part, time = Text(part.text[:2], seg.span(at, at + 2)), Text(part.text[2:], seg.span(at + 2, at + len(part.text)))
        problems.append(Problem("filing_time", time.span, f"filing time '{time.text}' is run into the transmission part '/{part.text}': expected a blank between them ('/{part.text} {time.text}')"))
    elif part is not None and not _PART.fullmatch(part.text):
        problems.append(Problem("section_part", part.span, f"transmission part '/{part.text}' is malformed: expected / and 2 digits (e.g. /01)"))
    if serial is not None and time is None:
        problems.append(
            seg.problem("filing_time", len(seg.text), len(seg.text), "DE line has no filing time: expected 7 digits, Julian day and UTC hour and minute (DDDHHMM)")
        )
    elif time is not None and not _FILETIME.fullmatch(time.text):
        t = time.text
        why = None
        if len(t) == 7 and t.isdigit():
            why = impossible_day_of_year(None, int(t[:3])) or impossible_time(int(t[3:5]), int(t[5:]))
        if why is not None:
            message = f"DE line filing time '{t}' is not a real Julian day and time: {why}"
        else:
            message = f"DE line filing time '{t}' {_describe_time(t)}: expected 7 digits, the Julian day and the UTC hour and minute (DDDHHMM, e.g. 0501532)"
        problems.append(Problem("filing_time", time.span, message))
    extra = m.group("de_extra")
    if extra.strip():
        problems.append(seg.problem("de_line", m.start("de_extra"), m.end("de_extra"), f"unexpected text '{extra.strip()}' after the filing time: {shape}"))
    return DeLine(seg.span(), station, serial, part, time, tuple(problems))


def read_security(seg: Seg) -> SecurityLine:
    problems: list[Problem] = []
    seg, indent = _unindented(seg, "security_line", "security line")
    if seg.text[:2] == "zn":
        seg, problem = _in_capitals(seg, "security_line", "security line")
        problems.append(problem)
    m = _SEC.fullmatch(seg.text)
    assert m is not None
    warning = seg.group(m, "sec_warn")
    code = seg.group(m, "sec_code")
    if warning is not None and not _SECWARN.fullmatch(warning.text):
        problems.append(Problem("security_line", warning.span, f"security warning '{warning.text}' is malformed: expected ZNR or ZNY"))
    if code is None:
        problems.append(seg.problem("security_line", len(seg.text), len(seg.text), "security line has no classification code: expected UUUUU, EEEEE, CCCCC, SSSSS or TTTTT"))
    elif not _SECCODE.fullmatch(code.text):
        problems.append(Problem("security_line", code.span, f"classification code '{code.text}' is malformed: expected UUUUU, EEEEE, CCCCC, SSSSS or TTTTT"))
    elif warning is not None and warning.text in SECURITY_FOR_WARNING and code.text not in SECURITY_FOR_WARNING[warning.text]:
        allowed = " or ".join(SECURITY_FOR_WARNING[warning.text])
        other = next((w for w, codes in SECURITY_FOR_WARNING.items() if code.text in codes), None)
        instead = f", or {other} {code.text}" if other is not None else ""
        problems.append(Problem("security_line", code.span, f"'{warning.text} {code.text}' does not agree: expected {warning.text} {allowed}{instead}"))
    signals: list[Text] = []
    start = m.start("sec_rest")
    rest = m.group("sec_rest")
    for w in _WORD.finditer(rest):
        word = w.group()
        if _OPSIG.fullmatch(word):
            signals.append(Text(word, seg.span(start + w.start(), start + w.end())))
            continue
        if word.startswith("(") or signals:
            break  # a parenthesised tag or relay data after an operating signal
        problems.append(
            seg.problem("security_line", start + w.start(), start + w.end(), f"unexpected '{word}' on the security line: expected Z operating signals such as ZZH")
        )
        break
    if code is not None and not any(signal.text == "ZZH" for signal in signals) and not any(p.field == "security_line" for p in problems):
        # every real FL4 carries ZZH: a required constant (cable-format.md 2.4, 6.1)
        shown = f"{warning.text} {code.text} ZZH" if warning is not None else f"{code.text} ZZH"
        problems.append(seg.problem("security_line", start, start, f"security line has no ZZH: expected it after the classification code ('{shown}')"))
    if indent is not None:  # (after the ZZH check, which the line's other problems stop)
        problems.insert(0, indent)
    return SecurityLine(seg.span(), warning, code, tuple(signals), tuple(problems))


def _year4(two_or_four: str) -> int:
    y = int(two_or_four)
    if len(two_or_four) == 2:
        y += 1900 if y >= 50 else 2000
    return y


def read_dtg(seg: Seg) -> DtgLine:
    seg, indent = _unindented(seg, "dtg", "precedence and date-time group line")
    digits = _DTG_DIGITS.fullmatch(seg.text)
    if digits is not None:
        line = _dtg_digits(seg, digits)
        return line if indent is None else replace(line, problems=(indent, *line.problems))
    m = _DTG.fullmatch(seg.text)
    assert m is not None
    prec = seg.group(m, "dtg_prec")
    prec2 = seg.group(m, "dtg_prec2")
    dtg = seg.group(m, "dtg")
    problems: list[Problem] = [indent] if indent is not None else []
    shape = "expected <precedence letter> DDHHMMZ MON YY (e.g. P 191532Z FEB 09)"
    # a down-cased line is one finding, not one for each letter
    down_cased = prec is not None and prec.text.islower() and seg.text != seg.text.upper()
    if down_cased:
        problems.append(seg.problem("dtg", 0, len(seg.text), f"the precedence and date-time group line is not in capitals: expected '{seg.text.upper()}'"))
    for p in (prec, prec2):
        if p is None or p.text in "ZOPR":
            continue
        if p.text.upper() not in "ZOPR":
            problems.append(Problem("dtg", p.span, f"precedence letter '{p.text}' is unknown: expected Z (FLASH), O (IMMEDIATE), P (PRIORITY) or R (ROUTINE)"))
        elif not down_cased:
            problems.append(Problem("dtg", p.span, f"precedence letter '{p.text}' is not in capitals: expected {p.text.upper()}"))
    if m.group("dtg_doubled") is not None:
        letter, second = m.group("dtg_prec"), m.group("dtg_doubled")
        if second == letter:
            why = f"precedence '{letter * 2}' is the prosign's doubled letter: expected one letter, {letter}, before the date-time group"
        else:  # "OR 030520Z": the action and information letters with the blank between them lost
            why = f"precedence '{letter}{second}' has its two letters run together: expected '{letter} {second}' (action and information precedence)"
        problems.append(seg.problem("dtg", m.start("dtg_prec"), m.end("dtg_doubled"), why))
    zulu = m.group("dtg_z")
    time = f"{m.group('dtg_day')}{m.group('dtg_hour')}{m.group('dtg_min')}"
    if zulu == "":
        problems.append(seg.problem("dtg", m.start("dtg_day"), m.end("dtg_min"), f"time '{time}' has no Z after it: expected {time}Z (the time is UTC)"))
    elif zulu == "z" and not down_cased:
        problems.append(seg.problem("dtg", m.start("dtg_z"), m.end("dtg_z"), f"the Z after the time is not in capitals: expected {time}Z"))
    mon = m.group("dtg_mon")
    year = m.group("dtg_year")
    when: Optional[datetime] = None
    if mon is not None and mon != mon.upper() and _MONTH.fullmatch(mon.upper()):
        if not down_cased:
            problems.append(seg.problem("dtg", m.start("dtg_mon"), m.end("dtg_mon"), f"month '{mon}' is not in capitals: expected {mon.upper()}"))
        mon = mon.upper()  # the date is still read
    if mon is None or year is None:
        problems.append(seg.problem("dtg", m.start("dtg"), m.end("dtg"), f"date-time group '{m.group('dtg')}' is incomplete: {shape}"))
    elif not _MONTH.fullmatch(mon):
        problems.append(seg.problem("dtg", m.start("dtg_mon"), m.end("dtg_mon"), f"month '{mon}' is malformed: expected JAN, FEB, ... DEC in capitals"))
    elif len(year) not in (2, 4):
        problems.append(seg.problem("dtg", m.start("dtg_year"), m.end("dtg_year"), f"year '{year}' is malformed: expected 2 digits (or 4)"))
    else:
        try:
            when = datetime(
                _year4(year),
                MONTHS.index(mon) + 1,
                int(m.group("dtg_day")),
                int(m.group("dtg_hour")),
                int(m.group("dtg_min")),
                tzinfo=timezone.utc,
            )
        except ValueError:
            impossible = impossible_date(_year4(year), MONTHS.index(mon) + 1, int(m.group("dtg_day"))) or impossible_time(
                int(m.group("dtg_hour")), int(m.group("dtg_min"))
            )
            problems.append(seg.problem("dtg", m.start("dtg"), m.end("dtg"), f"date-time group '{m.group('dtg')}' is not a real date and time: {impossible or shape}"))
    extra = m.group("dtg_extra")
    if extra.strip() and not _DTG_EXTRA.fullmatch(extra):
        problems.append(seg.problem("dtg", m.start("dtg_extra"), m.end("dtg_extra"), f"unexpected '{extra.strip()}' after the date-time group: {shape}"))
    return DtgLine(seg.span(), prec, prec2, dtg, when, tuple(problems))


def _dtg_digits(seg: Seg, m: re.Match[str]) -> DtgLine:
    """A DTG line whose date-time group has a digit lost or one too many: its
    precedence is read, its date is not."""
    digits = m.group("dtd_digits")
    problem = seg.problem(
        "dtg",
        m.start("dtd_digits"),
        m.end("dtd_digits") + 1,
        f"date-time group '{digits}Z' has {len(digits)} digits before the Z: expected 6, the day, hour and minute (DDHHMMZ, e.g. 191532Z)",
    )
    return DtgLine(seg.span(), seg.group(m, "dtd_prec"), seg.group(m, "dtd_prec2"), seg.group(m, "dtd_dtg"), None, (problem,))


def _edit_distance_le2(a: str, b: str, budget: int = 2) -> bool:
    """Whether *a* and *b* differ by at most two insertions, deletions or changes."""
    # Skip the common start, then try each edit at the first difference: at most
    # 3**budget branches, instead of a full table for every pair of words.
    if abs(len(a) - len(b)) > budget:
        return False
    i = 0
    n = min(len(a), len(b))
    while i < n and a[i] == b[i]:
        i += 1
    a, b = a[i:], b[i:]
    if not a or not b:
        return True  # what is left is the length difference, within budget
    if budget == 0:
        return False  # they differ at their first character
    return (
        _edit_distance_le2(a[1:], b[1:], budget - 1)
        or _edit_distance_le2(a[1:], b, budget - 1)
        or _edit_distance_le2(a, b[1:], budget - 1)
    )


@lru_cache(maxsize=4096)
def _precedence_slips(word: str) -> tuple[str, ...]:
    """The one-word precedence words *word* is at most two edits from (every
    addressee's last word is asked: cached)."""
    return tuple(w for w in PRECEDENCE_WORDS if " " not in w and _edit_distance_le2(word, w))


@lru_cache(maxsize=4096)
def _prefix_slip(word: str) -> Optional[str]:
    """The PLAD prefix *word* misspells ('AMEMBASY': AMEMBASSY), or None (every
    addressee's first word is asked: cached)."""
    if len(word) < 6 or word in PLAD_PREFIXES:
        return None
    close = [p for p in PLAD_PREFIXES if _edit_distance_le2(word, p)]
    return close[0] if len(close) == 1 else None


def _glued_serial(word: str) -> Optional[tuple[str, str]]:
    """The precedence word and serial run together in *word* ('PRIORITY0842'), or None."""
    for prec in _ONE_WORD_PRECEDENCE:
        if word.startswith(prec) and word[len(prec) :].isdigit():
            return prec, word[len(prec) :]
    return None


def _closest_precedence(word: str) -> str:
    """The precedence word *word* is a slip for ('PRIOITY': PRIORITY), or the list."""
    close = _precedence_slips(word)
    return close[0] if len(close) == 1 else "FLASH, IMMEDIATE, PRIORITY or ROUTINE"


def _near_precedence(word: str) -> bool:
    """Is *word* (5 letters or more) a precedence word misspelt by at most two edits?"""
    return bool(_precedence_slips(word))


def continuation_keyword(text: str) -> Optional[str]:
    """The keyword of an address line standing where a continuation line of a block
    is ("TO RUEKJCS/SECDEF WASHDC" under the TO or INFO block, "FM AMEMBASSY BAMAKO"
    under the TO line), or None."""
    if not text.lstrip().startswith(("TO ", "INFO ", "XMT ", "FM ", "TO\t", "INFO\t", "XMT\t", "FM\t")):
        return None  # (most continuation lines: an addressee)
    m = _ADDR_LINE.fullmatch(text.strip())
    if m is None:
        return None
    keyword, rest = m.group("addr_kw", "addr_rest")
    if keyword == "FM":
        # the originator's PLAD, which has no routing indicator
        plad = _ADDRESSEE.fullmatch(rest.strip())
        return keyword if plad is not None and plad.group("addr_ri") is None else None
    if keyword == "XMT":
        # XMT names posts by PLAD alone, without routing indicators (2.6)
        return keyword if _ADDRESSEE.fullmatch(rest.strip()) is not None else None
    if keyword not in ("TO", "INFO") or "/" not in rest:
        return None
    return keyword


def page_header_in_address(text: str) -> bool:
    """Is the address line *text* a printed copy's page header ("TO PAGE 02 STATE
    015113 182333Z"), which holds no addressee (2.6, 4.6)?"""
    return "PAGE" in text and _ADDR_PAGE_HEADER.fullmatch(text.strip()) is not None


def second_addressees(text: str, keyword: bool) -> list[tuple[int, int]]:
    """Where further addressees run on into the address line *text* ("RUEHC/SECSTATE
    WASHDC 0233 RUEHOU/AMEMBASSY OUAGADOUGOU 0198"): for each, the end of the address
    before it and its own start; *keyword*: *text* starts with its keyword."""
    if "//" in text or _SECOND.search(text, 1) is None:
        # (office codes between double slashes hold slashes of their own; and the search
        # from 1 finds whatever the one below finds, from further on)
        return []
    start = len(text) - len(text.lstrip(" \t"))  # (an indented line)
    if keyword:
        m = _ADDR_LINE.fullmatch(text, start)
        start = m.start("addr_rest") if m is not None else len(text)
    while start < len(text) and text[start] == " ":
        start += 1
    return [(m.start(), m.start("second_ri")) for m in _SECOND.finditer(text, start + 1)]


def joined_line(text: str) -> Optional[tuple[int, int]]:
    """Where a TO, INFO or XMT line run on into the address line *text* starts ("TO
    RUEHC/SECSTATE WASHDC 0412 INFO RUEHZK/ECOWAS COLLECTIVE"): the end of the address
    before it and the start of its keyword; None when there is none."""
    m = _JOINED.search(text, len(text) - len(text.lstrip(" \t")))  # (past an indent, which is no run-on)
    if m is None or not text[: m.start()].strip():
        return None
    return m.start(), m.start("joined_kw")


def read_addressee(seg: Seg, role: str, keyword: bool) -> Addressee:
    problems: list[Problem] = []
    seg, indent = _unindented(seg, "address_indent", f"{role} line" if keyword else "address line")
    if indent is not None:
        problems.append(indent)
    text = seg.text
    at = 0  # where the address starts in the segment
    if keyword:
        m = _ADDR_LINE.fullmatch(text)
        at = m.start("addr_rest") if m is not None else len(text)  # else "FM" alone
        written_kw = m.group("addr_kw") if m is not None else None
        slip = _ADDR_SLIP.fullmatch(text) if m is None else None
        lost = _ADDRESSEE.fullmatch(text) if m is None and slip is None else None
        if lost is not None and any(lost.group(g) is not None for g in ("addr_ri", "addr_prec", "addr_serial")):
            # the keyword lost ("RUEHC/SECSTATE WASHDC 3577" where the TO line stands):
            # named at the routing indicator, or the address's first word
            at = 0
            first_word = lost.group("addr_ri") or text.split(None, 1)[0]
            problems.append(seg.problem("addressee", 0, len(first_word), f"address line '{text.strip()}' has no keyword: expected '{role} {text.strip()}'"))
        elif slip is not None:
            # the line terminal took it for its keyword misspelt ("INF0 RUEHNO/...")
            at = slip.start("slip_rest")
            problems.append(seg.problem("addressee", 0, slip.end("slip_kw"), f"'{slip.group('slip_kw')}' is misspelt: expected the keyword {role}"))
        elif written_kw == "FROM":
            problems.append(seg.problem("addressee", 0, 4, "'FROM' is written out: expected the FM line's keyword, FM"))
        elif written_kw is not None and written_kw.islower():
            seg, problem = _in_capitals(seg, "addressee", "address line")
            problems.append(problem)
            text = seg.text
    while at < len(text) and text[at].isspace():
        at += 1
    # ADDRESSEE looks neither behind nor before its start: matching from *at* reads
    # text[at:] with positions in the segment
    m = _ADDRESSEE.fullmatch(text, at) if at < len(text) else None
    slash = text.find("/", at)
    if m is None and slash > at and text[slash : slash + 2] == "//" and _RI.fullmatch(text[at:slash]):
        # "RUEHZL//EUROPEAN POLITICAL COLLECTIVE": read on after the doubled slash
        m = _ADDRESSEE.fullmatch(text, slash + 2) if slash + 2 < len(text) else None
        if m is not None and m.group("addr_ri") is None:
            problems.append(
                seg.problem("addressee", slash, slash + 2, f"'//' after the routing indicator '{text[at:slash]}': expected one '/' ('{text[at:slash]}/{text[slash + 2 :]}')")
            )
            return _addressee_of(seg, m, role, Text(text[at:slash], seg.span(at, slash)), problems)
        m = None
    if m is not None and m.group("addr_ri") is None and slash > at and (text[slash - 1] in " \t" or text[slash + 1 : slash + 2] in (" ", "\t")):
        # "RUEHDK /AMEMBASSY DAKAR", "RUEHDK/ AMEMBASSY DAKAR": a blank before or after
        # the slash; the routing indicator before it and the address after it are read
        blanked = _blanked_slash(seg, text, at, slash)
        if blanked is not None:
            problems.append(blanked[1])
            return _addressee_of(seg, blanked[0], role, blanked[2], problems)
    if m is None and slash > at and text[at:slash].isalnum() and not text[at:slash].isupper():
        # a routing indicator not in capitals ("ruehc/SECSTATE WASHDC"): R006 says so,
        # and the address is read with it in capitals
        lowered = Text(text[at:slash], seg.span(at, slash))
        capitals = text[:at] + text[at:slash].upper() + text[slash:]
        m = _ADDRESSEE.fullmatch(capitals, at)
        if m is not None:
            problems.extend(_ri_problems([lowered], "address line"))
            text, seg = capitals, Seg(seg.line, seg.begin, capitals)
    if m is None:
        body = seg.sub(at)
        problems.append(_unreadable(body, role))
        return Addressee(seg.span(), role, None, Text(body.text, body.span()) if body.text else None, None, None, tuple(problems))
    ri = seg.group(m, "addr_ri")
    if ri is not None and ri.text != "ZEN":
        problems.extend(_ri_problems([ri], "address line"))
    return _addressee_of(seg, m, role, ri, problems)


def _blanked_slash(seg: Seg, text: str, at: int, slash: int) -> Optional[tuple[re.Match[str], Problem, Text]]:
    """An address whose routing indicator's slash has a blank before or after it (or
    both), read as written without them: the address after the slash, the problem
    (at the blanks) and the routing indicator; None when the words around the slash
    are not a routing indicator and an address."""
    ri_end = slash
    while ri_end > at and text[ri_end - 1] in " \t":
        ri_end -= 1
    after = slash + 1
    while after < len(text) and text[after] in " \t":
        after += 1
    if not _RI.fullmatch(text, at, ri_end):
        return None
    rest = _ADDRESSEE.fullmatch(text, after) if after < len(text) else None
    if rest is None or rest.group("addr_ri") is not None:
        return None
    ri = Text(text[at:ri_end], seg.span(at, ri_end))
    blank = _blank_word(text[ri_end:slash] + text[slash + 1 : after])
    written = f"'{ri.text}/{text[after:]}'"
    if ri_end == slash:
        problem = seg.problem("addressee", slash + 1, after, f"{blank} after the '/' of the routing indicator '{ri.text}': expected the address right after the slash ({written})")
    elif after == slash + 1:
        problem = seg.problem("addressee", ri_end, slash, f"{blank} before the '/' of the routing indicator '{ri.text}': expected the slash right after it ({written})")
    else:
        problem = seg.problem("addressee", ri_end, after, f"{blank}s around the '/' of the routing indicator '{ri.text}': expected none ({written})")
    return rest, problem, ri


def _unreadable(body: Seg, role: str) -> Problem:
    """An address the ADDRESSEE pattern does not fit, said in the drafter's terms: the
    first character an address cannot hold, or else the whole address."""
    example = "AMEMBASSY BAMAKO" if role == "FM" else "RUEHC/SECSTATE WASHDC PRIORITY 0412"
    if not body.text:
        return body.problem("addressee", 0, 0, f"{role} line has no address: expected one after {role} (e.g. {role} {example})")
    if body.text != body.text.upper() and _ADDRESSEE.fullmatch(body.text.upper()):
        return body.problem("addressee", 0, len(body.text), f"address '{body.text}' is not in capitals: expected '{body.text.upper()}'")
    odd = next((i for i, c in enumerate(body.text) if not (c.isupper() or c.isdigit() or c in _ADDRESS_CHARS)), None)
    if odd is not None:
        return body.problem(
            "addressee", odd, odd + 1, f"unexpected '{body.text[odd]}' in the address '{body.text}': expected only capitals, digits, spaces and . & ' ( ) , - /"
        )
    return body.problem(
        "addressee",
        0,
        len(body.text),
        f"address '{body.text}' cannot be read: expected the routing indicator and '/', the address, then the precedence word and the 4-digit serial where there are any (e.g. {example})",
    )


def _serial_problem(serial: Text) -> Problem:
    """Why an addressee serial is not 4 digits (or a range of two such)."""
    ends = serial.text.split("-")
    wrong = next((e for e in ends if len(e) != 4), ends[0])
    if len(ends) == 2:
        why = f"addressee serial range '{serial.text}' has {len(wrong)} digits in '{wrong}': expected 4 at each end (e.g. 0412-0414)"
    elif len(wrong) < 4:
        why = f"addressee serial '{wrong}' has {len(wrong)} digits: expected 4 ({wrong.zfill(4)})"
    else:
        why = f"addressee serial '{wrong}' has {len(wrong)} digits: expected 4"
    return Problem("addressee", serial.span, why)


def _first_word(text: str) -> str:
    """The first word of an address, up to a space or a tab."""
    return _BLANK.split(text, 1)[0] if "\t" in text else text.split(" ", 1)[0]


def _last_word(text: str) -> str:
    """The last word of an address, after its last space or tab."""
    return text[max(text.rfind(" "), text.rfind("\t")) + 1 :]


def _addressee_of(seg: Seg, m: re.Match[str], role: str, ri: Optional[Text], problems: list[Problem]) -> Addressee:
    """The addressee ADDRESSEE read from *seg* (its routing indicator *ri* already
    checked), with what is wrong with its parts."""
    plad = seg.group(m, "addr_plad")
    prec = seg.group(m, "addr_prec")
    serial = seg.group(m, "addr_serial")
    if serial is not None and not _ADDR_SERIAL.fullmatch(serial.text):
        problems.append(_serial_problem(serial))
    if plad is not None and prec is None:
        words = _BLANK.split(plad.text) if "\t" in plad.text else plad.text.split(" ")
        inside = -1
        if any(map(plad.text.__contains__, _ONE_WORD_PRECEDENCE)):  # (most addresses hold none)
            inside = max((i for i, w in enumerate(words[:-1]) if w in PRECEDENCE_WORDS), default=-1)
        if inside > 0:
            # "WASHDC IMMEDIATE 2716 2716": what follows the precedence word kept it in
            # the address; the address and the precedence word are read without it
            begin = m.start("addr_plad")
            col = len(" ".join(words[: inside + 1])) + 1
            tail = plad.text[col:]
            if serial is not None and tail == serial.text:
                message = f"serial '{tail}' is written twice: expected it once, after the precedence word"
            else:
                message = f"unexpected '{tail}' after the precedence word {words[inside]}: expected only the 4-digit serial after it"
            problems.append(seg.problem("addressee", begin + col, m.end("addr_plad"), message))
            lead = inside - 1 if inside > 1 and words[inside - 1 : inside + 1] == ["NIACT", "IMMEDIATE"] else inside
            word = len(" ".join(words[:lead]))
            prec = Text(" ".join(words[lead : inside + 1]), seg.span(begin + word + 1, begin + col - 1))
            plad = Text(plad.text[:word], seg.span(begin, begin + word))
        elif serial is not None and len(words) > 1 and words[-1] == serial.text:
            col = len(plad.text) - len(words[-1])
            problems.append(seg.problem("addressee", m.start("addr_plad") + col, m.end("addr_plad"), f"serial '{serial.text}' is written twice: expected it once"))
            plad = Text(plad.text[: col - 1], seg.span(m.start("addr_plad"), m.start("addr_plad") + col - 1))
    if plad is not None and plad.text in _NAMING_PREFIXES:
        # "RUEHFR/AMEMBASSY" and "PARIS PRIORITY 3375" under it: the line broken after the prefix
        problems.append(Problem("addressee", plad.span, f"address '{plad.text}' names no post: expected the post after it on the same line (e.g. {plad.text} BAMAKO)"))
    if plad is not None and prec is None:
        glued = _glued_serial(_last_word(plad.text))
        if glued is not None:
            begin = m.end("addr_plad") - len(glued[0]) - len(glued[1])
            problems.append(
                seg.problem("addressee", begin, m.end("addr_plad"), f"serial '{glued[1]}' is run into the precedence word: expected '{glued[0]} {glued[1]}'")
            )
    if plad is not None and serial is None and " " in plad.text and _ADDR_LETTERED.fullmatch(_last_word(plad.text)):
        # "AMEMBASSY SANTIAGO OOO3": the serial typed with letters for digits
        written = _last_word(plad.text)
        begin = m.end("addr_plad") - len(written)
        meant = written.translate(str.maketrans("OIl", "011"))
        problems.append(seg.problem("addressee", begin, m.end("addr_plad"), f"serial '{written}' has letters for digits: expected {meant}"))
    if plad is not None:
        first = _first_word(plad.text)
        prefix = _prefix_slip(first)
        if prefix is not None:
            begin = m.start("addr_plad")
            problems.append(seg.problem("addressee", begin, begin + len(first), f"'{first}' is misspelt: expected {prefix}"))
    if plad is not None and ri is None and role != "FM":
        first = _first_word(plad.text)
        if first != plad.text and first[:4] in _RI_PREFIXES and _RI.fullmatch(first):
            # "RUEHC SECSTATE WASHDC": the indicator lost its slash into the address
            problems.append(
                seg.problem(
                    "addressee",
                    m.start("addr_plad"),
                    m.start("addr_plad") + len(first),
                    f"routing indicator '{first}' has no '/' after it: expected '{first}/{plad.text[len(first) + 1 :]}'",
                )
            )
    if plad is not None and prec is not None:
        last = _last_word(plad.text)
        if last in PRECEDENCE_WORDS:  # ("IMMEDIATE" of "NIACT IMMEDIATE" too)
            col = len(plad.text) - len(last)
            problems.append(
                seg.problem("addressee", m.start("addr_plad") + col, m.end("addr_plad"), f"precedence '{last}' is written twice: expected one precedence word")
            )
    if plad is not None and prec is None:
        last = _last_word(plad.text)
        if last == "NIACT" and last != plad.text:
            # "NIACT" alone: the IMMEDIATE of NIACT IMMEDIATE dropped
            col = len(plad.text) - len(last)
            problems.append(seg.problem("addressee", m.start("addr_plad") + col, m.end("addr_plad"), "'NIACT' is not a precedence word alone: expected NIACT IMMEDIATE"))
        elif len(last) >= 5 and _near_precedence(last):
            col = len(plad.text) - len(last)
            problems.append(
                seg.problem(
                    "addressee",
                    m.start("addr_plad") + col,
                    m.end("addr_plad"),
                    f"'{last}' is not a precedence word: expected {_closest_precedence(last)}",
                )
            )
    return Addressee(seg.span(), role, ri, plad, prec, serial, tuple(problems))
