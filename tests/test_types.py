"""The package type-checks: mypy, with the settings of pyproject.toml's [tool.mypy]
(strict, Python 3.10), finds nothing in src/cablelint.

The cache is a fresh folder, as in CI: a cold run takes about 4 s of CPU (a warm one
half a second)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_errors_in_the_package(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(REPO / "pyproject.toml"), "--cache-dir", str(tmp_path / "mypy"), "--no-color-output"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, f"mypy found errors (exit {run.returncode}):\n{run.stdout}{run.stderr}"
    assert "no issues found" in run.stdout, run.stdout
