"""The command line: click commands that read options and hand work to the library.

No business logic lives here: the engine lints, the runner walks and parallelises,
the reporters format.
"""

from __future__ import annotations

import difflib
import errno
import io
import json
import os
import sys
import traceback
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Optional

import click

from cablelint import __version__
from cablelint.files import LoadedFile, from_bytes, load, write_atomically
from cablelint.grammar.parser import DIALECTS, parse_text
from cablelint.linter.cache import CACHE_DIR_ENV, FOLDER as CACHE_FOLDER, NO_CACHE_ENV, Cache, CacheError, clean_cache, default_folder as default_cache_folder
from cablelint.linter.config import Config, ConfigError, load_config
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.engine import PARSER, Linter
from cablelint.linter.registry import RegistryError, load_registry
from cablelint.linter.runner import lint_paths, settle, walk
from cablelint.linter.selection import Layer
from cablelint.reporters import FORMATS, Report, Reporter, reporter
from cablelint.reporters.text import plural

# What only some runs need (--fix, --baseline, the parse and rules commands) is
# imported where it is used: a pre-commit hook starts the CLI for every file.
if TYPE_CHECKING:
    from cablelint.linter.fixer import FixOutcome, Keep

PROGRESS_MIN_FILES = 20


class _DefaultGroup(click.Group):
    """A group that runs ``check`` when no subcommand is named."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version", "-V")):
            if args and not os.path.lexists(args[0]):
                close = difflib.get_close_matches(args[0], list(self.commands), n=1, cutoff=0.75)
                if close:  # `cablelint rulez`: a typo, not a cable to lint
                    raise click.UsageError(f"no command or file '{args[0]}': did you mean '{close[0]}'?", ctx)
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        """Exit status 2, never 1 (which means findings), when something goes wrong
        that is not a finding: the report cannot be written (a full disk), or a bug;
        130 when the run is interrupted."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            # 1 would read as findings; 130 is what a shell reports for Ctrl-C
            click.echo("\ncablelint: interrupted", err=True)
            raise click.exceptions.Exit(130) from None
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # the reader went away (| head): click ends the run quietly
            _fail(f"{exc.filename}: {exc.strerror or exc}" if exc.filename else f"cannot write the output: {exc.strerror or exc}")
        except Exception:
            traceback.print_exc()
            _fail("internal error (the traceback is above; please report this)")
        return None


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="cablelint")
def main() -> None:
    """cablelint: validate and lint diplomatic cables kept as plain text."""


def _fail(message: str) -> NoReturn:
    click.echo(f"cablelint: {message}", err=True)
    sys.exit(2)


def _selectors(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


class _Stdin:
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


def _use_color(flag: Optional[bool]) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True, help="Output format.")
@click.option("--select", multiple=True, help="Rules to run instead of the defaults: codes, families (H), names or ALL; comma-separated or repeated.")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the selection.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Configuration file to use instead of searching upward.")
@click.option("--dialect", type=click.Choice(DIALECTS), default=None, help="Force the rendering instead of detecting it per file.")
@click.option("--line-length", type=click.IntRange(1, 10_000), default=None, help="Longest line F005 accepts (default 69).")
@click.option("--stdin-filename", default="-", help="Path to show (and match per-file-ignores against) for standard input.")
@click.option("--force-exclude", is_flag=True, help="Skip files named on the command line that the exclude globs match, too (for pre-commit and editors).")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, allow_dash=False), default=None, help="Write the report to FILE (replaced whole, at the end of the run) instead of standard output.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when diagnostics are found.")
@click.option("--statistics", is_flag=True, help="Show how many times each rule fired (text format only).")
@click.option("-q", "--quiet", is_flag=True, help="Print diagnostics only: no summary line.")
@click.option("-j", "--jobs", type=click.IntRange(0), default=1, show_default=True, help="Lint files in N parallel processes (0: one per CPU).")
@click.option("--no-progress", is_flag=True, help="Never show a progress bar.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal, unless NO_COLOR is set).")
@click.option("--show-source/--no-show-source", default=None, help="Show the source line and a caret under each finding (default: on a terminal).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes and write the files (standard input: print the fixed text).")
@click.option("--diff", is_flag=True, help="Show the fixes as a unified diff and write nothing, even with --fix (exit 1 when there is one).")
@click.option("--strict", is_flag=True, help="Pre-submission check: the draft rules (F005) on in every dialect, and any finding, info included, fails the run.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None, help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False), default=None, help="Record the current findings in this file ('-': standard output) and exit 0.")
@click.option("--no-cache", is_flag=True, help=f"Lint every file afresh and keep no results (also: {NO_CACHE_ENV}=1). --fix, --diff and standard input never use the cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), envvar=CACHE_DIR_ENV, show_envvar=True, default=None, help=f"Folder of the result cache (default: {CACHE_FOLDER} beside the configuration file, else in the current folder).")
def check(
    paths: tuple[str, ...],
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    config_path: Optional[str],
    dialect: Optional[str],
    line_length: Optional[int],
    stdin_filename: str,
    force_exclude: bool,
    output_file: Optional[str],
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    jobs: int,
    no_progress: bool,
    color: Optional[bool],
    show_source: Optional[bool],
    fix: bool,
    diff: bool,
    strict: bool,
    baseline_path: Optional[str],
    write_baseline_path: Optional[str],
    no_cache: bool,
    cache_dir: Optional[str],
) -> None:
    """Lint cables: files, folders (walked for *.cable, *.tel, *.txt) or - for stdin."""
    _check_usage(paths, stdin_filename, select, fix, diff, write_baseline_path, fmt, statistics, output_file)
    no_cache = no_cache or _env_flag(NO_CACHE_ENV)
    config, linter = _make_linter(config_path, dialect, line_length, select, ignore, extend_select, strict)
    files = _files_to_lint(paths, config, force_exclude, stdin_filename, quiet, output_file)
    stdin = _Stdin(stdin_filename)
    if (fix and not diff) and "-" in paths and "-" not in files:
        stdin.hand_back(None)  # standard input excluded by --force-exclude: given back as it came
    # --fix and --diff need each file's text and fresh fixes: they lint everything
    cache = None if no_cache or fix or diff else _open_cache(linter, cache_dir)
    run = _lint(linter, files, jobs or os.cpu_count() or 1, stdin, progress=not no_progress and not quiet, digests=fix or diff, cache=cache)
    if write_baseline_path:
        _write_baseline(write_baseline_path, run)
    if baseline_path:
        run.diagnostics = _filter_baseline(baseline_path, run)
    if fix or diff:
        # --diff writes nothing, with --fix or without
        _fix(linter, run, files, stdin, write=not diff, exit_zero=exit_zero, quiet=quiet, fmt=fmt, baseline_path=baseline_path)
    report = Report(
        run.diagnostics,
        len(files),
        run.source,
        show_source=(output_file is None and sys.stdout.isatty()) if show_source is None else show_source,
        color=_report_color(fmt, color, output_file),
        statistics=statistics,
        quiet=quiet,
        paths=list(run.texts),
    )
    _write_report(reporter(fmt)(), report, output_file)
    _report_crashes(linter)
    if linter.crashes:
        sys.exit(2)
    failing_levels = ("error", "warning", "info") if strict else ("error", "warning")
    failing = any(d.severity in failing_levels for d in run.diagnostics)
    sys.exit(1 if failing and not exit_zero else 0)


def _report_color(fmt: str, flag: Optional[bool], output_file: Optional[str]) -> bool:
    """Whether the report is coloured: only the text report, and in a report file
    (no terminal) only when --color asks for it."""
    if fmt != "text":
        return False
    if output_file is not None:
        return flag is True
    return _use_color(flag)


def _check_usage(
    paths: tuple[str, ...],
    stdin_filename: str,
    select: tuple[str, ...],
    fix: bool,
    diff: bool,
    write_baseline_path: Optional[str],
    fmt: str,
    statistics: bool,
    output_file: Optional[str],
) -> None:
    """Refuse option combinations that cannot mean anything, before any work."""
    if output_file is not None and (diff or write_baseline_path):
        # neither run writes a report: an empty or missing file would pass for one
        used = "--diff prints a diff" if diff else "--write-baseline records the findings"
        raise click.UsageError(f"--output-file takes the report and {used} instead of one: expected one of the two")
    if statistics and fmt != "text":
        # the other reports have fixed shapes (interfaces.md) that a table would break
        raise click.UsageError(f"--statistics adds a count per rule to the text report and the {fmt} report has no place for it: expected --format text, or no --statistics")
    if stdin_filename != "-" and "-" not in paths:
        raise click.UsageError("--stdin-filename names the cable read from standard input: expected - among the paths")
    if not paths:
        raise click.UsageError("no paths given: name cable files or folders, or - for standard input")
    if write_baseline_path and (fix or diff):
        # the baseline records the findings as they are; fixing first would record others
        raise click.UsageError(f"--write-baseline records the findings as they are and fixes nothing: run it without {'--fix' if fix else '--diff'} (fix first, then record)")
    if select and not _selectors(select):
        raise click.UsageError("--select names no rule: expected codes, family prefixes, names or ALL (leave it out for the default rules)")


def _make_linter(
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
        cli = Layer(_selectors(select) if select else None, _selectors(ignore), _selectors(extend_select))
        return config, Linter(config, cli, strict=strict)
    except (ConfigError, RegistryError) as exc:
        _fail(str(exc))


def _files_to_lint(paths: tuple[str, ...], config: Config, force_exclude: bool, stdin_filename: str, quiet: bool, output_file: Optional[str] = None) -> list[str]:
    """The files *paths* name, folders walked; a usage error when standard input is
    shown as a file that is linted too, or when the report would overwrite one."""
    files = walk(paths, config, force_exclude, stdin_filename, empty=None if quiet else partial(_no_files, config))
    if output_file is not None:
        target = _same_file_key(output_file)
        if any(f != "-" and _same_file_key(f) == target for f in files):
            raise click.UsageError(f"--output-file {output_file} is a file being linted: the report would replace it; expected another path for the report")
    if "-" in files and stdin_filename != "-":
        shown = _same_file_key(stdin_filename)
        if any(f != "-" and _same_file_key(f) == shown for f in files):
            # its findings and fixes would be taken for the file's
            raise click.UsageError(f"--stdin-filename {stdin_filename} names a file that is linted too: expected the file or - shown by its name, not both")
    return files


def _same_file_key(path: str) -> str:
    """*path* as a key that two names of one file share (links, case on Windows)."""
    return os.path.normcase(os.path.realpath(path))


class _Run:
    """What linting the files gave: the findings, sorted, and per path the text
    linted (None when unreadable) and its digest, which --fix checks again."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.texts: dict[str, Optional[str]] = {}
        self.digests: dict[str, Optional[str]] = {}

    def source(self, path: str) -> Optional[str]:
        """The text of *path* as linted (or fixed), read again if it was not kept."""
        text = self.texts.get(path)
        return text if text is not None else load(path).text


def _env_flag(name: str) -> bool:
    """Whether the environment variable *name* is set to a yes (1, true, yes, on);
    a usage error when it is set to something that is neither yes nor no."""
    value = os.environ.get(name, "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("", "0", "false", "no", "off"):
        return False
    raise click.UsageError(f"{name}={os.environ[name]!r} is neither yes nor no: expected 1 (or true, yes, on) or 0 (or false, no, off)")


def _open_cache(linter: Linter, cache_dir: Optional[str]) -> Optional[Cache]:
    """The result cache for the linter's settings (None: its rules cannot be vouched for)."""
    folder = Path(cache_dir) if cache_dir else default_cache_folder(linter.config)
    return Cache.open(folder, linter)


def _lint(linter: Linter, files: list[str], jobs: int, stdin: _Stdin, progress: bool, digests: bool = False, cache: Optional[Cache] = None) -> _Run:
    """Lint *files* in *jobs* processes, with a progress bar on a terminal when
    there are many and *progress* allows it; with the texts' *digests* when they
    are to be fixed. With a *cache*, files it holds are not linted again, and it is
    saved with the new results at the end."""
    run = _Run()
    # settled before the first file is linted (the --jobs workers inherit it); a run
    # answered wholly from the cache does not need the parser at all
    results = lint_paths(linter, files, jobs, stdin, digests=digests, cache=cache, ready=settle)
    progress = progress and len(files) >= PROGRESS_MIN_FILES and sys.stderr.isatty()
    shown = click.progressbar(results, length=len(files), label="Linting", file=sys.stderr) if progress else nullcontext(results)
    with shown as items:
        for path, result in items:
            run.diagnostics.extend(result.diagnostics)
            run.texts[path] = result.text
            run.digests[path] = result.digest
    if cache is not None:
        cache.save()
    run.diagnostics.sort(key=Diagnostic.sort_key)
    return run


def _write_report(writer: Reporter, report: Report, output_file: Optional[str]) -> None:
    """Write the report to standard output, or whole to *output_file* (its folders
    made as needed, for CI's ``-o reports/cablelint.sarif``): a run that fails
    half-way leaves the last report in place, never a part of this one."""
    if output_file is None:
        writer.write(report, sys.stdout)
        return
    buffer = io.StringIO()
    writer.write(report, buffer)
    folder = Path(output_file).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(output_file, buffer.getvalue())
    except FileExistsError:  # (mkdir: a file where a folder is expected)
        _fail(f"cannot write the report to {output_file}: {folder} is a file, not a folder")
    except OSError as exc:
        _fail(f"cannot write the report to {output_file}: {exc.strerror or exc}")


def _write_baseline(where: str, run: _Run) -> NoReturn:
    """Record the findings in the baseline file *where* and exit 0 (2 if it cannot be)."""
    from cablelint.linter.baseline import BaselineError, write_baseline

    try:
        n = write_baseline(Path(where), run.diagnostics, run.source)
    except BaselineError as exc:
        _fail(str(exc))
    shown = "standard output" if where == "-" else where
    click.echo(f"Recorded {plural(n, 'finding')} in {shown}.", err=True)
    sys.exit(0)


def _filter_baseline(baseline_path: str, run: _Run) -> list[Diagnostic]:
    """The findings the baseline does not record (exit 2 if it cannot be read)."""
    from cablelint.linter.baseline import BaselineError, filter_new

    try:
        return filter_new(Path(baseline_path), run.diagnostics, run.source)
    except BaselineError as exc:
        _fail(str(exc))


def _fix(linter: Linter, run: _Run, files: list[str], stdin: _Stdin, *, write: bool, exit_zero: bool, quiet: bool, fmt: str, baseline_path: Optional[str]) -> None:
    """Apply the safe fixes (or, not *write*, show them as a diff and exit): *run*
    then holds the findings that remain and the fixed texts."""
    from cablelint.linter.fixer import fix_paths

    stdin_path = stdin.display if "-" in files else None
    keep = _baseline_keep(Path(baseline_path)) if baseline_path else None
    outcome = fix_paths(linter, run.diagnostics, lambda path: stdin() if path == stdin_path else load(path), write=write, stdin_path=stdin_path, keep=keep, linted=run.digests)
    run.texts.update(outcome.fixed_texts)  # the report's source lines are the fixed ones
    # with --fix -, the report goes to standard error: keep a JSON report whole
    run.diagnostics = _show_fixes(outcome, not write, exit_zero, summary=not quiet and (fmt == "text" or not (write and stdin_path is not None)))
    if write and stdin_path is not None:
        stdin.hand_back(outcome.stdout_text)  # standard output carries the cable, fixed or as it came


def _no_files(config: Config, folder: str) -> None:
    """Say that a folder held nothing to lint: a wrong path or include glob would
    otherwise pass as "All clean"."""
    where = f" outside exclude ({', '.join(config.exclude)})" if config.exclude else ""
    click.echo(f"cablelint: warning: no files to lint in {folder}: none matches include ({', '.join(config.include)}){where}", err=True)


def _report_crashes(linter: Linter) -> None:
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


def _baseline_keep(file: Path) -> Keep:
    """The findings of a text as fixed so far that *file* does not account for."""

    from cablelint.linter.baseline import filter_new

    def keep(path: str, text: str, found: list[Diagnostic]) -> list[Diagnostic]:
        return filter_new(file, found, lambda _: text)

    return keep


def _show_fixes(outcome: FixOutcome, diff: bool, exit_zero: bool, summary: bool = True) -> list[Diagnostic]:
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


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--dialect", type=click.Choice(DIALECTS), default=None, help="Force the rendering instead of detecting it.")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True, help="Output format.")
@click.option("--stdin-filename", default="-", help="Path to show for a cable read from standard input.")
def parse(paths: tuple[str, ...], dialect: Optional[str], fmt: str, stdin_filename: str) -> None:
    """Print the parsed model of cables as JSON (one object, or an array for several)."""
    from cablelint.serialize import cable_to_json

    if paths.count("-") > 1:
        raise click.UsageError("standard input is named twice: expected - at most once")
    out = []
    for path in paths:
        loaded = _Stdin(stdin_filename)() if path == "-" else load(path)
        if loaded.text is None:
            _fail(f"{loaded.path}: cannot read the file: {loaded.error}")
            return
        out.append(cable_to_json(parse_text(loaded.text, dialect)))
    click.echo(json.dumps(out[0] if len(out) == 1 else out, indent=2, ensure_ascii=False))


@main.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Configuration file whose folder holds the cache, instead of searching upward.")
@click.option("--cache-dir", type=click.Path(file_okay=False), envvar=CACHE_DIR_ENV, show_envvar=True, default=None, help=f"The cache folder to remove (default: {CACHE_FOLDER} beside the configuration file, else in the current folder).")
def clean(config_path: Optional[str], cache_dir: Optional[str]) -> None:
    """Remove the result cache of `check` (the folder and everything in it)."""
    try:
        folder = Path(cache_dir) if cache_dir else default_cache_folder(load_config(config_path))
        removed = clean_cache(folder)
    except (ConfigError, CacheError) as exc:
        _fail(str(exc))
    click.echo(f"Removed {folder}." if removed else f"No cache to remove at {folder}.", err=True)


def _registry():  # type: ignore[no-untyped-def]
    try:
        return load_registry()
    except RegistryError as exc:
        _fail(str(exc))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List every rule: code, name, default severity and state, fixable, dialects."""
    from cablelint.linter.ruledoc import rule_json, rules_markdown, rules_table

    registry = _registry()
    if fmt == "json":
        click.echo(json.dumps([rule_json(r) for r in registry.rules], indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(rules_markdown(registry), nl=False)
    else:
        click.echo(rules_table(registry), nl=False)


@main.command()
@click.argument("key", metavar="CODE|NAME")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rule(key: str, fmt: str) -> None:
    """Explain one rule: what it checks, why, a bad and a good example, and its fix."""
    from cablelint.linter.ruledoc import rule_json, rule_text

    found = _registry().lookup(key)
    if found is None:
        _fail(f"no rule '{key}': expected a code like H005 or a name like missing-tags-line (see `cablelint rules`)")
        return
    if fmt == "json":
        click.echo(json.dumps(rule_json(found), indent=2, ensure_ascii=False))
    else:
        click.echo(rule_text(found), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
