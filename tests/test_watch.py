"""``cablelint check --watch``: a real ``python -m cablelint check --watch`` on a
folder, its output read as it comes while the files and the configuration are
edited; the option combinations it refuses; and what it says without watchfiles."""

from __future__ import annotations

import json
import os
import pty
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any, Callable, Optional

import pytest

from cablelint.cli import check
from cablelint.cli_options import CheckOptions
from cablelint.cli_watch import LIVE_MS, Targets, _import_watch, _Watcher, targets
from tests.conftest import CORPUS, run_cli

pytest.importorskip("watchfiles")

CLEAN = (CORPUS / "valid" / "cablegate-confidential-13526-santiago.cable").read_text(encoding="utf-8")
BROKEN = CLEAN.replace("#0712/01 3261950", "#0712/01 326195Z")  # R003 at 3:20
R003 = "R003 [error] DE line filing time '326195Z' has 6 digits and a Z: expected 7 digits, the Julian day and the UTC hour and minute (DDDHHMM, e.g. 0501532)"
WAIT = 60.0  # seconds: generous, for a loaded machine; the output is polled
CLOCK = r"\[\d\d:\d\d:\d\d\]"


def _ctrl_c_reaches() -> None:
    """In the child, Ctrl-C (SIGINT) as a terminal delivers it: a suite started in
    the background of a shell script (``pytest &``) ignores SIGINT, its children
    inherit that, and Python then never raises KeyboardInterrupt in them."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Watcher:
    """``cablelint check --watch ARGS`` run in *cwd*, its standard output and
    standard error read as they come (each round ends with a line on standard
    error saying that it is watching)."""

    def __init__(self, cwd: Path, *args: str, stdout: Optional[int] = None, env: Optional[dict[str, str]] = None) -> None:
        self.lock = threading.Lock()
        self.out: list[str] = []
        self.err: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cablelint", "check", "--watch", *args],
            cwd=cwd, stdout=subprocess.PIPE if stdout is None else stdout, stderr=subprocess.PIPE, text=True,
            preexec_fn=_ctrl_c_reaches, env=env,
        )
        self.threads = [threading.Thread(target=self._read, args=(stream, into), daemon=True) for stream, into in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)) if stream is not None]
        for thread in self.threads:
            thread.start()

    def _read(self, stream: IO[str], into: list[str]) -> None:
        for line in stream:
            with self.lock:
                into.append(line)

    def rounds(self) -> list[str]:
        """The standard error lines that end a round."""
        with self.lock:
            return [line for line in self.err if "Watching for file changes" in line]

    def wait_round(self, n: int) -> str:
        """Wait for the *n*-th round to end; its closing line."""
        deadline = time.monotonic() + WAIT
        while len(self.rounds()) < n:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"no round {n}: stdout {''.join(self.out)!r}, stderr {''.join(self.err)!r}")
            time.sleep(0.02)
        return self.rounds()[n - 1]

    def wait_output(self, end: str) -> None:
        """Wait for standard output to end with *end*."""
        deadline = time.monotonic() + WAIT
        while not self.output()[0].endswith(end):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"no {end!r}: stdout {''.join(self.out)!r}, stderr {''.join(self.err)!r}")
            time.sleep(0.02)

    def stop(self) -> int:
        """Ctrl-C, and the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        status = self.proc.wait(timeout=WAIT)
        for thread in self.threads:
            thread.join(timeout=WAIT)
        return status

    def output(self) -> tuple[str, str]:
        with self.lock:
            return "".join(self.out), "".join(self.err)


def report(text: str) -> list[str]:
    """The lines of a text report, the rounds' headers and closing lines left out."""
    return [line for line in text.splitlines() if not re.match(CLOCK, line)]


def test_each_change_is_linted_again_until_ctrl_c(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.cable").write_text(CLEAN, encoding="utf-8")
    watcher = Watcher(tmp_path, "--no-progress", "drafts")
    try:
        assert re.fullmatch(CLOCK + r" Watching for file changes \(clean; Ctrl-C to stop\)\.\n", watcher.wait_round(1))
        watcher.wait_output("All clean: 1 file checked, no findings.\n")  # (its own reader thread)
        out, err = watcher.output()
        assert out == "All clean: 1 file checked, no findings.\n"
        assert re.fullmatch(CLOCK + r" Starting cablelint in watch mode\.\.\.\n" + CLOCK + r" Watching .*\n", err)

        # a defect brought in, with an editor's swap and backup files beside it
        (drafts / ".a.cable.swp").write_text("swap", encoding="utf-8")
        (drafts / "a.cable~").write_text(CLEAN, encoding="utf-8")
        (drafts / "a.cable").write_text(BROKEN, encoding="utf-8")
        assert "(findings; Ctrl-C to stop)" in watcher.wait_round(2)
        watcher.wait_output("Found 1 error in 1 file checked.\n")
        out, err = watcher.output()
        assert report(out)[1:] == [f"drafts/a.cable:3:20: {R003}", "Found 1 error in 1 file checked."]
        assert re.search(CLOCK + r" File change detected \(drafts/a\.cable\): linting again\.\.\.\n", err)

        # a new cable in the folder watched
        (drafts / "b.cable").write_text(BROKEN, encoding="utf-8")
        watcher.wait_round(3)
        watcher.wait_output("Found 2 errors in 2 files checked.\n")
        out, err = watcher.output()
        assert report(out)[3:] == [f"drafts/a.cable:3:20: {R003}", f"drafts/b.cable:3:20: {R003}", "Found 2 errors in 2 files checked."]
        assert "File change detected (drafts/b.cable): linting again..." in err

        # a configuration appearing in the current folder applies
        (tmp_path / "cablelint.toml").write_text('ignore = ["R003"]\n', encoding="utf-8")
        assert "(clean; Ctrl-C to stop)" in watcher.wait_round(4)
        watcher.wait_output("All clean: 2 files checked, no findings.\n")

        # a broken configuration says so, and the watch goes on
        (tmp_path / "cablelint.toml").write_text("ignore = [\n", encoding="utf-8")
        assert "(could not lint; Ctrl-C to stop)" in watcher.wait_round(5)
        out, err = watcher.output()
        assert report(out)[-1] == "All clean: 2 files checked, no findings."  # nothing more on standard output
        assert f"cablelint: {tmp_path / 'cablelint.toml'}: not valid TOML:" in err.splitlines()[-2]

        (tmp_path / "cablelint.toml").write_text('ignore = ["R"]\n', encoding="utf-8")
        assert "(clean; Ctrl-C to stop)" in watcher.wait_round(6)
        (drafts / "b.cable").write_text(CLEAN.replace("\n¶1. (C) Summary", "\n¶1.(C) Summary"), encoding="utf-8")
        watcher.wait_round(7)
    finally:
        status = watcher.stop()
    out, err = watcher.output()
    assert status == 0
    assert "Traceback" not in err and "interrupted" not in err
    assert len(watcher.rounds()) == 7  # the swap and backup files started no round of their own
    assert not re.search(r"\.swp|~", err)
    assert report(out)[-2:] == [
        "drafts/b.cable:27:2: P004 [info] paragraph head '1.(C)' is not spaced as '1. (C)': expected the number, a full stop, one space, the marker and one space [*]",
        "Found 1 info in 2 files checked. 1 with a safe fix.",
    ]


def test_each_round_is_a_whole_report(tmp_path: Path) -> None:
    (tmp_path / "a.cable").write_text(CLEAN, encoding="utf-8")
    watcher = Watcher(tmp_path, "--format", "json", "a.cable")
    try:
        watcher.wait_round(1)
        (tmp_path / "a.cable").write_text(BROKEN, encoding="utf-8")
        watcher.wait_round(2)
    finally:
        assert watcher.stop() == 0
    out, err = watcher.output()
    decoder = json.JSONDecoder()
    first, end = decoder.raw_decode(out)
    second, end = decoder.raw_decode(out, end + 1)
    assert out[end:] == "\n"
    assert first == []
    assert [(d["code"], d["line"], d["column"]) for d in second] == [("R003", 3, 20)]
    assert "Traceback" not in err


def _watch_the_plugin_edited(tmp_path: Path, site: Path, env: dict[str, str], cables: list[Path], *args: str) -> tuple[list[list[dict[str, Any]]], str]:
    """A watch in *tmp_path* (--format json, *args*, the *cables*) whose plugin,
    installed in *site*, is edited after round 1 (its message says "expected another
    subject"): round 2 when each cable is touched, round 3 when the first is touched
    again. Each round's findings (the JSON read), and the watch's standard error."""
    watcher = Watcher(tmp_path, "--format", "json", *args, *(cable.name for cable in cables), env=env)
    try:
        watcher.wait_round(1)
        module = site / "mypost_rules.py"
        module.write_text(module.read_text(encoding="utf-8").replace("expected a real subject", "expected another subject"), encoding="utf-8")
        for cable in cables:
            cable.write_text(cable.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        watcher.wait_round(2)
        cables[0].write_text(cables[0].read_text(encoding="utf-8") + "\n", encoding="utf-8")
        watcher.wait_round(3)
    finally:
        assert watcher.stop() == 0
    out, err = watcher.output()
    decoder, end, rounds = json.JSONDecoder(), 0, []
    for _ in range(3):
        found, end = decoder.raw_decode(out, end)
        rounds.append(found)
        end += 1
    return rounds, err


def test_a_plugin_changed_on_disk_is_said_once_and_its_old_results_not_cached_as_new(tmp_path: Path) -> None:
    """The watch keeps the rules it imported: a plugin upgraded (its module edited
    here) is said once, at the end of the next round, whose findings are still the
    loaded rule's; the result cache keeps them under the loaded code's key, so a
    fresh check runs the plugin as it is now."""
    from tests.test_plugins import PLUGIN_MODULE, _env, _install, _test_cable

    site = _install(tmp_path, PLUGIN_MODULE, "mypost_rules:RULES")
    cable = _test_cable(tmp_path)
    old, new = "subject mentions TEST: expected a real subject", "subject mentions TEST: expected another subject"
    rounds, err = _watch_the_plugin_edited(tmp_path, site, _env(site), [cable], "--select", "ZZ101")
    assert [[d["message"] for d in found] for found in rounds] == [[old]] * 3
    told = [line for line in err.splitlines() if "changed on disk" in line]
    assert told == [
        "cablelint: plugin entry point 'mypost' (mypost_rules:RULES) changed on disk since this watch started (installed, upgraded, edited or removed):"
        " it keeps the code it loaded, and uses no cached results from now on: stop it (Ctrl-C) and start it again to use the code as it is now"
    ]
    assert err.index(told[0]) > err.index("File change detected")  # (at the end of round 2)
    fresh = subprocess.run([sys.executable, "-m", "cablelint", "check", "--format", "json", "--select", "ZZ101", cable.name], capture_output=True, text=True, cwd=tmp_path, env=_env(site), check=False)
    assert [d["message"] for d in json.loads(fresh.stdout)] == [new]


def _fresh(cwd: Path, env: dict[str, str], *args: str) -> list[str]:
    """The messages of a fresh check run in *cwd* (the result cache used)."""
    proc = subprocess.run([sys.executable, "-m", "cablelint", "check", "--format", "json", *args], capture_output=True, text=True, cwd=cwd, env=env, check=False)
    return [d["message"] for d in json.loads(proc.stdout)]


def test_a_plugin_that_failed_to_load_then_changed_stores_no_result(tmp_path: Path) -> None:
    """Round 1's load of a half-edited plugin fails after it imported its word list,
    which stays imported: round 2 loads the fixed rule over the old list. The code
    was stamped before round 1, so the change is said and nothing is cached: a fresh
    check afterwards lints with the words as they are now."""
    from tests.test_plugins import WORDS_RULE, _env, _install, _test_cable

    site = _install(tmp_path, WORDS_RULE, "mypost_rules:BannedWord", {"mypost_words": 'BANNED = ("TEST",)\n'})
    cable = _test_cable(tmp_path)
    rules, words = site / "mypost_rules.py", site / "mypost_words.py"
    good = rules.read_text(encoding="utf-8")
    rules.write_text(good + 'raise RuntimeError("half-edited")\n', encoding="utf-8")
    watcher = Watcher(tmp_path, "--format", "json", "--select", "ZZ501", cable.name, env=_env(site))
    try:
        assert "(could not lint;" in watcher.wait_round(1)
        words.write_text('BANNED = ("TEST", "MOROCCO")\n', encoding="utf-8")
        rules.write_text(good, encoding="utf-8")
        cable.write_text(cable.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        watcher.wait_round(2)
    finally:
        assert watcher.stop() == 0
    out, err = watcher.output()
    assert [d["message"][:14] for d in json.loads(out)] == ["subject has 'T"]  # (the old list, still imported)
    assert [line.split(": it keeps")[0] for line in err.splitlines() if "changed on disk" in line] == [
        "cablelint: plugin entry point 'mypost' (mypost_rules:BannedWord) changed on disk since this watch started (installed, upgraded, edited or removed)"
    ]
    assert [m[:16] for m in _fresh(tmp_path, _env(site), "--select", "ZZ501", cable.name)] == ["subject has 'TES", "subject has 'MOR"]


def test_spawned_workers_that_import_a_changed_plugin_store_no_result(tmp_path: Path) -> None:
    """--jobs workers started by spawn import the plugin afresh at each round: after
    it is edited they run the new rule while the watch loaded the old. The change is
    said and nothing is cached from then on, so no round mixes the two from the
    cache, and a fresh check gets the new rule's findings."""
    from tests.test_plugins import PLUGIN_MODULE, _env, _install, _test_cable

    site = _install(tmp_path, PLUGIN_MODULE, "mypost_rules:RULES")
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "sitecustomize.py").write_text('import multiprocessing\nmultiprocessing.set_start_method("spawn", force=True)\n', encoding="utf-8")
    env = _env(site)
    env["PYTHONPATH"] = os.pathsep.join([str(custom), env["PYTHONPATH"]])
    a = _test_cable(tmp_path)
    b = tmp_path / "b.cable"
    b.write_text(a.read_text(encoding="utf-8"), encoding="utf-8")
    rounds, err = _watch_the_plugin_edited(tmp_path, site, env, [a, b], "--jobs", "2", "--select", "ZZ101")
    messages = [sorted(d["message"].split(": ")[-1] for d in found) for found in rounds]
    assert messages == [["expected a real subject"] * 2] + [["expected another subject"] * 2] * 2  # (the workers' rule)
    assert len([line for line in err.splitlines() if "changed on disk since this watch started" in line]) == 1
    assert [m.split(": ")[-1] for m in _fresh(tmp_path, env, "--select", "ZZ101", a.name, b.name)] == ["expected another subject"] * 2


def test_cablelint_itself_changed_during_a_watch_stores_no_result(tmp_path: Path) -> None:
    """A watch runs the cablelint it imported: its files edited (or upgraded) on
    disk, it says so and caches nothing from then on, so a fresh check gets the
    new code's findings, not the old code's stored under the new code's key."""
    import shutil

    import cablelint

    src = tmp_path / "src"
    shutil.copytree(Path(cablelint.__file__).parent, src / "cablelint", ignore=shutil.ignore_patterns("__pycache__"))
    work = tmp_path / "work"
    work.mkdir()
    cable = work / "x.cable"
    cable.write_text(BROKEN, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(src))
    watcher = Watcher(work, "--format", "json", "--select", "R003", cable.name, env=env)
    try:
        watcher.wait_round(1)
        module = src / "cablelint" / "grammar" / "read_de.py"
        module.write_text(module.read_text(encoding="utf-8").replace('" and a Z"', '" and a Z (edited)"'), encoding="utf-8")
        cable.write_text(BROKEN + "\n", encoding="utf-8")
        watcher.wait_round(2)
    finally:
        assert watcher.stop() == 0
    out, err = watcher.output()
    decoder = json.JSONDecoder()
    first, end = decoder.raw_decode(out)
    second, end = decoder.raw_decode(out, end + 1)
    assert [d["message"] for d in first] == [d["message"] for d in second]
    assert "(edited)" not in second[0]["message"]  # (the code loaded)
    assert [line.split(": it keeps")[0] for line in err.splitlines() if "changed on disk" in line] == [
        f"cablelint: cablelint itself ({src / 'cablelint'}) changed on disk since this watch started (installed, upgraded, edited or removed)"
    ]
    assert [m for m in _fresh(work, env, "--select", "R003", cable.name) if "(edited)" in m] != []


def test_on_a_terminal_each_round_clears_the_screen_under_a_header(tmp_path: Path) -> None:
    (tmp_path / "a.cable").write_text(CLEAN, encoding="utf-8")
    master, slave = pty.openpty()
    watcher = Watcher(tmp_path, "--no-color", "a.cable", stdout=slave)
    os.close(slave)
    try:
        watcher.wait_round(1)
        (tmp_path / "a.cable").write_text(BROKEN, encoding="utf-8")
        watcher.wait_round(2)
    finally:
        assert watcher.stop() == 0
    screen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # (the terminal's other end is closed)
            break
        if not chunk:
            break
        screen += chunk
    os.close(master)
    rounds = screen.decode("utf-8").replace("\r\n", "\n").split("\x1b[H\x1b[2J\x1b[3J")
    assert rounds[0] == ""
    assert re.fullmatch(CLOCK + r" Starting cablelint in watch mode\.\.\.\nAll clean: 1 file checked, no findings\.\n", rounds[1])
    assert re.fullmatch(CLOCK + r" File change detected \(a\.cable\): linting again\.\.\.\n(.*\n)+Found 1 error in 1 file checked\.\n", rounds[2])
    assert f"a.cable:3:20: {R003}" in rounds[2]
    assert len(rounds) == 3


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["--fix"], "--fix writes the files the drafter has open in an editor"),
        (["--diff"], "--diff shows the fixes once and exits: run it without --watch"),
        (["--write-baseline", "known.json"], "--write-baseline records the findings once and exits: run it without --watch"),
        (["-o", "report.txt"], "--output-file replaces a report file at the end of a run, and a watch does not end"),
        (["--show-files"], "--show-files and --show-settings lint nothing, so there would be nothing to watch"),
        (["--show-settings"], "--show-files and --show-settings lint nothing, so there would be nothing to watch"),
    ],
)
def test_what_cannot_be_repeated_is_refused(tmp_path: Path, args: list[str], why: str) -> None:
    cable = tmp_path / "a.cable"
    cable.write_text(BROKEN, encoding="utf-8")
    result = run_cli("check", "--watch", *args, str(cable))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1].startswith(f"Error: --watch lints again on every change and {why}")
    assert cable.read_text(encoding="utf-8") == BROKEN
    assert not (tmp_path / "known.json").exists() and not (tmp_path / "report.txt").exists()


def test_standard_input_is_refused() -> None:
    result = run_cli("check", "--watch", "-", input=CLEAN)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --watch lints again on every change and standard input (-) is read once and cannot change: name the files or folders to watch"


def test_without_watchfiles_it_says_how_to_install_it(tmp_path: Path) -> None:
    (tmp_path / "a.cable").write_text(CLEAN, encoding="utf-8")
    blocked = "import sys\nsys.modules['watchfiles'] = None\nfrom cablelint.cli import main\nmain(['check', '--watch', 'a.cable'])\n"
    proc = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert proc.returncode == 2
    assert proc.stderr == "cablelint: --watch needs watchfiles: pip install 'cablelint[watch]'\n"
    assert proc.stdout == ""


def test_a_usage_error_of_check_is_given_before_watching(tmp_path: Path) -> None:
    (tmp_path / "a.cable").write_text(CLEAN, encoding="utf-8")
    args = ["check", "--watch", "--statistics", "--format", "json", "a.cable"]
    proc = subprocess.run([sys.executable, "-m", "cablelint", *args], capture_output=True, text=True, cwd=tmp_path, timeout=WAIT, check=False)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1] == "Error: --statistics adds a count per rule to the text report and the json report has no place for it: expected --format text, or no --statistics"
    assert proc.stdout == ""


def test_a_new_subfolder_is_walked_and_the_named_configuration_watched(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.cable").write_text(CLEAN, encoding="utf-8")
    settings = tmp_path / "settings" / "lint.toml"
    settings.parent.mkdir()
    settings.write_text("ignore = []\n", encoding="utf-8")
    watcher = Watcher(tmp_path, "--no-progress", "--config", str(settings), "drafts")
    try:
        watcher.wait_round(1)
        (drafts / "sub").mkdir()  # the folders watched change: a new watcher
        (drafts / "sub" / "c.cable").write_text(BROKEN, encoding="utf-8")
        # one round or two (the folder, then the file): the last one reports the file
        watcher.wait_output(f"drafts/sub/c.cable:3:20: {R003}\nFound 1 error in 2 files checked.\n")
        settings.write_text('ignore = ["R003"]\n', encoding="utf-8")
        watcher.wait_output("All clean: 2 files checked, no findings.\n")
    finally:
        assert watcher.stop() == 0
    assert "Traceback" not in watcher.output()[1]


def test_a_report_redirected_into_the_watched_folder_is_not_an_edit(tmp_path: Path) -> None:
    """``check --watch . > report.txt``: the report grows in the folder watched, and
    *.txt files are linted; it is neither linted nor a change that starts a round
    (else each round would start the next)."""
    (tmp_path / "a.cable").write_text(CLEAN, encoding="utf-8")
    with (tmp_path / "report.txt").open("w", encoding="utf-8") as out:
        watcher = Watcher(tmp_path, "--no-progress", ".", stdout=out.fileno())
        try:
            watcher.wait_round(1)
            (tmp_path / "a.cable").write_text(BROKEN, encoding="utf-8")
            watcher.wait_round(2)
            time.sleep(1.5)  # a loop would have started round 3 by now
            assert len(watcher.rounds()) == 2
        finally:
            assert watcher.stop() == 0
    written = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert report(written) == ["All clean: 1 file checked, no findings.", f"./a.cable:3:20: {R003}", "Found 1 error in 1 file checked."]


def test_an_old_watchfiles_says_which_version_is_needed(tmp_path: Path) -> None:
    """watchfiles before 0.20 lacks an argument the watch passes: a clear line, not a
    TypeError from inside the watch (pip keeps an old one installed when cablelint is
    installed without the extra)."""
    (tmp_path / "a.cable").write_text(CLEAN, encoding="utf-8")
    old = (
        "import sys, types\nold = types.ModuleType('watchfiles')\nold.__version__ = '0.19.0'\n"
        "old.watch = lambda *a, **k: iter(())\nsys.modules['watchfiles'] = old\n"
        "from cablelint.cli import main\nmain(['check', '--watch', 'a.cable'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", old], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert proc.returncode == 2
    assert proc.stderr == "cablelint: --watch needs watchfiles 0.20 or later, and 0.19.0 is installed: pip install -U 'cablelint[watch]'\n"
    assert proc.stdout == ""


def _watching_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, CheckOptions, _Watcher]:
    """``check --watch a.cable``'s options, run in *tmp_path* with a.cable clean, and
    its watcher with the real watchfiles, not yet waiting."""
    monkeypatch.chdir(tmp_path)
    cable = tmp_path / "a.cable"
    cable.write_text(CLEAN, encoding="utf-8")
    # saved a while ago: BROKEN has CLEAN's size, and a save within the same clock
    # tick would leave the file's stamp as it was
    past = time.time_ns() - 10**10
    os.utime(cable, ns=(past, past))
    options = CheckOptions(**check.make_context("check", ["--no-progress", "a.cable"]).params)
    return cable, options, _Watcher(_import_watch(), options)


def _count_searches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders configuration searches start from, from now on, in order."""
    from cablelint.linter import config as config_module

    searched: list[str] = []
    real_find = config_module.find_config
    monkeypatch.setattr(config_module, "find_config", lambda start, look=None: searched.append(str(start)) or real_find(start, look))
    return searched


def _waiting(watcher: _Watcher, before: Targets) -> tuple[threading.Thread, dict[str, tuple[Targets, str]]]:
    got: dict[str, tuple[Targets, str]] = {}
    thread = threading.Thread(target=lambda: got.update(result=watcher.wait(before)), daemon=True)
    thread.start()
    return thread, got


def test_a_save_made_before_a_new_watcher_is_live_is_caught_by_the_stamps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the folders to watch change, the watcher is made anew after the round: a
    save made during the round (after its targets were taken) reaches no watcher.
    Once the new one is live, the files' stamps taken before the round are compared
    with the files as they are, and the save starts the next round all the same."""
    cable, options, watcher = _watching_one(tmp_path, monkeypatch)
    before = targets(options)  # as the round starts
    cable.write_text(BROKEN, encoding="utf-8")  # saved during the round: no watcher exists yet
    thread, got = _waiting(watcher, before)
    thread.join(WAIT)
    assert not thread.is_alive(), "the save made before the watcher was live was missed"
    watcher.close()
    after, changed = got["result"]
    assert changed == "a.cable"
    assert before.differs(after) == {os.path.realpath(cable)}


def test_in_a_busy_folder_a_save_made_before_the_watcher_was_live_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """watchfiles times out only when nothing at all happens in the folders watched
    for a while, and the configuration search watches folders such as /tmp or a home
    folder, where something else keeps writing. Any batch of changes, even of files
    that matter to nothing, shows that the new watcher is live: the stamps are
    compared then, and a save made during the round is not left waiting for a quiet
    moment."""
    cable, options, watcher = _watching_one(tmp_path, monkeypatch)
    before = targets(options)
    cable.write_text(BROKEN, encoding="utf-8")  # saved during the round: no watcher exists yet
    stop = threading.Event()

    def noise() -> None:  # another program's file, written five times a timeout
        n = 0
        while not stop.wait(LIVE_MS / 5000):
            (tmp_path / "other.log").write_text(str(n), encoding="utf-8")
            n += 1

    noisy = threading.Thread(target=noise, daemon=True)
    noisy.start()
    try:
        thread, got = _waiting(watcher, before)
        thread.join(WAIT)
        assert not thread.is_alive(), "the save made before the watcher was live waited for a quiet moment"
    finally:
        stop.set()
        noisy.join(WAIT)
    watcher.close()
    assert got["result"][1] == "a.cable"


def test_with_nothing_saved_the_new_watcher_waits_for_an_event(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stamps' comparison finds nothing when nothing changed; the watcher then
    waits, and a later save reaches it as an event."""
    cable, options, watcher = _watching_one(tmp_path, monkeypatch)
    thread, got = _waiting(watcher, targets(options))
    thread.join(3 * LIVE_MS / 1000)  # live, and the stamps compared, well before
    assert thread.is_alive() and not got
    cable.write_text(BROKEN, encoding="utf-8")
    thread.join(WAIT)
    assert not thread.is_alive(), "the save was missed"
    watcher.close()
    assert got["result"][1] == "a.cable"


def test_each_round_forgets_where_linked_folders_led(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A file named through a link from outside the project is matched by the name
    it has in the project, worked out once a folder; a watch kept that from round
    to round, so once the link led elsewhere the globs went on matching the old name."""
    from cablelint.cli_watch import _round

    project = tmp_path / "project"
    for folder in (project / "legacy", project / "archive" / "legacy"):
        folder.mkdir(parents=True)
        (folder / "a.cable").write_text(BROKEN, encoding="utf-8")
    (project / "cablelint.toml").write_text('select = ["R003"]\n[per-file-ignores]\n"legacy/*" = ["R003"]\n', encoding="utf-8")
    view = tmp_path / "view"
    view.symlink_to(project, target_is_directory=True)
    monkeypatch.chdir(project)
    options = CheckOptions(**check.make_context("check", ["--no-progress", "--no-cache", "--format", "json", str(view / "legacy" / "a.cable")]).params)
    _round(options, "first", False)
    assert json.loads(capsys.readouterr().out) == []  # project/legacy/a.cable
    view.unlink()
    view.symlink_to(project / "archive", target_is_directory=True)  # project/archive/legacy/a.cable
    _round(options, "second", False)
    assert [d["code"] for d in json.loads(capsys.readouterr().out)] == ["R003"]


def test_the_configuration_is_searched_for_again_only_when_what_the_search_read_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Where the configuration is found is kept from event to event and round to
    round while the folders looked into and the pyproject.toml files read keep
    their stamps: a save of a cable does no search. A pyproject.toml that gains
    cablelint's table, and a cablelint.toml made nearer (its folder's time set
    back, as a file system whose clock ticks coarsely may leave it), are found."""
    from cablelint.cli_watch import _round

    project = tmp_path / "project"
    deep = project / "sub" / "deep"
    deep.mkdir(parents=True)
    (project / "cablelint.toml").write_text('ignore = ["R003"]\n', encoding="utf-8")
    (deep / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    cable = deep / "a.cable"
    cable.write_text(CLEAN, encoding="utf-8")
    past = time.time_ns() - 10**10  # (a search that read something changed within 2 s is not kept)
    for path in (deep / "pyproject.toml", cable, deep, project / "sub", project):
        os.utime(path, ns=(past, past))
    monkeypatch.chdir(deep)
    searched = _count_searches(monkeypatch)
    options = CheckOptions(**check.make_context("check", ["--no-progress", "--no-cache", "--format", "json", "a.cable"]).params)
    watcher = _Watcher(_import_watch(), options)
    try:
        before = targets(options, watcher.searches)
        assert before.config.ignore == ("R003",) and len(searched) == 1

        def next_round(before: Targets, edit: Callable[[], None]) -> tuple[Targets, str]:
            thread, got = _waiting(watcher, before)
            thread.join(3 * LIVE_MS / 1000)  # the watcher live
            assert thread.is_alive() and not got
            edit()
            thread.join(WAIT)
            assert not thread.is_alive(), "the change was missed"
            return got["result"]

        before, changed = next_round(before, lambda: cable.write_text(BROKEN, encoding="utf-8"))
        assert changed == "a.cable"
        _round(options, "saved", False, watcher.searches)
        assert json.loads(capsys.readouterr().out) == []  # R003 ignored
        assert len(searched) == 1  # the event, its targets and the round: no search

        table = '[project]\nname = "x"\n[tool.cablelint]\nselect = ["R003"]\n'
        before, changed = next_round(before, lambda: (deep / "pyproject.toml").write_text(table, encoding="utf-8"))
        assert changed == "pyproject.toml"
        assert before.config.select == ("R003",) and len(searched) == 2
        _round(options, "table", False, watcher.searches)
        assert [d["code"] for d in json.loads(capsys.readouterr().out)] == ["R003"]

        def nearer() -> None:
            times = deep.stat()
            (deep / "cablelint.toml").write_text('select = ["P004"]\n', encoding="utf-8")
            os.utime(deep, ns=(times.st_atime_ns, times.st_mtime_ns))

        # (its time set back: an event, and the answer found then is kept)
        before, changed = next_round(before, lambda: os.utime(deep / "pyproject.toml", ns=(past, past)))
        assert changed == "pyproject.toml"
        searches = len(searched)
        targets(options, watcher.searches)
        assert len(searched) == searches
        before, changed = next_round(before, nearer)
        assert changed == "cablelint.toml"
        assert before.config.select == ("P004",) and len(searched) == searches + 1
        _round(options, "nearer", False, watcher.searches)
        assert json.loads(capsys.readouterr().out) == []
    finally:
        watcher.close()


def test_a_linked_configuration_file_removed_is_seen_by_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cablelint.toml that is a link to a file of another name: its removal's
    event names the link, not the file it led to."""
    project = tmp_path / "project"
    sub = project / "sub"
    sub.mkdir(parents=True)
    shared = tmp_path / "shared"
    shared.mkdir()
    (project / "cablelint.toml").write_text('ignore = ["R003"]\n', encoding="utf-8")
    (shared / "lint.toml").write_text('select = ["P004"]\n', encoding="utf-8")
    link = sub / "cablelint.toml"
    link.symlink_to(Path("..", "..", "shared", "lint.toml"))
    (sub / "a.cable").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(sub)
    options = CheckOptions(**check.make_context("check", ["--no-progress", "--no-cache", "a.cable"]).params)
    watcher = _Watcher(_import_watch(), options)
    try:
        before = targets(options, watcher.searches)
        assert before.config.select == ("P004",)
        thread, got = _waiting(watcher, before)
        thread.join(3 * LIVE_MS / 1000)  # the watcher live
        assert thread.is_alive() and not got
        link.unlink()
        thread.join(WAIT)
        assert not thread.is_alive(), "the link's removal was missed"
        after, changed = got["result"]
        assert changed == "cablelint.toml"
        assert after.config.ignore == ("R003",) and after.config.select is None
    finally:
        watcher.close()


def test_a_save_through_a_temporary_file_does_no_configuration_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """vim and JetBrains save by writing a temporary file and renaming it over the
    cable: the folder's time changes, and the folder is one the configuration
    search looks into (the current one). No configuration file's name changed
    there: the answer is kept, for the event, its targets and the round."""
    from cablelint.cli_watch import _round

    project = tmp_path / "project"
    project.mkdir()
    (project / "cablelint.toml").write_text('ignore = ["R003"]\n', encoding="utf-8")
    cable = project / "a.cable"
    cable.write_text(CLEAN, encoding="utf-8")
    past = time.time_ns() - 10**10
    for path in (cable, project):
        os.utime(path, ns=(past, past))
    monkeypatch.chdir(project)
    searched = _count_searches(monkeypatch)
    options = CheckOptions(**check.make_context("check", ["--no-progress", "--no-cache", "--format", "json", "a.cable"]).params)
    watcher = _Watcher(_import_watch(), options)
    try:
        before = targets(options, watcher.searches)
        assert len(searched) == 1
        thread, got = _waiting(watcher, before)
        thread.join(3 * LIVE_MS / 1000)  # the watcher live
        assert thread.is_alive() and not got
        temporary = project / ".a.cable.tmp"
        temporary.write_text(BROKEN, encoding="utf-8")
        os.replace(temporary, cable)
        thread.join(WAIT)
        assert not thread.is_alive(), "the save was missed"
        after, changed = got["result"]
        assert changed == "a.cable" and after.config.ignore == ("R003",)
        _round(options, "saved", False, watcher.searches)
        assert json.loads(capsys.readouterr().out) == []  # R003 ignored
        assert searched == [os.path.realpath(project)]
    finally:
        watcher.close()


def test_a_configuration_change_missed_by_a_new_watcher_has_the_search_made_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A configuration file's event has the configuration searched for afresh,
    whatever the stamps say (stamps that lag or cannot tell); so has the same
    change made during a round, before a new watcher was live, once the stamps'
    comparison finds it."""

    monkeypatch.chdir(tmp_path)
    config = tmp_path / "cablelint.toml"
    config.write_text('ignore = ["R003"]\n', encoding="utf-8")
    (tmp_path / "a.cable").write_text(CLEAN, encoding="utf-8")
    past = time.time_ns() - 10**10
    for path in (config, tmp_path):
        os.utime(path, ns=(past, past))
    searched = _count_searches(monkeypatch)
    options = CheckOptions(**check.make_context("check", ["--no-progress", "--no-cache", "a.cable"]).params)
    watcher = _Watcher(_import_watch(), options)
    try:
        before = targets(options, watcher.searches)  # as the round starts
        assert len(searched) == 1
        config.write_text('select = ["P004"]\n', encoding="utf-8")  # during the round: no watcher yet
        thread, got = _waiting(watcher, before)
        thread.join(WAIT)
        assert not thread.is_alive(), "the change made before the watcher was live was missed"
        after, changed = got["result"]
        assert changed == "cablelint.toml" and after.config.select == ("P004",)
        assert searched == [os.path.realpath(tmp_path)] * 2
    finally:
        watcher.close()
