"""Recall of the H rules: inject each defect into real cables and require the finding."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

import pytest

from cablelint.data import load_tags
from cablelint.model import Cable
from cablelint.rules._places import head_end
from tests.recall.mutations import Mutation, alone, delete_lines, first_caption, insert_after, lines_of, pool, replace, run_kind

TYPO = {"12958": "12598", "13526": "13256", "12356": "12536", "12065": "12605", "11652": "11562"}
VOCABULARY = frozenset(load_tags())


def _deleted(cable: Cable, kind: str, successors: tuple[str, ...]) -> Optional[tuple[str, int]]:
    """Delete caption *kind*; expect the finding at the next caption of the standard
    order, or on the line after the captions before it."""
    span = first_caption(cable, kind)
    if span is None or not alone(cable, span) or span.end_line >= len(cable.lines):
        return None  # a caption on the last line of an extract: nothing left to point at
    removed = span.end_line - span.line + 1
    after = [s.line - removed for k in successors if (s := first_caption(cable, k)) is not None and s.line > span.end_line]
    if after:
        return delete_lines(cable, span.line, span.end_line), min(after)
    order = ("eo", "tags", "subject")
    before = [s.end_line for k in order[: order.index(kind)] if (s := first_caption(cable, k)) is not None and s.end_line < span.line]
    return delete_lines(cable, span.line, span.end_line), max(before + [head_end(cable)]) + 1


def delete_eo(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    if cable.eo is None or cable.tags is None or cable.tags.span.line <= cable.eo.span.line:
        return None  # TAGS on the E.O. line, or out of order
    return _deleted(cable, "eo", ("tags", "subject", "refs"))


def damage_eo(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    eo = cable.eo
    if eo is None or eo.order is None or eo.order.text not in TYPO or eo.problems:
        return None
    return replace(text, eo.order.span.start, eo.order.span.end, TYPO[eo.order.text]), eo.order.span.line


def wrong_order(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    eo = cable.eo
    if eo is None or eo.order is None or cable.date is None or eo.order.text not in TYPO:
        return None
    wrong = "12356" if cable.date.date() > date(1996, 1, 31) else "13526"
    if eo.order.text == wrong:
        return None
    return replace(text, eo.order.span.start, eo.order.span.end, wrong), eo.order.span.line


def na_on_classified(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    eo = cable.eo
    if eo is None or (cable.level_rank or 0) < 1 or eo.decl_keyword is None or eo.problems:
        return None
    end = (eo.decl_value or eo.decl_keyword).span.end
    return replace(text, eo.decl_keyword.span.start, end, "N/A"), eo.span.line


def delete_tags(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    return _deleted(cable, "tags", ("subject", "refs"))


def lower_case_tag(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    if cable.tags is None:
        return None
    tag = next((t for t in cable.tags.tags if not t.person and t.text in VOCABULARY and t.text.isalpha()), None)
    if tag is None:
        return None
    return replace(text, tag.span.start, tag.span.end, tag.text.lower()), tag.span.line


def unknown_tag(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    tags = cable.tags
    if tags is None or not tags.tags:
        return None
    line = cable.lines[tags.tags[0].span.line - 1]
    body = line.raw.rstrip()
    at = line.start + len(body)
    if body.endswith(","):
        new = " RU,"
    else:
        new = ", RU" if tags.separators == "comma" else " RU"
    return replace(text, at, at, new), line.number


def delete_subject(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    return _deleted(cable, "subject", ("refs",))


def swap_tags_and_eo(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    eo, tags = first_caption(cable, "eo"), first_caption(cable, "tags")
    if eo is None or tags is None or eo.line != eo.end_line or tags.line != tags.end_line or tags.line != eo.line + 1:
        return None
    if not alone(cable, eo) or not alone(cable, tags):
        return None
    lines = lines_of(cable)
    lines[eo.line - 1], lines[tags.line - 1] = lines[tags.line - 1], lines[eo.line - 1]
    return "".join(lines), tags.line


def duplicate_tags(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    tags = first_caption(cable, "tags")
    if tags is None or tags.line != tags.end_line or not alone(cable, tags):
        return None
    return insert_after(cable, tags.line, [lines_of(cable)[tags.line - 1]]), tags.line + 1


def decl_forty_years(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    eo = cable.eo
    if eo is None or eo.declassify_on is None or eo.decl_value is None or cable.date is None:
        return None
    when = cable.date.date()
    far = f"{when.month:02d}/{min(when.day, 28):02d}/{when.year + 40}"
    return replace(text, eo.decl_value.span.start, eo.decl_value.span.end, far), eo.decl_value.span.line


KINDS: dict[str, tuple[str, Mutation]] = {
    "delete-eo": ("H001", delete_eo),
    "damage-eo-order": ("H002", damage_eo),
    "order-for-date": ("H003", wrong_order),
    "na-on-classified": ("H004", na_on_classified),
    "delete-tags": ("H005", delete_tags),
    "lower-case-tag": ("H006", lower_case_tag),
    "unknown-tag": ("H007", unknown_tag),
    "delete-subject": ("H008", delete_subject),
    "swap-tags-and-eo": ("H010", swap_tags_and_eo),
    "duplicate-tags": ("H011", duplicate_tags),
    "decl-forty-years": ("H012", decl_forty_years),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_recall(kind: str, real_cables: list[Path]) -> None:
    code, mutation = KINDS[kind]
    run_kind(kind, code, mutation, pool(real_cables))
