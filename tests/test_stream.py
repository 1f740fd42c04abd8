"""`cablelint check` writes its report as the files are linted: each file's findings
as soon as it and the files before it in path order are done, its text dropped then.

The reports must be what they were when the whole run was collected and sorted first:
checked here against the corpus's expected findings (``corpus/invalid/*.expected.json``,
the output of ``--select ALL`` for each cable), laid out so that the order the
folders are walked in is not the order of the report.
"""

from __future__ import annotations

import hashlib
import json
import os
import pty
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.conftest import CORPUS, run_cli

INVALID = CORPUS / "invalid"
# where each cable goes: a walk lists x/'s own file first, then x/a/, then x/a-b/;
# the report sorts by path, where "x/a-b/..." comes before "x/a/..." ('-' < '/')
LAYOUT = {
    "F004-rendering-residue.cable": "",
    "C009-over-classified.cable": "a",
    "H006-malformed-tags-line.cable": "a",
    "F006-trailing-whitespace.cable": "a-b",
    "A007-station-mismatch.cable": "a-b",
}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "x"
    for name, folder in LAYOUT.items():
        (root / folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(INVALID / name, root / folder / name)
    return root


def walked(root: Path) -> list[str]:
    """The files of *root* in the order a folder walk lists them."""
    return [str(root / folder / name) for folder in ("", "a", "a-b") for name in sorted(n for n, f in LAYOUT.items() if f == folder)]


def expected(paths: list[str]) -> list[dict[str, Any]]:
    """What the corpus says each file holds, the files in path order (the order of
    today's report, whatever the order of the walk)."""
    out = []
    for path in sorted(paths):
        found = json.loads((INVALID / Path(path).name).with_suffix(".expected.json").read_text(encoding="utf-8"))
        out += [{"path": path, **d} for d in found]
    return out


def test_the_walk_and_the_report_order_differ(tree: Path) -> None:
    """(What the tests below rely on.)"""
    assert walked(tree) != sorted(walked(tree))
    assert walked(tree)[0] == str(tree / "F004-rendering-residue.cable")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_json_is_the_sorted_array_of_every_file_byte_for_byte(tree: Path, jobs: str) -> None:
    result = run_cli("check", "--select", "ALL", "--format", "json", "--jobs", jobs, str(tree))
    assert result.exit_code == 1
    assert result.stdout == json.dumps(expected(walked(tree)), indent=2, ensure_ascii=False) + "\n"


def test_json_with_no_findings_is_an_empty_array(tree: Path) -> None:
    result = run_cli("check", "--select", "X002", "--format", "json", str(tree))
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_paths_named_out_of_order_are_reported_in_path_order(tree: Path) -> None:
    named = [str(tree / "a-b" / "A007-station-mismatch.cable"), str(tree / "F004-rendering-residue.cable"), str(tree / "a")]
    result = run_cli("check", "--select", "ALL", "--format", "json", *reversed(named))
    assert result.stdout == json.dumps(expected(walked(tree)[:4]), indent=2, ensure_ascii=False) + "\n"


def headline(d: dict[str, Any]) -> str:
    return f"{d['path']}:{d['line']}:{d['column']}: {d['code']} [{d['severity']}] {d['message']}{' [*]' if d['fix'] else ''}"


def test_text_lists_the_findings_in_path_order_then_the_statistics_and_summary(tree: Path) -> None:
    want = expected(walked(tree))
    result = run_cli("check", "--select", "ALL", "--statistics", str(tree))
    lines = result.stdout.splitlines()
    assert lines[: len(want)] == [headline(d) for d in want]
    counts = {s: sum(1 for d in want if d["severity"] == s) for s in ("error", "warning", "info")}
    shown = ", ".join(f"{n} {s}{'' if n == 1 else 's'}" for s, n in counts.items() if n)
    fixable = sum(1 for d in want if d["fix"])
    assert lines[-1] == f"Found {shown} in 5 files checked. {fixable} with a safe fix."
    by_code: dict[str, int] = {}
    for d in want:
        by_code[d["code"]] = by_code.get(d["code"], 0) + 1
    assert [line.split("\t")[:2] for line in lines[len(want) : -1]] == [[f"{n:>{len(str(max(by_code.values())))}}", code] for code, n in sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0]))]


def test_source_lines_are_those_of_each_file(tree: Path) -> None:
    want = expected(walked(tree))
    result = run_cli("check", "--select", "ALL", "--show-source", "--no-cache", str(tree))
    lines = result.stdout.splitlines()
    shown = 0
    for d in want:
        at = lines.index(headline(d))
        source = Path(d["path"]).read_text(encoding="utf-8").splitlines()[d["line"] - 1]
        if len(source) <= 100 and source.isprintable():  # (longer lines are cut, others masked)
            assert lines[at + 2] == f"{d['line']} | {source}"
            shown += 1
    assert shown >= len({d["path"] for d in want})


def test_sarif_is_what_json_dump_writes_and_its_results_are_in_path_order(tree: Path) -> None:
    want = expected(walked(tree))
    result = run_cli("check", "--select", "ALL", "--format", "sarif", str(tree))
    log = json.loads(result.stdout)
    assert result.stdout == json.dumps(log, indent=2, ensure_ascii=False) + "\n"
    results = log["runs"][0]["results"]
    where = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["locations"][0]["physicalLocation"]["region"]["startLine"], r["ruleId"]) for r in results]
    assert where == [(Path(d["path"]).as_uri(), d["line"], d["code"]) for d in want]
    # each fingerprint hashes the path, the code, the flagged line and its count in the file
    seen: dict[tuple[str, str, str], int] = {}
    for d, r in zip(want, results):
        line = Path(d["path"]).read_text(encoding="utf-8").splitlines()[d["line"] - 1].strip()
        key = (d["path"], d["code"], line)
        seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha256("\0".join((*key, str(seen[key]))).encode("utf-8")).hexdigest()[:32]
        assert r["partialFingerprints"] == {"cablelint/v1": f"{digest}:{seen[key]}"}


def test_sarif_with_no_results_is_what_json_dump_writes(tree: Path) -> None:
    result = run_cli("check", "--select", "X002", "--format", "sarif", str(tree))
    log = json.loads(result.stdout)
    assert log["runs"][0]["results"] == []
    assert result.stdout == json.dumps(log, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        "",
        'a "quoted" back\\slash, a tab\t, a line\nbreak, \x00, \u2028, \u00e9, \U0001f600',
        0,
        -7,
        10**30,
        True,
        None,
        1.5,
        float("nan"),
        {"a": [], "b": {}, "c": [1, [2, {"d": False}]], "e": "x"},
        {1: "a key that is no string", "b": 2},
        {"tuple": (1, "two"), "set-like": [None, True, 0.25]},
        [[], [[]], {"": ""}],
        {"caf\u00e9": ["\u2019", {"\U0001f600": "x\udcff"}], "n": (1.5, "\u00e9")},
    ],
)
def test_the_report_s_layout_is_what_json_dumps_writes(value: Any) -> None:
    """The JSON and SARIF reports lay out their elements themselves
    (json_reporter.indented), faster than json.dumps with an indent: the same text,
    on json's corners (escapes, empty containers, floats, keys that are not strings)."""
    from cablelint.reporters.json_reporter import indented

    text = json.dumps(value, indent=2, ensure_ascii=False)
    assert indented(value, "\n") == text
    assert indented(value, "\n    ") == text.replace("\n", "\n    ")
    # on a stream that cannot carry every character, in ASCII as json.dumps writes it
    ascii_text = json.dumps(value, indent=2, ensure_ascii=True)
    assert indented(value, "\n", ascii_only=True) == ascii_text
    assert indented(value, "\n  ", ascii_only=True) == ascii_text.replace("\n", "\n  ")


def test_github_commands_come_in_path_order(tree: Path) -> None:
    want = expected(walked(tree))
    result = run_cli("check", "--select", "ALL", "--format", "github", str(tree))
    lines = result.stdout.splitlines()
    assert len(lines) == len(want)
    command = {"error": "error", "warning": "warning", "info": "notice"}
    for line, d in zip(lines, want):
        assert line.startswith(f"::{command[d['severity']]} file={d['path']},line={d['line']},")
        assert f",title={d['code']}::" in line


def test_junit_lists_the_files_in_the_order_named_with_their_findings(tree: Path) -> None:
    want = expected(walked(tree))
    result = run_cli("check", "--select", "ALL", "--format", "junit", str(tree))
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    root = ET.fromstring(result.stdout.split("\n", 1)[1])
    assert [suite.get("name") for suite in root] == walked(tree)
    failing = [d for d in want if d["severity"] != "info"]
    assert root.get("failures") == str(len(failing))
    for suite in root:
        assert [f.get("type") for f in suite.findall("testcase/failure")] == [d["code"] for d in failing if d["path"] == suite.get("name")]


def test_a_baseline_filters_each_file_as_it_comes(tree: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    recorded = run_cli("check", "--select", "ALL", "--write-baseline", str(baseline), str(tree / "a"))
    assert recorded.exit_code == 0
    result = run_cli("check", "--select", "ALL", "--format", "json", "--baseline", str(baseline), str(tree))
    named = walked(tree)
    assert result.stdout == json.dumps(expected([p for p in named if "/a/" not in p]), indent=2, ensure_ascii=False) + "\n"
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    assert sum(e["count"] for e in entries) == len(expected([p for p in named if "/a/" in p]))


@pytest.fixture
def handed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bytes, list[str]]]:
    """Each file as the lint hands it to the report: its path, what standard output
    held then, and the paths whose texts were still alive (each text is made one that
    notes when it is dropped)."""
    import cablelint.cli_check

    lint_paths = cablelint.cli_check.lint_paths
    alive: list[str] = []
    events: list[tuple[str, bytes, list[str]]] = []

    class Text(str):
        path = ""

        def __del__(self) -> None:
            alive.remove(self.path)

    def watched(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for path, result in lint_paths(*args, **kwargs):
            sys.stdout.flush()
            events.append((path, sys.stdout.buffer.getvalue(), list(alive)))  # type: ignore[attr-defined]
            if result.text is not None:
                result.text = Text(result.text)
                result.text.path = path  # type: ignore[attr-defined]
                alive.append(path)
            yield path, result

    monkeypatch.setattr(cablelint.cli_check, "lint_paths", watched)
    return events


@pytest.mark.parametrize("extra", [[], ["--show-source"], ["--format", "sarif"], ["--baseline", "{baseline}"]])
def test_each_file_is_reported_before_the_next_is_linted_and_its_text_dropped(tree: Path, tmp_path: Path, handed: list[tuple[str, bytes, list[str]]], extra: list[str]) -> None:
    baseline = tmp_path / "empty-baseline.json"
    baseline.write_text('{"version": 1, "entries": []}\n', encoding="utf-8")
    result = run_cli("check", "--no-cache", "--select", "ALL", *[e.format(baseline=baseline) for e in extra], str(tree))
    assert result.exit_code == 1
    order = sorted(walked(tree))
    assert [path for path, _, _ in handed] == order
    for (path, stdout, alive), before in zip(handed[1:], order):
        assert f"{before}".encode() in stdout  # the file before is out
        assert path.encode() not in stdout
        assert alive in ([], [before])  # only the file just reported may still be held


def test_a_fix_run_still_has_every_text_for_the_fixes(tree: Path, handed: list[tuple[str, bytes, list[str]]]) -> None:
    result = run_cli("check", "--diff", "--select", "ALL", str(tree))
    assert result.exit_code == 1 and result.stdout.startswith("---")
    assert handed[-1][2] == sorted(walked(tree))[:-1]


def test_rule_crashes_are_listed_in_the_order_the_files_were_named(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cablelint.linter import engine

    parse_text = engine.parse_text

    def fragile(text: str, dialect: Any = None) -> Any:
        if "ORDERED" in text:
            raise RecursionError("too deep")
        return parse_text(text, dialect)

    monkeypatch.setattr(engine, "parse_text", fragile)
    for path in (tree / "F004-rendering-residue.cable", tree / "a-b" / "A007-station-mismatch.cable"):
        path.write_text(path.read_text(encoding="utf-8") + "\nORDERED\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", str(tree))
    assert result.exit_code == 2
    assert result.stderr == f"cablelint: internal error while parsing {tree / 'F004-rendering-residue.cable'} and 1 other file: RecursionError: too deep (please report this; the file was not linted)\n"


def test_a_run_that_fails_half_way_leaves_the_last_report(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cablelint.cli_check

    lint_paths = cablelint.cli_check.lint_paths

    def interrupted(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for n, item in enumerate(lint_paths(*args, **kwargs)):
            if n == 3:
                raise KeyboardInterrupt
            yield item

    report = tmp_path / "report.json"
    report.write_text("the last report\n", encoding="utf-8")
    monkeypatch.setattr(cablelint.cli_check, "lint_paths", interrupted)
    result = run_cli("check", "--select", "ALL", "--format", "json", "-o", str(report), str(tree))
    assert result.exit_code == 130
    assert report.read_text(encoding="utf-8") == "the last report\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []
    monkeypatch.setattr(cablelint.cli_check, "lint_paths", lint_paths)
    whole = run_cli("check", "--select", "ALL", "--format", "json", "-o", str(report), str(tree))
    assert whole.exit_code == 1
    assert report.read_text(encoding="utf-8") == json.dumps(expected(walked(tree)), indent=2, ensure_ascii=False) + "\n"


def test_on_a_terminal_findings_come_above_the_progress_bar_as_files_finish(tmp_path: Path) -> None:
    """Standard output and the bar (standard error) on one terminal: each finding is
    written on a line of its own, the bar taken off first, while the bar still runs."""
    faulty = (INVALID / "F004-rendering-residue.cable").read_bytes()
    clean = (CORPUS / "valid" / "telegram-confidential-13526-rabat.cable").read_bytes()
    for i in range(24):
        (tmp_path / f"c{i:02}.cable").write_bytes(faulty if i in (3, 20) else clean)
    master, slave = pty.openpty()
    env = {**os.environ, "CABLELINT_NO_CACHE": "1", "COLUMNS": "80"}
    proc = subprocess.Popen([sys.executable, "-m", "cablelint", "check", "--no-color", "--no-show-source", str(tmp_path)], stdout=slave, stderr=slave, env=env)
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
    assert proc.wait() == 1
    screen = b"".join(chunks).decode()
    first = screen.index(f"{tmp_path / 'c03.cable'}:")
    assert "100%" not in screen[:first] and "Linting" in screen[:first]  # written while the bar runs
    for line in screen.split("\n"):
        if ": F004 " in line:
            assert line.rstrip("\r").rsplit("\r", 1)[-1].startswith(str(tmp_path)), repr(line)  # the bar is off the line
    assert screen.rstrip().rsplit("\n", 1)[-1].startswith("Found ") and "in 24 files checked." in screen.rstrip().rsplit("\n", 1)[-1]


def test_a_reader_that_goes_away_ends_the_run_and_keeps_the_cache(tmp_path: Path) -> None:
    """``check ARCHIVE | head``: the run stops at the first write after the reader is
    gone, quietly, and what was linted until then is in the cache."""
    folder = tmp_path / "cables"
    folder.mkdir()
    for i in range(40):
        shutil.copyfile(CORPUS / "real" / "09BAMAKO97.cable", folder / f"c{i:02}.cable")
    cache = tmp_path / "cache"
    proc = subprocess.Popen([sys.executable, "-m", "cablelint", "check", "--cache-dir", str(cache), str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    errors = proc.stderr.read()
    proc.wait()
    assert first.startswith(str(folder / "c00.cable").encode())
    assert errors == b""
    saved = list((cache / "v3").glob("*/*.shard"))
    assert saved  # (the shards of the files linted before the reader went)
    assert json.dumps(str(folder / "c00.cable")) in "".join(file.read_text(encoding="utf-8") for file in saved)
