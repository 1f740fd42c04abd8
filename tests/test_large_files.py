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


MB = 1024 * 1024
PIPED = "cannot read the file (more than 10 MB, the limit for a cable): expected a readable cable file"


def pipe_in(args: list[str], chunks: int, chunk: bytes = b"X" * MB) -> tuple[subprocess.CompletedProcess[bytes], int]:
    """Run cablelint with *args*, writing 'UNCLAS' and *chunks* times *chunk* to its
    standard input through a pipe: what it did, and how many chunks it took before
    it closed its standard input."""
    proc = subprocess.Popen([sys.executable, "-m", "cablelint", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    written = []
    out: list[bytes] = []
    err: list[bytes] = []

    def drain(stream: object, into: list[bytes]) -> None:
        into.append(stream.read())  # type: ignore[attr-defined]

    readers = [threading.Thread(target=drain, args=(proc.stdout, out)), threading.Thread(target=drain, args=(proc.stderr, err))]
    for r in readers:
        r.start()
    assert proc.stdin is not None
    try:
        proc.stdin.write(b"UNCLAS\n")
        for _ in range(chunks):
            proc.stdin.write(chunk)
            written.append(1)
        proc.stdin.close()
    except BrokenPipeError:  # (it stopped reading at the limit: expected without --fix)
        pass
    proc.wait(timeout=120)
    for r in readers:
        r.join(timeout=30)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out[0], err[0]), len(written)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_standard_input_larger_than_the_limit_is_read_up_to_the_limit(fmt: str) -> None:
    """12 MB piped in was read whole into memory before the limit was checked: it is
    read as a pipe named on the command line is, up to the limit and a byte (the rest
    never read), and F000 says so."""
    done, written = pipe_in(["check", "--format", fmt, "-"], 12)
    assert (done.returncode, done.stderr) == (1, b"")
    if fmt == "text":
        assert done.stdout.decode() == f"-:1:1: F000 [error] {PIPED}\nFound 1 error in 1 file checked.\n"
    else:
        assert [(d["path"], d["code"], d["message"]) for d in json.loads(done.stdout)] == [("-", "F000", PIPED)]
    assert written < 12  # (the rest was never read)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_fix_hands_back_standard_input_larger_than_the_limit_whole(fmt: str) -> None:
    """--fix - prints the cable: one it could not read goes back as it came, every
    byte of it, the bytes past the limit passed through, not kept."""
    done, written = pipe_in(["check", "--fix", "--format", fmt, "-"], 12)
    assert done.returncode == 1 and written == 12
    assert done.stdout == b"UNCLAS\n" + b"X" * (12 * MB)
    assert PIPED.encode() in done.stderr and b"Traceback" not in done.stderr


def test_a_file_redirected_to_standard_input_is_measured_not_read(tmp_path: Path) -> None:
    """'cablelint check - < big.cable': measured as the file is (its size in F000);
    --fix - hands it back whole all the same."""
    big = tmp_path / "big.cable"
    big.write_bytes(b"UNCLAS\n" + b"X" * (11 * MB))
    args = [sys.executable, "-m", "cablelint", "check"]
    with open(big, "rb") as f:
        done = subprocess.run([*args, "-"], stdin=f, capture_output=True, check=False)
    assert done.stdout.decode() == "-:1:1: F000 [error] cannot read the file (11.0 MB, more than 10 MB, the limit for a cable): expected a readable cable file\nFound 1 error in 1 file checked.\n"
    with open(big, "rb") as f:
        fixed = subprocess.run([*args, "--fix", "-"], stdin=f, capture_output=True, check=False)
    assert fixed.returncode == 1 and fixed.stdout == big.read_bytes() and b"11.0 MB" in fixed.stderr


def test_a_file_redirected_to_standard_input_from_partway_is_measured_from_there(tmp_path: Path) -> None:
    """'{ read hdr; cablelint check -; } < file': standard input is the file from
    where the reader left it, so only the bytes left count. An 11 MB file with a
    cable in its last bytes gave F000 "(11.0 MB, ...)" and the cable was never
    linted; it is linted as if it came alone, and --fix - hands back every byte of it."""
    at = 11 * MB
    big = tmp_path / "big.cable"
    with open(big, "wb") as f:
        f.seek(at)  # (a hole: no 11 MB of disk)
        f.write(VALID.read_bytes())
    args = [sys.executable, "-m", "cablelint", "check", "--no-cache"]
    for fix in ([], ["--fix"]):
        with open(VALID, "rb") as f:
            want = subprocess.run([*args, *fix, "-"], stdin=f, capture_output=True, check=False)
        with open(big, "rb") as f:
            f.seek(at)
            done = subprocess.run([*args, *fix, "-"], stdin=f, capture_output=True, check=False)
        assert b"F000" not in done.stdout + done.stderr
        assert (done.returncode, done.stdout) == (want.returncode, want.stdout)
    # from half a MB in, 10.5 MB are left: that is what F000 gives
    with open(big, "rb") as f:
        f.seek(MB // 2)
        done = subprocess.run([*args, "-"], stdin=f, capture_output=True, check=False)
    assert b"cannot read the file (10.5 MB, more than 10 MB, the limit for a cable)" in done.stdout
    with open(big, "rb") as f:
        f.seek(MB // 2)
        fixed = subprocess.run([*args, "--fix", "-"], stdin=f, capture_output=True, check=False)
    assert fixed.returncode == 1 and fixed.stdout == big.read_bytes()[MB // 2 :] and b"10.5 MB" in fixed.stderr


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="the peak memory as Linux gives it (VmHWM)")
def test_fix_passes_large_standard_input_through_without_keeping_it() -> None:
    """60 MB piped to --fix - took 60 MB of memory and more (it was read whole): the
    run takes no more memory for it than for 12 MB."""
    # (VmHWM, the process's own peak: ru_maxrss keeps the parent's, pytest's, across exec)
    wrap = "import runpy, sys\ntry:\n    runpy.run_module('cablelint', run_name='__main__')\nfinally:\n    print('maxrss', [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0], file=sys.stderr)"

    def peak(chunks: int) -> int:
        proc = subprocess.run([sys.executable, "-c", wrap, "check", "--fix", "-"], input=b"UNCLAS\n" + b"X" * (chunks * MB), capture_output=True, check=False)
        assert len(proc.stdout) == 7 + chunks * MB
        return int(proc.stderr.split(b"maxrss ")[-1])

    assert peak(60) - peak(12) < 20 * 1024  # KB: 100 MB took 132 MB, 12 MB 42 MB, before


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
