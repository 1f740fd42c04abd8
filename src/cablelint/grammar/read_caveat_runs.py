"""The handling caveats read in runs (cable-format.md 3.2, 4.2), for the
classification line's reader (read_classline.split_class_rest) and the caveat lines
under it alike: the caveats of a caveat line (read_caveats), those behind '//' or a
slip where '//' goes ('/NOFORN', ',NOFORN') after a level, serial or caveat
(slashed_caveats, loose_caveats), each read as the Caveat it is (written_caveat), and
what counts as a caveat or one with a letter wrong (caveat_or_slip, one_slip)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from cablelint.compiled import regex
from cablelint.grammar.patterns import field
from cablelint.grammar.read_release import REL_TO, attention_after, countries_read, release_form, release_to_end, slashed_release, slashed_release_end, strip_slip
from cablelint.grammar.segment import Seg
from cablelint.model import RELEASE_NONE, Caveat, Text
from cablelint.span import Span

_CAVEAT_WORD = field("CAVEAT_WORD")
_CAVEAT_STOP = field("CAVEAT_STOP")
_KNOWN_CAVEAT = field("KNOWN_CAVEAT")
_SPACES = regex(r"[ \t]+")

# The handling caveats a caption line may hold (cable-format.md 3.2).
# a caveat of one word spaced out letter by letter, with any blanks ("S I P D I S",
# "S\tI P  D I S"): its letters, then no letter
_SPACED_CAVEAT = regex("(?i:" + "|".join(r"[ \t]+".join(c) for c in ("SIPDIS", "NOFORN", "SENSITIVE", "EXDIS", "LIMDIS", "NODIS", "STADIS", "CHEROKEE", "SPECAT")) + r")(?![A-Za-z])")
CAVEATS = ("SIPDIS", "NOFORN", "SENSITIVE", "EXDIS", "LIMDIS", "NODIS", "STADIS", "CHEROKEE", "SPECAT", "CORRECTED COPY")


def one_slip(written: str, word: str) -> bool:
    """Whether *written* is *word* with at most one letter wrong: lost, added, changed,
    or two neighbours swapped ('UNCLASS', 'UNCLASIFIED', 'TOPSECERT')."""
    if written == word:
        return True
    if abs(len(written) - len(word)) > 1:
        return False
    i = 0
    while i < min(len(written), len(word)) and written[i] == word[i]:
        i += 1
    a, b = written[i:], word[i:]
    return a[1:] == b[1:] or a == b[1:] or a[1:] == b or (a[2:] == b[2:] and a[:2] == b[1::-1])


def caveat_or_slip(word: str) -> bool:
    """Whether *word* is a handling caveat, or one with a letter wrong ('NOFRON'), or a
    release with its countries left out ('REL TO') or behind slashes ('REL TO/GBR')."""
    up = word.upper()
    if bool(_KNOWN_CAVEAT.fullmatch(up)) or any(one_slip(up, caveat) for caveat in CAVEATS) or REL_TO.fullmatch(up) is not None:
        return True
    return up[:3] == "REL" and slashed_release(up) is not None


def spaced_caveat(spaced: str) -> Optional[tuple[str, bool]]:
    """The caveat *spaced*, letters spaced out ('C O R R E C T E D  C O P Y'), spells,
    and True; or *spaced* and False when it is one with a letter lost, doubled or
    wrong ('C O R R E C T E  C O P Y'); None for other letters."""
    up = "".join(spaced.split())
    for caveat in CAVEATS:
        if len(caveat) > 6 and up == caveat.replace(" ", ""):
            return caveat, True
    if any(one_slip(up, caveat.replace(" ", "")) for caveat in CAVEATS if len(caveat) > 6):
        return spaced.strip(), False
    return None


# a caveat after '//' where the rest of the classification line starts, then no letter
# or digit, as CLASS_SHAPE reads one after the serial (cls_caveat2)
SLASHED_CAVEAT = regex(r"[ \t]*//[ \t]*(?P<word>" + _CAVEAT_WORD.pattern + r")(?![A-Za-z0-9])")


def slashed_caveats(seg: Seg, rest: str, rest_at: int) -> tuple[list[Text], str, int]:
    """The caveats that start *rest* (the line's text from *rest_at*), '//' before
    each ('//NOFORN//ORCON'), and the rest after them."""
    found: list[Text] = []
    slashed = SLASHED_CAVEAT.match(rest)
    while slashed is not None:
        found.append(Text(slashed.group("word"), seg.span(rest_at + slashed.start("word"), rest_at + slashed.end("word"))))
        rest, rest_at = rest[slashed.end() :], rest_at + slashed.end()
        slashed = SLASHED_CAVEAT.match(rest)
    return found, rest, rest_at


# a caveat after the serial behind a separator other than '//' (one slash, three, a
# comma), then no letter or digit
_LOOSE_CAVEAT = regex(r"[ \t]*(?P<sep>/+|,)[ \t]*(?P<word>" + _CAVEAT_WORD.pattern + r")(?![A-Za-z0-9])")


def loose_caveats(seg: Seg, rest: str, rest_at: int, after_caveat: bool, text_ends: bool = True) -> tuple[list[Caveat], str, int]:
    """The caveats that start *rest* (the line's text from *rest_at*, after the serial,
    a caveat after it, or the word with a digit where they go) behind any run of
    slashes or a comma ('/NOFORN/ORCON', '/NOFORN,ORCON', '///NOFORN'), and the rest
    after them. The first written behind
    a separator other than '//' is read with it ('/NOFORN'), for C006 to name the slip
    once, as a caveat with a slip that starts with no word; those after it are read
    as words. A comma starts the run only after a caveat or before a caveat (with a
    slip: 'NOFRON'); a release ends it, left as it was read (its countries may hold
    commas), unless behind slashes with its countries read and no comma after them
    ('/REL TO USA, GBR': see _slashed_release); and so does a word that is no caveat
    with text after it ('/NOFORN, DEPT FOR EUR': an attention line after the caveat),
    unless *text_ends* is False: before the post, where the text after the run is the
    post and serial ('//NOFORN/ORCON BEIRUT 000911')."""
    found: list[Caveat] = []
    loose = _LOOSE_CAVEAT.match(rest)
    if loose is not None and loose.group("sep") == "," and not after_caveat and not caveat_or_slip(loose.group("word")):
        loose = None
    slipped = False
    end = _loose_end(loose, rest)
    while loose is not None and (not REL_TO.match(loose.group("word").upper()) or _slashed_release(loose, rest, end)) and not (text_ends and _starts_text(loose, rest, end)):
        start = loose.start("word") if slipped or loose.group("sep") == "//" else loose.start("sep")
        slipped = slipped or start == loose.start("sep")
        found.append(written_caveat(Text(rest[start:end], seg.span(rest_at + start, rest_at + end))))
        rest, rest_at = rest[end:], rest_at + end
        loose = _LOOSE_CAVEAT.match(rest)
        end = _loose_end(loose, rest)
    return found, rest, rest_at


def _loose_end(loose: Optional[re.Match[str]], rest: str) -> int:
    """Where the caveat that *loose* reads in *rest* ends: a release written with
    slashes ('/REL TO USA/GBR', '/REL TO/GBR') at its last country, which the word
    read only up to its first slash; any other at the word's end."""
    if loose is None:
        return 0
    slashed = slashed_release_end(rest, loose.start("word")) if loose.group("word")[:3].upper() == "REL" else None
    return loose.end("word") if slashed is None else slashed


def _slashed_release(loose: re.Match[str], rest: str, end: int) -> bool:
    """Whether *loose*, a word behind a separator at the start of *rest* that ends at
    *end*, is a release whose countries are read, behind slashes, with no comma after
    it ('/REL TO USA, GBR', '/REL TO USA/GBR') but one before an attention line ('/REL
    TO USA/GBR, DEPT FOR EUR': the comma is named as the release's): the run's last
    caveat, read (not 'REL TO USA' of '/REL TO USA, UK', whose countries go on after
    the comma; nor one behind a comma)."""
    if "/" not in loose.group("sep") or not countries_read(rest[loose.start("word") : end]):
        return False
    return rest[end:].lstrip(" \t")[:1] != "," or attention_after(rest, end) is not None


def _starts_text(loose: re.Match[str], rest: str, end: int) -> bool:
    """Whether the word *loose* read in *rest*, to *end*, starts text (starts_text)."""
    return starts_text(rest[loose.start("word") : end], rest[end:])


def starts_text(word: str, after: str) -> bool:
    """Whether *word*, behind a separator after a caveat, is no caveat (nor one with a
    letter wrong) and text other than a separator follows it (*after*): the start of
    an attention line or other text ('DEPT' of ', DEPT FOR EUR' or '//DEPT FOR EUR'),
    not a caveat not known ('/ORCON'), nor one with no letter or digit after it
    ('/ORCON.': a stop closing the line)."""
    after = after.lstrip(" \t")
    return after[:1] not in ("", "/", ",") and any(c.isalnum() for c in after) and not caveat_or_slip(word)


def release_comma(seg: Seg, last: Caveat, at: int) -> Optional[tuple[Caveat, int]]:
    """The caveat *last*, read in *seg* up to *at*, with a comma after it as its stop,
    when it is a release whose countries are read and the comma stands before an
    attention line ('REL TO USA/GBR, DEPT FOR EUR': 3.3), and where that line starts;
    None for any other caveat or text."""
    if seg.text[at:].lstrip(" \t")[:1] != "," or not countries_read(last.name):
        return None
    after = attention_after(seg.text, at)
    if after is None or after[0] is None:
        return None
    return replace(last, stop=Text(",", seg.span(after[0], after[0] + 1))), after[1]


def caveats_after_caveat(found: list[Caveat], after: str) -> bool:
    """Whether *found*, read by loose_caveats right after a caveat ('NOFORN/ORCON'), are
    caveats: with text *after* them, only when the first is a caveat or one with a
    letter wrong ('NOFORN/EXDIS DEPT FOR NEA'; not 'NOFORN/DEPT FOR NEA', an attention
    line), as on a caveat line."""
    return bool(found) and (not after.strip() or caveat_or_slip(strip_slip(found[0].name)))


def caveat_run(found: list[Caveat], after: str = "") -> bool:
    """Whether *found*, read by loose_caveats where neither a serial nor a caveat stands
    right before them, are caveats: the first behind '//', or behind a slip a caveat
    or one with a letter wrong ('/NOFORN'; not '/FOO'); with text *after* them, the
    first a caveat or one with a letter wrong, behind '//' too ('//EXDIS DEPT FOR
    NEA'; not '//DEPT FOR NEA', an attention line)."""
    return caveats_after_caveat(found, after) and (found[0].name[:1] not in "/," or caveat_or_slip(strip_slip(found[0].name)))


def written_caveat(written: Text) -> Caveat:
    """The caveat *written* on a classification line ("NOFORN", "REL  TO USA"), its
    name in capitals with its blanks as one (as on a caveat line), known when it is
    one of the captions in capitals, and what it releases to if it is a release."""
    up = written.text.upper()
    return Caveat(written.span, " ".join(up.split()), _KNOWN_CAVEAT.fullmatch(up) is not None, release=release_form(written.text))


# '//' and its blanks, then the words after it, each behind '//' with its blanks, as
# many as follow ('//NOFORN//EXDIS//'): a release after them starts where they end
# (a release cannot be one of them: 'REL' has ' TO' after it, not '//')
_SLASHED_CHAIN = regex(r"//[ \t]*(?:[A-Za-z]+[ \t]*//[ \t]*)*")
# a release's REL TO where it starts, then no letter
_REL_TO_AT = regex(r"(?i:rel[ \t]+to)(?![A-Za-z])")
# '//' and its blanks alone
_SLASHES = regex(r"//[ \t]*")
# '//' and the words after it, each behind '//', as many as follow ('//ORCON//EXDIS')
_SLASHED_WORDS = regex(r"(?://[ \t]*[A-Za-z]+[ \t]*)+")


class _Behind:
    """What follows each '//' of the caveat line *text*, for read_caveats: a release
    after a run of words each behind '//' ('//NOFORN//REL TO USA'), or a caveat or a
    run of words to the line's end ('//EXDIS', '//ORCON//EXDIS'). Each run of words
    behind '//' is read once, from its first '//', and what it holds is kept for the
    '//' after inside it, whose run ends where it does: looked for again from each
    '//', a line of thousands of them was read in quadratic time."""

    __slots__ = ("text", "blank_end", "chain_from", "chain_end", "words_from", "words_end")

    def __init__(self, text: str) -> None:
        self.text = text
        end = len(text)
        while end and text[end - 1] in " \t":
            end -= 1
        self.blank_end = end  # the line's end before its trailing blanks
        self.chain_from = self.chain_end = -1  # the last run read by to_release
        self.words_from = self.words_end = -1  # the last run read by to_caveat

    def to_release(self, pos: int) -> Optional[int]:
        """Where the '//' at *pos* and its blanks end, when a release follows them, or
        follows caveats each behind '//' after them ('//REL TO USA/GBR', '//
        NOFORN//REL TO USA'); None otherwise. A '//' inside a run read before, after
        its start, ends its blanks no further than the run ends, and its run ends
        where that one does; any other is read afresh."""
        slashes = _SLASHES.match(self.text, pos)
        if slashes is None:
            return None
        if not self.chain_from <= pos or slashes.end() > self.chain_end:
            chain = _SLASHED_CHAIN.match(self.text, pos)
            assert chain is not None  # ('//' at pos)
            self.chain_from, self.chain_end = pos, chain.end()
        return slashes.end() if _REL_TO_AT.match(self.text, self.chain_end) is not None else None

    def to_caveat(self, pos: int) -> Optional[tuple[int, bool]]:
        """Where the '//' at *pos* in the caveat line and its blanks end, when a caveat
        follows them ('//EXDIS'), one with a letter wrong ('//EXDSI') or a release
        ('//REL TO USA'), or when the words from there to the line's end are each
        behind '//', as a run of caveats is ('//ORCON//EXDIS', whose words C006 names
        when none is known); with whether it was that run (the words after it are all
        caveats, as read_caveats reads them). None for other text ('//DEPT FOR EUR':
        an attention line run on)."""
        text = self.text
        slashes = _SLASHES.match(text, pos)
        if slashes is None:
            return None
        word = _CAVEAT_WORD.match(text, slashes.end())
        if word is not None and caveat_or_slip(_SPACES.sub(" ", word.group())):
            return slashes.end(), False
        if not self.words_from <= pos < self.words_end:
            # (a '//' inside the run read before is one of its words' own: its run
            # ends where that one does)
            run = _SLASHED_WORDS.match(text, pos, self.blank_end)
            self.words_from, self.words_end = pos, -1 if run is None else run.end()
        return (slashes.end(), True) if self.words_end == self.blank_end else None


# up to 13 characters that are not a space, from where a run starts: all that the
# CORRECTED COPY caption is looked for in (read_caveats)
_HEAD = regex(r"(?: *[^ ]){0,13}")
# ten characters that are not whitespace: more than a caveat spaced out holds
_TEN_LETTERS = regex(r"(?:\s*\S){10}")


def read_caveats(seg: Seg) -> tuple[list[Caveat], Optional[Seg]]:
    """Caveat words of a caveat line; also any text run on after them. After the first,
    a word that is no caveat starts that text, unless it and every word after it are
    caveats or caveats with a letter wrong ('NOFORN EXDISS': EXDISS is a caveat, which
    C006 names). A release with other words after it is the release to the line's end
    where it is clearly one ('REL TO USA, UK', 'REL TO: USA, GBR'; C006 names its
    countries as not read), else part of that text ('REL TO THE EMBASSY'). Caveats apart
    by '//' up to a release are read as apart by blanks ('NOFORN//REL TO USA/GBR').
    A release read to a '//' with a caveat after it ('REL TO USA, UK//EXDIS') ends a
    run of them: the caveats from that one on are read as a caveat line of their own
    would be, run after run, in one pass along the line (_read_run)."""
    found: list[Caveat] = []
    behind = _Behind(seg.text)
    start = 0
    while True:
        out, rest, more = _read_run(seg, start, behind)
        found.extend(out)
        if more is None:
            return found, rest
        start = more


def _read_run(seg: Seg, start: int, looks: _Behind) -> tuple[list[Caveat], Optional[Seg], Optional[int]]:
    """The caveats of the caveat line *seg* read from *start* as read_caveats reads a
    line's, and the text run on after them; or, when a release before '//' and a
    caveat after it end them ('REL TO USA, UK//EXDIS'), no text and where that caveat
    starts, to be read from as a line of its own."""
    out: list[Caveat] = []
    text = seg.text
    pos = start
    while pos < len(text) and text[pos].isspace():
        pos += 1
    # (the run's first characters that are not blanks, from *start*, are all the
    # captions below look at: the rest of the line is not copied for each run)
    head = _HEAD.match(text, start)
    assert head is not None  # (it matches the empty string)
    upper = head.group().upper().replace(" ", "")
    if "CORRECTED" in upper[:12] or upper.startswith("CORRECTEDCOPY"):
        out.append(Caveat(_strip_span(seg, pos), "CORRECTED COPY", True))
        return out, None, None
    if _TEN_LETTERS.match(text, start) is None:  # (a caveat is at most 9 letters)
        upper = text[start:].upper()
        joined = "".join(upper.split())
        if len(joined) < len(upper.strip()) and joined in CAVEATS:
            # "S I P D I S": a caveat spaced out as no caveat is written (C006 names it)
            out.append(Caveat(_strip_span(seg, pos), " ".join(joined), False))
            return out, None, None
    slips = False  # whether the rest of the line is all caveats, some misspelt
    slashes_at: dict[int, int] = {}  # where '//' skipped before a word starts, by the word's start
    last_start = last_end = pos
    while pos < len(text):
        slashes = None  # where the '//' at pos and its blanks end, when they are skipped
        if out and text[pos] == "/":
            slashes = looks.to_release(pos)
            if slashes is None and (to_caveat := looks.to_caveat(pos)) is not None:
                # 'NOFORN//EXDIS', 'REL TO USA, GBR//EXDIS', 'NOFORN//ORCON': a caveat
                # behind '//', read as the classification line reads one there (a word
                # no caveat only in a run of them to the line's end, C006 naming it)
                slashes, run = to_caveat
                slips = slips or run
        if slashes is not None:
            # 'NOFORN//REL TO USA/GBR', 'SIPDIS//NOFORN//REL TO USA, GBR': caveats apart
            # by '//' up to a release, as on the classification line, read as apart by
            # blanks (the release's own slashes are C006's, as when it stands alone)
            slashes_at[slashes] = pos
            pos = slashes
        spaced = _SPACED_CAVEAT.match(text, pos)
        if spaced is not None:
            # "S I P D I S NOFORN", "N O F O R N  S I P D I S": one caveat spaced out
            # among others, as no caveat is written (C006 names it)
            letters = "".join(spaced.group().split()).upper()
            out.append(Caveat(seg.span(spaced.start(), spaced.end()), " ".join(letters), False))
            pos = last_end = spaced.end()
            while pos < len(text) and text[pos] in " \t,":
                pos += 1
            continue
        m = _CAVEAT_WORD.match(text, pos)
        if m is None:
            break
        name = _SPACES.sub(" ", m.group().upper())
        slashed = slashed_release_end(text, m.start()) if name[:3] == "REL" else None
        if slashed is not None:
            # 'REL TO USA/GBR', 'REL TO USA / GBR, AUS', 'REL TO/GBR': the release read
            # whole, its countries behind slashes (C006 names the slashes once)
            written = text[m.start() : slashed]
            out.append(Caveat(seg.span(m.start(), slashed), _SPACES.sub(" ", written.upper()), False, release=release_form(written)))
            last_start, pos = m.start(), slashed
            last_end = pos
            while pos < len(text) and text[pos] in " \t,":
                pos += 1
            continue
        known = bool(_KNOWN_CAVEAT.fullmatch(name))
        if out and not known and not slips:
            slips = _all_caveats(text, pos)
            if not slips:
                if (end := release_to_end(text, m.start(), m.end())) is not None:
                    out.append(Caveat(seg.span(m.start(), end), _SPACES.sub(" ", text[m.start() : end].upper()), False, release=release_form(text[m.start() : end])))
                    return out, None, None
                break  # the rest is other text run on after the caveats
        out.append(Caveat(seg.span(m.start(), m.end()), name, known, release=release_form(m.group())))
        last_start = m.start()
        pos = last_end = m.end()
        while pos < len(text) and text[pos] in " \t,":
            pos += 1
    if out and (stop := _CAVEAT_STOP.fullmatch(text, last_end)) is not None:
        # "NOFORN." / "SIPDIS," / "FOR OFFICIAL USE ONLY.": the line's last caveat with
        # punctuation after it (C006 tells a caption from the spelt-out "SENSITIVE BUT
        # UNCLASSIFIED." the archive writes as a sentence under the subject)
        mark = stop.group().strip()
        at = stop.start() + stop.group().index(mark)
        out[-1] = replace(out[-1], stop=Text(mark, seg.span(at, at + len(mark))))
        return out, None, None
    if pos < len(text) and out and out[-1].name.startswith("REL TO"):
        # a release with words after it that are no caveats: one clearly a release
        # ("REL TO USA, ISRAEL", "REL TO: USA, GBR", "REL TO USA AND") is the release to
        # the line's end, its countries in a form not read (C006 names it); other words
        # ("REL TO THE EMBASSY") are the text run on from REL on, kept whole, not a
        # release and a made-up line
        read = countries_read(out[-1].name)
        after = attention_after(text, last_end) if read else None
        if after is not None:
            # 'REL TO USA DEPT FOR EUR', 'REL TO USA/GBR DEPT FOR EUR': the release ends
            # with its countries, and the attention line run on after it is read as it
            # stands (3.3); a comma between them is the release's, named as
            # punctuation after a caveat is
            comma, at = after
            if comma is not None:
                out[-1] = replace(out[-1], stop=Text(",", seg.span(comma, comma + 1)))
            return out, seg.sub(at), None
        cut = _release_before_slashes(text, out[-1], last_start, last_end)
        if cut is not None:
            # 'REL TO USA, UK//EXDIS': the release to the '//', the caveats after it read
            # as after any caveat; other text after it is run on with its '//', as after
            # any caveat ('REL TO USA, UK//DEPT FOR EUR', as 'NOFORN//DEPT FOR EUR')
            cut_at, end = cut
            if end != last_end:
                out[-1] = Caveat(seg.span(last_start, end), _SPACES.sub(" ", text[last_start:end].upper()), False, release=release_form(text[last_start:end]))
            caveat_after = looks.to_caveat(cut_at)
            if caveat_after is None:
                return out, seg.sub(cut_at), None
            return out, None, caveat_after[0]
        if (end := release_to_end(text, last_start, last_end)) is not None:
            out[-1] = Caveat(seg.span(last_start, end), _SPACES.sub(" ", text[last_start:end].upper()), False, release=release_form(text[last_start:end]))
            return out, None, None
        behind = _LOOSE_CAVEAT.match(text, last_end) if read else None
        if behind is not None and behind.group("sep") == "/" and caveat_or_slip(behind.group("word")):
            # 'REL TO USA/EXDIS': a caveat behind one slash after the release, read by
            # the caption line's reader as after any caveat (C006 names the slip)
            return out, seg.sub(behind.start("sep")), None
        out.pop()
        pos = last_start
    # (text run on from a word behind '//' keeps the '//': 'NOFORN//REL TO THE EMBASSY')
    pos = slashes_at.get(pos, pos)
    rest = seg.sub(pos) if pos < len(text) else None
    return out, rest, None


def _release_before_slashes(text: str, release: Caveat, start: int, end: int) -> Optional[tuple[int, int]]:
    """Where the first '//' after the release *release* (from *start* to *end* in the
    caveat line *text*) stands, and where the release ends, when it ends there: right
    before it, the release naming countries ('REL TO USA, GBR//', 'REL TO USA/UK//'),
    or with its countries in a form not read up to it ('REL TO USA' of 'REL TO USA,
    UK//EXDIS': 'REL TO USA, UK'); None when no '//' follows, or other text stands
    before it ('REL TO THE EMBASSY//EXDIS')."""
    cut = text.find("//", end)
    if cut < 0:
        return None
    if not text[end:cut].strip(" \t"):
        return (cut, end) if release.release not in (None, RELEASE_NONE) else None
    # (read on the release and what follows it to the '//' alone, not a copy of the
    # line up to it each time: a line of many releases behind '//' is read in one pass)
    stop = release_to_end(text[start:cut], 0, end - start)
    return None if stop is None else (cut, start + stop)


def caveats_behind_slash(rest: Seg) -> bool:
    """Whether *rest*, the text after a caveat on a caption line, is caveats behind one
    slash and nothing more ('/EXDIS', '/EXDIS/ORCON', '/EXDIS.'), which the caption
    line's reader reads as it reads them after any caveat (C006 names the slip)."""
    if rest.text[:1] != "/" or rest.text[1:2] == "/":
        return False
    loose, after, _ = loose_caveats(rest, rest.text, 0, True)
    return caveats_after_caveat(loose, "") and not any(c.isalnum() for c in after)


def _all_caveats(text: str, pos: int) -> bool:
    """Whether the words of *text* from *pos* to its end are all caveats, or caveats
    with a letter wrong, apart by blanks and commas."""
    while pos < len(text):
        m = _CAVEAT_WORD.match(text, pos)
        if m is None or not caveat_or_slip(_SPACES.sub(" ", m.group())):
            return False
        pos = m.end()
        while pos < len(text) and text[pos] in " \t,":
            pos += 1
    return True


def _strip_span(seg: Seg, lead: int) -> Span:
    """The span of *seg* from *lead*, where the text from some point on starts after
    its whitespace, to its end without its trailing whitespace (Seg.strip_span of
    the segment from that point)."""
    end = len(seg.text.rstrip())
    return seg.span(lead, max(end, lead))
