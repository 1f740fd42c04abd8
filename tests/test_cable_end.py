"""The end of a cable: the signature, and what the archive leaves after it (4.7).

A closing classification banner, a post's classified-website footer and a truncated
teaser of the subject may follow the signature; they are the trailer, and the
signature before them is found. The tail is only taken as such after a signature
line (or, for the teaser, when it repeats a piece of the subject, and for the footer,
when it closes the cable under a sentence's end): prose that merely ends the same way
stays text, and S002 still reports a cable that has no signature.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cablelint.grammar.parser import parse_text
from tests.conftest import check_json, parse_json

HEAD = """\
UNCLASSIFIED

SIPDIS

E.O. 12958: N/A
TAGS: PGOV ECON ZA
SUBJECT: ZAMBIA: BUDGET DEBATE OPENS

1. (U) Parliament opened the budget debate on Tuesday.

2. (U) The finance minister said the deficit would narrow.
"""


def _cable(tmp_path: Path, tail: str) -> Path:
    path = tmp_path / "end.cable"
    path.write_text(HEAD + tail, encoding="utf-8")
    return path


def _s002(path: Path) -> list[dict[str, object]]:
    return check_json("--select", "S002", str(path))


@pytest.mark.parametrize(
    ("tail", "signature"),
    [
        ("MARTIN\n", "MARTIN"),
        ("MARTIN\nUNCLASSIFIED\n", "MARTIN"),  # a bare closing banner
        ("MARTIN\n\nUNCLASSIFIED LUSAKA 000288\n", "MARTIN"),
        ("MARTIN\n\nOPENS...\n", "MARTIN"),  # the archive's teaser
        ("MARTIN\n  \n...\n", "MARTIN"),
        ("MARTIN\n\nVisit Lusaka's Classified Web Site at http://www.example.sgov.gov\n", "MARTIN"),
        ('MARTIN\n\n  "Visit Lusaka\'s Classified Web Site at http://www.example.s\ngov.gov/wiki/Portal:Zambia"\n', "MARTIN"),
        ("MARTIN\nPlease visit Lusaka's classified website at:\nhttp://www.example.sgov.gov/\nportal/zambia\n", "MARTIN"),
    ],
    ids=["alone", "bare-banner", "banner-with-serial", "teaser", "dots", "footer", "wrapped-footer", "footer-three-lines"],
)
def test_the_signature_before_the_archive_tail_is_found(tmp_path: Path, tail: str, signature: str) -> None:
    path = _cable(tmp_path, tail)
    got = parse_json(path)
    assert got["signature"] == signature
    assert got["errors"] == []
    assert _s002(path) == []


def test_a_mixed_case_signature_before_the_tail_is_found_and_reported_in_a_draft(tmp_path: Path) -> None:
    path = _cable(tmp_path, "Martin\n  \n...\n")
    assert parse_json(path)["signature"] == "Martin"
    assert [(d["line"], d["message"]) for d in _s002(path)] == [
        (12, "the signature 'Martin' is not in capitals: expected the signer's surname in capitals, 'MARTIN'")
    ]


def test_the_tail_is_the_trailer_not_the_last_paragraph() -> None:
    footer = '"Visit Lusaka\'s Classified Web Site at http://www.example.s', 'gov.gov/wiki/Portal:Zambia"'
    cable = parse_text(HEAD + "MARTIN\n\n" + "\n".join(footer) + "\n")
    assert cable.paragraphs[-1].span.end_line == 11  # "2. (U) The finance minister ..."
    assert tuple(t.text for t in cable.trailer) == footer


@pytest.mark.parametrize(
    "tail",
    [
        "The minister did not say by how much...\n",  # prose ending in dots, no signature
        "MARTIN\nVisit Lusaka's Classified Web Site at\n\nhttp://www.example.sgov.gov\n",  # a blank inside: not one footer
        "MARTIN\nVisit our site at\na\nb\nc\n",  # more lines than a footer takes
    ],
    ids=["prose-dots", "footer-with-blank", "too-long"],
)
def test_without_a_signature_before_it_the_tail_is_text(tmp_path: Path, tail: str) -> None:
    path = _cable(tmp_path, tail)
    got = parse_json(path)
    assert got["signature"] is None
    last_line = HEAD.count("\n") + tail.rstrip("\n").count("\n") + 1
    assert [(d["code"], d["line"]) for d in _s002(path)] == [("S002", last_line)]


@pytest.mark.parametrize(
    "footer",
    [
        ("Visit Lusaka's Classified Web Site at http://www.example.sgov.gov",),
        ("", '          "Visit Lusaka\'s Classified Web Site at http://www.example.s', 'gov.gov/wiki/Portal:Zambia"'),
    ],
    ids=["one-line", "wrapped-below-a-blank"],
)
def test_the_website_footer_without_a_signature_is_the_trailer(tmp_path: Path, footer: tuple[str, ...]) -> None:
    """With no signature above it, the footer closing the cable was read as the last
    paragraph's lines and S002 pointed at its end: it is the trailer, and S002 points
    at the end of the last paragraph."""
    tail = "\n".join(footer) + "\n"
    path = _cable(tmp_path, tail)
    got = parse_json(path)
    assert got["signature"] is None and got["errors"] == []
    cable = parse_text(HEAD + tail)
    assert cable.paragraphs[-1].span.end_line == 11
    assert tuple(t.text for t in cable.trailer) == tuple(line.strip() for line in footer if line)
    assert [(d["line"], d["column"]) for d in _s002(path)] == [(11, 59)]


@pytest.mark.parametrize("teaser", ["BUDGET DEBATE OPENS...", "  A: BUDGET DEBATE OP\u2026"])
def test_the_subject_teaser_without_a_signature_is_the_trailer(tmp_path: Path, teaser: str) -> None:
    """With no signature above it, the archive's teaser (a piece of the subject with
    dots after it) was read as the last paragraph's line and S002 pointed at it: it is
    the trailer, and S002 points at the end of the last paragraph."""
    path = _cable(tmp_path, "\n" + teaser + "\n")
    got = parse_json(path)
    assert got["signature"] is None and got["errors"] == []
    cable = parse_text(HEAD + "\n" + teaser + "\n")
    assert cable.paragraphs[-1].span.end_line == 11
    assert tuple(t.text for t in cable.trailer) == (teaser.strip(),)
    assert [(d["line"], d["column"]) for d in _s002(path)] == [(11, 59)]


@pytest.mark.parametrize(
    "tail",
    [
        "SUBJECT: ZAMBIA: BUDGET DEBATE...\n",  # a caption, not a piece of the subject above
        "DEBATE...\n",  # too short to tell
        "THE DEBATE OPENS...\n",  # not in the subject
    ],
)
def test_a_line_with_dots_that_is_no_subject_teaser_is_text(tmp_path: Path, tail: str) -> None:
    path = _cable(tmp_path, "\n" + tail)
    assert [(d["code"], d["line"]) for d in _s002(path)] == [("S002", 13)]


def test_captions_moved_after_the_signature_leave_it_the_signature() -> None:
    """S001 reports the moved captions; the signature above them is still found, and
    the last paragraph ends above the signature."""
    text = HEAD + "MARTIN\n\nClassified By: Ambassador Jane Doe\nfor reasons 1.4 (b) and (d)\n"
    cable = parse_text(text)
    assert cable.signature is not None and cable.signature.name == "MARTIN"
    assert cable.paragraphs[-1].span.end_line == 11
    assert [kind for kind, _ in cable.late_captions] == ["classified_by"]


# A draft's clearance block under the text (4.7 lists a clearance note among its endings).
_CLEARANCE = "Drafted: POL/ECON JSMITH\nCleared: DCM AJONES\nApproved: AMB MICHALAK\n"


@pytest.mark.parametrize(
    "block",
    [
        _CLEARANCE,
        "\n" + _CLEARANCE,
        "\n" + _CLEARANCE.upper(),
        "\n" + _CLEARANCE.lower(),
        "DRAFTED BY: POL/ECON JSMITH\nCLEARED BY DCM AJONES\n",
        "\nDrafted: POL/ECON JSMITH\nCleared: DCM AJONES\n         EUR/WE BSMITH\nApproved: AMB MICHALAK\n",
        "\n" + _CLEARANCE + "\nUNCLASSIFIED\n",
    ],
    ids=["under-the-signature", "below-a-blank", "capitals", "lower-case", "by", "indented-clearer", "banner-after"],
)
def test_a_clearance_block_after_the_signature_is_the_trailer(tmp_path: Path, block: str) -> None:
    """The signature above a draft's clearance block was read as the last paragraph's
    line and S002 said the last approver's name ("MICHALAK") was typed on the last line
    of text: the block is the text's tail, the signature above it is found."""
    path = _cable(tmp_path, "MARTIN\n" + block)
    got = parse_json(path)
    assert got["signature"] == "MARTIN"
    assert got["errors"] == []
    assert _s002(path) == []
    cable = parse_text(HEAD + "MARTIN\n" + block)
    assert cable.paragraphs[-1].span.end_line == 11
    assert tuple(t.text.strip() for t in cable.trailer) == tuple(
        line.strip() for line in block.splitlines() if line.strip() and line != "UNCLASSIFIED"
    )


def _clearers(n: int, indent: str = "") -> str:
    """A clearance block of *n* lines: drafted, *n* - 2 clearers (on their own
    clearance lines, or with *indent* under the first), approved."""
    lines = [f"{indent or 'Cleared: '}EUR/WE CLEARER{chr(65 + k)}" for k in range(n - 2)]
    if indent:
        lines[0] = "Cleared: " + lines[0].lstrip()
    return "Drafted: POL/ECON JSMITH\n" + "".join(line + "\n" for line in lines) + "Approved: AMB MICHALAK\n"


@pytest.mark.parametrize("block", [_clearers(12), _clearers(12, " " * 9), "\n" + _clearers(12)], ids=["lines", "indented", "below-a-blank"])
def test_a_clearance_block_of_the_most_lines_taken_is_the_trailer(tmp_path: Path, block: str) -> None:
    """A block of exactly 12 lines under the signature (the most a clearance block is
    taken to have) was refused: the search ran out before the line above it, which
    ends it, and S002 said 'MICHALAK' was typed on the last line of text. A longer
    block is still text."""
    path = _cable(tmp_path, "MARTIN\n" + block)
    got = parse_json(path)
    assert got["signature"] == "MARTIN" and got["errors"] == []
    assert _s002(path) == []
    cable = parse_text(HEAD + "MARTIN\n" + block)
    assert cable.paragraphs[-1].span.end_line == 11
    assert tuple(t.text.strip() for t in cable.trailer) == tuple(line.strip() for line in block.splitlines() if line.strip())
    longer = _cable(tmp_path, "MARTIN\n\n" + _clearers(13))
    assert parse_json(longer)["signature"] is None  # (not the approver's name)
    assert [(d["line"], d["column"]) for d in _s002(longer)] == [(26, 23)]


def test_a_clearance_block_without_a_signature_is_kept_apart_from_the_text(tmp_path: Path) -> None:
    """A draft's clearance block with no signature above it was taken as the text's
    last lines: its indented clearer "    DCM BSMITH" closing it was read as the
    signature (no S002), and under "Approved: AMB MICHALAK" S002's finding was at
    the end of the approver's line, S002 matching the clearance lines again itself.
    Now the reader keeps the block apart (the model's clearance, its first line to
    its last, and the trailer): no signature is read inside it, and S002 is at the
    end of the last line of text above it, saying the signature goes above the
    block. A clearance *sentence* ending the text, "Cleared by POL/ECON.", is text
    the signature may follow (as "Ambassador Reich cleared this cable."): S002 asks
    for it after the last paragraph, and is silent with it."""
    blocks = (
        _CLEARANCE,
        _CLEARANCE.upper(),
        "Drafted: POL/ECON JSMITH\nCLEARED BY DCM AJONES\n",
        "Drafted: POL/ECON JSMITH\nCleared: POL AJONES\n    DCM BSMITH\n",  # (was the signature 'DCM BSMITH')
    )
    for block in blocks:
        path = _cable(tmp_path, "\n" + block)
        got = parse_json(path)
        assert got["signature"] is None and got["errors"] == [], block
        cable = parse_text(HEAD + "\n" + block)
        assert cable.paragraphs[-1].span.end_line == 11 and cable.signature is None
        assert tuple(t.text for t in cable.trailer) == tuple(line.strip() for line in block.splitlines())
        assert cable.clearance is not None and (cable.clearance.line, cable.clearance.column) == (13, 1)
        assert (cable.clearance.end_line, cable.clearance.end_column) == (12 + len(block.splitlines()), len(block.splitlines()[-1]) + 1)
        assert [(d["line"], d["column"], d["message"]) for d in _s002(path)] == [
            (11, 59, "the text ends without a signature: expected the signer's surname in capitals on the line after the last paragraph, above the clearance block")
        ], block
    path = _cable(tmp_path, "\nCleared by POL/ECON.\n")
    assert parse_json(path)["signature"] is None
    assert [(d["line"], d["column"], d["message"]) for d in _s002(path)] == [
        (13, 21, "the text ends without a signature: expected the signer's surname in capitals on the line after the last paragraph")
    ]
    for tail in ("\nCleared by POL/ECON.\nMARTIN\n", "MARTIN\n\nCleared by POL/ECON.\n"):  # before the signature, or under it
        path = _cable(tmp_path, tail)
        assert parse_json(path)["signature"] == "MARTIN" and _s002(path) == []


@pytest.mark.parametrize(
    "last",
    [
        "approved by the Cabinet on March 3 and sent on.",
        "cleared by the minister himself.",
        "drafted by the two sides in Geneva.",
        "Approved by EU leaders on Monday.",
        "APPROVED BY THE CABINET ON MARCH 3.",
        # no full stop: all capitals, or a colon and prose
        "APPROVED BY THE CABINET ON MONDAY",
        "Cleared: all three ministries have signed off",
        "CLEARED: ALL THREE MINISTRIES HAVE SIGNED OFF",
    ],
)
def test_a_last_line_of_prose_that_starts_like_a_clearance_line_is_text(tmp_path: Path, last: str) -> None:
    """The reviewer's repro: "2. (U) After a long debate the 2009 budget was" /
    "approved by the Cabinet on March 3 and sent on." with no signature lost its last
    line to a clearance block, and S002 moved up a line. So did a last line with no
    full stop ("APPROVED BY THE CABINET ON MONDAY", "Cleared: all three ministries
    have signed off"): with no signature above it, a single clearance line is a block
    only in the colon form with an office and a name, or starting "Drafted"."""
    tail = "\n2. (U) After a long debate the 2009 budget was\n" + last + "\n"
    cable = parse_text(HEAD + tail)
    end = cable.paragraphs[-1].span.end_line
    assert (HEAD + tail).splitlines()[end - 1] == last
    assert cable.signature is None and cable.trailer == ()
    assert [d["line"] for d in _s002(_cable(tmp_path, tail))] == [end]


@pytest.mark.parametrize(
    "line",
    [
        "Approved: AMB MICHALAK",
        "CLEARED BY POL/ECON:JSMITH",
        "Cleared: DCM AJONES",
        "Drafted by: JSMITH",
        "DRAFTED BY POL/ECON",
        "Cleared: DS/DSS/CC:JBACIGALUPO",
        "Cleared: ECON:BJones",
        "Approved: POL Jane Smith",  # an office and a first name and a surname
    ],
)
def test_one_clearance_line_in_its_form_without_a_signature_is_a_block(tmp_path: Path, line: str) -> None:
    """One clearance line with an office and a name (or a leading "Drafted") under the
    text with no signature is still the clearance block: S002 is above it."""
    tail = "\n" + line + "\n"
    cable = parse_text(HEAD + tail)
    assert cable.paragraphs[-1].span.end_line == 11 and cable.signature is None
    assert cable.clearance is not None and (cable.clearance.line, cable.clearance.end_line) == (13, 13)
    assert [(d["line"], d["column"]) for d in _s002(_cable(tmp_path, tail))] == [(11, 59)]


@pytest.mark.parametrize("signature", ["", "MARTIN\n"], ids=["unsigned", "signed"])
def test_a_blank_line_inside_a_clearance_block_keeps_it_one_block(tmp_path: Path, signature: str) -> None:
    """"Drafted: ..." / blank / "Cleared: ..." / "Approved: ...": the blank line ended
    the block, so with no signature the Drafted line was the text's last line and
    S002 stood at its end. The trailer allows blank lines between its lines
    (cable.lark), so the block does too: a blank between two clearance lines, or
    under a clearer's indented line, leaves the block whole."""
    for block in (
        "Drafted: POL/ECON JSMITH\n\nCleared: DCM AJONES\nApproved: AMB MICHALAK\n",
        "Drafted: POL/ECON JSMITH\nCleared: POL AJONES\n    DCM BSMITH\n\nApproved: AMB MICHALAK\n",
    ):
        tail = signature + "\n" + block
        path = _cable(tmp_path, tail)
        assert parse_json(path)["errors"] == []
        cable = parse_text(HEAD + tail)
        assert cable.paragraphs[-1].span.end_line == 11
        first = 13 + len(signature.splitlines())
        assert cable.clearance is not None and (cable.clearance.line, cable.clearance.end_line) == (first, first + len(block.splitlines()) - 1)
        if signature:
            assert cable.signature is not None and cable.signature.name == "MARTIN" and _s002(path) == []
        else:
            assert cable.signature is None
            assert [(d["line"], d["column"]) for d in _s002(path)] == [(11, 59)], block
    # an indented signature above a blank line is no line of the block
    tail = "   " + (signature or "MARTIN\n") + "\nApproved: AMB MICHALAK\n"
    cable = parse_text(HEAD + tail)
    assert cable.signature is not None and cable.signature.name == "MARTIN"
    assert cable.clearance is not None and (cable.clearance.line, cable.clearance.end_line) == (14, 14)


def _assert_a_lone_block(tmp_path: Path, line: str) -> None:
    """*line* alone under the unsigned text (HEAD) is a clearance block: the text ends
    above it, and S002 stands at the end of the text, "above the clearance block"."""
    tail = "\n" + line + "\n"
    cable = parse_text(HEAD + tail)
    assert cable.paragraphs[-1].span.end_line == 11 and cable.signature is None
    assert cable.clearance is not None and (cable.clearance.line, cable.clearance.end_line) == (13, 13)
    assert [(d["line"], d["column"], d["message"]) for d in _s002(_cable(tmp_path, tail))] == [(11, 59, _ABOVE_BLOCK)]


def _assert_the_last_line_of_text(tmp_path: Path, line: str) -> None:
    """*line* alone under the unsigned text (HEAD) is its last line, no clearance
    block: S002 stands at its end."""
    tail = "\n" + line + "\n"
    cable = parse_text(HEAD + tail)
    assert cable.clearance is None and cable.paragraphs[-1].span.end_line == 13
    assert [(d["line"], d["column"], d["message"]) for d in _s002(_cable(tmp_path, tail))] == [(13, len(line) + 1, _NO_SIGNATURE)]


def _assert_the_trailer(tmp_path: Path, line: str) -> None:
    """*line* under a signature is the trailer: the signature read, no S002."""
    path = _cable(tmp_path, "MARTIN\n" + line + "\n")
    assert parse_json(path)["signature"] == "MARTIN" and _s002(path) == []


@pytest.mark.parametrize(
    "line",
    [
        "Cleared: THE NEW LAW",
        "CLEARED: ALL THREE MINISTRIES AGREED",
        "Approved: THE BUDGET TODAY",
        "Cleared: SIGNOFF JSMITH",
        "CLEARED BY: MINISTRY OFFICIALS",  # BY taken for the office, "BY:"
        "APPROVED BY: PARLIAMENT",
    ],
)
def test_a_cleared_line_with_no_office_first_is_text(tmp_path: Path, line: str) -> None:
    """"Cleared: THE NEW LAW" and "CLEARED: ALL THREE MINISTRIES AGREED" as the last
    line with no signature were a clearance block (_OFFICE_AND_NAME took any word in
    capitals for the office and up to three more for the names), S002 above them at
    11:59; so was "CLEARED BY: MINISTRY OFFICIALS" (the bare-BY form took "BY:" for
    an office). A clearer's line names an office (with its "/" or ":", or an office
    word), BY none, and its names: these are the text's last line, S002 at its end."""
    _assert_the_last_line_of_text(tmp_path, line)


@pytest.mark.parametrize(
    "block",
    ["CLEARED BY POL/ECON:JSMITH\n", "Drafted by: JSMITH\n", "CLEARED BY DCM AJONES\nAPPROVED BY AMB MICHALAK\n"],
)
def test_a_by_form_with_an_office_or_name_under_a_signature_is_the_trailer(block: str) -> None:
    cable = parse_text(HEAD + "MARTIN\n" + block)
    assert cable.signature is not None and cable.signature.name == "MARTIN"
    assert tuple(t.text for t in cable.trailer) == tuple(block.splitlines())


@pytest.mark.parametrize(
    "tail",
    [
        "MARTIN\nDrafted: POL/ECON JSMITH\nThe minister did not say more.\n",  # text under the block
        "MARTIN\nCleared the budget, he said.\n",  # no clearance line: no colon, no BY
    ],
    ids=["text-after", "prose"],
)
def test_a_line_that_only_starts_like_a_clearance_block_is_no_tail(tmp_path: Path, tail: str) -> None:
    path = _cable(tmp_path, tail)
    assert parse_json(path)["signature"] is None


@pytest.mark.parametrize("last", ["DRAFTED BY THE JUDICIARY COMMITTEE", "Drafted: the parties agreed on the wording"])
def test_a_last_line_of_prose_starting_with_drafted_is_text(tmp_path: Path, last: str) -> None:
    """The second reviewer's repro on a real corpus cable: its last paragraph ending
    "¶5. (U) THE NEW CONSTITUTION WAS" / "DRAFTED BY THE JUDICIARY COMMITTEE" with no
    signature lost its last line to a clearance block (any first line starting
    "Drafted" was one), and S002 stood at 51:33 instead of 52:35. A drafter's line
    (above, "Drafted by: JSMITH", "DRAFTED BY POL/ECON") is still a block."""
    source = Path(__file__).parent.parent / "corpus/valid/cablegate-confidential-13526-santiago.cable"
    lines = source.read_text(encoding="utf-8").splitlines()
    assert lines[-2:] == ["experts for a visit in January or February.", "BRIGHTMAN"]
    text = "\n".join(lines[:-2] + ["\u00b65. (U) THE NEW CONSTITUTION WAS", last]) + "\n"
    path = tmp_path / "t.cable"
    path.write_text(text, encoding="utf-8")
    end = len(lines)
    assert [(d["line"], d["column"]) for d in _s002(path)] == [(end, len(last) + 1)]
    cable = parse_text(text)
    assert cable.clearance is None and cable.paragraphs[-1].span.end_line == end


@pytest.mark.parametrize("marker", ["NNNN", "BT"])
@pytest.mark.parametrize("signature", ["", "MARTIN\n"], ids=["unsigned", "signed"])
def test_an_end_of_message_marker_inside_a_clearance_block_keeps_it_one_block(tmp_path: Path, signature: str, marker: str) -> None:
    """"Drafted: ..." / NNNN / "Approved: ...", with blank lines around the marker or
    none: the marker ended the block, so the Drafted line above it was the text's last
    line; signed, the signature "MARTIN" above it was then no signature (S002 at the
    end of the Drafted line, 13:25, "above the clearance block"), unsigned S002 stood
    there too instead of at 11:59. The trailer takes markers among its lines: a marker
    between two clearance lines is stepped over as a blank line is, and the block runs
    from Drafted to Approved, the marker inside it."""
    for between in ("\n" + marker + "\n", "\n\n" + marker + "\n\n"):
        tail = signature + "\nDrafted: POL/ECON JSMITH" + between + "Approved: AMB MICHALAK\n"
        cable = parse_text(HEAD + tail)
        first = 13 + len(signature.splitlines())  # the Drafted line
        last = first + len(between.splitlines())  # the Approved line
        assert cable.clearance is not None and (cable.clearance.line, cable.clearance.end_line) == (first, last)
        assert [t.text for t in cable.trailer] == ["Drafted: POL/ECON JSMITH", marker, "Approved: AMB MICHALAK"]
        assert cable.paragraphs[-1].span.end_line == 11
        path = _cable(tmp_path, tail)
        if signature:
            assert cable.signature is not None and cable.signature.name == "MARTIN"
            assert parse_json(path)["errors"] == [] and _s002(path) == []
        else:
            assert cable.signature is None
            assert [(d["line"], d["column"], d["message"]) for d in _s002(path)] == [(11, 59, _ABOVE_BLOCK)]


_ABOVE_BLOCK = "the text ends without a signature: expected the signer's surname in capitals on the line after the last paragraph, above the clearance block"
_NO_SIGNATURE = "the text ends without a signature: expected the signer's surname in capitals on the line after the last paragraph"


@pytest.mark.parametrize(
    "line",
    [
        "DRAFTED BY: DS/DSS/CC:JBACIGALUPO -- 06/19/2009  571-345-3132",  # 09STATE63860's header
        "Drafted: POL/ECON JSMITH x2345",
        "Drafted: POL/ECON JSMITH ext. 2345, 06/19/2009",
        "DRAFTED BY POL:JSmith",
        "DRAFTED BY: POL:JSmith",
        "Drafted: AMB MICHALAK",
        "Drafted by: J. Smith",
        # read before 566d286, then as text: a first name and a surname, an office
        # word ending OFF, an ISO date, a month in full
        "Drafted by: Jane Smith",
        "DRAFTED BY: JANE SMITH",
        "Drafted: POLOFF JSMITH",
        "Drafted: POL-ECON JSMITH",
        "Drafted: POLOFF:JSMITH 2009-06-19",
        "Drafted: JSMITH 19 June 2009",
    ],
)
def test_a_drafters_line_with_a_date_phone_or_any_by_form_is_a_block(tmp_path: Path, line: str) -> None:
    """A lone drafter's line under the text with no signature: one with a date, a phone
    number or an extension after the office and name (the archive's own form), or
    "DRAFTED BY POL:JSmith" without the colon that "DRAFTED BY: POL:JSmith" has, was
    read as text, and S002 stood at the end of the Drafted line without "above the
    clearance block". Now it is the block, and S002 is at the end of the text above."""
    _assert_a_lone_block(tmp_path, line)
    _assert_the_trailer(tmp_path, line)


@pytest.mark.parametrize("line", ["Drafted: The Minister", "DRAFTED: THE NEW LAW", "Drafted by: the Minister", "DRAFTED BY THE NEW LAW"])
def test_a_drafted_line_with_no_office_or_name_is_text(tmp_path: Path, line: str) -> None:
    """"Drafted: The Minister" and "DRAFTED: THE NEW LAW" as the last line with no
    signature were taken for a clearance block (any one to three words after the
    colon, or any words in capitals, were a drafter), and S002 stood above them at
    11:59. A drafter's line names an office or a name: these are the text's last line."""
    _assert_the_last_line_of_text(tmp_path, line)


@pytest.mark.parametrize(
    "line",
    [
        "DRAFTED BY PARLIAMENT TODAY",  # any two words in capitals were a first name and a surname
        "Drafted: SIGNOFF JSmith",  # any word ending OFF was an officer
        "DRAFTED BY SIGNOFF JSMITH",
        "DRAFTED BY JANE SMITH",  # a first name and a surname alone: after a colon only
    ],
)
def test_prose_in_a_drafters_shape_that_names_no_drafter_is_text(tmp_path: Path, line: str) -> None:
    """"DRAFTED BY PARLIAMENT TODAY" as the last line with no signature was a drafter's
    line (any two words in capitals not starting "The" were a first name and a
    surname), and so was "Drafted: SIGNOFF JSmith" (any word ending OFF was an
    officer): S002 stood above them at 11:59, "above the clearance block". A first
    name and a surname alone are a drafter only after a colon, and an officer is an
    office's letters and OFF: these lines are the text's last line. (A name in
    capitals alone is one after a bare BY too, "DRAFTED BY JSMITH", though
    "DRAFTED BY PARLIAMENT" has its shape: see the next test.)"""
    _assert_the_last_line_of_text(tmp_path, line)


@pytest.mark.parametrize(
    "line",
    [
        "Drafted: MGMTOFF JSmith",
        "DRAFTED BY RSOOFF JSMITH",
        "Drafted: PAOFF JSmith",
        "Drafted: POL Jane Smith",  # an office before a first name and a surname
        "DRAFTED BY POLOFF JANE SMITH",
        "Drafted by: Jane O'Brien",
        "Drafted: Ann McDonald",
        "DRAFTED BY: J.R. SMITH",  # initials and a surname
        "DRAFTED BY J. SMITH",
        "DRAFTED BY JSMITH",  # a name in capitals alone after a bare BY (a review's point: 521782b lost it)
        "Drafted by: J. R. Smith",
    ],
)
def test_a_drafter_named_by_an_officer_or_initials_or_full_name_is_a_block(tmp_path: Path, line: str) -> None:
    """The drafter's forms kept when prose was shut out: officers (MGMTOFF, RSOOFF,
    PAOFF), an office before a first name and a surname ("POL Jane Smith" was text),
    surnames such as O'Brien and McDonald (text), several initials ("J.R. SMITH",
    text). Each alone under the text is the block, S002 above it."""
    _assert_a_lone_block(tmp_path, line)


@pytest.mark.parametrize(
    "line",
    ["Drafted: Pol/Econ JSmith", "Cleared: Pol/Econ:JSmith", "Drafted by: Econ/Pol:JSmith", "Drafted: Pol JSmith", "Cleared: Pol-Econ JSmith", "Drafted: Poloff JSmith"],
)
def test_a_capitalised_office_is_an_office(tmp_path: Path, line: str) -> None:
    """"Drafted: Pol/Econ JSmith" and "Cleared: Pol/Econ:JSmith", read as a clearance
    block before 566d286, were then the text's last line (an office was in capitals
    only), and S002 stood at their end without "above the clearance block". An office
    may be capitalised, with its "/" or ":" or as an office word: each alone under
    the text is the block, S002 above it; under a signature, the trailer."""
    _assert_a_lone_block(tmp_path, line)
    _assert_the_trailer(tmp_path, line)


@pytest.mark.parametrize("line", ["Approved: AMB Michalak", "Cleared: DCM Jones", "Drafted: Pol/Econ Smith", "Cleared: Pol/Econ:Smith, McDonald"])
def test_a_surname_alone_after_an_office_is_a_name(tmp_path: Path, line: str) -> None:
    """"Approved: AMB Michalak" alone under unsigned text: a surname capitalised after
    an office (read so before ffaa98a5 through _OFFICE_AND_NAME's any words, and before
    566d286 for Drafted) was no name, and the line was the text's last, S002 at its
    end. After an office a capitalised surname names the officer: each line is the
    block, S002 above it."""
    _assert_a_lone_block(tmp_path, line)


@pytest.mark.parametrize(
    "line",
    [
        "Approved: AMB",  # an office alone after a colon, as "DRAFTED BY POL/ECON"
        "APPROVED BY: AMB",
        "Cleared: EUR/WE",
        "Approved: AMBASSADOR MICHALAK",
        "Approved: CHARGE Smith",
        "Cleared: POL MR. SMITH",  # a title before the surname
        "APPROVED BY S/S:MR. SMITH",
        "Drafted: Ms. Jones",
    ],
)
def test_an_office_alone_or_a_titled_name_is_a_block(tmp_path: Path, line: str) -> None:
    """Forms the stricter office and name (e94905eb, ffaa98a5) had turned to text, S002
    at the line's end: an office alone after the colon ("Approved: AMB", as a
    drafter's "DRAFTED BY POL/ECON" is), AMBASSADOR and CHARGE for offices, a title
    before a surname ("MR. SMITH"; read before through any words in capitals). Each
    alone under the text is the block, S002 above it."""
    _assert_a_lone_block(tmp_path, line)


def test_a_drafters_line_with_many_dates_is_read_at_once(tmp_path: Path) -> None:
    """A drafter's line with forty dates: the blanks before each date could be taken
    two ways, so a line that was no drafter's in the end (" x" with no number) took
    2**40 tries and the check never finished (16 dates: 0.3 s). Now one way: the real
    CLI answers in a subprocess, the line that ends in " x" is text, the other a block."""
    dates = "Drafted: POL/ECON JSMITH" + " 06/19/2009" * 40
    for last, want in ((dates + " x", (13, len(dates) + 3, _NO_SIGNATURE)), (dates, (11, 59, _ABOVE_BLOCK))):
        path = _cable(tmp_path, "\n" + last + "\n")
        done = subprocess.run(
            [sys.executable, "-m", "cablelint", "check", "--no-cache", "--select", "S002", "--format", "json", str(path)],
            capture_output=True, text=True, timeout=60, check=False,
        )
        assert [(d["line"], d["column"], d["message"]) for d in json.loads(done.stdout)] == [want], done.stderr


@pytest.mark.parametrize("segment", ["1JAN1111", "1JAN1111 ", "571-345-3132", "x2345", "2009-06-19 ", "19 June 2009 "])
def test_a_drafters_line_of_10000_characters_is_read_at_once(tmp_path: Path, segment: str) -> None:
    """A drafter's line of dates that share their digits ("1JAN1111" twice over: the
    first year could end after two, three or four of the digits, the next day take the
    rest) that fails at its end ("!"): each date split two ways, 25 of them took 25.8 s
    and each more doubled it. Now each date ends where its digits end and a separator
    stands between two: the real CLI reads 10,000 characters of each shape at once, and
    the line, no drafter's, is the text's last line (S002 at its end)."""
    last = "DRAFTED: JSMITH " + segment * (10_000 // len(segment)) + "!"
    path = _cable(tmp_path, "\n" + last + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "cablelint", "check", "--no-cache", "--select", "S002", "--format", "json", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert [(d["line"], d["column"], d["message"]) for d in json.loads(done.stdout)] == [(13, len(last) + 1, _NO_SIGNATURE)], done.stderr
