"""Releases written with slashes ('REL TO USA/GBR', 'REL TO / GBR', 'REL TO/GBR') and a
stray mark near them, on the classification line and on a caveat line under it
(grammar/read_classline.py, grammar/read_release.py; cable-format.md 3.1, 3.2, 4.2):
each read as the release it is, its slashes named once by C006, the mark by C002 or
C006, the post, serial and caveats kept. Through the CLI, on a telegram (line 12:
'S E C R E T BEIRUT 000911', line 14: 'NOFORN')."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cablelint.grammar.parser import parse_text
from tests.conftest import check_json, run_cli
from tests.rules.cases import corpus_text, mutate

BEIRUT = corpus_text("markdown-secret-noforn-beirut.cable")
_LINE = "S E C R E T BEIRUT 000911"
_BETWEEN = "has '/' between its countries: expected REL TO USA, GBR"


def _found(text: str, line: int) -> list[tuple[str, int, int, int, str]]:
    return [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text) if d["line"] == line]


def _parse(text: str) -> Any:
    result = run_cli("parse", "--stdin-filename", "beirut.cable", "-", input=text)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _class_line(line: str) -> str:
    return mutate(BEIRUT, _LINE, line)


def _caveat_line(line: str) -> str:
    return mutate(BEIRUT, "\nNOFORN\n", f"\n{line}\n")


@pytest.mark.parametrize(
    "line, found",
    [
        # a stray mark between the release and the post: was C002 "no post or serial",
        # the release cut at its slash and the rest an attention line
        (
            "S E C R E T//REL TO USA/GBR ~ BEIRUT 000911",
            [
                ("C006", 12, 14, 28, f"release 'REL TO USA/GBR' {_BETWEEN}"),
                ("C002", 12, 29, 30, "unexpected '~' after 'S E C R E T//REL TO USA/GBR' on the classification line: expected 'S E C R E T//REL TO USA/GBR BEIRUT 000911'"),
            ],
        ),
        # a slash after REL TO with blanks about it: was "names no countries" and C002
        ("S E C R E T//REL TO / GBR BEIRUT 000911", [("C006", 12, 14, 26, "release 'REL TO / GBR' has '/' after REL TO: expected REL TO GBR")]),
        # a slash after REL TO, then a comma: was two C006, the second "'GBR' is not a known handling caveat"
        ("S E C R E T//REL TO/USA, GBR BEIRUT 000911", [("C006", 12, 14, 29, "release 'REL TO/USA, GBR' has '/' after REL TO: expected REL TO USA, GBR")]),
        # blanks about the slash between the countries: was C002 "no post or serial"
        ("S E C R E T//REL TO USA / GBR BEIRUT 000911", [("C006", 12, 14, 30, f"release 'REL TO USA / GBR' {_BETWEEN}")]),
        # a comma between the release and the post: was C002 "no post or serial"
        (
            "S E C R E T//REL TO USA/GBR, BEIRUT 000911",
            [
                ("C006", 12, 14, 28, f"release 'REL TO USA/GBR' {_BETWEEN}"),
                ("C002", 12, 28, 29, "unexpected ',' after 'S E C R E T//REL TO USA/GBR' on the classification line: expected 'S E C R E T//REL TO USA/GBR BEIRUT 000911'"),
            ],
        ),
    ],
)
def test_a_release_with_slashes_before_the_post_is_read_whole_with_the_post_and_serial(line: str, found: list[tuple[str, int, int, int, str]]) -> None:
    text = _class_line(line)
    assert _found(text, 12) == found
    model = _parse(text)
    assert (model["classification"]["origin"], model["classification"]["serial"]) == ("BEIRUT", "000911")
    release = line[line.index("REL") : found[0][3] - 1]
    assert model["caveats"] == ["NOFORN", "SIPDIS", release]


@pytest.mark.parametrize(
    "line, at, before",
    [("S E C R E T ~ BEIRUT 000911", 13, "S E C R E T"), ("S E C R E T//NOFORN ~ BEIRUT 000911", 21, "S E C R E T//NOFORN")],
)
def test_a_tilde_before_the_post_is_a_stray_mark_not_a_line_with_no_post(line: str, at: int, before: str) -> None:
    """'~' before the post was left to an attention line ('~ BEIRUT 000911') and C002
    said the line had no post or serial; it is named as a stop there is."""
    text = _class_line(line)
    assert _found(text, 12) == [("C002", 12, at, at + 1, f"unexpected '~' after '{before}' on the classification line: expected '{before} BEIRUT 000911'")]
    model = _parse(text)
    assert (model["classification"]["origin"], model["classification"]["serial"]) == ("BEIRUT", "000911")


def _read_after_the_serial(line: str, found: list[tuple[str, int, int, int, str]], caveats: list[str]) -> None:
    """*line* as the classification line (12): its findings as _found gives them, the
    post and serial read, and the caveats after the caption's NOFORN and SIPDIS."""
    text = _class_line(line)
    assert _found(text, 12) == found
    model = _parse(text)
    assert (model["classification"]["origin"], model["classification"]["serial"]) == ("BEIRUT", "000911")
    assert model["caveats"] == ["NOFORN", "SIPDIS", *caveats]


@pytest.mark.parametrize(
    "line, found, caveats",
    [
        ("S E C R E T BEIRUT 000911//NOFORN/REL TO/GBR", [("C006", 12, 34, 45, "'/REL TO/GBR' is written behind '/' and has '/' after REL TO: expected '//REL TO GBR'")], ["NOFORN", "REL TO/GBR"]),
        ("S E C R E T BEIRUT 000911/REL TO/GBR", [("C006", 12, 26, 37, "'/REL TO/GBR' is written behind '/' and has '/' after REL TO: expected '//REL TO GBR'")], ["REL TO/GBR"]),
        # the comma between the release and the attention line after it was left unnamed
        (
            "S E C R E T BEIRUT 000911//NOFORN/REL TO USA/GBR, DEPT FOR EUR",
            [
                ("C006", 12, 34, 49, "'/REL TO USA/GBR' is written behind '/' and has '/' between its countries: expected '//REL TO USA, GBR'"),
                ("C006", 12, 49, 50, "caveat 'REL TO USA/GBR' has ',' after it on the classification line: expected the caveat alone, 'REL TO USA, GBR'"),
            ],
            ["NOFORN", "REL TO USA/GBR"],
        ),
        ("S E C R E T BEIRUT 000911//REL TO USA/GBR DEPT FOR EUR", [("C006", 12, 28, 42, f"release 'REL TO USA/GBR' {_BETWEEN}")], ["REL TO USA/GBR"]),
        # a stray mark after a release read: was the release "in a form not read", the mark its last country
        (
            "S E C R E T BEIRUT 000911//REL TO USA, GBR ~",
            [("C002", 12, 44, 45, "unexpected '~' after the caveat 'REL TO USA, GBR' at the end of the classification line: expected the line to end with the caveat")],
            ["REL TO USA, GBR"],
        ),
    ],
)
def test_a_release_with_slashes_after_the_serial_is_one_caveat(line: str, found: list[tuple[str, int, int, int, str]], caveats: list[str]) -> None:
    """After the serial, behind '//' or a slip: the release, its countries behind
    slashes, was lost to an attention line ('/REL TO/GBR'), or its comma before the
    attention line after it was not named."""
    _read_after_the_serial(line, found, caveats)


@pytest.mark.parametrize(
    "line, found, caveats",
    [
        ("REL TO USA / GBR", [("C006", 14, 1, 17, f"release 'REL TO USA / GBR' {_BETWEEN}")], ["REL TO USA / GBR"]),
        ("REL TO USA/ GBR", [("C006", 14, 1, 16, f"release 'REL TO USA/ GBR' {_BETWEEN}")], ["REL TO USA/ GBR"]),
        ("REL TO USA/GBR DEPT FOR EUR", [("C006", 14, 1, 15, f"release 'REL TO USA/GBR' {_BETWEEN}")], ["REL TO USA/GBR"]),
        ("REL TO USA/GBR, AUS", [("C006", 14, 1, 20, "release 'REL TO USA/GBR, AUS' has '/' between its countries: expected REL TO USA, GBR, AUS")], ["REL TO USA/GBR, AUS"]),
        (
            "REL TO USA/UK",
            [("C006", 14, 1, 14, "release 'REL TO USA/UK' names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR")],
            ["REL TO USA/UK"],
        ),
        # EXDIS was lost with the line
        ("REL TO USA/EXDIS", [("C006", 14, 11, 17, "'/EXDIS' is written behind '/': expected EXDIS on a line of its own")], ["REL TO USA", "EXDIS"]),
        ("REL TO/GBR", [("C006", 14, 1, 11, "release 'REL TO/GBR' has '/' after REL TO: expected REL TO GBR")], ["REL TO/GBR"]),
        ("NOFORN/REL TO/GBR", [("C006", 14, 7, 18, "'/REL TO/GBR' is written behind '/' and has '/' after REL TO: expected REL TO GBR on a line of its own")], ["NOFORN", "REL TO/GBR"]),
        (
            "NOFORN/REL TO USA/GBR, DEPT FOR EUR",
            [
                ("C006", 14, 7, 22, "'/REL TO USA/GBR' is written behind '/' and has '/' between its countries: expected REL TO USA, GBR on a line of its own"),
                ("C006", 14, 22, 23, "caveat 'REL TO USA/GBR' has ',' after it: expected the caveat alone, 'REL TO USA, GBR' (a caveat line has no punctuation)"),
            ],
            ["NOFORN", "REL TO USA/GBR"],
        ),
        ("NOFORN ~", [("C006", 14, 8, 9, "caveat 'NOFORN' has '~' after it: expected the caveat alone, 'NOFORN' (a caveat line has no punctuation)")], ["NOFORN"]),
    ],
)
def test_a_release_with_slashes_or_a_stray_mark_on_a_caveat_line_is_no_attention_line(line: str, found: list[tuple[str, int, int, int, str]], caveats: list[str]) -> None:
    """Each of these was an attention line with no finding: the caveats are read (the
    release whole, with its slashes named once), and only the attention line run on
    after them ('DEPT FOR EUR') stays one."""
    text = _caveat_line(line)
    assert _found(text, 14) == found
    assert _parse(text)["caveats"] == [*caveats, "SIPDIS"]
    run_on = ["DEPT FOR EUR"] if line.endswith("DEPT FOR EUR") else []
    assert [a.text for a in parse_text(text).attention] == [*run_on, "DEPT FOR NEA/ELA AND DS/IP/NEA"]


def test_a_slash_after_an_office_after_rel_to_stays_an_attention_line() -> None:
    """'REL TO NEA/GBR': an office after REL TO, no country, then a slash: the line
    stays the attention line it was, no caveat read from it (3.3), as 'REL TO NEA'
    and 'REL TO THE EMBASSY/GBR' do (tests/test_read_classline.py)."""
    text = _caveat_line("REL TO NEA/GBR")
    assert _found(text, 14) == []
    assert _parse(text)["caveats"] == ["SIPDIS"]
    assert [a.text for a in parse_text(text).attention] == ["REL TO NEA/GBR", "DEPT FOR NEA/ELA AND DS/IP/NEA"]


@pytest.mark.parametrize(
    "line, found, caveats",
    [
        # lost: the release after '//' was an attention line, no finding, no caveat
        ("NOFORN//REL TO USA/GBR", [("C006", 14, 9, 23, f"release 'REL TO USA/GBR' {_BETWEEN}")], ["NOFORN", "REL TO USA/GBR"]),
        ("NOFORN//REL TO USA, GBR", [], ["NOFORN", "REL TO USA, GBR"]),
        ("NOFORN//REL TO USA", [], ["NOFORN", "REL TO USA"]),
        ("NOFORN // REL TO USA, GBR", [], ["NOFORN", "REL TO USA, GBR"]),
        ("SIPDIS//NOFORN//REL TO USA/GBR", [("C006", 14, 17, 31, f"release 'REL TO USA/GBR' {_BETWEEN}")], ["SIPDIS", "NOFORN", "REL TO USA/GBR"]),
        (
            "NOFORN//REL TO USA/GBR/AUS",
            [("C006", 14, 9, 27, "release 'REL TO USA/GBR/AUS' has '/' between its countries: expected REL TO USA, GBR, AUS")],
            ["NOFORN", "REL TO USA/GBR/AUS"],
        ),
    ],
)
def test_a_release_behind_double_slashes_on_a_caveat_line_is_a_caveat(line: str, found: list[tuple[str, int, int, int, str]], caveats: list[str]) -> None:
    """'NOFORN//REL TO USA/GBR' was an attention line '//REL TO USA/GBR' with no
    finding, though 'NOFORN/REL TO USA/GBR' and 'REL TO USA/GBR' alone are read: the
    caveats apart by '//' up to the release are read, the release's slashes named as
    when it stands alone."""
    text = _caveat_line(line)
    assert _found(text, 14) == found
    assert _parse(text)["caveats"] == [*caveats, "SIPDIS"]
    assert [a.text for a in parse_text(text).attention] == ["DEPT FOR NEA/ELA AND DS/IP/NEA"]


@pytest.mark.parametrize("line", ["NOFORN//REL TO THE EMBASSY", "NOFORN//DEPT FOR EUR", "NOFORN//ORCON DEPT FOR EUR", "NOFORN//FOO//REL TO USA"])
def test_text_behind_double_slashes_on_a_caveat_line_keeps_its_slashes(line: str) -> None:
    """No caveat read behind the '//' (words of prose after REL TO, an attention line, a
    word no caveat with more text after it, or before a release): the text run on
    after NOFORN is as it was, '//' and all (tests/test_caveat_runs.py has the
    caveats read there)."""
    text = _caveat_line(line)
    assert _found(text, 14) == []
    assert _parse(text)["caveats"] == ["NOFORN", "SIPDIS"]
    assert [a.text for a in parse_text(text).attention] == [line[len("NOFORN") :], "DEPT FOR NEA/ELA AND DS/IP/NEA"]


@pytest.mark.parametrize(
    "line, found, caveats",
    [
        # was "'/GBR' is written behind '/' and is not a known handling caveat", GBR a caveat
        ("S E C R E T BEIRUT 000911//NOFORN//REL TO USA/GBR", [("C006", 12, 36, 50, f"release 'REL TO USA/GBR' {_BETWEEN}")], ["NOFORN", "REL TO USA/GBR"]),
        ("S E C R E T BEIRUT 000911//SIPDIS//NOFORN//REL TO USA/GBR", [("C006", 12, 44, 58, f"release 'REL TO USA/GBR' {_BETWEEN}")], ["SIPDIS", "NOFORN", "REL TO USA/GBR"]),
        (
            "S E C R E T BEIRUT 000911//NOFORN//REL TO USA/GBR/AUS",
            [("C006", 12, 36, 54, "release 'REL TO USA/GBR/AUS' has '/' between its countries: expected REL TO USA, GBR, AUS")],
            ["NOFORN", "REL TO USA/GBR/AUS"],
        ),
        ("S E C R E T BEIRUT 000911//NOFORN//REL TO USA, GBR", [], ["NOFORN", "REL TO USA, GBR"]),
        ("S E C R E T BEIRUT 000911//NOFORN//REL TO USA", [], ["NOFORN", "REL TO USA"]),
        ("S E C R E T BEIRUT 000911//NOFORN // REL TO USA, GBR", [], ["NOFORN", "REL TO USA, GBR"]),
    ],
)
def test_a_release_with_slashes_after_another_caveat_after_the_serial_is_one_caveat(line: str, found: list[tuple[str, int, int, int, str]], caveats: list[str]) -> None:
    """A release behind '//' after a caveat after the serial was read up to its first
    slash, the country after it a caveat not known: it is read whole, its slashes
    named once, as when it is the line's only caveat after the serial."""
    _read_after_the_serial(line, found, caveats)


@pytest.mark.parametrize(
    "line, found, caveats",
    [
        # was "'/GBR' is written behind '/' and is not a known handling caveat", GBR a caveat
        ("S E C R E T//SIPDIS//NOFORN//REL TO USA/GBR BEIRUT 000911", [("C006", 12, 30, 44, f"release 'REL TO USA/GBR' {_BETWEEN}")], ["SIPDIS", "NOFORN", "REL TO USA/GBR"]),
        ("S E C R E T//SIPDIS//NOFORN//REL TO USA/GBR//EXDIS BEIRUT 000911", [("C006", 12, 30, 44, f"release 'REL TO USA/GBR' {_BETWEEN}")], ["SIPDIS", "NOFORN", "REL TO USA/GBR", "EXDIS"]),
        ("S E C R E T//NOFORN//REL TO USA/GBR BEIRUT 000911", [("C006", 12, 22, 36, f"release 'REL TO USA/GBR' {_BETWEEN}")], ["NOFORN", "REL TO USA/GBR"]),
        ("S E C R E T//SIPDIS//NOFORN//REL TO USA, GBR BEIRUT 000911", [], ["SIPDIS", "NOFORN", "REL TO USA, GBR"]),
    ],
)
def test_a_release_with_slashes_after_other_caveats_before_the_post_is_one_caveat(line: str, found: list[tuple[str, int, int, int, str]], caveats: list[str]) -> None:
    """The third caveat after the level, a release with slashes, was read up to its
    first slash, the country after it a caveat not known: it is read whole."""
    _read_after_the_serial(line, found, caveats)
