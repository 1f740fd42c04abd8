"""Seg.split_at: the pieces of a line between a separator's matches, in place."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cablelint.grammar.segment import Seg
from cablelint.grammar.source import read_source

TWO_SPACES = re.compile(r"[ \t]{2,}")


def _seg(text: str, begin: int = 0) -> Seg:
    line = read_source(text).lines[0]
    return Seg.whole(line).sub(begin)


def test_pieces_and_their_columns() -> None:
    seg = _seg("XX TAGS: PREL  SUBJECT: TALKS   ")
    pieces = seg.sub(3).split_at(TWO_SPACES)
    assert [p.text for p in pieces] == ["TAGS: PREL", "SUBJECT: TALKS"]
    assert [(p.span().column, p.span().end_column) for p in pieces] == [(4, 14), (16, 30)]


def test_nothing_but_separators_gives_no_piece() -> None:
    assert _seg("     ").split_at(TWO_SPACES) == []
    assert [p.text for p in _seg("ONE").split_at(TWO_SPACES)] == ["ONE"]


@given(st.lists(st.text(alphabet="AB C", min_size=1), min_size=1, max_size=6), st.integers(0, 3))
def test_pieces_are_the_text_between_separators(words: list[str], lead: int) -> None:
    text = "Z" * lead + "  ".join(words)
    seg = _seg(text, lead)
    pieces = seg.split_at(TWO_SPACES)
    assert [p.text for p in pieces] == [w for w in TWO_SPACES.split(seg.text) if w]
    for p in pieces:  # each piece's position is where its text stands in the line
        assert text[p.span().column - 1 : p.span().end_column - 1] == p.text
