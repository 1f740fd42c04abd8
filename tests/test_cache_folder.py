"""The result cache's folder: cablelint writes only into a folder it makes, finds
empty or made before, and deletes only what it made (``check``'s pruning and
``clean``), whatever --cache-dir or CABLELINT_CACHE_DIR names. Real files in
tmp_path; each test lists what is left of them."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cablelint.cli import main
from cablelint.linter.cache import CACHEDIR_TAG
from tests.conftest import SEED

MONTH_AGO = time.time() - 40 * 86400


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's folder, as the current folder: a cable, and a folder of cables
    last changed 40 days ago whose name begins with 'v' (as the cache's format
    folders do), and another named as one (v1); no configuration."""
    root = tmp_path / "p"
    root.mkdir()
    (root / "a.cable").write_bytes(SEED.read_bytes())
    for name in ("visits", "v1"):
        (root / name).mkdir()
        (root / name / "b.cable").write_bytes(SEED.read_bytes())
        os.utime(root / name, (MONTH_AGO, MONTH_AGO))
    monkeypatch.chdir(root)
    monkeypatch.delenv("CABLELINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return root


USER_FILES = ["a.cable", "v1", "v1/b.cable", "visits", "visits/b.cable"]


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def refusal(how: str, names: str) -> str:
    return (
        f"cablelint: the cache folder ({how}) holds files that are not cablelint's ({names}): expected a folder for the cache alone, "
        "one that does not exist yet, an empty one or a cablelint cache (or --no-cache)\n"
    )


def test_check_refuses_a_cache_dir_that_holds_the_user_s_files(project: Path) -> None:
    result = run("check", "--no-progress", "--exit-zero", "--cache-dir", ".", "a.cable")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", refusal("--cache-dir .", "a.cable, v1, visits"))
    assert files(project) == USER_FILES  # no CACHEDIR.TAG, no .gitignore, nothing pruned


def test_check_refuses_the_variable_naming_the_user_s_folder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CABLELINT_CACHE_DIR", str(project))
    result = run("check", "--no-progress", "--exit-zero", "a.cable")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", refusal(f"CABLELINT_CACHE_DIR={project}", "a.cable, v1, visits"))
    assert files(project) == USER_FILES
    (project / "more").mkdir()  # (past three names, how many more)
    result = run("check", "--no-progress", "--exit-zero", "a.cable")
    assert result.exit_code == 2 and result.stderr == refusal(f"CABLELINT_CACHE_DIR={project}", "a.cable, more, v1 and 1 more")


def test_check_refuses_a_default_cache_folder_holding_other_files(project: Path) -> None:
    (project / ".cablelint_cache").mkdir()
    (project / ".cablelint_cache" / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("check", "--no-progress", "--exit-zero", "a.cable")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", refusal(str(project / ".cablelint_cache"), "notes.txt"))
    assert files(project / ".cablelint_cache") == ["notes.txt"]
    # --no-cache (and --fix, which uses no cache) need no folder
    assert run("check", "--no-progress", "--exit-zero", "--no-cache", "-q", "a.cable").exit_code == 0


def test_check_takes_an_empty_folder_and_a_new_one(project: Path) -> None:
    for name in ("empty", "new/cache"):
        if name == "empty":
            (project / name).mkdir()
        result = run("check", "--no-progress", "--exit-zero", "--cache-dir", name, "a.cable")
        assert (result.exit_code, result.stderr) == (0, ""), name
        assert (project / name / "CACHEDIR.TAG").read_text(encoding="utf-8") == CACHEDIR_TAG
        assert [f for f in files(project / name) if f.endswith(".shard")] != []
        again = run("check", "--no-progress", "--exit-zero", "--cache-dir", name, "a.cable")
        assert (again.exit_code, again.stdout, again.stderr) == (0, result.stdout, ""), name


def test_clean_refuses_the_user_s_folder_before_removing_anything(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused: the kept patterns of the user's cache folder are not removed either
    (they were, before the refusal)."""
    kept = tmp_path / "xdg" / "cablelint" / "compiled-cpython-399.marshal"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"x")
    result = run("clean", "--cache-dir", ".")
    assert (result.exit_code, result.stderr) == (2, "cablelint: . is not a cablelint cache (no CACHEDIR.TAG made by cablelint in it): left as it is\n")
    monkeypatch.setenv("CABLELINT_CACHE_DIR", str(project / "v1"))
    result = run("clean")
    assert (result.exit_code, result.stderr) == (2, f"cablelint: {project / 'v1'} is not a cablelint cache (no CACHEDIR.TAG made by cablelint in it): left as it is\n")
    assert files(project) == USER_FILES and kept.exists()


def test_a_folder_an_older_cablelint_made_a_cache_loses_only_cablelint_s_files(project: Path) -> None:
    """An older cablelint took `--cache-dir .` whole: its CACHEDIR.TAG and .gitignore
    beside the user's files. A check prunes only what cablelint names (the user's v1
    and visits, 40 days old, stay); clean removes cablelint's files, leaves the
    user's and the folder, and says so."""
    (project / "CACHEDIR.TAG").write_text(CACHEDIR_TAG, encoding="utf-8")
    (project / ".gitignore").write_text("# Made by cablelint: the folder is a cache.\n*\n", encoding="utf-8")
    result = run("check", "--no-progress", "--exit-zero", "--cache-dir", ".", "a.cable")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [f for f in files(project) if not f.startswith("v3")] == [".gitignore", "CACHEDIR.TAG", *USER_FILES]
    result = run("clean", "--cache-dir", ".")
    assert (result.exit_code, result.stderr) == (0, "Removed the cache from .; the folder stays, with what else it holds (a.cable, v1, visits).\n")
    assert files(project) == USER_FILES


def test_clean_leaves_what_the_user_put_in_a_cache(project: Path) -> None:
    """A file among the cache's, in its format folder and in a configuration's: each
    stays, with the folders that hold it; the rest is removed."""
    run("check", "--no-progress", "--exit-zero", "--cache-dir", "c", "a.cable")
    [home] = (project / "c" / "v3").iterdir()
    for mine in (project / "c" / "notes.txt", project / "c" / "v3" / "x.txt", home / "keep.shard.txt"):
        mine.write_text("mine", encoding="utf-8")
    result = run("clean", "--cache-dir", "c")
    assert (result.exit_code, result.stderr) == (0, "Removed the cache from c; the folder stays, with what else it holds (notes.txt, v3).\n")
    assert files(project / "c") == ["notes.txt", "v3", f"v3/{home.name}", f"v3/{home.name}/keep.shard.txt", "v3/x.txt"]
    assert files(project) == [*USER_FILES[:1], "c", *[f"c/{f}" for f in files(project / "c")], *USER_FILES[1:]]
    # a cache with nothing else in it goes whole
    run("check", "--no-progress", "--exit-zero", "--cache-dir", "d", "a.cable")
    result = run("clean", "--cache-dir", "d")
    assert (result.exit_code, result.stderr) == (0, "Removed d.\n")
    assert not (project / "d").exists()


def test_pruning_removes_only_cablelint_s_names(project: Path) -> None:
    """In a cache, stale entries named as cablelint names them go (an old format's
    folder, another configuration's, a shard, a temporary file); what the user put
    there, as old, stays."""
    run("check", "--no-progress", "--exit-zero", "--cache-dir", "c", "a.cable")
    cache = project / "c"
    [home] = (cache / "v3").iterdir()
    [used] = [p.name for p in home.glob("*.shard")]
    other = "00.shard" if used != "00.shard" else "01.shard"
    stale = [cache / "v2" / "0123456789ab0123456789ab" / "1f.json", cache / "v3" / "abcdef-0123" / "00.shard", home / other, home / f".{other}.abcd1234.cablelint-tmp"]
    mine = [cache / "vacation" / "x.txt", cache / "v2" / "x.txt", cache / "v3" / "abcdef-0123" / "x.txt", cache / "v3" / "mine" / "x.txt", home / "mine.txt"]
    for path in stale + mine:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    for path in sorted({*stale, *mine, *(p.parent for p in stale + mine)} - {cache / "v3", home}):
        os.utime(path, (MONTH_AGO, MONTH_AGO))
    (project / "a.cable").write_bytes(SEED.read_bytes() + b"\n")  # (a new entry: the run saves)
    assert run("check", "--no-progress", "--exit-zero", "--cache-dir", "c", "a.cable").exit_code == 0
    assert (home / used).exists()
    assert [p for p in stale if p.exists()] == [] and [p for p in mine if not p.exists()] == []
    assert not (cache / "v3" / "abcdef-0123" / "00.shard").exists() and (cache / "v2").is_dir()
