"""H: the standard order of the captions, and where a missing one was expected (cable-format.md 3.9)."""

from __future__ import annotations

from typing import Optional

from cablelint.model import Cable
from cablelint.rules._places import head_end, line_start
from cablelint.span import Span

# Standard order of the captions after the handling captions (3.9).
ORDER = ("eo", "tags", "subject", "refs")
NAMES = {"eo": "E.O.", "tags": "TAGS", "subject": "SUBJECT", "refs": "REF", "classified_by": "Classified By"}


def first_caption(cable: Cable, kind: str) -> Optional[Span]:
    return next((span for k, span in cable.captions if k == kind), None)


def missing_at(cable: Cable, kind: str) -> Span:
    """Where caption *kind* was expected: just before the next caption of the standard
    order that is present, else on the line after the last one before it."""
    index = ORDER.index(kind)
    before = head_end(cable)
    for k in ORDER[:index]:
        span = first_caption(cable, k)
        if span is not None:
            before = max(before, span.end_line)
    after = [s.line for k in ORDER[index + 1 :] if (s := first_caption(cable, k)) is not None and s.line > before]
    return line_start(cable, min(after) if after else before + 1)


def missing_message(cable: Cable, kind: str, shape: str) -> str:
    index = ORDER.index(kind)
    nxt = next((k for k in ORDER[index + 1 :] if first_caption(cable, k) is not None), None)
    where = f" before {NAMES[nxt]}" if nxt else " after the captions above"
    return f"no {NAMES[kind]} line: expected '{shape}'{where}"
