"""Recall of the S rules on real cables with one injected structural defect each."""

from __future__ import annotations

import re
from typing import Optional

import pytest

from cablelint.grammar.patterns import field
from cablelint.model import Cable
from tests.recall.recall import REQUIRED, Mutation, linter_for, lines_of, recall, replace_span, unrecorded_errors

_TEXT_END = field("SIGNATURE_AFTER")  # a line a signature may follow


def _caption_span(cable: Cable, kind: str):  # type: ignore[no-untyped-def]
    return next((span for k, span in cable.captions if k == kind), None)


def captions_after_body(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    """Move the E.O., TAGS and SUBJECT lines to after the last paragraph."""
    eo, tags, subject = (_caption_span(cable, k) for k in ("eo", "tags", "subject"))
    if eo is None or tags is None or subject is None or not cable.paragraphs:
        return None
    if not (eo.end_line + 1 == tags.line and tags.end_line + 1 == subject.line):
        return None
    last = cable.paragraphs[-1].span.end_line
    if last <= subject.end_line or cable.signature is None or cable.signature.appended:
        return None
    lines = lines_of(text)
    block = lines[eo.line - 1 : subject.end_line]
    if not block[-1].endswith("\n") or not lines[last - 1].endswith("\n"):
        return None
    rest = lines[: eo.line - 1] + lines[subject.end_line :]
    at = last - len(block)  # the last paragraph's end, in *rest*
    out = rest[:at] + ["\n"] + block + rest[at:]
    return "".join(out), at + 2


def remove_signature(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    sig = cable.signature
    if sig is None or cable.trailer or cable.body_span is None:
        return None
    if sig.appended:
        line = cable.lines[sig.span.line - 1].raw
        start = sig.span.start - (len(line[: sig.span.column - 1]) - len(line[: sig.span.column - 1].rstrip()))
        return text[:start] + text[sig.span.end :], sig.span.line
    lines = lines_of(text)
    previous = sig.span.line - 1
    while previous > 0 and not lines[previous - 1].strip():
        previous -= 1
    if previous == 0:
        return None
    return "".join(lines[: sig.span.line - 1] + lines[sig.span.line :]), _above_footer(lines, previous)


# the first line of a post's website footer (cable.lark's FOOTER_LINE)
_FOOTER = re.compile(r'[ \t]*"?(?:Please +)?(?i:visit)\b.*(?i:classified +web ?site).*')


def _above_footer(lines: list[str], last: int) -> int:
    """*last*, or, when the lines up to *last* (three at most, no blank among them) are
    a website footer under a line that ends a sentence, that line: without the
    signature the footer closes the cable and is its tail, not its text (lexer.py)."""
    k = last
    while k > 0 and last - k < 3 and lines[k - 1].strip():
        if _FOOTER.fullmatch(lines[k - 1].rstrip("\r\n")):
            above = k - 1
            while above > 0 and not lines[above - 1].strip():
                above -= 1
            if above > 0 and _TEXT_END.fullmatch(lines[above - 1].rstrip("\r\n")):
                return above
            return last
        k -= 1
    return last


def impossible_section(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    cls = cable.classification
    if cls is None or cls.section is None or cls.section_total is None:
        return None
    return replace_span(text, cls.section.span, "SECTION 03 OF 02"), cls.section.span.line


def garbage_between_captions(text: str, cable: Cable) -> Optional[tuple[str, int]]:
    """A stray line between the E.O. line and the caption right after it."""
    kinds = [k for k, _ in cable.captions]
    if "eo" not in kinds:
        return None
    i = kinds.index("eo")
    if i + 1 >= len(kinds):
        return None
    eo, after = cable.captions[i][1], cable.captions[i + 1][1]
    if after.line != eo.end_line + 1:
        return None
    lines = lines_of(text)
    ending = "\r\n" if lines[eo.end_line - 1].endswith("\r\n") else "\n"
    return "".join(lines[: eo.end_line] + ["#@!% ~~ 12 ~~" + ending] + lines[eo.end_line :]), eo.end_line + 1


KINDS: list[tuple[str, str, Mutation]] = [
    ("captions-after-body", "S001", captions_after_body),
    ("remove-signature", "S002", remove_signature),
    ("impossible-section", "S003", impossible_section),
    ("garbage-between-captions", "S004", garbage_between_captions),
]


@pytest.mark.parametrize("kind,code,mutation", KINDS, ids=[k[0] for k in KINDS])
def test_recall(parsed_real, kind: str, code: str, mutation: Mutation) -> None:  # type: ignore[no-untyped-def]
    rate, tried, misses = recall(linter_for("S"), parsed_real, code, mutation)
    print(f"{kind} ({code}): {rate:.1%} of {tried}")
    assert tried > 0, f"no real cable offers a place for {kind}"
    assert rate >= REQUIRED, f"{kind}: {code} found {rate:.1%} of {tried}; missed {misses[:5]}"


def test_error_findings_on_real_cables_are_verified_defects(parsed_real) -> None:  # type: ignore[no-untyped-def]
    assert unrecorded_errors(linter_for("S"), parsed_real, "s_structure") == []
