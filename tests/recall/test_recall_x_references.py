"""Recall of the X rules on real cables with one injected reference defect each."""

from __future__ import annotations

from typing import Optional

import pytest

from cablelint.model import Cable, Reference
from cablelint.rules.x_citations import _letters
from tests.recall.recall import REQUIRED, Mutation, insert_at, line_end, linter_for, recall, unrecorded_errors


def _first_paragraph_line(cable: Cable) -> Optional[int]:
    return cable.paragraphs[0].span.line if cable.paragraphs else None


def _cite(text: str, cable: Cable, words: str) -> Optional[tuple[str, int]]:
    """Append a sentence citing *words* to the first line of paragraph 1."""
    line = _first_paragraph_line(cable)
    if line is None:
        return None
    return insert_at(text, line_end(cable, line), f" (See {words}.)"), line


def _labelled(cable: Cable) -> list[Reference]:
    refs = [r for r in cable.references if r.label is not None]
    if len(refs) < 2 or len(refs) != len(cable.references):
        return []
    if [r.label.text for r in refs] != [chr(ord("A") + i) for i in range(len(refs))]:  # type: ignore[union-attr]
        return []
    return refs


def _label_at_line_start(text: str, cable: Cable, ref: Reference) -> bool:
    label = ref.label
    assert label is not None
    line = cable.lines[label.span.line - 1]
    before = line.raw[: label.span.column - 1]
    return before.strip(" \t¶") == "" and text[label.span.end : label.span.end + 2] == ". "


def garbled_label(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    refs = _labelled(cable)
    if not refs or refs[1].kind != "cable" or refs[1].extra_label is not None or not _label_at_line_start(text, cable, refs[1]):
        return None
    at = refs[1].label.span.end  # type: ignore[union-attr]
    return text[:at] + "," + text[at + 1 :], refs[1].span.line


def skipped_label(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    refs = _labelled(cable)
    if not refs:
        return None
    last = refs[-1].label
    assert last is not None
    if text[last.span.start] != last.text or not _label_at_line_start(text, cable, refs[-1]):
        return None  # labels run on along one line are told from text by their sequence
    new = chr(ord(last.text) + 1)
    return text[: last.span.start] + new + text[last.span.end :], last.span.line


def undefined_reference(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    letters = _letters(cable)
    if not letters or len(letters) >= 25:
        return None
    return _cite(text, cable, f"Ref {chr(max(ord(letter) for letter, _ in letters) + 1)}")


def ambiguous_reftel(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    if len(cable.references) < 2:
        return None
    return _cite(text, cable, "reftel")


def reftel_without_block(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    if cable.ref_span is not None or cable.references:
        return None
    return _cite(text, cable, "reftel")


def paragraph_beyond_last(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    if not cable.paragraphs:
        return None
    return _cite(text, cable, f"para {max(p.number for p in cable.paragraphs) + 5} below")


def future_reference(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    if cable.date is None:
        return None
    for ref in cable.references:
        body_start = ref.span.end - len(ref.text)
        if ref.kind != "cable" or text[body_start : ref.span.end] != ref.text:
            continue
        future = f"{(cable.date.year + 1) % 100:02d}"
        digits = len(ref.text) - len(ref.text.lstrip("0123456789"))
        if digits == 0:
            return insert_at(text, body_start, future + " "), ref.span.line
        if digits in (2, 4):
            year = future if digits == 2 else str(cable.date.year + 1)
            return text[:body_start] + year + text[body_start + digits :], ref.span.line
        return None
    return None


def doubled_label(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    refs = _labelled(cable)
    if not refs or text[refs[0].label.span.end : refs[0].label.span.end + 2] != ". ":  # type: ignore[union-attr]
        return None
    label = refs[0].label
    assert label is not None
    return insert_at(text, label.span.end + 2, f"{label.text}) "), label.span.line


KINDS: list[tuple[str, str, Mutation]] = [
    ("garbled-label", "X001", garbled_label),
    ("skipped-label", "X002", skipped_label),
    ("undefined-reference", "X003", undefined_reference),
    ("reftel-with-several-refs", "X005", ambiguous_reftel),
    ("reftel-without-block", "X006", reftel_without_block),
    ("paragraph-beyond-last", "X007", paragraph_beyond_last),
    ("future-reference", "X008", future_reference),
    ("doubled-label", "X009", doubled_label),
]


@pytest.mark.parametrize("kind,code,mutation", KINDS, ids=[k[0] for k in KINDS])
def test_recall(parsed_real, kind: str, code: str, mutation: Mutation) -> None:  # type: ignore[no-untyped-def]
    rate, tried, misses = recall(linter_for("X"), parsed_real, code, mutation)
    print(f"{kind} ({code}): {rate:.1%} of {tried}")
    assert tried > 0, f"no real cable offers a place for {kind}"
    assert rate >= REQUIRED, f"{kind}: {code} found {rate:.1%} of {tried}; missed {misses[:5]}"


def test_error_findings_on_real_cables_are_verified_defects(parsed_real) -> None:  # type: ignore[no-untyped-def]
    assert unrecorded_errors(linter_for("X"), parsed_real, "x_references") == []
