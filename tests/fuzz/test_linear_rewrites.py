"""Patterns rewritten to run in linear time on a long run of blanks, proved to find what
they found before: the same matches, spans and groups, on every short string over the
characters that matter to them (exhaustively), and on longer ones Hypothesis draws.

Each searched one starts a run of blanks only at its first blank ((?<![ \\t])): a try
from a later blank of the run found nothing a try from the first did not, and scanned
the rest of the run again (quadratic over a long run). CLASS_STOP_POST, fullmatched, is
explained where it is tested. PAGE_HEADER_INLINE and _POST_TAIL are searched by functions
that also skip, after a failed try, the later words that try read (a try from each word
read the rest of a long run of words again).
"""

from __future__ import annotations

import itertools
import re
from typing import Iterator, Optional

from hypothesis import given
from hypothesis import strategies as st

from cablelint.grammar.patterns import field
from cablelint.grammar.read_body import _SEPARATORS, inline_page_header_matches
from cablelint.grammar.read_release import _COUNTRY_SLASH, _COUNTRY_SLASHES, _POST_TAIL, post_tail

# as they were before the rewrite
OLD_PAGE_HEADER_INLINE = re.compile(
    r"(?:^|[ \t]+)(?P<phi_post>[A-Z](?:[A-Z .'-]|\d(?=[A-Z])|(?<=[A-Z])\d(?= \d{8} ))*?) (?P<phi_serial>\d{8}) +(?P<phi_page>\d{3})"
    r"(?:\.(?P<phi_sub>\d))?(?P<phi_dot>\.)? +(?P<phi_dot1>\.)?(?P<phi_of>[O0]F|[o0]f)(?P<phi_dot2>\.)? +(?P<phi_total>\d{3})[ \t]+"
)
OLD_SEPARATORS = re.compile(r"[ \t]*(?://|/|\\|-)[ \t]*")


def _found(m: Optional[re.Match[str]]) -> object:
    return None if m is None else (m.span(), m.groups(), [m.span(i) for i in range(1, (m.re.groups or 0) + 1)])


def _strings(tokens: list[str], most: int) -> Iterator[str]:
    for k in range(most + 1):
        for parts in itertools.product(tokens, repeat=k):
            yield "".join(parts)


# ---- PAGE_HEADER_INLINE: finditer over a body line, match at its start --------------------

_PAGE_TOKENS = [" ", "\t", "A", "B1", "1", "00000097", " 002 OF 003 ", "003", "OF", ".", "x"]


def _same_page_headers(s: str) -> None:
    new = field("PAGE_HEADER_INLINE")
    assert [_found(m) for m in new.finditer(s)] == [_found(m) for m in OLD_PAGE_HEADER_INLINE.finditer(s)], repr(s)
    assert _found(new.match(s)) == _found(OLD_PAGE_HEADER_INLINE.match(s)), repr(s)


def test_page_header_inline_finds_what_it_found_on_every_short_line() -> None:
    matched = 0
    for s in _strings(_PAGE_TOKENS, 5):
        _same_page_headers(s)
        matched += OLD_PAGE_HEADER_INLINE.search(s) is not None
    assert matched > 50  # the strings hold headers, not only misses


@given(st.lists(st.sampled_from(_PAGE_TOKENS + ["  ", "BAMAKO", "0F", "-"]), max_size=30).map("".join))
def test_page_header_inline_finds_what_it_found(s: str) -> None:
    _same_page_headers(s)


# ---- inline_page_header_matches: PAGE_HEADER_INLINE's finditer, a failed try's words skipped -
#
# finditer tried the pattern from each word, each try reading its post on to the end of
# the run of a post's characters; now a failed try skips the later words of its run.

# words of a post, blanks and tabs between them, characters no post holds ("x", a tab,
# a digit not before a capital), and a serial, page and total after a post
_RUN_TOKENS = [" ", "\t", "A", "B1", "1", "x", " 00000097 002 OF 003 ", " 00000097 002 x"]


def _same_inline_headers(s: str) -> None:
    assert [_found(m) for m in inline_page_header_matches(s)] == [_found(m) for m in OLD_PAGE_HEADER_INLINE.finditer(s)], repr(s)


def test_inline_page_headers_found_as_before_on_every_short_line() -> None:
    matched = 0
    for s in _strings(_RUN_TOKENS, 6):
        _same_inline_headers(s)
        matched += OLD_PAGE_HEADER_INLINE.search(s) is not None
    for s in _strings(_PAGE_TOKENS, 5):
        _same_inline_headers(s)
    assert matched > 10000


@given(st.lists(st.sampled_from(_RUN_TOKENS + _PAGE_TOKENS + ["  ", "-", "BAMAKO", "M0SCOW", "0F", "A1 00000097 002.1 .0F. 003\t"]), max_size=40).map("".join))
def test_inline_page_headers_found_as_before(s: str) -> None:
    _same_inline_headers(s)


# ---- _SEPARATORS: split (a marker's controls) ----------------------------------------------


def _same_separators(s: str) -> None:
    assert _SEPARATORS.split(s) == OLD_SEPARATORS.split(s), repr(s)
    assert _SEPARATORS.split(s, 1) == OLD_SEPARATORS.split(s, 1), repr(s)
    assert [_found(m) for m in _SEPARATORS.finditer(s)] == [_found(m) for m in OLD_SEPARATORS.finditer(s)], repr(s)


def test_separators_split_as_before_on_every_short_text() -> None:
    for s in _strings([" ", "\t", "/", "\\", "-", "a"], 7):
        _same_separators(s)


@given(st.text(" \t/\\-aNF", max_size=40))
def test_separators_split_as_before(s: str) -> None:
    _same_separators(s)


# ---- _POST_TAIL: searched from a position, which may be inside a run of blanks ------------
#
# post_tail tries it where a search would first (at the position, else at a run's first
# blank), and after a failed try skips the rest of the words that try read.


def _same_post_tail(s: str) -> None:
    for pos in range(len(s) + 1):
        assert _found(post_tail(s, pos)) == _found(_POST_TAIL.search(s, pos)), (s, pos)


def test_post_tail_found_as_before_on_every_short_text() -> None:
    matched = 0
    for s in _strings([" ", "\t", "A", "b.", "1", ","], 7):
        _same_post_tail(s)
        matched += _POST_TAIL.search(s) is not None
    assert matched > 1000


@given(st.lists(st.sampled_from([" ", "  ", "\t", "UK", "BAMAKO", "1", "000097", ",", "x1", "'"]), max_size=25).map("".join))
def test_post_tail_found_as_before(s: str) -> None:
    _same_post_tail(s)


# ---- CLASS_STOP_POST: fullmatch on the rest of a classification line ---------------------
#
# Not searched, but fullmatched on a line that may end in a long run of blanks: the lazy
# post grew a blank at a time and the blanks before the serial were scanned again for
# each. Now the post takes a run of blanks only before more of its letters; a post that
# ended in blanks never matched first (the one without them was tried before it). The
# blank after the mark has been optional since (fix-classline9: "//NOFORN,RABAT 000612");
# the old form below has that change, not the rewrite.

OLD_CLASS_STOP_POST = re.compile(r"[ \t]*(?P<cls_stop>[.,;:])[ \t]*(?P<cls_spost>[A-Z][A-Z \t.'-]*?)[ \t]+(?P<cls_sserial>\d{4,7})(?P<cls_srest>(?:[^A-Za-z0-9].*)?)")

_STOP_TOKENS = [" ", "\t", ",", "A", "B.", "1234", "1", "x"]


def _same_stop_post(s: str) -> None:
    new = field("CLASS_STOP_POST")
    assert _found(new.fullmatch(s)) == _found(OLD_CLASS_STOP_POST.fullmatch(s)), repr(s)
    assert _found(new.match(s)) == _found(OLD_CLASS_STOP_POST.match(s)), repr(s)


def test_class_stop_post_reads_as_before_every_short_rest() -> None:
    matched = 0
    for s in _strings(_STOP_TOKENS, 6):
        _same_stop_post(s)
        matched += OLD_CLASS_STOP_POST.fullmatch(s) is not None
    assert matched > 100


@given(st.lists(st.sampled_from(_STOP_TOKENS + ["  ", ".", "RABAT", "'", "-", "000612", "//NOFORN"]), max_size=25).map("".join))
def test_class_stop_post_reads_as_before(s: str) -> None:
    _same_stop_post(s)


# ---- _COUNTRY_SLASHES: the slashes between a release's countries, replaced -----------------


def test_country_slashes_replace_what_the_slash_pattern_replaced() -> None:
    # the one-place pattern, searched, is the old form of the replacing one
    replaced = 0
    for s in _strings([" ", "\t", "/", "USA", "G"], 7):
        assert _COUNTRY_SLASHES.sub(", ", s) == _COUNTRY_SLASH.sub(", ", s), repr(s)
        replaced += "/" in s
    assert replaced > 1000


# ---- REF_DTG and SUBPARA_SHAPE: fullmatched, found by runs of units after a prefix -------
#
# Found in session 32 by runs of short units after the start of a match (a prototype of the
# run probe for patterns tried at one place, not kept in the audit: it costs minutes). As
# they were before the rewrite: REF_DTG's lazy origin took blanks, and the blanks after it
# were split between two runs (cubic on 'SECDEF' and a thousand blanks: 1.3 s);
# SUBPARA_SHAPE looked for a closing parenthesis to the line's end before the blank after
# an opening marker, again for each control given back (' A. (SBU' + '/A' * 10,000: 1 s).

OLD_REF_DTG = re.compile(
    r"(?P<dtg_origin>[A-Za-z][A-Za-z .]*?)[ \t]*(?i:msg|report)?[ \t]*(?i:dtg)[ \t]*(?P<dtg_day>\d{2})\d{4}(?i:z)[ \t]*(?P<dtg_mon>[A-Za-z]{3})[ \t]*(?P<dtg_year>\d{2,4}).*"
)
OLD_SUBPARA_SHAPE = re.compile(
    r"(?P<sub_indent>[ \t]*)(?:(?P<sub_letter>[A-Z])\.|\((?P<sub_paren>[a-zA-Z])\)|(?P<sub_close>[a-zA-Z])\)|(?P<sub_range>[A-Z])[ \t]*-[ \t]*(?P<sub_range_end>[A-Z])\)|(?P<sub_lower>[a-z])\.)[ \t]+"
    r"(?:\((?P<sub_mark>[A-Za-z\/ -]{1,20})\)[ \t]*|\((?P<sub_open>(?:SBU|TS|U|C|S)(?:\/{1,2}[A-Z]+)*)(?![^()]*\))[ \t]+)?(?P<sub_text>.*)"
)


def _same_fullmatch(new: re.Pattern[str], old: re.Pattern[str], s: str) -> bool:
    assert _found(new.fullmatch(s)) == _found(old.fullmatch(s)), repr(s)
    return old.fullmatch(s) is not None


_DTG_TOKENS = [" ", "\t", "A", ".", "msg", "DTG", " 011234Z", "JAN", "09", "x"]


def test_ref_dtg_reads_as_before_every_short_entry() -> None:
    new = field("REF_DTG")
    matched = sum(_same_fullmatch(new, OLD_REF_DTG, s) for s in _strings(_DTG_TOKENS, 5))
    # (and with the DTG's fields whole after the start: the origin and 'msg' vary)
    tail = "DTG 011234Z JAN 09"
    matched += sum(_same_fullmatch(new, OLD_REF_DTG, s + tail) for s in _strings([" ", "\t", "A", "b", ".", "msg ", "report", "MSG"], 5))
    assert matched > 5000


@given(st.lists(st.sampled_from(_DTG_TOKENS + ["  ", "SECDEF", "REPORT", "dtg", "011234z", "2009", "1"]), max_size=25).map("".join))
def test_ref_dtg_reads_as_before(s: str) -> None:
    _same_fullmatch(field("REF_DTG"), OLD_REF_DTG, s)


_SUB_TOKENS = [" ", "\t", "A.", "(", ")", "SBU", "S", "/", "NF", "x"]


def test_subpara_shape_reads_as_before_every_short_head() -> None:
    new = field("SUBPARA_SHAPE")
    matched = sum(_same_fullmatch(new, OLD_SUBPARA_SHAPE, s) for s in _strings(_SUB_TOKENS, 5))
    # (and after a head, the marker's controls and what follows them varied)
    matched += sum(_same_fullmatch(new, OLD_SUBPARA_SHAPE, "A. (" + s) for s in _strings([" ", "\t", "S", "C", "/", ")", "(", "x", "-"], 5))
    assert matched > 50000


@given(st.lists(st.sampled_from(_SUB_TOKENS + ["  ", "a)", "(b)", "G - J)", "//", "REL", "TO USA", "U", "TS", "b."]), max_size=25).map("".join))
def test_subpara_shape_reads_as_before(s: str) -> None:
    _same_fullmatch(field("SUBPARA_SHAPE"), OLD_SUBPARA_SHAPE, s)
