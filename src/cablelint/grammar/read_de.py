"""The reader of the routing header's DE line (FL3): the station's routing indicator,
its serial, the transmission part and the filing time, and the slips that shift its
fields (a stray word before the serial, a filing time split by a blank)."""

from __future__ import annotations

import re
from typing import Optional

from cablelint.grammar.dates import impossible_day_of_year, impossible_time
from cablelint.grammar.patterns import field
from cablelint.compiled import regex
from cablelint.grammar.read_header import blank_word, ri_problems, unindented
from cablelint.grammar.segment import Seg
from cablelint.model import DeLine, Problem, Text
from cablelint.quote import clip, plural

_RI = field("ROUTING_INDICATOR")
_DE = field("DE_SHAPE")
_SSN = field("STATION_SERIAL")
_FILETIME = field("FILING_TIME")
# "DE RUEHRK # 0214/01 0741530": a blank between the # and the serial's digits
_HASH_BLANK = regex(r"[ \t]#(?P<blank>[ \t]+)\d")


def _describe_time(text: str) -> str:
    """What is wrong with a filing time, in the user's terms ("has 6 digits and a Z")."""
    digits = text.rstrip("Zz")
    if digits.isdigit() and (len(digits) != 7 or digits != text):
        return f"has {plural(len(digits), 'digit')}" + (" and a Z" if digits != text else "")
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
        and (len(ssn_part) == 1 or field("SECTION_PART").fullmatch(ssn_part[1]))
        and _FILETIME.fullmatch(extra[0])
    ):
        begin, end = m.span("de_station")[0], m.span("de_ssn")[1]
        words = seg.text[begin:end]
        return seg.problem(
            "de_line",
            begin,
            end,
            f"DE line has '{clip(words)}' where the station RI stands: expected one routing indicator, then #<4-digit serial> (DE <station RI> #<serial>[/<part>] <filing time DDDHHMM>)",
        )
    if _SSN.fullmatch(serial) and _FILETIME.fullmatch(time + extra[0]):
        begin, end = m.start("de_time"), len(seg.text.rstrip())
        return seg.problem(
            "filing_time",
            begin,
            end,
            f"DE line filing time '{clip(seg.text[begin:end])}' is split by a blank: expected 7 digits without a blank ('{clip(time)}{clip(extra[0])}')",
        )
    return None


def read_de(seg: Seg) -> DeLine:
    seg, indent = unindented(seg, "de_line", "DE line")
    hashed = _HASH_BLANK.search(seg.text)
    blank: Optional[Problem] = None
    if hashed is not None:
        # one finding at the blank, and the line read without it (the serial and the
        # filing time in their places; the field is the line's: R009 still compares)
        b, e = hashed.span("blank")
        digits = seg.text[e:].split(None, 1)[0]
        blank = seg.problem("de_line", b, e, f"{blank_word(hashed.group('blank'))} after '#' in the station serial '{clip(seg.text[b - 1 : e] + digits)}': expected '#{clip(digits)}'")
        seg = seg.without(b, e)
    m = _DE.fullmatch(seg.text)
    assert m is not None
    station = seg.group(m, "de_station")
    serial = seg.group(m, "de_ssn")
    part = seg.group(m, "de_part")
    time = seg.group(m, "de_time")
    problems: list[Problem] = [p for p in (indent, blank) if p is not None]
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
        problems.append(seg.problem("de_line", 0, len(seg.text), f"DE line is not in capitals: expected '{clip(seg.text.upper())}'"))
    if station is None:
        problems.append(seg.problem("de_line", 2, len(seg.text), f"DE line is incomplete: {shape}"))
    elif not (down_cased and _RI.fullmatch(station.text.upper())):
        problems.extend(ri_problems([station], "DE line"))
    if station is not None and serial is None:
        problems.append(seg.problem("station_serial", len(seg.text), len(seg.text), f"DE line has no station serial: {shape}"))
    elif serial is not None and (not _SSN.fullmatch(serial.text) or "#" not in seg.text):
        problems.append(
            Problem("station_serial", serial.span, f"station serial '{clip(serial.text)}' is malformed: expected # and 4 digits (e.g. #0097)")
        )
    glued = part is not None and time is None and field("SECTION_PART").fullmatch(part.text[:2]) is not None and _FILETIME.fullmatch(part.text[2:]) is not None
    if glued:
        # "#0294/010541901": the blank between the part and the filing time lost; both read
        assert part is not None
        at = m.start("de_part")
        part, time = Text(part.text[:2], seg.span(at, at + 2)), Text(part.text[2:], seg.span(at + 2, at + len(part.text)))
        problems.append(Problem("filing_time", time.span, f"filing time '{clip(time.text)}' is run into the transmission part '/{clip(part.text)}': expected a blank between them ('/{clip(part.text)} {clip(time.text)}')"))
    elif part is not None and not field("SECTION_PART").fullmatch(part.text):
        problems.append(Problem("section_part", part.span, f"transmission part '/{clip(part.text)}' is malformed: expected / and 2 digits (e.g. /01)"))
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
            message = f"DE line filing time '{clip(t)}' {why}"
        else:
            message = f"DE line filing time '{clip(t)}' {_describe_time(t)}: expected 7 digits, the Julian day and the UTC hour and minute (DDDHHMM, e.g. 0501532)"
        problems.append(Problem("filing_time", time.span, message))
    if extra.strip():
        problems.append(seg.problem("de_line", m.start("de_extra"), m.end("de_extra"), f"unexpected text '{clip(extra.strip())}' after the filing time: {shape}"))
    return DeLine(seg.span(), station, serial, part, time, tuple(problems))
