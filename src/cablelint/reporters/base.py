"""What every reporter receives, and the interface it implements."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Optional, Sequence, TextIO

from cablelint.linter.diagnostic import Diagnostic


@dataclass
class Report:
    """The outcome of one run, in path order."""

    diagnostics: Sequence[Diagnostic]
    files: int  # files checked (readable or not)
    # the text of a file by path, for reporters that show source lines
    source: Callable[[str], Optional[str]] = lambda path: None
    show_source: bool = False
    color: bool = False
    statistics: bool = False
    quiet: bool = False
    # every file checked, in the order linted (with or without findings), as displayed
    paths: Sequence[str] = ()

    def counts(self) -> Counter[str]:
        return Counter(d.severity for d in self.diagnostics)


class Reporter:
    """Writes a Report to a stream. Subclasses set ``name`` and implement ``write``."""

    name: str = ""

    def write(self, report: Report, out: TextIO) -> None:
        raise NotImplementedError
