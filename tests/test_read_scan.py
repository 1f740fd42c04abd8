"""The scan's shortcuts change nothing: the scan tries its patterns only where
they can match (read_scan._matches), and must find what the plain finditer finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablelint.grammar import read_scan as rb
from cablelint.grammar.patterns import field
from cablelint.grammar.segment import Seg
from cablelint.grammar.source import read_source
from tests.conftest import CORPUS, REAL

_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _shortcuts(text: str) -> list[tuple[re.Pattern[str], list[tuple[int, int]]]]:
    low = text.lower()
    return [
        (rb._BLOCK, rb._block_ranges(text, low)),
        (rb._REFTEL, rb._word_ranges(low, "ref")),
        (rb._REFCITE, rb._word_ranges(low, "ref")),
        (field("PARA_CITE"), rb._word_ranges(low, "para")),
        (rb.END_MISSPELT, rb._word_ranges(low, "end")),
    ]


def _found(matches) -> list[tuple[tuple[int, int], tuple]]:  # type: ignore[no-untyped-def]
    return [(m.span(), m.groups()) for m in matches]


def _check(text: str) -> None:
    if not rb._plain_case(text, text.lower()):
        return
    for pattern, ranges in _shortcuts(text):
        assert _found(rb._matches(pattern, text, ranges)) == _found(pattern.finditer(text)), (pattern.pattern[:40], text)


def _scan_both_ways(text: str, previous: str, monkeypatch: pytest.MonkeyPatch) -> None:
    line = read_source(text + "\n").lines[0]
    fast: tuple[list, list] = ([], [])
    rb.scan_text(Seg.whole(line), *fast, previous)
    with monkeypatch.context() as m:
        m.setattr(rb, "_plain_case", lambda text, low: False)
        plain: tuple[list, list] = ([], [])
        rb.scan_text(Seg.whole(line), *plain, previous)
    assert fast == plain, text


def test_folds_are_every_non_ascii_character_taken_for_an_ascii_letter() -> None:
    everything = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    letters = re.compile("(?i:[a-z]|" + "|".join(_ASCII_LETTERS) + ")")
    assert {m.group() for m in letters.finditer(everything)} == set(rb.FOLDS)


def test_plain_case_needs_lower_case_of_the_same_length() -> None:
    assert rb._plain_case("Summary", "summary")
    assert not rb._plain_case("\u0130 summary", "\u0130 summary".lower())
    assert not rb._plain_case("\u017fummary", "\u017fummary")
    assert rb._plain_case("caf\u00e9 summary", "caf\u00e9 summary")


_PIECES = [
    "summary", "Summary", "SUMMARY", "comment", "COMMENT", "Comments", "note", "Notes", "text", "TEXT", "context",
    "end", "End", "END", "Sumary", "COMENT", "begin", "BEGIN", "embassy", "Post", "and", "&", "/", "continued", "con't", "points",
    " ", "  ", "   ", "\t", "-", "--", "(", ")", ".", ":", ";", "!", "?", ",", "'",
    "ref", "Ref", "REF", "refs", "reftel", "REFTELS", "reform", "para", "paras", "Paragraph", "separate",
    "A", "B", "b", "(a)", "(C)", "1", "12", "3", "through", "to", "or", "of", "septel", "x", "Xy",
    "\u00e9", "\u017f", "\u0130", "\u212a", "\u0131", "\u2019", "\n",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_shortcut_matches_are_finditer_matches(text: str) -> None:
    _check(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("sumarycoentxbgipdfhl SUMARYCOENTXBGIPDFHL\t-(.:;)!?/&,'0123\u017f")), max_size=60))
def test_shortcut_matches_are_finditer_matches_letter_by_letter(text: str) -> None:
    _check(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join), st.sampled_from(["", "End", "(Post", "text."]))
def test_scan_text_finds_what_the_plain_scan_finds(text: str, previous: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _scan_both_ways(text.replace("\n", " "), previous, monkeypatch)


def _corpus_lines() -> list[str]:
    paths = sorted(CORPUS.rglob("*.cable"))
    if (REAL / "text").is_dir():
        paths += sorted((REAL / "text").glob("*.cable")) + sorted((REAL / "markdown").glob("*.cable"))
    lines = []
    for p in paths:
        lines += [line.text for line in read_source(p.read_text(encoding="utf-8", errors="replace")).lines]
    return lines


def test_shortcut_matches_are_finditer_matches_over_the_corpus() -> None:
    lines = _corpus_lines()
    assert len(lines) > 1000
    for text in lines:
        _check(text)


def _ends_with_end_plainly(text: str) -> bool:
    return rb._END_ABOVE.search(text) is not None


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["\r", "\n\n", "end\n", "END \t", "xend", "_end", "\u00e9nd"]), max_size=12).map("".join))
def test_ends_with_end_searches_the_tail_as_the_whole_text(text: str) -> None:
    assert rb.ends_with_end(text) == _ends_with_end_plainly(text), text


def test_ends_with_end_over_the_corpus() -> None:
    lines = _corpus_lines()
    if (REAL / "text").is_dir():  # (no line of the bundled corpus alone ends so)
        assert any(rb.ends_with_end(text) for text in lines)
    for text in lines + ["end", "END", " end", "end\n", "end \n", "end\n\n", "en", "d", "", "xend", "x end", "(end", "End\t \t"]:
        assert rb.ends_with_end(text) == _ends_with_end_plainly(text), text


@pytest.mark.parametrize(
    "word, kind",
    [
        ("Sumary", "SUMMARY"),  # a letter lost
        ("summmary", "SUMMARY"),  # a letter added
        ("Summery", "SUMMARY"),  # a letter changed
        ("SUMMAYR", "SUMMARY"),  # two letters swapped
        ("cmment", "COMMENT"),
        ("Commnet", "COMMENT"),
        ("Summary", None),  # the word itself
        ("Comments", None),  # its plural
        ("Summer", None),  # two letters away
        ("content", None),
    ],
)
def test_misspelt_kind(word: str, kind: str | None) -> None:
    assert rb.misspelt_kind(word) == kind



def _ends_with_a_wrap_word(text: str) -> bool:
    """wrapped_citation's own test of the line's end, without its pre-test."""
    end = len(text.rstrip(" \t"))
    return text[max(0, end - 16) : end].rstrip(".").lower().endswith(rb._WRAP_WORDS)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["REF", "Refs", "reftel", "REFTELS", "ref.", "Ref..", "ref .", " \t", "\u0130"]), max_size=8).map("".join))
def test_wrapped_citation_pre_test_passes_every_wrap_word_ending(text: str) -> None:
    """wrapped_citation's cheap test of the line's last characters lets through every
    line whose end reads as one of _WRAP_WORDS."""
    if _ends_with_a_wrap_word(text):
        assert text.rstrip(" \t.")[-1:] in rb._WRAP_LAST, text


def test_wrapped_citation_pre_test_over_the_corpus() -> None:
    lines = _corpus_lines()
    assert any(_ends_with_a_wrap_word(text) for text in lines)
    for text in lines:
        if _ends_with_a_wrap_word(text):
            assert text.rstrip(" \t.")[-1:] in rb._WRAP_LAST, text


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["Refs B", " and", "AND", ",", "&", "-", "\u2013", " through", " THRU", " Thru", " \t", "x"]), max_size=6).map("".join))
def test_wrapped_list_pre_test_passes_every_joint_ending(text: str) -> None:
    """wrapped_citation's test of the last character lets through every line that ends
    with a joint of a REF list (_JOINT_END), which _wrapped_list then reads."""
    for start in range(len(text) + 1):
        if rb._JOINT_END.fullmatch(text, start) is not None and text[start:].strip(" \t"):
            assert text.rstrip(" \t")[-1:] in rb._JOINT_LAST, text


@pytest.mark.parametrize("text", ["End of text.", "as read. end  of\ttext", "END OF TEXT END TEXT", "the end of texts", "friend of text"])
def test_shortcut_finds_end_of_text(text: str) -> None:
    """"End of text" has a word between END and its kind: the ranges reach back to END."""
    _check(text)
    assert [m.group("blk_end_kind") for m in rb._matches(rb._BLOCK, text, rb._block_ranges(text, text.lower()))] == [m.group("blk_end_kind") for m in rb._BLOCK.finditer(text)]
