"""The LALR driver of the document parse: Lark's parse table run by a loop of our own.

Lark makes the table (from cable.lark, or loaded from tables.marshal) and the builder's
callbacks; this module only runs them, as Lark's ``ParserState.feed_token`` does, over
the tokens of the line lexer: shift a token, or reduce by a rule (its callback called
on the values it pops) and go to the state its left-hand side leads to, until the
token is shifted. What it spares is Lark's generic handling, which a line's token pays
once for each of the two or three steps it takes: the table entry unpacked and the
action compared, the rule's size and its left-hand side's name read from the rule, the
callback looked up by rule, the checks of the end state. Here a state's entry for a
token is the next state (a shift) or the reduction made ready: the number of values it
pops, its callback (looked up at its first use) and the name of its left-hand side,
whose entry in the state below is the state it leads to.

The grammar stays the one source: a :class:`Driver` runs a Lark parser's own table and
callbacks, and :func:`driver` gives None for one it cannot run alike (a terminal with a
callback of its own: Lark's parser is then used as it is). A token
the table does not accept raises Lark's ``UnexpectedToken``, as Lark's parser does (the
line lexer offers only what the table accepts, so a parse never meets one).
"""

from __future__ import annotations

from typing import Any, Callable, NoReturn, Optional

from lark import Lark
from lark.exceptions import UnexpectedToken
from lark.parsers.lalr_analysis import Shift

from cablelint.grammar.line_tokens import Token


class _Conf:
    """Lark's parse table as the line lexer reads it (``parse_conf.states``)."""

    __slots__ = ("states",)

    def __init__(self, states: dict[Any, dict[str, tuple[Any, Any]]]) -> None:
        self.states = states


class ParseState:
    """What the line lexer reads of the parse: the state stack (the parser's state on
    top; the driver changes the list in place) and Lark's table, in the places Lark's
    own ``ParserState`` has them, so the lexer runs under either parser."""

    __slots__ = ("parse_conf", "state_stack")

    def __init__(self, conf: _Conf, stack: list[Any]) -> None:
        self.parse_conf = conf
        self.state_stack = stack


class _Input:
    """The lexer's input as Lark's lexer state holds it (``text``): the source."""

    __slots__ = ("text",)

    def __init__(self, text: Any) -> None:
        self.text = text


class _Row(dict[str, Any]):
    """A state's entries as the driver's steps (see the module docstring), each made
    from Lark's action when first read (the driver reads a few of a state's entries;
    a terminal the state does not accept raises KeyError), and one step for each of
    Lark's actions (the loaded tables share an action's tuple between the states that
    take it). Made all at once, the 241 states' 4,855 entries cost 12M instructions,
    3% of a one-file check's start. A reduction's callback is looked up when the
    driver first reduces by it (a lazy dict of callbacks makes it then)."""

    def __init__(self, actions: dict[str, tuple[Any, Any]], made: dict[int, Any]) -> None:
        super().__init__()
        self.actions = actions
        self.made = made  # a step by its action's identity, shared by the rows

    def __missing__(self, name: str) -> Any:
        action = self.actions[name]
        step = self.made.get(id(action))
        if step is None:
            kind, arg = action
            step = self.made[id(action)] = arg if kind is Shift else [len(arg.expansion), None, arg.origin.name, arg]
        self[name] = step
        return step


class _Rows(dict[Any, _Row]):
    """The driver's table: a state's row (:class:`_Row`) made at its first use."""

    def __init__(self, states: dict[Any, dict[str, tuple[Any, Any]]]) -> None:
        super().__init__()
        self.states = states
        self.made: dict[int, Any] = {}

    def __missing__(self, state: Any) -> _Row:
        row = self[state] = _Row(self.states[state], self.made)
        return row


class Driver:
    """Runs one Lark LALR parse table with its callbacks over the tokens of *lexer*
    (see the module docstring; made by :func:`driver`)."""

    def __init__(self, table: Any, callbacks: dict[Any, Callable[[list[Any]], Any]], lexer: Any) -> None:
        self.lexer = lexer
        states = table.states
        self._conf = _Conf(states)
        self._start = table.start_states["start"]
        self._end = table.end_states["start"]
        self._callbacks = callbacks
        self._steps = _Rows(states)

    def parse(self, src: Any) -> Any:
        """Parse *src* (the lexer's input): the start rule's value."""
        steps, callbacks = self._steps, self._callbacks
        stack = [self._start]
        values: list[Any] = []
        push_state, push_value = stack.append, values.append
        token: Optional[Token] = None
        for token in self.lexer.lex(_Input(src), ParseState(self._conf, stack)):
            kind = token.type
            while True:
                try:
                    step = steps[stack[-1]][kind]
                except KeyError:
                    self._reject(token, stack)
                if step.__class__ is not list:
                    push_state(step)
                    push_value(token)
                    break
                size, callback, origin, rule = step
                if callback is None:
                    callback = step[1] = callbacks[rule]
                if size:
                    children = values[-size:]
                    del values[-size:], stack[-size:]
                else:
                    children = []
                push_value(callback(children))
                push_state(steps[stack[-1]][origin])
        end = Token.new_borrow_pos("$END", "", token) if token is not None else Token("$END", "", 0, 1, 1)
        while True:
            try:
                step = steps[stack[-1]]["$END"]
            except KeyError:
                self._reject(end, stack)
            if step.__class__ is not list:  # (Lark's parser: an error, or a shift of the end: its assertion)
                self._reject(end, stack)
            size, callback, origin, rule = step
            if callback is None:
                callback = step[1] = callbacks[rule]
            if size:
                children = values[-size:]
                del values[-size:], stack[-size:]
            else:
                children = []
            push_value(callback(children))
            push_state(steps[stack[-1]][origin])
            if stack[-1] == self._end:
                return values[-1]

    def _reject(self, token: Token, stack: list[Any]) -> NoReturn:
        """Raise what Lark's parser raises for *token* in the state on top of *stack*."""
        expected = {name for name in self._conf.states[stack[-1]] if name.isupper()}
        raise UnexpectedToken(token, expected, state=ParseState(self._conf, stack), interactive_parser=None)  # type: ignore[no-untyped-call]


def _parts(lark: Lark) -> Optional[tuple[Any, dict[Any, Any], Any]]:
    """The parse table, the callbacks and the lexer of *lark*, when the driver can run
    them as Lark's parser would: no terminal has a callback (Lark's parser calls those
    on a shift); else None. (A rule without one fails when it is reduced, in Lark's
    parser as here.)"""
    frontend = lark.parser
    lalr = getattr(getattr(frontend, "parser", None), "parser", None)
    table, callbacks = getattr(lalr, "parse_table", None), getattr(lalr, "callbacks", None)
    lexer = getattr(frontend, "lexer", None)
    if table is None or not isinstance(callbacks, dict) or not hasattr(lexer, "lex"):
        return None
    if any(isinstance(key, str) for key in callbacks):
        return None
    return table, callbacks, lexer


def driver(lark: Lark) -> Optional[Driver]:
    """A :class:`Driver` for the table of *lark*, or None when it cannot run it alike."""
    found = _parts(lark)
    return Driver(*found) if found is not None else None
