"""The archive's redaction read once, into the model (cable-format.md 4.8): each run of
five or more X's, upper or lower case (``Cable.redactions``), whether any text is
withheld, and where (``withheld``, ``withheld_in_text``, ``text_redactions``), and
which paragraphs hold one (``Paragraph.redacted``)."""

from __future__ import annotations

import json

import pytest

from cablelint.grammar.parser import parse_text
from tests.conftest import check_json, run_cli
from tests.rules.cases import corpus_text, markdown_page, mutate

BKO = corpus_text("telegram-unclas-bamako.cable")  # UNCLAS telegram, header to line 10, paragraphs 1-4
# a redaction alone between blank lines in the routing header, under the DTG line (line 7)
IN_HEADER = mutate(BKO, "R 271005Z MAY 09\n", "R 271005Z MAY 09\n\nXXXXXXXXXXXX\n\n")


def _runs(text: str) -> list[tuple[str, int, int, int]]:
    return [(r.text, r.span.line, r.span.column, r.span.end_column) for r in parse_text(text).redactions]


def test_a_cable_without_redaction_has_none() -> None:
    cable = parse_text(BKO)
    assert cable.redactions == () and cable.text_redactions == ()
    assert not cable.withheld and not cable.withheld_in_text
    assert not any(p.redacted for p in cable.paragraphs)


def test_each_run_of_five_x_or_more_in_either_case_is_a_redaction_in_source_order() -> None:
    text = mutate(BKO, "inspect wells and pumps", "inspect xxxxx wells and XXXXXXXXXXXX pumps")
    text = mutate(text, "31 are now in service", "31 are nowXXXXX in XXXX service xxxx XxXxX")  # a run in a word; four X's and mixed case are none
    assert _runs(text) == [("xxxxx", 26, 29, 34), ("XXXXXXXXXXXX", 26, 45, 57), ("XXXXX", 28, 20, 25)]


def test_the_spans_are_the_raw_text_s_on_an_archive_page() -> None:
    """On a Markdown page the run's span counts the paragraph sign's link before it."""
    text = markdown_page(mutate(BKO, "1. (U) The Ambassador", "1. (U) The xxxxx"))
    cable = parse_text(text)
    assert cable.dialect == "markdown"
    (run,) = cable.redactions
    assert text[run.span.start : run.span.end] == "xxxxx"
    assert (run.span.line, run.span.column) == (25, len("[\u00b6](#par1)1. (U) The ") + 1)
    assert [p.number for p in cable.paragraphs if p.redacted] == [1]


def test_withheld_in_the_text_and_the_paragraphs_that_hold_a_redaction() -> None:
    cable = parse_text(mutate(BKO, "wells and pumps", "wells and xxxxx"))
    assert cable.withheld and cable.withheld_in_text
    assert [r.text for r in cable.text_redactions] == ["xxxxx"]
    assert [p.number for p in cable.paragraphs if p.redacted] == [1]


def test_a_redaction_in_the_header_is_withheld_but_not_in_the_text() -> None:
    cable = parse_text(IN_HEADER)
    assert cable.header_end_line > 7
    assert [(r.text, r.span.line) for r in cable.redactions] == [("XXXXXXXXXXXX", 7)]
    assert cable.withheld and not cable.withheld_in_text
    assert cable.text_redactions == ()
    assert not any(p.redacted for p in cable.paragraphs)
    both = parse_text(mutate(IN_HEADER, "wells and pumps", "wells and XXXXX"))
    assert [(r.text, r.span.line) for r in both.text_redactions] == [("XXXXX", 29)]


def test_redacted_between_asks_for_a_run_starting_in_a_stretch_of_offsets() -> None:
    text = mutate(BKO, "wells and pumps", "wells and xxxxx")
    cable = parse_text(text)
    at = text.index("xxxxx")
    assert cable.redacted_between(at, at + 1) and cable.redacted_between(0, len(text))
    assert not cable.redacted_between(0, at) and not cable.redacted_between(at + 1, len(text))


def test_the_parse_json_is_unchanged_by_a_redaction() -> None:
    """The redactions are the model's only (interfaces.md's parse JSON has no field
    for them): a redacted cable gives the keys and values it gave before."""
    text = mutate(BKO, "wells and pumps", "wells and xxxxx")
    plain, redacted = (json.loads(run_cli("parse", "-", input=t).stdout) for t in (BKO, text))
    assert redacted == plain


# paragraph 3 of BKO (lines 40-46), whole, with the blank line after it
PARA_3 = BKO[BKO.index("3. (U) The prefect") : BKO.index("4. (U) Post")]
# the forms of a paragraph the archive withheld whole (cable-format.md 4.8): the
# redaction alone, or after the paragraph's number (with the archive's sign or not),
# between blank lines
WITHHELD = ["XXXXXXXXXXXX", "3. XXXXXXXXXXXX", "\u00b63. xxxxx"]


def _found(text: str, code: str) -> list[tuple[str, int, str]]:
    return [(d["code"], d["line"], d["message"]) for d in check_json("--select", code, "-", input=text)]


@pytest.mark.parametrize("form", WITHHELD)
def test_a_paragraph_withheld_whole_leaves_no_gap_in_the_numbers(form: str) -> None:
    """P001: paragraph 3 withheld, 2 then 4 is no gap (the bare form is no paragraph of
    the model: the numbers would skip 3 without it)."""
    text = mutate(BKO, PARA_3, form + "\n\n")
    assert _found(text, "P001") == []
    assert _found(mutate(BKO, PARA_3, ""), "P001") == [("P001", 40, "paragraph 4 follows paragraph 2: expected 3 (paragraph 3 is missing)")]


def test_a_redaction_on_its_own_line_in_prose_withheld_a_name_not_a_paragraph() -> None:
    text = mutate(BKO, PARA_3, "The prefect told\nXXXXXXXXXXXX\nthat he agreed.\n\n")
    assert _found(text, "P001") == [("P001", 44, "paragraph 4 follows paragraph 2: expected 3 (paragraph 3 is missing)")]


ONE = BKO[: BKO.index("1. (U)")] + "1. (U) Post concurs.\n\n{}GREAVES\n"


@pytest.mark.parametrize("form", WITHHELD)
def test_a_lone_numbered_paragraph_beside_a_withheld_one_is_not_reported(form: str) -> None:
    """P005: the cable's other paragraphs were withheld, not never written (the
    numbered form is a second paragraph of the model besides)."""
    assert _found(ONE.format(form + "\n\n"), "P005") == []
    assert _found(ONE.format(""), "P005") == [("P005", 25, "the cable's only paragraph is numbered 1: expected a single paragraph to have no number")]


# "End Comment." opening paragraph 4 with no "Comment:" in the text left
END_COMMENT = ("4. (U) Post will report", "4. (U) End Comment. Post will report")


@pytest.mark.parametrize("form", WITHHELD)
def test_an_end_marker_after_a_withheld_paragraph_is_not_reported(form: str) -> None:
    """P007: the opening may have been in the paragraph withheld."""
    text = mutate(mutate(BKO, PARA_3, form + "\n\n"), *END_COMMENT)
    assert _found(text, "P007") == []


@pytest.mark.parametrize("form", ["3. XXXXXXXXXXXX", "\u00b63. xxxxx"])
def test_a_numbered_paragraph_withheld_whole_needs_no_blank_lines(form: str) -> None:
    """P007: a cable that leaves no blank line between its paragraphs (25 of the real
    text cables, 10ABUJA215 among them): the withheld paragraph after its number is a
    paragraph all the same, and the opening may have been in it."""
    text = mutate(mutate(BKO, PARA_3, form + "\n\n"), *END_COMMENT)
    start, end = text.index("1. (U) The Ambassador"), text.index("4. (U) End Comment")
    packed = text[:start] + text[start:end].replace("\n\n", "\n") + text[end:]
    assert "\n\n" not in packed[start : packed.index("4. (U) End Comment")]
    assert _found(packed, "P007") == []


@pytest.mark.parametrize("run", ["XXXXXXXXXXXX", "xxxxx"])
def test_an_end_marker_after_a_name_withheld_in_prose_is_reported(run: str) -> None:
    """P007: a run alone on the last line of a paragraph, under its prose, withheld a
    name (the archive's redaction stands for names, 4.8): no opening went with it."""
    text = mutate(mutate(BKO, PARA_3, "3. (U) The prefect told\n" + run + "\n\n"), *END_COMMENT)
    assert _found(text, "P007") == [("P007", 43, "'End Comment' has no opening: expected 'Comment:' before it")]


def test_a_list_numbered_inside_a_paragraph_withheld_is_no_withheld_paragraph() -> None:
    """C009: items '1. XXXXXXXXXXXX' / '2. XXXXXXXXXXXX' of a list inside paragraph 3
    (no blank line around them, the reader keeping them in the paragraph) withheld
    names, not paragraphs: the cable's SECRET level still wants a SECRET portion."""
    text = corpus_text("cablegate-secret-noforn-2005-bogota.cable")
    for marked in ("\u00b61. (S/NF)", "\u00b62. (S)", "\u00b63. (S/NF)"):
        text = mutate(text, marked, marked[:4] + "(C)")
    text = mutate(text, "night vision equipment and spare engines.", "night vision equipment for these officers:\n1. XXXXXXXXXXXX\n2. XXXXXXXXXXXX\nand spare engines.")
    assert [(code, line) for code, line, _ in _found(text, "C009")] == [("C009", 13)]
