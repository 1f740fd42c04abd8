"""Names the system refuses as too long (ENAMETOOLONG, "File name too long", which
gives no figure): the messages give the length and the limit, for a cable named to
check, a report file (-o), a baseline read or written, a configuration file and
parse. Real names, through the real CLI; the limits are the file system's own
(pathconf), 255 and 4096 on the usual ones. And a long name the system takes is
written: a temporary file beside it has a name of its own that must fit too."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import SEED, run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "pathconf"), reason="POSIX limits")


def limits(folder: Path) -> tuple[int, int]:
    return os.pathconf(folder, "PC_NAME_MAX"), os.pathconf(folder, "PC_PATH_MAX")


@pytest.fixture
def cable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "ok.cable"
    path.write_bytes(SEED.read_bytes())
    return path


def _name(tmp_path: Path, extra: int, suffix: str) -> str:
    """A name *extra* bytes longer than the file system takes."""
    name_max, _ = limits(tmp_path)
    return "a" * (name_max + extra - len(suffix)) + suffix


def _deep(tmp_path: Path, suffix: str) -> str:
    """A relative path longer than the system takes, of names it takes."""
    _, path_max = limits(tmp_path)
    return "/".join(["b" * 200] * (path_max // 201 + 1)) + "/" + suffix


def test_a_cable_with_too_long_a_name_is_f000_with_the_figures(tmp_path: Path, cable: Path) -> None:
    name_max, path_max = limits(tmp_path)
    long = _name(tmp_path, 45, ".cable")
    deep = _deep(tmp_path, "x.cable")
    folder = "c" * (name_max + 1) + "/x.cable"
    result = run_cli("check", "--format", "json", long, deep, folder, "ok.cable")
    found = {d["path"]: (d["line"], d["column"], d["code"], d["message"]) for d in json.loads(result.stdout)}
    expected = "cannot read the file ({}): expected a readable cable file"
    assert found[long] == (1, 1, "F000", expected.format(f"its name is {name_max + 45:,} bytes, more than {name_max:,}, the limit for a name here"))
    assert found[deep] == (1, 1, "F000", expected.format(f"its path is {len(deep):,} bytes, more than {path_max - 1:,}, the limit for a path here"))
    assert found[folder] == (1, 1, "F000", expected.format(f"the folder name {'c' * 20}... in its path is {name_max + 1:,} bytes, more than {name_max:,}, the limit for a name here"))
    assert "ok.cable" in {d["path"] for d in json.loads(result.stdout)}  # (the others are linted)
    text = run_cli("check", long)
    assert text.stdout.startswith(f"{long}:1:1: F000 [error] cannot read the file (its name is {name_max + 45:,} bytes, more than {name_max:,}, the limit for a name here)")
    parsed = run_cli("parse", long)
    assert (parsed.exit_code, parsed.stderr) == (2, f"cablelint: {long}: cannot read the file: its name is {name_max + 45:,} bytes, more than {name_max:,}, the limit for a name here\n")


def test_a_report_file_with_too_long_a_name_or_path_is_one_line_and_exit_2(tmp_path: Path, cable: Path) -> None:
    name_max, path_max = limits(tmp_path)
    before = sorted(os.listdir(tmp_path))
    long = _name(tmp_path, 1, ".txt")
    result = run_cli("check", "ok.cable", "-o", long)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"cablelint: cannot write the report to {long}: its name is {name_max + 1:,} bytes, more than {name_max:,}, the limit for a name here\n"
    in_folder = "d" * (name_max + 1) + "/report.txt"
    result = run_cli("check", "ok.cable", "-o", in_folder)
    assert result.stderr == f"cablelint: cannot write the report to {in_folder}: the folder name {'d' * 20}... in its path is {name_max + 1:,} bytes, more than {name_max:,}, the limit for a name here\n"
    deep = _deep(tmp_path, "report.txt")
    result = run_cli("check", "ok.cable", "-o", deep)
    assert (result.exit_code, result.stderr) == (2, f"cablelint: cannot write the report to {deep}: its path is {len(deep):,} bytes, more than {path_max - 1:,}, the limit for a path here\n")
    assert sorted(os.listdir(tmp_path)) == before  # (no folder of the deep path made and left)


def test_a_baseline_with_too_long_a_name_or_path(tmp_path: Path, cable: Path) -> None:
    name_max, path_max = limits(tmp_path)
    before = sorted(os.listdir(tmp_path))
    long = _name(tmp_path, 2, ".json")
    figures = f"its name is {name_max + 2:,} bytes, more than {name_max:,}, the limit for a name here"
    read = run_cli("check", "ok.cable", "--baseline", long)
    assert (read.exit_code, read.stderr) == (2, f"cablelint: {long}: cannot read the baseline: {figures}\n")
    written = run_cli("check", "ok.cable", "--write-baseline", long)
    assert (written.exit_code, written.stderr) == (2, f"cablelint: {long}: cannot write the baseline: {figures}\n")
    deep = _deep(tmp_path, "base.json")
    written = run_cli("check", "ok.cable", "--write-baseline", deep)
    assert (written.exit_code, written.stderr) == (2, f"cablelint: {deep}: cannot write the baseline: its path is {len(deep):,} bytes, more than {path_max - 1:,}, the limit for a path here\n")
    assert sorted(os.listdir(tmp_path)) == before
    config = run_cli("check", "ok.cable", "--config", _name(tmp_path, 3, ".toml"))
    assert config.exit_code == 2 and config.stderr.endswith(f": cannot read the configuration file: its name is {name_max + 3:,} bytes, more than {name_max:,}, the limit for a name here\n")


def test_a_long_name_the_system_takes_is_written(tmp_path: Path, cable: Path) -> None:
    """A name of 232 bytes or more (NAME_MAX 255) could not be written: its
    temporary file's name, 24 bytes longer, was "File name too long"."""
    name_max, _ = limits(tmp_path)
    report = _name(tmp_path, 0, ".txt")  # (the longest name there is)
    assert run_cli("check", "ok.cable", "-o", report).exit_code == 1
    assert (tmp_path / report).read_text(encoding="utf-8").startswith("ok.cable:")
    base = _name(tmp_path, -10, ".json")
    assert run_cli("check", "ok.cable", "--write-baseline", base).exit_code == 0
    assert json.loads((tmp_path / base).read_text(encoding="utf-8"))["entries"]
    fixed = tmp_path / _name(tmp_path, 0, ".cable")
    fixed.write_bytes(SEED.read_bytes())
    result = run_cli("check", "--fix", fixed.name)
    assert "cannot write" not in result.output and fixed.read_bytes() != SEED.read_bytes()
    assert [p.name for p in tmp_path.iterdir() if "cablelint-tmp" in p.name] == []
