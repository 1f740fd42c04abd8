"""Caveat runs read whole (grammar/read_caveat_runs.py, grammar/read_classline.py,
grammar/read_release.py; cable-format.md 3.1, 3.2, 4.2): a release with a country
behind a slash that the list does not read ('REL TO USA/UK') is one release, as 'REL
TO USA, UK' is, not the release and a caveat '/UK'; and on a caveat line, every caveat
behind '//' is read ('NOFORN//EXDIS', 'NOFORN//REL TO USA/GBR//EXDIS', 'REL TO USA,
GBR//EXDIS'), as the classification line reads them, not dropped with an attention
line; a release on a classification line with no post is read whole ('SECRET//REL TO
USA, UK'), and so is one before '//' and an attention line on a caveat line ('REL TO
USA, UK//DEPT FOR EUR', the attention line run on as after 'NOFORN//DEPT FOR EUR'),
as it is after a caveat on the classification line ('SECRET//NOFORN//DEPT FOR EUR').
Through the CLI, on a telegram (line 12: 'S E C R E T BEIRUT 000911', line 14:
'NOFORN'), and on one from Santiago (line 12: 'C O N F I D E N T I A L SANTIAGO
000712', line 14: 'SIPDIS')."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cablelint.grammar.parser import parse_text
from tests.conftest import check_json, run_cli
from tests.rules.cases import corpus_text, mutate

BEIRUT = corpus_text("markdown-secret-noforn-beirut.cable")
_UNREAD = "names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"
_NOT_KNOWN = "is not a known handling caveat: expected one of SIPDIS, NOFORN, SENSITIVE, EXDIS, LIMDIS, NODIS, STADIS, CHEROKEE, SPECAT, CORRECTED COPY"
_ATTENTION = "DEPT FOR NEA/ELA AND DS/IP/NEA"

Found = list[tuple[str, int, int, int, str]]


def _found(text: str, line: int) -> Found:
    return [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text) if d["line"] == line]


def _parse(text: str) -> Any:
    result = run_cli("parse", "--stdin-filename", "beirut.cable", "-", input=text)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "line, found, release",
    [
        # was "'/UK' is written behind '/' and is not a known handling caveat", UK a caveat
        ("SECRET//REL TO USA/UK BEIRUT 000911", [("C006", 12, 9, 22, f"release 'REL TO USA/UK' {_UNREAD}")], "REL TO USA/UK"),
        ("S E C R E T//REL TO USA/UK/GBR BEIRUT 000911", [("C006", 12, 14, 31, f"release 'REL TO USA/UK/GBR' {_UNREAD}")], "REL TO USA/UK/GBR"),
        ("S E C R E T REL TO USA/UK BEIRUT 000911", [("C006", 12, 13, 26, f"release 'REL TO USA/UK' {_UNREAD}")], "REL TO USA/UK"),
        # the same countries apart by a comma: the finding the slash now gets too
        ("SECRET//REL TO USA, UK BEIRUT 000911", [("C006", 12, 9, 23, f"release 'REL TO USA, UK' {_UNREAD}")], "REL TO USA, UK"),
    ],
)
def test_a_country_not_read_behind_a_slash_is_part_of_the_release_before_the_post(line: str, found: Found, release: str) -> None:
    text = mutate(BEIRUT, "S E C R E T BEIRUT 000911", line)
    assert _found(text, 12) == found
    model = _parse(text)
    assert (model["classification"]["origin"], model["classification"]["serial"]) == ("BEIRUT", "000911")
    assert model["caveats"] == ["NOFORN", "SIPDIS", release]


def test_a_release_with_a_country_not_read_behind_a_slash_after_the_serial_is_one_caveat() -> None:
    text = mutate(BEIRUT, "S E C R E T BEIRUT 000911", "S E C R E T BEIRUT 000911//NOFORN//REL TO USA/UK")
    assert _found(text, 12) == [("C006", 12, 36, 49, f"release 'REL TO USA/UK' {_UNREAD}")]
    assert _parse(text)["caveats"] == ["NOFORN", "SIPDIS", "NOFORN", "REL TO USA/UK"]


def test_a_portion_marking_behind_a_slash_after_a_release_is_no_country() -> None:
    """'/NF' is the marking's letters for NOFORN, named as such, not a country."""
    text = mutate(BEIRUT, "S E C R E T BEIRUT 000911", "SECRET//REL TO USA/NF BEIRUT 000911")
    assert _found(text, 12) == [("C006", 12, 19, 22, "'/NF' is written behind '/' and is not a known handling caveat: expected '//NOFORN'")]
    assert _parse(text)["caveats"] == ["NOFORN", "SIPDIS", "REL TO USA", "NF"]


@pytest.mark.parametrize(
    "line, found, caveats",
    [
        # was NOFORN and an attention line '//EXDIS', no finding
        ("NOFORN//EXDIS", [], ["NOFORN", "EXDIS"]),
        ("SIPDIS//NOFORN//EXDIS", [], ["SIPDIS", "NOFORN", "EXDIS"]),
        ("NOFORN // EXDIS", [], ["NOFORN", "EXDIS"]),
        # was NOFORN and an attention line '//REL TO USA/GBR//EXDIS'
        (
            "NOFORN//REL TO USA/GBR//EXDIS",
            [("C006", 14, 9, 23, "release 'REL TO USA/GBR' has '/' between its countries: expected REL TO USA, GBR")],
            ["NOFORN", "REL TO USA/GBR", "EXDIS"],
        ),
        # was an attention line, no caveat at all
        ("REL TO USA, GBR//EXDIS", [], ["REL TO USA, GBR", "EXDIS"]),
        ("REL TO USA, UK//EXDIS", [("C006", 14, 1, 15, f"release 'REL TO USA, UK' {_UNREAD}")], ["REL TO USA, UK", "EXDIS"]),
        ("REL TO USA/UK//EXDIS", [("C006", 14, 1, 14, f"release 'REL TO USA/UK' {_UNREAD}")], ["REL TO USA/UK", "EXDIS"]),
        # a word no caveat behind '//', as on the classification line ('SECRET//NOFORN//ORCON')
        ("NOFORN//ORCON", [("C006", 14, 9, 14, f"'ORCON' {_NOT_KNOWN}")], ["NOFORN", "ORCON"]),
        ("NOFORN//ORCON//EXDIS", [("C006", 14, 9, 14, f"'ORCON' {_NOT_KNOWN}")], ["NOFORN", "ORCON", "EXDIS"]),
        ("NOFORN//EXDSI", [("C006", 14, 9, 14, "'EXDSI' is not a known handling caveat: expected EXDIS")], ["NOFORN", "EXDSI"]),
        ("noforn//exdis", [("C006", 14, 1, 7, "'noforn' is not in capitals: expected NOFORN"), ("C006", 14, 9, 14, "'exdis' is not in capitals: expected EXDIS")], ["NOFORN", "EXDIS"]),
        ("NOFORN//EXDIS.", [("C006", 14, 14, 15, "caveat 'EXDIS' has '.' after it: expected the caveat alone, 'EXDIS' (a caveat line has no punctuation)")], ["NOFORN", "EXDIS"]),
    ],
)
def test_every_caveat_behind_double_slashes_on_a_caveat_line_is_read(line: str, found: Found, caveats: list[str]) -> None:
    text = mutate(BEIRUT, "\nNOFORN\n", f"\n{line}\n")
    assert _found(text, 14) == found
    assert _parse(text)["caveats"] == [*caveats, "SIPDIS"]
    assert [a.text for a in parse_text(text).attention] == [_ATTENTION]


def test_an_attention_line_after_a_caveat_behind_double_slashes_is_run_on() -> None:
    """'NOFORN//EXDIS DEPT FOR EUR': EXDIS is a caveat, the attention line after it is
    read as it stands (as after 'NOFORN/EXDIS')."""
    text = mutate(BEIRUT, "\nNOFORN\n", "\nNOFORN//EXDIS DEPT FOR EUR\n")
    assert _found(text, 14) == []
    assert _parse(text)["caveats"] == ["NOFORN", "EXDIS", "SIPDIS"]
    assert [(a.text, a.span.line, a.span.column) for a in parse_text(text).attention] == [("DEPT FOR EUR", 14, 15), (_ATTENTION, 17, 1)]


SANTIAGO = corpus_text("cablegate-confidential-13526-santiago.cable")  # line 12: 'C O N F I D E N T I A L SANTIAGO 000712', line 14: 'SIPDIS'
_NO_POST = "expected the post 'SANTIAGO' and the cable's serial (ending 0712)"


def _found_but_r008(text: str, line: int) -> Found:
    """The findings on *line* but R008, which a SECRET line gets in this CONFIDENTIAL
    cable from its ZNY line (a fault apart from the caveats)."""
    return [f for f in _found(text, line) if f[0] != "R008"]


@pytest.mark.parametrize(
    "line, found, caveats",
    [
        # was the release 'REL TO USA' and an attention line ', UK', C002 quoting 'SECRET//REL TO USA'
        (
            "SECRET//REL TO USA, UK",
            [("C006", 12, 9, 23, f"release 'REL TO USA, UK' {_UNREAD}"), ("C002", 12, 23, 23, f"no post or serial on the classification line 'SECRET//REL TO USA, UK': {_NO_POST}")],
            ["REL TO USA, UK"],
        ),
        (
            "S E C R E T//REL TO USA, UK",
            [("C006", 12, 14, 28, f"release 'REL TO USA, UK' {_UNREAD}"), ("C002", 12, 28, 28, f"no post or serial on the classification line 'S E C R E T//REL TO USA, UK': {_NO_POST}")],
            ["REL TO USA, UK"],
        ),
        # was 'REL TO USA' and an attention line ', UK//NOFORN'
        (
            "SECRET//REL TO USA, UK//NOFORN",
            [("C006", 12, 9, 23, f"release 'REL TO USA, UK' {_UNREAD}"), ("C002", 12, 31, 31, f"no post or serial on the classification line 'SECRET//REL TO USA, UK//NOFORN': {_NO_POST}")],
            ["REL TO USA, UK", "NOFORN"],
        ),
        # was 'REL TO' (C006: no countries) and an attention line ': USA, GBR'
        (
            "SECRET//REL TO: USA, GBR",
            [("C006", 12, 9, 25, f"release 'REL TO: USA, GBR' {_UNREAD}"), ("C002", 12, 25, 25, f"no post or serial on the classification line 'SECRET//REL TO: USA, GBR': {_NO_POST}")],
            ["REL TO: USA, GBR"],
        ),
        # as they were
        ("SECRET//NOFORN", [("C002", 12, 15, 15, f"no post or serial on the classification line 'SECRET//NOFORN': {_NO_POST}")], ["NOFORN"]),
        ("SECRET//REL TO USA, GBR", [("C002", 12, 24, 24, f"no post or serial on the classification line 'SECRET//REL TO USA, GBR': {_NO_POST}")], ["REL TO USA, GBR"]),
        ("S E C R E T//REL TO USA, GBR", [("C002", 12, 29, 29, f"no post or serial on the classification line 'S E C R E T//REL TO USA, GBR': {_NO_POST}")], ["REL TO USA, GBR"]),
    ],
)
def test_a_release_on_a_classification_line_with_no_post_is_read_whole(line: str, found: Found, caveats: list[str]) -> None:
    """'SECRET//REL TO USA, UK', no post or serial: the release to the line's end (or
    its '//'), C006 naming its countries as after a post, and C002 quoting the whole
    line; not 'REL TO USA' and ', UK' run on as an attention line."""
    text = mutate(SANTIAGO, "C O N F I D E N T I A L SANTIAGO 000712", line)
    assert _found_but_r008(text, 12) == found
    model = _parse(text)
    assert (model["classification"]["origin"], model["classification"]["serial"]) == (None, None)
    assert model["caveats"] == ["SIPDIS", *caveats]
    assert [a.text for a in parse_text(text).attention] == ["DEPT FOR WHA/BSC AND ENR"]


@pytest.mark.parametrize(
    "line, found, caveats, column",
    [
        # the existing rule: the caveat, and '//DEPT FOR EUR' run on as an attention line
        ("NOFORN//DEPT FOR EUR", [], ["NOFORN"], 7),
        # was 'REL TO USA' with C006 for its comma, and an attention line 'UK//DEPT FOR EUR'
        ("REL TO USA, UK//DEPT FOR EUR", [("C006", 14, 1, 15, f"release 'REL TO USA, UK' {_UNREAD}")], ["REL TO USA, UK"], 15),
        ("REL TO USA, UK//NOFORN//DEPT FOR EUR", [("C006", 14, 1, 15, f"release 'REL TO USA, UK' {_UNREAD}")], ["REL TO USA, UK", "NOFORN"], 23),
        # were one attention line, no caveat at all
        ("REL TO USA, GBR//DEPT FOR EUR", [], ["REL TO USA, GBR"], 16),
        ("REL TO USA/UK//DEPT FOR EUR", [("C006", 14, 1, 14, f"release 'REL TO USA/UK' {_UNREAD}")], ["REL TO USA/UK"], 14),
    ],
)
def test_an_attention_line_behind_double_slashes_after_a_release_is_run_on(line: str, found: Found, caveats: list[str], column: int) -> None:
    """'REL TO USA, UK//DEPT FOR EUR' on a caveat line: the release read whole to the
    '//' (C006 names its countries), '//DEPT FOR EUR' run on after it as after
    'NOFORN//DEPT FOR EUR'."""
    text = mutate(SANTIAGO, "\nSIPDIS\n", f"\n{line}\n")
    assert _found(text, 14) == found
    assert _parse(text)["caveats"] == caveats
    assert [(a.text, a.span.line, a.span.column) for a in parse_text(text).attention] == [("//DEPT FOR EUR", 14, column), ("DEPT FOR WHA/BSC AND ENR", 16, 1)]


def test_a_release_of_no_countries_before_double_slashes_stays_an_attention_line() -> None:
    """'REL TO THE EMBASSY//DEPT FOR EUR' names no countries: the line is as it was."""
    text = mutate(SANTIAGO, "\nSIPDIS\n", "\nREL TO THE EMBASSY//DEPT FOR EUR\n")
    assert _found(text, 14) == []
    assert _parse(text)["caveats"] == []
    assert [a.text for a in parse_text(text).attention] == ["REL TO THE EMBASSY//DEPT FOR EUR", "DEPT FOR WHA/BSC AND ENR"]


_NO_BEIRUT = "expected the post 'BEIRUT' and the cable's serial (ending 0911)"


@pytest.mark.parametrize(
    "line, found, caveats, serial, column",
    [
        # were C006 "'DEPT' is not a known handling caveat" and an attention line 'FOR EUR'
        ("SECRET//NOFORN//DEPT FOR EUR", [("C002", 12, 15, 15, f"no post or serial on the classification line 'SECRET//NOFORN': {_NO_BEIRUT}")], ["NOFORN"], None, 15),
        ("SECRET//REL TO USA, GBR//DEPT FOR EUR", [("C002", 12, 24, 24, f"no post or serial on the classification line 'SECRET//REL TO USA, GBR': {_NO_BEIRUT}")], ["REL TO USA, GBR"], None, 24),
        ("SECRET//NOFORN//EXDIS//DEPT FOR EUR", [("C002", 12, 22, 22, f"no post or serial on the classification line 'SECRET//NOFORN//EXDIS': {_NO_BEIRUT}")], ["NOFORN", "EXDIS"], None, 22),
        ("SECRET BEIRUT 000911//NOFORN//DEPT FOR EUR", [], ["NOFORN"], "000911", 29),
        ("SECRET BEIRUT 000911//REL TO USA, GBR//DEPT FOR EUR", [], ["REL TO USA, GBR"], "000911", 38),
        (
            "SECRET BEIRUT 000911//REL TO USA, UK//DEPT FOR EUR",
            [("C006", 12, 23, 37, f"release 'REL TO USA, UK' {_UNREAD}")],
            ["REL TO USA, UK"],
            "000911",
            37,
        ),
        # as it was: the release read whole to the '//', '//DEPT FOR EUR' run on after it
        (
            "SECRET//REL TO USA, UK//DEPT FOR EUR",
            [("C006", 12, 9, 23, f"release 'REL TO USA, UK' {_UNREAD}"), ("C002", 12, 23, 23, f"no post or serial on the classification line 'SECRET//REL TO USA, UK': {_NO_BEIRUT}")],
            ["REL TO USA, UK"],
            None,
            23,
        ),
    ],
)
def test_an_attention_line_behind_double_slashes_after_a_caveat_on_the_classification_line_is_run_on(
    line: str, found: Found, caveats: list[str], serial: str | None, column: int
) -> None:
    """'SECRET//NOFORN//DEPT FOR EUR': a word behind '//' after a caveat that is no caveat,
    with more text after it, starts an attention line run on, as on a caveat line
    ('NOFORN//DEPT FOR EUR'); not the caveat 'DEPT' (C006) and an attention line 'FOR EUR'."""
    text = mutate(BEIRUT, "S E C R E T BEIRUT 000911", line)
    assert _found(text, 12) == found
    model = _parse(text)
    assert model["classification"]["serial"] == serial
    assert model["caveats"] == ["NOFORN", "SIPDIS", *caveats]
    assert [(a.text, a.span.line, a.span.column) for a in parse_text(text).attention] == [("//DEPT FOR EUR", 12, column), (_ATTENTION, 17, 1)]


@pytest.mark.parametrize(
    "line, post",
    [
        # a caveat not known with the post after it, or at the line's end, stays a caveat
        ("SECRET//NOFORN//ORCON BEIRUT 000911", "BEIRUT"),
        ("SECRET//NOFORN//ORCON TEL AVIV 000911", "TEL AVIV"),
        ("SECRET BEIRUT 000911//NOFORN//ORCON", "BEIRUT"),
    ],
)
def test_a_caveat_not_known_behind_double_slashes_before_the_post_or_at_the_end_stays_a_caveat(line: str, post: str) -> None:
    text = mutate(BEIRUT, "S E C R E T BEIRUT 000911", line)
    at = line.index("ORCON") + 1
    assert _found(text, 12) == [("C006", 12, at, at + 5, f"'ORCON' {_NOT_KNOWN}")]
    model = _parse(text)
    assert (model["classification"]["origin"], model["classification"]["serial"]) == (post, "000911")
    assert model["caveats"] == ["NOFORN", "SIPDIS", "NOFORN", "ORCON"]
    assert [a.text for a in parse_text(text).attention] == [_ATTENTION]


@pytest.mark.parametrize(
    "line, found, caveats",
    [
        # was clean, the release lost from the caveats (read as an attention line)
        ("S E C R E T BEIRUT 000911 REL TO USA, UK", [("C006", 12, 27, 41, f"release 'REL TO USA, UK' {_UNREAD}")], ["REL TO USA, UK", "NOFORN", "SIPDIS"]),
        ("S E C R E T BEIRUT 000911 REL TO USA/UK", [("C006", 12, 27, 40, f"release 'REL TO USA/UK' {_UNREAD}")], ["REL TO USA/UK", "NOFORN", "SIPDIS"]),
        # its countries read: as it was
        ("S E C R E T BEIRUT 000911 REL TO USA, GBR", [], ["REL TO USA, GBR", "NOFORN", "SIPDIS"]),
        # no release: as it was
        ("S E C R E T BEIRUT 000911 REL TO THE EMBASSY", [], ["NOFORN", "SIPDIS"]),
    ],
)
def test_a_release_after_the_serial_with_countries_not_read_is_read(line: str, found: Found, caveats: list[str]) -> None:
    text = mutate(BEIRUT, "S E C R E T BEIRUT 000911", line)
    assert _found(text, 12) == found
    assert _parse(text)["caveats"] == caveats
