"""R: the format lines against each other and against the cable's text: filing time,
level, serial and precedence (cable-format.md 2.3-2.5). The rules run only where a
routing header is present (``RoutingRule``).
"""

from __future__ import annotations

from typing import Iterator

from cablelint.linter.rule import Context, Finding, Rule
from cablelint.model import SECURITY_LEVELS, Cable, Routing
from cablelint.numbers import cable_int
from cablelint.quote import clip, plural
from cablelint.rules._header import (
    MAX_FILING_LAG,
    PRECEDENCE_NAMES,
    cable_filed_time,
    dtg_year_slip,
    precedence_letter,
    serial_malformed,
    serial_outvoted,
    top_to_addressee,
)
from cablelint.rules._places import LEVEL_WORD, level_outvoted
from cablelint.rules._r_shared import CODES_FOR_LEVEL, RoutingRule
from cablelint.span import Span




class FilingTimeMismatch(RoutingRule):
    """The DE line's Julian day is more than one day from the DTG's date.

    Why: the terminal files a message when it is released, so the Julian day on FL3
    is the DTG's day of the year (1,112 of 1,117 real cables; the rest are re-filed
    or retransmitted traffic, cable-format.md 2.3).

    A Julian day that falls on the DTG's day and time in the year next to the DTG's,
    and not in its own (a leap year between them shifts the day by one), shows the
    DTG's year to be the slip when the DECL date or a reference's date gives that
    year too (a DECL date a round number of years on, or up to a week before that, as
    drafted before the cable went out): the finding is then at the DTG's year, and
    X008 compares the references with the date meant.

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
                f"expected '{clip(dtg.dtg.text[: -len(written)])}{clip(meant)}'",
            )
            return
        gap = (filed.date() - dtg.when.date()).days
        if abs(gap) <= 1:
            return
        doy = dtg.when.timetuple().tm_yday
        yield Finding(
            de.filing_time.span,
            f"DE line filing time '{clip(de.filing_time.text)}' is on day {de.filing_time.text[:3]} ({filed:%d %b}), "
            f"{plural(abs(gap), 'day')} {'after' if gap > 0 else 'before'} the date-time group's date {dtg.when:%d %b %Y}: "
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
                f"classification line '{clip(cls.level_text.text)}' ({cls.level}) disagrees with the security line code "
                f"'{clip(sec.code.text)}' on line {sec.span.line} and with the portion markings, whose highest level is {LEVEL_WORD[outvoted]}: "
                f"expected {LEVEL_WORD[outvoted]}",
            )
            return
        # (the line's EFTO is a word of its own after the level: 'UNCLAS EFTO')
        shown = f"{cls.level_text.text} EFTO" if cls.level == "UNCLASSIFIED EFTO" else cls.level_text.text
        yield Finding(
            sec.code.span,
            f"security line code '{clip(sec.code.text)}' ({SECURITY_LEVELS[sec.code.text]}) disagrees with the classification "
            f"line '{clip(shown)}' ({cls.level}) on line {cls.span.line}: expected {' or '.join(allowed)}",
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
        expected = cable_int(cls.serial.text[-4:])  # its last four digits
        if cable_int(de.serial.text) == expected:
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
                f"prosign '{clip(prosign)}' disagrees with precedence '{action}' ({PRECEDENCE_NAMES[action]}) on line {dtg.span.line} "
                f"and {to}: expected '{action * 2}'",
            )
            return
        yield Finding(
            dtg.precedence.span,
            f"precedence '{action}' ({PRECEDENCE_NAMES[action]}) disagrees with the prosign '{clip(prosign)}' on line "
            f"{fl2.span.line}: expected '{clip(prosign[0])}' to match the prosign, or prosign '{action * 2}'",
        )


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
            f"DE line filing time '{clip(de.filing_time.text)}' ({filed:%H%M}Z on {filed:%d %b}) is {how} the date-time group "
            f"'{clip(dtg.dtg.text)}': expected the date-time group's time or up to {MAX_FILING_LAG} minutes after it (re-filed traffic?)",
        )


def _listed(items: tuple[str, ...]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _duration(minutes: int) -> str:
    """*minutes* as a reader counts them: '12 minutes', '2 h 30 min', '1 day 14 h 2 min'."""
    if minutes < 120:
        return f"{plural(minutes, 'minute')}"
    hours, mins = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {mins} min" if mins else f"{hours} hours"
    days, hours = divmod(hours, 24)
    parts = [f"{plural(days, 'day')}"] + ([f"{hours} h"] if hours else []) + ([f"{mins} min"] if mins else [])
    return " ".join(parts)


RULES: tuple[type[Rule], ...] = (
    FilingTimeMismatch,
    SecurityClassificationMismatch,
    SerialMismatch,
    PrecedenceMismatch,
    FilingTimeOrder,
)
