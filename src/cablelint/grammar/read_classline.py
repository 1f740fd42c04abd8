"""The reader of the classification line (3.1): its level, SECTION, post and serial,
and where its caveats stand (their runs read by read_caveat_runs)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from cablelint.compiled import regex
from cablelint.grammar.patterns import field
from cablelint.grammar.read_address import fm_post
from cablelint.grammar.read_caveat_runs import SLASHED_CAVEAT, caveat_or_slip, caveat_run, caveats_after_caveat, loose_caveats, one_slip, release_comma, slashed_caveats, starts_text, written_caveat
from cablelint.grammar.read_release import REL_TO, attention_after, countries_read, named_post, release_before_post, release_form, slashed_release_end, starts_post, strip_slip
from cablelint.grammar.read_section_caveats import caveats_before_section
from cablelint.grammar.segment import Seg
from cablelint.model import RELEASE_NONE, RELEASE_READ, Caveat, ClassificationLine, Problem, Text
from cablelint.numbers import cable_int
from cablelint.quote import LINE, clip

_CLASS = field("CLASS_SHAPE")
_LETTERS_FOR_DIGITS = str.maketrans("OIl", "011")
_CLASS_SPACED = field("CLASS_SPACED")
_CAVEAT_WORD = field("CAVEAT_WORD")
_KNOWN_CAVEAT = field("KNOWN_CAVEAT")
_SPACES = regex(r"[ \t]+")
_STOPS = frozenset(".,;:~")
_WORD = regex(r"[^ \t]+")
_MARKS_TO_BLANKS = str.maketrans("-()", "   ")

LEVEL_BY_LETTERS = {
    "UNCLAS": "UNCLASSIFIED",
    "UNCLASSIFIED": "UNCLASSIFIED",
    "CONFIDENTIAL": "CONFIDENTIAL",
    "SECRET": "SECRET",
    "TOPSECRET": "TOP SECRET",
    "LIMITEDOFFICIALUSE": "LIMITED OFFICIAL USE",
}
_CANONICAL_FORM = {
    "UNCLASSIFIED": "UNCLAS",
    "CONFIDENTIAL": "C O N F I D E N T I A L",
    "SECRET": "S E C R E T",
    "TOP SECRET": "T O P S E C R E T",
    "LIMITED OFFICIAL USE": "LIMITED OFFICIAL USE",
}


def _one_lost(damaged: str, word: str) -> bool:
    """Whether *damaged* is *word* with one letter lost."""
    return len(damaged) == len(word) - 1 and any(word[:i] + word[i + 1 :] == damaged for i in range(len(word)))


def _level_of(letters: str) -> tuple[Optional[str], bool]:
    """(normalised level, damaged?) of a level word with its spaces removed."""
    up = letters.upper()
    if up in LEVEL_BY_LETTERS:
        return LEVEL_BY_LETTERS[up], False
    for word in ("CONFIDENTIAL", "SECRET", "UNCLAS"):
        if _one_lost(up, word):
            return LEVEL_BY_LETTERS[word], True
    if "UNCLAS" in up:
        return "UNCLASSIFIED", True
    if "ONFIDENTIAL" in up or "CONFIDENT" in up:
        return "CONFIDENTIAL", True
    if up.startswith("TOP"):
        return "TOP SECRET", True
    if up.endswith("ECRET") or up.endswith("SECRE"):
        return "SECRET", True
    return slip_of_level(up), True


def slip_of_level(letters: str) -> Optional[str]:
    """The level whose word *letters* (capitals, no spaces) is with one letter wrong."""
    return next((level for word, level in LEVEL_BY_LETTERS.items() if one_slip(letters, word)), None)


def _expected_level(letters: str, level: str) -> str:
    """How the level *letters* stand for is written: UNCLASSIFIED where the damaged
    word is closer to it than to UNCLAS ('UNCLASIFIED'), else the usual form."""
    if level == "UNCLASSIFIED" and one_slip(letters.upper(), "UNCLASSIFIED"):
        return "UNCLASSIFIED"
    return _CANONICAL_FORM[level]


def _extra_letter(seg: Seg, m: re.Match[str], letters: str, level: Optional[str]) -> Optional[Text]:
    """The lone letter after a whole spaced level ('S E C R E T T'), if that is the
    damage: the letter too many (3.1)."""
    written = m.group("cls_level")
    if level is None or " " not in written.strip() or letters[:-1].upper() != _CANONICAL_FORM[level].replace(" ", ""):
        return None
    at = m.start("cls_level") + len(written.rstrip()) - 1
    return Text(seg.text[at], seg.span(at, at + 1))


def misspelt_class_line(text: str, alone: bool = False) -> bool:
    """Whether a line the grammar took for other text is the classification line with
    its level misspelt: a level word with one letter wrong ('UNCLASS BAMAKO 000341',
    'T O P S E C E R T CAIRO 000214'), then the post. With *alone*, also such a word
    with nothing after it ('C O N F I D E N I T A L')."""
    m = _CLASS.fullmatch(text)
    if m is None or m.group("cls_misspelt") is None:
        return False
    if (m.group("cls_post") or m.group("cls_post_only")) is None and not (alone and not m.group("cls_rest").strip()):
        return False
    return slip_of_level(_SPACES.sub("", m.group("cls_level")).upper()) is not None


def class_line_with_serial(text: str) -> bool:
    """Whether *text* reads as a classification line with its post and serial, its
    level not misspelt ('S E C R E T MOSCOW 011807'): one the reader left under a
    banner it took for the line ('SECRET' / '' / 'S E C R E T MOSCOW 011807')."""
    m = _CLASS.fullmatch(text)
    return m is not None and m.group("cls_misspelt") is None and m.group("cls_serial") is not None


def _caveats_before_post(seg: Seg, m: re.Match[str], name: str, keep_one: bool) -> tuple[Optional[Text], list[Text]]:
    """Caveat words between the level and the post, written without '//' ('S E C R E T
    NOFORN BEIRUT 000911', 'SECRET NOFORN'), a misspelt one too: the post (group *name*)
    without them, and them. With *keep_one* the last word stays the post."""
    start, text = m.start(name), m.group(name)
    words = list(_WORD.finditer(text))
    taken: list[Text] = []
    for wm in words[: len(words) - 1 if keep_one else len(words)]:
        if not caveat_or_slip(wm.group()):
            break
        taken.append(Text(wm.group(), seg.span(start + wm.start(), start + wm.end())))
    if not taken:
        return seg.group(m, name), []
    if len(taken) == len(words):
        return None, taken
    at = words[len(taken)].start()
    return Text(text[at:], seg.span(start + at, start + len(text))), taken


def _digit_post(seg: Seg, m: re.Match[str], post_group: str) -> Optional[re.Match[str]]:
    """The post and serial read again from where the post starts, when a digit typed
    in the post ('DHAK4 000733') kept the line's pattern from reading either."""
    if m.group("cls_caveat2") is not None:
        return None
    if m.group(post_group) is not None:
        at = m.start(post_group)
    else:
        rest = m.group("cls_rest")
        at = m.start("cls_rest") + len(rest) - len(rest.lstrip(" \t"))
    return field("CLASS_DIGIT_POST").fullmatch(seg.text, at)


def split_class_rest(seg: Seg, fm: Optional[str] = None) -> tuple[ClassificationLine, Optional[Seg]]:
    """Read a classification line; also return text run on after it, if any. *fm* is
    the FM line's PLAD, when the cable has one above the line ('AMEMBASSY DAR ES
    SALAAM'): the post it names ends a release written before the post."""
    m = _CLASS.fullmatch(seg.text)
    assert m is not None
    before_section = caveats_before_section(seg, m)
    if before_section is not None:
        # 'C O N F I D E N T I A L NOFORN SECTION 01 OF 02 REYKJAVIK 000214': the caveats
        # before SECTION are read, and the line as without them; not the caveats and
        # SECTION taken for the post and '01' for the serial
        m = before_section[0]
    level_text = seg.group(m, "cls_level")
    assert level_text is not None
    letters = level_text.text.replace(" ", "").replace("\t", "")
    level, damaged = _level_of(letters)
    problems: list[Problem] = []
    if level is None or damaged:
        expected = f": expected {_expected_level(letters, level)}" if level else ": expected UNCLAS, C O N F I D E N T I A L, S E C R E T or T O P S E C R E T"
        how = "is misspelt" if m.group("cls_misspelt") is not None else "is damaged"
        extra = _extra_letter(seg, m, letters, level)
        if extra is not None:
            problems.append(Problem("classification", extra.span, f"classification '{clip(level_text.text)}' has an extra '{clip(extra.text)}' after the level{expected}"))
        else:
            problems.append(Problem("classification", level_text.span, f"classification '{clip(level_text.text)}' {how}{expected}"))
    elif "\t" in level_text.text and _CLASS_SPACED.fullmatch(level_text.text.replace("\t", " ")):
        # a tab where a space stands ("S E C<TAB>R E T"): read as the space, named at the tab
        first, last = level_text.text.index("\t"), level_text.text.rindex("\t")
        tabs = "a tab where a space belongs" if first == last else "tabs where spaces belong"
        at = m.start("cls_level")
        problems.append(
            seg.problem("classification", at + first, at + last + 1, f"classification '{clip(level_text.text)}' has {tabs}: expected {clip(level_text.text.replace(chr(9), ' '))}")
        )
    elif not _CLASS_SPACED.fullmatch(level_text.text):
        if _CLASS_SPACED.fullmatch(level_text.text.upper()):
            # in capitals, the word as written is a form the line takes ('Unclassified':
            # UNCLASSIFIED, not UNCLAS; 'Confidential': CONFIDENTIAL)
            problems.append(Problem("classification", level_text.span, f"classification '{clip(level_text.text)}' is not in capitals: expected {clip(level_text.text.upper())}"))
        else:
            problems.append(Problem("classification", level_text.span, f"classification '{clip(level_text.text)}' is irregularly spaced: expected {_CANONICAL_FORM[level]}"))
    mod = m.group("cls_mod")
    if level == "UNCLASSIFIED" and mod and mod.upper() == "EFTO":
        level = "UNCLASSIFIED EFTO"
    section = seg.group(m, "cls_section")
    caveat1 = seg.group(m, "cls_caveat1")
    slashed_kw = False
    if section is not None and caveat1 is not None and m.group("cls_sec_kw") is None and caveat1.text.upper() == "SECTION":
        # 'S E C R E T // SECTION 01 OF 02': the keyword after stray slashes, no caveat;
        # one finding at the slashes, the section read with its keyword
        slashes = seg.text.index("//", m.end("cls_level"))
        expected = f"{level_text.text} {caveat1.text} {' '.join(section.text.split())}"
        problems.append(seg.problem("section", slashes, slashes + 2, f"'//' before '{clip(caveat1.text)}' on the classification line: expected '{clip(expected)}'"))
        section = Text(seg.text[m.start("cls_caveat1") : m.end("cls_section")], seg.span(m.start("cls_caveat1"), m.end("cls_section")))
        caveat1, slashed_kw = None, True
    sec_no = cable_int(m.group("cls_sec_no").translate(_LETTERS_FOR_DIGITS)) if section else None
    sec_total = cable_int(m.group("cls_sec_total").translate(_LETTERS_FOR_DIGITS)) if section and m.group("cls_sec_total") else None
    if section is not None and sec_total is None:
        problems.append(Problem("section", section.span, f"'{clip(section.text)}' gives no number of sections: expected '{clip(f'SECTION {sec_no:02d} OF NN')}'"))
    elif section is not None:
        meant_text = section.text  # with the digits and OF as meant, for the check below
        slips = []
        for name in ("cls_sec_no", "cls_of", "cls_sec_total"):
            part = seg.group(m, name)
            assert part is not None
            meant = "OF" if name == "cls_of" else part.text.translate(_LETTERS_FOR_DIGITS)
            if name == "cls_of" and part.text.startswith("0"):
                problems.append(Problem("section", part.span, f"'{clip(part.text)}' in '{clip(section.text)}' has a zero for the letter O: expected OF"))
            elif name != "cls_of" and meant != part.text:
                problems.append(Problem("section", part.span, f"section number '{clip(part.text)}' in '{clip(section.text)}' has letters for digits: expected {clip(meant)}"))
            else:
                continue
            slips.append((m.start(name) - m.start("cls_section"), len(part.text), meant))
        for at, size, meant in reversed(slips):  # from the end, so that offsets hold
            meant_text = meant_text[:at] + meant + meant_text[at + size :]
        spaced = _SPACES.sub(" ", meant_text)
        if not field("CLASS_SECTION").fullmatch(spaced):
            how = "is not in capitals" if field("CLASS_SECTION").fullmatch(spaced.upper()) else "is malformed"
            if m.group("cls_sec_kw") is None and not slashed_kw:
                how = "has no SECTION keyword"
            elif how == "is malformed" and section.text[:7].upper() != "SECTION":
                how = "is misspelt"
            problems.append(Problem("section", section.span, f"'{clip(section.text)}' {how}: expected '{clip(f'SECTION {sec_no:02d} OF {sec_total:02d}')}'"))
    serial = seg.group(m, "cls_serial")
    post_group = "cls_post" if m.group("cls_post") is not None else "cls_post_only"
    rest = m.group("cls_rest")
    rest_at = m.start("cls_rest")
    digit = _digit_post(seg, m, post_group) if serial is None and any(c.isdigit() for c in rest) else None
    if digit is not None:
        # 'DHAK4 000733': the post with a digit in it, and the serial after it
        post, leading = _caveats_before_post(seg, digit, "cls_dpost", True)
        serial = seg.group(digit, "cls_dserial")
        rest, rest_at = digit.group("cls_drest"), digit.start("cls_drest")
    else:
        post, leading = _caveats_before_post(seg, m, post_group, serial is not None) if m.group(post_group) is not None else (None, [])
    if section is not None and sec_total is not None and post is not None and serial is not None and post.text.upper() == "OF" and not leading:
        words = rest.split()
        if len(words) >= 2 and words[-1].isdigit() and all(w.isalpha() for w in words[:-1]) and rest[:1] in (" ", "\t"):
            # 'SECTION 01 OF 03 OF 03 MOSCOW 003109': 'OF 03' typed twice, read as the
            # post and the serial; one finding at the repeat, the post and serial after it
            problems.append(
                Problem("section", post.span.cover(serial.span), f"'{clip(post.text)} {clip(serial.text)}' repeats the number of sections after '{clip(section.text)}': expected '{clip(section.text)}' then the post and serial")
            )
            begin = rest_at + len(rest) - len(rest.lstrip())
            end = rest_at + len(rest.rstrip())
            gap = seg.text.rindex(words[-1], begin, end)
            post = Text(seg.text[begin:gap].rstrip(), seg.span(begin, begin + len(seg.text[begin:gap].rstrip())))
            serial = Text(words[-1], seg.span(gap, end))
            rest, rest_at = rest[len(rest.rstrip()) :], end
    release_at = (m.start("cls_caveat1"), m.end("cls_caveat1")) if caveat1 is not None else (-1, -1)
    slashed2 = m.group("cls_caveat2") is not None
    after_serial: Optional[re.Match[str]] = None
    whole = _slashed_first(seg, m, caveat1) if section is None and digit is None and post is None and serial is None and not slashed2 else None
    if whole is not None:
        # 'SECRET//REL TO USA/GBR BAMAKO 000712', 'SECRET//REL TO / GBR BAMAKO 000712': the
        # line's pattern read the release up to its first slash; it is read whole (C006
        # names the slashes once), then the post and serial, or the rest, after it
        release_at, post, serial, rest, rest_at = whole
        caveat1 = Text(seg.text[release_at[0] : release_at[1]], seg.span(*release_at))
        after_serial = SLASHED_CAVEAT.match(rest) if serial is not None else None
    early: list[Text] = []  # caveats after caveat2, read before the post's
    if caveat1 is None and digit is None and not leading and post is not None and post.text[:3].upper() == "REL":
        # (with a caveat after the serial, 'BEIRUT 000911//NOFORN', the post and serial
        # are read up to the serial's end alone (the post's, with no serial), and the
        # rest stays as the line read it)
        stop = (m.end("cls_serial") if serial is not None else m.end(post_group)) if slashed2 else None
        blank = _release_for_slashes(seg, m.start(post_group), stop)
        # a rest from '/' after the release's countries ('... MOSCOW 011807//NOFORN',
        # which the line's pattern could not reach past a comma): a caveat, or the
        # line is left as its pattern read it
        slash = blank is not None and stop is None and blank[3].lstrip(" \t")[:1] == "/"
        after_serial = SLASHED_CAVEAT.match(blank[3]) if blank is not None and slash else None
        if blank is not None and (stop is None or blank[1] is not None or serial is None) and (after_serial is not None or not slash):
            # 'S E C R E T REL TO USA HO CHI MINH CITY 000911': a release with a blank
            # where its '//' goes is read as with them; a release is never the post
            release_at, post, serial = blank[:3]
            if stop is None:
                rest, rest_at = blank[3:]
            caveat1 = Text(seg.text[release_at[0] : release_at[1]], seg.span(*release_at))
    release_end = release_at[1]
    caveat2 = seg.group(m, "cls_caveat2")
    caveat2_at = (m.start("cls_caveat2"), m.end("cls_caveat2"))
    if after_serial is not None and caveat1 is not None and caveat2 is None:
        # 'S E C R E T REL TO USA, GBR MOSCOW 011807//NOFORN': the caveat after the
        # serial is read as after any serial
        caveat2_at = (rest_at + after_serial.start("word"), rest_at + after_serial.end("word"))
        caveat2 = Text(after_serial.group("word"), seg.span(*caveat2_at))
        rest, rest_at = rest[after_serial.end() :], rest_at + after_serial.end()
    slashed_end = slashed_release_end(seg.text, caveat2_at[0]) if caveat2 is not None and rest_at == caveat2_at[1] and caveat2.text[:3].upper() == "REL" else None
    if slashed_end is not None and slashed_end > caveat2_at[1]:
        # 'BEIRUT 000911//REL TO USA/GBR DEPT FOR EUR': the release after '//', read up
        # to its first slash by the line's pattern, is read whole, as the first is
        caveat2_at = (caveat2_at[0], slashed_end)
        caveat2 = Text(seg.text[caveat2_at[0] : slashed_end], seg.span(*caveat2_at))
        rest, rest_at = seg.text[slashed_end:], slashed_end
    if caveat1 is not None and section is None and digit is None and not leading and REL_TO.match(caveat1.text.upper()):
        moved = release_before_post(seg, release_at[0], release_end, post, serial, rest, fm)
        if moved is not None:
            caveat1, post, serial, rest, rest_at = moved
            cut = _caveats_in_release(seg, release_at[0], caveat1) if caveat2 is None else None
            if cut is not None:
                # 'SECRET//REL TO USA, UK//NOFORN SANTIAGO 000712': the release ends at
                # the '//' before the caveats, which are read as after a release read
                caveat1, caveat2, caveat2_at, early = cut
                release_end = release_at[0] + len(caveat1.text)
            slashed = SLASHED_CAVEAT.match(rest) if caveat2 is None else None
            if slashed is not None:
                # 'SECRET//REL TO USA, UK BEIRUT 000911//NOFORN': the caveat after the
                # serial, which the line's pattern could not reach past the release's
                # countries not read, is read as after any serial
                caveat2_at = (rest_at + slashed.start("word"), rest_at + slashed.end("word"))
                caveat2 = Text(slashed.group("word"), seg.span(*caveat2_at))
                rest, rest_at = rest[slashed.end() :], rest_at + slashed.end()
    if caveat1 is not None and caveat2 is not None and post is not None and serial is None and section is None and digit is None and not leading and release_form(caveat1.text) == RELEASE_NONE:
        late = _AFTER_RELEASE.fullmatch(seg.text, rest_at)
        if late is not None and late.group("serial") is not None:
            # 'SECRET//REL TO XX//NOFORN BEIRUT 000911': the words after REL TO are its
            # countries, in a form not read (C006 names them), not the post: the post
            # and serial are those after the caveat that follows them
            release_end = post.span.end - seg.span().start
            caveat1 = Text(seg.text[release_at[0] : release_end], seg.span(release_at[0], release_end))
            post, serial = seg.group(late, "post"), seg.group(late, "serial")
            rest, rest_at = late.group("rest"), late.start("rest")
    more_caveats: list[Text] = early  # caveats after caveat2 and before the post, '//' before each
    moved2 = None
    if caveat2 is not None and post is None and serial is None and digit is None and not leading and REL_TO.match(caveat2.text.upper()):
        moved2 = release_before_post(seg, caveat2_at[0], caveat2_at[1], None, None, rest, fm)
        if moved2 is not None and (moved2[1] is None or (len(moved2[1].text) <= 3 and moved2[1].text.isalpha() and not named_post(moved2[1].text, fm))):
            moved2 = None  # ('//REL TO USA, UK 011807': UK is one of the countries, no post)
    if moved2 is not None:
        # 'S E C R E T SECTION 01 OF 02//REL TO USA, UK MOSCOW 011807', 'S E C R E T//NOFORN
        # //REL TO USA, UK MOSCOW 011807': a release after SECTION or another caveat,
        # its countries in a form not read, runs to the post, as the line's first does;
        # the caveats after the serial are read as after any serial
        caveat2, post, serial, rest, rest_at = moved2
        caveat2_at = (caveat2_at[0], caveat2_at[0] + len(caveat2.text))
        after_serial_caveats, rest, rest_at = slashed_caveats(seg, rest, rest_at)
        more_caveats.extend(after_serial_caveats)
    if caveat2 is not None and post is None and serial is None and digit is None:
        more_at, slashed = rest_at, SLASHED_CAVEAT.match(seg.text, rest_at)
        while slashed is not None and not _attention_behind(slashed.group("word"), seg.text[slashed.end("word") :], fm):
            # 'S E C R E T SECTION 01 OF 02//NOFORN//ORCON BOGOTA 009120': more caveats
            # after caveat2, '//' before each, then the post and serial ('//DEPT FOR EUR'
            # after them is an attention line run on, as on a caveat line)
            start, end, more_at = slashed.start("word"), slashed.end("word"), slashed.end()
            full_end = slashed_release_end(seg.text, start) if slashed.group("word")[:3].upper() == "REL" else None
            if full_end is not None and full_end > end:
                # ('//SIPDIS//NOFORN//REL TO USA/GBR BOGOTA 009120': a release with slashes,
                # read up to its first by the caveat's pattern, is read whole)
                end = more_at = full_end
            more_caveats.append(Text(seg.text[start:end], seg.span(start, end)))
            slashed = SLASHED_CAVEAT.match(seg.text, more_at)
        late = _AFTER_RELEASE.fullmatch(seg.text, more_at)
        if more_caveats and not seg.text[more_at:].strip():
            # 'S E C R E T SECTION 01 OF 02//NOFORN//ORCON': the caveats end the line,
            # no post or serial after them: all of them are read (C002 quotes them)
            rest, rest_at = seg.text[more_at:], more_at
        elif late is None or late.group("serial") is None:
            if more_caveats:
                # 'S E C R E T SECTION 01 OF 02//NOFORN//ORCON - BOGOTA 009120', '...//ORCON
                # BOGOTA009120', '...//ORCON BOGOTA': the caveats are kept, and the rest
                # after them is read as after any caveat (a marked or glued post and serial)
                rest, rest_at = seg.text[more_at:], more_at
        else:
            # 'S E C R E T SECTION 01 OF 02//REL TO USA MOSCOW 011807', 'S E C R E T//NOFORN
            # //REL TO USA, GBR MOSCOW 011807': a caveat after SECTION or another caveat,
            # then the post and serial, read as a caveat before the post is (a release
            # whose countries are read does not run on over them); caveat words before
            # the post, written without '//' ('//NOFORN EXDIS BOGOTA 009120'), are caveats
            post, unslashed = _caveats_before_post(seg, late, "post", True)
            more_caveats.extend(unslashed)
            serial = seg.group(late, "serial")
            rest, rest_at = late.group("rest"), late.start("rest")
            slashed = SLASHED_CAVEAT.match(rest) if caveat1 is None else None
            if slashed is not None:
                # ('... SECTION 01 OF 02//REL TO USA MOSCOW 011807//NOFORN': the caveat
                # before the post is the line's first, the one after the serial its second)
                caveat1, caveat2_at = caveat2, (rest_at + slashed.start("word"), rest_at + slashed.end("word"))
                caveat2 = Text(slashed.group("word"), seg.span(*caveat2_at))
                rest, rest_at = rest[slashed.end() :], rest_at + slashed.end()
                leading, more_caveats = [*leading, *more_caveats], []  # (the caveats before the post, in order)
    comma1: Optional[Text] = None
    if caveat1 is not None and serial is None and section is None and not leading and countries_read(caveat1.text):
        # 'SECRET//REL TO USA DEPT FOR EUR', no post or serial: the release ends with
        # its countries, and the attention line run on after it is no post (3.3)
        after = attention_after(seg.text, release_end)
        if after is not None:
            end = release_end
            if after[0] is not None:
                comma1, end = Text(",", seg.span(after[0], after[0] + 1)), after[0] + 1
            post, rest, rest_at = None, seg.text[end:], end
    if (
        caveat1 is not None
        and caveat2 is None
        and post is None
        and serial is None
        and section is None
        and digit is None
        and not leading
        and comma1 is None
        and REL_TO.match(caveat1.text.upper())
        and rest.lstrip(" \t")[:1] in (",", ":")
        and not any(w.isdigit() for w in rest.split())
        and not starts_post(rest.replace(",", " ").replace(":", " ").split(), fm)
        and _release_stop(rest)
    ):
        # 'SECRET//REL TO USA, UK', 'SECRET//REL TO: USA, GBR', no post or serial: the
        # release with its countries in a form not read runs to the line's end (C006
        # names it), to a '//' or a known caveat, as after SECTION or another caveat;
        # not a release of fewer countries or none and the rest run on. Not over a
        # serial, nor a post after a comma ('REL TO USA/GBR, BEIRUT 000911': C002)
        release_end = rest_at + _release_stop(rest)
        caveat1 = Text(seg.text[release_at[0] : release_end], seg.span(release_at[0], release_end))
        rest, rest_at = seg.text[release_end:], release_end
    # SPECAT (EXCLUSIVE) after the level is a handling caveat written there (3.1, 3.2)
    specat = seg.group(m, "cls_mod") if mod and mod.upper().startswith("SPECAT") else None
    comma2: Optional[Text] = None
    after = attention_after(seg.text, caveat2_at[1]) if caveat2 is not None and countries_read(caveat2.text) else None
    if after is not None:
        # '//REL TO USA DEPT FOR EUR': the release ends with its countries, and the
        # attention line run on after it is read as it stands (3.3); a comma between
        # them is the release's, named as punctuation after a caveat is
        end = caveat2_at[1]
        if after[0] is not None:
            comma2 = Text(",", seg.span(after[0], after[0] + 1))
            end = after[0] + 1
        rest, rest_at = seg.text[end:], end
    elif caveat2 is not None and moved2 is None and REL_TO.match(caveat2.text.upper()) and any(c.isalnum() for c in rest) and rest.lstrip()[:1] != "/" and _release_stop(rest):
        # '//REL TO: USA, GBR', '//REL TO USA AND THE UK': a release with its countries
        # written in a form not read is the release to the line's end (C006 names it),
        # not a release of no countries or fewer and other text; it stops at a known
        # caveat ('//REL TO USA, UK  SIPDIS'); a stray mark alone after it is no
        # country ('//REL TO USA, GBR ~': C002 names the mark)
        stop = _release_stop(rest)
        end = rest_at + stop
        caveat2 = Text(seg.text[caveat2_at[0] : end], seg.span(caveat2_at[0], end))
        rest, rest_at = rest[stop:], end
    slashed = SLASHED_CAVEAT.match(rest) if serial is not None and caveat2 is not None else None
    while slashed is not None and not _attention_behind(slashed.group("word"), rest[slashed.end("word") :], fm):
        # 'S E C R E T//NOFORN//REL TO USA, GBR MOSCOW 011807//SIPDIS', 'MOSCOW
        # 011807//NOFORN//EXDIS': every caveat after the serial, '//' before each, is read,
        # not the line's second alone (the rest was read as an attention line)
        start = rest_at + slashed.start("word")
        full_end = slashed_release_end(seg.text, start) if slashed.group("word")[:3].upper() == "REL" else None
        if full_end is not None and full_end > rest_at + slashed.end("word"):
            # '... 000911//NOFORN//REL TO USA/GBR': the release, read up to its first
            # slash by the caveat's pattern, is read whole (C006 names the slashes once)
            more_caveats.append(Text(seg.text[start:full_end], seg.span(start, full_end)))
            rest, rest_at = seg.text[full_end:], full_end
        else:
            more_caveats.append(Text(slashed.group("word"), seg.span(start, rest_at + slashed.end("word"))))
            rest, rest_at = rest[slashed.end() :], rest_at + slashed.end()
        slashed = SLASHED_CAVEAT.match(rest)
        last_caveat = more_caveats[-1].text
        if slashed is None and any(c.isalnum() for c in rest) and rest.lstrip()[:1] != "/" and REL_TO.match(last_caveat.upper()) and (release_form(last_caveat) != RELEASE_READ or attention_after(seg.text, rest_at) is None) and _release_stop(rest):
            # ('//REL TO USA, UK' last: the release to the line's end, as caveat2 is, or
            # to a known caveat; not '//REL TO USA DEPT FOR EUR', the attention line run
            # on after it)
            stop = _release_stop(rest)
            end = rest_at + stop
            more_caveats[-1] = Text(seg.text[start:end], seg.span(start, end))
            rest, rest_at = rest[stop:], end
    if caveat1 is not None and caveat2 is not None and post is None and serial is None and section is None and digit is None and not more_caveats and rest_at == caveat2_at[1]:
        slashes = seg.text.rfind("//", 0, caveat2_at[0])
        if slashes >= 0 and _attention_behind(caveat2.text, rest, fm):
            # 'SECRET//NOFORN//DEPT FOR EUR', 'SECRET//REL TO USA, GBR//DEPT FOR EUR': a word
            # behind '//' after the caveat that is no caveat, with more text after it,
            # starts an attention line run on, as on a caveat line ('NOFORN//DEPT FOR EUR')
            caveat2, rest, rest_at = None, seg.text[slashes:], slashes
    # (a comma between a release and the attention line run on after it: C006 names it)
    stops = [(t, comma1 if t is caveat1 else comma2 if t is caveat2 else None) for t in (specat, caveat1, *leading, caveat2, *more_caveats) if t is not None]
    caveats = tuple(written_caveat(t) if stop is None else replace(written_caveat(t), stop=stop) for t, stop in stops)
    if before_section is not None:
        # (in their place on the line, after the level's SPECAT and first caveat)
        at = sum(c.span.start < before_section[1][0].span.start for c in caveats)
        caveats = (*caveats[:at], *map(written_caveat, before_section[1]), *caveats[at:])
    if post is None and serial is None and digit is None and rest[:1] in ("/", ",") and not _release_comma(caveats, rest):
        # 'SECRET//ORCON/NOFORN SANTIAGO 000712', 'SECRET/NOFORN SANTIAGO 000712': caveats
        # behind one slash or a comma after the level or a caveat, then the post and
        # serial or the line's end, read as with '//' (C006 names the slip, as after a
        # serial); not a release's countries after a comma ('//REL TO USA, UK'), nor
        # the post after one ('//NOFORN, SANTIAGO 000712': the comma C002 names), so
        # after a comma a caveat or one with a letter wrong ('//NOFORN,SIPDIS'), or,
        # right after a caveat, any word that starts no post with the post and serial
        # or the line's end after the run ('//NOFORN,ORCON BEIRUT 000911'; not
        # '//NOFORN,BEIRUT 000911' nor '//NOFORN,TEL AVIV 000911')
        adjacent = bool(caveats) and caveats[-1].span.end == seg.span(rest_at, rest_at).start
        behind = rest[1:].split()
        comma = adjacent and rest[:1] == "," and bool(behind) and not starts_post(behind, fm)
        loose, loose_rest, loose_at = loose_caveats(seg, rest, rest_at, adjacent and (rest[:1] == "/" or comma), text_ends=False)
        late = _AFTER_RELEASE.fullmatch(seg.text, loose_at) if loose else None
        late = late if late is not None and late.group("serial") is not None else None
        # (to the line's end: a run of caveats, or words behind a slash or comma right
        # after a caveat and right before them, '//NOFORN/ORCON', '//NOFORN,ORCON', as
        # after a serial; not '//NOFORN/DEPT FOR EUR', nor a slash and the post,
        # 'EXDIS/ SANTIAGO')
        glued = adjacent and (rest[:1] == "/" or comma) and rest[1:2] not in (" ", "\t")
        ends = late is not None or (not loose_rest.strip() and (glued or caveat_run(loose)))
        if loose and (adjacent or caveat_run(loose)) and ends:
            caveats, rest, rest_at = (*caveats, *loose), loose_rest, loose_at
            if late is not None:
                post, serial = seg.group(late, "post"), seg.group(late, "serial")
                rest, rest_at = late.group("rest"), late.start("rest")
                after_serial_caveats, rest, rest_at = slashed_caveats(seg, rest, rest_at)
                caveats = (*caveats, *map(written_caveat, after_serial_caveats))
    if level == "UNCLASSIFIED" and post is not None and " " in post.text:
        # 'UNCLAS ETFO DHAKA': EFTO misspelt is read as the post's first word
        word = post.text.split()[0]
        if word.upper() != "EFTO" and one_slip(word.upper().replace("0", "O"), "EFTO"):
            off = seg.text.find(post.text, m.start(post_group))
            skip = len(word) + len(post.text[len(word) :]) - len(post.text[len(word) :].lstrip())
            level = "UNCLASSIFIED EFTO"
            problems.append(seg.problem("classification", off, off + len(word), f"'{clip(word)}' after {level_text.text} is misspelt: expected EFTO"))
            post = Text(post.text[skip:], seg.span(off + skip, off + len(post.text)))
    if digit is not None and post is not None and any(c.isdigit() for c in post.text):
        zeros = not any(c.isdigit() for c in post.text.replace("0", ""))
        meant = f"'{clip(post.text.replace('0', 'O'))}', in letters only (the letter O for the zero)" if zeros else "the post's name in letters only"
        problems.append(Problem("classification", post.span, f"post '{clip(post.text)}' has a digit in it: expected {meant}"))
    if post is not None and digit is None:
        post, serial, rest, rest_at, joined = _mark_before_serial(seg, post, serial, rest, rest_at, problems)
        if serial is None and rest[:1] in (" ", "\t") and any(c.isdigit() for c in rest):
            # 'NEW DELHI003044': a post of several words glued to the serial, which the
            # line's pattern read as the post's first word; read from the post's start
            start = len(seg.text[: post.span.start - seg.span().start].rstrip(" \t"))
            glued = _marked_post(seg, seg.text[start:], start, problems, fm)
            if glued[1] is not None:
                (post, serial, rest, rest_at), joined = glued, True
        if joined:
            # ('SANTIAGO-000712//NOFORN': the caveats after the serial, as after any serial)
            after_serial_caveats, rest, rest_at = slashed_caveats(seg, rest, rest_at)
            caveats = (*caveats, *map(written_caveat, after_serial_caveats))
    if serial is None and post is not None:
        lettered = field("CLASS_LETTERED_SERIAL").match(rest)
        if lettered is not None:
            written = lettered.group("cls_lettered")
            digits = written.translate(_LETTERS_FOR_DIGITS)
            at = rest_at + lettered.start("cls_lettered")
            why = f"has letters for digits: expected {digits}" if digits.isdigit() else "has a letter in it: expected digits only, 6 of them zero padded"
            problems.append(seg.problem("classification", at, at + len(written), f"serial '{clip(written)}' {why}"))
            rest, rest_at = rest[lettered.end() :], rest_at + lettered.end()
    if serial is None and post is None and digit is None and rest[:2].strip()[:1] in _STOPS:
        stopped = field("CLASS_STOP_POST").fullmatch(rest)
        if stopped is not None:
            # 'CONFIDENTIAL. RABAT 000612': a stop after the level, the post and serial after it
            mark = stopped.group("cls_stop")
            at = rest_at + stopped.start("cls_stop")
            post = Text(stopped.group("cls_spost"), seg.span(rest_at + stopped.start("cls_spost"), rest_at + stopped.end("cls_spost")))
            serial = Text(stopped.group("cls_sserial"), seg.span(rest_at + stopped.start("cls_sserial"), rest_at + stopped.end("cls_sserial")))
            before = seg.text[m.start("cls_level") : at].rstrip()
            problems.append(seg.problem("classification", at, at + 1, f"unexpected '{clip(mark)}' after '{clip(before)}' on the classification line: expected '{clip(before)} {clip(post.text)} {clip(serial.text)}'"))
            rest, rest_at = stopped.group("cls_srest"), rest_at + stopped.start("cls_srest")
    if serial is None and post is None and digit is None:
        post, serial, rest, rest_at = _marked_post(seg, rest, rest_at, problems, fm)
        if serial is not None:
            # 'C O N F I D E N T I A L - SANTIAGO 000712//NOFORN//ORCON': the caveats
            # after the serial, which the line's pattern could not reach past the mark,
            # are read as after any serial, '//' before each; also after a caveat after
            # SECTION ('SECTION 01 OF 02//ORCON - SANTIAGO 000712//NOFORN')
            after_serial_caveats, rest, rest_at = slashed_caveats(seg, rest, rest_at)
            caveats = (*caveats, *map(written_caveat, after_serial_caveats))
    if serial is None and post is None and digit is None:
        bare = field("CLASS_BARE_SERIAL").match(rest) or _BARE_SERIAL_SLASHED.match(rest) or _MARKED_BARE_SERIAL.match(rest)
        if bare is not None and "open" in bare.re.groupindex and (bare.group("open") == "(") != (bare.group("close") == ")"):
            bare = None  # (a parenthesis not closed, or closed with none opened)
        if bare is not None:
            # 'C O N F I D E N T I A L 007424': the post left out before the serial
            serial = Text(bare.group("cls_bare_serial"), seg.span(rest_at + bare.start("cls_bare_serial"), rest_at + bare.end("cls_bare_serial")))
            # (the FM line's post where there is one: the post the line names, 3.1)
            example = fm_post(fm) if fm else "e.g. BAMAKO"
            expected = f"expected the originating post, then the serial ({example} {serial.text})"
            if "open" in bare.re.groupindex:
                # 'C O N F I D E N T I A L - 000712': a mark where the post goes, named
                mark = bare.group("open")
                why = f"'{clip(mark)}' where its post goes" if mark != "(" else "parentheses around it and no post before it"
                problems.append(seg.problem("classification", rest_at + bare.start("open"), rest_at + bare.end("close"), f"serial '{clip(serial.text)}' has {why}: {expected}"))
            else:
                problems.append(Problem("classification", serial.span, f"serial '{clip(serial.text)}' has no post before it: {expected}"))
            rest, rest_at = rest[bare.end() :], rest_at + bare.end()
            # 'S E C R E T//REL TO USA 000911//NOFORN': the caveats after the serial,
            # '//' before each, read as after any serial
            after_serial_caveats, rest, rest_at = slashed_caveats(seg, rest, rest_at)
            caveats = (*caveats, *map(written_caveat, after_serial_caveats))
    if serial is not None and rest.lstrip(" \t")[:1] in ("/", ",") and not _release_comma(caveats, rest):
        # 'SANTIAGO 000712/NOFORN/ORCON', '000712//NOFORN/ORCON': caveats after the
        # serial behind one slash, three or a comma, read as caveats (not an attention
        # line) when the first is one ('000712/TOSEC', '000712/ DEPT FOR WHA' are as
        # they were), or after a caveat as on a caveat line ('//NOFORN/ORCON'; not
        # '//NOFORN/DEPT FOR NEA'); a stray mark after them is no text ('//NOFORN/ORCON/':
        # '/ORCON' read, the mark left for C002 below)
        adjacent = bool(caveats) and caveats[-1].span.end == seg.span(rest_at, rest_at).start
        loose, loose_rest, loose_at = loose_caveats(seg, rest, rest_at, adjacent)
        words_after = loose_rest if any(c.isalnum() for c in loose_rest) else ""
        if caveats_after_caveat(loose, words_after) if adjacent else caveat_run(loose):
            caveats, rest, rest_at = (*caveats, *loose), loose_rest, loose_at
            comma = release_comma(seg, caveats[-1], rest_at)
            if comma is not None:
                # '//NOFORN/REL TO USA/GBR, DEPT FOR EUR': the release's comma, named as
                # after '//REL TO USA, DEPT FOR EUR', and the attention line after it
                caveats, rest_at = (*caveats[:-1], comma[0]), comma[1]
                rest = seg.text[rest_at:]
    if rest.strip() and (not any(c.isalnum() for c in rest) or len(rest.strip()) == 1 or (serial is not None and rest.strip().isdigit())):
        # 'SEOUL 000672 ~', 'CARACAS 000958 X', 'DELHI 003044 003044': a stray mark,
        # keystroke or number after the line's last field, no caption or caveat run on
        junk = rest.strip()
        at = rest_at + rest.index(junk)
        problems.append(seg.problem("classification", at, at + len(junk), _junk_message(seg, junk, serial, caveats)))
        rest = ""  # (the line, with the mark, is the classification line)
    run_on = seg.sub(rest_at) if rest.strip() else None
    line = ClassificationLine(
        seg.span(0, m.end("cls_rest") - len(rest)) if rest else seg.span(),
        level,
        level_text,
        post,
        serial,
        section,
        sec_no,
        sec_total,
        caveats,
        tuple(problems),
    )
    return line, run_on


def _attention_behind(word: str, after: str, fm: Optional[str]) -> bool:
    """Whether *word*, behind '//' after a caveat on the line, and the text *after* it
    are an attention line run on ('//DEPT FOR EUR', as on a caveat line: starts_text),
    not a caveat not known and the post after it ('//ORCON BEIRUT 000911', '//ORCON
    TEL AVIV', '//ORCON FOO 000911', with a mark: '//ORCON - BOGOTA', '//ORCON
    BOGOTA009120': the serial's digits or the post's name)."""
    words = after.translate(_MARKS_TO_BLANKS).split()
    return starts_text(word, after) and not starts_post(words, fm) and not any(c.isdigit() for c in after)


def _junk_message(seg: Seg, junk: str, serial: Optional[Text], caveats: tuple[Caveat, ...]) -> str:
    """What C002 says of *junk*, a stray mark or keystroke at the end of the line: after
    the serial, or after a caveat that follows it ('000712/SIPDIS/': the line may end
    with a caveat, and the mark is stray after it, not after the serial). The caveat
    is quoted as written, without the slash or comma before it that C006 names
    ('SIPDIS', not '/SIPDIS'; 'sipdis' as typed)."""
    last = caveats[-1] if caveats else None
    if last is not None and (serial is None or last.span.end > serial.span.end):
        base = seg.span().start
        word = strip_slip(seg.text[last.span.start - base : last.span.end - base])
        return f"unexpected '{clip(junk)}' after the caveat '{clip(word)}' at the end of the classification line: expected the line to end with the caveat"
    return f"unexpected '{clip(junk)}' at the end of the classification line: expected the line to end with its serial"


# the post and serial after the level (or SECTION) with a dash or parentheses about
# them ('S E C R E T - MOSCOW 011807', 'S E C R E T (MOSCOW 011807)'), or with no blank
# between them ('S E C R E T MOSCOW011807'): the post in capitals, 4-7 digits (C002)
_MARKED_POST = regex(r"[ \t]*(?P<open>-+|\()[ \t]*(?P<post>[A-Z][A-Z.'-]*(?:[ \t]+[A-Z][A-Z.'-]*)*)[ \t]+(?P<serial>\d{4,7})(?P<close>\)?)(?P<rest>(?:[ \t/,].*)?)")
_GLUED_POST = regex(r"[ \t]+(?P<post>[A-Z]{2,}(?:[ \t]+[A-Z]{2,})*)(?P<serial>\d{4,7})(?P<rest>(?:[ \t/,].*)?)")


_REST_WORD = regex(r"[^ \t,]+")
# the serial right after the post with a dash or slash between them and no blank, or
# a blank on one side alone ('SANTIAGO-000712', 'SANTIAGO/000712', 'SANTIAGO -000712')
_JOINED_SERIAL = regex(r"[ \t]*(?P<mark>-+|/+)[ \t]*(?P<serial>\d{4,7})(?P<rest>(?:[^A-Za-z0-9].*)?)")


def _mark_before_serial(
    seg: Seg, post: Text, serial: Optional[Text], rest: str, rest_at: int, problems: list[Problem]
) -> tuple[Text, Optional[Text], str, int, bool]:
    """The post and serial when a dash or slash stands between them, the mark named
    in *problems*: read by the line's pattern as the post's end ('SANTIAGO - 000712':
    the post SANTIAGO) or, with no serial read, before the serial in *rest*
    ('SANTIAGO-000712', 'SANTIAGO/000712'); else as they were. Last, whether a
    serial was read from *rest*."""
    base = seg.span().start  # (where seg.text starts, for the offsets of post and serial)
    core = post.text.rstrip("-").rstrip(" \t")
    joined = _JOINED_SERIAL.fullmatch(rest) if serial is None else None
    if serial is not None and core != post.text and core[-1:].isalpha():
        # the mark from the first dash after the post's letters to the last before the serial
        at = post.span.start - base
        mark_at = at + len(core) + len(post.text[len(core) :]) - len(post.text[len(core) :].lstrip(" \t"))
        mark_end = at + len(post.text)
        post = Text(core, seg.span(at, at + len(core)))
    elif joined is not None:
        mark_at, mark_end = rest_at + joined.start("mark"), rest_at + joined.end("mark")
        serial = Text(joined.group("serial"), seg.span(rest_at + joined.start("serial"), rest_at + joined.end("serial")))
        rest, rest_at = joined.group("rest"), rest_at + joined.start("rest")
    else:
        return post, serial, rest, rest_at, False
    mark = seg.text[mark_at:mark_end]
    assert serial is not None
    expected = f"'{clip(seg.text[: post.span.start - base].strip(), LINE)} {clip(post.text)} {clip(serial.text)}'"
    if seg.text[mark_at - 1 : mark_at].isalpha() and seg.text[mark_end : mark_end + 1].isdigit():
        message = f"the post and serial '{clip(post.text)}{clip(mark)}{clip(serial.text)}' are joined by '{clip(mark)}' on the classification line: expected a blank between them, {expected}"
    else:
        message = f"unexpected '{clip(mark)}' between the post and serial on the classification line: expected {expected}"
    problems.append(seg.problem("classification", mark_at, mark_end, message))
    return post, serial, rest, rest_at, joined is not None


def _release_stop(rest: str) -> int:
    """Where in *rest*, the text after a release whose countries are not read, the
    release ends: before the first word that is a known caveat ('REL TO USA  SIPDIS':
    after USA, as read_caveats reads it), else at the line's end; 0 when that word
    comes first (nothing to add to the release). A caveat after a comma ('REL TO
    USA, UK, SIPDIS') stays in the release, C006 naming it: the rest after a comma
    is not read as a caveat, and would be lost. It ends at '//' too ('REL TO USA,
    UK//NOFORN': the caveat after the slashes is read as after any serial)."""
    slashes = rest.find("//")
    rest = rest if slashes < 0 else rest[:slashes]
    for word in _REST_WORD.finditer(rest):
        if _KNOWN_CAVEAT.fullmatch(word.group().upper()) and "," not in rest[: word.start()].rstrip(" \t")[-1:]:
            return len(rest[: word.start()].rstrip(" \t,")) if rest[: word.start()].strip(" \t,") else 0
    return len(rest.rstrip())


def _marked_post(seg: Seg, rest: str, rest_at: int, problems: list[Problem], fm: Optional[str] = None) -> tuple[Optional[Text], Optional[Text], str, int]:
    """The post and serial in *rest* (from *rest_at*) when a dash or parentheses stand
    about them or no blank between them, with the problem added to *problems*; else
    no post or serial and *rest* as it was. With no blank between them, the post is
    read only when it is the FM line's (its PLAD *fm*) or a post known: letters then
    digits ('ABC123456') are no post and serial glued, by their shape alone."""
    m = _MARKED_POST.fullmatch(rest)
    if m is not None and (m.group("open") == "(") != (m.group("close") == ")"):
        m = None  # a parenthesis not closed, or closed and never opened: not read
    glued = _GLUED_POST.fullmatch(rest) if m is None else None
    if glued is not None and not named_post(glued.group("post"), fm):
        glued = None
    found = m or glued
    if found is None:
        return None, None, rest, rest_at
    post = Text(found.group("post"), seg.span(rest_at + found.start("post"), rest_at + found.end("post")))
    serial = Text(found.group("serial"), seg.span(rest_at + found.start("serial"), rest_at + found.end("serial")))
    expected = f"expected '{clip(seg.text[:rest_at].strip(), LINE)} {clip(post.text)} {clip(serial.text)}'"
    if glued is not None:
        at = rest_at + glued.start("post")
        problems.append(seg.problem("classification", at, rest_at + glued.end("serial"), f"no blank between the post and serial '{clip(post.text)}{clip(serial.text)}' on the classification line: {expected}"))
    elif m is not None and m.group("close"):
        start = rest_at + m.start("open")
        problems.append(seg.problem("classification", start, rest_at + m.end("close"), f"unexpected parentheses around the post and serial on the classification line: {expected}"))
    elif m is not None:
        mark = m.group("open")
        problems.append(seg.problem("classification", rest_at + m.start("open"), rest_at + m.end("open"), f"unexpected '{clip(mark)}' before the post on the classification line: {expected}"))
    return post, serial, found.group("rest"), rest_at + found.start("rest")


# a serial with no post before it, then '//' and a caveat ('S E C R E T//REL TO USA
# 000911//NOFORN'), or one slash and a letter ('000712/NOFORN': the caveat behind one
# slash, named by C006 as after a post's serial), which CLASS_BARE_SERIAL leaves for a
# date's slash (C002)
_BARE_SERIAL_SLASHED = regex(r"[ \t]+(?P<cls_bare_serial>\d{4,7})(?=[ \t]*//|/[A-Za-z])")


# a serial with no post before it, a dash before it or parentheses about it
# ('C O N F I D E N T I A L - 000712'), as _MARKED_POST reads them with a post (C002)
_MARKED_BARE_SERIAL = regex(r"[ \t]*(?P<open>-+|\()[ \t]*(?P<cls_bare_serial>\d{4,7})(?P<close>\)?)(?=[ \t]*//|[ \t]*$|[ \t]+[A-Za-z])")


def _caveats_in_release(seg: Seg, at: int, release: Text) -> Optional[tuple[Text, Text, tuple[int, int], list[Text]]]:
    """The release *release* (from *at* in *seg*), which runs to the post, cut at a
    '//' that only caveats follow ('REL TO USA, UK//NOFORN//ORCON': 'REL TO USA, UK'),
    with the first caveat after it, where that stands in *seg*, and the others; None
    when no such '//' is in it."""
    cut = release.text.find("//")
    if cut <= 0:
        return None
    end = at + len(release.text)
    found, left, _ = slashed_caveats(seg, seg.text[at + cut : end], at + cut)
    if not found or left.strip():
        return None
    stop = at + len(release.text[:cut].rstrip())
    first = SLASHED_CAVEAT.match(seg.text, at + cut)
    assert first is not None  # (found[0] is its word)
    return Text(seg.text[at:stop], seg.span(at, stop)), found[0], first.span("word"), found[1:]


def _release_comma(caveats: tuple[Caveat, ...], rest: str) -> bool:
    """Whether *rest* starts with a comma after a release, the last of *caveats*: its
    countries go on there ('//REL TO USA, UK'), no caveat after a slip."""
    return rest.lstrip(" \t")[:1] == "," and bool(caveats) and caveats[-1].release is not None


# what follows a release written after the level with a blank, not '//' ('S E C R E T
# REL TO USA HO CHI MINH CITY 000911'): the post and serial, or the post alone, then the
# rest, as CLASS_SHAPE reads them after '//' and the release (the post ends at no
# blank: a run of blanks is entered at its start alone, fields.lark)
_AFTER_RELEASE = regex(r"[ \t]+(?P<post>[A-Za-z][A-Za-z \t.'-]*?)(?<![ \t])[ \t]+(?P<serial>\d+)(?P<rest>(?:[^A-Za-z0-9].*)?)|[ \t]+(?P<post_only>[A-Za-z][A-Za-z \t.'-]*[A-Za-z])(?P<rest_only>(?:[^A-Za-z0-9].*)?)")


def _slashed_first(seg: Seg, m: re.Match[str], caveat1: Optional[Text]) -> Optional[tuple[tuple[int, int], Optional[Text], Optional[Text], str, int]]:
    """The release after the level and '//' when a slash stands after REL TO or
    between its countries ('REL TO USA/GBR', 'REL TO/USA, GBR'), which the line's
    pattern *m* read only up to the slash (*caveat1*): as _release_for_slashes reads
    it, the post, serial and rest after it; None for any other line."""
    if caveat1 is None or caveat1.text[:3].upper() != "REL":
        return None
    end = slashed_release_end(seg.text, m.start("cls_caveat1"))
    return _release_for_slashes(seg, m.start("cls_caveat1")) if end is not None and end > m.end("cls_caveat1") else None


def _release_for_slashes(seg: Seg, at: int, stop: Optional[int] = None) -> Optional[tuple[tuple[int, int], Optional[Text], Optional[Text], str, int]]:
    """The release that the words from *at*, read as the post, start with, its
    countries read ('REL TO USA' of 'REL TO USA HO CHI MINH CITY'), with a slash for
    a comma or blank too ('REL TO USA/GBR', 'REL TO / GBR'): where it stands,
    and the post, serial and rest after it (the rest from the release's end when
    nothing after it reads as a post); None when they start with no such release.
    With *stop*, the words are read up to there alone (the serial's end, before a
    caveat after it: 'REL TO USA BEIRUT 000911//NOFORN')."""
    rm = _CAVEAT_WORD.match(seg.text, at, len(seg.text) if stop is None else stop)
    slashed = slashed_release_end(seg.text[: len(seg.text) if stop is None else stop], at) if rm is not None else None
    if rm is None or (slashed is None and release_form(rm.group()) != RELEASE_READ):
        return None
    end = rm.end() if slashed is None else slashed
    after = _AFTER_RELEASE.fullmatch(seg.text, end, len(seg.text) if stop is None else stop)
    if after is None:
        return (rm.start(), end), None, None, seg.text[end:], end
    name, tail = ("post", "rest") if after.group("post") is not None else ("post_only", "rest_only")
    return (rm.start(), end), seg.group(after, name), seg.group(after, "serial"), after.group(tail), after.start(tail)


def split_post_line(line: ClassificationLine, seg: Seg, gap: bool = False) -> Optional[ClassificationLine]:
    """The classification line with its post and serial, when *seg* (the line right
    under it, or under it and one blank line when *gap*) is only those and the line
    itself has neither ('C O N F I D E N T I A L' / 'ALGIERS 000045'): the line was
    split (C002). None when it was not."""
    if line.post is not None or line.serial is not None or line.level is None:
        return None
    m = field("CLASS_SPLIT_POST").fullmatch(seg.text)
    if m is None:
        return None
    post, serial = seg.group(m, "split_post"), seg.group(m, "split_serial")
    assert post is not None and serial is not None
    whole = f"{line.level_text.text} {post.text} {serial.text}"
    problem = seg.problem(
        "classification",
        m.start("split_post"),
        m.end("split_serial"),
        f"the post and serial '{clip(post.text)} {clip(serial.text)}' stand on a line of their own{', a blank line' if gap else ''} under the classification line: expected them on it, '{clip(whole)}'",
    )
    return replace(line, post=post, serial=serial, problems=(*line.problems, problem))


