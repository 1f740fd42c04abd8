"""The numbered sequence decides two kinds of numbered line (session 34): a head with no
full stop whose text after the marker does not start as a paragraph does ('3(C) 1998
royalty rules ...', '3(C) -- Representatives ...', '3(C)' alone), read as the paragraph
when the paragraphs need it (P004 names the head) and as text when they do not; and a
number alone between blank lines ('4.') where the sequence goes on across it (P001)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cablelint.grammar import build_body
from cablelint.grammar.parser import parse_text
from tests.conftest import check_json, run_cli

# a CONFIDENTIAL telegram, its paragraph 3 (line 40) replaced by each test
_HEAD = """VZCZCXRO7742
RR RUEHBU RUEHPE
DE RUEHSG #0712/01 3261950
ZNY CCCCC ZZH
R 221950Z NOV 10
FM AMEMBASSY SANTIAGO
TO RUEHC/SECSTATE WASHDC 2217
INFO RUEHBU/AMEMBASSY BUENOS AIRES 3361
RUEHPE/AMEMBASSY LIMA 5026
RUCNMER/MERCOSUR COLLECTIVE

C O N F I D E N T I A L SANTIAGO 000712

SIPDIS

DEPT FOR WHA/BSC AND ENR

E.O. 13526: DECL: 11/22/2020
TAGS: PGOV PREL ENRG EINV CI
SUBJECT: CHILE: ENERGY MINISTER SEEKS U.S. VIEWS ON GRID
INTERCONNECTION

REF: A. SANTIAGO 655  B. SANTIAGO 690

Classified By: DCM Nicholas A. Verhoeven for reasons 1.4 (b) and (d)

1. (C) Summary: The Energy Minister told the Ambassador on
November 18 that the government will decide early next year
whether to connect Chile's two main power grids and asked for
U.S. experience with long-distance transmission lines. He
acknowledged resistance from generators in the north.
End Summary.

2. (C) As reported in Ref A, the government's energy strategy
calls for linking the northern grid, which serves the mining
industry, with the central grid. The minister said that a link
would reduce costs and make it easier to bring solar power from
the north to Santiago.

"""
_PARA_3 = """3. (C) The minister said that generators in the north fear that
a link would lower their prices, and that some have lobbied
members of the governing coalition against it. He believed the
opposition in Congress would support the project for the reasons
set out in Ref B.

"""
_PARA_4 = """4. (C) The minister asked whether U.S. regulators could brief
his staff on how transmission costs are shared among states. The
Ambassador undertook to seek contacts at the Department of
Energy and the Federal Energy Regulatory Commission.

"""
_PARA_5 = """5. (U) Post requests that ENR help identify suitable U.S.
experts for a visit in January or February.
BRIGHTMAN
"""
SANTIAGO = _HEAD + _PARA_3 + _PARA_4 + _PARA_5


def _findings(text: str, select: str = "ALL") -> list[tuple[Any, ...]]:
    """(code, line, column, end column, message) of each finding of *select*."""
    return [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", select, "--no-cache", "--stdin-filename", "santiago.cable", "-", input=text)]


def _numbers(text: str) -> list[tuple[int, int]]:
    """(number, line) of each paragraph the parse command reads."""
    model = json.loads(run_cli("parse", "--stdin-filename", "santiago.cable", "-", input=text).stdout)
    return [(p["number"], p["line"]) for p in model["paragraphs"]]


def _no_stop(quoted: str, expected: str = "3. (C)", line: int = 40) -> tuple[Any, ...]:
    return ("P004", line, 1, len(quoted) + 1, f"paragraph head '{quoted}' has {'no full stop' if quoted[1] == '(' else 'a hyphen for the full stop' if '-' in quoted else 'a colon for the full stop'} after the number: expected '{expected}'")


@pytest.mark.parametrize(
    "head, quoted",
    [
        ("3(C) 1998 royalty rules said that generators in the north fear that", "3(C)"),
        ("3(C) -- Representatives said that generators in the north fear that", "3(C)"),
        ("3(C)\ngenerators in the north fear that", "3(C)"),
        ("3-(C) 1998 royalty rules said that generators in the north fear that", "3-(C)"),
        ("3: (C) -- Representatives said that generators in the north fear that", "3: (C)"),
        ("3(C) of the energy law, he said, generators in the north fear that", "3(C)"),
    ],
    ids=["digit", "dashes", "marker-alone", "hyphen", "colon", "lower-case"],
)
def test_a_head_with_no_stop_that_the_sequence_needs_is_the_paragraph(head: str, quoted: str) -> None:
    """Paragraphs 1 and 2, the head on line 40 after a blank line, paragraph 4 next:
    paragraph 3, whatever follows its marker (before, the line was paragraph 2's text
    and P001 said 'paragraph 4 follows paragraph 2: expected 3 (paragraph 3 is
    missing)')."""
    text = SANTIAGO.replace("3. (C) The minister said that generators in the north fear that", head)
    assert _findings(text) == [_no_stop(quoted)]
    below = 1 if "\n" in head else 0  # (the marker alone: its text on the next line)
    assert _numbers(text) == [(1, 27), (2, 34), (3, 40), (4, 46 + below), (5, 51 + below)]


def test_the_last_head_with_no_stop_is_the_paragraph() -> None:
    """'5(U) -- Post requests ...' with no numbered head below it: paragraph 5."""
    text = SANTIAGO.replace("5. (U) Post requests", "5(U) -- Post requests")
    assert _findings(text) == [_no_stop("5(U)", "5. (U)", 51)]


def test_check_fix_writes_the_head_the_sequence_needs(tmp_path: Any) -> None:
    path = tmp_path / "santiago.cable"
    path.write_text(SANTIAGO.replace("3. (C) The minister said", "3(C)\nThe minister said"), encoding="utf-8")
    run_cli("check", "--fix", "--no-cache", "--select", "P004", str(path))
    assert path.read_text(encoding="utf-8") == SANTIAGO.replace("3. (C) The minister said", "3. (C)\nThe minister said")
    assert _findings(path.read_text(encoding="utf-8")) == []


_CITATION = "3(C) of the energy law, which it wants amended.\n\n"


@pytest.mark.parametrize(
    "text, found",
    [
        # paragraph 3 read already: the line is paragraph 3's text
        (SANTIAGO.replace(_PARA_4, _CITATION + _PARA_4), []),
        # a number that does not go on: paragraph 3 comes after it
        (_HEAD + _CITATION + _PARA_3 + _PARA_4 + _PARA_5, []),
        # paragraph 4 does not follow: the gap stays the gap
        (
            _HEAD + _CITATION + _PARA_5,
            [("P001", 42, 1, 3, "paragraph 5 follows paragraph 2: expected 3 (paragraphs 3 to 4 are missing)")],
        ),
        # the text above ends no sentence: a citation wrapped after a blank line
        (
            _HEAD.replace("the north to Santiago.\n", "the north to Santiago under section\n") + _CITATION + _PARA_4 + _PARA_5,
            [("P001", 42, 1, 3, "paragraph 4 follows paragraph 2: expected 3 (paragraph 3 is missing)")],
        ),
        (
            _HEAD.replace("the north to Santiago.\n", "the north to Santiago under section\n") + "3(C)\n\n" + _PARA_4 + _PARA_5,
            [("P001", 42, 1, 3, "paragraph 4 follows paragraph 2: expected 3 (paragraph 3 is missing)")],
        ),
    ],
    ids=["read-already", "comes-after", "four-missing", "no-sentence-end", "marker-alone-no-sentence-end"],
)
def test_a_head_with_no_stop_that_the_sequence_does_not_need_stays_text(text: str, found: list[tuple[Any, ...]]) -> None:
    """'3(C) of the energy law' (or the marker alone) after a blank line: text, as
    before, when the numbers do not need it, or the line above ends no sentence (X004
    aside: with paragraph 3 gone, Ref B is cited nowhere)."""
    assert _findings(text, "P") == found


def test_a_head_with_no_stop_reads_the_same_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    """The run's search and reading each line give the same model: the search's
    match of PARA_UNSTOPPED is the one the builder reads."""
    for head in ("3(C) 1998 royalty rules said", "3(C)\nThe minister said"):
        text = SANTIAGO.replace("3. (C) The minister said", head) + "\n" + _CITATION
        monkeypatch.setattr(build_body, "BULK", True)
        searched = parse_text(text)
        assert [p.number for p in searched.paragraphs] == [1, 2, 3, 4, 5]
        monkeypatch.setattr(build_body, "BULK", False)
        assert repr(parse_text(text)) == repr(searched)


_LONE = "the north to Santiago.\n\n4.\n\n"


def test_a_lone_number_the_sequence_goes_on_across_is_reported() -> None:
    """'4.' alone between blank lines after paragraph 2, then paragraphs 3, 4, 5: a
    stray head, reported once by P001 (before, no finding); no P002, since there is
    no paragraph to mark."""
    text = SANTIAGO.replace("the north to Santiago.\n\n", _LONE)
    assert _findings(text) == [
        ("P001", 40, 1, 3, "a lone '4.' with no text stands between paragraphs 2 and 3 (paragraph 4 is on line 48): expected paragraph 3 right after paragraph 2"),
    ]
    assert _numbers(text) == [(1, 27), (2, 34), (4, 40), (3, 42), (4, 48), (5, 53)]


@pytest.mark.parametrize(
    "lone, column",
    [("\u00b64.", 2), ("   4.", 4), ("\t4.", 2)],
    ids=["signed", "indented", "tab"],
)
def test_a_lone_number_signed_or_indented_is_reported_as_the_bare_one(lone: str, column: int) -> None:
    """The same stray head with the archive's paragraph sign before it ('¶4.', as
    cablegate cables sign every head) or indented: the same P001 at its number (before,
    no finding, though the parse listed it: only a head at column 1 stood apart)."""
    text = SANTIAGO.replace("the north to Santiago.\n\n", f"the north to Santiago.\n\n{lone}\n\n")
    assert _findings(text, "P001") == [
        ("P001", 40, column, column + 2, "a lone '4.' with no text stands between paragraphs 2 and 3 (paragraph 4 is on line 48): expected paragraph 3 right after paragraph 2"),
    ]


@pytest.mark.parametrize("lone", ["3.", "\u00b63.", "  3."], ids=["bare", "signed", "indented"])
def test_a_lone_number_right_above_its_paragraph_is_the_stray_head_not_a_repeat(lone: str) -> None:
    """Paragraphs 1, 2, a lone '3.' between blank lines, then '3. (C)', 4, 5: one P001,
    the stray head, at the lone number; nothing at the real paragraph 3 (before, P002
    asked the lone '3.' for a marker and P001 said 'paragraph number 3 is used twice'
    at the real one)."""
    text = SANTIAGO.replace("the north to Santiago.\n\n", f"the north to Santiago.\n\n{lone}\n\n")
    column = len(lone) - 1
    assert _findings(text, "P") == [
        ("P001", 40, column, column + 2, "a lone '3.' with no text stands between paragraphs 2 and 3 (paragraph 3 is on line 42): expected paragraph 3 right after paragraph 2"),
    ]
    # the real paragraph 3 with its text but no marker: the lone number is still the stray head
    unmarked = text.replace("3. (C) The minister", "3. The minister")
    assert [f[:3] for f in _findings(unmarked, "P001")] == [("P001", 40, column)]


@pytest.mark.parametrize(
    "lone",
    [
        "the north to Santiago on September\n\n4.\n\n",  # the text above ends no sentence
        "the north to Santiago.\n\n4. (C)\n\n",  # marked: a head like the others
        "the north to Santiago.\n4.\n\n",  # no blank line above: a line of paragraph 2
    ],
    ids=["no-sentence-end", "marked", "wrapped"],
)
def test_a_lone_number_that_is_no_stray_head_is_not_reported_as_one(lone: str) -> None:
    text = SANTIAGO.replace("the north to Santiago.\n\n", lone)
    assert not any(f[4].startswith("a lone") for f in _findings(text))


@pytest.mark.parametrize(
    "stray, number",
    [("9. (C) The minister added a point.\n\n", "9"), ("13. (S/NF) The minister added a point.\n\n", "13")],
    ids=["one-digit", "two-digits-marked-higher"],
)
def test_a_marked_head_off_the_sequence_that_goes_on_below_it_is_reported(stray: str, number: str) -> None:
    """Paragraphs 1, 2, then a marked head numbered off the sequence, then 3, 4, 5: the
    paragraph's number is mistyped, reported once at it, and the numbers below count on
    from 2 (before, P001 read it as a stray line and said nothing, though the parse
    listed it and C003 named it)."""
    text = SANTIAGO.replace("the north to Santiago.\n\n", "the north to Santiago.\n\n" + stray)
    p001 = [f for f in _findings(text) if f[0] == "P001"]
    assert p001 == [
        ("P001", 40, 1, len(number) + 2, f"paragraph number {number} is out of sequence: expected 3, after paragraph 2 (the numbers go on with 3 below it)"),
    ]
    assert _numbers(text) == [(1, 27), (2, 34), (int(number), 40), (3, 42), (4, 48), (5, 53)]


def test_an_unmarked_line_off_the_sequence_is_still_text() -> None:
    """'... on September' / '14. He asked ...' with no marker, the sequence going on
    below it: a wrapped date, not a paragraph; no P001."""
    text = SANTIAGO.replace("the north to Santiago.\n\n", "the north to Santiago on September\n14. He asked for more.\n\n")
    assert [f for f in _findings(text) if f[0] == "P001"] == []


def test_a_number_wrapped_from_the_line_above_is_no_paragraph_in_the_model() -> None:
    """'... by January' / '31.' alone, then a blank line, paragraphs 3, 4, 5 below: a
    date wrapped at its day, text of paragraph 2. The parse lists no paragraph 31 and
    P001 says nothing: the two agree (before, the parse listed paragraph 31 on line 39
    while P001 skipped it)."""
    text = SANTIAGO.replace("the north to Santiago.\n\n", "the north to Santiago by January\n31.\n\n")
    assert _numbers(text) == [(1, 27), (2, 34), (3, 41), (4, 47), (5, 52)]
    assert [f for f in _findings(text) if f[0] in ("P001", "P002", "P004")] == []
    model = parse_text(text)
    assert model.paragraphs[1].span.end_line == 39  # paragraph 2 takes the wrapped line
