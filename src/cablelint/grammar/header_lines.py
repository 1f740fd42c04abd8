"""What a line in the routing header, the address block or the captions is.

The line lexer (lexer.py) offers a line the terminals the parser accepts in its state
and takes the first that fits. Around the header that first choice is sometimes wrong:
a line that fits a header line where none can stand, an address line that lost its
keyword or was moved under the classification line, a stray line between captions, a
TAGS list that swallowed the subject, a wrapper around the message. :class:`HeaderLines`
holds the tests that look at the lines around one (per lexer, with the lexer's tables);
``header_reading.HeaderReading`` corrects the lexer's choice for each line of one cable,
with what it has read of that cable so far, using them and the groups of terminals below.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

from cablelint.data import load_tags
from cablelint.grammar.patterns import field
from cablelint.grammar.address_lines import address_after_keyword, agency_plad, continuation_keyword, legacy_addressee, passing_line
from cablelint.grammar.read_classline import misspelt_class_line
from cablelint.grammar.source import Source, SourceLine

if TYPE_CHECKING:
    from cablelint.grammar.candidates import _Candidates

# Lines after which a blank line may fall inside the address block by mistake (the
# lexer passes over it when another addressee, the next block's keyword line or the
# FM line follows).
ADDRESS_BLOCK = frozenset(("DTG_LINE", "FM_LINE", "TO_LINE", "INFO_LINE", "XMT_LINE", "ADDR_CONT_LINE"))
# How many passing lines, blank lines aside, may stand after a blank line under an
# address block above an address line that goes on with the block, or over the
# classification line (see _after_passing_lines).
_PASSING_LINES = 3
# While the routing header is being read, a header line that cannot stand where it is
# is an error (missing or out-of-order format line), not the start of the text.
_HEADER = ("FL2_LINE", "DE_LINE", "SECURITY_LINE", "DTG_LINE", "FM_LINE", "TO_LINE", "INFO_LINE", "XMT_LINE")
_HEADER_CONTEXT = {"FL1_LINE", "FL2_LINE", "RI_CONT_LINE", "DE_LINE", "SECURITY_LINE", "DTG_LINE"}
_HEADER_LINES = _HEADER_CONTEXT | set(_HEADER)  # what a BLANK* lookahead can falsely promise
_HEADER_SET = frozenset(_HEADER)
# Inside the E.O./TAGS/SUBJECT captions a line that would start the body text while the
# next line is another caption is a stray line, not the text: the captions go on after it.
_CAPTION_LINES = ("EO_LINE", "TAGS_LINE", "SUBJECT_LINE", "REF_LINE", "CLSBY_LINE")
_STRAY_LINES = 3  # how many stray lines in a row can stand between two captions
SUBJECT_LINES = ("SUBJECT_LINE", "SUBJECT_CONT_LINE")
# Between the DTG line and the address block, likewise: a line that would start the
# text while the FM (or TO) line follows is a stray line in the header.
_ADDRESS_STARTS = ("FM_LINE", "TO_LINE")
# The format lines that an address block's continuation line may really be, when the
# block stands above them in the routing header (FL2 and more indicators are left out:
# their loose shapes fit addressees, "HQ USEUCOM VAIHINGEN GE").
_FORMAT_IN_ADDRESS = ("DE_LINE", "SECURITY_LINE", "DTG_LINE")
# How far down from the top a routing header cut above its FL1 line is looked for (its
# FL2, continuation lines, DE, security and DTG lines, blank lines between).
_CUT_ROUTING = 10
# The address lines other than FM that may stand, moved, under the classification line
# or among the handling captions and attention lines after it (cable.lark's pre_part).
_MOVED_ADDRESS_LINES = ("TO_LINE", "INFO_LINE", "XMT_LINE")
# The address lines with their keyword (an address block's continuation line reads one
# that stands inside the block; the builder names it).
_ADDRESS_LINES = frozenset(("FM_LINE", *_MOVED_ADDRESS_LINES))
_PRE_LINES = ("CAVEAT_LINE", "ODD_CAVEAT_LINE", "ATTN_LINE", "LATE_CLASS_LINE")
_ANY_LINE = frozenset(("ATTN_LINE", "ODD_CAVEAT_LINE", "TEXT_LINE"))  # what any text may be read as
# The first line of a wrapper around the message (cable.lark's wrapper): a received
# copy's classification, printed alone, or the line that opens a wrapper. Either is
# read as one only when the message's header or classification line follows within
# this many lines (else as the line it also fits: a notice, a distribution line, the
# classification line).
_WRAPPER_FIRST = ("COPY_CLASS_LINE", "WRAPPER_OPEN_LINE")
_WRAPPER_OWN = ("WRAPPER_LINE", "WRAPPER_FROM_LINE")  # the lines that go on with a wrapper
_WRAPPER_LINES = 60
# What the message's first line may follow: nothing, the archive's preface, or a
# wrapper's lines (a received copy's, a post's internal copy's).
TOP_OF_CABLE = ("", "NOTICE_LINE", "DATE_LINE", "BARE_DTG_LINE", "DIST_LINE", *_WRAPPER_FIRST, *_WRAPPER_OWN)


def format_line_lead(lead: str) -> bool:
    """Whether a line whose first two characters after blanks are *lead* may be one of
    _FORMAT_IN_ADDRESS: "DE", a Z (the security line's ZNY, ZNR, or a misspelt one),
    a letter before a blank (the DTG line's precedence), or a precedence letter before
    another or before a digit ("PP 061012Z ...", "R271005Z ..."). The tests check
    every line those patterns fit."""
    first, second = lead[:1], lead[1:]
    return lead in ("DE", "de") or first in ("Z", "z") or second in (" ", "\t") or (first in ("O", "P", "R") and (second.isdigit() or second in ("Z", "O", "P", "R")))


class HeaderLines:
    """The tests on the lines around a header line, with the lexer's terminals (*order*,
    highest priority first, and their *patterns*) and its tables: *names* (the
    candidates for a state), *alternation* (one pattern for several), *make* (a list of
    candidates), *for_state* (a state's candidates) and *fed_here* (the stack after a
    terminal is fed, remembered)."""

    def __init__(
        self,
        order: list[str],
        patterns: dict[str, re.Pattern[str]],
        names: Callable[[Any, int], list[str]],
        alternation: Callable[[list[tuple[str, re.Pattern[str]]]], re.Pattern[str]],
        make: Callable[[list[str]], _Candidates],
        for_state: Callable[[dict[str, Any], Any, int], _Candidates],
        fed_here: Callable[[dict[Any, dict[str, Any]], tuple[Any, ...], str], Optional[tuple[Any, ...]]],
    ) -> None:
        self.order = order
        self.patterns = patterns
        self.names = names
        self.alternation = alternation
        self.make = make
        self.for_state = for_state
        self.fed_here = fed_here
        self.odd_caveat = patterns["ODD_CAVEAT_LINE"]
        self.addressee = field("ADDRESSEE")
        self.from_address = field("FROM_ADDRESS")
        self.moved_address = address_after_keyword
        self.moved_class = patterns["MOVED_CLASS_LINE"]
        self.tags_run_on_subject = field("TAGS_RUN_ON_SUBJECT")
        # the header terminals as one pattern (made at the first line it is asked about:
        # few files have one); per state, those the state accepts
        self._any_header: Optional[re.Pattern[str]] = None
        self._accepted_header: dict[Any, Optional[re.Pattern[str]]] = {}
        self._wrapper_ends: Optional[_Candidates] = None  # see wraps
        self._format_lines: Optional[re.Pattern[str]] = None  # see format_line
        # whether a line may open a wrapper at all (off for the second reading of a text
        # whose wrapper did not end: parser.parse_text)
        self.wrappers = True

    def shiftable(self, states: dict[Any, dict[str, Any]], stack: list[Any], name: str) -> bool:
        """Would the parser, from *stack*, reduce as needed and then shift *name*?"""
        return self.fed_here(states, tuple(stack), name) is not None

    def address_goes_on(self, lines: list[SourceLine], i: int, last: int, previous: str) -> bool:
        """Whether the blank line *i*, after an address line (or the DTG line), is a
        slip inside the address block: the next non-blank line is another addressee
        (a routing indicator, a slash and a PLAD; an agency's or a command's PLAD;
        a post's with its serial, see legacy_addressee), a TO, INFO or XMT line with
        an address (the next block: see continuation_keyword) or, after the DTG
        line, the FM line or the TO line."""
        j = i + 1
        while j < last and not lines[j].text:
            j += 1
        if j >= last:
            return False
        text = lines[j].text
        if previous == "DTG_LINE":
            # the FM line, the TO line with an address (no FM line: A001), or a stray
            # line before them (see address_follows)
            return (
                self.patterns["FM_LINE"].fullmatch(text) is not None
                or continuation_keyword(text) == "TO"
                or self.address_follows(lines, j, _ADDRESS_STARTS)
            )
        if previous != "FM_LINE" and passing_line(text):
            # a passing line after the blank line ("PASS TO USAID FOR AA/LAC"), an
            # address line under it: out of its place in the block (the builder names
            # it), which goes on after it, as the drafter meant; else the block ends
            # above it, and the text starts there
            j = _after_passing_lines(lines, j, last)
            if j >= last:
                return False
            text = lines[j].text
        if continuation_keyword(text) is not None:
            return True
        if previous == "FM_LINE":
            return False  # (an addressee without a keyword cannot follow the FM line)
        m = self.addressee.fullmatch(text.strip())
        if m is None or m.group("addr_ri") is not None:
            return m is not None
        # without a routing indicator, a post's PLAD ("AMEMBASSY COPENHAGEN 0655": a
        # legacy addressee with its serial; see legacy_addressee), or an agency's or a
        # command's PLAD ("SECDEF WASHDC", "CDR USCENTCOM MACDILL AFB FL"; see
        # agency_plad), with no serial or an address's four digits: not the
        # classification line ("UNCLAS PARIS 001234", "SECRET PARIS", "UNCLASS
        # BAMAKO 000341" have that shape too)
        serial = m.group("addr_serial")
        plad = m.group("addr_plad")
        return (
            (legacy_addressee(plad, serial) or ((serial is None or len(serial) == 4) and agency_plad(plad)))
            and self.patterns["CLASS_LINE"].fullmatch(text) is None
            and not misspelt_class_line(text)
        )

    def cut_routing(self, lines: list[SourceLine], i: int, last: int) -> bool:
        """Whether line *i*, at the top of the cable, starts a routing header that lost
        its first lines (a partial extract, a header cut above): a DE or security line,
        or FL2 over a DE line, then only format lines down to a date-time group line,
        within _CUT_ROUTING lines."""
        fits = {n: self.patterns[n].fullmatch for n in ("FL2_LINE", "RI_CONT_LINE", "DE_LINE", "SECURITY_LINE", "DTG_LINE")}
        seen: list[str] = []
        for line in lines[i : min(last, i + _CUT_ROUTING)]:
            text = line.text
            if not text:
                continue
            if seen and fits["DTG_LINE"](text):
                return True
            kind = next((n for n in ("DE_LINE", "SECURITY_LINE") if fits[n](text)), None)
            if kind is None and seen == ["FL2_LINE"] and fits["RI_CONT_LINE"](text):
                continue  # (FL2's continuation line)
            if kind is None and not seen and fits["FL2_LINE"](text):
                kind = "FL2_LINE"
            if kind is None or kind in seen or (seen == ["FL2_LINE"] and kind != "DE_LINE"):
                return False
            seen.append(kind)
        return False

    def wraps(self, lines: list[SourceLine], i: int, last: int, name: str, states: Any, stack: list[Any]) -> bool:
        """Whether line *i*, read as *name* (one of _WRAPPER_FIRST), starts a wrapper:
        the message's header or classification line follows it within _WRAPPER_LINES
        lines, by the last content line; a received copy's classification has the
        wrapper's first line under it (blank lines between)."""
        after = self.fed_here(states, tuple(stack), "WRAPPER_OPEN_LINE")
        if after is None or not self.shiftable(states, stack, name):
            return False
        if name == "COPY_CLASS_LINE":
            i += 1
            while i < last and not lines[i].text:
                i += 1
            if i >= last or self.patterns["WRAPPER_OPEN_LINE"].fullmatch(lines[i].text) is None:
                return False
        if self._wrapper_ends is None:
            # the lines the parser accepts after the wrapper's first line: its own, and
            # what ends it (cable.lark: the header's and the text's first lines)
            accepted = states[after[-1]]
            self._wrapper_ends = self.make([n for n in self.order if n in accepted and n != "BLANK"])
        first = self._wrapper_ends.first
        for k in range(i + 1, min(last + 1, i + 1 + _WRAPPER_LINES)):
            text = lines[k].text
            if not text:
                continue
            kind = first(text)
            if kind in _MOVED_ADDRESS_LINES and not self.moved_address(text):
                continue  # "T0 0": no address after its keyword, the wrapper's own line (as HeaderReading.place reads it)
            if kind not in _WRAPPER_OWN:
                return True
        return False

    def format_line(self, text: str) -> bool:
        """Whether *text*, read as one more addressee of an address block, is a format
        line (a DE, security or date-time group line): the address block stands
        inside the routing header ("TO RUEHC/..." above the DE line), and the format
        line under it is out of its place (R011), not an addressee."""
        if not format_line_lead(text.lstrip(" \t")[:2]):
            return False  # (nearly every addressee: "RUEHC/...", "AMEMBASSY ...")
        if self._format_lines is None:
            self._format_lines = self.alternation([(n, self.patterns[n]) for n in _FORMAT_IN_ADDRESS])
        return self._format_lines.fullmatch(text) is not None

    def passing_over_class(self, lines: list[SourceLine], i: int, last: int) -> bool:
        """Whether line *i*, after the captions at the text's head, is a passing line
        ("PASS TO USAID FOR AA/LAC") over the classification line: under it, blank
        lines and up to _PASSING_LINES passing lines in all, then the classification
        line in capitals with its post and serial (cable.lark's moved_top)."""
        if not passing_line(lines[i].text):
            return False
        j = _after_passing_lines(lines, i, last)
        return j < last and self.moved_class.fullmatch(lines[j].text) is not None and self.patterns["CLASS_LINE"].fullmatch(lines[j].text) is not None

    def attention_under_address(self, text: str) -> bool:
        """Whether *text*, under an address block moved below the classification line,
        is an attention or passing line ("DEPT FOR EUR/NB", "PASS TO ...") rather than
        one more addressee (see passing_line)."""
        return passing_line(text)

    def header_misfit(self, text: str, state: Any, accepted: dict[str, Any]) -> bool:
        """Does *text* fit a header line but none that *state* accepts?"""
        if self._any_header is None:
            self._any_header = self.alternation([(n, self.patterns[n]) for n in _HEADER])
        if self._any_header.fullmatch(text) is None:
            return False
        if state not in self._accepted_header:
            pairs = [(n, self.patterns[n]) for n in _HEADER if n in accepted]
            self._accepted_header[state] = self.alternation(pairs) if pairs else None
        here = self._accepted_header[state]
        return here is None or here.fullmatch(text) is None

    def caption_follows(self, src: Source, i: int, accepted: dict[str, Any]) -> bool:
        """Is one of the next few non-blank lines after line *i* a caption the parser
        accepts here, with no numbered paragraph before it?"""
        seen = 0
        for line in src.lines[i + 1 :]:
            if not line.text:
                continue
            if any(n in accepted and self.patterns[n].fullmatch(line.text) for n in _CAPTION_LINES):
                return True
            seen += 1
            if seen == _STRAY_LINES or self.patterns["PARA_LINE"].fullmatch(line.text):
                return False
        return False

    def prose_under_tags(self, text: str) -> bool:
        """Whether a line under the TAGS list reads as prose, not as more tags: three
        words or more, fewer than half of them tags of the vocabulary."""
        words = text.split()
        if len(words) < 3:
            return False
        vocabulary = load_tags()
        return 2 * sum(w.strip(",.;:").upper() in vocabulary for w in words) < len(words)

    def subject_follows(self, src: Source, i: int) -> bool:
        """Whether a SUBJECT line stands in the block of lines under line *i* (up to a blank)."""
        for line in src.lines[i + 1 : i + 1 + _STRAY_LINES]:
            if not line.text:
                return False
            if self.patterns["SUBJECT_LINE"].fullmatch(line.text):
                return True
        return False

    def splits_subject(self, src: Source, i: int, last: int, states: dict[Any, dict[str, Any]], stack: list[Any]) -> bool:
        """Whether the blank line *i*, right under a subject line, splits the subject:
        the line after it would be text with a caption after it, which cannot start
        the body (a stray line between captions); it is the subject's last line."""
        lines = src.lines
        if i + 1 >= last or not lines[i + 1].text or not lines[i - 1].text:
            return False
        after = self.fed_here(states, tuple(stack), "BLANK")
        if after is None:
            return False
        top = after[-1]
        accepted = states[top]
        found = self.for_state(accepted, top, 0).first(lines[i + 1].text)
        if found == "PASS_ABOVE_CLASS_LINE" and not self.passing_over_class(lines, i + 1, last):
            found = "TEXT_LINE"  # (what HeaderReading.place reads it as: no passing line over the classification line)
        return found == "TEXT_LINE" and "EO_LINE" in accepted and self.caption_follows(src, i + 1, accepted)

    def address_follows(self, lines: list[SourceLine], i: int, accepted: Iterable[str]) -> bool:
        """After the DTG line, is one of the next few non-blank lines after line *i* the
        start of the address block, which the parser accepts here? Line *i* is then a
        stray line inside the header, not the start of the text."""
        seen = 0
        for line in lines[i + 1 :]:
            if not line.text:
                continue
            if any(n in accepted and self.patterns[n].fullmatch(line.text) for n in _ADDRESS_STARTS):
                return True
            seen += 1
            if seen == _STRAY_LINES:
                return False
        return False


def _after_passing_lines(lines: list[SourceLine], j: int, last: int) -> int:
    """The first line from *j* (a passing line) on that is neither blank nor one of
    the first _PASSING_LINES passing lines: one count for the address block and the
    classification line, blank lines not counted (it counted them under an address
    block, so three passing lines went on with the block written together, but not
    with a blank line between each)."""
    seen = 0
    while j < last and (not lines[j].text or (seen < _PASSING_LINES and passing_line(lines[j].text))):
        seen += bool(lines[j].text)
        j += 1
    return j
