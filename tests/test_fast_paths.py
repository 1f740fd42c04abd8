"""The parser's shortcuts change nothing: line runs, searching a run at once, the quick
line normaliser and the shared inline builder give the same model as the plain way of
doing each."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablelint.grammar import body_search, build_body, header_lines, lexer, read_body
from cablelint.grammar.parser import parse_text
from cablelint.grammar.patterns import field
from cablelint.grammar.source import SourceLine, _normalise, read_source
from cablelint.model import Cable
from tests.conftest import CORPUS, REAL, SEED
from tests.test_robustness import CASES


def _texts() -> dict[str, str]:
    paths = sorted(CORPUS.rglob("*.cable"))
    if (REAL / "text").is_dir():  # a sample: the golden comparison covers them all
        paths += sorted((REAL / "text").glob("*.cable"))[::10] + sorted((REAL / "markdown").glob("*.cable"))[::5]
    texts = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in paths}
    texts.update(CASES)
    return texts


TEXTS = _texts()


# Each shortcut's switch, off only to compare with the plain way: line runs and blocks
# (lexer.RUNS), searching a run at once (build_body.BULK), reading a run's lines
# against its special terminals alone (lexer.QUICK_RUN_LINES).
SWITCHES = [(lexer, "RUNS"), (build_body, "BULK"), (lexer, "QUICK_RUN_LINES")]


@pytest.mark.parametrize("module, switch", SWITCHES, ids=[s for _, s in SWITCHES])
@pytest.mark.parametrize("name", sorted(TEXTS))
def test_a_shortcut_changes_nothing(name: str, module: object, switch: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = TEXTS[name]
    with_shortcut = repr(parse_text(text))
    monkeypatch.setattr(module, switch, False)
    assert repr(parse_text(text)) == with_shortcut


def test_misspelt_markers_are_found_when_a_run_is_searched_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (CORPUS / "valid" / "telegram-confidential-reykjavik-multisection.cable").read_text()
    text = text.replace("1. (C) Summary:", "1. (C) Sumary:").replace("End Summary.", "weekend summery, END  SUMARY.")
    text = text.replace("Brussels. End Comment.", "Brussels. At the end comments differ. End Coment.")
    with_shortcut = parse_text(text)
    assert [(m.span.line, m.kind, m.role) for m in with_shortcut.block_markers if m.misspelt] == [
        (31, "SUMMARY", "open"),
        (41, "SUMMARY", "end"),
        (129, "COMMENT", "end"),
    ]
    monkeypatch.setattr(build_body, "BULK", False)
    assert repr(parse_text(text)) == repr(with_shortcut)


def test_a_run_is_searched_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[int] = []
    original = build_body.BodyBuilder._body_line

    def spy(self, kind, index, line, found=None):  # type: ignore[no-untyped-def]
        read.append(index)
        original(self, kind, index, line, found)

    monkeypatch.setattr(build_body.BodyBuilder, "_body_line", spy)
    cable = parse_text((CORPUS / "valid" / "telegram-confidential-2004-vilnius.cable").read_text())
    body = cable.body_span
    assert body is not None
    text_lines = [n for n in range(body.line, body.end_line + 1) if cable.lines[n - 1].text]
    assert 0 < len(read) < len(text_lines) / 2


def _token_sizes(kind: type, text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], Cable]:
    """The number of lines of each *kind* token (LineRun or LineBlock) the lexer hands
    the parser for *text*, and the cable parsed."""
    seen: list[int] = []
    original = lexer.LineLexer.lex

    def spy(self, lexer_state, parser_state):  # type: ignore[no-untyped-def]
        for tok in original(self, lexer_state, parser_state):
            if isinstance(tok, kind):
                seen.append(len(tok.lines))
            yield tok

    monkeypatch.setattr(lexer.LineLexer, "lex", spy)
    return seen, parse_text(text)


def test_line_runs_are_in_use(monkeypatch: pytest.MonkeyPatch) -> None:
    seen, _ = _token_sizes(lexer.LineRun, SEED.read_text(), monkeypatch)
    assert seen and max(seen) > 5


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_quick_normaliser_agrees_with_the_full_one(name: str) -> None:
    for line in read_source(TEXTS[name]).lines:
        fresh = SourceLine(line.number, line.start, line.raw, line.ending)
        _normalise(fresh)
        assert fresh == line


def test_no_state_leaks_between_parses() -> None:
    a = SEED.read_text()
    b = (CORPUS / "valid" / "markdown-unclas-accra.cable").read_text()
    first = repr(parse_text(a))
    parse_text(b)
    assert repr(parse_text(a)) == first


def test_a_failing_reader_leaves_the_parser_usable(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = repr(parse_text(SEED.read_text()))

    def boom(*args: object) -> None:
        raise RuntimeError("reader bug")

    monkeypatch.setattr("cablelint.grammar.build_body.read_paragraph", boom)
    with pytest.raises(RuntimeError):
        parse_text(SEED.read_text())
    monkeypatch.undo()
    assert repr(parse_text(SEED.read_text())) == expected


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_word_filtered_scan_agrees_with_the_full_scan(name: str) -> None:
    from cablelint.grammar import read_scan as rb
    from cablelint.grammar.segment import Seg

    extra = read_source("see REF A and reftel B, para 3 - 5; END SUMMARY. Comment: note: text\n(Post\ncomment: x)\n").lines
    for line in list(read_source(TEXTS[name]).lines) + list(extra):
        fast: tuple[list, list] = ([], [])
        full: tuple[list, list] = ([], [])
        rb.scan_line(line, *fast, "End")
        rb.scan_text(Seg.whole(line), *full, "End")
        assert fast == full, line.text


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_written_out_spans_agree_with_raw_column(name: str) -> None:
    from cablelint.grammar.segment import Seg
    from cablelint.span import Span

    for line in read_source(TEXTS[name]).lines:
        n = len(line.text)
        for begin, end in ((0, n), (0, 0), (min(2, n), n), (n, n + 2), (min(1, n), min(3, n))):
            b = line.raw_column(begin)
            e = line.raw_column(end - 1) + 1 if end > begin else b
            expected = Span(line.number, b + 1, line.number, e + 1, line.start + b, line.start + e)
            assert line.span(begin, end) == expected
            assert Seg(line, 0, line.text).span(begin, end) == expected


def test_hot_alternations_pick_what_the_one_by_one_loop_picks() -> None:
    from cablelint.grammar.parser import document_parser

    for text in TEXTS.values():
        parse_text(text)
    lx = document_parser().parser.lexer
    lists = list(lx._candidates.values()) + ([lx._run] if lx._run is not None else [])
    lines = {line.text for text in TEXTS.values() for line in read_source(text).lines}
    for cands in lists:
        if not cands.pairs:
            continue
        alternation = lx._alternation(cands.pairs)
        for text in lines:
            one_by_one = next((n for n, p in cands.pairs if p.fullmatch(text)), None)
            m = alternation.fullmatch(text)
            assert (m.lastgroup if m else None) == one_by_one, (text, [n for n, _ in cands.pairs])


def test_bounded_edit_distance_agrees_with_the_full_table() -> None:
    import random

    from cablelint.grammar.read_address import _edit_distance_le2

    def table(a: str, b: str) -> bool:
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1] <= 2

    rng = random.Random(7)
    for _ in range(5000):
        word = rng.choice(["FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE"])
        chars = list(word)
        for _ in range(rng.randint(0, 4)):  # random insertions, deletions, changes
            op = rng.choice(("insert", "delete", "change")) if chars else "insert"
            k = rng.randrange(len(chars) + (op == "insert"))
            if op == "insert":
                chars.insert(k, rng.choice("ADEIMORTY"))
            elif op == "delete":
                del chars[k]
            else:
                chars[k] = rng.choice("ADEIMORTY")
        other = "".join(chars)
        assert _edit_distance_le2(other, word) == table(other, word), (other, word)
        assert _edit_distance_le2(word, other) == table(word, other), (other, word)


def test_a_column_shift_reads_like_the_list_it_stands_for() -> None:
    from cablelint.grammar.source import ColumnShift

    for at in range(4):
        for length in range(6):
            listed = list(range(min(at, length))) + list(range(at + 3, length + 3))
            shift = ColumnShift(at, 3, length)
            assert len(shift) == len(listed) and list(shift) == listed and shift == listed
            for i in range(-length, length):
                assert shift[i] == listed[i]
            with pytest.raises(IndexError):
                shift[length]


def test_line_blocks_are_in_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """Continuation lines of an address block after the second come as one token."""
    text = "FM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC PRIORITY 2003\nINFO RUCNCIS/CIS COLLECTIVE PRIORITY\n" + "".join(
        f"RUEHAA/AMEMBASSY POST{n} PRIORITY\n" for n in range(5)
    ) + "\nC O N F I D E N T I A L BAKU 001835\n\nE.O. 12958: DECL: 2/19/2016\nTAGS: PGOV\nSUBJECT: A TEST\n\n1. (C) Text.\n"
    seen, cable = _token_sizes(lexer.LineBlock, text, monkeypatch)
    assert seen == [4]
    assert [a.address.text for a in cable.info if a.address] == ["CIS COLLECTIVE"] + [f"AMEMBASSY POST{n}" for n in range(5)]


def test_rule_line_reads_the_lines_of_its_plain_form() -> None:
    """cable.lark writes RULE_LINE with one-character repeats; it must fit exactly the
    lines of the plain form (three or more of one of "-", "=", "_", with spaces and tabs
    anywhere). Every string of up to 7 characters over those (and one other) is tried."""
    import itertools
    import re

    from cablelint.grammar.parser import line_patterns

    plain = re.compile(r"[ \t]*(?:-[ \t]*){3,}|[ \t]*(?:=[ \t]*){3,}|[ \t]*(?:_[ \t]*){3,}")
    rule = line_patterns()["RULE_LINE"]
    for size in range(8):
        for chars in itertools.product(" \t-=_x", repeat=size):
            text = "".join(chars)
            assert (rule.fullmatch(text) is None) == (plain.fullmatch(text) is None), repr(text)


def test_a_run_read_by_bisection_reads_like_each_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules and page headers in a row, right after a paragraph, before the first one
    and at the end of a run: "the line above" and where each paragraph ends come out
    as when each line of the run is read."""
    head = "UNCLASSIFIED\n\nSUBJECT: A TEST\n\n"
    lines = [
        "Text before any paragraph.",
        "---",
        "===",
        "1. (U) First paragraph.",
        "---",
        "___",
        "PAGE 02 STATE 123456 01 OF 02",
        "2. (U) Second paragraph.",
        "3. (U) Third paragraph, right after.",
        "More text of three. END SUMMARY.",
        "",
        "A. A sub-paragraph.",
        "B. Another.",
        "COMMENT: a heading",
        "---",
        "text after the rule",
        "---",
        "===",
    ]
    for cut in range(len(lines)):
        text = head + "\n".join(lines[cut:] + lines[:cut]) + "\n\nSMITH\n"
        searched = repr(parse_text(text))
        with monkeypatch.context() as mp:
            mp.setattr(build_body, "BULK", False)
            assert repr(parse_text(text)) == searched, cut
        with monkeypatch.context() as mp:
            mp.setattr(lexer, "RUNS", False)
            assert repr(parse_text(text)) == searched, cut


def _head(text: str) -> str:
    return text.lstrip(" \t")[:2]


def _tried(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    """Whether one of the patterns the head table names for a line fits it."""
    return any(p.fullmatch(text) is not None for p in patterns)


@pytest.mark.parametrize("term", sorted(build_body._LATE_HEADS))
@settings(max_examples=500)
@given(data=st.data())
def test_the_head_table_lets_through_every_line_a_late_caption_fits(term: str, data: st.DataObject) -> None:
    """Every line a head-of-text terminal fits (drawn from its own pattern, so a change
    to cable.lark is checked too) that starts with one of _LATE_FIRST starts with a
    pair _LATE_HEADS gives that terminal, and the search tries the terminal on it."""
    from cablelint.grammar.parser import document_parser, line_patterns

    pattern = line_patterns()[term]
    text = data.draw(st.from_regex(pattern, fullmatch=True))
    if text.lstrip()[:1] not in build_body._LATE_FIRST:
        return
    assert any(_head(text) in body_search.pairs(first, then) for first, then in build_body._LATE_HEADS[term].items()), (term, text)
    parse_text(SEED.read_text())  # (the builder's patterns are set on first use)
    _, late, _, _ = document_parser().options.transformer._line_heads()[_head(text)]
    assert _tried(late, text), (term, text)


def _line_starts(text: str) -> tuple[set[int], set[int], set[int], set[int], dict[int, re.Match[str]]]:
    """What the search of a run (BodyBuilder._line_starts) makes of a body line *text*
    by its first two characters: {0} in each of its sub-paragraph, head-of-text, BT or
    NNNN and control-line sets that holds it, and 0 with its match in the unstopped-head
    dict when PARA_UNSTOPPED fits it."""
    from cablelint.grammar.parser import document_parser

    parse_text(SEED.read_text())  # (the builder's patterns are set on first use)
    builder = document_parser().options.transformer
    run = SimpleNamespace(src=SimpleNamespace(lines=[SimpleNamespace(text=text)]), _line_heads=builder._line_heads)
    return build_body.BodyBuilder._line_starts(run, [0])  # type: ignore[arg-type]


@settings(max_examples=500)
@given(st.from_regex(field("COPY_CONTROL"), fullmatch=True))
def test_the_head_table_lets_through_every_control_line(text: str) -> None:
    """A received copy's control line, indented or not, is found by its first two
    characters after its blanks (no search of the run text for '------')."""
    assert _line_starts(text)[3] == {0}, text


@pytest.mark.parametrize("text", ["NNNN", "BT"])
def test_the_head_table_finds_the_lines_that_end_a_message(text: str) -> None:
    assert _line_starts(text)[2] == {0}
    assert _line_starts(f" {text}")[2] == _line_starts(f"{text}.")[2] == set()  # only the whole line


@settings(max_examples=500)
@given(st.from_regex(field("PARA_UNSTOPPED"), fullmatch=True))
def test_the_head_table_lets_through_every_head_with_no_full_stop(text: str) -> None:
    """A paragraph head with no full stop that the lexer leaves as text ("2(C) ...",
    "12: (S) ..."), indented or not, is found by its first two characters after its
    blanks, and tried."""
    assert _line_starts(text)[4].keys() == {0}, text


def test_heads_with_no_full_stop_in_a_run_read_the_same_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paragraphs 4 and 5 written "4(C)" and "5 - (C)" in a long run: the search finds
    them, and the model is the one reading each line gives; "3(C)" in paragraph 2,
    wrapped from the line above (no blank line between), stays text."""
    text = (CORPUS / "valid" / "telegram-confidential-reykjavik-multisection.cable").read_text()
    text = text.replace("\n4. (C) The last item", "\n4(C) The last item").replace("\n5. (C) Sveinbjornsson", "\n5 - (C) Sveinbjornsson")
    text = text.replace("commitments. Sveinbjornsson,", "commitments under section\n3(C) of the accord. Sveinbjornsson,")
    searched = parse_text(text)
    assert [(p.number, p.span.line, p.stop) for p in searched.paragraphs if p.number in (2, 3, 4, 5)] == [(2, 47, "."), (3, 60, "."), (4, 79, ""), (5, 95, "-")]
    monkeypatch.setattr(build_body, "BULK", False)
    assert repr(parse_text(text)) == repr(searched)


def test_a_run_with_closers_and_control_marks_reads_the_same_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    """BT and NNNN lines in a long run, a control line and a rule of dashes inside a
    text line: the search reads the first three, not the last, and gives the model
    that reading each line gives."""
    text = (CORPUS / "valid" / "telegram-confidential-reykjavik-multisection.cable").read_text()
    text = text.replace("commitments. Sveinbjornsson,", "commitments.\nBT\nNNNN\n   ------------------A54E38  061013Z /38\nThe cut ------ as agreed. Sveinbjornsson,")
    read: list[str] = []
    original = build_body.BodyBuilder._body_line

    def spy(self, kind, index, line, found=None):  # type: ignore[no-untyped-def]
        read.append(line.text)
        original(self, kind, index, line, found)

    monkeypatch.setattr(build_body.BodyBuilder, "_body_line", spy)
    searched = parse_text(text)
    assert {"BT", "NNNN", "   ------------------A54E38  061013Z /38"} <= set(read)
    assert not [t for t in read if "as agreed" in t]
    assert [(e.span.line, e.text) for e in searched.errors] == [(51, "BT"), (52, "NNNN")]  # (a paragraph follows)
    assert [r.span.line for r in searched.copy_repeats] == [53]
    monkeypatch.setattr(build_body, "BULK", False)
    assert repr(parse_text(text)) == repr(searched)


@settings(max_examples=500)
@given(st.from_regex(field("SUBPARA_SHAPE"), fullmatch=True))
def test_the_head_table_lets_through_every_sub_paragraph_line(text: str) -> None:
    assert _head(text) in body_search.SUBPARA_PAIRS, text


@settings(max_examples=500)
@given(st.from_regex(field("PAGE_HEADER_INLINE"), fullmatch=True))
def test_the_inline_page_header_hint_lets_through_every_header(text: str) -> None:
    """inline_page_headers tries its pattern only on a line the hint finds in."""
    assert read_body._PAGE_INLINE_HINT.search(text) is not None, text


@pytest.mark.parametrize("code", [c for c in range(0x20) if chr(c) not in "\t\n\r"])
def test_a_line_ending_in_a_control_character_is_trimmed_without_a_text_search(code: int) -> None:
    """read_source finds such lines from their last characters: each control character
    a line can end in after its blanks are trimmed."""
    char = chr(code)
    src = read_source(f"FIRST LINE\nBROWNFIELD{char}\nLAST\n")
    assert [line.text for line in src.lines] == ["FIRST LINE", "BROWNFIELD", "LAST"]
    assert src.lines[1].raw == f"BROWNFIELD{char}"


# One line for each way the head-of-text terminals can start (each alternative, with
# and without its optional letters and blanks): Hypothesis seldom draws some of them,
# such as the spaced-out levels behind a lookahead.
_LATE_STARTS = {
    "CLASS_LINE": [
        "UNCLASSIFIED", "UUNCLAS", "unclas", "CONFIDENTIAL", "CCONFIDENTIAL", "C ONFIDENTIAL", "C\tO N F I D E N T I A L",
        "ONFIDENTIAL", "O NFIDENTIAL", "O\tNFIDENTIAL", "SECRET", "SSECRET", "CSECRET", "CSSECRET", "CECRET", "C ECRET",
        "S ECRET", "S\tECRET", "  E CRET", "ECRET", "E CRET", "E\tCRET", "TOP SECRET", "T OP SECRET", "T\tOPSECRET",
        "LIMITED OFFICIAL USE", "U N C L A S", "C N F I D E N T I A L", "C O N F I D E N T I A", "S C R E T", "S E R E T",
        "\u017fecret", "l\u0131mited official use",
    ],
    "EO_LINE": ["E.O. 12958", "E. O. 12958", "E O 12958", "E\tO 12958", "EO 12958", "E.O 12958"],
    "TAGS_LINE": ["TAGS: PGOV", "TAG PGOV", "TAS PGOV", "TGS PGOV", "TAGE: PGOV"],
    "SUBJECT_LINE": ["SUBJECT: X", "SUBJ: X", "SUBJ X", "SBJECT: X", "SUJECT: X", "UBJECT: X", "UBJECT X"],
    "REF_LINE": ["REF: A", "REFS: A", "REF(S): A", "REFTEL: A", "REFERENCES: A", "REF A"],
    "CLSBY_LINE": ["Classified by: X", "CLSSIFIED BY: X", "CLASIFIED BY: X", "LASSIFIED BY: X", "CASSIFIED BY: X"],
}


@pytest.mark.parametrize("term", sorted(_LATE_STARTS))
def test_the_head_table_lets_through_each_way_a_late_caption_starts(term: str) -> None:
    from cablelint.grammar.parser import document_parser, line_patterns

    parse_text(SEED.read_text())
    heads = document_parser().options.transformer._line_heads()
    for text in _LATE_STARTS[term]:
        for line in (text, "  " + text, "\t" + text):
            assert line_patterns()[term].fullmatch(line), (term, line)  # (the example is one)
            late = heads.get(_head(line), (False, ()))[1]
            assert _tried(late, line), (term, line)


def test_the_head_tables_let_through_every_line_of_the_corpus() -> None:
    from cablelint.grammar.parser import document_parser, line_patterns

    parse_text(SEED.read_text())
    heads = document_parser().options.transformer._line_heads()
    patterns = line_patterns()
    lines = {line.text for text in TEXTS.values() for line in read_source(text).lines}
    seen = set()
    for text in lines:
        if field("SUBPARA_SHAPE").fullmatch(text):
            assert heads[_head(text)][0], text
        for term in build_body._LATE_HEADS:
            if patterns[term].fullmatch(text) and text.lstrip()[:1] in build_body._LATE_FIRST:
                late = heads[_head(text)][1]
                assert _tried(late, text), (term, text)
                seen.add(term)
    assert seen == set(build_body._LATE_HEADS) == {t for t, _ in build_body._LATE_TERMS} | {t for t, _ in build_body._LATE_IF_MISSING.values()}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_a_paragraph_ends_where_its_last_line_s_span_ends(name: str) -> None:
    """finish_paragraphs works the end of a paragraph's last line out without making
    that line's span: it is where the span ends (before a signature appended to it)."""
    cable = parse_text(TEXTS[name])
    sig = cable.signature
    for para in cable.paragraphs:
        if para.run_in:
            continue
        line = cable.lines[para.span.end_line - 1]
        last = line.span()
        if sig is not None and sig.appended and para is cable.paragraphs[-1] and sig.span.line == line.number:
            last = line.span(0, len(line.text[: line.text.rfind(sig.name)].rstrip()))
        head = cable.lines[para.span.line - 1].span()
        assert para.span == head.cover(last), (name, para.number)



@pytest.mark.parametrize("name", sorted(TEXTS))
def test_a_line_cut_from_the_run_s_lower_case_is_the_line_s_own(name: str) -> None:
    from cablelint.grammar.body_search import RunText
    from cablelint.grammar.read_scan import word_case

    lines = read_source(TEXTS[name]).lines
    run = RunText(lines, 0, len(lines) - 1)
    assert run.lower_line(0) is None  # (nothing lower-cased yet)
    lowered = run.lower() is not None
    for k, line in enumerate(lines):
        assert run.lower_line(k) == (word_case(line.text) if lowered else None)


def test_no_line_is_cut_from_a_lower_case_of_another_length() -> None:
    from cablelint.grammar.body_search import RunText

    lines = read_source("Ref A\n\u0130STANBUL note\nend \u201cSummary\u201d \u03a3\n").lines
    run = RunText(lines, 0, 2)
    assert run.lower() is None and [run.lower_line(k) for k in range(3)] == [None, None, None]
    lines = read_source("Ref A\nEnd \u201cSummary\u201d O\u0394O\u03a3\n\u212aREF \U0001f600 PARA\n").lines
    run = RunText(lines, 0, 2)
    assert run.lower() is not None and [run.lower_line(k) for k in range(3)] == ["ref a", "end ?summary? o?o?", "?ref ? para"]


def test_the_scan_words_are_found_where_lower_case_has_them() -> None:
    """word_case against str.lower, code point by code point: the same one character,
    or a "?" for one that lower-cases to no ASCII letter (the Kelvin sign's "k" is in
    no word searched); İ, which lower-cases to two, leaves the whole text to str.lower."""
    from cablelint.grammar.build_body import SCAN_WORDS
    from cablelint.grammar.read_scan import word_case

    words = SCAN_WORDS + ("end",)
    assert all(w.isascii() and w.islower() and "k" not in w and "?" not in w for w in words)
    for code in range(0x110000):
        char = chr(code)
        low, mine = char.lower(), word_case("x" + char)[1:]
        if code < 0x80:
            assert mine == low
        elif code == 0x130:
            assert word_case("x" + char) == "x" + low
        else:
            assert mine == "?" and (len(low) == 1 and (not low.isascii() or code == 0x212A)), hex(code)
    text = "Ref \u201cA\u201d, end of SUMMARY, para 3 \u2019note\u2019 TEXT"
    for word in words:
        assert [m.start() for m in re.finditer(word, text.lower())] == [m.start() for m in re.finditer(word, word_case(text))]


@pytest.mark.parametrize("term", header_lines._FORMAT_IN_ADDRESS)
@settings(max_examples=500)
@given(data=st.data())
def test_the_format_line_lead_lets_through_every_line_a_format_line_fits(term: str, data: st.DataObject) -> None:
    """HeaderLines.format_line tries its patterns on an address line only after
    format_line_lead lets its first characters through (drawn from the terminal's own
    pattern, so a change to cable.lark is checked too)."""
    from cablelint.grammar.parser import line_patterns

    text = data.draw(st.from_regex(line_patterns()[term], fullmatch=True))
    assert header_lines.format_line_lead(text.lstrip(" \t")[:2]), (term, text)
