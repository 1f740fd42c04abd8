"""The document parse's own LALR driver (grammar/driver.py) runs Lark's table as Lark's
parser does: the same values, the same reductions in the same order, the same error for
a token the table rejects; and it is not used on a table it cannot run alike. (That it
gives the same model on the corpus is tests/test_fast_paths.py's, with its switch.)"""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from lark import Lark, Token
from lark.exceptions import UnexpectedToken
from lark.parsers.lalr_parser_state import ParseConf, ParserState

from cablelint.grammar import parser as document
from cablelint.grammar.driver import Driver, ParseState, driver
from cablelint.grammar.parser import build_document_parser, document_parser, parse_text
from tests.conftest import SEED


class _Tokens:
    """A lexer that hands over fixed tokens (the driver asks only for ``lex``)."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.stacks: list[list[Any]] = []

    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[Token]:
        assert lexer_state.text == "the source"
        for number, name in enumerate(self.names, 1):
            self.stacks.append(list(parser_state.state_stack))
            yield Token(name, name.lower(), 0, number, 1, number, 2, 1)


def _tree_parser() -> tuple[Lark, Any, dict[Any, Any]]:
    """A document parser whose callbacks build a tree, and its table and callbacks."""
    lark = build_document_parser(transformer=None)
    lalr = lark.parser.parser.parser
    return lark, lalr.parse_table, lalr.callbacks


def _lark_parse(table: Any, callbacks: dict[Any, Any], names: list[str]) -> Any:
    """What Lark's parser makes of the tokens *names* (its ParserState fed each)."""
    state = ParserState(ParseConf(table, callbacks, "start"), None)  # type: ignore[arg-type]
    token = None
    for number, name in enumerate(names, 1):
        token = Token(name, name.lower(), 0, number, 1, number, 2, 1)
        state.feed_token(token)
    end = Token.new_borrow_pos("$END", "", token) if token is not None else Token("$END", "", 0, 1, 1)
    return state.feed_token(end, True)


# token sequences the grammar accepts: a routing header, captions and a body; a
# wrapper; nothing at all
ACCEPTED = [
    ["FL1_LINE", "FL2_LINE", "DE_LINE", "SECURITY_LINE", "DTG_LINE", "FM_LINE", "TO_LINE", "ADDR_CONT_LINE", "INFO_LINE", "BLANK", "CLASS_LINE", "BLANK", "EO_LINE", "TAGS_LINE", "SUBJECT_LINE", "SUBJECT_CONT_LINE", "BLANK", "REF_LINE", "BLANK", "PARA_LINE", "TEXT_LINE", "BLANK", "PARA_LINE", "SIGNATURE_LINE", "BLANK", "TRAILER_LINE"],
    ["COPY_CLASS_LINE", "BLANK", "WRAPPER_OPEN_LINE", "WRAPPER_LINE", "CLASS_LINE", "TEXT_LINE"],
    [],
]


@pytest.mark.parametrize("names", ACCEPTED, ids=["header-captions-body", "wrapper", "empty"])
def test_the_driver_makes_what_lark_s_parser_makes(names: list[str]) -> None:
    lark, table, callbacks = _tree_parser()
    tokens = _Tokens(names)
    run = driver(lark)
    assert run is not None
    run.lexer = tokens
    assert run.parse("the source") == _lark_parse(table, callbacks, names)
    # the lexer saw the parser's stack (the same list, changed in place) before each token
    assert len(tokens.stacks) == len(names)
    assert all(stack[0] == table.start_states["start"] for stack in tokens.stacks)


@pytest.mark.parametrize(
    "names",
    [["DE_LINE"], ["FL1_LINE", "PARA_LINE", "CLASS_LINE"], ["COPY_CLASS_LINE"], ["FL1_LINE", "FL2_LINE", "FL1_LINE"]],
    ids=["first-token", "later-token", "end", "format-line-twice"],
)
def test_a_token_the_table_rejects_raises_what_lark_s_parser_raises(names: list[str]) -> None:
    lark, table, callbacks = _tree_parser()
    run = driver(lark)
    assert run is not None
    run.lexer = _Tokens(names)
    with pytest.raises(UnexpectedToken) as ours:
        run.parse("the source")
    with pytest.raises(UnexpectedToken) as larks:
        _lark_parse(table, callbacks, names)
    assert (ours.value.token.type, ours.value.token.line, ours.value.expected) == (larks.value.token.type, larks.value.token.line, larks.value.expected)
    assert ours.value.line == larks.value.line and ours.value.line >= 1
    assert isinstance(ours.value.state, ParseState)


def test_the_document_parse_runs_on_the_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(document._document()[2], Driver)

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("Lark's parser was used")

    monkeypatch.setattr(Lark, "parse", refused)
    cable = parse_text(SEED.read_text())
    assert cable.classification is not None and cable.paragraphs
    monkeypatch.setattr(document, "DRIVER", False)
    with pytest.raises(AssertionError, match="Lark's parser was used"):
        parse_text(SEED.read_text())


def test_a_table_the_driver_cannot_run_alike_is_left_to_lark() -> None:
    lark, table, callbacks = _tree_parser()
    assert driver(lark) is not None
    # a terminal with a callback of its own: Lark's parser calls it on every shift
    callbacks["FL1_LINE"] = lambda token: token
    assert driver(lark) is None
    del callbacks["FL1_LINE"]
    assert driver(lark) is not None


class _Lazy(dict):  # type: ignore[type-arg]
    """Callbacks made when first asked for, as a parser may keep them."""

    def __init__(self, made: dict[Any, Any]) -> None:
        super().__init__()
        self.made = made
        self.asked: list[Any] = []

    def __missing__(self, rule: Any) -> Any:
        self.asked.append(rule)
        found = self[rule] = self.made[rule]
        return found


def test_a_callback_is_asked_for_when_its_rule_is_first_reduced() -> None:
    lark, table, callbacks = _tree_parser()
    names = ACCEPTED[0]
    lazy = _Lazy(callbacks)
    run = Driver(table, lazy, _Tokens(names))
    assert not lazy.asked
    assert run.parse("the source") == _lark_parse(table, callbacks, names)
    assert lazy.asked and len(set(map(id, lazy.asked))) == len(lazy.asked)  # each once
    first = len(lazy.asked)
    run.lexer = _Tokens(names)
    assert run.parse("the source") == _lark_parse(table, callbacks, names)
    assert len(lazy.asked) == first  # kept by the driver
    # a rule without a callback fails where it is reduced, in Lark's parser as here
    missing = Driver(table, {}, _Tokens(names))
    with pytest.raises(KeyError):
        missing.parse("the source")
    with pytest.raises(KeyError):
        _lark_parse(table, {lazy.asked[0]: callbacks[lazy.asked[0]]}, names)


def test_the_shared_parser_s_driver_runs_its_own_table() -> None:
    run = document._document()[2]
    assert run is not None
    lalr = document_parser().parser.parser.parser
    assert run.lexer is document_parser().parser.lexer
    assert run._conf.states is lalr.parse_table.states
