"""What the tests that run ``cablelint server`` in a real editor share
(tests/test_editor_nvim.py, tests/test_editor_emacs.py): the cable they open, the
README they take the editor's configuration from, ``cablelint check`` to compare
with, and the environment the editor runs in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED

README = Path(__file__).parent.parent / "README.md"
# the folder of the interpreter running the tests holds its cablelint script
BIN = Path(sys.executable).parent
TIMEOUT_MS = 60_000

# the seed with a character outside the BMP (two UTF-16 units, four bytes) and a CJK
# one (one unit, three bytes) before X005's finding on line 30: the editor turns the
# server's UTF-16 positions into its own columns
SEED_TEXT = SEED.read_text(encoding="utf-8") if SEED.exists() else ""
WIDE = SEED_TEXT.replace("1.(SBU) As noted", "1.(SBU) As \U0001f600\u4e2d noted", 1)
EDITED_LINE = 29  # 0-based: line 30, "1.(SBU) As ..."


def edited(text: str) -> tuple[str, str]:
    """Line 30 of *text* with its paragraph head spaced, and the text so edited."""
    lines = text.split("\n")
    line = lines[EDITED_LINE].replace("1.(SBU) As", "1. (SBU) As", 1)
    return line, "\n".join(lines[:EDITED_LINE] + [line] + lines[EDITED_LINE + 1 :])


def check(text: str, cwd: Path, *args: str, name: str = "a.cable") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cablelint", "check", "--no-cache", "--stdin-filename", name, *args, "-"],
        input=text.encode("utf-8"),
        capture_output=True,
        cwd=cwd,
        check=False,
    )


def editor_env(home: Path) -> dict[str, str]:
    """The environment of an editor run: a fresh home (no user configuration) and
    the cablelint script of this interpreter first on PATH."""
    path = os.pathsep.join([str(BIN), os.environ.get("PATH", "")])
    env = dict(os.environ, HOME=str(home), PATH=path, PYTHONIOENCODING="utf-8")
    for xdg in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[xdg] = str(home / xdg.lower())
    return env
