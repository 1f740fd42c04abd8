"""``cablelint server`` in a real editor: Emacs with eglot, run in batch mode with
the README's Emacs configuration and tests/data/emacs_client.el, opens a real
cable with defects, edits it, applies *Fix all* and opens a second cable under a
configuration file; what Emacs shows (Flymake's diagnostics, the buffer's text)
must be what ``cablelint check`` says. A second run takes the settings from the
README's ``.dir-locals.el``.

Skipped where ``emacs`` is not on PATH or eglot cannot be loaded (CI has neither;
``apt-get install emacs-nox elpa-eglot``)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.editor import BIN, EDITED_LINE, README, SEED_TEXT, TIMEOUT_MS, WIDE, check, edited, editor_env

pytest.importorskip("pygls")

EMACS = shutil.which("emacs")
SCRIPT = Path(__file__).parent / "data" / "emacs_client.el"


def eglot_loads() -> bool:
    if EMACS is None:
        return False
    try:
        # batch mode loads the site's start files (Debian's elpa-eglot is found
        # through them), as the editor does; -Q would skip them
        done = subprocess.run([EMACS, "--batch", "--eval", "(require 'eglot)"], capture_output=True, timeout=120, stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


pytestmark = [
    pytest.mark.skipif(EMACS is None, reason="emacs is not on PATH"),
    pytest.mark.skipif(EMACS is not None and not eglot_loads(), reason="eglot cannot be loaded in emacs"),
]

# flymake's types for the server's severities (eglot's mapping)
TYPES = {"error": "eglot-error", "warning": "eglot-warning", "info": "eglot-note"}


def as_flymake(text: str, cwd: Path, *args: str, name: str = "a.cable") -> list[dict[str, Any]]:
    """check's findings as Flymake shows them through eglot: lines and columns from
    1, in characters (Emacs counts code points, as check does; eglot turns the
    server's UTF-16 positions into them), the type for the severity, the message
    after the source and the code."""
    found = json.loads(check(text, cwd, "--format", "json", *args, name=name).stdout)
    out = [
        {
            "line": f["line"],
            "column": f["column"],
            "end_line": f["end_line"],
            "end_column": f["end_column"],
            "type": TYPES[f["severity"]],
            "text": f"cablelint [{f['code']}]: {f['message']}",
        }
        for f in found
    ]
    return sorted(out, key=lambda d: (d["line"], d["column"], d["text"]))


def code_of(diagnostic: dict[str, Any]) -> str:
    found = re.match(r"cablelint \[(\w+)\]: ", diagnostic["text"])
    assert found, diagnostic
    return found[1]


def readme_block(starts: str) -> str:
    """The README's ```elisp block that starts with *starts*."""
    blocks = re.findall(r"^ *```elisp\n(.*?)^ *```", README.read_text(encoding="utf-8"), re.S | re.M)
    (block,) = [b for b in blocks if b.lstrip().startswith(starts)]
    return str(block)


def run_emacs(tmp_path: Path, cwd: Path, spec: dict[str, Any]) -> dict[str, Any]:
    """Emacs in batch mode with the README's configuration, then the script, on
    *spec*; what it saw."""
    assert EMACS is not None
    if not (BIN / "cablelint").exists():
        pytest.skip(f"no cablelint script beside {sys.executable}")
    init_file = tmp_path / "init.el"
    init_file.write_text(readme_block(";; Emacs:"), encoding="utf-8")
    spec_file = tmp_path / "spec.json"
    result_file = tmp_path / "result.json"
    events = tmp_path / "events.txt"
    spec_file.write_text(json.dumps({**spec, "out": str(result_file), "events": str(events), "timeout_ms": TIMEOUT_MS}), encoding="utf-8")
    env = dict(editor_env(tmp_path / "home"), CABLELINT_EMACS_SPEC=str(spec_file))
    proc = subprocess.run(
        [EMACS, "--batch", "-l", str(init_file), "-l", str(SCRIPT)],
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=4 * TIMEOUT_MS / 1000,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    traffic = events.read_text(encoding="utf-8", errors="replace")[-20000:] if events.exists() else ""
    assert result_file.exists(), f"emacs wrote nothing (exit {proc.returncode}): {proc.stdout!r} {proc.stderr!r}"
    result: dict[str, Any] = json.loads(result_file.read_text(encoding="utf-8"))
    assert "error" not in result, (result["error"], traffic)
    assert proc.returncode == 0, (proc.stdout, proc.stderr)
    result["messages"] = result.get("messages") or []  # json.el writes an empty list as null
    return result


@pytest.mark.skipif(not SEED_TEXT, reason="the seed cable is missing")
def test_emacs_shows_check_s_findings_relints_edits_and_fixes_all(tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "project" / "drafts").mkdir(parents=True)
    doc = work / "09BAMAKO97.cable"
    doc.write_text(WIDE, encoding="utf-8")
    (work / "project" / "cablelint.toml").write_text('ignore = ["P004", "R003"]\n', encoding="utf-8")
    configured = work / "project" / "drafts" / "b.cable"
    configured.write_text(SEED_TEXT, encoding="utf-8")
    edited_line, edited_text = edited(WIDE)

    got = run_emacs(
        tmp_path,
        work,
        {
            "doc": str(doc),
            "edit": {"line": EDITED_LINE, "text": edited_line},
            "actions_line": EDITED_LINE + 2,
            "configured": str(configured),
        },
    )

    # 1. as opened: check's findings, line for line, column for column
    expected = as_flymake(WIDE, work, name=doc.name)
    assert got["opened"] == expected
    assert got["first_codes"] == [code_of(d) for d in expected]
    assert len(got["opened"]) == 16
    x005 = next(d for d in got["opened"] if code_of(d) == "X005")
    # the server says character 987 in UTF-16 (the emoji is two units); Emacs
    # shows check's column 987 (code points) only if eglot converted it
    assert (x005["line"], x005["column"], x005["end_column"], x005["type"]) == (30, 987, 993, "eglot-warning")
    assert [d["type"] for d in got["opened"] if code_of(d) == "P004"] == ["eglot-note"] * 8
    assert next(d for d in got["opened"] if code_of(d) == "R003")["type"] == "eglot-error"

    # 2. the edit (line 30's head spaced), sent when Emacs is idle, is linted
    # again: the P004 there is gone, X005 one column on
    assert got["edited_text"] == edited_text
    assert got["edited"] == as_flymake(edited_text, work, name=doc.name)
    assert len(got["edited"]) == 15
    assert not [d for d in got["edited"] if code_of(d) == "P004" and d["line"] == EDITED_LINE + 1]
    assert next(d for d in got["edited"] if code_of(d) == "X005")["column"] == 988

    # 3. on line 32, M-x eglot-code-actions offers the P004 quick fix and Fix all;
    # the README's cablelint-fix-all gives check --fix -'s text for the edited buffer
    assert got["line_actions"] == [
        {"title": "cablelint: fix P004 (paragraph-marker-spacing)", "kind": "quickfix"},
        {"title": "cablelint: fix all safely fixable findings", "kind": "source.fixAll.cablelint"},
    ]
    assert got["actions"] == [{"title": "cablelint: fix all safely fixable findings", "kind": "source.fixAll.cablelint"}]
    fixed = check(edited_text, work, "--fix", name=doc.name).stdout.decode("utf-8")
    assert fixed != edited_text
    assert got["fixed_text"] == fixed

    # 4. the configuration above the second cable's folder is used, as check run
    # there uses it
    found = as_flymake(SEED_TEXT, configured.parent, name=configured.name)
    assert got["configured"] == found
    assert {code_of(d) for d in got["configured"]} == {"F004", "X005"}
    assert got["messages"] == []


@pytest.mark.skipif(not SEED_TEXT, reason="the seed cable is missing")
def test_emacs_settings_from_dir_locals_reach_the_server(tmp_path: Path) -> None:
    # the README's .dir-locals.el, as it is: eglot answers workspace/configuration
    # from it; the first diagnostics shown are already those of the settings
    work = tmp_path / "work"
    (work / "ci").mkdir(parents=True)
    (work / ".dir-locals.el").write_text(readme_block("((nil . ((eglot-workspace-configuration"), encoding="utf-8")
    (work / "ci" / "cablelint.toml").write_text('select = ["F", "P", "X"]\n', encoding="utf-8")
    doc = work / "a.cable"
    doc.write_text(SEED_TEXT, encoding="utf-8")
    got = run_emacs(tmp_path, work, {"doc": str(doc)})
    expected = as_flymake(SEED_TEXT, work, "--strict", "--ignore", "P004", "--config", "ci/cablelint.toml", name=doc.name)
    assert got["opened"] == expected
    # the first diagnostics eglot received were already those (the server held
    # the document until eglot answered for the settings)
    assert got["first_codes"] == [code_of(d) for d in expected]
    assert {code_of(d) for d in got["opened"]} == {"F004", "F005", "X005"}
    assert not [d for d in got["opened"] if code_of(d) in ("P004", "R003")]
    assert got["messages"] == []
