"""Third-party rules: a real distribution, installed in the test, found through the
``cablelint.rules`` entry point group and run by the real CLI in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import CORPUS

# One installed plugin; MYPOST_MODE makes it misbehave for the error-path tests.
PLUGIN_MODULE = '''
"""Rules for a post's own conventions."""
import os

from cablelint.linter.rule import Finding, Rule

MODE = os.environ.get("MYPOST_MODE", "")
if MODE == "broken":
    raise RuntimeError("broken plugin")


class NoDraftingOfficer(Rule):
    """Flags a subject that mentions the word TEST.

    Why: our post reserves TEST for exercises.

    Bad: ``SUBJECT: TEST MESSAGE``

    Good: ``SUBJECT: ELECTIONS``
    """

    code = "F004" if MODE == "clash" else "ZZ101"
    name = "test-subject"
    severity = "warning"

    def check(self, cable, ctx):
        if cable.subject is not None and "TEST" in cable.subject.text.upper():
            yield Finding(cable.subject.span, "subject mentions TEST: expected a real subject")


RULES = [NoDraftingOfficer]
'''


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _install(tmp_path_factory.mktemp("plugin"), PLUGIN_MODULE, "mypost_rules:RULES")


def _install(tmp_path: Path, module: str, entry: str) -> Path:
    project = tmp_path / "plugin"
    project.mkdir()
    (project / "mypost_rules.py").write_text(module, encoding="utf-8")
    (project / "pyproject.toml").write_text(
        textwrap.dedent(
            f"""
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "mypost-cablelint-rules"
            version = "1.0"

            [tool.setuptools]
            py-modules = ["mypost_rules"]

            [project.entry-points."cablelint.rules"]
            mypost = "{entry}"
            """
        ),
        encoding="utf-8",
    )
    target = tmp_path / "site"
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(project)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        pytest.skip(f"cannot build the plugin distribution here: {proc.stderr.strip()[-300:]}")
    assert list(target.glob("mypost_cablelint_rules-1.0.dist-info/entry_points.txt"))
    return target


def _run(site: Path, *args: str, mode: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MYPOST_MODE=mode, PYTHONPATH=os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "cablelint", *args], capture_output=True, text=True, env=env, check=False)


def test_installed_plugin_rule_is_listed_selected_and_run(site: Path, tmp_path: Path) -> None:
    cable = tmp_path / "test.cable"
    text = (CORPUS / "valid" / "telegram-confidential-13526-rabat.cable").read_text(encoding="utf-8")
    cable.write_text(text.replace("SUBJECT: MOROCCO:", "SUBJECT: TEST MOROCCO:"), encoding="utf-8")

    listed = _run(site, "rules", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert {"code": "ZZ101", "name": "test-subject"}.items() <= next(r for r in json.loads(listed.stdout) if r["code"] == "ZZ101").items()

    checked = _run(site, "check", "--format", "json", str(cable))
    found = [(d["code"], d["line"], d["column"]) for d in json.loads(checked.stdout)]
    assert ("ZZ101", 20, 1) in found
    assert checked.returncode == 1

    ignored = _run(site, "check", "--format", "json", "--ignore", "test-subject", str(cable))
    assert "ZZ101" not in {d["code"] for d in json.loads(ignored.stdout)}

    explained = _run(site, "rule", "ZZ101")
    assert "our post reserves TEST" in explained.stdout


def test_plugin_with_a_clashing_code_is_a_clear_error(site: Path) -> None:
    proc = _run(site, "check", str(CORPUS / "real"), mode="clash")
    assert proc.returncode == 2
    assert "F004" in proc.stderr and "already used" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_plugin_that_fails_to_import_is_a_clear_error(site: Path) -> None:
    proc = _run(site, "rules", mode="broken")
    assert proc.returncode == 2
    assert "broken plugin" in proc.stderr and "Traceback" not in proc.stderr
