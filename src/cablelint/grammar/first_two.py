"""Which two characters a match of a regular expression can start with.

first_chars.py reads a pattern's first atoms; this reads its first two the same way
(through groups, alternatives, repeats and zero-width assertions, each atom with the
case flags in force where it stands), so a hot candidate list (candidates.py) can also
leave out the terminals that cannot start with a line's first two characters: TO_LINE's
slip form ``[A-Z0-9]O`` can start with any capital, but not with "SU". It is loaded
only once a list is hot, so a one-file check does not import it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable, Optional

from cablelint.grammar.first_chars import _ATOMS, _C, _CASE, _REPEATS, _ZERO_WIDTH, _Unknown, sre, sre_compile


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
