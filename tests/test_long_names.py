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
