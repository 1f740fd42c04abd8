"""Parse a cable: text -> normalised lines -> LALR document parse -> model.

The Lark parser is built once per process from the package's grammar file and never
cached to disk (a read-only install and several users on one machine must both work).
"""

from __future__ import annotations

import re
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
def document_parser() -> Lark:
    return Lark.open_from_package(
        "cablelint",
        "cable.lark",
        ("grammar",),
        parser="lalr",
        lexer=LineLexer,
        # Every token is a whole line and carries its own position; the builder reads
        # positions from tokens, so tree nodes need none (this halves the tree cost).
        propagate_positions=False,
    )


@lru_cache(maxsize=None)
def line_patterns() -> dict[str, re.Pattern[str]]:
    """The compiled line terminals of cable.lark, by name."""
    return {t.name: re.compile(t.pattern.to_regexp()) for t in document_parser().terminals}


def parse_text(text: str, dialect: Optional[str] = None) -> Cable:
    """Parse *text* (already decoded) into a :class:`Cable`. Never raises on bad input."""
    src = read_source(text)
    builder = CableBuilder(src, line_patterns())
    try:
        tree = document_parser().parse(src)  # type: ignore[arg-type]
    except UnexpectedInput as exc:  # pragma: no cover - every state accepts the end
        src.errors.append(LineError(max(0, (exc.line or 1) - 1), ()))
    else:
        builder.transform(tree)
    cable = finish(src, builder.p, src.errors)
    if dialect is not None and dialect != cable.dialect:
        object.__setattr__(cable, "dialect", dialect)
    return cable
