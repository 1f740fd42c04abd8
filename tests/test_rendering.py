"""The rendering guard's shortcut (linter/rendering.keeps_a_page): fixes that surely
leave an archive page read as one are told without parsing the fixed text. It may
answer "not sure" too often, never "sure" wrongly."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablelint.grammar.parser import parse_text
from cablelint.linter import rendering
from cablelint.linter.rendering import apply_edits, keeps_a_page
from cablelint.linter.rule import Edit
from cablelint.span import Span
from tests.conftest import CORPUS, check_json

PAGES = sorted((CORPUS / "valid").glob("cablegate-*.cable"))
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in PAGES}


def _edit(start: int, end: int, replacement: str) -> Edit:
    # (the shortcut reads the offsets only)
    return Edit(Span(1, 1, 1, 1, start, end), replacement)


def test_the_corpus_pages_read_as_archive_pages() -> None:
    assert len(PAGES) >= 10
    for name, text in TEXTS.items():
        assert parse_text(text).dialect == "cablegate", name


def test_a_page_with_signed_lines_and_plain_fixes_is_kept_without_parsing() -> None:
    text = "\u00b61. (C) One.\n\n\u00b62.(C) Two.\n"
    assert keeps_a_page(text, "cablegate", [_edit(text.index("(C) Two"), text.index("(C) Two"), " ")])


@pytest.mark.parametrize(
    ("text", "replacement", "why"),
    [
        ("\u00b61. (C) One.\n\n2.(C) Two.\n", " ", "one signed line only: a lone sign pasted in, which the fix may make"),
        ("\u00b61. (C) One.\n\n\u00b62.(C) Two.\n", "[1](#) ", "the fix writes a link: the page may read as Markdown"),
        ("\u00b61. (C) One.\n\n\u00b62.(C) Two.\n", "\n# ", "the fix starts a line with '#': a heading"),
        ("\u00b61. (C) One.\n\n\u00b6#(C) Two.\n", " ", "a '#' after a sign: a heading once the sign is taken out (review33)"),
        ("\u00b61. (C) One.\n\n\u00b6 \u00b6#(C) Two.\n", " ", "a '#' after two signs"),
        ("\u00b61. (C) One \\- a.\n\n\u00b62.(C) Two.\n", " ", "the page holds an escape already"),
        ("\u00b61. (C) One.\r\n\r\n\u00b62.(C) Two.\r\n", " ", "carriage returns: not cut here as the reader cuts"),
    ],
)
def test_the_shortcut_is_not_sure_where_the_rendering_may_change(text: str, replacement: str, why: str) -> None:
    at = text.index("(C) Two")
    assert not keeps_a_page(text, "cablegate", [_edit(at, at, replacement)]), why


def test_a_fix_that_unsigns_a_line_is_not_taken_as_kept() -> None:
    text = "\u00b61. (C) One.\n\n\u00b62. (C) Two.\n"
    # (the second line's sign pushed behind a word: one signed line is left)
    assert not keeps_a_page(text, "cablegate", [_edit(text.index("\u00b62"), text.index("\u00b62"), "AND ")])
    assert keeps_a_page(text, "cablegate", [_edit(text.index("\u00b62") + 1, text.index("\u00b62") + 1, " ")])


def test_only_an_archive_page_is_told() -> None:
    text = "\u00b61. (C) One.\n\n\u00b62.(C) Two.\n"
    for dialect in ("telegram", "draft", "markdown", None):
        assert not keeps_a_page(text, dialect, [])


_PIECES = st.sampled_from(["", " ", "  ", "\n", "\n\n", "\u00b6", "\u00b6 ", "\u00b6#", "##", "\u200b", "\ufeff", "        ", "[", "]", "(#)", "[1](#)", "#", "# ", "\\", "\\.", "<b>", "&amp;", "*", "_", "`", "A", "2.", " (C) ", "VZCZC", "FM AMEMBASSY PARIS", "R 191532Z FEB 09", "\t"])


@st.composite
def _edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    name = draw(st.sampled_from(sorted(TEXTS)))
    text = TEXTS[name]
    points = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=12)))
    edits = []
    for k in range(0, len(points) - 1, 2):
        start, end = points[k], points[k + 1]
        if edits and edits[-1].span.end >= start:
            continue  # (no two edits meet: the engine takes none such)
        edits.append(_edit(start, end, draw(st.lists(_PIECES, max_size=3).map("".join))))
    return text, edits


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edits())
def test_whatever_the_shortcut_keeps_reads_as_an_archive_page(drawn: tuple[str, list[Edit]]) -> None:
    text, edits = drawn
    if keeps_a_page(text, "cablegate", edits):
        assert parse_text(apply_edits(text, edits)).dialect == "cablegate"


def test_the_real_cables_get_the_same_findings_with_and_without_the_shortcut(real_cables: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Every finding and every fix offered over the archive's cables is what parsing
    each fixed text gives (09MANAMA642's four P004 fixes are held either way)."""
    paths = [str(p) for p in real_cables]
    fast = check_json("--select", "ALL", "--no-cache", *paths)
    monkeypatch.setattr(rendering, "keeps_a_page", lambda text, dialect, edits: False)
    slow = check_json("--select", "ALL", "--no-cache", *paths)
    assert fast == slow
    manama = [d for d in fast if d["path"].endswith("09MANAMA642.cable") and d["code"] == "P004"]
    assert len(manama) == 4 and all(d["fix"] is None for d in manama)
