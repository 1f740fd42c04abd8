"""Shared test helpers: paths, the CLI runner, the real cables when present."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from cablelint.cli import main

# Hypothesis profiles (the fuzz tests in tests/fuzz): "ci" is loaded by default and keeps
# the suite fast and deterministic (the same examples on every run: a test run, CI's
# included, never fails on a draw that the run before did not make);
# `pytest --hypothesis-profile=fuzz tests/fuzz` explores, with many more random examples
# and no deadline. Registered here rather than in tests/fuzz/conftest.py because the
# plugin loads the named profile before conftest files in sub-folders are imported.
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=_SLOW_DATA, derandomize=True)
settings.register_profile("fuzz", max_examples=2000, deadline=None, suppress_health_check=_SLOW_DATA)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED = CORPUS / "real" / "09BAMAKO97.cable"
REAL = ROOT.parent / "shared" / "real-cables"


@pytest.fixture(autouse=True)
def _unfreeze_gc():
    """`cablelint check` run as the script runs it (``cli.FROZEN_IMPORTS``, which a
    test may set) freezes the collector's view of the process (runner.settle); under
    CliRunner that process is pytest's. Give the objects back after each test so that
    one test's garbage is not kept for the rest of the run."""
    yield
    if gc.get_freeze_count():
        gc.unfreeze()


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own result cache, on as it is by default: no test is answered
    from what another test linted (or from the developer's own cache), while every
    CLI test still goes through the cache. Subprocesses inherit the variable."""
    folder = tmp_path_factory.mktemp("cablelint-cache")
    monkeypatch.setenv("CABLELINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("CABLELINT_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many texts the engine has parsed (one number, counted up): a file the
    result cache serves is not parsed at all."""
    from cablelint.linter import engine

    count = [0]
    real = engine.parse_text

    def counting(text: str, dialect: Any = None) -> Any:
        count[0] += 1
        return real(text, dialect)

    monkeypatch.setattr(engine, "parse_text", counting)
    return count


def run_cli(*args: str, input: bytes | str | None = None) -> Any:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result


def check_json(*args: str, input: bytes | str | None = None) -> list[dict[str, Any]]:
    """The findings of ``cablelint check --format json ARGS``, through the CLI."""
    result = run_cli("check", "--format", "json", *args, input=input)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


# A child that runs the cablelint command as the installed script does
# (cablelint.__main__.run) with the arguments after its own, then writes on standard
# error its exit status ("exit 1") and, on the last line, every module it imported.
_COMMAND = """
import sys
from cablelint.__main__ import run
sys.argv = ["cablelint", *sys.argv[1:]]
try:
    run()
except SystemExit as exc:
    print("exit", exc.code, file=sys.stderr)
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def run_command(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[str, str, set[str]]:
    """The standard output, exit line and imported modules of ``cablelint ARGS`` run
    in *cwd* as the installed script runs it, in a process of its own."""
    proc = subprocess.run([sys.executable, "-c", _COMMAND, *args], capture_output=True, text=True, cwd=cwd, env=env, check=False)
    status, modules = proc.stderr.strip().splitlines()[-2:]
    return proc.stdout, status, set(modules.split())


def parse_json(path: Path | str) -> Any:
    result = run_cli("parse", str(path))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="session")
def real_cables() -> list[Path]:
    if not (REAL / "text").is_dir():
        pytest.skip("../shared/real-cables is not present on this machine")
    return sorted((REAL / "text").glob("*.cable")) + sorted((REAL / "markdown").glob("*.cable"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-corpus",
        action="store_true",
        help="rewrite corpus/**/*.expected.json and the table in corpus/README.md from the current output",
    )


@contextmanager
def read_only_folder(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """*folder* refuses new files while the block runs: its mode for a user; for root,
    who may write in any folder, tempfile.mkstemp refused as the system refuses a user."""
    import tempfile

    if os.geteuid() == 0:

        def refused(*args: object, dir: str = "", **kwargs: object) -> tuple[int, str]:
            raise PermissionError(13, "Permission denied", os.path.join(dir, "tmp"))

        monkeypatch.setattr(tempfile, "mkstemp", refused)
    else:
        folder.chmod(0o555)
    try:
        yield
    finally:
        folder.chmod(0o755)


@pytest.fixture()
def fragile(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser fails on a text that starts with BOOM (an internal error, as a
    parser bug would be)."""
    from cablelint.linter import engine

    parse_text = engine.parse_text

    def fragile(text: str, dialect: Any = None) -> Any:
        if text.startswith("BOOM"):
            raise ValueError("a parser bug")
        return parse_text(text, dialect)

    monkeypatch.setattr(engine, "parse_text", fragile)
