"""Messages and spans as a drafter reads them: what a quote shows, what a caret covers.

Each test runs the real CLI on a corpus cable with one slip and asserts the exact
message and span, in the text report (with the source line and its caret) and in JSON.
"""

from __future__ import annotations

import pytest

from tests.conftest import check_json, run_cli
from tests.rules.cases import corpus_text, mutate

DRAFT = corpus_text("draft-confidential-copenhagen.cable")  # TAGS on line 8, paragraph 2 on line 24
SEED_HEAD = "2. (C) The agency's"


def _text(*args: str, input: str) -> list[str]:
    result = run_cli("check", "--show-source", "--no-color", "--stdin-filename", "d.cable", *args, "-", input=input.encode("utf-8"))
    assert result.exit_code in (0, 1), result.output
    return result.stdout.splitlines()


def test_a_quote_shows_a_right_to_left_override_as_its_code_point_in_every_report() -> None:
    # U+202E would turn the rest of the line around on a terminal, in an editor's hover
    # or a CI annotation: every report writes it, as a tab or a no-break space, <U+XXXX>
    text = mutate(DRAFT, "TAGS: PREL ENRG SENV DA", "TAGS: PREL \u202eXYZ ENRG")
    message = "tag '<U+202E>XYZ' is not in the TAGS vocabulary: expected a known tag (add local ones with extra-tags)"
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "H007", "-", input=text)] == [(8, 12, 16, message)]
    assert _text("--select", "H007", input=text)[:4] == [f"d.cable:8:12: H007 [warning] {message}", "  |", "8 | TAGS: PREL ?XYZ ENRG", "  |            ^^^^"]


def test_a_quote_shows_a_no_break_space_and_a_zero_width_space() -> None:
    text = mutate(corpus_text("cablegate-confidential-paris.cable"), "\n¶2. (C) ", "\n¶2.\u00a0(C) ")
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "P004", "-", input=text)]
    assert [f[3] for f in found] == ["paragraph head '2.<U+00A0>(C)' has a no-break space (U+00A0) in it: expected '2. (C)' with plain spaces"]
    link = mutate(DRAFT, "cover three questions", "cover [three\u200bquestions](#)")
    [message] = [d["message"] for d in check_json("--select", "F004", "-", input=link)]
    assert message.startswith("converter residue '[three<U+200B>questions](#)': expected the plain text ('threequestions')")


def test_a_decomposed_accent_is_one_accented_letter_under_its_caret() -> None:
    # 'e' and U+0301 (an 'é' typed decomposed) are one letter: the caret stands under
    # it, not under the letter after the invisible accent, and its fix is 'e'
    text = mutate(DRAFT, "joint study with", "joint e\u0301tude with")
    [d] = check_json("--select", "F004", "-", input=text)
    assert (d["line"], d["column"], d["end_column"], d["message"]) == (19, 7, 9, "accented letter 'e\u0301' (U+0065, U+0301) in a draft: expected 'e' (a telegram carries ASCII only)")
    assert d["fix"]["edits"] == [{"line": 19, "column": 7, "end_line": 19, "end_column": 9, "replacement": "e"}]
    assert _text("--select", "F004", input=text)[2:4] == ["19 | joint e\u0301tude with the U.S. of offshore grid connections", "   |       ^"]


def test_a_paragraph_head_finding_covers_the_head_it_quotes_not_the_blank_after_it() -> None:
    text = mutate(DRAFT, SEED_HEAD, "2.(C) The agency's")
    [d] = check_json("--select", "P004", "-", input=text)
    assert (d["line"], d["column"], d["end_column"]) == (24, 1, 6)
    assert d["message"] == "paragraph head '2.(C)' is not spaced as '2. (C)': expected the number, a full stop, one space, the marker and one space"
    assert d["fix"]["edits"] == [{"line": 24, "column": 1, "end_line": 24, "end_column": 7, "replacement": "2. (C) "}]
    assert _text("--select", "P004", input=text)[2:4] == ["24 | 2.(C) The agency's deputy director said the study", "   | ^^^^^"]
    # the blanks after a head are covered when they are what is wrong
    gap = mutate(DRAFT, SEED_HEAD, "2. (C)   The agency's")
    assert [(d["column"], d["end_column"], d["message"]) for d in check_json("--select", "P004", "-", input=gap)] == [
        (1, 10, "paragraph head '2. (C)' has 3 spaces before its text: expected one space")
    ]


def test_a_missing_eo_line_quotes_each_of_its_two_forms_on_its_own() -> None:
    # 'E.O. <order>: N/A or DECL: <date>' read as one form with "or" in it
    text = mutate(DRAFT, "E.O. 12958: DECL: 09/14/2019\n", "")
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "H001", "-", input=text)] == [
        (7, 1, 1, "no E.O. line: expected 'E.O. <order>: N/A' or 'E.O. <order>: DECL: <date>' before TAGS")
    ]


def test_the_fl5_line_has_one_name_in_every_message() -> None:
    # R005 and R011 call FL5 "the precedence and date-time group line"; R004 said
    # "the date-time group line" of the same line run on to the security line
    bamako = corpus_text("telegram-unclas-bamako.cable")
    text = mutate(bamako, "ZNR UUUUU ZZH\nR 271005Z MAY 09", "ZNR UUUUU ZZH R 271005Z MAY 09")
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "R", "-", input=text)] == [
        (4, 15, 31, "the precedence and date-time group line 'R 271005Z MAY 09' is run on to the security line: expected it on a line of its own, under the security line")
    ]


BAMAKO = corpus_text("telegram-unclas-bamako.cable")


@pytest.mark.parametrize(
    "base, old, new, code, where, message",
    [
        (BAMAKO, "WASHDC 0412", "WASHDC 4", "A003", (7, 26, 27), "addressee serial '4' has 1 digit: expected 4 (0004)"),
        (BAMAKO, "DAKAR 0233", "DAKAR 0233-4", "A003", (9, 24, 30), "addressee serial range '0233-4' has 1 digit in '4': expected 4 at each end (e.g. 0412-0414)"),
        (BAMAKO, "#0341 1471005", "#0341 1Z", "R003", (3, 17, 19), "DE line filing time '1Z' has 1 digit and a Z: expected 7 digits, the Julian day and the UTC hour and minute (DDDHHMM, e.g. 0501532)"),
        (BAMAKO, "UNCLAS BAMAKO 000341", "UNCLAS BAMAKO 1", "C002", (12, 15, 16), "serial '1' has 1 digit: expected 6 digits, zero padded (4-5 only on cables sent before 2001)"),
        (DRAFT, "\n2. (C) The", "\n 2. (C) The", "P004", (24, 1, 8), "paragraph head '2. (C)' is indented by a space: expected it at the start of the line in a draft"),
    ],
    ids=["addressee-serial", "serial-range", "filing-time", "class-serial", "indent"],
)
def test_a_count_of_one_is_singular(base: str, old: str, new: str, code: str, where: tuple[int, int, int], message: str) -> None:
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", code, "-", input=mutate(base, old, new))]
    assert (*where, message) in found, found


def test_a_long_run_of_free_text_in_the_tags_is_quoted_cut() -> None:
    words = " ".join(["COUNTER", "TERRORISM", "AND", "REGIONAL", "SECURITY", "COOPERATION", "WORK"])
    text = mutate(BAMAKO, "TAGS: EAID SOCI PGOV ML", f"TAGS: EAID SOCI PGOV ML {words}")
    found = [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "H007", "-", input=text)]
    assert found == [(19, 25, 25 + len(words), "'COUNTER TERRORISM AND REGIONAL SECURI...' is free text, not a tag: expected codes from the TAGS vocabulary")]


def test_the_date_time_group_has_one_name_within_a_message() -> None:
    # R012 named it 'the date-time group' and then 'the DTG'
    text = mutate(BAMAKO, "#0341 1471005", "#0341 1471004")
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "R012", "-", input=text)] == [
        (3, 17, 24, "DE line filing time '1471004' (1004Z on 27 May) is 1 minute before the date-time group '271005Z MAY 09': expected the date-time group's time or up to 60 minutes after it (re-filed traffic?)")
    ]


@pytest.mark.parametrize("encoding, mark", [("utf-16-le", "0xFF 0xFE"), ("utf-16-be", "0xFE 0xFF")])
def test_a_utf16_file_is_named_as_such(encoding: str, mark: str) -> None:
    # Word's and Notepad's "Unicode text": its byte-order mark says what it is
    data = "\ufeff".encode(encoding) + BAMAKO.encode(encoding)
    # and its NULs (every other byte) are that encoding, not 20 F002s and a count
    [d] = [d for d in check_json("--select", "F001,F002", "-", input=data)]
    assert (d["code"], d["line"], d["column"], d["end_column"]) == ("F001", 1, 1, 2)
    assert d["message"] == f"bytes {mark} at offset 0 are the byte-order mark of UTF-16 text, not UTF-8: expected the file saved as UTF-8"
    # F001 alone: its lines are UTF-16's, read as UTF-8, so a control character in
    # it (at a column that counts the NULs) is for after it is saved as UTF-8
    damaged = "\ufeff".encode(encoding) + mutate(BAMAKO, "TAGS: EAID", "TAGS: \x1aEAID").encode(encoding)
    assert [(d["code"], d["line"]) for d in check_json("--select", "F001,F002", "-", input=damaged)] == [("F001", 1)]


@pytest.mark.parametrize("encoding, order", [("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")])
def test_a_utf16_file_without_its_mark_is_named_as_such(encoding: str, order: str) -> None:
    # saved without the byte-order mark, its bytes decode as UTF-8 (a NUL before or
    # after each character): named by F001 as the marked one is, not 20 F002s
    [d] = [d for d in check_json("--select", "F001,F002", "-", input=BAMAKO.encode(encoding))]
    assert (d["code"], d["line"], d["column"], d["end_column"]) == ("F001", 1, 1, 2)
    assert d["message"] == f"the file reads as UTF-16 text ({order}, every other byte a NUL) without a byte-order mark, not UTF-8: expected the file saved as UTF-8"
    damaged = mutate(BAMAKO, "TAGS: EAID", "TAGS: \x1aEAID").encode(encoding)
    assert [(d["code"], d["line"]) for d in check_json("--select", "F001,F002", "-", input=damaged)] == [("F001", 1)]
    # NULs at every byte, or here and there, are no UTF-16: F002's, as before
    for data in (b"\x00" * 100, BAMAKO.replace("TAGS: EAID", "TAGS: \x00EAID").encode("utf-8")):
        assert {d["code"] for d in check_json("--select", "F001,F002", "-", input=data)} == {"F002"}


def test_a_control_character_in_a_tag_is_reported_once_by_f002() -> None:
    # the tag read without it is PGOV, a known tag: not also H007's 'PG<U+0000>OV'
    text = mutate(BAMAKO, "TAGS: EAID SOCI PGOV ML", "TAGS: EAID SOCI PG\x00OV ML")
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text) if d["line"] == 19] == [
        ("F002", 19, 19, 20, "control character U+0000: expected printable text, tab or a line break")
    ]


def test_a_missing_keyword_quotes_the_line_it_would_start_cut_as_other_quotes_are() -> None:
    # the grammar's messages quoted the whole line back, however long: they cut it at
    # 40 characters with '...', as the rules' quotes are cut (cablelint.quote.clip)
    tags = mutate(DRAFT, "TAGS: PREL ENRG SENV DA", "PREL ENRG SENV DA EFIN ECON EAID KPAO KDEM PHUM")
    assert [(d["line"], d["column"], d["message"]) for d in check_json("--select", "H006", "-", input=tags)] == [
        (8, 1, "the TAGS keyword is missing: expected 'TAGS: PREL ENRG SENV DA EFIN ECON EAID KPAO...'")
    ]
    subject = mutate(DRAFT, "SUBJECT: DENMARK", "DENMARK")
    assert [(d["line"], d["column"], d["message"]) for d in check_json("--select", "H009", "-", input=subject)] == [
        (9, 1, "the SUBJECT keyword is missing: expected 'SUBJECT: DENMARK: ENERGY AGENCY PROPOSES NORTH...'")
    ]


def test_a_down_cased_precedence_line_is_one_finding_with_capitals_in_it() -> None:
    # a line with a word left in capitals (or run on to what follows it) was read word
    # by word: the prosign 'malformed' and one R006 for each down-cased indicator
    rabat = corpus_text("telegram-confidential-13526-rabat.cable")
    text = mutate(rabat, "PP RUEHAS RUEHTU RUEHZM", "pp ruehas ruehtu RUEHZM")
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "R", "-", input=text)] == [
        ("R002", 2, 1, 24, "precedence line is not in capitals: expected 'PP RUEHAS RUEHTU RUEHZM'")
    ]
    assert _text("--select", "R", input=text)[2:4] == ["2 | pp ruehas ruehtu RUEHZM", "  | ^^^^^^^^^^^^^^^^^^^^^^^"]
    # only the prosign down-cased: the prosign, and not called malformed
    prosign = mutate(rabat, "PP RUEHAS RUEHTU RUEHZM", "pp RUEHAS RUEHTU RUEHZM")
    assert [(d["column"], d["end_column"], d["message"]) for d in check_json("--select", "R", "-", input=prosign)] == [
        (1, 3, "precedence prosign 'pp' is not in capitals: expected PP")
    ]


def test_n_a_on_a_classified_cable_is_pointed_at_not_the_whole_eo_line() -> None:
    # H004 covered the whole E.O. line to say what its N/A is
    text = mutate(DRAFT, "E.O. 12958: DECL: 09/14/2019", "E.O. 12958:  n/a.")
    message = "E.O. line says 'n/a' (N/A) on a CONFIDENTIAL cable: expected 'DECL: <date or exemption>'"
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "H004", "-", input=text)] == [(7, 14, 17, message)]
    assert _text("--select", "H004", input=text)[2:4] == ["7 | E.O. 12958:  n/a.", "  |              ^^^"]
    # written as a slip for N/A ("NA"), and on the line under the E.O. line
    slip = mutate(DRAFT, "E.O. 12958: DECL: 09/14/2019", "E.O. 12958: NA")
    assert [(d["line"], d["column"], d["end_column"], d["message"][:31]) for d in check_json("--select", "H004", "-", input=slip)] == [(7, 13, 15, "E.O. line says 'NA' (N/A) on a ")]
    below = mutate(DRAFT, "E.O. 12958: DECL: 09/14/2019", "E.O. 12958:\nN/A")
    assert [(d["line"], d["column"], d["end_column"], d["message"][:23]) for d in check_json("--select", "H004", "-", input=below)] == [(8, 1, 4, "E.O. line says N/A on a")]


def test_an_undefined_citation_is_quoted_as_the_text_wrote_it_across_a_line_break() -> None:
    # 'reftel' / 'C).' was said as "Ref C", which the text does not say
    santiago = corpus_text("cablegate-confidential-13526-santiago.cable")  # REF: A. and B.; 'set out in Ref B.' on line 44
    text = mutate(santiago, "set out in Ref B.", "set out in reftel\nC).")
    tail = "which the REF block does not define: expected one of A, B (Ref B is cited nowhere)"
    assert [(d["line"], d["column"], d["end_line"], d["end_column"], d["message"]) for d in check_json("--select", "X003", "-", input=text)] == [
        (44, 12, 45, 2, f"the text cites reftel C, {tail}")
    ]
    bracketed = mutate(santiago, "set out in Ref B.", "set out in Ref. (c).")
    assert [d["message"] for d in check_json("--select", "X003", "-", input=bracketed)] == [f"the text cites Ref. (c), {tail}"]
    # one letter of several is named alone: the text's 'refs A and C' does not lack A
    several = mutate(santiago, "set out in Ref B.", "set out in refs A and C.")
    assert [d["message"] for d in check_json("--select", "X003", "-", input=several)] == [f"the text cites Ref C, {tail}"]


def test_a_damaged_spaced_caveat_is_named_with_the_caveat_it_stands_for() -> None:
    # 'C O R R E C T E  C O P Y' was compared, spaces and all, with 'CORRECTED COPY'
    rabat = corpus_text("telegram-confidential-13526-rabat.cable")
    text = mutate(rabat, "000612\n\nSIPDIS", "000612\nC O R R E C T E  C O P Y (ADDED TAGS)\nSIPDIS")
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "C006", "-", input=text)] == [
        (13, 1, 25, "'C O R R E C T E  C O P Y' is not a known handling caveat: expected CORRECTED COPY")
    ]


def test_a_down_cased_precedence_line_and_its_continuation_line_are_one_finding() -> None:
    # the continuation line down-cased with the line above was no continuation line:
    # 'breaks the routing header' (R011) besides R002 of the line above it
    moscow = corpus_text("telegram-secret-noforn-moscow-fl2-continuation.cable")
    first = "PP RUCNCIS RUEHAH RUEHBS RUEHDBU RUEHEK RUEHFR RUEHHE RUEHKB RUEHKV"
    more = "RUEHLO RUEHNO RUEHNT RUEHRA RUEHRL RUEHSI RUEHTA RUEHTL RUEHVI RUEHVL"
    both = mutate(moscow, f"{first}\n{more}\n", f"{first.lower()}\n{more.lower()}\n")
    assert [(d["code"], d["line"], d["column"], d["end_line"], d["end_column"], d["message"]) for d in check_json("--select", "R", "-", input=both)] == [
        ("R002", 2, 1, 3, 70, "precedence line is not in capitals: expected 'PP RUCNCIS RUEHAH RUEHBS RUEHDBU RUEH...'")
    ]
    # the continuation line alone down-cased: its own one finding, not one per indicator
    alone = mutate(moscow, f"\n{more}\n", f"\n{more.lower()}\n")
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "R", "-", input=alone)] == [
        ("R002", 3, 1, 70, "continuation line of the precedence line is not in capitals: expected 'RUEHLO RUEHNO RUEHNT RUEHRA RUEHRL RU...'")
    ]


@pytest.mark.parametrize("head, column, read", [("2...", 6, "2..."), ("2\u2026", 4, "2\u2026"), ("2..", 5, "2.."), ("2\\.", 5, "2.")])
def test_a_missing_marker_is_expected_after_the_number_as_written(head: str, column: int, read: str) -> None:
    """'2... The agency's ...' said "right after '2.'" (the head takes two stops, the
    text starts with the third), and its caret stood on the third stop: the message
    quotes the number with all its stops, and the finding stands after them (a
    converter's escape, '2\\.', read as what it stands for, as P004 quotes a head)."""
    text = mutate(DRAFT, SEED_HEAD, f"{head} The agency's")
    message = f"paragraph 2 has no classification marker: expected one such as (U) or (C) right after '{read}' (a CONFIDENTIAL cable marks every paragraph)"
    found = check_json("--select", "P002", "-", input=text)
    assert [(d["line"], d["column"], d["end_column"], d["message"], d["fix"]) for d in found] == [(24, column, column, message, None)]
    assert _text("--select", "P002", input=text)[0] == f"d.cable:24:{column}: P002 [error] {message}"
    assert run_cli("check", "--select", "P002", "--stdin-filename", "d.cable", "-", input=text.encode("utf-8")).exit_code == 1


def test_a_residue_for_one_mark_names_the_mark() -> None:
    # '&#39;' said "expected the plain text (''')": three quotes, read as nothing
    text = mutate(DRAFT, "2. (C) The agency's deputy", "2. (C) The agency&#39;s &quot;deputy&quot;&#32;")
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "F004", "-", input=text)] == [
        (24, 18, 23, "converter residue '&#39;': expected an apostrophe (')"),
        (24, 25, 31, "converter residue '&quot;': expected a double quotation mark (\")"),
        (24, 37, 43, "converter residue '&quot;': expected a double quotation mark (\")"),
        (24, 43, 48, "converter residue '&#32;': expected a space"),
    ]
    # a word is quoted as before
    link = mutate(DRAFT, "cover three questions", "cover [three](#) questions")
    assert [d["message"] for d in check_json("--select", "F004", "-", input=link)] == ["converter residue '[three](#)': expected the plain text ('three')"]


def test_a_tags_line_with_as_many_commas_as_spaces_says_why_spaces() -> None:
    # "spaces (as many commas as spaces)" left the drafter to guess what was counted
    text = mutate(DRAFT, "TAGS: PREL ENRG SENV DA", "TAGS: PREL, ENRG SENV, DA PGOV")
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "H006", "-", input=text)] == [
        (8, 7, 31, "TAGS line mixes commas and spaces: expected one separator style, spaces (as many of its tags are parted by commas as by spaces, and a tie goes to spaces)"),
    ]
