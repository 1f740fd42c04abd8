"""Where a check run's report goes: the colour and source-line choices, the order of
the files, standard output or a report file replaced whole, and the report written
as the files come (:class:`Streamed`)."""

from __future__ import annotations

import codecs
import errno
import io
import os
import stat
import sys
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Iterator, NoReturn, Optional

import click

from cablelint.files import AtomicFile, check_length, in_the_way, load, os_error
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.runner import FileResult
from cablelint.reporters import Reporter

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from cablelint.cli_check import Run, Stdin
    from cablelint.linter.baseline import Known


def redirected() -> set[tuple[int, int]]:
    """The files (device, inode) that standard output and standard error are
    redirected to: ``check . > report.txt`` must not lint its own report (which the
    shell has just emptied) nor, with --watch, take its growth for an edit. (Standard
    output's file is looked at through sys.stdout: a run has set descriptor 1 aside,
    see :func:`report_stdout`.)"""
    found = set()
    for stream, fd in ((sys.stdout, 1), (sys.stderr, 2)):
        try:
            st = os.fstat(stream.fileno() if stream is not None and _on_descriptor(stream) else fd)
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(st.st_mode):
            found.add((st.st_dev, st.st_ino))
    return found


def _on_descriptor(stream: object) -> bool:
    """Whether *stream* writes to a descriptor of its own (not a test runner's
    buffer, a library caller's io.StringIO)."""
    try:
        return isinstance(stream.fileno(), int)  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):  # (io.UnsupportedOperation is both)
        return False


def set_aside(fd: int) -> int:
    """Standard input or output (descriptor *fd*, 0 or 1) kept for the process's own
    reading or writing (the protocol's, the report's): a private copy of it is
    returned, and *fd* itself is pointed where no one else reads or writes through
    it: standard output at standard error (the null device when there is none),
    standard input at the null device (read: nothing). Swapping ``sys.stdout``
    alone leaves what uses the descriptor itself (``os.write(1, ...)`` in a
    plugin, a C library, a process a plugin starts, which inherits 0, 1 and 2)
    writing into the report or the protocol, or reading the client's messages.

    The copy is 3 or above, past the standard three: with standard error closed
    (``2>&-``) a plain ``os.dup(1)`` would be 2, which descriptor 1 is then pointed
    at, the report back on 1 (the free standard descriptors the copies took are
    closed again). It is not inherited by child processes (os.dup makes it so).
    The caller has made sure *fd* is open."""
    low = []
    kept = os.dup(fd)
    while kept < 3:
        low.append(kept)
        kept = os.dup(fd)
    for spare in low:
        os.close(spare)
    pointed = False
    if fd == 1:
        try:
            os.dup2(2, 1)
            pointed = True
        except OSError:  # no standard error: what else writes to 1 (or 2) is dropped
            pass
    if not pointed:
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, fd)
        if null > 2:  # (else kept as that standard descriptor, so that no file opened later becomes it)
            os.close(null)
    if sys.platform == "win32":  # (a copy in text mode would turn \n into \r\n)
        import msvcrt

        msvcrt.setmode(kept, os.O_BINARY)
    return kept


@contextmanager
def report_stdout() -> Iterator[None]:
    """For the length of a ``check`` run: standard output kept for what the run
    writes there (the report, a diff, a fixed cable, a baseline), and descriptor 1
    pointed at standard error (:func:`set_aside`), where a plugin's own writes to
    it go, with its prints. ``sys.stdout`` is a stream on the private copy, of the
    same encoding and error handler, so that the run writes as it did; descriptor 1
    and ``sys.stdout`` are put back however the run ends (what is left of the
    report written). The --jobs workers, started in the run, inherit descriptor 1
    as it is then. Nothing is done when ``sys.stdout`` is not on descriptor 1 (a
    test runner's buffer, a caller's stream): the report does not go there."""
    stream = sys.stdout
    if stream is None or not _on_descriptor(stream) or stream.fileno() != 1:
        yield
        return
    stream.flush()
    kept = set_aside(1)
    own = None
    try:
        own = os.fdopen(kept, "w", buffering=1 if stream.line_buffering else -1, encoding=stream.encoding, errors=stream.errors)
        sys.stdout = own
        yield
    finally:
        sys.stdout = stream
        os.dup2(kept, 1)
        if own is None:
            os.close(kept)
        else:
            own.close()  # (what is still buffered written through the copy, to the same file)


def is_report(path: str, report: set[tuple[int, int]]) -> bool:
    """Whether *path* is one of the *report* files (see :func:`redirected`)."""
    if not report:
        return False
    try:
        st = os.stat(path)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) in report


def tolerant_streams() -> None:
    """Let standard output and standard error carry any text rather than crash on
    it: a path whose bytes are not UTF-8 (Python reads it with surrogates) goes out as
    those bytes, as ``ls`` prints it, and on a stream that is not UTF-8
    (``PYTHONIOENCODING=ascii``, a legacy console) what it cannot carry is written as
    an escape (``\\u2019``; in UTF-16 or UTF-32, such a path's ``\\udce9``).

    A stream the caller closed (``>&-``, ``2>&-``), which Python leaves None: standard
    output becomes one that refuses to be written (:class:`ClosedOutput`), so that a
    report sent there fails as one that cannot be written does (exit 2), and a run
    that writes none (``-o FILE``) goes on; standard error, where only messages go,
    the null device, as click leaves them unwritten."""
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    for stream in (sys.stdout, sys.stderr):
        # a path's bytes go out as they are only in UTF-8: UTF-16 and UTF-32, which
        # carry any character but no lone surrogate, write its escape (\\udce9)
        utf8 = stream_codec(stream) in ("utf-8", "utf-8-sig")
        try:
            stream.reconfigure(errors="surrogateescape" if utf8 else "backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass  # (not a text stream that can be told: left as it is)


class ClosedOutput(io.TextIOBase):
    """Standard output closed by the caller: each write fails as on a closed
    descriptor, saying so; it is no terminal."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    @property
    def buffer(self) -> ClosedOutput:  # (--fix - writes the cable's bytes there)
        return self


# the encodings that carry every character (the UTF family; UTF-7, for mail, aside)
WIDE_ENCODINGS = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})


def stream_codec(stream: object) -> Optional[str]:
    """The codecs name of *stream*'s encoding ("utf-16" for ``UTF16``); None for a
    stream of text with no encoding (``io.StringIO``), ``ascii`` for an encoding
    codecs does not know."""
    encoding = getattr(stream, "encoding", None)
    if not isinstance(encoding, str):
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return "ascii"


def narrow_encoding(stream: object) -> Optional[str]:
    """The encoding of *stream* when it cannot carry every character, for the text
    report's source lines (:func:`tolerant_streams` has it write escapes then); None
    for the UTF family, UTF-8, UTF-16 and UTF-32 (``PYTHONIOENCODING=utf-16``), or a
    stream of text with no encoding (``io.StringIO``), ``ascii`` for an encoding
    codecs does not know."""
    name = stream_codec(stream)
    return None if name is None or name in WIDE_ENCODINGS else name


def fail(message: str) -> NoReturn:
    """Say what stops the run, and exit 2."""
    click.echo(f"cablelint: {message}", err=True)
    sys.exit(2)


def use_color(flag: Optional[bool]) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and not dumb_terminal()


def dumb_terminal() -> bool:
    """Whether the terminal says it shows no escape sequences (``TERM=dumb``: Emacs's
    shell and compilation buffers, some CI logs and editors' consoles), which would
    show there as text: then no colour unless asked for (as git and pytest do) and
    no progress bar (which hides the cursor and redraws its line by them)."""
    return os.environ.get("TERM") == "dumb"


def report_color(fmt: str, flag: Optional[bool], output_file: Optional[str]) -> bool:
    """Whether the report is coloured: only the text report, and in a report file
    (no terminal) only when --color asks for it."""
    if fmt != "text":
        return False
    if output_file is not None:
        return flag is True
    return use_color(flag)


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
    taken off before them and drawn again after. A report that declares its
    encoding as UTF-8 (*utf8*: JUnit's XML) goes to a standard output of UTF-16 or
    UTF-32 (``PYTHONIOENCODING=utf-16``) as UTF-8 bytes, as ``--diff`` does: in the
    stream's codec, its bytes belied the declaration, and no XML reader took them."""

    def __init__(self, output_file: Optional[str], utf8: bool = False) -> None:
        self.output_file = output_file
        self.utf8 = utf8
        self.file: Optional[AtomicFile] = None
        self.bar: Optional[ProgressBar[Any]] = None
        self.pending = ""  # on a terminal, the start of a line not yet written
        self.terminal = output_file is None and sys.stdout.isatty()
        if output_file is None:
            return
        from pathlib import Path  # (only a run with --output-file: see files.path_text)

        folder = Path(output_file).parent
        try:
            check_length(output_file)
            folder.mkdir(parents=True, exist_ok=True)
            self.file = AtomicFile(output_file, errors="surrogateescape")
        except (FileExistsError, NotADirectoryError):  # (mkdir: a file where a folder is expected)
            fail(f"cannot write the report to {output_file}: {in_the_way(folder)} is a file, not a folder")
        except OSError as exc:
            self.failed(exc)

    def failed(self, exc: OSError) -> NoReturn:
        self.discard()
        fail(f"cannot write the report to {self.output_file}: {os_error(exc, self.output_file)}")

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
            self.emit(text)
            return
        sys.stderr.write("\r" + " " * (self.bar.max_width or 0) + "\r")
        sys.stderr.flush()
        self.emit(text)
        sys.stdout.flush()
        sys.stderr.write("\r" + self.bar.format_progress_line())
        sys.stderr.flush()

    def emit(self, text: str) -> None:
        """Write *text* to standard output (asked each time: after ``--fix -`` it is
        standard error), as UTF-8 bytes when the report says UTF-8 and the stream is
        UTF-16 or UTF-32."""
        stream = sys.stdout
        codec = stream_codec(stream)
        if not self.utf8 or codec is None or codec.startswith("utf-8") or codec not in WIDE_ENCODINGS or not hasattr(stream, "buffer"):
            stream.write(text)
            return
        stream.flush()
        stream.buffer.write(text.encode("utf-8", "surrogateescape"))
        stream.buffer.flush()

    def close(self) -> None:
        """The report is whole: put it in place."""
        self.bar = None
        if self.pending:
            self.emit(self.pending)
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


