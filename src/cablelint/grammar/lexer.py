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

Around the header the first terminal that fits is sometimes not what the line is (a
stray line between captions, an address line moved or without its keyword):
header_lines.py and header_reading.py correct it. The tokens themselves are in line_tokens.py.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from itertools import islice
from typing import Any, Callable, Iterator, Optional

from lark.lexer import Lexer, LexerState
from lark.parsers.lalr_analysis import Shift

from cablelint.compiled import regex
from cablelint.grammar.candidates import LinePatterns, _Candidates
from cablelint.grammar.header_lines import ADDRESS_BLOCK, SUBJECT_LINES, HeaderLines
from cablelint.grammar.header_reading import HeaderReading
from cablelint.grammar.line_tokens import LineBlock, LineRun, Token, spanning
from cablelint.grammar.read_classline import misspelt_class_line
from cablelint.grammar.source import Source
from cablelint.grammar.text_end import TextEnd


# Terminals that only make sense at one place in the file, whatever the parser state.
_LAST_LINE_ONLY = {"SIGNATURE_LINE"}
_AFTER_LAST_ONLY = {"TRAILER_LINE", "END_CLASS_LINE", "FOOTER_LINE", "FOOTER_CONT_LINE", "TEASER_LINE", "CLEARANCE_LINE"}
# The body lines that may start or continue a run (only body_first in cable.lark has
# them); blank lines may continue one. The signature and trailer lines never do.
_RUN_TERMINALS = ("PARA_LINE", "PAGE_HEADER_LINE", "RULE_LINE", "TEXT_LINE")
# The continuation lines of a caption or address block. Once a block's second one is
# read the parser is back in the same state after each further one, so the lexer
# hands the second and those after it over as one token (:class:`LineBlock`); the
# builder's rules for these blocks read each of its lines.
_CONTINUATIONS = frozenset(("ADDR_CONT_LINE", "TAGS_CONT_LINE", "SUBJECT_CONT_LINE", "REF_CONT_LINE", "CLSBY_CONT_LINE"))
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


def _skip(numbered: Iterator[Any], count: int) -> None:
    """Pass over the next *count* items of *numbered* (the lines a run or a block
    holds): in C, rather than one turn of the lexer's loop a line."""
    next(islice(numbered, count, count), None)


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
        # the terminals a line of each zone may be, highest priority first (see _names)
        self._zone_order = tuple(tuple(name for name in self._order if self._in_zone(name, zone)) for zone in (0, 1, 2))
        self._patterns = LinePatterns({t.name: t.pattern.to_regexp() for t in terminals})
        self._end = TextEnd(self._patterns)  # where the text ends (signature, trailer)
        self._candidates: dict[tuple[Any, int], _Candidates] = {}
        self._alternations: dict[tuple[str, ...], re.Pattern[str]] = {}
        self._run: Optional[_Candidates] = None
        self._run_specials: Optional[re.Pattern[str]] = None
        self._screen_specials = False  # whether _SPECIAL_LEADS holds for them
        self._run_checked = False
        self._run_targets: set[Any] = set()  # body states a run terminal is shifted into
        self._run_elsewhere: set[str] = set()  # run terminals also shifted outside the body
        self._body_states: set[Any] = set()  # states inside the body
        # (terminal, state stack) -> the stack after it is fed (see _fed)
        self._fed: dict[tuple[str, tuple[Any, ...]], Optional[tuple[Any, ...]]] = {}
        # what a line around the header is (the tests that look at the lines around it)
        self._header = HeaderLines(self._order, self._patterns, self._names, self._alternation, self._make, self._for_state, self._fed_here)

    @contextmanager
    def without_wrappers(self) -> Iterator[None]:
        """Read with no line opening a wrapper (cable.lark), as if none fit."""
        self._header.wrappers = False
        try:
            yield
        finally:
            self._header.wrappers = True

    def _names(self, accepted: Any, zone: int) -> list[str]:
        """The candidate terminals for a line, highest priority first."""
        return [name for name in self._zone_order[zone] if name in accepted]

    @staticmethod
    def _in_zone(name: str, zone: int) -> bool:
        """Whether a line of *zone* (0 before the last line, 1 the last, 2 after it) may
        be a *name* line (BLANK is tried apart)."""
        if name == "BLANK":
            return False
        if name in _LAST_LINE_ONLY and zone != 1:
            return False
        if name in _AFTER_LAST_ONLY and zone != 2:
            return False
        return zone != 2 or name in _AFTER_LAST_ONLY

    def _alternation(self, pairs: list[tuple[str, re.Pattern[str]]]) -> re.Pattern[str]:
        """One pattern for a list of candidates, compiled once per list (states share)."""
        key = tuple(name for name, _ in pairs)
        if key not in self._alternations:
            self._alternations[key] = regex("|".join(f"(?P<{n}>{p.pattern})" for n, p in pairs))
        return self._alternations[key]

    def _make(self, names: list[str]) -> _Candidates:
        return _Candidates(names, self._patterns, self._alternation)

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
        # (a state whose candidates are all run terminals: one that accepts none of the
        # others, what set(self._names(accepted, 0)) <= set(_RUN_TERMINALS) says)
        others = frozenset(self._zone_order[0]) - frozenset(_RUN_TERMINALS)
        run_and_blank = frozenset(_RUN_TERMINALS) | {"BLANK"}
        follow = set()
        for actions in states.values():
            for name in _RUN_TERMINALS:
                action = actions.get(name)
                if action is None or action[0] is not Shift:
                    continue
                accepted = states[action[1]].keys()
                # a body state; a run terminal elsewhere (a page header between the
                # captions) is shifted alone and never starts a run
                if run_and_blank <= accepted and accepted.isdisjoint(others):
                    follow.add(frozenset(accepted))
                    self._run_targets.add(action[1])
                else:
                    self._run_elsewhere.add(name)
        if len(follow) != 1:
            return None
        body = next(iter(follow))
        self._body_states = {st for st, acc in states.items() if body <= acc.keys() and acc.keys().isdisjoint(others)}
        self._run = self._make(self._names(body, 0))  # (run terminals only: body accepts none of the others)
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
        tok = spanning(LineRun, name, lines[i], lines[j - 1])
        tok.nonblank = nonblank
        tok.specials = specials
        return tok

    def _fed_here(self, states: dict[Any, dict[str, Any]], stack: tuple[Any, ...], name: str) -> Optional[tuple[Any, ...]]:
        """:func:`_fed`, remembered for each stack (a pure function of it)."""
        key = (name, stack)
        if key in self._fed:
            return self._fed[key]
        if len(self._fed) > 50_000:  # stacks do not grow, but be safe on odd input
            self._fed.clear()
        found = self._fed[key] = _fed(states, stack, name)
        return found

    def _block_end(self, name: str, lines: list[Any], i: int, last: int, states: Any, stack: list[Any], moved: bool = False) -> int:
        """Line *i* was read as the continuation line *name*: the index of the first line
        after it that would not be read as one more (i + 1 when none would).

        The lines after *i* are read as the loop below reads them one at a time, from
        the state the parser would be in: one more *name* from the stack after line
        *i*, then the same state for each further line (checked: the stack after the
        second is the stack after the third). A continuation line is no header line
        and no text line, so no other check of HeaderReading.place applies to it."""
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
                break  # the classification line, its level misspelt (see HeaderReading.place)
            if name == "ADDR_CONT_LINE" and moved and self._header.attention_under_address(text):
                break  # an attention line under a moved address block (see HeaderReading.place)
            if name == "ADDR_CONT_LINE" and not moved and self._header.format_line(text):
                break  # a format line under an address block in the routing header (likewise)
            if name == "SUBJECT_CONT_LINE" and not moved and self._header.passing_over_class(lines, j, last):
                break  # a passing line over the classification line (likewise)
            here = two
            j += 1
        return j

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        src: Source = lexer_state.text  # type: ignore[assignment]
        states = parser_state.parse_conf.states
        last = self._end.last_content(src)
        judge = self._header
        reading = HeaderReading(judge, src, last, states, parser_state)
        place = reading.place  # the line's terminal, the lexer's first choice corrected
        previous = ""
        new_token: Callable[..., Token] = Token._future_new  # Token() without its keyword-argument check
        lines = src.lines
        numbered = enumerate(lines)
        for i, line in numbered:
            text = line.text
            state = parser_state.position
            accepted = states[state]
            zone = 0 if i < last else (1 if i == last else 2)
            if not text and previous in ADDRESS_BLOCK and judge.address_goes_on(lines, i, last, previous):
                continue  # a blank line inside the address block: the block goes on after it
            if not text and previous in SUBJECT_LINES and judge.splits_subject(src, i, last, states, parser_state.state_stack):
                continue  # a blank line inside the subject: the subject goes on after it (H009)
            if not text and "BLANK" in accepted:
                name = "BLANK"
            else:
                found = place(i, text, self._for_state(accepted, state, zone), accepted, state, zone, previous)
                if found is None:
                    continue  # (an error the reading recorded)
                name = previous = found
            if name in _RUN_TERMINALS and i + 1 < last and RUNS and self._may_start_run(states, state, name):
                tok = self._gather_run(name, lines, i, last, states, src.ragged)
                if tok is not None:
                    _skip(numbered, tok.end_line - i - 1)  # on at the line after the run (end_line: its 0-based index)
                    previous = tok.last_kind
                    yield tok
                    continue
            end = line.start + len(line.raw)
            if name in _CONTINUATIONS and i + 1 < last and RUNS:
                # (before line i is fed: the stack is the one line i is read in)
                j = self._block_end(name, lines, i, last, states, parser_state.state_stack, reading.after_class)
                if j > i + 1:
                    yield new_token(name, text, line.start, line.number, 1, line.number, len(line.raw) + 1, end)
                    block = spanning(LineBlock, name, lines[i + 1], lines[j - 1])
                    block.lines = list(range(i + 1, j))
                    _skip(numbered, j - i - 1)  # on at line j
                    yield block
                    continue
            yield new_token(name, text, line.start, line.number, 1, line.number, len(line.raw) + 1, end)
