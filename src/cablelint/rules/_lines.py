"""Where a missing part was expected: the header families' shared position helper."""

from __future__ import annotations

from cablelint.model import Cable
from cablelint.span import Span


def line_after(cable: Cable, line_number: int) -> Span:
    """The first non-blank line after line *line_number* (1-based), without its
    surrounding whitespace; the end of the text when there is none."""
    for line in cable.lines[line_number:]:
        if line.text.strip():
            lead = len(line.text) - len(line.text.lstrip())
            return line.span(lead, len(line.text.rstrip()))
    return cable.end_span
