"""Parse a cable: text -> normalised lines -> LALR document parse -> model.

The Lark parser is made once per process: loaded from the tables shipped with the
package while they match the grammar files (grammar/tables.py), built from the grammar
otherwise. Nothing is cached to disk at run time (a read-only install and several
users on one machine must both work).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from operator import itemgetter
from typing import Any, Optional

from lark import Lark
from lark.exceptions import UnexpectedInput
from lark.grammar import NonTerminal, Rule, RuleOptions, Symbol, Terminal
from lark.lexer import Pattern, PatternRE, PatternStr, TerminalDef
from lark.parsers.lalr_analysis import Reduce, Shift

from cablelint.grammar import tables
from cablelint.grammar.assemble import finish
from cablelint.grammar.build import CableBuilder
from cablelint.grammar.candidates import LinePatterns
from cablelint.grammar.lexer import LineLexer
from cablelint.grammar.line_tokens import LineError
from cablelint.grammar.source import read_source
from cablelint.model import Cable

DIALECTS = ("telegram", "cablegate", "markdown", "draft")
# The options the document parser is built with. The builder runs inline as rules are
# reduced: no tree is built. Every token is a whole line and carries its own position,
# so nodes need none.
_OPTIONS: dict[str, Any] = {"parser": "lalr", "lexer": LineLexer, "propagate_positions": False}


def build_document_parser(transformer: Optional[CableBuilder]) -> Lark:
    """The document parser built from cable.lark (what the shipped tables hold)."""
    return Lark.open_from_package("cablelint", tables.DOCUMENT_GRAMMAR, ("grammar",), transformer=transformer, **_OPTIONS)


def _load_document_parser(data: dict[str, Any], transformer: CableBuilder) -> Lark:
    """The document parser from the shipped tables (tables.compact's layout): Lark
    loads the options and configurations; the terminals, rules and parse table are
    made here, the rules as :class:`_Rule` (what _rules_by_identity makes of a built
    parser's). The options that name Python objects (the lexer class, the builder)
    are given here."""
    memo = _memo(data["terminals"], data["rules"])
    lark_data = dict(data["data"])
    lark_data["options"] = dict(lark_data["options"], lexer=LineLexer)
    parser_data = lark_data["parser"] = dict(lark_data["parser"])
    parser_data["lexer_conf"] = dict(parser_data["lexer_conf"], lexer_type=LineLexer)
    # Lark.load() takes a pickle file and no options; this is what it calls, with the
    # options it allows when loading, and the memo's objects already made (Lark's
    # loading passes through what is not a dict or a list). The tables are only used
    # with the Lark version they were made with (tables.py), so this private entry
    # point cannot move under us; tests/test_tables.py compares the parser with one
    # built from the grammar.
    parser = Lark.__new__(Lark)._load({"memo": memo, "data": lark_data}, transformer=transformer)
    parser.parser.parser.parser.parse_table.states = _states(data["states"], memo)
    return parser


def _memo(terminals: dict[int, list[Any]], rules: dict[int, list[Any]]) -> dict[int, Any]:
    """The terminals and rules of the tables, by memo number, as Lark's loading makes
    them (the symbols and rule options shared between rules: nothing changes them)."""
    memo: dict[int, Any] = {}
    for key, (name, kind, value, flags, raw, width, priority) in terminals.items():
        cls: type[Pattern] = PatternRE if kind == "PatternRE" else PatternStr
        pattern = cls.__new__(cls)  # (as Lark's loading: flags as they were saved)
        pattern.value, pattern.flags, pattern.raw = value, flags, raw
        if kind == "PatternRE":
            pattern._width = width  # type: ignore[attr-defined]
        memo[key] = TerminalDef(name, pattern, priority)
    symbols: dict[Any, Symbol] = {}  # a nonterminal by its name, a terminal by [name, filter_out]
    options: dict[Any, RuleOptions] = {}

    def symbol(spec: Any) -> Symbol:
        key = spec if type(spec) is str else tuple(spec)
        made = symbols.get(key)
        if made is None:
            made = symbols[key] = NonTerminal(spec) if type(spec) is str else Terminal(*spec)
        return made

    for key, (origin, expansion, order, alias, option_values) in rules.items():
        made = [symbol(spec) for spec in expansion]
        option_key = tuple(option_values[:4]) + (tuple(option_values[4]),)
        if option_key not in options:
            options[option_key] = RuleOptions(*option_values)
        rule = _Rule.__new__(_Rule)
        rule.origin = symbol(origin)  # type: ignore[assignment]
        rule.expansion, rule.order, rule.alias, rule.options = made, order, alias, options[option_key]
        # Rule's own hash (a symbol hashes as its name); _Rule hashes by identity
        rule._hash = hash((origin, tuple(s.name for s in made)))
        memo[key] = rule
    return memo


def _states(states: dict[int, list[Any]], memo: dict[int, Any]) -> dict[int, dict[str, tuple[Any, Any]]]:
    """The parse table's states: state -> token name -> (Shift, state) or (Reduce, rule),
    each action one tuple shared by the states that take it."""
    codes: set[int] = set().union(*(state_codes for _, state_codes in states.values()))
    actions = {code: (Reduce, memo[code >> 1]) if code & 1 else (Shift, code >> 1) for code in codes}
    # (itemgetter of two or more keys gives a tuple: one C call for a state's actions)
    return {
        state: dict(zip(names, itemgetter(*codes)(actions) if len(codes) > 1 else [actions[code] for code in codes]))
        for state, (names, codes) in states.items()
    }


class _Rule(Rule):
    """A rule of the document parser that is equal to itself only.

    On every reduction Lark's parser compares the rule with its end state and looks up
    the rule's callback in a dict; Rule's ``__eq__`` and ``__hash__`` are Python
    functions, object's are not. Identity gives the same answers here: the parse
    table's rules are the very objects that key the callbacks, and no two of them are
    equal (Lark refuses a rule twice). See :func:`_rules_by_identity`."""

    __slots__ = ()
    __eq__ = object.__eq__
    __hash__ = object.__hash__


def _rules_by_identity(parser: Lark) -> None:
    """Make the rules of *parser* :class:`_Rule` and re-key its callbacks, when its
    parse table reduces by the callbacks' own rule objects (else leave it as is)."""
    lalr = getattr(getattr(parser.parser, "parser", None), "parser", None)
    callbacks, table = getattr(lalr, "callbacks", None), getattr(lalr, "parse_table", None)
    if not isinstance(callbacks, dict) or table is None:
        return
    keys = {id(rule) for rule in callbacks if type(rule) is Rule}
    reduced = {id(arg) for actions in table.states.values() for action, arg in actions.values() if action is not Shift}
    if len(keys) != len(callbacks) or not reduced <= keys:
        return
    items = list(callbacks.items())  # their hashes change: the dict is built anew
    for rule, _ in items:
        rule.__class__ = _Rule
    callbacks.clear()
    callbacks.update(items)


@lru_cache(maxsize=None)
def _document() -> tuple[Lark, CableBuilder]:
    builder = CableBuilder()
    data = tables.document_data()
    if data is None:
        parser = build_document_parser(builder)
        # The parser looks up the rule it reduced by its name in the (str-keyed) parse
        # table on every reduction; a Token name there costs a Python-level __eq__ each time.
        for rule in parser.rules:
            rule.origin.name = str(rule.origin.name)
        _rules_by_identity(parser)
    else:
        parser = _load_document_parser(data, builder)
    builder.set_line_patterns(LinePatterns({t.name: t.pattern.to_regexp() for t in parser.terminals}))
    return parser, builder


def document_parser() -> Lark:
    """The document parser; its ``parse`` feeds the inline builder (use parse_text)."""
    return _document()[0]


@lru_cache(maxsize=None)
def line_patterns() -> dict[str, re.Pattern[str]]:
    """The compiled line terminals of cable.lark, by name."""
    patterns = _document()[1]._line_patterns
    return patterns.compiled() if isinstance(patterns, LinePatterns) else patterns


# The parser and its inline builder are shared by the process: one parse at a time.
_PARSING = threading.Lock()


def parse_text(text: str, dialect: Optional[str] = None) -> Cable:
    """Parse *text* (already decoded) into a :class:`Cable`. Never raises on bad input."""
    src = read_source(text)
    parser, builder = _document()
    with _PARSING:
        builder.begin(src)
        try:
            parser.parse(src)
        except UnexpectedInput as exc:  # pragma: no cover - every state accepts the end
            builder.begin(src)  # as if nothing had been read: keep no half-built parts
            src.errors.append(LineError(max(0, (exc.line or 1) - 1), ()))
        finally:
            parts = builder.end()
    cable = finish(src, parts, src.errors)
    if dialect is not None and dialect != cable.dialect:
        object.__setattr__(cable, "dialect", dialect)
    return cable
