"""Configuration: discovery, strict keys, selection semantics, per-file ignores, severity."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, run_cli

BASE = (CORPUS / "valid" / "telegram-confidential-13526-rabat.cable").read_text(encoding="utf-8")
# two F findings that need no other rule: a NUL (F002, error) and trailing spaces (F006, info, off)
FAULTY = BASE.replace("KINSEY", "KINSEY  ").replace("NEW BUDGET", "NEW\x00BUDGET")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "cables").mkdir()
    (tmp_path / "cables" / "a.cable").write_text(FAULTY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def codes(*args: str) -> tuple[int, list[str]]:
    result = run_cli("check", "--format", "json", *args)
    if result.exit_code == 2:
        return 2, []
    return result.exit_code, sorted(d["code"] for d in json.loads(result.stdout))


def diags(*args: str) -> list[dict[str, Any]]:
    return json.loads(run_cli("check", "--format", "json", *args).stdout)


def test_defaults_without_config(project: Path) -> None:
    assert codes("cables") == (1, ["F002"])


@pytest.mark.parametrize("name", ["cablelint.toml", ".cablelint.toml"])
def test_config_file_found_upward(project: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / name).write_text('extend-select = ["F006"]\n', encoding="utf-8")
    monkeypatch.chdir(project / "cables")
    assert codes("a.cable") == (1, ["F002", "F006"])


def test_pyproject_tool_table(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.cablelint]\nignore = ["control-character"]\n', encoding="utf-8")
    assert codes("cables") == (0, [])


def test_pyproject_without_our_table_is_skipped(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "cablelint.toml").write_text('ignore = ["F002"]\n', encoding="utf-8")
    (project / "cables" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    monkeypatch.chdir(project / "cables")
    assert codes("a.cable") == (0, [])


def test_explicit_config_overrides_search(project: Path) -> None:
    (project / "cablelint.toml").write_text('ignore = ["F002"]\n', encoding="utf-8")
    (project / "other.toml").write_text('select = ["F006"]\n', encoding="utf-8")
    assert codes("--config", "other.toml", "cables") == (0, ["F006"])


@pytest.mark.parametrize(
    "content, words",
    [
        ('selct = ["F"]\n', ["unknown key 'selct'"]),
        ('extend_select = ["F"]\n', ["unknown key 'extend_select'", "did you mean 'extend-select'"]),
        ('select = ["Q999"]\n', ["unknown rule selector 'Q999'"]),
        ('line-length = "long"\n', ["line-length"]),
        ('severity = {F002 = "fatal"}\n', ["severity.F002"]),
        ('dialect = "telex"\n', ["dialect"]),
        ('extra-tags = ["kxyz"]\n', ["extra-tags", "kxyz"]),
        ("select = [\n", ["not valid TOML"]),
        ("tool = 5\n", ["unknown key 'tool'"]),
        ("select = []\n", ["'select' names no rule"]),
        ('[tool.cablelint]\nselect = "F"\n[tool.cablelint.x]\n', ["unknown key 'x'"]),
    ],
)
def test_bad_config_is_a_clear_error_with_exit_2(project: Path, content: str, words: list[str]) -> None:
    (project / "cablelint.toml").write_text(content, encoding="utf-8")
    result = run_cli("check", "cables")
    assert result.exit_code == 2
    assert "cablelint.toml" in result.stderr
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "content, words",
    [
        ("tool = 5\n", "'tool' must be a table"),
        ('[project]\nname = "x"\n', "no [tool.cablelint] table"),
        ("[tool]\ncablelint = 5\n", "[tool.cablelint] must be a table"),
    ],
)
def test_bad_pyproject_named_with_config_is_a_clear_error(project: Path, content: str, words: str) -> None:
    (project / "pyproject.toml").write_text(content, encoding="utf-8")
    result = run_cli("check", "--config", "pyproject.toml", "cables")
    assert result.exit_code == 2 and words in result.stderr and "Traceback" not in result.stderr


def test_broken_pyproject_with_our_table_is_reported_not_skipped(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "cablelint.toml").write_text('ignore = ["F002"]\n', encoding="utf-8")
    (project / "cables" / "pyproject.toml").write_text('[tool.cablelint]\nselect = ["F006"]\n\n[project]\nname = \n', encoding="utf-8")
    monkeypatch.chdir(project / "cables")
    result = run_cli("check", "a.cable")
    assert result.exit_code == 2 and "pyproject.toml: not valid TOML" in result.stderr
    # a broken pyproject.toml that does not name our table is not ours to judge
    (project / "cables" / "pyproject.toml").write_text("[project]\nname = \n", encoding="utf-8")
    assert codes("a.cable") == (0, [])


def test_config_that_is_not_utf8_names_the_byte(project: Path) -> None:
    (project / "cablelint.toml").write_bytes(b'select = ["F"]\n\xff\xfe\n')
    result = run_cli("check", "cables")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("cablelint.toml: the byte at offset 15 is not UTF-8: expected a TOML file in UTF-8")


@pytest.mark.parametrize("selection", ["", ",", " , "])
def test_an_empty_selection_on_the_command_line_is_a_usage_error(project: Path, selection: str) -> None:
    result = run_cli("check", "--select", selection, "cables")
    assert result.exit_code == 2 and "--select names no rule" in result.stderr


def test_unknown_code_on_the_command_line_exits_2(project: Path) -> None:
    result = run_cli("check", "--select", "NOPE", "cables")
    assert result.exit_code == 2 and "unknown rule selector 'NOPE'" in result.stderr


def test_missing_config_file_exits_2(project: Path) -> None:
    result = run_cli("check", "--config", "absent.toml", "cables")
    assert result.exit_code == 2 and "absent.toml" in result.stderr


def test_selection_by_family_name_and_all(project: Path) -> None:
    assert codes("--select", "F", "cables") == (1, ["F002", "F006"])
    assert codes("--select", "trailing-whitespace", "cables") == (0, ["F006"])
    assert codes("--select", "ALL", "--ignore", "F002", "cables")[1].count("F002") == 0
    # the more specific selector wins: the code beats the family it belongs to
    assert codes("--select", "F", "--ignore", "F", "--extend-select", "F006", "cables")[1] == ["F006"]
    assert codes("--select", "F006", "--ignore", "F", "cables") == (0, ["F006"])
    # on a tie, ignore wins (F006 left to run: a selection of no rule is an error)
    assert codes("--select", "F002,F006", "--ignore", "F002", "cables") == (0, ["F006"])


def test_command_line_layer_applies_after_the_config(project: Path) -> None:
    (project / "cablelint.toml").write_text('ignore = ["F002"]\n', encoding="utf-8")
    assert codes("cables") == (0, [])
    assert codes("--extend-select", "F002", "cables") == (1, ["F002"])


def test_per_file_ignores(project: Path) -> None:
    (project / "cables" / "b.cable").write_text(FAULTY, encoding="utf-8")
    (project / "cablelint.toml").write_text('[per-file-ignores]\n"cables/b.cable" = ["F002"]\n', encoding="utf-8")
    found = diags("cables")
    assert [(Path(d["path"]).name, d["code"]) for d in found] == [("a.cable", "F002")]


def test_per_file_ignores_are_relative_to_the_config_wherever_the_run_is_from(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "cables" / "sub").mkdir()
    (project / "cablelint.toml").write_text('[per-file-ignores]\n"cables/a.cable" = ["F002"]\n', encoding="utf-8")
    assert codes("cables/a.cable") == (0, [])
    assert codes("cables/sub/../a.cable") == (0, [])
    monkeypatch.chdir(project / "cables" / "sub")
    assert codes("../a.cable") == (0, [])
    monkeypatch.chdir(project.parent)
    assert codes("--config", str(project / "cablelint.toml"), f"{project.name}/cables/a.cable") == (0, [])


def test_per_file_ignores_turn_off_f000_too(project: Path) -> None:
    # every other rule obeyed per-file-ignores; F000, reported before any rule runs,
    # did not: a glob could not quiet a known dangling link in an archive
    (project / "cables" / "gone.cable").symlink_to(project / "nowhere.cable")
    assert codes("cables") == (1, ["F000", "F002"])
    (project / "cablelint.toml").write_text('[per-file-ignores]\n"cables/gone.cable" = ["unreadable-file"]\n', encoding="utf-8")
    assert codes("cables") == (1, ["F002"])
    assert codes("cables/gone.cable") == (0, [])
    assert codes("cables/missing.cable") == (1, ["F000"])  # another file: still reported


def test_force_exclude_applies_exclude_to_files_named_explicitly(project: Path) -> None:
    (project / "cablelint.toml").write_text('exclude = ["cables/a.cable"]\n', encoding="utf-8")
    assert codes("cables") == (0, [])  # walked: excluded
    assert codes("cables/a.cable") == (1, ["F002"])  # named: linted
    assert codes("--force-exclude", "cables/a.cable") == (0, [])
    result = run_cli("check", "--force-exclude", "cables/a.cable")
    assert result.stdout == "" and "cablelint: warning: no files checked: exclude (cables/a.cable)" in result.stderr


def _exclude_project(project: Path) -> None:
    """cables/a.cable, cables/old/d.cable and cables/sub/old/e.cable, all faulty."""
    for folder, name in (("old", "d.cable"), ("sub/old", "e.cable")):
        (project / "cables" / folder).mkdir(parents=True)
        (project / "cables" / folder / name).write_text(FAULTY, encoding="utf-8")


def linted(*args: str) -> list[str]:
    return sorted(Path(os.path.normpath(d["path"])).as_posix() for d in diags("--no-cache", *args))


def test_exclude_on_the_command_line_replaces_the_configuration_and_extend_exclude_adds(project: Path) -> None:
    _exclude_project(project)
    (project / "cablelint.toml").write_text('exclude = ["cables/a.cable"]\n', encoding="utf-8")
    assert linted(".") == ["cables/old/d.cable", "cables/sub/old/e.cable"]
    # a glob without a slash matches a folder's name anywhere; --exclude drops the file's glob
    assert linted(".", "--exclude", "old") == ["cables/a.cable"]
    assert linted(".", "--extend-exclude", "old") == []
    # repeated, each one glob (a comma is part of it); a trailing slash is dropped
    assert linted(".", "--exclude", "sub", "--exclude", "d.*") == ["cables/a.cable"]
    assert linted(".", "--exclude", "old/") == ["cables/a.cable"]
    assert linted(".", "--exclude", "a.cable,d.cable") == ["cables/a.cable", "cables/old/d.cable", "cables/sub/old/e.cable"]
    # --force-exclude applies them to files named, and says where they came from
    result = run_cli("check", "--force-exclude", "--extend-exclude", "*/old/*", "cables/old/d.cable")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == (
        f"cablelint: warning: no files checked: exclude (cables/a.cable) in {os.path.realpath(project / 'cablelint.toml')} and --extend-exclude (*/old/*) matches the file named, cables/old/d.cable, "
        "and --force-exclude skips it: expected a path outside exclude to lint, or no --force-exclude\n"
    )
    replaced = run_cli("check", "--force-exclude", "--exclude", "*/old/*", "cables/old/d.cable")
    assert replaced.stderr.startswith("cablelint: warning: no files checked: --exclude (*/old/*) matches the file named, cables/old/d.cable, ")
    nothing = run_cli("check", "--exclude", "*.cable", "cables")
    assert nothing.stderr == (
        "cablelint: warning: no files to lint in cables: no file in it matches include (*.cable, *.tel, *.txt) outside exclude (*.cable): "
        f"expected at least one (exclude is given by --exclude; include is the default: other names need include in {os.path.realpath(project / 'cablelint.toml')})\n"
    )


def test_an_exclude_glob_with_a_slash_names_paths_from_the_current_folder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the shell's reading: run in cables/, "old/*" is cables/old/*, not old/* beside
    # the configuration; the settings show it as the configuration's folder reads it
    _exclude_project(project)
    (project / "cablelint.toml").write_text('exclude = ["nothing"]\n', encoding="utf-8")
    monkeypatch.chdir(project / "cables")
    assert linted(".", "--exclude", "old/*") == ["a.cable", "sub/old/e.cable"]
    assert linted("..", "--exclude", "old/*") == ["../cables/a.cable", "../cables/sub/old/e.cable"]
    shown = run_cli("check", "--show-settings", "--exclude", "old/*", "--extend-exclude", "./sub/old/**").stdout.splitlines()
    assert "Exclude: cables/old/*, cables/sub/old/**" in shown
    # a glob that climbs out of the current folder, and a current folder outside the
    # configuration's: absolute globs
    assert linted("--config", str(project / "cablelint.toml"), ".", "--exclude", "../cables/old/*") == ["a.cable", "sub/old/e.cable"]
    monkeypatch.chdir(project.parent)
    here = os.path.realpath(project.parent)
    shown = run_cli("check", "--show-settings", "--config", str(project / "cablelint.toml"), "--exclude", f"{project.name}/cables/sub/*").stdout.splitlines()
    assert f"Exclude: {Path(here).as_posix()}/{project.name}/cables/sub/*" in shown
    assert linted("--config", str(project / "cablelint.toml"), project.name, "--exclude", f"{project.name}/cables/sub/*") == [f"{project.name}/cables/a.cable", f"{project.name}/cables/old/d.cable"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--exclude", ""], "'--exclude' holds an empty glob: expected a file name or path glob, like *.cable or legacy/**"),
        (["--extend-exclude", "old\\*"], "'--extend-exclude' glob 'old\\*' holds a backslash: expected '/' between folders, on Windows too ('old/*'), so that the glob means the same on every platform"),
    ],
)
def test_a_bad_exclude_on_the_command_line_exits_2(project: Path, args: list[str], message: str) -> None:
    result = run_cli("check", *args, "cables")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"cablelint: {message}\n")


def test_force_exclude_applies_to_standard_input_by_its_name(project: Path) -> None:
    (project / "cablelint.toml").write_text('exclude = ["cables/a.cable"]\n', encoding="utf-8")
    data = (project / "cables" / "a.cable").read_bytes()
    assert "1 file checked" in run_cli("check", "--stdin-filename", "cables/a.cable", "-", input=data).stdout
    skipped = run_cli("check", "--force-exclude", "--stdin-filename", "cables/a.cable", "-", input=data)
    assert skipped.exit_code == 0 and skipped.stdout == "" and "matches standard input, shown as cables/a.cable," in skipped.stderr
    # --fix still hands the cable back, as it came
    fixed = run_cli("check", "--fix", "--force-exclude", "--stdin-filename", "cables/a.cable", "-", input=data)
    assert fixed.stdout_bytes == data


def test_per_file_ignores_glob_by_name_and_stdin_filename(project: Path) -> None:
    (project / "cablelint.toml").write_text('[per-file-ignores]\n"*.cable" = ["F"]\n', encoding="utf-8")
    assert codes("cables") == (0, [])
    result = run_cli("check", "--format", "json", "--stdin-filename", "x.tel", "-", input=FAULTY)
    assert [d["code"] for d in json.loads(result.stdout)] == ["F002"]
    result = run_cli("check", "--format", "json", "--stdin-filename", "x.cable", "-", input=FAULTY)
    assert json.loads(result.stdout) == []


def test_severity_override_by_code_and_name(project: Path) -> None:
    (project / "cablelint.toml").write_text('extend-select = ["F006"]\n[severity]\nF002 = "info"\ntrailing-whitespace = "error"\n', encoding="utf-8")
    found = {d["code"]: d["severity"] for d in diags("cables")}
    assert found == {"F002": "info", "F006": "error"}
    assert run_cli("check", "cables").exit_code == 1


@pytest.mark.parametrize("order", ["family first", "code first"])
def test_the_most_specific_severity_wins_whatever_the_order(project: Path, order: str) -> None:
    # a TOML table's order means nothing: F002 by code beats the F family, F006 by
    # name beats it too, and ALL is the least specific (the last line used to win)
    lines = ['F = "info"', 'F002 = "warning"', 'trailing-whitespace = "error"', 'ALL = "error"']
    if order == "code first":
        lines.reverse()
    (project / "cablelint.toml").write_text('extend-select = ["F006"]\n[severity]\n' + "\n".join(lines) + "\n", encoding="utf-8")
    assert {d["code"]: d["severity"] for d in diags("cables")} == {"F002": "warning", "F006": "error"}


@pytest.mark.parametrize("second", ['control-character = "info"', 'f002 = "info"'])
def test_two_severities_for_one_rule_are_an_error(project: Path, second: str) -> None:
    config = project / "cablelint.toml"
    config.write_text(f'[severity]\nF002 = "warning"\n{second}\n', encoding="utf-8")
    result = run_cli("check", "cables")
    selector = second.split(" ")[0]
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f'cablelint: {config}: \'severity\': F002 = "warning" and {selector} = "info" both set the severity of F002: '
        "expected one severity for a rule (or a more specific selector for it)\n"
    )
    # the same severity twice says the same thing: no error
    config.write_text('[severity]\nF002 = "info"\ncontrol-character = "info"\n', encoding="utf-8")
    assert [d["severity"] for d in diags("cables")] == ["info"]


def test_info_only_does_not_fail_the_run(project: Path) -> None:
    (project / "cablelint.toml").write_text('select = ["F006"]\n', encoding="utf-8")
    assert codes("cables") == (0, ["F006"])


def test_include_and_exclude_when_walking(project: Path) -> None:
    (project / "cables" / "c.tel").write_text(FAULTY, encoding="utf-8")
    (project / "cables" / "notes.md").write_text(FAULTY, encoding="utf-8")
    (project / "cables" / "old").mkdir()
    (project / "cables" / "old" / "d.cable").write_text(FAULTY, encoding="utf-8")
    names = lambda: sorted(Path(d["path"]).name for d in diags("cables"))  # noqa: E731
    assert names() == ["a.cable", "c.tel", "d.cable"]
    (project / "cablelint.toml").write_text('exclude = ["old"]\ninclude = ["*.cable", "*.md"]\n', encoding="utf-8")
    assert names() == ["a.cable", "notes.md"]
    # a file named explicitly is linted even when excluded
    assert [Path(d["path"]).name for d in diags(os.path.join("cables", "old", "d.cable"))] == ["d.cable"]


def test_include_globs_with_a_slash_match_the_path_from_the_config_folder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # ruff's include takes "src/**/*.py"; ours matched the file's name alone, so a
    # glob with a slash linted nothing at all
    (project / "cables" / "2009").mkdir()
    (project / "cables" / "2009" / "b.txt").write_text(FAULTY, encoding="utf-8")
    (project / "notes").mkdir()
    (project / "notes" / "c.txt").write_text(FAULTY, encoding="utf-8")
    (project / "cablelint.toml").write_text('include = ["cables/**/*.txt", "*.cable"]\n', encoding="utf-8")
    linted = lambda *args: sorted(Path(os.path.normpath(d["path"])).as_posix() for d in diags(*args))  # noqa: E731
    assert linted(".") == ["cables/2009/b.txt", "cables/a.cable"]
    assert linted("cables") == ["cables/2009/b.txt", "cables/a.cable"]
    monkeypatch.chdir(project / "cables")
    assert linted(".") == ["2009/b.txt", "a.cable"]


@pytest.mark.parametrize("windows", [False, True])
def test_globs_match_without_case_where_the_system_compares_names_so(project: Path, monkeypatch: pytest.MonkeyPatch, windows: bool) -> None:
    """On Windows, A.CABLE and a.cable are one file, and git there (core.ignorecase)
    and Python's fnmatch match globs without regard to case; elsewhere case counts.
    The rule is os.path.normcase's, so the test gives the run Windows's normcase
    (the file system stays this one: the names below exist as written)."""
    import ntpath

    if windows:
        monkeypatch.setattr(os.path, "normcase", ntpath.normcase)
    (project / "cables" / "B.Cable").write_text(FAULTY, encoding="utf-8")
    (project / "legacy").mkdir()
    (project / "legacy" / "c.cable").write_text(FAULTY, encoding="utf-8")
    found = lambda *args: sorted(Path(os.path.normpath(d["path"])).as_posix() for d in diags("--no-cache", *args))  # noqa: E731
    # the default include, *.cable, takes B.Cable only where case does not count
    everything = ["cables/B.Cable", "cables/a.cable", "legacy/c.cable"] if windows else ["cables/a.cable", "legacy/c.cable"]
    assert found(".") == everything
    (project / "cablelint.toml").write_text('exclude = ["LEGACY"]\n[per-file-ignores]\n"Cables/A.*" = ["F002"]\n', encoding="utf-8")
    assert found(".") == (["cables/B.Cable"] if windows else everything)
    assert found("--force-exclude", "legacy/c.cable") == ([] if windows else ["legacy/c.cable"])
    absolute = (project / "CABLES" / "*.CABLE").as_posix()  # (matched against the absolute path)
    (project / "cablelint.toml").write_text(f'[per-file-ignores]\n"{absolute}" = ["F002"]\n', encoding="utf-8")
    assert found(".") == (["legacy/c.cable"] if windows else everything)
    (project / "cablelint.toml").write_text('include = ["*.CABLE"]\n', encoding="utf-8")
    result = run_cli("check", "--no-cache", "--format", "json", ".")
    if windows:
        assert sorted(Path(os.path.normpath(d["path"])).as_posix() for d in json.loads(result.stdout)) == everything
    else:
        assert json.loads(result.stdout) == [] and "no files to lint in .: no file in it matches include (*.CABLE): expected at least one" in result.stderr


@pytest.mark.parametrize("how", ["absolute-inside", "absolute-outside", "parent"])
def test_absolute_globs_and_globs_from_the_parent_folder_match(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    # ruff resolves such globs from the project's root; ours compared them with the
    # path relative to the configuration's folder and silently matched nothing
    (tmp_path / "project").mkdir()
    shared = tmp_path / ("project" if how == "absolute-inside" else "") / "shared"
    (shared / "old").mkdir(parents=True)
    for name in ("a.cable", "old/b.cable"):
        (shared / name).write_text(FAULTY, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "project")
    glob = "../shared/old" if how == "parent" else (shared / "old").as_posix()
    named = os.path.relpath(shared)
    (tmp_path / "project" / "cablelint.toml").write_text(f'[per-file-ignores]\n"{glob}/*.cable" = ["F002"]\n', encoding="utf-8")
    found = lambda *args: sorted((Path(d["path"]).name, d["code"]) for d in diags(*args))  # noqa: E731
    assert found(named) == [("a.cable", "F002")]
    assert found(str(shared / "old" / "b.cable"), os.path.join(named, "old", "..", "old", "b.cable")) == []
    (tmp_path / "project" / "cablelint.toml").write_text(f'exclude = ["{glob}"]\n', encoding="utf-8")
    assert found(named) == [("a.cable", "F002")]
    assert found(str(shared)) == [("a.cable", "F002")]
    (tmp_path / "project" / "cablelint.toml").write_text(f'exclude = ["{glob}/**"]\n', encoding="utf-8")
    assert found(named) == [("a.cable", "F002")]


@pytest.mark.parametrize(
    "content, message",
    [
        ("include = []\n", "'include' names no glob, so a folder walk would lint nothing: expected file name globs, like *.cable (leave it out for *.cable, *.tel, *.txt)"),
        ('include = ["*.cable", ""]\n', "'include' holds an empty glob: expected a file name or path glob, like *.cable or legacy/**"),
        ('exclude = [" "]\n', "'exclude' holds an empty glob: expected a file name or path glob, like *.cable or legacy/**"),
        ('[per-file-ignores]\n"" = ["F002"]\n', "'per-file-ignores' holds an empty glob: expected a file name or path glob, like *.cable or legacy/**"),
    ],
)
def test_an_empty_include_or_glob_is_an_error(project: Path, content: str, message: str) -> None:
    # include = [] linted nothing and passed; an empty exclude glob excluded every
    # file outside the config's folder (as "/*")
    (project / "cablelint.toml").write_text(content, encoding="utf-8")
    result = run_cli("check", "cables")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"cablelint: {project / 'cablelint.toml'}: {message}\n"


@pytest.mark.parametrize(
    "content, key, glob",
    [
        ("exclude = ['archive\\old\\*']\n", "exclude", "archive\\old\\*"),
        ("include = ['*.cable', 'cables\\*.txt']\n", "include", "cables\\*.txt"),
        ("[per-file-ignores]\n'legacy\\*.cable' = ['F002']\n", "per-file-ignores", "legacy\\*.cable"),
        ("exclude = ['drafts\\[*]']\n", "exclude", "drafts\\[*]"),  # (an escape, elsewhere)
    ],
)
def test_a_backslash_in_a_glob_is_an_error_on_every_platform(project: Path, content: str, key: str, glob: str) -> None:
    """On Windows the runner compared a backslash glob with a path written with
    slashes and matched nothing; elsewhere a backslash is an escape (git, ruff) or a
    plain character (fnmatch). A configuration shared between platforms must not
    mean one thing on one and another on the other: '/' is the separator."""
    (project / "cablelint.toml").write_text(content, encoding="utf-8")
    for args in (("cables",), ("--show-files", "cables"), ("--show-settings",)):
        result = run_cli("check", *args)
        assert result.exit_code == 2 and result.stdout == ""
        fixed = glob.replace("\\", "/")
        assert result.stderr == (
            f"cablelint: {project / 'cablelint.toml'}: '{key}' glob '{glob}' holds a backslash: expected '/' between folders, "
            f"on Windows too ('{fixed}'), so that the glob means the same on every platform\n"
        )
    (project / "cablelint.toml").write_text(content.replace("\\", "/"), encoding="utf-8")
    assert run_cli("check", "--show-files", "cables").exit_code == 0


def test_line_length_option(project: Path) -> None:
    (project / "cablelint.toml").write_text('select = ["F005"]\nline-length = 80\n', encoding="utf-8")
    (project / "cables" / "a.cable").write_text("UNCLAS\n" + "X" * 81 + "\n", encoding="utf-8")
    found = diags("cables")
    assert [(d["line"], d["column"]) for d in found] == [(2, 81)]
    assert [d["code"] for d in diags("--line-length", "100", "cables")] == []


EXPECTED_SELECTORS = "expected a rule code (H005), a family (H), a rule name (missing-tags-line) or ALL"


@pytest.mark.parametrize(
    "content, where, hint",
    [
        ('select = ["Q999"]\n', "'select': unknown rule selector 'Q999'", ""),
        ('extend-select = ["R0003"]\n', "'extend-select': unknown rule selector 'R0003'", "; did you mean 'R003'?"),
        ('ignore = ["malformed-de"]\n', "'ignore': unknown rule selector 'malformed-de'", "; did you mean 'malformed-de-line'?"),
        ('[severity]\nQ999 = "info"\n', "'severity': unknown rule selector 'Q999'", ""),
        ('[per-file-ignores]\n"legacy/*" = ["F0002"]\n', "'per-file-ignores' glob 'legacy/*': unknown rule selector 'F0002'", "; did you mean 'F002'?"),
    ],
)
def test_an_unknown_rule_in_the_config_names_the_file_and_the_key(project: Path, content: str, where: str, hint: str) -> None:
    (project / "cablelint.toml").write_text(content, encoding="utf-8")
    result = run_cli("check", "cables")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"cablelint: {project / 'cablelint.toml'}: {where}: {EXPECTED_SELECTORS}{hint}\n"


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_an_unknown_rule_on_the_command_line_names_the_option(project: Path, option: str) -> None:
    result = run_cli("check", option, "F2", "cables")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"cablelint: {option}: unknown rule selector 'F2': {EXPECTED_SELECTORS}; did you mean 'F002'?\n"


@pytest.mark.parametrize("glob", ["cables/b.cable", "./cables/b.cable", "./cables/*.cable", "./cables"])
def test_globs_written_from_the_config_folder_with_a_leading_dot_slash(project: Path, glob: str) -> None:
    """A user writes "./legacy/*.cable" as the shell would take it; it matched nothing."""
    (project / "cables" / "b.cable").write_text(FAULTY, encoding="utf-8")
    (project / "cablelint.toml").write_text(f'[per-file-ignores]\n"{glob}" = ["F002"]\n', encoding="utf-8")
    kept = [Path(d["path"]).name for d in diags("cables")]
    assert kept == ([] if glob in ("./cables/*.cable", "./cables") else ["a.cable"])
    (project / "cablelint.toml").write_text(f'exclude = ["{glob}"]\n', encoding="utf-8")
    walked = [Path(d["path"]).name for d in diags("cables")]
    assert walked == ([] if glob in ("./cables/*.cable", "./cables") else ["a.cable"])


def test_precedence_of_config_files_in_one_folder_and_the_nearest_folder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """README: the nearest folder wins; in one folder cablelint.toml, then
    .cablelint.toml, then pyproject.toml's [tool.cablelint]; never merged."""
    (project / "cablelint.toml").write_text('select = ["F006"]\n', encoding="utf-8")
    (project / ".cablelint.toml").write_text('select = ["F002"]\n', encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.cablelint]\nselect = ["F002", "F006"]\n', encoding="utf-8")
    assert codes("cables") == (0, ["F006"])
    (project / "cablelint.toml").unlink()
    assert codes("cables") == (1, ["F002"])
    (project / ".cablelint.toml").unlink()
    assert codes("cables") == (1, ["F002", "F006"])
    (project / "cables" / ".cablelint.toml").write_text('ignore = ["F"]\n', encoding="utf-8")
    monkeypatch.chdir(project / "cables")
    assert codes("a.cable") == (0, [])  # nearer, and not merged with the pyproject's select


def test_the_keys_a_file_sets_are_recorded_but_do_not_change_the_configuration(project: Path) -> None:
    """``set_keys`` tells an include written out as the default list from none (for
    what the CLI says of it), and is left out of equality and repr: the cache's digest
    of the configuration (linter/cache.py) stays that of the values linted with."""
    from cablelint.linter.config import DEFAULT_INCLUDE, read_file

    (project / "cablelint.toml").write_text("line-length = 69\n", encoding="utf-8")
    plain = read_file("cablelint.toml")
    (project / "cablelint.toml").write_text('line-length = 69\ninclude = ["*.cable", "*.tel", "*.txt"]\n', encoding="utf-8")
    written = read_file("cablelint.toml")
    assert written.include == plain.include == DEFAULT_INCLUDE
    assert (plain.set_keys, written.set_keys) == ({"line_length"}, {"line_length", "include"})
    assert written == plain and hash(written) == hash(plain) and repr(written) == repr(plain)
    assert written.merged(dialect="text").set_keys == written.set_keys
