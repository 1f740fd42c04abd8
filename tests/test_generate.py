"""The generated files (cablelint.generate): the three committed ones are what their
sources give, and ``python -m cablelint.generate --check`` finds a stale one, names
it and writes nothing, which ``python -m cablelint.generate`` then writes, alone. The
stale files are made in a copy of the checkout, never in the package."""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Optional

import pytest

from cablelint import generate
from cablelint.grammar import tables
from tests.conftest import ROOT, run_cli

TABLES, INDEX, CATALOG = "src/cablelint/grammar/tables.marshal", "src/cablelint/rules/index.py", "docs/rules.md"
RUN = "run `python -m cablelint.generate` and commit what it writes"


def test_the_generated_files_are_up_to_date() -> None:
    assert generate.checkout() == ROOT
    files = {f.name: f for f in generate.generated(ROOT)}
    assert list(files) == [TABLES, INDEX, CATALOG]
    # the tables are current for the grammar files and this layout, whichever Lark
    # made them (the test of the tables in use is tests/test_tables.py's)
    assert files[TABLES].is_current(), f"a grammar file changed since {TABLES} was made: {RUN}"
    assert files[INDEX].is_current(), f"{INDEX} does not list the rules as their modules declare them: {RUN}"
    assert files[CATALOG].is_current(), f"{CATALOG} is not what the rules' metadata and docstrings give: {RUN}"


def test_each_file_s_own_command_gives_what_generate_writes() -> None:
    """The commands that make one file each (README, the helpers' notes) write the
    same: `cablelint rules --format markdown` the catalog (no plugin is installed
    here), `python -m cablelint.rules.index` the index."""
    from cablelint.rules import index_source

    files = {f.name: f for f in generate.generated(ROOT)}
    assert run_cli("rules", "--format", "markdown").stdout.encode("utf-8") == files[CATALOG].content()
    assert index_source().encode("utf-8") == files[INDEX].content()
    made = files[TABLES].content()
    assert tables.up_to_date(made) and tables.made_with(made) == tables.lark_version()


def test_tables_of_another_grammar_or_layout_are_stale() -> None:
    """What --check calls stale in the tables: another grammar file's digest or
    another layout; another Lark's tables are current (and said not to be used)."""
    shipped = (ROOT / TABLES).read_bytes()
    made = tables.made_with(shipped)
    assert made is not None and tables.up_to_date(shipped)
    recorded = marshal.loads(shipped)
    assert tables.up_to_date(tables.render({**recorded, "lark": "0.0.1"}))
    assert not tables.up_to_date(tables.render({**recorded, "format": tables.FORMAT + 1}))
    assert not tables.up_to_date(tables.render({**recorded, "blake2b": {**recorded["blake2b"], tables.FIELD_GRAMMAR: "0" * 64}}))
    assert not tables.up_to_date(b"") and not tables.up_to_date(shipped[:-1])


def test_tables_made_by_another_lark_are_current_and_said_unused(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """--check passes (the committed file is made with the Lark it names) and says
    that the tables are not used under this Lark, and how to make them for it."""
    made = tables.made_with((ROOT / TABLES).read_bytes())
    monkeypatch.setattr(tables, "lark_version", lambda: "9.9.9")
    assert generate.main(["--check"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{TABLES}: made with Lark {made}, not used under this Lark 9.9.9 (`python -m cablelint.grammar.tables --force` makes it for 9.9.9)",
        "3 generated files up to date",
    ]


def _checkout(tmp_path: Path) -> Path:
    """A copy of the checkout's sources and docs (what generate reads and writes)."""
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "src" / "cablelint", root / "src" / "cablelint", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def _generate(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m cablelint.generate ARGS`` with the copy at *root* as the package."""
    env = dict(os.environ, PYTHONPATH=str(root / "src"), XDG_CACHE_HOME=str(root.parent / "xdg"), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "cablelint.generate", *args], capture_output=True, text=True, cwd=root.parent, env=env, check=False)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the copy: its content and inode (a file replaced gets a new one)."""
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_ino) for p in sorted(root.rglob("*")) if p.is_file()}


SUBJECT_RULES = "src/cablelint/rules/h_subject.py"
# an edit of the copy's sources, the generated files it makes stale, and a piece of
# text one of the written files then holds (the tables: --check passing after)
EDITS: dict[str, tuple[Callable[[Path], None], list[str], Optional[tuple[str, bytes]]]] = {
    "docstring": (
        lambda root: _edit(root / SUBJECT_RULES, '"""No ``SUBJECT:`` line.', '"""No ``SUBJECT:`` line at all.'),
        [CATALOG],
        (CATALOG, b"| No ``SUBJECT:`` line at all. |"),
    ),
    "severity": (
        lambda root: _edit(root / SUBJECT_RULES, 'severity = "warning"', 'severity = "info"'),
        [INDEX, CATALOG],
        (INDEX, b"('H009', 'malformed-subject-line', 'info',"),
    ),
    "grammar": (
        lambda root: _edit(root / "src/cablelint/grammar/fields.lark", "// fields.lark: ", "// (the digest changes, the terminals do not) fields.lark: "),
        [TABLES],
        None,
    ),
    "deleted": (lambda root: (root / INDEX).unlink(), [INDEX], (INDEX, b"RULES = (\n")),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_check_names_the_stale_files_and_generate_writes_them_alone(tmp_path: Path, edit: str) -> None:
    root = _checkout(tmp_path)
    change, stale, written = EDITS[edit]
    change(root)
    before = _snapshot(root)
    checked = _generate(root, "--check")
    assert (checked.returncode, checked.stderr) == (1, "")
    assert checked.stdout.splitlines() == [
        *(f"{name}: out of date" for name in stale),
        f"{len(stale)} of 3 generated files out of date: run `python -m cablelint.generate`",
    ]
    assert _snapshot(root) == before  # nothing written, no temporary file left

    made = _generate(root)
    assert (made.returncode, made.stderr) == (0, "")
    assert made.stdout.splitlines() == [f"{name}: written" for name in stale]
    after = _snapshot(root)
    assert set(after) == set(before) | ({INDEX} if edit == "deleted" else set())  # (no temporary file left)
    assert {name for name in after if after[name] != before.get(name)} == set(stale)  # the others untouched
    if written is not None:
        assert written[1] in after[written[0]][0]
    again = _generate(root, "--check")
    assert (again.returncode, again.stdout) == (0, "3 generated files up to date\n")


def test_generate_needs_a_source_checkout_and_known_options(tmp_path: Path) -> None:
    root = _checkout(tmp_path)
    (root / "pyproject.toml").unlink()  # (an installed package: no checkout around it)
    outside = _generate(root, "--check")
    assert outside.returncode == 2 and outside.stdout == ""
    assert outside.stderr == f"cablelint.generate: {root / 'src' / 'cablelint'} is not in a source checkout: expected src/cablelint beside pyproject.toml\n"
    wrong = _generate(root, "--chek")
    assert wrong.returncode == 2 and "unrecognized arguments: --chek" in wrong.stderr


@pytest.mark.parametrize(
    "broken, mode, words",
    [
        pytest.param(
            lambda root: _edit(root / SUBJECT_RULES, 'code = "H008"', 'code = "H009"'),
            "--check",
            f"cablelint.generate: {INDEX} cannot be made: the rules cannot be listed: cablelint: rule code H009 is already used by cablelint's built-in rule H009 (missing-subject-line)\n",
            id="rule-code-twice",
        ),
        pytest.param(
            lambda root: _edit(root / "src/cablelint/grammar/cable.lark", "\nstart:", "\nbroken: NOT_A_TERMINAL\nstart:"),
            "--write",
            f"cablelint.generate: {TABLES} cannot be made: the grammar does not build: GrammarError: ",
            id="grammar",
        ),
        pytest.param(
            lambda root: _edit(root / "src/cablelint/grammar/cable.lark", "\nstart:", "\n%import nowhere.NOTHING\nstart:"),
            "--write",
            f"cablelint.generate: {TABLES} cannot be made: the grammar does not build: ",
            id="grammar-import",
        ),
        pytest.param(
            lambda root: ((root / CATALOG).unlink(), (root / CATALOG).mkdir()),
            "--check",
            f"cablelint.generate: cannot read {CATALOG}: Is a directory\n",
            id="a-folder-in-its-place",
        ),
    ],
)
def test_broken_sources_are_an_error_not_a_traceback(tmp_path: Path, broken: Callable[[Path], None], mode: str, words: str) -> None:
    """A source that cannot be made into its file: exit 2, the file and the reason
    named, nothing written."""
    root = _checkout(tmp_path)
    broken(root)
    before = _snapshot(root)
    proc = _generate(root, *([mode] if mode == "--check" else []))
    assert proc.returncode == 2 and proc.stdout == "" and proc.stderr.startswith(words), proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
    assert _snapshot(root) == before
