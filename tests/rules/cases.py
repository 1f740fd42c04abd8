"""Data-driven rule cases: a cable text, the rules selected, the exact findings expected.

Each ``tests/rules/test_<family>.py`` lists its cases in ``CASES``; the module runs them
through the real CLI (``check --format json`` on standard input) and
``test_completeness.py`` requires at least one failing and one passing case per rule.

Texts are usually a valid corpus cable with one change (``mutate``), so that a case
shows the rule firing on exactly the defect and nothing else in the cable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import CORPUS, run_cli


@dataclass(frozen=True)
class Case:
    code: str  # the rule under test
    id: str  # readable test id
    text: str  # the whole cable
    expect: tuple[tuple[int, int], ...] = ()  # (line, column) of each finding of `code`; () = passes
    args: tuple[str, ...] = ()  # extra CLI args (--dialect draft, --config ...)
    severity: str | None = None  # expected severity of every finding, when asserted
    only: bool = True  # no other code at warning/error may fire (the text is otherwise clean)
    filename: str = "case.cable"
    data: bytes | None = None  # the file's bytes, when they are not the UTF-8 of `text`

    @property
    def passing(self) -> bool:
        return not self.expect


def corpus_text(name: str) -> str:
    return (CORPUS / "valid" / name).read_text(encoding="utf-8")


def mutate(text: str, old: str, new: str, count: int = 1) -> str:
    """Replace *old* with *new* exactly *count* times; fail loudly if it is not there."""
    assert text.count(old) >= count, f"{old!r} not found {count} time(s)"
    return text.replace(old, new, count)


def redaction_in_header(text: str, run: str = "XXXXXXXXXXXX") -> str:
    """*text*, a telegram, with the archive's redaction *run* alone between blank lines
    under its routing header's fifth line (the DTG line): line 7, in the header (above
    ``header_end_line``; S004 reports the line, so a case with it is ``only=False``),
    and every line below it three lines down."""
    lines = text.split("\n")
    return "\n".join(lines[:5] + ["", run, ""] + lines[5:])


def markdown_page(text: str) -> str:
    """*text* as the archive's Markdown page renders it: a space after each line, the
    paragraph sign's link before each numbered paragraph."""
    out = []
    for line in text.splitlines():
        number = line.split(".", 1)[0]
        sign = f"[¶](#par{number})" if number.isdigit() and line[len(number) : len(number) + 3] == ". (" else ""
        out.append(f"{sign}{line} " if line else line)
    return "\n".join(out) + "\n"


def run_case(case: Case) -> list[dict[str, Any]]:
    result = run_cli("check", "--format", "json", "--select", "ALL", "--stdin-filename", case.filename, *case.args, "-", input=case.data if case.data is not None else case.text.encode("utf-8"))
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def check_case(case: Case) -> None:
    diags = run_case(case)
    got = [(d["line"], d["column"]) for d in diags if d["code"] == case.code]
    assert got == list(case.expect), f"{case.code} findings: {[(d['line'], d['column'], d['message']) for d in diags if d['code'] == case.code]}"
    if case.severity:
        assert all(d["severity"] == case.severity for d in diags if d["code"] == case.code)
    for d in diags:
        assert d["message"], d
        if d["code"] == case.code:
            assert (d["end_line"], d["end_column"]) >= (d["line"], d["column"]), d
    if case.only:
        others = [(d["code"], d["line"], d["message"]) for d in diags if d["code"] != case.code and d["severity"] in ("error", "warning")]
        assert not others, f"other rules fired: {others}"


def params(cases: list[Case]) -> Any:
    return pytest.mark.parametrize("case", cases, ids=[f"{c.code}-{c.id}" for c in cases])


def fixed(text: str, code: str) -> str:
    """Apply the fixes of every *code* finding to *text*."""
    diags = json.loads(run_cli("check", "--format", "json", "--select", code, "-", input=text.encode("utf-8")).stdout)
    edits = [e for d in diags if d["code"] == code and d["fix"] for e in d["fix"]["edits"]]
    starts = {}
    for line_no, line in enumerate(text.splitlines(keepends=True), 1):
        starts[line_no] = sum(len(x) for x in text.splitlines(keepends=True)[: line_no - 1])
    for e in sorted(edits, key=lambda e: (e["line"], e["column"]), reverse=True):
        a = starts[e["line"]] + e["column"] - 1
        b = starts[e["end_line"]] + e["end_column"] - 1
        text = text[:a] + e["replacement"] + text[b:]
    return text
