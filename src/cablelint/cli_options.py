"""The options of ``cablelint check`` and the run they set up, before any file is
linted: the options as click read them (:class:`CheckOptions`); the usage checks
made before any work (options refused together, a selection naming no rule, an
environment flag that is neither yes nor no); the configuration and the linter it
sets up, the baseline read and the files to lint (:func:`plan_run`); standard input
shown as a file that is linted too, and the safety of the output targets (a report
or baseline written over a file the run reads, or where a folder's walk lints it).
Each refusal is a usage error (exit 2) that says what was given and what was
expected.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from typing import TYPE_CHECKING, Optional, Sequence

import click
from click.core import ParameterSource

from cablelint.cli_output import fail, is_report, redirected, report_order, shown
from cablelint.files import path_text
from cablelint.linter import CACHE_DIR_ENV, NO_CACHE_ENV
from cablelint.linter.config import Config, ConfigError, ConfigSearches, command_line_excludes, load_config, names_no_rule
from cablelint.linter.engine import Linter
from cablelint.linter.registry import RegistryError
from cablelint.linter.rule import SEVERITIES
from cablelint.linter.runner import enters, excluded, lints, same_file, same_file_key, walk
from cablelint.linter.selection import Layer
from cablelint.records import record
from cablelint.reporters.base import FAILING

if TYPE_CHECKING:
    from cablelint.cli_check import Stdin
    from cablelint.linter.baseline import Known
    from cablelint.linter.cache import Cache


@record
class CheckOptions:
    """The options of ``cablelint check`` as click read them (its parameters'
    names), for :func:`cablelint.cli_check.run_check`: once, or once a round with
    --watch."""

    paths: tuple[str, ...]
    fmt: str
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    extend_select: tuple[str, ...]
    config_path: Optional[str]
    dialect: Optional[str]
    line_length: Optional[int]
    stdin_filename: str
    exclude: tuple[str, ...]
    extend_exclude: tuple[str, ...]
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


class Plan:
    """A check run as its options set it up, before any file is linted: the
    *linter* (its configuration as ``linter.config``), the findings the baseline
    records (*known*), the *files* to lint in the order named, the result *cache*
    (None: off, or a run that fixes and lints everything afresh), the processes
    (*jobs*), whether a progress bar may be drawn, and the levels that fail the run;
    *real_paths*, the real path of each file the walk found (the keys of the cache
    and of the baseline)."""

    __slots__ = ("options", "linter", "known", "files", "real_paths", "cache", "jobs", "progress", "failing")

    def __init__(self, options: CheckOptions, linter: Linter, known: Optional[Known], files: list[str], cache: Optional[Cache], real_paths: Optional[dict[str, str]] = None) -> None:
        self.options = options
        self.linter = linter
        self.known = known
        self.files = files
        self.real_paths = {} if real_paths is None else real_paths
        self.cache = cache
        self.jobs = options.jobs or os.cpu_count() or 1
        self.progress = not options.no_progress and not options.quiet
        self.failing = SEVERITIES if options.strict else FAILING


def plan_run(options: CheckOptions, stdin: Stdin, searches: Optional[ConfigSearches] = None) -> Optional[Plan]:
    """Set up the run *options* ask for: the options checked together, the
    configuration (found through *searches*, when given: see make_linter) and linter, the baseline read, the files found and the outputs
    checked against them. What is wrong ends the run here (exit 2), before a file is
    linted. None when the run is a listing (--show-settings, printed before the
    walk, whose warnings follow it; --show-files), which lints nothing."""
    o = options
    check_usage(o)
    no_cache = env_flag(NO_CACHE_ENV) or o.no_cache  # (a bad value is an error, --no-cache or not)
    linter = make_linter(o, searches)
    config = linter.config
    known: Optional[Known] = None
    if o.baseline_path and not (o.show_files or o.show_settings or o.write_baseline_path):
        from cablelint.cli_fixes import read_known

        known = read_known(o.baseline_path, config.root)  # (before the walk: a wrong path fails at once)
    if o.show_settings:
        from cablelint.cli_show import show_settings

        show_settings(linter, None if no_cache else cache_folder(config, o.cache_dir))
    real_paths: dict[str, str] = {}  # (each file's, found by the walk: the cache's and the baseline's keys)
    files = files_to_lint(o.paths, config, o.force_exclude, o.stdin_filename, o.quiet, real_paths) if o.paths else []
    refuse_stdin_shown_as_linted(files, o.stdin_filename)
    refuse_overwrite(o.paths, files, config, o.output_file, o.write_baseline_path, o.baseline_path, real_paths)
    if o.show_files:
        from cablelint.cli_show import show_files

        show_files(shown(report_order(files, stdin), stdin))
    if o.show_files or o.show_settings:
        return None
    # --fix and --diff need each file's text and fresh fixes: they lint everything
    cache = None if no_cache or o.fix or o.diff else _open_cache(cache_folder(config, o.cache_dir), linter, real_paths)
    if known is not None:
        known.real_paths = real_paths
    return Plan(o, linter, known, files, cache, real_paths)


def make_linter(options: CheckOptions, searches: Optional[ConfigSearches] = None) -> Linter:
    """The linter set up by the configuration found (through *searches*, when
    given: ``check --watch``'s, kept from round to round) or named, with the
    command line over it; exit 2 when either is wrong."""
    o = options
    try:
        config = load_config(o.config_path, searches=searches).merged(dialect=o.dialect, line_length=o.line_length)
        config = command_line_excludes(config, o.exclude, o.extend_exclude)
        cli = Layer(selectors(o.select) if o.select else None, selectors(o.ignore), selectors(o.extend_select))
        # standard output is the report's: what a plugin prints goes to standard error
        return Linter(config, cli, strict=o.strict, prints_to=sys.stderr)
    except (ConfigError, RegistryError) as exc:
        fail(str(exc))


def _import_cache() -> None:
    """Import the result cache's module where a run uses it (one without the cache,
    --no-cache, CABLELINT_NO_CACHE or --fix, does without it: 1.2M instructions), as
    the CLI's own modules are imported (:func:`cablelint.cli.settled_import`)."""
    from cablelint.cli import settled_import

    settled_import("cablelint.linter.cache")


def _open_cache(folder: str, linter: Linter, real_paths: dict[str, str]) -> Optional[Cache]:
    """The result cache in *folder*; exit 2 when the folder holds files that are not
    cablelint's (--cache-dir naming the project, say): cablelint writes nothing among
    them and prunes nothing there, and says so before linting."""
    _import_cache()
    from cablelint.linter.cache import Cache, foreign

    names = foreign(folder)
    if names:
        ctx = click.get_current_context(silent=True)
        source = ctx.get_parameter_source("cache_dir") if ctx is not None else None
        how = f"{CACHE_DIR_ENV}={folder}" if source is ParameterSource.ENVIRONMENT else f"--cache-dir {folder}" if source is ParameterSource.COMMANDLINE else folder
        fail(
            f"the cache folder ({how}) holds files that are not cablelint's ({', '.join(names[:3])}{f' and {len(names) - 3} more' if len(names) > 3 else ''}): "
            "expected a folder for the cache alone, one that does not exist yet, an empty one or a cablelint cache (or --no-cache)"
        )
    return Cache.open(folder, linter, real_paths)


def cache_folder(config: Config, cache_dir: Optional[str]) -> str:
    """The folder of the result cache: --cache-dir, else beside the configuration."""
    _import_cache()
    from cablelint.linter.cache import default_folder

    return path_text(cache_dir) if cache_dir else default_folder(config)


def files_to_lint(
    paths: tuple[str, ...], config: Config, force_exclude: bool, stdin_filename: str, quiet: bool, keys: Optional[dict[str, str]] = None
) -> list[str]:
    """The files *paths* name, folders walked, less the file standard output or
    standard error is redirected to; *keys* gets each one's real path (see
    :func:`walk`)."""
    files = walk(paths, config, force_exclude, stdin_filename, empty=None if quiet else partial(no_files, config), keys=keys)
    if not files and force_exclude and not quiet:
        all_excluded(paths, config, stdin_filename)
    report = redirected()
    if report:
        named = set(paths)
        for path in [f for f in files if f != "-" and is_report(f, report)]:
            files.remove(path)
            if path in named:
                click.echo(f"cablelint: warning: not linting {path}: the report is being written to it", err=True)
    return files


def no_files(config: Config, folder: str) -> None:
    """Say that a folder held nothing to lint: a wrong path or include glob would
    otherwise pass as "All clean". The globs looked for, and where they are set (the
    configuration file in force, or none: the default include). A folder that exclude
    matches itself is said so: its walk honours exclude, named or not."""
    globs = ", ".join(config.exclude)
    set_in = _globs_set_in(config)
    if config.exclude and excluded(folder, config):
        fault, expected = f"exclude ({globs}) matches the folder itself", "a folder outside exclude"
    else:
        fault = f"no file in it matches include ({', '.join(config.include)})" + (f" outside exclude ({globs})" if config.exclude else "")
        expected = "at least one"
    click.echo(f"cablelint: warning: no files to lint in {folder}: {fault}: expected {expected} ({set_in})", err=True)


def all_excluded(paths: tuple[str, ...], config: Config, stdin_filename: str) -> None:
    """Say that nothing is checked when --force-exclude skipped the files named
    (ruff's "No Python files found"): the run passes, as a pre-commit hook given
    only excluded files must, but not as "All clean: 0 files checked"."""
    named = [(path, stdin_filename if path == "-" else path) for path in paths if path == "-" or not os.path.isdir(path)]
    skipped = [(path, name) for path, name in named if name != "-" and excluded(name, config)]
    if not skipped:
        return  # (folders with nothing to lint: no_files said so)
    if len(skipped) > 1:
        which, them = f"the {len(skipped)} files named", "them"
    else:
        path, name = skipped[0]
        which, them = (f"standard input, shown as {name}," if path == "-" else f"the file named, {name},"), "it"
    click.echo(f"cablelint: warning: no files checked: {_excludes_named(config)} matches {which} and --force-exclude skips {them}: expected a path outside exclude to lint, or no --force-exclude", err=True)


def _excludes_named(config: Config) -> str:
    """The exclude globs in force, each set named where it was written: the
    configuration file's, and the command line's by option ("exclude (old) in
    pyproject.toml and --extend-exclude (legacy)")."""
    options = dict(config.given)
    parts = []
    written = [glob for glob in config.exclude if glob not in options]
    if written or not options:
        parts.append(f"exclude ({', '.join(written)})" + (f" in {config.source}" if config.source else ""))
    for option in ("--exclude", "--extend-exclude"):
        globs = [glob for glob in config.exclude if options.get(glob) == option]
        if globs:
            parts.append(f"{option} ({', '.join(globs)})")
    return " and ".join(parts)


def _globs_set_in(config: Config) -> str:
    """Which of include and exclude the configuration file in force sets, named with
    it (only the globs it sets are blamed on it), or that none is in force. An include
    the file writes is set there, even as the default list, and so is an exclude it
    writes empty (``exclude = []``), said so: it excludes nothing. An exclude the
    command line gives (--exclude, --extend-exclude) is said to come from there."""
    if config.given:
        given = f"exclude is given by {' and '.join(sorted({option for _, option in config.given}))}"
        if "include" in config.set_keys:
            return f"include is set in {config.source}; {given}"
        return f"{given}; include is the default" + (f": other names need include in {config.source}" if config.source else ": other names need include in a configuration file")
    if config.source is None:
        return "other names need include in a configuration file"
    include, exclude = "include" in config.set_keys, "exclude" in config.set_keys
    empty = " (empty)" if exclude and not config.exclude else ""
    if include and exclude:
        return f"include and exclude{empty} are set in {config.source}"
    if include:
        return f"include is set in {config.source}"
    if exclude and config.exclude:
        return f"exclude is set in {config.source}; include is the default"
    if exclude:  # (an empty exclude is not why: the default include is)
        return f"exclude is set in {config.source} (empty); include is the default: other names need include there"
    return f"include is the default: other names need include in {config.source}"


def selectors(values: tuple[str, ...]) -> tuple[str, ...]:
    """The rules --select (and the like) names: comma-separated, repeated, or both."""
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


def refuse_stdin_twice(paths: Sequence[str]) -> None:
    """Refuse ``-`` named more than once (``check`` and ``parse``): the stream is read
    once, and two of it cannot mean two cables."""
    if paths.count("-") > 1:
        raise click.UsageError("standard input is named twice: expected - at most once")


def check_usage(options: CheckOptions) -> None:
    """Refuse option combinations that cannot mean anything, before any work."""
    o = options
    paths, stdin_filename, select, fmt, statistics, output_file = o.paths, o.stdin_filename, o.select, o.fmt, o.statistics, o.output_file
    fix, diff, write_baseline_path = o.fix, o.diff, o.write_baseline_path
    show = o.show_files or o.show_settings
    need_paths = not (o.show_settings and not o.show_files)  # (the settings are those of the current folder)
    if show and (fix or diff or write_baseline_path or output_file is not None or statistics or fmt != "text"):
        # a listing lints nothing: the option would be silently dropped (a listing
        # is one path or setting a line, for people and `while read` alike: there
        # is no report for --format to shape)
        given = (
            "--fix" if fix else "--diff" if diff else "--write-baseline" if write_baseline_path else "--output-file" if output_file is not None else "--statistics" if statistics else f"--format {fmt}"
        )
        raise click.UsageError(f"--show-files and --show-settings lint nothing, so {given} would do nothing: expected one or the other")
    if (output_file is not None or statistics) and (diff or write_baseline_path):
        # neither run writes a report: an empty or missing file would pass for one,
        # and the counts would be silently dropped
        used = "--diff prints a diff" if diff else "--write-baseline records the findings"
        given = "--output-file takes the report" if output_file is not None else "--statistics counts the report's findings"
        raise click.UsageError(f"{given} and {used} instead of one: expected one of the two")
    if fmt != "text" and (diff or write_baseline_path):
        # the diff is what patch and git apply read, the baseline has its own JSON:
        # the format asked for would be silently dropped (a script that wants the
        # fixes as data has them in --format json's "fix" edits)
        used = "--diff prints a diff" if diff else "--write-baseline records the findings"
        raise click.UsageError(f"--format {fmt} shapes the report and {used} instead of one: expected one of the two")
    if statistics and fmt != "text":
        # the other reports have fixed shapes (interfaces.md) that a table would break
        raise click.UsageError(f"--statistics adds a count per rule to the text report and the {fmt} report has no place for it: expected --format text, or no --statistics")
    refuse_stdin_twice(paths)
    if stdin_filename != "-" and "-" not in paths:
        raise click.UsageError("--stdin-filename names the cable read from standard input: expected - among the paths")
    if not paths and need_paths:
        raise click.UsageError("no paths given: name cable files or folders, or - for standard input")
    if write_baseline_path and (fix or diff):
        # the baseline records the findings as they are; fixing first would record others
        raise click.UsageError(f"--write-baseline records the findings as they are and fixes nothing: run it without {'--fix' if fix else '--diff'} (fix first, then record)")
    if select and not selectors(select):
        raise click.UsageError(names_no_rule("--select"))


def refuse_stdin_shown_as_linted(files: list[str], stdin_filename: str) -> None:
    """A usage error when standard input is shown (--stdin-filename) as a file that
    is linted too: its findings and fixes would be taken for the file's."""
    if "-" in files and stdin_filename != "-":
        shown = same_file_key(stdin_filename)
        if any(f != "-" and same_file(same_file_key(f), shown) for f in files):
            raise click.UsageError(f"--stdin-filename {stdin_filename} names a file that is linted too: expected the file or - shown by its name, not both")


def walk_lints(target: str, paths: tuple[str, ...], config: Config) -> Optional[str]:
    """The folder among *paths* whose walk lints *target*, as it stands or once it is
    written (its name matches include, and neither it nor a folder on the way is
    excluded or a tool's); None when no walk would."""
    real = os.path.realpath(target)
    for raw in paths:
        if raw == "-" or not os.path.isdir(raw):
            continue
        try:
            rel = os.path.relpath(real, os.path.realpath(raw))
        except ValueError:  # (Windows: on another drive, where no walk of *raw* goes)
            continue
        parts = rel.split(os.sep)
        if rel == os.curdir or parts[0] == os.pardir:
            continue
        folder = raw
        for name in parts[:-1]:
            if not enters(folder, name, config):
                break
            folder = os.path.join(folder, name)
        else:
            if lints(folder, parts[-1], config):
                return raw
    return None


def refuse_overwrite(
    paths: tuple[str, ...],
    files: list[str],
    config: Config,
    output_file: Optional[str],
    write_baseline_path: Optional[str],
    baseline_path: Optional[str],
    real_paths: Optional[dict[str, str]] = None,
) -> None:
    """A usage error when the report (--output-file) or the baseline written
    (--write-baseline) would replace a file the run reads: a cable being linted, the
    configuration in force, or the report the baseline read (--baseline; writing the
    baseline over the one read is how it is brought up to date); or when it would be
    where a folder's walk lints it (``-o report.txt .``): the next run would lint it
    as a cable, or refuse it as the file being linted. (*real_paths*: the real path
    of each file the walk found, not looked for again.)"""
    known = {} if real_paths is None else real_paths
    read = [(f, "a file being linted") for f in files if f != "-"]
    if config.source is not None:
        read.append((str(config.source), "the configuration file in force"))
    keys: dict[str, str] = {}  # (each file's same-file key, found once for both targets)
    targets = [("--output-file", output_file, "the report")]
    if write_baseline_path != "-":
        targets.append(("--write-baseline", write_baseline_path, "the baseline"))
    for option, target, what in targets:
        if target is None:
            continue
        key = same_file_key(target)
        also = [(baseline_path, "the baseline file read (--baseline)")] if baseline_path and option == "--output-file" else []
        for path, role in [*read, *also]:
            found = keys.get(path)
            if found is None:
                real = known.get(path)
                found = keys[path] = same_file_key(path) if real is None else os.path.normcase(real)
            if same_file(found, key):
                raise click.UsageError(f"{option} {target} is {role}: {what} would replace it; expected another path for {what}")
        walked = walk_lints(target, paths, config)
        if walked is not None:
            raise click.UsageError(
                f"{option} {target} is where the walk of {walked} lints files (include: {', '.join(config.include)}): the next run would lint {what} as a cable;"
                f" expected a name include does not match, or a path outside {walked}"
            )


def env_flag(name: str) -> bool:
    """Whether the environment variable *name* is set to a yes (1, true, yes, on);
    a usage error when it is set to something that is neither yes nor no."""
    value = os.environ.get(name, "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("", "0", "false", "no", "off"):
        return False
    raise click.UsageError(f"{name}={os.environ[name]!r} is neither yes nor no: expected 1 (or true, yes, on) or 0 (or false, no, off)")
