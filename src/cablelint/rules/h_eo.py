"""H: the E.O. line, its order and its declassification date (cable-format.md 3.4)."""

from __future__ import annotations

from datetime import date
from typing import Iterator, Optional

from cablelint.grammar.dates import month_days
from cablelint.linter.rule import Context, Finding, Rule, field_problems
from cablelint.model import Cable
from cablelint.quote import clip, plural
from cablelint.rules._h_shared import cut_off, missing_at, missing_message
from cablelint.rules._places import article, voted_level

# When each order was in force (3.4), as the table gives it. No transition window: none
# of the real cables cites an order outside these dates (measured on the 344 dated
# real cables with an E.O. line), so a window would only hide wrong order numbers.
ORDERS: dict[str, tuple[date, Optional[date], str]] = {
    "11652": (date(1972, 6, 1), date(1978, 11, 30), "1 Jun 1972 - 30 Nov 1978"),
    "12065": (date(1978, 12, 1), date(1982, 7, 31), "1 Dec 1978 - 31 Jul 1982"),
    "12356": (date(1982, 8, 1), date(1995, 10, 13), "1 Aug 1982 - 13 Oct 1995"),
    "12958": (date(1995, 10, 14), date(2010, 6, 26), "14 Oct 1995 - 26 Jun 2010"),
    "13526": (date(2010, 6, 27), None, "from 27 Jun 2010"),
}

# Declassification at most 25 years out (E.O. 12958 sec. 1.5, E.O. 13526 sec. 1.5).
_DECL_YEARS = 25


class MissingEoLine(Rule):
    """No ``E.O.`` line.

    Why: every cable carries the E.O. line: ``N/A`` on unclassified cables, the
    declassification instruction on classified ones (5 FAH-1 H-131; cable-format.md
    3.4: 7 of 1,295 real cables lack it, mostly truncated archive copies).

    Not reported where the archive's text stops with "..." before any paragraph
    (a header, or captions, then "..." and nothing more) and before the line's place.

    Bad: captions that go from ``SIPDIS`` straight to ``TAGS:``.
    Good: ``E.O. 12958: DECL: 02/19/2019`` above ``TAGS:``.
    """

    code = "H001"
    name = "missing-eo-line"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.eo is None and not cut_off(cable, "eo"):
            yield Finding(missing_at(cable, "eo"), missing_message(cable, "eo", "E.O. <order>: N/A", "E.O. <order>: DECL: <date>"))


class MalformedEoLine(Rule):
    """An E.O. line that is not ``E.O. <order>: N/A`` or ``E.O. <order>: DECL: <date>``.

    Why: the line names the executive order and either ``N/A`` or when the cable is
    declassified (a date, an exemption such as ``25X1``, ``MR``, or a downgrade
    ``DNG: CO <date>``; cable-format.md 3.4). Typos in the order number (``12598``),
    a misspelt ``DECL`` or a date without ``DECL:`` make the instruction unreadable;
    ``N/A`` without its slash (``NA``, ``N.A.``) and ``OADR`` with one letter wrong
    (``OARD``), which would otherwise read as an event, are reported, and so is an
    instruction wrapped onto the line under the E.O. line (``E.O. 12958:`` /
    ``DECL: 05/14/2011``), once, at that line, and read; a misspelt keyword
    (``E.O 12958``, ``EO. 12958``, ``E.O.12958``, ``E0 12958`` with a zero for the O) is
    reported too, and so is one not in
    capitals (``e.o.``, ``decl:``; cable-format.md 1: caption
    keywords stayed upper case). A date whose year has neither 4 digits nor 2
    (``DECL: 01/11/217``) is named at the year; one written in a form the line does
    not take (``20361201``, ``12-01-2036``, ``December 1, 2036``) is named with the
    date in the line's form (``12/01/2036``, month first as 3.4 reads them) and read
    as that date.
    The archive's punctuation-stripped ``EO 12958 DECL: ...`` is accepted (in a draft,
    whose captions the drafter types, it is reported: cable-format.md 5.5), and so are
    ``E. O. 12958`` (3.4's keyword allows a blank after ``E.``),
    ``Declassify on:`` for ``DECL:``, the older orders' ``GDS``, ``XGDS`` and ``RDS-n``
    instructions, an E.O. line run on to an attention line (``DEPT FOR WHA/BSC
    E.O. 12958: DECL: ...``), and a 25-year exemption with the date it ends on
    (``DECL: 25X1, 12/01/2076``, as E.O. 13526 marks one; its date is checked as a
    DECL date, H012 excepted). ``DECL: N/A``, the two forms run together, is
    reported once, here (not also as H004's contradiction), with the form the
    cable's level asks for: ``N/A`` alone on an unclassified cable, a date or
    exemption after ``DECL:`` on a classified one.

    Bad: ``E.O. 12598: DECL: 03/10/2019``, ``E.O. 12958: 03/10/2019``, ``E.O 12958: N/A``,
    ``E.O. 12958: NA``.
    Good: ``E.O. 12958: DECL: 03/10/2019``.
    """

    code = "H002"
    name = "malformed-eo-line"
    severity = "error"
    needs = ("problems",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "eo_keyword", "eo_order", "eo_value")
        for finding in field_problems(cable, ctx, "eo_decl_na"):
            yield _decl_na(cable, finding, ctx.file.text or "")
        if cable.dialect == "draft":
            yield from field_problems(cable, ctx, "eo_form")


def _decl_na(cable: Cable, finding: Finding, text: str) -> Finding:
    """The finding for ``DECL: N/A`` (the two forms run together), saying which form
    the cable's level asks for: ``N/A`` alone on an unclassified cable, a date or
    exemption after ``DECL:`` on a classified one (the grammar's message, which names
    both, where the level is not known)."""
    rank, level = voted_level(cable)
    if rank is None or level is None:
        return finding
    written = clip(text[finding.span.start : finding.span.end])
    if rank == 0:
        order = cable.eo.order.text if cable.eo is not None and cable.eo.order is not None else "<order>"
        return Finding(finding.span, f"'{written}' on {article(level)} {level} cable: expected 'E.O. {clip(order)}: N/A', without 'DECL:'")
    return Finding(finding.span, f"'{written}' gives no declassification date on {article(level)} {level} cable: expected 'DECL: <date or exemption>'")


class EoOrderAnachronism(Rule):
    """The executive order named was not in force on the cable's date.

    Why: the E.O. line cites the order under which the cable was classified: 12356
    until October 1995, 12958 until June 2010, 13526 after (cable-format.md 3.4). An
    order from another era means a wrong order number or a wrong date. The dates
    are the table's, without a transition window: no real cable cites an order
    outside them. Declassification stamps
    added later (``DECL: DECLASSIFIED BY NARA ...``, ``AS AMENDED ...``) are not checked.

    Bad: ``E.O. 13526: DECL: 03/10/2019`` on a cable dated March 2009.
    Good: ``E.O. 12958: DECL: 03/10/2019`` on that cable.
    """

    code = "H003"
    name = "eo-order-anachronism"
    severity = "warning"
    needs = ("eo",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        eo = cable.eo
        if eo is None or eo.order is None or cable.date is None or eo.order.text not in ORDERS:
            return
        if eo.decl_value is not None:
            value = eo.decl_value.text.upper()
            if "DECLASSIFIED" in value or value.startswith("AS AMENDED"):
                return
        when = cable.date.date()
        start, end, shown = ORDERS[eo.order.text]
        if start <= when and (end is None or when <= end):
            return
        right = [o for o, (s, e, _) in ORDERS.items() if s <= when and (e is None or when <= e)]
        expected = " or ".join(f"E.O. {o}" for o in right) if right else "the order in force then"
        yield Finding(eo.order.span, f"E.O. {clip(eo.order.text)} (in force {shown}) on a cable dated {_day(when)}: expected {expected}")


class EoDeclInconsistent(Rule):
    """``N/A`` on a classified cable, a DECL instruction on an unclassified one, or a DECL
    date that is not after the cable's date.

    Why: ``N/A`` says there is nothing to declassify, which only holds for
    unclassified cables; an unclassified cable has nothing to declassify; and a
    declassification date on or before the cable's own date declassifies it at
    birth (cable-format.md 3.4: none of 1,165 real DECL dates is that early). Where the
    classification line is the slip (the FL4 code and the portion markings agree on
    another level; R008 reports it there), the cable's level is theirs.
    ``DECL: N/A`` is H002's (one slip, one finding).

    Bad: ``S E C R E T ...`` with ``E.O. 12958: N/A``.
    Good: ``E.O. 12958: DECL: 02/19/2019`` on that cable.
    """

    code = "H004"
    name = "eo-decl-inconsistent"
    severity = "error"
    needs = ("eo",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        eo = cable.eo
        rank, level = voted_level(cable)
        if eo is None:
            return
        if eo.na:
            # ("DECL: N/A", N/A read with its DECL, is H002's, which names the form the level asks for)
            if rank is not None and rank >= 1 and eo.decl_keyword is None:
                written = eo.na_text.text if eo.na_text is not None else "N/A"
                says = "N/A" if written == "N/A" else f"'{clip(written)}' (N/A)"  # ('n/a', 'NA': as the text has it)
                yield Finding(eo.na_text.span if eo.na_text is not None else eo.span, f"E.O. line says {says} on a {level} cable: expected 'DECL: <date or exemption>'")
            return
        value = eo.decl_value or eo.decl_keyword
        if value is None:
            return
        if rank == 0 and (eo.declassify_on is not None or eo.exemptions or eo.decl_keyword is not None):
            what = "downgrading" if eo.decl_keyword is not None and eo.decl_keyword.text.upper() == "DNG" else "declassification"
            assert level is not None  # (it has a rank, 0)
            yield Finding(value.span, f"{what} instruction '{clip(value.text)}' on {article(level)} {level} cable: expected N/A")
        elif eo.declassify_on is not None and cable.date is not None and eo.declassify_on <= cable.date.date():
            yield Finding(value.span, f"declassification date {_day(eo.declassify_on)} is not after the cable's date, {_day(cable.date.date())}: expected a later date (usually 10 years out)")


class DeclDateTooFar(Rule):
    """A declassification date more than 25 years after the cable's date, with no exemption.

    Why: the orders cap declassification at 25 years unless an exemption is cited
    (E.O. 12958 and 13526, sec. 1.5; cable-format.md 3.4: real DECL dates are
    10 years out in 79% of cables, 25 at most). Exemptions (``25X1``, ``X1``-``X8``,
    ``50X1``) and ``MR`` replace the date and are not checked. The message gives how
    far out the date is in years, months and days (``25 years and 6 days``).

    Bad: ``E.O. 12958: DECL: 02/19/2049`` on a 2009 cable.
    Good: ``E.O. 12958: DECL: 02/19/2019``, or ``DECL: 25X1`` when exempt.
    """

    code = "H012"
    name = "decl-date-too-far"
    severity = "warning"
    needs = ("eo",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        eo = cable.eo
        if eo is None or eo.declassify_on is None or eo.exemptions or cable.date is None:
            return
        when = cable.date.date()
        try:
            limit = when.replace(year=when.year + _DECL_YEARS)
        except ValueError:  # 29 February
            limit = when.replace(year=when.year + _DECL_YEARS, day=28)
        if eo.declassify_on > limit:
            span = eo.decl_value.span if eo.decl_value is not None else eo.span
            yield Finding(span, f"declassification date {_day(eo.declassify_on)} is {_interval(when, eo.declassify_on)} after the cable's date, {_day(when)}: expected at most {_DECL_YEARS} years, or an exemption such as 25X1")


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(d: date) -> str:
    """A date that cannot be misread, whatever order the cable writes its numbers in
    ("14 Sep 2019"), as ORDERS gives the orders' dates."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _interval(start: date, end: date) -> str:
    """How far *end* is after *start*, in whole years, months and days ("25 years
    and 6 days", "25 years, 2 months and 1 day"), as a reader counts on a calendar:
    the whole months from *start*'s day (the month's last day where it has none: a
    month after 31 January is 28 or 29 February), then the days left."""
    months = (end.year - start.year) * 12 + end.month - start.month
    anchor = _months_on(start, months)
    if anchor > end:
        months -= 1
        anchor = _months_on(start, months)
    years, months = divmod(months, 12)
    parts = [plural(n, unit) for n, unit in ((years, "year"), (months, "month"), ((end - anchor).days, "day")) if n]
    return " and ".join(parts) if len(parts) < 3 else f"{parts[0]}, {parts[1]} and {parts[2]}"


def _months_on(start: date, months: int) -> date:
    """*start* moved on by *months* calendar months, on the month's last day where it
    has no such day."""
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    return date(year, month + 1, min(start.day, month_days(year, month + 1)))


RULES: tuple[type[Rule], ...] = (
    MissingEoLine,
    MalformedEoLine,
    EoOrderAnachronism,
    EoDeclInconsistent,
    DeclDateTooFar,
)
