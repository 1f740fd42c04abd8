"""Compiled patterns of the grammar's terminals, looked up by name.

The grammar files are the one place where the shapes of lines and fields are written;
this module compiles their terminals once per process so the lexer and the model
builder can use them without writing regexes of their own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lark import Lark

from cablelint.grammar import tables


def build_field_patterns() -> dict[str, re.Pattern[str]]:
    """Every terminal of fields.lark, compiled, as Lark reads the grammar file."""
    grammar = Lark.open_from_package("cablelint", tables.FIELD_GRAMMAR, ("grammar",), parser=None, lexer="basic")
    return {t.name: re.compile(t.pattern.to_regexp()) for t in grammar.terminals}


@lru_cache(maxsize=None)
def _fields() -> dict[str, re.Pattern[str]]:
    shipped = tables.field_patterns()  # None when they no longer match the grammar file
    if shipped is None:
        return build_field_patterns()
    return {name: re.compile(pattern) for name, pattern in shipped.items()}


def field(name: str) -> re.Pattern[str]:
    """The compiled pattern of terminal *name* in fields.lark."""
    return _fields()[name]


def all_fields() -> dict[str, re.Pattern[str]]:
    """Every terminal of fields.lark, by name (for the regex audit and the fuzzers)."""
    return dict(_fields())
