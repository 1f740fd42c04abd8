"""E.O. and TAGS lines, SUBJECT marking: one slip, one finding, with a message that
says what is wrong and what is expected (review34: ``DECL: N/A``, a person tag
wrapped across the TAGS line's break, H006's fix around a person tag, H012's
interval, H009's subject marking)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import check_json, run_cli
from tests.rules.cases import Case, check_case, corpus_text, mutate, params

RABAT = corpus_text("telegram-confidential-13526-rabat.cable")  # CONFIDENTIAL, 19 Aug 2010; E.O. 18, TAGS 19, SUBJECT 20
BAMAKO = corpus_text("telegram-unclas-bamako.cable")  # UNCLAS, 27 May 2009; 'E.O. 12958: N/A' on line 18

TAGS = "TAGS: PGOV PHUM KDEM MO"
WRAPPED = "TAGS: PGOV PHUM KDEM MO OVIP (CLINTON,\n      HILLARY) PREL"

CASES = [
    # "DECL: N/A": H002's alone, on either level (was H002 and H004 on an UNCLAS cable)
    Case("H002", "decl-na-on-unclas", mutate(BAMAKO, "E.O. 12958: N/A", "E.O. 12958: DECL: N/A"), ((18, 13),)),
    Case("H004", "decl-na-on-unclas-is-h002s", mutate(BAMAKO, "E.O. 12958: N/A", "E.O. 12958: DECL: N/A"), only=False),
    Case("H002", "decl-na-on-confidential", mutate(RABAT, "DECL: 2020/08/19", "DECL: N/A"), ((18, 13),)),
    Case("H004", "decl-na-on-confidential-is-h002s", mutate(RABAT, "DECL: 2020/08/19", "DECL: N/A"), only=False),
    # a person tag wrapped at the TAGS line's end: read across the break, no finding
    Case("H006", "person-tag-wrapped", mutate(RABAT, TAGS, WRAPPED)),
    Case("S004", "person-tag-wrapped", mutate(RABAT, TAGS, WRAPPED)),
    Case("H006", "person-tag-wrapped-in-a-comma-list", mutate(RABAT, TAGS, "TAGS PGOV, PHUM, KDEM, MO, OVIP (CLINTON,\n      HILLARY), PREL")),
    Case("H006", "person-tag-wrapped-inside-the-given-names", mutate(RABAT, TAGS, "TAGS: PGOV PHUM KDEM MO OVIP (STEINBERG, JAMES\n      B.) PREL")),
    # the name never closed: the tag is malformed (H006), the line under it a tag H007 names
    Case("H006", "person-tag-wrapped-never-closed", mutate(RABAT, TAGS, "TAGS: PGOV PHUM KDEM MO OVIP (CLINTON,\n      HILLARY"), ((19, 30),), only=False),
    Case("H012", "25-years-and-6-days", mutate(RABAT, "DECL: 2020/08/19", "DECL: 2035/08/25"), ((18, 19),)),
    Case("H009", "marking-not-in-capitals", mutate(RABAT, "SUBJECT: MOROCCO", "SUBJECT: (c) MOROCCO"), ((20, 10),)),
]


@params(CASES)
def test_case(case: Case) -> None:
    check_case(case)


def findings(text: str) -> list[tuple[str, int, int, int, int, str]]:
    return [(d["code"], d["line"], d["column"], d["end_line"], d["end_column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text)]


def fixed_clean(tmp_path: Path, text: str) -> str:
    """*text* as `check --select ALL --fix` writes it, the run leaving nothing to report."""
    path = tmp_path / "case.cable"
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", "--select", "ALL", "--fix", str(path))
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def parsed(text: str) -> dict:
    return json.loads(run_cli("parse", "-", input=text.encode("utf-8")).stdout)


def test_decl_na_on_an_unclassified_cable_is_one_finding_that_asks_for_na() -> None:
    text = mutate(BAMAKO, "E.O. 12958: N/A", "E.O. 12958: DECL: N/A")
    assert findings(text) == [("H002", 18, 13, 18, 22, "'DECL: N/A' on an UNCLASSIFIED cable: expected 'E.O. 12958: N/A', without 'DECL:'")]
    # read as the N/A it means (the parse had na false)
    assert parsed(text)["eo"] == {"order": "12958", "na": True, "declassify_on": None, "line": 18}


def test_decl_na_on_a_classified_cable_is_one_finding_that_asks_for_a_date() -> None:
    text = mutate(RABAT, "DECL: 2020/08/19", "DECL: N/A")
    assert findings(text) == [("H002", 18, 13, 18, 22, "'DECL: N/A' gives no declassification date on a CONFIDENTIAL cable: expected 'DECL: <date or exemption>'")]


def test_na_alone_on_a_classified_cable_is_still_h004s() -> None:
    text = mutate(RABAT, "E.O. 13526: DECL: 2020/08/19", "E.O. 13526: N/A")
    assert findings(text) == [("H004", 18, 13, 18, 16, "E.O. line says N/A on a CONFIDENTIAL cable: expected 'DECL: <date or exemption>'")]


def test_a_wrapped_person_tag_is_read_across_the_line_break() -> None:
    text = mutate(RABAT, TAGS, WRAPPED)
    assert findings(text) == []
    assert parsed(text)["tags"] == ["PGOV", "PHUM", "KDEM", "MO", "OVIP", "(CLINTON, HILLARY)", "PREL"]
    # wrapped before the comma: one tag still, no blank before its comma
    before_comma = mutate(RABAT, TAGS, "TAGS: PGOV PHUM KDEM MO OVIP (CLINTON\n      , HILLARY) PREL")
    assert findings(before_comma) == []
    assert parsed(before_comma)["tags"][-2:] == ["(CLINTON, HILLARY)", "PREL"]


def test_a_wrapped_person_tag_spans_both_lines() -> None:
    from cablelint.grammar.parser import parse_text

    cable = parse_text(mutate(RABAT, TAGS, WRAPPED))
    assert cable.tags is not None
    person = [t for t in cable.tags.tags if t.person]
    assert [(t.text, t.span.line, t.span.column, t.span.end_line, t.span.end_column) for t in person] == [("(CLINTON, HILLARY)", 19, 30, 20, 15)]


def test_a_malformed_wrapped_person_tag_is_named_over_both_lines() -> None:
    text = mutate(RABAT, TAGS, "TAGS: PGOV PHUM KDEM MO OVIP (CLINTON,\n      , HILLARY) PREL")
    assert findings(text) == [("H006", 19, 30, 20, 17, "person tag '(CLINTON,, HILLARY)' is malformed: expected (SURNAME, GIVEN NAMES)")]


def test_h006_fix_keeps_the_person_tag_after_its_ovip(tmp_path: Path) -> None:
    """The fix of mixed separators writes no comma between OVIP and its person tag:
    the fixed line parses with the person tag whole and is lint-clean."""
    text = mutate(RABAT, TAGS, "TAGS: PREL PGOV, OVIP (CLINTON, HILLARY), MO, KDEM")
    assert findings(text) == [("H006", 19, 7, 19, 51, "TAGS line mixes commas and spaces: expected one separator style, commas as between most of its tags")]
    fixed = fixed_clean(tmp_path, text)
    assert fixed.splitlines()[18] == "TAGS: PREL, PGOV, OVIP (CLINTON, HILLARY), MO, KDEM"
    assert parsed(fixed)["tags"] == ["PREL", "PGOV", "OVIP", "(CLINTON, HILLARY)", "MO", "KDEM"]
    assert findings(fixed) == []


def test_mixed_separators_are_found_across_a_wrapped_person_tag() -> None:
    """The lines that a wrapped person tag joins are one run for the separator
    style, as the line unwrapped: a space after the tag and a comma later on (pt19)
    is H006, as on one line (review35 pt18/pt19)."""
    text = mutate(RABAT, TAGS, "TAGS: PGOV PHUM KDEM MO OVIP (CLINTON,\nHILLARY) PREL, ECON")
    assert findings(text) == [("H006", 19, 7, 20, 20, "TAGS line mixes commas and spaces: expected one separator style, spaces as between most of its tags")]


def test_h006_fix_across_a_wrapped_person_tag_keeps_the_break(tmp_path: Path) -> None:
    """A comma list with a space before OVIP and after its wrapped person tag (pt12):
    both separators are fixed to commas, as on one line (pt13), and the line break
    inside the person tag stays where it was."""
    text = mutate(RABAT, TAGS, "TAGS: PGOV, PHUM, KDEM, MO OVIP (CLINTON,\nHILLARY) PREL")
    assert findings(text) == [("H006", 19, 7, 20, 14, "TAGS line mixes commas and spaces: expected one separator style, commas as between most of its tags")]
    fixed = fixed_clean(tmp_path, text)
    assert fixed.splitlines()[18:20] == ["TAGS: PGOV, PHUM, KDEM, MO, OVIP (CLINTON,", "HILLARY), PREL"]
    assert parsed(fixed)["tags"] == ["PGOV", "PHUM", "KDEM", "MO", "OVIP", "(CLINTON, HILLARY)", "PREL"]
    assert findings(fixed) == []


def test_a_space_after_a_wrapped_person_tag_alone_is_no_finding() -> None:
    """Spaces throughout, the person tag wrapped: one separator style, no finding."""
    assert findings(mutate(RABAT, TAGS, "TAGS: PGOV PHUM KDEM MO OVIP (CLINTON,\nHILLARY) PREL ECON")) == []


@pytest.mark.parametrize(
    ("decl", "interval"),
    [
        ("2035/08/25", "25 years and 6 days"),
        ("2035/10/20", "25 years, 2 months and 1 day"),
        ("2035/09/19", "25 years and 1 month"),
        ("2050/08/19", "40 years"),
    ],
)
def test_h012_gives_the_interval_exactly(decl: str, interval: str) -> None:
    text = mutate(RABAT, "DECL: 2020/08/19", f"DECL: {decl}")
    (found,) = findings(text)
    assert found[:5] == ("H012", 18, 19, 18, 29)
    assert f" is {interval} after the cable's date, 19 Aug 2010: expected at most 25 years" in found[5]


@pytest.mark.parametrize(
    ("marking", "end", "message"),
    [
        ("(c)", 13, "subject portion marking '(c)' is not in capitals: expected '(C)'"),
        ("(CONFIDENTIAL)", 24, "subject portion marking '(CONFIDENTIAL)' spells the level out: expected '(C)'"),
        ("(C-SBU)", 17, "subject portion marking '(C-SBU)' has an unknown control 'SBU' after its level C: expected a control such as NF, NOFORN, FOUO, FGI or REL <countries>"),
        ("(X)", 13, "subject portion marking '(X)' has an unknown level: expected (U), (SBU), (C), (S) or (TS), optionally with controls such as /NF or //REL NATO"),
    ],
)
def test_h009_names_the_marking_with_its_parentheses(marking: str, end: int, message: str) -> None:
    text = mutate(RABAT, "SUBJECT: MOROCCO", f"SUBJECT: {marking} MOROCCO")
    found = [f for f in findings(text) if f[0] == "H009"]
    assert found == [("H009", 20, 10, 20, end, message)]
