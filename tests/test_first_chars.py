"""first_chars: what a match can start with, and the lexer's use of it (a line tried
against the terminals that can start with its first character only)."""

from __future__ import annotations

import re
from typing import Optional

import pytest

from cablelint.grammar import candidates
from cablelint.grammar.first_chars import starts, starts_two
from cablelint.grammar.parser import document_parser, line_patterns, parse_text
from cablelint.grammar.source import read_source
from tests.conftest import CORPUS, REAL


def _starters(pattern: str, chars: str) -> Optional[str]:
    test = starts(pattern)
    return None if test is None else "".join(c for c in chars if test(c) is not None)


@pytest.mark.parametrize(
    "pattern, chars, expected",
    [
        (r"[ \t]*SUBJ.*", " \tSsuX", " \tS"),
        (r"(?i:subj)", "SsſuX", "Ssſ"),  # case-blind: the long s is an s to re
        (r"(?i:k)", "kK\u212ax", "kK\u212a"),  # and the Kelvin sign a k
        (r"a?(?:b|c+)d", "abcdx", "abc"),
        (r"(?=c)d|(?<!q)r", "cdrq", "dr"),  # assertions consume nothing
        (r"(?:x?|y{2,})z", "xyzw", "xyz"),
        (r"\d\S", "5\u0663a ", "5\u0663"),
        (r"[^A-Z]x", "aA \n", "a \n"),
        (r".x", "a\n", "a"),
    ],
)
def test_starters(pattern: str, chars: str, expected: str) -> None:
    assert _starters(pattern, chars) == expected


@pytest.mark.parametrize("pattern", ["", "a*", "(?:a|)b?", r"(a)?(?(1)b|c)", r"(?:^|x)"])
def test_a_pattern_that_may_be_empty_or_is_not_read_may_start_with_anything(pattern: str) -> None:
    assert starts(pattern) is None


@pytest.mark.parametrize(
    "pattern, pairs, expected",
    [
        # TO_LINE's slip form: any capital may start it, but only O may follow one
        (r"[ \t]*(?:T[A-Z0-9]|[A-Z0-9]O|OT)\s.*", ["TO", "XO", "SU", " T", "OT", "XT", "  "], ["TO", "XO", " T", "OT", "  "]),
        (r"(?i:su)bj", ["SU", "sU", "Su", "SX"], ["SU", "sU", "Su"]),
        (r"a{3}b|x{0,2}y", ["aa", "ab", "xx", "xy", "y ", "yy", "xz"], ["aa", "xx", "xy", "y ", "yy"]),  # "y": the match may end
        (r"(?=x)xy|(ab)+c", ["xy", "xz", "ab", "ac"], ["xy", "ab"]),
        (r"a(?i:b)", ["ab", "aB", "Ab"], ["ab", "aB"]),
        (r"[^a]b", ["bb", "ab", "xc"], ["bb"]),
    ],
)
def test_two_starters(pattern: str, pairs: list[str], expected: list[str]) -> None:
    test = starts_two(pattern)
    assert test is not None and [two for two in pairs if test(two) is not None] == expected


@pytest.mark.parametrize("pattern", ["", "a*", "(?:a|)b?", r"(a)?(?(1)b|c)", r"(?:^|x)"])
def test_a_pattern_that_may_be_empty_or_is_not_read_may_start_with_any_two(pattern: str) -> None:
    assert starts_two(pattern) is None


def _lines() -> set[str]:
    paths = sorted(CORPUS.rglob("*.cable"))
    if (REAL / "text").is_dir():
        paths += sorted((REAL / "text").glob("*.cable")) + sorted((REAL / "markdown").glob("*.cable"))
    return {line.text for p in paths for line in read_source(p.read_text(encoding="utf-8", errors="replace")).lines}


def test_no_line_terminal_matches_a_line_it_cannot_start() -> None:
    patterns = line_patterns()
    tests = {name: starts(p.pattern) for name, p in patterns.items()}
    assert sum(t is not None for t in tests.values()) >= 40  # (BLANK may be empty)
    checked = 0
    for text in _lines():
        for name, test in tests.items():
            if test is not None and (text == "" or test(text[0]) is None):
                assert patterns[name].fullmatch(text) is None, (name, text)
                checked += 1
    assert checked > (100_000 if (REAL / "text").is_dir() else 40_000)  # (the corpus alone: about 52,000)


def test_no_line_terminal_matches_a_line_it_cannot_start_with_two() -> None:
    patterns = line_patterns()
    tests = {name: starts_two(p.pattern) for name, p in patterns.items()}
    assert sum(t is not None for t in tests.values()) >= 40
    checked = 0
    for text in _lines():
        for name, test in tests.items():
            if test is not None and len(text) >= 2 and test(text[:2]) is None:
                assert patterns[name].fullmatch(text) is None, (name, text)
                checked += 1
    assert checked > (100_000 if (REAL / "text").is_dir() else 40_000)


def test_hot_lists_by_first_character_pick_what_the_one_by_one_loop_picks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(candidates, "_LEAD_HOT", 1)  # every first character by its alternation at once
    lines = _lines()
    for p in sorted(CORPUS.rglob("*.cable"))[:40]:
        parse_text(p.read_text(encoding="utf-8", errors="replace"))
    lx = document_parser().parser.lexer
    lists = list(lx._candidates.values()) + ([lx._run] if lx._run is not None else [])
    distinct = {tuple(name for name, _ in cands.pairs): cands for cands in lists}
    assert len(distinct) > 10
    for cands in distinct.values():
        hot = candidates._Candidates(cands.names, cands.patterns, lx._alternation)
        hot.by_lead = {}
        for text in lines:
            one_by_one = next((n for n, p in cands.pairs if p.fullmatch(text)), None)
            assert hot.first(text) == one_by_one, (text, [n for n, _ in cands.pairs])


def test_a_hot_list_compiles_a_first_character_only_once_it_is_met_often(monkeypatch: pytest.MonkeyPatch) -> None:
    """A hot list tries the lines of a first character one by one till it has met it
    _LEAD_HOT times, then each line's first two characters through their alternation:
    the same picks, a list asked for each new two (the lexer's compile keeps one of each)."""
    monkeypatch.setattr(candidates, "_HOT", 4)
    monkeypatch.setattr(candidates, "_LEAD_HOT", 2)
    patterns = candidates.LinePatterns({"DIGITS": "[0-9]+", "WORD": "[A-Za-z]+", "ANY": ".*"})
    compiled: list[list[str]] = []

    def compile_(pairs: list[tuple[str, re.Pattern[str]]]) -> re.Pattern[str]:
        compiled.append([name for name, _ in pairs])
        return re.compile("|".join(f"(?P<{name}>{p.pattern})" for name, p in pairs))

    cands = candidates._Candidates(["DIGITS", "WORD", "ANY"], patterns, compile_)
    texts = ["12", "ab", "13", "ac", "14", "15", "ad", "ae", "-x", "af", "1y"]
    picks, compiles = [], []
    for text in texts:
        picks.append(cands.first(text))
        compiles.append(len(compiled))
    assert picks == ["DIGITS", "WORD", "DIGITS", "WORD", "DIGITS", "DIGITS", "WORD", "WORD", "ANY", "WORD", "ANY"]
    # hot after "ac"; "1" is warm at its second hot use ("15"), "a" at "ae"; then each
    # new two characters of a warm one ("af", "1y") get their own
    assert compiles == [0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 4]
    assert compiled == [["DIGITS", "ANY"], ["WORD", "ANY"], ["WORD", "ANY"], ["DIGITS", "ANY"]]
    assert set(cands.by_lead or {}) == {"15", "ae", "af", "1y"} and cands.lead_uses == {"-": 1}
    assert cands.warm == {"1", "a"}
