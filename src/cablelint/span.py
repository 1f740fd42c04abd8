"""Source positions: 1-based lines and columns counted in code points, exclusive end.

(No ``from __future__ import annotations`` here: ``typing.NamedTuple`` compiles each
field's annotation given as a string into a ``ForwardRef``, about 50,000
instructions a field at every start; the class's own name is quoted where it is used
before it is made.)
"""

from types import MethodType
from typing import Callable, NamedTuple


class Span(NamedTuple):
    """A stretch of source text.

    ``line``/``column`` are 1-based and count Unicode code points; ``end_column`` is
    exclusive (Lark's convention). ``start``/``end`` are 0-based offsets into the
    decoded text, for applying fixes.

    A named tuple rather than a frozen dataclass: a parse makes one for nearly every
    element it reads, and a tuple is several times cheaper to build. It is as
    immutable, and compares and hashes by its fields in the same order.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }

    def shorter(self, n: int) -> "Span":
        """This span without its last *n* characters, which lie on its last line."""
        return span_of((self.line, self.column, self.end_line, self.end_column - n, self.start, self.end - n))

    def cover(self, other: "Span") -> "Span":
        """The span from the start of this one to the end of *other*."""
        return span_of((self.line, self.column, other.end_line, other.end_column, self.start, other.end))


# Span(*fields) without the named tuple's own __new__ (a Python function), for the
# places that make one for nearly every element read: span_of((line, column, ...)).
# tuple.__new__ bound to Span as a method: called without the argument tuple that a
# functools.partial of it builds (about a fifth quicker a span).
span_of: "Callable[[tuple[int, int, int, int, int, int]], Span]" = MethodType(tuple.__new__, Span)
