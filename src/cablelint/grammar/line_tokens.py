"""The tokens the line lexer hands the parser, and the record of a line it could not place.

Every token is a whole line (:class:`Token`), a stretch of body lines (:class:`LineRun`)
or continuation lines of one type in a row (:class:`LineBlock`); the builders read them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import lark

from cablelint.grammar.source import SourceLine

if TYPE_CHECKING:

    class Token(lark.Token):
        """(For the type checker.) A token of the line lexer: ``LineLexer.lex`` places
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


def spanning(cls: type[_T], name: str, first: SourceLine, last: SourceLine) -> _T:
    """A *cls* token for the source lines *first* to *last*: the first one's text, the
    position from the start of the first to the end of the last."""
    return cls(name, first.text, first.start, first.number, 1, last.number, len(last.raw) + 1, last.start + len(last.raw))
