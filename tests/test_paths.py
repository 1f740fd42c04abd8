"""One file named two ways (a linked folder, a link to the file, ``..``): the result
cache and the baseline know it by its real path, so it has one entry in each; the
globs of the configuration match it by the name it is given, as ruff's and git's do.
Real links, through the real CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED, run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX links")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """project/real/x.cable (the seed cable), project/link -> real, project/alias.cable
    -> real/x.cable; the current folder."""
    root = tmp_path / "project"
    (root / "real").mkdir(parents=True)
    (root / "real" / "x.cable").write_bytes(SEED.read_bytes())
    (root / "link").symlink_to("real", target_is_directory=True)
    (root / "alias.cable").symlink_to(os.path.join("real", "x.cable"))
    (root / "cablelint.toml").write_text('extend-select = ["F005"]\n', encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def check(*args: str) -> list[dict[str, Any]]:
    result = run_cli("check", "--no-progress", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def fresh(*args: str) -> list[dict[str, Any]]:
    return check("--no-cache", *args)


def cache_keys(folder: Path) -> list[str]:
    """The names (before any tab) of every entry of every shard."""
    keys = []
    for shard in sorted((folder / "v3").glob("*/*.shard")):
        keys += [json.loads(line.split("\t")[0]) for line in shard.read_text(encoding="utf-8").splitlines()[1:]]
    return keys


def test_the_cache_has_one_entry_for_a_file_however_it_is_named(project: Path, parsed: list[int], _own_cache: Path) -> None:
    names = ["link/x.cable", "real/x.cable", "alias.cable", "link/../real/x.cable", str(project / "link" / "x.cable")]
    first = check(names[0])
    assert parsed[0] == 1 and first and {d["path"] for d in first} == {"link/x.cable"}
    for name in names[1:]:
        shown = check(name)
        assert shown == fresh(name) and {d["path"] for d in shown} == {name}  # shown as named
    assert parsed[0] == 1 + len(names[1:])  # the first run, then each --no-cache one: no cached run parsed
    assert cache_keys(_own_cache) == [str(project / "real" / "x.cable")]


def test_per_file_ignores_match_the_name_given_and_the_cache_keeps_them_apart(project: Path, parsed: list[int], _own_cache: Path) -> None:
    """A glob on the folder linked to does not apply through the link (a glob on
    the link's name does): the two names get different findings, each what a fresh
    run gives, under one file's two entries."""
    (project / "cablelint.toml").write_text('[per-file-ignores]\n"real/*" = ["F004"]\n"alias.cable" = ["P004"]\n', encoding="utf-8")
    codes = {name: {d["code"] for d in check(name)} for name in ("real/x.cable", "link/x.cable", "alias.cable", "link/../real/x.cable")}
    assert parsed[0] == 3  # real/x.cable and link/../real/x.cable are one file with the same rules
    assert "F004" not in codes["real/x.cable"] and "P004" in codes["real/x.cable"]
    assert "F004" in codes["link/x.cable"] and "P004" in codes["link/x.cable"]
    assert "F004" in codes["alias.cable"] and "P004" not in codes["alias.cable"]
    assert codes["link/../real/x.cable"] == codes["real/x.cable"]
    for name in codes:
        assert check(name) == fresh(name)
    real = str(project / "real" / "x.cable")
    assert sorted(cache_keys(_own_cache)) == sorted([f"{real}\0", f"{real}\0F004", f"{real}\0P004"])
    (project / "cablelint.toml").write_text('[per-file-ignores]\n"link/*" = ["F004"]\n', encoding="utf-8")
    assert "F004" not in {d["code"] for d in check("link/x.cable")} and "F004" in {d["code"] for d in check("real/x.cable")}


def test_a_glob_matches_the_real_path_of_a_file_named_from_outside_the_project(project: Path, tmp_path: Path) -> None:
    """The project reached through a link above it (as /tmp is /private/tmp on
    macOS): the configuration's folder is a real path, and no relative glob could
    match the name given."""
    (project / "cablelint.toml").write_text('exclude = ["real"]\n[per-file-ignores]\n"real/*" = ["F004"]\n', encoding="utf-8")
    (tmp_path / "elsewhere").symlink_to(project, target_is_directory=True)
    named = str(tmp_path / "elsewhere" / "real" / "x.cable")
    assert [d for d in fresh(named) if d["code"] == "F004"] == []
    assert fresh(named) == [{**d, "path": named} for d in fresh("real/x.cable")]
    result = run_cli("check", "--show-files", "--force-exclude", named, str(tmp_path / "elsewhere" / "link" / "x.cable"))
    assert result.stdout == str(tmp_path / "elsewhere" / "link" / "x.cable") + "\n"  # real/ excluded, link/ not


def test_a_baseline_written_through_a_link_silences_the_file_by_its_own_name(project: Path) -> None:
    count = len(fresh("real/x.cable"))
    for written, named in (("link", "real/x.cable"), ("real", "alias.cable"), ("alias.cable", "link/../real/x.cable")):
        result = run_cli("check", "--write-baseline", "baseline.json", written)
        assert result.exit_code == 0 and result.stderr == f"Recorded {count} findings in baseline.json.\n"
        entries = json.loads((project / "baseline.json").read_text(encoding="utf-8"))["entries"]
        assert {e["path"] for e in entries} == {"real/x.cable"}
        result = run_cli("check", "--format", "json", "--baseline", "baseline.json", named)
        assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", ""), (written, named)
    # a finding recorded through the link and gone is stale by either name
    (project / "real" / "x.cable").write_bytes(SEED.read_bytes().replace(b"#0097 050153Z", b"#0097 0501532"))  # R003 fixed
    for named in ("link/x.cable", "real/x.cable"):
        result = run_cli("check", "--format", "json", "--baseline", "baseline.json", named)
        assert result.exit_code == 0 and result.stdout == "[]\n"
        assert "1 finding recorded in baseline.json no longer occurs (1 file)" in result.stderr


def test_a_baseline_written_before_links_were_resolved_goes_on_matching(project: Path) -> None:
    """Baselines written before this session named a file as it was given
    (``link/x.cable``): their entries still match, and are still judged stale
    when their finding goes, rather than every recorded finding coming back new."""
    assert run_cli("check", "--write-baseline", "baseline.json", "link").exit_code == 0
    data = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    for e in data["entries"]:
        e["path"] = "link/x.cable"  # (as the earlier release wrote it)
    (project / "baseline.json").write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("check", "--format", "json", "--baseline", "baseline.json", "link")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "")
    (project / "real" / "x.cable").write_bytes(SEED.read_bytes().replace(b"#0097 050153Z", b"#0097 0501532"))  # R003 fixed
    result = run_cli("check", "--format", "json", "--baseline", "baseline.json", "link")
    assert result.exit_code == 0 and result.stdout == "[]\n"
    assert "1 finding recorded in baseline.json no longer occurs (1 file)" in result.stderr


def test_a_corpus_linked_in_from_elsewhere_is_recorded_by_the_name_it_is_given(project: Path, tmp_path: Path) -> None:
    """Its real path lies outside the baseline's folder: recorded so, the baseline
    would hold this machine's folders and be true on no other."""
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "y.cable").write_bytes(SEED.read_bytes())
    (project / "cables").symlink_to(tmp_path / "archive", target_is_directory=True)
    assert run_cli("check", "--write-baseline", "baseline.json", "cables").exit_code == 0
    entries = json.loads((project / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert {e["path"] for e in entries} == {"cables/y.cable"}
    assert check("--baseline", "baseline.json", "cables/y.cable") == []


def test_a_cache_folder_that_is_a_link_is_used_and_cleaned_through_it(project: Path, tmp_path: Path, parsed: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache kept on another disk through a link: runs write through it; clean
    empties the folder it leads to and leaves both, so that the next run makes its
    cache there again (a dangling link would have turned the cache off for good)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # (clean also deletes the kept patterns)
    target = tmp_path / "fast-disk" / "cache"
    target.mkdir(parents=True)
    (project / ".cablelint_cache").symlink_to(target, target_is_directory=True)
    monkeypatch.setenv("CABLELINT_CACHE_DIR", ".cablelint_cache")
    assert check("real/x.cable") and parsed[0] == 1
    assert (target / "CACHEDIR.TAG").is_file() and cache_keys(target) == [str(project / "real" / "x.cable")]
    check("real/x.cable")
    assert parsed[0] == 1
    result = run_cli("clean")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (0, "Removed the cache from .cablelint_cache; the link stays, and the folder it names.")
    assert (project / ".cablelint_cache").is_symlink() and target.is_dir() and list(target.iterdir()) == []
    check("real/x.cable")
    check("real/x.cable")
    assert parsed[0] == 2 and cache_keys(target) == [str(project / "real" / "x.cable")]


def test_a_dot_dot_after_a_link_names_the_file_the_system_reads(project: Path, tmp_path: Path, _own_cache: Path) -> None:
    """`check a/../b/y.cable` with a -> ../other/sub reads other/b/y.cable, not the
    project's b/y.cable that abspath's text would name: the globs, the names the CI
    formats and --diff give, the cache and the baseline all take the file read."""
    other = tmp_path / "other"
    (other / "sub").mkdir(parents=True)
    (other / "b").mkdir()
    (other / "b" / "y.cable").write_bytes(SEED.read_bytes())
    (project / "b").mkdir()
    (project / "b" / "y.cable").write_text("SUBJECT: X\x00\n", encoding="utf-8")  # (not the file read)
    (project / "a").symlink_to(other / "sub", target_is_directory=True)
    (project / "cablelint.toml").write_text('[per-file-ignores]\n"b/*" = ["P004"]\n', encoding="utf-8")
    named, read = "a/../b/y.cable", str(other / "b" / "y.cable")
    found = check(named)
    assert "P004" in {d["code"] for d in found}  # b/* is the project's b/, not other/b/
    assert found == [{**d, "path": named} for d in fresh(read)]
    result = run_cli("check", "--no-cache", "--format", "github", "--select", "R003", named)
    assert result.stdout.startswith("::error file=../other/b/y.cable,line=5,col=17,")
    assert cache_keys(_own_cache) == [f"{read}\0"]
    assert run_cli("check", "--write-baseline", "baseline.json", named).exit_code == 0
    entries = json.loads((project / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert {e["path"] for e in entries} == {"../other/b/y.cable"}
    assert check("--baseline", "baseline.json", read) == []
    result = run_cli("check", "--diff", "--select", "F004", named)
    assert result.stdout.startswith(f"--- a{read}\n+++ b{read}\n")  # (outside the current folder: from the root)


def test_standard_input_shown_by_a_link_is_the_file_it_names(project: Path) -> None:
    """--stdin-filename is matched as any named path: by the name given for the
    globs, by the file it names for the baseline."""
    text = (project / "real" / "x.cable").read_bytes()
    assert run_cli("check", "--write-baseline", "baseline.json", "real").exit_code == 0
    result = run_cli("check", "--format", "json", "--baseline", "baseline.json", "-", "--stdin-filename", "link/x.cable", input=text)
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    (project / "cablelint.toml").write_text('[per-file-ignores]\n"link/*" = ["F004"]\n', encoding="utf-8")
    shown = {}
    for name in ("link/x.cable", "real/x.cable"):
        result = run_cli("check", "--format", "json", "-", "--stdin-filename", name, input=text)
        shown[name] = {d["code"] for d in json.loads(result.stdout)}
    assert "F004" not in shown["link/x.cable"] and "F004" in shown["real/x.cable"]


def test_a_file_named_in_other_case_on_a_caseless_disk_is_one_file_a_hard_link_two(project: Path, parsed: list[int], _own_cache: Path) -> None:
    """On a disk that compares names without regard to case (macOS's, by default)
    ``X.cable`` is ``x.cable``, which neither realpath nor normcase tells: the
    file's identity (device and inode) does. Such a disk shows the system what a
    hard link named in other case shows it here, so the test makes one. A hard link
    under another name is a file of its own, as git and ruff take it."""
    os.link(project / "real" / "x.cable", project / "real" / "X.cable")
    os.link(project / "real" / "x.cable", project / "real" / "y.cable")
    assert {d["path"] for d in check("real/x.cable", "real/X.cable", "link/X.cable")} == {"real/x.cable"}
    assert parsed[0] == 1 and cache_keys(_own_cache) == [str(project / "real" / "x.cable")]
    walked = check("real", "real/x.cable")  # (the walk finds X.cable first)
    assert sorted({d["path"] for d in walked}) == ["real/X.cable", "real/y.cable"]
    assert run_cli("check", "--write-baseline", "baseline.json", "real/x.cable", "real/X.cable").exit_code == 0
    entries = json.loads((project / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert {e["path"] for e in entries} == {"real/x.cable"}
    refused = run_cli("check", "-o", "real/X.cable", "real/x.cable")
    assert refused.exit_code == 2 and "--output-file real/X.cable is a file being linted: the report would replace it" in refused.stderr
    assert (project / "real" / "x.cable").read_bytes() == SEED.read_bytes()
    shown = run_cli("check", "-", "--stdin-filename", "real/X.cable", "real/x.cable", input=SEED.read_bytes())
    assert shown.exit_code == 2 and "--stdin-filename real/X.cable names a file that is linted too" in shown.stderr
