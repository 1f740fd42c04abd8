"""``--format github``: GitHub Actions workflow commands, one per diagnostic, which the
runner turns into annotations on the pull request's diff::

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE::message

GitHub takes ``col`` and ``endColumn`` only when the annotation starts and ends on the
same line, so a finding over several lines carries lines only. GitHub matches ``file``
against the repository's paths as they are spelled, so a path is given normalized:
``./cables/a.cable`` (what ``check .`` names) would annotate nothing, and is
``cables/a.cable``. A file the parser or a rule failed on gets an error annotation
of its own (an internal error, told on standard error too), so a run with one does
not show as clean.
"""

from __future__ import annotations

from typing import Optional, Sequence

from cablelint.linter.diagnostic import Diagnostic
from cablelint.reporters.base import Reporter, normal_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message after ``::``: GitHub's toolkit escapes %, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``key=value`` property: also ``:`` and ``,``, which would end it."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(d: Diagnostic) -> str:
    span = d.span
    props = [("file", normal_path(d.path)), ("line", str(span.line))]
    if span.end_line == span.line:
        props += [("col", str(span.column)), ("endLine", str(span.end_line)), ("endColumn", str(span.end_column))]
    else:
        props.append(("endLine", str(span.end_line)))
    props.append(("title", d.code))  # (interfaces.md: title=CODE)
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[d.severity]} {joined}::{escape_data(d.message)}"


def carried(text: str, encoding: str) -> str:
    """*text* with each character *encoding* cannot carry written as ``<U+00E9>``,
    as the text report writes a control character: the runner reads the commands
    as they come, undoing only its own escapes (``%25``, ``%0A``), so the stream's
    escape (``\\xe9``, Python's) would be shown as it is, and a percent escape of the
    UTF-8 bytes (``%C3%A9``) too."""
    if text.isascii():
        return text
    out = []
    for c in text:
        try:
            c.encode(encoding)
        except UnicodeEncodeError:
            c = f"<U+{ord(c):04X}>"
        out.append(c)
    return "".join(out)


class GithubReporter(Reporter):
    name = "github"

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: Optional[str]) -> str:
        return self.carried("".join(command(d) + "\n" for d in diagnostics))

    def end(self) -> str:
        return self.carried("".join(f"::error file={escape_property(normal_path(path))},title=cablelint internal error::{escape_data(text)}\n" for path, text in self.failures()))

    def carried(self, lines: str) -> str:
        encoding = self.settings.encoding  # (a stream that cannot carry every character)
        return lines if encoding is None else carried(lines, encoding)
