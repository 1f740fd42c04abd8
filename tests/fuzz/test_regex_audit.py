"""Part 6 of issue 5: no regex of the grammar or the code backtracks super-linearly.

See redos.py for how the regexes are found, how the adversarial probes are built
from each pattern and how time is compared (ratios between two sizes, not absolute
times). The default profile probes up to 6,000 characters with one failing tail; the
fuzz profile goes to 20,000 characters with every tail.

A second probe (redos.run_probe) searches each pattern the code searches over a run
of one character with no match after it, n and 4n long: a leading blank run tried
from each of its blanks is quadratic with no backtracking at all, which the first
probe (a match, pumped) never shows. Then over runs of short units made of the
characters the pattern tells apart ('A ', ' Ab', 'A, ', '0 '): a try from each word
of a run of words that reads the rest of the run. n is 1,000 by default and 4,000 in
the fuzz profile. The searches the code makes by hand (a pattern matched at positions
of its own choosing: inline_page_header_matches, post_tail, ...) are timed the same way.

A third (redos.prefixed_run_probe) tries each pattern the code tries at one place
(match, fullmatch) on such runs placed after the start of a match, up to each of its
repetitions: one try that reads the run again and again. Units of one and two
characters, 2,000 long, by default; 4,000 long with both tails in the fuzz profile.
"""

from __future__ import annotations

import math
import re
import time
from typing import Callable

import pytest
from hypothesis import settings

from cablelint.grammar.source import _markdown_residue
from cablelint.linter import cache_folder
from tests.fuzz import redos

# Patterns built inside a function, which the scan cannot read from the source: each
# is either built here and probed like the others, or safe for the reason given. A new
# one fails test_every_pattern_is_read_or_accounted_for until it is listed (or bound at
# a module's top level as a string literal or a compiled pattern, which the scan reads).
_BUILT: dict[str, tuple[Callable[[], re.Pattern[str]], set[str]]] = {
    "grammar/source.py:_markdown_residue": (_markdown_residue, {"search"}),
    # the names of a killed run's temporary shards (format 3's; format 2's differ only
    # in the shard's fixed-length name)
    "linter/cache_folder.py:<module>": (lambda: cache_folder._SHARD_TEMP[3], {"full"}),
}
_SAFE = {
    "compiled.py:regex": "re.compile of what a caller gave compiled.regex: each call is read or listed here",
    "grammar/body_search.py:_case_blind_one": "one escaped character, case-blind: nothing repeats",
    "grammar/candidates.py:__missing__": "a cable.lark line terminal compiled on first use: probed as cable.lark:NAME",
    "grammar/lexer.py:_alternation": "an alternation of cable.lark line terminals tried at one position: probed one by one",
    "grammar/patterns.py:field": "a fields.lark terminal: probed as fields.lark:NAME",
    "grammar/patterns.py:build_field_patterns": "the fields.lark terminals: probed as fields.lark:NAME",
}
_READ, UNREAD = redos.scan()
REGEXES = _READ + [redos.Regex(key, build(), modes) for key, (build, modes) in _BUILT.items()]
_FULL = settings.default.max_examples >= 1000  # the fuzz profile
_LIMITS = {"max_len": 20_000} if _FULL else {"max_len": 6_000, "tails": ("\x00",)}


def test_the_collector_finds_the_grammar_and_the_code() -> None:
    names = {r.name: r for r in REGEXES}
    assert sum(n.startswith("cable.lark:") for n in names) >= 30
    assert sum(n.startswith("fields.lark:") for n in names) >= 50
    assert "search" in names["fields.lark:CLSBY_REASON"].modes  # used with finditer
    assert "grammar/source.py:_LINE_BREAK" in names


def test_every_pattern_is_read_or_accounted_for() -> None:
    # a regex built from parts inside a function escapes the probes unless it is listed
    unlisted = {key: UNREAD[key] for key in UNREAD.keys() - _BUILT.keys() - _SAFE.keys()}
    assert not unlisted, f"patterns the audit cannot read (list them in _BUILT or _SAFE): {unlisted}"
    stale = (_BUILT.keys() | _SAFE.keys()) - UNREAD.keys()
    assert not stale, f"listed, but no longer built there: {sorted(stale)}"


def test_a_pattern_bound_at_the_top_from_parts_is_read() -> None:
    names = {r.name for r in REGEXES}
    # re.compile(_REF_LABEL.pattern, re.IGNORECASE) and a class built by joining strings
    assert "grammar/read_refs.py:_LABEL_GAP_ANY_CASE" in names
    assert "rules/_ascii.py:OTHER_NON_ASCII" in names


def test_the_probe_finds_a_known_super_linear_pattern() -> None:
    # DECL_EXEMPTION as it was: blanks between two exemptions split between two [ \t]*
    old = r"(?:X[1-8]|25X[1-9])(?:[ \t]*,?[ \t]*(?:X[1-8]|25X[1-9]))*"
    bad = redos.Regex("old DECL_EXEMPTION", re.compile(old), {"full"})
    # CPU time, not wall time: one probe shows it, however busy the machine
    verdict = redos.probe(bad, "full", max_len=6_000, tails=("\x00",))
    assert verdict is not None and verdict.ratio >= redos.RATIO


# _DRAFTER as commit 7290321 left it (src/cablelint/grammar/text_end.py there, its
# parts _OFFICE, _NAME and _DRAFTED_WHEN written out): a date's 2-4 digit year and
# the next date's 1-2 digit day, with nothing between them, could split the digits two
# ways ("1JAN11111JAN1111": year 1111 and day 1, or year 111 and day 11), so a
# drafter's line of dates with a late failure took 2**n tries (25 dates: 25.8 s)
_DRAFTER_7290321 = (
    r"[ \t]*(?i:drafted)(?:[ \t]*:|[ \t]+(?i:by)(?:[ \t]*:|(?=[ \t])))[ \t]*"
    r"(?:(?:[A-Z][A-Z0-9&.-]*(?:[\/:][A-Za-z0-9&.'-]*)+"
    r"|(?:POL|ECON|POLECON|ECONPOL|POLMIL|DCM|AMB|CDA|CONS|MGT|ADMIN|PAO|PAS|PD|RSO|DAO|ODC|USAID|FAS|FCS|LEGATT|ESTH)(?![A-Za-z0-9]))"
    r"(?:(?:[ \t]*:[ \t]*|,?[ \t]+)(?:[A-Z]{1,2}[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.[ \t]?[A-Z][A-Za-z'-]+|[A-Z][A-Z'-]{3,})(?![A-Za-z0-9])"
    r"(?:,?[ \t]+(?:[A-Z]{1,2}[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.[ \t]?[A-Z][A-Za-z'-]+|[A-Z][A-Z'-]{3,})(?![A-Za-z0-9]))?)?"
    r"|(?:[A-Z]{1,2}[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.[ \t]?[A-Z][A-Za-z'-]+|[A-Z][A-Z'-]{3,})(?![A-Za-z0-9]))"
    r"(?:(?:[ \t]*(?:--?|,|;))?[ \t]*(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}[ -]?[A-Za-z]{3}[ -]?\d{2,4}"
    r"|\+?\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}|(?i:x|ext\.?)[ \t]*\d{2,6}))*[ \t]*"
)


def test_the_wide_probe_pumps_every_alternative_at_both_ends_of_its_counts() -> None:
    parsed = redos.sre_parse.parse(r"<(?:\d{2,4}x?|ab[ \t]*|c)*>")
    made = [(what, make(2)) for what, make in redos.makers(parsed)]
    # the outer repetition pumped twice; each wide pair is the body with its repeats at
    # their most (a blank run at two), then at their fewest (an optional part left
    # out); one wide probe per alternative position
    assert made[:4] == [
        ("least probe", "<11x11x>"),
        ("wide probe at alternative 0", "<1111x111111x11>"),
        ("wide probe at alternative 1", "<ab  abab  ab>"),
        ("wide probe at alternative 2", "<cccc>"),
    ]
    # then the blank run after "ab", pumped alone (its body has no alternation)
    assert made[4:] == [("least probe", "<ab  >"), ("wide probe at alternative 0", "<ab    >")]


def test_the_wide_probe_finds_what_the_least_probe_missed() -> None:
    bad = redos.Regex("_DRAFTER of 7290321", re.compile(_DRAFTER_7290321), {"full"})
    assert redos._time(bad.pattern.fullmatch, "DRAFTED: JSMITH " + "1JAN1111" * 18 + "!") > 4 * redos._time(bad.pattern.fullmatch, "DRAFTED: JSMITH " + "1JAN1111" * 14 + "!")
    # the least probe: each date at its fewest digits and its first form, the same
    # every time, with a blank and a dash before it: one way to read it
    assert redos.probe(bad, "full", max_len=6_000, tails=("\x00",), kinds=(redos.LEAST,)) is None
    # the wide probe: a date at its most digits ("11/11/1111"), then one at its fewest
    # with nothing before it ("1/1/11"): "11111" is year and day two ways
    verdict = redos.probe(bad, "full", max_len=6_000, tails=("\x00",), kinds=(redos.WIDEST,))
    assert verdict is not None and verdict.ratio >= redos.RATIO**4, verdict
    assert "11/11/11111/1/11" in verdict.probe


def test_the_probe_stops_and_fails_an_exponential_pattern() -> None:
    # nested repetitions: each more "a" doubles the time; a probe that waited for the
    # match would hang the suite
    bad = redos.Regex("nested", re.compile(r"(a+)+$"), {"search"})
    start = time.process_time()
    verdict = redos.probe(bad, "search", max_len=6_000, tails=("\x00",))
    # failed: a run stopped at its budget (inf), or, as a loaded machine may time the
    # short probes, a growth far past quadratic's 4 a doubling found before one was
    assert verdict is not None and verdict.ratio > 16
    assert time.process_time() - start < 60  # (CPU time: the load does not count)


def test_the_probe_passes_a_linear_pattern_that_reaches_the_floor() -> None:
    # words and blanks: slow enough at 100,000 characters to be timed (over 5 ms), and
    # linear
    pattern = re.compile(r"(?:[ \t]*[A-Za-z]+)*[ \t]*;")
    assert redos._time(pattern.search, "a " * 50_000 + "\x00") > 5e-3
    linear = redos.Regex("linear", pattern, {"search"})
    assert redos.probe(linear, "search", max_len=100_000, tails=("\x00",)) is None


def test_time_is_cpu_time() -> None:
    # time the machine gives other processes is not counted: a sleep costs no CPU
    assert redos._time(lambda s: time.sleep(0.2), "") < 0.05
    # and a run past its budget is stopped (re checks for signals as it backtracks)
    assert redos._time(re.compile(r"(a+)+$").match, "a" * 60 + "!", budget=0.2) == math.inf


@pytest.mark.parametrize("regex", REGEXES, ids=[r.name for r in REGEXES])
def test_regex_is_linear(regex: redos.Regex) -> None:
    slow = []
    for mode in sorted(regex.modes):
        # CPU time over a 16x span leaves little to noise; still, a failure is probed
        # again: a super-linear pattern fails every time, three in a row
        verdict = None
        for _ in range(3):
            verdict = redos.probe(regex, mode, **_LIMITS)
            if verdict is None:
                break
        if verdict is not None:
            slow.append(verdict)
    assert not slow, "; ".join(v.describe() for v in slow)


# ---- runs of one character or of a short unit, searched (redos.run_probe) ---------------

_SEARCHED = [r for r in REGEXES if "search" in r.modes]
_RUN_LIMITS = {"n": 4_000, "runs": 5} if _FULL else {"n": 1_000}


def test_the_run_probe_finds_a_pattern_searched_in_quadratic_time() -> None:
    # _SEPARATORS as it was: '[ \t]*' before the separator, tried from each blank of a
    # run with none after it
    bad = redos.Regex("old _SEPARATORS", re.compile(r"[ \t]*(?://|/|\\|-)[ \t]*"), {"search"})
    verdict = redos.run_probe(bad, n=500, chars=" ")
    assert verdict is not None and verdict.ratio >= 3, verdict


def test_the_run_probe_passes_a_pattern_searched_in_linear_time() -> None:
    pattern = redos.Regex("_SEPARATORS", re.compile(r"(?:(?<![ \t])[ \t]+)?(?://|/|\\|-)[ \t]*"), {"search"})
    assert redos.run_probe(pattern, n=500, chars=" \t") is None


def test_the_run_probe_tries_what_a_pattern_repeats() -> None:
    # the first character of each repeated body: "x", then "a" of [a-z]
    assert redos.run_chars(re.compile(r"\((?:x[a-z]*)+")) == redos.RUN_CHARS + "xa"


def test_the_units_are_made_of_the_characters_the_pattern_tells_apart() -> None:
    # a capital, a blank (a tab is the same to it), a comma: what its repetition takes;
    # "(" is taken by no repetition, and the letters of the word "rel" are no unit's
    pattern = re.compile(r"\((?i:rel)(?:[A-Z]+,?[ \t]*)+\)")
    assert redos.unit_chars(pattern) == " A,"
    # one of each rotation, none a repeat of a shorter one, of three at most one mark
    assert redos.run_units(pattern) == [" A", " ,", ",A", "  A", "  ,", " AA", " A,", " ,A", ",AA"]


# _POST_TAIL as it was searched before post_tail (9a35f096): a try from each word of a
# run of words read the rest of the run ('SECRET//REL TO USA, UK' + ' Ab' * 6,600: 7 s)
_POST_TAIL_SEARCHED_9A35F096 = r"(?<![ \t])(?P<words>(?:[ \t]+[A-Za-z][A-Za-z.'-]*)+)[ \t]+(?P<serial>\d+)(?=[^A-Za-z0-9]|$)"


def test_the_run_probe_finds_a_pattern_only_a_run_of_words_shows() -> None:
    bad = redos.Regex("old _POST_TAIL_SEARCHED", re.compile(_POST_TAIL_SEARCHED_9A35F096), {"search"})
    # no run of one character shows it: blanks alone hold no word, letters no blank
    assert redos.run_probe(bad, n=250, units=[]) is None
    verdict = redos.run_probe(bad, n=250)
    assert verdict is not None and verdict.ratio >= 3, verdict
    assert verdict.probe.startswith("a run of ") and " A" in verdict.probe, verdict  # (a word after blanks: the worst of ' A', '  A', " A'"...)


def test_the_run_probe_finds_the_old_inline_page_header_on_a_run_of_a_post() -> None:
    from tests.fuzz.test_linear_rewrites import OLD_PAGE_HEADER_INLINE

    bad = redos.Regex("old PAGE_HEADER_INLINE", OLD_PAGE_HEADER_INLINE, {"search"})
    verdict = redos.run_probe(bad, n=250, chars="", units=[" A"])
    assert verdict is not None and verdict.ratio >= 3, verdict


@pytest.mark.parametrize("regex", _SEARCHED, ids=[r.name for r in _SEARCHED])
def test_a_searched_regex_is_linear_on_a_run_of_one_character_or_unit(regex: redos.Regex) -> None:
    # a quadratic pattern fails every time; a linear one slowed by a busy spell is
    # probed again
    verdict = None
    for _ in range(3):
        verdict = redos.run_probe(regex, **_RUN_LIMITS)
        if verdict is None:
            break
    assert verdict is None, verdict.describe()


# ---- searches the code makes by hand, over runs (redos.run_probe with search=) ----------
#
# A pattern the code tries with .match from positions of its own choosing is outside the
# probes above (the scan sees .match, tried at one place): PAGE_HEADER_INLINE and
# _POST_TAIL were quadratic that way on a run of words (session 31). Each such loop is
# timed here on runs of one character and of short units made from the pattern it tries,
# as run_probe times a pattern searched.


def _scan_line(text: str) -> None:
    from cablelint.grammar.read_scan import _scan, word_case
    from cablelint.span import Span

    _scan(text, word_case(text), lambda a, b: Span(1, a + 1, 1, b + 1, a, b), [], [], "")


def _redactions(text: str) -> None:
    from cablelint.grammar.redactions import _read
    from cablelint.grammar.source import read_source

    _read(text, read_source(text).lines)


def _hand_searches() -> dict[str, tuple[Callable[[str], object], re.Pattern[str]]]:
    from cablelint.grammar.patterns import field
    from cablelint.grammar.read_body import inline_page_header_matches
    from cablelint.grammar.read_release import _POST_TAIL, post_tail
    from cablelint.grammar.source import _RESIDUE, _RESIDUE_LEADS, residue_matches

    # (residue_matches of _markdown_residue is left out: it tries the pattern at a part of
    # the positions finditer does, in the same order, and finditer of it is probed above)
    return {
        "read_body.inline_page_header_matches": (lambda s: list(inline_page_header_matches(s)), field("PAGE_HEADER_INLINE")),
        "read_release.post_tail": (lambda s: post_tail(s, 0), _POST_TAIL),
        "source.residue_matches(RESIDUE)": (lambda s: residue_matches(_RESIDUE, _RESIDUE_LEADS, s), _RESIDUE),
        "read_scan._scan(BLOCK_MARKER)": (_scan_line, field("BLOCK_MARKER")),
        "read_scan._scan(REF_CITE)": (_scan_line, field("REF_CITE")),
        "read_scan._scan(REFTEL_CITE)": (_scan_line, field("REFTEL_CITE")),
        "read_scan._scan(REF_BARE)": (_scan_line, field("REF_BARE")),
        "read_scan._scan(PARA_CITE)": (_scan_line, field("PARA_CITE")),
        "redactions._read": (_redactions, field("REDACTION")),
    }


HAND_SEARCHES = _hand_searches()


@pytest.mark.parametrize("name", sorted(HAND_SEARCHES))
def test_a_search_made_by_hand_is_linear_on_a_run(name: str) -> None:
    search, pattern = HAND_SEARCHES[name]
    verdict = None
    for _ in range(3):
        verdict = redos.run_probe(redos.Regex(name, pattern, {"search"}), search=search, **_RUN_LIMITS)
        if verdict is None:
            break
    assert verdict is None, verdict.describe()


def test_a_search_made_by_hand_is_probed_as_it_was_before_its_loop() -> None:
    # PAGE_HEADER_INLINE tried from each word by finditer, as before
    # inline_page_header_matches: the probe of hand searches finds it
    from cablelint.grammar.patterns import field

    pattern = field("PAGE_HEADER_INLINE")
    verdict = redos.run_probe(redos.Regex("finditer", pattern, {"search"}), search=lambda s: list(pattern.finditer(s)), n=250, chars="", units=[" A"])
    assert verdict is not None and verdict.ratio >= 3, verdict


# ---- runs after a match's start, for a pattern tried at one place (redos.prefixed_run_probe)
#
# Runs of one character and of two after the start of a match up to each repetition:
# found REF_DTG (cubic) and SUBPARA_SHAPE (quadratic) in session 32. The fuzz profile
# makes them twice as long and tries both tails; units of three characters cost too much
# over every pattern (one test ran past ten minutes).

_AT_ONE_PLACE = [(r, mode) for r in REGEXES for mode in sorted(r.modes - {"search"})]
_PREFIXED_LIMITS = {"n": 1_000, "tails": ("", "\x00")} if _FULL else {}


def test_the_prefixed_run_probe_finds_what_one_try_reads_again() -> None:
    from cablelint.grammar.patterns import field
    from tests.fuzz.test_linear_rewrites import OLD_CLASS_STOP_POST, OLD_SUBPARA_SHAPE

    # SUBPARA_SHAPE as it was: a closing parenthesis looked for at each control given back
    bad = redos.Regex("old SUBPARA_SHAPE", OLD_SUBPARA_SHAPE, {"full"})
    verdict = redos.prefixed_run_probe(bad, "full", n=250, units=["/A"])
    assert verdict is not None and verdict.ratio >= 3 and "after ' A. (SBU" in verdict.probe, verdict
    # CLASS_STOP_POST as it was: its lazy post grew a blank at a time
    bad = redos.Regex("old CLASS_STOP_POST", OLD_CLASS_STOP_POST, {"full"})
    verdict = redos.prefixed_run_probe(bad, "full", n=250, units=[" "])
    assert verdict is not None and verdict.ratio >= 3, verdict
    # as they are
    for name in ("SUBPARA_SHAPE", "CLASS_STOP_POST"):
        assert redos.prefixed_run_probe(redos.Regex(name, field(name), {"full"}), "full", n=250, units=["/A", " "]) is None


def test_the_prefixes_are_where_each_repetition_starts() -> None:
    # (each other repetition at its least, an optional part once: the blank after "c")
    assert redos.run_prefixes(re.compile(r"ab(?:c[ \t]*)+d+")) == ["ab", "abc", "abc "]


@pytest.mark.parametrize("regex, mode", _AT_ONE_PLACE, ids=[f"{r.name}-{mode}" for r, mode in _AT_ONE_PLACE])
def test_a_regex_tried_at_one_place_is_linear_on_a_run_after_its_start(regex: redos.Regex, mode: str) -> None:
    verdict = None
    for _ in range(3):
        verdict = redos.prefixed_run_probe(regex, mode, **_PREFIXED_LIMITS)
        if verdict is None:
            break
    assert verdict is None, verdict.describe()
