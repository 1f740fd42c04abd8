"""The interface every reporter implements: a report written as the files come.

A run makes one reporter with the :class:`Settings` of its report, then asks it for
the report piece by piece: :meth:`Reporter.begin`, :meth:`Reporter.file` for each
file in path order (the order of :meth:`Diagnostic.sort_key`), and
:meth:`Reporter.end`. Each returns the text to write next; the caller writes it
(standard output, or a report file), so a file's findings are out as soon as it and
the files before it are linted, and a reporter keeps only what its format needs
until the end (counts; JUnit, whose header counts the failures, all the findings).
"""

from __future__ import annotations

import os
from typing import Optional, Sequence

from cablelint.files import named_path
from cablelint.linter.diagnostic import Diagnostic
from cablelint.records import record


def normal_path(path: str) -> str:
    """*path* as a repository names its file: without ``./`` or ``x/..``, with
    forward slashes (standard input, ``-``, as it is): what CI reports match files by
    and fingerprint. A ``..`` is taken as the system takes it (after a link, from
    where the link leads: :func:`~cablelint.files.named_path`), so that the name is
    of the file linted."""
    if path == "-":
        return path
    if os.pardir in path:
        full = named_path(path)
        try:
            path = full if os.path.isabs(path) else os.path.relpath(full)
        except ValueError:  # another drive (Windows)
            path = full
    return os.path.normpath(path).replace(os.sep, "/")

# the severities that fail a run (--strict adds info)
FAILING = ("error", "warning")


@record
class Settings:
    """What a report is made of besides the findings."""

    files: int  # files checked (readable or not)
    # every file checked, in the order the files were named and folders walked
    # (with or without findings), as displayed
    paths: Sequence[str] = ()
    show_source: bool = False
    color: bool = False
    statistics: bool = False
    quiet: bool = False
    # the severities that fail the run (--strict: info too), which JUnit fails
    failing: tuple[str, ...] = FAILING
    # the encoding of the stream the report goes to when it cannot carry every
    # character (PYTHONIOENCODING=ascii): the source lines are shown as it shows them,
    # and the other formats write what it cannot carry as their own escapes (JSON's
    # \u00e9, XML's &#233;, <U+00E9> in GitHub's commands), never the stream's
    encoding: Optional[str] = None


class Reporter:
    """Writes one report, begun, given each file, and ended. Subclasses set ``name``
    and override what their format needs."""

    name: str = ""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # the files the parser failed on, not linted at all, and the others a rule
        # failed on, linted without it: each path with what failed there
        self.unlinted: dict[str, str] = {}
        self.rule_failed: dict[str, str] = {}

    def crashed(self, unlinted: dict[str, str], rule_failed: dict[str, str]) -> None:
        """Before :meth:`end`: the files the parser failed on, and the others a rule
        failed on (each an internal error, told on standard error), each with what
        failed there ('ValueError: ...'; 'rule S003: ValueError: ...'), so that the
        report does not call such a run clean nor such a file passed."""
        self.unlinted, self.rule_failed = unlinted, rule_failed

    def failures(self) -> list[tuple[str, str]]:
        """Each file :meth:`crashed` told of, with what a report says of it."""
        failed = [(path, f"internal error while parsing: {error} (the file was not linted)") for path, error in self.unlinted.items()]
        return failed + [(path, f"internal error: {error} (the file was linted without the rule)") for path, error in self.rule_failed.items()]

    def needs_text(self) -> bool:
        """Whether :meth:`file` reads the text of a file with findings."""
        return False

    def begin(self) -> str:
        """What comes before the first file's findings."""
        return ""

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: Optional[str]) -> str:
        """One file's findings, sorted, shown by *path* (its text as linted, None when
        unread or unreadable, or when :meth:`needs_text` is False). Called for each
        file in path order, findings or not."""
        return ""

    def end(self) -> str:
        """What comes after the last file's findings."""
        return ""
