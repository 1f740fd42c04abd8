"""One slip, one finding: a single typing slip on a header line is reported once, where
it is, and not as a cascade over the fields after it or the rules that compare them.

Each case is a valid corpus cable with one slip; the whole finding list (every code,
--select ALL) is asserted, so a cascade code that comes back fails the test.
"""

from __future__ import annotations

import pytest

from tests.conftest import check_json
from tests.rules.cases import corpus_text, mutate

BAMAKO = corpus_text("telegram-unclas-bamako.cable")  # DE RUEHBP #0341 1471005 / R 271005Z MAY 09 / TAGS: EAID SOCI PGOV ML
USNATO = corpus_text("telegram-secret-usnato-multisection.cable")  # DE RUEHNO #0412/01 2621652 / S E C R E T SECTION 01 OF 02 USNATO 000412
REYKJAVIK = corpus_text("telegram-confidential-reykjavik-multisection.cable")  # C O N F I D E N T I A L SECTION 01 OF 03 REYKJAVIK 000687
ACCRA = corpus_text("markdown-unclas-accra.cable")  # line 24: 1. (U) Ghana's first private credit reference bureau began


def findings(text: str) -> list[tuple[str, int, int, str]]:
    return [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            mutate(USNATO, "DE RUEHNO #0412/01", "DE RUEHN O #0412/01"),
            [("R003", 3, 4, "DE line has 'RUEHN O' where the station RI stands: expected one routing indicator, then #<4-digit serial> (DE <station RI> #<serial>[/<part>] <filing time DDDHHMM>)")],
            id="de-ri-split",  # was R003 x3 (serial 'O', time '#0412/01', extra '2621652') and A007 on 'RUEHN'
        ),
        pytest.param(
            mutate(BAMAKO, "DE RUEHBP #0341", "DE RUEHBP RUEHBP #0341"),
            [("R003", 3, 4, "DE line has 'RUEHBP RUEHBP' where the station RI stands: expected one routing indicator, then #<4-digit serial> (DE <station RI> #<serial>[/<part>] <filing time DDDHHMM>)")],
            id="de-ri-doubled",  # was R003 x3
        ),
        pytest.param(
            mutate(BAMAKO, "#0341 1471005", "#0341 147 1005"),
            [("R003", 3, 17, "DE line filing time '147 1005' is split by a blank: expected 7 digits without a blank ('1471005')")],
            id="de-time-split",  # was R003 x2 (time '147', extra '1005')
        ),
        pytest.param(
            mutate(BAMAKO, "R 271005Z MAY 09", "R 271005 Z MAY 09"),
            [("R005", 5, 3, "time '271005' has a blank before its Z: expected 271005Z")],
            id="dtg-blank-before-z",  # was R005 x3 (no Z, incomplete, extra 'MAY 09')
        ),
        pytest.param(
            mutate(USNATO, "S E C R E T SECTION 01 OF 02", "S E C R E T // SECTION 01 OF 02"),
            [("C002", 13, 13, "'//' before 'SECTION' on the classification line: expected 'S E C R E T SECTION 01 OF 02'")],
            id="class-slashes-before-section",  # was C002 (no SECTION keyword) and C006 ('SECTION' no caveat)
        ),
        pytest.param(
            mutate(REYKJAVIK, "SECTION 01 OF 03 REYKJAVIK", "SECTION 01 OF 03 OF 03 REYKJAVIK"),
            [("C002", 13, 42, "'OF 03' repeats the number of sections after 'SECTION 01 OF 03': expected 'SECTION 01 OF 03' then the post and serial")],
            id="class-section-total-twice",  # was C002 (serial '03') and A004 (post 'OF')
        ),
        pytest.param(
            mutate(BAMAKO, "TAGS: EAID SOCI PGOV ML", "TAGS: EAID, SOCI. PGOV, ML"),
            [("H006", 19, 13, "stray punctuation in tag 'SOCI.': expected tags separated by spaces or commas")],
            id="tags-stop-for-comma",  # was H006 twice: the stop, and 'mixes commas and spaces'
        ),
        pytest.param(
            mutate(USNATO, "WASHDC PRIORITY 2231", "WASHDC PRIORITY 22 31"),
            [("A003", 7, 35, "addressee serial '22 31' is split by a blank: expected 2231")],
            id="addressee-serial-split",  # was A003 twice: '22' after PRIORITY, and serial '31' of 2 digits
        ),
        pytest.param(
            mutate(ACCRA, "first private credit", "first <sup>1</sup> credit"),
            [("F004", 24, 22, "converter residue '<sup>1</sup>' (an HTML element's tags): expected the plain text ('1')")],
            id="html-element",  # was F004 twice, for '<sup>' and '</sup>'
        ),
        pytest.param(
            mutate(ACCRA, "1. (U) Ghana's first private", '1. (U) <a name="x"></a> Ghana\'s first'),
            [("F004", 24, 8, "converter residue '<a name=\"x\"></a>' (an HTML element's tags): expected them removed")],
            id="html-element-after-the-head",  # was F004 twice and P004 quoting the tags as the head's spacing
        ),
        pytest.param(
            mutate(ACCRA, "2. (U) Bankers told", "[¶](#par22. (U) Bankers"),
            [("F004", 31, 1, "converter residue '[¶](#par2': expected it removed")],
            id="anchor-parenthesis-lost",  # was F004 on '[¶](#par22.' and P001 at paragraph 3 (paragraph 2 lost its number)
        ),
    ],
)
def test_one_slip_is_one_finding(text: str, expected: list[tuple[str, int, int, str]]) -> None:
    assert findings(text) == expected


def test_two_slips_on_the_de_line_stay_two_findings() -> None:
    """The shift is one finding only when the fields after it are whole: a bad serial
    and a bad filing time are two defects, two findings."""
    text = mutate(BAMAKO, "#0341 1471005", "#03X1 147100Z")
    assert [(c, line, col) for c, line, col, _ in findings(text)] == [("R003", 3, 12), ("R003", 3, 17)]


def test_a_mixed_separator_line_without_stray_marks_is_still_named() -> None:
    text = mutate(BAMAKO, "TAGS: EAID SOCI PGOV ML", "TAGS: EAID, SOCI PGOV, ML")
    assert [(c, line, col) for c, line, col, _ in findings(text)] == [("H006", 19, 7)]


def test_an_html_element_is_fixed_in_one_finding_keeping_its_text() -> None:
    text = mutate(ACCRA, "first private credit", "first <sup>1</sup> credit")
    (finding,) = check_json("--select", "F004", "-", input=text)
    assert [(e["line"], e["column"], e["end_column"], e["replacement"]) for e in finding["fix"]["edits"]] == [(24, 22, 27, ""), (24, 28, 34, "")]


def test_tags_of_two_elements_or_unclosed_stay_one_finding_each() -> None:
    text = mutate(ACCRA, "first private credit", "first <b>x</i> credit<br>")
    assert [(c, line, col) for c, line, col, _ in findings(text)] == [("F004", 24, 22), ("F004", 24, 26), ("F004", 24, 37)]


def test_a_head_spaced_wrong_before_residue_is_still_named() -> None:
    text = mutate(ACCRA, "1. (U) Ghana's first private", '1. (U)  <a name="x"></a>Ghana\'s first')
    assert [(c, line, col) for c, line, col, _ in findings(text)] == [("P004", 24, 1), ("F004", 24, 9)]


_ACCENTED = "accented letter 'É' (U+00C9) in a {}: expected 'E' (a telegram carries ASCII only)"


@pytest.mark.parametrize(
    ("cable", "tags", "dialect", "line"),
    [(BAMAKO, "TAGS: EAID SOCI PGOV ML", "telegram", 19), (corpus_text("draft-confidential-13526-ulaanbaatar.cable"), "TAGS: PREL EINV ENRG MG", "draft", 8)],
    ids=["telegram", "draft"],
)
def test_an_accented_letter_in_a_known_tag_is_one_finding(cable: str, tags: str, dialect: str, line: int) -> None:
    """'ÉAID' for EAID, 'ÉINV' for EINV: F004 and H007 both fired on the one letter. F004 names the letter and writes its ASCII; when that makes a known tag,
    H007 stands back. A tag unknown in ASCII too ('É' alone: 'E') is H007's as well."""
    word = next(w for w in tags.split() if w[0] == "E")  # EAID, EINV
    known = mutate(cable, tags, tags.replace(word, "É" + word[1:]))
    column = tags.index(word) + 1
    assert findings(known) == [("F004", line, column, _ACCENTED.format(dialect))]
    unknown = mutate(cable, tags, tags + " É")
    assert findings(unknown) == [
        ("F004", line, len(tags) + 2, _ACCENTED.format(dialect)),
        ("H007", line, len(tags) + 2, "tag 'É' is not in the TAGS vocabulary: expected a known tag (add local ones with extra-tags)"),
    ]
