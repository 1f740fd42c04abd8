"""R: the ACP-127 routing header, format lines FL1-FL5 (cable-format.md 2.1-2.5).

Every rule here runs only where a routing header is present (the cable starts its
message with ``VZCZC``); drafts never have one (5 FAH-2 H-232: the terminal, not the
drafter, writes the format lines).
"""

from __future__ import annotations

from typing import Iterator, Optional

from cablelint.linter.rule import Context, Finding, Rule, field_problems
from cablelint.model import SECURITY_FOR_WARNING, SECURITY_LEVELS, Cable, Routing, Text
from cablelint.rules._places import LEVEL_WORD, level_outvoted
from cablelint.rules._header import (
    FORMAT_LINES,
    KIND_NAMES,
    MAX_FILING_LAG,
    cable_filed_time,
    dtg_year_slip,
    format_line_kind,
    line_after,
    line_kind,
    precedence_letter,
    serial_malformed,
    serial_outvoted,
    top_to_addressee,
)
from cablelint.span import Span

ROUTED = ("telegram", "cablegate", "markdown")

# FL4 codes that agree with each classification-line level (2.4).
CODES_FOR_LEVEL = {
    "UNCLASSIFIED": ("UUUUU",),
    "UNCLASSIFIED EFTO": ("EEEEE",),
    "LIMITED OFFICIAL USE": ("UUUUU", "EEEEE"),
    "CONFIDENTIAL": ("CCCCC",),
    "SECRET": ("SSSSS",),
    "TOP SECRET": ("TTTTT",),
}
PRECEDENCE_NAMES = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}


class RoutingRule(Rule):
    """Base of the R rules: run only where a routing header is present."""

    dialects = ROUTED

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.routing is not None:
            yield from self.check_routing(cable, cable.routing, ctx)

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError


class MalformedTransmissionId(RoutingRule):
    """FL1 is not ``VZCZC``, a 3-letter channel designator and 3-4 digits.

    Why: FL1 opens the transmission; ``V`` is the start-of-transmission function,
    ``ZCZC`` the start-of-message indicator, then the circuit's channel designator and
    the message's sequence number on it (5 FAH-2 H-321.1, cable-format.md 2.1).
    The line holds no blank: a space or tab inside it (``VZCZCXRO<TAB>6957``) or
    before it is reported at the blank, and the line is read without it.

    Bad: ``VZCZCXR06957`` (a zero for the letter O).
    Good: ``VZCZCXRO6957``.
    """

    code = "R001"
    name = "malformed-transmission-id"
    severity = "error"

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "transmission_id")


class MalformedPrecedenceLine(RoutingRule):
    """FL2 is not a precedence prosign followed by routing indicators.

    Why: the prosign (``ZZ``, ``OO``, ``PP``, ``RR``) orders processing in the
    switches and the routing indicators after it are the relay destinations
    (5 FAH-2 H-321.2-1, cable-format.md 2.2). A line in lower case is one
    finding, and is read as the capitals it stands for; so is a line or a
    continuation line indented by blanks, named at the indent and read without it.
    A prosign run into the first routing indicator (``RRRUEHMA RUEHPA``) is named,
    and both are read.

    Bad: ``RX RUEHMA RUEHPA``.
    Good: ``RR RUEHMA RUEHPA``.
    """

    code = "R002"
    name = "malformed-precedence-line"
    severity = "error"

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "prosign", "precedence_line")


class MalformedDeLine(RoutingRule):
    """FL3 is not ``DE <RI> #<4 digits>[/<2 digits>] <DDDHHMM>``.

    Why: the DE line names the originating station, its serial number for the
    message and the filing time as Julian day plus UTC hour and minute, seven digits
    without a ``Z`` (cable-format.md 2.3; every one of 1,117 real DE lines has this
    shape). An indented line is one finding, at the indent, and is read without it.

    The security line run on to the DE line (``... #0097 0501532 ZNR UUUUU ZZH``, its
    line break lost) is reported here once, and read as the security line; so is a
    filing time run into the transmission part (``#0097/010501532``), both read.

    Bad: ``DE RUEHBP #0097 050153Z`` (six digits and a Z).
    Good: ``DE RUEHBP #0097 0501532``.
    """

    code = "R003"
    name = "malformed-de-line"
    severity = "error"

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "de_line", "station_serial", "section_part", "filing_time")


class MalformedSecurityLine(RoutingRule):
    """FL4 is not ``ZNR UUUUU`` or ``ZNY EEEEE|CCCCC|SSSSS|TTTTT`` with Z signals.

    Why: the security warning tells every relay how the message must be handled;
    ``ZNR`` goes only with unclassified ``UUUUU``, ``ZNY`` with traffic that must be
    protected (cable-format.md 2.4). When the warning and the code disagree, the one
    the classification line does not back is reported: ``ZNR CCCCC`` on a
    CONFIDENTIAL cable at ``ZNR``, on an UNCLAS cable at ``CCCCC``; ``ZNY UUUUU`` on
    a CONFIDENTIAL cable at ``UUUUU``, naming ``CCCCC``. ``ZZH`` follows
    the code on every real line (1,117 of 1,117) and is required; other Z signals
    (``ZDK``, ``ZUI``) may follow it (cable-format.md 2.4). A line in lower case is
    one finding, and is read as the capitals it stands for; an indented line is one
    finding, at the indent, and is read without it.

    The date-time group line run on to the security line (``ZNR UUUUU ZZH R
    191532Z FEB 09``) is reported here once, and read as FL5.

    Bad: ``ZNR CCCCC ZZH``.
    Good: ``ZNY CCCCC ZZH``.
    """

    code = "R004"
    name = "malformed-security-line"
    severity = "error"

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        sec, cls = routing.security_line, cable.classification
        warning, code = (sec.warning, sec.code) if sec is not None else (None, None)
        for finding in field_problems(cable, ctx, "security_line"):
            if (
                warning is not None
                and code is not None
                and finding.span == code.span
                and cls is not None
                and code.text in CODES_FOR_LEVEL.get(cls.level or "", ())
            ):
                # the code agrees with the classification line: the warning is wrong
                right = next(w for w, codes in SECURITY_FOR_WARNING.items() if code.text in codes)
                yield Finding(
                    warning.span,
                    f"security warning {warning.text} disagrees with '{code.text}' and the {cls.level} classification "
                    f"line on line {cls.span.line}: expected {right}",
                )
                continue
            if warning is not None and code is not None and finding.span == code.span and cls is not None and code.text in SECURITY_LEVELS:
                # the warning goes with the classification line's code: the code is wrong
                meant = [c for c in CODES_FOR_LEVEL.get(cls.level or "", ()) if c in SECURITY_FOR_WARNING.get(warning.text, ())]
                if meant:
                    yield Finding(
                        code.span,
                        f"classification code '{code.text}' disagrees with {warning.text} and the {cls.level} classification "
                        f"line on line {cls.span.line}: expected {' or '.join(meant)}",
                    )
                    continue
            yield finding


class MalformedDtgLine(Rule):
    """FL5 is not ``<precedence letter> DDHHMMZ MON YY``, or the date is impossible.

    Why: the date-time group identifies the message; an impossible date or time
    (30 February, hour 24) is a transcription error (5 FAH-2 H-421,
    cable-format.md 2.5). An indented line is one finding, at the indent, and is
    read without it.

    The date-time group line of a legacy short header (``O 201405Z DEC 89`` over
    the FM line, no FL1 to FL4; cable-format.md 2.8) is held to the same shape.

    Bad: ``R 301532Z FEB 09``, ``R 1191532Z FEB 09`` (a digit typed twice).
    Good: ``R 191532Z FEB 09``.
    """

    code = "R005"
    name = "malformed-dtg-line"
    severity = "error"
    dialects = ROUTED

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.routing is not None or cable.legacy_dtg is not None:
            yield from field_problems(cable, ctx, "dtg")


class MalformedRoutingIndicator(RoutingRule):
    """A routing indicator that is not ``R`` followed by 3-6 capital letters.

    Why: routing indicators are fixed-form switch addresses (ACP 117, 5 FAH-2
    H-231); one that is misspelt cannot be routed. Checked on FL2, the DE line and
    the ``RI/`` prefixes of the address lines.

    Bad: ``TO XUEHC/SECSTATE WASHDC 0033``.
    Good: ``TO RUEHC/SECSTATE WASHDC 0033``.
    """

    code = "R006"
    name = "malformed-routing-indicator"
    severity = "error"

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "routing_indicator")


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


class FilingTimeMismatch(RoutingRule):
    """The DE line's Julian day is more than one day from the DTG's date.

    Why: the terminal files a message when it is released, so the Julian day on FL3
    is the DTG's day of the year (1,112 of 1,117 real cables; the rest are re-filed
    or retransmitted traffic, cable-format.md 2.3).

    A Julian day that falls on the DTG's day and time in the year next to the DTG's,
    and not in its own (a leap year between them shifts the day by one), shows the
    DTG's year to be the slip when the DECL date or a reference's date gives that
    year too: the finding is then at the DTG's year, and X008 compares the references
    with the date meant.

    Bad: ``DE RUEHBP #0341 1521005`` with ``R 271005Z MAY 09`` (day 152 is 1 June);
    ``DE RUEHNO #0412 2621652`` with ``P 181652Z SEP 07`` and ``DECL: 09/18/2018``
    (day 262 is 18 September in 2008).
    Good: ``DE RUEHBP #0341 1471005`` (day 147 is 27 May).
    """

    code = "R007"
    name = "filing-time-mismatch"
    severity = "warning"

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        de, dtg = routing.de_line, routing.dtg_line
        filed = ctx.shared(cable_filed_time, cable)
        if filed is None or de is None or dtg is None or dtg.when is None or de.filing_time is None:
            return
        slip = ctx.shared(dtg_year_slip, cable)
        if slip is not None and dtg.dtg is not None:
            written = dtg.dtg.text.rsplit(" ", 1)[-1]
            end = dtg.dtg.span
            year = Span(end.end_line, end.end_column - len(written), end.end_line, end.end_column, end.end - len(written), end.end)
            meant = f"{slip.meant.year % 100:02d}" if len(written) == 2 else str(slip.meant.year)
            yield Finding(
                year,
                f"the date-time group's year {written} disagrees with {_listed(slip.witnesses)}, which give {slip.meant.year}: "
                f"expected '{dtg.dtg.text[: -len(written)]}{meant}'",
            )
            return
        gap = (filed.date() - dtg.when.date()).days
        if abs(gap) <= 1:
            return
        doy = dtg.when.timetuple().tm_yday
        yield Finding(
            de.filing_time.span,
            f"DE line filing time '{de.filing_time.text}' is on day {de.filing_time.text[:3]} ({filed:%d %b}), "
            f"{_days(abs(gap))} {'after' if gap > 0 else 'before'} the date-time group's date {dtg.when:%d %b %Y}: "
            f"expected day {doy:03d}, or one day either side",
        )


class SecurityClassificationMismatch(RoutingRule):
    """The FL4 classification code disagrees with the classification line.

    Why: ``UUUUU`` goes with UNCLAS, ``EEEEE`` with UNCLAS EFTO, ``CCCCC`` with
    CONFIDENTIAL, ``SSSSS`` with SECRET, ``TTTTT`` with TOP SECRET (cable-format.md
    2.4). A mismatch means the header and the text belong to different cables, or
    the message was protected at the wrong level.

    The finding is on the FL4 code, except when the portion markings side with it:
    when the highest of them is FL4's level, the classification line is the one that
    is wrong, and the finding is there (C003 and C009 then say nothing more).

    Bad: ``ZNY CCCCC ZZH`` over ``S E C R E T MOSCOW 005154``.
    Good: ``ZNY SSSSS ZZH`` over ``S E C R E T MOSCOW 005154``.
    """

    code = "R008"
    name = "security-classification-mismatch"
    severity = "error"

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        sec, cls = routing.security_line, cable.classification
        if sec is None or sec.code is None or sec.code.text not in SECURITY_LEVELS:
            return
        if any(p.span == sec.code.span for p in sec.problems):
            return  # 'ZNR CCCCC': the line disagrees with itself, R004's
        if cls is None or cls.level not in CODES_FOR_LEVEL:
            return
        allowed = CODES_FOR_LEVEL[cls.level]
        if sec.code.text in allowed:
            return
        outvoted = level_outvoted(cable)
        if outvoted is not None:
            yield Finding(
                cls.level_text.span,
                f"classification line '{cls.level_text.text}' ({cls.level}) disagrees with the security line code "
                f"'{sec.code.text}' on line {sec.span.line} and with the portion markings, whose highest level is {LEVEL_WORD[outvoted]}: "
                f"expected {LEVEL_WORD[outvoted]}",
            )
            return
        # (the line's EFTO is a word of its own after the level: 'UNCLAS EFTO')
        shown = f"{cls.level_text.text} EFTO" if cls.level == "UNCLASSIFIED EFTO" else cls.level_text.text
        yield Finding(
            sec.code.span,
            f"security line code '{sec.code.text}' ({SECURITY_LEVELS[sec.code.text]}) disagrees with the classification "
            f"line '{shown}' ({cls.level}) on line {cls.span.line}: expected {' or '.join(allowed)}",
        )


class SerialMismatch(RoutingRule):
    """The DE line's station serial disagrees with the classification line's serial.

    Why: the station serial is the last four digits of the message's serial on the
    classification line (``#0097`` and ``000097`` agree; 1,091 of 1,094 real cables,
    the 3 others pair one cable's header with another's text; cable-format.md 2.3).

    The finding is on the DE line, except when the page headers carry the DE line's
    serial too: then the classification line is the one that is wrong, and the
    finding is there. A classification-line serial that is not six digits (a
    truncated ``0003``) is C002's alone.

    Bad: ``DE RUEHFR #2725`` over ``C O N F I D E N T I A L MOSCOW 005154``.
    Good: ``DE RUEHBP #0097`` over ``UNCLAS BAMAKO 000097``.
    """

    code = "R009"
    name = "serial-mismatch"
    severity = "error"

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        de, cls = routing.de_line, cable.classification
        if de is None or de.serial is None or any(p.field == "station_serial" for p in de.problems):
            return
        if cls is None or cls.serial is None or not cls.serial.text.isdigit() or serial_malformed(cable):
            return  # a malformed serial is C002's: the DE line is not the one to blame
        expected = int(cls.serial.text) % 10000
        if int(de.serial.text) == expected:
            return
        serial = serial_outvoted(cable)
        if serial is not None:
            yield Finding(
                cls.serial.span,
                f"classification line serial {cls.serial.text} disagrees with the DE line's #{de.serial.text} and the page "
                f"headers' {serial:08d}: expected {serial:06d}",
            )
            return
        yield Finding(
            de.serial.span,
            f"DE line station serial #{de.serial.text} disagrees with the classification line serial {cls.serial.text} "
            f"on line {cls.span.line}: expected #{expected:04d}, its last four digits",
        )


class PrecedenceMismatch(RoutingRule):
    """The FL2 prosign and the FL5 precedence letter disagree.

    Why: the prosign is the doubled action precedence of FL5 (``RR`` with ``R``,
    ``OO`` with ``O`` or ``O R``); in 1,117 real cables it always is (5 FAH-2
    H-321.2-1, cable-format.md 2.5). A mixed prosign matches FL5's two letters.

    The finding is on FL5's letter, except when the TO lines' highest precedence
    agrees with it: then the prosign is the one mistyped, and the finding is there.

    Bad: ``RR RUEHMA`` with ``P 191532Z FEB 09``.
    Good: ``PP RUEHMA`` with ``P 191532Z FEB 09``.
    """

    code = "R010"
    name = "precedence-mismatch"
    severity = "warning"

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        fl2, dtg = routing.precedence_line, routing.dtg_line
        if fl2 is None or fl2.prosign is None or any(p.field == "prosign" for p in fl2.problems):
            return
        if dtg is None or dtg.precedence is None or dtg.precedence.text not in PRECEDENCE_NAMES:
            return
        action = dtg.precedence.text
        expected = {action * 2}
        if dtg.info_precedence is not None:
            expected.add(action + dtg.info_precedence.text)
        prosign = fl2.prosign.text
        if prosign in expected:
            return
        top = top_to_addressee(cable)
        if top is not None and precedence_letter(top) == action:
            # FL5 and the TO line agree: the prosign is the one mistyped
            to = f"the TO line's {top.precedence.text}" if top.precedence is not None else "the TO lines (no precedence word: ROUTINE)"
            yield Finding(
                fl2.prosign.span,
                f"prosign '{prosign}' disagrees with precedence '{action}' ({PRECEDENCE_NAMES[action]}) on line {dtg.span.line} "
                f"and {to}: expected '{action * 2}'",
            )
            return
        yield Finding(
            dtg.precedence.span,
            f"precedence '{action}' ({PRECEDENCE_NAMES[action]}) disagrees with the prosign '{prosign}' on line "
            f"{fl2.span.line}: expected '{prosign[0]}' to match the prosign, or prosign '{action * 2}'",
        )


class RoutingHeaderIncomplete(RoutingRule):
    """A routing header is started (FL1) but a format line is missing or out of order.

    Why: FL1 implies FL2 to FL5 in this order (5 FAH-2 H-320, cable-format.md 2); a
    missing or displaced line means the header was damaged in copying or edited by
    hand. A line the grammar cannot place inside the header is reported here, and
    so is a stray line that ends the header early (the format lines after it are
    then not read as the header, but they are not missing either).

    Bad: ``VZCZCXRO7214`` / ``DE RUEHBP #0341 1471005`` / ``RR RUEHDK`` / ...
    Good: ``VZCZCXRO7214`` / ``RR RUEHDK`` / ``DE RUEHBP #0341 1471005`` / ...
    """

    code = "R011"
    name = "routing-header-incomplete"
    severity = "error"

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        strays: set[str] = set()
        for err in cable.errors:
            if err.zone != "header":
                continue
            kind = format_line_kind(err)
            shown = err.text.strip()[:40]
            expected = " or ".join(err.expected) if err.expected else "the format lines in order FL1 to FL5, then FM"
            if kind is not None:
                strays.add(kind)
                yield Finding(err.span, _displaced(routing, kind, shown))
            else:
                yield Finding(err.span, f"'{shown}' cannot stand in the routing header: expected {expected}")
        yield from self._missing(cable, routing, strays)

    def _missing(self, cable: Cable, routing: Routing, strays: set[str]) -> Iterator[Finding]:
        previous = routing.transmission_id.span.end_line
        gap: list[str] = []
        for attr, term, name in FORMAT_LINES:
            part = getattr(routing, attr)
            if part is not None:
                yield from self._report(cable, previous, gap)
                gap = []
                previous = part.span.end_line
            elif term not in strays:
                gap.append(name)
        yield from self._report(cable, previous, gap)

    @staticmethod
    def _report(cable: Cable, previous: int, names: list[str]) -> Iterator[Finding]:
        if not names:
            return
        stray = _stray_before_format_line(cable, previous)
        if stray is not None:
            # the lines are there, after a line that ended the header: name that line
            yield Finding(stray.span, f"'{stray.text[:40]}' breaks the routing header: expected {names[0]} here (the lines after it are not read as the header)")
            return
        lines = " and ".join(names)
        verb = "is" if len(names) == 1 else "are"
        yield Finding(line_after(cable, previous), f"{lines} {verb} missing from the routing header: expected after line {previous}")


class FilingTimeOrder(RoutingRule):
    """The DE filing time is before the DTG, or more than 60 minutes after it.

    Why: a message is filed when it is released or a few minutes later (1,092 of
    1,117 real cables within 15 minutes; cable-format.md 2.3). A filing time before
    the DTG, or long after it, usually marks re-filed traffic: worth a look, not
    wrong. A day's gap that the DTG's year explains (R007's year slip) is left to R007.

    Bad: ``DE RUEHDJ #0113 0431600`` with ``P 121601Z FEB 09`` (filed a minute early).
    Good: ``DE RUEHDJ #0113 0431601`` with ``P 121601Z FEB 09``.
    """

    code = "R012"
    name = "filing-time-order"
    severity = "info"

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        de, dtg = routing.de_line, routing.dtg_line
        filed = ctx.shared(cable_filed_time, cable)
        if filed is None or de is None or dtg is None or dtg.when is None or de.filing_time is None or dtg.dtg is None:
            return
        if abs((filed.date() - dtg.when.date()).days) > 1 or ctx.shared(dtg_year_slip, cable) is not None:
            return  # a different day, or a year slip, is R007's
        lag = int((filed - dtg.when).total_seconds() // 60)
        if 0 <= lag <= MAX_FILING_LAG:
            return
        how = f"{_duration(abs(lag))} {'before' if lag < 0 else 'after'}"
        yield Finding(
            de.filing_time.span,
            f"DE line filing time '{de.filing_time.text}' ({filed:%H%M}Z on {filed:%d %b}) is {how} the date-time group "
            f"'{dtg.dtg.text}': expected the DTG's time or up to {MAX_FILING_LAG} minutes after it (re-filed traffic?)",
        )


class UnsortedRoutingIndicators(RoutingRule):
    """The routing indicators on FL2 are not in alphabetical order (``XRO`` channel).

    Why: on the ``XRO`` channel the terminal writes FL2's relay indicators in
    alphabetical order, across the continuation lines too (806 of 806 real lines;
    cable-format.md 2.2, 6.1; 5 FAH-2 H-321.2-1), so one out of order hints that the
    line was edited by hand. Only ``XRO`` traffic is checked: the ``XYZ`` channel's
    FL2 holds ``RUEHWEB`` alone, and no order is known for other channels. A
    malformed indicator is R006's and is left out of the comparison. Reported once,
    at the first indicator that sorts before the one in front of it.

    Bad: ``RR RUEHDK RUEHZK RUEHOU`` under ``VZCZCXRO7214``.
    Good: ``RR RUEHDK RUEHOU RUEHZK``.
    """

    code = "R013"
    name = "unsorted-routing-indicators"
    severity = "info"

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        fl2, channel = routing.precedence_line, routing.transmission_id.channel
        if fl2 is None or channel is None or channel.text != "XRO":
            return
        malformed = {p.span for p in fl2.problems if p.field == "routing_indicator"}
        ris = [ri for ri in fl2.routing_indicators if ri.span not in malformed]
        for before, ri in zip(ris, ris[1:]):
            if ri.text >= before.text:
                continue
            follow = max((other.text for other in ris if other.text < ri.text), default=None)
            place = f"after '{follow}'" if follow is not None else "first"
            yield Finding(
                ri.span,
                f"routing indicator '{ri.text}' stands after '{before.text}', out of alphabetical order: "
                f"expected it {place} (an XRO precedence line lists its indicators A to Z)",
            )
            return


def _listed(items: tuple[str, ...]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _duration(minutes: int) -> str:
    """*minutes* as a reader counts them: '12 minutes', '2 h 30 min', '1 day 14 h 2 min'."""
    if minutes < 120:
        return f"{minutes} minute{'' if minutes == 1 else 's'}"
    hours, mins = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {mins} min" if mins else f"{hours} hours"
    days, hours = divmod(hours, 24)
    parts = [f"{days} day{'' if days == 1 else 's'}"] + ([f"{hours} h"] if hours else []) + ([f"{mins} min"] if mins else [])
    return " ".join(parts)


RULES: tuple[type[Rule], ...] = (
    MalformedTransmissionId,
    MalformedPrecedenceLine,
    MalformedDeLine,
    MalformedSecurityLine,
    MalformedDtgLine,
    MalformedRoutingIndicator,
    FilingTimeMismatch,
    SecurityClassificationMismatch,
    SerialMismatch,
    PrecedenceMismatch,
    RoutingHeaderIncomplete,
    FilingTimeOrder,
    UnsortedRoutingIndicators,
)


def _stray_before_format_line(cable: Cable, previous: int) -> Optional[Text]:
    """The first non-blank line after line *previous* when it is no format line but a
    format line follows it within a few lines (a stray line, or a damaged one, that
    ended the header early), else None."""
    terms = {term for _, term, _ in FORMAT_LINES}
    stray: Optional[Text] = None
    for line in cable.lines[previous : previous + 6]:
        text = line.text.strip()
        if not text:
            continue
        if line_kind(text) in terms:
            return stray
        if stray is not None:
            return None  # two lines in a row that are no format line: no header goes on
        lead = len(line.text) - len(line.text.lstrip())
        stray = Text(text, line.span(lead, lead + len(text)))
    return None


def _displaced(routing: Routing, kind: str, shown: str) -> str:
    """The message for a format line out of its place: a second copy of one the
    header has, or one standing elsewhere, with the place it belongs."""
    order = ["FL1_LINE", *(term for _, term, _ in FORMAT_LINES)]
    attrs = {"FL1_LINE": "transmission_id", **{term: attr for attr, term, _ in FORMAT_LINES}}
    placed = getattr(routing, attrs[kind], None)
    if placed is not None:
        return f"'{shown}' is a second {KIND_NAMES[kind]}, after the one on line {placed.span.line}: expected one"
    before = order[order.index(kind) - 1] if kind != "FL1_LINE" else None
    if before is None:
        return f"'{shown}' is {KIND_NAMES[kind]} out of its place: expected it first in the routing header"
    there = getattr(routing, attrs[before], None)
    where = f", on line {there.span.line}" if there is not None else ""
    return f"'{shown}' is {KIND_NAMES[kind]} out of its place: expected it right after {KIND_NAMES[before]}{where}"
