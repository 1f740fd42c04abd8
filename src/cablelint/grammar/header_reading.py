"""The lexer's reading of one cable's header lines, corrected line by line.

:class:`HeaderReading` is made for each cable; its :meth:`~HeaderReading.place` takes
the lexer's first choice for a line of the routing header, the address block or the
captions and corrects it with what was read above (an FM line, the subject, the
classification line, where the TAGS line stands) and the tests of
:class:`~cablelint.grammar.header_lines.HeaderLines` on the lines around it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from lark.parsers.lalr_analysis import Shift

from cablelint.data import load_tags
from cablelint.grammar.address_lines import continuation_keyword, zero_slip_keyword
# the groups of terminals are the header line tests' own, shared within the package
from cablelint.grammar.header_lines import (
    _ADDRESS_LINES,
    _ANY_LINE,
    _CAPTION_LINES,
    _HEADER_CONTEXT,
    _HEADER_LINES,
    _HEADER_SET,
    _MOVED_ADDRESS_LINES,
    _PRE_LINES,
    _WRAPPER_FIRST,
    ADDRESS_BLOCK,
    SUBJECT_LINES,
    TOP_OF_CABLE,
    HeaderLines,
)
from cablelint.grammar.line_tokens import LineError
from cablelint.grammar.read_caveat_runs import caveat_or_slip
from cablelint.grammar.read_classline import misspelt_class_line
from cablelint.grammar.read_release import release_line
from cablelint.grammar.read_tags import bare_tags, person_tag_wrapped
from cablelint.grammar.segment import Seg
from cablelint.grammar.source import Source

if TYPE_CHECKING:
    from cablelint.grammar.candidates import _Candidates

# the keyword lines of a moved address block's next block (see HeaderReading.place)
_BLOCK_KEYWORDS = ("TO", "INFO", "XMT")


class HeaderReading:
    """The lexer's reading of one cable's header lines: :meth:`place` corrects its first
    choice for a line, with what was read above it (an FM line, the subject, the
    classification line, where the TAGS line stands)."""

    __slots__ = ("judge", "src", "lines", "last", "errors", "states", "parser_state", "has_fm", "has_subject", "after_class", "caveat_above", "tags_under_subject", "tags_hold_subject")

    def __init__(self, judge: HeaderLines, src: Source, last: int, states: dict[Any, dict[str, Any]], parser_state: Any) -> None:
        self.judge = judge
        self.src = src
        self.lines = src.lines
        self.last = last  # the last content line (see TextEnd)
        self.errors: list[LineError] = src.errors
        self.states = states
        self.parser_state = parser_state
        self.has_fm = False  # whether an FM line was read (the header's, or one moved)
        self.has_subject = False  # whether a SUBJECT line was read (or run on to the TAGS line)
        self.after_class = False  # whether the classification line was read
        # whether a handling caption (or a classification line among them) was read
        # above the captions at the text's head, before the classification line
        self.caveat_above = False
        self.tags_under_subject = False  # whether the TAGS line stands right under the subject
        self.tags_hold_subject = False  # whether the SUBJECT line is run on to the TAGS line

    def _caption_goes_on(self, text: str, found: str, previous: str) -> bool:
        """Whether the TO line *text* (read as *found*) under a SUBJECT or REF caption
        (*previous*) of a cable with no FM line is that caption's prose going on
        ("SUBJECT: SECRETARY'S LETTER" / "TO EMBASSY PARIS"): TO before a bare
        address, with no routing indicator, precedence or serial ("TO
        RUEHFR/AMEMBASSY PARIS IMMEDIATE 1234" is the TO line moved there, and so is
        an INFO or XMT line, which no prose starts)."""
        if self.has_fm or found != "TO_LINE" or previous not in _PROSE_CAPTIONS:
            return False
        words = text.split(None, 1)
        m = self.judge.addressee.fullmatch(words[1].strip()) if len(words) == 2 else None
        return m is None or all(m.group(g) is None for g in ("addr_ri", "addr_prec", "addr_serial"))

    def place(self, i: int, text: str, candidates: _Candidates, accepted: dict[str, Any], state: Any, zone: int, previous: str) -> Optional[str]:
        """The terminal the non-blank line *i* (or a blank one the parser does not
        accept) is read as, in *state* (whose table is *accepted*, whose *candidates*
        the lexer gave) in *zone* (see LineLexer.lex), under a line read as *previous*;
        None when it cannot be placed (recorded in the source's errors)."""
        judge = self.judge
        states = self.states
        stack = self.parser_state.state_stack
        found = candidates.first(text)
        if found in _WRAPPER_FIRST and not (judge.wrappers and judge.wraps(self.lines, i, self.last, found, states, stack)):
            # no message follows: the line is what it also fits, as if there were no wrappers
            found = next((n for n, p in candidates.pairs if n not in _WRAPPER_FIRST and p.fullmatch(text)), None)
        if found in _AFTER_CAPTIONS:
            found = self._after_captions(i, text, found, candidates)
        if found == "FM_LINE" and previous in _CLASS_LINES and text.lstrip()[:4] == "FROM" and judge.from_address.fullmatch(text) is None:
            # "FROM THE AMBASSADOR ..." under the classification line: a passing
            # line (3.3), not an address block moved there (S001); FROM is the
            # FM line written out only before an address
            found = next((n for n, p in candidates.pairs if n != "FM_LINE" and p.fullmatch(text)), None)
        elif found in _MOVED_ADDRESS_LINES and (
            (previous in _CLASS_LINES and not judge.moved_address(text))
            # among the handling captions, only in a cable with an FM line: a
            # partial extract's "INFO AMEMBASSY ..." after SIPDIS is what it kept
            or (previous in _PRE_LINES and (not self.has_fm or not judge.moved_address(text)))
            # among the E.O./TAGS/SUBJECT/REF/Classified By captions, only before an
            # address or after the keyword typed with a zero, which no caption's
            # continuation starts with ("TAGS: PREL" / "T0 AMEMBASSY"); under the
            # E.O. line, the TAGS list or a page header with or without an FM line (no
            # partial extract keeps an address line there); not a subject's or a
            # reference's prose going on (_caption_goes_on)
            or (
                previous in _CAPTION_AREA
                and not zero_slip_keyword(text)
                and (not judge.moved_address(text) or self._caption_goes_on(text, found, previous))
            )
            # at the top, before any header line: an address block without its FM
            # line (A001) only before an address, not a received copy's distribution
            # line ("INFO LOG-00 EEB-00 ...")
            or (previous in TOP_OF_CABLE and not judge.moved_address(text))
        ):
            # likewise "TO THE SECRETARY FROM ...": a passing line, not the TO
            # line moved there; an address line needs an address after its keyword
            # (and a line that fits here: "TO THE ..." has the loose shape of FL2)
            moved = found
            found = next((n for n, p in candidates.pairs if n not in _MOVED_ADDRESS_LINES and p.fullmatch(text) and judge.shiftable(states, stack, n)), None)
            if found in _AFTER_CAPTIONS:
                # what the line is first read as among the captions, corrected as
                # above ("E.O. ..." / "INFO AMEMBASSY PARIS" with no FM line: the text)
                found = self._after_captions(i, text, found, candidates)
            if (
                previous not in _CLASS_LINES
                and previous not in TOP_OF_CABLE
                and (found is None or (found == "TEXT_LINE" and "EO_LINE" in accepted and judge.caption_follows(self.src, i, accepted)))
                and (judge.moved_address(text) or zero_slip_keyword(text))
                and judge.shiftable(states, stack, moved)
            ):
                # refused among the handling captions for want of an FM line, and
                # nothing else can stand here: text above a caption is a stray line
                # (S004, see place_name), as in "SIPDIS" / "TO AMEMBASSY PARIS" /
                # "E.O. 12958: N/A". The address line moved among the captions, as
                # the grammar reads it (S001 names the move, A001 the missing FM
                # line); so is "T0 ..." or "INF0 ..." whatever follows the keyword,
                # which no prose starts with
                found = moved
        elif (
            found == "ATTN_LINE"
            and previous == "FM_LINE"
            and "TO_LINE" in accepted
            and (addressee := judge.addressee.fullmatch(text)) is not None
            and (
                any(addressee.group(g) is not None for g in ("addr_ri", "addr_prec", "addr_serial"))
                or (" " in addressee.group("addr_plad") and not judge.attention_under_address(text))
            )
            and judge.shiftable(states, stack, "TO_LINE")
        ):
            # "RUEHC/SECSTATE WASHDC 3577", "SECSTATE WASHDC 5823" or a bare PLAD,
            # "AMEMBASSY OSLO", right under the FM line: the TO line that lost its
            # keyword (A003 names it), not an attention line (which has no routing
            # indicator, precedence or serial, and says FOR or PASS: "DEPT FOR EUR";
            # a one-word line, "CODEL", stays one too). Every real FM line has its
            # TO line right under it.
            found = "TO_LINE"
        elif (
            found == "ADDR_CONT_LINE"
            and self.after_class
            and "ATTN_LINE" in accepted
            and judge.attention_under_address(text)
            and not (i + 1 < self.last and continuation_keyword(self.lines[i + 1].text) in _BLOCK_KEYWORDS)
            and judge.shiftable(states, stack, "ATTN_LINE")
        ):
            # an attention or passing line right under an address block moved
            # below the classification line ("TO RUEHC/SECSTATE WASHDC" / "DEPT
            # FOR EUR/NB"): the block ends above it, as a blank line would end it;
            # but with the next block's keyword line right under it ("INFO AMEMBASSY
            # ..."), it stands inside the moved block, which goes on: the builder names
            # it there (A003), as inside the header's
            found = "ATTN_LINE"
        elif found == "ADDR_CONT_LINE" and not self.after_class and judge.format_line(text):
            # a format line under an address block that stands inside the routing
            # header ("TO RUEHC/SECSTATE WASHDC" above "DE RUEHRK #0687 ..."): out of
            # its place (R011 names it), not one more addressee
            self.errors.append(LineError(i, tuple(n for n in judge.names(accepted, zone) if judge.shiftable(states, stack, n))))
            return None
        if found in _ANY_LINE and previous in TOP_OF_CABLE and "FL1_LINE" in accepted and judge.cut_routing(self.lines, i, self.last):
            # the format lines of a routing header cut above its FL1 line, down to the
            # DTG line (read as a legacy header's): each out of its place, not text
            self.errors.append(LineError(i, ("FL1_LINE",)))
            return None
        # a line that fits a header line but none the parser accepts here (an
        # accepted one that fits would be found: the candidates hold them all)
        if (
            previous in _HEADER_CONTEXT
            and zone != 2  # after the text only trailers count
            and found not in _HEADER_SET
            and judge.header_misfit(text, state, accepted)
        ):
            # (what may stand here: the next format line, or the address block's FM or TO line)
            self.errors.append(LineError(i, tuple(n for n in judge.order if n in accepted and n in _HEADER_LINES)))
            return None
        if found == "TAGS_CONT_LINE" and self.errors and self.errors[-1].index == i - 1:
            # the TAGS list ended above the line that could not be placed ("SUBJCT
            # MALI: ..."): a line in capitals under that one goes with it, not
            # with the TAGS list ("COMPLETION" is no tag)
            self.errors.append(LineError(i, self.errors[-1].expected))
            return None
        if previous in ("TAGS_LINE", "TAGS_CONT_LINE") and "TAGS_CONT_LINE" in accepted and found != "TAGS_CONT_LINE" and person_tag_wrapped(self.lines[i - 1].text, text):
            # a person tag wrapped at the line's end ("OVIP (CLINTON," / "HILLARY) IC"):
            # the TAGS list goes on, the tag read across the break
            found = "TAGS_CONT_LINE"
        elif (
            self.tags_under_subject
            and previous in ("TAGS_LINE", "TAGS_CONT_LINE")
            and "TAGS_CONT_LINE" in accepted
            and (found is None or (found == "TEXT_LINE" and "EO_LINE" in accepted and judge.caption_follows(self.src, i, accepted)))
        ):
            # the TAGS line moved into the subject, above its last lines ("CFK'S
            # FORMER CABINET CHIEF", a caption below them): read with the TAGS
            # list, whose builder gives the lines that name no tag back to the
            # subject (H010 names the move)
            found = "TAGS_CONT_LINE"
        elif self.tags_hold_subject and previous in ("TAGS_LINE", "TAGS_CONT_LINE") and "TAGS_CONT_LINE" in accepted and found in (None, "TEXT_LINE"):
            # the SUBJECT line run on to the TAGS line ("TAGS PREL, FR SUBJECT:
            # PRESIDENT ..."): the lines right under it are the subject's, which
            # the builder gives them (H006 names the run-on line)
            found = "TAGS_CONT_LINE"
        elif (
            previous in ("TAGS_LINE", "TAGS_CONT_LINE")
            and not self.has_subject
            and not self.tags_under_subject
            and found in (None, "TEXT_LINE", "TAGS_CONT_LINE")
            and "SUBJECT_LINE" in accepted
            and judge.prose_under_tags(text)
            and not judge.subject_follows(self.src, i)
            and judge.shiftable(states, stack, "SUBJECT_LINE")
        ):
            # a line of prose under the TAGS list where no SUBJECT line follows:
            # the SUBJECT line that lost its keyword (H009 names it)
            found = "SUBJECT_LINE"
        if found is not None and accepted[found][0] is not Shift and not judge.shiftable(states, stack, found):
            # a lookahead the LALR table merged in from another context (the blank
            # lines after FL1 and after the class line are one state): the parser
            # would reduce on it and then reject it
            other = next((n for n, p in candidates.pairs if p.fullmatch(text) and judge.shiftable(states, stack, n)), None)
            if found in _HEADER_LINES and other not in _CAPTION_LINES and not (other == "ADDR_CONT_LINE" and found in _ADDRESS_LINES):
                # a header line that cannot stand here is an error, unless it also
                # reads as a caption ("EO 11652 GDS" has the loose shape of FL2),
                # or is an address line with its keyword inside an address block
                # ("INFO ..." again under INFO's addressees): an address line there,
                # which the builder reads (A003 names the keyword or the address)
                self.errors.append(LineError(i, tuple(n for n in judge.names(accepted, zone) if judge.shiftable(states, stack, n))))
                return None
            found = other
        if found is None:
            # after the text only the trailer's lines are expected
            names = judge.names(accepted, zone) if zone == 2 else [n for n in judge.order if n in accepted]
            self.errors.append(LineError(i, tuple(names)))
            return None
        name = found
        if name == "PAGE_HEADER_LINE" and previous in ADDRESS_BLOCK and "ADDR_CONT_LINE" in accepted:
            # a printed copy's page line inside its address list: the list goes
            # on after it (the builder reads no addressee from it)
            name = "ADDR_CONT_LINE"
        if name == "TEXT_LINE" and "CAVEAT_LINE" in accepted and judge.odd_caveat.fullmatch(text) and caveat_or_slip(text.strip()):
            # among the E.O./TAGS/SUBJECT captions (the one state where text and
            # a caveat line are both accepted), a caveat with a letter wrong
            # ("EXDISS"): a caveat line, for C006 to name, not text
            name = "CAVEAT_LINE"
        if name == "ATTN_LINE" and text.lstrip()[:3] == "REL" and " E.O. " not in text and release_line(Seg.whole(self.lines[i])):
            # where the captions go, a release read whole whose countries the caption
            # line's pattern does not read ("REL TO: USA, GBR", "REL TO UNITED KINGDOM",
            # "REL TO USA, ISRAEL"): a caption line, for C006 to name, not an attention
            # line ("REL TO THE EMBASSY" is one; and one that swallowed an E.O. line,
            # which the builder splits off)
            name = "CAVEAT_LINE"
        if name == "ADDR_CONT_LINE" and "CLASS_LINE" in accepted and misspelt_class_line(text) and judge.shiftable(states, stack, "CLASS_LINE"):
            # the classification line, its level misspelt, right under the
            # address block with no blank line between ("UNCLASS BAMAKO 000341")
            name = "CLASS_LINE"
        if name == "TEXT_LINE" and "EO_LINE" in accepted and judge.caption_follows(self.src, i, accepted):
            if "TAGS_LINE" in accepted and bare_tags(text, load_tags()):
                # a TAGS list that lost its keyword ("PREL PGOV KDEM ML"): the TAGS
                # line, for H006 to name the keyword (never a line of prose: every
                # word a tag of the vocabulary)
                name = "TAGS_LINE"
            else:
                self.errors.append(LineError(i, tuple(n for n in _CAPTION_LINES if n in accepted)))
                return None
        if previous == "DTG_LINE" and name in _ANY_LINE and judge.address_follows(self.lines, i, accepted):
            self.errors.append(LineError(i, ("FM_LINE",) if "FM_LINE" in accepted else ("TO_LINE",)))
            return None
        if name == "TAGS_LINE":
            self.tags_under_subject = previous in SUBJECT_LINES
            self.tags_hold_subject = "SUBJ" in text and judge.tags_run_on_subject.search(text) is not None
            self.has_subject = self.has_subject or self.tags_hold_subject
        elif name == "SUBJECT_LINE":
            self.has_subject = True
        elif name == "FM_LINE":
            self.has_fm = True
        elif name in _CLASS_LINES:
            self.after_class = True
        elif name in _CAVEAT_ABOVE and not self.after_class and "MOVED_CLASS_LINE" not in accepted:
            # (a state that takes MOVED_CLASS_LINE is one after the first caption)
            self.caveat_above = True
        return name

    def _after_captions(self, i: int, text: str, found: str, candidates: _Candidates) -> Optional[str]:
        """Line *i*, after captions read before the classification line and first read
        as *found* (one of _AFTER_CAPTIONS), corrected: see cable.lark's moved_top."""
        if found == "PASS_ABOVE_CLASS_LINE":
            if self.judge.passing_over_class(self.lines, i, self.last):
                return found
            # a line that is no passing line over the classification line: what else it
            # fits (the candidates above it did not)
            return _next_fit(candidates, found, text)
        if self.after_class:
            return found
        if found == "SUBJECT_CONT_LINE":
            # the subject's next line, but a passing line over the classification line
            # ends the subject moved above that line (as a blank line would)
            if self.judge.passing_over_class(self.lines, i, self.last) and self.judge.shiftable(self.states, self.parser_state.state_stack, "PASS_ABOVE_CLASS_LINE"):
                return "PASS_ABOVE_CLASS_LINE"
            return found
        if not self.caveat_above and self.judge.shiftable(self.states, self.parser_state.state_stack, "ANCHOR_CLASS_LINE"):
            # the classification line under captions at the text's head, with no
            # handling caption above them (then it is the line moved, under the whole
            # head: S001 names it), with or without passing lines, or handling captions
            # among or under them: the text's head, and what stands above it moved
            return "ANCHOR_CLASS_LINE"
        return found


def _next_fit(candidates: _Candidates, found: str, text: str) -> Optional[str]:
    """The first candidate after *found* (which *text* fits first) that *text* fits."""
    names = candidates.names
    patterns = candidates.patterns
    return next((n for n in names[names.index(found) + 1 :] if patterns[n].fullmatch(text) is not None), None)


# the text's classification line: where it belongs, or under captions moved above it
# (cable.lark's moved_top)
_CLASS_LINES = ("CLASS_LINE", "ANCHOR_CLASS_LINE")
# the lines of the captions (cable.lark's main_part), which TO, INFO or XMT lines moved
# among them may follow
_CAPTION_AREA = frozenset((*_CAPTION_LINES, "TAGS_CONT_LINE", "SUBJECT_CONT_LINE", "REF_CONT_LINE", "REF_MORE_LINE", "CLSBY_CONT_LINE", "PAGE_HEADER_LINE", "MOVED_CLASS_LINE"))
# the captions whose text may go on over lines of prose (their continuation lines,
# catch-alls): "TO EMBASSY PARIS" under the SUBJECT line may be the subject's end
_PROSE_CAPTIONS = frozenset(("SUBJECT_LINE", "SUBJECT_CONT_LINE", "REF_LINE", "REF_CONT_LINE", "REF_MORE_LINE"))
# what a line after the captions is first read as that _after_captions corrects
_AFTER_CAPTIONS = frozenset(("PASS_ABOVE_CLASS_LINE", "MOVED_CLASS_LINE", "SUBJECT_CONT_LINE"))
# the lines above the captions at the text's head after which a classification line
# among or under them is the one moved there (caveat_above): a handling caption, or a
# classification line read among them
_CAVEAT_ABOVE = frozenset(("CAVEAT_LINE", "ODD_CAVEAT_LINE", "LATE_CLASS_LINE"))
