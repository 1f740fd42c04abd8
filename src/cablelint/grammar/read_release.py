"""The written release: "REL TO" and the countries a cable may be released to (4.2),
read in one place for every place that holds one: after "//" on the classification
line, before its post or after its serial (read_classline.split_class_rest), on a
caption line of its own or after another caveat (read_caveat_runs.read_caveats, and the
lexer's choice of a caption line, header_reading), and ending a paragraph marker
(read_body). The countries themselves are fields.lark's RELEASE_COUNTRIES, the one list
the line patterns read too.

What a release names is kept on the model (``Caveat.release``): its countries read,
none, or countries in a form not read; C006 says which."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from cablelint.compiled import regex
from cablelint.data import load_stations
from cablelint.grammar.address_lines import known_places
from cablelint.grammar.patterns import field
from cablelint.model import RELEASE_NONE, RELEASE_READ, RELEASE_UNREAD, Text

if TYPE_CHECKING:
    from cablelint.grammar.segment import Seg

# a release's words in capitals, alone ("REL TO": its countries left out, C006) or where
# a release starts ("REL TO USA")
REL_TO = regex(r"REL[ \t]+TO")
# a release naming no countries, in any case: "REL TO", "rel", "Rel  to"
_NO_COUNTRIES = r"(?i:rel(?:[ \t]+to)?)"
_ALONE = regex(_NO_COUNTRIES)
# a release naming no countries in a paragraph marker, after its separator, at the
# marker's end or before the next control ("S/NF/REL", "S//REL TO", "s-nf/rel",
# "S/REL TO/NF")
MARKER_RELEASE_ALONE = regex(r"(?://|/|\\|-)[ \t]*" + _NO_COUNTRIES + r"[ \t]*(?=$|/|\\|-)")
# a release and its countries in a paragraph marker, right after a slash, as PARA_MARK
# reads them ("Rel NATO, ISAF", "rel to usa, gbr": names, in any case, 4.2), up to the
# next separator: the controls after it ("//nf") are the marker's, their case its own
MARKER_RELEASE = regex(r"(?<=/)(?i:rel(?: to)? [a-z][a-z ,]*)")
# a release with more after REL TO than its countries read ("REL TO: USA, GBR", "REL TO
# UNITED KINGDOM"), matched at the start
_UNREAD = regex(r"(?i:rel[ \t]+to)(?![A-Za-z])")
_KNOWN_CAVEAT = field("KNOWN_CAVEAT")
_SPACES = regex(r"[ \t]+")
_WORD = regex(r"[^ \t]+")


def release_form(written: str) -> Optional[str]:
    """What the caveat *written* releases to, as written: RELEASE_READ for REL TO and
    countries the list reads ("REL TO USA, GBR", in any case: C006 names the case as
    for any caveat), RELEASE_NONE for none ("REL TO", "REL"), RELEASE_UNREAD for
    countries in a form not read ("REL TO: USA, GBR", "REL TO USA, UK"); None for a
    caveat that is no release ("NOFORN", "RELEASE")."""
    if written[:3].upper() != "REL":  # (the cheapest sign: most caveats are no release)
        return None
    if _KNOWN_CAVEAT.fullmatch(written.upper()) is not None:
        return RELEASE_READ
    if _ALONE.fullmatch(written) is not None:
        return RELEASE_NONE
    return RELEASE_UNREAD if _UNREAD.match(written) is not None else None


# a slash between two of a release's countries, with any blanks ("USA/GBR", "USA / GBR")
_COUNTRY_SLASH = regex(r"[ \t]*/[ \t]*")
# the same, replaced over a whole release: a match starts at a run's first blank or at
# the slash, so a long run of blanks with no slash after it is scanned once, not from
# each of its blanks
_COUNTRY_SLASHES = regex(r"(?<![ \t])[ \t]*/[ \t]*|/[ \t]*")
# a country the list reads, in any case, as the line patterns read it after REL TO
_COUNTRY = regex("(?i:" + field("RELEASE_COUNTRY").pattern + ")")


def strip_slip(written: str) -> str:
    """*written*, a caveat as read, without the slip before it where '//' goes: the
    slashes, commas and blanks (tabs too, as blanks go on these lines) that C006 names
    apart ('/REL TO USA', ', NOFORN', '/ ORCON', '///SIPDIS')."""
    return written.lstrip("/, \t")


def _release_head(written: str) -> Optional[tuple[str, str, bool]]:
    """The release *written* (after any slip before it) cut after REL TO: REL TO as
    written, its countries after any slash there ('REL TO/GBR', 'REL TO / GBR': 'GBR'),
    and whether one stands there; None when it is no release."""
    word = strip_slip(written)
    to = _UNREAD.match(word)
    if to is None:
        return None
    countries = word[to.end() :]
    lead = _COUNTRY_SLASH.match(countries)
    return word[: to.end()], countries if lead is None else " " + countries[lead.end() :], lead is not None


def slashed_release(written: str) -> Optional[str]:
    """The release *written* (after any slip before it, '/REL TO USA/GBR') with a slash
    between its countries where the list puts a comma (4.2: "REL TO USA, FVEY"), or
    between REL TO and its first country where a blank goes ('REL TO/GBR'), as meant:
    "REL TO USA, GBR", "REL TO GBR"; None when it is no release, has no such slash, or
    names countries not read with commas and a blank for the slashes either."""
    head = _release_head(written) if "/" in written else None
    if head is None or not (head[2] or "/" in head[1]):
        return None
    meant = " ".join((head[0] + _COUNTRY_SLASHES.sub(", ", head[1])).upper().split())
    return meant if _KNOWN_CAVEAT.fullmatch(meant) is not None else None


def countries_read(name: str) -> bool:
    """Whether the caveat *name* (as read, after any slip before it) is a release whose
    countries are read, with commas ('REL TO USA, GBR') or slashes ('REL TO USA/GBR')."""
    word = strip_slip(name)
    return release_form(word) == RELEASE_READ or slashed_release(word) is not None


def release_slashes(written: str) -> str:
    """Where the release *written*, one slashed_release reads, has its slashes: "after
    REL TO" ('REL TO/GBR'), "between its countries" ('REL TO USA/GBR') or both."""
    head = _release_head(written)
    if head is None or not head[2]:
        return "between its countries"
    return "after REL TO and between its countries" if "/" in head[1] else "after REL TO"


# a release written with a slash after REL TO or between its countries (or both), its
# first country read, the others apart by slashes, commas or AND ('REL TO USA/GBR',
# 'REL TO / GBR', 'REL TO/USA, GBR', 'rel to usa / gbr, aus'), or behind a slash a word
# written as a country is, in capitals, that the list does not read ('REL TO USA/UK':
# its countries in a form not read, C006; not a portion marking's letters, 'REL TO
# USA/NF'), matched where the release starts
_SLASHED_RELEASE = regex(
    r"(?i:rel[ \t]+to)(?:[ \t]*/[ \t]*|[ \t]+)(?:"
    + _COUNTRY.pattern
    + r")(?:(?:[ \t]*[/,][ \t]*(?:(?i:and)[ \t]+)?|[ \t]+(?i:and)[ \t]+)(?:"
    + _COUNTRY.pattern
    + r")|[ \t]*/[ \t]*(?!(?:NF|SBU)(?![A-Za-z0-9]))[A-Z]{2,3}(?![A-Za-z0-9]))*"
)


def slashed_release_end(text: str, at: int) -> Optional[int]:
    """Where the release that starts at *at* in *text* ends when it is written with a
    slash where the list puts a comma or a blank ('REL TO USA/GBR', 'REL TO USA / GBR,
    AUS', 'REL TO/GBR'): the whole release, which C006 names once, as meant when
    slashed_release reads its countries, as a release of countries not read when a
    word behind a slash is none the list holds ('REL TO USA/UK'); None for a release
    with no such slash."""
    m = _SLASHED_RELEASE.match(text, at)
    return m.end() if m is not None and "/" in m.group() else None


# the words of a post before its serial, each after its blanks, as many as follow
_TAIL_WORDS = r"(?:[ \t]+[A-Za-z][A-Za-z.'-]*)+"
_POST_TAIL = regex(r"(?P<words>" + _TAIL_WORDS + r")[ \t]+(?P<serial>\d+)(?=[^A-Za-z0-9]|$)")
# where a try of _POST_TAIL may start: at the position searched from (which may be
# inside a run of blanks), then at the first blank of a run only (see post_tail)
_WORDS_AT = regex(_TAIL_WORDS)
_WORDS_SEARCHED = regex(r"(?<![ \t])" + _TAIL_WORDS)


def post_tail(text: str, pos: int) -> Optional[re.Match[str]]:
    """_POST_TAIL searched in *text* from *pos*, in time linear in the text. A try reads
    every word that follows (the words are greedy and each takes all its letters, so
    only the blanks and serial after the last can end the match): a search tried it
    from each word and read the rest of the words each time. A try that fails fails
    from every later word of the same words, so the next is tried after them; and a
    try from a later blank of a run is one from its first, so only that is tried."""
    words = _WORDS_AT.match(text, pos) or _WORDS_SEARCHED.search(text, pos)
    while words is not None:
        tail = _POST_TAIL.match(text, words.start())
        if tail is not None:
            return tail
        words = _WORDS_SEARCHED.search(text, words.end())
    return None


# a word written as a country is ("UK", "FOO": two or three capitals), after a release's
# countries where a post's first word would stand (see release_before_post)
_COUNTRY_SHAPED = regex(r"[A-Z]{2,3}")


def _country_words(words: list[str]) -> int:
    """How many of *words*, the words after a release's countries read and before the
    serial, go on with the release: those written as countries are ("USA FOO BAR
    000193": FOO), each of two or three capitals and the first word of no post of
    several words known (not "TEL AVIV", "LA PAZ", "SAO PAULO", "AIT TAIPEI", "HO CHI
    MINH CITY"), one word at least left for the post."""
    starts = _place_starts()
    k = 0
    while k < len(words) - 1 and _COUNTRY_SHAPED.fullmatch(words[k]) is not None and words[k] not in starts:
        k += 1
    return k


# Posts of several words the station list does not hold (it holds the posts seen
# sending in the archive's traffic), whose first words are written as countries are
# ("DAR", "ES", "ST", "HO", "CHI") or are the prefix the classification line keeps
# ("REO"), or whose last word is a place of its own ("USUN NEW YORK", the mission's
# PLAD USMISSION USUN NEW YORK as the classification line writes it: 3.1; not YORK):
# with no FM line to name them, a release before the post took those words
_MORE_POSTS = frozenset(("DAR ES SALAAM", "ST PETERSBURG", "HO CHI MINH CITY", "REO BASRAH", "REO HILLAH", "REO KIRKUK", "USUN NEW YORK"))


@lru_cache(maxsize=1)
def _posts() -> frozenset[str]:
    """The posts a classification line may name: the places the station list knows
    ("PARIS", "SAO PAULO"), its PLADs whole ("AIT TAIPEI", "USEU BRUSSELS", written so
    on the line: 3.1), and _MORE_POSTS."""
    return known_places() | frozenset(load_stations()) | _MORE_POSTS


def named_post(post: str, fm: Optional[str]) -> bool:
    """Whether *post* is the post the FM line's PLAD *fm* ends with ('SANTIAGO' under
    FM AMEMBASSY SANTIAGO) or a post known (_posts)."""
    words = post.upper().split()
    return _fm_words(fm, words) == len(words) or " ".join(words) in _posts()


def starts_post(words: list[str], fm: Optional[str]) -> bool:
    """Whether *words*, the rest of a classification line behind a comma, start with
    the post: its first word right before the serial ('BEIRUT 000911'), or the words
    before the serial a post named ('TEL AVIV 000911'), or the first word of a post of
    several words known ('SAO PAULO 000911' under no FM line); not one more caveat
    before the post ('ORCON BEIRUT 000911')."""
    serial = next((k for k, w in enumerate(words) if w.isdigit()), None)
    if serial == 1:
        return True
    return bool(words) and ((serial is not None and named_post(" ".join(words[:serial]), fm)) or named_post(words[0], fm) or words[0].upper() in _place_starts())


@lru_cache(maxsize=1)
def _place_starts() -> frozenset[str]:
    """The first words of the posts of several words known ("TEL", "LA", "SAO", "NEW",
    "AIT", "USEU", "DAR", "HO")."""
    return frozenset(place.split()[0] for place in _posts() if " " in place)


def _fm_words(fm: Optional[str], words: list[str]) -> Optional[int]:
    """How many of *words*, the last before the serial, are the post the FM line names:
    the most of them that are the last words of its PLAD *fm* ('AMEMBASSY DAR ES
    SALAAM': 'DAR ES SALAAM'; 'USEU BRUSSELS', 'AIT TAIPEI', 'REO BASRAH' whole, as
    the classification line writes them, cable-format.md 3.1), or None."""
    plad = fm.upper().split() if fm else []
    up = [w.upper() for w in words]
    return next((k for k in range(min(len(up), len(plad)), 0, -1) if up[-k:] == plad[-k:]), None)


def release_before_post(
    seg: Seg, start: int, end: int, post: Optional[Text], serial: Optional[Text], rest: str, fm: Optional[str] = None
) -> Optional[tuple[Text, Optional[Text], Optional[Text], str, int]]:
    """The release after the level (from *start* to *end* in *seg*), the post and serial,
    and the rest, when the release's countries are written in a form not read
    ('SECRET//REL TO USA, UK MEXICO 000193', 'SECRET//REL TO: USA, GBR MEXICO 000193',
    'SECRET//REL TO USA AND ISRAEL MEXICO 000193', 'SECRET//REL TO USA FOO BAR
    000193'): the release runs to the post, which is the last words before the serial
    that the FM line's PLAD *fm* ends with ('DAR ES SALAAM' under FM AMEMBASSY DAR ES
    SALAAM, 'AIT TAIPEI' under FM AIT TAIPEI), else that name a post known (_posts:
    'SAO PAULO', 'HO CHI MINH CITY'), else, after a mark ('REL TO: ...'), the last
    word; and before a post of several words neither knows, the words after those
    written as countries are ('FOO': see _country_words; 'BAR'). None when the line
    reads as written (the post one word, the FM line's, a known post, or several
    words ending in no known place and starting with no word written as a country,
    'USUN NEW YORK', right after the release). No post or serial, the rest from
    the blank before the serial, when the one word before it is written as a country
    and names no post ('SECRET//REL TO USA, UK 009120')."""
    if serial is not None and post is not None:
        written = post.text.split()
        if len(written) == 1 or " ".join(written).upper() in _posts() or _fm_words(fm, written) == len(written):
            return None
    elif serial is not None or post is not None or rest.lstrip()[:1] not in (",", ":"):
        return None
    tail = post_tail(seg.text, end)
    if tail is None:
        return None
    words = list(_WORD.finditer(seg.text, tail.start("words"), tail.end("words")))
    take = _fm_words(fm, [w.group() for w in words])
    if take is None:
        take = next((k for k in (4, 3, 2, 1) if len(words) > k and " ".join(w.group().upper() for w in words[-k:]) in _posts()), None)
    if take is None and post is not None:
        # a post of several words the list does not know: the post as written ('USUN
        # NEW YORK'), but for the words first in it written as countries are ('REL TO
        # USA FOO BAR 000193': FOO goes on with the release)
        take = len(words) - _country_words([w.group() for w in words])
        if take == len(words):
            return None
    if take is None and post is None and _COUNTRY_SHAPED.fullmatch(words[-1].group()) is not None:
        # 'SECRET//REL TO USA, UK 009120': the one word before the serial is written as a
        # country and is no post known nor the FM line's: the release runs to the serial,
        # and the serial stands with no post (the rest from the blank before it)
        stop = words[-1].end()
        if not seg.text[end:stop].strip():
            return None
        release = Text(seg.text[start:stop], seg.span(start, stop))
        return release, None, None, seg.text[stop:], stop
    take = take or 1
    first = words[-take]
    if not any(c.isalnum() for c in seg.text[end : first.start()]):
        # nothing between the release and the post, or a mark alone ('REL TO USA/GBR,
        # BAMAKO 000712': C002 names it): the release as read
        return None
    stop = len(seg.text[: first.start()].rstrip())
    release = Text(seg.text[start:stop], seg.span(start, stop))
    post = Text(seg.text[first.start() : words[-1].end()], seg.span(first.start(), words[-1].end()))
    serial = seg.group(tail, "serial")
    assert serial is not None
    return release, post, serial, seg.text[tail.end() :], tail.end()


_PROSE_AFTER_RELEASE = frozenset(("THE", "A", "AN", "ALL", "ME", "US", "FOR", "OF", "IN", "ON", "AT", "BY", "WITH", "FROM"))


# words written as countries are ("UK", "FOO"), each behind a slash or a comma, after a
# release ("REL TO USA/UK")
_SLASHED_SHAPES = regex(r"(?:[ \t]*[/,][ \t]*[A-Z]{2,3}(?![A-Za-z0-9]))+[ \t]*")


def release_to_end(text: str, at: int, stop: int) -> Optional[int]:
    """Where a release read from *at* to *stop* in *text* ('REL TO', 'REL TO USA',
    'REL TO USA/GBR') ends when the words after it on the line are its countries in a
    form not read: the line's end, when REL TO is in capitals and a colon follows it
    ('REL TO: USA, GBR'), or it read a country ('REL TO USA, UK', 'REL TO USA AND'),
    or two words or more in capitals follow it, none a word of prose ('REL TO UNITED
    KINGDOM'; not 'REL TO THE EMBASSY', 'REL TO NEA'); or, behind slashes, words
    written as countries are ('REL TO USA/UK'; not 'REL TO USA/EXDIS'). None for
    other text."""
    written = text[at:stop]
    if not written.startswith("REL") or _SPACES.sub(" ", written)[:6] != "REL TO":
        return None
    end = len(text.rstrip())
    after = text[stop:end]
    if "/" in after:
        return end if _SLASHED_SHAPES.fullmatch(after) is not None else None
    if not after.strip():
        return None
    words = after.replace(",", " ").split()
    clear = after.lstrip(" \t")[:1] == ":" or len(written.split()) > 2
    clear = clear or (len(words) >= 2 and all(w.isalpha() and w.isupper() and w not in _PROSE_AFTER_RELEASE for w in words))
    return end if clear else None


_ATTENTION = field("ATTN_SHAPE")
# words written as countries are ("UK", "UK AUS"), apart by blanks, then any blanks
_SHAPED_WORDS = regex(r"[A-Z]{2,3}(?:[ \t]+[A-Z]{2,3})*[ \t]*")


def attention_after(text: str, end: int) -> Optional[tuple[Optional[int], int]]:
    """Where an attention line run on after a release starts, when the release read
    its countries and ends at *end* in *text*, and the rest of the line, past blanks
    and a comma, is written as an attention line is ('REL TO USA DEPT FOR EUR', 'REL
    TO USA, GBR, DEPT FOR EUR': cable-format.md 3.3): (where the comma stands, or
    None, and where the attention line starts). A release ends with its countries;
    other words after them ('REL TO USA, UK', 'REL TO USA BUT NOT ISR') give None, and
    so do words written as countries are right before '//' ('REL TO USA, UK//DEPT FOR
    EUR': UK goes on with the release, which ends at the '//', not an attention line
    'UK//DEPT FOR EUR')."""
    at = end
    while at < len(text) and text[at] in " \t":
        at += 1
    comma = at if text[at : at + 1] == "," else None
    if comma is not None:
        at += 1
        while at < len(text) and text[at] in " \t":
            at += 1
    if at == end or at >= len(text) or _ATTENTION.fullmatch(text, at) is None:
        return None
    slashes = text.find("//", at)
    if slashes > at and _SHAPED_WORDS.fullmatch(text, at, slashes) is not None:
        return None
    return comma, at


def release_line(seg: Seg) -> bool:
    """Whether the line *seg*, which the line patterns took for an attention line, is
    a release read whole, its countries in a form not read ("REL TO: USA, GBR", "REL
    TO UNITED KINGDOM", "REL TO USA, GBR, UK"), or a release of countries read with an
    attention line run on after it ("REL TO USA DEPT FOR EUR"): a caption line, for
    C006 to name, the run-on text read as it stands; not another line ("REL TO THE
    EMBASSY", an attention line)."""
    if seg.text.lstrip()[:3] != "REL":  # (the cheapest sign first: most lines are none)
        return False
    from cablelint.grammar.read_caveat_runs import caveats_behind_slash, read_caveats  # (it reads releases with this module)

    found, rest = read_caveats(seg)
    base = seg.span(0, 0).start
    # (caveats after the release behind '//', 'REL TO USA, GBR//EXDIS', as after a release
    # on the classification line)
    behind = len(found) > 1 and "//" in seg.text[found[0].span.end - base : found[1].span.start - base]
    if not found or (len(found) > 1 and not behind) or not found[0].name.startswith("REL TO"):
        return False
    if rest is None:
        return True
    if rest.text[:2] == "//":
        # ('REL TO USA, UK//DEPT FOR EUR': the release read to the '//', and the
        # attention line run on after it with the '//', as after 'NOFORN//')
        return _ATTENTION.fullmatch(rest.text, 2) is not None
    return countries_read(found[0].name) and (_ATTENTION.fullmatch(rest.text) is not None or caveats_behind_slash(rest))
