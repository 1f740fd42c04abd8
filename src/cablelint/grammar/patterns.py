"""Compiled patterns of the grammar's terminals, looked up by name.

The grammar files are the one place where the shapes of lines and fields are written;
this module compiles their terminals once per process so the lexer and the model
builder can use them without writing regexes of their own. Each is compiled when it
is first asked for: a run that lints one file needs about half of them.
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
def _sources() -> dict[str, str]:
    """The regular expression of every terminal of fields.lark, by name."""
    shipped = tables.field_patterns()  # None when they no longer match the grammar file
    if shipped is None:
        return {name: p.pattern for name, p in build_field_patterns().items()}
    return shipped


@lru_cache(maxsize=None)
def field(name: str) -> re.Pattern[str]:
    """The compiled pattern of terminal *name* in fields.lark."""
    return re.compile(_sources()[name])


def all_fields() -> dict[str, re.Pattern[str]]:
    """Every terminal of fields.lark, by name (for the regex audit and the fuzzers)."""
    return {name: field(name) for name in _sources()}
