"""A file larger than a cable can be (files.MAX_BYTES, 10 MB: a log, an archive or a
disk image named .cable) is not read: F000 at 1:1 says how large it is and the
limit, and the other files are linted. Standard input and named pipes too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cablelint import files
from cablelint.files import MAX_BYTES, LoadedFile, read_bytes
from tests.conftest import CORPUS, run_cli

VALID = CORPUS / "valid" / "telegram-confidential-13526-rabat.cable"
BIG = "cannot read the file (20.0 MB, more than 10 MB, the limit for a cable): expected a readable cable file"


def sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)  # (no blocks written: the test takes no 20 MB of disk)
    return path


@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["cache", "no-cache"])
def test_a_20_mb_file_is_f000_and_the_others_are_linted(cache: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    sparse(tmp_path / "big.cable", 20 * 1024 * 1024)
    (tmp_path / "ok.cable").write_text(VALID.read_text(encoding="utf-8"), encoding="utf-8")
    read = []
    real_read = files.read_limited
    monkeypatch.setattr(files, "read_limited", lambda f: read.append(f.name) or real_read(f))
    text = run_cli("check", *cache, "big.cable", "ok.cable")
    assert (text.exit_code, text.stdout) == (1, f"big.cable:1:1: F000 [error] {BIG}\nFound 1 error in 2 files checked.\n")
    found = json.loads(run_cli("check", *cache, "--format", "json", "big.cable", "ok.cable").stdout)
    assert found == [
        {"path": "big.cable", "line": 1, "column": 1, "end_line": 1, "end_column": 1, "code": "F000", "name": "unreadable-file", "severity": "error", "message": BIG, "fix": None}
    ]
    assert read  # (through the limit, each time)


def test_the_limit_is_bytes_where_a_tenth_of_a_mb_would_not_show_it(tmp_path: Path) -> None:
    just = sparse(tmp_path / "just.cable", MAX_BYTES + 1)
    assert read_bytes(str(just)) == LoadedFile(str(just), None, "10,485,761 bytes, more than 10,485,760 bytes, the limit for a cable")
    at = sparse(tmp_path / "at.cable", MAX_BYTES)
    assert read_bytes(str(at)) == bytes(MAX_BYTES)  # the limit itself is read


def test_a_large_file_is_not_read_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It is measured, not read: 20 GB would have been read into memory first.
    (The language server reads a document's file through read_bytes as well.)"""
    huge = sparse(tmp_path / "huge.cable", 20 * 1024**3)
    loaded = read_bytes(str(huge))
    assert isinstance(loaded, LoadedFile) and loaded.error == "20480.0 MB, more than 10 MB, the limit for a cable"


def test_standard_input_larger_than_the_limit_is_f000_and_fix_hands_it_back(tmp_path: Path) -> None:
    data = b"UNCLAS\n" + b"X" * (11 * 1024 * 1024)
    args = [sys.executable, "-m", "cablelint", "check"]
    done = subprocess.run([*args, "-"], input=data, capture_output=True, check=False)
    assert (done.returncode, done.stderr) == (1, b"")
    assert done.stdout.decode() == "-:1:1: F000 [error] cannot read the file (11.0 MB, more than 10 MB, the limit for a cable): expected a readable cable file\nFound 1 error in 1 file checked.\n"
    # --fix - prints the cable: one it could not read goes back as it came, whole
    fixed = subprocess.run([*args, "--fix", "-"], input=data, capture_output=True, check=False)
    assert fixed.returncode == 1 and fixed.stdout == data
    assert b"F000" in fixed.stderr and b"Traceback" not in fixed.stderr


def test_parse_refuses_a_large_file_in_one_line(tmp_path: Path) -> None:
    big = sparse(tmp_path / "big.cable", 20 * 1024 * 1024)
    result = run_cli("parse", str(big))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"cablelint: {big}: cannot read the file: 20.0 MB, more than 10 MB, the limit for a cable\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_read_up_to_the_limit(tmp_path: Path) -> None:
    """A pipe has no size to measure: it is read up to the limit and one byte more."""
    pipe = tmp_path / "pipe.cable"
    os.mkfifo(pipe)
    written = []

    def write() -> None:
        try:
            with open(pipe, "wb") as f:
                for _ in range(12):
                    f.write(b"X" * (1024 * 1024))
                    written.append(1)
        except BrokenPipeError:  # (the reader stopped at the limit: expected)
            pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    done = subprocess.run([sys.executable, "-m", "cablelint", "check", "--no-cache", str(pipe)], capture_output=True, text=True, timeout=120, check=False)
    writer.join(timeout=30)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[0] == f"{pipe}:1:1: F000 [error] cannot read the file (more than 10 MB, the limit for a cable): expected a readable cable file"
    assert len(written) < 12  # (the rest was never read)
