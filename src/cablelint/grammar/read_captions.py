"""Readers for the classification line and the captions (3.1-3.8)."""

from __future__ import annotations

import re
from datetime import date
from typing import Collection, Optional

from cablelint.grammar.dates import impossible_date
from cablelint.grammar.patterns import field
from cablelint.grammar.read_body import _normalise_marking
from cablelint.grammar.segment import Seg
from cablelint.grammar.source import SourceLine
from cablelint.model import (
    Caveat,
    ClassificationLine,
    ClassifiedBy,
    EoLine,
    Problem,
    Reference,
    Subject,
    Tag,
    TagsLine,
    Text,
)
from cablelint.span import Span

_CLASS = field("CLASS_SHAPE")
_LETTERED_SERIAL = field("CLASS_LETTERED_SERIAL")
_DIGIT_POST = field("CLASS_DIGIT_POST")
_LETTERS_FOR_DIGITS = str.maketrans("OIl", "011")
_CLASS_SPACED = field("CLASS_SPACED")
_CLASS_SECTION = field("CLASS_SECTION")
_CAVEAT_WORD = field("CAVEAT_WORD")
_KNOWN_CAVEAT = field("KNOWN_CAVEAT")
_EO = field("EO_SHAPE")
_EO_ORDER = field("EO_ORDER")
_EO_KEYWORD = field("EO_KEYWORD")
_EO_VALUE = field("EO_VALUE_SHAPE")
_DECL_DATE = field("DECL_DATE")
_DECL_EXEMPT = field("DECL_EXEMPTION")
_DECL_WORD = field("DECL_WORD")
_DECL_LEGACY = field("DECL_LEGACY")
_EO_NA_SLIP = field("EO_NA_SLIP")
_TAGS = field("TAGS_SHAPE")
_TAG_ITEM = field("TAG_ITEM")
_TAG_CODE = field("TAG_CODE")
_TAG_PART = re.compile(r"[^.;:]+")  # the tags in an item that stray marks part ("ECON;ETRD")
_PERSON = field("PERSON_TAG")
_SUBJECT = field("SUBJECT_SHAPE")
_PARA_MARK = field("PARA_MARK")
_HALF_MARK = field("HALF_MARK")
_REF = field("REF_SHAPE")
_REF_LABEL = field("REF_LABEL")
_REF_LABEL_LOOSE = field("REF_LABEL_LOOSE")
_REF_LABEL_AGAIN = field("REF_LABEL_AGAIN")
_REF_LABEL_ALONE = field("REF_LABEL_ALONE")
_REF_NUMBER_ONLY = field("REF_NUMBER_ONLY")
_REF_YEAR_ONLY = field("REF_YEAR_ONLY")
_REF_SEP = field("REF_SEPARATOR")
_REF_EMAIL = field("REF_EMAIL")
_REF_DTG = field("REF_DTG")
_REF_EMAIL_DATE = field("REF_EMAIL_DATE")
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_REF_CABLE = field("REF_CABLE")
_REF_ORIGIN_ONLY = field("REF_ORIGIN_ONLY")
_REF_NOT_CABLE = field("REF_NOT_CABLE_ORIGIN")
_REF_NOT_CABLE_WORDS = field("REF_NOT_CABLE_WORDS")
_CLSBY = field("CLSBY_SHAPE")
_REASON = field("CLSBY_REASON")
_DERIVED = field("CLSBY_DERIVED")
_SPACES = re.compile(r"[ \t]+")
_WORD = re.compile(r"[^ \t]+")
_LETTERS = re.compile(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])")  # "(b) and (d)": b, d
# where a label may start further along a REF line: after two spaces, a semicolon, or
# in sequence; (?<![ \t]): a label is looked for from the start of a blank run only
# (linear time)
_LABEL_GAP = re.compile(r"(?:(?<![ \t])[ \t]{2,}|;[ \t]*|,[ \t]*|(?<![ \t])[ \t])(?=\(?[A-Z][.)])")
# a block labelled in lower case throughout ("REF: a) LONDON 62", "a) RIO 346, b) RIO
# 329", as real cables write it): the same labels, read in either case
_REF_LABEL_ANY_CASE = re.compile(_REF_LABEL.pattern, re.IGNORECASE)
_LABEL_GAP_ANY_CASE = re.compile(_LABEL_GAP.pattern, re.IGNORECASE)
_REF_LABEL_ALONE_ANY_CASE = re.compile(_REF_LABEL_ALONE.pattern, re.IGNORECASE)
_ORIGIN_PUNCT = re.compile(r"[ .'\-]")
_EXEMPTION_SEP = re.compile(r"[ \t,]+")

# The handling caveats a caption line may hold (cable-format.md 3.2).
CAVEATS = ("SIPDIS", "NOFORN", "SENSITIVE", "EXDIS", "LIMDIS", "NODIS", "STADIS", "CHEROKEE", "SPECAT", "CORRECTED COPY")
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
    return _slip_of_level(up), True


def _slip_of_level(letters: str) -> Optional[str]:
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
    return _slip_of_level(_SPACES.sub("", m.group("cls_level")).upper()) is not None


def caveat_or_slip(word: str) -> bool:
    """Whether *word* is a handling caveat, or one with a letter wrong ('NOFRON')."""
    up = word.upper()
    return bool(_KNOWN_CAVEAT.fullmatch(up)) or any(one_slip(up, caveat) for caveat in CAVEATS)


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
    return _DIGIT_POST.fullmatch(seg.text, at)


def split_class_rest(seg: Seg) -> tuple[ClassificationLine, Optional[Seg]]:
    """Read a classification line; also return text run on after it, if any."""
    m = _CLASS.fullmatch(seg.text)
    assert m is not None
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
            problems.append(Problem("classification", extra.span, f"classification '{level_text.text}' has an extra '{extra.text}' after the level{expected}"))
        else:
            problems.append(Problem("classification", level_text.span, f"classification '{level_text.text}' {how}{expected}"))
    elif "\t" in level_text.text and _CLASS_SPACED.fullmatch(level_text.text.replace("\t", " ")):
        # a tab where a space stands ("S E C<TAB>R E T"): read as the space, named at the tab
        first, last = level_text.text.index("\t"), level_text.text.rindex("\t")
        tabs = "a tab where a space belongs" if first == last else "tabs where spaces belong"
        at = m.start("cls_level")
        problems.append(
            seg.problem("classification", at + first, at + last + 1, f"classification '{level_text.text}' has {tabs}: expected {level_text.text.replace(chr(9), ' ')}")
        )
    elif not _CLASS_SPACED.fullmatch(level_text.text):
        how = "is not in capitals" if _CLASS_SPACED.fullmatch(level_text.text.upper()) else "is irregularly spaced"
        problems.append(Problem("classification", level_text.span, f"classification '{level_text.text}' {how}: expected {_CANONICAL_FORM[level]}"))
    mod = m.group("cls_mod")
    if level == "UNCLASSIFIED" and mod and mod.upper() == "EFTO":
        level = "UNCLASSIFIED EFTO"
    section = seg.group(m, "cls_section")
    sec_no = int(m.group("cls_sec_no").translate(_LETTERS_FOR_DIGITS)) if section else None
    sec_total = int(m.group("cls_sec_total").translate(_LETTERS_FOR_DIGITS)) if section and m.group("cls_sec_total") else None
    if section is not None and sec_total is None:
        problems.append(Problem("section", section.span, f"'{section.text}' gives no number of sections: expected 'SECTION {sec_no:02d} OF NN'"))
    elif section is not None:
        meant_text = section.text  # with the digits and OF as meant, for the check below
        slips = []
        for name in ("cls_sec_no", "cls_of", "cls_sec_total"):
            part = seg.group(m, name)
            assert part is not None
            meant = "OF" if name == "cls_of" else part.text.translate(_LETTERS_FOR_DIGITS)
            if name == "cls_of" and part.text.startswith("0"):
                problems.append(Problem("section", part.span, f"'{part.text}' in '{section.text}' has a zero for the letter O: expected OF"))
            elif name != "cls_of" and meant != part.text:
                problems.append(Problem("section", part.span, f"section number '{part.text}' in '{section.text}' has letters for digits: expected {meant}"))
            else:
                continue
            slips.append((m.start(name) - m.start("cls_section"), len(part.text), meant))
        for at, size, meant in reversed(slips):  # from the end, so that offsets hold
            meant_text = meant_text[:at] + meant + meant_text[at + size :]
        spaced = _SPACES.sub(" ", meant_text)
        if not _CLASS_SECTION.fullmatch(spaced):
            how = "is not in capitals" if _CLASS_SECTION.fullmatch(spaced.upper()) else "is malformed"
            if how == "is malformed" and section.text[:7].upper() != "SECTION":
                how = "is misspelt"
            problems.append(Problem("section", section.span, f"'{section.text}' {how}: expected 'SECTION {sec_no:02d} OF {sec_total:02d}'"))
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
    caveats = tuple(t for t in (seg.group(m, "cls_caveat1"), *leading, seg.group(m, "cls_caveat2")) if t is not None)
    if level == "UNCLASSIFIED" and post is not None and " " in post.text:
        # 'UNCLAS ETFO DHAKA': EFTO misspelt is read as the post's first word
        word = post.text.split()[0]
        if word.upper() != "EFTO" and one_slip(word.upper().replace("0", "O"), "EFTO"):
            off = seg.text.find(post.text, m.start(post_group))
            skip = len(word) + len(post.text[len(word) :]) - len(post.text[len(word) :].lstrip())
            level = "UNCLASSIFIED EFTO"
            problems.append(seg.problem("classification", off, off + len(word), f"'{word}' after {level_text.text} is misspelt: expected EFTO"))
            post = Text(post.text[skip:], seg.span(off + skip, off + len(post.text)))
    if digit is not None and post is not None and any(c.isdigit() for c in post.text):
        zeros = not any(c.isdigit() for c in post.text.replace("0", ""))
        meant = f"'{post.text.replace('0', 'O')}', in letters only (the letter O for the zero)" if zeros else "the post's name in letters only"
        problems.append(Problem("classification", post.span, f"post '{post.text}' has a digit in it: expected {meant}"))
    if serial is None and post is not None:
        lettered = _LETTERED_SERIAL.match(rest)
        if lettered is not None:
            written = lettered.group("cls_lettered")
            digits = written.translate(_LETTERS_FOR_DIGITS)
            at = rest_at + lettered.start("cls_lettered")
            problems.append(seg.problem("classification", at, at + len(written), f"serial '{written}' has letters for digits: expected {digits}"))
            rest, rest_at = rest[lettered.end() :], rest_at + lettered.end()
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


def read_caveats(seg: Seg) -> tuple[list[Caveat], Optional[Seg]]:
    """Caveat words of a caveat line; also any text run on after them. After the first,
    a word that is no caveat starts that text, unless it and every word after it are
    caveats or caveats with a letter wrong ('NOFORN EXDISS': EXDISS is a caveat, which
    C006 names)."""
    out: list[Caveat] = []
    pos = len(seg.text) - len(seg.text.lstrip())
    text = seg.text
    upper = text.upper()
    if "CORRECTED" in upper.replace(" ", "")[:12] or upper.replace(" ", "").startswith("CORRECTEDCOPY"):
        out.append(Caveat(seg.strip_span(), "CORRECTED COPY", True))
        return out, None
    slips = False  # whether the rest of the line is all caveats, some misspelt
    while pos < len(text):
        m = _CAVEAT_WORD.match(text, pos)
        if m is None:
            break
        name = _SPACES.sub(" ", m.group().upper())
        known = bool(_KNOWN_CAVEAT.fullmatch(name))
        if out and not known and not slips:
            slips = _all_caveats(text, pos)
            if not slips:
                break  # the rest is other text run on after the caveats
        out.append(Caveat(seg.span(m.start(), m.end()), name, known))
        pos = m.end()
        while pos < len(text) and text[pos] in " \t,":
            pos += 1
    rest = seg.sub(pos) if pos < len(text) else None
    return out, rest


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


def _decl_numbers(m: re.Match[str]) -> tuple[int, int, int]:
    """Year, month and day of a DECL_DATE match, a two-digit year read as 19xx or 20xx."""
    if m.group("dd_y") is not None:
        y = int(m.group("dd_y"))
        if len(m.group("dd_y")) == 2:
            y += 2000 if y < 50 else 1900
        return y, int(m.group("dd_m")), int(m.group("dd_d"))
    return int(m.group("dd_y2")), int(m.group("dd_m2")), int(m.group("dd_d2"))


def parse_decl_date(m: re.Match[str]) -> Optional[date]:
    try:
        return date(*_decl_numbers(m))
    except ValueError:
        return None


def _why_not_a_date(m: re.Match[str]) -> Optional[str]:
    """What is wrong with the date :func:`parse_decl_date` refused."""
    return impossible_date(*_decl_numbers(m))


def read_eo(seg: Seg) -> tuple[EoLine, Optional[Seg]]:
    """Read an E.O. line; also return a TAGS list that shares the line."""
    m = _EO.fullmatch(seg.text)
    assert m is not None
    order = seg.group(m, "eo_order")
    problems: list[Problem] = []
    keyword = seg.group(m, "eo_kw")
    assert keyword is not None
    if not _EO_KEYWORD.fullmatch(keyword.text):
        problems.append(Problem("eo_keyword", keyword.span, f"E.O. line keyword '{keyword.text}' is misspelt: expected 'E.O.' before the order number"))
    elif not m.group("eo_gap") and order is not None:
        problems.append(Problem("eo_keyword", keyword.span, f"no space between '{keyword.text}' and the order number: expected '{keyword.text} {order.text}'"))
    elif keyword.text != keyword.text.upper():
        problems.append(Problem("eo_keyword", keyword.span, f"E.O. line keyword '{keyword.text}' is not in capitals: expected '{keyword.text.upper()}'"))
    if order is not None and not _EO_ORDER.fullmatch(order.text):
        problems.append(Problem("eo_order", order.span, f"executive order '{order.text}' is unknown: expected 12958, 13526, 12356, 12065 or 11652"))
    value = seg.sub(m.start("eo_value"), m.end("eo_value"))
    tags_seg = seg.sub(m.start("eo_tags")) if m.group("eo_tags") else None
    na, kw, decl_value, when, exemptions = _read_eo_value(value, problems)
    span = seg.span(0, m.end("eo_value")) if tags_seg else seg.span()
    return EoLine(span, order, na, kw, decl_value, when, exemptions, tuple(problems)), tags_seg


def eo_value_below(eo: EoLine, below: Seg) -> Optional[EoLine]:
    """The E.O. line read with the declassification instruction that stands alone on
    the line under it ("E.O. 12958:" / "DECL: 05/14/2011"), its one problem said at
    that line; None unless the E.O. line has no value and *below* is one."""
    if eo.na or eo.decl_keyword is not None or eo.decl_value is not None or eo.exemptions:
        return None
    value = below.sub(len(below.text) - len(below.text.lstrip()), len(below.text.rstrip()))
    vm = _EO_VALUE.fullmatch(value.text)
    if vm is None or (vm.group("eov_kw") is None and vm.group("eov_na") is None):
        return None
    problems = [q for q in eo.problems if q.field != "eo_value"]
    problems.append(Problem("eo_value", value.span(), f"the declassification instruction '{value.text}' is on the line under the E.O. line: expected it on that line"))
    na, kw, decl_value, when, exemptions = _read_eo_value(value, problems)
    return EoLine(eo.span.cover(value.span()), eo.order, na, kw, decl_value, when, exemptions, tuple(problems))


_EO_SHAPE = "expected E.O. <order>: N/A or E.O. <order>: DECL: <date or exemption>"


def _read_eo_value(value: Seg, problems: list[Problem]) -> tuple[bool, Optional[Text], Optional[Text], Optional[date], tuple[str, ...]]:
    """N/A, the DECL keyword, its value, date and exemptions of an E.O. line's value
    (what follows the order); its problems are added to *problems*."""
    shape = _EO_SHAPE
    na = False
    kw: Optional[Text] = None
    decl_value: Optional[Text] = None
    when: Optional[date] = None
    exemptions: tuple[str, ...] = ()
    vm = _EO_VALUE.fullmatch(value.text) if value.text else None
    if vm is None:
        problems.append(value.problem("eo_value", 0, 0, f"E.O. line has no declassification instruction: {shape}"))
    elif vm.group("eov_na") is not None:
        na = True
    elif vm.group("eov_kw") is not None:
        kw = value.group(vm, "eov_kw")
        assert kw is not None
        if kw.text.upper() not in ("DECL", "DECLASSIFY ON", "DNG"):
            problems.append(Problem("eo_value", kw.span, f"'{kw.text}' is misspelt: expected DECL"))
        elif kw.text != kw.text.upper() and kw.text.upper() != "DECLASSIFY ON":  # "Declassify on:" is the form
            problems.append(Problem("eo_value", kw.span, f"'{kw.text}' is not in capitals: expected {kw.text.upper()}"))
        decl_value = value.group(vm, "eov_rest")
        raw = decl_value.text.strip() if decl_value else ""
        if kw.text.upper() == "DNG":
            pass  # downgrade instruction: "DNG: CO 12/31/2010"
        elif not raw:
            problems.append(Problem("eo_value", kw.span, f"DECL has no date, exemption or event: {shape}"))
        else:
            dm = _DECL_DATE.match(raw)
            if dm is not None and dm.end() == len(raw.rstrip(".")):
                when = parse_decl_date(dm)
                if when is None:
                    why = _why_not_a_date(dm) or "expected MM/DD/YYYY"
                    problems.append(Problem("eo_value", decl_value.span if decl_value else kw.span, f"declassification date '{raw}' is not a real date: {why}"))
            elif raw.rstrip(".").upper() != "OADR" and len(raw.rstrip(".")) > 2 and one_slip(raw.rstrip(".").upper(), "OADR"):
                problems.append(Problem("eo_value", decl_value.span if decl_value else kw.span, f"'{raw}' is misspelt: expected OADR"))
            elif _DECL_EXEMPT.fullmatch(raw):
                exemptions = tuple(e for e in _EXEMPTION_SEP.split(raw) if e)
            elif not _DECL_WORD.fullmatch(raw):
                problems.append(Problem("eo_value", decl_value.span if decl_value else kw.span, f"declassification instruction '{raw}' is unreadable: {shape}"))
    else:
        other = vm.group("eov_other").strip()
        dm = _DECL_DATE.match(other)
        if dm is not None:
            when = parse_decl_date(dm)
            decl_value = value.group(vm, "eov_other")
            problems.append(value.problem("eo_value", 0, len(value.text), f"declassification date '{other}' has no 'DECL:' before it: expected 'DECL: {other}'"))
        elif _EO_NA_SLIP.fullmatch(other):
            na = True  # read as meant
            problems.append(value.problem("eo_value", 0, len(value.text), f"'{other}' is not written as N/A: expected 'N/A'"))
        elif _DECL_WORD.fullmatch(other) or _DECL_LEGACY.fullmatch(other):
            decl_value = value.group(vm, "eov_other")  # a stamp or legacy instruction ("AS AMENDED ...", "GDS")
        else:
            problems.append(value.problem("eo_value", 0, len(value.text), f"declassification instruction '{other}' is unreadable: {shape}"))
    return na, kw, decl_value, when, exemptions


def written_as_caption(kind: str, text: str) -> bool:
    """Whether an E.O. (*kind* "eo") or TAGS ("tags") line is written as the caption,
    keyword in capitals and a colon ("TAGS: pgov KDEM"), however damaged the rest:
    unlike prose that only starts like one ("Tags are used ...")."""
    if kind == "eo":
        m = _EO.fullmatch(text)
        return m is not None and m.group("eo_kw") in ("E.O.", "E. O.") and ":" in m.group("eo_sep")
    m = _TAGS.fullmatch(text)
    return m is not None and m.group("tags_kw") == "TAGS" and m.group("tags_colon") is not None


def names_a_tag(text: str, vocabulary: Collection[str]) -> bool:
    """Whether a line of a TAGS list names a tag of *vocabulary* or a person."""
    return any(item.startswith("(") or item.strip(".;:").upper() in vocabulary for item in _TAG_ITEM.findall(text))


def read_tags(first: Seg, more: list[Seg]) -> TagsLine:
    m = _TAGS.fullmatch(first.text)
    assert m is not None
    keyword = first.group(m, "tags_kw")
    assert keyword is not None
    problems: list[Problem] = []
    lowered: Optional[Text] = None  # the keyword, spelt right but not in capitals
    if keyword.text.upper() != "TAGS":
        if m.group("tags_colon") == ":":  # "AGS:": the keyword and its colon
            problems.append(first.problem("tags", m.start("tags_kw"), m.end("tags_colon"), f"'{keyword.text}:' is misspelt: expected 'TAGS:'"))
        else:
            problems.append(Problem("tags", keyword.span, f"'{keyword.text}' is misspelt: expected 'TAGS'"))
    elif keyword.text != "TAGS":
        lowered = keyword
    tags: list[Tag] = []
    seps: set[str] = set()
    pieces = [first.sub(m.start("tags_list"))] + more
    end = 0  # where the last piece's last tag ends
    for k, piece in enumerate(pieces):
        line_tags, line_seps, line_problems, end = _read_tags_line(piece, first if k == 0 else piece, lowered if k == 0 else None)
        tags += line_tags
        problems += line_problems
        seps |= line_seps
    last = pieces[-1]
    comma = last.text.find(",", end)
    if comma >= 0 and tags:
        # a comma that ends a wrapped line is followed by the next line's tags
        problems.append(last.problem("tags", comma, comma + 1, "stray ',' after the last tag: expected the TAGS list to end with a tag"))
    if not tags:
        problems.append(Problem("tags", first.span(), "TAGS line is empty: expected at least one tag"))
    style = "none" if not seps else ("mixed" if len(seps) > 1 else seps.pop())
    span = first.span()
    if more:
        span = span.cover(more[-1].span())
    return TagsLine(span, keyword, tuple(tags), style, tuple(problems))


def _read_tags_line(piece: Seg, line: Seg, keyword: Optional[Text]) -> tuple[list[Tag], set[str], list[Problem], int]:
    """The tags on one line of a TAGS list (*piece*, the part of *line* after the
    keyword on the first line): the tags, the separators used between them ("comma",
    "space"), the line's problems, and where its last item ends in *piece*.
    *keyword* is the line's TAGS keyword when it is not in capitals."""
    tags: list[Tag] = []
    seps: set[str] = set()
    problems: list[Problem] = []
    prev_end: Optional[int] = None
    strays: list[tuple[Span, str]] = []  # tags with stray punctuation, and the tag
    inner: list[tuple[Span, str, str, str]] = []  # a stray mark between two tags, and the tags
    # what is written not in capitals: its place in the line's text, and its capitals
    lowered: list[tuple[Span, int, int, str]] = []
    if keyword is not None:
        at = len(line.text) - len(line.text.lstrip())  # the keyword begins the line
        lowered.append((keyword.span, at, at + len(keyword.text), "TAGS"))
    for im in _TAG_ITEM.finditer(piece.text):
        item = im.group()
        spaced = False
        if prev_end is not None:
            between = piece.text[prev_end : im.start()]
            if not item.startswith("("):  # a person tag follows its OVIP with a blank: no separator
                seps.add("comma" if "," in between else "space")
            spaced = bool(between) and not between.strip(" \t")
        prev_end = im.end()
        span = piece.span(im.start(), im.end())
        if item.startswith("("):
            if not _PERSON.fullmatch(item):
                problems.append(Problem("tags", span, f"person tag '{item}' is malformed: expected (SURNAME, GIVEN NAMES)"))
            tags.append(Tag(item, span, person=True, after_space=spaced))
            continue
        core = item.strip(".;:")
        if not core:
            problems.append(Problem("tags", span, f"stray '{item}' in the TAGS list: expected tags separated by spaces or commas"))
            continue
        if core != item:
            strays.append((span, item))
        lead = im.start() + item.index(core)  # where the core begins in the piece
        # tags parted by a stray mark alone ("ECON;ETRD"): each tag read, each mark kept
        parts = [(pm.start(), pm.end()) for pm in _TAG_PART.finditer(core)] if not core.isalnum() else []
        if len(parts) > 1 and all(_TAG_CODE.fullmatch(core[b:e].upper()) for b, e in parts):
            for (b1, e1), (b2, e2) in zip(parts, parts[1:]):
                inner.append((piece.span(lead + e1, lead + b2), core[e1:b2], core[b1:e1], core[b2:e2]))
        else:
            parts = [(0, len(core))]
        for k, (b, e) in enumerate(parts):
            word = core[b:e]
            where = span if len(parts) == 1 else piece.span(lead + b, lead + e)
            upper = word.upper()
            code = _TAG_CODE.fullmatch(upper) is not None
            if code and upper != word:  # (a code in capitals matches as written)
                at = piece.begin - line.begin + lead + b
                lowered.append((where, at, at + len(word), upper))
            tags.append(Tag(upper if code else word, where, after_space=spaced and k == 0))
    problems += _case_problems(lowered, line, piece is not line, keyword)
    problems += _mark_problems(strays, inner, tags)
    if len(seps) > 1:
        problems.append(Problem("tags_mixed", piece.strip_span(), "TAGS line mixes commas and spaces: expected one separator style"))
    return tags, seps, problems, prev_end or 0


def _case_problems(lowered: list[tuple[Span, int, int, str]], line: Seg, first: bool, keyword: Optional[Text]) -> list[Problem]:
    """What a line of the TAGS list wrote not in capitals (each: its span, its place
    in *line*'s text, its capitals): one finding for the line when more than one."""
    if len(lowered) > 1:
        # the line typed in lower case ("TAGS: eaid soci pgov ml"): one finding for it
        shown = line.text
        for _, begin, end, upper in reversed(lowered):
            shown = shown[:begin] + upper + shown[end:]
        which = "TAGS line" if first else "TAGS continuation line"
        return [Problem("tags_case", lowered[0][0].cover(lowered[-1][0]), f"the {which} is not in capitals: expected '{shown.strip()}'")]
    if lowered:
        span, begin, end, upper = lowered[0]
        what = f"'{keyword.text}'" if keyword is not None else f"tag '{line.text[begin:end]}'"
        return [Problem("tags", span, f"{what} is not in capitals: expected {upper}")]
    return []


def _mark_problems(strays: list[tuple[Span, str]], inner: list[tuple[Span, str, str, str]], tags: list[Tag]) -> list[Problem]:
    """Stray punctuation on a line of the TAGS list: at the ends of a tag (*strays*:
    the item and its span) or between two tags (*inner*: the mark's span, the mark
    and the two tags); one finding for the line when one mark parts all its tags."""
    marks = {item[len(item.rstrip(".;:")) :] for _, item in strays} | {mark for _, mark, _, _ in inner}
    if len(strays) + len(inner) > 1 and len(marks) == 1 and all(item.lstrip(".;:") == item for _, item in strays):
        # one separator used throughout ("PREL; ENRG; SENV"): one finding for the list
        begin = min([span for span, _ in strays] + [next(t.span for t in tags if t.span.end == span.start) for span, _, _, _ in inner])
        return [Problem("tags", begin.cover(tags[-1].span), f"TAGS separated by '{marks.pop()}': expected tags separated by spaces or commas")]
    problems = [Problem("tags", span, f"stray punctuation in tag '{item}': expected tags separated by spaces or commas") for span, item in strays]
    problems += [Problem("tags", span, f"stray '{mark}' between tags '{left}' and '{right}': expected a comma or a space") for span, mark, left, right in inner]
    return problems


def read_subject(first: Seg, more: list[Seg]) -> Subject:
    m = _SUBJECT.fullmatch(first.text)
    assert m is not None
    problems: list[Problem] = []
    keyword = m.group("subj_kw")
    if m.group("subj_typo") is not None and m.group("subj_colon") is None:
        problems.append(first.problem("subject", m.start("subj_kw"), m.end("subj_kw"), f"'{keyword}' is misspelt and has no colon after it: expected 'SUBJECT: <subject>'"))
    elif m.group("subj_typo") is not None:
        written = first.text[m.start("subj_kw") : m.end("subj_colon")]
        problems.append(first.problem("subject", m.start("subj_kw"), m.end("subj_colon"), f"'{written}' is misspelt: expected 'SUBJECT:'"))
    elif m.group("subj_colon") is None:
        problems.append(first.problem("subject", m.start("subj_kw"), m.end("subj_kw"), f"'{keyword}' has no colon after it: expected '{keyword}: <subject>'"))
    elif keyword.upper() == "SUBJ":
        # the older traffic's abbreviation (a 1990 cable has it): only a draft is told
        problems.append(first.problem("subject_keyword", m.start("subj_kw"), m.end("subj_kw"), f"'{keyword}:' is abbreviated: expected 'SUBJECT:'"))
    elif keyword != keyword.upper():
        problems.append(first.problem("subject", m.start("subj_kw"), m.end("subj_kw"), f"'{keyword}' is not in capitals: expected 'SUBJECT:'"))
    mark = first.group(m, "subj_mark")
    level: Optional[str] = None
    controls: tuple[str, ...] = ()
    if mark is not None:
        _, level, controls = _normalise_marking(mark.text)
        if not _PARA_MARK.fullmatch(mark.text):
            problems.append(Problem("subject_marking", mark.span, f"subject portion marking '({mark.text})' is malformed: expected (U), (SBU), (C), (S) or (TS), optionally with /NF"))
    elif m.group("subj_text"):
        half = _HALF_MARK.match(m.group("subj_text"))
        if half is not None:
            begin = m.start("subj_text")
            problems.append(
                first.problem(
                    "subject_marking",
                    begin,
                    begin + half.end(),
                    f"subject portion marking '{half.group()}' lacks a parenthesis: expected ({half.group().strip('()')})",
                )
            )
    parts = [m.group("subj_text").strip()] + [s.text.strip() for s in more]
    text = " ".join(filter(None, parts))
    text_span: Optional[Span] = None
    if m.group("subj_text"):
        text_span = first.span(m.start("subj_text"), m.end("subj_text"))
    if more:
        last = more[-1].strip_span()
        text_span = text_span.cover(last) if text_span else more[0].strip_span().cover(last)
    if not text:
        problems.append(first.problem("subject", 0, len(first.text), "SUBJECT is empty: expected a subject after 'SUBJECT:'"))
    span = first.span()
    if more:
        span = span.cover(more[-1].span())
    return Subject(span, mark, text, text_span, tuple(problems), level, controls)





def _garbled_label(piece: Seg, pos: int) -> Optional[tuple[Text, Seg]]:
    """A damaged label ('B,' 'b.' '(B') before a document, in a labelled block."""
    gm = _REF_LABEL_LOOSE.match(piece.text, pos)
    if gm is None or not _looks_like_new_item(piece.text[gm.end() :]):
        return None
    token = gm.group().rstrip()
    return Text(token, piece.span(gm.start(), gm.start() + len(token))), piece.sub(gm.end())


_Item = tuple[Optional[Text], Optional[Text], Seg, Optional[Text]]


def starts_ref_item(seg: Seg) -> bool:
    """Does *seg* start a labelled reference, its label well formed or damaged?"""
    pos = len(seg.text) - len(seg.text.lstrip())
    lm = _REF_LABEL.match(seg.text, pos)
    return (lm is not None and lm.end() < len(seg.text)) or _garbled_label(seg, pos) is not None


def _label_again(text: str, lm: re.Match[str], fits: Optional[str]) -> Optional[re.Match[str]]:
    """The second label of a doubled "A. A." after the label *lm*: taken when its letter
    is the first one's or *fits* (the letter after the entry before: "C." ... "B. D."),
    so that an initial ("A. J. SMITH E-MAIL") stays part of the document."""
    if lm.group("lab_a") is None or lm.group("lab_b") is not None:
        return None
    am = _REF_LABEL_AGAIN.match(text, lm.end())
    if am is None or am.end() >= len(text) or am.group("lab_again") not in (lm.group("lab_a"), fits):
        return None
    return am


def _read_letter(lm: re.Match[str], again: Optional[re.Match[str]]) -> str:
    """The letter an item is read by: of a doubled label, the second (3.7: the
    drafter's own labels, which a re-labelling put letters before)."""
    if again is not None:
        return again.group("lab_again")
    return (lm.group("lab_b") or _label_letter(lm)).upper()


_RUNS_ON = (",", ";", "&", "/", "-", " AND", " OR")


def _after(letter: str) -> str:
    return chr(ord(letter) + 1)


def _ref_items(pieces: list[Seg]) -> list[_Item]:
    """Cut the REF block's text into (label, second label of a doubled one, body,
    garbled label) items.

    A damaged label in a labelled block still starts an item: its letter is taken as
    the label and the damaged token is kept for X001. A label over a line that holds
    only a year ("B. 2006") was put there by the archive, which labelled every line of
    the block: the line continues the entry above.
    """
    items: list[_Item] = []
    label_re, gap_re = _REF_LABEL, _LABEL_GAP
    labelled = any(_REF_LABEL.match(p.text, len(p.text) - len(p.text.lstrip())) for p in pieces)
    if not labelled and pieces:
        # no capital label anywhere, and the first entry labelled "a": a block labelled
        # in lower case, its labels read as the capitals A, B, ...
        first = pieces[0].text
        lm = _REF_LABEL_ANY_CASE.match(first, len(first) - len(first.lstrip()))
        if lm is not None and _label_letter(lm) == "a":
            label_re, gap_re, labelled = _REF_LABEL_ANY_CASE, _LABEL_GAP_ANY_CASE, True
    above = ""  # the line before
    for piece in pieces:
        text = piece.text
        pos = len(text) - len(text.lstrip())
        run_into = above.rstrip().upper().endswith(_RUNS_ON)  # "A. STATE 1 AND" / "PARIS 2"
        above = text
        # (where, label, second label written "A.") of each item the line starts
        starts: list[tuple[int, re.Match[str], Optional[re.Match[str]]]] = []
        before = _after(_item_letter(items[-1])) if items and items[-1][0] is not None else None
        alone = _REF_LABEL_ALONE.fullmatch(text, pos) if labelled or not items else None
        if alone is not None:
            # a label with no document after it: an entry naming nothing (X001)
            name = "alone_a" if alone.group("alone_a") else "alone_b"
            items.append((piece.group(alone, name), None, piece.sub(len(text), len(text)), None))
            continue
        lm = label_re.match(text, pos)
        if lm is not None and lm.end() < len(text):
            again = _label_again(text, lm, before)
            if again is None and lm.group("lab_b") is None and items and _REF_YEAR_ONLY.fullmatch(text, lm.end()):
                pos = lm.end()  # the year is read as a continuation line, its label dropped
            else:
                starts.append((pos, lm, again))
        elif labelled and (garbled := _garbled_label(piece, pos)) is not None:
            token, body = garbled
            items.append((Text(token.text.lstrip("(")[0].upper(), token.span), None, body, token))
            continue
        expected = _after(_read_letter(starts[0][1], starts[0][2])) if starts else before
        # labels further along the line
        for cm in gap_re.finditer(text[pos:]):
            at = pos + cm.end()
            lm2 = label_re.match(text, at)
            if lm2 is None or lm2.end() >= len(text):
                continue
            again2 = _label_again(text, lm2, expected)
            letter = _read_letter(lm2, again2)
            if letter == expected or (starts and (cm.group().startswith(("  ", ";")) or _another_entry(text, pos, at, lm2, starts[0][1]))):
                starts.append((at, lm2, again2))
                expected = _after(letter)
        if not starts:
            body = piece.sub(pos)
            # a line that reads as a reference of its own, under a labelled entry whose
            # line does not run on into it ("A. STATE 1 AND" / "PARIS 2"), is an entry
            # that lost its label (X002)
            lost = bool(items) and items[-1][0] is not None and not run_into and _looks_like_new_item(body.text)
            if items and not lost and (items[-1][0] is not None or not _looks_like_new_item(body.text)):
                lab, lab2, prev, bad = items[-1]
                items[-1] = (lab, lab2, _join(prev, body), bad)
            else:
                items.append((None, None, body, None))
            continue
        first_label: Optional[Text] = None  # a doubled label's first, in lower case
        if starts[0][0] > pos:
            head = piece.sub(pos, starts[0][0])
            hm = _REF_LABEL_ALONE_ANY_CASE.fullmatch(head.text)
            lm0, again0 = starts[0][1], starts[0][2]
            if hm is not None and again0 is None and lm0.group("lab_b") is None and (hm.group("alone_a") or hm.group("alone_b")).upper() == _read_letter(lm0, None):
                # "d. D) 2009 BAKU 909": the line's first label, in lower case, of a
                # doubled one (3.7), not text of the entry above
                first_label = head.group(hm, "alone_a" if hm.group("alone_a") else "alone_b")
            elif head.text.strip() and items:
                lab, lab2, prev, bad = items[-1]
                items[-1] = (lab, lab2, _join(prev, head), bad)
        for k, (at, lm, again) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else len(text)
            # each branch of REF_LABEL sets one of lab_a, lab_c, lab_d (one letter)
            lab_name = "lab_a" if lm.group("lab_a") else ("lab_c" if lm.group("lab_c") else "lab_d")
            label = piece.group(lm, lab_name)
            if label is not None and label.text.islower():
                label = Text(label.text.upper(), label.span)
            label2 = piece.group(again, "lab_again") if again is not None else piece.group(lm, "lab_b")
            begin = again.end() if again is not None else lm.end()
            body = piece.sub(begin, begin + len(text[begin:end].rstrip(" \t;,")))
            if k == 0 and first_label is not None:
                label, label2 = first_label, label
            items.append((label, label2, body, None))
    return items


def _another_entry(text: str, pos: int, at: int, lm: re.Match[str], first: re.Match[str]) -> bool:
    """Whether the label *lm* at *at*, out of sequence after one space, starts another
    entry all the same: written like the line's first label *first* ("(A) STATE 1
    (C) PARIS 2"), after a document number and before a cable reference, where no
    initial stands ("A. J. SMITH")."""
    same_form = all((lm.group(name) is None) == (first.group(name) is None) for name in ("lab_a", "lab_c", "lab_d"))
    return same_form and text[pos:at].rstrip()[-1:].isdigit() and _REF_CABLE.match(text, lm.end()) is not None


def _item_letter(item: _Item) -> str:
    """The letter an item is read by: its second label if it has two."""
    label, label2 = item[0], item[1]
    assert label is not None
    return (label2 or label).text.upper()


def _label_letter(m: re.Match[str]) -> str:
    return m.group("lab_a") or m.group("lab_c") or m.group("lab_d")


def _looks_like_new_item(text: str) -> bool:
    return bool(_REF_CABLE.fullmatch(text.strip()))


class _Joined(Seg):
    """A REF item wrapped onto more lines: the joined text, read as one."""

    __slots__ = ("head", "last")

    def __init__(self, line: SourceLine, begin: int, text: str, head: Seg, last: Span) -> None:
        super().__init__(line, begin, text)
        self.head = head  # the first piece, as it stands in its line
        self.last = last  # the last piece

    def strip_span(self) -> Span:
        return self.head.strip_span().cover(self.last)


def _join(a: Seg, b: Seg) -> Seg:
    # A wrapped item: the joined text is read as one; its span runs from the first
    # piece to the last (the joined text is longer than the first piece's line).
    head = a.head if isinstance(a, _Joined) else a
    return _Joined(a.line, a.begin, a.text.rstrip() + " " + b.text.strip(), head, b.strip_span())


def _unlabelled_split(body: Seg) -> list[Seg]:
    out: list[Seg] = []
    pos = 0
    if body.line.text[body.begin : body.begin + len(body.text)] != body.text:
        return [body]  # a joined wrapped item: positions of parts are not exact
    for sm in _REF_SEP.finditer(body.text):
        if sm.start() > pos:
            out.append(body.sub(pos, sm.start()))
        pos = sm.end()
    if pos < len(body.text):
        out.append(body.sub(pos))
    return out or [body]


def read_reference(written: Optional[Text], second: Optional[Text], body: Seg) -> Reference:
    """The reference of one item: *written* is its label, *second* the second label of a
    doubled one ("A. (A)", "B. D."), by which the entry is read (3.7)."""
    label, label2 = (second, written) if second is not None else (written, None)
    text = body.text.strip()
    span = body.strip_span()
    if written is not None:
        span = written.span.cover(span)
    if _REF_EMAIL.fullmatch(text):
        return Reference(span, label, label2, text, "email", None, None, dated=_email_date(text))
    dm = _REF_DTG.fullmatch(text)
    if dm is not None:
        return Reference(span, label, label2, text, "dtg", None, None, dated=_dtg_date(dm))
    m = _REF_CABLE.fullmatch(text)
    origin_text = m.group("ref_origin").strip() if m is not None else ""
    if m is not None and not _REF_NOT_CABLE.fullmatch(origin_text) and not _REF_NOT_CABLE_WORDS.fullmatch(origin_text):
        origin = _ORIGIN_PUNCT.sub("", m.group("ref_origin").upper())
        if origin == "SECSTATE":
            origin = "STATE"
        year: Optional[int] = None
        ys = m.group("ref_year")
        if ys:
            ys = ys.strip("()")
            y = int(ys)
            year = y if len(ys) == 4 else (2000 + y if y < 50 else 1900 + y)
        ident = f"{origin}{int(m.group('ref_num'))}"
        return Reference(span, label, label2, text, "cable", ident, year)
    if _REF_ORIGIN_ONLY.fullmatch(text):
        which = f"REF entry {label.text.upper()}" if label is not None else "REF entry"
        problem = Problem("reference", body.strip_span(), f"{which} names '{text}' but no number: expected an origin and a number such as '{text} 1234'")
        return Reference(span, label, label2, text, "other", None, None, (problem,))
    if _REF_NUMBER_ONLY.fullmatch(text):
        which = f"REF entry {label.text.upper()}" if label is not None else "REF entry"
        problem = Problem("reference", body.strip_span(), f"{which} has the number '{text}' but no origin: expected the post before the number, such as 'STATE {text}'")
        return Reference(span, label, label2, text, "other", None, None, (problem,))
    return Reference(span, label, label2, text, "other", None, None)


def _full_year(digits: str) -> int:
    y = int(digits)
    return y if len(digits) == 4 else (2000 + y if y < 50 else 1900 + y)


def _dtg_date(m: re.Match[str]) -> Optional[date]:
    """The date of a DTG reference ("SECDEF DTG 301601Z AUG 08"), or None."""
    month = m.group("dtg_mon").upper()
    if month not in _MONTHS:
        return None
    year, day = _full_year(m.group("dtg_year")), int(m.group("dtg_day"))
    if impossible_date(year, _MONTHS.index(month) + 1, day) is not None:
        return None
    return date(year, _MONTHS.index(month) + 1, day)


def _email_date(text: str) -> Optional[date]:
    """The date of an e-mail reference ("E-MAIL OF 07/02/2009"): of its readings as
    month/day and day/month, the earlier real one; None when there is none."""
    m = _REF_EMAIL_DATE.search(text)
    if m is None:
        return None
    year, a, b = _full_year(m.group("emd_year")), int(m.group("emd_a")), int(m.group("emd_b"))
    readings = [date(year, month, day) for month, day in ((a, b), (b, a)) if impossible_date(year, month, day) is None]
    return min(readings) if readings else None


def read_refs(first: Seg, more: list[Seg]) -> tuple[list[Reference], Span]:
    m = _REF.fullmatch(first.text)
    assert m is not None
    pieces = [first.sub(m.start("ref_list"))] + more
    pieces = [p for p in pieces if p.text.strip()]
    refs: list[Reference] = []
    for label, label2, body, garbled in _ref_items(pieces):
        if label is None:
            for part in _unlabelled_split(body):
                if part.text.strip():
                    refs.append(read_reference(None, None, part))
        elif garbled is not None:
            ref = read_reference(label, None, body)
            shown = f"'{label.text}.', '({label.text})' or '{label.text})'"
            if garbled.text.upper() in (f"{label.text}.", f"({label.text})", f"{label.text})"):  # "(b) STATE 1234"
                problem = Problem("reference", garbled.span, f"REF label '{garbled.text}' is not in capitals: expected '{garbled.text.upper()}'")
            else:
                problem = Problem("reference", garbled.span, f"REF label '{garbled.text}' is garbled: expected {shown} before the document")
            refs.append(Reference(ref.span, ref.label, None, ref.text, ref.kind, ref.cable_id, ref.year, (problem, *ref.problems)))
        elif body.text.strip():
            refs.append(read_reference(label, label2, body))
        elif label2 is not None:  # read by its second label, as read_reference does
            refs.append(Reference(label.span.cover(label2.span), label2, label, "", "other", None, None))
        else:
            refs.append(Reference(label.span, label, None, "", "other", None, None))
    span = first.span()
    if more:
        span = span.cover(more[-1].span())
    return refs, span


def read_classified_by(first: Seg, more: list[Seg]) -> ClassifiedBy:
    m = _CLSBY.fullmatch(first.text)
    assert m is not None
    rest = m.group("clsby_rest")
    # the line's text and its continuation lines joined by spaces; each piece keeps
    # where it stands so that a place in the joined text has its span in the file
    pieces = [(first, m.start("clsby_rest") + len(rest) - len(rest.lstrip()), rest.strip())]
    pieces += [(s, len(s.text) - len(s.text.lstrip()), s.text.strip()) for s in more]
    joined = " ".join(t for _, _, t in pieces)
    text = joined.strip()
    lead = len(joined) - len(joined.lstrip())

    def where(begin: int, end: int) -> Span:
        """The span of text[begin:end] in the file."""
        at = 0
        spans = []
        for seg, base, piece in pieces:
            lo, hi = max(begin + lead, at), min(end + lead, at + len(piece))
            if lo < hi or (lo == hi == begin + lead and at <= lo <= at + len(piece)):
                spans.append(seg.span(base + lo - at, base + hi - at))
            at += len(piece) + 1
        return spans[0].cover(spans[-1]) if spans else first.span()

    section: Optional[Text] = None
    letters: tuple[str, ...] = ()
    letter_spans: list[Text] = []
    last = None
    for rm in _REASON.finditer(text):
        last = rm
    if last is not None:
        group = "reason_sec" if last.group("reason_sec") is not None else "reason_bare"
        section = Text(_SPACES.sub("", last.group(group)), where(last.start(group), last.end(group)))
        written = last.group("reason_letters") or ""
        letters = tuple(dict.fromkeys(map(str.lower, _LETTERS.findall(written))))
        for lm in _LETTERS.finditer(written):
            at = last.start("reason_letters") + lm.start()
            begin, end = (at - 1, at + 2) if text[at - 1 : at] == "(" and text[at + 1 : at + 2] == ")" else (at, at + 1)
            letter_spans.append(Text(lm.group().lower(), where(begin, end)))
    problems: tuple[Problem, ...] = ()
    if m.group("clsby_typo") is not None:
        keyword = first.group(m, "clsby_kw")
        assert keyword is not None
        right = "CLASSIFIED BY:" if keyword.text.isupper() else "Classified By:"
        problems = (Problem("classified_by", keyword.span, f"'{keyword.text}' is misspelt: expected '{right}'"),)
    span = first.span()
    if more:
        span = span.cover(more[-1].span())
    return ClassifiedBy(span, text, section, letters, bool(_DERIVED.search(text)), problems, tuple(letter_spans))
