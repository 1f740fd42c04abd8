"""--write-baseline / --baseline: known findings stay quiet, new ones are reported,
and line shifts do not turn known findings into new ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS, run_cli

BASE = (CORPUS / "valid" / "telegram-confidential-13526-rabat.cable").read_text(encoding="utf-8")
FAULTY = BASE.replace("NEW BUDGET", "NEW\x00BUDGET")  # F002 on the subject line


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cables").mkdir()
    (tmp_path / "cables" / "a.cable").write_text(FAULTY, encoding="utf-8")
    return tmp_path


def found(*args: str) -> list[tuple[str, int]]:
    result = run_cli("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [(d["code"], d["line"]) for d in json.loads(result.stdout)]


def test_baseline_hides_known_findings_across_line_shifts(corpus: Path) -> None:
    result = run_cli("check", "--write-baseline", "baseline.json", "cables")
    assert result.exit_code == 0 and "Recorded 1 finding" in result.stderr
    entries = json.loads((corpus / "baseline.json").read_text())["entries"]
    assert [(e["path"], e["code"], e["count"]) for e in entries] == [("cables/a.cable", "F002", 1)]
    assert found("--baseline", "baseline.json", "cables") == []
    assert run_cli("check", "--baseline", "baseline.json", "cables").exit_code == 0

    # three lines inserted above the known fault, and a new fault added below it
    shifted = FAULTY.replace("DEPT FOR NEA/MAG", "\n\nDEPT FOR NEA/MAG").replace("street lighting", "street\x01lighting")
    (corpus / "cables" / "a.cable").write_text(shifted, encoding="utf-8")
    assert found("cables") == [("F002", 22), ("F002", 37)]
    assert found("--baseline", "baseline.json", "cables") == [("F002", 37)]


def test_a_second_copy_of_a_known_fault_is_new(corpus: Path) -> None:
    run_cli("check", "--select", "F002", "--write-baseline", "baseline.json", "cables")
    subject = next(line for line in FAULTY.splitlines() if line.startswith("SUBJECT:"))
    doubled = FAULTY.replace("KINSEY", subject + "\nKINSEY")
    (corpus / "cables" / "a.cable").write_text(doubled, encoding="utf-8")
    assert found("--select", "F002", "cables") == [("F002", 20), ("F002", 55)]
    assert len(found("--select", "F002", "--baseline", "baseline.json", "cables")) == 1


def test_baseline_paths_are_relative_to_the_baseline_file(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_cli("check", "--write-baseline", "baseline.json", "cables")
    monkeypatch.chdir(corpus / "cables")
    assert found("--baseline", "../baseline.json", "a.cable") == []


def test_a_baseline_is_not_read_from_standard_input(corpus: Path) -> None:
    # '-' is standard output to --write-baseline; to --baseline it was a file named
    # '-' ("-: no such baseline file")
    result = run_cli("check", "--baseline", "-", "cables")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(
        "Error: Invalid value for '--baseline': '-' would be standard input, which a baseline is not read from: expected the path of a file written by --write-baseline\n"
    )


@pytest.mark.parametrize(
    "content, words",
    [
        (None, "no such baseline"),
        ("{not json", "not JSON (line 1, column 2)"),
        ('{"version": 9, "entries": []}', "version 9 is not 1"),
        ("[]", "not a cablelint baseline: expected an object"),
        ('{"version": 1, "entries": {}}', "'entries' is not a list"),
        ('{"version": 1, "entries": [{"path": 1}]}', "entry 1 is not a baseline entry"),
        ('{"version": 1, "entries": [{"path": "a", "code": "H005", "fingerprint": "x", "count": "2"}]}', "entry 1 is not a baseline entry"),
        # taken before: true and 1.0 equal 1 in Python, and a count below 1 records nothing
        ('{"version": true, "entries": []}', "baseline.json: baseline version True is not 1: write it again with --write-baseline"),
        ('{"version": 1.0, "entries": []}', "baseline.json: baseline version 1.0 is not 1: write it again with --write-baseline"),
        (
            '{"version": 1, "entries": [{"path": "a", "code": "H005", "fingerprint": "x", "count": -1}]}',
            "baseline.json: entry 1 is not a baseline entry: expected text 'path', 'code' and 'fingerprint' and a 'count' of 1 or more",
        ),
        (
            '{"version": 1, "relative_to": "cwd", "entries": []}',
            "cablelint: baseline.json: 'relative_to' is \"cwd\": expected \"project\" (paths relative to the project's root, as --write-baseline - writes them)"
            " or no 'relative_to' (paths relative to the baseline's folder)\n",
        ),
    ],
)
def test_bad_baseline_is_a_clear_error(corpus: Path, content: str | None, words: str) -> None:
    if content is not None:
        (corpus / "baseline.json").write_text(content, encoding="utf-8")
    result = run_cli("check", "--baseline", "baseline.json", "cables")
    assert result.exit_code == 2 and words in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


def test_strict_turns_on_draft_rules_and_fails_on_info(corpus: Path) -> None:
    long_line = BASE.replace("KINSEY", "KINSEY " + "X" * 70)
    (corpus / "cables" / "a.cable").write_text(long_line, encoding="utf-8")
    assert "F005" not in [c for c, _ in found("cables")]
    assert ("F005", 55) in found("--strict", "cables")
    (corpus / "cables" / "a.cable").write_text(BASE.replace("KINSEY", "KINSEY  "), encoding="utf-8")
    assert run_cli("check", "--select", "F006", "cables").exit_code == 0
    assert run_cli("check", "--select", "F006", "--strict", "cables").exit_code == 1


def test_write_baseline_to_standard_output(corpus: Path) -> None:
    result = run_cli("check", "--write-baseline", "-", "cables")
    assert result.exit_code == 0 and not (corpus / "-").exists()
    (corpus / "baseline.json").write_text(result.stdout, encoding="utf-8")
    assert json.loads(result.stdout)["entries"] and "Recorded" in result.stderr and "standard output" in result.stderr
    assert found("--baseline", "baseline.json", "cables") == []
    # written to a file, its paths are relative to its folder, as they always were
    assert run_cli("check", "--write-baseline", "ci/b.json", "cables").exit_code == 0
    assert list(json.loads((corpus / "ci" / "b.json").read_text(encoding="utf-8"))) == ["version", "entries"]


def test_a_baseline_written_to_standard_output_matches_wherever_it_is_saved(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--write-baseline - > ci/baseline.json`: its paths were relative to the current
    folder and read relative to ci/, so it matched nothing. They are relative to the
    project's root (the configuration's folder, else the current folder) and it says
    so; a run from a subfolder of a project with a configuration file matches too."""
    result = run_cli("check", "--write-baseline", "-", "cables/a.cable")
    data = json.loads(result.stdout)
    assert (data["version"], data["relative_to"], [e["path"] for e in data["entries"]]) == (1, "project", ["cables/a.cable"])
    (corpus / "ci").mkdir()
    (corpus / "ci" / "baseline.json").write_text(result.stdout, encoding="utf-8")
    quiet = run_cli("check", "-q", "--baseline", "ci/baseline.json", "cables/a.cable")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    assert found("cables/a.cable") == [("F002", 20)]
    (corpus / "cablelint.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(corpus / "cables")
    assert found("--baseline", "../ci/baseline.json", "a.cable") == []
    result = run_cli("check", "--write-baseline", "-", "a.cable")
    assert [e["path"] for e in json.loads(result.stdout)["entries"]] == ["cables/a.cable"]


def test_a_baseline_that_finds_none_of_its_files_says_so(corpus: Path) -> None:
    """One written to standard output before "relative_to" (its paths relative to
    the current folder, read relative to its own) saved in another folder: it hides
    nothing, and a warning says why, with --quiet too (the stale note it replaces
    would not be seen)."""
    result = run_cli("check", "--write-baseline", "-", "cables/a.cable")
    older = {"version": 1, "entries": json.loads(result.stdout)["entries"]}
    (corpus / "ci").mkdir()
    (corpus / "ci" / "baseline.json").write_text(json.dumps(older), encoding="utf-8")
    warning = (
        f"cablelint: warning: ci/baseline.json records 1 file (cables/a.cable) and it is not found relative to its folder ({corpus / 'ci'}),"
        " so it hides no finding: expected its paths relative to its folder; write it again with --write-baseline\n"
    )
    result = run_cli("check", "-q", "--no-show-source", "--baseline", "ci/baseline.json", "cables/a.cable")
    assert (result.exit_code, result.stderr) == (1, warning)
    assert result.stdout == "cables/a.cable:20:46: F002 [error] control character U+0000: expected printable text, tab or a line break\n"
    # a baseline with entries for a file found is no such case, though none match
    (corpus / "ci" / "baseline.json").write_text(json.dumps({"version": 1, "entries": [{**e, "path": "../" + e["path"]} for e in older["entries"]]}), encoding="utf-8")
    (corpus / "cables" / "a.cable").write_text(BASE, encoding="utf-8")
    result = run_cli("check", "-q", "--baseline", "ci/baseline.json", "cables/a.cable")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    older["entries"].append({**older["entries"][0], "path": "gone.cable"})  # (two files)
    (corpus / "ci" / "baseline.json").write_text(json.dumps(older), encoding="utf-8")
    result = run_cli("check", "--baseline", "ci/baseline.json", "cables/a.cable")
    assert result.stderr == warning.replace("1 file (cables/a.cable) and it is not", "2 files (cables/a.cable, gone.cable) and none is")


@pytest.mark.parametrize("option", ["--fix", "--diff"])
def test_write_baseline_with_fix_or_diff_is_a_usage_error(corpus: Path, option: str) -> None:
    """It recorded the findings and exited 0 without fixing anything, silently."""
    (corpus / "cables" / "a.cable").write_text(FAULTY.replace("KINSEY", "KINSEY  "), encoding="utf-8")
    before = (corpus / "cables" / "a.cable").read_bytes()
    result = run_cli("check", option, "--extend-select", "F006", "--write-baseline", "baseline.json", "cables")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: --write-baseline records the findings as they are and fixes nothing: run it without {option} (fix first, then record)"
    assert not (corpus / "baseline.json").exists() and (corpus / "cables" / "a.cable").read_bytes() == before


def test_write_baseline_never_replaces_a_cable_or_the_configuration(corpus: Path) -> None:
    """`--write-baseline cables/a.cable cables` once replaced the cable with the
    baseline; so would it the configuration in force."""
    (corpus / "cablelint.toml").write_text("line-length = 69\n", encoding="utf-8")
    for target, role in (("cables/a.cable", "a file being linted"), ("./cablelint.toml", "the configuration file in force")):
        result = run_cli("check", "--write-baseline", target, "cables")
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == f"Error: --write-baseline {target} is {role}: the baseline would replace it; expected another path for the baseline"
    assert (corpus / "cables" / "a.cable").read_text(encoding="utf-8") == FAULTY
    assert (corpus / "cablelint.toml").read_text(encoding="utf-8") == "line-length = 69\n"


def test_write_baseline_over_the_baseline_read_brings_it_up_to_date(corpus: Path) -> None:
    assert run_cli("check", "--write-baseline", "baseline.json", "cables").exit_code == 0
    (corpus / "cables" / "b.cable").write_text(FAULTY, encoding="utf-8")
    result = run_cli("check", "--baseline", "baseline.json", "--write-baseline", "baseline.json", "cables")
    assert result.exit_code == 0 and result.stderr == "Recorded 2 findings in baseline.json.\n"
    assert found("--baseline", "baseline.json", "cables") == []


def test_write_baseline_makes_its_folders_and_fails_before_linting(corpus: Path, _own_cache: Path) -> None:
    """-o made its folders and --write-baseline did not; and a baseline that could
    not be written failed only after the whole lint."""
    result = run_cli("check", "--write-baseline", "baselines/2024/b.json", "cables")
    assert result.exit_code == 0 and result.stderr == "Recorded 1 finding in baselines/2024/b.json.\n"
    assert json.loads((corpus / "baselines" / "2024" / "b.json").read_text(encoding="utf-8"))["entries"][0]["code"] == "F002"
    for sub in _own_cache.iterdir():
        shutil.rmtree(sub) if sub.is_dir() else sub.unlink()
    locked = corpus / "locked.json"
    locked.write_text("{}\n", encoding="utf-8")
    locked.chmod(0o444)
    (corpus / "afile").write_text("", encoding="utf-8")
    for target, said in (("locked.json", "permission denied (the file is read-only)"), ("afile/b.json", "afile is a file, not a folder"), ("afile/x/b.json", "afile is a file, not a folder")):
        result = run_cli("check", "--write-baseline", target, "cables")
        assert result.exit_code == 2 and result.stderr == f"cablelint: {target}: cannot write the baseline: {said}\n"
    assert list(_own_cache.rglob("*.shard")) == []  # nothing was linted
    assert locked.read_text(encoding="utf-8") == "{}\n" and [p.name for p in corpus.iterdir() if "cablelint-tmp" in p.name] == []


def test_findings_the_baseline_records_that_no_longer_occur_are_counted(corpus: Path) -> None:
    # a baseline only shrinks when written again: a run says how many of its entries
    # are stale, in the files it checked and in files that are gone, never failing
    for name in ("b.cable", "c.cable"):
        (corpus / "cables" / name).write_text(FAULTY.replace("street lighting", "street\x00lighting"), encoding="utf-8")  # two F002 each
    assert run_cli("check", "--write-baseline", "baseline.json", "cables").exit_code == 0
    clean = run_cli("check", "--baseline", "baseline.json", "cables")
    assert clean.exit_code == 0 and "no longer occur" not in clean.stderr
    (corpus / "cables" / "b.cable").write_text(FAULTY, encoding="utf-8")  # one of its two fixed
    (corpus / "cables" / "c.cable").unlink()
    note = "cablelint: note: {} recorded in baseline.json no longer occur{} ({}): write the baseline again (--write-baseline) to drop {}\n"
    result = run_cli("check", "--baseline", "baseline.json", "cables")
    assert result.exit_code == 0 and result.stdout.startswith("All clean: 2 files checked")
    assert result.stderr == note.format("3 findings", "", "2 files", "them")
    # a run over one file judges that file and the files that are gone, not the others
    (corpus / "cables" / "b.cable").write_text(FAULTY.replace("street lighting", "street\x00lighting"), encoding="utf-8")
    assert run_cli("check", "--baseline", "baseline.json", "cables/a.cable").stderr == note.format("2 findings", "", "1 file", "them")
    (corpus / "cables" / "c.cable").write_text(FAULTY, encoding="utf-8")
    assert run_cli("check", "--baseline", "baseline.json", "cables/b.cable", "cables/c.cable", "-j", "2").stderr == note.format("1 finding", "s", "1 file", "it")
    assert run_cli("check", "--quiet", "--baseline", "baseline.json", "cables").stderr == ""


def test_a_recorded_finding_whose_rule_did_not_run_is_not_counted_as_gone(corpus: Path) -> None:
    # --select, --ignore and per-file-ignores turn a rule off for a run: its recorded
    # findings were not looked for, and writing the baseline again would lose them
    (corpus / "cables" / "b.cable").write_text(FAULTY.replace("street lighting", "street\x00lighting"), encoding="utf-8")  # two F002
    assert run_cli("check", "--write-baseline", "baseline.json", "cables").exit_code == 0
    for options in (["--select", "F005"], ["--ignore", "F002"], ["--extend-select", "ALL", "--ignore", "F"]):
        result = run_cli("check", "--baseline", "baseline.json", *options, "cables")
        assert result.exit_code == 0 and result.stderr == "", options
    (corpus / "cablelint.toml").write_text('[per-file-ignores]\n"cables/b.cable" = ["F002"]\n', encoding="utf-8")
    assert run_cli("check", "--baseline", "baseline.json", "cables").stderr == ""
    (corpus / "cablelint.toml").write_text('[per-file-ignores]\n"cables/a.cable" = ["F002"]\n', encoding="utf-8")
    (corpus / "cables" / "b.cable").write_text(FAULTY, encoding="utf-8")  # fixed: its rule ran and found nothing
    result = run_cli("check", "--baseline", "baseline.json", "cables")
    assert "note: 1 finding recorded in baseline.json no longer occurs (1 file)" in result.stderr


def test_a_baseline_run_finds_no_real_path_the_walk_found(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file's entry name is its real path, which the folder walk has found
    already: --baseline resolved it again for every file (twice, for the stale count),
    --write-baseline for each file with findings, and -o for every file it compared
    with the report; over 2,000 files a quarter of a --baseline run from the cache."""
    import os

    for n in range(30):
        (corpus / "cables" / f"{n:02}.cable").write_text(FAULTY.replace("street lighting", f"street\x00lighting {n}"), encoding="utf-8")
    (corpus / "cables" / "link.cable").symlink_to(corpus / "cables" / "00.cable")  # (named once: as linked first)
    calls: list[str] = []
    real = os.path.realpath
    monkeypatch.setattr(os.path, "realpath", lambda path, **kw: calls.append(str(path)) or real(path, **kw))
    result = run_cli("check", "--write-baseline", "baseline.json", "cables")
    assert result.exit_code == 0 and result.stderr == "Recorded 61 findings in baseline.json.\n"
    entries = json.loads((corpus / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert sorted({e["path"] for e in entries}) == [*(f"cables/{n:02}.cable" for n in range(30)), "cables/a.cable"]
    assert len([c for c in calls if c.endswith(".cable")]) <= 1  # (the link's own)
    calls.clear()
    (corpus / "cables" / "29.cable").write_text(FAULTY, encoding="utf-8")  # one finding fixed: a stale entry
    result = run_cli("check", "--baseline", "baseline.json", "-o", "report.txt", "cables")
    assert result.exit_code == 0 and (corpus / "report.txt").read_text(encoding="utf-8").startswith("All clean: 31 files checked")
    assert result.stderr == "cablelint: note: 1 finding recorded in baseline.json no longer occurs (1 file): write the baseline again (--write-baseline) to drop it\n"
    assert len([c for c in calls if c.endswith(".cable")]) <= 1


def test_a_baseline_written_on_windows_matches_on_posix(corpus: Path) -> None:
    """A baseline written by hand on Windows names files with backslashes; one
    written anywhere by --write-baseline has forward slashes. Both match."""
    (corpus / "cables" / "sub").mkdir()
    (corpus / "cables" / "sub" / "b.cable").write_text(FAULTY.replace("street lighting", "street\x00lighting"), encoding="utf-8")  # two F002
    written = run_cli("check", "--write-baseline", "-", "cables")
    entries = json.loads(written.stdout)["entries"]
    assert [(e["path"], e["count"]) for e in entries] == [("cables/a.cable", 1), ("cables/sub/b.cable", 1), ("cables/sub/b.cable", 1)]
    by_hand = [{**e, "path": e["path"].replace("/", "\\")} for e in entries]
    by_hand[2]["path"] = "cables/sub\\b.cable"  # (a mixed path, as a hand edit may leave it)
    (corpus / "windows.json").write_text(json.dumps({"version": 1, "entries": by_hand}), encoding="utf-8")
    result = run_cli("check", "--baseline", "windows.json", "cables")
    assert result.exit_code == 0 and result.stderr == "" and result.stdout.startswith("All clean: 2 files checked")
    # written again, it names them with forward slashes
    assert run_cli("check", "--baseline", "windows.json", "--write-baseline", "again.json", "cables").exit_code == 0
    assert json.loads((corpus / "again.json").read_text(encoding="utf-8"))["entries"] == entries
    # the recorded findings of a file it no longer finds are stale, by either name
    (corpus / "cables" / "sub" / "b.cable").write_text(FAULTY, encoding="utf-8")
    result = run_cli("check", "--baseline", "windows.json", "cables/a.cable", "cables/sub/b.cable")
    assert result.exit_code == 0 and "note: 1 finding recorded in windows.json no longer occurs (1 file)" in result.stderr
    (corpus / "cables" / "sub" / "b.cable").unlink()
    result = run_cli("check", "--baseline", "windows.json", "cables/a.cable")
    assert result.exit_code == 0 and "note: 2 findings recorded in windows.json no longer occur (1 file)" in result.stderr


def test_a_posix_file_named_with_a_backslash_keeps_its_entry(corpus: Path) -> None:
    odd = corpus / "cables" / "back\\slash.cable"  # (a separator in a baseline: see README)
    odd.write_text(FAULTY, encoding="utf-8")
    written = run_cli("check", "--write-baseline", "baseline.json", "cables")
    assert written.exit_code == 0 and written.stderr == "Recorded 2 findings in baseline.json.\n"
    paths = [e["path"] for e in json.loads((corpus / "baseline.json").read_text(encoding="utf-8"))["entries"]]
    assert paths == ["cables/a.cable", "cables/back/slash.cable"]
    result = run_cli("check", "--baseline", "baseline.json", "cables")
    assert result.exit_code == 0 and result.stderr == "" and result.stdout.startswith("All clean: 2 files checked")


COMPOSED, DECOMPOSED = "cables/S\u00e3o Paulo.cable", "cables/Sa\u0303o Paulo.cable"  # NFC, NFD


def _respelled(corpus: Path, written: str, spelling: str) -> None:
    """The baseline *written* (JSON) saved as respelled.json with its names in *spelling*."""
    entries = [{**e, "path": spelling if e["path"] != "cables/a.cable" else e["path"]} for e in json.loads(written)["entries"]]
    (corpus / "respelled.json").write_text(json.dumps({"version": 1, "entries": entries}), encoding="utf-8")


@pytest.mark.parametrize("on_disk, recorded", [(DECOMPOSED, COMPOSED), (COMPOSED, DECOMPOSED)], ids=["file-NFD-entry-NFC", "file-NFC-entry-NFD"])
def test_an_entry_matches_its_file_named_in_another_normalisation_form(corpus: Path, on_disk: str, recorded: str) -> None:
    """A baseline written on macOS (HFS+ gave names in NFD) matches on Linux, whose
    walk gives the names as made (mostly NFC), and the other way round."""
    (corpus / on_disk).write_text(FAULTY.replace("street lighting", "street\x00lighting"), encoding="utf-8")  # two F002
    written = run_cli("check", "--write-baseline", "-", "cables")
    assert sorted({e["path"] for e in json.loads(written.stdout)["entries"]}) == sorted(["cables/a.cable", on_disk])
    _respelled(corpus, written.stdout, recorded)
    result = run_cli("check", "--baseline", "respelled.json", "cables")
    assert result.exit_code == 0 and result.stderr == "" and result.stdout.startswith("All clean: 2 files checked")
    # another file checked alone (pre-commit): the entry's file is there, not gone
    result = run_cli("check", "--baseline", "respelled.json", "cables/a.cable")
    assert result.exit_code == 0 and result.stderr == ""
    # written again, it names the file as the walk gives it
    assert run_cli("check", "--baseline", "respelled.json", "--write-baseline", "again.json", "cables").exit_code == 0
    assert json.loads((corpus / "again.json").read_text(encoding="utf-8"))["entries"] == json.loads(written.stdout)["entries"]
    # a finding fixed is a stale entry of that file, named either way
    (corpus / on_disk).write_text(FAULTY, encoding="utf-8")
    for named in ("cables", on_disk):
        result = run_cli("check", "--baseline", "respelled.json", named)
        assert result.exit_code == 0 and result.stderr == "cablelint: note: 1 finding recorded in respelled.json no longer occurs (1 file): write the baseline again (--write-baseline) to drop it\n"
    # and a new finding in it is new
    (corpus / on_disk).write_text(FAULTY.replace("street lighting", "street\x01lighting"), encoding="utf-8")
    assert found("--baseline", "respelled.json", on_disk) == [("F002", 35)]


def test_two_files_named_in_two_normalisation_forms_keep_their_own_entries(corpus: Path) -> None:
    """On a disk that tells the forms apart both names are files: each matches its
    own entries only, the exact name winning, whichever comes first in the walk."""
    (corpus / COMPOSED).write_text(FAULTY, encoding="utf-8")
    (corpus / DECOMPOSED).write_text(FAULTY, encoding="utf-8")
    if len(list((corpus / "cables").iterdir())) != 3:
        pytest.skip("this disk does not tell the two forms apart")
    written = run_cli("check", "--write-baseline", "-", "cables")
    entries = json.loads(written.stdout)["entries"]
    assert sorted(e["path"] for e in entries) == sorted(["cables/a.cable", COMPOSED, DECOMPOSED])
    for kept, other in ((COMPOSED, DECOMPOSED), (DECOMPOSED, COMPOSED)):
        only = [e for e in entries if e["path"] != other]
        (corpus / "one.json").write_text(json.dumps({"version": 1, "entries": only}), encoding="utf-8")
        result = run_cli("check", "--format", "json", "--baseline", "one.json", "cables")
        assert [(d["path"], d["code"], d["line"]) for d in json.loads(result.stdout)] == [(other, "F002", 20)], kept
        assert result.stderr == ""
        # the other file checked alone: the kept file's entry is not its own, nor stale
        result = run_cli("check", "--format", "json", "--baseline", "one.json", other)
        assert [(d["path"], d["code"]) for d in json.loads(result.stdout)] == [(other, "F002")] and result.stderr == "", kept


def test_a_long_line_s_many_findings_are_fingerprinted_without_hashing_it_each_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # each finding's fingerprint found its line, collapsed its blanks and hashed it
    # again: 16,000 residue links on one line took 26 s to write the baseline, 4,000
    # 2.4 s. The fingerprints are as they were (code, offending text, line).
    import hashlib

    from cablelint.linter import baseline

    hashed = [0]

    def sha256(data: bytes = b"") -> object:
        hashed[0] += len(data)
        return hashlib.sha256(data)

    monkeypatch.setattr(baseline, "hashlib", type("counted", (), {"sha256": staticmethod(sha256)}))
    monkeypatch.chdir(tmp_path)
    n = 300
    line = "1. (U) " + "[PGOV](#)  " * n + "end."
    (tmp_path / "a.cable").write_text("UNCLAS\n\n" + line + "\n", encoding="utf-8")
    assert run_cli("check", "--select", "F004", "--write-baseline", "base.json", "a.cable").exit_code == 0
    said = "\x1f".join(["F004", "[PGOV](#)", " ".join(line.split())])
    expected = [{"path": "a.cable", "code": "F004", "fingerprint": hashlib.sha256(said.encode()).hexdigest()[:20], "count": n}]
    assert json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))["entries"] == expected
    assert hashed[0] <= 2 * len(line)
    hashed[0] = 0
    result = run_cli("check", "--select", "F004", "--baseline", "base.json", "a.cable")
    assert (result.exit_code, hashed[0] <= 2 * len(line)) == (0, True)


def test_a_dangling_link_is_recorded_by_its_own_name_and_not_taken_for_a_file_gone(corpus: Path) -> None:
    # a link whose target is gone is there (F000 names it): recorded by the target's
    # name, its entry was judged "gone" by every run that did not name the link (a
    # pre-commit run over two files), which told the user to write the baseline again
    (corpus / "cables" / "moved.cable").symlink_to("elsewhere.cable")
    assert run_cli("check", "--write-baseline", "baseline.json", "cables").exit_code == 0
    entries = json.loads((corpus / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert [(e["path"], e["code"]) for e in entries] == [("cables/a.cable", "F002"), ("cables/moved.cable", "F000")]
    for named in (["cables"], ["cables/a.cable"], ["cables/moved.cable"]):
        result = run_cli("check", "--baseline", "baseline.json", *named)
        assert (result.exit_code, result.stderr) == (0, ""), named
    (corpus / "cables" / "moved.cable").unlink()
    result = run_cli("check", "--baseline", "baseline.json", "cables/a.cable")
    assert result.stderr == "cablelint: note: 1 finding recorded in baseline.json no longer occurs (1 file): write the baseline again (--write-baseline) to drop it\n"


def test_a_dangling_link_recorded_by_its_target_s_name_goes_on_matching(corpus: Path) -> None:
    # as baselines written before the link's own name was recorded have it
    (corpus / "cables" / "moved.cable").symlink_to("elsewhere.cable")
    run_cli("check", "--write-baseline", "baseline.json", "cables")
    old = (corpus / "baseline.json").read_text(encoding="utf-8").replace("cables/moved.cable", "cables/elsewhere.cable")
    (corpus / "baseline.json").write_text(old, encoding="utf-8")
    assert found("--baseline", "baseline.json", "cables") == []
