"""F rules: the file and its text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import check_json, run_cli
from tests.rules.cases import Case, check_case, corpus_text, fixed, mutate, params

BASE = corpus_text("telegram-confidential-13526-rabat.cable")
DRAFT = corpus_text("draft-confidential-copenhagen.cable")
# the archive anchors "N. " heads only: "2.(C)" gets no sign, so one sign is its own
PARIS_ONE_SIGN = corpus_text("cablegate-confidential-paris.cable").replace("\u00b62. (C)", "2.(C)").replace("\u00b63. (C)", "3.(C)").replace("\u00b64. (U)", "4.(U)")
# the archive's note before a partial extract (cable-format.md 2.8), 109 characters long
# a Markdown-converted page: a tag link on its TAGS line (line 19, column 12)
RIGA_MD = mutate(corpus_text("markdown-confidential-riga.cable"), "TAGS: PREL PGOV", "TAGS: PREL [PGOV](#)")
EXTRACT = "This record is a partial extract of the original cable. The full text of the original cable is not available.\n\n" + corpus_text("cablegate-confidential-paris.cable")

CASES = [
    Case("F001", "clean", BASE),
    Case("F001", "latin1-byte", "", ((55, 5),), data=mutate(BASE, "KINSEY", "KINS\u00c9Y").encode("latin-1")),
    Case("F002", "nul-in-subject", mutate(BASE, "NEW BUDGET", "NEW\x00BUDGET"), ((20, 46),)),
    Case("F002", "tab-is-text", mutate(BASE, "KINSEY", "\tKINSEY")),
    # a DOS end-of-file mark after the signature: F002's alone, the signature still read (no S002)
    Case("F002", "end-of-file-mark-after-the-signature", mutate(BASE, "KINSEY\n", "KINSEY\x1a\n"), ((55, 7),)),
    Case("F003", "whitespace-only", " \n\n \n", ((1, 1),)),
    # a file of NUL bytes is not empty: F002 names it, F003 says nothing more
    Case("F002", "nul-bytes-only", "\x00" * 60 + "\n" + "\x00" * 50, ((1, 1), (2, 1))),
    Case("F003", "clean", BASE),
    Case("F004", "link-around-tag", mutate(BASE, "TAGS: PGOV", "TAGS: [PGOV](#)"), ((19, 7),)),
    # a link that lost its closing parenthesis is residue all the same: one finding, the
    # tag still read (no unknown tag '[PGOV]', no person tag '(#')
    Case("F004", "link-without-its-closing-parenthesis", mutate(BASE, "TAGS: PGOV", "TAGS: [PGOV](#"), ((19, 7),)),
    Case("F004", "html-break", mutate(BASE, "street lighting", "street<br>lighting"), ((35, 7),)),
    # residue never joins two words it keeps apart: two tag links that meet are two tags
    # (no H007 for 'PHUMKDEM'), and so are two links in the subject and the REF line
    Case("F004", "two-tag-links-that-meet", mutate(BASE, "TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV [PHUM](#)[KDEM](#) MO"), ((19, 12), (19, 21))),
    Case("F004", "two-links-that-meet-in-the-subject-and-ref", mutate(mutate(BASE, "MOROCCO: MUNICIPAL COUNCILS", "MOROCCO: [MUNICIPAL](#)[COUNCILS](#)"), "REF: 2009 RABAT 944", "REF: 2009 [RABAT](#)[944](#)"), ((20, 19), (20, 33), (22, 11), (22, 21))),
    # a lone digit or letter in a link is the archive's anchor only directly before a
    # label or a number ('[1](#)B.'); before a blank it is a word of the text
    Case("F004", "lone-digit-link-that-is-a-word", mutate(BASE, "street lighting", "street [4](#) lighting"), ((35, 8),)),
    # an entity left before a summary's opening: F004's alone, the opening still read
    # (no P007 at its End Summary)
    Case("F004", "entity-before-a-summary-opening", mutate(corpus_text("cablegate-confidential-paris.cable"), "1. (C) Summary: A senior MFA", "1. (C) &quot;Summary: A MFA"), ((28, 9),)),
    # Markdown's own markup in a Markdown-converted page, whose converter escapes the
    # cable's own '>', '_' and '`' (cable-format.md 5.3): a block quote's mark,
    # '_italic_', '`code`'; the text read without them (no P001 for the quoted head)
    Case("F004", "markdown-block-quote", mutate(RIGA_MD, "2. (C) The reform", "> 2. (C) The reform"), ((19, 12), (36, 1))),
    Case("F004", "markdown-italic", mutate(RIGA_MD, "fallen out over", "fallen _out_ over"), ((19, 12), (30, 8))),
    Case("F004", "markdown-code", mutate(RIGA_MD, "fallen out over", "fallen `out` over"), ((19, 12), (30, 8))),
    Case("F004", "markdown-bold", mutate(RIGA_MD, "fallen out over", "fallen **out over** it"), ((19, 12), (30, 8))),
    # a bold paragraph head is residue, the paragraph read under it (no P001, P002)
    Case("F004", "markdown-bold-paragraph-head", mutate(RIGA_MD, "2. (C) The reform", "**2. (C)** The reform"), ((19, 12), (36, 1))),
    # ... word-bounded only: an identifier's underscores and a backtick typed for an
    # apostrophe are text
    Case("F004", "markdown-underscore-in-a-word", mutate(RIGA_MD, "fallen out over", "fallen OUT_OVER_"), ((19, 12),)),
    Case("F004", "markdown-backtick-for-an-apostrophe", mutate(RIGA_MD, "coalition's partners", "coalition`s partners`"), ((19, 12),)),
    Case("F004", "markdown-rule-of-asterisks", mutate(RIGA_MD, "fallen out over", "fallen *** out ** over"), ((19, 12),)),
    # ... and in a file with no other residue they are the cable's own text (an e-mail
    # quoted with '>', an underscore, a backtick)
    Case("F004", "quote-mark-in-plain-text", mutate(corpus_text("markdown-confidential-riga.cable"), "2. (C) The reform reduces", "2. (C) The reform reduces\n> the number _of_ `local`\n")),
    Case("F004", "asterisks-in-plain-text", mutate(corpus_text("markdown-confidential-riga.cable"), "fallen out over", "fallen **out** over")),
    Case("F004", "pilcrow-is-cablegate-convention", corpus_text("cablegate-confidential-paris.cable")),
    # a dash-ruled heading the converter made a Markdown heading of (cable-format.md 5.3)
    # a REF label that a converter made a link: the letter is the label, not an anchor
    # before one, and stays ('[1](#)B.' loses its '1'); Ref B is still defined (no X003)
    Case("F004", "label-made-a-link", mutate(corpus_text("draft-secret-noforn-state.cable"), "     B. STATE 61020", "     [B](#). STATE 61020"), ((12, 6),)),
    Case("F004", "markdown-heading-mark", mutate(corpus_text("markdown-unclas-accra.cable"), "2. (U) Bankers told", "## Outlook\n\n2. (U) Bankers told"), ((31, 1),)),
    # typographic characters: residue in a draft or a telegram, the rendering's own elsewhere
    Case("F004", "curly-quotes-in-a-draft", mutate(DRAFT, "3. (C) The proposal", "3. (C) The \u201cproposal\u201d"), ((36, 12), (36, 21)), only=False),
    # a pasted HTML tag or entity does not make a draft a Markdown rendering: its curly
    # quotes are still named, and the tag is residue
    Case("F004", "curly-quotes-and-a-pasted-break-in-a-draft", mutate(DRAFT, "3. (C) The proposal", "3. (C) The \u201cproposal\u201d<br>"), ((36, 12), (36, 21), (36, 22)), only=False),
    Case("F004", "curly-quotes-and-a-pasted-entity-in-a-draft", mutate(DRAFT, "3. (C) The proposal", "3. (C) The \u201cproposal\u201d &amp;"), ((36, 12), (36, 21), (36, 23)), only=False),
    # a Markdown page read as a draft: the pilcrow link is one finding, the residue (not
    # also the non-ASCII pilcrow inside it)
    Case("F004", "pilcrow-link-read-as-a-draft", mutate(DRAFT, "3. (C) The proposal", "[\u00b6](#par3)3. (C) The proposal"), ((36, 1),), args=("--dialect", "draft"), only=False),
    # one paragraph sign pasted into a draft whose other paragraphs have none: the
    # file stays a draft (the archive puts the sign on every "N. " paragraph), and the
    # sign is residue there; a cablegate page's signs are its rendering's
    Case("F004", "pilcrow-pasted-into-a-draft", mutate(DRAFT, "3. (C) The proposal", "\u00b63. (C) The proposal"), ((36, 1),)),
    Case("F004", "one-pilcrow-on-an-archive-page-whose-other-heads-it-skips", PARIS_ONE_SIGN, only=False),
    # one tag link pasted into a draft whose paragraph heads have no anchor: the file
    # stays a draft (a converted page links its tags or anchors its paragraphs), so its
    # accented letter is named too; with the link alone, only the link
    Case("F004", "link-pasted-into-a-draft-with-an-accented-letter", mutate(mutate(DRAFT, "TAGS: PREL", "TAGS: [PREL](#)"), "Agency officials", "Agency offici\u00e9ls"), ((8, 7), (20, 44))),
    Case("F004", "link-pasted-into-a-draft", mutate(DRAFT, "TAGS: PREL", "TAGS: [PREL](#)"), ((8, 7),)),
    # a link around text no ASCII says, in a draft: one finding, its fix the link's
    # (the text kept); a lone sign in a link is the text's, not an archive anchor
    Case("F004", "link-around-a-euro-sign-read-as-a-draft", mutate(DRAFT, "3. (C) The proposal", "3. (C) The [\u20ac5](#) proposal"), ((36, 12),), args=("--dialect", "draft")),
    Case("F004", "euro-sign-in-a-cablegate-page", mutate(corpus_text("cablegate-confidential-paris.cable"), "The MFA's deputy", "The \u20ac5 deputy")),
    Case("F004", "em-dash-in-a-telegram", mutate(BASE, "street lighting", "street \u2014 lighting"), ((35, 8),)),
    # any other non-ASCII text in a telegram or a draft: one finding per run of it
    Case("F004", "accented-letter-in-a-draft", mutate(DRAFT, "3. (C) The proposal", "3. (C) The Charg\u00e9's proposal"), ((36, 17),)),
    Case("F004", "cyrillic-word-and-euro-in-a-telegram", mutate(BASE, "street lighting", "street \u041c\u043e\u0441\u043a\u0432\u0430 \u20ac"), ((35, 8), (35, 15))),
    # a zero-width space: residue in any rendering, removed by the fix (in a telegram it
    # is that finding alone, not also non-ASCII text)
    Case("F004", "zero-width-space-in-cablegate-text", mutate(corpus_text("cablegate-confidential-paris.cable"), "The MFA's deputy", "The\u200bMFA's deputy"), ((34, 12),)),
    Case("F004", "zero-width-space-in-a-telegram", mutate(BASE, "street lighting", "street\u200blighting"), ((35, 7),)),
    # inside a tag: F004's alone, the tag read without it (no H007 for an unknown tag)
    Case("F004", "zero-width-space-inside-a-tag", mutate(BASE, "TAGS: PGOV PHUM", "TAGS: PGOV PH\u200bUM"), ((19, 14),)),
    Case("F004", "zero-width-space-inside-a-tag-in-a-draft", mutate(DRAFT, "TAGS: ", "TAGS: \u200b"), ((8, 7),)),
    # a zero-width space inside a link is the link's finding alone (its fix drops both,
    # one edit); beside the link it is a finding of its own
    Case("F004", "zero-width-space-inside-a-link", mutate(DRAFT, "cover three questions", "cover [three\u200bquestions](#)"), ((25, 13),)),
    Case("F004", "zero-width-space-inside-a-link-on-a-markdown-page", mutate(RIGA_MD, "fallen out over", "fallen [out\u200b](#) over"), ((19, 12), (30, 8))),
    Case("F004", "zero-width-space-beside-a-link", mutate(DRAFT, "cover three questions", "cover [three](#)\u200bquestions"), ((25, 13), (25, 23))),
    # a byte-order mark inside the text (files joined after the first kept theirs): the
    # same invisible residue; the file's own mark before its first line is not
    Case("F004", "byte-order-mark-inside-cablegate-text", mutate(corpus_text("cablegate-confidential-paris.cable"), "The MFA's deputy", "The \ufeffMFA's deputy"), ((34, 13),)),
    Case("F004", "byte-order-mark-inside-a-telegram", mutate(BASE, "street lighting", "street\ufeff lighting"), ((35, 7),)),
    Case("F004", "byte-order-mark-before-the-first-line", corpus_text("cablegate-confidential-paris.cable"), data=b"\xef\xbb\xbf" + corpus_text("cablegate-confidential-paris.cable").encode()),
    Case("F004", "accented-letter-in-cablegate-text", mutate(corpus_text("cablegate-confidential-paris.cable"), "The MFA's deputy", "The MFA's d\u00e9put\u00e9")),
    Case("F004", "curly-quotes-in-cablegate-text", mutate(corpus_text("cablegate-confidential-paris.cable"), "The MFA's deputy", "The MFA\u2019s \u201cdeputy\u201d"), only=False),
    Case("F005", "long-line-in-draft", mutate(DRAFT, "joint study with the U.S. of offshore grid connections", "joint study with the U.S. of offshore grid connections and more words here"), ((19, 70),)),
    Case("F005", "draft-within-limit", DRAFT),
    # the archive's note before a partial extract is the archive's line, not the cable's
    # (cable-format.md 2.8); a long line of the cable under it still counts
    Case("F005", "partial-extract-note", EXTRACT),
    Case("F005", "long-line-under-the-partial-extract-note", mutate(EXTRACT, "TAGS: PREL PGOV SMIG EUN FR", "TAGS: PREL PGOV SMIG EUN FR ETRD EFIN ECON EAID KTFN MARR MOPS PTER KNNP SENV"), ((21, 70),), only=False),
    Case("F006", "trailing-spaces", mutate(BASE, "KINSEY", "KINSEY  "), ((55, 7),), severity="info"),
    Case("F006", "clean", BASE),
    Case("F007", "one-crlf", mutate(BASE, "FM AMEMBASSY RABAT\n", "FM AMEMBASSY RABAT\r\n"), ((6, 19),)),
    Case("F007", "all-crlf", BASE.replace("\n", "\r\n")),
]


@params(CASES)
def test_case(case: Case) -> None:
    check_case(case)


def test_f004_a_zero_width_space_inside_a_link_is_one_finding_with_one_fix() -> None:
    bad = mutate(DRAFT, "cover three questions", "cover [three\u200bquestions](#)")
    found = [(d["line"], d["column"], d["end_column"], d["message"], d["fix"]["edits"]) for d in check_json("--select", "F004", "-", input=bad)]
    expected = "converter residue '[three<U+200B>questions](#)': expected the plain text ('threequestions'), without the invisible zero-width space (U+200B) it holds"
    assert found == [(25, 13, 33, expected, [{"line": 25, "column": 13, "end_line": 25, "end_column": 33, "replacement": "threequestions"}])]
    # the fix leaves a clean draft
    assert fixed(bad, "F004") == mutate(DRAFT, "cover three questions", "cover threequestions")


def test_a_lone_pasted_pilcrow_leaves_a_draft_a_draft() -> None:
    text = mutate(DRAFT, "3. (C) The proposal", "\u00b63. (C) The proposal")
    assert json.loads(run_cli("parse", "-", input=text.encode()).stdout)["dialect"] == "draft"
    # a sign on the head of every "N. " paragraph is the archive's
    for paris in (corpus_text("cablegate-confidential-paris.cable"), PARIS_ONE_SIGN):
        assert json.loads(run_cli("parse", "-", input=paris.encode()).stdout)["dialect"] == "cablegate"


def test_f004_fix_removes_a_paragraph_sign_pasted_before_a_draft_paragraph_number() -> None:
    for pasted in ("\u00b63. (C) The proposal", "\u00b6 3. (C) The proposal", "  \u00b63. (C) The proposal"):
        text = mutate(DRAFT, "3. (C) The proposal", pasted)
        found = check_json("--select", "F004", "-", input=text)
        column = pasted.index("\u00b6") + 1
        assert [(d["line"], d["column"], d["message"]) for d in found] == [
            (36, column, "paragraph sign '\u00b6' (U+00B6) pasted before a paragraph's number in a draft: expected the number alone (a telegram carries ASCII only)")
        ]
        assert fixed(text, "F004") == mutate(DRAFT, "3. (C) The proposal", pasted[: column - 1] + "3. (C) The proposal")
    # a sign inside the text is no paragraph's: named, with no fix
    text = mutate(DRAFT, "3. (C) The proposal", "3. (C) The \u00b6 proposal")
    found = check_json("--select", "F004", "-", input=text)
    assert [(d["line"], d["column"], d["fix"]) for d in found] == [(36, 12, None)]


def test_f004_a_link_around_text_no_ascii_says_is_one_finding_with_the_link_fix() -> None:
    for link, kept in (("[\u20ac5](#)", "\u20ac5"), ("[\u20ac](#)", "\u20ac")):
        text = mutate(DRAFT, "3. (C) The proposal", f"3. (C) The {link} proposal")
        found = check_json("--select", "F004", "--dialect", "draft", "-", input=text)
        shown = "'\u20ac5'" if kept != "\u20ac" else "U+20AC, euro sign"
        assert [(d["line"], d["column"], d["message"]) for d in found] == [
            (36, 12, f"converter residue '{link}': expected the plain text ({shown}), and ASCII for its '\u20ac' (U+20AC) (a telegram carries ASCII only)")
        ]
        assert [e["replacement"] for d in found for e in d["fix"]["edits"]] == [kept]


def test_f000_missing_file_is_reported_and_others_still_linted(tmp_path) -> None:
    good = tmp_path / "good.cable"
    good.write_text(BASE, encoding="utf-8")
    result = run_cli("check", "--format", "json", str(tmp_path / "missing.cable"), str(good))
    diags = json.loads(result.stdout)
    assert [(d["code"], d["line"], d["column"]) for d in diags] == [("F000", 1, 1)]
    assert result.exit_code == 1


def test_f000_passes_on_readable_file(tmp_path) -> None:
    good = tmp_path / "good.cable"
    good.write_text(BASE, encoding="utf-8")
    assert json.loads(run_cli("check", "--format", "json", str(good)).stdout) == []


def test_f001_reports_byte_offset_at_exact_column(tmp_path) -> None:
    bad = tmp_path / "latin1.cable"
    bad.write_bytes(mutate(BASE, "KINSEY", "KINS\u00c9Y").encode("latin-1"))
    diags = json.loads(run_cli("check", "--format", "json", str(bad)).stdout)
    f001 = [d for d in diags if d["code"] == "F001"]
    assert [(d["line"], d["column"], d["end_column"]) for d in f001] == [(55, 5, 6)]
    offset = BASE.index("KINSEY") + 4
    assert f"offset {offset}" in f001[0]["message"]


def _found(path, code: str) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    return [(d["line"], d["column"], d["message"]) for d in check_json("--select", code, str(path))]


def test_f001_lists_twenty_places_then_counts_the_rest(tmp_path) -> None:
    from cablelint.rules.f_file import LISTED

    lines = BASE.split("\n")
    # one Latin-1 byte on each of 25 lines, in column 1 (the lines are replaced whole)
    for k in range(30, 30 + LISTED + 5):
        lines[k] = "\u00e9" + lines[k]
    bad = tmp_path / "latin1.cable"
    bad.write_bytes("\n".join(lines).encode("latin-1"))
    found = _found(bad, "F001")
    assert [(line, col) for line, col, _ in found] == [(k + 1, 1) for k in range(30, 30 + LISTED + 1)]
    assert all(m.startswith("byte 0xE9 at offset ") and "is not valid UTF-8: expected UTF-8 text" in m for _, _, m in found[:LISTED])
    assert found[-1][2].startswith("5 more places from here on are not valid UTF-8 (not listed one by one)")


def test_f002_lists_twenty_runs_then_counts_the_rest(tmp_path) -> None:
    from cablelint.rules.f_file import LISTED

    path = tmp_path / "nul.cable"
    path.write_text(mutate(BASE, "NEW BUDGET", "NEW BUDGET" + " x\x00" * (LISTED + 3)), encoding="utf-8")
    found = _found(path, "F002")
    assert len(found) == LISTED + 1
    assert found[LISTED][2] == "3 more runs of control characters from here on (not listed one by one): expected printable text, tab or a line break"
    assert found[LISTED][1] == found[LISTED - 1][1] + 3  # at the first run not listed


def test_exactly_twenty_are_all_listed(tmp_path) -> None:
    from cablelint.rules.f_file import LISTED

    path = tmp_path / "nul.cable"
    path.write_text(mutate(BASE, "NEW BUDGET", "NEW BUDGET" + " x\x00" * LISTED), encoding="utf-8")
    found = _found(path, "F002")
    assert len(found) == LISTED and all(m.startswith("control character U+0000") for _, _, m in found)


def test_f004_fix_writes_the_ascii_of_typographic_characters() -> None:
    bad = mutate(DRAFT, "3. (C) The proposal", "3. (C) The proposal\u2019s \u201cdraft\u201d \u2014 and\u2026")
    fixed = run_cli("check", "--fix", "--select", "F004", "-", input=bad.encode("utf-8")).stdout
    assert "3. (C) The proposal's \"draft\" -- and..." in fixed
    assert fixed.isascii()


def test_f004_fix_takes_the_accents_off_letters_and_leaves_other_text() -> None:
    bad = mutate(DRAFT, "3. (C) The proposal", "3. (C) The Charg\u00e9 and Se\u00f1or M\u00fcller in \u041c\u043e\u0441\u043a\u0432\u0430 say the proposal")
    fixed = run_cli("check", "--fix", "--select", "F004", "-", input=bad.encode("utf-8")).stdout
    assert "3. (C) The Charge and Senor Muller in \u041c\u043e\u0441\u043a\u0432\u0430 say the proposal" in fixed
    left = check_json("--select", "F004", "-", input=fixed.encode("utf-8"))
    assert [(d["line"], d["column"], d["fix"]) for d in left] == [(36, 39, None)]


def test_f004_fix_removes_a_markdown_heading_mark() -> None:
    bad = mutate(corpus_text("markdown-unclas-accra.cable"), "2. (U) Bankers told", "## Outlook\n\n2. (U) Bankers told")
    fixed = run_cli("check", "--fix", "--select", "F004", "-", input=bad.encode("utf-8")).stdout
    assert "\nOutlook\n\n2. (U) Bankers told" in fixed and "## " not in fixed


@pytest.mark.parametrize(
    "entity, message, fixable",
    [
        # (the page is a telegram, an entity alone no Markdown rendering: its fix writes the ASCII)
        ("&nbsp;", "converter residue '&nbsp;': expected a space", True),
        ("&amp;", "converter residue '&amp;': expected the plain text ('&')", True),
        ("&#12;", "converter residue '&#12;' stands for U+000C, a control character, which a cable cannot hold: expected plain text in its place", False),
        ("&#x2028;", "converter residue '&#x2028;' stands for U+2028, line separator, which a cable cannot hold: expected plain text in its place", False),
    ],
)
def test_f004_names_what_an_entity_stands_for_and_never_writes_a_control(entity: str, message: str, fixable: bool) -> None:
    bad = mutate(corpus_text("markdown-unclas-accra.cable"), "Bankers told", f"Bankers{entity}told")
    [found] = check_json("--select", "F004", "-", input=bad)
    assert (found["line"], found["column"], found["message"], found["fix"] is not None) == (31, 15, message, fixable)


def test_undecodable_bytes_are_read_as_editors_read_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """One U+FFFD for each maximal undecodable sequence (Python's errors="replace",
    as browsers and editors decode), so columns after them agree with the editor's."""
    line = b"1. (U) The \xff\xfe nat \xe2\x80 &amp; Ambassador"
    data = mutate(corpus_text("markdown-unclas-accra.cable"), "2. (U) Bankers told", "@@").encode("utf-8").replace(b"@@", line)
    path = tmp_path / "a.cable"
    path.write_bytes(data)
    found = check_json("--select", "F001,F004", str(path))
    column = line.decode("utf-8", errors="replace").index("&amp;") + 1
    assert [(d["code"], d["line"], d["column"]) for d in found] == [("F001", 31, 12), ("F001", 31, 19), ("F004", 31, column)]
    assert found[0]["message"].startswith("bytes 0xFF 0xFE at offset ") and found[1]["message"].startswith("bytes 0xE2 0x80 at offset ")


def test_f002_names_a_run_of_control_characters_in_the_plural() -> None:
    found = check_json("--select", "F002", "-", input=mutate(BASE, "NEW BUDGET", "NEW\x01\x02BUDGET"))
    assert [d["message"] for d in found] == ["control characters U+0001, U+0002: expected printable text, tab or a line break"]


def test_f004_keeps_a_lone_letter_that_is_the_label() -> None:
    bad = mutate(corpus_text("draft-secret-noforn-state.cable"), "     B. STATE 61020", "     [B](#). STATE 61020")
    [found] = check_json("--select", "F004", "-", input=bad)
    assert found["message"] == "converter residue '[B](#)': expected the plain text ('B')"
    assert run_cli("check", "--fix", "--select", "F004", "-", input=bad.encode("utf-8")).stdout == mutate(bad, "[B](#).", "B.")


def test_f000_message_says_why_and_what_was_expected(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("check", "--format", "json", str(tmp_path / "missing.cable"))
    found = [(d["line"], d["column"], d["end_line"], d["end_column"], d["message"]) for d in json.loads(result.stdout)]
    assert found == [(1, 1, 1, 1, "cannot read the file (no such file): expected a readable cable file")]


def test_f004_typographic_messages_name_the_ascii_expected() -> None:
    # a bare ' or " after 'expected' would read as a stray quotation mark: named instead
    bad = mutate(DRAFT, "3. (C) The proposal", "3. (C) The proposal\u2019s \u201cdraft\u201d \u2014 and\u2026")
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "F004", "-", input=bad.encode("utf-8"))]
    line = found[0][0]
    tail = "in a draft: expected {} (a telegram carries ASCII only)"
    assert found == [
        (line, 20, 21, "typographic right single quotation mark (\u2019) " + tail.format("a straight apostrophe (')")),
        (line, 23, 24, "typographic left double quotation mark (\u201c) " + tail.format('a straight double quote (")')),
        (line, 29, 30, "typographic right double quotation mark (\u201d) " + tail.format('a straight double quote (")')),
        (line, 31, 32, "typographic em dash (\u2014) " + tail.format("two hyphens (--)")),
        (line, 36, 37, "typographic ellipsis (\u2026) " + tail.format("three full stops (...)")),
    ]


def test_f004_residue_standing_for_nothing_is_expected_removed() -> None:
    bad = mutate(BASE, "1. (C) ", "[1](#)1. (C) ")
    found = [(d["column"], d["end_column"], d["message"]) for d in check_json("--select", "F004", "-", input=bad.encode("utf-8"))]
    assert found == [(1, 7, "converter residue '[1](#)': expected it removed")]


def test_a_pasted_html_tag_leaves_a_draft_a_draft() -> None:
    from cablelint.grammar.parser import parse_text

    assert parse_text(mutate(DRAFT, "3. (C) The proposal", "3. (C) The<br> proposal")).dialect == "draft"
    # ... and so does one pasted link; two links, or one with every "N. " head without
    # its anchor gone, are a converted page's
    assert parse_text(mutate(DRAFT, "3. (C) The proposal", "3. (C) The [proposal](#)")).dialect == "draft"
    assert parse_text(mutate(DRAFT, "3. (C) The proposal", "3. (C) The [proposal](#) [Post](#)")).dialect == "markdown"
    anchored = DRAFT
    for n in "1234":
        anchored = mutate(anchored, f"\n{n}. (", f"\n[\u00b6](#par{n}){n}. (")
    assert parse_text(mutate(anchored, "TAGS: PREL", "TAGS: [PREL](#)")).dialect == "markdown"
    assert parse_text(mutate(anchored, "[\u00b6](#par2)", "")).dialect == "markdown"


def test_a_pilcrow_link_in_a_forced_draft_is_the_residue_finding_alone() -> None:
    bad = mutate(DRAFT, "3. (C) The proposal", "[\u00b6](#par3)3. (C) The \u00b6 proposal")
    found = [(d["line"], d["column"], d["message"]) for d in check_json("--dialect", "draft", "--select", "F004", "-", input=bad)]
    assert found == [
        (36, 1, "converter residue '[\u00b6](#par3)': expected it removed"),
        (36, 22, "non-ASCII text '\u00b6' (U+00B6) in a draft: expected ASCII text (a telegram carries ASCII only)"),
    ]


def test_a_link_around_curly_quotes_in_a_forced_draft_is_one_finding() -> None:
    # the residue's fix writes the quotes it keeps in ASCII: no second finding for each
    # quote, whose fix would overlap it; a character with no ASCII is named in its
    # link's finding, whose fix keeps it (a lone sign is the text's, no archive anchor)
    bad = mutate(DRAFT, "TAGS: PREL", "TAGS: [\u201cPREL\u201d](#) [\u20ac](#)")
    found = [(d["line"], d["column"], d["message"], [e["replacement"] for e in d["fix"]["edits"]] if d["fix"] else None) for d in check_json("--dialect", "draft", "--select", "F004", "-", input=bad)]
    assert found == [
        (8, 7, "converter residue '[\u201cPREL\u201d](#)': expected the plain text ('\"PREL\"')", ['"PREL"']),
        (8, 19, "converter residue '[\u20ac](#)': expected the plain text (U+20AC, euro sign), and ASCII for its '\u20ac' (U+20AC) (a telegram carries ASCII only)", ["\u20ac"]),
    ]
    fixed = run_cli("check", "--dialect", "draft", "--fix", "--select", "F004", "-", input=bad.encode("utf-8")).stdout
    assert 'TAGS: "PREL" \u20ac ENRG SENV DA\n' in fixed


def test_f004_a_line_break_between_two_words_is_fixed_to_one_blank(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # the written bytes: a line break (any case, self-closed), a block's tags and the
    # entity of a line break between two words are one blank; next to a blank, at the
    # line's end or after another break, nothing
    for written, column, expect in (
        ("street<br>lighting", 7, "street lighting"),
        ("street<BR />lighting", 7, "street lighting"),
        ("street&#x000A;lighting", 7, "street lighting"),
        ("street <br>lighting", 8, "street lighting"),
        ("street<br><br>lighting", 7, "street lighting"),
    ):
        path = tmp_path / "a.cable"
        path.write_bytes(mutate(BASE, "street lighting", written).encode("utf-8"))
        found = [(d["line"], d["column"], d["fix"]["edits"][0]["replacement"]) for d in check_json("--select", "F004", str(path))]
        assert found[0] == (35, column, " " if column == 7 else ""), written
        result = run_cli("check", "--fix", "--select", "F004", str(path))
        assert result.exit_code == 0, written
        assert path.read_bytes() == mutate(BASE, "street lighting", expect).encode("utf-8"), written
    # the message says why a blank
    [found] = check_json("--select", "F004", "-", input=mutate(BASE, "street lighting", "street<br>lighting"))
    assert (found["line"], found["column"], found["end_column"]) == (35, 7, 11)
    assert found["message"] == "converter residue '<br>': expected a blank in its place (a line break between two words)"
    # a block element's two tags between words: one finding, a blank for each tag
    [found] = check_json("--select", "F004", "-", input=mutate(BASE, "street lighting", "street<p>new</p>lighting"))
    assert (found["line"], found["column"], [e["replacement"] for e in found["fix"]["edits"]]) == (35, 7, [" ", " "])


def test_f004_two_tag_links_that_meet_are_fixed_apart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.cable"
    path.write_bytes(mutate(BASE, "TAGS: PGOV PHUM KDEM MO", "TAGS: [PGOV](#)[PHUM](#)[KDEM](#) MO").encode("utf-8"))
    found = [(d["line"], d["column"], d["message"]) for d in check_json("--select", "F004", str(path))]
    assert found == [
        (19, 7, "converter residue '[PGOV](#)': expected the plain text ('PGOV')"),
        (19, 16, "converter residue '[PHUM](#)': expected the plain text ('PHUM') after a blank (two words the markup kept apart)"),
        (19, 25, "converter residue '[KDEM](#)': expected the plain text ('KDEM') after a blank (two words the markup kept apart)"),
    ]
    assert json.loads(run_cli("parse", str(path)).stdout)["tags"] == ["PGOV", "PHUM", "KDEM", "MO"]
    # an unknown one of them is named alone, at its own column
    assert [(d["line"], d["column"], d["message"][:11]) for d in check_json("--select", "H007", "-", input=mutate(BASE, "KDEM MO", "[KDEM](#)[XKDM](#) MO"))] == [(19, 27, "tag 'XKDM' ")]
    # the fix writes the tags apart, the line's blank between them (one pass, every rule)
    result = run_cli("check", "--fix", str(path))
    assert result.exit_code == 0
    assert path.read_bytes() == BASE.encode("utf-8")
    # where the line separates its tags with commas, H006 then makes it one style
    path.write_bytes(mutate(BASE, "TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV, [PHUM](#)[KDEM](#), MO").encode("utf-8"))
    run_cli("check", "--fix", "--select", "F004", str(path))
    assert path.read_bytes() == mutate(BASE, "TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV, PHUM KDEM, MO").encode("utf-8")
    run_cli("check", "--fix", str(path))
    assert path.read_bytes() == mutate(BASE, "TAGS: PGOV PHUM KDEM MO", "TAGS: PGOV, PHUM, KDEM, MO").encode("utf-8")


def test_f004_a_lone_digit_link_before_a_blank_keeps_its_digit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.cable"
    path.write_bytes(mutate(BASE, "street lighting", "street [4](#) lighting").encode("utf-8"))
    [found] = check_json("--select", "F004", str(path))
    assert (found["line"], found["column"], found["message"]) == (35, 8, "converter residue '[4](#)': expected the plain text ('4')")
    run_cli("check", "--fix", "--select", "F004", str(path))
    assert path.read_bytes() == mutate(BASE, "street lighting", "street 4 lighting").encode("utf-8")


REK = corpus_text("telegram-confidential-reykjavik-multisection.cable")  # 'End Summary.' at 41:12, paragraph 4 at line 78


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff"])
def test_the_reader_reads_a_line_as_it_shows_without_its_zero_width_characters(invisible: str) -> None:
    """A zero-width space or a byte-order mark inside the text shows nothing: F004
    reports it, and the rest reads the line as it shows (cable-format.md 4.8, 5.3).
    'End<U+200B> Summary.' closes the summary (no P007), '4.<U+200B> (C)' is paragraph 4
    marked (C) (no P002), and the marker's span counts the invisible column."""
    from cablelint.grammar.parser import parse_text

    text = mutate(mutate(REK, "End Summary.", f"End{invisible} Summary."), "4. (C) The last item", f"4.{invisible} (C) The last item")
    found = check_json("--select", "P002,P004,P007,F004", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["end_column"]) for d in found] == [("F004", 41, 23, 24), ("F004", 78, 3, 4)]
    cable = parse_text(text)
    four = next(p for p in cable.paragraphs if p.number == 4)
    assert four.marker is not None and four.marker.text == "(C)"
    assert (four.marker.span.line, four.marker.span.column, four.marker.span.end_column) == (78, 5, 8)
    assert [(m.kind, m.role, m.span.line, m.span.column, m.span.end_column) for m in cable.block_markers if m.kind == "SUMMARY"] == [
        ("SUMMARY", "open", 31, 8, 16),
        ("SUMMARY", "end", 41, 20, 32),  # "End", the invisible character, " Summary"
    ]


@pytest.mark.parametrize("between", ["\u200b", "<b>"])
def test_words_joined_by_an_invisible_character_or_an_inline_tag_read_as_one(between: str) -> None:
    """What shows is what is read: 'End<U+200B>Summary.' and 'End<b>Summary.' show
    'EndSummary.', no end of the summary (P007 reports the summary open), as the fix
    of F004 (the character or the tag removed) leaves it."""
    text = mutate(REK, "End Summary.", f"End{between}Summary.")
    found = check_json("--select", "P007,F004", "-", input=text)
    assert [(d["code"], d["line"], d["column"]) for d in found] == [("P007", 31, 8), ("F004", 41, 23)]


def test_a_file_of_nul_bytes_is_f002_alone_not_empty(tmp_path: Path) -> None:
    """rules.md: F003 is a file "empty or whitespace only"; one of NUL bytes (binary
    data, a file never written) is neither, and was F002 and F003 both."""
    nul = tmp_path / "nul.cable"
    nul.write_bytes(b"\x00" * 60 + b"\n" + b"\x00" * 50)
    found = check_json("--select", "ALL", str(nul))
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        ("F002", 1, 1, 61, "60 control characters U+0000 in a row: expected printable text, tab or a line break"),
        ("F002", 2, 1, 51, "50 control characters U+0000 in a row: expected printable text, tab or a line break"),
    ]
    mixed = tmp_path / "mixed.cable"
    mixed.write_bytes(b"UNCLAS\n\n1. (U) A\x01\x02B \x01\x02\x03\x04\x05\x06C.\n")
    assert [d["message"] for d in check_json("--select", "F002", str(mixed))] == [
        "control characters U+0001, U+0002: expected printable text, tab or a line break",
        "control characters U+0001, U+0002, U+0003, U+0004 and 2 more: expected printable text, tab or a line break",
    ]
    blank = tmp_path / "blank.cable"
    blank.write_bytes(b"\n\n")
    assert [(d["code"], d["line"]) for d in check_json("--select", "ALL", str(blank))] == [("F003", 1)]


@pytest.mark.parametrize("how", ["--ignore", "--select", "per-file-ignores"])
def test_a_file_of_nul_bytes_is_f003_when_f002_does_not_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """F003 leaves a file of NUL bytes to F002 only when F002 runs on the file: with
    F002 off (--ignore, a selection without it, per-file-ignores) it held no text
    and passed clean."""
    monkeypatch.chdir(tmp_path)
    Path("nul.cable").write_bytes(b"\x00" * 60)
    if how == "--ignore":
        args = ["--ignore", "F002"]
    elif how == "--select":
        args = ["--select", "F003"]
    else:
        Path("cablelint.toml").write_text('[per-file-ignores]\n"nul.cable" = ["F002"]\n', encoding="utf-8")
        args = []
    found = check_json("--no-cache", *args, "nul.cable")
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [
        ("F003", 1, 1, "the cable is empty: expected a classification line, captions and text")
    ]
    # F002 on: its findings alone, as before
    Path("cablelint.toml").unlink(missing_ok=True)
    assert [d["code"] for d in check_json("--no-cache", "--select", "F002,F003", "nul.cable")] == ["F002"]
