"""The result cache's folder: cablelint writes only into a folder it makes, finds
empty or made before, and deletes only what it made (``check``'s pruning and
``clean``), whatever --cache-dir or CABLELINT_CACHE_DIR names. Real files in
tmp_path; each test lists what is left of them."""

from __future__ import annotations

import errno
import os
import re
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, strategies as st

from cablelint.cli import main
from cablelint.linter.cache import CACHEDIR_TAG
from tests.conftest import SEED

MONTH_AGO = time.time() - 40 * 86400
HEADS = {".json": '{"format":2,"tool":"ab","entries":{}}', ".shard": "cablelint cache 3 ab\n"}  # (how cablelint's files begin)


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


def test_a_cache_whose_format_folders_keep_the_user_s_files_stays_a_cache(project: Path) -> None:
    """Notes put inside v3 stay after clean, and the folder stays marked: with its
    CACHEDIR.TAG removed, every later check refused it as a folder of the user's (v3)
    and clean refused it as no cache (review33)."""
    run("check", "--no-progress", "--exit-zero", "--cache-dir", "c", "a.cable")
    (project / "c" / "v3" / "notes").mkdir()
    (project / "c" / "v3" / "notes" / "n.txt").write_text("mine", encoding="utf-8")
    result = run("clean", "--cache-dir", "c")
    assert (result.exit_code, result.stderr) == (0, "Removed the cache from c; the folder stays a cablelint cache, with what else its format folders hold (v3).\n")
    assert files(project / "c") == [".gitignore", "CACHEDIR.TAG", "v3", "v3/notes", "v3/notes/n.txt"]
    again = run("check", "--no-progress", "--exit-zero", "--cache-dir", "c", "a.cable")
    assert again.exit_code == 0 and "not cablelint's" not in again.stderr
    assert run("clean", "--cache-dir", "c").exit_code == 0
    assert (project / "c" / "v3" / "notes" / "n.txt").read_text(encoding="utf-8") == "mine"


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
    stale = [cache / "v2" / "0123456789ab0123456789ab" / "1f.json", cache / "v3" / f"{'ab' * 12}-{'01' * 8}" / "00.shard", home / other, home / f".{other}.abcd1234.cablelint-tmp"]
    mine = [cache / "vacation" / "x.txt", cache / "v2" / "x.txt", cache / "v3" / f"{'ab' * 12}-{'01' * 8}" / "x.txt", cache / "v3" / "mine" / "x.txt", home / "mine.txt"]
    for path in stale + mine:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADS.get(path.suffix, "x"), encoding="utf-8")
    for path in sorted({*stale, *mine, *(p.parent for p in stale + mine)} - {cache / "v3", home}):
        os.utime(path, (MONTH_AGO, MONTH_AGO))
    (project / "a.cable").write_bytes(SEED.read_bytes() + b"\n")  # (a new entry: the run saves)
    assert run("check", "--no-progress", "--exit-zero", "--cache-dir", "c", "a.cable").exit_code == 0
    assert (home / used).exists()
    assert [p for p in stale if p.exists()] == [] and [p for p in mine if not p.exists()] == []
    assert (cache / "v2").is_dir()


def _write(root: Path, texts: dict[str, str], age: float) -> None:
    for name, text in texts.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for path in root.rglob("*"):
        os.utime(path, (age, age))


# a user's files in the format folders, named as cablelint's are but not quite (of
# other lengths, a folder where a file is, an unknown format) or named so but not
# written by cablelint
THEIRS = {
    "v1/2024.json": "{}\n",
    "v1/cafe.json": "{}\n",
    "v1/add.json": '{"format":1,"tool":"x"}',
    "v1/0123456789abcdef01234567.json": '{"user":1}\n',
    "v2/feed.json": '{"user":1}\n',
    "v2/2024/01.json": "{}\n",
    "v2/readme.txt": "x\n",
    "v2/0123456789abcdef01234567/1f.json": '{"user":1}\n',
    "v2/0123456789abcdef01234567/lock": "",
    "v3/2024/01.shard": "cablelint cache 3 x\n",
    "v3/cafe-01/lock": "",
    "v3/0123456789abcdef01234567-0123456789abcdef/ab.shard": "my notes\n",
    "v3/0123456789abcdef01234567-0123456789abcdef/lock": "mine\n",
    "v3/0123456789abcdef01234567-0123456789abcdef/abc.shard": "cablelint cache 3 x\n",
    "v7/0123456789abcdef01234567-0123456789abcdef/ab.shard": "cablelint cache 3 x\n",
}


def taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder, the current one, taken for the cache by `check --cache-dir .`."""
    (tmp_path / "a.cable").write_bytes(SEED.read_bytes())
    folder = tmp_path / "np"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.delenv("CABLELINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert run("check", "--no-progress", "--exit-zero", "-q", "--cache-dir", ".", "../a.cable").exit_code == 0
    assert (folder / "CACHEDIR.TAG").exists()
    return folder


def test_clean_leaves_the_user_s_files_in_format_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """feed.json, 2024.json, 2024/ in v1 or v2 are not cablelint's names (24 hex
    digits, then 2 in a configuration's folder), nor a file so named that does not
    begin as cablelint writes it, nor v7: clean leaves them, and the folders."""
    folder = taken(tmp_path, monkeypatch)
    [home] = (folder / "v3").iterdir()
    _write(folder, THEIRS, time.time())
    result = run("clean", "--cache-dir", ".")
    assert (result.exit_code, result.stderr) == (0, "Removed the cache from .; the folder stays, with what else it holds (v1, v2, v3 and 1 more).\n")
    assert [f for f in files(folder) if (folder / f).is_file()] == sorted(THEIRS)
    assert not home.exists() and not (folder / "CACHEDIR.TAG").exists()


def test_pruning_leaves_the_user_s_files_in_old_format_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that saves prunes folders and shards not written for 30 days: of those
    60 days old, only cablelint's go (here, an old v2 configuration's shard)."""
    folder = taken(tmp_path, monkeypatch)
    ours = {"v2/abcdefabcdefabcdefabcdef/00.json": '{"format":2,"tool":"x","entries":{}}', "v1/abcdefabcdefabcdefabcdef.json": '{"format":1,"tool":"x"}'}
    _write(folder, {**THEIRS, **ours}, time.time() - 60 * 86400)
    (tmp_path / "a.cable").write_bytes(SEED.read_bytes() + b"\n")  # (a new entry: the run saves)
    result = run("check", "--no-progress", "--exit-zero", "-q", "--cache-dir", ".", "../a.cable")
    assert (result.exit_code, result.stderr) == (0, "")
    left = [f for f in files(folder) if (folder / f).is_file()]
    assert [f for f in left if f.startswith(("v1/", "v2/", "v7/")) or f in THEIRS] == sorted(THEIRS)
    assert not (folder / "v2" / "abcdefabcdefabcdefabcdef").exists()


def test_clean_of_the_current_folder_and_of_a_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The current folder cannot be removed (rmdir says EINVAL), nor need it be: it is
    emptied and stays, and so does a link to the cache, and the folder it names; the
    message says so rather than that they were removed."""
    folder = taken(tmp_path, monkeypatch)
    result = run("clean", "--cache-dir", ".")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Removed the cache from .; the folder stays: it is the current folder.\n")
    assert folder.is_dir() and files(folder) == []
    (folder / "real").mkdir()
    (folder / "link").symlink_to("real")
    assert run("check", "--no-progress", "--exit-zero", "-q", "--cache-dir", "link", "../a.cable").exit_code == 0
    assert (folder / "real" / "CACHEDIR.TAG").exists()
    result = run("clean", "--cache-dir", "link")
    assert (result.exit_code, result.stderr) == (0, "Removed the cache from link; the link stays, and the folder it names.\n")
    assert (folder / "link").is_symlink() and files(folder) == ["link", "real"]


def test_clean_of_a_folder_the_system_will_not_remove(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A mount point (rmdir: EBUSY) is emptied and stays, and clean says why."""
    taken(tmp_path, monkeypatch)
    assert run("check", "--no-progress", "--exit-zero", "-q", "--cache-dir", "m", "../a.cable").exit_code == 0

    rmdir = os.rmdir

    def busy(path: str) -> None:
        if path != "m":  # (its format folders go)
            return rmdir(path)
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), path)

    monkeypatch.setattr(os, "rmdir", busy)
    result = run("clean", "--cache-dir", "m")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"Removed the cache from m; the folder stays: it cannot be removed ({os.strerror(errno.EBUSY)}).\n")
    monkeypatch.undo()
    assert (tmp_path / "np" / "m").is_dir() and files(tmp_path / "np" / "m") == []


_HEX = "0123456789abcdef"
# what cablelint names, where (as cache.py names it: 24 hex digits of the settings,
# 16 of the code, 2 of a shard), and write_atomically's temporary files of those
_OURS = [r"CACHEDIR\.TAG|\.gitignore", r"v1/[0-9a-f]{24}\.json", r"v2/[0-9a-f]{24}/[0-9a-f]{2}\.json", r"v3/[0-9a-f]{24}(-[0-9a-f]{16})?/([0-9a-f]{2}\.shard|lock)"]
CABLELINT_S = re.compile("|".join(f"(?:{o})" for o in _OURS) + r"|(?:.*/)?\.[^/]+\.[a-z0-9_]{8}\.cablelint-tmp")
_NAMES = st.one_of(
    st.from_regex(r"[0-9a-f]{1,26}(\.json|\.shard)?", fullmatch=True),
    st.text(alphabet=_HEX + "jsonhardlockv.-_x", min_size=1, max_size=28).filter(lambda n: n not in (".", "..")),
    st.sampled_from(["feed.json", "2024.json", "cafe.json", "lock", "01.json", "ab.shard", "0123456789abcdef01234567.json", ".ab.shard.abcd1234.cablelint-tmp"]),
)
_PLACES = st.sampled_from(["", "v1", "v2", "v3", "v4", "v2/0123456789abcdef01234567", "v3/0123456789abcdef01234567", "v3/0123456789abcdef01234567-0123456789abcdef", "v3/cafe", "v2/2024"])
_TEXTS = st.sampled_from(["", '{"format":1,"tool":"x"}', '{"format":2,"tool":"x","entries":{}}', "cablelint cache 3 x\n", "mine\n"])


@given(st.lists(st.tuples(_PLACES, _NAMES, _TEXTS), max_size=12), st.booleans())
def test_clean_and_pruning_never_delete_a_name_cablelint_does_not_write(entries: list[tuple[str, str, str]], clean: bool) -> None:
    """Whatever is in a cache folder, 60 days old: what a run prunes, or clean removes,
    is only files at a place and of a name cablelint writes, and not one of the
    user's text (a file cablelint would write begins as it writes it, or is empty)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "a.cable").write_bytes(SEED.read_bytes())
        folder = root / "c"
        folder.mkdir()
        (folder / "CACHEDIR.TAG").write_text(CACHEDIR_TAG, encoding="utf-8")
        texts: dict[str, str] = {}
        for place, name, text in entries:
            path = f"{place}/{name}" if place else name
            if not any(p == path or p.startswith(path + "/") or path.startswith(p + "/") for p in texts):
                texts[path] = text
        _write(folder, texts, time.time() - 60 * 86400)
        args = ["clean"] if clean else ["check", "--no-progress", "--exit-zero", "-q"]
        result = CliRunner(env={"CABLELINT_CACHE_DIR": None}).invoke(main, [*args, "--cache-dir", str(folder), *([] if clean else [str(root / "a.cable")])])
        assert result.exit_code == 0, result.stderr
        gone = [path for path in texts if not (folder / path).exists()]
        assert [path for path in gone if not CABLELINT_S.fullmatch(path) or texts[path] == "mine\n"] == []

