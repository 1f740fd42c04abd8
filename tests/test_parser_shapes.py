"""Patterns and grammar rules written for speed read exactly what their plain forms read."""

from __future__ import annotations

import itertools
import re
from importlib import resources
from typing import Any, Optional

from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark
from lark.parsers.lalr_analysis import Shift

from cablelint.grammar.build import CableBuilder
from cablelint.grammar.lexer import _CONTINUATIONS, _RUN_TERMINALS, LineLexer
from cablelint.grammar.parser import _Rule, _rules_by_identity, build_document_parser, document_parser
from cablelint.grammar.patterns import field

# ADDRESSEE as it was first written: the PLAD a lazy repeat of single characters
# (a tab taken where a space is, as cable-format.md's SP allows).
_PLAIN_ADDRESSEE = re.compile(
    r"(?:(?P<addr_ri>[A-Z0-9]+)\/)?(?P<addr_plad>[A-Z0-9](?:[A-Z0-9 \t.&'(),-]|\/(?!\/))*?[A-Z0-9.)])"
    r"(?P<addr_office>\/\/.*\/\/)?(?:[ \t]+(?P<addr_prec>FLASH|NIACT IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE))?(?:[ \t]+(?P<addr_serial>\d+(?:-\d+)?))?"
)


def _reading(pattern: re.Pattern[str], text: str) -> object:
    """Whether *pattern* fits all of *text*, and where each group is then."""
    m = pattern.fullmatch(text)
    return None if m is None else [m.span(g) for g in range(pattern.groups + 1)]


def test_addressee_reads_short_lines_as_its_plain_form() -> None:
    """Every string of up to 6 pieces: a letter, a digit, each kind of separator and
    PLAD character, one other character and a precedence word."""
    addressee = field("ADDRESSEE")
    assert addressee.groupindex == _PLAIN_ADDRESSEE.groupindex
    for size in range(7):
        for pieces in itertools.product(["A", "1", " ", "/", ".", ")", "-", "x", " FLASH"], repeat=size):
            text = "".join(pieces)
            assert _reading(addressee, text) == _reading(_PLAIN_ADDRESSEE, text), repr(text)


@settings(max_examples=2000)
@given(st.text(alphabet="AZ09 ./&'(),-x#\t", max_size=40) | st.sampled_from(["AMEMBASSY ROME", "RUEHC/SECSTATE WASHDC", "USMISSION USUN NEW YORK"]).flatmap(
    lambda head: st.tuples(st.just(head), st.text(alphabet=" /.&'(),-A1x", max_size=12), st.sampled_from(["", " ROUTINE", "  NIACT IMMEDIATE", " PRIORITY 1234", " 0042", "//POL//", " IMMEDIATEX"])).map("".join)
))
def test_addressee_reads_any_line_as_its_plain_form(text: str) -> None:
    assert _reading(field("ADDRESSEE"), text) == _reading(_PLAIN_ADDRESSEE, text), repr(text)


# The caption rules of cable.lark as they were first written: a first item, an item
# rule and a repeat for each part (the builder read pre_first and main_item); moved
# TO/INFO/XMT lines may follow any line of the first part.
_ITEM_RULES = """captions: pre_first late_lines? pre_item* main_part?
        | main_part
main_part: main_first main_item*
pre_first: CAVEAT_LINE | ODD_CAVEAT_LINE | ATTN_LINE | LATE_CLASS_LINE
pre_item: pre_first late_lines? | BLANK late_lines?
main_first: eo | tags | subject | refs | classified_by
main_item: main_first | CAVEAT_LINE | BLANK | REF_MORE_LINE | PAGE_HEADER_LINE | MOVED_CLASS_LINE | late_lines
"""


def _effects(rules: list[Any]) -> list[str]:
    """What the builder does for the rules reduced, in order, in terms both grammars share:
    the caption rules' own names left out (they build nothing but the line added)."""
    out = []
    for rule in rules:
        name, last = str(rule.origin.name), rule.expansion[-1].name if rule.expansion else ""
        if name.startswith("__") or name in ("captions", "main_first", "pre_item"):
            continue
        if name in ("pre_first", "pre_part", "pre_lines"):
            # (the moved lines: their own rules' reductions say so)
            out += [f"pre {last}"] if last not in ("BLANK", "pre_part", "pre_lines", "late_lines") else []
        elif name in ("main_item", "main_part"):
            out += [f"item {last}"] if last in ("CAVEAT_LINE", "REF_MORE_LINE", "PAGE_HEADER_LINE", "MOVED_CLASS_LINE", "late_lines") else []
        else:
            out.append(name)
    return out


def _feed(states: dict[Any, dict[str, Any]], end: Any, stack: tuple[Any, ...], name: str) -> tuple[Optional[tuple[Any, ...]], list[Any]]:
    """The stack after *name* is fed (None if rejected; for $END, if not accepted) and
    the rules it reduces."""
    work, reduced = list(stack), []
    while True:
        if name == "$END" and work[-1] == end:
            return tuple(work), reduced
        entry = states[work[-1]].get(name)
        if entry is None or (entry[0] is Shift and name == "$END"):
            return None, reduced
        if entry[0] is Shift:
            return (*work, entry[1]), reduced
        rule = entry[1]
        reduced.append(rule)
        if rule.expansion:
            del work[-len(rule.expansion) :]
        goto = states[work[-1]].get(rule.origin.name)
        if goto is None:
            return None, reduced
        work.append(goto[1])


def test_caption_rules_read_as_the_item_rules_did() -> None:
    """cable.lark's caption rules take one line at a time; with the item rules they
    replace, every sequence of lines the parser can read meets, at every step, the
    same terminals in its table (the lexer offers those), is accepted or rejected
    alike, and has the builder do the same things in the same order. Walked on the
    two LALR automata side by side over every stack pair the lines can reach."""
    where = resources.files("cablelint").joinpath("grammar", "cable.lark")
    text = where.read_text(encoding="utf-8")
    start = text.index("captions: pre_part main_part?")
    end = text.index("| main_part late_lines\n", start) + len("| main_part late_lines\n")
    walks = []
    # moved_top's captions (main_part required), in the item rules' terms
    moved = text.index("moved_top: pre_part? main_part\n")
    items = text[:moved] + "moved_top: pre_first late_lines? pre_item* main_part | main_part\n" + text[moved + len("moved_top: pre_part? main_part\n") : start] + _ITEM_RULES + text[end:]
    for grammar in (text, items):
        lark = Lark(grammar, parser="lalr", lexer=LineLexer, source_path=str(where))  # (its %import of fields.lark)
        table = lark.parser.parser.parser.parse_table
        walks.append((table.states, table.end_states["start"], LineLexer(lark.lexer_conf), (table.start_states["start"],)))
    (states_a, end_a, lexer_a, start_a), (states_b, end_b, lexer_b, start_b) = walks

    def stays(states: dict[Any, dict[str, Any]], end: Any, stack: tuple[Any, ...], name: str) -> bool:
        """Does one more *name* leave the stack as it is (the lexer's LineBlock test)?"""
        again = _feed(states, end, stack, name)[0]
        return again is not None and _feed(states, end, again, name)[0] == again

    todo = [(start_a, start_b)]
    seen = set()
    while todo:
        pair = todo.pop()
        if pair in seen:
            continue
        seen.add(pair)
        a, b = pair
        accepted = {n for n in states_a[a[-1]] if n.isupper() or n == "$END"}
        assert accepted == {n for n in states_b[b[-1]] if n.isupper() or n == "$END"}
        for name in accepted:
            (fed_a, reduced_a), (fed_b, reduced_b) = _feed(states_a, end_a, a, name), _feed(states_b, end_b, b, name)
            assert (fed_a is None) == (fed_b is None), name
            if fed_a is None or fed_b is None:
                continue
            assert _effects(reduced_a) == _effects(reduced_b), name
            if name in _RUN_TERMINALS:
                assert lexer_a._may_start_run(states_a, a[-1], name) == lexer_b._may_start_run(states_b, b[-1], name)
            if name in _CONTINUATIONS:
                assert stays(states_a, end_a, fed_a, name) == stays(states_b, end_b, fed_b, name)
            if name != "$END":
                todo.append((fed_a, fed_b))
    assert len(seen) > 1000  # the walk went through the whole grammar


def test_rules_keyed_by_identity_find_the_same_callbacks() -> None:
    """After _rules_by_identity every rule the parse table reduces by finds the callback
    it found before, and only its own rule object equals it."""
    parser = build_document_parser(CableBuilder())
    lalr = parser.parser.parser.parser
    before = {id(rule): callback for rule, callback in lalr.callbacks.items()}
    _rules_by_identity(parser)
    assert all(type(rule) is _Rule for rule in lalr.callbacks) and len(lalr.callbacks) == len(before)
    reduced = [arg for actions in lalr.parse_table.states.values() for action, arg in actions.values() if action is not Shift]
    assert reduced
    for rule in reduced:
        assert lalr.callbacks[rule] is before[id(rule)]
        assert rule != lalr.parse_table.end_states["start"]
    assert all(type(rule) is _Rule for rule in document_parser().parser.parser.parser.callbacks)
