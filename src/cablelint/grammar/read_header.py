"""Readers for the routing header's lines (FL1-FL5: transmission identifier, precedence
line, DE line, security line, date-time group), and the line helpers the address
block's readers (read_address) share with them."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone
from typing import Optional

from cablelint.grammar.dates import impossible_date, impossible_day_of_year, impossible_time
from cablelint.grammar.patterns import field
from cablelint.grammar.segment import Seg
from cablelint.model import (
    SECURITY_FOR_WARNING,
    DeLine,
    DtgLine,
    PrecedenceLine,
    Problem,
    SecurityLine,
    Text,
    TransmissionId,
)

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")

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
_WORD = re.compile(r"\S+")
_BLANKS = re.compile(r"[ \t]+")


def ri_problems(items: list[Text], where: str) -> list[Problem]:
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
                seg.problem("transmission_id", at + b.start(), at + b.end(), f"{blank_word(b.group())} in the transmission identifier '{written}': expected none ('VZCZC{compact}')")
            )
    keep = [i for i, c in enumerate(rest) if c not in " \t"] if blanks else range(len(rest))
    channel = Text(compact[:3], seg.span(at + keep[0], at + keep[min(3, len(keep)) - 1] + 1)) if keep else None
    seq = Text(compact[3:], seg.span(at + keep[3], at + keep[-1] + 1)) if len(keep) > 3 else None
    return TransmissionId(seg.span(), channel, seq, tuple(problems))


def blank_word(blanks: str) -> str:
    """What the run of spaces and tabs *blanks* is called in a message."""
    return "space" if "\t" not in blanks else ("tab" if " " not in blanks else "blank")


def unindented(seg: Seg, field: str, what: str) -> tuple[Seg, Optional[Problem]]:
    """A header line indented by blanks (the line terminals take them, so that the line
    is read as what it is): the line to read, without them, and one problem at them;
    the line as it is and None when it starts at the start of the line."""
    text = seg.text
    if seg.begin or text[:1] not in (" ", "\t"):
        return seg, None
    lead = len(text) - len(text.lstrip(" \t"))
    rest = seg.sub(lead)
    return rest, seg.problem(field, 0, lead, f"{what} '{rest.text}' is indented: expected it at the start of the line")


def in_capitals(seg: Seg, field: str, what: str) -> tuple[Seg, Problem]:
    """A down-cased line as one finding, and the line to read instead: the capitals
    it stands for, at the same positions."""
    upper = seg.text.upper()
    if len(upper) != len(seg.text):  # "ß" is "SS": keep such letters, and the positions
        upper = "".join(c.upper() if len(c.upper()) == 1 else c for c in seg.text)
    problem = seg.problem(field, 0, len(seg.text), f"{what} is not in capitals: expected '{upper}'")
    return Seg(seg.line, seg.begin, upper), problem


def read_fl2(first: Seg, more: list[Seg]) -> PrecedenceLine:
    problems: list[Problem] = []
    first, indent = unindented(first, "precedence_line", "precedence line")
    if indent is not None:
        problems.append(indent)
    if first.text.islower():
        first, problem = in_capitals(first, "precedence_line", "precedence line")
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
        seg, indent = unindented(seg, "precedence_line", "continuation line of the precedence line")
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
    problems.extend(ri_problems(ris, "precedence line"))
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


def _shifted_de(seg: Seg, m: re.Match[str]) -> Optional[Problem]:
    """The one problem of a DE line whose fields a single slip shifted, or None.

    A stray word between the station and ``#<serial>`` (a split or doubled RI) leaves
    the serial and part in the filing time's place and the filing time after them; a
    blank inside the filing time leaves its digits in two words. Each is one finding,
    and the shifted fields are not read (they are not where the line puts them).
    """
    extra = m.group("de_extra").split()
    time, serial = m.group("de_time"), m.group("de_ssn")
    if len(extra) != 1 or time is None or serial is None:
        return None
    ssn_part = time[1:].split("/", 1) if time.startswith("#") else None
    if (
        ssn_part is not None
        and m.group("de_part") is None
        and _SSN.fullmatch(ssn_part[0])
        and (len(ssn_part) == 1 or _PART.fullmatch(ssn_part[1]))
        and _FILETIME.fullmatch(extra[0])
    ):
        begin, end = m.span("de_station")[0], m.span("de_ssn")[1]
        words = seg.text[begin:end]
        return seg.problem(
            "de_line",
            begin,
            end,
            f"DE line has '{words}' where the station RI stands: expected one routing indicator, then #<4-digit serial> (DE <station RI> #<serial>[/<part>] <filing time DDDHHMM>)",
        )
    if _SSN.fullmatch(serial) and _FILETIME.fullmatch(time + extra[0]):
        begin, end = m.start("de_time"), len(seg.text.rstrip())
        return seg.problem(
            "filing_time",
            begin,
            end,
            f"DE line filing time '{seg.text[begin:end]}' is split by a blank: expected 7 digits without a blank ('{time}{extra[0]}')",
        )
    return None


def read_de(seg: Seg) -> DeLine:
    seg, indent = unindented(seg, "de_line", "DE line")
    m = _DE.fullmatch(seg.text)
    assert m is not None
    station = seg.group(m, "de_station")
    serial = seg.group(m, "de_ssn")
    part = seg.group(m, "de_part")
    time = seg.group(m, "de_time")
    problems: list[Problem] = [indent] if indent is not None else []
    shape = "expected DE <station RI> #<4-digit serial>[/<2-digit part>] <filing time DDDHHMM>"
    extra = m.group("de_extra")
    shifted = _shifted_de(seg, m)
    if shifted is not None:
        # one slip, one finding: a stray word before the serial ("DE RUEHUJ A #0215/01
        # 0571637") or a filing time split by a blank ("#0140/01 020 1040") shifts the
        # fields after it; every one of them would otherwise be reported as malformed
        problems.append(shifted)
        if shifted.field == "de_line":
            return DeLine(seg.span(), station, None, None, None, tuple(problems))
        time, extra = None, ""  # the split filing time: not read
    down_cased = m.group("de_kw") == "de"
    if down_cased:
        problems.append(seg.problem("de_line", 0, len(seg.text), f"DE line is not in capitals: expected '{seg.text.upper()}'"))
    if station is None:
        problems.append(seg.problem("de_line", 2, len(seg.text), f"DE line is incomplete: {shape}"))
    elif not (down_cased and _RI.fullmatch(station.text.upper())):
        problems.extend(ri_problems([station], "DE line"))
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
    if serial is not None and time is None and shifted is None:
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
    if extra.strip():
        problems.append(seg.problem("de_line", m.start("de_extra"), m.end("de_extra"), f"unexpected text '{extra.strip()}' after the filing time: {shape}"))
    return DeLine(seg.span(), station, serial, part, time, tuple(problems))


def read_security(seg: Seg) -> SecurityLine:
    problems: list[Problem] = []
    seg, indent = unindented(seg, "security_line", "security line")
    if seg.text[:2] == "zn":
        seg, problem = in_capitals(seg, "security_line", "security line")
        problems.append(problem)
    m = _SEC.fullmatch(seg.text)
    assert m is not None
    warning = seg.group(m, "sec_warn")
    code = seg.group(m, "sec_code")
    if warning is not None and not _SECWARN.fullmatch(warning.text):
        problems.append(Problem("security_line", warning.span, f"security warning '{warning.text}' is malformed: expected ZNR or ZNY"))
    elif warning is not None and code is not None and code.span.start == warning.span.end:  # "ZNYCCCCC"
        problems.append(Problem("security_line", warning.span.cover(code.span), f"'{warning.text}{code.text}' has no space between the security warning and the classification code: expected '{warning.text} {code.text}'"))
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
    seg, indent = unindented(seg, "dtg", "precedence and date-time group line")
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
    if not m.group("dtg_gap"):  # "P241125Z JAN 10": the blank after the precedence lost
        head, cut = seg.text[m.start("dtg_prec") : m.end("dtg_z")], m.start("dtg") - m.start("dtg_prec")
        problems.append(seg.problem("dtg", m.start("dtg_prec"), m.end("dtg_z"), f"'{head}' has no space between the precedence and the date-time group: expected '{head[:cut]} {head[cut:]}'"))
    zulu = m.group("dtg_z")
    time = f"{m.group('dtg_day')}{m.group('dtg_hour')}{m.group('dtg_min')}"
    mon, year, extra = m.group("dtg_mon"), m.group("dtg_year"), m.group("dtg_extra")
    mon_at, year_at, extra_at, dtg_end = m.span("dtg_mon"), m.span("dtg_year"), m.span("dtg_extra"), m.end("dtg")
    words = extra.split()
    if zulu == "" and mon in ("Z", "z") and year is None and len(words) == 2 and _MONTH.fullmatch(words[0].upper()) and words[1].isdigit():
        # "072019 Z APR 06": a blank before the Z, which is read as the month, and the
        # month and year after it as extra text; one finding, the date read
        problems.append(seg.problem("dtg", m.start("dtg_day"), m.end("dtg_mon"), f"time '{time}' has a blank before its Z: expected {time}Z"))
        mon, year = words
        mon_at = (seg.text.index(mon, extra_at[0]), seg.text.index(mon, extra_at[0]) + len(mon))
        year_at = (seg.text.index(year, mon_at[1]), seg.text.index(year, mon_at[1]) + len(year))
        extra, extra_at, dtg_end, zulu = seg.text[year_at[1] :], (year_at[1], len(seg.text)), year_at[1], "Z"
        dtg = Text(seg.text[m.start("dtg") : dtg_end], seg.span(m.start("dtg"), dtg_end))
    if zulu == "":
        problems.append(seg.problem("dtg", m.start("dtg_day"), m.end("dtg_min"), f"time '{time}' has no Z after it: expected {time}Z (the time is UTC)"))
    elif zulu == "z" and not down_cased:
        problems.append(seg.problem("dtg", m.start("dtg_z"), m.end("dtg_z"), f"the Z after the time is not in capitals: expected {time}Z"))
    when: Optional[datetime] = None
    if mon is not None and mon != mon.upper() and _MONTH.fullmatch(mon.upper()):
        if not down_cased:
            problems.append(seg.problem("dtg", mon_at[0], mon_at[1], f"month '{mon}' is not in capitals: expected {mon.upper()}"))
        mon = mon.upper()  # the date is still read
    if mon is None or year is None:
        problems.append(seg.problem("dtg", m.start("dtg"), m.end("dtg"), f"date-time group '{m.group('dtg')}' is incomplete: {shape}"))
    elif not _MONTH.fullmatch(mon):
        problems.append(seg.problem("dtg", mon_at[0], mon_at[1], f"month '{mon}' is malformed: expected JAN, FEB, ... DEC in capitals"))
    elif len(year) not in (2, 4):
        problems.append(seg.problem("dtg", year_at[0], year_at[1], f"year '{year}' is malformed: expected 2 digits (or 4)"))
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
            problems.append(seg.problem("dtg", m.start("dtg"), dtg_end, f"date-time group '{dtg.text if dtg else ''}' is not a real date and time: {impossible or shape}"))
    if extra.strip() and not _DTG_EXTRA.fullmatch(extra):
        problems.append(seg.problem("dtg", extra_at[0], extra_at[1], f"unexpected '{extra.strip()}' after the date-time group: {shape}"))
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
