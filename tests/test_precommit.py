"""The pre-commit hook, run by the real pre-commit against this checkout."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

GOOD = (CORPUS / "valid" / "telegram-confidential-13526-rabat.cable").read_text(encoding="utf-8")
BAD = GOOD.replace("NEW BUDGET", "NEW\x00BUDGET").replace("TAGS: PGOV", "TAGS: [PGOV](#)")


def _pre_commit() -> list[str]:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]' installs it)")
    return [sys.executable, "-m", "pre_commit"]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_hooks_fail_on_a_bad_cable_fix_it_and_pass_on_a_good_one(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of cablelint")
    pre_commit = _pre_commit()
    repo = tmp_path / "cables"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "drafter@example.org")
    _git(repo, "config", "user.name", "Drafter")
    (repo / "good.cable").write_text(GOOD, encoding="utf-8")
    (repo / "bad.cable").write_text(BAD, encoding="utf-8")
    (repo / "notes.md").write_text("not a cable\x00\n", encoding="utf-8")  # not matched by the hook
    # the project's exclude holds for the files pre-commit names, one by one
    (repo / "cablelint.toml").write_text('exclude = ["legacy"]\n', encoding="utf-8")
    (repo / "legacy").mkdir()
    (repo / "legacy" / "old.cable").write_text(BAD, encoding="utf-8")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), NO_COLOR="1")

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        _git(repo, "add", "-A")
        return subprocess.run(
            [*pre_commit, "try-repo", str(ROOT), "--files", *files],  # every hook of the manifest
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )

    failed = run("bad.cable", "good.cable", "notes.md", "legacy/old.cable")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "bad.cable:20:46: F002 [error]" in failed.stdout
    assert "bad.cable:19:7: F004 [warning]" in failed.stdout
    assert "files were modified by this hook" in failed.stdout  # cablelint-fix removed the residue
    assert (repo / "bad.cable").read_text(encoding="utf-8") == BAD.replace("[PGOV](#)", "PGOV")
    assert "good.cable:" not in failed.stdout
    assert "notes.md" not in failed.stdout
    assert "old.cable" not in failed.stdout and (repo / "legacy" / "old.cable").read_text(encoding="utf-8") == BAD

    passed = run("good.cable")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
