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

A second test, :func:`starts_two`, reads the first two atoms the same way, so a hot
list can also leave out the terminals that cannot start with a line's first two
characters (TO_LINE's slip form ``[A-Z0-9]O`` can start with any capital, but not with
"SU").
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


_Prefix = tuple[tuple[Any, Any, bool], ...]


def _prefixes(items: Any, case: bool, n: int) -> set[_Prefix]:
    """The sequences of at most *n* atoms a match of the sequence *items* can start
    with, each atom with whether case is ignored there; a sequence shorter than *n*
    is one the match may end after (or pass on to what follows *items*)."""
    found: set[_Prefix] = {()}
    for op, av in items:
        if all(len(prefix) == n for prefix in found):
            break
        found = _then(found, lambda m: _item(op, av, case, m), n)
    return found


def _then(found: set[_Prefix], ways: Callable[[int], set[_Prefix]], n: int) -> set[_Prefix]:
    """Each prefix in *found* that is shorter than *n*, followed by each way (of the
    *n* atoms or fewer still wanted) what comes next may start."""
    return {p + q if len(p) < n else p for p in found for q in (ways(n - len(p)) if len(p) < n else [()])}


def _item(op: Any, av: Any, case: bool, n: int) -> set[_Prefix]:
    """The prefixes of at most *n* atoms of one item of a pattern's tree."""
    if op in _ATOMS:
        return {((op, tuple(av) if op is _C.IN else av, case),)}  # (a set's items as a tuple, to hash)
    if op is _C.SUBPATTERN:
        _group, add, remove, sub = av
        return _prefixes(sub, (case or bool(add & _CASE)) and not remove & _CASE, n)
    if op is _C.BRANCH:
        return set().union(*(_prefixes(alternative, case, n) for alternative in av[1]))
    if op in _REPEATS:
        # the body repeated from its least count to its greatest, both at most n: more
        # repeats add no other prefix of n atoms or fewer
        low, high, sub = av
        found: set[_Prefix] = {()} if low == 0 else set()
        current: set[_Prefix] = {()}
        for count in range(1, min(high, n) + 1):
            current = _then(current, lambda m: _prefixes(sub, case, m), n)
            if count >= min(low, n):
                found |= current
        return found
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _prefixes(av, case, n)
    if op in _ZERO_WIDTH:
        return {()}  # consumes nothing: it only narrows what matches
    raise _Unknown(op)


@lru_cache(maxsize=None)
def starts_two(pattern: str) -> Optional[Callable[[str], Optional[re.Match[str]]]]:
    """A test of whether a match of *pattern* can start with two given characters, or
    None when it may start with any two (or be empty, or hold what this does not
    read). The test reads a two-character string; a match that may end after one
    character passes on the first alone."""
    try:
        tree = sre.parse(pattern)
        prefixes = _prefixes(tree, bool(tree.state.flags & _CASE), 2)
    except (_Unknown, re.error):
        return None
    if () in prefixes:
        return None
    state = tree.state
    alternatives = []
    for prefix in sorted(prefixes, key=repr):
        steps = []
        for op, av, case in prefix:
            flags = (_CASE, 0) if case else (0, _CASE)
            steps.append((_C.SUBPATTERN, (None, flags[0], flags[1], sre.SubPattern(state, [(op, list(av) if op is _C.IN else av)]))))
        alternatives.append(sre.SubPattern(state, steps))
    one = sre.SubPattern(state, [(_C.BRANCH, (None, alternatives))])
    test: Callable[[str], Optional[re.Match[str]]] = sre_compile.compile(one, state.flags & ~_CASE).match
    return test
