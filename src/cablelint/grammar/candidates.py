"""A parser state's candidate line terminals, and the line terminals' patterns.

The line lexer (lexer.py) asks, for each line, which of the terminals the parser
accepts in its current state the line is: :class:`_Candidates` holds one state's
list, highest priority first, and names the first whose pattern matches the whole
line. :class:`LinePatterns` compiles each terminal's pattern when it is first looked
up, so a run compiles only the terminals it tries.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Optional, Sequence, overload

from cablelint.compiled import regex
from cablelint.grammar.first_chars import starts, starts_two

# A list of candidates tried this many times is worth compiling into one alternation
# (a compile costs about as much as a few thousand tries one pattern at a time).
_HOT = 1000
# In a hot list, a first character gets its alternation once the list has met it this
# many times (or _HOT, if lower): about half the first characters a hot list meets are
# rare (after six passes over the real cables 95 of 189 were met ten times or fewer), and
# where no pattern codes are kept (the first run, --no-cache) each compile costs 3 to 4 ms.
_LEAD_HOT = 20


class LinePatterns(dict[str, "re.Pattern[str]"]):
    """The line terminals' compiled patterns by name, each compiled on its first lookup.

    A run compiles only the terminals it tries (a one-file check of a plain cable
    meets about half of them). ``patterns[name]`` compiles; ``get``, ``in`` and
    iteration see only the patterns compiled so far: :meth:`compiled` has them all.
    """

    def __init__(self, sources: dict[str, str]) -> None:
        super().__init__()
        self.sources = sources  # name -> regular expression

    def __missing__(self, name: str) -> re.Pattern[str]:
        pattern = self[name] = regex(self.sources[name])
        return pattern

    def compiled(self) -> dict[str, re.Pattern[str]]:
        """Every pattern, compiled, by name."""
        return {name: self[name] for name in self.sources}


class _Pairs(Sequence[tuple[str, "re.Pattern[str]"]]):
    """A candidate list's (name, pattern) pairs, highest priority first, each pattern
    compiled when its pair is first read (a list is often decided by its first few)."""

    __slots__ = ("names", "patterns")

    def __init__(self, names: list[str], patterns: LinePatterns) -> None:
        self.names = names
        self.patterns = patterns

    def __len__(self) -> int:
        return len(self.names)

    @overload
    def __getitem__(self, index: int) -> tuple[str, re.Pattern[str]]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[str, re.Pattern[str]]]: ...

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [(name, self.patterns[name]) for name in self.names[index]]
        name = self.names[index]
        return name, self.patterns[name]

    def __iter__(self) -> Iterator[tuple[str, re.Pattern[str]]]:
        patterns = self.patterns
        for name in self.names:
            yield name, patterns[name]


class _Candidates:
    """The terminals a line may be in one parser state, highest priority first.

    :meth:`first` names the first whose pattern matches the whole line. While the list
    is cold it tries them one by one, compiling each when it is first tried; once hot
    it uses one alternation per first two characters of a line, of the terminals that
    can start with them (first_chars.py), which ``fullmatch`` resolves the same way (the
    first alternative that matches the whole line wins; ``lastgroup`` names it, as the
    terminals name no groups). Once the hot list has met a first character
    :data:`_LEAD_HOT` times, each line starting with it gets the alternation of its
    first two characters (the lexer compiles each distinct list once); till then its
    lines are tried one by one.
    """

    __slots__ = ("names", "patterns", "pairs", "uses", "by_lead", "lead_uses", "warm", "_compile")

    def __init__(self, names: list[str], patterns: LinePatterns, compile_: Any) -> None:
        self.names = names
        self.patterns = patterns
        self.pairs = _Pairs(names, patterns)
        self.uses = 0
        # once hot: a line's first two characters -> the alternation of the terminals
        # that can start with them (None: none can)
        self.by_lead: Optional[dict[str, Optional[re.Pattern[str]]]] = None
        self.lead_uses: dict[str, int] = {}  # once hot: the uses of a first character not yet warm
        self.warm: set[str] = set()  # once hot: the first characters whose lines get alternations
        self._compile = compile_

    def first(self, text: str) -> Optional[str]:
        by_lead = self.by_lead
        if by_lead is not None:
            lead = text[:2]
            if lead in by_lead or self._warm(by_lead, lead):
                alternation = by_lead[lead]
                if alternation is None:
                    return None
                m = alternation.fullmatch(text)
                return m.lastgroup if m is not None else None
        else:
            self.uses += 1
            if self.uses >= _HOT and self.names:
                self.by_lead = {}
        patterns = self.patterns
        for name in self.names:
            if patterns[name].fullmatch(text) is not None:
                return name
        return None

    def _warm(self, by_lead: dict[str, Optional[re.Pattern[str]]], lead: str) -> bool:
        """Count a use of the first character of *lead* (a line's first two characters)
        in the hot list; once the character is warm, give *lead* its alternation (in
        *by_lead*), and say whether it has one."""
        char = lead[:1]
        if char not in self.warm:
            seen = self.lead_uses.get(char, 0) + 1
            if seen < min(_HOT, _LEAD_HOT):
                self.lead_uses[char] = seen
                return False
            self.lead_uses.pop(char, None)
            self.warm.add(char)
        by_lead[lead] = self._for_lead(lead)
        return True

    def _for_lead(self, lead: str) -> Optional[re.Pattern[str]]:
        """The alternation of the terminals a line starting with *lead* (its first two
        characters, or all of it if shorter; "": an empty line, which only a terminal
        that can match nothing fits) may be."""
        pairs = [(name, pattern) for name, pattern in self.pairs if may_start(pattern.pattern, lead)]
        return self._compile(pairs) if pairs else None


def may_start(pattern: str, lead: str) -> bool:
    """Can a match of *pattern* start with *lead*: its first two characters, a whole
    line of one character, or "" (be empty)?"""
    if len(lead) == 2:
        two = starts_two(pattern)
        if two is not None and two(lead) is None:
            return False
    test = starts(pattern)
    return test is None or (lead != "" and test(lead[0]) is not None)
