"""The text layer's shortcuts (cablelint.grammar.source) against plain versions."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablelint.grammar import source
from cablelint.grammar.first_chars import sre
from cablelint.grammar.source import SourceLine
from tests.conftest import CORPUS, REAL


def test_source_line_init_acts_like_the_generated_one() -> None:
    a = SourceLine(3, 10, "AB  ", "\n")
    b = SourceLine(3, 10, "AB  ", "\n")
    assert a.residue == [] and a.residue is not b.residue  # a list of its own each
    assert (a.text, a.colmap, a.pilcrow) == ("", None, False)
    assert repr(a) == "SourceLine(number=3, start=10, raw='AB  ', ending='\\n', text='', colmap=None, pilcrow=False, residue=[])"
    assert a == b
    a.residue.append("x")  # type: ignore[arg-type]
    assert a != b and b.residue == []
    c = dataclasses.replace(a, text="AB")
    assert c.text == "AB" and c.residue == ["x"] and c.number == 3
    d = SourceLine(number=1, start=0, raw="", ending="", text="t", colmap=[0], pilcrow=True, residue=["r"])  # type: ignore[list-item]
    assert (d.text, d.colmap, d.pilcrow, d.residue) == ("t", [0], True, ["r"])
    assert [f.name for f in dataclasses.fields(SourceLine)] == list(SourceLine.__slots__)


def test_source_and_its_lines_act_as_the_dataclasses_they_were() -> None:
    """records.slotted leaves the methods to the classes: they must be what
    ``@dataclass(slots=True)`` made (equality by value, no hash, the repr)."""
    line = SourceLine(1, 0, "X", "\n", "X")
    a, b = source.Source("X\n", [line]), source.Source("X\n", [SourceLine(1, 0, "X", "\n", "X")])
    assert a == b and a.errors == [] and a.errors is not b.errors and a != source.Source("X\n", [])
    assert repr(a) == f"Source(text='X\\n', lines=[{line!r}], residue_found=False, markdown_found=False, pilcrows_found=False, ragged=False, errors=[])"
    assert a.__eq__(object()) is NotImplemented and line.__eq__(object()) is NotImplemented
    for obj in (a, line):
        with pytest.raises(TypeError):
            hash(obj)
        assert not hasattr(obj, "__dict__") and dataclasses.replace(obj) == obj  # type: ignore[type-var]
    assert [f.name for f in dataclasses.fields(source.Source)] == list(source.Source.__match_args__)  # type: ignore[attr-defined]


# ---- residue_matches: RESIDUE tried at the line's start and its lead characters only ----

_LEAD_PAIRS = [(source._RESIDUE, source._RESIDUE_LEADS), (source._markdown_residue(), source._MARKUP_LEADS)]


def _first_consumed(items: list[tuple[Any, Any]]) -> tuple[Any, Any]:
    """The first item of a parsed pattern that is not a lookbehind, inside groups."""
    op, av = items[0]
    if op is sre.SUBPATTERN:
        return _first_consumed(list(av[3]))
    if op is sre.ASSERT_NOT and av[0] == -1:  # a lookbehind: consumes nothing
        return _first_consumed(items[1:])
    return op, av


@pytest.mark.parametrize("pattern, leads", _LEAD_PAIRS)
def test_every_branch_is_anchored_or_starts_with_a_lead(pattern: re.Pattern[str], leads: re.Pattern[str]) -> None:
    (op, (_, branches)), = list(sre.parse(pattern.pattern))
    assert op is sre.BRANCH and len(branches) >= 5
    for branch in branches:
        op, av = _first_consumed(list(branch))
        if op is sre.AT:
            assert av is sre.AT_BEGINNING
        else:
            assert op is sre.LITERAL and leads.fullmatch(chr(av)), (op, av)


def _both_ways(text: str) -> None:
    for pattern, leads in _LEAD_PAIRS:
        plain = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in source.residue_matches(pattern, leads, text)] == plain


_RESIDUE_PIECES = ["[", "]", "(", ")", "#", "<", ">", "/", "&", ";", "\\", "_", "`", "*", " ", "a", "B", "1", "¶", "amp", "#par3", "br", "x"]


@given(st.lists(st.sampled_from(_RESIDUE_PIECES), max_size=16).map("".join))
def test_residue_matches_are_finditer_matches(text: str) -> None:
    _both_ways(text)


def test_residue_matches_are_finditer_matches_over_the_corpus() -> None:
    paths = sorted(CORPUS.rglob("*.cable"))
    if (REAL / "markdown").is_dir():
        paths += sorted((REAL / "text").glob("*.cable")) + sorted((REAL / "markdown").glob("*.cable"))
    found = 0
    for p in paths:
        for line in source.text_lines(p.read_text(encoding="utf-8", errors="replace")):
            _both_ways(line)
            found += "[" in line or "_" in line
    assert found > (100 if (REAL / "markdown").is_dir() else 5)  # (the corpus alone: 6 lines)


# ---- ColumnPieces: a residue line's column map, in pieces --------------------------


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 12), st.sampled_from([0, 1])), max_size=6), st.integers(0, 14), st.integers(1, 3))
def test_column_pieces_read_like_the_list_they_stand_for(pieces: list[tuple[int, int, int]], at: int, by: int) -> None:
    cols = source.ColumnPieces()
    plain: list[int] = []
    for count, base, step in pieces:
        cols.add(count, base, step)
        plain += [base + i * step for i in range(count)]
    assert len(cols) == len(plain) and list(cols) == plain and cols == plain
    assert [cols[i] for i in range(-len(plain), len(plain))] == plain + plain
    with pytest.raises(IndexError):
        cols[len(plain)]
    if plain:  # past the end, one column further per index (as raw_column reads a map)
        assert [cols.column(i) for i in range(-len(plain), len(plain) + 3)] == plain + plain + [plain[-1] + 1, plain[-1] + 2, plain[-1] + 3]
    length = max(plain, default=-1) + 1
    shift = source.ColumnShift(at, by, length)
    assert list(cols.shifted(shift)) == [shift[i] for i in plain]


def test_a_residue_line_after_a_paragraph_sign_maps_to_its_raw_columns() -> None:
    src = source.read_source("¶ 1. [ELAB](#) and [¶](#par2) &amp; x\\_y\n")
    line = src.lines[0]
    assert line.text == "1. ELAB and  & x_y"
    assert isinstance(line.colmap, source.ColumnPieces)
    raw = line.raw
    # each kept character maps to itself in the raw line; a replacement to its residue's start
    assert "".join(raw[line.colmap[i]] for i in range(len(line.text))) == "1. ELAB and  & x\\y"
    assert line.span(3, 7).column == raw.index("ELAB") + 1
