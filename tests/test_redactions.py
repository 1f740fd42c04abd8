"""The archive's redaction read once, into the model (cable-format.md 4.8): each run of
five or more X's, upper or lower case (``Cable.redactions``), whether any text is
withheld, and where (``withheld``, ``withheld_in_text``, ``text_redactions``), and
which paragraphs hold one (``Paragraph.redacted``)."""

from __future__ import annotations

import json

from cablelint.grammar.parser import parse_text
from tests.conftest import run_cli
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
