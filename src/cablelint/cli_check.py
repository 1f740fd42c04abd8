"""What ``cablelint check`` does between reading its options and exiting: the usage
checks, the configuration and linter, the files to lint, the lint itself (the
cache, --jobs, the progress bar), the baseline, the fixes and the report. The click
command in :mod:`cablelint.cli` calls these in order; the work itself is the
library's (engine, runner, fixer, reporters).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, NoReturn, Optional

import click

from cablelint.files import AtomicFile, LoadedFile, from_bytes, load
from cablelint.linter.cache import NO_CACHE_ENV, Cache, default_folder as default_cache_folder
from cablelint.linter.config import Config, ConfigError, load_config, names_no_rule
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.engine import PARSER, Linter
from cablelint.linter.registry import RegistryError
from cablelint.linter.runner import FileResult, lint_paths, same_file_key, settle, walk
from cablelint.linter.selection import Layer
from cablelint.reporters import Reporter, Settings, reporter
from cablelint.reporters.text import plural

# What only some runs need (--fix, --baseline) is imported where it is used: a
# pre-commit hook starts the CLI for every file.
if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from cablelint.linter.baseline import Known
    from cablelint.linter.fixer import FixOutcome, Keep

PROGRESS_MIN_FILES = 20


def fail(message: str) -> NoReturn:
    click.echo(f"cablelint: {message}", err=True)
    sys.exit(2)


def selectors(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


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


def use_color(flag: Optional[bool]) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def report_color(fmt: str, flag: Optional[bool], output_file: Optional[str]) -> bool:
    """Whether the report is coloured: only the text report, and in a report file
    (no terminal) only when --color asks for it."""
    if fmt != "text":
        return False
    if output_file is not None:
        return flag is True
    return use_color(flag)


def check_usage(
    paths: tuple[str, ...],
    stdin_filename: str,
    select: tuple[str, ...],
    fix: bool,
    diff: bool,
    write_baseline_path: Optional[str],
    fmt: str,
    statistics: bool,
    output_file: Optional[str],
    show: bool = False,
    need_paths: bool = True,
) -> None:
    """Refuse option combinations that cannot mean anything, before any work."""
    if show and (fix or diff or write_baseline_path or output_file is not None):
        # a listing lints nothing: the option would be silently dropped
        given = "--fix" if fix else "--diff" if diff else "--write-baseline" if write_baseline_path else "--output-file"
        raise click.UsageError(f"--show-files and --show-settings lint nothing, so {given} would do nothing: expected one or the other")
    if output_file is not None and (diff or write_baseline_path):
        # neither run writes a report: an empty or missing file would pass for one
        used = "--diff prints a diff" if diff else "--write-baseline records the findings"
        raise click.UsageError(f"--output-file takes the report and {used} instead of one: expected one of the two")
    if statistics and fmt != "text":
        # the other reports have fixed shapes (interfaces.md) that a table would break
        raise click.UsageError(f"--statistics adds a count per rule to the text report and the {fmt} report has no place for it: expected --format text, or no --statistics")
    if stdin_filename != "-" and "-" not in paths:
        raise click.UsageError("--stdin-filename names the cable read from standard input: expected - among the paths")
    if not paths and need_paths:
        raise click.UsageError("no paths given: name cable files or folders, or - for standard input")
    if write_baseline_path and (fix or diff):
        # the baseline records the findings as they are; fixing first would record others
        raise click.UsageError(f"--write-baseline records the findings as they are and fixes nothing: run it without {'--fix' if fix else '--diff'} (fix first, then record)")
    if select and not selectors(select):
        raise click.UsageError(names_no_rule("--select"))


@dataclass(frozen=True)
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
    check_usage(paths, stdin_filename, select, fix, diff, write_baseline_path, fmt, statistics, output_file, show=show_files or show_settings, need_paths=not (show_settings and not show_files))
    no_cache = no_cache or env_flag(NO_CACHE_ENV)
    config, linter = make_linter(config_path, dialect, line_length, select, ignore, extend_select, strict)
    if show_settings:
        from cablelint.cli_show import show_settings as print_settings

        print_settings(linter, None if no_cache else Path(cache_dir) if cache_dir else default_cache_folder(config))
    files = files_to_lint(paths, config, force_exclude, stdin_filename, quiet, output_file) if paths else []
    stdin = Stdin(stdin_filename)
    if show_files:
        from cablelint.cli_show import show_files as print_files

        print_files([stdin.display if f == "-" else f for f in report_order(files, stdin)])
    if show_files or show_settings:
        return 0
    if (fix and not diff) and "-" in paths and "-" not in files:
        stdin.hand_back(None)  # standard input excluded by --force-exclude: given back as it came
    # --fix and --diff need each file's text and fresh fixes: they lint everything
    cache = None if no_cache or fix or diff else open_cache(linter, cache_dir)
    jobs = jobs or os.cpu_count() or 1
    progress = not no_progress and not quiet
    if write_baseline_path:
        recorder = Recorder(write_baseline_path)
        lint(linter, files, jobs, stdin, progress, recorder, cache=cache)
        recorder.write()
    known = read_known(baseline_path) if baseline_path else None

    def settings() -> Settings:
        # (after --fix -, standard output is standard error: the report goes there)
        return Settings(
            len(files),
            shown(files, stdin),
            show_source=(output_file is None and sys.stdout.isatty()) if show_source is None else show_source,
            color=report_color(fmt, color, output_file),
            statistics=statistics,
            quiet=quiet,
        )

    out = ReportOutput(output_file)
    try:
        failing_levels = ("error", "warning", "info") if strict else ("error", "warning")
        if fix or diff:
            run = Run()
            lint(linter, files, jobs, stdin, progress, run.add, digests=True)
            run.diagnostics.sort(key=Diagnostic.sort_key)
            if known is not None:
                run.diagnostics = known.new(run.diagnostics, run.source)
            # --diff writes nothing, with --fix or without
            fix_files(linter, run, files, stdin, write=not diff, exit_zero=exit_zero, quiet=quiet, fmt=fmt, baseline_path=baseline_path)
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


def files_to_lint(paths: tuple[str, ...], config: Config, force_exclude: bool, stdin_filename: str, quiet: bool, output_file: Optional[str] = None) -> list[str]:
    """The files *paths* name, folders walked; a usage error when standard input is
    shown as a file that is linted too, or when the report would overwrite one."""
    files = walk(paths, config, force_exclude, stdin_filename, empty=None if quiet else partial(no_files, config))
    if output_file is not None:
        target = same_file_key(output_file)
        if any(f != "-" and same_file_key(f) == target for f in files):
            raise click.UsageError(f"--output-file {output_file} is a file being linted: the report would replace it; expected another path for the report")
    if "-" in files and stdin_filename != "-":
        shown = same_file_key(stdin_filename)
        if any(f != "-" and same_file_key(f) == shown for f in files):
            # its findings and fixes would be taken for the file's
            raise click.UsageError(f"--stdin-filename {stdin_filename} names a file that is linted too: expected the file or - shown by its name, not both")
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


def env_flag(name: str) -> bool:
    """Whether the environment variable *name* is set to a yes (1, true, yes, on);
    a usage error when it is set to something that is neither yes nor no."""
    value = os.environ.get(name, "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("", "0", "false", "no", "off"):
        return False
    raise click.UsageError(f"{name}={os.environ[name]!r} is neither yes nor no: expected 1 (or true, yes, on) or 0 (or false, no, off)")


def open_cache(linter: Linter, cache_dir: Optional[str]) -> Optional[Cache]:
    """The result cache for the linter's settings (None: its rules cannot be vouched for)."""
    folder = Path(cache_dir) if cache_dir else default_cache_folder(linter.config)
    return Cache.open(folder, linter)


def shown(files: list[str], stdin: Stdin) -> list[str]:
    """*files* as the findings show them: standard input by its --stdin-filename."""
    return [stdin.display if f == "-" else f for f in files]


def report_order(files: list[str], stdin: Stdin) -> list[str]:
    """*files* in the order the report lists their findings: by the path each is
    shown by (:meth:`Diagnostic.sort_key`). The order they were named in can differ
    (arguments come as given, and a folder is walked its files first, then its
    subfolders: ``x/b.cable`` before ``x/a/c.cable``): the files are linted in this
    order, so that each file's findings can be written as soon as it is done."""
    return sorted(files, key=lambda f: stdin.display if f == "-" else f)


class ReportOutput:
    """Where the report goes as it is written: standard output, or *output_file*,
    replaced whole at the end (its folders made as needed, for CI's ``-o
    reports/cablelint.sarif``): until :meth:`close`, the report is a temporary file
    beside it, so a run that fails half-way leaves the last report in place, never
    a part of this one. On a terminal only whole lines are written (a JSON report's
    elements end mid-line), and while the progress bar is drawn there too, it is
    taken off before them and drawn again after."""

    def __init__(self, output_file: Optional[str]) -> None:
        self.output_file = output_file
        self.file: Optional[AtomicFile] = None
        self.bar: Optional[ProgressBar[Any]] = None
        self.pending = ""  # on a terminal, the start of a line not yet written
        self.terminal = output_file is None and sys.stdout.isatty()
        if output_file is None:
            return
        folder = Path(output_file).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.file = AtomicFile(output_file)
        except FileExistsError:  # (mkdir: a file where a folder is expected)
            fail(f"cannot write the report to {output_file}: {folder} is a file, not a folder")
        except OSError as exc:
            self.failed(exc)

    def failed(self, exc: OSError) -> NoReturn:
        self.discard()
        fail(f"cannot write the report to {self.output_file}: {exc.strerror or exc}")

    def watch(self, bar: Optional[ProgressBar[Any]]) -> None:
        """Write around *bar* (None: it is done) if it shares standard output's terminal."""
        self.bar = bar if bar is not None and self.terminal else None

    def write(self, text: str) -> None:
        if self.file is not None:
            try:
                self.file.write(text)
            except OSError as exc:
                self.failed(exc)
            return
        text, self.pending = self.pending + text, ""
        if self.terminal:  # (the bar would be drawn over the start of a line)
            cut = text.rfind("\n") + 1
            text, self.pending = text[:cut], text[cut:]
        if not text:
            return
        if self.bar is None:
            sys.stdout.write(text)
            return
        sys.stderr.write("\r" + " " * (self.bar.max_width or 0) + "\r")
        sys.stderr.flush()
        sys.stdout.write(text)
        sys.stdout.flush()
        sys.stderr.write("\r" + self.bar.format_progress_line())
        sys.stderr.flush()

    def close(self) -> None:
        """The report is whole: put it in place."""
        self.bar = None
        if self.pending:
            sys.stdout.write(self.pending)
            self.pending = ""
        if self.file is not None:
            try:
                self.file.commit()
            except OSError as exc:
                self.failed(exc)
            self.file = None

    def discard(self) -> None:
        """The run failed: leave the last report as it was."""
        if self.file is not None:
            self.file.discard()
            self.file = None


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


class Streamed:
    """The report written as the files come: each file's findings, sorted, less
    those the baseline (*known*) records, handed to the reporter with the file's
    text when it needs it; the text is dropped then. Notes whether a finding at one
    of the *failing* levels was reported."""

    def __init__(self, writer: Reporter, out: ReportOutput, known: Optional[Known], failing: tuple[str, ...]) -> None:
        self.writer = writer
        self.out = out
        self.known = known
        self.levels = failing
        self.failing = False

    def __call__(self, path: str, result: FileResult) -> None:
        self.file(path, sorted(result.diagnostics, key=Diagnostic.sort_key), lambda: result.text if result.text is not None else load(path).text)

    def file(self, path: str, found: list[Diagnostic], source: Callable[[], Optional[str]]) -> None:
        text = source() if found and (self.known is not None or self.writer.needs_text()) else None
        if self.known is not None:
            found = self.known.new(found, lambda _: text)
        self.failing = self.failing or any(d.severity in self.levels for d in found)
        self.out.write(self.writer.file(path, found, text if self.writer.needs_text() else None))

    def run(self, run: Run, files: list[str], stdin: Stdin) -> None:
        """Report what a run collected (--fix: the findings that remain, on the texts fixed)."""
        by_path: dict[str, list[Diagnostic]] = {}
        for d in run.diagnostics:
            by_path.setdefault(d.path, []).append(d)
        for path in sorted({*shown(files, stdin), *by_path}):
            self.file(path, by_path.get(path, []), partial(run.source, path))


class Recorder:
    """The baseline entries of each file's findings, counted as the files come."""

    def __init__(self, where: str) -> None:
        self.where = Path(where)
        self.counts: Counter[tuple[str, str, str]] = Counter()

    def __call__(self, path: str, result: FileResult) -> None:
        from cablelint.linter.baseline import file_keys

        if result.diagnostics:
            text = result.text if result.text is not None else load(path).text
            self.counts.update(file_keys(self.where, result.diagnostics, text))

    def write(self) -> NoReturn:
        """Record the findings in the baseline file and exit 0 (2 if it cannot be)."""
        from cablelint.linter.baseline import BaselineError, record

        try:
            n = record(self.where, self.counts)
        except BaselineError as exc:
            fail(str(exc))
        shown = "standard output" if str(self.where) == "-" else str(self.where)
        click.echo(f"Recorded {plural(n, 'finding')} in {shown}.", err=True)
        sys.exit(0)


def read_known(baseline_path: str) -> Known:
    """The findings the baseline records (exit 2 if it cannot be read)."""
    from cablelint.linter.baseline import BaselineError, Known

    try:
        return Known(Path(baseline_path))
    except BaselineError as exc:
        fail(str(exc))


def fix_files(linter: Linter, run: Run, files: list[str], stdin: Stdin, *, write: bool, exit_zero: bool, quiet: bool, fmt: str, baseline_path: Optional[str]) -> None:
    """Apply the safe fixes (or, not *write*, show them as a diff and exit): *run*
    then holds the findings that remain and the fixed texts."""
    from cablelint.linter.fixer import fix_paths

    stdin_path = stdin.display if "-" in files else None
    keep = baseline_keep(Path(baseline_path)) if baseline_path else None
    outcome = fix_paths(linter, run.diagnostics, lambda path: stdin() if path == stdin_path else load(path), write=write, stdin_path=stdin_path, keep=keep, linted=run.digests)
    run.texts.update(outcome.fixed_texts)  # the report's source lines are the fixed ones
    # with --fix -, the report goes to standard error: keep a JSON report whole
    run.diagnostics = show_fixes(outcome, not write, exit_zero, summary=not quiet and (fmt == "text" or not (write and stdin_path is not None)))
    if write and stdin_path is not None:
        stdin.hand_back(outcome.stdout_text)  # standard output carries the cable, fixed or as it came


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


def baseline_keep(file: Path) -> Keep:
    """The findings of a text as fixed so far that *file* does not account for."""

    from cablelint.linter.baseline import filter_new

    def keep(path: str, text: str, found: list[Diagnostic]) -> list[Diagnostic]:
        return filter_new(file, found, lambda _: text)

    return keep


def show_fixes(outcome: FixOutcome, diff: bool, exit_zero: bool, summary: bool = True) -> list[Diagnostic]:
    """Print what --fix did (or --diff would do); the findings that remain. No
    summary line when *summary* is off (--quiet, or a machine-readable report that
    shares standard error with it)."""
    for message in outcome.messages:
        click.echo(f"cablelint: {message}", err=True)
    n = sum(outcome.applied.values())
    fixes = f"{n} fix{'' if n == 1 else 'es'}"
    if diff:
        sys.stdout.write("".join(outcome.diffs))
        click.echo(f"{fixes} would be applied to {plural(len(outcome.diffs), 'file')}.", err=True)
        sys.exit(1 if outcome.diffs and not exit_zero else 0)
    left = sum(1 for d in outcome.diagnostics if d.severity in ("error", "warning"))
    if summary:
        click.echo(f"Applied {fixes}; {plural(left, 'finding')} at warning or error remain.", err=True)
    return outcome.diagnostics
