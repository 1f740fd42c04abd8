"""Recall of the C rules: inject each defect into real cables and require the finding."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Optional

import pytest

from cablelint.grammar.parser import parse_text
from cablelint.model import Cable
from cablelint.rules._places import text_start
from tests.recall.mutations import Mutation, alone, delete_lines, first_caption, insert_after, lines_of, pool, replace, run_kind

SPACED = {"S E C R E T": "SS E C R E T", "C O N F I D E N T I A L": "CC O N F I D E N T I A L", "UNCLAS": "UUNCLAS"}
ABOVE = {0: "C", 1: "S", 2: "TS"}


def _class_line(cable: Cable) -> Optional[int]:
    cls = cable.classification
    if cls is None or cls.span.line != cls.span.end_line or not alone(cable, cls.span):
        return None
    return cls.span.line


def delete_class_line(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    line = _class_line(cable)
    if line is None:
        return None
    rest = lines_of(cable)[line:]
    nonblank = next((i for i, raw in enumerate(rest) if raw.strip()), None)
    if nonblank is None:
        return None
    mutant, expected = delete_lines(cable, line, line), line + nonblank
    # Not applicable where another line takes the class line's place (a retransmitted
    # cable's own class line, a "SECRET NOFORN" banner), or where the parser then reads a
    # wrapper (metadata dump, received-copy distribution block) as the start of the text.
    again = parse_text(mutant)
    if again.classification is not None or text_start(again) != expected:
        return None
    return mutant, expected


def damage_class_line(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    line = _class_line(cable)
    if line is None:
        return None
    level = cable.classification.level_text  # type: ignore[union-attr]
    if level.text not in SPACED:
        return None
    return replace(text, level.span.start, level.span.end, SPACED[level.text]), line


def raise_paragraph_marker(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    rank = cable.level_rank
    if rank is None or rank not in ABOVE:
        return None
    para = next((p for p in cable.paragraphs if p.marker is not None and p.level is not None), None)
    if para is None:
        return None
    m = para.marker
    assert m is not None
    return replace(text, m.span.start, m.span.end, f"({ABOVE[rank]})"), m.span.line


def _authority_required(cable: Cable) -> bool:
    if cable.eo is not None and cable.eo.order is not None and cable.eo.order.text in ("11652", "12065", "12356"):
        return False
    return cable.date is None or cable.date.replace(tzinfo=None) >= datetime(1995, 10, 14)


def delete_classified_by(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    if (cable.level_rank or 0) < 1 or not _authority_required(cable):
        return None
    span = first_caption(cable, "classified_by")
    if span is None or not alone(cable, span):
        return None
    removed = span.end_line - span.line + 1
    ends = [s.end_line if s.end_line < span.line else s.end_line - removed for k, s in cable.captions if s != span]
    if cable.classification is not None:
        ends.append(cable.classification.span.end_line)
    if not ends:
        return None
    return delete_lines(cable, span.line, span.end_line), max(ends) + 1


def add_classified_by(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    if cable.level_rank != 0 or cable.classified_by is not None or not cable.captions:
        return None
    last = max(s.end_line for _, s in cable.captions)
    return insert_after(cable, last, ["\n", "Classified By: Ambassador Jane Doe for reasons 1.4 (b) and (d).\n"]), last + 2


def unknown_caveat(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    line = _class_line(cable)
    if line is None:
        return None
    return insert_after(cable, line, ["EXDISS\n"]), line + 1


def nf_without_noforn(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    rank = cable.level_rank
    if rank is None or rank < 1 or "NOFORN" in cable.caveat_names:
        return None
    if any("NF" in p.controls for p in cable.paragraphs) or (cable.subject is not None and "NF" in cable.subject.controls):
        return None
    para = next((p for p in cable.paragraphs if p.marker is not None and p.level in ("C", "S", "TS") and not p.controls), None)
    if para is None or para.marker is None:
        return None
    return replace(text, para.marker.span.start, para.marker.span.end, f"({para.level}/NF)"), para.marker.span.line


def sbu_without_sensitive(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    if cable.level_rank != 0:
        return None
    sensitive = [c for c in cable.caveats if "SENSITIVE" in c.name]
    sbu = [p for p in cable.paragraphs if p.level == "SBU" and p.marker is not None]
    if sensitive:
        # delete the SENSITIVE caption when it has a line to itself
        if len(sensitive) != 1 or not sbu or any(n == "SBU" for n in cable.caveat_names):
            return None
        span = sensitive[0].span
        if not alone(cable, span) or [c for c in cable.caveats if c.span.line == span.line] != sensitive:
            return None
        first = sbu[0].marker.span.line  # type: ignore[union-attr]
        return delete_lines(cable, span.line, span.line), first - 1
    para = next((p for p in cable.paragraphs if p.marker is not None and p.level == "U"), None)
    if sbu or para is None or para.marker is None or cable.subject is not None and cable.subject.level == "SBU":
        return None
    return replace(text, para.marker.span.start, para.marker.span.end, "(SBU)"), para.marker.span.line


def sensitive_on_classified(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    """SENSITIVE under a classified cable's classification line, where the portions
    do not say the text is unclassified (C009's then)."""
    line = _class_line(cable)
    if line is None or (cable.level_rank or 0) < 1 or any("SENSITIVE" in name for name in cable.caveat_names):
        return None
    if cable.paragraphs and all(p.level in ("U", "SBU") for p in cable.paragraphs):
        return None
    return insert_after(cable, line, ["SENSITIVE\n"]), line + 1


def exdis_on_unclassified(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    """EXDIS under a plain UNCLAS cable's classification line (no SBU, no LOU)."""
    line = _class_line(cable)
    if line is None or cable.level_rank != 0 or cable.level == "LIMITED OFFICIAL USE" or any("SENSITIVE" in name for name in cable.caveat_names):
        return None
    levels = [p.level for p in cable.paragraphs] + ([cable.subject.level] if cable.subject is not None else [])
    if any(level not in (None, "U") for level in levels):
        return None
    return insert_after(cable, line, ["EXDIS\n"]), line + 1


KINDS: dict[str, tuple[str, Mutation]] = {
    "delete-class-line": ("C001", delete_class_line),
    "damage-class-line": ("C002", damage_class_line),
    "paragraph-above-level": ("C003", raise_paragraph_marker),
    "delete-classified-by": ("C004", delete_classified_by),
    "classified-by-on-unclas": ("C005", add_classified_by),
    "unknown-caveat": ("C006", unknown_caveat),
    "nf-without-noforn": ("C007", nf_without_noforn),
    "sbu-without-sensitive": ("C008", sbu_without_sensitive),
    "sensitive-on-classified": ("C010", sensitive_on_classified),
    "exdis-on-unclassified": ("C011", exdis_on_unclassified),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_recall(kind: str, real_cables: list[Path]) -> None:
    code, mutation = KINDS[kind]
    run_kind(kind, code, mutation, pool(real_cables))
