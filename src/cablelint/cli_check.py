"""What ``cablelint check`` does between reading its options and exiting: the
configuration and linter, the files to lint, the lint itself (the cache, --jobs,
the progress bar) and the exit status. The options are checked by
:mod:`cablelint.cli_options`, the report is written by
:mod:`cablelint.cli_output`, the fixes and the baseline are applied by
:mod:`cablelint.cli_fixes`; the click command in :mod:`cablelint.cli` calls
:func:`run_check`, and the work itself is the library's (engine, runner, fixer,
reporters).
"""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext
from functools import partial
from typing import TYPE_CHECKING, Callable, Optional

import click

from cablelint.cli_options import check_usage, env_flag, refuse_overwrite, refuse_stdin_shown_as_linted, selectors
from cablelint.cli_output import ReportOutput, Streamed, fail, is_report, narrow_encoding, redirected, report_color, report_order, shown
from cablelint.files import LoadedFile, from_bytes, load, path_text
from cablelint.linter.cache import NO_CACHE_ENV, Cache, default_folder as default_cache_folder
from cablelint.linter.config import Config, ConfigError, load_config
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.engine import PARSER, Linter
from cablelint.linter.registry import RegistryError
from cablelint.linter.rule import SEVERITIES
from cablelint.linter.runner import FileResult, lint_paths, settle, walk
from cablelint.linter.selection import Layer
from cablelint.records import record
from cablelint.reporters import Settings, reporter
from cablelint.reporters.base import FAILING
from cablelint.reporters.text import plural

# What only some runs need (--fix, --baseline) is imported where it is used: a
# pre-commit hook starts the CLI for every file.
if TYPE_CHECKING:
    from cablelint.linter.baseline import Known

PROGRESS_MIN_FILES = 20


class Stdin:
    """Standard input, read once however often it is asked for: the loaded cable
    (call the object) and the bytes as they came (``data``)."""

    def __init__(self, display: str) -> None:
        self.display = display
        self._loaded: Optional[LoadedFile] = None
        self.data = b""

    def __call__(self) -> LoadedFile:
        if self._loaded is None:
            self.data = sys.stdin.buffer.read()
            self._loaded = from_bytes(self.display, self.data)
        return self._loaded

    def output(self, fixed: Optional[str]) -> bytes:
        """What ``--fix`` prints for standard input: the fixed text (with the BOM it
        came with), or, when nothing was fixed, the bytes exactly as they came."""
        loaded = self()
        if fixed is None:
            return self.data
        return ("\ufeff" if loaded.bom else "").encode("utf-8") + fixed.encode("utf-8")

    def hand_back(self, fixed: Optional[str]) -> None:
        """Write the cable to standard output (see :meth:`output`); what is printed
        after it, the report, goes to standard error."""
        sys.stdout.flush()
        sys.stdout.buffer.write(self.output(fixed))
        sys.stdout.flush()
        sys.stdout = sys.stderr


@record
class CheckOptions:
    """The options of ``cablelint check`` as click read them (its parameters'
    names), for :func:`run_check`: once, or once a round with --watch."""

    paths: tuple[str, ...]
    fmt: str
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    extend_select: tuple[str, ...]
    config_path: Optional[str]
    dialect: Optional[str]
    line_length: Optional[int]
    stdin_filename: str
    force_exclude: bool
    output_file: Optional[str]
    exit_zero: bool
    statistics: bool
    quiet: bool
    jobs: int
    no_progress: bool
    color: Optional[bool]
    show_source: Optional[bool]
    fix: bool
    diff: bool
    strict: bool
    baseline_path: Optional[str]
    write_baseline_path: Optional[str]
    no_cache: bool
    cache_dir: Optional[str]
    show_files: bool
    show_settings: bool
    watch: bool


def run_check(options: CheckOptions) -> int:
    """One ``cablelint check`` run: lint, report, and return the exit status (0
    clean, 1 findings, 2 a rule crashed). What cannot be run at all still ends the
    process (:func:`fail`, a usage error): a wrong configuration, an unreadable
    baseline; so do --write-baseline and --diff, which end with their own status."""
    o = options
    paths, fmt, stdin_filename, output_file, quiet, statistics = o.paths, o.fmt, o.stdin_filename, o.output_file, o.quiet, o.statistics
    select, ignore, extend_select, strict = o.select, o.ignore, o.extend_select, o.strict
    fix, diff, exit_zero, baseline_path, write_baseline_path = o.fix, o.diff, o.exit_zero, o.baseline_path, o.write_baseline_path
    no_cache, cache_dir, jobs, show_files, show_settings = o.no_cache, o.cache_dir, o.jobs, o.show_files, o.show_settings
    color, show_source, no_progress = o.color, o.show_source, o.no_progress
    config_path, dialect, line_length, force_exclude = o.config_path, o.dialect, o.line_length, o.force_exclude
    check_usage(options)
    no_cache = env_flag(NO_CACHE_ENV) or no_cache  # (a bad value is an error, --no-cache or not)
    config, linter = make_linter(config_path, dialect, line_length, select, ignore, extend_select, strict)
    known: Optional[Known] = None
    if baseline_path and not (show_files or show_settings or write_baseline_path):
        from cablelint.cli_fixes import read_known

        known = read_known(baseline_path)  # (before the walk: a wrong path fails at once)
    if show_settings:
        from cablelint.cli_show import show_settings as print_settings

        print_settings(linter, None if no_cache else cache_folder(config, cache_dir))
    files = files_to_lint(paths, config, force_exclude, stdin_filename, quiet) if paths else []
    refuse_stdin_shown_as_linted(files, stdin_filename)
    refuse_overwrite(paths, files, config, output_file, write_baseline_path, baseline_path)
    stdin = Stdin(stdin_filename)
    if show_files:
        from cablelint.cli_show import show_files as print_files

        print_files(shown(report_order(files, stdin), stdin))
    if show_files or show_settings:
        return 0
    if (fix and not diff) and "-" in paths and "-" not in files:
        stdin.hand_back(None)  # standard input excluded by --force-exclude: given back as it came
    # --fix and --diff need each file's text and fresh fixes: they lint everything
    cache = None if no_cache or fix or diff else open_cache(linter, cache_dir)
    jobs = jobs or os.cpu_count() or 1
    progress = not no_progress and not quiet
    if write_baseline_path:
        from cablelint.cli_fixes import Recorder

        recorder = Recorder(write_baseline_path)
        lint(linter, files, jobs, stdin, progress, recorder, cache=cache)
        recorder.write()

    def settings() -> Settings:
        # (after --fix -, standard output is standard error: the report goes there)
        return Settings(
            len(files),
            shown(files, stdin),
            show_source=(output_file is None and sys.stdout.isatty()) if show_source is None else show_source,
            color=report_color(fmt, color, output_file),
            statistics=statistics,
            quiet=quiet,
            failing=failing_levels,
            encoding=None if output_file is not None else narrow_encoding(sys.stdout),  # (a report file is UTF-8)
        )

    failing_levels = SEVERITIES if strict else FAILING
    out = ReportOutput(output_file)
    try:
        if fix or diff:
            run = Run()
            lint(linter, files, jobs, stdin, progress, run.add, digests=True)
            run.diagnostics.sort(key=Diagnostic.sort_key)
            if known is not None:
                run.diagnostics = known.new(run.diagnostics, run.source)
            # --diff writes nothing, with --fix or without
            from cablelint.cli_fixes import fix_files

            fix_files(linter, run, files, stdin, write=not diff, exit_zero=exit_zero, quiet=quiet, fmt=fmt, baseline_path=baseline_path, failing=failing_levels)
            writer = reporter(fmt)(settings())
            report = Streamed(writer, out, None, failing_levels)
            out.write(writer.begin())
            report.run(run, files, stdin)
        else:
            # each file's findings are written as it is done, and its text dropped
            writer = reporter(fmt)(settings())
            report = Streamed(writer, out, known, failing_levels)
            out.write(writer.begin())
            lint(linter, files, jobs, stdin, progress, report, cache=cache, out=out)
        out.write(writer.end())
        out.close()
    finally:
        out.discard()
    report_crashes(linter)
    if linter.crashes:
        return 2
    return 1 if report.failing and not exit_zero else 0


def make_linter(
    config_path: Optional[str],
    dialect: Optional[str],
    line_length: Optional[int],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    strict: bool,
) -> tuple[Config, Linter]:
    """The configuration found (or named), with the command line over it, and the
    linter it sets up; exit 2 when either is wrong."""
    try:
        config = load_config(config_path).merged(dialect=dialect, line_length=line_length)
        cli = Layer(selectors(select) if select else None, selectors(ignore), selectors(extend_select))
        return config, Linter(config, cli, strict=strict)
    except (ConfigError, RegistryError) as exc:
        fail(str(exc))


def files_to_lint(paths: tuple[str, ...], config: Config, force_exclude: bool, stdin_filename: str, quiet: bool) -> list[str]:
    """The files *paths* name, folders walked, less the file standard output or
    standard error is redirected to."""
    files = walk(paths, config, force_exclude, stdin_filename, empty=None if quiet else partial(no_files, config))
    report = redirected()
    if report:
        named = set(paths)
        for path in [f for f in files if f != "-" and is_report(f, report)]:
            files.remove(path)
            if path in named:
                click.echo(f"cablelint: warning: not linting {path}: the report is being written to it", err=True)
    return files


class Run:
    """What linting the files gave, for the runs that need all of it afterwards
    (--fix and --diff): the findings, sorted, and per path the text linted (None
    when unreadable) and its digest, which --fix checks again."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.texts: dict[str, Optional[str]] = {}
        self.digests: dict[str, Optional[str]] = {}

    def add(self, path: str, result: FileResult) -> None:
        self.diagnostics.extend(result.diagnostics)
        self.texts[path] = result.text
        self.digests[path] = result.digest

    def source(self, path: str) -> Optional[str]:
        """The text of *path* as linted (or fixed), read again if it was not kept."""
        text = self.texts.get(path)
        return text if text is not None else load(path).text


def cache_folder(config: Config, cache_dir: Optional[str]) -> str:
    """The folder of the result cache: --cache-dir, else beside the configuration."""
    return path_text(cache_dir) if cache_dir else default_cache_folder(config)


def open_cache(linter: Linter, cache_dir: Optional[str]) -> Optional[Cache]:
    """The result cache for the linter's settings (None: its rules cannot be vouched for)."""
    return Cache.open(cache_folder(linter.config, cache_dir), linter)


def lint(
    linter: Linter,
    files: list[str],
    jobs: int,
    stdin: Stdin,
    progress: bool,
    each: Callable[[str, FileResult], None],
    digests: bool = False,
    cache: Optional[Cache] = None,
    out: Optional[ReportOutput] = None,
) -> None:
    """Lint *files* in *jobs* processes, in the report's order, handing each result
    to *each* as the file is done; with a progress bar on a terminal when there are
    many and *progress* allows it (*out* writes around it); with the texts'
    *digests* when they are to be fixed. With a *cache*, files it holds are not
    linted again, and it is saved with the new results at the end. The crashes of
    rules are listed as if the files had been linted in the order named."""
    first = len(linter.crashes)
    # settled before the first file is linted (the --jobs workers inherit it); a run
    # answered wholly from the cache does not need the parser at all
    results = lint_paths(linter, report_order(files, stdin), jobs, stdin, digests=digests, cache=cache, ready=settle)
    progress = progress and len(files) >= PROGRESS_MIN_FILES and sys.stderr.isatty()
    bar = click.progressbar(results, length=len(files), label="Linting", file=sys.stderr) if progress else None
    with bar if bar is not None else nullcontext(results) as items:
        if out is not None:
            out.watch(bar)
        try:
            for path, result in items:
                each(path, result)
        except BrokenPipeError:
            # the reader went away (| head): the results so far are kept, as they
            # were when the report was written after the whole run
            if cache is not None:
                cache.save()
            raise
    if out is not None:
        out.watch(None)
    if cache is not None:
        cache.save()
    rank = {path: i for i, path in enumerate(shown(files, stdin))}
    linter.crashes[first:] = sorted(linter.crashes[first:], key=lambda crash: rank.get(crash.path, len(rank)))


def no_files(config: Config, folder: str) -> None:
    """Say that a folder held nothing to lint: a wrong path or include glob would
    otherwise pass as "All clean"."""
    where = f" outside exclude ({', '.join(config.exclude)})" if config.exclude else ""
    click.echo(f"cablelint: warning: no files to lint in {folder}: none matches include ({', '.join(config.include)}){where}", err=True)


def report_crashes(linter: Linter) -> None:
    """One line for each rule bug, however many files it struck (the --fix re-lint
    repeats them), naming the plugin a rule came from."""
    paths: dict[tuple[str, str], list[str]] = {}
    for crash in linter.crashes:
        seen = paths.setdefault((crash.code, crash.error), [])
        if crash.path not in seen:
            seen.append(crash.path)
    for (code, error), where in paths.items():
        more = f" and {plural(len(where) - 1, 'other file')}" if len(where) > 1 else ""
        origin = linter.registry.origin(code)
        if code == PARSER:
            click.echo(f"cablelint: internal error while parsing {where[0]}{more}: {error} (please report this; the file was not linted)", err=True)
        elif origin is None:
            click.echo(f"cablelint: internal error in rule {code} on {where[0]}{more}: {error} (please report this)", err=True)
        else:
            click.echo(f"cablelint: rule {code} from {origin} failed on {where[0]}{more}: {error} (a bug in that plugin: report it to its authors)", err=True)


