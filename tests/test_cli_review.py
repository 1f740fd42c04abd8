"""Faults a review found in the command line, each driven through it: a path that
cannot be read passing when the selection left out F000; a selection that leaves no
rule passing every cable; UTF-16 text linted as if it were UTF-8; and the messages
and answers of a few usage slips."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, run_cli

GOOD = CORPUS / "valid" / "cablegate-confidential-2001-warsaw.cable"  # clean, with pilcrows
MISSING = "cannot read the file (no such file): expected a readable cable file"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a clean cable (good.cable) and a folder holding one
    (typo/a.cable), as the current folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.cable").write_bytes(GOOD.read_bytes())
    (tmp_path / "typo").mkdir()
    (tmp_path / "typo" / "a.cable").write_bytes(GOOD.read_bytes())
    return tmp_path


# -- 1. a path that cannot be read is reported whatever the selection leaves out


@pytest.mark.parametrize("selection", [["--select", "H006"], ["--select", "H"], ["--extend-select", "X", "--select", "R003"]])
def test_a_missing_path_is_f000_when_the_selection_leaves_f000_out(project: Path, selection: list[str]) -> None:
    result = run_cli("check", *selection, "missing.cable", "typo/")
    assert (result.exit_code, result.stdout) == (1, f"missing.cable:1:1: F000 [error] {MISSING}\nFound 1 error in 2 files checked.\n")


def test_a_missing_path_is_f000_when_the_configuration_selects_without_it(project: Path) -> None:
    (project / "cablelint.toml").write_text('select = ["H006"]\n', encoding="utf-8")
    found = json.loads(run_cli("check", "--format", "json", "missing.cable", "good.cable").stdout)
    assert [(d["path"], d["line"], d["column"], d["code"], d["message"]) for d in found] == [("missing.cable", 1, 1, "F000", MISSING)]


def test_a_file_or_folder_refused_is_f000_whatever_the_selection(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "locked.cable").write_bytes(GOOD.read_bytes())
    (project / "shut").mkdir()
    real_open, scandir = open, os.scandir

    def refused_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(path).name == "locked.cable":  # (root opens any file: as a user would be refused)
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    def refused_scan(path: Any = ".") -> Any:
        if Path(path).name == "shut":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr("cablelint.files.open", refused_open, raising=False)
    monkeypatch.setattr(os, "scandir", refused_scan)
    monkeypatch.setattr(os, "listdir", lambda path=".": refused_scan(path) and [])
    result = run_cli("check", "--no-cache", "--select", "H006", "locked.cable", "shut")
    assert (result.exit_code, result.stdout) == (
        1,
        "locked.cable:1:1: F000 [error] cannot read the file (permission denied): expected a readable cable file\n"
        "shut:1:1: F000 [error] cannot read the file (a folder that cannot be listed: permission denied): expected a readable cable file\n"
        "Found 2 errors in 2 files checked.\n",
    )


def test_f000_is_listed_among_the_rules_that_run(project: Path) -> None:
    result = run_cli("check", "--select", "H006", "--show-settings")
    assert result.stdout.splitlines()[-3:] == ["Rules (2 selected of 74):", "  F000   unreadable-file      error", "  H006   malformed-tags-line  error"]


@pytest.mark.parametrize("ignore", ["F000", "unreadable-file", "F"])
def test_an_ignore_that_names_f000_still_turns_it_off(project: Path, ignore: str) -> None:
    result = run_cli("check", "--select", "H006", "--ignore", ignore, "missing.cable")
    assert (result.exit_code, result.stdout) == (0, "All clean: 1 file checked, no findings.\n")


# -- 2. a selection that leaves no rule to run is an error


def test_ignoring_every_rule_is_an_error(project: Path) -> None:
    result = run_cli("check", "--ignore", "ALL", "good.cable")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "cablelint: no rule left to run: the default rules less --ignore ALL leaves none, and a run of no rules would pass every cable:"
        " expected at least one rule (ignore fewer, or add some with extend-select)\n"
    )


def test_a_configuration_that_ignores_what_it_selects_is_an_error(project: Path) -> None:
    config = project / "cablelint.toml"
    config.write_text('select = ["H006"]\nignore = ["H006"]\n', encoding="utf-8")
    result = run_cli("check", "good.cable")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"cablelint: no rule left to run: {config}: 'select' (H006) less {config}: 'ignore' (H006) leaves none, and a run of no rules would pass every cable:"
        " expected at least one rule (ignore fewer, or add some with extend-select)\n"
    )
    # the command line's ignore after the configuration's select, named each where written
    config.write_text('select = ["H006", "H008"]\n', encoding="utf-8")
    result = run_cli("check", "--ignore", "H006,H008", "good.cable")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cablelint: no rule left to run: {config}: 'select' (H006, H008) less --ignore H006,H008 leaves none")
    # a rule left by extend-select is a run
    assert run_cli("check", "--ignore", "H006,H008", "--extend-select", "F001", "good.cable").exit_code == 0


# -- 3. UTF-16 text: F001 names the encoding, and nothing else is reported


@pytest.mark.parametrize(
    "encoding, message",
    [
        ("utf-16", "bytes 0xFF 0xFE at offset 0 are the byte-order mark of UTF-16 text, not UTF-8: expected the file saved as UTF-8"),
        ("utf-16-le", "the file reads as UTF-16 text (little-endian, every other byte a NUL) without a byte-order mark, not UTF-8: expected the file saved as UTF-8"),
        ("utf-16-be", "the file reads as UTF-16 text (big-endian, every other byte a NUL) without a byte-order mark, not UTF-8: expected the file saved as UTF-8"),
    ],
)
def test_a_utf16_cable_gets_f001_alone(project: Path, encoding: str, message: str) -> None:
    # the cable has pilcrows (U+00B6: the bytes B6 00 in UTF-16), which read as UTF-8
    # were three more F001s, and its NULs 24 F005s (lines "129 characters long"), C001,
    # H001, H005 and H008: 34 findings for one file saved in another encoding
    text = GOOD.read_text(encoding="utf-8")
    assert "\u00b6" in text
    (project / "u.cable").write_bytes(text.encode(encoding))
    result = run_cli("check", "--select", "ALL", "--no-show-source", "u.cable")
    assert (result.exit_code, result.stdout) == (1, f"u.cable:1:1: F001 [error] {message}\nFound 1 error in 1 file checked.\n")
    # nothing to fix: the file is left as it came
    data = (project / "u.cable").read_bytes()
    fixed = run_cli("check", "--fix", "--select", "ALL", "u.cable")
    assert fixed.exit_code == 1 and (project / "u.cable").read_bytes() == data


def test_other_undecodable_bytes_are_still_linted_around(project: Path) -> None:
    # a Latin-1 byte in UTF-8 text is damage in a cable still read as one: F001
    # names it, and the other rules lint the rest as before
    text = GOOD.read_text(encoding="utf-8").replace("TAGS: ", "TAGS: \u00e9", 1)
    (project / "latin.cable").write_bytes(text.encode("utf-8").replace(b"\xc3\xa9", b"\xe9"))
    found = [(d["code"], d["line"]) for d in json.loads(run_cli("check", "--format", "json", "latin.cable").stdout)]
    assert found[0][0] == "F001" and len(found) > 1 and {code for code, _ in found} - {"F001"}


BINARY = "F001 [error] the file is binary data, not text: {}% of its first bytes (up to 8,000) are control characters or not UTF-8: expected a cable saved as UTF-8 text"


def test_binary_data_gets_one_f001_and_nothing_else(project: Path) -> None:
    # every byte value in turn: per 256, 29 controls (not tab, LF, FF, CR) and the
    # 128 bytes above 0x7F, none of which starts a valid sequence here; the first
    # 8,000 bytes are 31 such runs and bytes 0-63 (28 controls): 4,895, 61%.
    # It had 61 findings (twenty F001, twenty F002, F005, F007, "no TAGS line")
    (project / "program.cable").write_bytes(bytes(range(256)) * 40)
    result = run_cli("check", "--select", "ALL", "--no-show-source", "program.cable")
    assert (result.exit_code, result.stdout) == (1, f"program.cable:1:1: {BINARY.format(61)}\nFound 1 error in 1 file checked.\n")
    # whatever the selection leaves out, as for UTF-16 text; nothing is fixed
    result = run_cli("check", "--select", "H", "--no-show-source", "-q", "program.cable")
    assert (result.exit_code, result.stdout) == (1, f"program.cable:1:1: {BINARY.format(61)}\n")
    data = (project / "program.cable").read_bytes()
    assert run_cli("check", "--fix", "--select", "ALL", "program.cable").exit_code == 1
    assert (project / "program.cable").read_bytes() == data
    # compressed text, as an archive misnamed .cable: half its bytes do not decode
    import gzip

    (project / "notes.cable").write_bytes(gzip.compress(GOOD.read_bytes(), mtime=0))
    found = json.loads(run_cli("check", "--format", "json", "notes.cable").stdout)
    assert [(d["code"], d["line"], d["column"]) for d in found] == [("F001", 1, 1)] and "is binary data" in found[0]["message"]


@pytest.mark.parametrize(
    "damage, codes",
    [
        (b"\xe9" * 31, {"F001"}),  # 31 odd bytes: under the 32 binary data has
        (b"\x00" * 200, {"F002"}),  # NULs alone, in valid UTF-8: F002's
        (b"\xe9" * 40 + b"\x00" * 40, {"F001", "F002"}),  # 80 of the damaged cable's 1,325 bytes
        # a Russian quotation in Windows-1251: most of its bytes do not decode, but
        # text in a legacy encoding has no NUL (it was called binary, its TAGS line
        # and the rest unlinted)
        ("\u00ab\u041f\u0440\u0430\u0432\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e \u043d\u0435 \u043f\u0440\u043e\u0442\u0438\u0432\u00bb. ".encode("cp1251") * 40, {"F001"}),
    ],
)
def test_a_cable_with_damage_in_it_is_not_binary_data(project: Path, damage: bytes, codes: set[str]) -> None:
    raw = GOOD.read_bytes()
    (project / "damaged.cable").write_bytes(raw.replace(b"\n\n", b"\n" + damage + b"\n\n", 1))
    found = json.loads(run_cli("check", "--format", "json", "damaged.cable").stdout)
    assert codes <= {d["code"] for d in found}
    assert not any("binary" in d["message"] for d in found)


@pytest.mark.parametrize("selection", [["--select", "H"], ["--select", "H006"], ["--extend-select", "X", "--select", "R003"]])
def test_a_utf16_cable_gets_f001_when_the_selection_leaves_it_out(project: Path, selection: list[str]) -> None:
    """No other rule reads UTF-16 text: with F001 left out, such a file passed as
    clean. F001 stays on for it, as F000 does for a file that cannot be read."""
    (project / "u.cable").write_bytes(GOOD.read_text(encoding="utf-8").encode("utf-16"))
    result = run_cli("check", *selection, "--no-show-source", "u.cable")
    assert (result.exit_code, result.stdout.splitlines()[0][:22]) == (1, "u.cable:1:1: F001 [err")


def test_an_ignore_that_names_f001_turns_it_off_for_utf16_text(project: Path) -> None:
    (project / "u.cable").write_bytes(GOOD.read_text(encoding="utf-8").encode("utf-16"))
    for ignore in (["--ignore", "F001"], ["--ignore", "undecodable-text"], ["--ignore", "F"]):
        result = run_cli("check", "--select", "H", *ignore, "u.cable")
        assert (result.exit_code, result.stdout) == (0, "All clean: 1 file checked, no findings.\n"), ignore
    (project / "pyproject.toml").write_text('[tool.cablelint]\nper-file-ignores = {"u.cable" = ["F001"]}\n', encoding="utf-8")
    assert run_cli("check", "--select", "H", "u.cable").exit_code == 0


def test_no_fix_is_offered_in_a_file_that_is_not_valid_utf8(project: Path) -> None:
    """--fix never writes such a file (what was not read would be lost): its findings
    offer no fix, in any report, and --fix leaves it as it came."""
    seed = CORPUS / "real" / "09BAMAKO97.cable"
    raw = seed.read_bytes().replace(b"is pleased", b"is pl\xe9ased", 1)
    (project / "bad.cable").write_bytes(raw)
    found = json.loads(run_cli("check", "--format", "json", "bad.cable").stdout)
    assert {d["code"] for d in found} >= {"F001", "F004", "P004"}
    assert all(d["fix"] is None for d in found)
    text = run_cli("check", "--no-show-source", "bad.cable").stdout
    assert "[*]" not in text and "fix" not in text.splitlines()[-1]
    assert run_cli("check", "--fix", "bad.cable").exit_code == 1 and (project / "bad.cable").read_bytes() == raw
    # the same text valid: the fixes are offered
    (project / "good8.cable").write_bytes(raw.replace(b"\xe9", b"e"))
    assert any(d["fix"] for d in json.loads(run_cli("check", "--format", "json", "good8.cable").stdout))


# -- 4. messages and answers of usage slips


SELECTOR = "expected a rule code (H005), a family (H), a rule name (missing-tags-line) or ALL"


def test_several_selectors_written_as_one_are_suggested_comma_separated(project: Path) -> None:
    # "did you mean 'P003'?" would have dropped H006
    result = run_cli("check", "--select", "H006 P003", "good.cable")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"cablelint: --select: unknown rule selector 'H006 P003': {SELECTOR}; did you mean 'H006,P003'? (selectors are separated by commas)\n"
    # one of them unknown: no list to suggest
    result = run_cli("check", "--ignore", "H006 P0003", "good.cable")
    assert result.stderr == f"cablelint: --ignore: unknown rule selector 'H006 P0003': {SELECTOR}\n"


def test_several_selectors_in_one_string_of_the_configuration_are_suggested_as_a_list(project: Path) -> None:
    config = project / "cablelint.toml"
    config.write_text('select = "H006,P004"\n', encoding="utf-8")
    result = run_cli("check", "good.cable")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f'cablelint: {config}: \'select\': unknown rule selector \'H006,P004\': {SELECTOR}; did you mean a list, ["H006", "P004"]? (each selector its own string)\n'


@pytest.mark.parametrize("key, close", [("malformed-tag-line", "malformed-tags-line"), ("H06", "H006"), ("h0006", "H006")])
def test_a_mistyped_rule_gets_a_did_you_mean(key: str, close: str) -> None:
    result = run_cli("rule", key)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"cablelint: no rule '{key}': expected a code like H005 or a name like missing-tags-line (see `cablelint rules`); did you mean '{close}'?\n"
    far = run_cli("rule", "zzzz")
    assert far.stderr == "cablelint: no rule 'zzzz': expected a code like H005 or a name like missing-tags-line (see `cablelint rules`)\n"


def test_parse_prints_the_cables_it_can_read_and_names_the_others(project: Path) -> None:
    result = run_cli("parse", "good.cable", "missing.cable", "typo")
    assert result.exit_code == 2
    parsed = json.loads(result.stdout)
    assert [None if p is None else p["reference_id"] for p in parsed] == ["01WARSAW2290", None, None]
    assert result.stderr == "cablelint: missing.cable: cannot read the file: no such file\ncablelint: typo: cannot read the file: is a directory, not a file\n"
    # one path that cannot be read: no object to print
    alone = run_cli("parse", "missing.cable")
    assert (alone.exit_code, alone.stdout, alone.stderr) == (2, "", "cablelint: missing.cable: cannot read the file: no such file\n")


def test_every_file_named_force_excluded_is_said_and_not_called_clean(project: Path) -> None:
    config = project / "cablelint.toml"
    config.write_text('exclude = ["*.cable"]\n', encoding="utf-8")
    said = f"cablelint: warning: no files checked: exclude (*.cable) in {config} matches"
    expected = "a path outside exclude to lint, or no --force-exclude\n"
    result = run_cli("check", "--force-exclude", "good.cable")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"{said} the file named, good.cable, and --force-exclude skips it: expected {expected}")
    result = run_cli("check", "--force-exclude", "--format", "json", "good.cable", "typo/a.cable")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", f"{said} the 2 files named and --force-exclude skips them: expected {expected}")
    data = (project / "good.cable").read_bytes()
    result = run_cli("check", "--force-exclude", "--stdin-filename", "good.cable", "-", input=data)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"{said} standard input, shown as good.cable, and --force-exclude skips it: expected {expected}")
    # --quiet: nothing at all; one file left to lint: the usual run
    assert (run_cli("check", "-q", "--force-exclude", "good.cable").stderr, run_cli("check", "-q", "--force-exclude", "good.cable").stdout) == ("", "")
    (project / "c.txt").write_bytes(data)
    assert run_cli("check", "--force-exclude", "good.cable", "c.txt").stdout == "All clean: 1 file checked, no findings.\n"


def test_a_folder_with_nothing_to_lint_is_not_called_clean(project: Path) -> None:
    (project / "notes").mkdir()
    result = run_cli("check", "notes")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.startswith("cablelint: warning: no files to lint in notes: no file in it matches include")


def test_bare_cablelint_shows_the_help() -> None:
    result = run_cli()
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Usage: main [OPTIONS] COMMAND [ARGS]...\n")  # (CliRunner calls the program "main")
    assert "\nCommands:\n  check " in result.stderr
    # options alone still run check, which needs paths
    result = run_cli("--select", "H006")
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == "Error: no paths given: name cable files or folders, or - for standard input"
