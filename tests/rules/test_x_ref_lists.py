"""X: REF lists joined by AND, labels written without their blank, and citations of
the REF block that are not a letter (review round 34's repro cables, their REF lines
put into the Reykjavik corpus cable)."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import check_json, run_cli
from tests.rules.cases import corpus_text, mutate

# CONFIDENTIAL REYKJAVIK 687 of 2008 (6 Nov 2008); REF A. STATE 108812, B. 08 REYKJAVIK
# 512 on lines 25-26; the text cites Ref A (line 47) and Ref B (line 116)
REK = corpus_text("telegram-confidential-reykjavik-multisection.cable")
BLOCK = "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512"


def _refs(text: str) -> list[tuple[Any, ...]]:
    got = json.loads(run_cli("parse", "-", input=text.encode("utf-8")).stdout)
    return [(r["label"], r["text"], r["cable_id"], r["line"]) for r in got["references"]]


def _x(text: str) -> list[tuple[Any, ...]]:
    return [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "X", "-", input=text.encode("utf-8"))]


# ---- 1. a REF list joined by AND ----------------------------------------------------


def test_a_year_after_and_is_the_next_entrys() -> None:
    """'REF: 07 STATE 22117 AND 07 REYKJAVIK 380' (f2-ref-and-year) read '07' as an
    entry of its own (X001: a number with no origin) and the next as this year's
    REYKJAVIK 380 (X008, later than this cable): the year belongs to the entry after
    AND, written with two digits or four."""
    for second, cable_id in (("07 REYKJAVIK 380", "07REYKJAVIK380"), ("2007 REYKJAVIK 380", "07REYKJAVIK380")):
        text = mutate(REK, BLOCK, f"REF: 07 STATE 22117 AND {second}")
        assert _refs(text) == [(None, "07 STATE 22117", "07STATE22117", 25), (None, second, cable_id, 25)], second
        # the text's Ref A and Ref B name the two entries by place
        assert _x(text) == [], second


def test_a_serial_after_and_is_the_entrys_as_after_a_comma() -> None:
    """'REF: 07 REYKJAVIK 380 AND 381' (f2-ref-and-serial) made '381' an entry with no
    origin (X001, 'such as STATE 381'); 'STATE 22117, 22118' was one entry. A serial
    alone after AND is the entry's too."""
    one = mutate(mutate(REK, BLOCK, "REF: 07 REYKJAVIK 380 AND 381"), "7. (U) Ref B reported", "7. (U) Ref A reported")
    assert _refs(one) == [(None, "07 REYKJAVIK 380 AND 381", "07REYKJAVIK380", 25)]
    assert _x(one) == []
    comma = mutate(one, "380 AND 381", "380, 381")
    assert _refs(comma) == [(None, "07 REYKJAVIK 380, 381", "07REYKJAVIK380", 25)]
    # another reference after the serial still starts an entry of its own
    more = mutate(REK, BLOCK, "REF: 07 REYKJAVIK 380 AND 381 STATE 108812")
    assert _refs(more) == [(None, "07 REYKJAVIK 380 AND 381", "07REYKJAVIK380", 25), (None, "STATE 108812", "08STATE108812", 25)]
    assert _x(more) == []


def test_and_inside_a_document_that_is_no_cable_joins_its_words() -> None:
    """'REF: TELCON BETWEEN A/S SMITH AND DCM JONES' was cut at AND, and 'DCM JONES' an
    X001 (a name with no number). A telcon or a memcon is a valid entry (3.7
    other_ref): an AND before no cable reference stays inside the entry."""
    text = mutate(mutate(REK, BLOCK, "REF: TELCON BETWEEN A/S SMITH AND DCM JONES"), "7. (U) Ref B reported", "7. (U) Ref A reported")
    assert _refs(text) == [(None, "TELCON BETWEEN A/S SMITH AND DCM JONES", None, 25)]
    assert _x(text) == []
    text = mutate(REK, BLOCK, "REF: MEMCON OF SMITH AND JONES; 08 STATE 1")
    assert _refs(text) == [(None, "MEMCON OF SMITH AND JONES", None, 25), (None, "08 STATE 1", "08STATE1", 25)]
    assert _x(text) == []
    # before a cable reference, AND still starts the next entry
    text = mutate(REK, BLOCK, "REF: MEMCON OF SMITH AND 08 STATE 1")
    assert _refs(text) == [(None, "MEMCON OF SMITH", None, 25), (None, "08 STATE 1", "08STATE1", 25)]


def test_a_labelled_entry_of_two_cables_joined_by_and_gives_both() -> None:
    """'REF: A. 09 STATE 1 AND 09 RABAT 2' kept one cable_id (09STATE1), the second
    cable lost. Cut at AND as an unlabelled entry is, each cable is read, both under
    the entry's label: one entry for the labels' sequence (no X002) and citations."""
    text = mutate(REK, BLOCK, "REF: A. STATE 108812 AND 08 RABAT 2\n     B. 08 REYKJAVIK 512")
    assert _refs(text) == [("A", "STATE 108812", "08STATE108812", 25), ("A", "08 RABAT 2", "08RABAT2", 25), ("B", "08 REYKJAVIK 512", "08REYKJAVIK512", 26)]
    assert _x(text) == []
    # the second cable's own finding is at its place; an uncited entry is named once
    text = mutate(REK, BLOCK, "REF: A. STATE 108812\n     B. 08 REYKJAVIK 512 AND 09 RABAT 2")
    assert _x(mutate(text, "7. (U) Ref B reported", "7. (U) Post reported")) == [
        ("X004", 26, 6, 7, "Ref B ('08 REYKJAVIK 512') is never cited in the text: expected 'Ref B' somewhere"),
        ("X008", 26, 30, 40, "reference '09 RABAT 2' is from 2009, after this cable's date (2008): expected an earlier year"),
    ]
    # cited by the second cable's origin and number, the entry is cited
    assert _x(mutate(mutate(text, "09 RABAT 2", "08 RABAT 2"), "7. (U) Ref B reported", "7. (U) RABAT 2 reported")) == []


def test_a_serial_alone_after_a_semicolon_is_told_the_post_before_it() -> None:
    """A semicolon ends the entry: '381' after it has no origin (X001), and the post the
    message offers is the entry's before it, not STATE."""
    text = mutate(mutate(REK, BLOCK, "REF: 07 REYKJAVIK 380; 381"), "7. (U) Ref B reported", "7. (U) Ref A reported")
    assert _x(text) == [
        ("X001", 25, 24, 27, "REF entry has the number '381' but no origin: expected the post before the number, such as '07 REYKJAVIK 381'"),
        ("X004", 25, 24, 27, "the reference '381' is never cited in the text: expected 'Ref B' (its place in the REF block) somewhere, or the entries labelled A., B., ..."),
    ]
    # a labelled entry too; the first entry has no post before it: STATE, the Department's
    labelled = mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 513")
    assert [m for *_, m in _x(labelled)] == ["REF entry B has the number '513' but no origin: expected the post before the number, such as 'STATE 513'"]
    first = mutate(mutate(REK, BLOCK, "REF: 512"), "7. (U) Ref B reported", "7. (U) Reftel reported")
    assert [(c, ln, col, m) for c, ln, col, _, m in _x(first) if c == "X001"] == [
        ("X001", 25, 6, "REF entry has the number '512' but no origin: expected the post before the number, such as 'STATE 512'")
    ]


# ---- 2. a REF label with no blank after its full stop -------------------------------


def test_labels_with_no_blank_are_read_and_named() -> None:
    """'REF: A.STATE 22117' / 'B.07 REYKJAVIK 380' (f5-ref-label-noblank) was one
    unlabelled entry, 08ASTATE22117, nothing reported, and the text's Ref B an X003.
    Each label is read (spec LABEL: a full stop, then blanks) and named (X001)."""
    text = mutate(REK, BLOCK, "REF: A.STATE 22117\n     B.07 REYKJAVIK 380")
    assert _refs(text) == [("A", "STATE 22117", "08STATE22117", 25), ("B", "07 REYKJAVIK 380", "07REYKJAVIK380", 26)]
    assert _x(text) == [
        ("X001", 25, 6, 8, "REF label 'A.' has no blank after it: expected 'A. STATE 22117'"),
        ("X001", 26, 6, 8, "REF label 'B.' has no blank after it: expected 'B. 07 REYKJAVIK 380'"),
    ]
    # one such label among well-written ones; the year in parentheses; a label written
    # well further along the line
    text = mutate(REK, BLOCK, "REF: A. STATE 108812\n     B.08 REYKJAVIK 512\n     C.(08) REYKJAVIK 513")
    assert _refs(text) == [("A", "STATE 108812", "08STATE108812", 25), ("B", "08 REYKJAVIK 512", "08REYKJAVIK512", 26), ("C", "(08) REYKJAVIK 513", "08REYKJAVIK513", 27)]
    assert [(c, ln, col) for c, ln, col, *_ in _x(text)] == [("X001", 26, 6), ("X001", 27, 6), ("X004", 27, 6)]
    text = mutate(REK, BLOCK, "REF: A.STATE 108812  B. 08 REYKJAVIK 512")
    assert _refs(text) == [("A", "STATE 108812", "08STATE108812", 25), ("B", "08 REYKJAVIK 512", "08REYKJAVIK512", 25)]
    assert _x(text) == [("X001", 25, 6, 8, "REF label 'A.' has no blank after it: expected 'A. STATE 108812'")]
    # an entry wrapped onto the next line: the message quotes the label's line
    text = mutate(REK, BLOCK, "REF: A.STATE 108812 AND\n     PREVIOUS\n     B. 08 REYKJAVIK 512")
    assert _refs(text) == [("A", "STATE 108812 AND PREVIOUS", "08STATE108812", 25), ("B", "08 REYKJAVIK 512", "08REYKJAVIK512", 27)]
    assert _x(text) == [("X001", 25, 6, 8, "REF label 'A.' has no blank after it: expected 'A. STATE 108812 AND'")]


def test_an_initial_or_an_abbreviation_is_no_label() -> None:
    """A letter before a cable reference is a label; an initial ('A.J. SMITH') or an
    abbreviation ('U.S.') stays the entry's text, as before."""
    for block, refs in (
        ("REF: A.J. SMITH E-MAIL OF 10/15/08", [(None, "A.J. SMITH E-MAIL OF 10/15/08", None, 25)]),
        ("REF: U.S.MISSION 1234", [(None, "U.S.MISSION 1234", "08USMISSION1234", 25)]),
        ("REF: 08 STATE 1; U.S.MISSION 1234", [(None, "08 STATE 1", "08STATE1", 25), (None, "U.S.MISSION 1234", "08USMISSION1234", 25)]),
    ):
        text = mutate(REK, BLOCK, block)
        assert _refs(text) == refs, block
        assert [d for d in _x(text) if d[0] == "X001"] == [], block


def test_a_label_out_of_sequence_with_no_blank_is_read_and_its_skip_named() -> None:
    """'REF: A.STATE 22117' / 'C.09 RABAT 380' (rv-review35 ref_ac) was one entry
    'STATE 22117 C.09 RABAT 380': the second reference lost and no X002, where
    'C. 09 RABAT 380' gave two entries and X002. Any letter is read as a label at a
    line's start before a cable reference, as with its blank."""
    text = mutate(REK, BLOCK, "REF: A.STATE 108812\n     C.08 REYKJAVIK 512")
    assert _refs(text) == [("A", "STATE 108812", "08STATE108812", 25), ("C", "08 REYKJAVIK 512", "08REYKJAVIK512", 26)]
    assert _x(text) == [
        ("X001", 25, 6, 8, "REF label 'A.' has no blank after it: expected 'A. STATE 108812'"),
        ("X001", 26, 6, 8, "REF label 'C.' has no blank after it: expected 'C. 08 REYKJAVIK 512'"),
        ("X002", 26, 6, 8, "REF label C is out of sequence: expected B"),
    ]
    # after an unlabelled entry: read as 'A. STATE 108812' is (it was '08ASTATE108812')
    text = mutate(REK, BLOCK, "REF: 08 STATE 1\n     A.STATE 108812")
    assert _refs(text) == [(None, "08 STATE 1", "08STATE1", 25), ("A", "STATE 108812", "08STATE108812", 26)]
    assert [(c, ln, col) for c, ln, col, *_ in _x(text)] == [("X002", 25, 6), ("X001", 26, 6), ("X002", 26, 6)]


def test_a_label_with_no_blank_after_a_semicolon_starts_an_entry() -> None:
    """'REF: A.STATE 22117; B.RABAT 380' (rv-review35 ref_semi) was one entry, its X001
    quoting 'A. STATE 22117; B.RABAT 380' with B's slip kept. A label with no blank
    after a semicolon starts an entry before a cable reference; each label is named."""
    text = mutate(REK, BLOCK, "REF: A.STATE 108812; B.08 REYKJAVIK 512")
    assert _refs(text) == [("A", "STATE 108812", "08STATE108812", 25), ("B", "08 REYKJAVIK 512", "08REYKJAVIK512", 25)]
    assert _x(text) == [
        ("X001", 25, 6, 8, "REF label 'A.' has no blank after it: expected 'A. STATE 108812'"),
        ("X001", 25, 22, 24, "REF label 'B.' has no blank after it: expected 'B. 08 REYKJAVIK 512'"),
    ]
    # after a well-written label; with no blank after the semicolon
    text = mutate(REK, BLOCK, "REF: A. STATE 108812;B.08 REYKJAVIK 512")
    assert _refs(text) == [("A", "STATE 108812", "08STATE108812", 25), ("B", "08 REYKJAVIK 512", "08REYKJAVIK512", 25)]
    assert _x(text) == [("X001", 25, 22, 24, "REF label 'B.' has no blank after it: expected 'B. 08 REYKJAVIK 512'")]


# ---- 3. citations that are no single letter ------------------------------------------

SUBJECT = "SUBJECT: ICELAND: COAST GUARD CUTS PUT AIR POLICING SUPPORT AT\nRISK"


def _para_7(words: str, text: str = REK) -> str:
    """*text* with paragraph 7 saying *words* where it cites Ref B (line 116)."""
    return mutate(text, "7. (U) Ref B reported", f"7. (U) {words}")


def test_refs_after_the_or_both_cite_every_entry() -> None:
    """'Both refs describe ..., as the refs and para 4 show' (f10-bare-refs) left both
    entries uncited (X004): "refs" after "the", "both", "all", "these" or "those" names
    them all, as "(refs)" does; in the one-line case or in capitals, and with no REF
    block it is X006's, as "(refs)" is."""
    no_a = mutate(REK, "As requested in Ref A,", "As requested,")
    for words in ("Both refs describe the talks, as the refs and para 4 show. Post reported", "As the refs reported", "All refs reported", "THE REFS REPORTED"):
        assert _x(_para_7(words, no_a)) == [], words
    no_block = mutate(mutate(REK, BLOCK + "\n\n", ""), "As requested in Ref A,", "As requested,")
    assert _x(_para_7("As the refs reported", no_block)) == [
        ("X006", 113, 15, 19, "the text cites refs but the cable has no REF block: expected a 'REF:' caption identifying it")
    ]


def test_a_bare_ref_after_the_stays_prose() -> None:
    """The singular after "the" ("the ref reported": no X005 for an ambiguous ref) and
    the name "the REFS program" in mixed case cite nothing: Ref B stays uncited."""
    uncited = ("X004", 26, 6, 7, "Ref B ('08 REYKJAVIK 512') is never cited in the text: expected 'Ref B' somewhere")
    for words in ("The ref reported", "The REFS program reported", "These refs: reported"):
        assert _x(_para_7(words)) == [uncited], words


def test_letters_joined_by_a_slash_are_each_cited() -> None:
    """'Refs A/B' (f10-refs-slash) cited A alone (X004 for B). A slash joins a list as a
    comma does; a letter after it before a word is cited only where the block defines
    it ("Ref A/S Smith": the Assistant Secretary, no Ref S)."""
    no_a = mutate(REK, "As requested in Ref A,", "As requested,")
    for words in ("Refs A/B reported", "refs a/b reported", "REFS A/B REPORTED", "Ref A/B. Post reported"):
        assert _x(_para_7(words, no_a)) == [], words
    assert _x(_para_7("Ref A/S Smith reported", no_a)) == [("X004", 26, 6, 7, "Ref B ('08 REYKJAVIK 512') is never cited in the text: expected 'Ref B' somewhere")]
    with_c = mutate(REK, "     B. 08 REYKJAVIK 512", "     B. 08 REYKJAVIK 512\n     C. 08 REYKJAVIK 530")
    assert _x(_para_7("Refs A/B/C reported", mutate(with_c, "As requested in Ref A,", "As requested,"))) == []


def test_the_subject_cites_as_the_text_does() -> None:
    """A 'REF B' or 'REFTEL' in the SUBJECT line was no citation (X004 for B); it is read
    as the text's are, within the subject alone: an undefined letter there is X003's,
    a 'reftel' with two references X005's."""
    follow_up = mutate(_para_7("Post reported"), SUBJECT, "SUBJECT: ICELAND: FOLLOW-UP ON REF B, COAST GUARD CUTS")
    assert _x(follow_up) == []
    wrapped = mutate(_para_7("Post reported"), SUBJECT, SUBJECT + ", AS REFTELS ASKED")
    assert _x(wrapped) == []
    reftel = mutate(REK, SUBJECT, "SUBJECT: ICELAND: REPLY TO REFTEL")
    assert _x(reftel) == [("X005", 22, 28, 34, "'reftel' is ambiguous: the REF block lists 2 references; expected 'Ref X' naming one of A, B")]
    undefined = mutate(REK, SUBJECT, "SUBJECT: ICELAND: ON REF C")
    assert _x(undefined) == [("X003", 22, 22, 27, "the text cites REF C, which the REF block does not define: expected one of A, B")]
    # a word holding REF ("REFORMS") cites nothing
    assert _x(mutate(_para_7("Post reported"), SUBJECT, "SUBJECT: ICELAND: COAST GUARD REFORMS")) == [
        ("X004", 25, 6, 7, "Ref B ('08 REYKJAVIK 512') is never cited in the text: expected 'Ref B' somewhere")
    ]
