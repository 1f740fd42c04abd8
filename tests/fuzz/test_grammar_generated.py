"""Part 1 of issue 5: documents generated from the grammar parse cleanly.

See grammar_gen.py for how ``from_lark`` is made to work with a line-level grammar.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cablelint.grammar.address_lines import address_after_keyword, zero_slip_keyword
from cablelint.grammar.parser import document_parser, parse_text
from tests.fuzz.grammar_gen import documents, line_strategy, normalised
from tests.fuzz.invariants import assert_spans_inside, describe_errors


@given(documents())
def test_grammar_documents_parse_without_error_nodes(text: str) -> None:
    cable = parse_text(text)
    assert not cable.errors, describe_errors(cable)
    assert_spans_inside(text, cable)


# Each line terminal on its own, after a context that lets the parser accept it: the
# line must be read (the readers assert their shape regexes match what the document
# terminal matched) and every span must fall inside the text.
_CONTEXT = {
    "FL1_LINE": ("", ""),
    "FL2_LINE": ("VZCZCXRO1\n", ""),
    "RI_CONT_LINE": ("VZCZCXRO1\nRR RUEHC\n", ""),
    "DE_LINE": ("VZCZCXRO1\nRR RUEHC\n", ""),
    "SECURITY_LINE": ("VZCZCXRO1\nRR RUEHC\nDE RUEHBP #0097 0501532\n", ""),
    "DTG_LINE": ("", ""),
    "FM_LINE": ("", ""),
    "TO_LINE": ("FM AMEMBASSY BAMAKO\n", ""),
    "INFO_LINE": ("FM AMEMBASSY BAMAKO\n", ""),
    "XMT_LINE": ("FM AMEMBASSY BAMAKO\n", ""),
    "ADDR_CONT_LINE": ("FM AMEMBASSY BAMAKO\nTO SECSTATE WASHDC\n", ""),
    "BT_LINE": ("FM AMEMBASSY BAMAKO\nTO SECSTATE WASHDC\n", "UNCLAS BAMAKO 000097\n"),
    "CLASS_LINE": ("", "\nSUBJECT: X\n"),
    "LATE_CLASS_LINE": ("FOR X\n", "\nSUBJECT: X\n"),
    "MOVED_CLASS_LINE": ("SIPDIS\nSUBJECT: X\n", "\n1. X\n"),
    "ANCHOR_CLASS_LINE": ("SUBJECT: X\n", "\n1. X\n"),
    "PASS_ABOVE_CLASS_LINE": ("SUBJECT: X\n", "UNCLAS BAMAKO 000097\n\n1. X\n"),
    "CAVEAT_LINE": ("UNCLAS BAMAKO 000097\n", "\n1. X\n"),
    "ODD_CAVEAT_LINE": ("UNCLAS BAMAKO 000097\n", "\n1. X\n"),
    "ATTN_LINE": ("UNCLAS BAMAKO 000097\n", "\n1. X\n"),
    "EO_LINE": ("UNCLAS BAMAKO 000097\n", "\n1. X\n"),
    "TAGS_LINE": ("UNCLAS BAMAKO 000097\n", "\n1. X\n"),
    "TAGS_CONT_LINE": ("UNCLAS BAMAKO 000097\nTAGS: PREL\n", "\n1. X\n"),
    "SUBJECT_LINE": ("UNCLAS BAMAKO 000097\n", "\n1. X\n"),
    "SUBJECT_CONT_LINE": ("UNCLAS BAMAKO 000097\nSUBJECT: X\n", "\n1. X\n"),
    "REF_LINE": ("UNCLAS BAMAKO 000097\n", "\n1. X\n"),
    "REF_CONT_LINE": ("UNCLAS BAMAKO 000097\nREF: A. STATE 1\n", "\n1. X\n"),
    "REF_MORE_LINE": ("UNCLAS BAMAKO 000097\nREF: A. STATE 1\n\n", "\n1. X\n"),
    "CLSBY_LINE": ("UNCLAS BAMAKO 000097\n", "\n1. X\n"),
    "CLSBY_CONT_LINE": ("UNCLAS BAMAKO 000097\nClassified By: X\n", "\n1. X\n"),
    "PARA_LINE": ("UNCLAS BAMAKO 000097\n\n", "\nSMITH\n"),
    "TEXT_LINE": ("UNCLAS BAMAKO 000097\n\n1. X\n", "\nSMITH\n"),
    "PAGE_HEADER_LINE": ("UNCLAS BAMAKO 000097\n\n1. X\n", "\nSMITH\n"),
    "RULE_LINE": ("UNCLAS BAMAKO 000097\n\n1. X\n", "\nSMITH\n"),
    "SIGNATURE_LINE": ("UNCLAS BAMAKO 000097\n\n1. X\n", ""),
    "NOTICE_LINE": ("", "\nUNCLAS BAMAKO 000097\n"),
    "DATE_LINE": ("", "\nUNCLAS BAMAKO 000097\n"),
    "BARE_DTG_LINE": ("", "\nUNCLAS BAMAKO 000097\n"),
    "DIST_LINE": ("", "\nUNCLAS BAMAKO 000097\n"),
    "COPY_CLASS_LINE": ("", "\nPAGE 01 BAMAKO 00097 101641Z\nUNCLAS BAMAKO 000097\n"),
    "WRAPPER_OPEN_LINE": ("", "\nUNCLAS BAMAKO 000097\n"),
    "WRAPPER_LINE": ("ACTION AF-00\n", "\nUNCLAS BAMAKO 000097\n"),
    "WRAPPER_FROM_LINE": ("Cable Text:\n", "\nUNCLAS BAMAKO 000097\n"),
    "TRAILER_LINE": ("UNCLAS BAMAKO 000097\n\n1. X\n", ""),
    "END_CLASS_LINE": ("UNCLAS BAMAKO 000097\n\n1. X\nSMITH\n", ""),
    "FOOTER_LINE": ("UNCLAS BAMAKO 000097\n\n1. X\nSMITH\n", ""),
    "FOOTER_CONT_LINE": ("UNCLAS BAMAKO 000097\n\n1. X\nSMITH\nVisit Bamako's Classified Web Site at\n", ""),
    "TEASER_LINE": ("UNCLAS BAMAKO 000097\n\n1. X\nSMITH\n", ""),
    "CLEARANCE_LINE": ("UNCLAS BAMAKO 000097\n\n1. X\nSMITH\n", ""),
}


def test_every_line_terminal_has_a_context() -> None:
    names = {t.name for t in document_parser().terminals} - {"BLANK"}
    assert names == set(_CONTEXT)


@given(st.data())
def test_each_line_kind_is_read_in_place(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(_CONTEXT)), label="terminal")
    before, after = _CONTEXT[name]
    line = data.draw(line_strategy(name), label="line")
    text = before + line + "\n" + after
    cable = parse_text(text)
    assert_spans_inside(text, cable)
    placed = {e.span.line for e in cable.errors}
    assert before.count("\n") + 1 not in placed, describe_errors(cable)


# The captions an address block may be moved among (cable.lark's main_part), each
# with a line of its own kind under it where it may have one.
_CAPTIONS = ("E.O. 12958: N/A\n", "TAGS: PREL, ML\n", "SUBJECT: TEST\n", "REF: A. STATE 1\n", "Classified By: JOHN SMITH, POLOFF\n")


def _moved_line(line: str) -> bool:
    text = normalised(line)
    return address_after_keyword(text) or zero_slip_keyword(text)


@given(st.data())
def test_an_address_block_moved_among_the_captions_is_read_in_place(data: st.DataObject) -> None:
    # the grammar takes a TO, INFO or XMT block (its keyword line and free lines under
    # it) among the captions; the lexer takes it there when its first line has an
    # address after the keyword (or the keyword typed with a zero), with or without an
    # FM line (header_reading.py); right under the classification line and among the
    # handling captions too (where with no FM line it is read as attention lines).
    # Every such block, drawn from the terminals' patterns, must be read with no error
    # node, whatever stands above it and whichever caption under it
    fm = data.draw(st.sampled_from(("", "FM AMEMBASSY BAMAKO\n")), label="fm")
    keyword = data.draw(st.sampled_from(("TO_LINE", "INFO_LINE", "XMT_LINE")), label="keyword")
    line = data.draw(line_strategy(keyword).filter(_moved_line), label="line")
    more = data.draw(st.lists(line_strategy("ADDR_CONT_LINE"), max_size=2), label="addressees")
    above = data.draw(st.sampled_from(("", "SIPDIS\n", *_CAPTIONS)), label="above")
    under = data.draw(st.sampled_from(_CAPTIONS), label="under")
    text = fm + "UNCLAS BAMAKO 000097\n" + above + "".join(f"{s}\n" for s in (line, *more)) + under + "\n1. (U) Text.\n"
    cable = parse_text(text)
    assert not cable.errors, describe_errors(cable)
    assert_spans_inside(text, cable)
