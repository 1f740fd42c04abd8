"""The reader of the routing header's date-time group line (FL5): the precedence
letters and the date-time group read as a UTC date, with the slips a drafter makes in
them (a digit lost, a blank before the Z, the letters run together)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone
from typing import Optional

from cablelint.grammar.dates import impossible_date, impossible_time
from cablelint.grammar.patterns import field
from cablelint.grammar.read_header import blank_word, unindented
from cablelint.grammar.segment import Seg
from cablelint.model import ZERO_PRECEDENCE, DtgLine, PrecedenceLine, Problem, Text
from cablelint.compiled import regex
from cablelint.numbers import cable_int
from cablelint.quote import clip, plural

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")

_DTG = field("DTG_SHAPE")
_DTG_DIGITS = field("DTG_DIGITS")
_MONTH = field("MONTH")
# a blank inside the six digits ("O 14 1530Z MAR 08"): cable.lark's DTG_LINE takes it
_SPLIT = regex(r"[ZOPR](?:[ \t][ZOPR])?[ \t]+(?P<head>\d{1,5})(?P<blank>[ \t])(?P<tail>\d{1,5})[Zz][ \t]")


def _year4(two_or_four: str) -> int:
    y = cable_int(two_or_four)
    if len(two_or_four) == 2:
        y += 1900 if y >= 50 else 2000
    return y


def _slips(seg: Seg) -> tuple[Seg, list[Problem]]:
    """A zero typed for the precedence letter, and a blank inside the date-time
    group: one finding each, and the line to read without them (positions kept; the
    zero read as a letter only to read the group: which letter it is, is not known)."""
    problems = []
    if _zero_for_letter(seg):  # "0 141530Z MAR 08"
        problems.append(replace(seg.problem("dtg", 0, 1, _ZERO_LETTER), kind=ZERO_PRECEDENCE))
        seg = Seg(seg.line, seg.begin, "O" + seg.text[1:])
    m = _SPLIT.match(seg.text)
    if m is not None and len(m.group("head")) + len(m.group("tail")) == 6:
        at = m.start("blank")
        group = seg.text[m.start("head") : m.end("tail") + 1]
        problems.append(seg.problem("dtg", at, at + 1, f"{blank_word(m.group('blank'))} inside the date-time group '{clip(group)}': expected none ({clip(m.group('head') + group[len(m.group('head')) + 1 :])})"))
        seg = seg.without(at, at + 1)
    return seg, problems


_ZERO_LETTER = "precedence letter '0' is a digit: expected a letter, Z (FLASH), O (IMMEDIATE), P (PRIORITY) or R (ROUTINE)"
_LETTERS = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}


def zero_by_prosign(dtg: DtgLine, fl2: Optional[PrecedenceLine]) -> DtgLine:
    """*dtg* with its zero for the precedence letter named with the letter the
    prosign of *fl2* gives, when the prosign is read without a slip (the zero is then
    that letter mistyped, most likely); the precedence is still not read from it."""
    if fl2 is None or fl2.prosign is None or any(p.field == "prosign" for p in fl2.problems):
        return dtg
    prosign = fl2.prosign.text
    letter = prosign[:1]
    if letter not in _LETTERS or not any(p.kind == ZERO_PRECEDENCE for p in dtg.problems):
        return dtg
    why = f"precedence letter '0' is a digit: expected the letter {letter} ({_LETTERS[letter]}), as the prosign '{clip(prosign)}' on line {fl2.span.line} gives"
    return replace(dtg, problems=tuple(replace(p, message=why) if p.kind == ZERO_PRECEDENCE else p for p in dtg.problems))


def _zero_for_letter(seg: Seg) -> bool:
    return seg.text[:2] in ("0 ", "0\t")


def read_dtg(seg: Seg) -> DtgLine:
    seg, indent = unindented(seg, "dtg", "precedence and date-time group line")
    zero = _zero_for_letter(seg)
    seg, slips = _slips(seg)
    line = _read(seg)
    if zero:
        # the zero is O, P, R or Z mistyped: no precedence read, so that no rule
        # compares a guessed letter with the prosign or the TO line (R010, A005)
        line = replace(line, precedence=None)
    if indent is None and not slips:
        return line
    return replace(line, problems=(*([indent] if indent is not None else []), *slips, *line.problems))


def _read(seg: Seg) -> DtgLine:
    digits = _DTG_DIGITS.fullmatch(seg.text)
    if digits is not None:
        return _dtg_digits(seg, digits)
    m = _DTG.fullmatch(seg.text)
    assert m is not None
    prec = seg.group(m, "dtg_prec")
    prec2 = seg.group(m, "dtg_prec2")
    dtg = seg.group(m, "dtg")
    problems: list[Problem] = []
    shape = "expected <precedence letter> DDHHMMZ MON YY (e.g. P 191532Z FEB 09)"
    # a down-cased line is one finding, not one for each letter
    down_cased = prec is not None and prec.text.islower() and seg.text != seg.text.upper()
    if down_cased:
        upper = seg.text.upper()
        if "O" in upper[m.start("dtg_day") : m.end("dtg_min")]:  # "r 2710o5z": the letter's own finding names the zero
            upper = upper[: m.start("dtg_day")] + upper[m.start("dtg_day") : m.end("dtg_min")].replace("O", "0") + upper[m.end("dtg_min") :]
        problems.append(seg.problem("dtg", 0, len(seg.text), f"the precedence and date-time group line is not in capitals: expected '{clip(upper)}'"))
    for p in (prec, prec2):
        if p is None or p.text in "ZOPR":
            continue
        if p.text.upper() not in "ZOPR":
            problems.append(Problem("dtg", p.span, f"precedence letter '{clip(p.text)}' is unknown: expected Z (FLASH), O (IMMEDIATE), P (PRIORITY) or R (ROUTINE)"))
        elif not down_cased:
            problems.append(Problem("dtg", p.span, f"precedence letter '{clip(p.text)}' is not in capitals: expected {clip(p.text.upper())}"))
    if m.group("dtg_doubled") is not None:
        letter, second = m.group("dtg_prec"), m.group("dtg_doubled")
        if second == letter:
            why = f"precedence '{letter * 2}' is the prosign's doubled letter: expected one letter, {letter}, before the date-time group"
        else:  # "OR 030520Z": the action and information letters with the blank between them lost
            why = f"precedence '{letter}{clip(second)}' has its two letters run together: expected '{letter} {clip(second)}' (action and information precedence)"
        problems.append(seg.problem("dtg", m.start("dtg_prec"), m.end("dtg_doubled"), why))
    if not m.group("dtg_gap"):  # "P241125Z JAN 10": the blank after the precedence lost
        head, cut = seg.text[m.start("dtg_prec") : m.end("dtg_z")], m.start("dtg") - m.start("dtg_prec")
        problems.append(seg.problem("dtg", m.start("dtg_prec"), m.end("dtg_z"), f"'{clip(head)}' has no space between the precedence and the date-time group: expected '{clip(head[:cut])} {clip(head[cut:])}'"))
    zulu = m.group("dtg_z")
    time = f"{m.group('dtg_day')}{m.group('dtg_hour')}{m.group('dtg_min')}"
    lettered = -1  # the index of the letter O's problem, if any
    letters: list[int] = []
    if not time.isdigit():  # "0312OOZ": the letter O typed for a zero; the time is read with the zero
        letters = [k for k, c in enumerate(time) if c in "Oo"]
        first, last = m.start("dtg_day") + letters[0], m.start("dtg_day") + letters[-1] + 1
        letter = time[letters[0]]
        time = time.replace("O", "0").replace("o", "0")
        lettered = len(problems)
        problems.append(seg.problem("dtg", first, last, f"date-time group '{clip(seg.text[m.start('dtg_day') : m.end('dtg_z')])}' has the letter {letter} for a zero: expected {clip(time)}{(zulu or 'Z').upper()}"))
    day, hour, minute = cable_int(time[:2]), cable_int(time[2:4]), cable_int(time[4:])
    mon, year, extra = m.group("dtg_mon"), m.group("dtg_year"), m.group("dtg_extra")
    mon_at, year_at, extra_at, dtg_end = m.span("dtg_mon"), m.span("dtg_year"), m.span("dtg_extra"), m.end("dtg")
    words = extra.split()
    if zulu == "" and mon in ("Z", "z") and year is None and len(words) == 2 and _MONTH.fullmatch(words[0].upper()) and words[1].isdigit():
        # "072019 Z APR 06": a blank before the Z, which is read as the month, and the
        # month and year after it as extra text; one finding, the date read
        problems.append(seg.problem("dtg", m.start("dtg_day"), m.end("dtg_mon"), f"time '{clip(time)}' has a blank before its Z: expected {time}Z"))
        mon, year = words
        mon_at = (seg.text.index(mon, extra_at[0]), seg.text.index(mon, extra_at[0]) + len(mon))
        year_at = (seg.text.index(year, mon_at[1]), seg.text.index(year, mon_at[1]) + len(year))
        extra, extra_at, dtg_end, zulu = seg.text[year_at[1] :], (year_at[1], len(seg.text)), year_at[1], "Z"
        dtg = Text(seg.text[m.start("dtg") : dtg_end], seg.span(m.start("dtg"), dtg_end))
    lost = [part for part in ("dtg_mon", "dtg_year") if m.group(part) is not None and not m.group(f"{part}_gap")]
    if lost and mon is not None and year is not None and mon == m.group("dtg_mon") and _MONTH.fullmatch(mon.upper()):
        # "221950ZNOV10", "221950Z NOV10": the blanks between the parts lost; one
        # finding, the date read
        where = "before its month and its year" if len(lost) == 2 else "before its month" if lost[0] == "dtg_mon" else "before its year"
        meant = f"{time}{(zulu or 'Z').upper()} {mon.upper()} {year}"
        problems.append(seg.problem("dtg", m.start("dtg"), m.end("dtg"), f"date-time group '{clip(m.group('dtg'))}' has no blank {where}: expected '{meant}'"))
    if zulu == "":
        problems.append(seg.problem("dtg", m.start("dtg_day"), m.end("dtg_min"), f"time '{clip(time)}' has no Z after it: expected {time}Z (the time is UTC)"))
    elif zulu == "z" and not down_cased:
        problems.append(seg.problem("dtg", m.start("dtg_z"), m.end("dtg_z"), f"the Z after the time is not in capitals: expected {time}Z"))
    when: Optional[datetime] = None
    if mon is not None and mon != mon.upper() and _MONTH.fullmatch(mon.upper()):
        if not down_cased:
            problems.append(seg.problem("dtg", mon_at[0], mon_at[1], f"month '{clip(mon)}' is not in capitals: expected {clip(mon.upper())}"))
        mon = mon.upper()  # the date is still read
    if mon is None or year is None:
        problems.append(seg.problem("dtg", m.start("dtg"), m.end("dtg"), f"date-time group '{clip(m.group('dtg'))}' is incomplete: {shape}"))
    elif not _MONTH.fullmatch(mon):
        problems.append(seg.problem("dtg", mon_at[0], mon_at[1], f"month '{clip(mon)}' is malformed: expected JAN, FEB, ... DEC in capitals"))
    elif len(year) not in (2, 4):
        problems.append(seg.problem("dtg", year_at[0], year_at[1], f"year '{clip(year)}' is malformed: expected 2 digits (or 4)"))
    else:
        try:
            when = datetime(
                _year4(year),
                MONTHS.index(mon) + 1,
                day,
                hour,
                minute,
                tzinfo=timezone.utc,
            )
        except ValueError:
            impossible = impossible_date(_year4(year), MONTHS.index(mon) + 1, day)
            part = 0  # where in DDHHMM the impossible part starts
            if impossible is None:
                impossible = impossible_time(hour, minute)
                part = 2 if hour > 23 else 4
            why = impossible or "is not a real date and time: " + shape
            if lettered >= 0 and any(part <= k < part + 2 for k in letters):
                # "OO1005Z": the day the letters stand in read with zeros is no day
                # either; one slip, one finding, at the letters (no zeros' reading offered)
                o = problems[lettered]
                problems[lettered] = Problem(o.field, o.span, f"date-time group '{clip(seg.text[m.start('dtg_day') : m.end('dtg_z')])}' has the letter {letter} for a zero, and read with zeros it {why}")
            else:
                problems.append(seg.problem("dtg", m.start("dtg"), dtg_end, f"date-time group '{clip(dtg.text) if dtg else ''}' {why}"))
    if extra.strip() and not field("DTG_EXTRA").fullmatch(extra):
        problems.append(seg.problem("dtg", extra_at[0], extra_at[1], f"unexpected '{clip(extra.strip())}' after the date-time group: {shape}"))
    return DtgLine(seg.span(), prec, prec2, dtg, when, tuple(problems))


def _dtg_digits(seg: Seg, m: re.Match[str]) -> DtgLine:
    """A DTG line whose date-time group has a digit lost or one too many: its
    precedence is read, its date is not."""
    digits = m.group("dtd_digits")
    problem = seg.problem(
        "dtg",
        m.start("dtd_digits"),
        m.end("dtd_digits") + 1,
        f"date-time group '{clip(digits)}Z' has {plural(len(digits), 'digit')} before the Z: expected 6, the day, hour and minute (DDHHMMZ, e.g. 191532Z)",
    )
    return DtgLine(seg.span(), seg.group(m, "dtd_prec"), seg.group(m, "dtd_prec2"), seg.group(m, "dtd_dtg"), None, (problem,))
