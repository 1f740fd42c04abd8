"""The line lexer: a contextual lexer whose tokens are whole lines.

For each line it offers only the terminals that the LALR parser accepts in its
current state, highest priority first, and emits the first one whose pattern matches
the whole (normalised) line. A line no acceptable terminal matches is recorded as an
error node and skipped, so the parse always resumes at the next line it can place.

Inside the body the parser's state no longer depends on the lines: every body line
(numbered paragraph, text, page header, rule, blank) leads back to a state that
accepts the same terminals. So once a body line is read, the lexer reads the lines
after it by itself, with the same priorities, and hands the whole stretch to the
parser as one token (:class:`LineRun`) of the first line's type; the builder then
reads each line of the run as if it had come alone. The parser does one step for a
stretch of prose instead of one per line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, TypeVar

import lark
from lark.lexer import Lexer, LexerState
from lark.parsers.lalr_analysis import Shift

from cablelint.data import load_tags
from cablelint.grammar.patterns import field
from cablelint.grammar.read_address import continuation_keyword
from cablelint.grammar.read_classline import caveat_or_slip, misspelt_class_line
from cablelint.grammar.read_tags import bare_tags
from cablelint.grammar.source import Source, SourceLine
from cablelint.grammar.text_end import TextEnd

if TYPE_CHECKING:

    class Token(lark.Token):
        """(For the type checker.) A token of this lexer: :meth:`LineLexer.lex` places
        every one, where lark's own ``Token`` types its place Optional (a token made by
        hand may have none). At run time this is lark's ``Token`` itself."""

        start_pos: int
        line: int
        column: int
        end_line: int
        end_column: int
        end_pos: int

else:
    Token = lark.Token

# Terminals that only make sense at one place in the file, whatever the parser state.
_LAST_LINE_ONLY = {"SIGNATURE_LINE"}
_AFTER_LAST_ONLY = {"TRAILER_LINE", "END_CLASS_LINE", "FOOTER_LINE", "FOOTER_CONT_LINE", "TEASER_LINE"}
# Lines after which a blank line may fall inside the address block by mistake (the
# lexer passes over it when another addressee, the next block's keyword line or the
# FM line follows).
_ADDRESS_BLOCK = frozenset(("DTG_LINE", "FM_LINE", "TO_LINE", "INFO_LINE", "XMT_LINE", "ADDR_CONT_LINE"))
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
_SUBJECT_LINES = ("SUBJECT_LINE", "SUBJECT_CONT_LINE")
# Between the DTG line and the address block, likewise: a line that would start the
# text while the FM (or TO) line follows is a stray line in the header.
_ADDRESS_STARTS = ("FM_LINE", "TO_LINE")
# The address lines other than FM that may stand, moved, under the classification line
# or among the handling captions and attention lines after it (cable.lark's pre_part).
_MOVED_ADDRESS_LINES = ("TO_LINE", "INFO_LINE", "XMT_LINE")
# The address lines with their keyword (an address block's continuation line reads one
# that stands inside the block; the builder names it).
_ADDRESS_LINES = frozenset(("FM_LINE", *_MOVED_ADDRESS_LINES))
_PRE_LINES = ("CAVEAT_LINE", "ODD_CAVEAT_LINE", "ATTN_LINE", "LATE_CLASS_LINE")
_ANY_LINE = frozenset(("ATTN_LINE", "ODD_CAVEAT_LINE", "TEXT_LINE"))  # what any text may be read as
# The body lines that may start or continue a run (only body_first in cable.lark has
# them); blank lines may continue one. The signature and trailer lines never do.
_RUN_TERMINALS = ("PARA_LINE", "PAGE_HEADER_LINE", "RULE_LINE", "TEXT_LINE")
# The continuation lines of a caption or address block. Once a block's second one is
# read the parser is back in the same state after each further one, so the lexer
# hands the second and those after it over as one token (:class:`LineBlock`); the
# builder's rules for these blocks read each of its lines.
_CONTINUATIONS = frozenset(("ADDR_CONT_LINE", "TAGS_CONT_LINE", "SUBJECT_CONT_LINE", "REF_CONT_LINE", "CLSBY_CONT_LINE"))
# The first line of a wrapper around the message (cable.lark's wrapper): a received
# copy's classification, printed alone, or the line that opens a wrapper. Either is
# read as one only when the message's header or classification line follows within
# this many lines (else as the line it also fits: a notice, a distribution line, the
# classification line).
_WRAPPER_FIRST = ("COPY_CLASS_LINE", "WRAPPER_OPEN_LINE")
_WRAPPER_OWN = ("WRAPPER_LINE", "WRAPPER_FROM_LINE")  # the lines that go on with a wrapper
_WRAPPER_LINES = 60
# Off only to check that runs and blocks change nothing (the tests compare both ways).
RUNS = True
# Off only to check that reading a run's lines against its special terminals alone
# (see LineLexer._run_specials) changes nothing (the tests compare both ways).
QUICK_RUN_LINES = True
# TEXT_LINE's pattern, on which the quick reading of a run's lines relies
_TEXT_PATTERN = r".*\S.*"
# The run terminals but TEXT_LINE, and what a line one of them fits starts with after
# blanks: a digit (PARA_LINE), '-', '=' or '_' (RULE_LINE) or the P of PAGE
# (PAGE_HEADER_LINE); else it ends with a digit (a printed copy's page line, "BAMAKO
# 00000341 002 OF 003"). Prose seldom does either, and is not tried against them (see
# _gather_run; the tests check every line each terminal fits).
_SPECIALS = ("PAGE_HEADER_LINE", "PARA_LINE", "RULE_LINE")
_SPECIAL_LEADS = "-=_P"


class LineError:
    """A line that could not be placed, and what the parser expected there."""

    __slots__ = ("index", "expected")

    def __init__(self, index: int, expected: tuple[str, ...]) -> None:
        self.index = index
        self.expected = expected


class LineRun(Token):
    """A token that stands for a stretch of body lines: ``nonblank`` holds the 0-based
    index of each non-blank line in it, the first one included, in text order, and
    ``specials`` the terminal name of each of those lines that is no text line (most
    are). ``lines`` gives the terminal name and the index of each non-blank line."""

    __slots__ = ("nonblank", "specials")
    nonblank: list[int]
    specials: dict[int, str]

    @property
    def lines(self) -> list[tuple[str, int]]:
        get = self.specials.get
        return [(get(index, "TEXT_LINE"), index) for index in self.nonblank]

    @property
    def last_kind(self) -> str:
        """The terminal name of the run's last non-blank line."""
        return self.specials.get(self.nonblank[-1], "TEXT_LINE")


class LineBlock(Token):
    """A token that stands for continuation lines of one type in a row: ``lines``
    holds the 0-based index of each."""

    __slots__ = ("lines",)
    lines: list[int]


_T = TypeVar("_T", bound=Token)


def _spanning(cls: type[_T], name: str, first: SourceLine, last: SourceLine) -> _T:
    """A *cls* token for the source lines *first* to *last*: the first one's text, the
    position from the start of the first to the end of the last."""
    return cls(name, first.text, first.start, first.number, 1, last.number, len(last.raw) + 1, last.start + len(last.raw))


# A list of candidates tried this many times is worth compiling into one alternation
# (a compile costs about as much as a few thousand tries one pattern at a time).
_HOT = 1000


class _Candidates:
    """The terminals a line may be in one parser state, highest priority first.

    :meth:`first` names the first whose pattern matches the whole line. While the list
    is cold it tries them one by one; once hot it uses one alternation of them all,
    which ``fullmatch`` resolves the same way (the first alternative that matches the
    whole line wins; ``lastgroup`` names it, as the terminals name no groups).
    """

    __slots__ = ("pairs", "uses", "alternation", "_compile")

    def __init__(self, pairs: list[tuple[str, re.Pattern[str]]], compile_: Any) -> None:
        self.pairs = pairs
        self.uses = 0
        self.alternation: Optional[re.Pattern[str]] = None
        self._compile = compile_

    def first(self, text: str) -> Optional[str]:
        alternation = self.alternation
        if alternation is not None:
            m = alternation.fullmatch(text)
            return m.lastgroup if m is not None else None
        self.uses += 1
        if self.uses >= _HOT and self.pairs:
            self.alternation = self._compile(self.pairs)
        for name, pattern in self.pairs:
            if pattern.fullmatch(text) is not None:
                return name
        return None


def _fed(states: dict[Any, dict[str, Any]], stack: tuple[Any, ...], name: str) -> Optional[tuple[Any, ...]]:
    """The parser's state stack after it is fed *name* from *stack* (the reductions it
    leads to, then the shift), or None when the parser would reject it.

    A state's table can promise a terminal that the reductions it leads to then refuse:
    Lark shares one helper rule for every ``BLANK*``, so LALR merges their lookaheads
    (a DE line looks acceptable after ``class_line``'s blank lines, and feeding it
    would end the parse). Simulated on the states alone: no callback runs, so the
    inline builder sees nothing."""
    work = list(stack)
    while True:
        entry = states[work[-1]].get(name)
        if entry is None:
            return None
        action, arg = entry
        if action is Shift:
            work.append(arg)
            return tuple(work)
        size = len(arg.expansion)
        if size:
            del work[-size:]
        work.append(states[work[-1]][arg.origin.name][1])


class LineLexer(Lexer):
    """Lark custom lexer; its input is a :class:`Source`, not a string."""

    __future_interface__ = 2  # lex(lexer_state, parser_state)

    def __init__(self, lexer_conf: Any) -> None:
        terminals = sorted(lexer_conf.terminals, key=lambda t: (-t.priority, t.name))
        self._order = [t.name for t in terminals]
        self._patterns = {t.name: re.compile(t.pattern.to_regexp()) for t in terminals}
        self._odd_caveat = self._patterns["ODD_CAVEAT_LINE"]
        self._end = TextEnd(self._patterns)  # where the text ends (signature, trailer)
        self._addressee = field("ADDRESSEE")
        self._from_address = field("FROM_ADDRESS")
        self._moved_address = field("MOVED_ADDRESS")
        self._attn_under_address = field("ATTN_UNDER_ADDRESS")
        self._tags_run_on_subject = field("TAGS_RUN_ON_SUBJECT")
        self._candidates: dict[tuple[Any, int], _Candidates] = {}
        self._alternations: dict[tuple[str, ...], re.Pattern[str]] = {}
        self._run: Optional[_Candidates] = None
        self._run_specials: Optional[re.Pattern[str]] = None
        self._screen_specials = False  # whether _SPECIAL_LEADS holds for them
        self._run_checked = False
        self._run_targets: set[Any] = set()  # body states a run terminal is shifted into
        self._run_elsewhere: set[str] = set()  # run terminals also shifted outside the body
        self._body_states: set[Any] = set()  # states inside the body
        # the header terminals as one pattern (made at the first line it is asked about:
        # few files have one); per state, those the state accepts
        self._any_header: Optional[re.Pattern[str]] = None
        self._accepted_header: dict[Any, Optional[re.Pattern[str]]] = {}
        # (terminal, state stack) -> the stack after it is fed (see _fed)
        self._fed: dict[tuple[str, tuple[Any, ...]], Optional[tuple[Any, ...]]] = {}
        self._wrapper_ends: Optional[_Candidates] = None  # see _wraps

    def _names(self, accepted: Any, zone: int) -> list[str]:
        """The candidate terminals for a line, highest priority first."""
        found = []
        for name in self._order:
            if name not in accepted or name == "BLANK":
                continue
            if name in _LAST_LINE_ONLY and zone != 1:
                continue
            if name in _AFTER_LAST_ONLY and zone != 2:
                continue
            if zone == 2 and name not in _AFTER_LAST_ONLY:
                continue
            found.append(name)
        return found

    def _alternation(self, pairs: list[tuple[str, re.Pattern[str]]]) -> re.Pattern[str]:
        """One pattern for a list of candidates, compiled once per list (states share)."""
        key = tuple(name for name, _ in pairs)
        if key not in self._alternations:
            self._alternations[key] = re.compile("|".join(f"(?P<{n}>{p.pattern})" for n, p in pairs))
        return self._alternations[key]

    def _make(self, names: list[str]) -> _Candidates:
        return _Candidates([(n, self._patterns[n]) for n in names], self._alternation)

    def _for_state(self, accepted: dict[str, Any], state: Any, zone: int) -> _Candidates:
        key = (state, zone)
        found = self._candidates.get(key)
        if found is None:
            found = self._candidates[key] = self._make(self._names(accepted, zone))
        return found

    def _may_start_run(self, states: dict[Any, dict[str, Any]], state: Any, name: str) -> bool:
        """Can a *name* line read in *state* start a run? Only where it surely starts
        or continues the body: a terminal that can also stand outside the body (a page
        header between the captions) starts a run only inside the body."""
        if self._run_candidates(states) is None:
            return False
        if name in self._run_elsewhere:
            return state in self._body_states
        action = states[state][name]
        return action[0] is not Shift or action[1] in self._run_targets

    def _run_candidates(self, states: dict[Any, dict[str, Any]]) -> Optional[_Candidates]:
        """The candidates for a body line after a body line, or None.

        Every shift of a run terminal must lead to a state that accepts the same
        terminals, all run terminals and BLANK among them; if a grammar change broke
        that, runs are off and every line is its own token again.
        """
        if self._run_checked:
            return self._run
        self._run_checked = True
        follow = set()
        for actions in states.values():
            for name in _RUN_TERMINALS:
                action = actions.get(name)
                if action is None or action[0] is not Shift:
                    continue
                accepted = states[action[1]]
                # a body state; a run terminal elsewhere (a page header between the
                # captions) is shifted alone and never starts a run
                if set(_RUN_TERMINALS) | {"BLANK"} <= set(accepted) and set(self._names(accepted, 0)) <= set(_RUN_TERMINALS):
                    follow.add(frozenset(accepted))
                    self._run_targets.add(action[1])
                else:
                    self._run_elsewhere.add(name)
        if len(follow) != 1:
            return None
        body = set(next(iter(follow)))
        self._body_states = {st for st, acc in states.items() if body <= set(acc) and set(self._names(acc, 0)) <= set(_RUN_TERMINALS)}
        names = self._names(next(iter(follow)), 0)
        if not set(names) <= set(_RUN_TERMINALS):
            return None
        self._run = self._make(names)
        self._run_specials = self._specials(self._run)
        return self._run

    def _specials(self, run: _Candidates) -> Optional[re.Pattern[str]]:
        """One pattern for the run candidates but the last, when the last is TEXT_LINE
        as cable.lark writes it (else None: each line is read with all candidates).

        Then a run line that none of the others fits is a text line exactly when it
        fits ``.*\\S.*``. One whose last character ``str.isspace`` rejects (the test
        ``\\S`` makes) and that holds no line break (``.`` fits any other character)
        surely does: the normaliser strips trailing whitespace, so that is nearly every
        line, and it needs no pattern. Any other line is tried with TEXT_LINE's."""
        if len(run.pairs) < 2 or run.pairs[-1][0] != "TEXT_LINE" or run.pairs[-1][1].pattern != _TEXT_PATTERN:
            return None
        self._screen_specials = sorted(name for name, _ in run.pairs[:-1]) == sorted(_SPECIALS)
        return self._alternation(run.pairs[:-1])

    def _gather_run(self, name: str, lines: list[Any], i: int, last: int, states: Any, ragged: bool = True) -> Optional[LineRun]:
        """The run of body lines that starts with line *i* (read as *name*), up to the
        last content line; None when no line after it can join. *ragged*: whether any
        of *lines* may end in blanks or hold a line break (see Source.ragged)."""
        body = self._run_candidates(states)
        if body is None:
            return None
        nonblank = [i]
        specials = {} if name == "TEXT_LINE" else {i: name}
        add = nonblank.append
        special = self._run_specials if QUICK_RUN_LINES else None
        j = i + 1
        if special is None:
            classify = body.first
            while j < last:
                text = lines[j].text
                if text:
                    found = classify(text)
                    if found is None:
                        break
                    if found != "TEXT_LINE":
                        specials[j] = found
                    add(j)
                j += 1
        else:
            # the same, with the text lines read without a pattern (see _specials)
            fits_special = special.fullmatch
            fits_text = body.pairs[-1][1].fullmatch
            screen = self._screen_specials
            while j < last:
                text = lines[j].text
                if text:
                    # (the digit tests are \d's: any decimal digit; a line of blanks
                    # alone has "" for its lead, which is "in" any string: it is tried)
                    lead = text[0]
                    if lead in " \t":  # (most lines are not indented: no strip for them)
                        lead = text.lstrip(" \t")[:1]
                    if not screen or lead in _SPECIAL_LEADS or lead.isdecimal() or text[-1].isdecimal():
                        m = fits_special(text)
                    else:
                        m = None
                    if m is not None:
                        specials[j] = m.lastgroup  # type: ignore[assignment]
                    elif ragged and (text[-1].isspace() or "\n" in text) and fits_text(text) is None:
                        break
                    add(j)
                j += 1
        if j == i + 1:
            return None
        tok = _spanning(LineRun, name, lines[i], lines[j - 1])
        tok.nonblank = nonblank
        tok.specials = specials
        return tok

    def _address_goes_on(self, lines: list[SourceLine], i: int, last: int, previous: str) -> bool:
        """Whether the blank line *i*, after an address line (or the DTG line), is a
        slip inside the address block: the next non-blank line is another addressee
        (a routing indicator, a slash and a PLAD), a TO, INFO or XMT line with one
        (the next block) or, after the DTG line, the FM line."""
        j = i + 1
        while j < last and not lines[j].text:
            j += 1
        if j >= last:
            return False
        text = lines[j].text
        if previous == "DTG_LINE":
            # the FM line, or a stray line before it (see _address_follows)
            return self._patterns["FM_LINE"].fullmatch(text) is not None or self._address_follows(lines, j, _ADDRESS_STARTS)
        if continuation_keyword(text) is not None:
            return True
        if previous == "FM_LINE":
            return False  # (an addressee without a keyword cannot follow the FM line)
        m = self._addressee.fullmatch(text.strip())
        return m is not None and m.group("addr_ri") is not None

    def _wraps(self, lines: list[SourceLine], i: int, last: int, name: str, states: Any, stack: list[Any]) -> bool:
        """Whether line *i*, read as *name* (one of _WRAPPER_FIRST), starts a wrapper:
        the message's header or classification line follows it within _WRAPPER_LINES
        lines, by the last content line; a received copy's classification has the
        wrapper's first line under it (blank lines between)."""
        after = self._fed_here(states, tuple(stack), "WRAPPER_OPEN_LINE")
        if after is None or not self._shiftable(states, stack, name):
            return False
        if name == "COPY_CLASS_LINE":
            i += 1
            while i < last and not lines[i].text:
                i += 1
            if i >= last or self._patterns["WRAPPER_OPEN_LINE"].fullmatch(lines[i].text) is None:
                return False
        if self._wrapper_ends is None:
            # the lines the parser accepts after the wrapper's first line: its own, and
            # what ends it (cable.lark: the header's and the text's first lines)
            accepted = states[after[-1]]
            self._wrapper_ends = self._make([n for n in self._order if n in accepted and n != "BLANK"])
        first = self._wrapper_ends.first
        for k in range(i + 1, min(last + 1, i + 1 + _WRAPPER_LINES)):
            text = lines[k].text
            if text and first(text) not in _WRAPPER_OWN:
                return True
        return False

    def _fed_here(self, states: dict[Any, dict[str, Any]], stack: tuple[Any, ...], name: str) -> Optional[tuple[Any, ...]]:
        """:func:`_fed`, remembered for each stack (a pure function of it)."""
        key = (name, stack)
        if key in self._fed:
            return self._fed[key]
        if len(self._fed) > 50_000:  # stacks do not grow, but be safe on odd input
            self._fed.clear()
        found = self._fed[key] = _fed(states, stack, name)
        return found

    def _shiftable(self, states: dict[Any, dict[str, Any]], stack: list[Any], name: str) -> bool:
        """Would the parser, from *stack*, reduce as needed and then shift *name*?"""
        return self._fed_here(states, tuple(stack), name) is not None

    def _attention_under_address(self, text: str) -> bool:
        """Whether *text*, under an address block moved below the classification line,
        is an attention or passing line ("DEPT FOR EUR/NB", "PASS TO ...") rather than
        one more addressee: it has their shape and reads as no addressee with a routing
        indicator or a precedence ("RUCNOSC/ORG FOR SECURITY CO OP IN EUROPE ...")."""
        if self._attn_under_address.fullmatch(text) is None:
            return False
        m = self._addressee.fullmatch(text.strip())
        return m is None or (m.group("addr_ri") is None and m.group("addr_prec") is None)

    def _block_end(self, name: str, lines: list[Any], i: int, last: int, states: Any, stack: list[Any], moved: bool = False) -> int:
        """Line *i* was read as the continuation line *name*: the index of the first line
        after it that would not be read as one more (i + 1 when none would).

        The lines after *i* are read as the loop below reads them one at a time, from
        the state the parser would be in: one more *name* from the stack after line
        *i*, then the same state for each further line (checked: the stack after the
        second is the stack after the third). A continuation line is no header line
        and no text line, so no other check of :meth:`lex` applies to it."""
        one = self._fed_here(states, tuple(stack), name)
        if one is None:
            return i + 1
        two = self._fed_here(states, one, name)
        if two is None or self._fed_here(states, two, name) != two:
            return i + 1
        j = i + 1
        here = one
        while j < last:  # before the last content line: zone 0
            text = lines[j].text
            top = here[-1]
            if not text or self._for_state(states[top], top, 0).first(text) != name:
                break
            if name == "ADDR_CONT_LINE" and misspelt_class_line(text):
                break  # the classification line, its level misspelt (see lex)
            if name == "ADDR_CONT_LINE" and moved and self._attention_under_address(text):
                break  # an attention line under a moved address block (see lex)
            here = two
            j += 1
        return j

    def _header_misfit(self, text: str, state: Any, accepted: dict[str, Any]) -> bool:
        """Does *text* fit a header line but none that *state* accepts?"""
        if self._any_header is None:
            self._any_header = self._alternation([(n, self._patterns[n]) for n in _HEADER])
        if self._any_header.fullmatch(text) is None:
            return False
        if state not in self._accepted_header:
            pairs = [(n, self._patterns[n]) for n in _HEADER if n in accepted]
            self._accepted_header[state] = self._alternation(pairs) if pairs else None
        here = self._accepted_header[state]
        return here is None or here.fullmatch(text) is None

    def _caption_follows(self, src: Source, i: int, accepted: dict[str, Any]) -> bool:
        """Is one of the next few non-blank lines after line *i* a caption the parser
        accepts here, with no numbered paragraph before it?"""
        seen = 0
        for line in src.lines[i + 1 :]:
            if not line.text:
                continue
            if any(n in accepted and self._patterns[n].fullmatch(line.text) for n in _CAPTION_LINES):
                return True
            seen += 1
            if seen == _STRAY_LINES or self._patterns["PARA_LINE"].fullmatch(line.text):
                return False
        return False

    def _prose_under_tags(self, text: str) -> bool:
        """Whether a line under the TAGS list reads as prose, not as more tags: three
        words or more, fewer than half of them tags of the vocabulary."""
        words = text.split()
        if len(words) < 3:
            return False
        vocabulary = load_tags()
        return 2 * sum(w.strip(",.;:").upper() in vocabulary for w in words) < len(words)

    def _subject_follows(self, src: Source, i: int) -> bool:
        """Whether a SUBJECT line stands in the block of lines under line *i* (up to a blank)."""
        for line in src.lines[i + 1 : i + 1 + _STRAY_LINES]:
            if not line.text:
                return False
            if self._patterns["SUBJECT_LINE"].fullmatch(line.text):
                return True
        return False

    def _splits_subject(self, src: Source, i: int, last: int, states: dict[Any, dict[str, Any]], stack: list[Any]) -> bool:
        """Whether the blank line *i*, right under a subject line, splits the subject:
        the line after it would be text with a caption after it, which cannot start
        the body (a stray line between captions); it is the subject's last line."""
        lines = src.lines
        if i + 1 >= last or not lines[i + 1].text or not lines[i - 1].text:
            return False
        after = self._fed_here(states, tuple(stack), "BLANK")
        if after is None:
            return False
        top = after[-1]
        accepted = states[top]
        found = self._for_state(accepted, top, 0).first(lines[i + 1].text)
        return found == "TEXT_LINE" and "EO_LINE" in accepted and self._caption_follows(src, i + 1, accepted)

    def _address_follows(self, lines: list[SourceLine], i: int, accepted: Iterable[str]) -> bool:
        """After the DTG line, is one of the next few non-blank lines after line *i* the
        start of the address block, which the parser accepts here? Line *i* is then a
        stray line inside the header, not the start of the text."""
        seen = 0
        for line in lines[i + 1 :]:
            if not line.text:
                continue
            if any(n in accepted and self._patterns[n].fullmatch(line.text) for n in _ADDRESS_STARTS):
                return True
            seen += 1
            if seen == _STRAY_LINES:
                return False
        return False

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        src: Source = lexer_state.text  # type: ignore[assignment]
        errors: list[LineError] = src.errors
        states = parser_state.parse_conf.states
        last = self._end.last_content(src)
        previous = ""
        has_fm = False  # whether an FM line was read (the header's, or one moved)
        has_subject = False  # whether a SUBJECT line was read (or run on to the TAGS line)
        after_class = False  # whether the classification line was read
        tags_under_subject = False  # whether the TAGS line stands right under the subject
        tags_hold_subject = False  # whether the SUBJECT line is run on to the TAGS line
        new_token: Callable[..., Token] = Token._future_new  # Token() without its keyword-argument check
        lines = src.lines
        skip_to = 0
        for i, line in enumerate(lines):
            if i < skip_to:
                continue
            text = line.text
            state = parser_state.position
            accepted = states[state]
            zone = 0 if i < last else (1 if i == last else 2)
            if not text and previous in _ADDRESS_BLOCK and self._address_goes_on(lines, i, last, previous):
                continue  # a blank line inside the address block: the block goes on after it
            if not text and previous in _SUBJECT_LINES and self._splits_subject(src, i, last, states, parser_state.state_stack):
                continue  # a blank line inside the subject: the subject goes on after it (H009)
            if not text and "BLANK" in accepted:
                name = "BLANK"
            else:
                candidates = self._for_state(accepted, state, zone)
                found = candidates.first(text)
                if found in _WRAPPER_FIRST and not self._wraps(lines, i, last, found, states, parser_state.state_stack):
                    # no message follows: the line is what it also fits, as if there were no wrappers
                    found = next((n for n, p in candidates.pairs if n not in _WRAPPER_FIRST and p.fullmatch(text)), None)
                if found == "FM_LINE" and previous == "CLASS_LINE" and text.lstrip()[:4] == "FROM" and self._from_address.fullmatch(text) is None:
                    # "FROM THE AMBASSADOR ..." under the classification line: a passing
                    # line (3.3), not an address block moved there (S001); FROM is the
                    # FM line written out only before an address
                    found = next((n for n, p in candidates.pairs if n != "FM_LINE" and p.fullmatch(text)), None)
                elif found in _MOVED_ADDRESS_LINES and (
                    (previous == "CLASS_LINE" and self._moved_address.fullmatch(text) is None)
                    # among the handling captions, only in a cable with an FM line: a
                    # partial extract's "INFO AMEMBASSY ..." after SIPDIS is what it kept
                    or (previous in _PRE_LINES and (not has_fm or self._moved_address.fullmatch(text) is None))
                ):
                    # likewise "TO THE SECRETARY FROM ...": a passing line, not the TO
                    # line moved there; an address line needs an address after its keyword
                    # (and a line that fits here: "TO THE ..." has the loose shape of FL2)
                    stack = parser_state.state_stack
                    found = next((n for n, p in candidates.pairs if n not in _MOVED_ADDRESS_LINES and p.fullmatch(text) and self._shiftable(states, stack, n)), None)
                elif (
                    found == "ATTN_LINE"
                    and previous == "FM_LINE"
                    and "TO_LINE" in accepted
                    and (addressee := self._addressee.fullmatch(text)) is not None
                    and any(addressee.group(g) is not None for g in ("addr_ri", "addr_prec", "addr_serial"))
                    and self._shiftable(states, parser_state.state_stack, "TO_LINE")
                ):
                    # "RUEHC/SECSTATE WASHDC 3577" or "SECSTATE WASHDC 5823" right under
                    # the FM line: the TO line that lost its keyword (A003 names it), not
                    # an attention line (which has no routing indicator, precedence or serial)
                    found = "TO_LINE"
                elif (
                    found == "ADDR_CONT_LINE"
                    and after_class
                    and "ATTN_LINE" in accepted
                    and self._attention_under_address(text)
                    and self._shiftable(states, parser_state.state_stack, "ATTN_LINE")
                ):
                    # an attention or passing line right under an address block moved
                    # below the classification line ("TO RUEHC/SECSTATE WASHDC" / "DEPT
                    # FOR EUR/NB"): the block ends above it, as a blank line would end it
                    found = "ATTN_LINE"
                # a line that fits a header line but none the parser accepts here (an
                # accepted one that fits would be found: the candidates hold them all)
                if (
                    previous in _HEADER_CONTEXT
                    and zone != 2  # after the text only trailers count
                    and found not in _HEADER_SET
                    and self._header_misfit(text, state, accepted)
                ):
                    errors.append(LineError(i, tuple(n for n in self._order if n in accepted and n in _HEADER_CONTEXT)))
                    continue
                if found == "TAGS_CONT_LINE" and errors and errors[-1].index == i - 1:
                    # the TAGS list ended above the line that could not be placed ("SUBJCT
                    # MALI: ..."): a line in capitals under that one goes with it, not
                    # with the TAGS list ("COMPLETION" is no tag)
                    errors.append(LineError(i, errors[-1].expected))
                    continue
                if (
                    tags_under_subject
                    and previous in ("TAGS_LINE", "TAGS_CONT_LINE")
                    and "TAGS_CONT_LINE" in accepted
                    and (found is None or (found == "TEXT_LINE" and "EO_LINE" in accepted and self._caption_follows(src, i, accepted)))
                ):
                    # the TAGS line moved into the subject, above its last lines ("CFK'S
                    # FORMER CABINET CHIEF", a caption below them): read with the TAGS
                    # list, whose builder gives the lines that name no tag back to the
                    # subject (H010 names the move)
                    found = "TAGS_CONT_LINE"
                elif tags_hold_subject and previous in ("TAGS_LINE", "TAGS_CONT_LINE") and "TAGS_CONT_LINE" in accepted and found in (None, "TEXT_LINE"):
                    # the SUBJECT line run on to the TAGS line ("TAGS PREL, FR SUBJECT:
                    # PRESIDENT ..."): the lines right under it are the subject's, which
                    # the builder gives them (H006 names the run-on line)
                    found = "TAGS_CONT_LINE"
                elif (
                    previous in ("TAGS_LINE", "TAGS_CONT_LINE")
                    and not has_subject
                    and not tags_under_subject
                    and found in (None, "TEXT_LINE", "TAGS_CONT_LINE")
                    and "SUBJECT_LINE" in accepted
                    and self._prose_under_tags(text)
                    and not self._subject_follows(src, i)
                    and self._shiftable(states, parser_state.state_stack, "SUBJECT_LINE")
                ):
                    # a line of prose under the TAGS list where no SUBJECT line follows:
                    # the SUBJECT line that lost its keyword (H009 names it)
                    found = "SUBJECT_LINE"
                if found is not None and accepted[found][0] is not Shift and not self._shiftable(states, parser_state.state_stack, found):
                    # a lookahead the LALR table merged in from another context (the blank
                    # lines after FL1 and after the class line are one state): the parser
                    # would reduce on it and then reject it
                    other = next((n for n, p in candidates.pairs if p.fullmatch(text) and self._shiftable(states, parser_state.state_stack, n)), None)
                    if found in _HEADER_LINES and other not in _CAPTION_LINES and not (other == "ADDR_CONT_LINE" and found in _ADDRESS_LINES):
                        # a header line that cannot stand here is an error, unless it also
                        # reads as a caption ("EO 11652 GDS" has the loose shape of FL2),
                        # or is an address line with its keyword inside an address block
                        # ("INFO ..." again under INFO's addressees): an address line there,
                        # which the builder reads (A003 names the keyword or the address)
                        errors.append(LineError(i, tuple(n for n in self._names(accepted, zone) if self._shiftable(states, parser_state.state_stack, n))))
                        continue
                    found = other
                if found is None:
                    # after the text only the trailer's lines are expected
                    names = self._names(accepted, zone) if zone == 2 else [n for n in self._order if n in accepted]
                    errors.append(LineError(i, tuple(names)))
                    continue
                name = found
                if name == "PAGE_HEADER_LINE" and previous in _ADDRESS_BLOCK and "ADDR_CONT_LINE" in accepted:
                    # a printed copy's page line inside its address list: the list goes
                    # on after it (the builder reads no addressee from it)
                    name = "ADDR_CONT_LINE"
                if name == "TEXT_LINE" and "CAVEAT_LINE" in accepted and self._odd_caveat.fullmatch(text) and caveat_or_slip(text.strip()):
                    # among the E.O./TAGS/SUBJECT captions (the one state where text and
                    # a caveat line are both accepted), a caveat with a letter wrong
                    # ("EXDISS"): a caveat line, for C006 to name, not text
                    name = "CAVEAT_LINE"
                if name == "ADDR_CONT_LINE" and "CLASS_LINE" in accepted and misspelt_class_line(text) and self._shiftable(states, parser_state.state_stack, "CLASS_LINE"):
                    # the classification line, its level misspelt, right under the
                    # address block with no blank line between ("UNCLASS BAMAKO 000341")
                    name = "CLASS_LINE"
                if name == "TEXT_LINE" and "EO_LINE" in accepted and self._caption_follows(src, i, accepted):
                    if "TAGS_LINE" in accepted and bare_tags(text, load_tags()):
                        # a TAGS list that lost its keyword ("PREL PGOV KDEM ML"): the TAGS
                        # line, for H006 to name the keyword (never a line of prose: every
                        # word a tag of the vocabulary)
                        name = "TAGS_LINE"
                    else:
                        errors.append(LineError(i, tuple(n for n in _CAPTION_LINES if n in accepted)))
                        continue
                if previous == "DTG_LINE" and name in _ANY_LINE and self._address_follows(lines, i, accepted):
                    errors.append(LineError(i, ("FM_LINE",) if "FM_LINE" in accepted else ("TO_LINE",)))
                    continue
            if name != "BLANK":
                if name == "TAGS_LINE":
                    tags_under_subject = previous in _SUBJECT_LINES
                    tags_hold_subject = "SUBJ" in text and self._tags_run_on_subject.search(text) is not None
                    has_subject = has_subject or tags_hold_subject
                elif name == "SUBJECT_LINE":
                    has_subject = True
                previous = name
                if name == "FM_LINE":
                    has_fm = True
                elif name == "CLASS_LINE":
                    after_class = True
            if name in _RUN_TERMINALS and i + 1 < last and RUNS and self._may_start_run(states, state, name):
                tok = self._gather_run(name, lines, i, last, states, src.ragged)
                if tok is not None:
                    skip_to = tok.end_line  # the 0-based index of the line after the run
                    previous = tok.last_kind
                    yield tok
                    continue
            end = line.start + len(line.raw)
            if name in _CONTINUATIONS and i + 1 < last and RUNS:
                # (before line i is fed: the stack is the one line i is read in)
                j = self._block_end(name, lines, i, last, states, parser_state.state_stack, after_class)
                if j > i + 1:
                    yield new_token(name, text, line.start, line.number, 1, line.number, len(line.raw) + 1, end)
                    block = _spanning(LineBlock, name, lines[i + 1], lines[j - 1])
                    block.lines = list(range(i + 1, j))
                    skip_to = j
                    yield block
                    continue
            yield new_token(name, text, line.start, line.number, 1, line.number, len(line.raw) + 1, end)
