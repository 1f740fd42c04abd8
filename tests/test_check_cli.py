"""`cablelint check`, `rules` and `rule` as users drive them: output formats, colour,
source excerpts, statistics, parallel jobs, progress, bad files."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cablelint.cli import main
from tests.conftest import CORPUS, run_cli

BASE = (CORPUS / "valid" / "telegram-confidential-13526-rabat.cable").read_text(encoding="utf-8")
FAULTY = BASE.replace("NEW BUDGET", "NEW\x00BUDGET")  # F002 at 20:46


@pytest.fixture
def faulty(tmp_path: Path) -> Path:
    path = tmp_path / "a.cable"
    path.write_text(FAULTY, encoding="utf-8")
    return path


def test_text_format_line_and_summary(faulty: Path) -> None:
    result = run_cli("check", str(faulty))
    lines = result.stdout.splitlines()
    assert lines[0] == f"{faulty}:20:46: F002 [error] control character U+0000: expected printable text, tab or a line break"
    assert lines[-1] == "Found 1 error in 1 file checked."
    assert result.exit_code == 1


def test_clean_summary_and_quiet(tmp_path: Path) -> None:
    good = tmp_path / "good.cable"
    good.write_text(BASE, encoding="utf-8")
    result = run_cli("check", str(good))
    assert result.stdout == "All clean: 1 file checked, no findings.\n" and result.exit_code == 0
    assert run_cli("check", "-q", str(good)).stdout == ""


def test_show_source_puts_a_caret_under_the_span(faulty: Path) -> None:
    out = run_cli("check", "--show-source", str(faulty)).stdout.splitlines()
    assert out[2] == "20 | SUBJECT: MOROCCO: MUNICIPAL COUNCILS TEST NEW?BUDGET POWERS"  # no raw NUL to a terminal
    assert out[3] == "   | " + " " * 45 + "^"
    assert "^" not in run_cli("check", str(faulty)).stdout  # not a terminal: no excerpt


def test_show_source_cuts_lines_as_the_parser_and_counts_terminal_cells(tmp_path: Path) -> None:
    # a line separator and a form feed are inside their lines; CJK characters take two cells
    text = BASE.replace("KINSEY", "KIN\u2028SEY\x0c").replace("NEW BUDGET", "\u6f22\u5b57 NEW\x00BUDGET")
    path = tmp_path / "a.cable"
    path.write_text(text, encoding="utf-8")
    out = run_cli("check", "--show-source", "--no-color", "--select", "F002", str(path)).stdout
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if ":20:49: F002" in line)
    assert lines[at + 2] == "20 | SUBJECT: MOROCCO: MUNICIPAL COUNCILS TEST \u6f22\u5b57 NEW?BUDGET POWERS"
    assert lines[at + 3] == "   | " + " " * 50 + "^"  # 45 characters, two of them wide
    at = next(i for i, line in enumerate(lines) if ":55:8: F002" in line)
    assert lines[at + 2] == "55 | KIN?SEY?"


def test_show_source_reads_only_the_window_it_shows_of_a_long_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # each finding made every character of its line over for the terminal, where it
    # shows 100 of them: 4,000 residue links on one line took 9 s to report, 1,000 0.7 s
    from cablelint.reporters import text as reporter

    calls = [0]
    real = reporter._shown

    def shown(c: str, encoding: object) -> str:
        calls[0] += 1
        return real(c, encoding)  # type: ignore[arg-type]

    monkeypatch.setattr(reporter, "_shown", shown)
    n = 400
    path = tmp_path / "a.cable"
    path.write_text(BASE.replace("NEW BUDGET POWERS", "NEW BUDGET POWERS " + "[PGOV](#) " * n), encoding="utf-8")
    lines = run_cli("check", "--show-source", "--no-color", "--select", "F004", str(path)).stdout.splitlines()
    # the first link's window and the last's: 20 characters before the span, cut
    # with ellipses where the line goes on
    at = lines.index(f"{path}:20:61: F004 [warning] converter residue '[PGOV](#)': expected the plain text ('PGOV') [*]")
    assert lines[at + 2 : at + 4] == ["20 | ...T NEW BUDGET POWERS " + "[PGOV](#) " * 8 + "...", "   | " + " " * 23 + "^" * 9]
    at = next(i for i, line in enumerate(lines) if f":20:{61 + 10 * (n - 1)}: F004" in line)
    assert lines[at + 2 : at + 4] == ["20 | ..." + "[PGOV](#) " * 3, "   | " + " " * 23 + "^" * 9]
    assert calls[0] <= 100 * n


def test_the_caret_sits_under_the_span_as_a_stream_that_is_not_utf8_shows_it(tmp_path: Path) -> None:
    """PYTHONIOENCODING=ascii: the stream writes what it cannot carry as an escape
    (six cells for a CJK character the caret counted as two), so the caret fell
    short of the span; it now counts the line as the stream shows it."""
    path = tmp_path / "q.cable"
    path.write_text("UNCLAS\n\n1. (U) \u6f22\u5b57 It\u2019s\x01 a\tb caf\u00e9 x\x00y.\n", encoding="utf-8")
    args = ["check", "--show-source", "--dialect", "draft", "--select", "F002,F004", str(path)]
    result = CliRunner(charset="ascii").invoke(main, args)
    assert result.exit_code == 1
    shown = "3 | 1. (U) \\u6f22\\u5b57 It\\u2019s? a b caf\\xe9 x?y."
    lines = result.stdout_bytes.decode("ascii").splitlines()
    assert [(lines[i].split(": ")[0], lines[i + 2], lines[i + 3]) for i in range(0, 20, 4)] == [
        (f"{path}:3:8", shown, "  |        " + "^" * 12),  # \u6f22\u5b57
        (f"{path}:3:13", shown, "  |                       " + "^" * 6),  # \u2019
        (f"{path}:3:15", shown, "  |                              ^"),  # the control character, as ?
        (f"{path}:3:24", shown, "  |                                       ^^^^"),  # \xe9
        (f"{path}:3:27", shown, "  |" + " " * 45 + "^"),  # after the tab and the escapes
    ]
    # latin-1 carries the accented letter itself; a UTF-8 stream, and a report file, all of it
    latin = CliRunner(charset="latin-1").invoke(main, args).stdout_bytes.decode("latin-1").splitlines()
    assert latin[14:16] == ["3 | 1. (U) \\u6f22\\u5b57 It\\u2019s? a b caf\u00e9 x?y.", "  |" + " " * 39 + "^"]
    utf8 = CliRunner().invoke(main, args).stdout.splitlines()
    assert utf8[14:16] == ["3 | 1. (U) \u6f22\u5b57 It\u2019s? a b caf\u00e9 x?y.", "  |" + " " * 26 + "^"]  # (the CJK characters two cells each)
    report = tmp_path / "report.txt"
    assert CliRunner(charset="ascii").invoke(main, [*args, "-o", str(report)]).exit_code == 1
    assert report.read_text(encoding="utf-8").splitlines()[14:16] == utf8[14:16]


def test_colour_only_when_asked_or_forced(faulty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ansi = re.compile(r"\x1b\[")
    assert not ansi.search(run_cli("check", str(faulty)).stdout)
    assert ansi.search(run_cli("check", "--color", str(faulty)).stdout)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ansi.search(run_cli("check", str(faulty)).stdout)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ansi.search(run_cli("check", str(faulty)).stdout)
    assert not ansi.search(run_cli("check", "--format", "json", "--color", str(faulty)).stdout)


def test_statistics_counts_per_code(tmp_path: Path) -> None:
    path = tmp_path / "a.cable"
    path.write_text(FAULTY.replace("street lighting", "street\x01lighting"), encoding="utf-8")
    out = run_cli("check", "--statistics", str(path)).stdout.splitlines()
    assert out[-2:] == ["2\tF002\tcontrol-character", "Found 2 errors in 1 file checked."]


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit"])
def test_statistics_with_a_machine_readable_format_is_a_usage_error(faulty: Path, fmt: str) -> None:
    result = run_cli("check", "--statistics", "--format", fmt, str(faulty))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Error: --statistics adds a count per rule to the text report and the {fmt} report has no place for it: expected --format text, or no --statistics"
    )


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--diff"], "Error: --statistics counts the report's findings and --diff prints a diff instead of one: expected one of the two"),
        (["--write-baseline", "b.json"], "Error: --statistics counts the report's findings and --write-baseline records the findings instead of one: expected one of the two"),
        (["--show-files"], "Error: --show-files and --show-settings lint nothing, so --statistics would do nothing: expected one or the other"),
        (["--show-settings"], "Error: --show-files and --show-settings lint nothing, so --statistics would do nothing: expected one or the other"),
    ],
)
def test_statistics_with_a_run_that_prints_no_report_is_a_usage_error(faulty: Path, extra: list[str], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The counts were silently dropped (ruff refuses --statistics with --diff too)."""
    monkeypatch.chdir(tmp_path)
    before = faulty.read_bytes()
    result = run_cli("check", "--statistics", *extra, str(faulty))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == said
    assert faulty.read_bytes() == before and not (tmp_path / "b.json").exists()


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--diff"], "Error: --format {fmt} shapes the report and --diff prints a diff instead of one: expected one of the two"),
        (["--fix", "--diff"], "Error: --format {fmt} shapes the report and --diff prints a diff instead of one: expected one of the two"),
        (["--write-baseline", "b.json"], "Error: --format {fmt} shapes the report and --write-baseline records the findings instead of one: expected one of the two"),
        (["--show-files"], "Error: --show-files and --show-settings lint nothing, so --format {fmt} would do nothing: expected one or the other"),
        (["--show-settings"], "Error: --show-files and --show-settings lint nothing, so --format {fmt} would do nothing: expected one or the other"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_format_with_a_run_that_prints_no_report_is_a_usage_error(faulty: Path, extra: list[str], said: str, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--diff and --show-files printed their text and dropped --format json without a
    word (a script then failed to parse a diff as JSON); refused as --statistics is."""
    monkeypatch.chdir(tmp_path)
    before = faulty.read_bytes()
    result = run_cli("check", "--format", fmt, *extra, str(faulty))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == said.format(fmt=fmt)
    assert faulty.read_bytes() == before and not (tmp_path / "b.json").exists()
    # the default, text, is what they print: still accepted
    assert run_cli("check", "--format", "text", *extra, str(faulty)).exit_code in (0, 1)


def test_json_shape(faulty: Path) -> None:
    data = json.loads(run_cli("check", "--format", "json", str(faulty)).stdout)
    assert data == [
        {
            "path": str(faulty),
            "line": 20,
            "column": 46,
            "end_line": 20,
            "end_column": 47,
            "code": "F002",
            "name": "control-character",
            "severity": "error",
            "message": "control character U+0000: expected printable text, tab or a line break",
            "fix": None,
        }
    ]


def test_folders_are_walked_in_sorted_order_and_jobs_give_identical_output(tmp_path: Path) -> None:
    for i in (3, 1, 2):
        sub = tmp_path / f"d{i % 2}"
        sub.mkdir(exist_ok=True)
        (sub / f"c{i}.cable").write_text(FAULTY, encoding="utf-8")
    (tmp_path / "d1" / "broken.cable").write_bytes(b"\xff\xfeUNCLAS\n")
    one = run_cli("check", "--format", "json", str(tmp_path))
    two = run_cli("check", "--format", "json", "--jobs", "2", str(tmp_path))
    assert one.stdout == two.stdout
    paths = [Path(d["path"]).relative_to(tmp_path).as_posix() for d in json.loads(one.stdout)]
    assert paths == sorted(paths)
    assert run_cli("check", "--jobs", "2", str(tmp_path)).stdout == run_cli("check", str(tmp_path)).stdout


def test_bad_files_are_diagnostics_and_the_rest_is_linted(tmp_path: Path, faulty: Path) -> None:
    undecodable = tmp_path / "latin1.cable"
    undecodable.write_bytes(b"UNCLAS \xe9\n")
    locked = tmp_path / "locked.cable"
    locked.write_text(BASE, encoding="utf-8")
    locked.chmod(0)
    try:
        result = run_cli("check", "--format", "json", str(tmp_path / "missing.cable"), str(locked), str(undecodable), str(faulty))
    finally:
        locked.chmod(0o644)
    found = {(Path(d["path"]).name, d["code"]) for d in json.loads(result.stdout)}
    assert ("missing.cable", "F000") in found
    assert ("latin1.cable", "F001") in found and ("a.cable", "F002") in found
    if os.geteuid() != 0:  # root reads anything
        assert ("locked.cable", "F000") in found
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_a_path_the_system_refuses_is_a_diagnostic_and_the_rest_is_linted(tmp_path: Path, faulty: Path) -> None:
    too_long = str(tmp_path / ("a" * 300 + ".cable"))
    result = run_cli("check", "--format", "json", too_long, str(faulty))
    found = [(Path(d["path"]).name[-8:], d["code"], d["message"]) for d in json.loads(result.stdout)]
    assert ("a.cable", "F002") in [f[:2] for f in found]
    assert ("aa.cable", "F000") in [f[:2] for f in found]
    assert any("its name is 306 bytes, more than 255, the limit for a name here" in m for _, code, m in found if code == "F000")
    assert result.exit_code == 1


def test_a_loop_of_links_and_a_folder_that_cannot_be_listed_are_said_so(tmp_path: Path, faulty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # F000 gave the system's words, "Too many levels of symbolic links", for a link
    # into a loop, and "permission denied" for a folder the walk could not list, as
    # if it were a file cablelint could not open
    (tmp_path / "loop.cable").symlink_to("loop.cable")
    locked = tmp_path / "locked"
    locked.mkdir()
    scandir, listdir = os.scandir, os.listdir

    def refused(real: Any) -> Any:
        def call(path: Any = ".") -> Any:
            if Path(path) == locked:  # (root lists any folder: as a user would be refused)
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        return call

    monkeypatch.setattr(os, "scandir", refused(scandir))
    monkeypatch.setattr(os, "listdir", refused(listdir))
    result = run_cli("check", "--no-cache", "--select", "F000", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{locked}:1:1: F000 [error] cannot read the file (a folder that cannot be listed: permission denied): expected a readable cable file\n"
        f"{tmp_path / 'loop.cable'}:1:1: F000 [error] cannot read the file (a link into a loop of links, which leads to no file): expected a readable cable file\n"
        "Found 2 errors in 3 files checked.\n"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_folder_walk_passes_over_named_pipes_and_lints_dangling_links(tmp_path: Path, faulty: Path) -> None:
    # a named pipe called x.cable in an archive's folder made `check` wait for ever
    # on it, reading what nothing would write; git and ruff pass such files over
    os.mkfifo(tmp_path / "pipe.cable")
    (tmp_path / "gone.cable").symlink_to(tmp_path / "nowhere.cable")
    args = [sys.executable, "-m", "cablelint", "check", "--no-cache", "--format", "json"]
    walked = subprocess.run([*args, str(tmp_path)], capture_output=True, text=True, timeout=120, check=False)
    assert walked.returncode == 1, walked.stderr
    assert [(Path(d["path"]).name, d["code"]) for d in json.loads(walked.stdout)] == [("a.cable", "F002"), ("gone.cable", "F000")]
    # the link is there (the walk lists it): its target is what is missing
    gone = f"cannot read the file (a link to '{tmp_path / 'nowhere.cable'}', which does not exist): expected a readable cable file"
    assert json.loads(walked.stdout)[1]["message"] == gone
    listed = subprocess.run([*args[:-2], "--show-files", str(tmp_path)], capture_output=True, text=True, timeout=120, check=False)
    assert [Path(line).name for line in listed.stdout.splitlines()] == ["a.cable", "gone.cable"]
    # named, a pipe is read, as <(cmd) is: here one with a cable written into it
    writer = subprocess.Popen(["sh", "-c", 'cat "$1" > "$2"', "sh", str(faulty), str(tmp_path / "pipe.cable")])
    named = subprocess.run([*args, str(tmp_path / "pipe.cable")], capture_output=True, text=True, timeout=120, check=False)
    writer.wait(timeout=60)
    assert [d["code"] for d in json.loads(named.stdout)] == ["F002"]


def test_a_walk_finds_each_file_once_without_resolving_every_path(tmp_path: Path, faulty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the walk resolved each file's real path to tell files named twice apart: over
    # 2,255 files, six tenths of the walk; a folder's real path is now found once
    from cablelint.linter import runner
    from cablelint.linter.config import Config

    for n in range(40):
        (tmp_path / "sub").mkdir(exist_ok=True)
        (tmp_path / "sub" / f"{n:02}.cable").write_text("x", encoding="utf-8")
    (tmp_path / "link.cable").symlink_to(faulty)  # a link to a file of the walk: linted once, as first named
    (tmp_path / "linked").symlink_to(tmp_path / "sub", target_is_directory=True)  # not followed
    calls = []
    real = os.path.realpath
    monkeypatch.setattr(os.path, "realpath", lambda path, **kw: calls.append(path) or real(path, **kw))
    found = runner.walk([str(tmp_path), str(tmp_path / "linked"), str(faulty)], Config())
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == ["a.cable", *(f"sub/{n:02}.cable" for n in range(40))]
    assert len(calls) <= 4  # the folders named, the link and the file named: not one a file


def test_a_file_named_twice_or_through_its_folder_is_linted_once(tmp_path: Path, faulty: Path) -> None:
    result = run_cli("check", "--format", "json", str(faulty), str(faulty.parent), os.path.join(str(faulty.parent), ".", faulty.name))
    assert [d["code"] for d in json.loads(result.stdout)] == ["F002"]


def test_standard_input_named_twice_is_refused_as_parse_refuses_it(faulty: Path) -> None:
    """`check - -` linted the stream once while `parse - -` refused it: one rule for
    both, the stream being read once."""
    for command in ("check", "parse"):
        result = run_cli(command, "-", "-", input=faulty.read_bytes())
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.splitlines()[-1] == "Error: standard input is named twice: expected - at most once"
    assert run_cli("check", "-", "--fix", str(faulty), "-", input=faulty.read_bytes()).stderr.splitlines()[-1] == "Error: standard input is named twice: expected - at most once"


@pytest.mark.parametrize("paths", [["a.cable"], []])
def test_stdin_filename_without_stdin_is_a_usage_error(paths: list[str]) -> None:
    """With no path at all too: the ruff user's `--stdin-filename x < x` is told
    what is missing, not that no paths were given."""
    result = run_cli("check", "--stdin-filename", "x.cable", *paths)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --stdin-filename names the cable read from standard input: expected - among the paths"


def test_no_paths_is_a_usage_error() -> None:
    result = run_cli("check")
    assert result.exit_code == 2 and "no paths given" in result.output


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    for i in range(25):
        (tmp_path / f"c{i:02}.cable").write_text(BASE, encoding="utf-8")

    def stderr_on_a_tty(*extra: str) -> str:
        master, slave = pty.openpty()
        proc = subprocess.run([sys.executable, "-m", "cablelint", "check", *extra, str(tmp_path)], stdout=subprocess.PIPE, stderr=slave, check=False)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        assert proc.returncode == 0
        return b"".join(chunks).decode()

    assert "Linting" in stderr_on_a_tty()
    assert "Linting" not in stderr_on_a_tty("--quiet")
    assert "Linting" not in stderr_on_a_tty("--no-progress")
    piped = subprocess.run([sys.executable, "-m", "cablelint", "check", str(tmp_path)], capture_output=True, text=True, check=False)
    assert piped.stderr == ""


def _on_a_terminal(args: list[str], columns: int = 80, term: str = "xterm", stdout: bool = False) -> str:
    """What ``cablelint ARGS`` writes on standard error (and standard output, with
    *stdout*) when it is a terminal of *columns* whose TERM is *term*; the run
    exits 0 or 1."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = term
    proc = subprocess.run([sys.executable, "-m", "cablelint", *args], stdout=slave if stdout else subprocess.PIPE, stderr=slave, env=env, check=False)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.returncode in (0, 1)
    return b"".join(chunks).decode()


def test_the_progress_bar_fits_a_narrow_terminal(tmp_path: Path) -> None:
    """The bar was 36 columns whatever the terminal, its line 63: on a terminal
    narrower than that the line wrapped, and each redraw (a carriage return goes
    back to the start of the last row only) left a row behind, one per file or so.
    Now it is narrowed to fit, and left out where it would be too narrow to show."""
    for i in range(25):
        (tmp_path / f"c{i:02}.cable").write_text(BASE, encoding="utf-8")

    def stderr_rows(columns: int) -> list[str]:
        shown = _on_a_terminal(["check", "--no-cache", str(tmp_path)], columns)
        return re.split(r"[\r\n]", re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown))

    for columns in (80, 50):
        rows = stderr_rows(columns)
        assert any(row.startswith("Linting  [") for row in rows)
        assert max(len(row) for row in rows) < columns
    assert not any("Linting" in row for row in stderr_rows(30))


def test_a_dumb_terminal_gets_no_escape_sequences(tmp_path: Path) -> None:
    """TERM=dumb (Emacs's shell and compilation buffers) shows escape sequences as
    text: the report was coloured and the progress bar drawn by them all the same."""
    for i in range(25):
        (tmp_path / f"c{i:02}.cable").write_text(FAULTY, encoding="utf-8")
    args = ["check", "--no-cache", str(tmp_path)]
    xterm = _on_a_terminal(args, stdout=True)
    assert "\x1b[" in xterm and "Linting" in xterm  # (the same run where escapes show)
    dumb = _on_a_terminal(args, term="dumb", stdout=True)
    assert "\x1b" not in dumb and "Linting" not in dumb
    assert "c00.cable:20:46: F002 [error]" in dumb
    assert "\x1b[" in _on_a_terminal([*args, "--color"], term="dumb", stdout=True)  # (asked for)


def test_rules_list_json_and_rule_explanation() -> None:
    table = run_cli("rules").stdout
    assert re.search(r"^F005\s+line-too-long\s+warning, off \(on in draft\)", table, re.M)
    listed = json.loads(run_cli("rules", "--format", "json").stdout)
    f004 = next(r for r in listed if r["code"] == "F004")
    assert f004["fixable"] is True and f004["name"] == "rendering-residue" and f004["default_enabled"] is True
    by_name = run_cli("rule", "rendering-residue").stdout
    assert by_name == run_cli("rule", "f004").stdout
    assert by_name.startswith("F004 rendering-residue\n") and "Bad:" in by_name and "Fix:" in by_name
    missing = run_cli("rule", "Z999")
    assert missing.exit_code == 2 and "no rule 'Z999'" in missing.stderr


@pytest.mark.parametrize("cache", ["--no-cache", "--cache-dir"])
def test_check_settles_the_process_before_linting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cache: str) -> None:
    """runner.settle: in the script's own process (cli.FROZEN_IMPORTS) the parser is
    made and the collector's view of the process is frozen before the first file is
    parsed (the conftest fixture thaws it afterwards), once: a second run in the same
    process (--watch's next round) freezes nothing more. A run answered wholly from
    the cache does not settle at all."""
    import gc

    from cablelint import cli
    from cablelint.linter import engine, runner

    monkeypatch.setattr(cli, "FROZEN_IMPORTS", True)
    monkeypatch.setattr(runner, "_SETTLED", [])
    assert gc.get_freeze_count() == 0
    frozen_at_parse: list[int] = []
    parse_text = engine.parse_text

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        frozen_at_parse.append(gc.get_freeze_count())
        return parse_text(*args, **kwargs)

    monkeypatch.setattr(engine, "parse_text", spy)
    args = ["--no-cache"] if cache == "--no-cache" else ["--cache-dir", str(tmp_path / "cache")]
    result = run_cli("check", "--jobs", "1", *args, str(CORPUS / "real" / "09BAMAKO97.cable"))
    assert result.exit_code == 1
    assert len(frozen_at_parse) == 1 and frozen_at_parse[0] > 0
    frozen = gc.get_freeze_count()
    result = run_cli("check", "--jobs", "1", "--no-cache", str(CORPUS / "real" / "09BAMAKO97.cable"))
    assert result.exit_code == 1 and frozen_at_parse[1:] == [frozen] and gc.get_freeze_count() == frozen
    if cache == "--cache-dir":
        gc.unfreeze()
        monkeypatch.setattr(runner, "_SETTLED", [])
        result = run_cli("check", "--jobs", "1", *args, str(CORPUS / "real" / "09BAMAKO97.cable"))
        assert result.exit_code == 1 and len(frozen_at_parse) == 2 and gc.get_freeze_count() == 0


def test_check_run_inside_another_program_leaves_its_collector_alone() -> None:
    """Under CliRunner the CLI runs in the caller's process (cli.FROZEN_IMPORTS is
    false there): the parser is made before the first file, and nothing the caller
    made is frozen out of its collector's reach."""
    import gc

    from cablelint import cli

    assert not cli.FROZEN_IMPORTS and gc.get_freeze_count() == 0
    result = run_cli("check", "--jobs", "1", "--no-cache", str(CORPUS / "real" / "09BAMAKO97.cable"))
    assert result.exit_code == 1 and gc.get_freeze_count() == 0


def test_text_format_never_prints_a_control_character_from_the_cable(tmp_path: Path) -> None:
    """A message quotes the cable; an escape sequence in it must not reach the
    terminal as one, nor, in any other report, hide or turn around what follows
    it: every report gives the message as the text report does. A path is data, and
    JSON keeps it as it is."""
    path = tmp_path / "esc\x1b[2J.cable"
    path.write_text(BASE.replace("TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV PHUM KDEM MO \x1b[8m"), encoding="utf-8")
    result = run_cli("check", "--select", "H007", str(path))
    shown = str(path).replace("\x1b", "<U+001B>")
    assert result.stdout.splitlines()[0] == f"{shown}:19:25: H007 [warning] tag '<U+001B>[8m' is not in the TAGS vocabulary: expected a known tag (add local ones with extra-tags)"
    assert "\x1b" not in result.stdout
    [finding] = json.loads(run_cli("check", "--format", "json", "--select", "H007", str(path)).stdout)
    assert "'<U+001B>[8m'" in finding["message"] and finding["path"] == str(path)


def test_a_folder_with_nothing_to_lint_is_said_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not just "All clean": a wrong path or include glob would pass unnoticed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("x\n", encoding="utf-8")
    result = run_cli("check", "empty", "notes")
    # what is wrong, what was expected, and where the globs are set (the defaults: nowhere)
    assert result.stderr == (
        "cablelint: warning: no files to lint in empty: no file in it matches include (*.cable, *.tel, *.txt): expected at least one (other names need include in a configuration file)\n"
        "cablelint: warning: no files to lint in notes: no file in it matches include (*.cable, *.tel, *.txt): expected at least one (other names need include in a configuration file)\n"
    )
    # and no "All clean: 0 files checked": nothing was (the warnings say why)
    assert result.stdout == "" and result.exit_code == 0
    (tmp_path / "cablelint.toml").write_text('include = ["*.md"]\nexclude = ["notes/*.md"]\n', encoding="utf-8")
    config = os.path.realpath(tmp_path / "cablelint.toml")
    result = run_cli("check", "notes")
    assert result.stderr == f"cablelint: warning: no files to lint in notes: no file in it matches include (*.md) outside exclude (notes/*.md): expected at least one (include and exclude are set in {config})\n"
    # a folder exclude matches itself is walked for nothing, named or not: said so
    (tmp_path / "cablelint.toml").write_text('include = ["*.md"]\nexclude = ["notes"]\n', encoding="utf-8")
    result = run_cli("check", "notes")
    assert result.stderr == f"cablelint: warning: no files to lint in notes: exclude (notes) matches the folder itself: expected a folder outside exclude (include and exclude are set in {config})\n"
    assert run_cli("check", "--quiet", "empty").stderr == ""


def test_a_report_that_cannot_be_written_exits_2_not_1(tmp_path: Path) -> None:
    """Exit status 1 means findings; a full disk under a JSON report is not one."""
    path = tmp_path / "a.cable"
    path.write_text(FAULTY, encoding="utf-8")
    # (--version and the group's --help are printed while the command line is read,
    # before any command runs: they ended in a traceback and status 1)
    for args in (["check", "--format", "json", str(path)], ["rules"], ["--version"], ["--help"], ["check", "--help"]):
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, "-m", "cablelint", *args], stdout=full, stderr=subprocess.PIPE, text=True)
        assert (done.returncode, done.stderr) == (2, "cablelint: cannot write the output: No space left on device\n"), args
    # a usage error that cannot be told (standard error full) is still one
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "cablelint", "check", "--bogus"], stdout=subprocess.PIPE, stderr=full, text=True)
    assert (done.returncode, done.stdout) == (2, "")


def test_closed_standard_streams_are_no_internal_error(tmp_path: Path) -> None:
    """Started with a standard stream closed (a daemon, `>&-` in a script), which
    Python leaves None, a run ended in a traceback and "internal error" (status 2):
    standard input closed is an unreadable cable (F000); standard output closed is
    an output that cannot be written, unless the report goes to a file; standard
    error closed takes the messages away, nothing else."""
    path = tmp_path / "a.cable"
    path.write_text(FAULTY, encoding="utf-8")

    def sh(command: str) -> tuple[int, str, str]:
        done = subprocess.run(["sh", "-c", f"exec '{sys.executable}' -m cablelint {command}"], capture_output=True, text=True, cwd=tmp_path, check=False)
        return done.returncode, done.stdout, done.stderr

    assert sh("check - 0<&-") == (1, "-:1:1: F000 [error] cannot read the file (standard input is closed): expected a readable cable file\nFound 1 error in 1 file checked.\n", "")
    assert sh("check a.cable 1>&-") == (2, "", "cablelint: cannot write the output: standard output is closed\n")
    assert sh("check a.cable -o report.txt 1>&-") == (1, "", "")
    assert (tmp_path / "report.txt").read_text(encoding="utf-8").startswith("a.cable:20:46: F002 [error]")
    (tmp_path / "many").mkdir()
    for i in range(20):  # (enough files for a progress bar, which asks standard error if it is a terminal)
        (tmp_path / "many" / f"c{i:02}.cable").write_text(FAULTY, encoding="utf-8")
    status, out, _ = sh("check many 2>&-")
    assert (status, out.splitlines()[-1]) == (1, "Found 20 errors in 20 files checked.")


def test_a_parser_bug_is_reported_and_the_other_files_are_linted(faulty: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cablelint.linter.engine as engine

    other = tmp_path / "b.cable"
    other.write_text("BOOM\n" + FAULTY, encoding="utf-8")
    parse_text = engine.parse_text

    def fragile(text: str, dialect: object = None):  # type: ignore[no-untyped-def]
        if text.startswith("BOOM"):
            raise RecursionError("maximum recursion depth exceeded")
        return parse_text(text, dialect)

    monkeypatch.setattr(engine, "parse_text", fragile)
    result = run_cli("check", str(other), str(faulty))
    assert result.exit_code == 2
    assert result.stderr == f"cablelint: internal error while parsing {other}: RecursionError: maximum recursion depth exceeded (please report this; the file was not linted)\n"
    assert result.stdout.splitlines()[0].startswith(f"{faulty}:20:46: F002")


def test_an_unexpected_exception_exits_2_with_its_traceback(faulty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cablelint.reporters.text as text

    def broken(*args: object) -> str:
        raise ValueError("a reporter bug")

    monkeypatch.setattr(text.TextReporter, "headline", staticmethod(broken))
    result = run_cli("check", str(faulty))
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.stderr and "ValueError: a reporter bug" in result.stderr
    assert result.stderr.splitlines()[-1] == "cablelint: internal error (the traceback is above; please report this)"


def test_an_interrupted_run_exits_130_not_1(faulty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C ended with click's "Aborted!" and status 1, which means findings."""
    import cablelint.cli_check

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(cablelint.cli_check, "lint_paths", interrupted)
    result = run_cli("check", str(faulty))
    assert result.exit_code == 130
    assert result.stderr == "\ncablelint: interrupted\n" and result.stdout == ""


# `cablelint check` run as the script runs it, each file a --jobs worker lints counted
# in the file COUNT (a line each); with CTRL_C_AT_FORK, Ctrl-C (SIGINT, to the process
# itself) is sent from the first fork of a worker: in the window where the workers
# are being started, every time. With HOLD ("N:PATH"), the files cNNNN.cable from
# number N on wait to be linted until PATH exists.
_COUNTED = """
import os, signal, sys, time
from cablelint.__main__ import run
from cablelint.linter import runner

sent = []

def ctrl_c():
    if not sent:
        sent.append(1)
        os.kill(os.getpid(), signal.SIGINT)

if os.environ.get("CTRL_C_AT_FORK"):
    os.register_at_fork(before=ctrl_c)
linted = runner._lint_path

def counted(path, **kwargs):
    if os.environ.get("HOLD"):
        first, gone = os.environ["HOLD"].split(":", 1)
        while int(os.path.basename(path)[1:5]) >= int(first) and not os.path.exists(gone):
            time.sleep(0.01)
    with open(os.environ["COUNT"], "a", encoding="utf-8") as out:
        out.write(f"{os.getpid()}\\n")
    return linted(path, **kwargs)

runner._lint_path = counted
sys.argv = ["cablelint", *sys.argv[1:]]
run()
"""


def test_ctrl_c_while_the_workers_start_ends_the_run_at_once(tmp_path: Path) -> None:
    """A Ctrl-C held while the --jobs workers were being started was raised as the
    hold ended, outside the run's `try`: leaving the pool then waited for every file
    to be linted (600 of 600 here) before the run ended; and so it did with the `try`
    first, the pool shut down again before it had cancelled anything. Now the files
    not handed to a worker are dropped (111 linted), the run ends with 130 and one
    line, and no worker is left."""

    cables = tmp_path / "cables"
    cables.mkdir()
    for i in range(600):
        (cables / f"c{i:03}.cable").write_text(BASE, encoding="utf-8")
    count = tmp_path / "count"
    env = {**os.environ, "COUNT": str(count), "CTRL_C_AT_FORK": "1"}
    proc = subprocess.run([sys.executable, "-c", _COUNTED, "check", "--no-cache", "-j", "2", str(cables)], capture_output=True, env=env, timeout=300, check=False)
    assert (proc.returncode, proc.stdout, proc.stderr) == (130, b"", b"\ncablelint: interrupted\n")
    workers = count.read_text(encoding="utf-8").split() if count.exists() else []
    # (at most the chunks handed to the workers: 3 of 37 files here, 111)
    assert len(workers) < 300, f"{len(workers)} of 600 files linted after Ctrl-C"
    for pid in set(workers):
        with pytest.raises(ProcessLookupError):
            os.kill(int(pid), 0)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_terminated_run_stops_its_workers_and_leaves_no_temporary_report(tmp_path: Path, jobs: str) -> None:
    """`kill PID` (SIGTERM, as `timeout` or a cancelled CI job sends it) killed the
    process where it stood: with --jobs its workers lived on, waiting for work, and
    held its standard output open (`$(cablelint check -j 2 .)` waited for ever), and
    the temporary file of -o stayed beside the report. Now the workers are stopped
    and the temporary file removed, and the process ends by the signal."""
    import signal
    import time

    cables = tmp_path / "cables"
    cables.mkdir()
    for i in range(1500):  # (enough to be linting still when the signal comes)
        (cables / f"c{i:04}.cable").write_text(BASE, encoding="utf-8")
    reports = tmp_path / "reports"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cablelint", "check", "--no-cache", "-j", jobs, "-o", str(reports / "r.txt"), str(cables)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not list(reports.glob(".r.txt.*")) and time.monotonic() < deadline:  # (the report begun)
            time.sleep(0.05)
        time.sleep(0.5)
        assert proc.poll() is None, "the run ended before the signal"
        proc.send_signal(signal.SIGTERM)  # (to the process alone, as `kill PID` does)
        out, err = proc.communicate(timeout=30)  # (ends only when no worker holds the pipes)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # (what outlived it)
        except ProcessLookupError:
            pass
    assert proc.returncode == -signal.SIGTERM
    assert (out, err) == (b"", b"")
    assert list(reports.iterdir()) == []


def test_a_reader_gone_stops_the_jobs_at_once(tmp_path: Path) -> None:
    """`cablelint check -j 2 big/ | head -1` took as long as the whole run: the
    reader gone, leaving the pool waited for the workers to lint every file left
    (1500 of 1500 here). Now the files not begun are dropped (a run with -j 1
    stopped at once already): the workers lint only the chunks of 64 files they and
    the pool's queue hold (384 to 512 here). Counted, not timed: the files after the
    first two chunks wait until the reader has gone, so that how fast the reader is
    does not count."""
    cables = tmp_path / "cables"
    cables.mkdir()
    for i in range(1500):
        (cables / f"c{i:04}.cable").write_text(FAULTY, encoding="utf-8")
    count, gone = tmp_path / "count", tmp_path / "gone"
    env = {**os.environ, "COUNT": str(count), "HOLD": f"128:{gone}"}
    proc = subprocess.Popen([sys.executable, "-c", _COUNTED, "check", "--no-cache", "-j", "2", str(cables)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stdout.readline().startswith(str(cables).encode())
    proc.stdout.close()  # (as `head -1` does)
    gone.touch()
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1 and err == b""
    linted = len(count.read_text(encoding="utf-8").split())
    # (the chunks of 64 files the workers hold when the reader goes: a few)
    assert linted < 750, f"{linted} of 1500 files linted after the reader went"


@pytest.mark.parametrize(
    ("table", "fault", "set_in"),
    [
        ('include = ["*.tel"]\n', "no file in it matches include (*.tel)", "include is set in {}"),
        ('exclude = ["notes/*.md"]\n', "no file in it matches include (*.cable, *.tel, *.txt) outside exclude (notes/*.md)", "exclude is set in {}; include is the default"),
        ('include = ["*.md"]\nexclude = ["notes/*.md"]\n', "no file in it matches include (*.md) outside exclude (notes/*.md)", "include and exclude are set in {}"),
        ("line-length = 80\n", "no file in it matches include (*.cable, *.tel, *.txt)", "include is the default: other names need include in {}"),
        ('exclude = ["notes"]\n', "exclude (notes) matches the folder itself: expected a folder outside exclude", "exclude is set in {}; include is the default"),
        # include written out as the default list is set in the file all the same
        ('include = ["*.cable", "*.tel", "*.txt"]\n', "no file in it matches include (*.cable, *.tel, *.txt)", "include is set in {}"),
        ('include = ["*.cable", "*.tel", "*.txt"]\nexclude = ["notes/*.md"]\n', "no file in it matches include (*.cable, *.tel, *.txt) outside exclude (notes/*.md)", "include and exclude are set in {}"),
        # exclude written empty is set in the file all the same: it excludes nothing
        ("exclude = []\n", "no file in it matches include (*.cable, *.tel, *.txt)", "exclude is set in {} (empty); include is the default: other names need include there"),
        ('include = ["*.tel"]\nexclude = []\n', "no file in it matches include (*.tel)", "include and exclude (empty) are set in {}"),
    ],
    ids=["include", "exclude", "both", "neither", "exclude-the-folder", "include-as-the-default", "both-include-as-the-default", "exclude-empty", "both-exclude-empty"],
)
def test_a_folder_with_nothing_to_lint_names_only_the_globs_the_configuration_sets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str, fault: str, set_in: str) -> None:
    """The warning said "include and exclude are set in cablelint.toml" whatever the
    file set: blaming include when only exclude was set, or both when neither was."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("x\n", encoding="utf-8")
    (tmp_path / "cablelint.toml").write_text(table, encoding="utf-8")
    config = os.path.realpath(tmp_path / "cablelint.toml")
    result = run_cli("check", "notes")
    expected = "" if "expected" in fault else ": expected at least one"
    assert result.stderr == f"cablelint: warning: no files to lint in notes: {fault}{expected} ({set_in.format(config)})\n"
    assert (result.exit_code, result.stdout) == (0, "")  # (no "All clean: 0 files checked")


def test_a_folder_walk_passes_over_tool_folders(tmp_path: Path) -> None:
    """`check .` at a repository's root lints the cables, not what git, a virtual
    environment or node keep; a tool folder named, or a file in it, is linted."""
    (tmp_path / "cables").mkdir()
    (tmp_path / "cables" / "a.cable").write_text(FAULTY, encoding="utf-8")
    for folder in (".git", ".venv", "node_modules", "pkg.egg-info", "cables/__pycache__"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "LICENSE.txt").write_text("MIT License\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", str(tmp_path))
    assert sorted({Path(d["path"]).relative_to(tmp_path).as_posix() for d in json.loads(result.stdout)}) == ["cables/a.cable"]
    named = run_cli("check", "--format", "json", str(tmp_path / ".venv"), str(tmp_path / ".git" / "LICENSE.txt"))
    assert sorted({Path(d["path"]).relative_to(tmp_path).as_posix() for d in json.loads(named.stdout)}) == [".git/LICENSE.txt", ".venv/LICENSE.txt"]


@pytest.mark.parametrize("windows", [False, True])
def test_a_tool_folder_is_known_without_case_where_the_system_compares_names_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, windows: bool) -> None:
    """On Windows ``.VENV`` is the folder ``.venv`` and is passed over; elsewhere it
    is another folder, walked, as globs match there (the rule is os.path.normcase's:
    the test gives the run Windows's, on this file system)."""
    import ntpath

    if windows:
        monkeypatch.setattr(os.path, "normcase", ntpath.normcase)
    (tmp_path / "cables").mkdir()
    (tmp_path / "cables" / "a.cable").write_text(FAULTY, encoding="utf-8")
    for folder in (".VENV", "Node_Modules", "Pkg.EGG-INFO", "cables/__PyCache__"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "LICENSE.txt").write_text("MIT License\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "--format", "json", str(tmp_path))
    walked = sorted({Path(os.path.normpath(d["path"])).relative_to(tmp_path).as_posix() for d in json.loads(result.stdout)})
    tools = [] if windows else [".VENV/LICENSE.txt", "Node_Modules/LICENSE.txt", "Pkg.EGG-INFO/LICENSE.txt", "cables/__PyCache__/LICENSE.txt"]
    assert walked == sorted(["cables/a.cable", *tools])
    named = run_cli("check", "--no-cache", "--format", "json", str(tmp_path / ".VENV"))
    assert {Path(os.path.normpath(d["path"])).relative_to(tmp_path).as_posix() for d in json.loads(named.stdout)} == {".VENV/LICENSE.txt"}
