"""Shrunk examples of failures the fuzzers found, kept as plain tests.

Each case names the property it broke; the fix is in the commit that added it.
"""

from __future__ import annotations

import pytest

from cablelint.grammar.parser import parse_text
from tests.fuzz.invariants import assert_spans_inside, describe_errors

# Inputs that must parse with no error node and every span inside the text.
CLEAN = {
    # a blank line after a short routing header was shifted into the DE line's rule;
    # the parse then raised and the whole model was lost
    "blank-after-fl1": "VZCZCXRO1\n\nEnd Cable Text\n",
    "blank-after-fl1-then-text": "VZCZCXRO1\n\nUNCLAS BAMAKO 000097\n\n1. (U) Text.\nSMITH\n",
    "blank-after-xyz-fl2-without-de": "VZCZCXRO1\nRR RUEHWEB\n\nUNCLAS BAMAKO 000097\n\n1. (U) Text.\nSMITH\n",
    # a trailer right after the header lines was taken for an out-of-place FL2 line
    "trailer-after-dtg": "VZCZCXRO1\nRR RUEHC\nDE RUEHBP #0097 0501532\nZNR UUUUU ZZH\nR 191532Z FEB 09\nBT\n",
    # the blank lines after the class line and after FL1 are one LALR state, which took
    # FL2_LINE as a lookahead: 'EO 11652 GDS' (also an FL2 shape) was lexed as FL2, the
    # parser rejected it and the whole model was lost (valid-cable check property)
    # a further line of routing indicators after FL2 also has the loose shape of a
    # damaged FL2 line, and was taken for an FL2 line out of place (grammar-generated)
    "ri-continuation-shaped-like-fl2": "VZCZCXRO1\nRR RUEHC\nRAAA R000\n",
    "eo-without-colon-after-class-line": "TOP SECRET SAO PAULO 000031\n\nEO 11652 GDS\nTAGS SNAR, PGOV\nSUBJECT: COAST\n\nRICE\n",
    # an INFO line under an INFO block's continuation line: the LALR table offers INFO_LINE
    # there only as a merged lookahead, and the line was left unplaced (grammar-generated)
    "second-info-under-a-continuation-line": "F0 AMEMBASSY\n0NFO AMEMBASSY\n0\n0NFO AMEMBASSY\n",
    # a level spaced part way, then a lone letter: CLASS_LINE took it, CLASS_SHAPE did not,
    # and the reader's assert raised (grammar-generated, each line kind in place)
    "class-level-spaced-part-way-then-a-letter": "VZCZC\nonf idential A\n",
    # a bare FM line ('FROM') has the shape of a signature: under a DTG line that ends
    # in '*' (or a full stop) the second FM line under it was taken for a stray line
    # after the signature, past the text's end (text_end.py), and left unplaced
    # (grammar-generated)
    "second-fm-line-under-a-bare-fm-line": "O000000Z AAA 00*\nFROM\nF0 AMEMBASSY\n",
    # likewise a bare XMT line (here read as a passing line) under 'T0 *'
    "line-under-a-bare-xmt-line": "unclas:\nsipdis:\nT0 *\nXMT\n0\x1eA\n",
    # a TO line with no address after its keyword ("T0 0") was taken for the message's
    # first line under a distribution line, which then opened a wrapper; the reader
    # read the TO line as the wrapper's own, the wrapper ran to the text's end, the
    # parse raised and the whole model was lost (grammar-generated)
    "to-line-without-an-address-under-a-distribution-line": "------ 000000Z\nT0 0\n0\ne x d i s\nNNNN\n",
    # a TO line under an E.O. line in a cable with no FM line: the lexer refuses it as an
    # address line moved among the captions, and took it for a passing line over a
    # classification line that never came (grammar-generated)
    "to-line-under-the-captions-without-an-fm-line": "Monday, 0 Aa 0000, 0:00\nVZCZC\ne00000\nT0 AMEMBASSY\n",
    # the same line between two captions: text cannot stand there, and the line was
    # left unplaced where the grammar reads an address line moved among the captions
    "to-line-between-the-captions-without-an-fm-line": "e00000\nT0 AMEMBASSY\ntas:\n",
    # a TO line between two captions under an FM line, a digit run on after its PLAD's
    # prefix: the lexer's gate wanted the prefix to end its word, refused the line as
    # an address line moved there and left it unplaced (the fuzz profile, session 29)
    "to-line-with-a-digit-after-its-prefix-between-the-captions": "Monday, 0 Aa 0000, 0:00\nCable Text:\nunclas:\nF0 AMEMBASSY\ne00000\nT0 AMEMBASSY0\ne00000\nNNNN\n",
    # the same with no address at all after the keyword typed with a zero, which the TO
    # and INFO lines' terminals take before anything: when nothing else can stand there,
    # the line moved (the fuzz profile's run on the mend above)
    "zero-slip-to-line-between-the-captions": "Monday, 0 Aa 0000, 0:00\nCable Text:\nunclas:\nF0 AMEMBASSY\ne00000\nT0 0\ne00000\nNNNN\n",
    "zero-slip-info-line-between-the-captions": "Monday, 0 Aa 0000, 0:00\nCable Text:\nunclas:\nF0 AMEMBASSY\ne00000\nINF0 0\ne00000\nNNNN\n",
    # a TO line under the TAGS line of a cable with no FM line, and a line under it:
    # the lexer's gate refused the address line moved among the captions there for
    # want of an FM line and read it as more tags, and the line under it, which the
    # grammar reads as one more addressee, could not be placed. Among the E.O., TAGS,
    # SUBJECT, REF and Classified By captions an address line is now the moved one with
    # or without an FM line (the fuzz profile, session 30)
    "to-line-and-addressee-under-the-tags-line-without-an-fm-line": "Monday, 0 Aa 0000, 0:00\nCable Text:\nunclas:\nT0 AMEMBASSY\ntag:\nT0 AMEMBASSY\n0\ne00000\nNNNN\n",
    "zero-slip-to-line-and-a-line-under-the-tags-line-without-an-fm-line": "unclas:\ntag:\nT0 AA\n0\ne00000\n",
}

# Inputs whose spans must lie inside the text (error nodes allowed).
SPANS = {
    # a REF item wrapped onto the next line: its span ran past the end of its first line
    "ref-item-wrapped": "UNCLAS BAMAKO 000097\nREF: A. STATE 1\n0\n\n1. X\n",
    # a vertical tab inside an FL2 routing indicator: FL2_LINE took the line, its field
    # pattern split fields on spaces and tabs only and the reader's assert raised
    # (injected control character, mutation property)
    "fl2-vertical-tab": "VZCZCXRO1001\nOO RUEH\x0bLO RUEHNO\nDE RUEHBP #0001 0010000\n",
}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_parses_clean(name: str) -> None:
    text = CLEAN[name]
    cable = parse_text(text)
    assert not cable.errors, describe_errors(cable)
    assert_spans_inside(text, cable)


@pytest.mark.parametrize("name", sorted(SPANS))
def test_spans_inside(name: str) -> None:
    text = SPANS[name]
    assert_spans_inside(text, parse_text(text))


def test_blank_after_xyz_precedence_line_still_reads_the_de_line() -> None:
    cable = parse_text("VZCZCXYZ0001\nRR RUEHWEB\n\nDE RUEHBP #0097 0501532\nZNR UUUUU ZZH\n")
    assert not cable.errors
    assert cable.routing is not None and cable.routing.de_line is not None


def test_wrapped_reference_span_covers_both_lines() -> None:
    cable = parse_text(SPANS["ref-item-wrapped"])
    (ref,) = cable.references
    assert (ref.span.line, ref.span.end_line) == (2, 3)


# Lines with a long run of blanks: each took 10-20 s to parse at 20,000 blanks (a
# regex entered the run at every blank: quadratic). Now a few milliseconds.
BLANK_RUN = " " * 20_000
SLOW_LINES = {
    "eo-value-before-tags": f"E.O. 12958: a{BLANK_RUN}tagsa",
    "decl-exemptions": f"E.O. 12958: DECL: X1{BLANK_RUN}X",
    "ref-label-scan": f"REF: A. STATE 1{BLANK_RUN}x",
    "subject-run-on-caption": f"SUBJECT: A{BLANK_RUN}x",
    "ref-run-on-classified-by": f"REF: STATE 1{BLANK_RUN}x",
    # PARA_CITE_BEFORE: the blanks after "refs." could be split between two [ \t]*
    "para-cite-after-ref": f"1. (U) See refs.{BLANK_RUN}(a) ! para 2.",
    # TAGS_CONT_LINE let a run of capitals be cut into tags in exponentially many
    # ways: this line under a TAGS line took over 20 s (CI's Hypothesis search hung)
    "tags-continuation-capitals": "TAGS: PGOV PREL\n\t  \t DKPDZHYKQSXAILEWREKUAHRZMITOPXKFVIZUXN-\u1a85\u1091",
}


@pytest.mark.parametrize("name", sorted(SLOW_LINES))
def test_long_blank_run_parses_fast(name: str) -> None:
    import time

    text = "UNCLAS BAMAKO 000097\n" + SLOW_LINES[name] + "\n\n1. (U) Text.\n"
    start = time.perf_counter()
    cable = parse_text(text)
    assert time.perf_counter() - start < 2.0
    assert_spans_inside(text, cable)


def test_trailing_blank_search_is_linear() -> None:
    import time

    from cablelint.rules.f_file import _TRAILING  # F006: a blank run before the last one

    start = time.perf_counter()
    m = _TRAILING.search("a" + " " * 20_000 + "b ")
    assert time.perf_counter() - start < 1.0
    assert m is not None and m.start() == 20_002


def test_addressee_with_many_double_slashes_is_linear() -> None:
    import time

    # every "//" was a candidate start of the office code: 5 s at 8,000 of them
    text = "FM AMEMBASSY BAMAKO\nTO A" + "//A" * 8_000 + "!\n"
    start = time.perf_counter()
    cable = parse_text(text)
    assert time.perf_counter() - start < 2.0
    assert_spans_inside(text, cable)


def test_addressee_office_codes_still_read() -> None:
    cable = parse_text("FM AMEMBASSY BAMAKO\nTO RUEKJCS/DIA WASHINGTON DC//DHI-1B/CLM//DP// PRIORITY 0001\n")
    (to,) = cable.to
    assert to.address is not None and to.address.text == "DIA WASHINGTON DC"
    assert to.precedence is not None and to.precedence.text == "PRIORITY"


def test_eo_line_shaped_like_a_precedence_line_is_read_as_eo() -> None:
    cable = parse_text(CLEAN["eo-without-colon-after-class-line"])
    assert cable.classification is not None and cable.level == "TOP SECRET"
    assert cable.eo is not None and cable.eo.span.line == 3
    assert [t.text for t in cable.tags.tags] == ["SNAR", "PGOV"]  # type: ignore[union-attr]


def test_a_down_cased_header_line_with_a_letter_that_upper_cases_to_two() -> None:
    # found by Hypothesis: "ß".upper() is "SS", which moved the security line's spans
    # past the end of its line
    from cablelint.grammar.parser import parse_text
    from tests.fuzz.invariants import assert_spans_inside

    text = "VZCZC\n\nAA\nDE\nzna:ß\nunclas\nNNNN\n"
    assert_spans_inside(text, parse_text(text))


def test_a_first_paragraph_head_with_a_parenthesis() -> None:
    # found by Hypothesis: '0) (SBU)' as the only paragraph head raised IndexError
    # while lists inside paragraphs were folded (there was no paragraph above it)
    from cablelint.grammar.parser import parse_text
    from tests.fuzz.invariants import assert_spans_inside

    for text in ("0) (SBU)\n", "1) (U) Text.\n2) (U) More.\n"):
        assert_spans_inside(text, parse_text(text))


def test_a_level_spaced_out_part_way_among_the_captions() -> None:
    # found by Hypothesis in CI: 'CON FIDENTIAL A A 0000' under the subject was read
    # as a moved classification line that the class line's reader then refused
    # (AssertionError, a traceback for the user)
    from cablelint.grammar.parser import parse_text
    from tests.fuzz.invariants import assert_spans_inside

    text = "SUBJECT: X\nCON FIDENTIAL A A 0000\n\n1. X\n"
    assert_spans_inside(text, parse_text(text))


def test_a_stray_line_between_the_dtg_and_the_to_line_is_the_fm_line_out_of_place() -> None:
    # found by the grammar-generated documents (fuzz profile): the grammar reads '0' as
    # the text's first line, the lexer as a stray header line where the FM line belongs
    # (header_lines.address_follows). That judgement is the lexer's on purpose; the
    # generator now leaves the shape out, and this pins both sides.
    from tests.fuzz.grammar_gen import stray_after_dtg

    text = " A-00\nVZCZC\n\nDE\nO000000Z AAA 00\n\n0\nT0 AMEMBASSY\nNNNN\n"
    (error,) = parse_text(text).errors
    assert (error.span.line, error.span.column, error.span.end_column) == (7, 1, 2)
    assert error.expected == ("the FM line",)
    assert stray_after_dtg(text)
    assert not stray_after_dtg(text.replace("\n0\n", "\nFM AMEMBASSY BAMAKO\n"))
    assert not stray_after_dtg(text.replace("T0 AMEMBASSY", "SMITH"))


# An address line that has the shape of a signature ('FROM', 'FM AMEMBASSY', a bare
# 'XMT') with a second FM line, a TO or an INFO line or an addressee under it, the DTG,
# a notice line or an address line above it ending as a sentence does: the address
# block, each line placed, and A003 names what it promises (the line without its
# address, the second FM line, the addressee's serial).
_NO_ADDRESS = "FM line has no address: expected one after FM (e.g. FM AMEMBASSY BAMAKO)"
_ROUTING = "VZCZCXRO1\nRR RUEHC\nDE RUEHBP #0097 0501532\nZNR UUUUU ZZH\n"
BARE_FM = [
    ("O000000Z AAA 00*\nFROM\nF0 AMEMBASSY\n", [(2, 5, _NO_ADDRESS), (3, 1, "a second FM line, after the one on line 2: expected one FM line")]),
    ("O 011234Z JAN 09.\nFROM\nFM AMEMBASSY DAKAR\n", [(2, 5, _NO_ADDRESS), (3, 1, "a second FM line, after the one on line 2: expected one FM line")]),
    ("O 011234Z JAN 09.\nFM AMEMBASSY\nF0 AMEMBASSY DAKAR\n", [(2, 4, "address 'AMEMBASSY' names no post: expected the post after it on the same line (e.g. AMEMBASSY BAMAKO)"), (3, 1, "a second FM line, after the one on line 2: expected one FM line")]),
    ("O 011234Z JAN 09.\nFM\nTO SECSTATE WASHDC\n", [(2, 3, _NO_ADDRESS)]),
    ("O 011234Z JAN 09.\nFM\nINFO AMEMBASSY DAKAR\n", [(2, 3, _NO_ADDRESS)]),
    ("Cable Text: x.\nFROM\nF0 AMEMBASSY\n", [(2, 5, _NO_ADDRESS), (3, 1, "a second FM line, after the one on line 2: expected one FM line")]),
    (_ROUTING + "R 191532Z FEB 09.\nFROM\nF0 AMEMBASSY\n", [(6, 5, _NO_ADDRESS), (7, 1, "a second FM line, after the one on line 6: expected one FM line")]),
    (_ROUTING + "R 191532Z FEB 09.\nFROM\nF0 AMEMBASSY\nTO SECSTATE WASHDC\n", [(6, 5, _NO_ADDRESS), (7, 1, "a second FM line, after the one on line 6: expected one FM line")]),
    (
        "FM AMEMBASSY BAMAKO\nTO RUEHC/SECSTATE WASHDC 0412.\nXMT\nAMEMBASSY DAKAR 1\n",
        [
            (3, 4, "XMT line has no address: expected its first addressee after XMT, on this line, not on the line under it ('AMEMBASSY DAKAR 1')"),
            (4, 17, "addressee serial '1' has 1 digit: expected 4 (0001)"),
        ],
    ),
]


@pytest.mark.parametrize("text, expected", BARE_FM, ids=[t for t, _ in BARE_FM])
def test_an_address_line_shaped_like_a_signature_keeps_the_address_block(text: str, expected: list[tuple[int, int, str]]) -> None:
    from tests.conftest import check_json

    cable = parse_text(text)
    assert not cable.errors, describe_errors(cable)
    assert_spans_inside(text, cable)
    found = check_json("--select", "A003", "-", input=text)
    assert [(d["line"], d["column"], d["message"]) for d in found] == expected


def test_a_short_line_under_a_signature_is_still_a_stray_tail() -> None:
    # the guard above is for address lines only: a short line in capitals under a real
    # signature is still past the text's end (S004's)
    (error,) = parse_text("UNCLAS BAMAKO 000097\n\n1. (U) Text.\nLINDQVIST\nEND OF MESSAGE\n").errors
    assert (error.span.line, error.span.column) == (5, 1)


def test_a_free_line_under_a_moved_address_block_is_an_addressee() -> None:
    # found by the grammar-generated documents (fuzz profile): the grammar may read '0'
    # under the moved TO line as an attention line opening the captions, after which a
    # moved TO line may follow the blank line; the lexer reads it as one more addressee
    # of the TO block (header_lines.attention_under_address), and the TO line after the
    # blank then stands where no address line can. That judgement is the lexer's on
    # purpose; the generator now leaves the shape out, and this pins both sides.
    from tests.fuzz.grammar_gen import addressee_under_moved_block

    # (the last line a misspelt TO keyword with no address after it: no address line)
    text = "unclas:\nF0 AMEMBASSY\nT0 AMEMBASSY\n0\n\nT0 A\n"
    cable = parse_text(text)
    (error,) = cable.errors
    assert (error.span.line, error.span.column, error.span.end_column) == (6, 1, 5)
    assert error.expected[0] == "the E.O. line" and "text" in error.expected
    assert [(a.span.line, a.address.text if a.address else None) for a in cable.to] == [(3, "AMEMBASSY"), (4, "0")]
    assert addressee_under_moved_block(text)
    # an attention line under the block ends it: the TO line after the blank is read
    attention = text.replace("\n0\n", "\nDEPT FOR EUR\n")
    assert not parse_text(attention).errors and not addressee_under_moved_block(attention)
    # with no blank line the TO line is the block's second one (A003), and is read
    joined = text.replace("0\n\n", "0\n")
    assert not parse_text(joined).errors and not addressee_under_moved_block(joined)
    # in the header (no classification line above) the shape is read, and kept
    header = text.replace("unclas:\n", "")
    assert not parse_text(header).errors and not addressee_under_moved_block(header)
    # a TO line with an address after its keyword, written right or misspelt as the
    # address reader names it ('T0', A003), goes on with the block after the blank
    # line, under the classification line as in the header (the second TO line,
    # A003): no error, and the generator keeps the shape (the misspelt one was S004
    # here and, in the header, silently an attention line)
    for keyword in ("TO", "T0"):
        goes_on = text.replace("\nT0 A\n", f"\n{keyword} AMEMBASSY\n") + "\nE.O. 12958: N/A\n"  # (a line under it: the block is not the text's last line)
        for shape, lines in ((goes_on, [3, 4, 6]), (goes_on.replace("unclas:\n", ""), [2, 3, 5])):
            cable = parse_text(shape)
            assert not cable.errors and not addressee_under_moved_block(shape), shape
            assert [a.span.line for a in cable.to] == lines, shape


def test_a_short_line_in_capitals_under_the_signature_is_left_out_of_generated_documents() -> None:
    # found by the grammar-generated documents (fuzz profile): the grammar reads 'Aa'
    # and '0.A' as body text; the lexer ends the text at the signature 'Aa' (under a
    # line that ends a sentence) and reports '0.A' as a stray line after it (S004,
    # text_end.py). That judgement is the lexer's on purpose; the generator now leaves
    # the shape out, and this pins both sides.
    from tests.conftest import check_json
    from tests.fuzz.grammar_gen import stray_after_signature

    text = "Aa.\nAa\n0.A\n"
    (error,) = parse_text(text).errors
    assert (error.span.line, error.span.column, error.span.end_column) == (3, 1, 4)
    found = check_json("--select", "S004", "-", input=text)
    assert [(d["line"], d["column"]) for d in found] == [(3, 1)]
    assert stray_after_signature(text)
    # also under end-of-message markers and a closing classification line
    assert stray_after_signature(text + "\nNNNN\nUNCLAS\n")
    # a line above the signature that ends no sentence, a second signature line, a
    # line in lower case, an FM line above: all read, and kept
    for kept in ("Aa\nAa\n0.A\n", "Aa.\nAa\nSMITH\n", "Aa.\nAa\n0.a\n", "O 011234Z JAN 09.\nFROM\nF0 AMEMBASSY\n"):
        assert not parse_text(kept).errors and not stray_after_signature(kept), kept


@pytest.mark.parametrize(
    "text",
    [
        "------ 000000Z\nT0 0\n0\ne x d i s\nNNNN\n",  # (the look-ahead's slip the fuzzer found)
        "PAGE 01 HARARE 06677 01 OF 02 271135Z\nACTION AF-00\n1. (U) Text.\n",
        # (a wrapper that ends in the message's classification line stays one)
        "------ 000000Z\nUNCLAS BAMAKO 000097\n\nSUBJECT: X\n\n1. (U) Text.\nSMITH\n",
    ],
)
def test_a_wrapper_that_does_not_end_is_read_again_as_no_wrapper(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a wrapper's parser states do not accept the text's end: when the
    look-ahead that opens a wrapper promises a message under it that the reader then
    does not find, the parse raised at the end and the whole model was lost. The
    text is now read again as if no line opened a wrapper: here the look-ahead is
    made to promise one every time, and the reading is the honest look-ahead's."""
    from cablelint.grammar.header_lines import HeaderLines
    from cablelint.serialize import cable_to_json

    honest = parse_text(text)
    monkeypatch.setattr(HeaderLines, "wraps", lambda *args: True)
    forced = parse_text(text)
    assert cable_to_json(forced) == cable_to_json(honest)
    assert forced.errors == honest.errors


# Found by the regex audit's wide probe (tests/fuzz/redos.py: every alternative, repeats
# at their most and their fewest): lines that a regex read in exponentially many ways
# before it failed at their end. Each took 10 s or more before; now a few milliseconds.
def _head_of_marker_first(inner: str) -> str:
    """P004's message for a long head '(inner) 1.': both quotes cut at 40 characters."""
    head, meant = f"({inner}) 1.", f"1. ({inner})"
    return f"'{head[:37]}...' has its marker before the number: expected '{meant[:37]}...'"


EXPONENTIAL_LINES = [
    # TAGS_CONT_LINE: ")(" passed after the ")" or before the "(", two ways each
    (
        "UNCLAS BAMAKO 000097\nTAGS: PGOV PREL\n" + "(A)" * 26 + "!\n\n1. (U) Text.\n",
        "ALL",
        [
            ("H001", 2, 1, "no E.O. line: expected 'E.O. <order>: N/A' or 'E.O. <order>: DECL: <date>' before TAGS"),
            ("H008", 3, 1, "no SUBJECT line: expected 'SUBJECT: <subject>' after the captions above"),
            ("F005", 3, 70, "line is 79 characters long: expected at most 69"),
            ("P005", 5, 1, "the cable's only paragraph is numbered 1: expected a single paragraph to have no number"),
            ("S002", 5, 13, "the text ends without a signature: expected the signer's surname in capitals on the line after the last paragraph"),
        ],
    ),
    # PARA_MARK and PARA_MARK_LOOSE: "REL TO A" read as REL, TO, "A" or as REL, "TO A"
    (
        "SECRET BAMAKO 000097\n\nSUBJECT: X\n\n(S" + "/REL TO A" * 26 + "/x) 1. Text.\n\nSMITH\n",
        "P",
        [
            ("P003", 5, 1, "marker '(" + ("S" + "/REL TO A" * 26 + "/x")[:37] + "...)' has an unknown control 'x' after its level S: expected a control such as NF, NOFORN, FOUO, FGI or REL <countries>"),
            ("P004", 5, 1, "paragraph head " + _head_of_marker_first("S" + "/REL TO A" * 26 + "/x")),
            ("P005", 5, 241, "the cable's only paragraph is numbered 1: expected a single paragraph to have no number"),
        ],
    ),
    # PARA_MARK_LOOSE: a release list's blanks before a slash, its own or the slash's
    (
        "SECRET BAMAKO 000097\n\nSUBJECT: X\n\n(s" + "/rel a  " * 16 + "/x) 1. Text.\n\nSMITH\n",
        "P",
        [
            ("P003", 5, 1, "marker '(" + ("s" + "/rel a  " * 16 + "/x")[:37] + "...)' has an unknown control 'x' after its level S: expected a control such as NF, NOFORN, FOUO, FGI or REL <countries>"),
            ("P004", 5, 1, "paragraph head " + _head_of_marker_first("s" + "/rel a  " * 16 + "/x")),
            ("P005", 5, 135, "the cable's only paragraph is numbered 1: expected a single paragraph to have no number"),
        ],
    ),
]


@pytest.mark.parametrize("text, select, expected", EXPONENTIAL_LINES, ids=["tags-parentheses", "release-to", "release-blanks"])
def test_a_line_a_regex_could_read_many_ways_is_checked_fast(text: str, select: str, expected: list[tuple[str, int, int, str]]) -> None:
    import time

    from tests.conftest import check_json

    start = time.process_time()
    found = check_json("--select", select, "-", input=text)
    assert time.process_time() - start < 2.0
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == expected


# Found by timing lines of 10,000 and 20,000 characters in each place of a cable (session
# 30): lines a regex read in quadratically many ways before it failed. Each took 10 s or
# more at 20,000 characters; now well under a second.
def _cable_with_class_line(class_line: str) -> str:
    return f"FM AMEMBASSY BAMAKO\nTO SECSTATE WASHDC\n\n{class_line}\n\nE.O. 12958: DECL: 09/28/2015\nTAGS: PGOV\nSUBJECT: X\n\n1. (C) Text.\nSMITH\n"


_NO_AUTHORITY = ("C004", 9, 1, "CONFIDENTIAL cable has no classification authority: expected 'Classified By: <name and title> for reasons 1.4 (b) and (d)' after the captions")
_ONLY_PARAGRAPH = ("P005", 10, 1, "the cable's only paragraph is numbered 1: expected a single paragraph to have no number")

QUADRATIC_LINES = [
    # CLASS_SHAPE: a section number with letters for digits ([\dOIl]*\d[\dOIl]*) split a
    # digit run at each of its digits before it found no OF after it
    (
        _cable_with_class_line("C O N F I D E N T I A L " + "1" * 20000 + "x"),
        [("F005", 4, 70, "line is 20025 characters long: expected at most 69"), _NO_AUTHORITY, _ONLY_PARAGRAPH],
    ),
    # CLASS_SHAPE: the post, read a character at a time, took blanks too, and the blanks
    # before the serial were scanned again from each of them
    (
        _cable_with_class_line("C O N F I D E N T I A L BAMAKO" + " " * 20000 + "x"),
        [
            ("A004", 1, 4, "FM line names 'AMEMBASSY BAMAKO' but the classification line on line 4 names 'BAMAKO" + " " * 31 + "...': expected the same originating post in both"),
            ("F005", 4, 70, "line is 20031 characters long: expected at most 69"),
            _NO_AUTHORITY,
            _ONLY_PARAGRAPH,
        ],
    ),
    # CLASS_STOP_POST (a mark after the level before the post, with or without a blank
    # after it): the post, read a character at a time, took blanks too, and the blanks
    # before the serial were scanned again from each of them
    (
        _cable_with_class_line("C O N F I D E N T I A L,A" + " " * 20000 + "x"),
        [("F005", 4, 70, "line is 20026 characters long: expected at most 69"), _NO_AUTHORITY, _ONLY_PARAGRAPH],
    ),
    # ADDRESS_JOINED (a TO line run on into an address line), searched on the FM line:
    # a run of blanks was scanned again from each of its blanks (8 s for 40,000)
    (
        _cable_with_class_line("C O N F I D E N T I A L BAMAKO 000097").replace("FM AMEMBASSY BAMAKO", "FM AMEMBASSY BAMAKO" + " " * 40000 + "x"),
        [
            ("A003", 1, 4, f"address 'AMEMBASSY BAMAKO{' ' * 41}...' is not in capitals: expected 'AMEMBASSY BAMAKO{' ' * 41}...'"),
            ("F005", 1, 70, "line is 40020 characters long: expected at most 69"),
            _NO_AUTHORITY,
            _ONLY_PARAGRAPH,
        ],
    ),
    # PAGE_HEADER_INLINE, searched on a body line holding a serial and page number: a
    # run of blanks was scanned again from each of its blanks (6 s at 20,000)
    (
        _cable_with_class_line("C O N F I D E N T I A L BAMAKO 000097").replace("1. (C) Text.", "1. (C) Text 00000097 002" + " " * 20000 + "x."),
        [_NO_AUTHORITY, _ONLY_PARAGRAPH, ("F005", 10, 70, "line is 20026 characters long: expected at most 69")],
    ),
    # CLASS_STOP_POST, on the rest of a classification line after a release and a comma:
    # its lazy post grew a blank at a time and the blanks before the serial were scanned
    # again for each (7 s at 20,000); _POST_TAIL, searched there, scanned the run from
    # each of its blanks too
    (
        _cable_with_class_line("SECRET//REL TO USA, UK" + " " * 20000 + "1x"),
        [
            ("C009", 4, 1, "cable is SECRET but no portion is marked above CONFIDENTIAL: expected the cable's level to match its highest portion"),
            ("C006", 4, 9, "release 'REL TO USA, UK                       ...' names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"),  # (the release to the line's end, no post after it)
            ("F005", 4, 70, "line is 20024 characters long: expected at most 69"),
            ("C004", 9, 1, "SECRET cable has no classification authority: expected 'Classified By: <name and title> for reasons 1.4 (b) and (d)' after the captions"),
            _ONLY_PARAGRAPH,
        ],
    ),
    # PAGE_HEADER_INLINE, searched on a body line holding a serial and page number: the
    # post was read from each word on to the serial (12 s at 10,000 words)
    (
        _cable_with_class_line("C O N F I D E N T I A L BAMAKO 000097").replace("1. (C) Text.", "1. (C) " + "A " * 10000 + "00000097 002 x."),
        [_NO_AUTHORITY, _ONLY_PARAGRAPH, ("F005", 10, 70, "line is 20022 characters long: expected at most 69")],
    ),
    # _POST_TAIL, searched on the rest of a classification line after a release and a
    # comma: the words before a serial were read from each word on to the line's end (7 s
    # at 6,600 words)
    (
        _cable_with_class_line("SECRET//REL TO USA, UK" + " Ab" * 6600 + " x"),
        [
            ("C009", 4, 1, "cable is SECRET but no portion is marked above CONFIDENTIAL: expected the cable's level to match its highest portion"),
            ("C006", 4, 9, "release 'REL TO USA, UK Ab Ab Ab Ab Ab Ab Ab A...' names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"),  # (the release to the line's end, no post after it)
            ("F005", 4, 70, "line is 19824 characters long: expected at most 69"),
            ("C004", 9, 1, "SECRET cable has no classification authority: expected 'Classified By: <name and title> for reasons 1.4 (b) and (d)' after the captions"),
            _ONLY_PARAGRAPH,
        ],
    ),
    # Runs of words of other shapes, through the searches the code makes by hand (session
    # 32: redos.run_probe on runs of short units, test_a_search_made_by_hand_is_linear_on_a_run):
    # none was slow; kept so that none becomes so. inline_page_header_matches over a
    # post of capitals behind commas and over digits and blanks, before a serial and page
    (
        _cable_with_class_line("C O N F I D E N T I A L BAMAKO 000097").replace("1. (C) Text.", "1. (C) " + "A, " * 6600 + "00000097 002 OF x."),
        [_NO_AUTHORITY, _ONLY_PARAGRAPH, ("F005", 10, 70, "line is 19825 characters long: expected at most 69")],
    ),
    (
        _cable_with_class_line("C O N F I D E N T I A L BAMAKO 000097").replace("1. (C) Text.", "1. (C) " + "0 " * 10000 + "00000097 002 OF x."),
        [_NO_AUTHORITY, _ONLY_PARAGRAPH, ("F005", 10, 70, "line is 20025 characters long: expected at most 69")],
    ),
    # the scan's REF citations (read_scan._matches): a list of 6,600 letters behind commas
    (
        _cable_with_class_line("C O N F I D E N T I A L BAMAKO 000097").replace("1. (C) Text.", "1. (C) ref " + "A, " * 6600 + "x."),
        [
            _NO_AUTHORITY,
            _ONLY_PARAGRAPH,
            ("X006", 10, 8, "the text cites Ref A (6600 citations) but the cable has no REF block: expected a 'REF:' caption identifying it"),
            ("F005", 10, 70, "line is 19813 characters long: expected at most 69"),
        ],
    ),
    # post_tail after a release: words behind slashes
    (
        _cable_with_class_line("SECRET//REL TO USA, UK" + " A/" * 6600 + " x"),
        [
            ("C009", 4, 1, "cable is SECRET but no portion is marked above CONFIDENTIAL: expected the cable's level to match its highest portion"),
            ("C006", 4, 9, "release 'REL TO USA, UK A/ A/ A/ A/ A/ A/ A/ A...' names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"),  # (the release to the line's end, no post after it)
            ("F005", 4, 70, "line is 19824 characters long: expected at most 69"),
            ("C004", 9, 1, "SECRET cable has no classification authority: expected 'Classified By: <name and title> for reasons 1.4 (b) and (d)' after the captions"),
            _ONLY_PARAGRAPH,
        ],
    ),
    # SUBPARA_SHAPE, fullmatched on a body line: a sub-paragraph's opening marker with no
    # closing parenthesis, its controls given back one at a time, the rest of the line read
    # for a closing parenthesis at each (1 s at 20,000 characters, 0.57 s of it the regex)
    (
        _cable_with_class_line("C O N F I D E N T I A L BAMAKO 000097").replace("1. (C) Text.", "1. (C) Text.\n\nA. (SBU" + "/A" * 10000 + "x"),
        [_NO_AUTHORITY, _ONLY_PARAGRAPH, ("F005", 12, 70, "line is 20008 characters long: expected at most 69")],
    ),
    # REF_DTG (cubic on 'SECDEF' and a thousand blanks, 1.3 s, alone): through the CLI the
    # REF entries are split at a run of blanks (REF_SEPARATOR) before it is tried; this line
    # pins that
    (
        _cable_with_class_line("C O N F I D E N T I A L BAMAKO 000097").replace("SUBJECT: X\n", "SUBJECT: X\nREF: SECDEF" + " " * 20000 + "MSG DTG 011234Z JAN 09\n"),
        [
            ("X001", 9, 6, "REF entry names 'SECDEF' but no number: expected an origin and a number such as 'SECDEF 1234'"),
            ("X004", 9, 6, "the reference 'SECDEF' is never cited in the text: expected 'Ref A' (its place in the REF block) somewhere, or the entries labelled A., B., ..."),
            ("F005", 9, 70, "line is 20033 characters long: expected at most 69"),
            ("X004", 9, 20012, "the reference 'MSG DTG 011234Z JAN 09' is never cited in the text: expected 'Ref B' (its place in the REF block) somewhere, or the entries labelled A., B., ..."),
            (_NO_AUTHORITY[0], 10, *_NO_AUTHORITY[2:]),
            (_ONLY_PARAGRAPH[0], 11, *_ONLY_PARAGRAPH[2:]),
        ],
    ),
]


@pytest.mark.parametrize(
    "text, expected",
    QUADRATIC_LINES,
    ids=["class-line-digits", "class-line-blanks", "class-line-stop-blanks", "fm-line-blanks", "body-line-page-blanks", "class-line-release-blanks", "body-line-page-words", "class-line-release-words", "body-line-page-commas", "body-line-page-digits", "body-line-ref-letters", "class-line-release-slashes", "subparagraph-open-marker-slashes", "ref-entry-blanks"],
)
def test_a_long_line_a_regex_could_read_many_ways_is_checked_fast(text: str, expected: list[tuple[str, int, int, str]]) -> None:
    import time

    from tests.conftest import check_json

    start = time.process_time()
    found = check_json("--select", "ALL", "--no-cache", "-", input=text)
    assert time.process_time() - start < 2.0
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == expected


# A caveat line of many caveats behind '//' (session 36's review): read_caveats read a
# release before '//' and a caveat after it by calling itself for the rest of the line,
# once more down the stack for each ('REL TO USA, UK//' a thousand times, 16 KB: a
# RecursionError, the file not linted, exit 2), and looked from each '//' to the line's
# end for a release after the words behind '//' (100 KB of 'NOFORN//EXDIS//': 18 s)
_UK = "release 'REL TO USA, UK' names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"
_CAVEAT_LINE_AUTHORITY = ("C004", 11, 1, _NO_AUTHORITY[3])
_CAVEAT_LINE_PARAGRAPH = ("P005", 12, 1, _ONLY_PARAGRAPH[3])


@pytest.mark.parametrize(
    "caveats, read, expected",
    [
        (
            "REL TO USA, UK//" * 1000 + "REL TO USA, UK",
            ["REL TO USA, UK"] * 1001,
            [
                *[("C006", 6, 1 + 16 * i, _UK) for i in range(5)],
                ("F005", 6, 70, "line is 16014 characters long: expected at most 69"),
                *[("C006", 6, 1 + 16 * i, _UK) for i in range(5, 1001)],
                _CAVEAT_LINE_AUTHORITY,
                _CAVEAT_LINE_PARAGRAPH,
            ],
        ),
        (
            "NOFORN//EXDIS//" * 6667 + "NOFORN",
            ["NOFORN", "EXDIS"] * 6667 + ["NOFORN"],
            [("F005", 6, 70, "line is 100011 characters long: expected at most 69"), _CAVEAT_LINE_AUTHORITY, _CAVEAT_LINE_PARAGRAPH],
        ),
    ],
    ids=["releases-behind-double-slashes", "caveats-behind-double-slashes"],
)
def test_a_caveat_line_of_many_caveats_behind_double_slashes_is_read_fast(caveats: str, read: list[str], expected: list[tuple[str, int, int, str]]) -> None:
    import time

    from tests.conftest import check_json

    text = _cable_with_class_line("C O N F I D E N T I A L BAMAKO 000097\n\n" + caveats)
    start = time.process_time()
    found = check_json("--select", "ALL", "--no-cache", "-", input=text)
    assert time.process_time() - start < 2.0
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == expected
    assert [c.name for c in parse_text(text).caveats] == read
