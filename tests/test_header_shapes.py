"""Header shapes of partial extracts and drafts: a date-time group line with no routing
header, address lines without routing indicators or out of their order, a blank line
inside the address block, an address block inside the routing header. Each is read
whole (nothing after the odd line is lost) and its findings say what to change, at
the exact line and column, through the real CLI."""

from __future__ import annotations

import json
from typing import Any, Optional

import pytest

from tests.conftest import check_json, run_cli
from tests.rules.cases import corpus_text, markdown_page, mutate

# O 221045Z NOV 89 / FM AMEMBASSY OSLO / TO SECSTATE WASHDC IMMEDIATE 2214 /
# INFO AMEMBASSY STOCKHOLM 0718 / AMEMBASSY COPENHAGEN 0655 / USMISSION USNATO 0904
OSLO = corpus_text("telegram-legacy-confidential-oslo-1989.cable")
# ... / ZNR UUUUU ZZH / R 271005Z MAY 09 / FM AMEMBASSY BAMAKO / TO RUEHC/SECSTATE WASHDC 0412 /
# INFO RUEHZK/ECOWAS COLLECTIVE / RUEHDK/AMEMBASSY DAKAR 0233 / RUEHOU/AMEMBASSY OUAGADOUGOU 0198
BASE = corpus_text("telegram-unclas-bamako.cable")
REK = corpus_text("telegram-confidential-reykjavik-multisection.cable")


def _parse(text: str) -> Any:
    result = run_cli("parse", "-", input=text)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _found(text: str, select: str = "ALL") -> list[tuple[str, int, int, str]]:
    return [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", select, "-", input=text) if d["severity"] != "info"]


def _addresses(model: Any, role: str) -> list[tuple[str, int]]:
    return [(a["address"], a["line"]) for a in model[role]]


_OSLO_TO = [("SECSTATE WASHDC", 2)]
_OSLO_INFO = [("AMEMBASSY STOCKHOLM", 3), ("AMEMBASSY COPENHAGEN", 4), ("USMISSION USNATO", 5)]
_NO_FM = "no FM line: expected 'FM <originator PLAD>' (e.g. FM AMEMBASSY BAMAKO) after the date-time group line on line 1"
_NO_TO = "no TO line: expected 'TO <action addressee>' (e.g. TO RUEHC/SECSTATE WASHDC) after the date-time group line on line 1"


def test_a_date_time_group_line_over_a_to_line_is_a_header_without_its_fm_line() -> None:
    # a partial extract or a draft started from a DTG: the address block is read and
    # A001 names the FM line missing (it was S004 "expected nothing more", the TO and
    # INFO lines lost)
    text = mutate(OSLO, "FM AMEMBASSY OSLO\n", "")
    assert _found(text) == [("A001", 2, 1, _NO_FM)]
    model = _parse(text)
    assert (model["dialect"], model["from"]) == ("telegram", None)
    assert _addresses(model, "to") == _OSLO_TO and _addresses(model, "info") == _OSLO_INFO


def test_a_blank_line_between_the_date_time_group_and_the_to_line_is_passed_over() -> None:
    text = mutate(OSLO, "FM AMEMBASSY OSLO\n", "\n")
    assert _found(text) == [("A001", 3, 1, _NO_FM)]
    assert [line for _, line in _addresses(_parse(text), "to")] == [3]


def test_a_date_time_group_line_over_an_info_line_keeps_the_info_block() -> None:
    text = mutate(OSLO, "FM AMEMBASSY OSLO\nTO SECSTATE WASHDC IMMEDIATE 2214\n", "")
    assert _found(text) == [("A001", 2, 1, _NO_FM), ("A002", 2, 1, _NO_TO)]
    assert _addresses(_parse(text), "info") == [(a, n - 1) for a, n in _OSLO_INFO]


def test_an_info_line_right_under_the_routing_header_keeps_the_info_block() -> None:
    text = mutate(BASE, "FM AMEMBASSY BAMAKO\nTO RUEHC/SECSTATE WASHDC 0412\n", "")
    header = "the routing header, which ends on line 5"
    assert _found(text, "A,S") == [
        ("A001", 6, 1, f"no FM line: expected 'FM <originator PLAD>' (e.g. FM AMEMBASSY BAMAKO) after {header}"),
        ("A002", 6, 1, f"no TO line: expected 'TO <action addressee>' (e.g. TO RUEHC/SECSTATE WASHDC) after {header}"),
    ]
    assert [line for _, line in _addresses(_parse(text), "info")] == [6, 7, 8]


def test_a_date_time_group_line_alone_over_the_text_misses_its_address_block() -> None:
    text = mutate(OSLO, "FM AMEMBASSY OSLO\nTO SECSTATE WASHDC IMMEDIATE 2214\nINFO AMEMBASSY STOCKHOLM 0718\nAMEMBASSY COPENHAGEN 0655\nUSMISSION USNATO 0904\n", "")
    assert _found(text, "A,S") == [("A001", 3, 1, _NO_FM), ("A002", 3, 1, _NO_TO)]


def test_a_bare_to_line_keeps_the_addressee_under_it_and_says_where_it_is() -> None:
    text = mutate(OSLO, "FM AMEMBASSY OSLO\nTO SECSTATE", "TO\nSECSTATE")
    assert _found(text) == [
        ("A001", 2, 1, _NO_FM),
        ("A003", 2, 3, "TO line has no address: expected its first addressee after TO, on this line, not on the line under it ('SECSTATE WASHDC IMMEDIATE 2214')"),
    ]
    assert _addresses(_parse(text), "to") == [(None, 2), ("SECSTATE WASHDC", 3)]  # (the bare TO line, and its addressee)


def test_a_stray_line_in_a_legacy_header_is_reported() -> None:
    # no rule reported it: the routing header's lines are R011's, and a legacy header
    # has none
    text = mutate(OSLO, "FM AMEMBASSY OSLO\n", "SOME STRAY LINE\nFM AMEMBASSY OSLO\n")
    assert _found(text) == [("S004", 2, 1, "cannot place 'SOME STRAY LINE' here: expected the FM line")]
    assert _parse(text)["from"] == "AMEMBASSY OSLO"


@pytest.mark.parametrize("written", ["INFO", "TO", "INF0", "T0"])
@pytest.mark.parametrize("moved", [False, True], ids=["in-the-header", "under-the-classification-line"])
def test_an_address_line_after_a_blank_line_under_the_address_block_goes_on_with_it(written: str, moved: bool) -> None:
    """A TO or INFO line with its address after a blank line under an address block is
    the block's, in the header as under the classification line: not an attention line
    (in the header, silently, which made the cable an archive page) nor a line that
    cannot stand there (under the classification line, S004). So is one whose keyword
    is misspelt ('T0', 'INF0'), which the address reader names (A003)."""
    keyword = written.replace("0", "O")
    text = mutate(OSLO, "\nINFO AMEMBASSY STOCKHOLM 0718", f"\n\n{written} AMEMBASSY STOCKHOLM 0718")
    found: list[tuple[str, int, int, str]] = []
    if moved:
        # the classification line above the address block (the DTG line gone with it)
        text = mutate(mutate(text, "C O N F I D E N T I A L OSLO 006731\n\n", ""), "O 221045Z NOV 89\n", "C O N F I D E N T I A L OSLO 006731\n")
        found.append(("S001", 2, 1, "the address block stands after the classification line (line 2): expected it at the top of the cable, before the classification line on line 1"))
    # one slip, one finding: a second TO line names its misspelling; a misspelt INFO
    # line, where it may stand, is named for the misspelling alone
    if keyword == "TO":
        slip = ", 'T0' misspelt" if written != keyword else ""
        found.append(("A003", 5, 1, f"a second TO line{slip}: expected this addressee under the first TO line, without '{written}'"))
    elif written != keyword:
        found.append(("A003", 5, 1, f"'{written}' is misspelt: expected the keyword {keyword}"))
    assert _found(text, "A,S") == found
    model = _parse(text)
    assert model["dialect"] == "telegram"
    # (the lines under an address line with its keyword are that keyword's addressees)
    under = [("AMEMBASSY STOCKHOLM", 5), ("AMEMBASSY COPENHAGEN", 6), ("USMISSION USNATO", 7)]
    assert _addresses(model, "to") == [("SECSTATE WASHDC", 3)] + (under if keyword == "TO" else [])
    assert _addresses(model, "info") == (under if keyword == "INFO" else [])


def test_a_to_line_without_routing_indicator_in_the_info_block_is_named() -> None:
    # INFO before TO: the TO line was read as an INFO addressee named 'TO SECSTATE WASHDC'
    text = mutate(OSLO, "TO SECSTATE WASHDC IMMEDIATE 2214\nINFO AMEMBASSY STOCKHOLM 0718\n", "INFO AMEMBASSY STOCKHOLM 0718\nTO SECSTATE WASHDC IMMEDIATE 2214\n")
    assert _found(text) == [("A003", 4, 1, "the TO line stands in the INFO block: expected TO before INFO")]
    model = _parse(text)
    # (the lines under the TO line are its addressees)
    assert _addresses(model, "to") == [("SECSTATE WASHDC", 4), ("AMEMBASSY COPENHAGEN", 5), ("USMISSION USNATO", 6)]
    assert _addresses(model, "info") == [("AMEMBASSY STOCKHOLM", 3)]


def test_format_lines_under_an_address_block_inside_the_routing_header_are_out_of_place() -> None:
    # the TO line moved above the DE line: the format lines under it were read as
    # addressees ('DE RUEHRK #0687/01 3111012', the DTG's '08' a serial)
    lines = REK.split("\n")
    text = "\n".join(lines[:2] + lines[6:7] + lines[2:6] + lines[7:])
    assert _found(text, "R011,A,S004") == [
        ("R011", 4, 1, "'DE RUEHRK #0687/01 3111012' is FL3 (the DE line) out of its place: expected it right after FL2 (the precedence line, e.g. RR RUEHMA), on line 2"),
        ("R011", 5, 1, "'ZNY CCCCC ZZH' is FL4 (the security line, ZNR/ZNY) out of its place: expected it right after FL3 (the DE line)"),
        ("R011", 6, 1, "'P 061012Z NOV 08' is FL5 (the precedence and date-time group line) out of its place: expected it right after FL4 (the security line, ZNR/ZNY)"),
        ("A003", 7, 1, "the FM line stands in the TO block: expected it first in the address block, before the TO line"),
    ]
    model = _parse(text)
    assert _addresses(model, "to") == [("SECSTATE WASHDC", 3)]
    assert [line for _, line in _addresses(model, "info")] == [8, 9, 10, 11]


def test_a_header_moved_under_the_classification_line_is_read_with_its_date_time_group() -> None:
    # the DTG line under the classification line was an attention line, the address
    # block with it: a draft with no address block and no finding
    text = mutate(mutate(OSLO, "C O N F I D E N T I A L OSLO 006731\n\n", ""), "O 221045Z NOV 89\n", "C O N F I D E N T I A L OSLO 006731\nO 221045Z NOV 89\n")
    assert _found(text) == [
        ("S001", 2, 1, "the date-time group line and address block stand after the classification line (line 2): expected them at the top of the cable, before the classification line on line 1")
    ]
    model = _parse(text)
    assert (model["dialect"], model["date"], model["from"]) == ("telegram", "1989-11-22T10:45:00Z", "AMEMBASSY OSLO")
    assert _addresses(model, "to") == [("SECSTATE WASHDC", 4)] and [line for _, line in _addresses(model, "info")] == [5, 6, 7]
    # ... without its FM line: the TO and INFO lines with it, and A001 after the DTG
    no_fm = mutate(text, "FM AMEMBASSY OSLO\n", "")
    assert _found(no_fm) == [
        ("S001", 2, 1, "the date-time group, TO and INFO lines stand after the classification line (line 2): expected them at the top of the cable, before the classification line on line 1"),
        ("A001", 3, 1, "no FM line: expected 'FM <originator PLAD>' (e.g. FM AMEMBASSY BAMAKO) after the date-time group line on line 2"),
    ]


@pytest.mark.parametrize(
    ("cut", "first", "name"),
    [
        (1, "PP RUEHNO RUEHZL", "FL2 (the precedence line, e.g. RR RUEHMA)"),
        (2, "DE RUEHRK #0687/01 3111012", "FL3 (the DE line)"),
        (3, "ZNY CCCCC ZZH", "FL4 (the security line, ZNR/ZNY)"),
    ],
)
def test_a_routing_header_cut_above_its_first_line_is_named_and_its_address_block_read(cut: int, first: str, name: str) -> None:
    """A partial extract that starts inside the routing header: its format lines were
    read as attention lines, the address block with them, into an archive preface (no
    finding). The first is named; the DTG line and the address block are read."""
    text = "\n".join(REK.split("\n")[cut:])
    assert _found(text, "S,R,A") == [
        ("S004", 1, 1, f"'{first}' is {name} of a routing header that has no transmission identifier (VZCZC...): expected the header from its first line, or the date-time group line alone over the FM line")
    ]
    model = _parse(text)
    assert (model["dialect"], model["date"], model["routing"], model["from"]) == ("telegram", "2008-11-06T10:12:00Z", None, "AMEMBASSY REYKJAVIK")
    dtg = 5 - cut
    assert _addresses(model, "to") == [("SECSTATE WASHDC", dtg + 2)] and [line for _, line in _addresses(model, "info")] == [dtg + 3, dtg + 4, dtg + 5, dtg + 6]


def test_format_lines_missing_from_a_routing_header_are_named_together() -> None:
    text = "\n".join(line for line in REK.split("\n") if not line.startswith(("ZNY", "P 061012Z")))
    assert _found(text, "R011") == [
        ("R011", 4, 1, "FL4 (the security line, ZNR/ZNY) and FL5 (the precedence and date-time group line) are missing from the routing header: expected them after the DE line on line 3")
    ]


def test_address_lines_at_the_top_with_no_fm_line_are_read_and_named() -> None:
    # a draft or an extract that starts at its TO line: the lines were attention lines
    # and then, under the classification line, an archive preface (no finding)
    text = mutate(OSLO, "O 221045Z NOV 89\nFM AMEMBASSY OSLO\n", "")
    assert _found(text, "A,S") == [("A001", 1, 1, "no FM line: expected 'FM <originator PLAD>' (e.g. FM AMEMBASSY BAMAKO) above the TO line on line 1")]
    model = _parse(text)
    assert (model["dialect"], model["from"]) == ("telegram", None)
    assert _addresses(model, "to") == [("SECSTATE WASHDC", 1)] and [line for _, line in _addresses(model, "info")] == [2, 3, 4]
    # ... INFO lines alone: the TO line is missing too
    info = mutate(text, "TO SECSTATE WASHDC IMMEDIATE 2214\n", "")
    assert _found(info, "A,S") == [
        ("A001", 1, 1, "no FM line: expected 'FM <originator PLAD>' (e.g. FM AMEMBASSY BAMAKO) above the INFO line on line 1"),
        ("A002", 1, 1, "no TO line: expected 'TO <action addressee>' (e.g. TO RUEHC/SECSTATE WASHDC) above the INFO line on line 1"),
    ]


def test_a_to_line_at_the_top_without_an_address_is_no_address_block() -> None:
    # "TO THE SECRETARY FROM ..." opening a draft: a passing line (3.3), as under the
    # classification line; no A001
    draft = corpus_text("draft-confidential-copenhagen.cable")
    text = "TO THE SECRETARY FROM THE AMBASSADOR\n\n" + draft
    assert _parse(text)["to"] == []
    assert not _found(text, "A")


def test_an_info_line_naming_a_collective_under_the_xmt_line_is_named() -> None:
    # XMT before INFO, the INFO line without routing indicator: it was read as an XMT
    # addressee 'INFO EUROPEAN POLITICAL COLLECTIVE', the INFO block lost, no finding
    text = mutate(OSLO, "USMISSION USNATO 0904\n", "XMT AMEMBASSY HELSINKI\nINFO EUROPEAN POLITICAL COLLECTIVE\n")
    assert _found(text, "A,S") == [("A003", 7, 1, "the INFO line stands in the XMT block: expected INFO before XMT")]
    assert _addresses(_parse(text), "info")[-1] == ("EUROPEAN POLITICAL COLLECTIVE", 7)


def test_a_de_line_under_the_address_block_is_a_format_line_out_of_its_place() -> None:
    # found by moving lines of the corpus: the DE line under the XMT line was an XMT
    # addressee (A003 "unexpected '#'"), then an unplaced line that said "expected the
    # cable to end above it"
    lines = corpus_text("telegram-unclas-state-collective-xmt.cable").split("\n")
    assert lines[2].startswith("DE ") and lines[9].startswith("XMT ")
    text = "\n".join(lines[:2] + lines[3:10] + lines[2:3] + lines[10:])
    assert _found(text, "R,A,S") == [
        ("R011", 10, 1, "'DE RUEHC #7412/01 1731905' is FL3 (the DE line) out of its place: expected it right after FL2 (the precedence line, e.g. RR RUEHMA), on line 2")
    ]


@pytest.mark.parametrize("dialect", ["telegram", "cablegate"])
@pytest.mark.parametrize(
    ("cable", "fm", "at", "code", "message"),
    [
        (BASE, "FM AMEMBASSY BAMAKO\n", 6, "R011", "'SOME STRAY LINE' cannot stand in the routing header: expected the FM line"),
        (OSLO, "FM AMEMBASSY OSLO\n", 2, "S004", "cannot place 'SOME STRAY LINE' here: expected the FM line"),
    ],
    ids=["routing-header", "legacy-header"],
)
def test_a_stray_line_where_the_fm_line_belongs_is_one_finding(dialect: str, cable: str, fm: str, at: int, code: str, message: str) -> None:
    """A line in the FM line's place was reported twice in a telegram, by A001 ("no FM
    line") and by R011 or S004 (which quote it and name the FM line); in the other
    dialects, where A001 does not run, once. The line's own rule owns it in each."""
    text = mutate(cable, fm, "SOME STRAY LINE\n")
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "A,R,S", "--dialect", dialect, "-", input=text) if d["severity"] != "info"]
    assert found == [(code, at, 1, message)]
    # ... while with no line in its place A001 still names the FM line missing
    assert [(d["code"], d["line"]) for d in check_json("--select", "A001", "--dialect", dialect, "-", input=mutate(cable, fm, ""))] == ([("A001", at)] if dialect == "telegram" else [])


def test_a_date_time_group_line_alone_under_the_classification_line_is_named() -> None:
    # with its address block lost, the DTG line under the classification line was read
    # as an attention line: a draft with no date and no finding
    moved = mutate(mutate(OSLO, "C O N F I D E N T I A L OSLO 006731\n\n", ""), "O 221045Z NOV 89\n", "C O N F I D E N T I A L OSLO 006731\nO 221045Z NOV 89\n")
    text = mutate(moved, "FM AMEMBASSY OSLO\nTO SECSTATE WASHDC IMMEDIATE 2214\nINFO AMEMBASSY STOCKHOLM 0718\nAMEMBASSY COPENHAGEN 0655\nUSMISSION USNATO 0904\n", "")
    assert text.split("\n")[:4] == ["C O N F I D E N T I A L OSLO 006731", "O 221045Z NOV 89", "", "DEPT FOR EUR/NB AND PM/ISP"]
    after = "after the date-time group line on line 2"
    assert _found(text, "A,S") == [
        ("S001", 2, 1, "the date-time group line stands after the classification line (line 2): expected it at the top of the cable, before the classification line on line 1"),
        ("A001", 4, 1, f"no FM line: expected 'FM <originator PLAD>' (e.g. FM AMEMBASSY BAMAKO) {after}"),
        ("A002", 4, 1, f"no TO line: expected 'TO <action addressee>' (e.g. TO RUEHC/SECSTATE WASHDC) {after}"),
    ]
    model = _parse(text)
    assert (model["dialect"], model["date"], model["from"], model["to"]) == ("telegram", "1989-11-22T10:45:00Z", None, [])
    assert model["errors"] == []


def test_a_misspelt_keyword_inside_the_address_block_starts_its_line() -> None:
    # 'T0 AMEMBASSY BERGEN' under the TO line was the TO block's addressee named
    # 'T0 AMEMBASSY BERGEN', with no finding; then two A003 at its keyword (a second
    # TO line, 'T0' misspelt): one slip, one finding
    text = mutate(OSLO, "TO SECSTATE WASHDC IMMEDIATE 2214\n", "TO SECSTATE WASHDC IMMEDIATE 2214\nT0 AMEMBASSY BERGEN\n")
    assert _found(text, "A,S") == [("A003", 4, 1, "a second TO line, 'T0' misspelt: expected this addressee under the first TO line, without 'T0'")]
    model = _parse(text)
    assert _addresses(model, "to") == [("SECSTATE WASHDC", 3), ("AMEMBASSY BERGEN", 4)]
    assert _addresses(model, "info") == [(a, n + 2) for a, n in _OSLO_INFO]


def test_a_misspelt_keyword_out_of_its_block_is_one_finding() -> None:
    # a misspelt TO line in the INFO block, a misspelt FM line in the TO block: each
    # was two A003 at its keyword, where it stands and how it is spelt
    to_line = mutate(OSLO, "USMISSION USNATO 0904\n", "USMISSION USNATO 0904\nT0 AMEMBASSY PARIS\n")
    assert _found(to_line, "A,S") == [("A003", 7, 1, "the TO line, 'T0' misspelt, stands in the INFO block: expected TO before INFO")]
    assert _addresses(_parse(to_line), "to") == [("SECSTATE WASHDC", 3), ("AMEMBASSY PARIS", 7)]
    fm_line = mutate(OSLO, "FM AMEMBASSY OSLO\nTO SECSTATE WASHDC IMMEDIATE 2214\n", "TO SECSTATE WASHDC IMMEDIATE 2214\nFN AMEMBASSY OSLO\n")
    assert _found(fm_line, "A,S") == [("A003", 3, 1, "the FM line, 'FN' misspelt, stands in the TO block: expected it first in the address block, before the TO line")]
    assert _parse(fm_line)["from"] == "AMEMBASSY OSLO"


_OSLO_BLOCK = "O 221045Z NOV 89\nFM AMEMBASSY OSLO\nTO SECSTATE WASHDC IMMEDIATE 2214\nINFO AMEMBASSY STOCKHOLM 0718\n"
# where the misspelt INFO line stands: under the INFO block's last addressee (a second
# INFO line), among the attention lines under the classification line (moved there), at
# the top with no FM line (A001, A002); and the findings it gets there, but for its slip
_ZERO_PLACES = {
    "in-the-block": (("USMISSION USNATO 0904\n", "USMISSION USNATO 0904\n{line}\n"), 7, [("A003", 7, 1, "a second INFO line, 'INF0' misspelt: expected this addressee under the first INFO line, without 'INF0'")]),
    "among-the-attention-lines": (("DEPT FOR EUR/NB AND PM/ISP\n", "DEPT FOR EUR/NB AND PM/ISP\n{line}\n"), 8, [("S001", 8, 1, "the INFO line stands after the classification line (line 8): expected it in the address block, before the classification line on line 5")]),
    "at-the-top": ((_OSLO_BLOCK, "{line}\n"), 1, [("A001", 1, 1, "no FM line: expected 'FM <originator PLAD>' (e.g. FM AMEMBASSY BAMAKO) above the INFO line on line 1"), ("A002", 1, 1, "no TO line: expected 'TO <action addressee>' (e.g. TO RUEHC/SECSTATE WASHDC) above the INFO line on line 1")]),
}


@pytest.mark.parametrize("place", sorted(_ZERO_PLACES))
@pytest.mark.parametrize("address", ["SECDEF WASHDC", "AMEMBASSY PARIS"])
def test_a_zero_for_the_o_of_info_before_an_agency_is_an_address_line(place: str, address: str) -> None:
    # 'INF0 AMEMBASSY PARIS' was read as the INFO line (A003 names the misspelling)
    # wherever an address line may stand; 'INF0 SECDEF WASHDC', an agency after it,
    # was an addressee named 'INF0 SECDEF WASHDC' in the block, an attention line
    # among the handling captions, and a line that made the cable an archive page at
    # the top. It is read the same way now
    (old, new), at, found = _ZERO_PLACES[place]
    text = mutate(OSLO, old, new.format(line=f"INF0 {address}"))
    if place == "at-the-top":
        text = mutate(text, "AMEMBASSY COPENHAGEN 0655\nUSMISSION USNATO 0904\n", "")
    elif place == "among-the-attention-lines":
        text = mutate(text, "INFO AMEMBASSY STOCKHOLM 0718\nAMEMBASSY COPENHAGEN 0655\nUSMISSION USNATO 0904\n", "")
    slip = [] if place == "in-the-block" else [("A003", at, 1, "'INF0' is misspelt: expected the keyword INFO")]
    assert _found(text, "A,S") == sorted(found + slip)
    model = _parse(text)
    assert model["dialect"] == "telegram" and (address, at) in _addresses(model, "info")


@pytest.mark.parametrize("precedence", ["", " PRIORITY"], ids=["bare", "with-precedence"])
def test_a_collective_info_line_after_a_blank_line_goes_on_with_the_block(precedence: str) -> None:
    # with its precedence, 'INFO EUROPEAN POLITICAL COLLECTIVE PRIORITY' after a blank
    # line under the TO line was no address line: the INFO block was lost, the cable
    # read as an archive page, with no finding
    text = mutate(OSLO, "\nINFO AMEMBASSY STOCKHOLM 0718", f"\n\nINFO EUROPEAN POLITICAL COLLECTIVE{precedence}")
    assert _found(text, "A,S") == []
    model = _parse(text)
    assert model["dialect"] == "telegram"
    assert _addresses(model, "info") == [("EUROPEAN POLITICAL COLLECTIVE", 5), ("AMEMBASSY COPENHAGEN", 6), ("USMISSION USNATO", 7)]


def test_an_agency_at_a_known_post_is_an_address_line() -> None:
    # 'INFO CIA WASHDC' has no routing indicator, PLAD prefix or collective: after a
    # blank line it was no address line (the INFO block lost, the cable an archive
    # page, no finding). An agency at the place of a post the station list knows is
    # one; a passing line ('TO THE AMBASSADOR IN PARIS') is not.
    text = mutate(OSLO, "\nINFO AMEMBASSY STOCKHOLM 0718", "\n\nINFO CIA WASHDC")
    assert _found(text, "A,S") == []
    assert _addresses(_parse(text), "info") == [("CIA WASHDC", 5), ("AMEMBASSY COPENHAGEN", 6), ("USMISSION USNATO", 7)]
    # (the lines from it down to the classification line are taken for a wrapper's,
    # which under a legacy header no longer makes the cable an archive page)
    passing = mutate(OSLO, "\nINFO AMEMBASSY STOCKHOLM 0718", "\n\nTO THE AMBASSADOR IN PARIS")
    model = _parse(passing)
    assert (model["dialect"], _addresses(model, "to"), model["info"]) == ("telegram", [("SECSTATE WASHDC", 3)], [])
    # ... and inside the INFO block a TO line naming one is named out of its place
    # (it was an INFO addressee 'TO CIA WASHDC', no finding)
    inside = mutate(OSLO, "USMISSION USNATO 0904\n", "USMISSION USNATO 0904\nTO CIA WASHDC\n")
    assert _found(inside, "A,S") == [("A003", 7, 1, "the TO line stands in the INFO block: expected TO before INFO")]
    assert _addresses(_parse(inside), "to") == [("SECSTATE WASHDC", 3), ("CIA WASHDC", 7)]


_PASS = "PASS TO USAID FOR AA/LAC"


@pytest.mark.parametrize("passing", [_PASS, "DEPT FOR EUR/NB"])
@pytest.mark.parametrize("blank", [True, False], ids=["after-a-blank-line", "right-under"])
def test_a_passing_line_inside_the_address_block_is_named_and_the_block_goes_on(passing: str, blank: bool) -> None:
    """A passing line under the TO line, the INFO line under it: real cables write
    passing lines under the classification line, never in the address block. After a
    blank line it ended the block: the INFO line stood apart (S001) and the cable read
    as an archive page; right under the TO line it was an addressee named 'PASS TO
    ...', with no finding. Now it is named where it stands (A003) and the block goes on."""
    gap = "\n" if blank else ""
    text = mutate(OSLO, "TO SECSTATE WASHDC IMMEDIATE 2214\n", f"TO SECSTATE WASHDC IMMEDIATE 2214\n{gap}{passing}\n")
    at = 5 if blank else 4
    why = f"passing line '{passing}' stands in the TO block: expected it under the classification line, with the attention lines"
    assert _found(text, "A,S") == [("A003", at, 1, why)]
    model = _parse(text)
    assert model["dialect"] == "telegram"
    assert _addresses(model, "to") == [("SECSTATE WASHDC", 3)]
    assert _addresses(model, "info") == [(a, n + at - 2) for a, n in _OSLO_INFO]


@pytest.mark.parametrize("gap", ["", "\n"], ids=["together", "a-blank-line-before-each"])
def test_three_passing_lines_inside_the_address_block_are_counted_blank_lines_aside(gap: str) -> None:
    # up to three passing lines after a blank line under the TO line, the INFO line
    # under them: the block goes on, each named (A003), whether the lines stand
    # together or a blank line before each (that ended the block: the blank lines were
    # counted as passing lines, and the INFO line stood apart, S001); a fourth ends it
    text = mutate(OSLO, "TO SECSTATE WASHDC IMMEDIATE 2214\n", "TO SECSTATE WASHDC IMMEDIATE 2214\n\n" + "".join(f"{_PASS}\n{gap}" for _ in range(3)).removesuffix(gap))
    lines = text.splitlines()
    at = [n for n, line in enumerate(lines, 1) if line == _PASS]
    why = f"passing line '{_PASS}' stands in the TO block: expected it under the classification line, with the attention lines"
    assert _found(text, "A,S") == [("A003", n, 1, why) for n in at]
    assert _addresses(_parse(text), "info") == [(a, n + at[-1] - 2) for a, n in _OSLO_INFO]
    four = mutate(text, f"{_PASS}\n", f"{_PASS}\n{gap}{_PASS}\n")
    info = four.splitlines().index("INFO AMEMBASSY STOCKHOLM 0718") + 1
    assert [(code, line) for code, line, _, _ in _found(four, "A,S")] == [("S001", info)]


def test_a_passing_line_between_addressees_with_routing_indicators_keeps_them() -> None:
    # in the INFO block, after a blank line, an addressee with its routing indicator
    # under it: the block goes on (it ended: RUEHDK/AMEMBASSY DAKAR was an attention line)
    text = mutate(BASE, "INFO RUEHZK/ECOWAS COLLECTIVE\n", f"INFO RUEHZK/ECOWAS COLLECTIVE\n\n{_PASS}\n")
    assert _found(text, "A,S") == [("A003", 10, 1, f"passing line '{_PASS}' stands in the INFO block: expected it under the classification line, with the attention lines")]
    assert [a for a, _ in _addresses(_parse(text), "info")] == ["ECOWAS COLLECTIVE", "AMEMBASSY DAKAR", "AMEMBASSY OUAGADOUGOU"]


@pytest.mark.parametrize("passing", ["DEPT FOR EUR/NB", "FOR A/S SMITH", _PASS])
def test_a_passing_line_inside_a_moved_address_block_is_named_where_it_stands(passing: str) -> None:
    # the TO and INFO lines moved under the classification line, an attention or
    # passing line between them (3.3's shapes): it ended the block, unnamed, and the
    # INFO line under it was a second S001; now it is named where it stands (A003, as
    # inside the header's block), and the block goes on under it: one S001
    block = "TO SECSTATE WASHDC IMMEDIATE 2214\nINFO AMEMBASSY STOCKHOLM 0718\nAMEMBASSY COPENHAGEN 0655\nUSMISSION USNATO 0904\n"
    cls = "C O N F I D E N T I A L OSLO 006731\n"
    text = mutate(mutate(OSLO, block, ""), cls, cls + block.replace("2214\n", f"2214\n{passing}\n"))
    assert _found(text, "A,S") == [
        ("S001", 5, 1, "the TO and INFO lines stand after the classification line (line 5): expected them in the address block, before the classification line on line 4"),
        ("A003", 6, 1, f"passing line '{passing}' stands in the TO block: expected it under the classification line, with the attention lines"),
    ]
    model = _parse(text)
    assert _addresses(model, "to") == [("SECSTATE WASHDC", 5)] and _addresses(model, "info") == [(a, n + 4) for a, n in _OSLO_INFO]


@pytest.mark.parametrize(("cable", "last"), [(BASE, "RUEHOU/AMEMBASSY OUAGADOUGOU 0198\n"), (OSLO, "USMISSION USNATO 0904\n")], ids=["routing-header", "legacy-header"])
def test_a_passing_line_after_the_address_block_with_no_address_under_it_ends_the_block(cable: str, last: str) -> None:
    # the other side: a blank line, the passing line, then the classification line: the
    # block ends above it (no address line is made of the passing line), and the cable
    # stays a telegram (under a legacy header, the line taken for a wrapper's made it
    # an archive page); real cables write it under the classification line (3.3): it
    # was read into the preface with no finding, now S001 names it at its line
    text = mutate(cable, last, f"{last}\n{_PASS}\n")
    model = _parse(text)
    assert model["dialect"] == "telegram"
    assert _addresses(model, "info") == _addresses(_parse(cable), "info")
    at = text.splitlines().index(_PASS) + 1
    why = f"the passing line stands above the classification line (line {at}): expected it under the classification line on line {at + 2}, with the handling captions and attention lines"
    assert _found(text) == [("S001", at, 1, why)]


def test_a_passing_line_under_a_moved_address_line_is_its_own_finding() -> None:
    # an INFO line parted from the address block by a stray line, a blank line, then a
    # passing line above the classification line: the two made one group, worded by
    # the INFO line's place ("the INFO and passing lines stand apart from the FM line
    # ... expected the address block's lines together"); each is named for its own
    # place, the INFO line after the stray line above it
    text = mutate(OSLO, "USMISSION USNATO 0904\n", f"USMISSION USNATO 0904\n\nTHE AMBASSADOR SAYS\nINFO AMEMBASSY PARIS\n\n{_PASS}\n")
    assert _found(text, "S001") == [
        ("S001", 9, 1, "the INFO line stands apart from the FM line on line 2, after 'THE AMBASSADOR SAYS' on line 8: expected the address block's lines together, with no other line among them"),
        ("S001", 11, 1, "the passing line stands above the classification line (line 11): expected it under the classification line on line 13, with the handling captions and attention lines"),
    ]


@pytest.mark.parametrize("gap", ["", "\n"], ids=["eo-right-under", "eo-after-a-blank"])
def test_a_moved_info_line_and_an_eo_line_are_each_named_for_their_place(gap: str) -> None:
    # an INFO line parted from the address block by a stray line, then the E.O. line,
    # above the classification line: one group, worded by the INFO line's place ("the
    # INFO and E.O. lines stand apart from the FM line ... after 'TO SECSTATE ...' on
    # line 3"), the E.O. line not told its place, and the line between named the TO
    # line, not the stray line a drafter removes. Each is named for its own place
    eo = "E.O. 12356: DECL: OADR\n"
    text = mutate(mutate(OSLO, eo, ""), "USMISSION USNATO 0904\n", f"USMISSION USNATO 0904\n\nTHE AMBASSADOR SAYS\nINFO AMEMBASSY PARIS\n{gap}{eo}")
    at, cls = 10 + len(gap), 12 + len(gap)
    assert _found(text, "S001") == [
        ("S001", 9, 1, "the INFO line stands apart from the FM line on line 2, after 'THE AMBASSADOR SAYS' on line 8: expected the address block's lines together, with no other line among them"),
        ("S001", at, 1, f"the E.O. line stands above the classification line (line {at}): expected it under the classification line on line {cls}, among the captions before the text"),
    ]


DRAFT = corpus_text("draft-confidential-copenhagen.cable")  # C O N F I D E N T I A L COPENHAGEN 000517 / SIPDIS / DEPT FOR EUR/NB AND OES/EGC


def test_passing_lines_atop_a_draft_are_named_not_a_wrapper() -> None:
    # 'PASS TO ...' above a draft's classification line made the draft an archive page
    # (the line read as a wrapper's), with no finding; two such lines are one finding
    text = f"{_PASS}\n\n{DRAFT}"
    assert _parse(text)["dialect"] == "draft"
    assert _found(text) == [("S001", 1, 1, "the passing line stands above the classification line (line 1): expected it under the classification line on line 3, with the handling captions and attention lines")]
    text = f"{_PASS}\nDEPT FOR EUR/NB\n\n{DRAFT}"
    assert _found(text) == [("S001", 1, 1, "the passing lines stand above the classification line (line 1): expected them under the classification line on line 4, with the handling captions and attention lines")]
    # a wrapper's line above them stays the wrapper's
    text = f"Viewing cable 09COPENHAGEN517, ICELAND\n{_PASS}\n\n{DRAFT}"
    assert [f[:3] for f in _found(text, "S001")] == [("S001", 2, 1)]



ACCRA = corpus_text("markdown-unclas-accra.cable")  # ... / RUEATRS/DEPT OF TREASURY WASHDC / "" / UNCLAS ACCRA 000455 / SIPDIS / DEPT FOR ... / TREASURY FOR OTA / E.O. ...
_EO_ABOVE = {"bamako": (BASE, "E.O. 12958: N/A\n", "RUEHOU/AMEMBASSY OUAGADOUGOU 0198\n\n"), "accra": (ACCRA, "E.O. 12958: N/A\n", "RUEATRS/DEPT OF TREASURY WASHDC\n\n")}


@pytest.mark.parametrize("pass_first", [False, True], ids=["eo-then-pass", "pass-then-eo"])
@pytest.mark.parametrize("cable", sorted(_EO_ABOVE))
def test_an_eo_line_and_a_passing_line_above_the_classification_line_moved(cable: str, pass_first: bool) -> None:
    # the E.O. line and a passing line between the address block and the classification
    # line: the classification line heads the text and the two lines above it moved,
    # each named at its line. E.O. then PASS made the PASS line the body's first line
    # (the REF block, SIPDIS and the captions under it read as text: X006 "no REF
    # block"); PASS then E.O. read the classification line as the moved part, and H010
    # put SIPDIS and the attention lines "after the E.O. line"
    text, eo, tail = _EO_ABOVE[cable]
    moved = [_PASS, eo.rstrip("\n")][:: -1 if not pass_first else 1]
    text = mutate(mutate(text, eo, ""), tail, f"{tail}{moved[0]}\n{moved[1]}\n\n")
    first = text.splitlines().index(moved[0]) + 1
    at = {"E.O.": first + moved.index(eo.rstrip("\n")), "pass": first + moved.index(_PASS)}
    cls = first + 3
    assert _found(text) == sorted(
        [
            ("S001", at["E.O."], 1, f"the E.O. line stands above the classification line (line {at['E.O.']}): expected it under the classification line on line {cls}, among the captions before the text"),
            ("S001", at["pass"], 1, f"the passing line stands above the classification line (line {at['pass']}): expected it under the classification line on line {cls}, with the handling captions and attention lines"),
        ]
    )
    # the rest is read as in the cable with the E.O. line in its place
    model, unmoved = _parse(text), _parse(_EO_ABOVE[cable][0])
    assert model["classification"]["line"] == cls and model["eo"]["line"] == at["E.O."]
    assert model["caveats"] == unmoved["caveats"] == ["SIPDIS"]
    shift = cls - unmoved["classification"]["line"] - 1  # (under the E.O. line's old place)
    for part in ("references", "paragraphs"):
        assert [{**x, "line": x["line"] - shift} for x in model[part]] == unmoved[part], part
    assert (model["subject"], model["tags"]) == (unmoved["subject"], unmoved["tags"])


def test_an_eo_line_and_a_passing_line_atop_a_draft_moved_under_a_wrapper_line() -> None:
    # the same two lines atop a draft, the archive's line above them: that line stays
    # the wrapper's (not a passing line), as above a passing line alone
    eo = "E.O. 12958: DECL: 09/14/2019\n"
    text = f"Viewing cable 09COPENHAGEN517, ICELAND\n{_PASS}\n{eo}\n{mutate(DRAFT, eo, '')}"
    assert _found(text) == [
        ("S001", 2, 1, "the passing line stands above the classification line (line 2): expected it under the classification line on line 5, with the handling captions and attention lines"),
        ("S001", 3, 1, "the E.O. line stands above the classification line (line 3): expected it under the classification line on line 5, among the captions before the text"),
    ]
    # (read as the archive's page, as with the passing line alone under that line)
    assert _parse(text)["dialect"] == _parse(f"Viewing cable 09COPENHAGEN517, ICELAND\n{_PASS}\n\n{DRAFT}")["dialect"]


_CAPTIONS_AT = {
    "bamako": (BASE, "E.O. 12958: N/A\nTAGS: EAID SOCI PGOV ML\nSUBJECT: MALI: VILLAGE WATER PROJECT IN SEGOU REGION NEARS\nCOMPLETION\n", "RUEHOU/AMEMBASSY OUAGADOUGOU 0198\n\n"),
    "accra": (ACCRA, "E.O. 12958: N/A\nTAGS: ECON EFIN GH\nSUBJECT: GHANA: BANKERS LAUNCH PRIVATE CREDIT REFERENCE BUREAU\n", "RUEATRS/DEPT OF TREASURY WASHDC\n\n"),
}


def _moved_above_class(cable: str, above: str, taken: str = "") -> tuple[str, str]:
    """The cable with its lines *taken* (by default its E.O., TAGS and SUBJECT lines)
    taken out and *above* (CAPTIONS standing for those lines) put between the address
    block and the classification line; and the cable unmoved."""
    text, captions, tail = _CAPTIONS_AT[cable]
    return mutate(mutate(text, taken or captions, ""), tail, tail + above.replace("CAPTIONS\n", captions)), text


def _found_below(unmoved: str, shift: int) -> list[tuple[str, int, int, str]]:
    """The unmoved cable's findings (the Markdown rendering's residue, F004), on the
    paragraphs *shift* lines lower."""
    return [(code, line + shift, column, message) for code, line, column, message in _found(unmoved)]


def _read_as_unmoved(text: str, unmoved_text: str, caveats: tuple[str, ...] = ("SIPDIS",)) -> Any:
    """The model of *text*, checked against *unmoved_text*'s: the same caveats,
    captions, REF block and paragraphs, those under the moved lines shifted by the
    lines added."""
    model, unmoved = _parse(text), _parse(unmoved_text)
    shift = len(text.splitlines()) - len(unmoved_text.splitlines())
    assert model["caveats"] == unmoved["caveats"] == list(caveats)
    for part in ("references", "paragraphs"):
        assert [{**x, "line": x["line"] - shift} for x in model[part]] == unmoved[part], part
    assert (model["subject"], model["tags"]) == (unmoved["subject"], unmoved["tags"])
    assert {k: v for k, v in model["eo"].items() if k != "line"} == {k: v for k, v in unmoved["eo"].items() if k != "line"}
    return model


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("cable", sorted(_CAPTIONS_AT))
def test_the_subject_above_a_passing_line_above_the_classification_line_ends_there(cable: str, markdown: bool) -> None:
    # the E.O., TAGS and SUBJECT lines, then right under the subject a passing line,
    # above the classification line: the passing line was the subject's next line
    # (Bamako's second subject line gathered it into the subject block), and the
    # classification line stood "among the captions", SIPDIS and the attention lines
    # under it "after the E.O. line" (H010). The subject ends above the passing line:
    # the classification line heads the text and the lines above it moved
    text, unmoved = _moved_above_class(cable, f"CAPTIONS\n{_PASS}\n\n")
    if markdown:
        text, unmoved = markdown_page(text), markdown_page(unmoved)
    lines = [line.strip() for line in text.splitlines()]
    first, at, cls = lines.index("E.O. 12958: N/A") + 1, lines.index(_PASS) + 1, lines.index(_PASS) + 3
    assert sorted(_found(text)) == sorted(
        [
            ("S001", first, 1, f"the E.O., TAGS and SUBJECT lines stand above the classification line (line {first}): expected them under the classification line on line {cls}, among the captions before the text"),
            ("S001", at, 1, f"the passing line stands above the classification line (line {at}): expected it under the classification line on line {cls}, with the handling captions and attention lines"),
            *_found_below(unmoved, len(text.splitlines()) - len(unmoved.splitlines())),
        ]
    )
    model = _read_as_unmoved(text, unmoved)
    assert model["classification"]["line"] == cls and model["eo"]["line"] == first


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("cable", sorted(_CAPTIONS_AT))
def test_an_attention_line_above_captions_moved_above_the_classification_line_is_named(cable: str, markdown: bool) -> None:
    # an attention line that is no passing line ('CODEL', 3.3's one-word line) above
    # the E.O., TAGS and SUBJECT lines and a passing line, all above the classification
    # line: it went to the preface, a wrapper's line, with no finding. It is the
    # cable's, moved with them, and named at its line
    attention = "CODEL"
    text, unmoved = _moved_above_class(cable, f"{attention}\nCAPTIONS\n{_PASS}\n\n")
    if markdown:
        text, unmoved = markdown_page(text), markdown_page(unmoved)
    lines = [line.strip() for line in text.splitlines()]
    at = lines.index(attention) + 1
    cls = lines.index(_PASS) + 3
    assert sorted(_found(text)) == sorted(
        [
            ("S001", at, 1, f"the attention line stands above the classification line (line {at}): expected it under the classification line on line {cls}, with the handling captions and attention lines"),
            ("S001", at + 1, 1, f"the E.O., TAGS and SUBJECT lines stand above the classification line (line {at + 1}): expected them under the classification line on line {cls}, among the captions before the text"),
            ("S001", cls - 2, 1, f"the passing line stands above the classification line (line {cls - 2}): expected it under the classification line on line {cls}, with the handling captions and attention lines"),
            *_found_below(unmoved, len(text.splitlines()) - len(unmoved.splitlines())),
        ]
    )
    assert _parse(text)["classification"]["line"] == cls


def test_an_attention_line_atop_a_draft_above_moved_lines_is_named_not_a_wrapper() -> None:
    # 'CODEL' atop a draft, right above an E.O. line and a passing line moved above the
    # classification line (or a blank line above them): named, the draft a draft (it
    # made the text an archive page); a wrapper's line there stays the wrapper's
    eo = "E.O. 12958: DECL: 09/14/2019\n"
    for gap in ("", "\n"):
        text = f"CODEL\n{gap}{eo}{_PASS}\n\n{mutate(DRAFT, eo, '')}"
        first = 2 + len(gap)
        assert _parse(text)["dialect"] == "draft"
        assert _found(text) == [
            ("S001", 1, 1, f"the attention line stands above the classification line (line 1): expected it under the classification line on line {first + 3}, with the handling captions and attention lines"),
            ("S001", first, 1, f"the E.O. line stands above the classification line (line {first}): expected it under the classification line on line {first + 3}, among the captions before the text"),
            ("S001", first + 1, 1, f"the passing line stands above the classification line (line {first + 1}): expected it under the classification line on line {first + 3}, with the handling captions and attention lines"),
        ]
    # above a passing line alone: one group, attention and passing lines
    text = f"CODEL\n{_PASS}\n\n{DRAFT}"
    assert _found(text) == [("S001", 1, 1, "the attention and passing lines stand above the classification line (line 1): expected them under the classification line on line 4, with the handling captions and attention lines")]
    text = f"Viewing cable 09COPENHAGEN517, ICELAND\n{eo}{_PASS}\n\n{mutate(DRAFT, eo, '')}"
    assert [f[:2] for f in _found(text, "S001")] == [("S001", 2), ("S001", 3)]


@pytest.mark.parametrize(
    "above",
    ["DRAFT\n", "WIKILEAKS\n", "SUMMARY\n", "HOLMGREN\n", "CABLEGATE\nDRAFT\n\n\n", "CODEL\n\n\n"],
    ids=["draft", "wikileaks", "summary", "name", "stacked", "two-blanks"],
)
def test_a_word_in_capitals_above_moved_lines_is_no_attention_line(above: str) -> None:
    # a title, an archive's name or a person's name in capitals above an E.O. line and
    # a passing line moved above the classification line was named a moved attention
    # line (S001) and made the text a bare draft; so was a stack of such lines, and one
    # any number of blank lines up. An attention line there is one of 3.3's one-word
    # lines or an office form, one blank line up at most, not above another: the rest
    # is the wrapper's, as 'Viewing cable ...' is
    eo = "E.O. 12958: DECL: 09/14/2019\n"
    body = f"{eo}{_PASS}\n\n{mutate(DRAFT, eo, '')}"
    wrapper = "".join("Viewing cable 09COPENHAGEN517, ICELAND\n" if line else "\n" for line in above.splitlines())
    text, wrapped = above + body, wrapper + body
    assert _found(text) == _found(wrapped)
    assert not [f for f in _found(text, "S001") if f[1] <= len(above.splitlines())]
    assert _parse(text)["dialect"] == _parse(wrapped)["dialect"]


_EO = "E.O. 12958: N/A"


@pytest.mark.parametrize("shape", ["eo-alone", "eo-tags-subject", "tags-subject-eo"])
@pytest.mark.parametrize("cable", sorted(_CAPTIONS_AT))
def test_captions_above_the_classification_line_moved_it_heads_the_text(cable: str, shape: str) -> None:
    # the E.O. line alone, or the E.O., TAGS and SUBJECT lines in either order, between
    # the address block and the classification line (no passing line): S001 named the
    # classification line as the part moved "among the captions", and H010 put SIPDIS
    # and the attention lines under it "after the E.O. line". The classification line
    # heads the text, as under a passing line: the captions above it moved
    captions = _CAPTIONS_AT[cable][1]
    if shape == "eo-alone":
        text, unmoved = _moved_above_class(cable, f"{_EO}\n\n", f"{_EO}\n")
    elif shape == "eo-tags-subject":
        text, unmoved = _moved_above_class(cable, "CAPTIONS\n\n")
    else:
        text, unmoved = _moved_above_class(cable, captions.replace(f"{_EO}\n", "") + f"{_EO}\n\n")
    lines = text.splitlines()
    first, eo = lines.index(_CAPTIONS_AT[cable][2].split("\n")[0]) + 3, lines.index(_EO) + 1
    names = {"eo-alone": "the E.O. line stands", "eo-tags-subject": "the E.O., TAGS and SUBJECT lines stand", "tags-subject-eo": "the TAGS, SUBJECT and E.O. lines stand"}
    cls = next(n for n, line in enumerate(lines, 1) if line.startswith("UNCLAS "))
    expected = [("S001", first, 1, f"{names[shape]} above the classification line (line {first}): expected {'it' if shape == 'eo-alone' else 'them'} under the classification line on line {cls}, among the captions before the text")]
    if shape == "tags-subject-eo":  # (their order, as in the text's head)
        expected.append(("H010", eo, 1, "E.O. line comes after TAGS, SUBJECT: expected the order E.O., TAGS, SUBJECT, REF"))
    assert _found(text) == expected
    model = _read_as_unmoved(text, unmoved)
    assert model["classification"]["line"] == next(n for n, line in enumerate(lines, 1) if line.startswith("UNCLAS "))
    assert model["eo"]["line"] == eo


BEIRUT = corpus_text("markdown-secret-noforn-beirut.cable")  # ... / RHEHNSC/NSC WASHDC PRIORITY / "" / S E C R E T BEIRUT 000911 / "" / NOFORN / SIPDIS / "" / DEPT FOR ...
_CAVEATS_AT = {
    "bamako": (*_CAPTIONS_AT["bamako"], "SIPDIS\n\n"),
    "beirut": (BEIRUT, "E.O. 12958: DECL: 08/14/2018\nTAGS: PREL PGOV ASEC LE\nSUBJECT: LEBANON: INTERIOR MINISTRY PLANS FOR ELECTION SECURITY\n", "RHEHNSC/NSC WASHDC PRIORITY\n\n", "NOFORN\nSIPDIS\n\n"),
}


@pytest.mark.parametrize("cable", sorted(_CAVEATS_AT))
def test_handling_captions_under_captions_above_the_classification_line_are_named_moved(cable: str) -> None:
    # the E.O., TAGS and SUBJECT lines, then the handling captions (SIPDIS; NOFORN and
    # SIPDIS), between the address block and the classification line: S001 named the
    # classification line as the part moved "among the captions", the handling
    # captions never, and H010 put SIPDIS "after the E.O./TAGS/SUBJECT captions". The
    # classification line heads the text, as under captions alone, and each part above
    # it is named at its line, the handling captions by cable-format.md 3.2's name, with
    # their place under the classification line
    text, captions, tail, caveats = _CAVEATS_AT[cable]
    text = mutate(mutate(mutate(text, caveats, ""), captions, ""), tail, f"{tail}{captions}\n{caveats}")
    lines = text.splitlines()
    first, at = lines.index(captions.split("\n")[0]) + 1, lines.index(caveats.split("\n")[0]) + 1
    cls = at + caveats.count("\n")
    them = caveats.count("\n") > 2
    assert _found(text) == [
        ("S001", first, 1, f"the E.O., TAGS and SUBJECT lines stand above the classification line (line {first}): expected them under the classification line on line {cls}, among the captions before the text"),
        ("S001", at, 1, f"the handling caption{'s stand' if them else ' stands'} above the classification line (line {at}): expected {'them' if them else 'it'} under the classification line on line {cls}, above the attention lines and the E.O. line"),
    ]
    model = _read_as_unmoved(text, _CAVEATS_AT[cable][0], tuple(caveats.split()))
    assert model["classification"]["line"] == cls
    # (the handling captions above the captions, the classification line under them:
    # that line is the one moved, under the whole head, and S001 names it, as before)
    text = mutate(text, f"{captions}\n{caveats}", f"{caveats}{captions}\n")
    assert [(code, line) for code, line, _, message in _found(text, "S001")] == [("S001", cls)]


_PLADS = ["JOINT STAFF WASHDC", "SECDEF WASHINGTON DC", "CDR USCENTCOM MACDILL AFB FL", "HQ USEUCOM VAIHINGEN GE", "DEPT OF ENERGY WASHINGTON DC"]


@pytest.mark.parametrize("plad", _PLADS)
def test_an_agency_or_a_command_is_an_address_line_after_a_blank_line_and_inside_a_block(plad: str) -> None:
    """An agency of several words, one at Washington written out, a military command
    at a place no post of State's is: as the real cables' address blocks name them
    (most with a routing indicator, partial extracts without). After a blank line
    'INFO <plad>' was no address line (the INFO block lost, the cable read as an
    archive page, no finding); inside the INFO block 'TO <plad>' was an INFO addressee
    named 'TO <plad>'; a bare one after a blank line ended the block."""
    after_blank = mutate(OSLO, "\nINFO AMEMBASSY STOCKHOLM 0718", f"\n\nINFO {plad} PRIORITY")
    assert _found(after_blank, "A,S") == []
    model = _parse(after_blank)
    assert model["dialect"] == "telegram"
    assert _addresses(model, "info") == [(plad, 5), ("AMEMBASSY COPENHAGEN", 6), ("USMISSION USNATO", 7)]
    inside = mutate(OSLO, "USMISSION USNATO 0904\n", f"USMISSION USNATO 0904\nTO {plad}\n")
    assert _found(inside, "A,S") == [("A003", 7, 1, "the TO line stands in the INFO block: expected TO before INFO")]
    assert _addresses(_parse(inside), "to") == [("SECSTATE WASHDC", 3), (plad, 7)]
    bare = mutate(OSLO, "USMISSION USNATO 0904\n", f"USMISSION USNATO 0904\n\n{plad}\n")
    model = _parse(bare)
    assert model["dialect"] == "telegram"
    assert _addresses(model, "info")[-1] == (plad, 8)


@pytest.mark.parametrize("line", ["TO THE AMBASSADOR IN PARIS", "INFO ONLY FOR THE DCM IN WASHDC"])
def test_words_that_end_with_a_place_are_no_address_line(line: str) -> None:
    # the other side: a passing line's words before a place are no agency
    text = mutate(OSLO, "USMISSION USNATO 0904\n", f"USMISSION USNATO 0904\n{line}\n")
    assert _addresses(_parse(text), "to") == [("SECSTATE WASHDC", 3)]
    assert not [f for f in _found(text, "A") if f[3].startswith(("the TO line", "a second INFO"))]


def test_a_classification_line_after_a_blank_line_is_no_agency() -> None:
    # 'SECRET OSLO' has the shape of an agency at a known post's place: after the blank
    # line under the address block it stays the classification line
    text = mutate(OSLO, "C O N F I D E N T I A L OSLO 006731", "SECRET OSLO")
    model = _parse(text)
    assert _addresses(model, "info") == [(a, n + 1) for a, n in _OSLO_INFO]
    assert (model["classification"]["level"], model["classification"]["line"]) == ("SECRET", 8)




@pytest.mark.parametrize(
    ("line", "info", "found"),
    [
        ("AMEMBASSY COPENHAGEN 0655", [("AMEMBASSY STOCKHOLM", 4), ("AMEMBASSY COPENHAGEN", 6), ("USMISSION USNATO", 7)], []),
        (
            "AMEMBASSY STOCKHOLM 07180",
            [("AMEMBASSY STOCKHOLM", 4), ("AMEMBASSY STOCKHOLM", 6), ("USMISSION USNATO", 7)],
            [("A003", 6, 21, "addressee serial '07180' has 5 digits: expected 4")],
        ),
    ],
    ids=["a-post-with-its-serial", "a-known-post-with-a-long-serial"],
)
def test_a_post_without_its_keyword_after_a_blank_line_goes_on_with_the_block(line: str, info: list[tuple[str, int]], found: list[tuple[str, int, int, str]]) -> None:
    # a legacy addressee with no keyword after a blank line inside the INFO block: a
    # post's PLAD with its serial (Copenhagen is no post the station list knows), or
    # a known post's with a serial of five digits (which A003 now names), ended the
    # block silently (the addressees from it down lost)
    text = mutate(OSLO, "AMEMBASSY COPENHAGEN 0655\n", f"\n{line}\n")
    assert _found(text, "A,S") == found
    model = _parse(text)
    assert model["dialect"] == "telegram"
    assert _addresses(model, "info") == info
    # the other side: without its serial, a post the station list does not know ends
    # the block (a line of the text may have that shape)
    bare = mutate(OSLO, "AMEMBASSY COPENHAGEN 0655\n", "\nAMEMBASSY COPENHAGEN\n")
    assert _addresses(_parse(bare), "info") == [("AMEMBASSY STOCKHOLM", 4)]
    # nor does a line of text in capitals that ends in a year: a sentence's word in
    # the place, a known post's place with more words after it
    for prose in ("AMEMBASSY PARIS REPORTED IN 1988", "AMEMBASSY PARIS REPORTED 1988", "AMEMBASSY COPENHAGEN REPORTED 19881"):
        text = mutate(OSLO, "AMEMBASSY COPENHAGEN 0655\n", f"\n{prose}\nTHAT THE MINISTRY AGREED.\n")
        assert _addresses(_parse(text), "info") == [("AMEMBASSY STOCKHOLM", 4)], prose


@pytest.mark.parametrize("plad", ["AMEMBASSY STOCKHOLM 0718", "SECDEF WASHDC", "CDR USCENTCOM MACDILL AFB FL", "EUROPEAN POLITICAL COLLECTIVE"])
def test_an_agency_info_line_after_an_attention_line_in_a_moved_block_is_read(plad: str) -> None:
    # an address block moved under the classification line, an attention line in it:
    # 'INFO SECDEF WASHDC' under the attention line was no address line (it needed a
    # routing indicator or a post's prefix, as 'INFO AMEMBASSY ...' has), the INFO
    # block lost with no finding of it; an agency's or a command's PLAD, or a
    # collective, is read as a post's is. The attention line stands inside the moved
    # block: A003 names it, and the INFO lines are the block's (not a second S001)
    moved = mutate(mutate(OSLO, "C O N F I D E N T I A L OSLO 006731\n\n", ""), "O 221045Z NOV 89\n", "C O N F I D E N T I A L OSLO 006731\n")
    text = mutate(moved, "INFO AMEMBASSY STOCKHOLM 0718\n", f"DEPT FOR EUR/NB\nINFO {plad}\n")
    assert _found(text, "A,S") == [
        ("S001", 2, 1, "the address block stands after the classification line (line 2): expected it at the top of the cable, before the classification line on line 1"),
        ("A003", 4, 1, "passing line 'DEPT FOR EUR/NB' stands in the TO block: expected it under the classification line, with the attention lines"),
    ]
    model = _parse(text)
    assert model["dialect"] == "telegram"
    name = plad.removesuffix(" 0718")
    assert _addresses(model, "info") == [(name, 5), ("AMEMBASSY COPENHAGEN", 6), ("USMISSION USNATO", 7)]
    # the other side: a passing line there stays one ('TO THE SECRETARY ...' has no
    # address after its keyword)
    passing = mutate(moved, "INFO AMEMBASSY STOCKHOLM 0718\n", "DEPT FOR EUR/NB\nTO THE SECRETARY IN WASHDC\n")
    assert _addresses(_parse(passing), "to") == [("SECSTATE WASHDC", 3)]


def test_a_caption_moved_above_the_classification_line_is_not_also_out_of_order() -> None:
    # the TAGS line and a passing line above the classification line, the E.O. line in
    # its place below: S001 names the two moved lines; H010 judged the moved TAGS line
    # with the captions left in place and said "E.O. line comes after TAGS", the same
    # move reported twice. The captions moved are judged among themselves.
    tags = "TAGS: EAID SOCI PGOV ML\n"
    text = mutate(mutate(BASE, tags, ""), "RUEHOU/AMEMBASSY OUAGADOUGOU 0198\n\n", f"RUEHOU/AMEMBASSY OUAGADOUGOU 0198\n\n{tags}{_PASS}\n\n")
    assert _found(text, "S,H") == [
        ("S001", 12, 1, "the TAGS line stands above the classification line (line 12): expected it under the classification line on line 15, among the captions before the text"),
        ("S001", 13, 1, "the passing line stands above the classification line (line 13): expected it under the classification line on line 15, with the handling captions and attention lines"),
    ]
    # moved in the wrong order among themselves, they are still told so
    wrong = mutate(mutate(BASE, "E.O. 12958: N/A\n" + tags, ""), "RUEHOU/AMEMBASSY OUAGADOUGOU 0198\n\n", f"RUEHOU/AMEMBASSY OUAGADOUGOU 0198\n\n{tags}E.O. 12958: N/A\n{_PASS}\n\n")
    assert [f[:3] for f in _found(wrong, "H010")] == [("H010", 13, 1)]


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("cable", sorted(_CAPTIONS_AT))
def test_a_moved_info_line_under_a_moved_eo_line_is_an_address_line(cable: str, markdown: bool) -> None:
    # an INFO line right under an E.O. line, both above the classification line: the
    # captions took no address line, so the INFO line was an error node (S004,
    # "expected the E.O. line, the TAGS line ..."). It is the address block's line out
    # of its place, named as among the handling captions (S001); its addressee is read
    eo = "E.O. 12958: N/A\n"
    text, unmoved = _moved_above_class(cable, f"{eo}INFO AMEMBASSY PARIS\n\n", eo)
    if markdown:
        text, unmoved = markdown_page(text), markdown_page(unmoved)
    lines = [line.strip() for line in text.splitlines()]
    first = lines.index(eo.strip()) + 1
    fm = lines.index(next(line for line in lines if line.startswith("FM "))) + 1
    assert sorted(_found(text)) == sorted(
        [
            ("S001", first, 1, f"the E.O. line stands above the classification line (line {first}): expected it under the classification line on line {first + 3}, among the captions before the text"),
            ("S001", first + 1, 1, f"the INFO line stands apart from the FM line on line {fm}, after 'E.O. 12958: N/A' on line {first}: expected the address block's lines together, with no other line among them"),
            *_found_below(unmoved, len(text.splitlines()) - len(unmoved.splitlines())),
        ]
    )
    model = _parse(text)
    assert model["info"][-1] == {"routing_indicator": None, "address": "AMEMBASSY PARIS", "precedence": None, "serial": None, "line": first + 1}
    assert model["errors"] == [] and model["classification"]["line"] == first + 3


def test_an_info_line_among_the_captions_under_the_classification_line_is_an_address_line() -> None:
    # likewise under the classification line, under the E.O. line (S004) or the TAGS
    # line (its next line: H007, "free text, not a tag"); a line with no address after
    # its keyword stays what it was
    for after in ("E.O. 12356: DECL: OADR\n", "TAGS: PREL MARR NO NATO\n"):
        text = mutate(OSLO, after, after + "INFO AMEMBASSY PARIS\n")
        at = text.splitlines().index(after.strip()) + 2
        assert _found(text) == [("S001", at, 1, f"the INFO line stands after the classification line (line {at}): expected it in the address block, before the classification line on line 8")], after
    text = mutate(OSLO, "TAGS: PREL MARR NO NATO\n", "TAGS: PREL MARR NO NATO\nINFO SHARING\n")
    assert [f[:2] for f in _found(text)] == [("H007", 14)]


@pytest.mark.parametrize(("line", "role"), [("INFO AMEMBASSY PARIS", "info"), ("TO SECSTATE WASHDC", "to"), ("XMT AMEMBASSY ROME", None)])
def test_an_address_line_under_the_captions_of_a_cable_without_an_fm_line_is_moved(line: str, role: Optional[str]) -> None:
    # with no FM line, a TO, INFO or XMT line with an address among the E.O., TAGS,
    # SUBJECT, REF and Classified By captions is still the address line moved there
    # (S001), as in a cable with one: no partial extract keeps an address line there
    # (among the handling captions it may: see the next tests). It was read as text
    # under the captions at the text's head, and as more tags or a subject that lost
    # its keyword under the TAGS line
    text = f"E.O. 12958: N/A\n{line}\n\n1. (U) Text here.\nSMITH\n"
    word = line.split()[0]
    assert [f for f in _found(text) if f[0] == "S001"] == [("S001", 2, 1, f"the {word} line stands out of its place (line 2): expected it in the address block, before the classification line")]
    assert [f[:3] for f in _found(text) if f[0] != "S001"] == [("C001", 1, 1), ("H005", 2, 1), ("H008", 2, 1)]
    model = _parse(text)
    assert model["errors"] == []
    assert [(p["number"], p["line"]) for p in model["paragraphs"]] == [(1, 4)]
    if role is not None:  # (the parse JSON has no XMT list)
        assert [a["line"] for a in model[role]] == [2]
    under_tags = f"UNCLAS PARIS 000123\nE.O. 12958: N/A\nTAGS: PREL\n{line}\nSUBJECT: TEST\n\n1. (U) Text here.\n\nSMITH\n"
    assert [f[:3] for f in _found(under_tags)] == [("S001", 4, 1)]
    model = _parse(under_tags)
    assert model["errors"] == [] and model["tags"] == ["PREL"] and model["subject"] == "TEST"


@pytest.mark.parametrize("caption", ["SUBJECT: ZAMBIA: SECRETARY'S LETTER", "SUBJECT: ZAMBIA\nREF: A. STATE 1234, THE SECRETARY'S LETTER"])
def test_a_line_starting_with_to_under_a_prose_caption_without_an_fm_line_goes_on_with_it(caption: str) -> None:
    # a SUBJECT or REF caption's text may go on over a line that starts with TO and a
    # PLAD's shape ("TO EMBASSY PARIS"): in a cable with no FM line it is that
    # caption's continuation, as before session 30's fuzz30 read it as the TO line
    # moved there (S001, A003: a review's fault); under the E.O. line or the TAGS
    # list it is still the moved line (above), and so after "T0" typed with a zero
    text = f"UNCLASSIFIED\n\nE.O. 12958: N/A\nTAGS: PGOV, ECON, ZA\n{caption}\nTO EMBASSY PARIS\n\n1. (U) Text one.\n\n2. (U) Text two.\n\nMARTIN\n"
    assert _found(text) == []
    model = _parse(text)
    assert model["errors"] == [] and model["to"] == []
    assert model["subject"] == ("ZAMBIA" if "REF" in caption else "ZAMBIA: SECRETARY'S LETTER TO EMBASSY PARIS")
    at = text.splitlines().index("TO EMBASSY PARIS") + 1
    slip = text.replace("\nTO EMBASSY", "\nT0 AMEMBASSY")
    assert [f[:3] for f in _found(slip)] == [("A003", at, 1), ("S001", at, 1)]
    assert [a["line"] for a in _parse(slip)["to"]] == [at]


@pytest.mark.parametrize("line", ["TO RUEHFR/AMEMBASSY PARIS IMMEDIATE 1234", "TO AMEMBASSY PARIS 0412", "INFO RUEHLO/AMEMBASSY LONDON 0001", "XMT AMEMBASSY PARIS"])
@pytest.mark.parametrize("caption", ["SUBJECT: ZAMBIA: BUDGET", "SUBJECT: ZAMBIA\nREF: A. STATE 1234", "SUBJECT: ZAMBIA\nClassified By: JOHN SMITH, POLOFF"])
def test_an_address_line_no_prose_starts_under_a_prose_caption_is_moved(caption: str, line: str) -> None:
    # under a SUBJECT or REF caption of a cable with no FM line only a bare "TO
    # <address>" may be the caption's prose going on: a TO line with a routing
    # indicator, a precedence or a serial, an INFO or XMT line, and any of them under
    # the Classified By line, is the address line moved there (S001), as before the
    # session; fuzz30b took every such line into the caption's text (a review's fault)
    text = f"UNCLASSIFIED\n\nE.O. 12958: N/A\nTAGS: PGOV, ECON, ZA\n{caption}\n{line}\n\n1. (U) Text one.\n\n2. (U) Text two.\n\nMARTIN\n"
    at = text.splitlines().index(line) + 1
    assert ("S001", at, 1) in [f[:3] for f in _found(text)]
    model = _parse(text)
    assert model["errors"] == [] and model["subject"] in ("ZAMBIA", "ZAMBIA: BUDGET")


def test_a_zero_slip_address_line_with_an_addressee_under_it_among_the_captions() -> None:
    # "T0" typed with a zero under the TAGS line of a cable with no FM line: no tag,
    # the TO line moved there, and the line under it one more addressee (A003 names
    # what it cannot read), as the grammar reads it; it was taken for more tags and
    # the line under it left unplaced (the fuzz profile, session 30)
    text = "UNCLAS PARIS 000123\nE.O. 12958: N/A\nTAGS: PREL\nT0 AMEMBASSY ROME\nAMEMBASSY OSLO\nSUBJECT: TEST\n\n1. (U) Text here.\n\nSMITH\n"
    model = _parse(text)
    assert [(e["line"], e["column"], e["message"]) for e in model["errors"]] == [(4, 1, "'T0' is misspelt: expected the keyword TO")]
    assert model["tags"] == ["PREL"] and model["subject"] == "TEST"
    assert [(a["address"], a["line"]) for a in model["to"]] == [("AMEMBASSY ROME", 4), ("AMEMBASSY OSLO", 5)]
    assert [f[:3] for f in _found(text)] == [("A003", 4, 1), ("S001", 4, 1)]


@pytest.mark.parametrize(("line", "role"), [("INFO AMEMBASSY PARIS", "info"), ("TO SECSTATE WASHDC", "to"), ("XMT AMEMBASSY ROME", None)])
def test_an_address_line_between_captions_of_a_cable_without_an_fm_line_is_moved(line: str, role: Optional[str]) -> None:
    # between two captions nothing but a caption or a moved part of the header can
    # stand (a line of text there is a stray, S004): with no FM line the address line
    # is still the one moved there, as the grammar reads it, not a line left unplaced
    text = f"UNCLAS\nE.O. 12958: N/A\n{line}\nTAGS: PREL, FR\nSUBJECT: TEST\n\n1. (U) Text here.\n\nSMITH\n"
    found = [f[:3] for f in _found(text)]
    assert ("S001", 3, 1) in found and not any(code == "S004" for code, _, _ in found)
    model = _parse(text)
    assert model["errors"] == []
    if role is not None:  # (the parse JSON has no XMT list)
        assert [a["line"] for a in model[role]] == [3]


def test_an_address_block_moved_among_the_captions_ends_no_header() -> None:
    # the header is the FM line alone; the TO line under the E.O. line is moved there
    # (S001), and the classification line that is missing belongs above the E.O. line:
    # C001 stood under the TO line, the header taken to run down to it
    text = "FM AMEMBASSY PARIS\n\nE.O. 12958: N/A\nTO SECSTATE WASHDC\nTAGS: PREL, FR\nSUBJECT: TEST\n\n1. Text.\n\nSMITH\n"
    found = [f[:3] for f in _found(text)]
    assert ("C001", 3, 1) in found and ("S001", 4, 1) in found
