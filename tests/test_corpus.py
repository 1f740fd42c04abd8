"""The corpus, checked on every run through the real CLI.

- corpus/valid: no finding at warning or error level (default selection).
- corpus/invalid and corpus/real: each cable's `check --format json --select ALL`
  output (without the path) equals its `.expected.json`; the default selection gives
  exactly the expected findings of the rules that are on by default.
- every registered rule (F000 excepted) has an invalid cable named after it, whose
  expected output contains that rule.
- corpus/README.md's table matches the expected files.

After an intended change: `python -m pytest tests/test_corpus.py --update-corpus`,
then review the changed expected files like code.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from cablelint.linter.registry import load_registry
from tests.conftest import CORPUS, run_cli

SNAPSHOT_DIRS = ("invalid", "real")
NOT_IN_CORPUS = {"F000"}  # a file that cannot be read cannot be a corpus cable
TABLE_START = "<!-- corpus-table:start -->"
TABLE_END = "<!-- corpus-table:end -->"


def cables(folder: str) -> list[Path]:
    return sorted((CORPUS / folder).glob("*.cable"))


def check_json(path: Path, *args: str) -> list[dict[str, Any]]:
    result = run_cli("check", "--format", "json", "--no-progress", *args, str(path))
    assert result.exit_code in (0, 1), result.output
    out = json.loads(result.stdout)
    for d in out:
        del d["path"]
    return out


def expected_path(cable: Path) -> Path:
    return cable.with_suffix(".expected.json")


def dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


SNAPSHOTS = [c for folder in SNAPSHOT_DIRS for c in cables(folder)]


@pytest.mark.parametrize("cable", SNAPSHOTS, ids=[f"{c.parent.name}/{c.name}" for c in SNAPSHOTS])
def test_snapshot(cable: Path, request: pytest.FixtureRequest) -> None:
    got = dump(check_json(cable, "--select", "ALL"))
    target = expected_path(cable)
    if request.config.getoption("--update-corpus"):
        target.write_text(got, encoding="utf-8")
        return
    assert target.exists(), f"{target.name} is missing: run pytest tests/test_corpus.py --update-corpus"
    want = target.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), f"{target.name} (expected)", "actual"))
        pytest.fail(f"{cable.name}: output differs from {target.name}:\n{diff}\nIf the change is intended: pytest tests/test_corpus.py --update-corpus")


@pytest.mark.parametrize("cable", SNAPSHOTS, ids=[f"{c.parent.name}/{c.name}" for c in SNAPSHOTS])
def test_default_selection_is_the_expected_minus_rules_off_by_default(cable: Path) -> None:
    target = expected_path(cable)
    if not target.exists():
        pytest.skip("no expected file yet")
    registry = load_registry().by_code()
    dialect = json.loads(run_cli("parse", str(cable)).stdout)["dialect"]
    expected = [d for d in json.loads(target.read_text(encoding="utf-8")) if registry[d["code"]].default_enabled or dialect in registry[d["code"]].default_in]
    assert check_json(cable) == expected


VALID = cables("valid")


@pytest.mark.parametrize("cable", VALID, ids=[c.name for c in VALID])
def test_valid_cable_is_clean(cable: Path) -> None:
    bad = [(d["code"], d["line"], d["message"]) for d in check_json(cable) if d["severity"] in ("error", "warning")]
    assert not bad


def test_every_rule_has_an_invalid_cable_that_shows_it() -> None:
    missing = []
    for rule in load_registry().rules:
        if rule.code in NOT_IN_CORPUS:
            continue
        named = [c for c in cables("invalid") if c.name.startswith(rule.code + "-")]
        shown = [c for c in named if expected_path(c).exists() and any(d["code"] == rule.code for d in json.loads(expected_path(c).read_text(encoding="utf-8")))]
        if not shown:
            missing.append(rule.code)
    assert not missing, f"rules without an invalid corpus cable that triggers them: {missing}"


def corpus_table() -> str:
    rows = ["| file | rules shown |", "|---|---|"]
    for folder in ("real", "invalid"):
        for cable in cables(folder):
            target = expected_path(cable)
            codes = sorted({d["code"] for d in json.loads(target.read_text(encoding="utf-8"))}) if target.exists() else []
            rows.append(f"| `{folder}/{cable.name}` | {', '.join(codes) or 'none'} |")
    for cable in VALID:
        rows.append(f"| `valid/{cable.name}` | none at warning or error |")
    return "\n".join(rows)


def test_corpus_readme_table_is_current(request: pytest.FixtureRequest) -> None:
    readme = CORPUS / "README.md"
    text = readme.read_text(encoding="utf-8")
    assert TABLE_START in text and TABLE_END in text, "corpus/README.md lacks the table markers"
    fresh = re.sub(re.escape(TABLE_START) + ".*?" + re.escape(TABLE_END), lambda _: f"{TABLE_START}\n{corpus_table()}\n{TABLE_END}", text, flags=re.S)
    if request.config.getoption("--update-corpus"):
        readme.write_text(fresh, encoding="utf-8")
        return
    assert text == fresh, "corpus/README.md table is stale: run pytest tests/test_corpus.py --update-corpus"
