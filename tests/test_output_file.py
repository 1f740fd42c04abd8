"""`cablelint check -o FILE`: the report written to a file instead of standard output,
as CI keeps a SARIF or JUnit file while the log shows the text."""

from __future__ import annotations

import json
import os
import pty
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import CORPUS, read_only_folder, run_cli

BASE = (CORPUS / "valid" / "telegram-confidential-13526-rabat.cable").read_text(encoding="utf-8")
FAULTY = BASE.replace("NEW BUDGET", "NEW\x00BUDGET")  # F002 at 20:46
SEED = CORPUS / "real" / "09BAMAKO97.cable"


@pytest.fixture
def faulty(tmp_path: Path) -> Path:
    path = tmp_path / "a.cable"
    path.write_text(FAULTY, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_the_file_holds_what_standard_output_would(fmt: str, tmp_path: Path) -> None:
    printed = run_cli("check", "--format", fmt, str(SEED))
    report = tmp_path / f"report.{fmt}"
    written = run_cli("check", "--format", fmt, "-o", str(report), str(SEED))
    assert written.exit_code == printed.exit_code == 1
    assert written.stdout == ""
    assert report.read_text(encoding="utf-8") == printed.stdout
    assert printed.stdout  # (not two empty reports)


def test_folders_are_made_and_a_json_report_is_whole(tmp_path: Path) -> None:
    report = tmp_path / "reports" / "lint" / "cablelint.json"
    result = run_cli("check", "--format", "json", "--output-file", str(report), str(SEED))
    assert result.exit_code == 1
    found = json.loads(report.read_text(encoding="utf-8"))
    assert [(d["code"], d["line"]) for d in found][:2] == [("R003", 5), ("F004", 23)]


def test_an_older_report_is_replaced_whole(tmp_path: Path, faulty: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("an older, longer report\n" * 100, encoding="utf-8")
    result = run_cli("check", "-o", str(report), str(faulty))
    assert result.exit_code == 1
    assert report.read_text(encoding="utf-8").splitlines() == [
        f"{faulty}:20:46: F002 [error] control character U+0000: expected printable text, tab or a line break",
        "Found 1 error in 1 file checked.",
    ]
    assert [p.name for p in tmp_path.iterdir() if "cablelint-tmp" in p.name] == []


def test_a_clean_run_still_writes_its_report(tmp_path: Path) -> None:
    good = tmp_path / "good.cable"
    good.write_text(BASE, encoding="utf-8")
    report = tmp_path / "out.json"
    result = run_cli("check", "--format", "json", "-o", str(report), str(good))
    assert result.exit_code == 0 and json.loads(report.read_text(encoding="utf-8")) == []


def test_no_colour_or_source_in_a_file_unless_asked(tmp_path: Path, faulty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "report.txt"
    monkeypatch.setenv("FORCE_COLOR", "1")  # forces colour on standard output, not into a file
    assert "\x1b[" in run_cli("check", str(faulty)).stdout
    run_cli("check", "-o", str(report), str(faulty))
    plain = report.read_text(encoding="utf-8")
    assert "\x1b[" not in plain and "^" not in plain
    run_cli("check", "--color", "--show-source", "-o", str(report), str(faulty))
    asked = report.read_text(encoding="utf-8")
    assert "\x1b[" in asked and "^" in asked


def test_on_a_terminal_the_file_gets_no_excerpt(tmp_path: Path, faulty: Path) -> None:
    report = tmp_path / "report.txt"
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    proc = subprocess.run([sys.executable, "-m", "cablelint", "check", "-o", str(report), str(faulty)], stdout=slave, stderr=slave, env=env, check=False)
    os.close(slave)
    os.close(master)
    assert proc.returncode == 1
    assert report.read_text(encoding="utf-8").splitlines()[-1] == "Found 1 error in 1 file checked."
    assert "\x1b[" not in report.read_text(encoding="utf-8") and " | " not in report.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--diff"], "--diff prints a diff"),
        (["--fix", "--diff"], "--diff prints a diff"),
        (["--write-baseline", "base.json"], "--write-baseline records the findings"),
    ],
)
def test_runs_that_write_no_report_refuse_it(extra: list[str], said: str, tmp_path: Path, faulty: Path) -> None:
    report = tmp_path / "report.txt"
    result = run_cli("check", *extra, "-o", str(report), str(faulty))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: --output-file takes the report and {said} instead of one: expected one of the two"
    assert not report.exists() and faulty.read_text(encoding="utf-8") == FAULTY


def test_a_report_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path, faulty: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("kept\n", encoding="utf-8")
    locked.chmod(0o444)
    result = run_cli("check", "-o", str(locked), str(faulty))
    assert result.exit_code == 2
    assert result.stderr == f"cablelint: cannot write the report to {locked}: permission denied (the file is read-only)\n"
    assert locked.read_text(encoding="utf-8") == "kept\n"
    blocker = tmp_path / "afile"
    blocker.write_text("", encoding="utf-8")
    result = run_cli("check", "-o", str(blocker / "report.txt"), str(faulty))
    assert result.exit_code == 2
    assert result.stderr == f"cablelint: cannot write the report to {blocker / 'report.txt'}: {blocker} is a file, not a folder\n"
    # a file further up, the folders under it to be made: it is named (it said "Not a directory")
    deeper = blocker / "x" / "y" / "report.txt"
    result = run_cli("check", "-o", str(deeper), str(faulty))
    assert (result.exit_code, result.stderr) == (2, f"cablelint: cannot write the report to {deeper}: {blocker} is a file, not a folder\n")


@pytest.mark.parametrize("there, then", [(False, "becomes the file"), (True, "replaces the file")], ids=["new", "existing"])
def test_a_report_the_folder_refuses_says_what_the_temporary_file_was_for(tmp_path: Path, faulty: Path, monkeypatch: pytest.MonkeyPatch, there: bool, then: str) -> None:
    """A folder that may not be written: the report goes to a temporary file there
    first, which the folder refuses. For a report not yet there the message said the
    temporary file "replaces the file", which is not there to replace."""
    folder = tmp_path / "reports"
    folder.mkdir()
    report = folder / "report.txt"
    if there:
        report.write_text("kept\n", encoding="utf-8")
    with read_only_folder(folder, monkeypatch):
        result = run_cli("check", "-o", str(report), str(faulty))
    assert result.exit_code == 2
    assert result.stderr == (
        f"cablelint: cannot write the report to {report}: permission denied in the folder {folder}"
        f" (the new text is written to a temporary file there, which then {then})\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == (["report.txt"] if there else [])
    assert not there or report.read_text(encoding="utf-8") == "kept\n"


def test_fixing_standard_input_keeps_the_cable_alone_on_standard_output(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    text = SEED.read_text(encoding="utf-8")
    result = run_cli("check", "--fix", "--format", "json", "-o", str(report), "-", "--stdin-filename", "seed.cable", input=text)
    assert result.exit_code == 1
    assert "[PGOV](#)" in text and "[PGOV](#)" not in result.stdout  # the fixed cable, nothing else
    assert result.stdout.startswith(text[:20])
    remaining = json.loads(report.read_text(encoding="utf-8"))
    assert {d["code"] for d in remaining} >= {"R003", "X005"} and all(d["path"] == "seed.cable" for d in remaining)


def test_the_report_never_replaces_a_cable_being_linted(tmp_path: Path, faulty: Path) -> None:
    for named in (str(faulty), str(tmp_path / "." / "a.cable")):
        result = run_cli("check", "-o", named, str(tmp_path))
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == f"Error: --output-file {named} is a file being linted: the report would replace it; expected another path for the report"
        assert faulty.read_text(encoding="utf-8") == FAULTY
    link = tmp_path / "link.txt"
    link.symlink_to(faulty)
    assert run_cli("check", "-o", str(link), str(faulty)).exit_code == 2
    assert faulty.read_text(encoding="utf-8") == FAULTY


def test_a_report_redirected_to_a_file_is_not_linted(tmp_path: Path) -> None:
    """``check . > report.txt``: the shell makes (or empties) report.txt before
    cablelint walks the folder; *.txt is linted, but not the file the report goes to."""
    (tmp_path / "a.cable").write_bytes(SEED.read_bytes())
    (tmp_path / "notes.txt").write_bytes(SEED.read_bytes())
    with (tmp_path / "report.txt").open("w", encoding="utf-8") as out:
        proc = subprocess.run([sys.executable, "-m", "cablelint", "check", "--no-cache", "-q", "."], cwd=tmp_path, stdout=out, stderr=subprocess.PIPE, text=True, check=False)
    assert proc.returncode == 1 and proc.stderr == ""
    paths = {line.split(":")[0] for line in (tmp_path / "report.txt").read_text(encoding="utf-8").splitlines()}
    assert paths == {"./a.cable", "./notes.txt"}
    with (tmp_path / "report.txt").open("w", encoding="utf-8") as out:
        proc = subprocess.run([sys.executable, "-m", "cablelint", "check", "--no-cache", "-q", "report.txt", "a.cable"], cwd=tmp_path, stdout=out, stderr=subprocess.PIPE, text=True, check=False)
    assert proc.stderr == "cablelint: warning: not linting report.txt: the report is being written to it\n"
    assert {line.split(":")[0] for line in (tmp_path / "report.txt").read_text(encoding="utf-8").splitlines()} == {"a.cable"}


def _read_fifo(fifo: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(fifo, "rb") as f:
            into.append(f.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_a_named_pipe_or_device_is_written_into_never_replaced(option: str, tmp_path: Path, faulty: Path) -> None:
    """`-o /dev/null` (and a baseline there) as root once renamed a regular file over
    /dev/null: what is not a regular file is written into, and stays what it was. A
    named pipe stands for the device here (a test must not risk /dev/null)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    result = run_cli("check", option, str(fifo), str(faulty))
    reader.join(10)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    if option == "-o":
        assert result.exit_code == 1 and result.stdout == ""
        assert got == [f"{faulty}:20:46: F002 [error] control character U+0000: expected printable text, tab or a line break\nFound 1 error in 1 file checked.\n".encode()]
    else:
        assert result.exit_code == 0 and result.stderr == f"Recorded 1 finding in {fifo}.\n"
        assert json.loads(got[0])["entries"][0]["code"] == "F002"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.cable", "pipe"]  # no temporary file left


def test_a_report_file_holds_a_path_that_is_not_utf8_as_its_bytes(tmp_path: Path) -> None:
    """A file name whose bytes are not UTF-8 is written as those bytes, in the report
    file as on standard output, where the report file once crashed the run."""
    folder = tmp_path / "cables"
    folder.mkdir()
    (folder / os.fsdecode(b"x\xff.cable")).write_text(FAULTY, encoding="utf-8")
    report = tmp_path / "report.txt"
    result = run_cli("check", "-o", str(report), str(folder))
    assert result.exit_code == 1 and result.stderr == ""
    line = os.fsencode(str(folder)) + b"/x\xff.cable:20:46: F002 [error] control character U+0000: expected printable text, tab or a line break\n"
    assert report.read_bytes() == line + b"Found 1 error in 1 file checked.\n"
    assert run_cli("check", str(folder)).stdout_bytes == report.read_bytes()


def test_the_machine_reports_of_a_path_that_is_not_utf8_are_utf8(tmp_path: Path) -> None:
    """JSON and JUnit XML are UTF-8 documents: a file name's bytes that are not UTF-8
    go in them as escapes (JSON's gives the name back as os.fsdecode reads it), where
    the JSON report once held the bytes and no JSON reader would take it."""
    import xml.etree.ElementTree as ET

    folder = tmp_path / "cables"
    folder.mkdir()
    name = os.fsdecode(b"x\xff.cable")
    (folder / name).write_text(FAULTY, encoding="utf-8")
    found = json.loads(run_cli("check", "--format", "json", str(folder)).stdout_bytes.decode("utf-8"))
    assert [(d["path"], d["code"]) for d in found] == [(str(folder / name), "F002")]
    assert b'x\\udcff.cable"' in run_cli("check", "--format", "json", str(folder)).stdout_bytes
    suite = ET.fromstring(run_cli("check", "--format", "junit", str(folder)).stdout_bytes.decode("utf-8"))
    assert [(s.get("name"), case.get("file")) for s in suite.iter("testsuite") for case in s] == [(f"{folder}/x\\xff.cable", f"{folder}/x\\xff.cable")]


def test_a_stream_that_is_not_utf8_gets_escapes_not_a_crash(tmp_path: Path) -> None:
    """PYTHONIOENCODING=ascii (or a legacy console): what the stream cannot carry is
    written as an escape, where a curly quote in a finding once crashed the run."""
    draft = tmp_path / "q.cable"
    draft.write_text("UNCLAS\n\n1. (U) It\u2019s.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = subprocess.run([sys.executable, "-m", "cablelint", "check", "--select", "F004", "--dialect", "draft", str(draft)], capture_output=True, env=env, check=False)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.decode("ascii").splitlines()[0] == f"{draft}:3:10: F004 [warning] typographic right single quotation mark (\\u2019) in a draft: expected a straight apostrophe (') (a telegram carries ASCII only) [*]"
    assert proc.stderr == b""


def test_the_report_never_replaces_the_baseline_or_the_configuration(tmp_path: Path, faulty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cablelint.toml").write_text("line-length = 69\n", encoding="utf-8")
    assert run_cli("check", "--write-baseline", "base.json", "a.cable").exit_code == 0
    kept = (tmp_path / "base.json").read_text(encoding="utf-8")
    for extra, target, role in (
        (["--baseline", "base.json"], "./base.json", "the baseline file read (--baseline)"),
        ([], "cablelint.toml", "the configuration file in force"),
        (["--config", "cablelint.toml"], "cablelint.toml", "the configuration file in force"),
    ):
        result = run_cli("check", *extra, "-o", target, "a.cable")
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == f"Error: --output-file {target} is {role}: the report would replace it; expected another path for the report"
    assert (tmp_path / "base.json").read_text(encoding="utf-8") == kept
    assert (tmp_path / "cablelint.toml").read_text(encoding="utf-8") == "line-length = 69\n"


def test_a_dash_is_standard_output_and_an_empty_path_is_refused(tmp_path: Path, faulty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`-o -` made a file named '-'; `-o ""` (an unset variable) said 'Is a directory'."""
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "-o", "-", "a.cable")
    assert result.exit_code == 1 and result.stdout == run_cli("check", "a.cable").stdout
    assert not (tmp_path / "-").exists()
    for option in ("-o", "--config", "--baseline", "--write-baseline", "--stdin-filename"):
        result = run_cli("check", option, "", "a.cable")
        assert result.exit_code == 2
        shown = "'-o' / '--output-file'" if option == "-o" else f"'{option}'"
        assert result.stderr.splitlines()[-1] == f"Error: Invalid value for {shown}: expected a path, not an empty string"
    result = run_cli("clean", "--config", "")
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == "Error: Invalid value for '--config': expected a path, not an empty string"


def test_a_report_where_the_walk_lints_files_is_refused_from_the_first_run(tmp_path: Path, faulty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`check -o report.txt .` passed once, then failed on every later run: the
    report it had left is a *.txt file the walk of . lints. Refused from the first
    run; a name include does not match, or an excluded folder, is fine."""
    monkeypatch.chdir(tmp_path)
    for option, target, what in (("-o", "report.txt", "the report"), ("-o", "reports/lint.txt", "the report"), ("--write-baseline", "base.txt", "the baseline")):
        result = run_cli("check", option, target, ".")
        assert result.exit_code == 2, target
        shown = "--output-file" if option == "-o" else option
        assert result.stderr.splitlines()[-1] == (
            f"Error: {shown} {target} is where the walk of . lints files (include: *.cable, *.tel, *.txt): the next run would lint {what} as a cable;"
            " expected a name include does not match, or a path outside ."
        )
        assert not (tmp_path / target).exists()
    for _ in range(2):
        assert run_cli("check", "-o", "report.json", ".").exit_code == 1
    (tmp_path / "cablelint.toml").write_text('exclude = ["reports"]\n', encoding="utf-8")
    for _ in range(2):
        assert run_cli("check", "-o", "reports/lint.txt", ".").exit_code == 1
    assert (tmp_path / "reports" / "lint.txt").read_text(encoding="utf-8").endswith("Found 1 error in 1 file checked.\n")


def test_a_report_on_another_drive_is_no_file_the_walk_lints(tmp_path: Path, faulty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows, a path on another drive than the folder walked has no relative
    path to it (os.path.relpath raises ValueError): the report is outside the walk,
    and the run goes on rather than ending in a traceback."""
    monkeypatch.chdir(tmp_path)
    relpath = os.path.relpath

    def across_drives(path: str, start: str = os.curdir) -> str:
        if "drive-d" in str(path) or "drive-d" in str(start):
            raise ValueError("path is on mount 'D:', start on mount 'C:'")
        return relpath(path, start)

    monkeypatch.setattr(os.path, "relpath", across_drives)
    result = run_cli("check", "-o", str(tmp_path / "drive-d" / "report.txt"), ".")
    assert result.exit_code == 1, result.stderr
    assert (tmp_path / "drive-d" / "report.txt").read_text(encoding="utf-8").endswith("Found 1 error in 1 file checked.\n")


def _signal_at_the_temporary_file(signum: int) -> str:
    """The report's temporary file made, then *signum* sent to the process itself at
    once, before AtomicFile has it in WRITING: the window a Ctrl-C or a `kill` could
    fall in. A child script for a real process, which runs `cablelint ARGS`."""
    return f"""
import os, sys, tempfile
from cablelint.__main__ import run

made = tempfile.mkstemp

def mkstemp(*args, **kwargs):
    found = made(*args, **kwargs)
    if os.path.basename(found[1]).startswith(".r.txt."):
        os.kill(os.getpid(), {int(signum)})
    return found

tempfile.mkstemp = mkstemp
sys.argv = ["cablelint", *sys.argv[1:]]
run()
"""


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_a_signal_as_the_temporary_report_is_made_leaves_no_temporary_file(tmp_path: Path, faulty: Path, name: str) -> None:
    """Ctrl-C or `kill PID` between the temporary file's making and its being known
    to the run (WRITING) left it beside the report: KeyboardInterrupt was raised
    before any caller held the file to discard it, and SIGTERM's clean end
    (cablelint.__main__) did not know it. The signals are held in that window; the
    one held comes as the hold ends, and the temporary file is removed."""
    import signal

    signum = getattr(signal, name)
    reports = tmp_path / "reports"
    reports.mkdir()
    proc = subprocess.run(
        [sys.executable, "-c", _signal_at_the_temporary_file(signum), "check", "--no-cache", "-o", str(reports / "r.txt"), str(faulty)],
        capture_output=True, timeout=120, check=False,
    )
    if name == "SIGINT":
        assert (proc.returncode, proc.stderr) == (130, b"\ncablelint: interrupted\n")
    else:
        assert (proc.returncode, proc.stderr) == (-signum, b"")
    assert sorted(p.name for p in reports.iterdir()) == []
