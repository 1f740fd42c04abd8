"""``--format text``: ``path:line:col: CODE [severity] message``, optionally the source
line with a caret under the span, then a summary (and ``--statistics``)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Optional, Sequence

import click

from cablelint.linter.diagnostic import Diagnostic
from cablelint.quote import plural
from cablelint.reporters.base import Reporter, Settings

MAX_SHOWN = 100  # longest stretch of a source line shown under a finding
CONTEXT = 20  # characters kept before the span when a long line is cut
SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def visible(text: str) -> str:
    """*text* with each control character written as ``<U+XXXX>``: a file's name may
    hold an escape sequence, which must not reach the terminal as one (it could
    recolour, move the cursor, or hide the findings after it). Messages come so
    from the engine (``quote.readable``)."""
    if text.isprintable():
        return text
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) == "Cc" else c for c in text)


def _cells(text: str) -> int:
    """How many terminal cells *text* takes."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _shown(c: str, encoding: Optional[str]) -> str:
    """One character of a source line as a terminal shows it: a tab as one space, a
    control character as ``?``, and one the stream's *encoding* cannot carry as the
    escape the stream writes for it (``\\u6f22``; see ``tolerant_streams``)."""
    if c == "\t":
        return " "
    if not c.isprintable():
        return "?"
    if encoding is None or c.isascii():
        return c
    try:
        c.encode(encoding)
    except UnicodeEncodeError:
        return c.encode("ascii", "backslashreplace").decode("ascii")
    return c


class TextReporter(Reporter):
    name = "text"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.style = _Style(settings.color)
        self.counts: Counter[str] = Counter()  # by severity
        self.by_code: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        self.fixable: Counter[str] = Counter()  # by code

    def needs_text(self) -> bool:
        return self.settings.show_source

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: Optional[str]) -> str:
        out = []
        lines = None
        if text is not None and diagnostics and self.settings.show_source:
            # (the grammar's text layer: a report without the source needs none of it)
            from cablelint.grammar.source import text_lines

            lines = text_lines(text)
        for d in diagnostics:
            out.append(self.headline(d, self.style) + "\n")
            if self.settings.show_source:
                out.append(self.excerpt(d, lines, self.style, self.settings.encoding))
            self.counts[d.severity] += 1
            self.by_code[d.code] += 1
            self.names[d.code] = d.name
            if d.fix is not None:
                self.fixable[d.code] += 1
        return "".join(out)

    def end(self) -> str:
        out = self.statistics() if self.settings.statistics else ""
        if not self.settings.quiet:
            out += self.summary() + "\n"
        return out

    @staticmethod
    def headline(d: Diagnostic, style: _Style) -> str:
        where = style(f"{visible(d.path)}:{d.span.line}:{d.span.column}:", bold=True)
        code = style(d.code, fg=SEVERITY_COLORS.get(d.severity), bold=True)
        fix = " [*]" if d.fix is not None else ""
        return f"{where} {code} [{d.severity}] {d.message}{fix}"

    @staticmethod
    def excerpt(d: Diagnostic, lines: Optional[list[str]], style: _Style, encoding: Optional[str] = None) -> str:
        if not lines or not 1 <= d.span.line <= len(lines):
            return ""
        text = lines[d.span.line - 1]
        gutter = str(d.span.line)
        pad = " " * len(gutter)
        start = d.span.column - 1
        if d.span.end_line == d.span.line:
            width = max(d.span.end_column - d.span.column, 1)
        else:
            width = max(len(text) - start, 1)
        left, right, before, after = 0, len(text), "", ""
        if len(text) > MAX_SHOWN:  # show a window around the span, marked with ellipses
            left = max(0, start - CONTEXT)
            right = min(len(text), left + MAX_SHOWN)
            before = "..." if left else ""
            after = "..." if right < len(text) else ""
            width = max(1, min(width, right - start))
        # each character shown as the terminal shows it (a tab, a control character,
        # one the stream cannot carry): the span's columns are code points of the line.
        # Only those of the window: a long line's thousands of findings each made the
        # whole line over, their number times the line's length.
        shown = [_shown(c, encoding) for c in text[left:right]]
        line = before + "".join(shown) + after
        # the caret goes under the span as a terminal shows the line: a CJK character
        # or an emoji takes two cells, a combining mark none, an escape its length
        at = start - left
        lead = before + "".join(shown[:at])
        caret = style(" " * _cells(lead) + "^" * max(1, _cells("".join(shown[at : at + width]))), fg=SEVERITY_COLORS.get(d.severity), bold=True)
        bar = style("|", fg="blue")
        return f"{pad} {bar}\n{gutter} {bar} {line}\n{pad} {bar} {caret}\n"

    def statistics(self) -> str:
        """How many times each rule fired, most first."""
        width = max((len(str(n)) for n in self.by_code.values()), default=1)
        out = []
        for code, n in sorted(self.by_code.items(), key=lambda kv: (-kv[1], kv[0])):
            mark = " [*]" if self.fixable[code] else ""
            out.append(f"{n:>{width}}\t{self.style(code, bold=True)}\t{self.names[code]}{mark}\n")
        return "".join(out)

    def summary(self) -> str:
        files = plural(self.settings.files, "file")
        failed = self.failed()
        if not self.counts and not failed:
            return self.style(f"All clean: {files} checked, no findings.", fg="green")
        if not self.counts:  # no findings, but not clean: some text was not linted
            return self.style(f"No findings in {files} checked, but {failed}.", fg="red")
        parts = [plural(self.counts[s], s) for s in ("error", "warning", "info") if self.counts[s]]
        fixable = sum(self.fixable.values())
        tail = f" {fixable} with a safe fix." if fixable else ""
        also = f" And {failed}." if failed else ""
        return f"Found {', '.join(parts)} in {files} checked.{tail}{also}"

    def failed(self) -> str:
        """What was not linted for an internal error ('' when all was): said so that
        a run with one is never called clean."""
        said = []
        if self.unlinted:
            said.append(f"{plural(len(self.unlinted), 'file')} could not be linted")
        if self.rule_failed:
            said.append(f"a rule failed on {plural(len(self.rule_failed), 'other file' if self.unlinted else 'file')}")
        return f"{' and '.join(said)} (internal error, told on standard error)" if said else ""


class _Style:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if self.enabled else text  # type: ignore[arg-type]
