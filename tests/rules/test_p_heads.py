"""P004: paragraph heads read wrongly or not at all before session 32: a Markdown
link standing for a number with no full stop after it ('[2](#) (C)'), and a number
that goes on with the paragraphs' with a marker in capitals right after it or after
a separator other than a full stop ('2(C)', '2-(C)', '2: (C)'; cable-format.md 4.1).
And the kind of a marker's problem, which P003 reads (a release with no countries)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import pytest

from cablelint.grammar.parser import parse_text
from cablelint.model import RELEASE_ALONE
from tests.conftest import SEED, check_json, run_cli

# the seed's routing header (its first 11 lines), then a CONFIDENTIAL text block
_TOP = "".join(SEED.read_text(encoding="utf-8").splitlines(keepends=True)[:11])
_CAPTIONS = "CONFIDENTIAL BAMAKO 000097\n\nE.O. 12958: DECL: 02/19/2019\nTAGS: PGOV, SOCI\nSUBJECT: MALI: TRAINING RESPONSE\n\n"


def bamako(line: str) -> str:
    """A CONFIDENTIAL cable with paragraph 1 on line 18 and *line* on line 20, a blank
    line above and below it, then the signature."""
    return f"{_TOP}{_CAPTIONS}1. (C) First.\n\n{line}\n\nMILOVANOVIC\n"


def _found(text: str, select: str = "F004,P001,P002,P004,P005") -> list[tuple[Any, ...]]:
    """(code, line, column, end column, message, edits) of each finding of *select*;
    edits: (column, end column, replacement) of each edit of its fix, or None."""
    return [(d["code"], d["line"], d["column"], d["end_column"], d["message"], _edits(d)) for d in check_json("--select", select, "-", input=text)]


def _edits(finding: dict[str, Any]) -> Optional[list[tuple[int, int, str]]]:
    return None if finding["fix"] is None else [(e["column"], e["end_column"], e["replacement"]) for e in finding["fix"]["edits"]]


_LINK = ("F004", 20, 1, 7, "converter residue '[2](#)': expected the plain text ('2')", [(1, 7, "2")])


@pytest.mark.parametrize(
    "head, found",
    [
        # no stop: the head, from the link, said as it reads once the link is plain
        # text, its fix after the link (F004 writes '2'), as with a stop after it
        ("[2](#) (C) A deputy", [_LINK, ("P004", 20, 1, 11, "paragraph head '2 (C)' has no full stop after the number: expected '2. (C)'", [(7, 12, ". (C) ")])]),
        ("[2](#).(C) A deputy", [_LINK, ("P004", 20, 1, 11, "paragraph head '2.(C)' is not spaced as '2. (C)': expected the number, a full stop, one space, the marker and one space", [(7, 12, ". (C) ")])]),
        ("[2](#). (C) A deputy", [_LINK]),
        # the plain head with no stop, for comparison
        ("2 (C) A deputy", [("P004", 20, 1, 6, "paragraph head '2 (C)' has no full stop after the number: expected '2. (C)'", [(1, 7, "2. (C) ")])]),
    ],
    ids=["link-no-stop", "link-unspaced", "link-well-spaced", "no-stop"],
)
def test_a_link_for_a_number_with_no_stop_starts_the_head(head: str, found: list[tuple[Any, ...]]) -> None:
    """'[2](#) (C) A deputy': P004 covers the link and the number (it quoted '2](#)
    (C)' from column 2, with no fix, before)."""
    assert _found(bamako(head)) == found


@pytest.mark.parametrize("head", ["[2](#) (C) A deputy", "[2](#).(C) A deputy", "2 (C) A deputy"])
def test_check_fix_writes_a_head_with_no_stop_after_a_link_in_one_run(tmp_path: Path, head: str) -> None:
    path = tmp_path / "bamako.cable"
    path.write_text(bamako(head), encoding="utf-8")
    run_cli("check", "--fix", "--select", "F004,P004", str(path))
    assert path.read_text(encoding="utf-8") == bamako("2. (C) A deputy")
    assert _found(path.read_text(encoding="utf-8")) == []


def _p004(head: str, quoted: str, fault: str, end: int, edit_end: int) -> tuple[str, list[tuple[Any, ...]]]:
    """*head* on line 20 and the one finding it gets: P004 over the head, *end* its end
    column, its fix rewriting up to *edit_end* (the blank after the marker)."""
    return head, [("P004", 20, 1, end, f"paragraph head '{quoted}' has {fault}: expected '2. (C)'", [(1, edit_end, "2. (C) ")])]


@pytest.mark.parametrize(
    "head, found",
    [
        _p004("2(C) A deputy", "2(C)", "no full stop after the number", 5, 6),
        _p004("2-(C) A deputy", "2-(C)", "a hyphen for the full stop after the number", 6, 7),
        _p004("2 - (C) A deputy", "2 - (C)", "a hyphen for the full stop after the number", 8, 9),
        _p004("2: (C) A deputy", "2: (C)", "a colon for the full stop after the number", 7, 8),
        _p004("2;(C) A deputy", "2;(C)", "a semicolon for the full stop after the number", 6, 7),
        _p004("2)(C) A deputy", "2)(C)", "a parenthesis after the number", 6, 7),
        _p004("2,(C) A deputy", "2,(C)", "a comma for the full stop after the number", 6, 7),
        # the link for the number, F004's, and the head after it, as '[2](#) (C)'
        ("[2](#)(C) A deputy", [_LINK, ("P004", 20, 1, 10, "paragraph head '2(C)' has no full stop after the number: expected '2. (C)'", [(7, 11, ". (C) ")])]),
    ],
    ids=["no-separator", "hyphen", "spaced-hyphen", "colon", "semicolon", "parenthesis", "comma", "link"],
)
def test_a_number_that_goes_on_with_a_marker_after_it_is_the_paragraph(head: str, found: list[tuple[Any, ...]]) -> None:
    """'2(C) A deputy' after paragraph 1: paragraph 2, its head not '2. (C)' (before,
    the line was text and P005 said the cable's only paragraph was numbered 1)."""
    assert _found(bamako(head)) == found


@pytest.mark.parametrize("head", ["2(C) A deputy", "2-(C) A deputy", "2 - (C) A deputy", "2: (C) A deputy", "2)(C) A deputy", "[2](#)(C) A deputy"])
def test_check_fix_writes_the_head_of_a_number_that_goes_on(tmp_path: Path, head: str) -> None:
    path = tmp_path / "bamako.cable"
    path.write_text(bamako(head), encoding="utf-8")
    run_cli("check", "--fix", "--select", "F004,P004", str(path))
    assert path.read_text(encoding="utf-8") == bamako("2. (C) A deputy")


_ONE = [("P005", 18, 1, 3, "the cable's only paragraph is numbered 1: expected a single paragraph to have no number", None)]


@pytest.mark.parametrize(
    "text",
    [
        bamako("3(C) A deputy"),  # a number that does not go on
        bamako("3-(C) A deputy"),
        bamako("212(C) waivers are rare."),
        bamako("2(c) A deputy"),  # a marker not in capitals ("2(c)" is how law cites)
        bamako("2(X) A deputy"),  # no level
        bamako("2 A deputy"),  # no marker
        bamako("2-A deputy"),
        bamako("2(C)A deputy"),  # the text right after the marker
        bamako("2(C) of the act.").replace("First.\n\n", "First, under section\n"),  # wrapped: no blank line above
        # text after the marker that does not start as a paragraph does, after a line
        # that ends no sentence: a citation wrapped after a blank line (as the last
        # head, the numbers would take it for paragraph 2: tests/rules/test_p_sequence_heads.py)
        bamako("2(C) of the energy law.").replace("First.", "First, under section"),
        bamako("2(C)").replace("First.", "First, under section"),  # the marker alone on its line
        bamako("2(C) (2) of the act.").replace("First.", "First, under section"),
    ],
    ids=["skips", "skips-hyphen", "law", "lower-case", "no-level", "no-marker", "hyphen-no-marker", "no-blank-after", "wrapped", "text-lower-case", "marker-alone", "text-not-a-sentence"],
)
def test_a_line_that_is_no_paragraph_head_stays_text(text: str) -> None:
    """The guards: the line is paragraph 1's text, and paragraph 1 the only one."""
    assert _found(text) == _ONE


def test_a_first_paragraph_with_no_stop_is_paragraph_1() -> None:
    """'1(C) First.' with no paragraph above: 1 goes on with none."""
    text = bamako("2. (C) A deputy").replace("1. (C) First.", "1(C) First.")
    assert _found(text) == [("P004", 18, 1, 5, "paragraph head '1(C)' has no full stop after the number: expected '1. (C)'", [(1, 6, "1. (C) ")])]


@pytest.mark.parametrize(
    "line, kinds",
    [
        ("2. (S/NF/REL TO) A deputy", [RELEASE_ALONE]),
        ("2. (c/rel to/nf) A deputy", [RELEASE_ALONE, ""]),  # and 'not in capitals' beside it
        ("2. (C/REL TO) (C/REL TO) A deputy", [RELEASE_ALONE]),  # said with the copy: nothing beside it
        ("(c/rel to/nf) 2. A deputy", [RELEASE_ALONE, ""]),  # marker first
        ("2. (C) A deputy\nA. (c/rel to/nf) Its first point", [RELEASE_ALONE, ""]),  # a sub-paragraph's own marker
        ("2. [C/REL TO] A deputy", [""]),  # the brackets named, not the release
        ("2. (c) A deputy", [""]),
    ],
)
def test_a_marker_s_problem_says_whether_its_release_names_no_countries(line: str, kinds: list[str]) -> None:
    """Problem.kind: RELEASE_ALONE on the problem that names the release (P003 gives it
    no fix and fixes the fault beside it), read where the marker is read."""
    cable = parse_text(bamako(line))
    heads: list[Any] = [*cable.paragraphs, *cable.subparagraphs]
    assert [q.kind for head in heads for q in head.problems if q.field == "marker"] == kinds


@pytest.mark.parametrize(
    "line, found",
    [
        # the release, no fix; the case beside it, fixed
        (
            "(c/rel to/nf) 2. A deputy",
            [
                ("P003", 20, 1, 14, "marker '(c/rel to/nf)' has 'rel to' with no countries after it: expected the countries it may be released to, e.g. '(C/REL TO USA, GBR/NF)'", None),
                ("P003", 20, 1, 14, "marker '(c/rel to/nf)' is not in capitals: expected '(C/REL TO/NF)'", [(1, 14, "(C/REL TO/NF)")]),
            ],
        ),
        (
            "2. (c/rel to) (c/rel to) A deputy",
            [("P003", 20, 4, 25, "marker '(c/rel to)' is written 2 times, and has 'rel to' with no countries after it: expected the countries it may be released to, e.g. '(C/REL TO USA, GBR)'", None)],
        ),
    ],
    ids=["marker-first", "written-twice"],
)
def test_p003_reads_the_release_with_no_countries_from_the_problem_s_kind(line: str, found: list[tuple[Any, ...]]) -> None:
    assert _found(bamako(line), "P003") == found


def test_a_citation_wrapped_after_a_blank_line_leaves_the_next_paragraph_alone() -> None:
    """'section' / blank / '3(C) of the energy law' then paragraph 3: the line is
    paragraph 2's text (it gave P004 on it and P001 'used twice' on the real 3)."""
    text = bamako("2. (C) The agency cited the act at section\n\n3(C) of the energy law, which it wants amended.\n\n3. (C) Third.")
    assert _found(text) == []


@pytest.mark.parametrize("head, end", [('2(C) "We will not" said the deputy.', 5), ("2: (C) \u201cWe will not\u201d said the deputy.", 7)], ids=["quote", "typographic-quote"])
def test_a_head_with_no_stop_before_a_quotation_is_the_paragraph(head: str, end: int) -> None:
    """Text that starts with a quotation mark starts a paragraph as a capital does
    (F004 names a typographic one in a telegram, left out here)."""
    quoted = head[: end - 1]
    fault = "no full stop" if ":" not in quoted else "a colon for the full stop"
    assert _found(bamako(head), "P001,P002,P004,P005") == [("P004", 20, 1, end, f"paragraph head '{quoted}' has {fault} after the number: expected '2. (C)'", [(1, end + 1, "2. (C) ")])]


@pytest.mark.parametrize(
    "head, found",
    [
        ("2. (C).  A deputy", ("P004", 20, 1, 8, "paragraph head '2. (C)' has a full stop ('.') after its marker: expected one space between the marker and the text", [(1, 10, "2. (C) ")])),
        ("2. (C): A deputy", ("P004", 20, 1, 8, "paragraph head '2. (C)' has a colon (':') after its marker: expected one space between the marker and the text", [(1, 9, "2. (C) ")])),
        ("2. (S/NF); A deputy", ("P004", 20, 1, 11, "paragraph head '2. (S/NF)' has a semicolon (';') after its marker: expected one space between the marker and the text", [(1, 12, "2. (S/NF) ")])),
        # dashes may be the author's lead in ('(C) -- A deputy'): named, no fix
        ("2. (C)-- A deputy", ("P004", 20, 1, 9, "paragraph head '2. (C)' has dashes ('--') after its marker: expected one space between the marker and the text", None)),
    ],
    ids=["full-stop", "colon", "semicolon", "dashes"],
)
def test_a_mark_after_the_marker_is_named_and_removed(head: str, found: tuple[Any, ...]) -> None:
    """'2. (C).  A deputy': the stray mark after the marker (before, 'has no space
    before its text: expected one space', and the fix wrote '2. (C) .  A deputy')."""
    assert _found(bamako(head)) == [found]


@pytest.mark.parametrize("head", ["2. (C).  A deputy", "2. (C): A deputy", "2. (S/NF); A deputy"])
def test_check_fix_removes_the_mark_after_the_marker(tmp_path: Path, head: str) -> None:
    path = tmp_path / "bamako.cable"
    path.write_text(bamako(head), encoding="utf-8")
    result = run_cli("check", "--fix", "--select", "P004", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").splitlines()[19] == head[: head.index(")") + 1] + " A deputy"


@pytest.mark.parametrize(
    "head, marker, end",
    [("2. (C)(NF) A deputy", "(C)", 11), ("2. (C) (NF) A deputy", "(C)", 12), ("2. (S) (REL UK) A deputy", "(S)", 16)],
    ids=["no-blank", "a-blank", "release"],
)
def test_a_control_in_a_marker_of_its_own_is_a_split_marker(tmp_path: Path, head: str, marker: str, end: int) -> None:
    """'2. (C)(NF) A deputy': one marker split in two, P003 with a fix to '(C/NF)', as
    '(U) (SBU)' is 'followed by a second marker' (before, no P003, and P004's fix
    wrote '2. (C) (NF)')."""
    control = head[head.index(")") + 1 :].split(")")[0].strip() + ")"
    joined = f"({marker[1:-1].upper()}/{control[1:-1]})"
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "P003,P004", "-", input=bamako(head))]
    assert found == [("P003", 20, 4, end, f"marker '{marker}' is followed by its control in a second marker '{control}': expected '{joined}'")]
    path = tmp_path / "bamako.cable"
    path.write_text(bamako(head), encoding="utf-8")
    run_cli("check", "--fix", "--select", "P003", str(path))
    assert path.read_text(encoding="utf-8").splitlines()[19] == f"2. {joined} A deputy"


@pytest.mark.parametrize(
    "marker, message, fixed",
    [
        ("(C.NF)", "marker '(C.NF)' has a bad separator '.': expected '(C/NF)'", "(C/NF)"),
        ("(C;NF)", "marker '(C;NF)' has a bad separator ';': expected '(C/NF)'", "(C/NF)"),
        ("(C,NF)", "marker '(C,NF)' has a bad separator ',': expected '(C/NF)'", "(C/NF)"),
        ("(C:NF)", "marker '(C:NF)' has a bad separator ':': expected '(C/NF)'", "(C/NF)"),
        ("(S.NOFORN)", "marker '(S.NOFORN)' has a bad separator '.': expected '(S/NOFORN)'", "(S/NOFORN)"),
        ("(C.)", "marker '(C.)' has a stray '.' after its level: expected '(C)'", "(C)"),
        ("(C\x00)", "marker '(C\\x00)' has a control character (U+0000) after its level: expected '(C)'", "(C)"),
        ("{C}", "marker '{C}' is in braces: expected '(C)'", "(C)"),
    ],
    ids=["full-stop", "semicolon", "comma", "colon", "noforn", "stray-stop", "nul", "braces"],
)
def test_another_mark_for_a_marker_s_separator_is_a_bad_separator(tmp_path: Path, marker: str, message: str, fixed: str) -> None:
    """'2. (C.NF) A deputy': P003 names the separator and its fix writes '(C/NF)', as
    for '(C\\NF)' and '(C NF)' (before, '(C.NF)', '(C;NF)', '(C.)', '{C}' and '(C' NUL
    ')' were P002 'no classification marker', '(C,NF)' and '(C:NF)' 'an unknown
    level', with no fix)."""
    text = bamako(f"2. {marker} A deputy")
    found = [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "P002,P003,P004", "-", input=text)]
    assert found == [("P003", 20, 4, 4 + len(marker), message)]
    path = tmp_path / "bamako.cable"
    path.write_text(text, encoding="utf-8")
    run_cli("check", "--fix", "--select", "P003", str(path))
    assert path.read_text(encoding="utf-8").splitlines()[19] == f"2. {fixed} A deputy"


@pytest.mark.parametrize("line", ["2. (C.5 million) A deputy", "2. (C.A. Smith) said", "2. {see below} A deputy"])
def test_a_parenthesis_that_is_no_marker_stays_text(line: str) -> None:
    """Text in parentheses after the number that no separator slip makes a marking:
    P002's missing marker, as before."""
    found = [(d["code"], d["line"], d["column"]) for d in check_json("--select", "P002,P003", "-", input=bamako(line))]
    assert found == [("P002", 20, 4)]
