"""The classification line and the caveat lines under it, read field by field
(grammar/read_classline.py; cable-format.md 3.1, 3.2): the slips session 30 left,
each with its findings at their exact line and column."""

from __future__ import annotations

import pytest

from cablelint.grammar.parser import parse_text
from tests.conftest import check_json
from tests.rules.cases import corpus_text, mutate

BEIRUT = corpus_text("markdown-secret-noforn-beirut.cable")  # line 12: 'S E C R E T BEIRUT 000911', line 14: 'NOFORN'
_LINE = "S E C R E T BEIRUT 000911"
_ONE_OF = "one of SIPDIS, NOFORN, SENSITIVE, EXDIS, LIMDIS, NODIS, STADIS, CHEROKEE, SPECAT, CORRECTED COPY"
_NO_POST = "expected the post 'BEIRUT' and the cable's serial (ending 0911)"


def _found(text: str, line: int) -> list[tuple[str, int, int, int, str]]:
    return [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text) if d["line"] == line]


def _read(text: str) -> tuple[object, object, list[str], list[str], list[str]]:
    cable = parse_text(text)
    cls = cable.classification
    assert cls is not None
    post = cls.post.text if cls.post is not None else None
    serial = cls.serial.text if cls.serial is not None else None
    return post, serial, [c.name for c in cls.caveats], [c.name for c in cable.caveats], [a.text for a in cable.attention]


def test_a_caveat_behind_a_blank_and_a_slash_with_an_attention_line_after_it_is_read() -> None:
    """'NOFORN /EXDIS DEPT FOR NEA' on a caveat line: EXDIS went, with the slash, to an
    attention line '/EXDIS DEPT FOR NEA', no finding, so the cable lost the caveat.
    As without the blank ('NOFORN/EXDIS DEPT FOR NEA'), EXDIS is read, C006 names the
    slash, and the attention line after it is read as one."""
    text = mutate(BEIRUT, "\nNOFORN\n", "\nNOFORN /EXDIS DEPT FOR NEA\n")
    assert _found(text, 14) == [("C006", 14, 8, 14, "'/EXDIS' is written behind '/': expected EXDIS on a line of its own")]
    assert _read(text)[3:] == (["NOFORN", "/EXDIS", "SIPDIS"], ["DEPT FOR NEA", "DEPT FOR NEA/ELA AND DS/IP/NEA"])
    # (a word that is no caveat there stays the attention line it starts)
    text = mutate(BEIRUT, "\nNOFORN\n", "\nNOFORN /ORCON DEPT FOR NEA\n")
    assert _found(text, 14) == []
    assert _read(text)[3:] == (["NOFORN", "SIPDIS"], ["/ORCON DEPT FOR NEA", "DEPT FOR NEA/ELA AND DS/IP/NEA"])


@pytest.mark.parametrize("mark", ["/", "//", ","])
def test_a_stray_mark_after_a_caveat_behind_a_slash_on_a_caveat_line_is_named(mark: str) -> None:
    """'NOFORN/ORCON/' on a caveat line: the mark after ORCON counted as text, and
    '/ORCON/' became an attention line with no finding. '/ORCON' is read as on the
    classification line (C006 names it), and the mark after it is punctuation closing
    the line (C006), the caveat quoted without the slash before it."""
    text = mutate(BEIRUT, "\nNOFORN\n", f"\nNOFORN/ORCON{mark}\n")
    assert _found(text, 14) == [
        ("C006", 14, 7, 13, f"'/ORCON' is written behind '/' and is not a known handling caveat: expected {_ONE_OF} on a line of its own"),
        ("C006", 14, 13, 13 + len(mark), f"caveat 'ORCON' has '{mark}' after it: expected the caveat alone, 'ORCON' (a caveat line has no punctuation)"),
    ]
    assert _read(text)[3:] == (["NOFORN", "/ORCON", "SIPDIS"], ["DEPT FOR NEA/ELA AND DS/IP/NEA"])


@pytest.mark.parametrize(
    "line, column, end, written, post",
    [
        ("S E C R E T//NOFORN,ORCON BEIRUT 000911", 20, 26, ",ORCON", "BEIRUT"),
        ("S E C R E T//NOFORN, ORCON BEIRUT 000911", 20, 27, ", ORCON", "BEIRUT"),
        ("S E C R E T BEIRUT 000911//NOFORN,ORCON", 34, 40, ",ORCON", "BEIRUT"),
    ],
)
def test_a_comma_between_caveats_before_the_post_is_named_and_the_post_read(line: str, column: int, end: int, written: str, post: str) -> None:
    """'S E C R E T//NOFORN,ORCON BEIRUT 000911': a comma between the caveats before
    the post stopped the line at NOFORN, so C002 said "no post or serial" and ',ORCON
    BEIRUT 000911' went to an attention line. The word behind the comma is read as a
    caveat behind a slip (C006 names it, as after the serial), and the post and serial
    after it are read."""
    text = mutate(BEIRUT, _LINE, line)
    assert _found(text, 12) == [("C006", 12, column, end, f"'{written}' is written behind ',' and is not a known handling caveat: expected '//' and {_ONE_OF}")]
    assert _read(text)[:3] == (post, "000911", ["NOFORN", written])


def test_a_comma_then_a_caveat_and_nothing_more_is_read_with_the_post_missing() -> None:
    """'S E C R E T//NOFORN,ORCON': the caveat behind the comma is read and named, and
    C002 names the post and serial missing after it (not the comma and ORCON as an
    attention line)."""
    text = mutate(BEIRUT, _LINE, "S E C R E T//NOFORN,ORCON")
    assert _found(text, 12) == [
        ("C006", 12, 20, 26, f"',ORCON' is written behind ',' and is not a known handling caveat: expected '//' and {_ONE_OF}"),
        ("C002", 12, 26, 26, f"no post or serial on the classification line 'S E C R E T//NOFORN,ORCON': {_NO_POST}"),
    ]
    # (a post behind the comma is the post: as it was, no caveat)
    text = mutate(BEIRUT, _LINE, "S E C R E T//NOFORN, BEIRUT 000911")
    assert _read(text)[:3] == ("BEIRUT", "000911", ["NOFORN"])


@pytest.mark.parametrize(
    "line, column, end, release",
    [
        ("S E C R E T//REL TO XX//NOFORN BEIRUT 000911", 14, 23, "REL TO XX"),
        ("S E C R E T //REL TO XX//NOFORN BEIRUT 000911", 15, 24, "REL TO XX"),
        ("S E C R E T//REL TO XX YY//NOFORN BEIRUT 000911", 14, 26, "REL TO XX YY"),
    ],
)
def test_words_after_rel_to_before_a_caveat_are_its_countries_not_the_post(line: str, column: int, end: int, release: str) -> None:
    """'S E C R E T//REL TO XX//NOFORN BEIRUT 000911': XX was read as the post, so C006
    said "release 'REL TO' names no countries", C002 "no serial after the post 'XX'",
    and 'BEIRUT 000911' went to an attention line. XX is the release's, in a form not
    read (C006 names it, as in 'REL TO XX BEIRUT 000911'), and the post and serial are
    those after the caveat."""
    text = mutate(BEIRUT, _LINE, line)
    message = f"release '{release}' names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"
    assert _found(text, 12) == [("C006", 12, column, end, message)]
    assert _read(text)[:3] == ("BEIRUT", "000911", [release, "NOFORN"])


@pytest.mark.parametrize(
    "line, at, quoted, after",
    [
        ("S E C R E T SECTION 01 OF 02//NOFORN ~", 37, "S E C R E T SECTION 01 OF 02//NOFORN", "after the caveat 'NOFORN' at the end of the classification line: expected the line to end with the caveat"),
        ("S E C R E T SECTION 01 OF 02 ~", 29, "S E C R E T SECTION 01 OF 02", "at the end of the classification line: expected the line to end with its serial"),
        ("S E C R E T ~", 12, "S E C R E T", "at the end of the classification line: expected the line to end with its serial"),
    ],
)
def test_a_stray_mark_where_no_post_or_serial_is_leaves_them_named(line: str, at: int, quoted: str, after: str) -> None:
    """'S E C R E T SECTION 01 OF 02//NOFORN ~': C002 named the '~' and no more, though
    the line has no post or serial ('S E C R E T SECTION 01 OF 02' alone is told so).
    A stray mark after where they go is a fault of its own: both are named."""
    text = mutate(BEIRUT, _LINE, line)
    assert _found(text, 12) == [
        ("C002", 12, at, at, f"no post or serial on the classification line '{quoted}': {_NO_POST}"),
        ("C002", 12, at + 1, at + 2, f"unexpected '~' {after}"),
    ]


@pytest.mark.parametrize("written", ["SIPDIS", "sipdis"])
def test_c002_quotes_the_caveat_before_a_stray_mark_as_written(written: str) -> None:
    """'BEIRUT 000911/SIPDIS/': C002 said "unexpected '/' after the caveat '/SIPDIS'",
    the slip C006 names quoted as part of the caveat (and 'sipdis' in capitals). The
    caveat is quoted as written, without the slash before it."""
    text = mutate(BEIRUT, _LINE, f"S E C R E T BEIRUT 000911/{written}/")
    assert _found(text, 12)[-1] == (
        "C002",
        12,
        33,
        34,
        f"unexpected '/' after the caveat '{written}' at the end of the classification line: expected the line to end with the caveat",
    )


@pytest.mark.parametrize(
    "marker, release, example",
    [
        ("(S/REL TO/NF)", "REL TO", "(S/REL TO USA, GBR/NF)"),
        ("(S//REL TO//NF)", "REL TO", "(S//REL TO USA, GBR//NF)"),
        ("(S/REL/NF)", "REL", "(S/REL TO USA, GBR/NF)"),
        ("(s-rel to-nf)", "rel to", "(S/REL TO USA, GBR/NF)"),
    ],
)
def test_a_release_with_no_countries_before_another_control_is_named(marker: str, release: str, example: str) -> None:
    """'(S/REL TO/NF)' as a paragraph marker: 'REL TO' was read as a release to a
    country 'TO', no finding ('(S/REL TO)' at the marker's end is named); '(S/REL/NF)'
    was no marker at all (P002). A release naming no countries before another control
    is named as at the end, and the marking is read without it, its NF kept (C007)."""
    text = mutate(BEIRUT, "1. (S/NF)", f"1. {marker}")
    end = 4 + len(marker)
    message = f"marker '{marker}' has '{release}' with no countries after it: expected the countries it may be released to, e.g. '{example}'"
    # (its other fault beside it: test_a_marker_s_other_fault_is_named_beside_its_release_with_no_countries)
    besides = [("P003", 28, 4, end, f"marker '{marker}' is not in capitals: expected '(S/REL TO/NF)'")] if marker == "(s-rel to-nf)" else []
    assert _found(text, 28) == [("P003", 28, 4, end, message), *besides]
    paragraph = parse_text(text).paragraphs[0]
    assert (paragraph.level, paragraph.controls) == ("S", ("NF",))


@pytest.mark.parametrize(
    "line, column, end, message, caveats",
    [
        (
            "S E C R E T BEIRUT 000911//NOFORN/REL TO USA/GBR",
            34,
            49,
            "'/REL TO USA/GBR' is written behind '/' and has '/' between its countries: expected '//REL TO USA, GBR'",
            ["NOFORN", "/REL TO USA/GBR"],
        ),
        ("S E C R E T BEIRUT 000911//REL TO USA/GBR", 28, 42, "release 'REL TO USA/GBR' has '/' between its countries: expected REL TO USA, GBR", ["REL TO USA/GBR"]),
        (
            "S E C R E T BEIRUT 000911//REL TO USA/GBR/AUS//NOFORN",
            28,
            46,
            "release 'REL TO USA/GBR/AUS' has '/' between its countries: expected REL TO USA, GBR, AUS",
            ["REL TO USA/GBR/AUS", "NOFORN"],
        ),
        ("S E C R E T//REL TO USA/GBR BEIRUT 000911", 14, 28, "release 'REL TO USA/GBR' has '/' between its countries: expected REL TO USA, GBR", ["REL TO USA/GBR"]),
    ],
)
def test_a_country_behind_a_slash_in_a_release_is_the_release_s(line: str, column: int, end: int, message: str, caveats: list[str]) -> None:
    """'BEIRUT 000911//NOFORN/REL TO USA/GBR': GBR was read as a caveat of its own, and
    C006 said "'GBR' is not a known handling caveat" besides naming '/REL TO USA'; after
    '//REL TO USA' alone it said "'/GBR' is written behind '/' and is not a known
    handling caveat". A country the release list reads, behind a slash right after a
    release, is the release's: one finding, the release as meant, with the commas its
    list takes (cable-format.md 4.2: 'REL TO USA, FVEY')."""
    text = mutate(BEIRUT, _LINE, line)
    assert _found(text, 12) == [("C006", 12, column, end, message)]
    assert _read(text)[:3] == ("BEIRUT", "000911", caveats)


def test_a_country_behind_a_slash_in_a_release_on_a_caveat_line_is_the_release_s() -> None:
    """'NOFORN/REL TO USA/GBR' on a caveat line: as on the classification line, GBR is
    the release's, and C006 names the release once, as meant on a line of its own."""
    text = mutate(BEIRUT, "\nNOFORN\n", "\nNOFORN/REL TO USA/GBR\n")
    message = "'/REL TO USA/GBR' is written behind '/' and has '/' between its countries: expected REL TO USA, GBR on a line of its own"
    assert _found(text, 14) == [("C006", 14, 7, 22, message)]
    assert _read(text)[3] == ["NOFORN", "/REL TO USA/GBR", "SIPDIS"]


@pytest.mark.parametrize(
    "line, at, before",
    [
        ("CONFIDENTIAL //NOFORN,BEIRUT 000911", 22, "CONFIDENTIAL //NOFORN"),
        ("CONFIDENTIAL //NOFORN, BEIRUT 000911", 22, "CONFIDENTIAL //NOFORN"),
        ("S E C R E T//NOFORN;BEIRUT 000911", 20, "S E C R E T//NOFORN"),
        ("S E C R E T,BEIRUT 000911", 12, "S E C R E T"),
        ("S E C R E T.BEIRUT 000911", 12, "S E C R E T"),
        ("S E C R E T SECTION 01 OF 02,BEIRUT 000911", 29, "S E C R E T SECTION 01 OF 02"),
    ],
)
def test_a_mark_before_the_post_is_named_with_a_blank_after_it_or_none(line: str, at: int, before: str) -> None:
    """'CONFIDENTIAL //NOFORN,BEIRUT 000911': with no blank after the comma, C002 said
    "no post or serial" and ',BEIRUT 000911' went to an attention line; with one, it
    named the comma. The mark is named either way, and the post and serial read."""
    text = mutate(BEIRUT, _LINE, line)
    mark = line[at - 1]
    message = f"unexpected '{mark}' after '{before}' on the classification line: expected '{before} BEIRUT 000911'"
    # (R008: a CONFIDENTIAL line on the SECRET cable, apart from the mark)
    assert [f for f in _found(text, 12) if f[0] != "R008"] == [("C002", 12, at, at + 1, message)]
    assert _read(text)[:2] == ("BEIRUT", "000911")


@pytest.mark.parametrize("mark", [".", ";", ":", "/."])
def test_a_full_stop_after_a_caveat_behind_a_slash_on_a_caveat_line_is_named(mark: str) -> None:
    """'NOFORN/ORCON.' on a caveat line: the stop after ORCON counted as text, and
    '/ORCON.' became an attention line with no finding, though 'NOFORN/ORCON/' and
    'NOFORN/ORCON,' were read. Read alike: '/ORCON' named, and the stop after it."""
    text = mutate(BEIRUT, "\nNOFORN\n", f"\nNOFORN/ORCON{mark}\n")
    assert _found(text, 14) == [
        ("C006", 14, 7, 13, f"'/ORCON' is written behind '/' and is not a known handling caveat: expected {_ONE_OF} on a line of its own"),
        ("C006", 14, 13, 13 + len(mark), f"caveat 'ORCON' has '{mark}' after it: expected the caveat alone, 'ORCON' (a caveat line has no punctuation)"),
    ]
    assert _read(text)[3:] == (["NOFORN", "/ORCON", "SIPDIS"], ["DEPT FOR NEA/ELA AND DS/IP/NEA"])
    # (with words after the stop, a word that is no caveat starts the attention line, as before)
    text = mutate(BEIRUT, "\nNOFORN\n", "\nNOFORN/ORCON. DEPT FOR NEA\n")
    assert _found(text, 14) == []
    assert _read(text)[3:] == (["NOFORN", "SIPDIS"], ["/ORCON. DEPT FOR NEA", "DEPT FOR NEA/ELA AND DS/IP/NEA"])


@pytest.mark.parametrize(
    "line, caveat, column, mark",
    [
        ("NOFORN/", "NOFORN", 7, "/"),
        ("NOFORN//", "NOFORN", 7, "//"),
        ("NOFORN /", "NOFORN", 8, "/"),
        ("SIPDIS/", "SIPDIS", 7, "/"),
        ("REL TO USA/", "REL TO USA", 11, "/"),
    ],
)
def test_a_slash_closing_a_caveat_line_is_named_as_its_punctuation(line: str, caveat: str, column: int, mark: str) -> None:
    """'NOFORN/' on a caveat line: the slash became an attention line '/' with no
    finding. It closes the caveat line as a comma or a stop does ('NOFORN,'): C006
    names it, and the caveat is read."""
    text = mutate(BEIRUT, "\nNOFORN\n", f"\n{line}\n")
    message = f"caveat '{caveat}' has '{mark}' after it: expected the caveat alone, '{caveat}' (a caveat line has no punctuation)"
    assert _found(text, 14) == [("C006", 14, column, column + len(mark), message)]
    assert _read(text)[3:] == ([caveat, "SIPDIS"], ["DEPT FOR NEA/ELA AND DS/IP/NEA"])


def test_a_bare_release_with_a_slash_after_it_on_a_caveat_line_is_named() -> None:
    """'REL/' as 'REL TO/' is: a release naming no countries, and the slash after it."""
    text = mutate(BEIRUT, "\nNOFORN\n", "\nREL/\n")
    assert _found(text, 14) == [
        ("C006", 14, 1, 4, "release 'REL' names no countries: expected REL TO and the countries it may be released to, e.g. REL TO USA, GBR"),
        ("C006", 14, 4, 5, "caveat 'REL' has '/' after it: expected the caveat alone, 'REL' (a caveat line has no punctuation)"),
    ]


@pytest.mark.parametrize(
    "caveat, end, meant",
    [
        ("REL TO USA/GBR", 15, "REL TO USA, GBR"),
        ("REL TO USA /GBR", 16, "REL TO USA, GBR"),
        ("REL TO USA/GBR/AUS", 19, "REL TO USA, GBR, AUS"),
        ("REL TO USA, GBR/AUS", 20, "REL TO USA, GBR, AUS"),
        ("rel to usa/gbr", 15, "REL TO USA, GBR"),
    ],
)
def test_a_release_with_slashes_between_its_countries_alone_on_a_caveat_line_is_named(caveat: str, end: int, meant: str) -> None:
    """'REL TO USA/GBR' on the line under the classification line: the caption line's
    pattern read no slash after the countries, and the line became an attention line
    with no finding. It is a caption line: the release, its countries joined, named
    once as after a caveat ('NOFORN/REL TO USA/GBR') and on the classification line,
    with the commas its list takes (4.2)."""
    text = mutate(BEIRUT, "\nNOFORN\n", f"\n{caveat}\n")
    message = f"release '{caveat}' has '/' between its countries: expected {meant}"
    assert _found(text, 14) == [("C006", 14, 1, end, message)]
    assert _read(text)[3:] == ([" ".join(caveat.upper().split()), "SIPDIS"], ["DEPT FOR NEA/ELA AND DS/IP/NEA"])


def test_a_stop_after_a_release_with_slashes_on_a_caveat_line_is_named_apart() -> None:
    """'REL TO USA/GBR.': the slashes and the stop, each named, the release as meant."""
    text = mutate(BEIRUT, "\nNOFORN\n", "\nREL TO USA/GBR.\n")
    assert _found(text, 14) == [
        ("C006", 14, 1, 15, "release 'REL TO USA/GBR' has '/' between its countries: expected REL TO USA, GBR"),
        ("C006", 14, 15, 16, "caveat 'REL TO USA/GBR' has '.' after it: expected the caveat alone, 'REL TO USA, GBR' (a caveat line has no punctuation)"),
    ]


@pytest.mark.parametrize("line", ["REL TO USA/DEPT FOR NEA", "REL TO THE EMBASSY/GBR"])
def test_a_release_with_a_slash_and_no_country_behind_it_stays_an_attention_line(line: str) -> None:
    """A slash after a release with no country the list reads behind it (past any
    blanks: 'REL TO USA/ GBR' is the release, as 'REL TO USA / GBR' is) is no more of
    the release: the line stays the attention line it was (3.3)."""
    text = mutate(BEIRUT, "\nNOFORN\n", f"\n{line}\n")
    assert _found(text, 14) == []
    assert _read(text)[3:] == (["SIPDIS"], [line, "DEPT FOR NEA/ELA AND DS/IP/NEA"])


@pytest.mark.parametrize(
    "fm, post",
    [("AMEMBASSY TEL AVIV", "TEL AVIV"), ("AMEMBASSY NEW DELHI", "NEW DELHI"), ("AMCONSUL SAO PAULO", "SAO PAULO"), ("AMEMBASSY BEIRUT", "BEIRUT")],
)
@pytest.mark.parametrize("comma", [",", ", "])
def test_a_post_of_several_words_behind_a_comma_after_a_caveat_is_the_post(fm: str, post: str, comma: str) -> None:
    """'S E C R E T//NOFORN,TEL AVIV 000911': the first word behind the comma, named
    by no post alone, was read as one more caveat (',TEL', C006) and AVIV as the post.
    The words before the serial are the post the FM line names (or a post of several
    words known): C002 names the comma, as for a post of one word."""
    text = mutate(mutate(BEIRUT, "FM AMEMBASSY BEIRUT", f"FM {fm}"), _LINE, f"S E C R E T//NOFORN{comma}{post} 000911")
    assert [f for f in _found(text, 12) if f[0] != "F006"] == [
        ("C002", 12, 20, 21, f"unexpected ',' after 'S E C R E T//NOFORN' on the classification line: expected 'S E C R E T//NOFORN {post} 000911'"),
    ]
    assert _read(text)[:3] == (post, "000911", ["NOFORN"])
    # (with no FM line to name it either: a post of several words the stations know)
    text = mutate(text, f"FM {fm}\n", "")
    assert _read(text)[:3] == (post, "000911", ["NOFORN"])


@pytest.mark.parametrize(
    "line, at, mark, release",
    [
        ("S E C R E T BEIRUT 000911//REL TO USA/GBR ~", 43, "~", "REL TO USA/GBR"),
        ("S E C R E T BEIRUT 000911//REL TO USA/GBR/", 42, "/", "REL TO USA/GBR"),
        ("S E C R E T BEIRUT 000911//REL TO USA/GBR.", 42, ".", "REL TO USA/GBR"),
        ("S E C R E T BEIRUT 000911//NOFORN/REL TO USA/GBR/AUS ~", 54, "~", "REL TO USA/GBR/AUS"),
    ],
)
def test_c002_quotes_a_release_with_slashes_before_a_stray_mark_whole(line: str, at: int, mark: str, release: str) -> None:
    """'BEIRUT 000911//REL TO USA/GBR ~': C002 quoted the last country, "after the
    caveat 'GBR'", as the countries behind slashes were joined to the release only
    after it was named. The release is quoted whole, as C006 names it."""
    found = _found(mutate(BEIRUT, _LINE, line), 12)
    assert found[-1] == ("C002", 12, at, at + 1, f"unexpected '{mark}' after the caveat '{release}' at the end of the classification line: expected the line to end with the caveat")
    assert [f[0] for f in found] == ["C006", "C002"]


@pytest.mark.parametrize(
    "line, column, end, message",
    [
        ("S E C R E T BEIRUT 000911//REL TO/GBR", 28, 38, "release 'REL TO/GBR' has '/' after REL TO: expected REL TO GBR"),
        ("S E C R E T BEIRUT 000911//REL TO / GBR", 28, 40, "release 'REL TO / GBR' has '/' after REL TO: expected REL TO GBR"),
        ("S E C R E T BEIRUT 000911//REL TO/GBR/AUS", 28, 42, "release 'REL TO/GBR/AUS' has '/' after REL TO and between its countries: expected REL TO GBR, AUS"),
        ("S E C R E T//REL TO/GBR BEIRUT 000911", 14, 24, "release 'REL TO/GBR' has '/' after REL TO: expected REL TO GBR"),
    ],
)
def test_a_slash_after_rel_to_before_a_country_is_named_once(line: str, column: int, end: int, message: str) -> None:
    """'BEIRUT 000911//REL TO/GBR': GBR, behind the slash, was joined to the release,
    which C006 then said "names its countries in a form not read: expected REL TO and
    trigraphs or tetragraphs" (GBR is one). The slash after REL TO is named, once, and
    the release as meant, a blank for it."""
    assert _found(mutate(BEIRUT, _LINE, line), 12) == [("C006", 12, column, end, message)]


@pytest.mark.parametrize(
    "marker, release, fault, fixed, example",
    [
        ("(c/rel to/nf)", "rel to", "is not in capitals", "(C/REL TO/NF)", "(C/REL TO USA, GBR/NF)"),
        ("(C/REL TO-NF)", "REL TO", "has a bad separator or control", "(C/REL TO/NF)", "(C/REL TO USA, GBR/NF)"),
        ("(C/REL TO\\NF)", "REL TO", "has a bad separator or control", "(C/REL TO/NF)", "(C/REL TO USA, GBR/NF)"),
        ("(c//rel to//nf)", "rel to", "is not in capitals", "(C//REL TO//NF)", "(C//REL TO USA, GBR//NF)"),
    ],
)
def test_a_marker_s_other_fault_is_named_beside_its_release_with_no_countries(marker: str, release: str, fault: str, fixed: str, example: str) -> None:
    """'(c/rel to/nf)', '(C/REL TO-NF)': since the release with no countries before
    another control was named, the marker's other fault was lost with its fix (the
    example wrote the capitals or the slash unsaid). Both are named: the release,
    with no fix (its countries are the author's), and the fault, fixed as before."""
    text = mutate(BEIRUT, "1. (S/NF)", f"1. {marker}")
    end = 4 + len(marker)
    found = [d for d in check_json("--select", "ALL", "-", input=text) if d["line"] == 28]
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in found] == [
        ("P003", 28, 4, end, f"marker '{marker}' has '{release}' with no countries after it: expected the countries it may be released to, e.g. '{example}'"),
        ("P003", 28, 4, end, f"marker '{marker}' {fault}: expected '{fixed}'"),
    ]
    assert found[0]["fix"] is None
    assert [e["replacement"] for e in found[1]["fix"]["edits"]] == [fixed]
