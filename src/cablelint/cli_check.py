"""What ``cablelint check`` does between reading its options and exiting: the steps
of a run (:func:`run_check`), the lint itself (the cache, --jobs, the progress bar)
and the exit status. The options are checked and set up as a run (configuration,
linter, baseline, files) by :mod:`cablelint.cli_options`, the report is written by
:mod:`cablelint.cli_output`, the fixes and the baseline are applied by
:mod:`cablelint.cli_fixes`; the click command in :mod:`cablelint.cli` calls
:func:`run_check`, and the work itself is the library's (engine, runner, fixer,
reporters).
"""

from __future__ import annotations

import os
import shutil
import sys
from contextlib import nullcontext
from functools import partial
from typing import TYPE_CHECKING, Callable, NoReturn, Optional, Sequence

import click

from cablelint import files
from cablelint.cli_options import CheckOptions, Plan, plan_run
from cablelint.cli_output import ReportOutput, Streamed, dumb_terminal, narrow_encoding, report_color, report_order, shown
from cablelint.files import MAX_BYTES, LoadedFile, from_bytes, load, too_large
from cablelint.linter.config import ConfigSearches
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.engine import PARSER, Crash, Linter, crash_message
from cablelint.linter.runner import FileResult, lint_paths, settle
from cablelint.quote import plural
from cablelint.reporters import Reporter, Settings, reporter

if TYPE_CHECKING:
    from cablelint.linter.baseline import Known

PROGRESS_MIN_FILES = 20
# what --fix - passes through at a time of a standard input too large to read
STDIN_CHUNK = 1 << 16
# the progress bar's width, and the columns of what is drawn beside it: its label,
# brackets, percentage and time left ("Linting  [", "]  ", "100%", "  1d 02:03:04")
PROGRESS_WIDTH, PROGRESS_TEXT, PROGRESS_MIN_WIDTH = 36, 7 + 3 + 3 + 4 + 2 + 11, 8


class Stdin:
    """Standard input, read once however often it is asked for: the loaded cable
    (call the object) and the bytes as they came (``data``). Like a file, it is read
    up to the limit (files.MAX_BYTES) and a byte, no further: past it, F000 says so
    and nothing more is kept. With *hands_back* (``--fix -``, which prints the cable
    it could not read as it came) the bytes past the limit are left on standard
    input and passed through to standard output when it is handed back."""

    def __init__(self, display: str, hands_back: bool = False) -> None:
        self.display = display
        self.hands_back = hands_back
        self._loaded: Optional[LoadedFile] = None
        self.data = b""
        self._more = False  # bytes past ``data`` left unread on standard input (hands_back)

    def __call__(self) -> LoadedFile:
        if self._loaded is None and sys.stdin is None:  # (started with 0<&-: unreadable, F000)
            self._loaded = LoadedFile(self.display, None, "standard input is closed")
        if self._loaded is None:
            stream = sys.stdin.buffer
            if not self.hands_back:
                read = files.read_limited(stream)  # (as a file: a redirected one measured, not read)
                self._loaded = LoadedFile(self.display, None, read) if isinstance(read, str) else from_bytes(self.display, read)
                self.data = read if isinstance(read, bytes) else b""
                return self._loaded
            size = files.regular_size(stream)
            if size is not None and size > MAX_BYTES:  # measured: none of it read here
                self._more = True
                self._loaded = LoadedFile(self.display, None, too_large(size))
                return self._loaded
            self.data = stream.read(MAX_BYTES + 1)
            if len(self.data) > MAX_BYTES:
                self._more = True
                self._loaded = LoadedFile(self.display, None, too_large(None))
            else:
                self._loaded = from_bytes(self.display, self.data)
        return self._loaded

    def output(self, fixed: Optional[str]) -> bytes:
        """What ``--fix`` prints for standard input: the fixed text (with the BOM it
        came with), or, when nothing was fixed, the bytes exactly as they came (those
        read: :meth:`hand_back` passes the rest through)."""
        loaded = self()
        if fixed is None:
            return self.data
        return ("\ufeff" if loaded.bom else "").encode("utf-8") + fixed.encode("utf-8")

    def hand_back(self, fixed: Optional[str]) -> None:
        """Write the cable to standard output (see :meth:`output`), and the bytes of
        one too large to read, which were left on standard input, after it as they
        come; what is printed after it, the report, goes to standard error."""
        sys.stdout.flush()
        sys.stdout.buffer.write(self.output(fixed))
        if self._more and fixed is None:
            shutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer, STDIN_CHUNK)
        sys.stdout.flush()
        sys.stdout = sys.stderr


def run_check(options: CheckOptions, searches: Optional[ConfigSearches] = None) -> int:
    """One ``cablelint check`` run: lint, report, and return the exit status (0
    clean, 1 findings, 2 a rule crashed); the configuration found through
    *searches* when given (``--watch``'s, kept from round to round). What cannot be run at all still ends the
    process (:func:`cablelint.cli_output.fail`, a usage error): a wrong
    configuration, an unreadable baseline; so do --write-baseline and --diff, which
    end with their own status."""
    stdin = Stdin(options.stdin_filename, hands_back=options.fix and not options.diff)
    plan = plan_run(options, stdin, searches)  # the options, configuration, baseline and files checked
    if plan is None:
        return 0  # (--show-files, --show-settings: listed, nothing linted)
    if options.fix and not options.diff and "-" in options.paths and "-" not in plan.files:
        stdin.hand_back(None)  # standard input excluded by --force-exclude: given back as it came
    if options.write_baseline_path:
        record_baseline(plan, options.write_baseline_path, stdin)
    out = ReportOutput(options.output_file, utf8=options.fmt == "junit")  # (its XML says UTF-8)
    try:
        report = fix_and_report(plan, stdin, out) if options.fix or options.diff else lint_and_report(plan, stdin, out)
        out.close()
    finally:
        out.discard()
    report_crashes(plan.linter)
    note_stale_baseline(plan, stdin)
    if plan.linter.crashes:
        return 2
    return 1 if report.failing and not options.exit_zero else 0


def note_stale_baseline(plan: Plan, stdin: Stdin) -> None:
    """With --baseline, say on standard error how many recorded findings no longer
    occur (a note: it never fails the run; --quiet drops it), or, warned even with
    --quiet, that the baseline hides nothing: not one file it records is found."""
    o, linter = plan.options, plan.linter
    if plan.known is None:
        return
    if warn_lost_baseline(plan.known, o.baseline_path):
        return
    if o.quiet:
        return

    def runs(path: str, code: str) -> bool:
        return linter.enabled(code) and not (linter.per_file and code in linter.ignored_in(path))

    stale, where = plan.known.stale(shown(plan.files, stdin), runs)
    if stale:
        occur, them = ("occurs", "it") if stale == 1 else ("occur", "them")
        click.echo(
            f"cablelint: note: {plural(stale, 'finding')} recorded in {o.baseline_path} no longer {occur}"
            f" ({plural(where, 'file')}): write the baseline again (--write-baseline) to drop {them}",
            err=True,
        )


def warn_lost_baseline(known: Known, named: Optional[str]) -> bool:
    """Warn, even with --quiet, when the baseline *known* (read from *named*) hides
    nothing because not one file it records is found relative to its base (one
    written to standard output before "relative_to", saved in another folder);
    whether it did."""
    lost = known.lost()
    if not lost:
        return False
    base = "the project's root" if known.project else "its folder"
    n = len(lost)
    names = ", ".join(lost[:3]) + (f" and {n - 3} more" if n > 3 else "")
    click.echo(
        f"cablelint: warning: {named} records {plural(n, 'file')} ({names}) and {'it is not' if n == 1 else 'none is'} found"
        f" relative to {base} ({known.base}), so it hides no finding: expected its paths relative to {base}; write it again with --write-baseline",
        err=True,
    )
    return True


def record_baseline(plan: Plan, where: str, stdin: Stdin) -> NoReturn:
    """--write-baseline: lint, record the findings in the baseline *where*, and exit."""
    # (what only some runs need, --fix and the baselines, is imported where it is
    # used: a pre-commit hook starts the CLI for every file)
    from cablelint.cli_fixes import Recorder

    recorder = Recorder(where, plan.real_paths, plan.linter.config.root)
    lint(plan, stdin, recorder)
    recorder.write()


def lint_and_report(plan: Plan, stdin: Stdin, out: ReportOutput) -> Streamed:
    """Lint the files and write each one's findings as it is done (its text is
    dropped then)."""
    writer = reporter(plan.options.fmt)(report_settings(plan, stdin))
    report = Streamed(writer, out, plan.known, plan.failing)
    out.write(writer.begin())
    first = len(plan.linter.crashes)
    lint(plan, stdin, report, out=out)
    tell_crashes(writer, plan.linter.crashes[first:])
    out.write(writer.end())
    return report


def fix_and_report(plan: Plan, stdin: Stdin, out: ReportOutput) -> Streamed:
    """Lint every file and apply the safe fixes (--fix), or print them as a diff and
    exit (--diff, which writes nothing, with --fix or without); then report the
    findings that remain, on the fixed texts."""
    from cablelint.cli_fixes import fix_files

    o = plan.options
    run = Run()
    first = len(plan.linter.crashes)
    lint(plan, stdin, run.add, digests=True)
    run.diagnostics.sort(key=Diagnostic.sort_key)
    if plan.known is not None:
        run.diagnostics = plan.known.new(run.diagnostics, run.source)
    fix_files(plan.linter, run, plan.files, stdin, write=not o.diff, exit_zero=o.exit_zero, quiet=o.quiet, fmt=o.fmt, known=plan.known, failing=plan.failing)
    writer = reporter(o.fmt)(report_settings(plan, stdin))
    report = Streamed(writer, out, None, plan.failing)
    out.write(writer.begin())
    report.run(run, plan.files, stdin)
    tell_crashes(writer, plan.linter.crashes[first:])
    out.write(writer.end())
    return report


def tell_crashes(writer: Reporter, crashes: Sequence[Crash]) -> None:
    """Tell the report which files the parser failed on, and which others a rule
    failed on, with the first error of each (these crashes are told on standard
    error after the report)."""
    unlinted: dict[str, str] = {}
    rule_failed: dict[str, str] = {}
    for crash in crashes:
        if crash.code == PARSER:
            unlinted.setdefault(crash.path, crash.error)
    for crash in crashes:
        if crash.path not in unlinted:
            rule_failed.setdefault(crash.path, f"rule {crash.code}: {crash.error}")
    writer.crashed(unlinted, rule_failed)


def report_settings(plan: Plan, stdin: Stdin) -> Settings:
    """How the report is written, asked when it begins: after --fix -, standard
    output is standard error (the fixed cable went to standard output)."""
    o = plan.options
    return Settings(
        len(plan.files),
        shown(plan.files, stdin),
        show_source=(o.output_file is None and sys.stdout.isatty()) if o.show_source is None else o.show_source,
        color=report_color(o.fmt, o.color, o.output_file),
        statistics=o.statistics,
        quiet=o.quiet or not plan.files,  # (no file checked: no "All clean: 0 files checked"; the walk said why)
        failing=plan.failing,
        encoding=None if o.output_file is not None else narrow_encoding(sys.stdout),  # (a report file is UTF-8)
    )


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


def lint(plan: Plan, stdin: Stdin, each: Callable[[str, FileResult], None], digests: bool = False, out: Optional[ReportOutput] = None) -> None:
    """Lint the plan's files in its processes, in the report's order, handing each
    result to *each* as the file is done; with a progress bar on a terminal when
    there are many and the plan allows it (*out* writes around it); with the texts'
    *digests* when they are to be fixed. With the plan's cache, files it holds are
    not linted again, and it is saved with the new results at the end. The crashes
    of rules are listed as if the files had been linted in the order named."""
    from cablelint.cli import FROZEN_IMPORTS

    linter, files, cache = plan.linter, plan.files, plan.cache
    first = len(linter.crashes)
    # settled before the first file is linted, the collector frozen only in the
    # script's own process (the --jobs workers settle and freeze themselves, as
    # cablelint owns them); a run answered wholly from the cache does not need the
    # parser at all
    ready = partial(settle, freeze=FROZEN_IMPORTS)
    results = lint_paths(linter, report_order(files, stdin), plan.jobs, stdin, digests=digests, cache=cache, ready=ready)
    width = progress_width() if plan.progress and len(files) >= PROGRESS_MIN_FILES and sys.stderr.isatty() and not dumb_terminal() else 0
    bar = click.progressbar(results, length=len(files), label="Linting", file=sys.stderr, width=width) if width else None
    with bar if bar is not None else nullcontext(results) as items:
        if out is not None:
            out.watch(bar)
        try:
            for path, result in items:
                each(path, result)
        except BrokenPipeError:
            # the reader went away (| head): the results so far are kept, as they
            # were when the report was written after the whole run, and the files
            # not yet begun are left (the --jobs workers stop after those they hold)
            results.close()
            if cache is not None:
                cache.save()
            raise
    if out is not None:
        out.watch(None)
    if cache is not None:
        cache.save()
    rank = {path: i for i, path in enumerate(shown(files, stdin))}
    linter.crashes[first:] = sorted(linter.crashes[first:], key=lambda crash: rank.get(crash.path, len(rank)))


def progress_width() -> int:
    """The width of the progress bar on standard error's terminal: narrower where
    the whole line would not fit (a line longer than the terminal wraps, and each
    redraw, which goes back to the start of the last row only, leaves a row behind),
    and 0, no bar, where it would be narrower than PROGRESS_MIN_WIDTH."""
    try:
        columns = os.get_terminal_size(sys.stderr.fileno()).columns
    except (AttributeError, ValueError, OSError):  # (not a file's stream: as for standard output)
        import shutil

        columns = shutil.get_terminal_size().columns
    if os.environ.get("COLUMNS", "").isdigit():  # (honoured, as click and shutil do)
        columns = int(os.environ["COLUMNS"])
    width = min(PROGRESS_WIDTH, columns - 1 - PROGRESS_TEXT)
    return width if width >= PROGRESS_MIN_WIDTH else 0


def report_crashes(linter: Linter) -> None:
    """One line for each rule bug, however many files it struck (the --fix re-lint
    repeats them), naming the plugin a rule came from. A bug is told by its rule and
    its error with the figures aside (a span outside the text gives each file's
    offsets and size): the first file's error is shown, and said when the others'
    figures differ."""
    import re

    paths: dict[tuple[str, str], list[str]] = {}
    errors: dict[tuple[str, str], list[str]] = {}
    for crash in linter.crashes:
        key = (crash.code, re.sub("[0-9]+", "#", crash.error))
        seen = paths.setdefault(key, [])
        if crash.path not in seen:
            seen.append(crash.path)
        told = errors.setdefault(key, [])
        if crash.error not in told:
            told.append(crash.error)
    for key, where in paths.items():
        code, error = key[0], errors[key][0]
        more = f" and {plural(len(where) - 1, 'other file')}" if len(where) > 1 else ""
        if len(errors[key]) > 1:
            more += " (with other figures there)"
        click.echo(crash_message(code, linter.registry.origin(code), f"{where[0]}{more}", error), err=True)


