"""The command line: click commands that read options and hand work to the library.

No business logic lives here: the engine lints, the runner walks and parallelises,
the reporters format.

Declaring the commands needs click and a few names (the formats, the dialects, the
cache's folder and variables), not what runs them: the modules of the run (``cli_check``
and all it imports: the configuration, the engine, the cache, the reporters' base,
about 26M instructions) are imported when a command runs (:func:`_import_commands`),
so that ``--version`` and ``--help`` answer without them.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from contextlib import contextmanager, nullcontext
from importlib import import_module
from typing import TYPE_CHECKING, Any, Iterator, NoReturn, Optional

import click

from cablelint import __version__
from cablelint.grammar import DIALECTS
from cablelint.linter import CACHE_DIR_ENV, CACHE_FOLDER, NO_CACHE_ENV
from cablelint.reporters import FORMATS

if TYPE_CHECKING:
    from cablelint.linter.registry import Registry

# True in the cablelint script's own process (cablelint.__main__.run sets it), whose
# collector may be frozen after the imports; a program that imports the CLI keeps its own
FROZEN_IMPORTS = False


def settled_import(name: str) -> None:
    """Import the module *name* as the script imported this one
    (``cablelint.__main__``): with the collector off, and in the script's process
    frozen after (what it makes lives as long as the process; the collections, the
    one at the exit included, would walk it again)."""
    if name in sys.modules:
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        import_module(name)
    finally:
        if FROZEN_IMPORTS:
            gc.freeze()
        if enabled:
            gc.enable()


def _import_commands() -> None:
    """Import the modules the commands run (``cli_check`` and what it imports)."""
    settled_import("cablelint.cli_check")


def fail(message: str) -> NoReturn:
    """:func:`cablelint.cli_output.fail` (exit 2 with *message*)."""
    from cablelint.cli_output import fail as failed

    failed(message)


@contextmanager
def listing() -> Iterator[None]:
    """Around what prints a listing (``rules``, ``rule X``, ``parse``, ``check
    --show-files``, ``--help``): when the reader goes away before the end
    (``cablelint rules | head -1``), the listing has done what was asked of it, and
    the command exits 0, quietly. (check's report ends as click ends it: status 1,
    which a run with findings gives anyway.) Standard output is pointed at the null
    device then, so that what is still buffered in it goes nowhere at the exit
    rather than failing there ("Exception ignored ... BrokenPipeError")."""
    try:
        yield
        sys.stdout.flush()  # (what is buffered fails here, not at the exit)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, sys.stdout.fileno())
            finally:
                os.close(null)
        except (AttributeError, OSError, ValueError):  # (no descriptor: a test runner's buffer)
            pass
        raise click.exceptions.Exit(0) from None


HELP_TEXT = "Show this message and exit."  # (click's own texts for these options)
VERSION_HELP = "Show the version and exit."


def _show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        with listing():
            click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        with listing():
            click.echo(f"cablelint, version {__version__}", color=ctx.color)
        ctx.exit()


class _Command(click.Command):
    """A command whose help option (-h, --help) is made here rather than by click.

    click makes it, and the version option and a path type's name, with its help
    text passed through ``gettext``, which looks for a catalogue at every call: it
    imports ``locale`` and expands each language of the environment (``C`` at
    least) through it, about 3M instructions of a one-file check, for texts click
    has no translation of. The option here is the one click makes (the names
    ``help_option_names`` leaves, the same text, flag and callback), made once a
    command."""

    _cablelint_help: Optional[click.Option] = None

    def get_help_option(self, ctx: click.Context) -> Optional[click.Option]:
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        if self._cablelint_help is None:  # (one object: click orders the eager options by identity)
            self._cablelint_help = click.Option(names, is_flag=True, expose_value=False, is_eager=True, callback=_show_help, help=HELP_TEXT)
        return self._cablelint_help


class _Path(click.Path):
    """``click.Path`` with its name (``file``, ``directory``, ``path``) set here, not
    looked up through ``gettext`` (see :class:`_Command`): the attributes
    ``click.Path.__init__`` sets, for the options cablelint has (a test compares
    them with click's)."""

    def __init__(self, file_okay: bool = True, dir_okay: bool = True, allow_dash: bool = False) -> None:
        self.exists = False
        self.file_okay = file_okay
        self.dir_okay = dir_okay
        self.readable = True
        self.writable = False
        self.executable = False
        self.resolve_path = False
        self.allow_dash = allow_dash
        self.type = None
        self.name = "file" if file_okay and not dir_okay else "directory" if dir_okay and not file_okay else "path"


class _DefaultGroup(_Command, click.Group):
    """A group that runs ``check`` when no subcommand is named."""

    command_class = _Command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            # bare `cablelint`: the help, as ruff and click's groups give it (on
            # standard error, status 2: no command was run), not check's "no paths given"
            click.echo(ctx.get_help(), err=True, color=ctx.color)
            ctx.exit(2)
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version", "-V")):
            if args and not os.path.lexists(args[0]):
                import difflib

                close = difflib.get_close_matches(args[0], list(self.commands), n=1, cutoff=0.75)
                if close:  # `cablelint rulez`: a typo, not a cable to lint
                    raise click.UsageError(f"no command or file '{args[0]}': did you mean '{close[0]}'?", ctx)
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """click's main, with what is written while the command line is read
        (``--version`` and ``--help`` to a full disk, ``cablelint --version >
        /dev/full``; a usage error to a standard error that cannot take it) failing
        as a report that cannot be written does (:meth:`invoke`): exit status 2 and
        one line, not a traceback and status 1. click ends a closed pipe itself.

        A stream the caller closed (``cablelint --version >&-``) is made one that
        refuses to be written before click reads the command line, as a command's
        run has it (:func:`~cablelint.cli_output.tolerant_streams`): click writes
        nothing to a stream Python leaves None, and the version or the help would
        pass as printed, with status 0. Only then: the version and the help import
        none of the run's modules."""
        if sys.stdout is None or sys.stderr is None:
            from cablelint.cli_output import tolerant_streams

            tolerant_streams()
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:
            try:
                click.echo(f"cablelint: cannot write the output: {exc.strerror or exc}", err=True)
            except OSError:
                pass  # (standard error cannot take it either: the status says it)
            sys.exit(2)

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
            from cablelint.files import os_error

            fail(f"{exc.filename}: {os_error(exc)}" if exc.filename else f"cannot write the output: {os_error(exc)}")
        except Exception:
            import traceback  # (with textwrap: only a bug gets here)

            traceback.print_exc()
            fail("internal error (the traceback is above; please report this)")
        return None


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-V", "--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version, help=VERSION_HELP)
def main() -> None:
    """cablelint: validate and lint diplomatic cables kept as plain text.

    `cablelint PATHS` is `cablelint check PATHS`."""
    _import_commands()
    from cablelint.cli_output import tolerant_streams

    tolerant_streams()


def echo_json(value: object) -> None:
    """Print *value* as JSON (indented by two), as the reports are written: every
    character as it is where standard output carries any, in ASCII alone
    (``\\u00e9``) where it does not (``PYTHONIOENCODING=ascii``), whose own escape
    (``\\xe9``, see ``tolerant_streams``) is no JSON."""
    import json

    from cablelint.cli_output import narrow_encoding

    click.echo(json.dumps(value, indent=2, ensure_ascii=narrow_encoding(sys.stdout) is not None))


def _path_given(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    """A path option's value, which an empty string is not (an unset variable in a
    script, ``-o "$OUT"``): it would name the current folder or nothing."""
    if value == "":
        raise click.BadParameter("expected a path, not an empty string", ctx, param)
    return value


def _baseline_path(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    """--baseline's value: a file; ``-`` is no standard input here, as it is standard
    output to --write-baseline (a baseline piped in would fight the cables for it)."""
    value = _path_given(ctx, param, value)
    if value == "-":
        raise click.BadParameter("'-' would be standard input, which a baseline is not read from: expected the path of a file written by --write-baseline", ctx, param)
    return value


def _report_path(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    """--output-file's value: ``-`` is standard output (None), as for --write-baseline."""
    value = _path_given(ctx, param, value)
    return None if value == "-" else value


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--select", metavar="CODES", multiple=True, help="Rules to run instead of the defaults: codes, families (H), names or ALL; comma-separated or repeated.")
@click.option("--ignore", metavar="CODES", multiple=True, help="Rules not to run (as for --select).")
@click.option("--extend-select", metavar="CODES", multiple=True, help="Rules to run in addition to the selection (as for --select).")
@click.option("--config", "config_path", type=_Path(dir_okay=False), default=None, callback=_path_given, help="Configuration file to use instead of searching upward.")
@click.option("--dialect", type=click.Choice(DIALECTS), default=None, help="Force the rendering instead of detecting it per file.")
@click.option("--line-length", metavar="N", type=click.IntRange(1, 10_000), default=None, help="Longest line F005 accepts (default: the configuration's line-length, else 69).")
@click.option("--stdin-filename", metavar="PATH", default="-", callback=_path_given, help="Path to show (and match per-file-ignores against) for standard input.")
@click.option("--exclude", metavar="GLOB", multiple=True, help="Path glob to skip when walking folders, in place of the configuration's exclude; repeat for several (a glob with '/' is from the current folder).")
@click.option("--extend-exclude", metavar="GLOB", multiple=True, help="Path glob to skip besides the configuration's exclude (as for --exclude).")
@click.option("--force-exclude", is_flag=True, help="Skip files named on the command line that the exclude globs match, too (for pre-commit and editors).")
@click.option("-o", "--output-file", type=_Path(dir_okay=False, allow_dash=True), default=None, callback=_report_path, help="Write the report to FILE (replaced whole, at the end of the run) instead of standard output ('-').")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when diagnostics are found.")
@click.option("--statistics", is_flag=True, help="Show how many times each rule fired (text format only).")
@click.option("-q", "--quiet", is_flag=True, help="Print diagnostics only: no summary line.")
@click.option("-j", "--jobs", metavar="N", type=click.IntRange(0), default=1, show_default=True, help="Lint files in N parallel processes (0: one per CPU).")
@click.option("--no-progress", is_flag=True, help="Never show a progress bar.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal, unless NO_COLOR is set or TERM is dumb).")
@click.option("--show-source/--no-show-source", default=None, help="Show the source line and a caret under each finding (default: on a terminal).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes and write the files (standard input: print the fixed text).")
@click.option("--diff", is_flag=True, help="Show the fixes as a unified diff and write nothing, even with --fix (exit 1 when there is one).")
@click.option("--strict", is_flag=True, help="Pre-submission check: the draft rules (F005) on in every dialect, and any finding, info included, fails the run.")
@click.option("--baseline", "baseline_path", type=_Path(dir_okay=False), default=None, callback=_baseline_path, help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_path", type=_Path(dir_okay=False, allow_dash=True), default=None, callback=_path_given, help="Record the current findings in this file ('-': standard output) and exit 0.")
@click.option("--no-cache", is_flag=True, help=f"Lint every file afresh and keep no results (also: {NO_CACHE_ENV}=1). --fix, --diff and standard input never use the cache.")
@click.option("--cache-dir", type=_Path(file_okay=False), envvar=CACHE_DIR_ENV, show_envvar=True, default=None, help=f"Folder of the result cache (default: {CACHE_FOLDER} beside the configuration file, else in the current folder).")
@click.option("--show-files", is_flag=True, help="List the files the run would lint, in order, and lint nothing.")
@click.option("--show-settings", is_flag=True, help="Print the configuration in force (file found, options, cache, every rule that runs with its severity) and lint nothing.")
@click.option("-w", "--watch", is_flag=True, help="Lint, then lint again whenever a linted file, a cable in a linted folder or the configuration changes, until Ctrl-C (needs: pip install 'cablelint[watch]').")
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
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
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
    show_files: bool,
    show_settings: bool,
    watch: bool,
) -> None:
    """Lint cables: files, folders (walked for *.cable, *.tel, *.txt) or - for stdin."""
    from cablelint.cli_check import run_check
    from cablelint.cli_options import CheckOptions
    from cablelint.cli_output import report_stdout

    options = CheckOptions(**click.get_current_context().params)
    # standard output is the report's: what a plugin writes to descriptor 1 (or a
    # process it starts) goes to standard error, from its import on
    with report_stdout(), listing() if show_files or show_settings else nullcontext():
        if watch:
            from cablelint.cli_watch import check_watch_usage, watch_check

            check_watch_usage(options)
            watch_check(options)
            status = 0
        else:
            status = run_check(options)
    sys.exit(status)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--dialect", type=click.Choice(DIALECTS), default=None, help="Force the rendering instead of detecting it (default: the configuration's dialect, else detected per file).")
@click.option("--config", "config_path", type=_Path(dir_okay=False), default=None, callback=_path_given, help="Configuration file whose dialect to use, instead of searching upward.")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True, help="Output format.")
@click.option("--stdin-filename", metavar="PATH", default="-", callback=_path_given, help="Path to show for a cable read from standard input.")
def parse(paths: tuple[str, ...], dialect: Optional[str], config_path: Optional[str], fmt: str, stdin_filename: str) -> None:
    """Print the parsed model of cables as JSON (one object, or an array for several,
    in the order named: null for one that cannot be read). The rendering is the one
    `check` reads: --dialect, else the configuration's, else detected per file."""
    from cablelint.cli_check import Stdin
    from cablelint.cli_options import refuse_stdin_twice
    from cablelint.files import load
    from cablelint.linter.engine import parse_text
    from cablelint.serialize import cable_to_json

    refuse_stdin_twice(paths)
    if dialect is None:
        from cablelint.linter.config import ConfigError, load_config

        try:  # (a configuration that cannot be used is an error, as for check)
            dialect = load_config(config_path).dialect
        except ConfigError as exc:
            fail(str(exc))
    out: list[object] = []
    unread = []
    for path in paths:
        loaded = Stdin(stdin_filename)() if path == "-" else load(path)
        if loaded.text is None:
            unread.append(f"{loaded.path}: cannot read the file: {loaded.error}")
            out.append(None)  # (its place kept: the array's items are the paths' in order)
            continue
        out.append(cable_to_json(parse_text(loaded.text, dialect)))
    if len(out) > 1 or out[0] is not None:  # (one path that cannot be read: no object to print)
        with listing():
            echo_json(out[0] if len(out) == 1 else out)
    for message in unread:
        click.echo(f"cablelint: {message}", err=True)
    if unread:
        sys.exit(2)


@main.command()
@click.option("--config", "config_path", type=_Path(dir_okay=False), default=None, callback=_path_given, help="Configuration file whose folder holds the cache, instead of searching upward.")
@click.option("--cache-dir", type=_Path(file_okay=False), envvar=CACHE_DIR_ENV, show_envvar=True, default=None, help=f"The cache folder to remove (default: {CACHE_FOLDER} beside the configuration file, else in the current folder).")
def clean(config_path: Optional[str], cache_dir: Optional[str]) -> None:
    """Remove the result cache of `check` (cablelint's files in its folder, then the
    folder when nothing else is left in it) and the compiled patterns kept for
    start-up in the user's cache folder."""
    from cablelint import compiled
    from cablelint.files import path_text
    from cablelint.linter.cache_clean import CacheError, cache_to_clean, clean_cache

    named = path_text(cache_dir) if cache_dir else _cache_folder(config_path)
    try:
        folder = cache_to_clean(named)  # (decided before anything is removed)
    except CacheError as exc:
        fail(str(exc))
    for path in compiled.remove():  # (where the imports read it: no option moves it)
        click.echo(f"Removed {path}.", err=True)
    if folder is None:
        click.echo(f"No cache to remove at {named}.", err=True)
        return
    try:
        left, stays = clean_cache(folder)
    except CacheError as exc:
        fail(str(exc))
    if left:
        shown = ", ".join(left[:3]) + (f" and {len(left) - 3} more" if len(left) > 3 else "")
        click.echo(f"Removed the cache from {folder}; {stays} ({shown}).", err=True)
    elif stays is not None:
        click.echo(f"Removed the cache from {folder}; {stays}.", err=True)
    else:
        click.echo(f"Removed {folder}.", err=True)


def _cache_folder(config_path: Optional[str]) -> str:
    """The folder `check` keeps its cache in, for `clean`: beside the configuration
    file, which only the file's place decides (no key of it names the folder). So a
    configuration that cannot be read, which `clean` would otherwise refuse to get
    past, still tells where: it is said on standard error, and the cache beside it
    is cleaned. A --config naming no file is an error (exit 2): no run kept a cache
    beside it."""
    from cablelint.files import path_text
    from cablelint.linter.cache import default_folder as default_cache_folder
    from cablelint.linter.config import ConfigError, find_config, load_config

    try:
        return default_cache_folder(load_config(config_path))
    except ConfigError as exc:

        source = path_text(config_path) if config_path is not None else find_config(os.path.realpath(os.getcwd()))
        if source is None or not os.path.isfile(source):
            fail(str(exc))
        folder = os.path.join(os.path.dirname(os.path.realpath(source)), CACHE_FOLDER)
        click.echo(f"cablelint: warning: the configuration cannot be read ({exc}); the cache is beside it all the same: {folder}", err=True)
        return folder


@main.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input and output: the only transport, and the default (for clients that pass it, as VS Code's does).")
def server(stdio: bool) -> None:
    """Run the language server (LSP) on standard input and output, for editors
    (needs: pip install 'cablelint[lsp]')."""
    import logging

    level = os.environ.get("CABLELINT_LOG_LEVEL", "").strip().upper()
    if level and not isinstance(logging.getLevelName(level), int):
        # (it was read as WARNING without a word: the log asked for never came)
        fail(f"CABLELINT_LOG_LEVEL={os.environ['CABLELINT_LOG_LEVEL']!r} is not a log level: expected DEBUG, INFO, WARNING, ERROR or CRITICAL")
    from cablelint.cli_output import ClosedOutput

    if sys.stdin is None or isinstance(sys.stdout, ClosedOutput):  # (started with 0<&- or 1>&-: see tolerant_streams)
        fail(f"the language server talks over standard input and output, and standard {'input' if sys.stdin is None else 'output'} is closed: expected an editor (or a client) to start it with both open")
    try:
        # pygls is optional, and only this command imports it
        from cablelint.lsp import serve
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs"):
            raise
        fail("the language server needs pygls: pip install 'cablelint[lsp]'")
        return
    serve()


def _registry() -> Registry:
    from cablelint.linter.registry import RegistryError, load_registry

    try:
        return load_registry()
    except RegistryError as exc:
        fail(str(exc))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True, help="Output format.")
def rules(fmt: str) -> None:
    """List every rule: code, name, default severity and state, fixable, dialects."""
    from cablelint.linter.ruledoc import rule_json, rules_markdown, rules_table

    registry = _registry()
    with listing():
        if fmt == "json":
            echo_json([rule_json(r, registry.origin(r.code)) for r in registry.rules])
        elif fmt == "markdown":
            click.echo(rules_markdown(registry), nl=False)
        else:
            click.echo(rules_table(registry), nl=False)


@main.command()
@click.argument("key", metavar="CODE|NAME")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
def rule(key: str, fmt: str) -> None:
    """Explain one rule: what it checks, why, a bad and a good example, and its fix."""
    from cablelint.linter.ruledoc import rule_json, rule_text

    registry = _registry()
    found = registry.lookup(key)
    if found is None:
        from cablelint.linter.selection import closest

        close = closest(registry, key.strip())
        hint = f"; did you mean '{close}'?" if close else ""
        fail(f"no rule '{key}': expected a code like H005 or a name like missing-tags-line (see `cablelint rules`){hint}")
        return
    origin = registry.origin(found.code)
    with listing():
        if fmt == "json":
            echo_json(rule_json(found, origin))
        else:
            click.echo(rule_text(found, origin), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
