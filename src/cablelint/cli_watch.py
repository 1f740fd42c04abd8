"""``cablelint check --watch``: lint, then lint again whenever something the run
depends on changes, until Ctrl-C.

What is watched: the files linted, the folders walked (a new cable in one is linted
the next round, a new subfolder is walked), the baseline, and the configuration in
force with the places a nearer one would be found (``cablelint.toml``,
``.cablelint.toml`` or ``pyproject.toml`` in the current folder or a folder between
it and the configuration file; every folder above it when there is none). The
folders are watched one by one, not recursively: a ``check .`` at a repository's
root does not watch ``.venv``. Each round is a whole ``check`` run
(:func:`cablelint.cli_check.run_check`) with the configuration read again; where
it is found is kept, as the language server keeps it
(:class:`cablelint.linter.config.ConfigSearches`), while the configuration files'
names in the folders looked into and the pyproject.toml files read are unchanged.
The result cache makes the unchanged files nearly free. A round that cannot run
(a broken configuration) prints its error and the watch goes on.

watchfiles (Rust's notify underneath) is an optional dependency, the ``watch``
extra, imported only here.
"""

from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Generator, Optional

import click

from cablelint.cli_check import run_check
from cablelint.cli_options import CheckOptions, check_usage, env_flag
from cablelint.cli_output import fail, is_report, redirected
from cablelint.files import TEMP_SUFFIX
from cablelint.linter import CACHE_FOLDER, NO_CACHE_ENV
from cablelint.linter.config import CONFIG_FILES, Config, ConfigError, ConfigSearches, read_file
from cablelint.linter.code_files import LoadedCode
from cablelint.linter.registry import load_registry
from cablelint.linter.selection import forget_folders
from cablelint.linter.runner import enters, lints, walk

if TYPE_CHECKING:
    from watchfiles import Change

    Watch = Callable[..., Generator[set[tuple[Change, str]], None, None]]

# how long (ms) an editor's save, several events, is gathered into one change;
# watchfiles yields as soon as 50 ms pass without a new event
DEBOUNCE_MS = 1_600
STEP_MS = 50
LIVE_MS = 500  # the watcher's timeout: a new one is live once it has passed or yielded
CLEAR = "\x1b[H\x1b[2J\x1b[3J"  # home, clear the screen and the scrollback


def check_watch_usage(options: CheckOptions) -> None:
    """Refuse what cannot be repeated on every change (exit 2, before any work)."""
    o = options
    refused = [
        (o.fix, "--fix writes the files the drafter has open in an editor (the next save would undo the fixes, or the editor would ask about a file changed under it), and each fix would start another round: run `cablelint check --fix` once, or use the editor's quick fixes"),
        (o.diff, "--diff shows the fixes once and exits: run it without --watch"),
        (o.write_baseline_path is not None, "--write-baseline records the findings once and exits: run it without --watch"),
        (o.output_file is not None, "--output-file replaces a report file at the end of a run, and a watch does not end: run it without --watch, or redirect standard output"),
        ("-" in o.paths, "standard input (-) is read once and cannot change: name the files or folders to watch"),
        (o.show_files or o.show_settings, "--show-files and --show-settings lint nothing, so there would be nothing to watch: run them without --watch"),
    ]
    for given, why in refused:
        if given:
            raise click.UsageError(f"--watch lints again on every change and {why}")
    if not o.paths:
        raise click.UsageError("no paths given: name cable files or folders to watch")
    # what every round would refuse, refused once, now
    check_usage(o)
    env_flag(NO_CACHE_ENV)


WATCHFILES_NEEDED = (0, 20)  # the first with ignore_permission_denied


def _import_watch() -> Watch:
    try:
        import watchfiles
        from watchfiles import watch
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("watchfiles", "anyio"):
            raise
        fail("--watch needs watchfiles: pip install 'cablelint[watch]'")
    found = str(getattr(watchfiles, "__version__", ""))
    numbers = re.match(r"(\d+)\.(\d+)", found)
    if numbers is None or (int(numbers[1]), int(numbers[2])) < WATCHFILES_NEEDED:
        needed = ".".join(map(str, WATCHFILES_NEEDED))
        fail(f"--watch needs watchfiles {needed} or later, and {found or 'an unknown version'} is installed: pip install -U 'cablelint[watch]'")
    return watch


def _real(path: str | Path) -> str:
    return os.path.realpath(path)


def _ignored_name(name: str) -> bool:
    """An editor's swap or backup file, or a temporary file of write_atomically."""
    return name.endswith((".swp", ".swo", ".swx", "~", TEMP_SUFFIX)) or name.startswith(".#") or name == "4913"


@dataclass
class Targets:
    """What one round depends on, as real paths: the folders to watch (not
    recursively) and, among the changes in them, those that call for a new round."""

    config: Config
    folders: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)  # linted, and the baseline
    walked: set[str] = field(default_factory=set)  # folders walked for cables
    configs: set[str] = field(default_factory=set)  # the configuration, and where a nearer one would be
    stamps: dict[str, object] = field(default_factory=dict)  # of the files, and the walked folders' listings
    report: set[tuple[int, int]] = field(default_factory=redirected)  # where the rounds are written (> file)

    def differs(self, later: Targets) -> set[str]:
        """The paths whose stamps differ between these targets and *later* ones."""
        return {p for p in self.stamps.keys() | later.stamps.keys() if self.stamps.get(p) != later.stamps.get(p)}

    def matters(self, path: str) -> bool:
        """Whether *path* is one the run depends on, or one it would lint or walk."""
        name = os.path.basename(path)
        if _ignored_name(name) or CACHE_FOLDER in Path(path).parts or is_report(path, self.report):
            return False
        if path in self.files or path in self.configs or path in self.walked:
            return True
        folder = os.path.dirname(path)
        if folder not in self.walked:
            return False
        if os.path.isdir(path):  # a new folder: walked next round
            return enters(folder, name, self.config)
        return lints(folder, name, self.config)


def targets(options: CheckOptions, searches: Optional[ConfigSearches] = None) -> Targets:
    """What the run with *options* depends on, as the files stand now; the
    configuration found through *searches* when given (an answer kept while the
    configuration files' names in the folders it looked into and the files it
    read are unchanged: a cable's save does no search, even through a temporary
    file renamed over it, which changes its folder's time). Each call stats the
    files linted and the configuration paths (each path where a nearer
    configuration would be with an lstat too: a link among them is followed to
    its real path, watched too), and lists the folders walked."""
    o = options
    here = Path(_real(Path.cwd()))
    found = o.config_path if o.config_path is not None else (searches or ConfigSearches()).find(str(here))
    try:
        config = read_file(found) if found is not None else Config()
    except ConfigError:
        config = Config()  # the round says what is wrong; the files are still watched
    t = Targets(config)
    # each configuration path as an event names it (a link by its own name, in
    # its real folder) and, for a link, the file it leads to
    if o.config_path is not None:
        t.configs.update((os.path.join(_real(os.path.dirname(os.path.abspath(o.config_path))), os.path.basename(o.config_path)), _real(o.config_path)))
    else:
        for folder in (here, *here.parents):  # (real paths: here is one)
            for name in CONFIG_FILES:
                named = str(folder / name)
                t.configs.add(named)
                if os.path.islink(named):
                    t.configs.add(_real(named))
            if found is not None and folder == Path(found).parent:
                break
    if o.baseline_path is not None:
        t.files.add(_real(o.baseline_path))
    for path in walk(o.paths, config, o.force_exclude):
        if not is_report(path, t.report):
            t.files.add(_real(path))
    for raw in o.paths:
        if os.path.isdir(raw):
            for top, dirs, _ in os.walk(raw):
                dirs[:] = [d for d in dirs if enters(top, d, config)]
                t.walked.add(_real(top))
    for path in (*t.files, *t.configs):
        try:
            st = os.stat(path)
            t.stamps[path] = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            t.stamps[path] = None
    for walked in t.walked:
        try:
            names = os.listdir(walked)
        except OSError:
            names = []
        t.stamps[walked] = sorted(n for n in names if t.matters(os.path.join(walked, n)))
    t.folders = {p for p in (*(os.path.dirname(f) for f in (*t.files, *t.configs)), *t.walked) if os.path.isdir(p)}
    return t


def _clock() -> str:
    return time.strftime("%H:%M:%S")


def _changed(paths: set[str]) -> str:
    names = sorted({os.path.relpath(path) for path in paths})
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return ", ".join(names[:3]) + more


def _round(options: CheckOptions, header: str, terminal: bool, searches: Optional[ConfigSearches] = None, code: Optional[LoadedCode] = None) -> None:
    """Run the check once: on a terminal, on a cleared screen under *header*; else
    appended to what came before, *header* on standard error (standard output holds
    only the reports, one a round); *code* (the code this watch runs, see
    LoadedCode): what of it changed on disk is said, on standard error, once."""
    if terminal:
        sys.stdout.write(CLEAR)
        click.echo(header)
    else:
        click.echo(header, err=True)
    sys.stdout.flush()
    forget_folders()  # (the configuration is read again: so are the folders' names from its folder)
    try:
        status = run_check(options, searches)
    except click.ClickException as exc:  # a usage error that the files caused
        exc.show()
        status = exc.exit_code
    except SystemExit as exc:  # the run could not be made: the reason is printed
        status = exc.code if isinstance(exc.code, int) else 2
    sys.stdout.flush()
    if code is not None:
        # (asked by the cache when opened and saved, and here, the plugins' rules' own
        # files too once they are loaded: a plugin that fails to load is said by the run)
        code.same(load_registry() if load_registry.cache_info().currsize else None)
        for message in code.take_news():
            click.echo(message, err=True)
    outcome = {0: "clean", 1: "findings"}.get(status, "could not lint")
    click.echo(f"[{_clock()}] Watching for file changes ({outcome}; Ctrl-C to stop).", err=True)


def watch_check(options: CheckOptions) -> None:
    """Lint, then lint again on every change, until Ctrl-C (which ends it quietly)."""
    from cablelint.linter import cache

    watcher = _Watcher(_import_watch(), options)
    terminal = sys.stdout.isatty()
    # the code this watch runs, stamped before any plugin is imported (at the first
    # round, or a later one when it fails to load): once it changes on disk, the
    # result cache is off for good (see linter.code_files)
    code = LoadedCode("this watch", "it keeps the code it loaded, and uses no cached results from now on: stop it (Ctrl-C) and start it again to use the code as it is now")
    cache.GUARD[:] = [code.same]
    try:
        before = targets(options, watcher.searches)
        _round(options, f"[{_clock()}] Starting cablelint in watch mode...", terminal, watcher.searches, code)
        while True:
            before, changed = watcher.wait(before)
            _round(options, f"[{_clock()}] File change detected ({changed}): linting again...", terminal, watcher.searches, code)
    except KeyboardInterrupt:
        if terminal:
            click.echo("", err=True)  # (after the ^C the terminal shows)
    finally:
        cache.GUARD[:] = []
        watcher.close()


class _Watcher:
    """The folders watched, with one watcher kept while they stay the same: what
    changes during a round is kept for the next; and the configuration found from
    the current folder, kept while what the search depended on is unchanged."""

    def __init__(self, watch: Watch, options: CheckOptions) -> None:
        self.watch = watch
        self.options = options
        self.folders: set[str] = set()
        self.gen: Optional[Generator[set[tuple[Change, str]], None, None]] = None
        self.now: Optional[Targets] = None
        self.searches = ConfigSearches()

    def accepts(self, change: Change, path: str) -> bool:
        return self.now is not None and self.now.matters(path)

    def wait(self, before: Targets) -> tuple[Targets, str]:
        """Wait for a change that matters after a round run with *before* (taken
        before it); the targets of the next round and what changed. A watcher made
        anew (the folders differ) may have missed changes made during the round:
        once it is live (the first time it yields: a timeout, or changes anywhere in
        the folders watched), the files' stamps are compared.

        The changes are filtered here, not by watchfiles: watchfiles yields nothing
        for a batch its filter empties, so in a busy folder (the configuration search
        watches the folders above, ``/tmp`` or a home folder among them) a new
        watcher would never time out and a change made during the round would wait
        for a quiet moment there."""
        self.now = targets(self.options, self.searches)
        live = True
        if self.gen is None or self.now.folders != self.folders:
            self.close()
            self.folders = self.now.folders
            live = False
            self.gen = self.watch(
                *sorted(self.folders), watch_filter=None, debounce=DEBOUNCE_MS, step=STEP_MS,
                rust_timeout=LIVE_MS, yield_on_timeout=True, recursive=False, ignore_permission_denied=True,
            )
        for changes in self.gen:
            if not live:
                live = True
                after = targets(self.options, self.searches)
                missed = before.differs(after)
                if missed:
                    # (a configuration path among them: as for its event, below)
                    configs = {os.path.dirname(path) for path in missed if path in before.configs or path in after.configs}
                    if configs:
                        self.searches.forget(configs)
                        after = targets(self.options, self.searches)
                    return after, _changed(missed)
            paths = {path for change, path in changes if self.accepts(change, path)}
            if paths:
                # a configuration file's event: the search is made afresh from
                # its folder down, whatever the stamps say (a file system whose
                # stamps lag, a pyproject.toml rewritten within a clock's tick)
                self.searches.forget({os.path.dirname(path) for path in paths if path in self.now.configs})
                return targets(self.options, self.searches), _changed(paths)
        raise KeyboardInterrupt  # (the watcher stops only on a signal)

    def close(self) -> None:
        if self.gen is not None:
            self.gen.close()
            self.gen = None
