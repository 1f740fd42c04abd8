"""A drafter's pre-submission check: new drafts, as drafters write them today
(mixed case, no post or serial, E.O. 13526), linted through the CLI; what the format
allows gives no finding, and a slip is reported where it is, in the drafter's terms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import check_json, run_cli

SBU_BODY = """
SIPDIS

E.O. 13526: N/A
TAGS: CASC, CVIS, KFRD, BR
SUBJECT: Brazil: Visa Fraud Ring Disrupted in Recife

1. (SBU) Summary: Federal Police arrested eleven members of a
document-fraud ring. End Summary.

2. (U) Post will continue to share leads with the police.

LANDAU
"""

UNCLAS_DRAFT = """UNCLASSIFIED

E.O. 13526: N/A
TAGS: PREL, PGOV, MX
SUBJECT: Mexico: New Foreign Minister Outlines Priorities

1. (U) Summary: The new Foreign Minister told the Ambassador
that migration will top her agenda. End Summary.

2. (U) She hopes to meet the Secretary in January.

JOHNSON
"""


def _lint(text: str, *args: str) -> list[dict[str, Any]]:
    return check_json("--select", "ALL", "--stdin-filename", "draft.cable", *args, "-", input=text)


def _found(text: str, code: str, *args: str) -> list[tuple[int, int, int, str]]:
    return [(d["line"], d["column"], d["end_column"], d["message"]) for d in _lint(text, *args) if d["code"] == code]


def test_an_sbu_banner_in_the_classification_lines_place_is_named() -> None:
    # the drafter typed the banner as the level: C001 says what to add and where,
    # not that the draft lacks a post and serial
    text = "SENSITIVE BUT UNCLASSIFIED\n" + SBU_BODY
    assert _found(text, "C001") == [
        (1, 1, 27, "'SENSITIVE BUT UNCLASSIFIED' stands where the classification line belongs, but SBU is a handling caption, not a level: expected UNCLASSIFIED (or UNCLAS) on the line above it"),
    ]
    # with the classification line above it, the banner is the SBU caption: clean
    assert [d for d in _lint("UNCLASSIFIED\n\nSENSITIVE BUT UNCLASSIFIED\n" + SBU_BODY) if d["severity"] != "info"] == []


def test_a_draft_without_a_classification_line_is_not_asked_for_post_and_serial() -> None:
    text = UNCLAS_DRAFT.replace("UNCLASSIFIED\n\n", "", 1)
    assert _found(text, "C001") == [
        (1, 1, 1, "no classification line: expected UNCLAS, C O N F I D E N T I A L, S E C R E T or T O P S E C R E T before the captions"),
    ]


def test_a_level_in_mixed_case_is_asked_for_in_capitals_as_written() -> None:
    # 'Unclassified' is UNCLASSIFIED in capitals, a form the line takes: not UNCLAS
    text = UNCLAS_DRAFT.replace("UNCLASSIFIED", "Unclassified", 1)
    assert _found(text, "C002") == [(1, 1, 13, "classification 'Unclassified' is not in capitals: expected UNCLASSIFIED")]
    confidential = "Confidential\n\nE.O. 13526: DECL: 12/01/2036" + UNCLAS_DRAFT.split("E.O. 13526: N/A", 1)[1].replace("(U)", "(C)")
    confidential = confidential.replace("\n\n1. (C)", "\n\nClassified By: Ambassador Jane Roe for reasons 1.4 (b) and (d).\n\n1. (C)", 1)
    assert _found(confidential, "C002") == [(1, 1, 13, "classification 'Confidential' is not in capitals: expected CONFIDENTIAL")]
    assert [d["code"] for d in _lint(confidential) if d["severity"] != "info"] == ["C002"]


MIXED_CASE = """Confidential

Sipdis

E.O. 13526: DECL: 12/01/2036
TAGS: PREL, PGOV, SENV, BR
SUBJECT: Brazil: Amazon Fund Donors Meet in Belem

Ref: A. BRASILIA 1502
     B. STATE 100233

Classified By: Political Counselor Mary Doe, Reasons 1.4 (b) and (d)

1. (C) Summary: Donors met in Belem, as foreshadowed in Ref A.
End Summary.

2. (C) The Ref B instructions were delivered.

DOE
"""


def test_a_draft_in_mixed_case_throughout_is_told_of_each_caption() -> None:
    # the archive's down-cased cables are told of their classification line alone;
    # a draft, which no archive down-cased, of SIPDIS and REF too, as of TAGS
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in _lint(MIXED_CASE)]
    assert found == [
        ("C002", 1, 1, 13, "classification 'Confidential' is not in capitals: expected CONFIDENTIAL"),
        ("C006", 3, 1, 7, "'Sipdis' is not in capitals: expected SIPDIS"),
        ("X001", 9, 1, 4, "'Ref' is not in capitals: expected 'REF'"),
    ]
    # 'Ref:' alone, under a classification line in capitals: the same X001
    upper = MIXED_CASE.replace("Confidential", "CONFIDENTIAL").replace("Sipdis", "SIPDIS")
    assert [(d["code"], d["line"], d["column"]) for d in _lint(upper)] == [("X001", 9, 1)]
    # the archive's rendering keeps 'Ref:' as sent: no X001 there; but an archive
    # cable was sent, and its classification line names its post and serial (C002)
    assert [(d["code"], d["line"], d["column"]) for d in _lint(upper, "--dialect", "cablegate")] == [("C002", 1, 13)]


# a draft with a telegram header typed by hand: its DTG dates it (1 Dec 2026)
TYPED_HEADER = """O 011530Z DEC 26
FM AMEMBASSY ACCRA
TO SECSTATE WASHDC IMMEDIATE
INFO AMEMBASSY LOME PRIORITY

C O N F I D E N T I A L ACCRA 000412

SIPDIS

E.O. 13526: DECL: 25X1, 12/01/2076
TAGS: PGOV, PREL, GH, TO
SUBJECT: Ghana: Border Security Talks with Togo Stall

Classified By: DCM Alice Moreno for reasons 1.4 (b) and (d).

1. (C) Summary: Talks between Ghana and Togo on joint border
patrols stalled over command arrangements. End Summary.

2. (C) Ghana would not place its forces under Togolese command.

PALMER
"""


def test_a_25_year_exemption_with_its_date_is_read() -> None:
    # E.O. 13526's form: the exemption and the date it ends on; no H012 (the exemption
    # allows the 50 years), no H002
    assert [d["code"] for d in _lint(TYPED_HEADER) if d["severity"] != "info"] == []
    # the date is still read as a date: an impossible one is named at the date
    bad = TYPED_HEADER.replace("25X1, 12/01/2076", "25X1, 13/01/2076")
    assert _found(bad, "H002") == [(10, 25, 35, "declassification date '13/01/2076' gives month 13: expected 01 to 12")]
    # without the exemption, 50 years out is H012's
    assert [(d["line"], d["column"]) for d in _lint(TYPED_HEADER.replace("25X1, ", "")) if d["code"] == "H012"] == [(10, 19)]


def test_a_25_year_exemption_with_its_date_is_read_without_the_comma_and_in_other_forms() -> None:
    # "25X1 12/01/2076" as "25X1, 12/01/2076"; the date checked all the same
    assert [d["code"] for d in _lint(TYPED_HEADER.replace("25X1, ", "25X1 ")) if d["severity"] != "info"] == []
    bad = TYPED_HEADER.replace("25X1, 12/01/2076", "25X1 13/01/2076")
    assert _found(bad, "H002") == [(10, 24, 34, "declassification date '13/01/2076' gives month 13: expected 01 to 12")]
    # a date in another form after the exemption is named as a bare one is, not unreadable
    odd = TYPED_HEADER.replace("25X1, 12/01/2076", "25X1, 01 DEC 2076")
    assert _found(odd, "H002") == [(10, 25, 36, "declassification date '01 DEC 2076' is not in the E.O. line's form: expected MM/DD/YYYY, '12/01/2076'")]
    assert [d["code"] for d in _lint(odd) if d["code"] == "H012"] == []


ADDRESSED = """UNCLASSIFIED

FM SECSTATE WASHDC
TO AMEMBASSY PARIS
AMEMBASSY BERLIN
INFO USEU BRUSSELS

E.O. 13526: N/A
TAGS: PREL, ETRD, FR, GM, EUN
SUBJECT: Demarche Request: EU Steel Safeguard Extension

1. (U) This is an action request. Posts should deliver the points
in para 2 to host government officials.

2. (U) Begin text:

-- The United States shares the EU's concern about overcapacity.

End text.

RUBIO
"""


def test_a_draft_addressed_under_its_classification_line_is_sent_to_the_top() -> None:
    # no routing header to follow: the address block belongs at the top of the draft
    assert _found(ADDRESSED, "S001") == [
        (3, 1, 19, "the address block stands after the classification line (line 3): expected it at the top of the cable, before the classification line on line 1"),
    ]
    # addressed above the classification line, the draft is clean
    moved = "FM SECSTATE WASHDC\nTO AMEMBASSY PARIS\nAMEMBASSY BERLIN\nINFO USEU BRUSSELS\n\nUNCLASSIFIED\n\n" + ADDRESSED.split("INFO USEU BRUSSELS\n\n", 1)[1]
    assert [d["code"] for d in _lint(moved) if d["severity"] != "info"] == []


ACTION_REQUEST = """SECRET

NOFORN
SIPDIS

E.O. 13526: DECL: 12/01/2051
TAGS: PTER, PINR, ASEC, PK
SUBJECT: (S/NF) TTP Threat to Consulate Peshawar

Classified By: Consul General Jane Smith for reasons 1.4 (c) and (d).

1. (S/NF) Summary and action request: Reporting indicates a threat
to the consulate. Post requests Department approval to reduce
staffing (para 2). End summary.

2. (S) Action request: Post requests authorized departure for
non-emergency staff.

SMITH
"""


def test_a_summary_and_action_request_is_closed_by_end_summary() -> None:
    # 'Summary and action request:' opens the summary, as 'Summary and comment:' does
    assert _found(ACTION_REQUEST, "P007") == []
    # an 'End summary.' with no opening at all is still reported
    unopened = ACTION_REQUEST.replace("Summary and action request: ", "", 1)
    assert [(d["line"], d["column"]) for d in _lint(unopened) if d["code"] == "P007"] == [(14, 20)]


BULLETS = UNCLAS_DRAFT.replace(
    "2. (U) She hopes to meet the Secretary in January.\n",
    "2. (U) Her priorities:\n\n\u2022 Migration;\n\u2022 Security cooperation.\n",
)


def test_a_word_processors_bullet_is_named_and_fixed_to_the_telegrams() -> None:
    assert _found(BULLETS, "F004") == [
        (12, 1, 2, "typographic bullet (\u2022) in a draft: expected two hyphens (--) (a telegram carries ASCII only)"),
        (13, 1, 2, "typographic bullet (\u2022) in a draft: expected two hyphens (--) (a telegram carries ASCII only)"),
    ]
    fixed = [d["fix"]["edits"] for d in _lint(BULLETS) if d["code"] == "F004"]
    assert [[e["replacement"] for e in edits] for edits in fixed] == [["--"], ["--"]]


def test_sbu_written_on_the_classification_line_is_named_for_the_caption_meant() -> None:
    text = "UNCLASSIFIED//SBU\n" + SBU_BODY
    # one slip, one finding: C006 names the caption meant, and C008 takes SBU for it
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in _lint(text) if d["severity"] != "info"] == [
        ("C006", 1, 15, 18, "'SBU' is a portion marking, not a handling caveat: expected SENSITIVE, the caption that marks SBU text"),
    ]


def test_a_declassification_date_in_another_form_is_named_in_the_lines_form() -> None:
    # a date the drafter wrote as dates are written elsewhere: named, with the date in
    # the E.O. line's form, rather than 'unreadable'
    for written in ("20760131", "01-31-2076", "January 31, 2076", "31 Jan 2076"):
        text = TYPED_HEADER.replace("25X1, 12/01/2076", written)
        end = 19 + len(written)
        assert _found(text, "H002") == [(10, 19, end, f"declassification date '{written}' is not in the E.O. line's form: expected MM/DD/YYYY, '01/31/2076'")], written
        # ... and read as that date: 50 years out is H012's
        assert [(d["line"], d["column"]) for d in _lint(text) if d["code"] == "H012"] == [(10, 19)], written
    # what gives no date is still unreadable
    assert [d["message"] for d in _lint(TYPED_HEADER.replace("25X1, 12/01/2076", "20761331")) if d["code"] == "H002"] == [
        "declassification instruction '20761331' is unreadable: expected 'E.O. <order>: N/A' or 'E.O. <order>: DECL: <date or exemption>'"
    ]


def test_dashes_typed_between_tags_are_stray_marks_not_unknown_tags() -> None:
    text = UNCLAS_DRAFT.replace("TAGS: PREL, PGOV, MX", "TAGS: PREL - PGOV - MX")
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in _lint(text) if d["code"] in ("H006", "H007")]
    assert found == [
        ("H006", 4, 12, 13, "stray '-' in the TAGS list: expected tags separated by spaces or commas"),
        ("H006", 4, 19, 20, "stray '-' in the TAGS list: expected tags separated by spaces or commas"),
    ]


SECRET_NF = """SECRET//NF

SIPDIS

E.O. 13526: DECL: 12/01/2051
TAGS: PREL, PINR, VE, CU
SUBJECT: (S//NF) Cuban Advisers in Venezuela

Classified By: PolCouns Ann Smith; reasons 1.4 (b), (c) and (d).

1. (S//NF) Cuban advisers continue to staff the intelligence
service, a well-placed contact reported.

2. (S//NF) The contact said the number has fallen since 2024.

SMITH
"""


def test_nf_written_on_the_classification_line_is_named_for_noforn() -> None:
    # one slip, one finding: C006 names NOFORN, and C007 takes NF for it (no
    # 'NF paragraphs without a NOFORN caption')
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in _lint(SECRET_NF) if d["severity"] != "info"] == [
        ("C006", 1, 9, 11, "'NF' is a portion marking, not a handling caveat: expected NOFORN, the caption that marks NF text"),
    ]


def test_a_spaced_level_typed_with_two_blanks_is_read_and_named() -> None:
    # a drafter spacing the level out by hand ('T O P  S E C R E T', two blanks between
    # the words) wrote a classification line: C002 names its spacing, not C001 its absence
    text = SECRET_NF.replace("SECRET//NF", "S  E  C  R  E  T\n\nNOFORN", 1)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in _lint(text) if d["severity"] != "info"] == [
        ("C002", 1, 1, 17, "classification 'S  E  C  R  E  T' is irregularly spaced: expected S E C R E T"),
    ]
    top = text.replace("S  E  C  R  E  T", "T O P  S E C R E T", 1)
    assert _found(top, "C002") == [(1, 1, 19, "classification 'T O P  S E C R E T' is irregularly spaced: expected T O P S E C R E T")]
    assert _found(top, "C001") == []


def test_a_marker_with_a_blank_for_its_separator_is_the_marker_still() -> None:
    # '(C NOFORN)' was no marker at all (P002 'no classification marker'): it is the
    # marker, its blank named, and its control read (no C007 with the caption there)
    text = SECRET_NF.replace("SECRET//NF", "SECRET\n\nNOFORN", 1).replace("2. (S//NF) The contact", "2. (C NOFORN) The contact")
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in _lint(text) if d["severity"] != "info"] == [
        ("P003", 16, 4, 14, "marker '(C NOFORN)' has a blank where its separator belongs: expected '(C/NOFORN)'"),
    ]


def test_a_draft_with_its_address_block_typed_is_not_asked_for_a_serial() -> None:
    # FM and TO typed by the drafter, no routing header or DTG: nothing says the cable
    # was sent, and its serial is assigned at transmission (5.4)
    text = "FM SECSTATE WASHDC\nTO AMEMBASSY PARIS\nAMEMBASSY BERLIN\n\n" + ADDRESSED.replace("FM SECSTATE WASHDC\nTO AMEMBASSY PARIS\nAMEMBASSY BERLIN\nINFO USEU BRUSSELS\n\n", "").replace("UNCLASSIFIED\n", "UNCLASSIFIED STATE\n", 1)
    assert [(d["code"], d["line"]) for d in _lint(text) if d["severity"] != "info"] == []
    # with a DTG line above it, it was sent: the serial is asked for
    sent = "R 011200Z DEC 26\n" + text
    assert [(d["line"], d["column"], d["message"]) for d in _lint(sent) if d["code"] == "C002"] == [
        (6, 19, "no serial after the post: expected a 6-digit serial after 'STATE'"),
    ]


def test_sbu_written_as_a_control_of_u_is_told_the_sbu_marking() -> None:
    text = "UNCLASSIFIED\n\nSENSITIVE BUT UNCLASSIFIED\n" + SBU_BODY.replace("1. (SBU) Summary", "1. (U//SBU) Summary")
    assert _found(text, "P003") == [(11, 4, 12, "marker '(U//SBU)' has an unknown control 'SBU' after its level U: expected '(SBU)', the marking of sensitive unclassified text")]


def test_a_release_marking_on_the_classification_line_is_read() -> None:
    # 'SECRET//REL TO USA, GBR', as US banners write a release: read as a caveat with
    # its countries, not the caveat 'REL' and a post 'TO USA'
    text = SECRET_NF.replace("SECRET//NF", "SECRET//REL TO USA, GBR", 1).replace("(S//NF)", "(S//REL TO USA, GBR)")
    assert [(d["code"], d["line"]) for d in _lint(text) if d["severity"] != "info" and d["code"] != "F005"] == []
    model = json.loads(run_cli("parse", "--stdin-filename", "draft.cable", "-", input=text).stdout)
    assert (model["classification"]["origin"], model["caveats"]) == (None, ["SIPDIS", "REL TO USA, GBR"])


def test_a_telegram_with_no_address_block_is_asked_for_its_serial() -> None:
    # the dialect forced, and no address block at all: nothing typed by hand says the
    # cable is a draft (as above), and the serial is asked for as before
    bare = "CONFIDENTIAL MADRID\n\nSIPDIS\n\nE.O. 12958: DECL: 02/02/2015\nTAGS: PREL, PGOV, AF, SP\nSUBJECT: SPAIN ON AFGHANISTAN\n\n1. (C) Summary. The Spanish side met.\n\nSMITH\n"
    result = run_cli("check", "--format", "json", "--select", "C002", "--dialect", "telegram", "--stdin-filename", "madrid.cable", "-", input=bare)
    assert [(d["line"], d["column"], d["message"]) for d in json.loads(result.stdout)] == [(1, 20, "no serial after the post: expected a 6-digit serial after 'MADRID'")]


OUT_OF_ORDER = """CONFIDENTIAL

E.O. 13526: DECL: 12/01/2036
TAGS: PREL, PGOV, MX
SUBJECT: Mexico: New Foreign Minister Outlines Priorities

Classified By: Ambassador Jane Roe for reasons 1.4 (b) and (d).

1. (C) Summary: The new Foreign Minister told the Ambassador
that migration will top her agenda. End Summary.

2. (C) She hopes to meet the Secretary in January.

4. Post will also brief the Ambassador.

3. (U) She also raised trade.

JOHNSON
"""


def test_an_unmarked_paragraph_out_of_order_is_a_paragraph() -> None:
    # '4.' alone between blank lines, 3 after it: a paragraph in the wrong order that
    # lost its marker, not a line of paragraph 2 wrapped at a number
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in _lint(OUT_OF_ORDER) if d["severity"] != "info"] == [
        ("P001", 14, 1, "paragraph 4 comes before paragraph 3: expected 3 (the two are in the wrong order)"),
        ("P002", 14, 4, "paragraph 4 has no classification marker: expected one such as (U) or (C) right after '4.' (a CONFIDENTIAL cable marks every paragraph)"),
    ]
    model = json.loads(run_cli("parse", "--stdin-filename", "draft.cable", "-", input=OUT_OF_ORDER).stdout)
    assert [(p["number"], p["marking"]) for p in model["paragraphs"]] == [(1, "C"), (2, "C"), (4, None), (3, "U")]
    # the same line run on from paragraph 2 with no blank line before it is that
    # paragraph's text wrapped at a number: no finding
    wrapped = OUT_OF_ORDER.replace("Secretary in January.\n\n4. Post", "Secretary in January.\n4. Post")
    assert [d["code"] for d in _lint(wrapped) if d["severity"] != "info"] == []


def test_an_unmarked_paragraph_out_of_order_over_two_lines_is_a_paragraph() -> None:
    # the whole of it between blank lines, not its head line alone
    two_lines = OUT_OF_ORDER.replace("4. Post will also brief the Ambassador.", "4. Post will also brief\nthe Ambassador.")
    assert [(d["code"], d["line"], d["column"]) for d in _lint(two_lines) if d["severity"] != "info"] == [("P001", 14, 1), ("P002", 14, 4)]


_COPENHAGEN = (Path(__file__).parent.parent / "corpus" / "valid" / "draft-confidential-copenhagen.cable").read_text(encoding="utf-8")
# paragraph 2 of the Copenhagen draft, lines 22 to 35, up to paragraph 3's head
_PARAGRAPH_2 = _COPENHAGEN[_COPENHAGEN.index("2. (C) The agency's deputy") : _COPENHAGEN.index("3. (C) The proposal")]


@pytest.mark.parametrize(
    "body",
    [
        "2. (C) Article 9 of the draft agreement says:\n\n9. The parties shall meet annually.\n\nThe agency wants it kept.\n\n",
        "2. (C) The deputy director will visit Washington in\nSeptember\n\n14. He asked for meetings at the Department.\n\n",
        # one number further than the true case (OUT_OF_ORDER): a stray line still
        "2. (C) The deputy director will visit Washington.\n\n5. Post will also brief the Ambassador.\n\n",
    ],
    ids=["quoted-article", "wrapped-date", "two-ahead"],
)
def test_a_numbered_line_between_blank_lines_far_from_the_sequence_is_text(body: str) -> None:
    # an unmarked numbered line alone between blank lines, its number not next to the
    # sequence's, then paragraph 3: text of paragraph 2 (it gave P001 'paragraph 9
    # follows paragraph 2', P002 on it and P001 'paragraph 3 follows paragraph 9')
    text = _COPENHAGEN.replace(_PARAGRAPH_2, body)
    assert [(d["code"], d["line"], d["column"]) for d in _lint(text) if d["severity"] != "info"] == []


@pytest.mark.parametrize(
    "stray",
    [
        "2. (C) She hopes to meet the Secretary on September\n\n4. She asked for meetings at the Department.",
        "2. (C) Article 4 of the draft agreement reads:\n\n4. The parties shall meet annually.",
        "2. (C) She cited the statute (\n\n4. The parties shall meet annually.",
    ],
    ids=["wrapped-date", "quoted-article", "open-parenthesis"],
)
def test_a_numbered_line_next_to_the_sequence_after_no_sentence_end_is_text(stray: str) -> None:
    # as the true case (OUT_OF_ORDER), but the unmarked '4.' comes right after a line
    # that ends no sentence, and the cable's last paragraph follows: a date wrapped at
    # its number or a quoted article, not a paragraph in the wrong order (review33: it
    # gave P001 'paragraph 4 comes before paragraph 3' and P002)
    text = OUT_OF_ORDER.replace("2. (C) She hopes to meet the Secretary in January.\n\n4. Post will also brief the Ambassador.", stray)
    assert stray in text
    assert [(d["code"], d["line"]) for d in _lint(text) if d["severity"] != "info"] == []
