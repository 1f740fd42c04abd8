"""Caveats written between the classification level and SECTION (cable-format.md 3.1,
3.2), which the line's pattern (CLASS_SHAPE) reads only right after the level and
'//' ('SECRET//NOFORN SECTION 01 OF 02 ...'): caveat words behind blanks ('C O N F I D
E N T I A L NOFORN SECTION 01 OF 02 REYKJAVIK 000214', as 'S E C R E T NOFORN BEIRUT
000911' before the post), and a second caveat or a release behind '//'
('CONFIDENTIAL//NOFORN//REL TO USA, ISL SECTION 01 OF 02 REYKJAVIK 000214'). Without
them the pattern took the caveats and SECTION for the post and the section's number
for the serial."""

from __future__ import annotations

import re
from typing import Optional

from cablelint.compiled import regex
from cablelint.grammar.patterns import field
from cablelint.grammar.read_caveat_runs import caveat_or_slip
from cablelint.grammar.read_release import REL_TO, countries_read
from cablelint.grammar.segment import Seg
from cablelint.model import Text

_CLASS = field("CLASS_SHAPE")
_CAVEAT_WORD = field("CAVEAT_WORD")
# the SECTION keyword and its number after blanks, where the caveats before it end (the
# line's pattern then reads the section whole, or the line is left as it was); tried
# only where a run of blanks begins, so that a long run is not tried from each blank
_SECTION = regex(r"(?<![ \t])[ \t]+(?i:section)[ \t]*\d")
# what stands before each caveat: '//' with any blanks about it, or blanks alone
_SEPARATOR = regex(r"[ \t]*//[ \t]*|[ \t]+")


def caveats_before_section(seg: Seg, m: re.Match[str]) -> Optional[tuple[re.Match[str], list[Text]]]:
    """The line's pattern matched again with the caveats between the level (or its
    SPECAT, or its first caveat after '//') and SECTION blanked out, for the section,
    post and serial after them, and those caveats; None when *m*, the pattern's match
    of *seg*, read a section, or no run of caveats stands before a SECTION."""
    if m.group("cls_section") is not None:
        return None
    start = max(m.end(name) for name in ("cls_level", "cls_mod", "cls_caveat1") if m.group(name) is not None)
    section = _SECTION.search(seg.text, start)
    if section is None or section.start() == start:
        return None
    found = _caveat_run(seg.text, start, section.start())
    if found is None:
        return None
    stop = section.start()
    again = _CLASS.fullmatch(seg.text[:start] + " " * (stop - start) + seg.text[stop:])
    if again is None or again.group("cls_section") is None:
        return None
    return again, [Text(seg.text[b:e], seg.span(b, e)) for b, e in found]


def _caveat_run(text: str, at: int, stop: int) -> Optional[list[tuple[int, int]]]:
    """Where each caveat stands in *text* from *at* to *stop*, when that text is caveats
    alone, each behind '//' or blanks: behind '//' any word, as after the level (C006
    names one not known); behind blanks a caveat or one with a letter wrong; a release
    to its countries read, or, with them in a form not read ('REL TO USA, UK') or more
    text after them than a separator, to the next '//' or SECTION (C006 names them).
    None when it is other text."""
    found: list[tuple[int, int]] = []
    while at < stop:
        sep = _SEPARATOR.match(text, at, stop)
        if sep is None or sep.end() == stop:
            return None
        slashed, at = "/" in sep.group(), sep.end()
        word = _CAVEAT_WORD.match(text, at, stop)
        if word is None:
            return None
        end = word.end()
        if REL_TO.match(word.group().upper()):
            after = _SEPARATOR.match(text, end, stop)
            if not countries_read(word.group()) or not (end == stop or after is not None):
                slashes = text.find("//", end, stop)
                end = len(text[: stop if slashes < 0 else slashes].rstrip(" \t"))
        elif not slashed and not caveat_or_slip(word.group()):
            return None
        found.append((at, end))
        at = end
    return found
