"""H: the standard order of the captions, and where a missing one was expected (cable-format.md 3.9)."""

from __future__ import annotations

from typing import Optional

from cablelint.model import Cable, ErrorNode
from cablelint.quote import clip
from cablelint.rules._places import head_end, late_attention_lines, line_start
from cablelint.span import Span

# Standard order of the captions after the handling captions (3.9).
ORDER = ("eo", "tags", "subject", "refs")
NAMES = {"eo": "E.O.", "tags": "TAGS", "subject": "SUBJECT", "refs": "REF", "classified_by": "Classified By"}


def first_caption(cable: Cable, kind: str) -> Optional[Span]:
    return next((span for k, span in cable.captions if k == kind), None)


def missing_at(cable: Cable, kind: str) -> Span:
    """Where caption *kind* was expected: just before the next caption of the standard
    order that is present, else on the line after the last one before it; but at a
    line the grammar could not place that stands first after the one before it (what
    is left of the caption: "Valenzuela", a subject's second line), before the next."""
    index = ORDER.index(kind)
    before = head_end(cable)
    for k in ORDER[:index]:
        span = first_caption(cable, k)
        if span is not None:
            before = max(before, span.end_line)
    after = [s.line for k in ORDER[index + 1 :] if (s := first_caption(cable, k)) is not None and s.line > before]
    end = min(after) if after else None
    stray = _first_unplaced(cable, before, end) if cable.errors else None
    if stray is not None:
        return line_start(cable, stray.span.line)
    return line_start(cable, end if end is not None else before + 1)


def _first_unplaced(cable: Cable, before: int, end: Optional[int]) -> Optional[ErrorNode]:
    """The line the grammar could not place that is the first non-blank line after
    line *before* and stands before line *end*, if there is one (not an attention
    line among the captions: H010's)."""
    late = late_attention_lines(cable)  # (H010's)
    for err in sorted(cable.errors, key=lambda e: e.span.line):
        line = err.span.line
        if err.zone == "header" or line <= before or err in late:
            continue
        if (end is not None and line >= end) or any(cable.lines[k].text for k in range(before, line - 1)):
            return None
        return err
    return None


def cut_off(cable: Cable, kind: str) -> bool:
    """Whether caption *kind* would stand where the archive's text stops ("..."
    before any paragraph: Cable.truncated): no caption of a later kind is there."""
    return cable.truncated and not any(first_caption(cable, k) is not None for k in ORDER[ORDER.index(kind) + 1 :])


def missing_message(cable: Cable, kind: str, *shapes: str) -> str:
    """'no TAGS line: expected 'TAGS: <tags>' before SUBJECT', with each of the
    line's *shapes* quoted on its own ('A' or 'B')."""
    index = ORDER.index(kind)
    nxt = next((k for k in ORDER[index + 1 :] if first_caption(cable, k) is not None), None)
    where = f" before {NAMES[nxt]}" if nxt else " after the captions above"
    stray = unplaced_at(cable, missing_at(cable, kind).line)
    instead = f"; '{clip(stray.text.strip())}' stands in its place and fits no part of the cable" if stray is not None else ""
    quoted = " or ".join(f"'{shape}'" for shape in shapes)
    return f"no {NAMES[kind]} line: expected {quoted}{where}{instead}"


def unplaced_at(cable: Cable, line: int) -> Optional[ErrorNode]:
    """The line the grammar could not place at *line*, outside the routing header, if any."""
    if not cable.errors:
        return None
    return next((e for e in cable.errors if e.span.line == line and e.zone != "header"), None)


def missing_caption_lines(cable: Cable) -> set[int]:
    """The lines where a missing E.O., TAGS or SUBJECT line was expected (H001, H005
    and H008 report each there)."""
    present = {"eo": cable.eo, "tags": cable.tags, "subject": cable.subject}
    return {missing_at(cable, kind).line for kind, found in present.items() if found is None}
