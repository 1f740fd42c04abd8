"""A: the address block, FM / TO / INFO / XMT (cable-format.md 2.6)."""

from __future__ import annotations

from typing import Iterator, Optional

from cablelint.data import load_stations
from cablelint.grammar.patterns import field
from cablelint.grammar.read_address import alias_post, plad_words as _words
from cablelint.linter.rule import Context, Finding, Rule, field_problems
from cablelint.model import Addressee, Cable
from cablelint.quote import clip
from cablelint.rules._header import PRECEDENCE_NAMES, line_after, precedence_letter, top_to_addressee
from cablelint.rules._posts import fitted_post, post_fits
from cablelint.span import Span

# grammar.assemble.LINE_NAMES["FM_LINE"], which an error's expected lines hold (not
# imported: `cablelint rules` reads this module without the parser; the header
# shapes' tests fail if the two part)
_FM_LINE_NAME = "the FM line"

_COLLECTIVE = field("COLLECTIVE_PLAD")
# The precedence letter of each precedence word on an address line (2.5); an
# addressee without one is ROUTINE. Lowest first.


def post_matches(plad: str, post: str) -> bool:
    """Whether the classification line's *post* names the originator *plad*.

    The post is the PLAD without its prefix (``AMEMBASSY BAMAKO`` -> ``BAMAKO``,
    ``USMISSION USNATO`` -> ``USNATO``, ``IRAN RPO DUBAI`` -> ``RPO DUBAI``): its
    words, spacing and punctuation aside, are a run of the PLAD's words. State's own
    cables say ``STATE`` for ``SECSTATE WASHDC``, and only that (19 of 19 real ones).
    """
    key = "".join(_words(post))
    if not key:
        return True
    alias = alias_post(plad)
    if alias is not None:
        return key == alias
    words = _words(plad)
    for i in range(len(words)):
        joined = ""
        for word in words[i:]:
            joined += word
            if joined == key:
                return True
            if len(joined) >= len(key):
                break
    return False


def _header_above_address(cable: Cable) -> Optional[tuple[int, str]]:
    """The line the address block goes under, and what to call it: the routing
    header's last line, or a legacy header's date-time group line (2.8); None when
    the cable has neither."""
    if cable.routing is not None:
        end = cable.routing.span.end_line
        return end, f"the routing header, which ends on line {end}"
    if cable.legacy_dtg is not None:
        end = cable.legacy_dtg.span.end_line
        return end, f"the date-time group line on line {end}"
    return None


def _address_on_top(cable: Cable) -> Optional[Addressee]:
    """The first TO or INFO line of an address block that stands at the top of the
    cable, with neither a routing header nor a date-time group line over it, above
    the classification line (a moved one stands under it: S001's); None otherwise."""
    if cable.routing is not None or cable.legacy_dtg is not None:
        return None
    first = min((*cable.to[:1], *cable.info[:1]), key=lambda a: a.span.line, default=None)
    if first is None or (cable.classification is not None and first.span.line > cable.classification.span.line):
        return None
    return first


def _before(line: Addressee) -> Span:
    """Where a line missing above the address line *line* was expected: a zero-width
    span at its start (it is not at fault, as line_after says)."""
    at = line.span
    return Span(at.line, at.column, at.line, at.column, at.start, at.start)


class MissingFromLine(Rule):
    """The header has no ``FM`` line: a routing header, a date-time group line or TO lines without it.

    Why: every transmitted cable names its originator by PLAD on the FM line right
    after the format lines (5 FAH-2 H-232, cable-format.md 2.6), and a legacy header
    is its date-time group line over the FM line (2.8); without it the recipient
    cannot tell who sent the message. A date-time group line at the top of a partial
    extract or of a draft started from one, with TO lines under it, is held to the
    same: the FM line goes between them; and so are TO or INFO lines at the top of
    the cable with neither over them (the FM line goes above them). A line that
    stands where the FM line belongs and cannot be placed there is R011's (S004's
    under a date-time group line), which quotes it and names the FM line: it is not
    reported twice.

    Bad: ``R 271005Z MAY 09`` followed directly by ``TO RUEHC/SECSTATE WASHDC 0412``.
    Good: ``R 271005Z MAY 09`` / ``FM AMEMBASSY BAMAKO`` / ``TO RUEHC/SECSTATE WASHDC 0412``.
    """

    code = "A001"
    name = "missing-from-line"
    severity = "error"
    dialects = ("telegram",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.from_line is not None:
            return
        above = _header_above_address(cable)
        if above is not None:
            after, what = above
            at = line_after(cable, after)
            if any(err.span.line == at.line and _FM_LINE_NAME in err.expected for err in cable.errors):
                # a line that cannot stand where the FM line belongs: R011 (S004 under
                # a date-time group line) quotes it and names the FM line expected
                # there, in every dialect; one slip, one finding
                return
            yield Finding(at, f"no FM line: expected 'FM <originator PLAD>' (e.g. FM AMEMBASSY BAMAKO) after {what}")
            return
        first = _address_on_top(cable)
        if first is not None:
            yield Finding(_before(first), f"no FM line: expected 'FM <originator PLAD>' (e.g. FM AMEMBASSY BAMAKO) above the {first.role} line on line {first.span.line}")


class MissingToLine(Rule):
    """No ``TO`` line after ``FM``.

    Why: a cable has at least one action addressee, on the TO line and the lines
    after it; information addressees follow under INFO (5 FAH-2 H-233,
    cable-format.md 2.6). With no FM line either, the TO line is expected after the
    routing header, or after a legacy header's date-time group line (2.8), or above
    INFO lines at the top of the cable.

    Bad: ``FM AMEMBASSY BAMAKO`` followed directly by ``INFO RUEHZK/ECOWAS COLLECTIVE``.
    Good: ``FM AMEMBASSY BAMAKO`` / ``TO RUEHC/SECSTATE WASHDC 0412`` / ``INFO ...``.
    """

    code = "A002"
    name = "missing-to-line"
    severity = "error"
    dialects = ("telegram",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.to:
            return
        if cable.from_line is not None:
            after = cable.from_line.span.end_line
            what = f"the FM line on line {after}"
        else:
            above = _header_above_address(cable)
            if above is None:
                first = _address_on_top(cable)  # (INFO lines alone at the top)
                if first is not None:
                    yield Finding(_before(first), f"no TO line: expected 'TO <action addressee>' (e.g. TO RUEHC/SECSTATE WASHDC) above the INFO line on line {first.span.line}")
                return
            after, what = above
        yield Finding(
            line_after(cable, after),
            f"no TO line: expected 'TO <action addressee>' (e.g. TO RUEHC/SECSTATE WASHDC) after {what}",
        )


class MalformedAddressee(Rule):
    """An address line that is not ``[RI/]PLAD [PRECEDENCE WORD] [serial]``, or not in its place.

    Why: the address lines are read by the terminal: a misspelt precedence word
    (``PRIOITY``) is taken as part of the address, and a serial that is not four
    digits is not one (cable-format.md 2.6); a tab parts the address's words as a
    space does (cable-format.md 0). Also reported: a misspelt keyword
    (``INF0``) or PLAD prefix (``AMEMBASY``), the TO line's keyword lost (an
    addressee with a routing indicator, precedence word or serial right under the FM
    line, or a bare PLAD of two words or more there, ``AMEMBASSY OSLO``, that says no
    FOR or PASS as an attention line does; every real FM line has its TO line right
    under it), a serial written
    twice or typed with letters for digits (``OO42``), a blank
    before or after the routing indicator's slash (``RUEHDK /AMEMBASSY DAKAR``), an
    address line run on into another, an address line indented (named at the
    indent; the line is read as the FM, TO or INFO line or addressee it is), and FM,
    TO, INFO or XMT lines out of their order. A second FM line, indented or not, is
    one finding, over its keyword and any indent before it: the line is to go. A
    misspelt keyword out of its order (``T0 AMEMBASSY PARIS`` under the TO line) is
    one finding too, naming both. A passing or attention line inside the address
    block (``PASS TO USAID FOR AA/LAC``, after a blank line or not, with address lines
    under it) is reported where it stands: real cables write it under the
    classification line (cable-format.md 3.3); the block is read on under it. So is
    one inside an address block moved under the classification line, when the next
    block's TO, INFO or XMT line stands right under it (S001 names the move once).

    ``NIACT`` alone (its ``IMMEDIATE`` dropped) is reported as such, not read as a
    word of the address. A colon after the keyword (``FM: AMEMBASSY BAMAKO``,
    ``TO: RUEHC/SECSTATE WASHDC``) is reported at the colon, and the address after
    it read.

    Bad: ``TO RUEHC/SECSTATE WASHDC PRIOITY 0412``.
    Good: ``TO RUEHC/SECSTATE WASHDC PRIORITY 0412``.
    """

    code = "A003"
    name = "malformed-addressee"
    severity = "error"
    needs = ("problems",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "addressee", "address_order", "address_indent", "address_keyword")


class OriginMismatch(Rule):
    """The post in ``FM`` disagrees with the post on the classification line.

    Why: the classification line names the originating post, the FM PLAD without
    its prefix (``AMEMBASSY BAMAKO`` -> ``BAMAKO``, ``SECSTATE WASHDC`` -> ``STATE``;
    1,091 of 1,094 real cables agree, cable-format.md 3.1). A mismatch means the
    header and the text belong to different cables.

    A post with a digit typed in it (``BAMAK0``) is C002's alone. When the page
    headers name the FM line's post and none names the classification line's, the
    classification line is the one out-voted, and the finding is at its post.

    Bad: ``FM AMEMBASSY PARIS`` over ``C O N F I D E N T I A L MOSCOW 005154``.
    Good: ``FM AMEMBASSY BAMAKO`` over ``UNCLAS BAMAKO 000097``.
    """

    code = "A004"
    name = "origin-mismatch"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        fm, cls = cable.from_line, cable.classification
        if fm is None or fm.address is None or any(p.field == "addressee" for p in fm.problems):
            return
        if cls is None or cls.post is None:
            return
        if post_matches(fm.address.text, cls.post.text) or any(p.span == cls.post.span for p in cls.problems):
            return  # (a post with a digit typed in it is C002's)
        outvoted = self._outvoted(cable, fm.address.text, cls.post.text)
        if outvoted is not None:
            yield Finding(cls.post.span, outvoted)
            return
        alias = alias_post(fm.address.text)
        post = f" ({alias} for {clip(fm.address.text)})" if alias is not None else ""
        yield Finding(
            fm.address.span,
            f"FM line names '{clip(fm.address.text)}' but the classification line on line {cls.span.line} names "
            f"'{clip(cls.post.text)}': expected the same originating post in both{post}",
        )

    @staticmethod
    def _outvoted(cable: Cable, plad: str, post: str) -> Optional[str]:
        """The message for the classification line's post when the page headers side
        with the FM line (each names its post, none the classification line's): the
        classification line is the odd one out, or None."""
        name, written = plad.upper(), post.upper()
        siding = [ph for ph in cable.page_headers if post_fits(ph.post.upper(), [name])]
        if not siding or len(siding) < len(cable.page_headers) or any(post_fits(ph.post.upper(), [written]) for ph in cable.page_headers):
            return None
        meant = clip(fitted_post(siding[0].post.upper(), name) or name)  # (it fits: the page headers side with it)
        count = f"{len(siding)} page headers" if len(siding) > 1 else "the page header"
        return f"classification line names '{clip(post)}' but the FM line ('{clip(plad)}') and {count} name '{clip(meant)}': expected '{clip(meant)}'"


class ToPrecedenceMismatch(Rule):
    """The highest precedence on the TO lines disagrees with the FL5 precedence letter.

    Why: FL5's first letter (a legacy header's too) is the action precedence, the
    highest precedence among the action (TO) addressees, an addressee without a
    precedence word being ROUTINE; in 1,112 of 1,117 real cables they agree
    (cable-format.md 2.5, 6.1; 5 FAH-2 H-421), so a disagreement means one of them
    was mistyped or edited by hand. Where the FL2 prosign already disagrees with
    FL5, R010 reports that instead, and a misspelt precedence word is A003's.

    Bad: ``P 271005Z MAY 09`` over ``TO RUEHC/SECSTATE WASHDC IMMEDIATE 0412``.
    Good: ``O 271005Z MAY 09`` over ``TO RUEHC/SECSTATE WASHDC IMMEDIATE 0412``.
    """

    code = "A005"
    name = "to-precedence-mismatch"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        dtg = cable.routing.dtg_line if cable.routing is not None else cable.legacy_dtg
        if dtg is None or dtg.precedence is None or dtg.precedence.text not in PRECEDENCE_NAMES or not cable.to:
            return
        action = dtg.precedence.text
        fl2 = cable.routing.precedence_line if cable.routing is not None else None
        if fl2 is not None and fl2.prosign is not None and fl2.prosign.text[:1] in PRECEDENCE_NAMES and fl2.prosign.text[0] != action:
            return  # FL2 and FL5 disagree: R010's
        top = top_to_addressee(cable)
        if top is None:
            return  # a TO address that cannot be trusted: A003's
        letter = precedence_letter(top)
        if letter == action:
            return
        name, line = PRECEDENCE_NAMES[action], dtg.span.line
        if top.precedence is not None:
            wanted = f"{name} (or no precedence word)" if action == "R" else name
            yield Finding(
                top.precedence.span,
                f"TO precedence '{clip(top.precedence.text)}' disagrees with precedence '{action}' ({name}) on line {line}: expected {wanted}, or '{letter}' on line {line}",
            )
        else:
            yield Finding(
                dtg.precedence.span,
                f"precedence '{action}' ({name}) disagrees with the TO addressees, which have no precedence word (ROUTINE): expected R, or {name} on the TO line",
            )


class CollectiveWithSerial(Rule):
    """A collective addressee (``<NAME> COLLECTIVE``) carries a 4-digit serial.

    Why: the addressee serial numbers the messages that State's network delivers to
    one post (SECSTATE, AMEMBASSY, AMCONSUL, USMISSION: 93 to 99% of their lines);
    a collective stands for many posts and almost never carries one (5 of 1,087
    real collective lines; cable-format.md 2.6, 6.2; 5 FAH-2 H-231), so one there
    is worth a look. An address line that A003 reports (a serial of 3 digits, say)
    is A003's alone.

    Bad: ``RUCNCIS/CIS COLLECTIVE 1521``.
    Good: ``RUCNCIS/CIS COLLECTIVE``.
    """

    code = "A006"
    name = "collective-with-serial"
    severity = "info"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        for addressee in (*cable.to, *cable.info):
            address, serial = addressee.address, addressee.serial
            if address is None or serial is None or not _COLLECTIVE.fullmatch(address.text):
                continue
            if any(p.field == "addressee" for p in addressee.problems):
                continue  # the line is A003's
            yield Finding(
                serial.span,
                f"collective '{clip(address.text)}' carries the addressee serial '{clip(serial.text)}': "
                f"expected no serial on a collective (serials number a single post's traffic)",
            )
class StationMismatch(Rule):
    """The DE line's station routing indicator is not the one the FM post sends from.

    Why: the station RI on the DE line is the originating post's own indicator and
    is constant per post (cable-format.md 2.3: 115 posts, each with one DE
    indicator, Paris also ``RUEHFRA``); other traffic's address lines give the post
    the same indicator (``RUEHBP/AMEMBASSY BAMAKO``, 2.6). The indicator of another
    post means the routing header was edited by hand or belongs to another cable
    (6.2). The known pairs are a table of the indicators observed for State's posts
    (AMEMBASSY, AMCONSUL, USMISSION, SECSTATE, ...) on their address lines and DE
    lines in archive traffic; a post the table does not know is not checked. A
    malformed station or FM address is R003's, R006's or A003's, and an FM post
    that disagrees with the classification line is A004's: no finding here then.

    Bad: ``DE RUEHDK #0097/01 1471005`` over ``FM AMEMBASSY BAMAKO``.
    Good: ``DE RUEHBP #0097/01 1471005`` over ``FM AMEMBASSY BAMAKO``.
    """

    code = "A007"
    name = "station-mismatch"
    severity = "info"
    needs = ("routing",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        de = cable.routing.de_line if cable.routing is not None else None
        fm = cable.from_line
        if de is None or de.station is None or fm is None or fm.address is None:
            return
        station = de.station
        if any(p.span.start <= station.span.start < max(p.span.end, p.span.start + 1) for p in de.problems):
            return  # a malformed DE line or station: R003's, R006's
        if any(p.field == "addressee" for p in fm.problems):
            return
        cls = cable.classification
        if cls is not None and cls.post is not None and not post_matches(fm.address.text, cls.post.text):
            return  # the FM line disagrees with the text: A004's
        stations = load_stations()
        known = stations.get(" ".join(fm.address.text.upper().split()))
        if known is None or station.text in known:
            return
        owners = [plad for plad, ris in stations.items() if station.text in ris]
        whose = f" (the indicator of {owners[0]})" if len(owners) == 1 else ""
        yield Finding(
            station.span,
            f"DE station {clip(station.text)}{whose} is not the indicator of {clip(fm.address.text)}, the FM post on line {fm.span.line}: expected {' or '.join(known)}",
        )


RULES: tuple[type[Rule], ...] = (
    MissingFromLine,
    MissingToLine,
    MalformedAddressee,
    OriginMismatch,
    ToPrecedenceMismatch,
    CollectiveWithSerial,
    StationMismatch,
)
