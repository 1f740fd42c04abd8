"""``cablelint server`` in a real editor: Neovim, run headless with the README's
Neovim configuration as its init.lua (the block for its version) and
tests/data/nvim_client.lua, opens a real cable with defects, edits it, applies
*Fix all* and opens a second cable under a configuration file; what Neovim shows
(``vim.diagnostic.get``, the buffer's text) must be what ``cablelint check`` says.

Skipped where ``nvim`` is not on PATH (CI has none; ``apt-get install neovim``)."""

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

NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(NVIM is None, reason="nvim is not on PATH")

SCRIPT = Path(__file__).parent / "data" / "nvim_client.lua"


def as_nvim(text: str, cwd: Path, name: str = "a.cable") -> list[dict[str, Any]]:
    """check's findings as ``vim.diagnostic.get`` gives them: lines from 0, columns
    in bytes from 0, severities 1 (error) to 3 (info)."""
    found = json.loads(check(text, cwd, "--format", "json", name=name).stdout)
    lines = text.split("\n")
    severity = {"error": 1, "warning": 2, "info": 3}

    def byte_col(line: int, column: int) -> int:
        return len(lines[line - 1][: column - 1].encode("utf-8"))

    out = [
        {
            "lnum": f["line"] - 1,
            "col": byte_col(f["line"], f["column"]),
            "end_lnum": f["end_line"] - 1,
            "end_col": byte_col(f["end_line"], f["end_column"]),
            "severity": severity[f["severity"]],
            "code": f["code"],
            "source": "cablelint",
            "message": f["message"],
        }
        for f in found
    ]
    return sorted(out, key=lambda d: (d["lnum"], d["col"], d["code"]))


def nvim_version() -> tuple[int, int]:
    assert NVIM is not None
    first = subprocess.run([NVIM, "--version"], capture_output=True, text=True, check=True, timeout=60).stdout.splitlines()[0]
    found = re.match(r"NVIM v(\d+)\.(\d+)", first)
    assert found, first
    return int(found[1]), int(found[2])


def readme_config(version: tuple[int, int]) -> str:
    """The README's Neovim configuration for *version*: the ```lua block that
    starts "-- Neovim 0.7 to 0.9" or "-- Neovim 0.10 or later"."""
    blocks = re.findall(r"```lua\n(-- Neovim .*?)```", README.read_text(encoding="utf-8"), re.S)
    wanted = "-- Neovim 0.10 or later" if version >= (0, 10) else "-- Neovim 0.7 to 0.9"
    (block,) = [b for b in blocks if b.startswith(wanted)]
    return str(block)


def run_nvim(tmp_path: Path, cwd: Path, spec: dict[str, Any], init_options: Any = None) -> dict[str, Any]:
    """Neovim with the README's configuration (*init_options* added to the client's
    table when given) and the script, on *spec*; what it saw."""
    assert NVIM is not None
    if not (BIN / "cablelint").exists():
        pytest.skip(f"no cablelint script beside {sys.executable}")
    init = readme_config(nvim_version())
    if init_options is not None:
        # a line of the client's table, as a user adds it, after its name
        named = re.search(r'^( *)name = "cablelint",\n', init, re.M)
        assert named, init
        added = f"{named[1]}init_options = vim.fn.json_decode([[{json.dumps(init_options)}]]),\n"
        init = init[: named.end()] + added + init[named.end() :]
    init_file = tmp_path / "init.lua"
    init_file.write_text(init, encoding="utf-8")
    spec_file = tmp_path / "spec.json"
    result_file = tmp_path / "result.json"
    spec_file.write_text(json.dumps({**spec, "out": str(result_file), "timeout_ms": TIMEOUT_MS}), encoding="utf-8")
    env = dict(editor_env(tmp_path / "home"), CABLELINT_NVIM_SPEC=str(spec_file))
    proc = subprocess.run(
        [NVIM, "--headless", "-u", str(init_file), "-i", "NONE", "-n", "-c", f"luafile {SCRIPT}"],
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=4 * TIMEOUT_MS / 1000,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result_file.exists(), f"nvim wrote nothing (exit {proc.returncode}): {proc.stdout!r} {proc.stderr!r}"
    result: dict[str, Any] = json.loads(result_file.read_text(encoding="utf-8"))
    assert "error" not in result, result["error"]
    assert proc.returncode == 0, (proc.stdout, proc.stderr)
    return result


@pytest.mark.skipif(not SEED_TEXT, reason="the seed cable is missing")
def test_neovim_shows_check_s_findings_relints_edits_and_fixes_all(tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "project" / "drafts").mkdir(parents=True)
    doc = work / "09BAMAKO97.cable"
    doc.write_text(WIDE, encoding="utf-8")
    (work / "project" / "cablelint.toml").write_text('ignore = ["P004", "R003"]\n', encoding="utf-8")
    configured = work / "project" / "drafts" / "b.cable"
    configured.write_text(SEED_TEXT, encoding="utf-8")
    edited_line, edited_text = edited(WIDE)

    got = run_nvim(
        tmp_path,
        work,
        {
            "doc": str(doc),
            "edit": {"line": EDITED_LINE, "text": edited_line},
            "configured": str(configured),
        },
    )

    # 1. as opened: check's findings, line for line, byte column for byte column
    assert got["offset_encoding"] in ("utf-16", "utf-32")  # 0.7 offers only UTF-16
    expected = as_nvim(WIDE, work, doc.name)
    assert got["opened"] == expected
    assert len(got["opened"]) == 16
    x005 = next(d for d in got["opened"] if d["code"] == "X005")
    # check's column 987 (code points) is byte 991 from 0: the emoji is 4 bytes, the CJK one 3
    assert (x005["lnum"], x005["col"], x005["severity"]) == (29, 991, 2)
    assert [d["severity"] for d in got["opened"] if d["code"] == "P004"] == [3] * 8
    assert next(d for d in got["opened"] if d["code"] == "R003")["severity"] == 1

    # 2. the edit (line 30's head spaced) is linted again: the P004 there is gone
    assert got["edited_text"] == edited_text
    assert got["edited"] == as_nvim(edited_text, work, doc.name)
    assert len(got["edited"]) == 15
    assert not [d for d in got["edited"] if d["code"] == "P004" and d["lnum"] == EDITED_LINE]

    # 3. Fix all, applied by Neovim, gives check --fix -'s text for the edited buffer
    assert got["actions"] == [{"title": "cablelint: fix all safely fixable findings", "kind": "source.fixAll.cablelint"}]
    fixed = check(edited_text, work, "--fix", name=doc.name).stdout.decode("utf-8")
    assert fixed != edited_text
    assert got["fixed_text"] == fixed

    # 4. the configuration above the second cable's folder is used, as check run
    # there uses it
    found = as_nvim(SEED_TEXT, configured.parent, configured.name)
    assert got["configured"] == found
    assert {d["code"] for d in got["configured"]} == {"F004", "X005"}
    assert got["messages"] == []


@pytest.mark.skipif(not SEED_TEXT, reason="the seed cable is missing")
def test_neovim_settings_reach_the_server(tmp_path: Path) -> None:
    # the README's way: init_options = { cablelint = {...} } in the client's table,
    # sent as initializationOptions (Neovim 0.7 neither sends its settings table
    # at start nor says it answers workspace/configuration, so the server never
    # sees settings = {...} there)
    work = tmp_path / "work"
    work.mkdir()
    doc = work / "a.cable"
    doc.write_text(SEED_TEXT, encoding="utf-8")
    settings = {"cablelint": {"select": ["P", "X005"], "ignore": ["paragraph-marker-spacing"], "extendSelect": ["F005"], "lineLength": 200}}
    got = run_nvim(tmp_path, work, {"doc": str(doc)}, init_options=settings)
    found = json.loads(check(SEED_TEXT, work, "--format", "json", "--select", "P,X005", "--ignore", "paragraph-marker-spacing", "--extend-select", "F005", "--line-length", "200").stdout)
    assert [d["code"] for d in got["opened"]] == [f["code"] for f in found]
    assert {d["code"] for d in got["opened"]} == {"X005", "F005"}
    assert got["messages"] == []
