"""Readers for the body's lines: paragraphs and their classification markers,
sub-paragraphs, page headers and a signature appended to the last line (4.1-4.7).
The scan of running text for block markers and citations is in read_scan."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterator, Optional

from cablelint.compiled import regex
from cablelint.grammar.patterns import field
from cablelint.grammar.read_classline import LEVEL_BY_LETTERS, slip_of_level
from cablelint.grammar.read_release import MARKER_RELEASE, MARKER_RELEASE_ALONE
from cablelint.grammar.read_scan import misspelt_kind
from cablelint.grammar.redactions import redacted_signer
from cablelint.grammar.segment import Seg
from cablelint.model import RELEASE_ALONE, SPELLED_MARKINGS, BlockMarker, PageHeader, Paragraph, Problem, Signature, Subparagraph, Text, UnnumberedPortion
from cablelint.numbers import cable_int
from cablelint.quote import clip, plural
from cablelint.span import Span

_PARA = field("PARA_SHAPE")
_LETTERS_FOR_DIGITS = str.maketrans("Ol", "01")
_CONTROLS = ("NF", "NOFORN", "FOUO", "FGI", "N", "REL")
_ENTIRE_MISSPELT = field("PARA_ENTIRE_MISSPELT")
# what every match of PAGE_HEADER_INLINE holds: its serial and page number. Most lines
# holding " OF " have none, and one search for it costs far less than the header's
# pattern tried from every blank of the line
_PAGE_INLINE_HINT = regex(r"\d{8} +\d{3}")
# what a line holding an inline page header holds one of: its " OF ", or (also with a
# zero for the O, "002 0F 003", or a stray full stop, "002 .OF 003") the blank and two
# zeros its serial starts with (six digits padded to eight, cable-format.md 4.6). Each
# further word is one more search of a run's text, some 4 instructions a byte.
PAGE_INLINE_WORDS = (" OF ", " 00")
# where a try of PAGE_HEADER_INLINE may start, as its own lead: at the line's start or at the
# first blank of a run, before a capital (the post's first letter)
_PAGE_INLINE_LEAD = regex(r"(?:^|(?<![ \t])[ \t]+)(?=[A-Z])")
_BLOCK = field("BLOCK_MARKER")
_OPEN_MISSPELT = field("BLOCK_OPEN_MISSPELT")
# blanks before a separator taken from the first of their run only (split tried from each
# blank rescanned a long run each time); a match from a later blank is one from the first
_SEPARATORS = regex(r"(?:(?<![ \t])[ \t]+)?(?://|/|\\|-)[ \t]*")

MARK_HELP = "expected (U), (SBU), (C), (S) or (TS), optionally with controls such as /NF or //REL NATO"
# what P003 says of a marker's release that names no countries ("(S/NF/REL TO)"), a
# problem of kind RELEASE_ALONE: no fix is offered for it (the countries are the
# author's to name)
NO_COUNTRIES = "with no countries after it"


@lru_cache(maxsize=1024)  # a few markings recur in every cable
def normalise_marking(inner: str) -> tuple[Optional[str], Optional[str], tuple[str, ...]]:
    """(normalised marking, level, controls) of a marker's inner text, or Nones."""
    m = field("PARA_MARK_LOOSE").fullmatch(inner)
    if m is None:
        return None, None, ()
    if m.group("pm_entire"):
        level = inner.split("-")[0].strip().upper()
        return level, level, ()
    level = m.group("pm_level").upper()
    controls = []
    for part in _SEPARATORS.split(m.group("pm_rest") or ""):
        part = part.strip().upper()
        if not part:
            continue
        controls.append("NF" if part in ("N", "NOFORN") else part)
    return "/".join([level] + controls), level, tuple(controls)


def _bad_control(inner: str) -> Optional[tuple[str, str]]:
    """The level and the fault of a marker whose level is followed by a word that is
    not a control, "(C//FN)", or by a separator with nothing after it, "(C//)"; None
    for any other marker."""
    # a release among the controls ("(S/REL TO USA/x)") stands as its word REL, so
    # the control after it is read as after any other (its countries are names)
    m = field("PARA_MARK_CONTROLS").fullmatch(MARKER_RELEASE.sub("REL", inner))
    if m is None:
        return None
    level = m.group("pmc_level").upper()
    parts = [part.strip() for part in _SEPARATORS.split(m.group("pmc_rest"))[1:]]
    word = next((part for part in parts if part.upper() not in _CONTROLS), None)
    if word is None:
        return None
    if not word:
        return level, f"marker '({clip(inner)})' has nothing after a separator: expected a control such as NF after it, or '({clip(level)})' alone"
    meant = next((c for c in ("NF", "FOUO", "FGI") if sorted(c) == sorted(word.upper())), None)
    expected = f"'({clip(inner.replace(word, meant, 1))})'" if meant is not None else "a control such as NF, NOFORN, FOUO, FGI or REL <countries>"
    if level == "U" and word.upper() == "SBU":
        # "(U//SBU)": SBU is the level of unclassified text that needs protection (4.2)
        expected = "'(SBU)', the marking of sensitive unclassified text"
    return level, f"marker '({clip(inner)})' has an unknown control '{clip(word)}' after its level {level}: expected {expected}"


def blank_for_separator(inner: str) -> Optional[str]:
    """The marking meant by a marker's inner text of two words, a blank written for the
    separator ("S NF", "C NOFORN", "c n"): the words joined by a slash as written when
    that is a valid marking, else in capitals, else as the marking reads ("C/NF");
    None for any other text."""
    words = inner.split()
    if len(words) != 2:
        return None
    joined = f"{words[0]}/{words[1]}"
    for written in (joined, joined.upper()):
        if field("PARA_MARK").fullmatch(written):
            return written
    return normalise_marking(joined)[0]


# a marker's level followed by a mark that is no separator: before a control, "C.NF",
# "C;NF", "C,NF", "C:NF"; or alone, "C.", a control character ("C" and NUL)
_SLIPPED_SEP = regex(r"(?P<ss_level>SBU|TS|U|C|S)(?:(?P<ss_sep>[.;,:])[ \t]?(?P<ss_control>[A-Z][A-Z ,]*[A-Z])|(?P<ss_stray>[.;,:\x00-\x08\x0b-\x1f\x7f]))")


def slipped_separator(inner: str) -> Optional[tuple[str, str]]:
    """(the mark, the marking meant) of a marker's inner text whose level is followed
    by a full stop, semicolon, comma or colon for the separator ("C.NF": '.', "C/NF"),
    or by such a mark or a control character and nothing else ("C.": '.', "C"); None
    for any other text, or where the marking meant is no valid one."""
    m = _SLIPPED_SEP.fullmatch(inner)
    if m is None:
        return None
    if m.group("ss_stray") is not None:
        return m.group("ss_stray"), m.group("ss_level")
    joined = f"{m.group('ss_level')}/{m.group('ss_control')}"
    return (m.group("ss_sep"), joined) if field("PARA_MARK").fullmatch(joined) else None


def _slip_fault(inner: str, mark: str, meant: str) -> str:
    """What P003 says of a marker "(inner)" with *mark* where its separator belongs,
    or after its level alone (slipped_separator)."""
    if meant == inner[: len(meant)] and len(inner) == len(meant) + 1:  # "(C.)", "(C" NUL ")"
        what = f"a control character (U+{ord(mark):04X})" if ord(mark) < 32 or ord(mark) == 127 else f"a stray '{mark}'"
        shown = clip(inner) if ord(mark) >= 32 and ord(mark) != 127 else f"{meant}\\x{ord(mark):02x}"
        return f"marker '({shown})' has {what} after its level: expected '({meant})'"
    return f"marker '({clip(inner)})' has a bad separator '{mark}': expected '({meant})'"


@lru_cache(maxsize=1024)
def marker_fault(inner: str) -> Optional[str]:
    """What is wrong with a readable paragraph marker's inner text, or None; the
    marker's own expectation follows when it can be more precise than MARK_HELP."""
    # "(S//Rel NATO, ISAF)": the release list is names, its case is free (4.2)
    if field("PARA_MARK").fullmatch(MARKER_RELEASE.sub(lambda r: r.group().upper(), inner)):
        return None
    marking = normalise_marking(inner)[0]
    if marking is None and inner != inner.strip() and normalise_marking(inner.strip())[0] is not None:
        return f"marker '({clip(inner)})' has a space inside the parentheses: {MARK_HELP}"
    if marking is None:
        control = _bad_control(inner)
        if control is not None:
            return control[1]
        meant = blank_for_separator(inner)
        if meant is not None:
            return f"marker '({clip(inner)})' has a blank where its separator belongs: expected '({clip(meant)})'"
        slipped = slipped_separator(inner)
        if slipped is not None:  # "(C,NF)", "(C:NF)"
            return _slip_fault(inner, *slipped)
        return f"marker '({clip(inner)})' has an unknown level: {MARK_HELP}"
    if inner != inner.upper():
        return f"marker '({clip(inner)})' is not in capitals: {MARK_HELP}"
    return f"marker '({clip(inner)})' has a bad separator or control: {MARK_HELP}"


def misspelt_level_marking(inner: str) -> Optional[tuple[str, str, tuple[str, ...], bool]]:
    """(marking, level, controls, misspelt?) of a marker whose level is spelled out with
    at most one letter wrong, "(CONFIDENTAL)", "(SECERT/NF)", "(UNCLASIFIED)", or as the
    classification line writes it, "(UNCLAS)": the level word meant (cable-format.md
    4.2, 3.1), then any controls as a marker's; None for any other."""
    word = _SEPARATORS.split(inner.strip(), 1)[0]
    letters = "".join(word.split()).upper()
    if len(letters) < 5 or not letters.isalpha():
        return None
    meant = slip_of_level(letters)
    code = SPELLED_MARKINGS.get(meant) if meant is not None else None
    if code is None:
        return None
    marking, level, controls = normalise_marking(code + inner.strip()[len(word) :])
    if marking is None or level is None:
        return None
    return marking, level, controls, letters not in LEVEL_BY_LETTERS


@lru_cache(maxsize=1024)
def _read_marker(inner: str) -> tuple[bool, Optional[str], Optional[str], tuple[str, ...], Optional[str], bool, bool]:
    """What read_paragraph makes of a marker "(inner)": whether it is taken as the
    marker, the marking, level and controls, the problem message or None, whether
    it marks the entire text, and whether the problem is a release that names no
    countries (RELEASE_ALONE)."""
    marking, level, controls = normalise_marking(inner)
    spelled = SPELLED_MARKINGS.get(" ".join(inner.split()).upper())
    if marking is None and spelled is not None:
        return True, spelled, spelled, (), f"marker '({clip(inner)})' spells the level out: {MARK_HELP}", False, False
    misspelt = misspelt_level_marking(inner) if marking is None and len(inner) > 4 else None
    if misspelt is not None:
        # "(CONFIDENTAL)": a level spelled out, with a letter wrong, is the marker still
        fault = "spells the level out, misspelt" if misspelt[3] else "spells the level out"
        return True, misspelt[0], misspelt[1], misspelt[2], f"marker '({clip(inner)})' {fault}: {MARK_HELP}", False, False
    if marking is None:
        # "(C//FN)": the level is read, the word after it is not a control
        control = _bad_control(inner)
        if control is not None:
            return True, control[0], control[0], (), marker_fault(inner), False, False
    if (bare := MARKER_RELEASE_ALONE.search(inner)) is not None:
        # "(S/NF/REL)", "(S//REL TO)", "(S/REL TO/NF)": a release that names no
        # countries (not one to a country "TO"); the marking without it is read
        after = inner[bare.end() :].strip(" \t")
        before = normalise_marking(inner[: bare.start()].rstrip(" \t") + after)
        if before[0] is not None:
            release = inner[bare.start() : bare.end()].lstrip("/\\-").strip()
            # the example is a marker P003 takes: the marking as written, in capitals,
            # a hyphen or backslash made a slash ("(s-nf/rel)": '(S/NF/REL TO USA, GBR)';
            # "(S//NF//REL TO)": '(S//NF//REL TO USA, GBR)'; "(S/REL TO/NF)": '(S/REL TO
            # USA, GBR/NF)'), else the marking read
            sep = "//" if inner.startswith("//", bare.start()) else "/"
            written = "".join(inner[: bare.start()].split()).upper().replace("\\", "/").replace("-", "/")
            tail = "".join(after.split()).upper().replace("\\", "/").replace("-", "/")
            if not field("PARA_MARK").fullmatch(written + tail):
                written, tail = before[0], ""
            example = f"{written}{sep}REL TO USA, GBR{tail}"
            fault = f"marker '({clip(inner)})' has '{clip(release)}' {NO_COUNTRIES}: expected the countries it may be released to, e.g. '({example})'"
            return True, before[0], before[1], before[2], fault, False, True
    if marking is None and len(words := inner.split()) == 2:
        # "(C NOFORN)": a level and a control with a blank for the separator, the
        # marker still (P003 names the blank)
        spaced = normalise_marking(f"{words[0]}/{words[1]}")
        if spaced[0] is not None:
            return True, spaced[0], spaced[1], spaced[2], marker_fault(inner), False, False
    if marking is None and inner != inner.strip():
        # "(C )", "( C)": a blank inside the parentheses; the marking is read without
        # it (C003 weighs it as "(c)"'s), and P003 names the blank
        bare_marking, bare_level, bare_controls = normalise_marking(inner.strip())
        if bare_marking is not None:
            return True, bare_marking, bare_level, bare_controls, marker_fault(inner), "ENTIRE" in inner.upper(), False
    if marking is None and (slipped := slipped_separator(inner)) is not None:
        # "(C,NF)", "(C:NF)": a level and a control with another mark for the separator
        meant = normalise_marking(slipped[1])
        return True, meant[0], meant[1], meant[2], marker_fault(inner), False, False
    if marking is None and len(inner) > 5:
        return False, marking, level, controls, None, False, False
    # the marker's text is "(" + inner + ")": the parentheses are not in "ENTIRE"
    entire = "ENTIRE" in inner.upper()
    # "(C - ENTIRE TEXT)" marks the whole text as cables did before E.O. 12958 (3.8): a
    # marking, read; whether the cable may still use it is for the rules (P003, C004)
    why = None if entire and marking is not None else marker_fault(inner)
    return True, marking, level, controls, why, entire, False


def _besides_release(inner: str) -> Optional[str]:
    """The other fault of a marker "(inner)" whose release names no countries before
    another control ("(c/rel to/nf)": not in capitals; "(C/REL TO-NF)": a hyphen for
    the separator), as the marker is named with 'REL TO' read as a control, or None.
    _read_marker names the release alone; this fault, which P003 can fix, is named
    beside it."""
    bare = MARKER_RELEASE_ALONE.search(inner)
    if bare is None or not inner[bare.end() :].strip(" \t"):
        return None  # ("(S/NF/REL TO)": the release ends the marker, named alone)
    if normalise_marking(inner)[0] is None and normalise_marking(inner.strip())[0] is None:
        return None  # ("(S/REL/NF)": no marking read with the release as a control)
    return marker_fault(inner)


def _marker_problems(span: Span, inner: Optional[str], why: Optional[str], alone: bool, own: bool = True) -> tuple[Problem, ...]:
    """The problems of a marker at *span*, "(inner)", named *why*: that one, of kind
    RELEASE_ALONE when *alone* (it names a release with no countries); and, when it
    is _read_marker's own fault (*own*: not said with the marker written again) and
    the release stands before another control, the marker's other fault beside it
    (see _besides_release)."""
    if why is None:
        return ()
    problem = Problem("marker", span, why, RELEASE_ALONE if alone else "")
    other = _besides_release(inner) if alone and own and inner is not None else None
    return (problem,) if other is None else (problem, Problem("marker", span, other))


_GAP = " \t\u00a0"

# a control in parentheses of its own after a paragraph's marker: "(C)(NF) ...", "(S)
# (REL UK) ...", one marker split in two (P003)
_CONTROL_APART = regex(r"(?P<ca_mark>\((?P<ca_control>NF|NOFORN|FOUO|FGI|REL(?: TO)? [A-Z][A-Z ,]*[A-Z])\))(?=[ \t]|$)(?P<ca_gap>[ \t\u00a0]*)")


def _copies(text: str, at: int, mark: str) -> tuple[int, int]:
    """How many copies of the marker *mark* follow it from *at* on, in any case, with
    blanks or none between them ("(C) (C)", "(C)(C)(C)", "(c) (c)"), and where the
    last one ends; (0, 0) when none does."""
    key, size, copies, last = mark.upper(), len(mark), 0, 0
    while text[at : at + size].upper() == key and (at + size == len(text) or text[at + size] in _GAP + "("):
        copies, last = copies + 1, at + size
        at = len(text) - len(text[last:].lstrip(_GAP))
    return copies, last


def read_paragraph(seg: Seg, markers: Optional[list[BlockMarker]] = None) -> Paragraph:
    """The paragraph whose head starts *seg*; an opening with its kind word misspelt at
    the start of its text ("1. (C) Sumary: ...") is added to *markers*, when given."""
    text = seg.text
    m = _PARA.fullmatch(text)
    assert m is not None
    num, number_gap, gap_before, gap_after, inner, mark = m.group("para_num", "para_gap0", "para_gap1", "para_gap2", "para_mark_text", "para_mark")
    marking = level = None
    controls: tuple[str, ...] = ()
    entire = taken = False  # taken: para_mark is the marker
    unclosed = False  # the marker lacks its closing parenthesis: "(S COMMENT"
    why: Optional[str] = None  # what is wrong with the marker
    alone = False  # why names a release with no countries (RELEASE_ALONE)
    own = True  # why is _read_marker's, not said with the marker written again
    why_entire: Optional[Problem] = None  # an entire-text marking's misspelt level
    if inner is not None:
        taken, marking, level, controls, why, entire, alone = _read_marker(inner)
    elif m.group("para_bracket") is not None:
        inner = m.group("para_bracket")
        taken, marking, level, controls, _, entire, _ = _read_marker(inner)
        if taken and marking is not None:
            why = f"marker '{clip(mark)}' is in square brackets: {MARK_HELP}"
        else:
            taken = False
    elif m.group("para_odd") is not None:
        # "((SBU)", "(C]": a marking, its parentheses or brackets doubled or mismatched
        taken, marking, level, controls, _, entire, _ = _read_marker(m.group("para_odd"))
        if taken and marking is not None:
            why = f"marker '{clip(mark)}' has unmatched parentheses or brackets: {MARK_HELP}"
        else:
            taken = False
    elif m.group("para_close") is not None:
        marking, level, controls = normalise_marking(m.group("para_close"))
        taken = True
        why = f"marker '{clip(mark)}' has no opening parenthesis: {MARK_HELP}"
        entire = "ENTIRE" in mark.upper()
    elif m.group("para_open") is not None:
        open_text = m.group("para_open")
        marking, level, controls = normalise_marking(open_text)
        if marking is not None:
            taken = unclosed = True
            why = f"marker '({clip(open_text)}' has no closing parenthesis: {MARK_HELP}"
            entire = "ENTIRE" in mark.upper()
    slip = None  # a marker the head's pattern does not take: "(C.NF)", "(C.)", "{C}"
    if not taken and mark is None and m.group("para_text")[:1] in ("(", "{"):
        slip = _slipped_marker(m.group("para_text"))
        if slip is not None:
            taken, mark, inner, marking, level, controls, why, gap_after = True, *slip
    num_at, num_end = m.span("para_num")
    mark_at, mark_end = m.span("para_mark")
    if slip is not None and mark is not None:
        mark_at = m.start("para_text")
        mark_end = mark_at + len(mark)
    if taken:
        text_start = m.start("para_text") if slip is None else mark_end + len(gap_after or "")
        if gap_after is None:
            gap_after = ""
        copies = last = 0
        if inner is not None and mark is not None and text.startswith("(", text_start):  # (a copy's parenthesis)
            copies, last = _copies(text, text_start, mark)
        if copies:  # "(C) (C) ...", "(C)(C)(C) ...", "(c) (c) ...": one marker, written again
            first, mark_end = mark, last
            mark, text_start = text[mark_at:mark_end], len(text) - len(text[last:].lstrip(_GAP))
            gap_after = text[last:text_start]
            # its own fault, if any, after the repetition: "... 2 times, and is not in
            # capitals: ..."; the count in digits, as every message's
            said = f"marker '{clip(first)}' is written {copies + 1} times"
            why = f"{said}: expected it once" if why is None else f"{said}, and {why.removeprefix(f'marker {first!r} ')}"
            own = False
        elif why is None and text[text_start : text_start + 1] in ("(", ")"):
            again = field("PARA_MARK_AGAIN").match(text, text_start)
            if again is not None:  # "(C//NF)) ...", "(C) (C) ...": one marker, written wrong
                first, second = mark, again.group("pma_mark")
                mark_end = again.end("pma_mark")
                mark, gap_after, text_start = text[mark_at:mark_end], again.group("pma_gap"), again.end()
                if second == ")":
                    why = f"marker '{clip(mark)}' has a doubled closing parenthesis: {MARK_HELP}"
                elif second == first:
                    why = f"marker '{clip(first)}' is written 2 times: expected it once"
                else:
                    why = f"marker '{clip(first)}' is followed by a second marker '{clip(second)}': expected one marker"
            elif marking is not None:
                split = _CONTROL_APART.match(text, text_start)
                if split is not None:  # "(C)(NF) ...", "(C) (NF) ...": one marker, split
                    first, control = mark, split.group("ca_control")
                    joined = f"{marking}/{control}"
                    mark_end = split.end("ca_mark")
                    mark, gap_after, text_start = text[mark_at:mark_end], split.group("ca_gap"), split.end()
                    marking, level, controls = normalise_marking(joined)
                    why = f"marker '{clip(first)}' is followed by its control in a second marker '({clip(control)})': expected '({joined})'"
    else:
        text_start = m.end("para_gap1")
        gap_after = ""
        entire = field("PARA_ENTIRE_TEXT").fullmatch(m.group("para_text")) is not None
        if not entire and "NTIRE" in m.group("para_text")[:40].upper():
            why_entire = _entire_misspelt(m.group("para_text"), m.start("para_text"), seg)
            entire = why_entire is not None
    span = seg.span
    whole = span(0, len(text))
    if markers is not None:
        opening = _OPEN_MISSPELT.match(text, text_start)
        kind = misspelt_kind(opening.group("bom_word")) if opening is not None else None
        if opening is not None and kind is not None:
            markers.append(BlockMarker(span(opening.start(), opening.end()), kind, "open", True))
        elif unclosed:
            _unclosed_opening(text, text_start, span, markers)
    if number_gap is not None:
        stop = m.group("para_stop")
        number_span = span(num_at, m.end("para_stop"))
    else:  # "3 (S)": the digits alone (the pattern takes this form only with a marker)
        number_gap = ""
        stop = ""
        number_span = span(num_at, num_end)
    head = span(num_at, text_start if text_start > num_end else num_end)
    mark_span = span(mark_at, mark_end) if taken else None
    marker: Optional[Text] = None
    problems: tuple[Problem, ...] = ()
    if taken:
        assert mark is not None and mark_span is not None
        marker = Text(mark, mark_span)
        problems = _marker_problems(mark_span, inner, why, alone, own)
    elif why_entire is not None:
        problems = (why_entire,)
    if not num.isdigit():
        # "1O. (C)": the letter O (or l) typed for a digit of the number
        digits = num.translate(_LETTERS_FOR_DIGITS)
        problems += (Problem("paragraph_number", span(num_at, num_end), f"paragraph number '{clip(num)}' has a letter typed for a digit: expected {digits}"),)
        num = digits
    return Paragraph(whole, cable_int(num), number_span, marker, marking, level, controls, gap_before, gap_after, number_gap, head, problems, entire, stop, head_line=seg.line)


# a marker at the start of a line with text after it: an unnumbered portion's head
_LEAD_MARKER = regex(r"\((?P<inner>[A-Z][^()\n]{0,40})\)[ \t]+(?=\S)")
_LEVELS = ("U", "SBU", "C", "S", "TS")


def read_unnumbered(seg: Seg) -> Optional[UnnumberedPortion]:
    """The portion marked on the text line *seg* with no number ("(S/NF) Summary: ...",
    "(U) Post concurs."), or None when the line does not start with a marker read
    whole, its level in capitals, and text after it (a lower-case "(c)" is a list's
    label; a marker with a fault is not told from other parenthesised text)."""
    m = _LEAD_MARKER.match(seg.text)
    if m is None:
        return None
    inner = m.group("inner")
    marking, level, controls = normalise_marking(inner)
    if marking is None or level not in _LEVELS or not inner.startswith(level):
        return None
    span = seg.span
    return UnnumberedPortion(span(0, len(seg.text.rstrip())), Text(f"({inner})", span(0, m.end("inner") + 1)), marking, level, controls)


# a marker with another mark for its separator, or a stray one after its level, that
# the head's pattern leaves to the text ("(C.NF)", "(C;NF)", "(C.)", "(C" NUL ")"), or a
# level in braces ("{C}")
_SLIPPED_MARK = regex(r"(?:\((?P<sm_inner>(?:SBU|TS|U|C|S)[.;\x00-\x08\x0b-\x1f\x7f][A-Z ,]{0,40})\)|\{(?P<sm_brace>SBU|TS|U|C|S)\})(?=[ \t]|$)(?P<sm_gap>[ \t\u00a0]*)")


def _slipped_marker(text: str) -> Optional[tuple[str, Optional[str], Optional[str], Optional[str], tuple[str, ...], str, str]]:
    """(the marker as written, its inner text, marking, level, controls, the fault, the
    blanks after it) of a marker at the start of a paragraph's *text* that the head's
    pattern does not take: another mark for its separator ("(C.NF) ..."), a stray one
    after its level ("(C.) ..."), or braces ("{C} ..."); None for any other text."""
    sm = _SLIPPED_MARK.match(text)
    if sm is None:
        return None
    mark = text[: sm.end("sm_gap") - len(sm.group("sm_gap"))]
    brace = sm.group("sm_brace")
    if brace is not None:
        return mark, None, brace, brace, (), f"marker '{clip(mark)}' is in braces: expected '({brace})'", sm.group("sm_gap")
    inner = sm.group("sm_inner")
    slipped = slipped_separator(inner)
    if slipped is None:
        return None
    marking, level, controls = normalise_marking(slipped[1])
    return mark, inner, marking, level, controls, _slip_fault(inner, *slipped), sm.group("sm_gap")


def read_marker_first(seg: Seg) -> Optional[Paragraph]:
    """The paragraph whose head starts *seg* written marker first, "(C) 1. The ...",
    "  (c) 1. The ...", or None when it is no such head. Its marker's span lies before its number's (P004
    names the layout): no gap between the number and the marker, and the gap after
    them is the one before the text."""
    m = field("PARA_MARKER_FIRST").fullmatch(seg.text)  # (compiled for the first such line)
    if m is None:
        return None
    _, marking, level, controls, why, entire, alone = _read_marker(m.group("pmf_inner"))
    span = seg.span
    marker = Text(m.group("pmf_mark"), span(*m.span("pmf_mark")))
    problems = _marker_problems(marker.span, m.group("pmf_inner"), why, alone)
    number_span = span(m.start("pmf_num"), m.end("pmf_num") + 1)
    head = span(m.start("pmf_mark"), m.start("pmf_text"))  # (an indent before it kept)
    return Paragraph(span(0, len(seg.text)), cable_int(m.group("pmf_num")), number_span, marker, marking, level, controls, "", m.group("pmf_gap2"), "", head, problems, entire, head_line=seg.line)


def _entire_misspelt(text: str, at: int, seg: Seg) -> Optional[Problem]:
    """The problem of an entire-text marking whose level is misspelt ("CONFIDENTAIL -
    ENTIRE TEXT."), found in the paragraph's *text* (from *at* in its line); None when
    it is no such marking. It marks the whole text still: its paragraphs lack no marker."""
    em = _ENTIRE_MISSPELT.fullmatch(text)
    if em is None:
        return None
    word = em.group("pem_level")
    meant = slip_of_level("".join(word.split()).upper())
    if meant is None:
        return None
    return seg.problem("marker", at + em.start("pem_level"), at + em.end("pem_level"), f"entire-text marking '{clip(word)}' is misspelt: expected {meant}")


def _unclosed_opening(text: str, at: int, span: Callable[[int, int], Span], markers: list[BlockMarker]) -> None:
    """The opening that starts a paragraph's text after a marker without its closing
    parenthesis ("5. (S COMMENT", "3. (C Summary: ..."), which the scan misses (it looks
    for the parenthesis); added to *markers* as the scan adds it after "(S)"."""
    m = _BLOCK.match(text[at:])
    if m is None:
        return
    kind = m.group("blk_head_kind") or m.group("blk_open_kind")
    if kind is None:
        return
    begin = m.start("blk_head_kind") if m.group("blk_head_kind") else m.start("blk_open")
    role = "continued" if m.group("blk_cont") else "open"
    markers.append(BlockMarker(span(at + begin, at + m.end()), kind.upper(), role))
    if m.group("blk_open_kind2"):  # "Summary and comment:"
        markers.append(BlockMarker(span(at + begin, at + m.end()), m.group("blk_open_kind2").upper(), role))


# the end of a line that wraps a list of names, a name with its initial and the list's
# joint ("... met J. Smith and", "B. Jones,"): the line below goes on with a name
_NAMES_ABOVE = regex(r"\b[A-Z]\.[ \t]+[A-Z][A-Za-z'-]+(?:[ \t]*,(?:[ \t]+(?i:and))?|[ \t]+(?:(?i:and)|&))[ \t]*$")
# a head's text that starts with a name ("Lopez, the DCM")
_NAME_FIRST = regex(r"[A-Z][A-Za-z'-]*[A-Za-z](?![A-Za-z'-])")


def read_subparagraph(seg: Seg, paragraph: Optional[int], marked: bool = False, above: str = "", going_on: Optional[str] = None) -> Optional[Subparagraph]:
    """The lettered sub-paragraph whose head starts *seg*, with its own marker if it
    has one. A marker is read as a paragraph's is, and its faults are P003's ("A. (X)",
    "A. (S-NF)"). In lower case it is a marker only when it reads as a marking, and
    a single letter only when *marked*, the sub-paragraph before it in the paragraph
    carrying its own marker ("B. (s)" under "A. (S)"): else "A. (c) ..." is a list in
    a list ("A. (s/nf)" is no list label). An initial and a name with no marker under
    *above*, the line right above, that ends a list of names at its joint ("... met
    J. Smith and" / "A. Lopez, the DCM"), is the list's next name, no head; unless
    the line above is the head lettered before it ("A. Brief K. Lee," / "B. Visit
    ...": a list whose items end with commas), or the letter is *going_on*, the one
    that follows the paragraph's last sub-paragraph (a "B." item wrapped onto a line
    ending "... J. Smith and", then "C. Visit the port."; the builder gives none when a
    later head of the paragraph has that letter: "C. Lopez, the DCM" / "C. Visit")."""
    m = field("SUBPARA_SHAPE").fullmatch(seg.text)
    if m is None:
        return None
    letter = m.group("sub_letter")
    if letter and letter != going_on and m.group("sub_mark") is None and m.group("sub_open") is None and _names_wrapped(above, letter, m.group("sub_text")):
        return None
    for name, style in (("sub_letter", "A."), ("sub_paren", "(a)"), ("sub_close", "a)"), ("sub_lower", "a."), ("sub_range", "a)")):
        if m.group(name):
            label = m.group(name)
            last = m.group("sub_range_end") if name == "sub_range" else None
            span = seg.span(m.start(name) - (1 if style == "(a)" else 0), (m.end(name) if last is None else m.end("sub_range_end")) + 1)
            mark = m.group("sub_mark")
            if m.group("sub_open") is not None:
                # "A. (S/NF The ...": its own marker, the closing parenthesis lost
                written = m.group("sub_open")
                _, level, controls = normalise_marking(written)
                marker = Text(f"({written}", seg.span(m.start("sub_open") - 1, m.end("sub_open")))
                problem = Problem("marker", marker.span, f"marker '({clip(written)}' has no closing parenthesis: {MARK_HELP}")
                return Subparagraph(span, label, style, paragraph, marker, level, controls, last, (problem,))
            if mark is not None and (mark.isupper() or marked or len(mark) > 1):
                taken, marking, level, controls, why, _, alone = _read_marker(mark)
                if taken and (marking is not None or mark.isupper()):  # "A. (C) ...": its own marker
                    marker = Text(f"({mark})", seg.span(m.start("sub_mark") - 1, m.end("sub_mark") + 1))
                    problems = _marker_problems(marker.span, mark, why, alone)
                    return Subparagraph(span, label, style, paragraph, marker, level, controls, last, problems)
            return Subparagraph(span, label, style, paragraph, last=last)
    return None


def _names_wrapped(above: str, letter: str, text: str) -> bool:
    """Whether a head "*letter*. *text*" is an initial and a name that goes on with a
    list of names wrapped at its joint on *above* (see read_subparagraph)."""
    tail = above.rstrip(" \t")
    if tail[-1:] not in (",", "d", "D", "&") or _NAME_FIRST.match(text) is None:
        return False  # (most heads: the line above ends a sentence or a clause)
    if tail.lstrip(" \t")[:2] == chr(ord(letter) - 1) + ".":
        return False
    return _NAMES_ABOVE.search(tail[-48:]) is not None


def read_page_header(seg: Seg) -> Optional[PageHeader]:
    m = field("PAGE_HEADER_SHAPE").fullmatch(seg.text)
    if m is None:
        return None
    if m.group("ph_serial") is not None:
        serial = seg.group(m, "ph_serial")
        total = seg.group(m, "ph_total")
        assert serial is not None
        sub = m.group("ph_sub")
        end = m.end("ph_sub") if sub is not None else m.end("ph_page")
        post = m.group("ph_post").strip()
        problems: tuple[Problem, ...] = ()
        if m.group("ph_dot") is not None or m.group("ph_dot1") is not None or m.group("ph_dot2") is not None or m.group("ph_of")[0] == "0":
            problems = _page_of(seg, m, "ph_of", ("ph_dot", "ph_dot1", "ph_dot2"), _page_written(m))
        if m.group("ph_extra") is not None:
            assert total is not None
            problems += (_page_extra(seg, m, total),)
        if len(m.group("ph_page")) != 3:
            problems = (_page_digits(seg, m),) + problems
        return PageHeader(
            seg.strip_span(),
            post,
            serial,
            cable_int(m.group("ph_page")),
            total,
            sub=cable_int(sub) if sub else None,
            page_span=seg.span(m.start("ph_page"), end),
            post_span=_post_span(seg, m, "ph_post", post),
            problems=problems,
        )
    # a received copy's page line, "PAGE 02 HARARE 06677 02 OF 03 291401Z": page 2
    # of the copy, in section 2 of 3 (cable-format.md 2.8, 4.6)
    serial = seg.group(m, "ph_serial2")
    assert serial is not None
    post = m.group("ph_post2").strip()
    problems = _page_of(seg, m, "ph_of2", (), _page_written(m)) if m.group("ph_of2")[0] == "0" else ()
    return PageHeader(seg.strip_span(), post, serial, cable_int(m.group("ph_sec2")), seg.group(m, "ph_total2"), section=seg.group(m, "ph_sec2"), post_span=_post_span(seg, m, "ph_post2", post), problems=problems)


def _page_of(seg: Seg, m: re.Match[str], of: str, dots: tuple[str, ...], right: str) -> tuple[Problem, ...]:
    """A page header's OF with a zero typed for its O ("002.2 0F 003"), and a stray
    full stop before or after it ("002. OF 003"): one problem each, where it is.
    *right*: its section, OF and total as they should be written."""
    problems: list[Problem] = []
    for name in dots:
        if m.group(name) is not None:
            where = ("after its section number", f"before '{clip(m.group(of))}'", f"after '{clip(m.group(of))}'")[dots.index(name)]
            problems.append(seg.problem("page_header", m.start(name), m.end(name), f"page header has a stray '.' {where}: expected '{clip(right)}'"))
    written = m.group(of)
    if written[0] == "0":
        problems.append(seg.problem("page_header", m.start(of), m.end(of), f"page header has '{clip(written)}', a zero for the letter O: expected '{'OF' if written[1] == 'F' else 'of'}'"))
    problems.sort(key=lambda problem: problem.span.start)
    return tuple(problems)


def _page_written(m: re.Match[str], at: str = "ph") -> str:
    """A page header's section, OF and total as they should be written (*at*: the
    prefix of its pattern's groups, "ph" or the inline header's "phi")."""
    if at == "ph" and m.group("ph_serial") is None:
        return f"{m.group('ph_sec2')} OF {m.group('ph_total2')}"
    sub = m.group(at + "_sub")
    return f"{m.group(at + '_page')}{'.' + sub if sub else ''} OF {m.group(at + '_total')}"


def _page_extra(seg: Seg, m: re.Match[str], total: Text) -> Problem:
    """A number typed again after a page header's total: "002 OF 002 002"."""
    extra = m.group("ph_extra")
    return Problem(
        "page_header",
        seg.span(m.start("ph_extra"), m.end("ph_extra")),
        f"page header has '{clip(extra)}' after its total 'OF {clip(total.text)}': expected the line to end at the total",
    )


def _page_digits(seg: Seg, m: re.Match[str]) -> Problem:
    """A page header's section number of more than three digits: "0002 OF 003", or a
    run of thousands."""
    page = m.group("ph_page")
    digits = page.lstrip("0")
    meant = f"'{digits.zfill(3)}'" if len(digits) <= 3 else "the section zero padded, such as '002'"
    return Problem(
        "page_header",
        seg.span(m.start("ph_page"), m.end("ph_page")),
        f"page header section number '{clip(page)}' has {plural(len(page), 'digit')}: expected 3, {meant}",
    )


_OF_WORD, _SERIAL_START = PAGE_INLINE_WORDS


def may_hold_inline_page(text: str) -> bool:
    """Whether *text* holds one of PAGE_INLINE_WORDS, as every inline page header does."""
    return _OF_WORD in text or _SERIAL_START in text


def after_leading_page_header(text: str) -> int:
    """Where the text after a page header that starts *text* begins ("BRASILIA 00001216
    003 OF 004 4. (C) ..."), or -1."""
    m = field("PAGE_HEADER_INLINE").match(text)
    return m.end() if m is not None else -1


def inline_page_header_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of PAGE_HEADER_INLINE in *text*, as finditer finds them, in time linear
    in the text. finditer tried the pattern from each word, and each try read its post
    on to where a post's characters end (PAGE_POST_RUN): 'A A A ... 00000097 002 x.'
    was read once a word. A try that fails fails from every later word of the same run
    of a post's characters too: a post ends before the blank before its serial, and the
    serial's first digit is no post's character, so that blank can only be the run's
    last character, the same for every try from within the run. So after a failed try
    the next starts at the blanks that end the run (the lead of a post after them, past
    a tab) or past the run."""
    header = field("PAGE_HEADER_INLINE")
    at = 0
    while (lead := _PAGE_INLINE_LEAD.search(text, at)) is not None:
        m = header.match(text, lead.start())
        if m is not None:
            yield m
            at = m.end()
            continue
        run = field("PAGE_POST_RUN").match(text, lead.end())
        assert run is not None  # (the post's first letter, at least)
        at = run.end()
        while text[at - 1] in " \t":  # (the run's first character is a capital)
            at -= 1


def inline_page_headers(seg: Seg) -> list[PageHeader]:
    out: list[PageHeader] = []
    if _PAGE_INLINE_HINT.search(seg.text) is None:
        return out
    for m in inline_page_header_matches(seg.text):
        serial = seg.group(m, "phi_serial")
        total = seg.group(m, "phi_total")
        assert serial is not None
        post = m.group("phi_post").strip()
        problems: tuple[Problem, ...] = ()
        if m.group("phi_dot") is not None or m.group("phi_dot1") is not None or m.group("phi_dot2") is not None or m.group("phi_of")[0] == "0":
            # (as a page header line's: "002 0F 003", "002. OF 003"; S003)
            problems = _page_of(seg, m, "phi_of", ("phi_dot", "phi_dot1", "phi_dot2"), _page_written(m, "phi"))
        sub = m.group("phi_sub")
        out.append(
            PageHeader(
                seg.span(m.start("phi_post"), m.end("phi_total")),
                post,
                serial,
                cable_int(m.group("phi_page")),
                total,
                sub=cable_int(sub) if sub else None,
                page_span=seg.span(m.start("phi_page"), m.end("phi_sub") if sub else m.end("phi_page")),  # checked for order as at a line start
                post_span=_post_span(seg, m, "phi_post", post),
                problems=problems,
            )
        )
    return out


def _post_span(seg: Seg, m: re.Match[str], name: str, post: str) -> Span:
    """Where a page header's *post* (group *name*, without its blanks) is written."""
    at = m.start(name) + len(m.group(name)) - len(m.group(name).lstrip())
    return seg.span(at, at + len(post))



def appended_signature(seg: Seg) -> Optional[Signature]:
    """The signer's name run on to the last text line, if it is there: a capitalised
    word after a full stop or an END TEXT/END COMMENT, or an upper-case word closing
    a mixed-case line. A full stop after the name (S002) is in the signature's span,
    not in its name; a name in capitals after a sentence only is read with one. The
    name closing a draft's clearance line ("Approved: AMB MICHALAK", a block with no
    signature above it, which is text) is the approver's, no signature."""
    m = field("APPENDED_SIGNATURE").fullmatch(seg.text)
    if m is None:
        return None
    if seg.text.lstrip(" \t")[:1] in ("D", "d", "C", "c", "A", "a"):
        from cablelint.grammar.parser import line_patterns  # (a parse has them: this runs in one)

        if line_patterns()["CLEARANCE_LINE"].fullmatch(seg.text) is not None:
            return None
    name, before = m.group("appended_sig"), m.group("sig_before")
    if redacted_signer(name):
        return None  # the archive's redaction ("... told us XXXXXXXXXXXX"), no signer
    capitals = name.upper() == name and len(name) >= 3
    if field("SIGNATURE_AFTER").fullmatch(before) is None and not (capitals and before != before.upper()):
        return None
    if not capitals and not before.endswith((" ", "\t")):
        return None  # "...economy.Ford" is not how a signature is appended
    if m.group("sig_stop") is not None and not (capitals and before.endswith((" ", "\t")) and field("SIGNATURE_AFTER").fullmatch(before)):
        return None  # "... talks with the IMF." ends a sentence; "... message. BURLEIGH." is signed
    return Signature(seg.span(m.start("appended_sig"), m.end()), name, True)
