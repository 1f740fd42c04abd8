"""A listing whose reader goes away before its end (``cablelint rules | head -1``)
has done what was asked of it: exit 0, and nothing on standard error (no
traceback, no "Exception ignored" from the flush at the exit). Real processes, as
the shell starts them: the reader's end of the pipe closed before a byte is
written, and a reader that reads one line of an output larger than the pipe holds."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import CORPUS

SEED = CORPUS / "real" / "09BAMAKO97.cable"
LISTINGS = [
    ["rules"],
    ["rules", "--format", "json"],
    ["rules", "--format", "markdown"],
    ["rule", "F004"],
    ["rule", "F004", "--format", "json"],
    ["parse", str(SEED)],
    ["parse", str(SEED), str(SEED)],
    ["check", "--show-files", str(CORPUS)],
    ["check", "--show-settings"],
    ["--help"],
    ["rules", "--help"],
    ["--version"],
]


def _cablelint() -> list[str]:
    return [sys.executable, "-m", "cablelint"]


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_a_listing_whose_reader_is_gone_exits_0_quietly(args: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # (the reader went before the first byte: every write fails)
    try:
        done = subprocess.run([*_cablelint(), *args], stdout=write, stderr=subprocess.PIPE, timeout=120, check=False)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr.decode()) == (0, "")


@pytest.mark.parametrize("args", [["rules", "--format", "json"], ["rules", "--format", "markdown"]], ids=" ".join)
def test_a_reader_that_reads_one_line_and_goes(args: list[str]) -> None:
    """As ``| head -1`` does: the output (100 KB and more) is larger than a pipe
    holds, so the write after the reader went fails."""
    reader = subprocess.Popen([sys.executable, "-c", "import sys; print(sys.stdin.readline().strip())"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert reader.stdin is not None
    done = subprocess.run([*_cablelint(), *args], stdout=reader.stdin, stderr=subprocess.PIPE, timeout=120, check=False)
    reader.stdin.close()
    assert reader.stdout is not None
    first = reader.stdout.read()
    assert reader.wait(timeout=60) == 0
    assert first.strip() in (b"[", b"# cablelint rules")
    assert (done.returncode, done.stderr.decode()) == (0, "")


def test_check_s_report_still_ends_as_before() -> None:
    """check's report is no listing: its status says whether there were findings
    (1 here, as before), and it is as quiet."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([*_cablelint(), "check", "--no-cache", str(SEED)], stdout=write, stderr=subprocess.PIPE, timeout=120, check=False)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr.decode()) == (1, "")
