"""The block a multi-section received copy repeats before each later section is no
part of the text (cable-format.md 2.8, 4.6; copy_repeats.py)."""

from __future__ import annotations

from cablelint.grammar.parser import parse_text
from tests.conftest import check_json
from tests.rules.cases import corpus_text, mutate

REK = corpus_text("telegram-confidential-reykjavik-multisection.cable")  # 3 sections, page headers on lines 60 and 97
_ADDRESS = "P 061012Z NOV 08\nFM AMEMBASSY REYKJAVIK\nTO SECSTATE WASHDC PRIORITY 4107\nINFO USMISSION USNATO PRIORITY 0522\nEUROPEAN POLITICAL COLLECTIVE\n"
# a Department copy's drafting lines between the distribution block and the control line
DRAFTING = "\n092210\nSOURCE: CBLEXCLS.000123\nDRAFTED BY: EUR/NB:JDOE -- 11/06/2008\nA. SMITH, EUR/NB; B. JONES, PM/RSAT\n"


def block(page: int, section: int, drafting: str = "") -> str:
    """The print-out's block above a section: classification, page line,
    distribution block, control line, DTG and address lines."""
    return (
        f"CONFIDENTIAL\n\nPAGE {page:02d}        REYKJAVIK  00687  {section:02d} OF 03  061013Z\nACTION EUR-00\n\n"
        f"INFO  LOG-00   NP-00    AF-00    /012W\n{drafting}                  ------------------A54E38  061013Z /38\n" + _ADDRESS
    )


def head(section: int) -> str:
    """The classification line and captions each section repeats."""
    return f"\nC O N F I D E N T I A L SECTION {section:02d} OF 03 REYKJAVIK 000687\n\nE.O. 12958: DECL: 11/06/2018\nTAGS: PREL MARR EFIN IC NATO\n\n"


def received(second: str = block(2, 2), third: str = block(3, 3)) -> str:
    """REK as a received copy prints it: each section under its block; the text of
    paragraph 3 goes on in section 2."""
    text = block(1, 1) + "\n" + REK[REK.index("C O N F I D E N T I A L SECTION 01") :]
    text = mutate(text, "REYKJAVIK 00000687 002 OF 003\n", second + head(2))
    return mutate(text, "REYKJAVIK 00000687 003 OF 003\n", third + head(3))


def test_the_repeated_blocks_are_found() -> None:
    text = received()
    cable = parse_text(text)
    lines = text.split("\n")
    assert [(r.span.line, r.span.end_line) for r in cable.copy_repeats] == [(61, 72), (115, 126)]
    for r in cable.copy_repeats:
        assert lines[r.span.line - 1] == "CONFIDENTIAL" and lines[r.span.end_line - 1] == "EUROPEAN POLITICAL COLLECTIVE"
    assert [(r.page.page, r.section.section_number) for r in cable.copy_repeats] == [(2, 2), (3, 3)]
    # the page lines stay page headers, checked like the others
    assert [(ph.span.line, ph.page, ph.total.text) for ph in cable.page_headers] == [(63, 2, "03"), (117, 3, "03")]
    assert [d["code"] for d in check_json("--select", "ALL", "--ignore", "F005,F006", "-", input=text)] == []


def test_the_blocks_lines_are_no_text() -> None:
    """Nothing is read from the block's lines (the drafting line's "A." and "B." are no
    sub-paragraphs, the print-out's classification no classification line in the
    text), and paragraph 3 runs on across the block into section 2, as across a page
    header."""
    text = received(second=block(2, 2, DRAFTING))
    cable = parse_text(text)
    plain = parse_text(mutate(REK, "REYKJAVIK 00000687 002 OF 003\n", ""))
    assert [(s.label, s.paragraph) for s in cable.subparagraphs] == [(s.label, s.paragraph) for s in plain.subparagraphs]
    first = cable.copy_repeats[0].span
    assert not [kind for kind, span in cable.late_captions if first.line <= span.line <= first.end_line]
    three = next(p for p in cable.paragraphs if p.number == 3)
    assert three.span.line < first.line and three.span.end_line > first.end_line
    assert [(p.number, p.marking) for p in cable.paragraphs] == [(p.number, p.marking) for p in plain.paragraphs]
    assert [d["code"] for d in check_json("--select", "ALL", "--ignore", "F005,F006", "-", input=text)] == []


def test_a_paragraph_that_ends_above_a_block_ends_there() -> None:
    """A block with no section head under it, right above a paragraph: the paragraph
    before it ends at its own last line."""
    text = mutate(REK, "\n5. (C) Sveinbjornsson", "\n" + block(2, 2) + "\n5. (C) Sveinbjornsson")
    cable = parse_text(text)
    four = next(p for p in cable.paragraphs if p.number == 4)
    assert four.span.end_line < cable.copy_repeats[0].span.line
    assert text.split("\n")[four.span.end_line - 1].strip()


# the captions a section repeats under its classification line, the REF block with them
def head_with_refs(section: int, refs: str = "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512\n") -> str:
    return head(section) + "SUBJECT: ICELAND: COAST GUARD CUTS PUT AIR POLICING SUPPORT AT\nRISK\n\n" + refs + "\n"


def test_no_finding_comes_from_the_repeated_lines() -> None:
    """The block's lines and the captions the section repeats under it are copies of
    lines checked where they first stand: a drafting line that runs past 69 characters
    (F005 on the top block's copy of it only), and words in the repeated REF block that
    read as citations, an END SUMMARY and sub-paragraph labels, give no finding there
    (they gave X007, X003, P007 and F005)."""
    long_line = "\nDRAFTED BY: EUR/NB:JDOE -- 11/06/2008 -- APPROVED BY: EUR/NB:RSMITH -- CLEARED\n"
    refs = "REF: A. STATE 108812 SEE PARA 12 AND REF D, END SUMMARY\n     B. 08 REYKJAVIK 512\n"
    text = block(1, 1, long_line) + "\n" + REK[REK.index("C O N F I D E N T I A L SECTION 01") :]
    text = mutate(text, "REYKJAVIK 00000687 002 OF 003\n", block(2, 2, long_line) + head_with_refs(2, refs))
    text = mutate(text, "REYKJAVIK 00000687 003 OF 003\n", block(3, 3) + head_with_refs(3))
    cable = parse_text(text)
    first = cable.copy_repeats[0]
    assert first.captions is not None and (first.captions.line, first.captions.end_line) == (first.span.end_line + 2, first.span.end_line + 11)
    lines = text.split("\n")
    assert lines[first.captions.end_line - 1] == "     B. 08 REYKJAVIK 512" and lines[first.captions.end_line + 1] == "from January 1:"
    found = [(d["code"], d["line"]) for d in check_json("--select", "ALL", "--ignore", "F006", "-", input=text)]
    assert found == [("F005", lines.index(long_line.strip()) + 1)]


def test_a_last_paragraph_across_a_block_ends_under_it() -> None:
    """No rule reads a paragraph's lines through its span, which runs across the block:
    P001 and P007 read where a paragraph starts, S002 where the body ends. Pinned with
    the last paragraph's comment opened above the third section's block and closed
    under it (no P007), and, the signature gone, S002 at the end of the text's last
    line under the block, not on the block's lines."""
    moved = mutate(REK, "REYKJAVIK 00000687 003 OF 003\n", "")
    moved = mutate(moved, "8. (C) Comment: Sveinbjornsson's figures are credible, and the\n", "8. (C) Comment: Sveinbjornsson's figures are credible, and the\nREYKJAVIK 00000687 003 OF 003\n")
    text = block(1, 1) + "\n" + moved[moved.index("C O N F I D E N T I A L SECTION 01") :]
    text = mutate(text, "REYKJAVIK 00000687 002 OF 003\n", block(2, 2) + head(2))
    text = mutate(text, "REYKJAVIK 00000687 003 OF 003\n", block(3, 3) + head(3))
    cable = parse_text(text)
    last, third = cable.paragraphs[-1], cable.copy_repeats[1].span
    assert last.number == 8 and last.span.line < third.line and last.span.end_line > third.end_line
    assert [d["code"] for d in check_json("--select", "ALL", "--ignore", "F005,F006", "-", input=text)] == []
    unsigned = mutate(text, "End Comment.\nLINDQVIST", "End Comment.")
    lines = unsigned.split("\n")
    end = lines.index("the Foreign Ministry takes the matter to Brussels. End Comment.") + 1
    found = [(d["code"], d["line"], d["column"]) for d in check_json("--select", "ALL", "--ignore", "F005,F006", "-", input=unsigned)]
    assert found == [("S002", end, 64)] and end > third.end_line
