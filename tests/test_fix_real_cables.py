"""--fix and --diff over the real archive cables and the corpus: what a user relies on.

For a cable drawn from ../shared/real-cables (skipped when absent) and corpus/, with
``--select ALL`` or the defaults, its line feeds kept or made CRLF, with a BOM or
without its final newline:

- fixing is idempotent: a second fix changes nothing, and no finding left has a fix
  (but those held to keep the rendering, which the run names);
- every finding fixed is gone and no finding is new: the findings after the fix are
  among those that had no fix (counted per code and line; per code where a fix
  changed the number of lines);
- each pass changes the text only inside the spans of the fixes it took;
- the line endings and the final newline are kept;
- through the CLI, ``--diff`` writes nothing, exits 1 exactly when it prints a diff,
  and applied by ``patch`` gives what ``--fix`` writes, which keeps the BOM and the
  mode and leaves no other file; ``--fix -`` prints those bytes; after the fix
  ``--diff`` prints nothing.

The examples are drawn by Hypothesis: the default profile tries a few dozen (seconds),
``--hypothesis-profile=fuzz`` thousands, every real cable many times over.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablelint.files import LoadedFile
from cablelint.linter import fixer
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.engine import Linter
from cablelint.linter.rendering import take
from cablelint.linter.selection import Layer
from tests.conftest import CORPUS, run_cli

LINTERS = {"ALL": Linter(cli=Layer(select=("ALL",))), "default": Linter()}
VARIANTS = ("lf", "crlf", "bom", "no-final-newline")


def _readable(paths: list[Path]) -> list[Path]:
    out = []
    for path in paths:
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # (F001: never fixed, which test_fix checks)
        out.append(path)
    return out


CORPUS_CABLES = _readable(sorted(CORPUS.rglob("*.cable")))


def _variant(data: bytes, variant: str) -> bytes:
    if variant == "crlf":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if variant == "bom":
        return b"\xef\xbb\xbf" + data
    if variant == "no-final-newline":
        return data.rstrip(b"\r\n")
    return data


def _loaded(data: bytes) -> LoadedFile:
    bom = data.startswith(b"\xef\xbb\xbf")
    return LoadedFile("x.cable", data.decode("utf-8")[1 if bom else 0 :], bom=bom)


def _outside_spans_kept(before: str, after: str, found: list[Diagnostic]) -> Optional[str]:
    """Whether the stretches of *before* outside the spans of the fixes in *found*
    are all in *after*, in order (None), or the first one that is not."""
    spans = sorted((e.span.start, e.span.end) for d in found if d.fix for e in d.fix.edits)
    keep, pos = [], 0
    for start, end in spans:
        if start > pos:
            keep.append(before[pos:start])
        pos = max(pos, end)
    keep.append(before[pos:])
    at = 0
    for piece in keep:
        found_at = after.find(piece, at)
        if found_at < 0:
            return piece
        at = found_at + len(piece)
    return None


def _cables(real_cables: list[Path]) -> st.SearchStrategy[Path]:
    return st.sampled_from(real_cables + CORPUS_CABLES)


@settings(deadline=None, max_examples=max(8, settings.default.max_examples // 2))
@given(data=st.data())
def test_fixing_a_real_cable_keeps_every_invariant(real_cables: list[Path], data: st.DataObject) -> None:
    path = data.draw(_cables(real_cables), label="cable")
    selection = data.draw(st.sampled_from(sorted(LINTERS)), label="selection")
    variant = data.draw(st.sampled_from(VARIANTS), label="variant")
    linter = LINTERS[selection]
    loaded = _loaded(_variant(path.read_bytes(), variant))
    original = loaded.text or ""
    found = linter.lint_file(loaded)
    result = fixer.fix_file(linter, loaded, found)
    assert result.refused is None
    fixed = result.text

    # idempotent: the fixed text lints with nothing left to fix (but what was held)
    again = linter.lint_file(LoadedFile(loaded.path, fixed, bom=loaded.bom))
    assert [(d.code, d.span.line) for d in again] == [(d.code, d.span.line) for d in result.remaining]
    assert result.held is not None or [d for d in again if d.fix] == []
    assert fixer.fix_file(linter, LoadedFile(loaded.path, fixed, bom=loaded.bom), again).text == fixed

    # every finding fixed is gone, and no finding is new
    same_lines = original.count("\n") == fixed.count("\n")

    def key(d: Diagnostic) -> tuple[str, int]:
        return (d.code, d.span.line if same_lines else 0)

    allowed = Counter(key(d) for d in found if d.fix is None)
    if result.held is not None:
        allowed += Counter(key(d) for d in again if d.fix is not None)
    assert Counter(key(d) for d in again) - allowed == Counter()

    # pass by pass, only the spans of the fixes taken changed
    text, current = original, found
    for _ in range(fixer.MAX_PASSES):
        step = _pass(linter, LoadedFile(loaded.path, text, bom=loaded.bom), current)
        if step.text == text:
            break
        # (the fixes the pass could take; it may hold some back to keep the rendering)
        assert _outside_spans_kept(text, step.text, take(current)) is None
        text, current = step.text, linter.lint_file(LoadedFile(loaded.path, step.text, bom=loaded.bom))
    assert text == fixed

    # line endings and the final newline kept
    if "\r\n" in original and original.count("\n") == original.count("\r\n"):
        assert fixed.count("\n") == fixed.count("\r\n")
    assert fixed.endswith("\n") == original.endswith("\n")


def _pass(linter: Linter, loaded: LoadedFile, found: list[Diagnostic]) -> fixer.FixResult:
    """One pass of the fixer (fix_file with one pass allowed)."""
    passes = fixer.MAX_PASSES
    fixer.MAX_PASSES = 1
    try:
        return fixer.fix_file(linter, loaded, found)
    finally:
        fixer.MAX_PASSES = passes


@settings(deadline=None, max_examples=max(4, settings.default.max_examples // 4))
@given(data=st.data())
def test_diff_and_fix_of_a_real_cable_agree_through_the_cli(real_cables: list[Path], data: st.DataObject) -> None:
    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    path = data.draw(_cables(real_cables), label="cable")
    selection = data.draw(st.sampled_from([("--select", "ALL"), ()]), label="selection")
    variant = data.draw(st.sampled_from(VARIANTS), label="variant")
    original = _variant(path.read_bytes(), variant)
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        for name in ("patched", "fixed"):
            os.mkdir(os.path.join(folder, name))
            target = Path(folder, name, path.name)
            target.write_bytes(original)
            target.chmod(0o640)
        try:
            os.chdir(Path(folder, "patched"))
            diff = run_cli("check", *selection, "--diff", path.name)
            assert Path(path.name).read_bytes() == original  # --diff writes nothing
            assert diff.exit_code == (1 if diff.stdout_bytes else 0)
            if diff.stdout_bytes:
                applied = subprocess.run(["patch", "-p1", "--quiet", "--batch"], input=diff.stdout_bytes, capture_output=True)
                assert applied.returncode == 0, applied.stdout + applied.stderr
            os.chdir(Path(folder, "fixed"))
            run_cli("check", *selection, "--fix", path.name)
            fixed = Path(path.name).read_bytes()
            assert Path(folder, "patched", path.name).read_bytes() == fixed
            assert os.listdir(".") == [path.name]  # (no temporary file left beside it)
            assert Path(path.name).stat().st_mode & 0o7777 == 0o640
            assert fixed.startswith(b"\xef\xbb\xbf") == original.startswith(b"\xef\xbb\xbf")
            again = run_cli("check", *selection, "--diff", path.name)
            assert again.stdout_bytes == b"" and again.exit_code == 0
            piped = run_cli("check", *selection, "--fix", "-", "--stdin-filename", path.name, input=original)
            assert piped.stdout_bytes == fixed
        finally:
            os.chdir(here)
