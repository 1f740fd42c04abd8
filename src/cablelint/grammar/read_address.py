"""Readers for the address block (2.1-2.6): the TO, INFO, XMT and FM lines, each
addressee's routing indicator, PLAD, precedence and serial. The tests the lexer and
the header builder ask of an address line before it is read (a keyword standing where
a continuation is, a page header, addressees run together) are in address_lines."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from cablelint.compiled import regex
from cablelint.grammar.patterns import field
from cablelint.grammar.read_header import blank_word, in_capitals, ri_problems, unindented
from cablelint.grammar.segment import Seg
from cablelint.model import Addressee, Problem, Text
from cablelint.quote import clip, plural

PRECEDENCE_WORDS = ("FLASH", "NIACT IMMEDIATE", "IMMEDIATE", "PRIORITY", "ROUTINE")
_ONE_WORD_PRECEDENCE = tuple(w for w in PRECEDENCE_WORDS if " " not in w)
# The PLAD prefixes of the Department's own posts (2.6) long enough that a word one or
# two letters from one is that prefix misspelt: no other first word of a real PLAD is
# (USEU and USINT are left out: EU, USUN and JOINT are as close to them).
PLAD_PREFIXES = ("AMEMBASSY", "AMCONSUL", "SECSTATE", "USMISSION")
# Originators whose classification-line post is not a part of their PLAD (3.1).
POST_ALIASES = {
    "STATE": ("SECSTATE WASHDC",),
    "SECTO": ("USDEL SECRETARY",),
}
_PLAD_WORD = regex(r"[A-Z0-9]+")
# The prefixes that are never a whole address: a post's name follows them (2.6).
_NAMING_PREFIXES = ("AMEMBASSY", "AMCONSUL", "USMISSION")

_RI = field("ROUTING_INDICATOR")
_ADDR_LINE = field("ADDRESS_SHAPE")
_ADDRESSEE = field("ADDRESSEE")
# "FM: AMEMBASSY OSLO", "TO: RUEHC/SECSTATE WASHDC": a colon after the keyword, as on
# a memo's header, the keyword also written out or down-cased as the line terminals
# take it ("FROM: ...", "fm: ...": cable.lark FM_LINE ... XMT_LINE)
_COLON_AFTER_KEYWORD = regex(r"(?P<colon_kw>FM|TO|INFO|XMT|FROM|fm|to|info|xmt)(?P<colon>[ \t]*:)[ \t]*(?P<colon_rest>(?:\S.*)?)")
_ADDR_SERIAL = field("ADDRESSEE_SERIAL")
_ADDR_LETTERED = field("ADDRESSEE_LETTERED_SERIAL")
_BLANK = regex(r"[ \t]")  # what parts an address's words: a space or a tab
# what an address may hold besides capitals and digits (the characters of ADDRESSEE)
_ADDRESS_CHARS = frozenset(" \t.&'(),-/")
# How nearly every routing indicator of the real cables' address lines starts (RUEHC,
# RUEKJCS, RHMFISS, ...); a word of an address that starts so is an indicator, not the
# first word of a PLAD such as "RUSSIA COLLECTIVE".
_RI_PREFIXES = frozenset(("RUEH", "RUCN", "RUEK", "RHEH", "RUEA", "RHMF", "RUMI", "RHEF", "RUCP", "RHHM", "RHMC", "RHEB", "RUEI"))


def _edit_distance_le2(a: str, b: str, budget: int = 2) -> bool:
    """Whether *a* and *b* differ by at most two insertions, deletions or changes."""
    # Skip the common start, then try each edit at the first difference: at most
    # 3**budget branches, instead of a full table for every pair of words.
    if abs(len(a) - len(b)) > budget:
        return False
    i = 0
    n = min(len(a), len(b))
    while i < n and a[i] == b[i]:
        i += 1
    a, b = a[i:], b[i:]
    if not a or not b:
        return True  # what is left is the length difference, within budget
    if budget == 0:
        return False  # they differ at their first character
    return (
        _edit_distance_le2(a[1:], b[1:], budget - 1)
        or _edit_distance_le2(a[1:], b, budget - 1)
        or _edit_distance_le2(a, b[1:], budget - 1)
    )


@lru_cache(maxsize=4096)
def _precedence_slips(word: str) -> tuple[str, ...]:
    """The one-word precedence words *word* is at most two edits from (every
    addressee's last word is asked: cached)."""
    return tuple(w for w in PRECEDENCE_WORDS if " " not in w and _edit_distance_le2(word, w))


@lru_cache(maxsize=4096)
def _prefix_slip(word: str) -> Optional[str]:
    """The PLAD prefix *word* misspells ('AMEMBASY': AMEMBASSY), or None (every
    addressee's first word is asked: cached)."""
    if len(word) < 6 or word in PLAD_PREFIXES:
        return None
    close = [p for p in PLAD_PREFIXES if _edit_distance_le2(word, p)]
    return close[0] if len(close) == 1 else None


def _glued_serial(word: str) -> Optional[tuple[str, str]]:
    """The precedence word and serial run together in *word* ('PRIORITY0842'), or None."""
    for prec in _ONE_WORD_PRECEDENCE:
        if word.startswith(prec) and word[len(prec) :].isdigit():
            return prec, word[len(prec) :]
    return None


def _closest_precedence(word: str) -> str:
    """The precedence word *word* is a slip for ('PRIOITY': PRIORITY), or the list."""
    close = _precedence_slips(word)
    return close[0] if len(close) == 1 else "FLASH, IMMEDIATE, PRIORITY or ROUTINE"


def _near_precedence(word: str) -> bool:
    """Is *word* (5 letters or more) a precedence word misspelt by at most two edits?"""
    return bool(_precedence_slips(word))


def read_addressee(seg: Seg, role: str, keyword: bool) -> Addressee:
    problems: list[Problem] = []
    seg, indent = unindented(seg, "address_indent", f"{role} line" if keyword else "address line")
    if indent is not None:
        problems.append(indent)
    text = seg.text
    at = 0  # where the address starts in the segment
    if keyword:
        colon = _COLON_AFTER_KEYWORD.fullmatch(text)
        m = _ADDR_LINE.fullmatch(text) if colon is None else None
        at = m.start("addr_rest") if m is not None else len(text)  # else "FM" alone
        written_kw = m.group("addr_kw") if m is not None else None
        slip = field("ADDRESS_SLIP").fullmatch(text) if m is None and colon is None else None
        lost = _ADDRESSEE.fullmatch(text) if m is None and slip is None and colon is None else None
        if lost is not None and (any(lost.group(g) is not None for g in ("addr_ri", "addr_prec", "addr_serial")) or field("ADDRESS_KEYWORD_FIRST").match(text) is None):
            # the keyword lost ("RUEHC/SECSTATE WASHDC 3577" where the TO line stands,
            # or a bare PLAD, "AMEMBASSY OSLO", that the lexer takes for it; not "FM"
            # alone): named at the routing indicator, or the address's first word
            at = 0
            first_word = lost.group("addr_ri") or text.split(None, 1)[0]
            problems.append(seg.problem("addressee", 0, len(first_word), f"address line '{clip(text.strip())}' has no keyword: expected '{role} {clip(text.strip())}'"))
        elif colon is not None:
            # the colon named, the address after it read (a field of its own: the
            # address is whole, A004 still compares it)
            at = colon.start("colon_rest")
            if at < len(text):  # "INFO:" alone has no address: said below, with the colon
                problem, seg = _colon_problem(seg, colon, role)
                problems.append(problem)
                text = seg.text
        elif slip is not None:
            # the line terminal took it for its keyword misspelt ("INF0 RUEHNO/...")
            at = slip.start("slip_rest")
            problems.append(seg.problem("addressee", 0, slip.end("slip_kw"), f"'{clip(slip.group('slip_kw'))}' is misspelt: expected the keyword {role}"))
        elif written_kw == "FROM":
            problems.append(seg.problem("addressee", 0, 4, "'FROM' is written out: expected the FM line's keyword, FM"))
        elif written_kw is not None and written_kw.islower():
            seg, problem = in_capitals(seg, "addressee", "address line")
            problems.append(problem)
            text = seg.text
        elif written_kw is not None and written_kw != written_kw.upper():
            # "Info RUEHTV/...": the keyword alone typed in mixed case, the line read on
            problems.append(seg.problem("addressee", 0, len(written_kw), f"keyword '{clip(written_kw)}' is not in capitals: expected '{clip(written_kw.upper())}'"))
    while at < len(text) and text[at].isspace():
        at += 1
    # ADDRESSEE looks neither behind nor before its start: matching from *at* reads
    # text[at:] with positions in the segment
    m = _ADDRESSEE.fullmatch(text, at) if at < len(text) else None
    slash = text.find("/", at)
    if m is None and slash > at and text[slash : slash + 2] == "//" and _RI.fullmatch(text[at:slash]):
        # "RUEHZL//EUROPEAN POLITICAL COLLECTIVE": read on after the doubled slash
        m = _ADDRESSEE.fullmatch(text, slash + 2) if slash + 2 < len(text) else None
        if m is not None and m.group("addr_ri") is None:
            problems.append(
                seg.problem("addressee", slash, slash + 2, f"'//' after the routing indicator '{clip(text[at:slash])}': expected one '/' ('{clip(text[at:slash])}/{clip(text[slash + 2 :])}')")
            )
            return _addressee_of(seg, m, role, Text(text[at:slash], seg.span(at, slash)), problems)
        m = None
    if m is not None and m.group("addr_ri") is None and slash > at and (text[slash - 1] in " \t" or text[slash + 1 : slash + 2] in (" ", "\t")):
        # "RUEHDK /AMEMBASSY DAKAR", "RUEHDK/ AMEMBASSY DAKAR": a blank before or after
        # the slash; the routing indicator before it and the address after it are read
        blanked = _blanked_slash(seg, text, at, slash)
        if blanked is not None:
            problems.append(blanked[1])
            return _addressee_of(seg, blanked[0], role, blanked[2], problems)
    if m is None and slash > at and text[at:slash].isalnum() and not text[at:slash].isupper():
        # a routing indicator not in capitals ("ruehc/SECSTATE WASHDC"): R006 says so,
        # and the address is read with it in capitals
        lowered = Text(text[at:slash], seg.span(at, slash))
        capitals = text[:at] + text[at:slash].upper() + text[slash:]
        m = _ADDRESSEE.fullmatch(capitals, at)
        if m is not None:
            problems.extend(ri_problems([lowered], "address line"))
            text, seg = capitals, Seg(seg.line, seg.begin, capitals)
    if m is None:
        body = seg.sub(at)
        problems.append(_unreadable(body, role))
        return Addressee(seg.span(), role, None, Text(body.text, body.span()) if body.text else None, None, None, tuple(problems))
    ri = seg.group(m, "addr_ri")
    if ri is not None and ri.text != "ZEN":
        problems.extend(ri_problems([ri], "address line"))
    return _addressee_of(seg, m, role, ri, problems)


def _colon_problem(seg: Seg, colon: re.Match[str], role: str) -> tuple[Problem, Seg]:
    """The colon after an address line's keyword as one finding, with the keyword's
    case or spelling when that is wrong too (as without the colon), and the line to
    read: in capitals when it was down-cased."""
    kw, colon_at, rest = colon.group("colon_kw"), colon.end("colon") - 1, colon.group("colon_rest")
    if kw == "FROM":
        why = f"'FROM' is written out, with a stray ':' after it: expected the FM line's keyword, FM ('FM {clip(rest)}')"
        return seg.problem("addressee", 0, colon_at + 1, why), seg
    if kw.islower():
        upper, _ = in_capitals(seg, "addressee", "address line")
        meant = f"{role} {upper.text[colon.start('colon_rest') :]}"
        why = f"address line is not in capitals and has a stray ':' after its keyword: expected '{clip(meant)}'"
        return seg.problem("addressee", 0, len(seg.text), why), upper
    why = f"stray ':' after the keyword {kw}: expected '{kw} {clip(rest)}'"
    return seg.problem("address_keyword", colon_at, colon_at + 1, why), seg


def _blanked_slash(seg: Seg, text: str, at: int, slash: int) -> Optional[tuple[re.Match[str], Problem, Text]]:
    """An address whose routing indicator's slash has a blank before or after it (or
    both), read as written without them: the address after the slash, the problem
    (at the blanks) and the routing indicator; None when the words around the slash
    are not a routing indicator and an address."""
    ri_end = slash
    while ri_end > at and text[ri_end - 1] in " \t":
        ri_end -= 1
    after = slash + 1
    while after < len(text) and text[after] in " \t":
        after += 1
    if not _RI.fullmatch(text, at, ri_end):
        return None
    rest = _ADDRESSEE.fullmatch(text, after) if after < len(text) else None
    if rest is None or rest.group("addr_ri") is not None:
        return None
    ri = Text(text[at:ri_end], seg.span(at, ri_end))
    blank = blank_word(text[ri_end:slash] + text[slash + 1 : after])
    written = f"'{clip(ri.text)}/{clip(text[after:])}'"
    if ri_end == slash:
        problem = seg.problem("addressee", slash + 1, after, f"{blank} after the '/' of the routing indicator '{clip(ri.text)}': expected the address right after the slash ({written})")
    elif after == slash + 1:
        problem = seg.problem("addressee", ri_end, slash, f"{blank} before the '/' of the routing indicator '{clip(ri.text)}': expected the slash right after it ({written})")
    else:
        problem = seg.problem("addressee", ri_end, after, f"{blank}s around the '/' of the routing indicator '{clip(ri.text)}': expected none ({written})")
    return rest, problem, ri


def _unreadable(body: Seg, role: str) -> Problem:
    """An address the ADDRESSEE pattern does not fit, said in the drafter's terms: the
    first character an address cannot hold, or else the whole address."""
    example = "AMEMBASSY BAMAKO" if role == "FM" else "RUEHC/SECSTATE WASHDC PRIORITY 0412"
    if not body.text:
        return body.problem("addressee", 0, 0, f"{role} line has no address: expected one after {role} (e.g. {role} {example})")
    if body.text != body.text.upper() and _ADDRESSEE.fullmatch(body.text.upper()):
        # (quoted cut short: an address line may run on, blanks and all)
        return body.problem("addressee", 0, len(body.text), f"address '{clip(body.text, 60)}' is not in capitals: expected '{clip(body.text.upper(), 60)}'")
    odd = next((i for i, c in enumerate(body.text) if not (c.isupper() or c.isdigit() or c in _ADDRESS_CHARS)), None)
    if odd is not None:
        return body.problem(
            "addressee", odd, odd + 1, f"unexpected '{clip(body.text[odd])}' in the address '{clip(body.text)}': expected only capitals, digits, spaces and . & ' ( ) , - /"
        )
    return body.problem(
        "addressee",
        0,
        len(body.text),
        f"address '{clip(body.text)}' cannot be read: expected the routing indicator and '/', the address, then the precedence word and the 4-digit serial where there are any (e.g. {example})",
    )


def _serial_problem(serial: Text) -> Problem:
    """Why an addressee serial is not 4 digits (or a range of two such)."""
    ends = serial.text.split("-")
    wrong = next((e for e in ends if len(e) != 4), ends[0])
    if len(ends) == 2:
        why = f"addressee serial range '{clip(serial.text)}' has {plural(len(wrong), 'digit')} in '{clip(wrong)}': expected 4 at each end (e.g. 0412-0414)"
    elif len(wrong) < 4:
        why = f"addressee serial '{clip(wrong)}' has {plural(len(wrong), 'digit')}: expected 4 ({wrong.zfill(4)})"
    else:
        why = f"addressee serial '{clip(wrong)}' has {plural(len(wrong), 'digit')}: expected 4"
    return Problem("addressee", serial.span, why)


def _first_word(text: str) -> str:
    """The first word of an address, up to a space or a tab."""
    return _BLANK.split(text, 1)[0] if "\t" in text else text.split(" ", 1)[0]


def _last_word(text: str) -> str:
    """The last word of an address, after its last space or tab."""
    return text[max(text.rfind(" "), text.rfind("\t")) + 1 :]


def _addressee_of(seg: Seg, m: re.Match[str], role: str, ri: Optional[Text], problems: list[Problem]) -> Addressee:
    """The addressee ADDRESSEE read from *seg* (its routing indicator *ri* already
    checked), with what is wrong with its parts."""
    plad = seg.group(m, "addr_plad")
    prec = seg.group(m, "addr_prec")
    serial = seg.group(m, "addr_serial")
    serial_problem = _serial_problem(serial) if serial is not None and not _ADDR_SERIAL.fullmatch(serial.text) else None
    serial_at = len(problems)  # (the serial's problem, when it stands, comes first of the addressee's own)
    if plad is not None and prec is None:
        words = _BLANK.split(plad.text) if "\t" in plad.text else plad.text.split(" ")
        inside = -1
        if any(map(plad.text.__contains__, _ONE_WORD_PRECEDENCE)):  # (most addresses hold none)
            inside = max((i for i, w in enumerate(words[:-1]) if w in PRECEDENCE_WORDS), default=-1)
        if inside > 0:
            # "WASHDC IMMEDIATE 2716 2716": what follows the precedence word kept it in
            # the address; the address and the precedence word are read without it
            begin = m.start("addr_plad")
            col = len(" ".join(words[: inside + 1])) + 1
            tail = plad.text[col:]
            end = m.end("addr_plad")
            if serial is not None and tail == serial.text:
                message = f"serial '{clip(tail)}' is written twice: expected it once, after the precedence word"
            elif serial is not None and serial_problem is not None and tail.isdigit() and _ADDR_SERIAL.fullmatch(tail + serial.text):
                # "PRIORITY 62 75": one serial split by a blank, one finding for it
                end = m.end("addr_serial")
                message = f"addressee serial '{clip(seg.text[begin + col : end])}' is split by a blank: expected {tail + serial.text}"
                serial_problem = None
            else:
                message = f"unexpected '{clip(tail)}' after the precedence word {words[inside]}: expected only the 4-digit serial after it"
            problems.append(seg.problem("addressee", begin + col, end, message))
            lead = inside - 1 if inside > 1 and words[inside - 1 : inside + 1] == ["NIACT", "IMMEDIATE"] else inside
            word = len(" ".join(words[:lead]))
            prec = Text(" ".join(words[lead : inside + 1]), seg.span(begin + word + 1, begin + col - 1))
            plad = Text(plad.text[:word], seg.span(begin, begin + word))
        elif serial is not None and len(words) > 1 and words[-1] == serial.text:
            col = len(plad.text) - len(words[-1])
            problems.append(seg.problem("addressee", m.start("addr_plad") + col, m.end("addr_plad"), f"serial '{clip(serial.text)}' is written twice: expected it once"))
            plad = Text(plad.text[: col - 1], seg.span(m.start("addr_plad"), m.start("addr_plad") + col - 1))
    if serial_problem is not None:
        problems.insert(serial_at, serial_problem)
    if plad is not None and prec is not None and serial is None and " " in plad.text and _ADDR_SERIAL.fullmatch(_last_word(plad.text)):
        # "SECSTATE WASHDC 1769 IMMEDIATE": the serial before the precedence word
        written = _last_word(plad.text)
        begin = m.end("addr_plad") - len(written)
        problems.append(seg.problem("addressee", begin, m.end("addr_plad"), f"serial '{clip(written)}' stands before the precedence word {prec.text}: expected '{clip(prec.text)} {clip(written)}'"))
        serial = Text(written, seg.span(begin, m.end("addr_plad")))
        plad = Text(plad.text[: -len(written)].rstrip(), seg.span(m.start("addr_plad"), m.start("addr_plad") + len(plad.text[: -len(written)].rstrip())))
    if plad is not None and prec is None and serial is None and plad.text.endswith(".") and _last_word(plad.text)[:-1].isalpha():
        # "RUEKJCS/OSD WASHDC.": a full stop closing the line (not "D.C."), read without it
        end = m.end("addr_plad")
        plad = Text(plad.text[:-1], seg.span(m.start("addr_plad"), end - 1))
        problems.append(seg.problem("addressee", end - 1, end, f"address '{clip(plad.text)}.' ends with a full stop: expected '{clip(plad.text)}'"))
    if plad is not None and plad.text in _NAMING_PREFIXES:
        # "RUEHFR/AMEMBASSY" and "PARIS PRIORITY 3375" under it: the line broken after the prefix
        problems.append(Problem("addressee", plad.span, f"address '{clip(plad.text)}' names no post: expected the post after it on the same line (e.g. {plad.text} BAMAKO)"))
    if plad is not None and prec is None:
        glued = _glued_serial(_last_word(plad.text))
        if glued is not None:
            begin = m.end("addr_plad") - len(glued[0]) - len(glued[1])
            problems.append(
                seg.problem("addressee", begin, m.end("addr_plad"), f"serial '{clip(glued[1])}' is run into the precedence word: expected '{clip(glued[0])} {clip(glued[1])}'")
            )
    if plad is not None and serial is None and " " in plad.text and _ADDR_LETTERED.fullmatch(_last_word(plad.text)):
        # "AMEMBASSY SANTIAGO OOO3": the serial typed with letters for digits
        written = _last_word(plad.text)
        begin = m.end("addr_plad") - len(written)
        meant = written.translate(str.maketrans("OIl", "011"))
        problems.append(seg.problem("addressee", begin, m.end("addr_plad"), f"serial '{clip(written)}' has letters for digits: expected {meant}"))
    if plad is not None:
        first = _first_word(plad.text)
        prefix = _prefix_slip(first)
        if prefix is not None:
            begin = m.start("addr_plad")
            problems.append(seg.problem("addressee", begin, begin + len(first), f"'{clip(first)}' is misspelt: expected {prefix}"))
    if plad is not None and ri is None and role != "FM":
        first = _first_word(plad.text)
        if first != plad.text and first[:4] in _RI_PREFIXES and _RI.fullmatch(first):
            # "RUEHC SECSTATE WASHDC": the indicator lost its slash into the address
            problems.append(
                seg.problem(
                    "addressee",
                    m.start("addr_plad"),
                    m.start("addr_plad") + len(first),
                    f"routing indicator '{clip(first)}' has no '/' after it: expected '{clip(first)}/{clip(plad.text[len(first) + 1 :])}'",
                )
            )
    if plad is not None and prec is not None:
        last = _last_word(plad.text)
        if last in PRECEDENCE_WORDS:  # ("IMMEDIATE" of "NIACT IMMEDIATE" too)
            col = len(plad.text) - len(last)
            problems.append(
                seg.problem("addressee", m.start("addr_plad") + col, m.end("addr_plad"), f"precedence '{clip(last)}' is written twice: expected one precedence word")
            )
    if plad is not None and prec is None:
        last = _last_word(plad.text)
        if last == "NIACT" and last != plad.text:
            # "NIACT" alone: the IMMEDIATE of NIACT IMMEDIATE dropped
            col = len(plad.text) - len(last)
            problems.append(seg.problem("addressee", m.start("addr_plad") + col, m.end("addr_plad"), "'NIACT' is not a precedence word alone: expected NIACT IMMEDIATE"))
        elif len(last) >= 5 and _near_precedence(last):
            col = len(plad.text) - len(last)
            problems.append(
                seg.problem(
                    "addressee",
                    m.start("addr_plad") + col,
                    m.end("addr_plad"),
                    f"'{clip(last)}' is not a precedence word: expected {_closest_precedence(last)}",
                )
            )
    return Addressee(seg.span(), role, ri, plad, prec, serial, tuple(problems))


def plad_words(text: str) -> list[str]:
    """The words of a PLAD or post, in capitals, its punctuation left out."""
    return _PLAD_WORD.findall(text.upper())


def alias_post(plad: str) -> Optional[str]:
    """The post an originator whose post is not a part of its PLAD writes on the
    classification line (``SECSTATE WASHDC`` -> ``STATE``), or None."""
    words = plad_words(plad)
    return next((post for post, plads in POST_ALIASES.items() if any(plad_words(p) == words for p in plads)), None)


def fm_post(plad: str) -> str:
    """The post the classification line names for the FM line's PLAD: the PLAD
    without its prefix (``AMEMBASSY ANKARA`` -> ``ANKARA``, ``USMISSION USNATO`` ->
    ``USNATO``), or the name State's own cables write (``SECSTATE WASHDC`` ->
    ``STATE``); a PLAD with no such prefix whole (``USEU BRUSSELS``; 3.1)."""
    alias = alias_post(plad)
    if alias is not None:
        return alias
    words = plad.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].upper() in PLAD_PREFIXES else plad
