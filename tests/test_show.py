"""`check --show-files` and `check --show-settings`: what a run would lint, and with what."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cablelint.cli import main
from cablelint.linter import engine
from tests.conftest import SEED


def run(*args: str) -> Any:
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with a configuration, cables at two depths and an excluded folder;
    parsing fails the test (a listing lints nothing)."""
    (tmp_path / "cablelint.toml").write_text(
        'exclude = ["drafts/**"]\nextend-select = ["F006"]\n[per-file-ignores]\n"old/*.cable" = ["H007", "X"]\n[severity]\nX004 = "warning"\n',
        encoding="utf-8",
    )
    for name in ("b.cable", "a.txt", "old/c.cable", "drafts/d.cable", "notes.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(SEED.read_bytes())
    monkeypatch.chdir(tmp_path)

    def no_parse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a listing parsed a file")

    monkeypatch.setattr(engine, "parse_text", no_parse)
    return tmp_path


def test_show_files_lists_what_check_would_lint_in_order(project: Path) -> None:
    result = run("--show-files", ".")
    assert (result.exit_code, result.stdout) == (0, "./a.txt\n./b.cable\n./old/c.cable\n")
    result = run("--show-files", "old", "drafts/d.cable", "b.cable")
    assert result.stdout == "b.cable\ndrafts/d.cable\nold/c.cable\n"  # named files are linted even if excluded
    result = run("--show-files", "--force-exclude", "old", "drafts/d.cable", "b.cable")
    assert result.stdout == "b.cable\nold/c.cable\n"
    result = CliRunner().invoke(main, ["check", "--show-files", "--stdin-filename", "new/draft.cable", "-", "b.cable"], input="")
    assert result.stdout == "b.cable\nnew/draft.cable\n"  # standard input is not read


def test_show_files_says_when_nothing_would_be_linted(project: Path) -> None:
    result = run("--show-files", "drafts")
    assert result.exit_code == 0 and result.stdout == ""
    config = project.resolve() / "cablelint.toml"
    assert result.stderr == f"cablelint: warning: no files to lint in drafts: no file in it matches include (*.cable, *.tel, *.txt) outside exclude (drafts/**): expected at least one (exclude is set in {config}; include is the default)\n"


def test_show_settings_prints_the_configuration_in_force(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CABLELINT_CACHE_DIR", raising=False)
    result = run("--show-settings", "--line-length", "80")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:12] == [
        f"Configuration file: {project.resolve() / 'cablelint.toml'}",
        f"Globs relative to: {project.resolve()}",
        "Dialect: detected per file",
        "Line length: 80",
        "Strict: off",
        "Include: *.cable, *.tel, *.txt",
        "Exclude: drafts/**",
        "Extra tags: (none)",
        "Severity overrides: X004 = warning",
        "Per-file ignores:",
        "  old/*.cable: H007, X",
        f"Cache: {project.resolve() / '.cablelint_cache'}",
    ]
    rules = {line.split()[0]: line for line in lines[13:]}
    assert lines[12] == f"Rules ({len(rules)} selected of 74):"
    assert rules["X004"].split() == ["X004", "unused-reference", "warning", "(severity", "overridden)"]
    assert rules["F005"].split() == ["F005", "line-too-long", "warning", "(in", "draft", "only)"]
    assert rules["A001"].endswith("(in telegram only)")
    assert rules["F006"].split() == ["F006", "trailing-whitespace", "info"]  # selected: everywhere
    assert "C012" not in rules  # off by default, not selected


def test_show_settings_follows_the_command_line(project: Path, tmp_path: Path) -> None:
    lines = run("--show-settings", "--select", "X", "--ignore", "X009", "--strict", "--no-cache", "--dialect", "markdown").stdout.splitlines()
    assert "Strict: on" in lines and "Cache: off" in lines and "Dialect: markdown (forced)" in lines
    rules = lines.index("Rules (9 selected of 74):")  # F000 too: a file that cannot be read is told whatever the selection
    assert [line.split()[0] for line in lines[rules + 1 :]] == ["F000", "X001", "X002", "X003", "X004", "X005", "X006", "X007", "X008"]
    elsewhere = tmp_path / "elsewhere"
    assert f"Cache: {elsewhere.resolve()}" in run("--show-settings", "--cache-dir", str(elsewhere)).stdout.splitlines()


def test_show_settings_without_a_configuration_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    lines = run("--show-settings").stdout.splitlines()
    assert lines[0] == "Configuration file: (none found: the defaults)"
    assert "Exclude: (none)" in lines and "Per-file ignores: (none)" in lines and "Severity overrides: (none)" in lines


def test_both_listings_together(project: Path) -> None:
    result = run("--show-settings", "--show-files", "b.cable")
    assert result.exit_code == 0 and result.stdout.startswith("Configuration file:") and result.stdout.endswith("\nb.cable\n")


@pytest.mark.parametrize("option", [["--fix"], ["--diff"], ["--write-baseline", "b.json"], ["-o", "report.txt"]])
def test_a_listing_refuses_options_it_would_drop(project: Path, option: list[str]) -> None:
    result = run("--show-files", *option, ".")
    assert result.exit_code == 2 and "--show-files and --show-settings lint nothing" in result.stderr
    assert not (project / "b.json").exists() and not (project / "report.txt").exists()


def test_show_files_needs_paths_and_a_bad_configuration_is_still_an_error(project: Path) -> None:
    result = run("--show-files")
    assert result.exit_code == 2 and "no paths given" in result.stderr
    (project / "cablelint.toml").write_text('selekt = ["X"]\n', encoding="utf-8")
    result = run("--show-settings")
    assert result.exit_code == 2 and "unknown key 'selekt'" in result.stderr


def test_show_files_writes_one_line_a_file_whatever_its_name(project: Path) -> None:
    # a name with a line break would read as two files to `while read`, and one with
    # an escape sequence would reach the terminal as one: both are written as the
    # text report writes them
    for name in ("new\nline.cable", "red\x1b[31m.cable"):
        (project / "old" / name).write_bytes(SEED.read_bytes())
    result = run("--show-files", "old")
    assert (result.exit_code, result.stdout) == (0, "old/c.cable\nold/new<U+000A>line.cable\nold/red<U+001B>[31m.cable\n")
