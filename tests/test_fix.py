"""--fix and --diff: exact results, safety, atomic writes, stdin, exit status."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablelint.files import LoadedFile
from cablelint.linter.engine import Linter
from cablelint.linter.fixer import apply_edits, fix_file, unified_diff
from cablelint.linter.selection import Layer
from tests.conftest import CORPUS, SEED, read_only_folder, run_cli

BASE = (CORPUS / "valid" / "telegram-confidential-13526-rabat.cable").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "a.cable", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def assert_fixed_once(path: Path, expected: str, *options: str) -> None:
    """`check --fix` (with *options*) applies one fix, leaves *path* as *expected*
    and nothing at warning or error (exit 0)."""
    result = run_cli("check", "--fix", *options, str(path))
    assert path.read_bytes() == expected.encode("utf-8")
    assert result.stderr == "Applied 1 fix; 0 findings at warning or error remain.\n" and result.exit_code == 0


@pytest.mark.parametrize(
    "code, line, before, after",
    [
        ("F004", "TAGS: PGOV PHUM KDEM MO", "TAGS: [PGOV](#) PHUM KDEM MO", "TAGS: PGOV PHUM KDEM MO"),
        ("F004", "KINSEY", "KIN<br>SEY", "KIN SEY"),  # a line break between two letters is a word boundary
        ("F004", "KINSEY", "KINSEY &amp; CO", "KINSEY & CO"),
        ("F006", "KINSEY", "KINSEY \t", "KINSEY"),
    ],
)
def test_fix_per_rule_is_exact_to_the_byte(tmp_path: Path, code: str, line: str, before: str, after: str) -> None:
    assert f"\n{line}\n" in BASE
    path = write(tmp_path, BASE.replace(f"\n{line}\n", f"\n{before}\n"))
    result = run_cli("check", "--fix", "--select", code, str(path))
    assert path.read_bytes() == BASE.replace(f"\n{line}\n", f"\n{after}\n").encode("utf-8")
    assert result.exit_code == 0


STATE = (CORPUS / "valid" / "telegram-confidential-state-clinton-demarche.cable").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "code, line, before, after",
    [
        ("H006", "TAGS: PREL EFIN ETRD SP PO EUN", "TAGS: PREL, EFIN ETRD, SP PO EUN", "TAGS: PREL EFIN ETRD SP PO EUN"),
        ("H006", "TAGS: PREL EFIN ETRD SP PO EUN", "TAGS: prel EFIN ETRD SP PO EUN", "TAGS: PREL EFIN ETRD SP PO EUN"),
        ("H006", "TAGS: PREL EFIN ETRD SP PO EUN", "TAGS: PREL,, EFIN, ETRD, SP, PO, EUN", "TAGS: PREL, EFIN, ETRD, SP, PO, EUN"),
        ("P003", "2. (C) Ref A reported that Spain intends to propose an EU trade", "2. (c) Ref A reported that Spain intends to propose an EU trade", "2. (C) Ref A reported that Spain intends to propose an EU trade"),
        ("P003", "2. (C) Ref A reported that Spain intends to propose an EU trade", "2. ( C) Ref A reported that Spain intends to propose an EU trade", "2. (C) Ref A reported that Spain intends to propose an EU trade"),
        ("P004", "2. (C) Ref A reported that Spain intends to propose an EU trade", "2.(C)  Ref A reported that Spain intends to propose an EU trade", "2. (C) Ref A reported that Spain intends to propose an EU trade"),
        ("P004", "2. (C) Ref A reported that Spain intends to propose an EU trade", "2 .(C) Ref A reported that Spain intends to propose an EU trade", "2. (C) Ref A reported that Spain intends to propose an EU trade"),
        ("X009", "REF: A. MADRID 401  B. LISBON 288", "REF: A. A) MADRID 401  B. LISBON 288", "REF: A. MADRID 401  B. LISBON 288"),
    ],
)
def test_model_rule_fixes_are_exact_to_the_byte(tmp_path: Path, code: str, line: str, before: str, after: str) -> None:
    assert f"\n{line}\n" in STATE
    path = write(tmp_path, STATE.replace(f"\n{line}\n", f"\n{before}\n"))
    found = [d["code"] for d in json.loads(run_cli("check", "--format", "json", "--select", code, str(path)).stdout)]
    assert found == [code]
    result = run_cli("check", "--fix", "--select", code, str(path))
    assert path.read_bytes() == STATE.replace(f"\n{line}\n", f"\n{after}\n").encode("utf-8")
    assert result.exit_code == 0 and "Applied 1 fix" in result.stderr


@pytest.mark.parametrize("labels", ["A. A) A)", "A. A. A.", "A. (A) A)", "A. A) A) A) A)"])
def test_a_label_written_three_times_or_more_is_fixed_in_one_run(tmp_path: Path, labels: str) -> None:
    """A block labelled over twice keeps three labels, 'A. A) A)': the finding names
    them all and its fix removes both repeats (removing one left the same finding
    where it was, so the whole file was refused)."""
    path = write(tmp_path, STATE.replace("\nREF: A. MADRID 401", f"\nREF: {labels} MADRID 401"))
    found = [d for d in json.loads(run_cli("check", "--format", "json", "--select", "X009", str(path)).stdout)]
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (21, 6, 7 + len(labels), f"REF entry has {labels.count('A')} labels, '{labels}': expected one label ('A.')")  # (a count in digits, as every message's)
    ]
    assert_fixed_once(path, STATE, "--select", "X009")


@pytest.mark.parametrize("after", [",,", ", ,", ",,,  ", ",\t,"])
def test_commas_typed_after_the_last_tag_are_one_finding_fixed_in_one_run(tmp_path: Path, after: str) -> None:
    """'TAGS: ... EUN,,': the stray commas after the last tag are one finding whose fix
    removes them all (removing the first alone left the same finding where it was,
    and the whole file was refused)."""
    line = "TAGS: PREL EFIN ETRD SP PO EUN"
    path = write(tmp_path, STATE.replace(line, line + after))
    found = json.loads(run_cli("check", "--format", "json", "--select", "H006", str(path)).stdout)
    written = after.rstrip().replace("\t", "<U+0009>")
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (17, 31, 31 + len(after.rstrip()), f"stray '{written}' after the last tag: expected the TAGS list to end with a tag")
    ]
    assert_fixed_once(path, STATE, "--select", "H006")


@pytest.mark.parametrize("typed, column, end", [(",,", 12, 13), (",,,", 12, 14), (",, ,,", 12, 16)])
def test_a_comma_typed_three_times_between_tags_is_one_finding_fixed_in_one_run(tmp_path: Path, typed: str, column: int, end: int) -> None:
    """'PREL,,, EFIN': the commas after the first are one finding, from the second to
    the last, whose fix removes them all (removing the second alone left the same
    finding where it was, and the whole file was refused)."""
    line = "TAGS: PREL EFIN ETRD SP PO EUN"
    path = write(tmp_path, STATE.replace(line, f"TAGS: PREL{typed} EFIN, ETRD, SP, PO, EUN"))
    found = json.loads(run_cli("check", "--format", "json", "--select", "H006", str(path)).stdout)
    what = "a second ','" if typed == ",," else f"{typed.count(',')} commas"
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (17, column, end, f"{what} between tags 'PREL' and 'EFIN': expected one comma")
    ]
    assert_fixed_once(path, STATE.replace(line, "TAGS: PREL, EFIN, ETRD, SP, PO, EUN"), "--select", "H006")


@pytest.mark.parametrize("signs", ["\u00b6\u00b6", "\u00b6 \u00b6", "\u00b6 \u00b6 ", "\u00b6\u00b6\u00b6"])
def test_a_paragraph_sign_pasted_twice_is_one_finding_fixed_in_one_run(tmp_path: Path, signs: str) -> None:
    """'\u00b6\u00b62. (C)' in a telegram: the head is read (paragraph 2 is not lost), and
    the signs are one finding whose fix removes them all (removing the first alone
    left the same finding where it was, and the whole file was refused)."""
    line = "2. (C) Ref A reported that Spain intends to propose an EU trade"
    path = write(tmp_path, STATE.replace(line, signs + line))
    found = json.loads(run_cli("check", "--format", "json", "--select", "ALL", str(path)).stdout)
    shown = signs.rstrip()
    named = ", ".join("U+00B6" if c == "\u00b6" else "U+0020" for c in shown)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        ("F004", 30, 1, 1 + len(shown), f"paragraph sign '{shown}' ({named}) pasted before a paragraph's number in a telegram: expected the number alone (a telegram carries ASCII only)")
    ]
    assert_fixed_once(path, STATE)


@pytest.mark.parametrize(
    "typed, fixed, column, end, message",
    [
        # was fixed to 'PREL,  EFIN': the blank after the first comma and the one after the last both kept
        ("PREL, ,, EFIN", "PREL, EFIN", 13, 15, "3 commas between tags 'PREL' and 'EFIN': expected one comma"),
        ("PREL, ,EFIN", "PREL, EFIN", 13, 14, "a second ',' between tags 'PREL' and 'EFIN': expected one comma"),
        ("PREL,,EFIN", "PREL,EFIN", 12, 13, "a second ',' between tags 'PREL' and 'EFIN': expected one comma"),
        ("PREL,\t, EFIN", "PREL, EFIN", 13, 14, "a second ',' between tags 'PREL' and 'EFIN': expected one comma"),
        # was silent: an empty entry before the first tag
        (", PREL EFIN", "PREL EFIN", 7, 8, "stray ',' before the first tag: expected the TAGS list to start with a tag"),
        (",PREL, EFIN", "PREL, EFIN", 7, 8, "stray ',' before the first tag: expected the TAGS list to start with a tag"),
        (", , PREL EFIN", "PREL EFIN", 7, 10, "stray ', ,' before the first tag: expected the TAGS list to start with a tag"),
    ],
)
def test_an_empty_entry_in_the_tags_is_fixed_to_one_separator(tmp_path: Path, typed: str, fixed: str, column: int, end: int, message: str) -> None:
    """An empty entry between two tags or before the first, commas and blanks in any
    order, is one H006 finding whose fix leaves one comma (and one blank after it when
    one was typed), or none before the first tag."""
    line = "TAGS: PREL EFIN ETRD SP PO EUN"
    rest = ", ETRD, SP, PO, EUN" if "," in fixed else " ETRD SP PO EUN"  # (one separator style)
    path = write(tmp_path, STATE.replace(line, f"TAGS: {typed}{rest}"))
    found = json.loads(run_cli("check", "--format", "json", "--select", "H006", str(path)).stdout)
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [(17, column, end, message)]
    diff = run_cli("check", "--diff", "--select", "H006", str(path))
    assert f"\n-TAGS: {typed}{rest}\n+TAGS: {fixed}{rest}\n" in diff.stdout and diff.exit_code == 1
    assert_fixed_once(path, STATE.replace(line, f"TAGS: {fixed}{rest}"), "--select", "H006")


@pytest.mark.parametrize(
    "typed, fixed, column, end, message",
    [
        # was H007, an unknown tag '"PREL"', with no fix
        ('"PREL", EFIN, ETRD, SP, PO, EUN', "PREL, EFIN, ETRD, SP, PO, EUN", 7, 13, "tag '\"PREL\"' is in quotes: expected PREL without them"),
        ("'PREL' EFIN ETRD SP PO EUN", "PREL EFIN ETRD SP PO EUN", 7, 13, "tag ''PREL'' is in quotes: expected PREL without them"),
        # were found with no fix
        (": PREL EFIN ETRD SP PO EUN", "PREL EFIN ETRD SP PO EUN", 6, 7, "stray ':' in the TAGS list: expected tags separated by spaces or commas"),
        # the separator the fix writes was not named
        ("PREL, EFIN, ETRD SP, PO, EUN", "PREL, EFIN, ETRD, SP, PO, EUN", 7, 35, "TAGS line mixes commas and spaces: expected one separator style, commas as between most of its tags"),
        ("PREL EFIN, ETRD SP PO EUN", "PREL EFIN ETRD SP PO EUN", 7, 32, "TAGS line mixes commas and spaces: expected one separator style, spaces as between most of its tags"),
        ("PREL, EFIN ETRD, SP PO", "PREL EFIN ETRD SP PO", 7, 29, "TAGS line mixes commas and spaces: expected one separator style, spaces (as many of its tags are parted by commas as by spaces, and a tie goes to spaces)"),
    ],
)
def test_a_tags_slip_is_fixed_and_its_message_names_what_the_fix_writes(tmp_path: Path, typed: str, fixed: str, column: int, end: int, message: str) -> None:
    line = "TAGS: PREL EFIN ETRD SP PO EUN"
    path = write(tmp_path, STATE.replace(line, f"TAGS:{'' if typed.startswith(':') else ' '}{typed}"))
    found = json.loads(run_cli("check", "--format", "json", "--select", "H", str(path)).stdout)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"], d["fix"] is not None) for d in found] == [("H006", 17, column, end, message, True)]
    diff = run_cli("check", "--diff", "--select", "H", str(path))
    assert f"\n+TAGS: {fixed}\n" in diff.stdout and diff.exit_code == 1
    assert_fixed_once(path, STATE.replace(line, f"TAGS: {fixed}"), "--select", "H")


@pytest.mark.parametrize(
    "quoted, message",
    [
        ("\u201cPREL\u201d", "tag '\u201cPREL\u201d' is in quotes: expected PREL without them"),
        ("\u2018PREL\u2019", "tag '\u2018PREL\u2019' is in quotes: expected PREL without them"),
        ("\u201cPREL", "stray punctuation in tag '\u201cPREL': expected tags separated by spaces or commas"),
    ],
)
def test_a_tag_in_curly_quotes_is_one_finding(tmp_path: Path, quoted: str, message: str) -> None:
    """'TAGS: \u201cPREL\u201d ...' in a telegram was three findings, two F004 for the
    quotes and H006 for the tag in quotes: one slip, H006's alone, as '"PREL"' is."""
    line = "TAGS: PREL EFIN ETRD SP PO EUN"
    path = write(tmp_path, STATE.replace(line, line.replace("PREL", quoted)))
    found = json.loads(run_cli("check", "--format", "json", "--select", "ALL", "--ignore", "F005", str(path)).stdout)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [("H006", 17, 7, 7 + len(quoted), message)]
    diff = run_cli("check", "--diff", str(path))
    assert f"\n-TAGS: {quoted} EFIN" in diff.stdout and f"\n+{line}\n" in diff.stdout and diff.exit_code == 1
    assert_fixed_once(path, STATE)


@pytest.mark.parametrize("keyword", ["TAGSS:", "Tagss:"])
def test_a_tags_keyword_with_its_s_doubled_is_read_and_fixed(tmp_path: Path, keyword: str) -> None:
    """'TAGSS: PREL ...' was no TAGS line at all (H005, the line fitting no part of the
    cable): it is the TAGS line with its keyword misspelt, fixed to 'TAGS:'."""
    line = "TAGS: PREL EFIN ETRD SP PO EUN"
    path = write(tmp_path, STATE.replace(line, line.replace("TAGS:", keyword)))
    found = json.loads(run_cli("check", "--format", "json", "--select", "ALL", "--ignore", "F005", str(path)).stdout)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [("H006", 17, 1, 7, f"'{keyword}' is misspelt: expected 'TAGS:'")]
    diff = run_cli("check", "--diff", str(path))
    assert f"\n-{keyword} PREL EFIN ETRD SP PO EUN\n+{line}\n" in diff.stdout and diff.exit_code == 1
    assert_fixed_once(path, STATE)


@pytest.mark.parametrize("empty", ["TAGS: ,", "TAGS:"])
def test_an_empty_tags_line_has_no_fix(tmp_path: Path, empty: str) -> None:
    """No fix can write the tags a cable lacks ('TAGS: ,' was offered one writing
    'TAGS:', which left the finding where it was, and the file was refused)."""
    path = write(tmp_path, STATE.replace("TAGS: PREL EFIN ETRD SP PO EUN", empty))
    found = json.loads(run_cli("check", "--format", "json", "--select", "H006", str(path)).stdout)
    assert [(d["line"], d["column"], d["end_column"], d["message"], d["fix"]) for d in found] == [(17, 1, 1 + len(empty), "TAGS line is empty: expected at least one tag", None)]
    result = run_cli("check", "--fix", "--select", "H006", str(path))
    assert result.exit_code == 1 and "not fixed" not in result.stderr


@pytest.mark.parametrize("head", ["2... (C)", "2...(C)"])
def test_a_head_with_three_full_stops_is_its_paragraph_with_its_marker(tmp_path: Path, head: str) -> None:
    """'2... (C) Ref ...' was paragraph 2 with no marker (P002, an error, no fix): the
    three full stops are read before a marker as two are, P004's, fixed to '2. (C) '."""
    line = "2. (C) Ref A reported that Spain intends to propose an EU trade"
    path = write(tmp_path, STATE.replace(line, line.replace("2. (C)", head)))
    found = json.loads(run_cli("check", "--format", "json", "--select", "ALL", "--ignore", "F005", str(path)).stdout)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        ("P004", 30, 1, 1 + len(head), f"paragraph head '{head}' has 3 full stops after the number: expected 1 ('2. (C)')")
    ]
    assert found[0]["fix"]["edits"] == [{"line": 30, "column": 1, "end_line": 30, "end_column": 2 + len(head), "replacement": "2. (C) "}]
    diff = run_cli("check", "--diff", str(path))
    assert f"\n-{head} Ref A reported" in diff.stdout and "\n+2. (C) Ref A reported" in diff.stdout and diff.exit_code == 1
    assert_fixed_once(path, STATE)


@pytest.mark.parametrize("head", ["2\u2026 (C)", "2\u2026(C)"])
def test_a_head_with_an_ellipsis_for_its_stop_is_its_paragraph_fixed_in_one_run(tmp_path: Path, head: str) -> None:
    """'2\u2026 (C) Ref ...' was no paragraph (P001: paragraph 2 missing) and F004's fix
    wrote '2... (C)', which a second run fixed: the ellipsis is read as the stops it
    stands for, one P004 finding (F004 leaves it to the head's), fixed to '2. (C) '."""
    line = "2. (C) Ref A reported that Spain intends to propose an EU trade"
    path = write(tmp_path, STATE.replace(line, line.replace("2. (C)", head)))
    found = json.loads(run_cli("check", "--format", "json", "--select", "ALL", "--ignore", "F005", str(path)).stdout)
    assert [(d["code"], d["severity"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        # a warning, as F004's for the ellipsis was: a telegram carries ASCII only
        ("P004", "warning", 30, 1, 1 + len(head), f"paragraph head '{head}' has an ellipsis (\u2026) for the full stop after the number: expected '2. (C)'")
    ]
    assert found[0]["fix"]["edits"] == [{"line": 30, "column": 1, "end_line": 30, "end_column": 2 + len(head), "replacement": "2. (C) "}]
    diff = run_cli("check", "--diff", str(path))
    assert f"\n-{head} Ref A reported" in diff.stdout and "\n+2. (C) Ref A reported" in diff.stdout and diff.exit_code == 1
    assert_fixed_once(path, STATE)


COPENHAGEN = (CORPUS / "valid" / "draft-confidential-copenhagen.cable").read_text(encoding="utf-8")  # line 24: 2. (C) The agency's


@pytest.mark.parametrize("head", ["2\\\u2026 (C)", "2\\\u2026(C)", "2 \\\u2026 (C)"])
def test_a_head_with_an_escaped_ellipsis_for_its_stop_is_its_paragraph_fixed_in_one_run(tmp_path: Path, head: str) -> None:
    """'2\\\u2026 (C) The agency ...' in a draft (the ellipsis after a backslash, as a
    Markdown page escapes '2\\.'): the head was not read (P001: paragraph 2 missing)
    and F004's fix, writing '2\\... (C)', was refused ("would read as a markdown"); it
    is P004's, as '2\u2026 (C)' is, its fix taking the backslash too."""
    line = "2. (C) The agency's deputy director said the study"
    path = write(tmp_path, COPENHAGEN.replace(line, line.replace("2. (C)", head)))
    found = json.loads(run_cli("check", "--format", "json", "--select", "ALL", "--ignore", "F005", str(path)).stdout)
    assert [(d["code"], d["severity"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        ("P004", "warning", 24, 1, 1 + len(head), f"paragraph head '{head}' has an ellipsis escaped with a backslash (\\\u2026) for the full stop after the number: expected '2. (C)'")
    ]
    assert found[0]["fix"]["edits"] == [{"line": 24, "column": 1, "end_line": 24, "end_column": 2 + len(head), "replacement": "2. (C) "}]
    assert_fixed_once(path, COPENHAGEN)


@pytest.mark.parametrize(
    "name, line, dialect",
    [("draft-confidential-copenhagen", 24, "draft"), ("telegram-confidential-state-clinton-demarche", 30, "telegram"), ("markdown-confidential-riga", 36, "markdown")],
)
@pytest.mark.parametrize("stop", ["\u2026", "\\\u2026", "...", ".."])
def test_a_head_with_an_ellipsis_and_no_marker_is_fixed_to_its_full_stop(tmp_path: Path, name: str, line: int, dialect: str, stop: str) -> None:
    """'2\\\u2026 The ...' (no marker) in a telegram or a draft: F004 reported the
    ellipsis and its fix wrote '2\\... The', which the run refused ("would read as a
    markdown"); '2... The' and '2.. The' got no fix at all. The head's stop is P004's,
    as with a marker ('2\u2026 (C)'), fixed to '2. The' in one run (F004 leaves the
    ellipsis to it); the missing marker stays P002's, which no fix writes."""
    text = (CORPUS / "valid" / f"{name}.cable").read_text(encoding="utf-8")
    assert text.count("\n2. (C) ") == 1
    path = write(tmp_path, text.replace("\n2. (C) ", f"\n2{stop} "))
    found = json.loads(run_cli("check", "--format", "json", "--select", "ALL", "--ignore", "F005", "--dialect", dialect, str(path)).stdout)
    head = f"2{stop}"
    if stop in ("...", ".."):
        said, severity = f"has {len(stop)} full stops after the number: expected 1 ('2.')", "info"
    else:
        what = "an ellipsis (\u2026)" if stop == "\u2026" else "an ellipsis escaped with a backslash (\\\u2026)"
        said, severity = f"has {what} for the full stop after the number: expected '2.'", "info" if dialect == "markdown" else "warning"
    marker = "paragraph 2 has no classification marker: expected one such as (U) or (C) right after '{}' (a CONFIDENTIAL cable marks every paragraph)"
    assert [(d["code"], d["severity"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        ("P004", severity, line, 1, 1 + len(head), f"paragraph head '{head}' {said}"),
        ("P002", "error", line, 2 + len(head), 2 + len(head), marker.format("2\u2026" if stop == "\\\u2026" else head)),
    ]
    assert found[0]["fix"]["edits"] == [{"line": line, "column": 1, "end_line": line, "end_column": 2 + len(head), "replacement": "2. "}]
    result = run_cli("check", "--fix", "--select", "ALL", "--ignore", "F005", "--dialect", dialect, str(path))
    assert path.read_bytes() == text.replace("\n2. (C) ", "\n2. ").encode("utf-8")
    assert result.stderr == "Applied 1 fix; 1 finding at warning or error remains.\n" and result.exit_code == 1
    after = json.loads(run_cli("check", "--format", "json", "--select", "ALL", "--ignore", "F005", "--dialect", dialect, str(path)).stdout)
    assert [(d["code"], d["column"], d["message"]) for d in after] == [("P002", 4, marker.format("2."))]


@pytest.mark.parametrize("dialect", ["draft", "markdown"])
@pytest.mark.parametrize("escaped, read", [("2\\.", "2."), ("2\\\u2026", "2\u2026")])
def test_p002_quotes_an_escaped_head_as_it_is_read(tmp_path: Path, dialect: str, escaped: str, read: str) -> None:
    """P002 read '2\\. The' as '2.' but quoted '2\\\u2026 The' as written, '2\\\u2026':
    both escapes are quoted as the reader reads them (cable-format 5.3: unescape, then
    parse), the finding after the head as written."""
    text = (CORPUS / "valid" / "draft-confidential-copenhagen.cable").read_text(encoding="utf-8")
    path = write(tmp_path, text.replace("\n2. (C) ", f"\n{escaped} "))
    found = json.loads(run_cli("check", "--format", "json", "--select", "P002", "--dialect", dialect, str(path)).stdout)
    assert [(d["line"], d["column"], d["message"]) for d in found] == [
        (24, 2 + len(escaped), f"paragraph 2 has no classification marker: expected one such as (U) or (C) right after '{read}' (a CONFIDENTIAL cable marks every paragraph)")
    ]


@pytest.mark.parametrize("line, signed", [("TAGS: PREL EFIN ETRD SP PO EUN", "TAGS:"), ("INFO RUEHBS/USEU BRUSSELS PRIORITY 8812", "INFO")])
def test_a_paragraph_sign_pasted_before_a_caption_is_named_as_such(tmp_path: Path, line: str, signed: str) -> None:
    """'\u00b6 \u00b6TAGS:' in a telegram: the signs stand before no paragraph's number
    (the message said they did); the message names the word they stand before."""
    assert f"\n{line}\n" in STATE
    path = write(tmp_path, STATE.replace(f"\n{line}\n", f"\n\u00b6 \u00b6{line}\n"))
    found = [d for d in json.loads(run_cli("check", "--format", "json", "--select", "F004", str(path)).stdout)]
    [number] = [n for n, text in enumerate(STATE.splitlines(), 1) if text == line]
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (number, 1, 4, f"paragraph sign '\u00b6 \u00b6' (U+00B6, U+0020, U+00B6) pasted before '{signed}' in a telegram: expected the line to start with '{signed}' (a telegram carries ASCII only)")
    ]
    result = run_cli("check", "--fix", "--select", "F004", str(path))
    assert path.read_bytes() == STATE.encode("utf-8") and result.exit_code == 0


PARIS = (CORPUS / "valid" / "cablegate-confidential-paris.cable").read_text(encoding="utf-8")  # line 28: \u00b61. (C) Summary


@pytest.mark.parametrize("signs", ["\u00b6\u00b6", "\u00b6 \u00b6", "\u00b6 \u00b6 \u00b6 "])
def test_a_paragraph_sign_repeated_in_a_cablegate_rendering_is_fixed_to_one(tmp_path: Path, signs: str) -> None:
    """The archive writes one sign before a paragraph's number ('\u00b61. (C)'): that one
    is its convention, the ones after it are not, and '\u00b6\u00b61.' passed silently."""
    path = write(tmp_path, PARIS.replace("\n\u00b61. (C) Summary", f"\n{signs}1. (C) Summary"))
    found = json.loads(run_cli("check", "--format", "json", "--select", "ALL", "--ignore", "F005", str(path)).stdout)  # (the longer line)
    shown = signs.rstrip()
    named = ", ".join("U+00B6" if c == "\u00b6" else "U+0020" for c in shown[:3]) + (", ..." if len(shown) > 3 else "")
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        ("F004", 28, 1, 1 + len(shown), f"paragraph sign '{shown}' ({named}) pasted more than once before a paragraph's number: expected one '\u00b6' at most, as the archive writes it")
    ]
    diff = run_cli("check", "--diff", str(path))
    assert f"\n-{signs}1. (C) Summary" in diff.stdout and "\n+\u00b61. (C) Summary" in diff.stdout and diff.exit_code == 1
    assert_fixed_once(path, PARIS)


@pytest.mark.parametrize(
    "line, number, signs, named",
    [
        ("TAGS: PREL PGOV SMIG EUN FR", 19, "\u00b6", "U+00B6"),
        ("TAGS: PREL PGOV SMIG EUN FR", 19, "\u00b6 ", "U+00B6"),
        ("SUBJECT: FRANCE: MFA PREVIEWS EU-AFRICA MIGRATION MEETING", 20, "\u00b6", "U+00B6"),
        ("SUBJECT: FRANCE: MFA PREVIEWS EU-AFRICA MIGRATION MEETING", 20, "\u00b6\u00b6", "U+00B6, U+00B6"),
    ],
)
def test_a_paragraph_sign_before_a_line_the_archive_does_not_sign_is_removed(tmp_path: Path, line: str, number: int, signs: str, named: str) -> None:
    """The archive signs only numbered and lettered heads ('\u00b61.', '\u00b6B.'; no real
    cable has a sign before any other line): '\u00b6TAGS:' in a cablegate rendering was
    silent (the sign dropped as the archive's); it is F004's, its fix removing the signs."""
    path = write(tmp_path, PARIS.replace(f"\n{line}\n", f"\n{signs}{line}\n"))
    found = json.loads(run_cli("check", "--format", "json", "--select", "ALL", "--ignore", "F005", str(path)).stdout)
    word = line.split()[0]
    shown = signs.rstrip()
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        ("F004", number, 1, 1 + len(shown), f"paragraph sign '{shown}' ({named}) pasted before '{word}' in a cablegate rendering: expected the line to start with '{word}' (the archive signs only numbered and lettered heads)")
    ]
    diff = run_cli("check", "--diff", str(path))
    assert f"\n-{signs}{line}\n+{line}\n" in diff.stdout and diff.exit_code == 1
    assert_fixed_once(path, PARIS)


@pytest.mark.parametrize(
    "text, number, dialect, why",
    [
        (STATE, 29, "telegram", "a telegram carries ASCII only"),
        (PARIS, 33, "cablegate rendering", "the archive signs only numbered and lettered heads"),
    ],
)
@pytest.mark.parametrize("signs, named", [("\u00b6", "U+00B6"), ("\u00b6\u00b6", "U+00B6, U+00B6")])
def test_a_paragraph_sign_alone_on_its_line_is_named_as_such(tmp_path: Path, text: str, number: int, dialect: str, why: str, signs: str, named: str) -> None:
    """A sign on an empty line stands before nothing: the message said it was pasted
    before '' and expected the line to start with ''."""
    lines = text.split("\n")
    assert lines[number - 1] == ""
    lines[number - 1] = signs
    path = write(tmp_path, "\n".join(lines))
    found = json.loads(run_cli("check", "--format", "json", "--select", "F004", str(path)).stdout)
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (number, 1, 1 + len(signs), f"paragraph sign '{signs}' ({named}) alone on its line in a {dialect}: expected the line empty ({why})")
    ]
    assert_fixed_once(path, text, "--select", "F004")


@pytest.mark.parametrize("twice, once", [("(C) (C)", "(C)"), ("(C)(C)", "(C)"), ("(C)\t(C)", "(C)")])
def test_a_marker_written_twice_is_fixed_to_one(tmp_path: Path, twice: str, once: str) -> None:
    """'2. (C) (C) Ref ...': P003 says the marker is written twice and expects it once;
    only one marking can be meant, and the fix writes it once."""
    line = "2. (C) Ref A reported that Spain intends to propose an EU trade"
    path = write(tmp_path, STATE.replace(line, line.replace("(C)", twice)))
    found = json.loads(run_cli("check", "--format", "json", "--select", "P003", str(path)).stdout)
    assert [(d["line"], d["column"], d["end_column"], d["message"], d["fix"]) for d in found] == [
        (30, 4, 4 + len(twice), f"marker '{twice[: twice.index(')') + 1]}' is written 2 times: expected it once",
         {"applicability": "safe", "edits": [{"line": 30, "column": 4, "end_line": 30, "end_column": 4 + len(twice), "replacement": once}]})
    ]
    assert_fixed_once(path, STATE)


@pytest.mark.parametrize("thrice", ["(C) (C) (C)", "(C) (C)  (C)", "(C)(C) (C) (C)"])
def test_a_marker_written_three_times_or_more_is_fixed_to_one(tmp_path: Path, thrice: str) -> None:
    """The finding and its fix take every copy on the line, or the fix would leave
    '(C) (C)', the same finding, and the run would refuse every fix of the file (the
    trailing blanks of line 29 here)."""
    line = "2. (C) Ref A reported that Spain intends to propose an EU trade"
    text = STATE.replace(line, line.replace("(C)", thrice))
    path = write(tmp_path, text.replace("\n\n2. (C)", "   \n\n2. (C)", 1))
    result = run_cli("check", "--fix", "--select", "P003,F006", str(path))
    assert path.read_bytes() == STATE.encode("utf-8")
    assert result.stderr == "Applied 2 fixes; 0 findings at warning or error remain.\n" and result.exit_code == 0


@pytest.mark.parametrize(
    "written, message",
    [
        ("(C)(C)(C)", "marker '(C)' is written 3 times: expected it once"),  # was P004 alone: no space after '(C)'
        ("(C) (C) (C)", "marker '(C)' is written 3 times: expected it once"),  # was 'written twice'
        ("(c) (c)", "marker '(c)' is written 2 times, and is not in capitals: expected '(C)' once"),  # was '(c)' alone: fixed to '(C) (c)'
        ("(c)(c)", "marker '(c)' is written 2 times, and is not in capitals: expected '(C)' once"),
    ],
)
def test_a_marker_written_again_without_a_blank_or_in_lower_case_is_one_p003(tmp_path: Path, written: str, message: str) -> None:
    """Every copy of the marker, blanks between them or none, in any case, is one
    P003 finding over them all, fixed to the one marker meant, and nothing else."""
    line = "2. (C) Ref A reported that Spain intends to propose an EU trade"
    path = write(tmp_path, STATE.replace(line, line.replace("(C)", written)))
    found = json.loads(run_cli("check", "--format", "json", "--select", "ALL", "--ignore", "F005", str(path)).stdout)  # (the longer line)
    end = 4 + len(written)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"], d["fix"]) for d in found] == [
        ("P003", 30, 4, end, message, {"applicability": "safe", "edits": [{"line": 30, "column": 4, "end_line": 30, "end_column": end, "replacement": "(C)"}]})
    ]
    diff = run_cli("check", "--diff", str(path))
    assert diff.exit_code == 1
    assert f"-2. {written} Ref A reported\n+2. (C) Ref A reported" in diff.stdout.replace(" that Spain intends to propose an EU trade", "")
    assert_fixed_once(path, STATE)


@pytest.mark.parametrize("head, marker", [("2.(C)(c)", 3), ("2.(C) (C)", 3), ("2 .(C)(C)(C)", 4)])
def test_a_badly_spaced_head_with_its_marker_written_again_expects_the_marker_once(tmp_path: Path, head: str, marker: int) -> None:
    """'2.(C)(c) Ref ...': P004 expected '2. (C)(c)', quoting the repeat P003's fix
    removes; the two findings agree on the head, '2. (C)', and one run fixes both."""
    line = "2. (C) Ref A reported that Spain intends to propose an EU trade"
    path = write(tmp_path, STATE.replace(line, line.replace("2. (C)", head)))
    found = json.loads(run_cli("check", "--format", "json", "--select", "ALL", "--ignore", "F005", str(path)).stdout)
    times = head.count("(")
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        ("P004", 30, 1, 1 + len(head), f"paragraph head '{head}' is not spaced as '2. (C)': expected the number, a full stop, one space, the marker and one space"),
        ("P003", 30, marker, 1 + len(head), f"marker '(C)' is written {times} times: expected it once"),
    ]
    assert found[0]["fix"]["edits"] == [{"line": 30, "column": 1, "end_line": 30, "end_column": 2 + len(head), "replacement": "2. (C) "}]
    result = run_cli("check", "--fix", str(path))
    assert path.read_bytes() == STATE.encode("utf-8") and result.exit_code == 0


@pytest.mark.parametrize("head", ["2 (C)(C)", "2 (C) (C)", "2 (C)(C)(C)"])
def test_a_head_without_its_full_stop_and_its_marker_written_again_is_read_as_a_head(tmp_path: Path, head: str) -> None:
    """'2 (C)(C) Ref ...' (no full stop, the marker typed again with no blank) was not
    read as a head at all: P001 said paragraph 2 was missing, at paragraph 3. It is
    the head '2 (C) (C)' and '2. (C)(C)' are: P004 for the stop, P003 for the repeat,
    and one run fixes both."""
    line = "2. (C) Ref A reported that Spain intends to propose an EU trade"
    path = write(tmp_path, STATE.replace(line, line.replace("2. (C)", head)))
    found = json.loads(run_cli("check", "--format", "json", "--select", "ALL", "--ignore", "F005", str(path)).stdout)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        ("P004", 30, 1, 1 + len(head), f"paragraph head '{head}' has no full stop after the number: expected '2. (C)'"),
        ("P003", 30, 3, 1 + len(head), f"marker '(C)' is written {head.count('(')} times: expected it once"),
    ]
    result = run_cli("check", "--fix", str(path))
    assert path.read_bytes() == STATE.encode("utf-8") and result.exit_code == 0


def test_a_head_escaped_in_markdown_with_its_marker_written_again_expects_the_marker_once(tmp_path: Path) -> None:
    """'2\\.(C)(c)' on a Markdown page: P004 quotes the head as read, '2.(C)(c)', and
    expects the head P003 repairs, '2. (C)'; the escape is F004's."""
    path = write(tmp_path, RIGA.replace("\n2. (C) The reform", "\n2\\.(C)(c) The reform"))
    found = json.loads(run_cli("check", "--format", "json", "--select", "ALL", "--ignore", "F005", str(path)).stdout)
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [
        ("P004", 36, 1, "paragraph head '2.(C)(c)' is not spaced as '2. (C)': expected the number, a full stop, one space, the marker and one space"),
        ("F004", 36, 2, "converter residue '\\.': expected the plain text ('.')"),
        ("P003", 36, 4, "marker '(C)' is written 2 times: expected it once"),
    ]
    result = run_cli("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == RIGA and result.exit_code == 0


@pytest.mark.parametrize("escaped", ["&lt;b and c&gt;", "&amp;lt;b and c&amp;gt;", "&lt;name and title&gt;"])
def test_angle_brackets_decoded_from_entities_keep_the_words_between(tmp_path: Path, escaped: str) -> None:
    """F004 decodes '&lt;' and '&gt;' to the brackets they stand for; what stands
    between them then is the text's own, not an HTML tag ('<b and c>' has no tag's
    attributes), and a second pass must not remove it as residue."""
    line = "2. (C) Ref A reported that Spain intends to propose an EU trade"
    path = write(tmp_path, STATE.replace(line, line.replace("an EU trade", f"an EU {escaped} trade")))
    result = run_cli("check", "--fix", "--select", "F004", str(path))
    assert path.read_text(encoding="utf-8") == STATE.replace(line, line.replace("an EU trade", f"an EU {escaped.replace('amp;', '').replace('&lt;', '<').replace('&gt;', '>')} trade"))
    assert result.stderr == "Applied 2 fixes; 0 findings at warning or error remain.\n" and result.exit_code == 0


@pytest.mark.parametrize("blank, meant", [("(S NF)", "(S/NF)"), ("(C NOFORN)", "(C/NOFORN)"), ("(c n)", "(C/NF)")])
def test_a_marker_with_a_blank_for_its_separator_is_fixed_to_the_marking_meant(tmp_path: Path, blank: str, meant: str) -> None:
    """'(S NF)': one marking can be meant, the words joined by a slash; '(c n)' is
    told the valid marking it reads as, not '(c/n)', which P003 would refuse too."""
    line = "2. (C) Ref A reported that Spain intends to propose an EU trade"
    path = write(tmp_path, STATE.replace(line, line.replace("(C)", blank)))
    [found] = json.loads(run_cli("check", "--format", "json", "--select", "P003", str(path)).stdout)
    assert found["message"] == f"marker '{blank}' has a blank where its separator belongs: expected '{meant}'"
    assert found["fix"]["edits"][0]["replacement"] == meant
    run_cli("check", "--fix", "--select", "P003", str(path))
    assert path.read_text(encoding="utf-8") == STATE.replace(line, line.replace("(C)", meant))


def test_ambiguous_marker_is_not_fixed(tmp_path: Path) -> None:
    line = "2. (C) Ref A reported that Spain intends to propose an EU trade"
    path = write(tmp_path, STATE.replace(line, line.replace("(C)", "(X)")))
    found = json.loads(run_cli("check", "--format", "json", "--select", "P003", str(path)).stdout)
    assert [(d["code"], d["fix"]) for d in found] == [("P003", None)]


def test_f007_fix_normalises_to_the_usual_ending(tmp_path: Path) -> None:
    text = BASE.replace("\n", "\r\n").replace("FM AMEMBASSY RABAT\r\n", "FM AMEMBASSY RABAT\n")
    path = write(tmp_path, text)
    run_cli("check", "--fix", str(path))
    assert path.read_bytes() == BASE.replace("\n", "\r\n").encode("utf-8")


def test_seed_fix_removes_residue_and_keeps_everything_else(tmp_path: Path) -> None:
    path = write(tmp_path, SEED.read_text(encoding="utf-8"), "seed.cable")
    before = json.loads(run_cli("parse", str(path)).stdout)
    run_cli("check", "--fix", str(path))
    after = json.loads(run_cli("parse", str(path)).stdout)
    assert after["tags"] == before["tags"]
    assert [(r["label"], r["cable_id"]) for r in after["references"]] == [(r["label"], r["cable_id"]) for r in before["references"]]
    left = {d["code"] for d in json.loads(run_cli("check", "--format", "json", str(path)).stdout)}
    assert not left & {"F004", "P004"}
    # only residue removed and marker spacing changed: every removed character is
    # residue markup or whitespace, and nothing was added but spaces
    old, new = SEED.read_text(encoding="utf-8"), path.read_text(encoding="utf-8")
    import difflib

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag in ("replace", "insert"):
            assert new[j1:j2].strip() == "", (old[i1:i2], new[j1:j2])
        if tag in ("replace", "delete"):
            assert set(old[i1:i2]) <= set("[](#)1 "), old[i1:i2]


def test_diff_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    text = BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)")
    path = write(tmp_path, text)
    result = run_cli("check", "--diff", str(path))
    assert result.exit_code == 1
    assert "-TAGS: [PGOV](#) PHUM KDEM MO\n+TAGS: PGOV PHUM KDEM MO\n" in result.stdout
    assert path.read_text(encoding="utf-8") == text
    clean = write(tmp_path, BASE, "b.cable")
    assert run_cli("check", "--diff", str(clean)).exit_code == 0


@pytest.mark.parametrize("order", [("--fix", "--diff"), ("--diff", "--fix")])
def test_diff_with_fix_still_writes_nothing(tmp_path: Path, order: tuple[str, str]) -> None:
    text = BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)")
    path = write(tmp_path, text)
    result = run_cli("check", *order, str(path))
    assert "+TAGS: PGOV PHUM KDEM MO\n" in result.stdout and "1 fix would be applied" in result.stderr
    assert path.read_text(encoding="utf-8") == text and result.exit_code == 1


def test_diff_quiet_prints_the_diff_alone(tmp_path: Path) -> None:
    """--quiet left the "would be applied" summary on standard error (--fix drops its own)."""
    path = write(tmp_path, BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)"))
    loud = run_cli("check", "--diff", str(path))
    quiet = run_cli("check", "--diff", "--quiet", str(path))
    assert loud.stderr == "1 fix would be applied to 1 file.\n"
    assert quiet.exit_code == 1 and quiet.stderr == "" and quiet.stdout == loud.stdout


def test_fix_writes_through_a_symbolic_link(tmp_path: Path) -> None:
    target = write(tmp_path, BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)"), "target.cable")
    link = tmp_path / "link.cable"
    link.symlink_to(target.name)
    run_cli("check", "--fix", str(link))
    assert link.is_symlink() and os.readlink(link) == "target.cable"
    assert target.read_text(encoding="utf-8") == BASE


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555], ids=oct)
def test_fix_refuses_a_read_only_file(tmp_path: Path, mode: int) -> None:
    """Whoever runs it: as root (CI in a container, and this test where it runs as
    root) the file's mode bits still say read-only."""
    text = BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)")
    path = write(tmp_path, text)
    path.chmod(mode)
    result = run_cli("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == text and stat.S_IMODE(path.stat().st_mode) == mode
    assert result.stderr.splitlines()[0] == f"cablelint: {path}: cannot write the fixed file: permission denied (the file is read-only); it was left as it was"
    assert result.exit_code == 1


def test_fix_in_a_read_only_folder_says_the_folder_is_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that may be written, in a folder that may not: the fixed text goes to
    a temporary file beside it, which the folder refuses. The run said only
    "Permission denied", which sends the user to the file's mode."""
    text = BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)")
    folder = tmp_path / "drafts"
    folder.mkdir()
    path = write(folder, text)
    with read_only_folder(folder, monkeypatch):
        result = run_cli("check", "--fix", "--no-cache", str(path))
    assert path.read_text(encoding="utf-8") == text
    assert result.stderr.splitlines()[0] == (
        f"cablelint: {path}: cannot write the fixed file: permission denied in the folder {folder}"
        " (the new text is written to a temporary file there, which then replaces the file); it was left as it was"
    )
    assert result.exit_code == 1


@pytest.mark.parametrize("mode", [0o644, 0o464], ids=oct)
def test_fix_writes_a_file_someone_may_write(tmp_path: Path, mode: int) -> None:
    """A write bit for the owner, or, when root fixes it, only for the group: the
    file is written and keeps its mode."""
    if mode == 0o464 and os.geteuid() != 0:
        pytest.skip("only root may write a file whose group alone has the write bit")
    path = write(tmp_path, BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)"))
    path.chmod(mode)
    result = run_cli("check", "--fix", str(path))
    assert result.stderr == "Applied 1 fix; 0 findings at warning or error remain.\n"
    assert path.read_text(encoding="utf-8") == BASE and stat.S_IMODE(path.stat().st_mode) == mode


def test_a_file_named_twice_is_fixed_and_reported_once(tmp_path: Path) -> None:
    path = write(tmp_path, BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)").replace("NEW BUDGET", "NEW\x00BUDGET"))
    dotted = os.path.join(str(tmp_path), ".", "a.cable")
    result = run_cli("check", "--fix", str(path), dotted, str(tmp_path))
    assert "not fixed" not in result.stderr
    assert path.read_text(encoding="utf-8") == BASE.replace("NEW BUDGET", "NEW\x00BUDGET")
    assert result.stdout.count("F002") == 1 and "1 file checked" in result.stdout


@pytest.mark.parametrize(
    "escaped, plain",
    [("&amp;amp;", "&"), ("&amp;amp;amp;amp;amp;", "&"), ("&amp;lt;", "<"), ("&amp;quot;", '"'), ("&amp;#38;", "&")],
)
def test_an_entity_escaped_twice_is_one_finding_fixed_in_one_run(tmp_path: Path, escaped: str, plain: str) -> None:
    """A page escaped twice, 'AT&amp;amp;T' for 'AT&T': the entity is read whole,
    one finding whose fix writes the text (decoding '&amp;' alone left '&amp;T', the
    same finding where it was, and the whole file was refused)."""
    path = write(tmp_path, BASE.replace("\nKINSEY\n", f"\nKINSEY {escaped} CO\n"))
    found = json.loads(run_cli("check", "--format", "json", "--select", "F004", str(path)).stdout)
    expected = 'a double quotation mark (")' if plain == '"' else f"the plain text ('{plain}')"
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (55, 8, 8 + len(escaped), f"converter residue '{escaped}': expected {expected}")
    ]
    assert_fixed_once(path, BASE.replace("\nKINSEY\n", f"\nKINSEY {plain} CO\n"), "--select", "F004")


SMALL = "UNCLAS ACCRA 000455\n\nE.O. 12958: N/A\nTAGS: ECON EFIN GH\nSUBJECT: GHANA: CREDIT BUREAU OPENS\n\nGhana{q}s first credit bureau opened.\nSMITH\n"


def test_fixes_go_on_until_the_file_is_clean_when_its_rendering_changes(tmp_path: Path) -> None:
    """Taking a Markdown file's only residue out makes it a draft, where its curly
    apostrophe is residue too: a second pass fixes that, rather than the whole file
    being refused because F004 still fires (for another finding)."""
    path = write(tmp_path, SMALL.format(q="\u2019").replace("TAGS: ECON", "TAGS: [ECON](#)"))
    result = run_cli("check", "--fix", str(path))
    assert "not fixed" not in result.stderr and "Applied 2 fixes" in result.stderr
    assert path.read_text(encoding="utf-8") == SMALL.format(q="'")
    again = run_cli("check", "--fix", str(path))
    assert "Applied 0 fixes" in again.stderr and path.read_text(encoding="utf-8") == SMALL.format(q="'")


def test_an_entity_fixed_into_a_typographic_character_is_fixed_again(tmp_path: Path) -> None:
    path = write(tmp_path, SMALL.format(q="'").replace("credit bureau", "credit&nbsp;bureau"))
    result = run_cli("check", "--fix", str(path))
    assert "not fixed" not in result.stderr
    assert path.read_text(encoding="utf-8") == SMALL.format(q="'")


def test_fix_with_a_baseline_fixes_and_reports_only_the_new_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    known = SMALL.format(q="'").replace("SMITH\n", "")  # S002, recorded in the baseline
    path = write(tmp_path, known)
    run_cli("check", "--write-baseline", "baseline.json", "a.cable")
    path.write_text(known.replace("TAGS:", "Tags:"), encoding="utf-8")  # a new, fixable H006
    result = run_cli("check", "--baseline", "baseline.json", "--fix", "a.cable")
    assert "not fixed" not in result.stderr and path.read_text(encoding="utf-8") == known
    assert "Applied 1 fix; 0 findings at warning or error remain" in result.stderr and result.exit_code == 0
    # an error the baseline records does not stop the fix either
    errors = known.replace("Ghana's", "1. (U) Ghana's").replace("opened.\n", "opened.\n\n3. (U) More.\n")
    path.write_text(errors, encoding="utf-8")
    run_cli("check", "--write-baseline", "baseline.json", "a.cable")
    path.write_text(errors.replace("TAGS:", "Tags:"), encoding="utf-8")
    result = run_cli("check", "--baseline", "baseline.json", "--fix", "a.cable")
    assert "not fixed" not in result.stderr and path.read_text(encoding="utf-8") == errors and result.exit_code == 0


def test_fix_with_a_baseline_reads_the_baseline_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The baseline is read once a run, not again for each file --fix changes; each
    fixed text is matched against all the baseline records for its file, not what
    the run's findings (matched before the fixes) left of it."""
    from cablelint.linter import baseline

    monkeypatch.chdir(tmp_path)
    known = SMALL.format(q="'").replace("SMITH\n", "")  # S002, recorded in the baseline
    names = ["a.cable", "b.cable", "c.cable"]
    for name in names:
        write(tmp_path, known, name)
    write(tmp_path, known.replace("first credit", "first\x00credit"), "d.cable")  # F002 as well, recorded
    run_cli("check", "--write-baseline", "baseline.json", *names, "d.cable")
    for name in names:
        (tmp_path / name).write_text(known.replace("TAGS:", "Tags:"), encoding="utf-8")  # a new, fixable H006
    (tmp_path / "d.cable").write_text(known.replace("first credit", "first\x00credit").replace("TAGS:", "Tags:").replace("CREDIT", "CREDIT\x00"), encoding="utf-8")  # and a new F002
    reads: list[Path] = []
    read = baseline.read_baseline
    monkeypatch.setattr(baseline, "read_baseline", lambda file: reads.append(file) or read(file))
    result = run_cli("check", "--baseline", "baseline.json", "--fix", "--format", "json", *names, "d.cable")
    assert reads == [Path("baseline.json")], (result.stdout, result.stderr)
    assert [(tmp_path / name).read_text(encoding="utf-8") == known for name in names] == [True, True, True]
    assert [(d["path"], d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)] == [("d.cable", "F002", 5, 23)]
    assert "Applied 4 fixes; 1 finding at warning or error remains" in result.stderr and result.exit_code == 1


@pytest.mark.parametrize(
    "data",
    [
        SMALL.format(q="'").replace("TAGS: ECON EFIN GH\n", "Tags: ECON EFIN GH\r").encode("utf-8"),  # a lone CR
        SMALL.format(q="'").replace("\n", "\r").replace("TAGS:", "Tags:").encode("utf-8"),  # old Mac endings
        SMALL.format(q="'").replace("first credit", "first\u2028credit").replace("TAGS:", "Tags:").encode("utf-8"),
        SMALL.format(q="'").replace("first credit", "first\x0ccredit").replace("TAGS:", "Tags:").encode("utf-8"),
        b"\xef\xbb\xbf" + SMALL.format(q="'").replace("000455\n", "000455  \n").encode("utf-8"),  # BOM, line 1 fixed
        SMALL.format(q="'").replace("TAGS:", "Tags:").rstrip("\n").encode("utf-8"),  # no final line feed
    ],
    ids=["lone-cr", "cr-only", "line-separator", "form-feed", "bom-first-line", "no-final-newline"],
)
def test_the_diff_applied_by_patch_gives_what_fix_writes(tmp_path: Path, data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("patched", "fixed"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.cable").write_bytes(data)
        (tmp_path / name / "b.cable").write_bytes(SMALL.format(q="'").replace("TAGS:", "Tags:").encode("utf-8"))
    monkeypatch.chdir(tmp_path / "patched")
    diff = run_cli("check", "--select", "ALL", "--diff", "a.cable", "b.cable")
    assert diff.exit_code == 1 and diff.stdout.count("+++ b/") == 2
    applied = subprocess.run(["patch", "-p1", "--quiet"], input=diff.stdout_bytes, capture_output=True)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    monkeypatch.chdir(tmp_path / "fixed")
    run_cli("check", "--select", "ALL", "--fix", "a.cable", "b.cable")
    for name in ("a.cable", "b.cable"):
        assert (tmp_path / "patched" / name).read_bytes() == (tmp_path / "fixed" / name).read_bytes() != data


def _patch(diff: bytes, *options: str) -> None:
    """Apply *diff* with the real ``patch``, as a user would."""
    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    applied = subprocess.run(["patch", "--quiet", "--batch", *options], input=diff, capture_output=True)
    assert applied.returncode == 0, applied.stdout + applied.stderr


@pytest.mark.parametrize("how", ["relative", "dotted", "absolute"])
def test_the_diff_names_a_file_in_the_current_folder_relative_to_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    (tmp_path / "cables").mkdir()
    path = write(tmp_path / "cables", SMALL.format(q="'").replace("TAGS:", "Tags:"))
    monkeypatch.chdir(tmp_path)
    shown = {"relative": "cables/a.cable", "dotted": "./cables/../cables/a.cable", "absolute": str(path)}[how]
    diff = run_cli("check", "--diff", shown)
    assert diff.stdout.splitlines()[:3] == ["--- a/cables/a.cable", "+++ b/cables/a.cable", "@@ -1,7 +1,7 @@"]
    _patch(diff.stdout_bytes, "-p1")
    assert path.read_text(encoding="utf-8") == SMALL.format(q="'")


ODD_NAMES = ["copy of a.cable", "with space/b.cable", 'say "hi".cable', "back\\slash.cable", "tab\tname.cable", "dé jà.cable"]


@pytest.mark.parametrize("tool", ["patch", "git"])
def test_the_diff_of_files_with_spaces_quotes_and_tabs_in_their_names_applies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tool: str) -> None:
    # patch ends a bare name at its first space ("copy of a.cable" read as "copy"),
    # so a name with a space ends with a tab, and one with a quote, a backslash or a
    # tab is C-quoted, as git diff writes them
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    bad = SMALL.format(q="'").replace("TAGS:", "Tags:")
    for tree in ("patched", "fixed"):
        for name in ODD_NAMES:
            (tmp_path / tree / name).parent.mkdir(parents=True, exist_ok=True)
            write(tmp_path / tree, bad, name)
    monkeypatch.chdir(tmp_path / "patched")
    diff = run_cli("check", "--diff", *ODD_NAMES)
    assert diff.exit_code == 1 and diff.stdout.count("+++ ") == len(ODD_NAMES)
    assert "--- a/copy of a.cable\t\n+++ b/copy of a.cable\t\n" in diff.stdout
    assert '--- "a/say \\"hi\\".cable"\n' in diff.stdout and '--- "a/tab\\tname.cable"\n' in diff.stdout
    command = ["patch", "-p1", "--quiet", "--batch"] if tool == "patch" else ["git", "apply", "-p1", "-"]
    applied = subprocess.run(command, input=diff.stdout_bytes, capture_output=True)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert sorted(p.name for p in (tmp_path / "patched").rglob("*") if p.is_file()) == sorted(Path(n).name for n in ODD_NAMES)
    monkeypatch.chdir(tmp_path / "fixed")
    run_cli("check", "--fix", *ODD_NAMES)
    for name in ODD_NAMES:
        assert (tmp_path / "patched" / name).read_text(encoding="utf-8") == (tmp_path / "fixed" / name).read_text(encoding="utf-8") == SMALL.format(q="'"), name


@pytest.mark.parametrize("how", ["parent", "absolute"])
def test_the_diff_names_a_file_outside_the_current_folder_from_the_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    path = write(tmp_path, SMALL.format(q="'").replace("TAGS:", "Tags:"))
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    diff = run_cli("check", "--diff", "../a.cable" if how == "parent" else str(path))
    rooted = str(path.resolve() if how == "parent" else path).lstrip("/")
    assert diff.stdout.splitlines()[:2] == [f"--- a/{rooted}", f"+++ b/{rooted}"]
    _patch(diff.stdout_bytes, "-p1", "-d", "/")
    assert path.read_text(encoding="utf-8") == SMALL.format(q="'")


def test_show_source_after_fix_shows_the_fixed_line(tmp_path: Path) -> None:
    path = write(tmp_path, BASE.replace("TAGS: PGOV PHUM KDEM MO", "TAGS: [PGOV](#) PHUM KDEM MO ZZZZ"))
    result = run_cli("check", "--fix", "--show-source", str(path))
    assert "19 | TAGS: PGOV PHUM KDEM MO ZZZZ\n   |                         ^^^^\n" in result.stdout


def test_fix_on_stdin_prints_the_fixed_text(tmp_path: Path) -> None:
    text = BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)")
    result = run_cli("check", "--fix", "-", input=text.encode("utf-8"))
    assert result.stdout == BASE
    assert result.exit_code == 0


@pytest.mark.parametrize("named, shown", [((), "-"), (("--stdin-filename", "x/draft.cable"), "x/draft.cable")])
def test_diff_on_stdin_names_it_as_the_reports_do(named: tuple[str, ...], shown: str) -> None:
    """'--diff -' names standard input '-', as every report does and GNU diff -u
    labels it ('--- a/-'; ruff writes no header at all, which patch cannot apply);
    --stdin-filename names the file the patch is for."""
    text = STATE.replace("TAGS: PREL EFIN", "TAGS: prel EFIN")
    report = run_cli("check", *named, "-", input=text.encode("utf-8"))
    assert report.stdout.startswith(f"{shown}:17:7: H006 ")
    diff = run_cli("check", "--diff", *named, "-", input=text.encode("utf-8"))
    assert diff.stdout.startswith(f"--- a/{shown}\n+++ b/{shown}\n@@ -14,7 +14,7 @@\n") and diff.exit_code == 1


def test_fix_on_stdin_with_nothing_to_fix_prints_the_text_as_it_came() -> None:
    """`cablelint check --fix - < a > b` must never leave b without the cable: the
    report goes to standard error whether or not a fix applies."""
    for data in (BASE.encode("utf-8"), BASE.replace("KINSEY", "KINS\xc9Y").encode("latin-1")):
        result = run_cli("check", "--fix", "-", input=data)
        assert result.stdout_bytes == data
        assert "checked" in result.stderr


def test_fix_on_stdin_with_a_json_report_keeps_standard_error_json() -> None:
    text = BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)").replace("NEW BUDGET", "NEW\x00BUDGET")
    result = run_cli("check", "--fix", "--format", "json", "-", input=text.encode("utf-8"))
    assert result.stdout == BASE.replace("NEW BUDGET", "NEW\x00BUDGET")
    assert [d["code"] for d in json.loads(result.stderr)] == ["F002"]


def test_fix_on_stdin_keeps_the_bom() -> None:
    text = BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)")
    result = run_cli("check", "--fix", "-", input=b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert result.stdout_bytes == b"\xef\xbb\xbf" + BASE.encode("utf-8")


def test_fix_on_stdin_never_writes_the_file_its_name_is_shown_as(tmp_path: Path) -> None:
    on_disk = write(tmp_path, BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)"))
    before = on_disk.read_bytes()
    result = run_cli("check", "--fix", "-", "--stdin-filename", str(on_disk), input=before)
    assert on_disk.read_bytes() == before
    assert result.stdout == BASE


def test_fix_keeps_bom_crlf_and_mode(tmp_path: Path) -> None:
    text = BASE.replace("\n", "\r\n").replace("TAGS: PGOV", "TAGS: [PGOV](#)")
    path = write(tmp_path, text, bom=True)
    path.chmod(0o640)
    run_cli("check", "--fix", str(path))
    assert path.read_bytes() == b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_undecodable_file_is_never_fixed(tmp_path: Path) -> None:
    data = BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)").replace("KINSEY", "KINS\xc9Y").encode("latin-1")
    path = tmp_path / "a.cable"
    path.write_bytes(data)
    result = run_cli("check", "--fix", str(path))
    assert path.read_bytes() == data
    assert "not fixed" in result.stderr and "F001" in result.stderr
    assert result.exit_code == 1


UTF16 = {
    f"utf-16-{order[0]}e": f"the file reads as UTF-16 text ({order}-endian, every other byte a NUL) without a byte-order mark, not UTF-8: expected the file saved as UTF-8"
    for order in ("little", "big")
}


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_file_without_its_mark_is_never_fixed(tmp_path: Path, encoding: str) -> None:
    # its bytes decode as UTF-8, a NUL beside each character: a CR LF of UTF-16 read so
    # is a CR, a NUL and an LF, and F007 made each LF a CR, breaking every line break
    data = BASE.replace("\n", "\r\n").replace("TAGS: PGOV", "TAGS: [PGOV](#)").encode(encoding)
    path = tmp_path / "a.cable"
    path.write_bytes(data)
    result = run_cli("check", "--fix", "--select", "ALL", str(path))
    assert path.read_bytes() == data
    # F001 alone is reported on UTF-16 text (no F007 to offer a fix, nor a note that it was refused)
    assert (result.stdout, result.stderr) == (f"{path}:1:1: F001 [error] {UTF16[encoding]}\nFound 1 error in 1 file checked.\n", "Applied 0 fixes; 1 finding at warning or error remains.\n")
    assert result.exit_code == 1
    diff = run_cli("check", "--diff", "--select", "ALL", str(path))
    assert (diff.exit_code, diff.stdout) == (0, "")
    assert "0 fixes would be applied to 0 files." in diff.stderr


def test_crash_while_writing_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)")
    path = write(tmp_path, text)

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    result = run_cli("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == text
    assert "cannot write the fixed file" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.cable"]  # no temporary file left
    assert result.exit_code == 1
    # the report is the file's as it is: its finding at its place, the count right
    assert "Applied 0 fixes; 1 finding at warning or error remains" in result.stderr
    assert f"{path}:19:7: F004" in result.stdout and result.stdout.count("F004") == 1


def test_summary_counts_fixes_and_what_remains(tmp_path: Path) -> None:
    text = BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)").replace("NEW BUDGET", "NEW\x00BUDGET")
    path = write(tmp_path, text)
    result = run_cli("check", "--fix", str(path))
    assert "Applied 1 fix; 1 finding at warning or error remains" in result.stderr
    assert result.exit_code == 1


def test_summary_counts_one_fix_that_puts_right_two_findings_once(tmp_path: Path) -> None:
    """'2.(c)': P004's fix rewrites the head, marker included, and P003's overlaps it;
    one fix is applied and both findings are gone (README, Fixing; ruff counts so)."""
    line = "2. (C) Ref A reported that Spain intends to propose an EU trade"
    path = write(tmp_path, STATE.replace(line, line.replace("2. (C)", "2.(c)")))
    found = json.loads(run_cli("check", "--format", "json", str(path)).stdout)
    assert [(d["code"], d["line"], d["column"], d["fix"] is not None) for d in found] == [("P004", 30, 1, True), ("P003", 30, 3, True)]
    diff = run_cli("check", "--diff", str(path))
    assert diff.stderr == "1 fix would be applied to 1 file.\n" and diff.exit_code == 1
    result = run_cli("check", "--fix", str(path))
    assert result.stderr == "Applied 1 fix; 0 findings at warning or error remain.\n" and result.exit_code == 0
    assert path.read_bytes() == STATE.encode("utf-8")


def _overlaps(spans: list[tuple[int, int]]) -> list[bool]:
    return [b[0] < a[1] for a, b in zip(spans, spans[1:])]


LINTER = Linter(cli=Layer(select=("F004", "F006", "F007", "P003", "P004", "H006")))
residue = st.sampled_from(["[PGOV](#)", "<br>", "&amp;", "1\\.", "[1](#)", "  ", "\t", ""])
# damage to paragraph heads and the TAGS line that has a safe fix (P004, P003, H006)
HEADS = {n: f"{n}. (C)" for n in (1, 2, 3, 5)}
head_damage = st.sampled_from(["{n}.(C)", "{n}.  (C)", "{n} . (C)", "{n}. (c)", "{n}.(c) "])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 54), residue), max_size=6),
    st.dictionaries(st.sampled_from(sorted(HEADS)), head_damage, max_size=3),
    st.booleans(),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_fixing_is_idempotent_and_stays_inside_the_spans(
    inserts: list[tuple[int, str]], heads: dict[int, str], lower_tag: bool, ending: str, bom: bool
) -> None:
    text = BASE.replace("TAGS: PGOV", "TAGS: pgov") if lower_tag else BASE
    for n, damaged in heads.items():
        text = text.replace(HEADS[n], damaged.format(n=n), 1)
    lines = text.split("\n")
    for index, junk in inserts:
        lines[index] = lines[index] + junk if junk.strip() == "" else junk + lines[index]
    text = ending.join(lines)
    loaded = LoadedFile("x.cable", text, bom=bom)
    diags = LINTER.lint_file(loaded)
    first = fix_file(LINTER, loaded, diags)
    assert first.refused is None
    # outside the spans of the findings' fixes nothing changed: the stretches between
    # them are all still there, in order (overlapping fixes take two passes)
    spans = sorted((e.span.start, e.span.end) for d in diags if d.fix for e in d.fix.edits)
    keep, pos = [], 0
    for start, end in spans:
        if start > pos:
            keep.append(text[pos:start])
        pos = max(pos, end)
    tail = text[pos:]
    at = 0
    for piece in keep:
        found = first.text.find(piece, at)
        assert found >= 0, piece
        at = found + len(piece)
    assert first.text.endswith(tail) and len(first.text) - len(tail) >= at
    if not any(_overlaps(spans)):
        assert first.text == apply_edits(text, [e for d in diags if d.fix for e in d.fix.edits])
    again = fix_file(LINTER, LoadedFile("x.cable", first.text, bom=bom), LINTER.lint_file(LoadedFile("x.cable", first.text, bom=bom)))
    assert again.text == first.text
    assert first.text.count("\r\n") == text.count("\r\n")


def _edit_after_linting(monkeypatch: pytest.MonkeyPatch, path: Path, new_text: str) -> None:
    """Make the run's linting end with *path* rewritten, as an editor saving the
    file while a long --fix run lints the files after it would."""
    import cablelint.cli_check

    lint_paths = cablelint.cli_check.lint_paths

    def then_edit(*args, **kwargs):  # type: ignore[no-untyped-def]
        yield from lint_paths(*args, **kwargs)
        path.write_text(new_text, encoding="utf-8")

    monkeypatch.setattr(cablelint.cli_check, "lint_paths", then_edit)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_changed_after_it_was_linted_is_not_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    """The findings' positions are those of the text linted: applied to the text
    saved since, their edits would cut it in the wrong places (they used to)."""
    path = write(tmp_path, BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)"))
    other = write(tmp_path, BASE, "b.cable")
    saved = "A LINE THE USER TYPED\n" + BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)")
    _edit_after_linting(monkeypatch, path, saved)
    result = run_cli("check", "--fix", "--jobs", jobs, str(path), str(other))
    assert path.read_text(encoding="utf-8") == saved
    assert result.stderr.splitlines()[0] == f"cablelint: {path}: not fixed: the file changed while cablelint was checking it; it was left as it is (run cablelint again)"
    assert f"{path}:19:7: F004" in result.stdout  # reported as linted
    assert result.exit_code == 1


def test_diff_of_a_file_changed_after_it_was_linted_is_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)"))
    _edit_after_linting(monkeypatch, path, "X\n" + BASE)
    result = run_cli("check", "--diff", str(path))
    assert result.stdout == ""
    assert "not fixed: the file changed while cablelint was checking it" in result.stderr


def test_a_file_changed_while_it_is_fixed_is_left_as_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Saved between the fixer reading it and writing the fixed text: the save wins."""
    import cablelint.linter.fixer as fixer

    path = write(tmp_path, BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)"))
    fix_file = fixer.fix_file

    def then_edit(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = fix_file(*args, **kwargs)
        path.write_text("SAVED\n", encoding="utf-8")
        return result

    monkeypatch.setattr(fixer, "fix_file", then_edit)
    result = run_cli("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == "SAVED\n"
    assert f"cablelint: {path}: not fixed: the file changed while cablelint was checking it" in result.stderr


@pytest.mark.parametrize("named", ["a.cable", "./a.cable", "."])
def test_stdin_shown_as_a_file_that_is_linted_too_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, named: str) -> None:
    """Both would be reported under one name, and --fix took standard input's fixes
    for the file's: the report said "All clean" while the file kept its findings."""
    monkeypatch.chdir(tmp_path)
    text = BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)")
    path = write(tmp_path, text)
    result = run_cli("check", "--fix", "-", named, "--stdin-filename", "a.cable", input=text)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --stdin-filename a.cable names a file that is linted too: expected the file or - shown by its name, not both"
    assert path.read_text(encoding="utf-8") == text and result.stdout == ""


def test_a_fix_the_parser_fails_on_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no findings from the re-lint, the fix would have passed as perfect."""
    import cablelint.linter.fixer as fixer

    text = BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)")
    path = write(tmp_path, text)
    parse_text = fixer.parse_text

    def fragile(source: str, dialect: object = None):  # type: ignore[no-untyped-def]
        if source == BASE:
            raise RecursionError("maximum recursion depth exceeded")
        return parse_text(source, dialect)

    monkeypatch.setattr(fixer, "parse_text", fragile)  # the fixer parses the fixed text
    result = run_cli("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == text
    assert result.stderr.splitlines()[0] == f"cablelint: {path}: not fixed: the parser failed on the fixed text; the file was left as it was"
    assert result.exit_code == 2


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_fix_as_root_keeps_the_owner_of_the_file(tmp_path: Path) -> None:
    """The fixed text is renamed over the file: made by root (CI in a container on
    a mounted checkout), it left the user's file owned by root."""
    path = write(tmp_path, BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)"))
    os.chown(path, 4321, 4322)
    result = run_cli("check", "--fix", str(path))
    assert result.exit_code == 0 and path.read_text(encoding="utf-8") == BASE
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4322)


def _real(tmp_path: Path, name: str) -> tuple[Path, bytes]:
    """A writable copy of a real archive cable, and its bytes."""
    from tests.conftest import REAL

    source = REAL / name
    if not source.is_file():
        pytest.skip("../shared/real-cables is not present on this machine")
    data = source.read_bytes()
    path = tmp_path / source.name
    path.write_bytes(data)
    return path, data


def test_fix_leaves_an_archive_page_its_only_paragraph_sign(tmp_path: Path) -> None:
    """09MANAMA642: the archive anchored paragraph 1 only ('¶1. (C)'; '2.(C)' has no
    blank to anchor). Spacing the other heads (P004) would make the page read as a
    telegram, where that sign is residue, and the next pass took it out: --fix holds
    such fixes back, so no report offers them (the text report marked the four
    findings '[*]' and counted '4 with a safe fix' that --fix never applied)."""
    path, data = _real(tmp_path, "text/09MANAMA642.cable")
    found = json.loads(run_cli("check", "--format", "json", str(path)).stdout)
    assert [(d["code"], d["line"], d["column"], d["fix"]) for d in found] == [("P004", n, 1, None) for n in (42, 49, 61, 74)]
    text = run_cli("check", "--no-show-source", "--no-color", str(path)).stdout
    assert text.splitlines()[0] == f"{path}:42:1: P004 [info] paragraph head '2.(C)' is not spaced as '2. (C)': expected the number, a full stop, one space, the marker and one space"
    assert "[*]" not in text and "safe fix" not in text
    sarif = json.loads(run_cli("check", "--format", "sarif", str(path)).stdout)
    assert [("fixes" in r) for r in sarif["runs"][0]["results"]] == [False] * 4
    result = run_cli("check", "--fix", str(path))
    assert path.read_bytes() == data
    assert result.stderr == "Applied 0 fixes; 0 findings at warning or error remain.\n"
    diff = run_cli("check", "--diff", str(path))
    assert diff.stdout == "" and diff.exit_code == 0


@pytest.mark.parametrize("doubled, column", [("A) A.", 6), ("(A) A.", 6), ("A. A)", 6), ("A) A)", 6), ("(A) (A)", 6)])
def test_fix_removes_the_second_of_two_labels_after_a_parenthesis(tmp_path: Path, doubled: str, column: int) -> None:
    """09MOSCOW2688 labels its references 'A)', 'B)': a second label after the first,
    'A) A.', is X009's (it was read as part of the document, '09AMOSCOW2586'), and
    its fix keeps the first label as written."""
    path, data = _real(tmp_path, "text/09MOSCOW2688.cable")
    first = doubled.split(" ")[0]
    original = data.replace(b"REF: A) MOSCOW 2586", f"REF: {first} MOSCOW 2586".encode())
    path.write_bytes(data.replace(b"REF: A) MOSCOW 2586", f"REF: {doubled} MOSCOW 2586".encode()))
    found = [d for d in json.loads(run_cli("check", "--format", "json", str(path)).stdout) if d["code"] == "X009"]
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        (19, column, column + len(doubled) + 1, f"REF entry has 2 labels, '{doubled}': expected one label ('{first}')")
    ]
    run_cli("check", "--fix", str(path))
    assert path.read_bytes() == original


def test_fixes_that_keep_the_rendering_are_applied_beside_those_held(tmp_path: Path) -> None:
    """The same page with five lines ending in CRLF: F007's fixes, in the same pass as
    the held P004 fixes, leave it an archive page and are applied on their own."""
    path, data = _real(tmp_path, "text/09MANAMA642.cable")
    path.write_bytes(data.replace(b"\n", b"\r\n", 5))
    # offered: the five F007 fixes, not the four P004 fixes held back
    found = json.loads(run_cli("check", "--format", "json", "--select", "F007,P004", str(path)).stdout)
    assert [(d["code"], d["line"], d["fix"] is not None) for d in found] == [("F007", n, True) for n in range(1, 6)] + [("P004", n, False) for n in (42, 49, 61, 74)]
    result = run_cli("check", "--fix", str(path))
    assert path.read_bytes() == data
    assert result.stderr.splitlines() == ["Applied 5 fixes; 0 findings at warning or error remain."]


def test_fix_strict_counts_every_finding_left(tmp_path: Path) -> None:
    """Under --strict an info fails the run, yet the summary counted only warnings
    and errors ('0 findings at warning or error remain' before exit status 1)."""
    path = write(tmp_path, BASE.replace("TAGS: PGOV", "TAGS: [PGOV](#)").replace("NEW BUDGET", "NEW\x00BUDGET"))
    config = tmp_path / "cablelint.toml"
    config.write_text('[severity]\nF002 = "info"\n', encoding="utf-8")  # a NUL (not fixable), at info
    result = run_cli("check", "--config", str(config), "--fix", "--strict", str(path))
    assert result.exit_code == 1
    assert result.stderr == "Applied 1 fix; 1 finding, info included, remains.\n"
    assert result.stdout.splitlines()[0] == f"{path}:20:46: F002 [info] control character U+0000: expected printable text, tab or a line break"
    result = run_cli("check", "--config", str(config), "--fix", str(path))
    assert result.exit_code == 0 and result.stderr == "Applied 0 fixes; 0 findings at warning or error remain.\n"


def test_fix_reaches_the_end_in_one_run_when_tags_are_wrapped_in_residue(tmp_path: Path) -> None:
    """A Markdown page whose TAGS mix separators between tags wrapped in links,
    '[PREL](#), [PGOV](#) [EFIN](#)': H006 offers its fix while the residue is there
    (it edits only the separators), and one --fix run writes the plain line."""
    clean = (CORPUS / "valid" / "markdown-confidential-riga.cable").read_bytes()
    assert b"\nTAGS: PREL PGOV EFIN LG\n" in clean
    path = tmp_path / "riga.cable"
    path.write_bytes(clean.replace(b"TAGS: PREL PGOV EFIN LG", b"TAGS: [PREL](#), [PGOV](#) [EFIN](#) [LG](#)"))
    found = [d for d in json.loads(run_cli("check", "--format", "json", str(path)).stdout) if d["code"] == "H006"]
    assert [(d["line"], d["column"], [(e["column"], e["end_column"], e["replacement"]) for e in d["fix"]["edits"]]) for d in found] == [(19, 7, [(16, 18, " ")])]  # (the finding covers the tags as written, links included)
    result = run_cli("check", "--fix", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == clean


# ---- a residue fix never joins two words the residue kept apart ----------------------

RIGA = (CORPUS / "valid" / "markdown-confidential-riga.cable").read_text(encoding="utf-8")
# the lines a drawn line stands in for, with the words before the drawn ones; an anchor
# before paragraph 1 makes the page a Markdown-converted one (its markup is residue, 5.3)
_WORD_LINES = {
    "body": ("fallen out over the merger of municipalities that takes effect", ""),
    "subject": ("SUBJECT: LATVIA: COALITION PARTNERS QUARREL OVER MUNICIPAL", "SUBJECT: "),
    "tags": ("TAGS: PREL PGOV EFIN LG", "TAGS: "),
}
_WORD = st.text(st.sampled_from("ABCDEFGHKLMNOPRSTabcdefgkmnoprst0123456789"), min_size=1, max_size=6)
_TAG = st.sampled_from(["PREL", "PGOV", "PTER", "EFIN", "LG", "KDEM", "ECON", "MARR"])
# a word wrapped in residue that keeps its text; the name says which seams are sound
# Markdown ("**A****B**" is not two bold words, "[A](#)[B](#)" is two links)
_WRAPS = {"plain": "{w}", "block": "<p>{w}</p>", "link": "[{w}](#)", "tag-link": "[{w}](/tag/{w}_0.html)", "bold": "**{w}**", "italic": "_{w}_", "code": "`{w}`"}
# what may stand between two words in place of their blank: a line break (a tag or an
# entity), a no-break space, residue standing for nothing beside a blank
_BETWEEN = [" ", "<br>", "<BR/>", "<br />", "&#x000A;", "&#10;", "&nbsp;", "&#32;", " <br>", "<br> ", " <b>", "</i> ", " &#x000A;", "<br><br>", "<b><br></b>", "<p>", "</div>", "<LI>", "</td><td>", " [¶](#par3)", "&amp;nbsp;"]
# residue inside a word that keeps its one character ("1\\." for "1.")
_ESCAPED = {".": "\\.", "-": "\\-", "#": "\\#", "&": "&amp;", "(": "\\("}


@st.composite
def _residue_line(draw: st.DrawFn, kind: str) -> tuple[list[str], str]:
    """Words, and a line that writes them with residue at their boundaries."""
    words = draw(st.lists(_TAG if kind == "tags" else _WORD, min_size=2, max_size=6))
    if kind != "tags":
        words = [w + draw(st.sampled_from(["", "", *_ESCAPED]), label="mark") for w in words]
    wraps = [draw(st.sampled_from(sorted(_WRAPS)), label="wrap") for _ in words]
    written = []
    for k, (word, wrap) in enumerate(zip(words, wraps)):
        inner = "".join(_ESCAPED.get(c, c) for c in word) if wrap == "plain" else word
        if k:
            between = draw(st.sampled_from(_BETWEEN), label="between")
            if between == "&amp;nbsp;":
                between = " "  # (an escaped entity is text: "&nbsp;", a word of its own)
            # two wrapped words may meet where their markup stays Markdown's
            pair = (wraps[k - 1], wrap)
            if ("block" in pair or "plain" not in pair and (pair[0] != pair[1] or "link" in wrap)) and draw(st.booleans(), label="meet"):
                between = ""
            written.append(between)
        written.append(_WRAPS[wrap].format(w=inner))
    return words, "".join(written)


@settings(deadline=None)
@given(st.sampled_from(sorted(_WORD_LINES)).flatmap(lambda kind: st.tuples(st.just(kind), _residue_line(kind))))
def test_a_residue_fix_never_joins_two_words(drawn: tuple[str, tuple[list[str], str]]) -> None:
    import tempfile

    kind, (words, written) = drawn
    line, lead = _WORD_LINES[kind]
    page = RIGA.replace("\n1. (C) Summary", "\n[¶](#par1)1. (C) Summary")
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), page.replace(f"\n{line}\n", f"\n{lead}{written}\n"))
        result = run_cli("check", "--fix", "--select", "F004", str(path))
        after = path.read_bytes().decode("utf-8").split("\n")
    assert result.exit_code in (0, 1)
    index = RIGA.split("\n").index(line)
    assert after[index][len(lead) :].split() == words, (written, after[index])
    # and nothing else changed
    assert after[:index] + after[index + 1 :] == [x for k, x in enumerate(RIGA.split("\n")) if k != index]


def _fixes(draw: st.DrawFn) -> list[tuple[tuple[int, int], ...]]:
    """Fixes as the engine lets them through: one to three edits each, none
    overlapping another of its fix (an insertion may open a range it starts)."""
    out = []
    for _ in range(draw(st.integers(0, 12))):
        starts = sorted(draw(st.lists(st.integers(0, 30), min_size=1, max_size=3, unique=True)))
        edits = []
        for i, start in enumerate(starts):
            room = (starts[i + 1] if i + 1 < len(starts) else 31) - start
            edits.append((start, start + draw(st.integers(0, min(room, 4)))))
        if draw(st.booleans()) and edits[0][1] > edits[0][0]:
            edits.insert(0, (edits[0][0], edits[0][0]))
        out.append(tuple(edits))
    return out


@settings(max_examples=300, deadline=None)
@given(st.composite(_fixes)())
def test_the_fixes_taken_are_those_that_overlap_no_earlier_one(fixes: list[tuple[tuple[int, int], ...]]) -> None:
    # the fixes taken are found with a range's neighbours only: the same as checking
    # every range taken (which cost the square of the fixes on one long line)
    from cablelint.linter.diagnostic import Diagnostic
    from cablelint.linter.rendering import _overlap
    from cablelint.linter.rendering import take as _take
    from cablelint.linter.rule import Edit, Fix
    from cablelint.span import Span

    found = [Diagnostic("-", Span(1, 1, 1, 1, 0, 0), "F004", "x", "warning", "m", Fix(tuple(Edit(Span(1, 1, 1, 1, a, b), "") for a, b in edits))) for edits in fixes]
    taken: list[tuple[int, int]] = []
    expected = []
    for d in sorted(found, key=lambda d: min(e.span.start for e in d.fix.edits)):  # type: ignore[union-attr]
        ranges = [(e.span.start, e.span.end) for e in d.fix.edits]  # type: ignore[union-attr]
        if not any(_overlap(r, t) for r in ranges for t in taken):
            taken += ranges
            expected.append(d)
    assert [id(d) for d in _take(found)] == [id(d) for d in expected]


@pytest.mark.parametrize("dialect", ["markdown", "telegram"])
def test_p004_fix_takes_a_no_break_space_after_the_head(tmp_path: Path, dialect: str) -> None:
    """'[\u00b6](#par2)2\u2026\u00a0Foreign' (a Markdown page, as 04AMMAN1288 is
    laid out): P004's fix took only spaces and tabs after the head, so it wrote
    '2. \u00a0The' (or, with F004's fix for the no-break space, '2.  The'). It takes
    the no-break space as P002 reads it: '2. The'."""
    text = (CORPUS / "valid" / "markdown-confidential-riga.cable").read_text(encoding="utf-8")
    assert text.count("\n2. (C) ") == 1
    path = write(tmp_path, text.replace("\n2. (C) ", "\n[\u00b6](#par2)2\u2026\u00a0"))
    run_cli("check", "--fix", "--select", "ALL", "--ignore", "F005", "--dialect", dialect, str(path))
    assert path.read_text(encoding="utf-8").splitlines()[35].startswith("2. The reform")


@pytest.mark.parametrize("dialect", ["draft", "markdown"])
@pytest.mark.parametrize("before", ["", "[\u00b6](#par2)"], ids=["bare", "anchored"])
def test_p002_quotes_every_escaped_stop_of_the_head(tmp_path: Path, dialect: str, before: str) -> None:
    """'[\u00b6](#par2)2\\.\\.\\. The': P002 counted only plain full stops past the
    head's two, so it quoted '2..' and stood after the second '\\.' (column 16). Each
    '\\.' is a stop as the reader reads it: '2...', after the third and its blank."""
    text = (CORPUS / "valid" / "draft-confidential-copenhagen.cable").read_text(encoding="utf-8")
    head = before + "2\\.\\.\\."
    path = write(tmp_path, text.replace("\n2. (C) ", f"\n{head} "))
    found = json.loads(run_cli("check", "--format", "json", "--select", "P002", "--dialect", dialect, str(path)).stdout)
    assert [(d["line"], d["column"], d["message"]) for d in found] == [
        (24, 2 + len(head), "paragraph 2 has no classification marker: expected one such as (U) or (C) right after '2...' (a CONFIDENTIAL cable marks every paragraph)")
    ]


@pytest.mark.parametrize("dialect", ["draft", "markdown"])
@pytest.mark.parametrize("before", ["", "[\u00b6](#par2)"], ids=["bare", "anchored"])
def test_p004_takes_a_head_s_escaped_stops(tmp_path: Path, dialect: str, before: str) -> None:
    """'2\\.\\.\\. The' (a Markdown page escapes each full stop): P004 counted only
    plain stops, so the head drew no P004 and its stops were three F004 findings, one
    for each '\\.'. It is P004's, as '2... The' is: one finding over the head as
    written, quoting it as the reader reads it, and one --fix run writes '2. The'."""
    text = (CORPUS / "valid" / "draft-confidential-copenhagen.cable").read_text(encoding="utf-8")
    head = before + "2\\.\\.\\."
    path = write(tmp_path, text.replace("\n2. (C) ", f"\n{head} "))
    args = ("--select", "ALL", "--dialect", dialect, str(path))
    found = json.loads(run_cli("check", "--format", "json", *args).stdout)
    assert [(d["code"], d["column"], d["end_column"], d["message"]) for d in found if d["line"] == 24 and d["code"] != "P002"] == [
        *([("F004", 1, 1 + len(before), "converter residue '[\u00b6](#par2)': expected it removed")] if before else []),
        ("P004", 1 + len(before), 1 + len(head), "paragraph head '2...' has 3 full stops after the number: expected 1 ('2.')"),
    ]
    run_cli("check", "--fix", *args)
    assert path.read_text(encoding="utf-8").splitlines()[23].startswith("2. The agency")
    left = json.loads(run_cli("check", "--format", "json", *args).stdout)
    assert [d["code"] for d in left if d.get("fix")] == []


ESCAPED = "UNCLAS\n\nE.O. 12958: N/A\nTAGS: PGOV\nSUBJECT: TEST\n\n1. (U) The note said &lt;b&gt;urgent&lt;/b&gt; twice.\n\n2. (U) Contact &lt;noyesf@state.gov&gt; or AT&amp;amp;T.\n\nSMITH\n"


def test_an_escaped_tag_is_taken_out_in_one_run_and_an_address_in_brackets_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'&lt;b&gt;' decodes to '<b>', an HTML tag a converter escaped twice (the
    telegraph alphabet has no angle brackets: a cable never wrote one), which the
    next pass takes out, keeping the word: --fix ends where a second --fix would,
    and --diff shows what it writes. An address in brackets is no tag and stays."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, ESCAPED)
    fixed = ESCAPED.replace("&lt;b&gt;urgent&lt;/b&gt;", "urgent").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;amp;", "&")
    assert "said urgent twice" in fixed and "Contact <noyesf@state.gov> or AT&T." in fixed
    diff = run_cli("check", "--diff", "a.cable")
    assert diff.exit_code == 1 and diff.stderr == "8 fixes would be applied to 1 file.\n"
    assert diff.stdout == (
        "--- a/a.cable\n+++ b/a.cable\n@@ -4,8 +4,8 @@\n TAGS: PGOV\n SUBJECT: TEST\n \n"
        "-1. (U) The note said &lt;b&gt;urgent&lt;/b&gt; twice.\n+1. (U) The note said urgent twice.\n \n"
        "-2. (U) Contact &lt;noyesf@state.gov&gt; or AT&amp;amp;T.\n+2. (U) Contact <noyesf@state.gov> or AT&T.\n \n SMITH\n"
    )
    result = run_cli("check", "--fix", "a.cable")
    assert (tmp_path / "a.cable").read_text(encoding="utf-8") == fixed
    assert result.stderr == "Applied 8 fixes; 0 findings at warning or error remain.\n"
    again = run_cli("check", "--fix", "--format", "json", "a.cable")
    assert json.loads(again.stdout) == [] and (tmp_path / "a.cable").read_text(encoding="utf-8") == fixed


# a Markdown page (its one backslash escape makes it one) with no FM line, which the
# telegram rules alone ask for: F004's fix takes the page's last residue out, and the
# file then reads as a telegram whose FM line is missing (A001, a new error)
NO_FM_PAGE = (
    (CORPUS / "valid" / "telegram-unclas-bamako.cable")
    .read_text(encoding="utf-8")
    .replace("FM AMEMBASSY BAMAKO\n", "")
    .replace("small grants water program", "small grants water \\- program")
    .replace("\n2. (U) In each", "\n2.(U) In each")
    .replace("\n3. (U) The prefect", "\n3.(U) The prefect")
)
HELD = (
    "cablelint: a.cable: 1 fix not applied (F004 at 26:20): with it the file would have a new A001 error at line 6 "
    "(no FM line: expected 'FM <originator PLAD>' (e.g. FM AMEMBASSY BAMAKO) after the routing header, which ends on line 5); "
    "the other fixes were applied\n"
)


def test_a_fix_that_brings_a_new_error_is_held_back_and_named_the_others_applied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One fix bringing a new error left the whole file as it was ('fixing would
    introduce a new A001 error'), its other fixes too, and named neither the fix nor
    the line: that fix alone is held back, named with why; --diff shows what --fix
    writes; the report after --fix offers no fix for the finding it held."""
    monkeypatch.chdir(tmp_path)
    assert NO_FM_PAGE.count("\\-") == 1 and "2.(U)" in NO_FM_PAGE and "3.(U)" in NO_FM_PAGE
    path = write(tmp_path, NO_FM_PAGE)
    before = check_json_of(path)
    assert [(d["code"], d["line"], d["column"], d["fix"] is not None) for d in before] == [("F004", 26, 20, True), ("P004", 30, 1, True), ("P004", 39, 1, True)]
    fixed = NO_FM_PAGE.replace("\n2.(U) In each", "\n2. (U) In each").replace("\n3.(U) The prefect", "\n3. (U) The prefect")
    diff = run_cli("check", "--diff", "a.cable")
    assert diff.stderr == HELD + "2 fixes would be applied to 1 file.\n" and diff.exit_code == 1
    assert diff.stdout == "".join(difflib.unified_diff(NO_FM_PAGE.splitlines(True), fixed.splitlines(True), "a/a.cable", "b/a.cable"))
    assert path.read_text(encoding="utf-8") == NO_FM_PAGE
    result = run_cli("check", "--fix", "--format", "json", "a.cable")
    assert path.read_text(encoding="utf-8") == fixed
    assert result.stderr == HELD + "Applied 2 fixes; 1 finding at warning or error remains.\n" and result.exit_code == 1
    left = json.loads(result.stdout)
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["fix"]) for d in left] == [("F004", 26, 20, 22, None)]


def check_json_of(path: Path) -> list[dict[str, object]]:
    result = run_cli("check", "--format", "json", "--no-cache", str(path))
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_fixes_that_bring_an_error_together_are_held_back_the_fewest_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed page with no FM line: its last two links taken out, the page reads as
    a telegram that lacks its FM line (A001). Holding the two TAGS links the search
    meets first from the end keeps it a page (holding '[1](#)' instead would need
    every head's spacing held too); the other 12 fixes are applied, as --diff shows."""
    monkeypatch.chdir(tmp_path)
    page = SEED.read_text(encoding="utf-8")
    assert page.count("FM AMEMBASSY BAMAKO\n") == 1
    page = page.replace("FM AMEMBASSY BAMAKO\n", "")
    path = write(tmp_path, page)
    held = (
        "cablelint: a.cable: 2 fixes not applied (F004 at 22:7, F004 at 22:17): with them the file would have a new A001 error at line 8 "
        "(no FM line: expected 'FM <originator PLAD>' (e.g. FM AMEMBASSY BAMAKO) after the routing header, which ends on line 7); "
        "the other fixes were applied\n"
    )
    diff = run_cli("check", "--diff", "a.cable")
    assert diff.stderr == held + "12 fixes would be applied to 1 file.\n"
    result = run_cli("check", "--fix", "--format", "json", "a.cable")
    fixed = path.read_text(encoding="utf-8")
    assert "TAGS: [PGOV](#) [SOCI](#) KCRM ASEC ML\n" in fixed and "\n1. (SBU) As noted" in fixed and "[1](#)" not in fixed
    assert diff.stdout == unified_diff("a.cable", page, fixed)  # (the page ends with no line feed)
    assert result.stderr.startswith(held + "Applied 12 fixes; ")
    left = [(d["code"], d["line"], d["column"], d["fix"]) for d in json.loads(result.stdout) if d["code"] == "F004"]
    assert left == [("F004", 22, 7, None), ("F004", 22, 17, None)]
