"""Parse a cable: text -> normalised lines -> LALR document parse -> model.

The Lark parser is built once per process from the package's grammar file and never
cached to disk (a read-only install and several users on one machine must both work).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Optional

from lark import Lark
from lark.exceptions import UnexpectedInput

from cablelint.grammar.build import CableBuilder, finish
from cablelint.grammar.lexer import LineError, LineLexer
from cablelint.grammar.source import read_source
from cablelint.model import Cable

DIALECTS = ("telegram", "cablegate", "markdown", "draft")


@lru_cache(maxsize=None)
def _document() -> tuple[Lark, CableBuilder]:
    builder = CableBuilder()
    parser = Lark.open_from_package(
        "cablelint",
        "cable.lark",
        ("grammar",),
        parser="lalr",
        lexer=LineLexer,
        # The builder runs inline as rules are reduced: no tree is built. Every token is
        # a whole line and carries its own position, so nodes need none.
        transformer=builder,
        propagate_positions=False,
    )
    builder.set_line_patterns({t.name: re.compile(t.pattern.to_regexp()) for t in parser.terminals})
    # The parser looks up the rule it reduced by its name in the (str-keyed) parse table
    # on every reduction; a Token name there costs a Python-level __eq__ each time.
    for rule in parser.rules:
        rule.origin.name = str(rule.origin.name)
    return parser, builder


def document_parser() -> Lark:
    """The document parser; its ``parse`` feeds the inline builder (use parse_text)."""
    return _document()[0]


def line_patterns() -> dict[str, re.Pattern[str]]:
    """The compiled line terminals of cable.lark, by name."""
    return _document()[1]._line_patterns


# The parser and its inline builder are shared by the process: one parse at a time.
_PARSING = threading.Lock()


def parse_text(text: str, dialect: Optional[str] = None) -> Cable:
    """Parse *text* (already decoded) into a :class:`Cable`. Never raises on bad input."""
    src = read_source(text)
    parser, builder = _document()
    with _PARSING:
        builder.begin(src)
        try:
            parser.parse(src)  # type: ignore[arg-type]
        except UnexpectedInput as exc:  # pragma: no cover - every state accepts the end
            builder.begin(src)  # as if nothing had been read: keep no half-built parts
            src.errors.append(LineError(max(0, (exc.line or 1) - 1), ()))
        finally:
            parts = builder.end()
    cable = finish(src, parts, src.errors)
    if dialect is not None and dialect != cable.dialect:
        object.__setattr__(cable, "dialect", dialect)
    return cable
