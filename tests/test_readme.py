"""The README against the tool: what it names must exist and what it quotes must be true.

Cheap checks of the drift most likely as the tool changes under it: the commands and
options it names, its TOML examples, its rule count and rate table's names and
severities, the files it points to, the package tree of "How it is built" and its two
quoted runs (the seed cable and the pre-submission check, byte for byte).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cablelint.cli import main
from cablelint.linter.config import read_file
from cablelint.linter.engine import Linter
from cablelint.rules import builtin_rules
from tests.conftest import ROOT, SEED

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

README = ROOT / "README.md"
TEXT = README.read_text(encoding="utf-8")
FENCED = re.compile(r"^ *```(\w*)\n(.*?)^ *```", re.S | re.M)
BLOCKS: list[tuple[str, str]] = FENCED.findall(TEXT)
# inline code spans (they may run over a line break), fenced blocks left out
SPANS = [s.replace("\n", " ") for s in re.findall(r"`([^`]+)`", FENCED.sub("", TEXT))]
# every piece of code the README shows: the lines of its shell-like blocks and its spans
CODE = [line for lang, body in BLOCKS if lang in ("", "sh") for line in body.splitlines()] + SPANS

# options of other tools the README names, with the tool's own words around them
FOREIGN = {
    "--hypothesis-profile": "python -m pytest --hypothesis-profile=fuzz tests/fuzz",
    "--no-index": "`git diff --no-index`",
    "--batch": "`emacs --batch`",
}


def _options(command: str) -> set[str]:
    params = main.commands[command].params
    return {o for p in params for o in (*p.opts, *p.secondary_opts)}


def _after(line: str, command: str) -> str:
    """The part of *line* that gives *command* its arguments (up to a comment or a pipe)."""
    rest = line.split(f"cablelint {command}", 1)[1]
    return re.split(r"\s#|\||&&", rest)[0]


def test_every_cablelint_command_the_readme_names_exists() -> None:
    named = {m for piece in CODE for m in re.findall(r"(?:^|[\s$])cablelint ([a-z][a-z-]*)(?=[\s`']|$)", piece)}
    assert {"check", "rules", "rule", "parse", "clean", "server"} <= named
    assert named <= set(main.commands), sorted(named - set(main.commands))


def test_options_given_to_a_cablelint_command_belong_to_it() -> None:
    seen = 0
    for piece in CODE:
        for command in re.findall(r"(?:^|[\s$])cablelint ([a-z][a-z-]*)(?=[\s`']|$)", piece):
            given = set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", _after(piece, command)))
            seen += len(given)
            assert given <= _options(command), (piece, sorted(given - _options(command)))
    assert seen > 10


def test_every_option_the_readme_names_exists() -> None:
    """Each ``--option`` is cablelint's (of some command), a bench script's or a
    package module's where the README runs that script (``python bench/x.py``) or
    module (``python -m cablelint.generate``), or one of FOREIGN, which the README still
    names as such."""
    ours = set().union(*(_options(c) for c in main.commands)) | _shown_options(main) | {"--help"}
    for option, context in FOREIGN.items():
        assert context in TEXT, (option, context)
    scripts: set[str] = set()
    runs = [(ROOT / script, args) for script, args in re.findall(r"python (bench/\w+\.py)([^`|]*)", TEXT)]
    runs += [(ROOT / "src" / f"{module.replace('.', '/')}.py", args) for module, args in re.findall(r"python -m (cablelint\.[\w.]+)([^`|]*)", TEXT)]
    for script, args in runs:
        source = script.read_text(encoding="utf-8")
        for option in re.findall(r"--[a-z][\w-]*", args):
            assert f'"{option}"' in source, (script, option)
            scripts.add(option)
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", TEXT))
    unknown = named - ours - scripts - set(FOREIGN)
    assert not unknown, sorted(unknown)


def _use_rows() -> list[list[str]]:
    """The rows of the option tables of "Use" (up to its next section of the same
    level), each as its cells."""
    use = TEXT[TEXT.index("\n## Use\n") :]
    use = use[: use.index("\n## ", 1)]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in use.splitlines() if line.startswith("| `")]


def _shown_options(command: click.Command) -> set[str]:
    """What `cablelint COMMAND --help` lists (--help itself aside). The context is
    made as the command line makes it (the group's settings, the command under the
    group): click keeps the help option a context first gives a command, and one made
    without ``-h`` would refuse ``cablelint check -h`` in the tests after this one."""
    with click.Context(main, info_name="cablelint", **main.context_settings) as top:
        ctx = top if command is main else click.Context(command, parent=top, info_name=command.name)
        shown = [p for p in command.get_params(ctx) if isinstance(p, click.Option) and not p.hidden]
    return {o for p in shown for o in (*p.opts, *p.secondary_opts)} - {"--help", "-h"}


def _named(cell: str) -> set[str]:
    """The options a table cell names: each code span's first word (`-j N`, `--fix`)."""
    return {span.split()[0] for span in re.findall(r"`([^`]+)`", cell)}


def test_every_option_of_every_command_is_described_in_use() -> None:
    """Each option a command's --help lists has its row in "Use": check's in the
    option table, the others' in the table of the other commands, by command."""
    rows = _use_rows()
    check_rows = [r for r in rows if len(r) == 2]
    assert len(check_rows) > 20
    described = set().union(*(_named(r[0]) for r in check_rows))
    assert _shown_options(main.commands["check"]) <= described, sorted(_shown_options(main.commands["check"]) - described)
    by_command: dict[str, set[str]] = {}
    for command, option, what in (r for r in rows if len(r) == 3 and r[0].startswith("`cablelint")):
        assert what, (command, option)
        by_command.setdefault(command.strip("`"), set()).update(_named(option))
    expected = {f"cablelint {name}": _shown_options(c) for name, c in main.commands.items() if name != "check"}
    expected["cablelint"] = _shown_options(main)
    assert {k: v for k, v in expected.items() if v} == by_command


def test_toml_examples_load(tmp_path: Path) -> None:
    """The configuration example loads with the real loader and its rule names resolve;
    the plugin's pyproject declares the entry point group cablelint reads; the others
    (the editors') are at least TOML."""
    blocks = [body for lang, body in BLOCKS if lang == "toml"]
    configs = [b for b in blocks if "[tool.cablelint]" in b]
    assert len(configs) == 1 and len(blocks) >= 3
    for body in blocks:
        # an indented block (in a list) keeps its indent on every line
        indent = min(len(line) - len(line.lstrip()) for line in body.splitlines() if line.strip())
        data = tomllib.loads("\n".join(line[indent:] for line in body.splitlines()))
        if "cablelint" in data.get("tool", {}):
            path = tmp_path / "pyproject.toml"
            path.write_text(body, encoding="utf-8")
            config = read_file(path)
            Linter(config)  # unknown rule codes or names fail here
            assert config.dialect == "draft" and config.exclude == ("archive/raw",)
        if "project" in data and "entry-points" in data["project"]:
            assert "cablelint.rules" in data["project"]["entry-points"]


def test_rule_count_and_families() -> None:
    rules = builtin_rules()
    m = re.search(r"(\d+) rules in (\w+) families, (.*?) and (\w) \(", TEXT.replace("\n", " "))
    assert m, "the rule count sentence is gone"
    words = {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
    assert int(m.group(1)) == len(rules)
    letters = re.findall(r"\b([A-Z]) \(", m.group(3)) + [m.group(4)]
    assert words[m.group(2)] == len(letters)
    assert sorted(letters) == sorted({r.code[0] for r in rules})


def test_rate_table_names_every_rule_with_its_default() -> None:
    rows = re.findall(r"^\| ([A-Z]\d{3}) \| ([a-z-]+) \| (\w+(?: \(off\))?) \|", TEXT, re.M)
    expected = [(r.code, r.name, r.severity + ("" if r.default_enabled else " (off)")) for r in builtin_rules()]
    assert rows == sorted(expected)


def test_repository_paths_exist() -> None:
    paths = {p for s in SPANS for p in re.findall(r"(?:^|\s)((?:src|tests|docs|bench|corpus|\.ci)/[\w./*-]*)", s)}
    assert len(paths) > 10
    missing = [p for p in paths if not list(ROOT.glob(p.rstrip("/")))]
    assert not missing, sorted(missing)


def test_package_tree_names_every_module() -> None:
    tree = next(body for lang, body in BLOCKS if body.startswith("src/cablelint/"))
    names = set(re.findall(r"[\w*][\w*.]*\.(?:py|lark|json|txt)\b(?!\.)", tree))
    package = ROOT / "src" / "cablelint"
    for name in names:
        assert list(package.rglob(name)), name
    skip = {"rules", "reporters", "schemas"}  # listed as folders
    for path in package.rglob("*"):
        if path.suffix in (".py", ".lark", ".json", ".txt") and path.name != "__init__.py" and not skip & set(path.relative_to(package).parts[:-1]):
            assert path.name in names or (path.name.startswith("read_") and "read_*.py" in names and f"{path.name} " in tree), path


def test_environment_variables_exist() -> None:
    named = set(re.findall(r"\bCABLELINT_[A-Z_]+", TEXT))
    assert {"CABLELINT_NO_CACHE", "CABLELINT_CACHE_DIR", "CABLELINT_LOG_LEVEL"} <= named
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "cablelint").rglob("*.py"))
    assert {n for n in named if n not in source} == set()


def _quoted_run(starts: str) -> list[str]:
    body = next(body for lang, body in BLOCKS if body.startswith(starts))
    return body.splitlines()


def test_seed_cable_sample_is_what_check_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lines quoted (around the "..." left out) are lines of the real output, in
    order, and the summary is its last line."""
    monkeypatch.chdir(ROOT)
    shown = _quoted_run("$ cablelint check corpus/real/09BAMAKO97.cable")
    result = CliRunner().invoke(main, [*shown[0].split()[2:], "--no-cache"], catch_exceptions=False)
    out = result.output.splitlines()
    assert SEED.exists() and result.exit_code == 1
    assert shown[-1] == out[-1]
    at = 0
    for line in shown[1:]:
        if line != "...":
            at = out.index(line, at) + 1


def test_pre_submission_sample_is_what_check_prints(tmp_path: Path) -> None:
    """The two runs on tests/data/my-draft.cable, byte for byte (standard error where a
    terminal shows it) and with the exit status the README gives ("run it again: exit
    status 0 means ready")."""
    shutil.copy(ROOT / "tests" / "data" / "my-draft.cable", tmp_path / "my-draft.cable")
    shown = _quoted_run("$ cablelint check --dialect draft --strict my-draft.cable")
    cablelint = Path(sys.executable).parent / "cablelint"
    env = {"PATH": str(cablelint.parent), "CABLELINT_NO_CACHE": "1", "NO_COLOR": "1"}
    got: list[str] = []
    for line in shown:
        if line.startswith("$ "):
            run = subprocess.run(line[2:].split(), cwd=tmp_path, env=env, capture_output=True, text=True)
            assert run.returncode == 1
            got += [line, *run.stderr.splitlines(), *run.stdout.splitlines()]
    assert got == shown


def test_editor_settings_table_is_the_servers() -> None:
    """The settings table of "In your editor" lists exactly the settings the server
    reads, each beside the check option of the same meaning."""
    lsp = pytest.importorskip("cablelint.lsp")
    table = TEXT.split("| setting | as | value |", 1)[1].split("\n\n", 1)[0]
    rows = re.findall(r"^\| (`[^|]+) \| (`[^|]+) \|", table, re.M)
    settings = [s for names, _ in rows for s in re.findall(r"`(\w+)`", names)]
    assert sorted(settings) == sorted(lsp.SETTINGS)
    for names, options in rows:
        assert len(re.findall(r"`(\w+)`", names)) == len(re.findall(r"`(--[\w-]+)`", options)), names
        assert set(re.findall(r"`(--[\w-]+)`", options)) <= _options("check")
