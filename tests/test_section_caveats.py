"""Caveats between the classification level and SECTION (grammar/read_section_caveats.py,
grammar/read_classline.py; cable-format.md 3.1, 3.2): 'CONFIDENTIAL NOFORN SECTION 01
OF 03 REYKJAVIK 000687' and 'CONFIDENTIAL//NOFORN//REL TO USA, ISL SECTION 01 OF 03
...' read the caveats, then SECTION, the post and the serial, as 'CONFIDENTIAL//NOFORN
SECTION 01 OF 03 ...' and 'S E C R E T NOFORN BEIRUT 000911' are read (C006 names
no caveat for its place); not the caveats and SECTION taken for the post and '01' for
the serial (C002 '01' has 2 digits, A004 and S003 naming the post 'SECTION').
Through the CLI, on a telegram from Reykjavik of three sections (line 13: 'C O N F I
D E N T I A L SECTION 01 OF 03 REYKJAVIK 000687', line 15: 'SIPDIS'), and a draft."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import check_json, run_cli
from tests.rules.cases import corpus_text, mutate

REYKJAVIK = corpus_text("telegram-confidential-reykjavik-multisection.cable")
_LINE = "C O N F I D E N T I A L SECTION 01 OF 03 REYKJAVIK 000687"
_UNREAD = "names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"
_NOT_KNOWN = "is not a known handling caveat: expected one of SIPDIS, NOFORN, SENSITIVE, EXDIS, LIMDIS, NODIS, STADIS, CHEROKEE, SPECAT, CORRECTED COPY"

Found = list[tuple[str, int, int, int, str]]


def _found(text: str) -> Found:
    """The findings of the cable but F005, which the longer lines get for their length."""
    return [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text) if d["code"] != "F005"]


def _parse(text: str) -> Any:
    result = run_cli("parse", "--stdin-filename", "reykjavik.cable", "-", input=text)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "line, found, caveats",
    [
        # were A004 ('SECTION' for the post), S003 (no SECTION part) and C002 ('01' for the serial)
        ("CONFIDENTIAL NOFORN SECTION 01 OF 03 REYKJAVIK 000687", [], ["NOFORN"]),
        ("C O N F I D E N T I A L NOFORN SECTION 01 OF 03 REYKJAVIK 000687", [], ["NOFORN"]),
        ("CONFIDENTIAL NOFORN EXDIS SECTION 01 OF 03 REYKJAVIK 000687", [], ["NOFORN", "EXDIS"]),
        ("CONFIDENTIAL SIPDIS SECTION 01 OF 03 REYKJAVIK 000687", [("C012", 15, 1, 7, "SIPDIS is written again, after the one on line 13: expected SIPDIS once")], ["SIPDIS"]),
        ("CONFIDENTIAL SPECAT NOFORN SECTION 01 OF 03 REYKJAVIK 000687", [], ["SPECAT", "NOFORN"]),
        ("CONFIDENTIAL//NOFORN EXDIS SECTION 01 OF 03 REYKJAVIK 000687", [], ["NOFORN", "EXDIS"]),
        ("CONFIDENTIAL//NOFORN//EXDIS SECTION 01 OF 03 REYKJAVIK 000687", [], ["NOFORN", "EXDIS"]),
        ("CONFIDENTIAL REL TO USA, ISL SECTION 01 OF 03 REYKJAVIK 000687", [], ["REL TO USA, ISL"]),
        # was the release 'REL TO USA, ISL SECTION 01 OF 03 REYKJAVIK 000687' (C006) and C002
        ("CONFIDENTIAL//NOFORN//REL TO USA, ISL SECTION 01 OF 03 REYKJAVIK 000687", [], ["NOFORN", "REL TO USA, ISL"]),
        # the caveat's own faults, named as before the post
        ("CONFIDENTIAL//NOFORN//REL TO USA, UK SECTION 01 OF 03 REYKJAVIK 000687", [("C006", 13, 23, 37, f"release 'REL TO USA, UK' {_UNREAD}")], ["NOFORN", "REL TO USA, UK"]),
        ("CONFIDENTIAL NOFRON SECTION 01 OF 03 REYKJAVIK 000687", [("C006", 13, 14, 20, "'NOFRON' is not a known handling caveat: expected NOFORN")], ["NOFRON"]),
        ("CONFIDENTIAL//NOFORN//ORCON SECTION 01 OF 03 REYKJAVIK 000687", [("C006", 13, 23, 28, f"'ORCON' {_NOT_KNOWN}")], ["NOFORN", "ORCON"]),
        # a caveat after the serial as well
        ("CONFIDENTIAL NOFORN SECTION 01 OF 03 REYKJAVIK 000687//EXDIS", [], ["NOFORN", "EXDIS"]),
    ],
)
def test_caveats_before_section_are_read_and_the_section_post_and_serial_after_them(line: str, found: Found, caveats: list[str]) -> None:
    text = mutate(REYKJAVIK, _LINE, line)
    assert _found(text) == found
    model = _parse(text)
    classification = model["classification"]
    assert (classification["origin"], classification["serial"], classification["section"]) == ("REYKJAVIK", "000687", "SECTION 01 OF 03")
    assert model["reference_id"] == "08REYKJAVIK687"
    assert model["caveats"] == ["SIPDIS", *caveats]


def test_a_word_no_caveat_before_section_leaves_the_line_as_it_was() -> None:
    """'CONFIDENTIAL EMBASSY SECTION ...': a word that is no caveat behind a blank is not
    read as one; the line is read as before (the words for the post)."""
    text = mutate(REYKJAVIK, _LINE, "CONFIDENTIAL EMBASSY SECTION 01 OF 03 REYKJAVIK 000687")
    classification = _parse(text)["classification"]
    assert (classification["origin"], classification["serial"], classification["section"]) == ("EMBASSY SECTION", "01", None)


_DRAFT = """\
C O N F I D E N T I A L NOFORN SECTION 01 OF 02 REYKJAVIK 000214

SIPDIS

E.O. 13526: DECL: 12/01/2036
TAGS: PREL PGOV IC
SUBJECT: ICELAND: COAST GUARD SEEKS SUPPORT

Classified By: Ambassador Jane Doe for reasons 1.4 (b) and (d).

1. (C/NF) Text one.

2. (C) Text two.

DOE
"""


def test_a_caveat_before_section_in_a_draft() -> None:
    """Was C002 "serial '01' has 2 digits", the post 'SECTION'."""
    assert _found(_DRAFT) == []
    model = _parse(_DRAFT)
    assert model["dialect"] == "draft"
    classification = model["classification"]
    assert (classification["origin"], classification["serial"], classification["section"]) == ("REYKJAVIK", "000214", "SECTION 01 OF 02")
    assert model["caveats"] == ["SIPDIS", "NOFORN"]
