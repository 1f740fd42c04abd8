"""R: each format line of the ACP-127 routing header, FL1-FL5, and the header
complete and in order (cable-format.md 2.1-2.5). The rules run only where a routing
header is present (``RoutingRule``).
"""

from __future__ import annotations

from typing import Iterator, Optional

from cablelint.linter.rule import Context, Finding, Rule, field_problems
from cablelint.model import SECURITY_FOR_WARNING, SECURITY_LEVELS, Cable, Routing, Text
from cablelint.quote import clip
from cablelint.rules._header import FORMAT_LINES, KIND_NAMES, format_line_kind, line_after, line_kind, routing_errors
from cablelint.rules._r_shared import CODES_FOR_LEVEL, ROUTED, RoutingRule


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
    needs = ("routing", "problems")

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
    and both are read; so is a zero typed for a letter O of the prosign
    (``0O RUEHMA``), read as ``OO``.

    Bad: ``RX RUEHMA RUEHPA``.
    Good: ``RR RUEHMA RUEHPA``.
    """

    code = "R002"
    name = "malformed-precedence-line"
    severity = "error"
    needs = ("routing", "problems")

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
    filing time run into the transmission part (``#0097/010501532``), both read;
    and a blank after the ``#`` (``# 0097/01 0501532``), named at the blank, the
    serial, part and filing time read in their places.

    Bad: ``DE RUEHBP #0097 050153Z`` (six digits and a Z).
    Good: ``DE RUEHBP #0097 0501532``.
    """

    code = "R003"
    name = "malformed-de-line"
    severity = "error"
    needs = ("routing", "problems")

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
    needs = ("routing", "problems")

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
                    f"security warning {warning.text} disagrees with '{clip(code.text)}' and the {cls.level} classification "
                    f"line on line {cls.span.line}: expected {right}",
                )
                continue
            if warning is not None and code is not None and finding.span == code.span and cls is not None and code.text in SECURITY_LEVELS:
                # the warning goes with the classification line's code: the code is wrong
                meant = [c for c in CODES_FOR_LEVEL.get(cls.level or "", ()) if c in SECURITY_FOR_WARNING.get(warning.text, ())]
                if meant:
                    yield Finding(
                        code.span,
                        f"classification code '{clip(code.text)}' disagrees with {warning.text} and the {cls.level} classification "
                        f"line on line {cls.span.line}: expected {' or '.join(meant)}",
                    )
                    continue
                # neither goes with the classification line ("ZNR SSSSS" on a CONFIDENTIAL
                # cable): both are to change, so both are named and marked
                pairs = [f"{w} {c}" for c in CODES_FOR_LEVEL.get(cls.level or "", ()) for w, codes in SECURITY_FOR_WARNING.items() if c in codes]
                if pairs:
                    yield Finding(
                        warning.span.cover(code.span),
                        f"security warning {warning.text} and classification code '{clip(code.text)}' do not go together, and neither agrees with the {cls.level} classification "
                        f"line on line {cls.span.line}: expected {' or '.join(pairs)}",
                    )
                    continue
            yield finding


class MalformedDtgLine(Rule):
    """FL5 is not ``<precedence letter> DDHHMMZ MON YY``, or the date is impossible.

    Why: the date-time group identifies the message; an impossible date or time
    (30 February, hour 24) is a transcription error (5 FAH-2 H-421,
    cable-format.md 2.5). An indented line is one finding, at the indent, and is
    read without it.

    A zero typed for the precedence letter O (``0 141530Z MAR 08``) or a blank
    inside the date-time group (``O 14 1530Z MAR 08``) is named at the slip, and
    the line is read as FL5 (the address block under it too), not as a line that
    breaks the header (R011).

    The date-time group line of a legacy short header (``O 201405Z DEC 89`` over
    the FM line, no FL1 to FL4; cable-format.md 2.8) is held to the same shape.

    Bad: ``R 301532Z FEB 09``, ``R 1191532Z FEB 09`` (a digit typed twice).
    Good: ``R 191532Z FEB 09``.
    """

    code = "R005"
    name = "malformed-dtg-line"
    severity = "error"
    needs = ("problems",)
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
    needs = ("routing", "problems")

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "routing_indicator")


# What R011 calls the line after which a missing format line was expected.
_SHORT_NAMES = {"FL2_LINE": "the precedence line", "DE_LINE": "the DE line", "SECURITY_LINE": "the security line", "DTG_LINE": "the precedence and date-time group line"}


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
        for err in routing_errors(cable):
            kind = format_line_kind(err)
            shown = clip(err.text.strip())
            expected = " or ".join(err.expected) if err.expected else "the format lines in order FL1 to FL5, then FM"
            if kind is not None:
                strays.add(kind)
                yield Finding(err.span, _displaced(routing, kind, shown))
            else:
                yield Finding(err.span, f"'{shown}' cannot stand in the routing header: expected {expected}")
        yield from self._missing(cable, routing, strays)

    def _missing(self, cable: Cable, routing: Routing, strays: set[str]) -> Iterator[Finding]:
        previous, before = routing.transmission_id.span.end_line, "the transmission identifier"
        gap: list[str] = []
        for attr, term, name in FORMAT_LINES:
            part = getattr(routing, attr)
            if part is not None:
                yield from self._report(cable, previous, before, gap)
                gap = []
                previous, before = part.span.end_line, _SHORT_NAMES[term]
            elif term not in strays:
                gap.append(name)
        yield from self._report(cable, previous, before, gap)

    @staticmethod
    def _report(cable: Cable, previous: int, before: str, names: list[str]) -> Iterator[Finding]:
        if not names:
            return
        stray = _stray_before_format_line(cable, previous)
        if stray is not None:
            # the lines are there, after a line that ended the header: name that line
            yield Finding(stray.span, f"'{clip(stray.text)}' breaks the routing header: expected {names[0]} here (the lines after it are not read as the header)")
            return
        lines = " and ".join(names)
        verb, it = ("is", "it") if len(names) == 1 else ("are", "them")
        yield Finding(line_after(cable, previous), f"{lines} {verb} missing from the routing header: expected {it} after {before} on line {previous}")


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
            place = f"after '{clip(follow)}'" if follow is not None else "first"
            yield Finding(
                ri.span,
                f"routing indicator '{clip(ri.text)}' stands after '{clip(before.text)}', out of alphabetical order: "
                f"expected it {place} (an XRO precedence line lists its indicators A to Z)",
            )
            return


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


RULES: tuple[type[Rule], ...] = (
    MalformedTransmissionId,
    MalformedPrecedenceLine,
    MalformedDeLine,
    MalformedSecurityLine,
    MalformedDtgLine,
    MalformedRoutingIndicator,
    RoutingHeaderIncomplete,
    UnsortedRoutingIndicators,
)
