"""Which characters a match of a regular expression can start with.

The lexer tries a line against the terminals its parser state accepts, highest
priority first (candidates._Candidates). Most of them cannot match a line that starts with
the line's first character ("SUBJECT:" cannot start with "R"), yet one alternation of
them all tries each in turn: a header line cost about 19,000 instructions. Knowing what
each terminal can start with, the lexer tries a line against the terminals that can
start with its first character only, in the same order, so the first that matches is
the same one.

The answer comes from the parse tree ``re`` compiles from (``re._parser``): the first
character a match consumes is one of the pattern's first atoms (a literal, a set, any
character), found through groups, alternatives and repeats, past zero-width assertions
(they only narrow what matches). Each atom is compiled alone, with the case flags in
force where it stands, and a character is tested against it as the full pattern would
test it. A pattern that can match the empty string, or holds what this does not know,
may start with anything.

first_two.py reads the first two atoms the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import import_module
from typing import Any, Callable, Optional

# CPython's own parser and compiler of regular expressions (the parse tree below is the
# one re compiles); the parser module names the tree's opcodes too
try:
    sre: Any = import_module("re._parser")
    sre_compile: Any = import_module("re._compiler")
except ModuleNotFoundError:  # Python 3.10
    sre = import_module("sre_parse")
    sre_compile = import_module("sre_compile")
_C = sre
_ATOMS = (_C.LITERAL, _C.NOT_LITERAL, _C.IN, _C.ANY)
_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", _C.MAX_REPEAT))
_ZERO_WIDTH = (_C.AT, _C.ASSERT, _C.ASSERT_NOT)
_CASE = re.IGNORECASE


class _Unknown(Exception):
    """The pattern holds something the analysis does not read."""


def _first(items: Any, case: bool, atoms: list[tuple[Any, Any, bool]]) -> bool:
    """Add to *atoms* the atoms a match of the sequence *items* can start with, each
    with whether case is ignored there; return whether the sequence can match the
    empty string."""
    for op, av in items:
        if op in _ATOMS:
            atoms.append((op, av, case))
            return False
        if op is _C.SUBPATTERN:
            _group, add, remove, sub = av
            here = (case or bool(add & _CASE)) and not remove & _CASE
            if not _first(sub, here, atoms):
                return False
        elif op is _C.BRANCH:
            empty = False
            for alternative in av[1]:
                empty = _first(alternative, case, atoms) or empty
            if not empty:
                return False
        elif op in _REPEATS:
            low, _high, sub = av
            if not _first(sub, case, atoms) and low > 0:
                return False
        elif op is getattr(_C, "ATOMIC_GROUP", None):
            if not _first(av, case, atoms):
                return False
        elif op in _ZERO_WIDTH:
            continue  # consumes nothing: the next item consumes the first character
        else:
            raise _Unknown(op)
    return True


@lru_cache(maxsize=None)
def starts(pattern: str) -> Optional[Callable[[str], Optional[re.Match[str]]]]:
    """A test of whether a match of *pattern* can start with a given character, or None
    when a match may start with any character (or be empty)."""
    try:
        tree = sre.parse(pattern)
        atoms: list[tuple[Any, Any, bool]] = []
        if _first(tree, bool(tree.state.flags & _CASE), atoms):
            return None
    except (_Unknown, re.error):
        return None
    state = tree.state
    alternatives = []
    for op, av, case in atoms:
        alone = sre.SubPattern(state, [(op, av)])
        flags = (_CASE, 0) if case else (0, _CASE)
        alternatives.append(sre.SubPattern(state, [(_C.SUBPATTERN, (None, flags[0], flags[1], alone))]))
    one = sre.SubPattern(state, [(_C.BRANCH, (None, alternatives))])
    test: Callable[[str], Optional[re.Match[str]]] = sre_compile.compile(one, state.flags & ~_CASE).fullmatch
    return test
