"""Release markings, "REL TO" and the countries a cable may be released to: one reading
wherever they are written (on the classification line, on a caption line of their own,
after another caveat, in a paragraph marker), and a finding when no country is named.
Through the CLI, on a telegram (Beirut, S E C R E T, NOFORN, SIPDIS) as text and as the
archive's Markdown page renders it, and on drafts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cablelint.grammar.parser import parse_text
from tests.conftest import check_json, run_cli
from tests.rules.cases import corpus_text, markdown_page, mutate

BEIRUT = corpus_text("markdown-secret-noforn-beirut.cable")  # S E C R E T BEIRUT 000911 (line 12) / "" / NOFORN / SIPDIS
_NO_COUNTRIES = "release 'REL TO' names no countries: expected REL TO and the countries it may be released to, e.g. REL TO USA, GBR"


def _render(text: str, markdown: bool) -> str:
    return markdown_page(text) if markdown else text


def _found(text: str) -> list[tuple[str, int, int, str]]:
    return [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "ALL", "--stdin-filename", "beirut.cable", "-", input=text) if d["severity"] != "info"]


def _rendering(text: str, markdown: bool) -> list[tuple[str, int, int, str]]:
    """The findings of the cable with no release (none as text; the Markdown page's
    residue, F004, as Markdown), on the lines *text* holds them."""
    shift = len(text.splitlines()) - len(BEIRUT.splitlines())
    return [(code, line + shift, column, message) for code, line, column, message in _found(_render(BEIRUT, markdown))]


def _parse(text: str, name: str = "beirut.cable") -> Any:
    result = run_cli("parse", "--stdin-filename", name, "-", input=text)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


_RELEASES = {
    # as US banners write it, after the serial; two blanks, countries joined by AND
    "classification-line-two-blanks-and": (("BEIRUT 000911\n", "BEIRUT 000911//REL  TO USA AND GBR\n"), "REL TO USA AND GBR"),
    "classification-line-before-the-post": (("S E C R E T BEIRUT", "S E C R E T//REL TO USA, GBR BEIRUT"), "REL TO USA, GBR"),
    # a caption line of its own under the other caveats (was an attention line)
    "caption-line": (("NOFORN\nSIPDIS\n", "NOFORN\nSIPDIS\nREL TO USA, GBR\n"), "REL TO USA, GBR"),
    # after SIPDIS on its line (was C006 "'REL' is not a known handling caveat")
    "after-sipdis": (("NOFORN\nSIPDIS\n", "NOFORN\nSIPDIS REL TO USA, GBR\n"), "REL TO USA, GBR"),
    "caption-line-two-blanks": (("NOFORN\nSIPDIS\n", "NOFORN\nSIPDIS\nREL  TO  USA,GBR\n"), "REL TO USA,GBR"),
    # before SIPDIS on its line (was an attention line, SIPDIS lost with it)
    "before-sipdis": (("NOFORN\nSIPDIS\n", "NOFORN\nREL TO USA, GBR SIPDIS\n"), "REL TO USA, GBR"),
}


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("where", sorted(_RELEASES))
def test_a_release_is_one_caveat_with_its_countries_wherever_written(where: str, markdown: bool) -> None:
    (old, new), name = _RELEASES[where]
    text = _render(mutate(BEIRUT, old, new), markdown)
    assert _found(text) == _rendering(text, markdown)
    model = _parse(text)
    assert model["classification"]["origin"] == "BEIRUT"
    assert sorted(model["caveats"]) == sorted(["NOFORN", "SIPDIS", name])
    assert model["dialect"] == ("markdown" if markdown else "telegram")


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
def test_a_release_with_no_countries_is_named(markdown: bool) -> None:
    # 'REL TO' alone on a caption line, after a caveat, and on the classification line:
    # one finding each, at the release (after the serial it was read as no post 'TO')
    own = _render(mutate(BEIRUT, "NOFORN\nSIPDIS\n", "NOFORN\nSIPDIS\nREL TO\n"), markdown)
    assert _found(own) == [("C006", 16, 1, _NO_COUNTRIES), *_rendering(own, markdown)]
    after = _render(mutate(BEIRUT, "NOFORN\nSIPDIS\n", "NOFORN\nSIPDIS REL TO\n"), markdown)
    assert _found(after) == [("C006", 15, 8, _NO_COUNTRIES), *_rendering(after, markdown)]
    banner = _render(mutate(BEIRUT, "BEIRUT 000911\n", "BEIRUT 000911//REL TO\n"), markdown)
    assert _found(banner) == [("C006", 12, 28, _NO_COUNTRIES), *_rendering(banner, markdown)]
    assert _parse(banner)["classification"]["origin"] == "BEIRUT"


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("bare", ["REL", "rel", "Rel"])
def test_a_bare_release_on_a_caption_line_is_named(bare: str, markdown: bool) -> None:
    # 'REL' alone on a caption line was an attention line with no finding, where
    # 'S E C R E T//REL' on the classification line gets C006's no-countries message:
    # the same here, the release read as the caveat it is (below a blank line too)
    bare_message = f"release '{bare}' names no countries: expected REL TO and the countries it may be released to, e.g. REL TO USA, GBR"
    for new, at in ((f"NOFORN\nSIPDIS\n{bare}\n", 16), (f"NOFORN\nSIPDIS\n\n{bare}\n", 17), (f"NOFORN\n{bare}\nSIPDIS\n", 15)):
        text = _render(mutate(BEIRUT, "NOFORN\nSIPDIS\n", new), markdown)
        assert _found(text) == [("C006", at, 1, bare_message), *_rendering(text, markdown)], new
        assert sorted(_parse(text)["caveats"]) == sorted(["NOFORN", "SIPDIS", bare.upper()])
    # a word that only starts so stays what it was
    text = _render(mutate(BEIRUT, "NOFORN\nSIPDIS\n", "NOFORN\nSIPDIS\nRELIEF\n"), markdown)
    assert [f[0] for f in _found(text)] == [f[0] for f in _rendering(text, markdown)]


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
def test_a_stop_after_a_release_is_named_as_after_another_caveat(markdown: bool) -> None:
    # 'REL TO USA, GBR.' was an attention line, the release lost with no finding
    text = _render(mutate(BEIRUT, "NOFORN\nSIPDIS\n", "NOFORN\nSIPDIS\nREL TO USA, GBR.\n"), markdown)
    why = "caveat 'REL TO USA, GBR' has '.' after it: expected the caveat alone, 'REL TO USA, GBR' (a caveat line has no punctuation)"
    assert _found(text) == [("C006", 16, 16, why), *_rendering(text, markdown)]
    assert _parse(text)["caveats"] == ["NOFORN", "SIPDIS", "REL TO USA, GBR"]


@pytest.mark.parametrize("marker", ["S/NF/REL", "S//NF//REL TO"])
def test_a_marker_releasing_to_no_countries_is_the_marker_named(marker: str) -> None:
    # '(S/NF/REL)' was no marker at all (P002); '(S//NF//REL TO)' released to a country 'TO'
    text = mutate(BEIRUT, "1. (S/NF)", f"1. ({marker})")
    release = marker.rsplit("/", 1)[1]
    example = marker.removesuffix(" TO") + " TO USA, GBR"
    assert _found(text) == [("P003", 28, 4, f"marker '({marker})' has '{release}' with no countries after it: expected the countries it may be released to, e.g. '({example})'")]
    assert _parse(text)["paragraphs"][0] == {"number": 1, "marking": "S/NF", "line": 28}


_DRAFT = """SECRET//REL TO USA, GBR

SIPDIS

E.O. 13526: DECL: 12/01/2051
TAGS: PREL, PINR, VE, CU
SUBJECT: (S//REL TO USA, GBR) Cuban Advisers in Venezuela

Classified By: PolCouns Ann Smith; reasons 1.4 (b), (c) and (d).

1. (S//REL TO USA, GBR) Cuban advisers continue to staff the
intelligence service, a well-placed contact reported.

SMITH
"""


def test_a_drafts_release_is_read_with_its_countries_and_without_them_named() -> None:
    def lint(text: str) -> list[tuple[str, int, int, str]]:
        return [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "ALL", "--stdin-filename", "draft.cable", "-", input=text) if d["severity"] != "info"]

    # countries joined by AND: countries (not a post 'AND GBR'); two blanks: the caveat
    for line, name in (("SECRET//REL TO USA AND GBR", "REL TO USA AND GBR"), ("SECRET//REL  TO USA, GBR", "REL TO USA, GBR")):
        text = _DRAFT.replace("SECRET//REL TO USA, GBR", line, 1)
        assert lint(text) == []
        model = _parse(text, "draft.cable")
        assert (model["classification"]["origin"], model["caveats"]) == (None, ["SIPDIS", name])
    # no countries: named (not the post 'TO')
    bare = _DRAFT.replace("SECRET//REL TO USA, GBR", "SECRET//REL TO", 1)
    assert lint(bare) == [("C006", 1, 9, _NO_COUNTRIES)]
    assert _parse(bare, "draft.cable")["classification"]["origin"] is None
    # in lower case: as another caveat in lower case
    lower = _DRAFT.replace("SECRET//REL TO USA, GBR", "SECRET//Rel to USA, GBR", 1)
    assert lint(lower) == [("C006", 1, 9, "'Rel to USA, GBR' is not in capitals: expected REL TO USA, GBR")]


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
def test_a_release_with_words_after_it_is_not_cut_into_a_release_and_a_line(markdown: bool) -> None:
    # the release was cut at its first word not read as a country: 'REL TO USA' and a
    # made-up attention line. Words of prose after REL TO are the text run on after
    # SIPDIS, kept whole, as before releases were read there
    text = _render(mutate(BEIRUT, "NOFORN\nSIPDIS\n", "NOFORN\nSIPDIS REL TO THE EMBASSY\n"), markdown)
    assert _found(text) == _rendering(text, markdown)
    assert _parse(text)["caveats"] == ["NOFORN", "SIPDIS"]


_FORM_NOT_READ = "release '{}' names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("before", ["SIPDIS", "NOFORN"])
@pytest.mark.parametrize("release", ["REL TO USA, ISRAEL", "REL TO USA BUT NOT ISR", "REL TO USA AND", "REL TO USA, UK", "REL TO: USA, GBR"])
def test_a_release_after_a_caveat_in_a_form_not_read_is_named(release: str, before: str, markdown: bool) -> None:
    # 'NOFORN REL TO USA, UK' was C006 before releases were read; then the release
    # was dropped and the line from REL on an attention line, with no finding. A
    # release that read a country, or has a colon after REL TO, is the release to the
    # line's end, named as written
    other = "NOFORN" if before == "SIPDIS" else "SIPDIS"
    text = _render(mutate(BEIRUT, "NOFORN\nSIPDIS\n", f"{other}\n{before} {release}\n"), markdown)
    assert _found(text) == [("C006", 15, len(before) + 2, _FORM_NOT_READ.format(release)), *_rendering(text, markdown)]
    assert _parse(text)["caveats"] == [other, before, release]


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("release", ["REL TO: USA, GBR", "REL TO UNITED KINGDOM", "REL TO USA, GBR, UK"])
def test_a_release_on_a_line_of_its_own_in_a_form_not_read_is_named(release: str, markdown: bool) -> None:
    # was an attention line with no finding: a line that is clearly a release (a colon
    # after REL TO, a country read, or words in capitals and no prose) is one, named
    text = _render(mutate(BEIRUT, "NOFORN\nSIPDIS\n", f"NOFORN\nSIPDIS\n{release}\n"), markdown)
    assert _found(text) == [("C006", 16, 1, _FORM_NOT_READ.format(release)), *_rendering(text, markdown)]
    assert _parse(text)["caveats"] == ["NOFORN", "SIPDIS", release]


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("line", ["REL TO THE", "REL TO NEA", "REL TO ISF", "rel to all", "Rel to me."])
def test_a_line_of_prose_after_rel_to_is_no_release(line: str, markdown: bool) -> None:
    # any two to four letters were a country: 'REL TO THE' was a caveat with no finding,
    # 'rel to all' one not in capitals (C006). A release's countries are trigraphs and
    # tetragraphs; a line with other words is an attention line, not checked (3.3)
    text = _render(mutate(BEIRUT, "NOFORN\nSIPDIS\n", f"NOFORN\nSIPDIS\n{line}\n"), markdown)
    assert _found(text) == _rendering(text, markdown)
    assert _parse(text)["caveats"] == ["NOFORN", "SIPDIS"]


@pytest.mark.parametrize("countries", ["USA, FVEY", "NATO", "USA, GBR, AUS, CAN AND NZL", "USA, ISAF"])
def test_a_release_to_trigraphs_and_tetragraphs_is_read(countries: str) -> None:
    for old, new in (("NOFORN\nSIPDIS\n", f"NOFORN\nSIPDIS\nREL TO {countries}\n"), ("BEIRUT 000911\n", f"BEIRUT 000911//REL TO {countries}\n")):
        text = mutate(BEIRUT, old, new)
        assert _found(text) == []
        assert f"REL TO {countries}" in _parse(text)["caveats"]


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("release", ["REL TO: USA, GBR", "REL TO UNITED KINGDOM", "REL TO USA AND THE UK"])
def test_a_release_s_countries_in_a_form_not_read_are_named_not_dropped(release: str, markdown: bool) -> None:
    # after the serial, '//REL TO: USA, GBR' was a release naming no countries (C006)
    # and ': USA, GBR' dropped; '//REL TO USA AND THE UK' read 'THE' as a country and
    # dropped ' UK'. The release is read to the line's end and named as written
    text = _render(mutate(BEIRUT, "BEIRUT 000911\n", f"BEIRUT 000911//{release}\n"), markdown)
    why = f"release '{release}' names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"
    assert _found(text) == [("C006", 12, 28, why), *_rendering(text, markdown)]
    model = _parse(text)
    assert model["classification"]["origin"] == "BEIRUT"
    assert sorted(model["caveats"]) == sorted(["NOFORN", "SIPDIS", release])


@pytest.mark.parametrize(
    ("marker", "example"),
    [("S/NF/Rel to", "S/NF/REL TO"), ("C//REL  TO", "C//REL TO"), ("s/nf/rel", "S/NF/REL TO"), ("S-NF/REL", "S/NF/REL TO")],
)
def test_a_marker_releasing_to_no_countries_has_one_expectation_and_no_fix(marker: str, example: str) -> None:
    # '(S/NF/Rel to)' was named with two expectations, the second a 'safe' fix to
    # '(S/NF/REL TO)' that P003 named again; '(s/nf/rel)' had the example '(s/nf/rel TO
    # USA, GBR)', itself malformed. One expectation, a marker P003 takes, and no fix
    # (the countries are the author's to name)
    text = mutate(BEIRUT, "1. (S/NF)", f"1. ({marker})")
    release = marker.rsplit("/", 1)[1]
    found = check_json("--select", "P003", "--stdin-filename", "beirut.cable", "-", input=text)
    assert [(d["code"], d["line"], d["column"], d["message"], d["fix"]) for d in found] == [
        ("P003", 28, 4, f"marker '({marker})' has '{release}' with no countries after it: expected the countries it may be released to, e.g. '({example} USA, GBR)'", None)
    ]
    assert check_json("--select", "P002,P003", "-", input=mutate(BEIRUT, "1. (S/NF)", f"1. ({example} USA, GBR)")) == []


@pytest.mark.parametrize(
    ("marker", "fixed"),
    [("S//REL TO USA//nf", "S//REL TO USA//NF"), ("S//Rel to usa, gbr/fouo", "S//REL TO USA, GBR/FOUO"), ("S//rel NATO, ISAF", None), ("S/Rel UK", None)],
)
def test_a_marker_s_release_names_are_in_any_case_and_its_controls_after_them_are_not(marker: str, fixed: str | None) -> None:
    # a release's countries are names, in any case (4.2); the marker's controls after
    # them are not: '(S//REL TO USA//nf)' was taken as written ('nf' read in capitals
    # with the countries), where '(S//nf)' is named as not in capitals
    text = mutate(BEIRUT, "1. (S/NF)", f"1. ({marker})")
    found = check_json("--select", "P002,P003", "--stdin-filename", "beirut.cable", "-", input=text)
    if fixed is None:
        assert found == []
        return
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found] == [("P003", 28, 4, f"marker '({marker})' is not in capitals: expected '({fixed})'")]
    assert check_json("--select", "P002,P003", "-", input=mutate(BEIRUT, "1. (S/NF)", f"1. ({fixed})")) == []


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize(
    "release, post",
    [("REL TO USA, UK", "BEIRUT"), ("REL TO: USA, GBR", "BEIRUT"), ("REL TO USA AND ISRAEL", "BEIRUT"), ("REL TO USA, UK", "SAO PAULO")],
)
def test_a_release_before_the_post_in_a_form_not_read_ends_at_the_post(release: str, post: str, markdown: bool) -> None:
    # before the post, '//REL TO USA, UK' was 'REL TO USA' and the post 'UK BEIRUT' with
    # a made-up C002; '//REL TO: USA, GBR' a release of no countries with the post and
    # serial lost; '//REL TO USA AND ISRAEL' the post 'AND ISRAEL BEIRUT'. The release
    # runs to the post (the station list's place, else the last word before the serial)
    text = _render(mutate(BEIRUT, "S E C R E T BEIRUT 000911", f"S E C R E T//{release} {post} 000911"), markdown)
    why = f"release '{release}' names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"
    found = _found(text)
    if post != "BEIRUT":  # (the FM line names Beirut: A004 names the other post)
        found = [f for f in found if f[0] != "A004"]
    assert found == [("C006", 12, 14, why), *_rendering(text, markdown)]
    model = _parse(text)
    assert (model["classification"]["origin"], model["classification"]["serial"]) == (post, "000911")
    assert sorted(model["caveats"]) == sorted(["NOFORN", "SIPDIS", release])


@pytest.mark.parametrize("post", ["USUN NEW YORK", "NEW YORK"])
def test_a_release_read_whole_before_a_post_of_several_words_keeps_the_post(post: str) -> None:
    # a post of several words the station list does not know, after a release whose
    # countries are all read, is the post as written, not countries of the release
    # (NEW, three capitals, starts a place the list knows: NEW DELHI)
    text = mutate(BEIRUT, "S E C R E T BEIRUT 000911", f"S E C R E T//REL TO USA, GBR {post} 000911")
    model = _parse(text)
    assert (model["classification"]["origin"], model["classification"]["serial"]) == (post, "000911")
    assert "REL TO USA, GBR" in model["caveats"]
    assert not [f for f in _found(text) if f[0] == "C006"]


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("written, release", [("REL TO USA FOO", "REL TO USA FOO"), ("REL TO USA UK FOO", "REL TO USA UK FOO"), ("REL TO UK FOO", "REL TO UK FOO")])
def test_words_written_as_countries_after_a_release_go_on_with_it_before_the_post(written: str, release: str, markdown: bool) -> None:
    # 'SECRET//REL TO USA FOO BAR 000193' read the post as 'FOO BAR', the release as
    # 'REL TO USA' (read whole) and C006 silent; 'REL TO UK FOO BAR' a release of no
    # countries. A word of two or three capitals after the countries is written as a
    # country is, and starts no post the station list knows: it goes on with the
    # release (C006: countries in a form not read), the post is the word after it (A004
    # names it against the FM line's, as for any other post)
    text = _render(mutate(BEIRUT, "S E C R E T BEIRUT 000911", f"S E C R E T//{written} BAR 000911"), markdown)
    why = f"release '{release}' names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"
    a004 = ("A004", 6, 4, "FM line names 'AMEMBASSY BEIRUT' but the classification line on line 12 names 'BAR': expected the same originating post in both")
    assert _found(text) == [a004, ("C006", 12, 14, why), *_rendering(text, markdown)]
    model = _parse(text)
    assert (model["classification"]["origin"], model["classification"]["serial"]) == ("BAR", "000911")
    assert sorted(model["caveats"]) == sorted(["NOFORN", "SIPDIS", release])


def test_the_model_says_what_each_release_names() -> None:
    # C006 reads what a release names from the model (it re-read the written text with
    # patterns of its own): countries read, none, or countries in a form not read, on a
    # caption line of its own, after another caveat and on the classification line
    from cablelint.linter.engine import parse_text
    from cablelint.model import RELEASE_NONE, RELEASE_READ, RELEASE_UNREAD

    text = mutate(BEIRUT, "S E C R E T BEIRUT 000911\n", "S E C R E T//REL TO BEIRUT 000911//REL TO USA, GBR\n")
    text = mutate(text, "NOFORN\nSIPDIS\n", "NOFORN\nSIPDIS REL TO\nREL TO: USA, GBR\n")
    cable = parse_text(text)
    assert [(c.name, c.known, c.release) for c in cable.caveats] == [
        ("NOFORN", True, None),
        ("SIPDIS", True, None),
        ("REL TO", False, RELEASE_NONE),
        ("REL TO: USA, GBR", False, RELEASE_UNREAD),
    ]
    assert cable.classification is not None
    assert [(c.name, c.known, c.release) for c in cable.classification.caveats] == [("REL TO", False, RELEASE_NONE), ("REL TO USA, GBR", True, RELEASE_READ)]


def test_a_release_under_a_classification_line_without_its_post_is_no_post() -> None:
    # 'S E C R E T' / 'REL TO USA 000911': the line under was read as the post 'REL TO
    # USA' and its serial put on the classification line (C002, and A004 against the FM
    # line's post); a release is never a post: it is the release, its countries in a
    # form not read (C006), as the same line is under a post's classification line.
    # The classification line, with neither post nor serial in a sent cable, is C002's
    text = mutate(BEIRUT, "S E C R E T BEIRUT 000911\n", "S E C R E T\nREL TO USA 000911\n")
    why = "release 'REL TO USA 000911' names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"
    bare = "no post or serial on the classification line 'S E C R E T': expected the post 'BEIRUT' and the cable's serial (ending 0911)"
    assert _found(text) == [("C002", 12, 12, bare), ("C006", 13, 1, why)]
    model = _parse(text)
    assert (model["classification"]["origin"], model["classification"]["serial"]) == (None, None)
    assert "REL TO USA 000911" in model["caveats"]
    under = mutate(BEIRUT, "NOFORN\nSIPDIS\n", "NOFORN\nSIPDIS\nREL TO USA 000911\n")
    assert _found(under) == [("C006", 16, 1, why)]


def test_a_release_on_a_second_banner_has_its_blanks_as_one() -> None:
    # a second banner under the classification line ('SECRET REL  TO USA') named the
    # release with its two blanks ('REL  TO USA'); on a caption line and on the
    # classification line it is 'REL TO USA'
    text = mutate(BEIRUT, "NOFORN\nSIPDIS\n", "SECRET REL  TO USA\nNOFORN\nSIPDIS\n")
    assert _parse(text)["caveats"] == ["REL TO USA", "NOFORN", "SIPDIS"]
    own_line = mutate(BEIRUT, "NOFORN\nSIPDIS\n", "REL  TO USA\nNOFORN\nSIPDIS\n")
    assert _parse(own_line)["caveats"] == ["REL TO USA", "NOFORN", "SIPDIS"]


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize(
    "plad, post",
    [
        ("AMEMBASSY MEXICO", "MEXICO"),
        ("AMEMBASSY DAR ES SALAAM", "DAR ES SALAAM"),
        ("AMCONSUL ST PETERSBURG", "ST PETERSBURG"),
        ("AMCONSUL HO CHI MINH CITY", "HO CHI MINH CITY"),
        ("REO BASRAH", "REO BASRAH"),
        ("USEU BRUSSELS", "USEU BRUSSELS"),
        ("AIT TAIPEI", "AIT TAIPEI"),
    ],
)
def test_the_post_after_a_release_is_the_fm_lines_whole(plad: str, post: str, markdown: bool) -> None:
    # a post of several words after a release was cut at the words written as
    # countries are ('REL TO USA, GBR DAR ES' and the post 'SALAAM', C006), or at a
    # place the station list knows ('REL TO USA, GBR USEU' and 'BRUSSELS'): the FM
    # line's PLAD, read whole, names the post, and the release ends before it
    base = mutate(BEIRUT, "FM AMEMBASSY BEIRUT", f"FM {plad}")
    for release, finding in (("REL TO USA, GBR", []), ("REL TO USA, UK", [("C006", 12, 14, _FORM_NOT_READ.format("REL TO USA, UK"))])):
        text = _render(mutate(base, "S E C R E T BEIRUT 000911", f"S E C R E T//{release} {post} 000911"), markdown)
        assert _found(text) == [*finding, *_rendering(text, markdown)], release
        model = _parse(text)
        assert (model["classification"]["origin"], model["classification"]["serial"]) == (post, "000911")
        assert sorted(model["caveats"]) == sorted(["NOFORN", "SIPDIS", release])


_ATTENTION_AFTER = {
    # (where the line goes, the line, the release read, the comma's column or None, the
    # attention line's line and column)
    "caption-line": ("NOFORN\nSIPDIS\n", "NOFORN\nSIPDIS\nREL TO USA DEPT FOR EUR\n", "REL TO USA", None, (16, 12)),
    "caption-line-comma": ("NOFORN\nSIPDIS\n", "NOFORN\nSIPDIS\nREL TO USA, DEPT FOR EUR\n", "REL TO USA", (16, 11), (16, 13)),
    "caption-line-two-countries": ("NOFORN\nSIPDIS\n", "NOFORN\nSIPDIS\nREL TO USA, GBR  STATE FOR EUR/RUS\n", "REL TO USA, GBR", None, (16, 18)),
    "after-sipdis": ("NOFORN\nSIPDIS\n", "NOFORN\nSIPDIS REL TO USA DEPT FOR EUR\n", "REL TO USA", None, (15, 19)),
    "after-the-serial": ("BEIRUT 000911\n", "BEIRUT 000911//REL TO USA DEPT FOR EUR\n", "REL TO USA", None, (12, 39)),
    "after-the-serial-comma": ("BEIRUT 000911\n", "BEIRUT 000911//REL TO USA, DEPT FOR EUR\n", "REL TO USA", (12, 38), (12, 40)),
}


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("where", sorted(_ATTENTION_AFTER))
def test_a_release_ends_with_its_countries_and_the_attention_line_after_it_is_one(where: str, markdown: bool) -> None:
    # 'REL TO USA DEPT FOR EUR' was one release to the line's end, its countries 'in a
    # form not read' (C006), and the attention line lost in it; 'REL TO USA, DEPT FOR
    # EUR' the same. The release ends with its countries, the attention line run on
    # after it is read where it stands (3.3), and a comma between them is named
    from cablelint.linter.engine import parse_text

    old, new, release, comma, attention = _ATTENTION_AFTER[where]
    text = _render(mutate(BEIRUT, old, new), markdown)
    on_class_line = where.startswith("after-the-serial")
    named = []
    if comma is not None:
        place = " on the classification line" if on_class_line else ""
        tail = "" if on_class_line else " (a caveat line has no punctuation)"
        named = [("C006", *comma, f"caveat '{release}' has ',' after it{place}: expected the caveat alone, '{release}'{tail}")]
    assert _found(text) == [*named, *_rendering(text, markdown)]
    assert release in _parse(text)["caveats"]
    cable = parse_text(text)
    lines = [(t.text, t.span.line, t.span.column, t.span.end_column) for t in cable.attention]
    assert lines[0] == ("DEPT FOR EUR" if "DEPT" in new else "STATE FOR EUR/RUS", *attention, attention[1] + len(lines[0][0]))


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("line", ["S E C R E T//REL TO USA DEPT FOR EUR", "S E C R E T//REL TO USA, DEPT FOR EUR"])
def test_an_attention_line_after_a_release_before_the_post_is_no_post(line: str, markdown: bool) -> None:
    # 'S E C R E T//REL TO USA DEPT FOR EUR' read the post 'DEPT FOR EUR' (A004 against
    # the FM line's, C002 'no serial after the post'): the attention line run on after
    # the release is no post, and the line has none
    from cablelint.linter.engine import parse_text

    text = _render(mutate(BEIRUT, "S E C R E T BEIRUT 000911", line), markdown)
    model = _parse(text)
    assert (model["classification"]["origin"], model["classification"]["serial"]) == (None, None)
    assert "REL TO USA" in model["caveats"]
    assert not [f for f in _found(text) if f[0] == "A004"]
    cable = parse_text(text)
    at = line.index("DEPT") + 1
    assert [(t.text, t.span.line, t.span.column) for t in cable.attention][0] == ("DEPT FOR EUR", 12, at)


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("post", ["DAR ES SALAAM", "ST PETERSBURG", "HO CHI MINH CITY", "REO BASRAH", "USEU BRUSSELS", "AIT TAIPEI", "USUN NEW YORK"])
def test_the_post_after_a_release_is_read_whole_with_no_fm_line_to_name_it(post: str, markdown: bool) -> None:
    # the FM line names another post (Beirut's: A004 names the difference, as for any
    # post), so it cannot say where the release ends: 'DAR', 'ES', 'HO', 'CHI', 'REO',
    # 'AIT', written as countries are, went on with the release, and 'USEU' before
    # BRUSSELS, a place the station list knows; after 'REL TO USA, UK', 'USUN NEW' (NEW
    # starts NEW DELHI) and the post 'YORK'. The posts of several words known (the
    # station list's PLADs whole, and a few it does not hold) are read whole
    for release, finding in (("REL TO USA, GBR", []), ("REL TO USA, UK", [("C006", 12, 14, _FORM_NOT_READ.format("REL TO USA, UK"))])):
        text = _render(mutate(BEIRUT, "S E C R E T BEIRUT 000911", f"S E C R E T//{release} {post} 000911"), markdown)
        assert [f for f in _found(text) if f[0] != "A004"] == [*finding, *_rendering(text, markdown)], release
        model = _parse(text)
        assert (model["classification"]["origin"], model["classification"]["serial"]) == (post, "000911")
        assert sorted(model["caveats"]) == sorted(["NOFORN", "SIPDIS", release])


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize(
    "release, post, finding",
    [
        ("REL TO USA", "HO CHI MINH CITY", None),
        ("REL TO USA, GBR", "HO CHI MINH CITY", None),
        ("REL TO USA", "BEIRUT", None),
        ("REL TO USA, UK", "BEIRUT", _FORM_NOT_READ.format("REL TO USA, UK")),
    ],
)
def test_a_release_with_a_blank_for_its_slashes_is_read_as_with_them(release: str, post: str, finding: str | None, markdown: bool) -> None:
    # 'S E C R E T REL TO USA HO CHI MINH CITY 000911' read the post 'REL TO USA HO CHI
    # MINH CITY' (A004), where 'S E C R E T//REL TO USA HO CHI MINH CITY 000911' read the
    # release and the post; 'S E C R E T REL TO USA, GBR ...' the post 'REL TO USA' and
    # no serial (C002). A release is never the post: read as with its '//'
    model: dict[str, Any] = {}
    for slashes in ("//", " "):
        text = _render(mutate(BEIRUT, "S E C R E T BEIRUT 000911", f"S E C R E T{slashes}{release} {post} 000911"), markdown)
        found = [f for f in _found(text) if f[0] != "A004"]  # (A004 names HO CHI MINH CITY against Beirut)
        assert found == [*([("C006", 12, 12 + len(slashes), finding)] if finding else []), *_rendering(text, markdown)], slashes
        parsed = _parse(text)
        model[slashes] = (parsed["classification"]["origin"], parsed["classification"]["serial"], sorted(parsed["caveats"]))
    assert model["//"] == model[" "] == (post, "000911", sorted(["NOFORN", "SIPDIS", release]))


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("post", ["BEIRUT", "HO CHI MINH CITY"])
def test_a_release_with_a_blank_for_its_slashes_and_a_caveat_after_the_serial_is_read_as_with_them(post: str, markdown: bool) -> None:
    # 'S E C R E T REL TO USA BEIRUT 000911//NOFORN' read the post 'REL TO USA BEIRUT'
    # (A004 against the FM line's), where the same line with '//' read the release and
    # the post BEIRUT: with a caveat after the serial too, read as with its '//'; so
    # with no serial ('REL TO USA BEIRUT//NOFORN': C002 names it, as with '//')
    model: dict[str, Any] = {}
    for slashes in ("//", " "):
        text = _render(mutate(BEIRUT, "S E C R E T BEIRUT 000911", f"S E C R E T{slashes}REL TO USA {post} 000911//NOFORN"), markdown)
        found = [f for f in _found(text) if f[0] != "A004" or post == "BEIRUT"]  # (A004 names HO CHI MINH CITY against Beirut)
        assert found == _rendering(text, markdown), slashes
        parsed = _parse(text)
        model[slashes] = (parsed["classification"]["origin"], parsed["classification"]["serial"], sorted(parsed["caveats"]))
        no_serial = _parse(_render(mutate(BEIRUT, "S E C R E T BEIRUT 000911", f"S E C R E T{slashes}REL TO USA {post}//NOFORN"), markdown))
        model[slashes + "no serial"] = (no_serial["classification"]["origin"], no_serial["classification"]["serial"], sorted(no_serial["caveats"]))
    assert model["//"] == model[" "] == (post, "000911", sorted(["NOFORN", "SIPDIS", "REL TO USA", "NOFORN"]))
    assert model["//no serial"] == model[" no serial"] == (post, None, sorted(["NOFORN", "SIPDIS", "REL TO USA", "NOFORN"]))


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("after", ["BEIRUT 000911//NOFORN", "BEIRUT//NOFORN", "//NOFORN"], ids=["post-and-serial", "post", "neither"])
def test_a_caveat_after_a_release_of_countries_with_a_blank_for_its_slashes_is_on_the_line(after: str, markdown: bool) -> None:
    # 'S E C R E T REL TO USA, GBR BEIRUT 000911//NOFORN' lost its NOFORN: the line's
    # pattern could not reach past the release's comma, and '//NOFORN' was read as an
    # attention line, with no finding; it is the line's caveat, as with the '//'
    # ('S E C R E T//REL TO USA, GBR BEIRUT 000911//NOFORN')
    read: dict[str, Any] = {}
    for slashes in ("//", " "):
        text = _render(mutate(mutate(BEIRUT, "NOFORN\nSIPDIS", "SIPDIS"), "S E C R E T BEIRUT 000911", f"S E C R E T{slashes}REL TO USA, GBR{'' if after[0] == '/' else ' '}{after}"), markdown)
        model = _parse(text)
        read[slashes] = (model["classification"]["origin"], model["classification"]["serial"], sorted(model["caveats"]), model.get("attention"))
        found = _found(text)
        read[slashes + "found"] = [(code, line, column - (len(slashes) - 1 if code == "C002" else 0)) for code, line, column, _ in found]
    assert read["//"] == read[" "]
    assert read[" "][2] == sorted(["SIPDIS", "REL TO USA, GBR", "NOFORN"])
    assert read["//found"] == read[" found"]


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize(
    "line, caveats",
    [
        ("S E C R E T SECTION 01 OF 01//REL TO USA BEIRUT 000911", ["REL TO USA"]),
        ("S E C R E T//NOFORN//REL TO USA, GBR BEIRUT 000911", ["NOFORN", "REL TO USA, GBR"]),
        ("S E C R E T SECTION 01 OF 01//NOFORN BEIRUT 000911", ["NOFORN"]),
    ],
)
def test_the_post_and_serial_after_a_caveat_after_section_or_another_caveat_are_read(line: str, caveats: list[str], markdown: bool) -> None:
    # the caveat after SECTION or after another caveat is the line's second: a release
    # there ran on over the post and serial ('REL TO USA BEIRUT 000911', C006), and the
    # post and serial after NOFORN were lost; either way C002 said 'no post or serial'
    text = _render(mutate(BEIRUT, "S E C R E T BEIRUT 000911", line), markdown)
    model = _parse(text)
    assert (model["classification"]["origin"], model["classification"]["serial"]) == ("BEIRUT", "000911")
    assert sorted(model["caveats"]) == sorted(["NOFORN", "SIPDIS", *caveats])
    assert [f for f in _found(text) if f[0] in ("C002", "C006", "A004")] == []


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("after", ["BEIRUT 000911", "BEIRUT 000911//NOFORN"])
def test_a_release_after_section_with_a_blank_for_its_slashes_is_read_as_with_them(after: str, markdown: bool) -> None:
    # 'S E C R E T SECTION 01 OF 01 REL TO USA BEIRUT 000911' read the post 'REL TO USA
    # BEIRUT' (A004 against the FM line's), where the same line with '//' read the
    # release and the post BEIRUT: a release is never the post, after SECTION too
    model: dict[str, Any] = {}
    for slashes in ("//", " "):
        text = _render(mutate(BEIRUT, "S E C R E T BEIRUT 000911", f"S E C R E T SECTION 01 OF 01{slashes}REL TO USA {after}"), markdown)
        assert [f for f in _found(text) if f[0] in ("A004", "C002", "C006")] == [], slashes
        parsed = _parse(text)
        model[slashes] = (parsed["classification"]["origin"], parsed["classification"]["serial"], sorted(parsed["caveats"]))
    assert model["//"] == model[" "]
    assert model[" "][:2] == ("BEIRUT", "000911") and "REL TO USA" in model[" "][2]


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("release", ["REL TO USA, GBR", "REL TO USA, UK"])
def test_a_classification_line_read_late_has_the_fm_lines_post_after_a_release(release: str, markdown: bool) -> None:
    # a classification line inside the body (S001), read after the captions, was read
    # with no FM line: 'SECRET//REL TO USA, UK SAN SALVADOR 000911' under FM AMEMBASSY
    # SAN SALVADOR was the release 'REL TO USA, UK SAN' and the post 'SALVADOR', where
    # the same line in its place read the post SAN SALVADOR from the FM line's PLAD
    base = mutate(mutate(BEIRUT, "FM AMEMBASSY BEIRUT", "FM AMEMBASSY SAN SALVADOR"), "S E C R E T BEIRUT 000911\n\n", "")
    text = _render(mutate(base, "2. (C)", f"SECRET//{release} SAN SALVADOR 000911\n\n2. (C)"), markdown)
    model = _parse(text)
    assert (model["classification"]["origin"], model["classification"]["serial"]) == ("SAN SALVADOR", "000911")
    assert sorted(model["caveats"]) == sorted(["NOFORN", "SIPDIS", release])
    why = [] if release.endswith("GBR") else [_FORM_NOT_READ.format(release)]
    assert [message for code, _, _, message in _found(text) if code in ("C006", "A004")] == why


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("line", ["S E C R E T//REL TO USA, UK BEIRUT 000911//NOFORN", "S E C R E T//REL TO: USA, GBR BEIRUT 000911//NOFORN", "S E C R E T REL TO USA, UK BEIRUT 000911//NOFORN"])
def test_a_caveat_after_the_serial_is_read_after_a_release_in_a_form_not_read(line: str, markdown: bool) -> None:
    # with the release's countries in a form not read before the post, the '//NOFORN'
    # after the serial was lost: a cable with NOFORN there alone got C007 ('no NOFORN
    # caption') for its NF paragraphs. It is read as after any serial
    text = _render(mutate(mutate(BEIRUT, "NOFORN\nSIPDIS", "SIPDIS"), "S E C R E T BEIRUT 000911", line), markdown)
    release = line.split("//")[1].rsplit(" BEIRUT", 1)[0] if "//REL" in line else "REL TO USA, UK"
    model = _parse(text)
    assert (model["classification"]["origin"], model["classification"]["serial"]) == ("BEIRUT", "000911")
    assert sorted(model["caveats"]) == sorted(["SIPDIS", release, "NOFORN"])
    assert [code for code, _, _, _ in _found(text) if code in ("C006", "C007")] == ["C006"]


def test_the_closing_banner_reads_the_post_after_a_release_by_the_fm_line() -> None:
    """The closing banner after the signature was read without the FM line's PLAD: a
    release not read before a post of two words no list knows took the post's first
    word ('REL TO USA, UK NEW', post 'XYZZY'). It is read as the top line is: the
    release stops at the FM line's post."""
    text = mutate(mutate(corpus_text("cablegate-secret-noforn-2005-bogota.cable"), "FM AMEMBASSY BOGOTA", "FM AMEMBASSY NEW XYZZY"), "S E C R E T BOGOTA 009120", "S E C R E T NEW XYZZY 009120")
    cable = parse_text(text.rstrip("\n") + "\n\nS E C R E T//REL TO USA, UK NEW XYZZY 009120\n")
    banner = cable.closing_classification
    assert banner is not None and banner.post is not None and banner.serial is not None
    assert (banner.post.text, banner.serial.text, [c.name for c in banner.caveats]) == ("NEW XYZZY", "009120", ["REL TO USA, UK"])
    # (the top line has the post and no caveat; the banner its level, as before)
    assert cable.classification is not None and cable.classification.post is not None
    assert (cable.classification.post.text, banner.level) == ("NEW XYZZY", "SECRET")


def test_a_misspelt_closing_banner_is_read_by_the_fm_line_too() -> None:
    """A closing banner with its level misspelt ('S E C E R T'), read where the grammar
    could not place it, was read without the FM line's PLAD, unlike the top line and a
    banner spelt right: a post of two words no list knows, glued to its serial, was
    its first word alone ('NEW', no serial). It is read with it: 'NEW XYZZY', 009120."""
    text = mutate(mutate(corpus_text("cablegate-secret-noforn-2005-bogota.cable"), "FM AMEMBASSY BOGOTA", "FM AMEMBASSY NEW XYZZY"), "S E C R E T BOGOTA 009120", "S E C R E T NEW XYZZY 009120")
    cable = parse_text(text.rstrip("\n") + "\n\nS E C E R T NEW XYZZY009120\n")
    banner = cable.closing_classification
    assert banner is not None and banner.post is not None and banner.serial is not None
    assert (banner.level, banner.post.text, banner.serial.text) == ("SECRET", "NEW XYZZY", "009120")
    assert [p.message for p in banner.problems] == [
        "classification 'S E C E R T' is misspelt: expected S E C R E T",
        "no blank between the post and serial 'NEW XYZZY009120' on the classification line: expected 'S E C E R T NEW XYZZY 009120'",
    ]


# a small cable from Santiago: its classification line and first paragraph's head are
# put in; E.O. 12958: N/A on a SECRET cable with no Classified By line gives H004 and C004
_SANTIAGO = """FM AMEMBASSY SANTIAGO
TO SECSTATE WASHDC
{line}
E.O. 12958: N/A
TAGS: PREL, CI
SUBJECT: TEST

{paragraph}

SMITH
"""
_SANTIAGO_FOUND = [
    ("H004", 4, 13, "E.O. line says N/A on a SECRET cable: expected 'DECL: <date or exemption>'"),
    ("C004", 7, 1, "SECRET cable has no classification authority: expected 'Classified By: <name and title> for reasons 1.4 (b) and (d)' after the captions"),
]


def _santiago(line: str = "SECRET SANTIAGO 000712", paragraph: str = "1. (S) Text.") -> str:
    return _SANTIAGO.format(line=line, paragraph=paragraph)


def _santiago_found(text: str) -> list[tuple[str, int, int, str]]:
    return [(d["code"], d["line"], d["column"], d["message"]) for d in check_json("--select", "ALL", "--stdin-filename", "santiago.cable", "-", input=text) if d["severity"] != "info"]


_UNKNOWN_X = "has an unknown control 'x' after its level S: expected a control such as NF, NOFORN, FOUO, FGI or REL <countries>"


@pytest.mark.parametrize(
    "paragraph, column, marker",
    [
        ("1. (S/REL TO USA/x) Text.", 4, "(S/REL TO USA/x)"),
        ("1. (S/REL TO USA//x) Text.", 4, "(S/REL TO USA//x)"),
        ("(S/REL TO A/x) 1. Text.", 1, "(S/REL TO A/x)"),  # the marker first (P004, an info)
    ],
)
def test_an_unknown_control_after_a_release_in_a_marker_is_named(paragraph: str, column: int, marker: str) -> None:
    # a word no control after a release: the marker was not read ('1. (S/REL TO USA/x)':
    # P002, no marker; marker first: nothing), where '(S//x)' gets P003 naming the word
    text = _santiago(paragraph=paragraph)
    assert _santiago_found(text) == [*_SANTIAGO_FOUND, ("P003", 8, column, f"marker '{marker}' {_UNKNOWN_X}")]
    assert _parse(text, "santiago.cable")["paragraphs"][0] == {"number": 1, "marking": "S", "line": 8}


_UK_NOT_READ = "release 'REL TO USA, UK' names its countries in a form not read: expected REL TO and trigraphs or tetragraphs, e.g. REL TO USA, GBR"


@pytest.mark.parametrize(
    "line, found, caveats",
    [
        ("SECRET//REL TO USA, UK//NOFORN SANTIAGO 000712", [], ["REL TO USA, UK", "NOFORN"]),
        (
            "SECRET//REL TO USA, UK//NOFORN//ORCON SANTIAGO 000712",
            [("C006", 3, 33, "'ORCON' is not a known handling caveat: expected one of SIPDIS, NOFORN, SENSITIVE, EXDIS, LIMDIS, NODIS, STADIS, CHEROKEE, SPECAT, CORRECTED COPY")],
            ["REL TO USA, UK", "NOFORN", "ORCON"],
        ),
    ],
)
def test_a_release_not_read_before_the_post_ends_at_the_caveats_after_it(line: str, found: list[tuple[str, int, int, str]], caveats: list[str]) -> None:
    # the release, its countries not read, ran to the post and took NOFORN with it
    # ('REL TO USA, UK//NOFORN', NOFORN lost); with GBR for UK NOFORN was read
    text = _santiago(line)
    assert _santiago_found(text) == [("C006", 3, 9, _UK_NOT_READ), *found, *_SANTIAGO_FOUND]
    model = _parse(text, "santiago.cable")
    assert (model["classification"]["origin"], model["classification"]["serial"], model["caveats"]) == ("SANTIAGO", "000712", caveats)


_SLIPPED_RELEASE = "'/REL TO USA, GBR' is written behind '/': expected '//REL TO USA, GBR'"


@pytest.mark.parametrize(
    "line, column, caveats",
    [
        ("SECRET SANTIAGO 000712/REL TO USA, GBR", 23, ["REL TO USA, GBR"]),
        ("SECRET SANTIAGO 000712/REL TO USA, GBR/NOFORN", 23, ["REL TO USA, GBR", "NOFORN"]),
        ("SECRET//NOFORN/REL TO USA, GBR SANTIAGO 000712", 15, ["NOFORN", "REL TO USA, GBR"]),
        ("SECRET/REL TO USA, GBR SANTIAGO 000712", 7, ["REL TO USA, GBR"]),
    ],
)
def test_a_release_behind_one_slash_is_read_and_the_slip_named_once(line: str, column: int, caveats: list[str]) -> None:
    # a release behind one slash was left as it was read: after the serial an
    # attention line, before the post the post and serial lost, with no finding
    # ('000712/NOFORN' is read, C006 naming the slip with it)
    text = _santiago(line)
    assert _santiago_found(text) == [("C006", 3, column, _SLIPPED_RELEASE), *_SANTIAGO_FOUND]
    model = _parse(text, "santiago.cable")
    assert (model["classification"]["origin"], model["classification"]["serial"], model["caveats"]) == ("SANTIAGO", "000712", caveats)


_ORCON = "'/ORCON' is written behind '/' and is not a known handling caveat: expected '//' and one of SIPDIS, NOFORN, SENSITIVE, EXDIS, LIMDIS, NODIS, STADIS, CHEROKEE, SPECAT, CORRECTED COPY"


@pytest.mark.parametrize(
    "line, caveats",
    [
        ("SECRET SANTIAGO 000712 NOFORN /ORCON", ["NOFORN", "ORCON"]),
        ("SECRET SANTIAGO 000712 NOFORN /ORCON/EXDIS", ["NOFORN", "ORCON", "EXDIS"]),
    ],
)
def test_a_caveat_behind_a_blank_and_one_slash_after_a_caveat_is_read(line: str, caveats: list[str]) -> None:
    # '/ORCON' was an attention line with no finding ('NOFORN/ORCON' reads it): after
    # a blank, the slash right before the word, it is read to the line's end
    text = _santiago(line)
    assert _santiago_found(text) == [("C006", 3, 31, _ORCON), *_SANTIAGO_FOUND]
    model = _parse(text, "santiago.cable")
    assert (model["classification"]["origin"], model["classification"]["serial"], model["caveats"]) == ("SANTIAGO", "000712", caveats)


def test_words_behind_a_blank_and_a_slash_that_run_on_stay_as_read() -> None:
    # (a blank after the slash, or a word that is no caveat with an attention line
    # after it: as before; a caveat with one after it is read, test_read_classline)
    for line, attention in (("SECRET SANTIAGO 000712 NOFORN / ORCON", "/ ORCON"), ("SECRET SANTIAGO 000712 NOFORN /ORCON DEPT FOR NEA", "/ORCON DEPT FOR NEA")):
        cable = parse_text(_santiago(line))
        assert ([c.name for c in cable.caveats], [a.text for a in cable.attention]) == (["NOFORN"], [attention]), line
