"""The result cache of ``cablelint check``: a cached result is exactly what a fresh
lint gives, and anything that decides the findings makes it stale.

Every test here drives the real CLI over real files. "Parsed" is counted by wrapping
the engine's parse_text: a file served from the cache is not parsed at all."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from cablelint.cli import main
from cablelint.files import tree_stamps
from cablelint.linter import cache as cache_module
from cablelint.linter import engine
from cablelint.linter.cache import CACHEDIR_TAG, Cache, tool_key
from cablelint.linter.cache_folder import mark
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.engine import Linter
from cablelint.linter.rule import Edit, Fix
from cablelint.span import Span
from tests.conftest import CORPUS, SEED

UNKNOWN_TAG = CORPUS / "invalid" / "H007-unknown-tag.cable"
RESIDUE = CORPUS / "invalid" / "F004-rendering-residue.cable"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a configuration and three cables, as the current folder."""
    root = tmp_path / "project"
    root.mkdir()
    for src in (SEED, UNKNOWN_TAG, RESIDUE):
        (root / src.name).write_bytes(src.read_bytes())
    (root / "cablelint.toml").write_text('extend-select = ["F005"]\n', encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def check(*args: str, input: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--no-progress", *args], input=input, catch_exceptions=False)
    return result.exit_code, result.stdout


def cache_files(folder: Path) -> list[Path]:
    """The shards of every configuration's folder."""
    return sorted((folder / "v3").glob("*/*.shard"))


def shard_entries(file: Path) -> dict[str, list[Any]]:
    """A shard's entries: the file's path -> [the day, the digest, the findings]."""
    head, *lines = file.read_text(encoding="utf-8").splitlines()
    assert head.startswith("cablelint cache 3 ")
    found = {}
    for line in lines:
        key, day, digest, findings = line.split("\t")
        found[json.loads(key)] = [int(day), digest, json.loads(findings)]
    return found


def entries(folder: Path) -> dict[str, Any]:
    """The entries of the one configuration cached, from all its shards."""
    [home] = {file.parent for file in cache_files(folder)}
    found: dict[str, Any] = {}
    for file in home.glob("*.shard"):
        found.update(shard_entries(file))
    return found


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_a_second_run_prints_the_same_bytes_without_parsing(project: Path, parsed: list[int], fmt: str, _own_cache: Path) -> None:
    first = check("--format", fmt, ".")
    assert parsed[0] == 3
    assert cache_files(_own_cache) != []
    second = check("--format", fmt, ".")
    assert parsed[0] == 3  # nothing parsed again
    assert second == first
    assert first[0] == 1
    assert first == check("--no-cache", "--format", fmt, ".")
    assert parsed[0] == 6


def test_the_cached_findings_keep_their_fixes(project: Path, parsed: list[int]) -> None:
    fresh = json.loads(check("--no-cache", "--format", "json", ".")[1])
    check(".")
    cached = json.loads(check("--format", "json", ".")[1])
    assert parsed[0] == 6
    assert cached == fresh
    assert any(d["fix"] and d["fix"]["edits"] for d in cached)  # F004 and P004 fixes came back


def test_a_changed_file_is_linted_again_and_the_others_are_not(project: Path, parsed: list[int]) -> None:
    check(".")
    seed = project / SEED.name
    seed.write_bytes(seed.read_bytes().replace(b"8.(U)", b"8. (U)"))
    after = check("--format", "json", ".")
    assert parsed[0] == 3 + 1
    assert after == check("--no-cache", "--format", "json", ".")
    assert (SEED.name, 46, 1, "P004") not in [(Path(d["path"]).name, d["line"], d["column"], d["code"]) for d in json.loads(after[1])]


def test_bytes_that_decode_alike_are_keyed_apart(project: Path, parsed: list[int]) -> None:
    """Two undecodable bytes both read as U+FFFD: the findings name the byte."""
    cable = project / "bad.cable"
    cable.write_bytes(SEED.read_bytes().replace(b"BAMAKO", b"BAM\xffKO", 1))
    check(str(cable))
    cable.write_bytes(SEED.read_bytes().replace(b"BAMAKO", b"BAM\xfeKO", 1))
    assert check("--format", "json", str(cable)) == check("--no-cache", "--format", "json", str(cable))
    messages = [d["message"] for d in json.loads(check("--format", "json", str(cable))[1]) if d["code"] == "F001"]
    assert len(messages) == 1 and messages[0].startswith("byte 0xFE at offset")


CONFIG_VARIANTS = {
    "select": 'select = ["F", "X"]\n',
    "ignore": 'extend-select = ["F005"]\nignore = ["P004"]\n',
    "extend-select": 'extend-select = ["F005", "F006"]\nselect = ["F005", "H"]\n',
    "per-file-ignores": f'extend-select = ["F005"]\n[per-file-ignores]\n"{SEED.name}" = ["P004"]\n',
    "severity": 'extend-select = ["F005"]\n[severity]\nP004 = "error"\n',
    "dialect": 'extend-select = ["F005"]\ndialect = "draft"\n',
    "line-length": 'extend-select = ["F005"]\nline-length = 40\n',
    "extra-tags": 'extend-select = ["F005"]\nextra-tags = ["RU"]\n',
}
# (the command line before, the command line after), with an empty configuration
CLI_VARIANTS = {
    "--select": ([], ["--select", "F"]),
    "--ignore": ([], ["--ignore", "P004"]),
    "--extend-select": ([], ["--extend-select", "F005"]),
    "--strict": ([], ["--strict"]),
    "--dialect": ([], ["--dialect", "draft"]),
    "--line-length": (["--extend-select", "F005"], ["--extend-select", "F005", "--line-length", "50"]),
}


@pytest.mark.parametrize("key", sorted(CONFIG_VARIANTS))
def test_each_configuration_key_makes_its_own_results(project: Path, parsed: list[int], key: str) -> None:
    base = check("--format", "json", ".")
    (project / "cablelint.toml").write_text(CONFIG_VARIANTS[key], encoding="utf-8")
    fresh = check("--no-cache", "--format", "json", ".")
    assert fresh != base  # the key changes the findings: a stale cache would show
    before = parsed[0]
    assert check("--format", "json", ".") == fresh
    assert parsed[0] == before + 3
    assert check("--format", "json", ".") == fresh
    assert parsed[0] == before + 3


@pytest.mark.parametrize("option", sorted(CLI_VARIANTS))
def test_each_command_line_choice_makes_its_own_results(project: Path, parsed: list[int], option: str) -> None:
    (project / "cablelint.toml").write_text("", encoding="utf-8")
    before, after = CLI_VARIANTS[option]
    base = check("--format", "json", *before, ".")
    fresh = check("--no-cache", "--format", "json", *after, ".")
    assert fresh != base
    assert check("--format", "json", *after, ".") == fresh
    assert check("--format", "json", *after, ".") == fresh
    assert check("--format", "json", *before, ".") == base  # the first settings are still cached
    assert parsed[0] == 3 + 3 + 3


@pytest.mark.parametrize("how", [["--exclude", "none.cable"], ["--extend-exclude", "none/*"]])
def test_the_globs_that_choose_the_files_share_the_results(project: Path, parsed: list[int], how: list[str]) -> None:
    """include and exclude choose which files are linted, not what one's lint finds:
    a run given other globs is answered from the same entries."""
    base = check("--format", "json", ".")
    assert parsed[0] == 3
    assert check("--format", "json", *how, ".") == base
    assert parsed[0] == 3


def test_per_file_ignores_are_keyed_by_where_the_file_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[int]) -> None:
    """The same bytes shown as the same name, from two folders: an ignore glob
    matches one of them only."""
    (tmp_path / "cablelint.toml").write_text('[per-file-ignores]\n"a/*" = ["P004"]\n', encoding="utf-8")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.cable").write_bytes(SEED.read_bytes())
    monkeypatch.chdir(tmp_path / "a")
    in_a = check("--format", "json", "x.cable")
    monkeypatch.chdir(tmp_path / "b")
    in_b = check("--format", "json", "x.cable")
    assert "P004" not in in_a[1] and "P004" in in_b[1]
    assert in_b == check("--no-cache", "--format", "json", "x.cable")
    assert parsed[0] == 3


def test_a_change_to_cablelint_itself_invalidates(project: Path, parsed: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """An editable install whose code changed: the package's files are part of the key."""
    package = tmp_path / "package"
    (package / "rules").mkdir(parents=True)
    module = package / "rules" / "a_address.py"
    module.write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache_module, "_PACKAGE", package)
    check(".")
    check(".")
    assert parsed[0] == 3
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "a.pyc").write_bytes(b"compiled")  # not the code
    check(".")
    assert parsed[0] == 3
    module.write_text("x = 2\n", encoding="utf-8")  # same size, another mtime
    os.utime(module, ns=(1, 1))
    check(".")
    assert parsed[0] == 6
    module.write_text("x = 22\n", encoding="utf-8")
    os.utime(module, ns=(1, 1))  # same mtime, another size
    check(".")
    assert parsed[0] == 9
    assert len({file.parent for file in cache_files(Path(os.environ["CABLELINT_CACHE_DIR"]))}) == 3  # one folder per configuration and code


def test_two_installs_sharing_a_cache_keep_their_results_apart(project: Path, parsed: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """pre-commit runs its own install of cablelint, the user another: each replaced
    the other's results, so every run after the other's linted every file again
    (2,255 cables: 17 s instead of 0.9 s each turn). Only the last few codes of a
    configuration are kept: an editable install is another code at each edit."""
    packages = []
    for n in range(6):
        package = tmp_path / f"package{n}"
        package.mkdir()
        (package / "a.py").write_text("x = 1\n" * (n + 1), encoding="utf-8")
        packages.append(package)
    for package in (packages[0], packages[1], packages[0], packages[1]):
        monkeypatch.setattr(cache_module, "_PACKAGE", package)
        assert check(".") == check("--no-cache", ".")
    assert parsed[0] == 3 * 2 + 3 * 4  # each install linted the files once; --no-cache every time
    home = Path(os.environ["CABLELINT_CACHE_DIR"]) / "v3"
    assert len(list(home.iterdir())) == 2
    for package in packages[2:]:
        monkeypatch.setattr(cache_module, "_PACKAGE", package)
        check(".")
    assert len(list(home.iterdir())) == cache_module.KEEP_TOOLS
    before = parsed[0]
    check(".")  # the last install's results were kept
    assert parsed[0] == before


def test_the_tool_key_covers_the_installed_package_and_lark(monkeypatch: pytest.MonkeyPatch) -> None:
    linter = Linter()
    key = tool_key(linter)
    assert key is not None and key == tool_key(linter)
    import lark

    monkeypatch.setattr(lark, "__version__", "0.0.1")
    assert tool_key(linter) != key


def test_the_tree_of_the_package_is_every_file_but_the_bytecode(tmp_path: Path) -> None:
    """The package's part of the tool key: each file's name, size and modification
    time, a folder's files by name before its folders', as os.walk gives them."""
    for name, text in (("b.py", "bb"), ("a.py", "a"), ("rules/x.py", "xxx"), ("rules/__pycache__/x.pyc", "c"), ("data/tags.txt", "T"), ("z.lark", "")):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
        os.utime(tmp_path / name, ns=(5, len(name)))
    if hasattr(os, "symlink"):
        os.symlink(tmp_path / "rules", tmp_path / "linked", target_is_directory=True)
    into: list[str] = []
    tree_stamps(str(tmp_path), into)
    walked = []
    for folder, dirs, files in os.walk(tmp_path):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            st = os.stat(os.path.join(folder, name))
            walked.append(f"{os.path.relpath(os.path.join(folder, name), tmp_path)}:{st.st_size}:{st.st_mtime_ns}")
    sep = os.sep
    assert into == walked == ["a.py:1:4", "b.py:2:4", "z.lark:0:6", f"data{sep}tags.txt:1:13", f"rules{sep}x.py:3:10"]


def test_code_that_cannot_be_looked_at_is_not_cached(project: Path, parsed: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, _own_cache: Path) -> None:
    """Run from a zip file, the package's files have no size or time to compare."""
    archive = tmp_path / "cablelint.zip"
    archive.write_bytes(b"PK")
    monkeypatch.setattr(cache_module, "_PACKAGE", archive / "cablelint")
    assert check("--format", "json", ".") == check("--format", "json", ".") == check("--no-cache", "--format", "json", ".")
    assert parsed[0] == 9 and not (_own_cache / "v3").exists()


def test_no_cache_and_the_variables_turn_it_off_or_move_it(project: Path, parsed: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, _own_cache: Path) -> None:
    check("--no-cache", ".")
    check("--no-cache", ".")
    assert parsed[0] == 6 and not _own_cache.joinpath("v3").exists()
    monkeypatch.setenv("CABLELINT_NO_CACHE", "1")
    check(".")
    check(".")
    assert parsed[0] == 12 and not _own_cache.joinpath("v3").exists()
    monkeypatch.setenv("CABLELINT_NO_CACHE", "maybe")
    result = CliRunner().invoke(main, ["check", "."])
    assert result.exit_code == 2 and "CABLELINT_NO_CACHE='maybe' is neither yes nor no" in result.stderr
    # with --no-cache too (it was taken then), as --watch and a run without it take it
    result = CliRunner().invoke(main, ["check", "--no-cache", "."])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: CABLELINT_NO_CACHE='maybe' is neither yes nor no: expected 1 (or true, yes, on) or 0 (or false, no, off)"
    monkeypatch.setenv("CABLELINT_NO_CACHE", "0")
    check(".")
    assert parsed[0] == 15 and cache_files(_own_cache) != []
    elsewhere = tmp_path / "elsewhere" / "cache"
    check("--cache-dir", str(elsewhere), ".")
    assert parsed[0] == 18 and cache_files(elsewhere) != []
    monkeypatch.delenv("CABLELINT_CACHE_DIR")
    check(".")
    assert parsed[0] == 21
    assert cache_files(project / ".cablelint_cache") != []  # beside the configuration file


def test_the_default_folder_is_beside_the_configuration_found(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CABLELINT_CACHE_DIR")
    sub = project / "sub"
    sub.mkdir()
    (sub / "x.cable").write_bytes(SEED.read_bytes())
    monkeypatch.chdir(sub)
    check("x.cable")
    assert cache_files(project / ".cablelint_cache") != [] and not (sub / ".cablelint_cache").exists()
    assert (project / ".cablelint_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (project / ".cablelint_cache" / "CACHEDIR.TAG").read_text(encoding="utf-8") == CACHEDIR_TAG
    assert CACHEDIR_TAG.startswith("Signature: 8a477f597d28d172789f06886806bc55\n")


def test_the_cache_folder_is_never_walked(project: Path, _own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CABLELINT_CACHE_DIR")
    check(".")
    (project / ".cablelint_cache" / "stray.cable").write_bytes(SEED.read_bytes())
    code, out = check("--format", "json", ".")
    assert "stray.cable" not in out and code == 1


@pytest.mark.parametrize("how", ["fix", "diff", "stdin"])
def test_fix_diff_and_standard_input_bypass_the_cache(project: Path, parsed: list[int], _own_cache: Path, how: str) -> None:
    check(".")
    assert parsed[0] == 3
    seed = str(project / SEED.name)
    before = json.dumps(entries(_own_cache), sort_keys=True)
    if how == "stdin":
        check("--format", "json", "-", input=SEED.read_bytes())
        out = check("--format", "json", "-", input=SEED.read_bytes())
        assert parsed[0] == 5 and json.loads(out[1])[0]["path"] == "-"
    else:
        code, out = check(f"--{how}", seed)
        assert parsed[0] > 3
        assert ("+++ " in out) == (how == "diff")
    assert json.dumps(entries(_own_cache), sort_keys=True) == before  # nothing written either
    assert check("--format", "json", ".") == check("--no-cache", "--format", "json", ".")


def test_a_baseline_is_written_and_read_from_cached_findings(project: Path, parsed: list[int], tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    check(".")
    result = CliRunner().invoke(main, ["check", "--write-baseline", str(baseline), "."])
    assert result.exit_code == 0 and parsed[0] == 3
    fresh = tmp_path / "fresh.json"
    CliRunner().invoke(main, ["check", "--no-cache", "--write-baseline", str(fresh), "."])
    assert baseline.read_bytes() == fresh.read_bytes()
    assert check("--baseline", str(baseline), ".") == (0, check("--no-cache", "--baseline", str(baseline), ".")[1])


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "garbage": lambda data: b"\x00\xff not json at all",
    "truncated": lambda data: data[: len(data) // 2],
    "empty": lambda data: b"",
    "not an object": lambda data: b"[1, 2, 3]",
    "deep": lambda data: b"[" * 100_000,
    "another format": lambda data: data.replace(b"cablelint cache 3 ", b"cablelint cache 99 ", 1),
    "another tool": lambda data: data.replace(b"cablelint cache 3 ", b"cablelint cache 3 0", 1),
    "bad entries": lambda data: b"\n".join(line.rsplit(b"\t", 1)[0] + b'\t[["x","x","x","x","x","x","x","x","x","x","x"]]' if b"\t" in line else line for line in data.split(b"\n")),
    "not a list": lambda data: b"\n".join(line.rsplit(b"\t", 1)[0] + b"\t{}" if b"\t" in line else line for line in data.split(b"\n")),
    "no tabs": lambda data: data.replace(b"\t", b" "),
    "bad spans": lambda data: data.replace(b"[46,1,46,", b"[46,true,46,"),
    "bad severity": lambda data: data.replace(b'"info"', b'"fatal"'),
    "bad fix": lambda data: data.replace(b'"safe",[[', b'"safe",[["x",'),
}


@pytest.mark.parametrize("how", sorted(CORRUPTIONS))
def test_a_corrupt_cache_is_passed_over_and_mended(project: Path, parsed: list[int], _own_cache: Path, how: str) -> None:
    first = check("--format", "json", ".")
    changed = 0
    for file in cache_files(_own_cache):  # every shard the corruption can change
        data = file.read_bytes()
        broken = CORRUPTIONS[how](data)
        file.write_bytes(broken)
        changed += broken != data
    assert changed
    result = CliRunner().invoke(main, ["check", "--no-progress", "--format", "json", "."], catch_exceptions=False)
    assert (result.exit_code, result.stdout, result.stderr) == (first[0], first[1], "")
    assert parsed[0] > 3  # not served from what was there
    again = parsed[0]
    assert check("--format", "json", ".") == first
    assert parsed[0] == again  # rewritten whole by the run before


def test_a_garbled_day_is_only_mended(project: Path, parsed: list[int], _own_cache: Path) -> None:
    first = check("--format", "json", ".")
    for file in cache_files(_own_cache):
        lines = file.read_text(encoding="utf-8").split("\n")
        file.write_text("\n".join(line.replace("\t", "\tx", 1) if "\t" in line else line for line in lines), encoding="utf-8")
    assert check("--format", "json", ".") == first and parsed[0] == 3  # the day decides no finding
    assert {entry[0] for entry in entries(_own_cache).values()} == {cache_module._today()}


def test_a_cache_that_cannot_be_written_changes_nothing(project: Path, parsed: list[int], tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-progress", "--format", "json", "--cache-dir", str(blocked / "cache"), "."], catch_exceptions=False)
    assert (result.exit_code, result.stdout, result.stderr) == (1, check("--no-cache", "--format", "json", ".")[1], "")


def test_a_full_disk_changes_nothing(project: Path, parsed: list[int], monkeypatch: pytest.MonkeyPatch, _own_cache: Path) -> None:
    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    real = os.replace
    mark(str(_own_cache))  # (a cache already: the shards are what cannot be written)
    monkeypatch.setattr(cache_module.os, "replace", full)
    result = CliRunner().invoke(main, ["check", "--no-progress", "--format", "sarif", "."], catch_exceptions=False)
    monkeypatch.setattr(cache_module.os, "replace", real)
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == check("--no-cache", "--format", "sarif", ".")[1]
    left = [p.name for p in (_own_cache / "v3").rglob("*") if p.is_file()]
    assert cache_files(_own_cache) == [] and left == ["lock"]  # no temporary file left (the lock file stays)


def test_an_unreadable_cache_file_is_passed_over(project: Path, parsed: list[int], _own_cache: Path) -> None:
    check(".")
    for file in cache_files(_own_cache):
        file.unlink()
        file.mkdir()  # reading it fails (for root too), and so does replacing it
    assert check("--format", "json", ".") == check("--no-cache", "--format", "json", ".")
    assert parsed[0] == 9


def test_a_result_a_rule_crashed_on_is_not_kept(project: Path, parsed: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    rule = engine.load_registry().by_code()["X005"]
    real = rule.__dict__["check"]

    def broken(self: Any, cable: Any, ctx: Any) -> Any:
        raise RuntimeError("rule bug")

    monkeypatch.setattr(rule, "check", broken)
    result = CliRunner().invoke(main, ["check", "--no-progress", SEED.name])
    assert result.exit_code == 2 and "internal error in rule X005" in result.stderr
    monkeypatch.setattr(rule, "check", real)
    assert check("--format", "json", SEED.name) == check("--no-cache", "--format", "json", SEED.name)
    assert parsed[0] == 3


@pytest.mark.parametrize("jobs", ["2"])
def test_jobs_give_the_same_output_cold_warm_and_mixed(project: Path, _own_cache: Path, jobs: str) -> None:
    for i in range(6):
        (project / f"copy{i}.cable").write_bytes(SEED.read_bytes().replace(b"8.(U)", b"8.(U)" + b" " * i))
    fresh = check("--no-cache", "--format", "json", ".")
    assert check("--jobs", jobs, "--format", "json", ".") == fresh  # cold: the workers lint, the parent keeps
    assert len(entries(_own_cache)) == 9
    assert check("--jobs", jobs, "--format", "json", ".") == fresh  # warm: no worker at all
    (project / "copy3.cable").write_bytes(SEED.read_bytes())
    assert check("--jobs", jobs, "--format", "json", ".") == check("--no-cache", "--format", "json", ".")
    assert check("--format", "json", ".") == check("--jobs", "1", "--no-cache", "--format", "json", ".")


def _diagnostic(path: str, line: int) -> Diagnostic:
    span = Span(line, 1, line, 3, 0, 2)
    return Diagnostic(path, span, "F004", "rendering-residue", "warning", "a message é", Fix((Edit(span, "x"),)))


def test_two_runs_that_save_together_keep_both_results(tmp_path: Path) -> None:
    one, two = Cache(tmp_path, "s", "t"), Cache(tmp_path, "s", "t")
    one.put("a.cable", "ka", [_diagnostic("a.cable", 1)])
    two.put("b.cable", "kb", [_diagnostic("b.cable", 2)])
    one.save()
    two.save()
    three = Cache(tmp_path, "s", "t")
    assert three.get("a.cable", "ka") == [_diagnostic("a.cable", 1)]
    assert three.get("b.cable", "kb") == [_diagnostic("b.cable", 2)]
    assert three.get("b.cable", "ka") is None
    assert Cache(tmp_path, "s", "another tool").get("a.cable", "ka") is None


def test_entries_unused_for_a_month_are_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = Cache(tmp_path, "s", "t")
    old.today -= 31
    old.put("old.cable", "k", [])
    old.put("used.cable", "k", [])
    old.save()
    month_ago = time.time() - 31 * 86400
    for file in tmp_path.rglob("*.shard"):  # as written a month ago
        os.utime(file, (month_ago, month_ago))
    now = Cache(tmp_path, "s", "t")
    assert now.get("used.cable", "k") == []  # used today: kept
    now.put("new.cable", "k", [])
    now.save()
    later = Cache(tmp_path, "s", "t")
    assert later.get("old.cable", "k") is None
    assert later.get("used.cable", "k") == [] and later.get("new.cable", "k") == []


def test_a_run_over_some_files_reads_and_writes_only_their_shards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[int], _own_cache: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for n in range(40):
        (tmp_path / f"c{n:02}.cable").write_bytes(SEED.read_bytes())
    check(".")
    shards = cache_files(_own_cache)
    assert len(shards) > 20 and sum(len(shard_entries(f)) for f in shards) == 40
    read: list[str] = []
    real = Cache._read

    def counting(self: Cache, shard: str) -> dict[str, Any]:
        read.append(shard)
        return real(self, shard)

    monkeypatch.setattr(Cache, "_read", counting)
    (tmp_path / "c07.cable").write_bytes(SEED.read_bytes() + b"\n")
    before = {f: f.stat().st_mtime_ns for f in shards}
    parsed[0] = 0
    assert check("c07.cable", "c08.cable")[0] == 1
    assert parsed[0] == 1  # c07 changed; c08 from the cache, though `.` showed it as ./c08.cable
    assert check("--format", "json", "c07.cable", "c08.cable") == check("--no-cache", "--format", "json", "c07.cable", "c08.cable")
    wanted = {Cache(_own_cache, "s", "t")._key(name)[1] for name in ("c07.cable", "c08.cable")}
    assert set(read) == wanted  # looked up (and c07's shard read again to be saved)
    written = {f.stem for f in shards if f.stat().st_mtime_ns != before[f]}
    assert written == {Cache(_own_cache, "s", "t")._key("c07.cable")[1]}


def test_with_plugin_rules_the_shown_path_is_part_of_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for by_shown_path, expected in ((False, [_diagnostic("x.cable", 1)]), (True, None)):
        stored = Cache(tmp_path / str(by_shown_path), "s", "t", by_shown_path=by_shown_path)
        stored.put("./x.cable", "k", [_diagnostic("./x.cable", 1)])
        stored.save()
        assert Cache(tmp_path / str(by_shown_path), "s", "t", by_shown_path=by_shown_path).get("x.cable", "k") == expected


def test_stale_configurations_and_old_formats_are_removed(project: Path, _own_cache: Path) -> None:
    month_ago = time.time() - 31 * 86400
    mark(str(_own_cache))  # (made by an earlier run)
    old_format = _own_cache / "v1"
    old_format.mkdir(parents=True)
    (old_format / "0123456789ab0123456789ab.json").write_text('{"format":1,"tool":"x","entries":{}}', encoding="utf-8")  # (as v1 named and wrote it)
    stale = _own_cache / "v3" / "0123456789ab0123456789ab"
    recent = _own_cache / "v3" / "ba9876543210ba9876543210"
    for folder in (stale, recent):
        folder.mkdir(parents=True)
        (folder / "00.shard").write_text("cablelint cache 3 x\n", encoding="utf-8")
    for path in (old_format, stale):
        os.utime(path, (month_ago, month_ago))
    check(".")
    assert not old_format.exists() and not stale.exists()
    assert (recent / "00.shard").exists()
    assert len({f.parent for f in cache_files(_own_cache)}) == 2  # this run's and the recent one


@pytest.fixture
def project_cache(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project's own cache folder, beside its configuration (no
    CABLELINT_CACHE_DIR), made by a check. (clean also deletes the user's kept
    patterns: those of a folder of the test's own.)"""
    monkeypatch.delenv("CABLELINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "xdg"))
    check(".")
    folder = project / ".cablelint_cache"
    assert folder.is_dir()
    return folder


def clean(*args: str) -> Any:
    """The result of ``cablelint clean ARGS``."""
    return CliRunner().invoke(main, ["clean", *args])


def test_clean_removes_the_cache_and_only_a_cache(project_cache: Path, tmp_path: Path) -> None:
    folder = project_cache
    result = clean()
    assert result.exit_code == 0 and not folder.exists()
    assert f"Removed {folder}." in result.stderr
    result = clean()
    assert result.exit_code == 0 and "No cache to remove" in result.stderr
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", encoding="utf-8")
    result = clean("--cache-dir", str(precious))
    assert result.exit_code == 2 and "is not a cablelint cache" in result.stderr
    assert (precious / "notes.txt").exists()


def test_clean_gets_past_a_configuration_that_cannot_be_read(project: Path, project_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken configuration stopped `clean` (exit 2), which needs only the cache
    folder: the file's place, not its content, decides that folder."""
    folder = project_cache
    (project / "cablelint.toml").unlink()
    config = project / "pyproject.toml"
    config.write_text('[tool.cablelint]\nextend-select = ["F005"\n', encoding="utf-8")
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")  # (the configuration is found above)
    result = clean()
    assert result.exit_code == 0 and not folder.exists()
    warning, removed = result.stderr.splitlines()
    assert warning.startswith(f"cablelint: warning: the configuration cannot be read ({config}: not valid TOML: ")  # (then tomllib's words)
    assert warning.endswith(f"); the cache is beside it all the same: {folder}")
    assert removed == f"Removed {folder}."
    # named with --config, as found; a --config naming no file names no folder
    result = clean("--config", str(config))
    assert result.exit_code == 0 and result.stderr.splitlines()[-1] == f"No cache to remove at {folder}."
    result = clean("--config", "nope.toml")
    assert result.exit_code == 2 and result.stderr == "cablelint: nope.toml: no such configuration file\n"
    assert CliRunner().invoke(main, ["check", "."]).exit_code == 2  # (check still needs the configuration itself)


def test_a_real_process_is_answered_from_the_cache(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CABLELINT_CACHE_DIR")
    cmd = [sys.executable, "-m", "cablelint", "check", "--format", "json", "."]
    first = subprocess.run(cmd, capture_output=True, check=False, cwd=project)
    stamp = sorted((project / ".cablelint_cache" / "v3").glob("*/*.shard"))
    assert first.returncode == 1 and stamp
    mtime = [file.stat().st_mtime_ns for file in stamp]
    second = subprocess.run(cmd, capture_output=True, check=False, cwd=project)
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    assert [file.stat().st_mtime_ns for file in stamp] == mtime  # all hits, used today: nothing to write


def test_the_help_names_the_options_and_variables() -> None:
    shown = " ".join(CliRunner().invoke(main, ["check", "--help"]).stdout.split())
    assert "--no-cache Lint every file afresh and keep no results (also: CABLELINT_NO_CACHE=1)" in shown
    assert "--cache-dir DIRECTORY" in shown and "env var: CABLELINT_CACHE_DIR" in shown
    assert "Remove the result cache" in CliRunner().invoke(main, ["--help"]).stdout



SAVER = """
import os, sys, time
from cablelint.linter.cache import Cache
from cablelint.linter.diagnostic import Diagnostic
from cablelint.span import Span

folder, go, *paths = sys.argv[1:]
cache = Cache(folder, "s", "t")
for path in paths:
    cache.put(path, "k", [Diagnostic(path, Span(1, 1, 1, 2, 0, 1), "F004", "rendering-residue", "warning", "m", None)])
while not os.path.exists(go):
    time.sleep(0.0005)
cache.save()
"""


def test_two_processes_saving_at_once_keep_each_others_entries(tmp_path: Path) -> None:
    """Two runs read a shard, both add to it and both write it back (pre-commit's
    parallel batches): the later write dropped the earlier one's new entries. Two
    real processes add 40 entries each to one shard of 20 MB, which takes each
    tens of milliseconds to read and write, and are let go at the same moment:
    they take turns under the lock, and the second merges what the first wrote."""
    probe = Cache(tmp_path, "s", "t")
    shard = probe._key("/one/0.cable")[1]
    names = {who: list(itertools.islice((p for p in (f"/{who}/{n}.cable" for n in range(40000)) if probe._key(p)[1] == shard), 40)) for who in ("one", "two")}
    assert all(len(paths) == 40 for paths in names.values())
    mark(str(tmp_path))  # (a cache, that the runs may save in beside the test's files)
    home = tmp_path / "v3" / "s-t"
    home.mkdir(parents=True)
    today = int(time.time() // 86400)
    filler = "".join(f'"/old/{n}.cable"\t{today}\tk\t[]{" " * 150}\n' for n in range(120000))
    (home / f"{shard}.shard").write_text(f"cablelint cache 3 t\n{filler}", encoding="utf-8")
    go = tmp_path / "go"
    savers = [subprocess.Popen([sys.executable, "-c", SAVER, str(tmp_path), str(go), *paths]) for paths in names.values()]
    time.sleep(1.0)  # (both started and waiting)
    go.touch()
    assert [saver.wait(timeout=60) for saver in savers] == [0, 0]
    found = Cache(tmp_path, "s", "t")
    for who, paths in names.items():
        assert [p for p in paths if found.get(p, "k") is None] == [], who
    lines = (home / f"{shard}.shard").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 120000 + 80  # (the entries already there are kept too)


def test_a_lock_another_keeps_too_long_is_passed_over(tmp_path: Path) -> None:
    """A stopped run (Ctrl-Z) holding the lock must not hang the others: after the
    wait they save without it (misses at worst)."""
    from cablelint.files import FileLock

    path = str(tmp_path / "lock")
    with FileLock(path) as first:
        assert first.held
        start = time.monotonic()
        with FileLock(path, wait=0.2) as second:
            assert not second.held and time.monotonic() - start >= 0.2
    with FileLock(path, wait=0) as third:
        assert third.held  # let go by the first


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root, to be another user")
def test_another_users_lock_file_is_locked_all_the_same(tmp_path: Path) -> None:
    """In a cache folder users share, the lock file one user made is read-only to
    the others (0644 under the usual umask): they opened it for writing, failed,
    and saved without the lock, losing each other's entries. Locking needs no write
    access, so they now take turns as one user's runs do."""
    import tempfile

    from cablelint.files import FileLock

    shared = tempfile.mkdtemp(dir="/tmp")
    os.chmod(shared, 0o777)
    path = os.path.join(shared, "lock")
    other = (
        "import fcntl, os, sys, time\nfrom cablelint.files import FileLock\n"
        "os.setgid(65534); os.setuid(65534)\n"  # (after the imports: the interpreter's files may be root's alone)
        f"with FileLock({path!r}, wait=float(sys.argv[1])) as lock:\n    print(lock.held, lock.fd >= 0)\n"
    )
    try:
        with FileLock(path) as mine:
            assert mine.held
            os.chmod(path, 0o644)  # (as the usual umask leaves it)
            waiting = subprocess.run([sys.executable, "-c", other, "0.2"], capture_output=True, text=True, timeout=60, check=True)
            assert waiting.stdout.split() == ["False", "True"]  # it opened the file and waited for the lock
        after = subprocess.run([sys.executable, "-c", other, "5"], capture_output=True, text=True, timeout=60, check=True)
        assert after.stdout.split() == ["True", "True"]
    finally:
        os.remove(path)
        os.rmdir(shared)


# The entries are named and read with json's C functions (cache._accelerated), so
# that a run answered from the cache need not import json: they must give what
# json.dumps and json.loads give, errors included.
_ANY_CHARACTER = st.characters(blacklist_categories=())  # (surrogates and controls too)
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(_ANY_CHARACTER),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(_ANY_CHARACTER, max_size=3), inner, max_size=3),
    max_leaves=12,
)


@given(st.text(_ANY_CHARACTER))
def test_an_entry_s_name_is_written_as_json_dumps_writes_it(name: str) -> None:
    assert cache_module._json_text(name) == json.dumps(name)


def _loaded(read: Callable[[str], Any], text: str) -> tuple[str, str]:
    """What *read* makes of *text*: its value's repr (NaN is not equal to itself), or
    the kind of error."""
    try:
        return "value", repr(read(text))
    except ValueError:
        return "error", "ValueError"
    except RecursionError:
        return "error", "RecursionError"


@settings(max_examples=300)
@given(_JSON_VALUES, st.sampled_from([(",", ":"), (", ", ": "), (" , ", " :\t")]), st.sampled_from(["", " ", "\n\t\r "]))
def test_findings_are_read_as_json_loads_reads_them(value: Any, separators: tuple[str, str], space: str) -> None:
    text = space + json.dumps(value, separators=separators) + space
    assert _loaded(cache_module._json_value, text) == _loaded(json.loads, text) == ("value", repr(json.loads(text)))


@given(st.text(st.sampled_from('[]{},:"\\ \t\n\r\x0c\ufeffu0123456789eE.+-aflnrstuINTyfiy\x00\u00e9\ud800'), max_size=12))
def test_what_is_not_json_is_refused_as_json_loads_refuses_it(text: str) -> None:
    assert _loaded(cache_module._json_value, text) == _loaded(json.loads, text)


def test_findings_nested_too_deep_are_refused_as_json_loads_refuses_them() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    assert _loaded(cache_module._json_value, deep) == _loaded(json.loads, deep) == ("error", "RecursionError")
