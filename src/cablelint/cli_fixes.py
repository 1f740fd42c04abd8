"""``check --fix``, ``--diff`` and the baseline (``--baseline``, ``--write-baseline``)
in a check run; imported only by the runs that use them."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Optional

import click

from cablelint.cli_output import fail, stream_codec
from cablelint.files import load, os_error
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.engine import Linter
from cablelint.linter.runner import FileResult
from cablelint.quote import plural
from cablelint.reporters.base import FAILING

if TYPE_CHECKING:
    from cablelint.cli_check import Run, Stdin
    from cablelint.linter.baseline import Known
    from cablelint.linter.fixer import FixOutcome, Keep


class Recorder:
    """The baseline entries of each file's findings, counted as the files come
    (*real_paths*: the real path of each file the walk found; *root*: the project's,
    which the paths of a baseline written to standard output are relative to)."""

    def __init__(self, where: str, real_paths: Optional[dict[str, str]] = None, root: Optional[str] = None) -> None:
        self.where = Path(where)
        self.counts: Counter[tuple[str, str, str]] = Counter()
        self.real_paths = real_paths
        if where != "-":
            self.ready()
        from cablelint.linter.baseline import folder_of

        self.base = folder_of(self.where, root)  # (the entries' paths are relative to it; made by ready)

    def ready(self) -> None:
        """Make the baseline's folders, as -o makes the report's, and find out now,
        not after the whole lint, whether the file can be written (exit 2)."""
        from cablelint.files import AtomicFile, check_length, in_the_way

        folder = self.where.parent
        try:
            check_length(self.where)
            folder.mkdir(parents=True, exist_ok=True)
            if not self.where.exists() or self.where.is_file():  # (a pipe is not opened twice)
                AtomicFile(str(self.where)).discard()
        except (FileExistsError, NotADirectoryError):  # (mkdir: a file where a folder is expected)
            fail(f"{self.where}: cannot write the baseline: {in_the_way(folder)} is a file, not a folder")
        except OSError as exc:
            fail(f"{self.where}: cannot write the baseline: {os_error(exc, self.where)}")

    def __call__(self, path: str, result: FileResult) -> None:
        from cablelint.linter.baseline import file_keys

        if result.diagnostics:
            text = result.text if result.text is not None else load(path).text
            self.counts.update(file_keys(self.base, result.diagnostics, text, self.real_paths))

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


def read_known(baseline_path: str, root: str) -> Known:
    """The findings the baseline records (exit 2 if it cannot be read); *root*, the
    project's, for one written to standard output."""
    from cablelint.linter.baseline import BaselineError, Known

    try:
        return Known(Path(baseline_path), root)
    except BaselineError as exc:
        fail(str(exc))


def fix_files(linter: Linter, run: Run, files: list[str], stdin: Stdin, *, write: bool, exit_zero: bool, quiet: bool, fmt: str, known: Optional[Known], failing: tuple[str, ...] = FAILING) -> None:
    """Apply the safe fixes (or, not *write*, show them as a diff and exit): *run*
    then holds the findings that remain and the fixed texts; *known*, the baseline
    the run read (--baseline), hides the findings it records."""
    from cablelint.linter.fixer import fix_paths

    stdin_path = stdin.display if "-" in files else None
    keep = baseline_keep(known) if known is not None else None
    outcome = fix_paths(linter, run.diagnostics, lambda path: stdin() if path == stdin_path else load(path), write=write, stdin_path=stdin_path, keep=keep, linted=run.digests)
    run.texts.update(outcome.fixed_texts)  # the report's source lines are the fixed ones
    if not write:
        from cablelint.cli_check import report_crashes

        show_diff(outcome, summary=not quiet)
        # (a file the parser failed on, or a rule's bug, is told and fails the run, as
        # without --diff: its fixes are not in the diff)
        report_crashes(linter)
        sys.exit(2 if linter.crashes else 1 if outcome.diffs and not exit_zero else 0)
    # with --fix -, the report goes to standard error: keep a JSON report whole
    run.diagnostics = show_fixes(outcome, summary=not quiet and (fmt == "text" or stdin_path is None), failing=failing)
    if write and stdin_path is not None:
        stdin.hand_back(outcome.stdout_text)  # standard output carries the cable, fixed or as it came


def baseline_keep(known: Known) -> Keep:
    """The findings of a text as fixed so far that the baseline *known* (read once
    for the run) does not account for."""

    def keep(path: str, text: str, found: list[Diagnostic]) -> list[Diagnostic]:
        return known.again(found, text)

    return keep


def write_diff(text: str) -> None:
    """Print the diff *text*, which is for ``patch``: where standard output cannot
    carry every character (``PYTHONIOENCODING=ascii``) or is not UTF-8 (UTF-16), as
    UTF-8 bytes, the file's own, as ``--fix -`` prints the cable; the stream's
    escapes (``\\xe9``) made its lines match none of the file's, and ``patch``
    refused it."""
    stream = sys.stdout
    if stream_codec(stream) in (None, "utf-8") or not hasattr(stream, "buffer"):
        stream.write(text)
        return
    stream.flush()
    stream.buffer.write(text.encode("utf-8", "surrogateescape"))
    stream.buffer.flush()


def show_diff(outcome: FixOutcome, summary: bool = True) -> None:
    """Print the fixes --diff would apply, as a diff on standard output, and (unless
    *summary* is off: --quiet) how many on standard error."""
    for message in outcome.messages:
        click.echo(f"cablelint: {message}", err=True)
    write_diff("".join(outcome.diffs))
    if summary:
        n = sum(outcome.applied.values())
        click.echo(f"{n} fix{'' if n == 1 else 'es'} would be applied to {plural(len(outcome.diffs), 'file')}.", err=True)


def show_fixes(outcome: FixOutcome, summary: bool = True, failing: tuple[str, ...] = FAILING) -> list[Diagnostic]:
    """Print what --fix did; the findings that remain. No summary line when *summary*
    is off (--quiet, or a machine-readable report that shares standard error with
    it). The findings counted are those that fail the run (*failing*): at warning or
    error, or under --strict any."""
    for message in outcome.messages:
        click.echo(f"cablelint: {message}", err=True)
    n = sum(outcome.applied.values())
    fixes = f"{n} fix{'' if n == 1 else 'es'}"
    if summary:
        count = sum(1 for d in outcome.diagnostics if d.severity in failing)
        left = plural(count, "finding") + (", info included," if "info" in failing else " at warning or error")
        click.echo(f"Applied {fixes}; {left} {'remains' if count == 1 else 'remain'}.", err=True)
    return outcome.diagnostics
