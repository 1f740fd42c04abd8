"""Compiled patterns of the grammar's terminals, looked up by name.

The grammar files are the one place where the shapes of lines and fields are written;
this module compiles their terminals so the lexer and the model builder can use them
without writing regexes of their own. Each pattern is compiled on its first lookup,
once per process: a run that never reads a field (a one-file check of a cable
without references, say) does not pay for compiling it.

So a module names at its top (``_TAGS = field("TAGS_SHAPE")``) only the patterns that
nearly every cable meets, which are compiled when it is imported; a shape that few
cables have (a legacy declassification word, a run-on signature) is looked up where
it is tried, ``field("DECL_LEGACY").fullmatch(text)``: an lru_cache hit, once per
try, against the compile that every start-up would otherwise pay.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cablelint.compiled import regex
from cablelint.grammar import tables


def build_field_patterns() -> dict[str, re.Pattern[str]]:
    """Every terminal of fields.lark, compiled, as Lark reads the grammar file."""
    from lark import Lark

    grammar = Lark.open_from_package("cablelint", tables.FIELD_GRAMMAR, ("grammar",), parser=None, lexer="basic")
    return {t.name: re.compile(t.pattern.to_regexp()) for t in grammar.terminals}


@lru_cache(maxsize=None)
def _sources() -> dict[str, str]:
    """The regular expression of every terminal of fields.lark, by name: the shipped
    ones while they match the grammar file, else built from it."""
    shipped = tables.field_patterns()  # None when they no longer match the grammar file
    if shipped is None:
        return {name: p.pattern for name, p in build_field_patterns().items()}
    return shipped


@lru_cache(maxsize=None)
def field(name: str) -> re.Pattern[str]:
    """The compiled pattern of terminal *name* in fields.lark (compiled on first use)."""
    return regex(_sources()[name])


def all_fields() -> dict[str, re.Pattern[str]]:
    """Every terminal of fields.lark, by name (for the regex audit and the fuzzers)."""
    return {name: field(name) for name in _sources()}
