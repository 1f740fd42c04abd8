"""Recall of the P rules on real cables with one injected paragraph defect each."""

from __future__ import annotations

from typing import Optional

import pytest

from cablelint.model import Cable, Paragraph
from cablelint.rules.p_numbering import _numbered
from tests.recall.recall import REQUIRED, Mutation, linter_for, recall, replace_span, unrecorded_errors


def _middle(cable: Cable) -> Optional[tuple[Paragraph, Paragraph, Paragraph]]:
    """A paragraph in the middle of a clean run n-1, n, n+1, with its neighbours."""
    paras = _numbered(cable)
    if len(paras) < 3:
        return None
    k = len(paras) // 2
    before, para, after = paras[k - 1], paras[k], paras[k + 1]
    if not (before.number + 1 == para.number == after.number - 1):
        return None
    return before, para, after


def _renumber(text: str, para: Paragraph, new: int) -> Optional[str]:
    digits = str(para.number)
    at = para.number_span.start
    if text[at : at + len(digits)] != digits:
        return None
    return text[:at] + str(new) + text[at + len(digits) :]


def skip_number(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    found = _middle(cable)
    if found is None:
        return None
    para = found[1]
    out = _renumber(text, para, para.number + 1)
    return (out, para.span.line) if out else None


def repeat_number(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    found = _middle(cable)
    if found is None:
        return None
    para = found[1]
    out = _renumber(text, para, para.number - 1)
    return (out, para.span.line) if out else None


def _marked_middle(cable: Cable) -> Optional[Paragraph]:
    found = _middle(cable)
    if found is None or found[1].marker is None or any(p.entire_text for p in cable.paragraphs):
        return None
    return found[1]


def remove_marker_classified(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    para = _marked_middle(cable)
    if para is None or (cable.level_rank or 0) < 1 or para.marker is None:
        return None
    span = para.marker.span
    end = span.end + len(para.gap_after)
    return text[: span.start] + text[end:], para.span.line


def lower_case_marker(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    para = _marked_middle(cable)
    if para is None or para.marker is None or para.problems or para.marker.text.lower() == para.marker.text:
        return None
    return replace_span(text, para.marker.span, para.marker.text.lower()), para.span.line


def unknown_marker(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    para = _marked_middle(cable)
    if para is None or para.marker is None:
        return None
    return replace_span(text, para.marker.span, "(X)"), para.span.line


def marker_spacing(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    para = _marked_middle(cable)
    if para is None or para.marker is None or para.gap_before != " " or para.number_gap:
        return None
    at = para.number_span.end
    if text[at : at + 1] != " ":
        return None
    return text[:at] + text[at + 1 :], para.span.line


def skip_subparagraph(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    subs = cable.subparagraphs
    for i in range(len(subs) - 1, 0, -1):
        sub, prev = subs[i], subs[i - 1]
        if (sub.paragraph, sub.style) != (prev.paragraph, prev.style) or ord(sub.label) != ord(prev.label) + 1:
            continue
        if i + 1 < len(subs) and (subs[i + 1].paragraph, subs[i + 1].style) == (sub.paragraph, sub.style):
            continue  # take the last letter of a run
        at = sub.span.start + (1 if sub.style == "(a)" else 0)
        if text[at] != sub.label or sub.label in "zZ":
            return None
        return text[:at] + chr(ord(sub.label) + 1) + text[at + 1 :], sub.span.line
    return None


def _summary_pair(cable: Cable):  # type: ignore[no-untyped-def]
    marks = [m for m in cable.block_markers if m.kind == "SUMMARY"]
    if len(marks) != 2 or marks[0].role != "open" or marks[1].role != "end":
        return None
    return marks[0], marks[1]


def remove_summary_opening(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    pair = _summary_pair(cable)
    if pair is None:
        return None
    opening, end = pair
    return replace_span(text, opening.span, ""), end.span.line


def remove_summary_end(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    pair = _summary_pair(cable)
    if pair is None or not cable.paragraphs or opening_in_last(cable, pair[0].span.line):
        return None
    opening, end = pair
    return replace_span(text, end.span, ""), opening.span.line


def opening_in_last(cable: Cable, line: int) -> bool:
    return line >= cable.paragraphs[-1].span.line


KINDS: list[tuple[str, str, Mutation]] = [
    ("skip-paragraph-number", "P001", skip_number),
    ("repeat-paragraph-number", "P001", repeat_number),
    ("remove-marker-classified", "P002", remove_marker_classified),
    ("lower-case-marker", "P003", lower_case_marker),
    ("unknown-marker", "P003", unknown_marker),
    ("marker-spacing", "P004", marker_spacing),
    ("skip-subparagraph-letter", "P006", skip_subparagraph),
    ("remove-summary-opening", "P007", remove_summary_opening),
    ("remove-end-summary", "P007", remove_summary_end),
]


@pytest.mark.parametrize("kind,code,mutation", KINDS, ids=[k[0] for k in KINDS])
def test_recall(parsed_real, kind: str, code: str, mutation: Mutation) -> None:  # type: ignore[no-untyped-def]
    rate, tried, misses = recall(linter_for("P"), parsed_real, code, mutation)
    print(f"{kind} ({code}): {rate:.1%} of {tried}")
    assert tried > 0, f"no real cable offers a place for {kind}"
    assert rate >= REQUIRED, f"{kind}: {code} found {rate:.1%} of {tried}; missed {misses[:5]}"


def test_error_findings_on_real_cables_are_verified_defects(parsed_real) -> None:  # type: ignore[no-untyped-def]
    assert unrecorded_errors(linter_for("P"), parsed_real, "p_paragraphs") == []
