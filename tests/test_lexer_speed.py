"""The line lexer's shortcuts read every line as the plain way does: on lines made to
sit on their edges (the whole corpus is compared in test_fast_paths)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablelint.grammar import lexer
from cablelint.grammar.parser import document_parser, parse_text
from cablelint.grammar.source import SourceLine, read_source
from tests.conftest import SEED
from tests.test_fast_paths import TEXTS

# lines on the edges of the run terminals: trailing or only whitespace (the normaliser
# strips it, but the lexer must not rely on that), line breaks, look-alikes
EDGE_LINES = [
    "plain text",
    "PLAIN TEXT",
    "x ",
    "x\t",
    "x\u00a0",
    "x\u2028",
    "x\x0c",
    " ",
    "\t",
    "\u00a0",
    "\u3000",
    "a\nb",
    "\n",
    "a\n",
    "\x00",
    "1. (U) A paragraph.",
    "12.5 PERCENT",
    "   3. indented",
    "    4. too far",
    "---",
    "- - -",
    "== =",
    "___ ",
    "-- x",
    "PAGE 02 STATE 123456 01 OF 02",
    "PAGE 02 STATE 123456 01 OF 02 ",
    "Canberra 12345678 001 OF 003",
    "O'Neill-Smith Jr. 12345678  002.1  of  010",
    "ABC 1234567 001 OF 002",
    "ABC 12345678 001 OF 002\n",
]


def _lexer() -> lexer.LineLexer:
    parse_text(SEED.read_text())  # the run candidates are worked out on first use
    lx = document_parser().parser.lexer
    assert lx._run is not None
    return lx  # type: ignore[no-any-return]


def _run_lines(texts: list[str]) -> list[SourceLine]:
    lines = [SourceLine(1, 0, "TEXT", "\n", "TEXT")]
    for number, text in enumerate(texts, 2):
        lines.append(SourceLine(number, 0, text, "\n", text))
    return lines


def test_quick_run_lines_are_in_use() -> None:
    assert _lexer()._run_specials is not None


@pytest.mark.parametrize("edge", EDGE_LINES)
def test_a_run_reads_edge_lines_like_the_plain_way(edge: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """One edge line inside a run of text lines, and at its end."""
    lx = _lexer()
    for texts in ([edge, "after"], ["before", edge], ["before", "", edge, "", "after", "x"]):
        lines = _run_lines(texts)
        found = []
        for quick in (True, False):
            monkeypatch.setattr(lexer, "QUICK_RUN_LINES", quick)
            tok = lx._gather_run("TEXT_LINE", lines, 0, len(lines), None)
            found.append(None if tok is None else (tok.nonblank, tok.specials, tok.end_line))
        assert found[0] == found[1], (texts, found)


def test_the_specials_pattern_picks_what_the_one_by_one_loop_picks() -> None:
    lx = _lexer()
    specials = lx._run_specials
    assert specials is not None
    pairs = lx._run.pairs[:-1]  # type: ignore[union-attr]
    lines = {line.text for text in TEXTS.values() for line in read_source(text).lines} | set(EDGE_LINES)
    for text in lines:
        m = specials.fullmatch(text)
        assert (m.lastgroup if m else None) == next((n for n, p in pairs if p.fullmatch(text)), None), text


def test_run_lines_are_screened_before_the_specials_pattern() -> None:
    assert _lexer()._screen_specials


def _read_in_a_run(text: str) -> dict[int, str]:
    """The special lines _gather_run finds in a run of a text line and *text*."""
    tok = _lexer()._gather_run("TEXT_LINE", _run_lines([text, "after"]), 0, 3, None)
    assert tok is not None
    return tok.specials


@pytest.mark.parametrize("name", lexer._SPECIALS)
@settings(max_examples=300)
@given(data=st.data())
def test_every_line_a_special_terminal_fits_passes_the_screen(name: str, data: st.DataObject) -> None:
    """A run reads as special every line PARA_LINE, PAGE_HEADER_LINE or RULE_LINE fits
    (made from the terminal's own pattern, so a change to it is checked too): the
    screen in front of the specials pattern lets each through."""
    lx = _lexer()
    pattern = lx._patterns[name]
    text = data.draw(st.from_regex(pattern, fullmatch=True))
    specials = lx._run_specials
    assert specials is not None
    m = specials.fullmatch(text)
    if text and "\n" not in text and m is not None:
        assert _read_in_a_run(text) == {1: m.lastgroup}, (name, text)


def test_the_screen_lets_through_every_special_line_of_the_corpus() -> None:
    specials = _lexer()._run_specials
    assert specials is not None
    lines = {line.text for text in TEXTS.values() for line in read_source(text).lines} | set(EDGE_LINES)
    for text in lines:
        m = specials.fullmatch(text)
        if text and "\n" not in text and m is not None:
            assert _read_in_a_run(text) == {1: m.lastgroup}, text


_RAGGED = "UNCLASSIFIED\n\n1. (U) Text of the cable goes on.\n  \u00b6\nMore text.\n  \u00b6 \nEnd of it.\nNAME\n"


@pytest.mark.parametrize("text", [*TEXTS.values(), _RAGGED, _RAGGED.replace("\n", "\r\n"), "A\n\u00b6\u00a0\nB"])
def test_a_source_is_ragged_when_a_line_ends_in_blanks_or_holds_a_break(text: str) -> None:
    """_gather_run tries TEXT_LINE's pattern only on the lines of a ragged source."""
    src = read_source(text)
    assert src.ragged == any(line.text and (line.text[-1].isspace() or "\n" in line.text) for line in src.lines)


def test_a_ragged_run_reads_as_the_plain_way(monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_source(_RAGGED).ragged
    quick = repr(parse_text(_RAGGED))
    monkeypatch.setattr(lexer, "QUICK_RUN_LINES", False)
    assert repr(parse_text(_RAGGED)) == quick
