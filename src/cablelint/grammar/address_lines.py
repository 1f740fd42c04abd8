"""The tests the lexer and the header builder ask of an address line's text before it
is read (2.1-2.6): an address line's keyword standing where a continuation line is, a
printed copy's page header, further addressees or a further address line run on into
it. The addressees themselves are read in read_address."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from cablelint.compiled import regex
from cablelint.data import load_stations
from cablelint.grammar.patterns import field

_ADDR_LINE = field("ADDRESS_SHAPE")
_ADDRESSEE = field("ADDRESSEE")
_JOINED = field("ADDRESS_JOINED")
_SECOND = field("ADDRESS_SECOND")
_MOVED = field("MOVED_ADDRESS")
_COLLECTIVE = field("COLLECTIVE_PLAD")
_PASSING = field("ATTN_UNDER_ADDRESS")


def continuation_keyword(text: str) -> Optional[str]:
    """The keyword of an address line standing where a continuation line of a block
    is ("TO RUEKJCS/SECDEF WASHDC" or "TO AMEMBASSY PARIS" under the TO or INFO block,
    "FM AMEMBASSY BAMAKO" under the TO line), its keyword misspelt too ("T0 AMEMBASSY
    PARIS": see _misspelt_keyword), or None."""
    if not text.lstrip().startswith(("TO ", "INFO ", "XMT ", "FM ", "TO\t", "INFO\t", "XMT\t", "FM\t")):
        return _misspelt_keyword(text)  # (most continuation lines: an addressee)
    m = _ADDR_LINE.fullmatch(text.strip())
    if m is None:
        return None
    keyword, rest = m.group("addr_kw", "addr_rest")
    if keyword == "FM":
        # the originator's PLAD, which has no routing indicator
        plad = _ADDRESSEE.fullmatch(rest.strip())
        return keyword if plad is not None and plad.group("addr_ri") is None else None
    if keyword == "XMT":
        # XMT names posts by PLAD alone, without routing indicators (2.6)
        return keyword if _ADDRESSEE.fullmatch(rest.strip()) is not None else None
    if keyword not in ("TO", "INFO"):
        return None
    # a routing indicator and its slash, or, where the address lines have none (a
    # legacy header, 2.8), a PLAD's prefix ("INFO AMEMBASSY PARIS 0001") or a
    # collective ("INFO EUROPEAN POLITICAL COLLECTIVE", with its precedence too:
    # "... COLLECTIVE PRIORITY")
    if "/" in rest or _MOVED.fullmatch(text) is not None:
        return keyword
    # or an agency's or a command's PLAD ("TO CIA WASHDC", "INFO JOINT STAFF WASHDC",
    # "INFO CDR USCENTCOM MACDILL AFB FL"): see agency_plad
    return keyword if _collective_or_agency(rest, bare=True) else None


def address_after_keyword(text: str) -> bool:
    """Whether the line *text*, which the lexer takes for a TO, INFO or XMT line where
    an address block may have been moved (under the classification line or the
    handling captions, at the top), has an address after its keyword: a routing
    indicator and its slash or a post's PLAD prefix (MOVED_ADDRESS, its keyword
    misspelt too: "INF0 AMEMBASSY OSLO"), or a collective, an agency's or a
    command's PLAD after the keyword spelt right ("INFO EUROPEAN POLITICAL
    COLLECTIVE", "INFO SECDEF WASHDC": as continuation_keyword reads them). "TO THE
    SECRETARY FROM ..." is a passing line."""
    if _MOVED.fullmatch(text) is not None:
        return True
    m = _ADDR_LINE.fullmatch(text.strip())
    if m is None or m.group("addr_kw") not in ("TO", "INFO", "XMT"):
        return _zero_slip_before_agency(text)
    return _collective_or_agency(m.group("addr_rest"), bare=False)


# The keywords misspelt with a zero for their O, which the lexer's TO and INFO line
# terminals take before any address (cable.lark: "T0 HQ USCENTCOM")
_ZERO_SLIPS = ("T0", "INF0")


def zero_slip_keyword(text: str) -> bool:
    """Whether *text* starts with "T0" or "INF0" and a word after it: a TO or INFO line
    whatever follows (the TO line's terminal takes "T0 " before anything), as no prose
    starts so."""
    if text.lstrip()[:1] not in ("T", "I"):
        return False  # (nearly every addressee)
    words = text.split(None, 1)
    return len(words) == 2 and words[0] in _ZERO_SLIPS


def _zero_slip_before_agency(text: str) -> bool:
    """Whether *text* is "T0" or "INF0" before a collective or an agency's or a
    command's PLAD ("INF0 SECDEF WASHDC"): the address line, read as the same line
    with its keyword spelt right is (MOVED_ADDRESS has only the posts' prefixes)."""
    return zero_slip_keyword(text) and _collective_or_agency(text.split(None, 1)[1], bare=False)


def _collective_or_agency(rest: str, bare: bool) -> bool:
    """Whether *rest*, what follows an address line's keyword, is a collective ("EUROPEAN
    POLITICAL COLLECTIVE", with its precedence too) or an agency's or a command's PLAD
    (see agency_plad); *bare*: an agency's PLAD also where *rest* has no addressee's
    shape at all."""
    rest = rest.strip()
    addressee = _ADDRESSEE.fullmatch(rest)
    name = addressee.group("addr_plad") if addressee is not None else rest
    if name.endswith("COLLECTIVE"):
        return _COLLECTIVE.fullmatch(name) is not None
    return (bare or addressee is not None) and agency_plad(name)


# Words that start a passing line, not an agency's PLAD ("TO ME IN PARIS"); but for
# OF and AND ("DEPT OF ENERGY"), none stands in an agency's name.
_NOT_AGENCY = frozenset(("A", "AN", "AND", "AT", "FOR", "FROM", "IN", "ME", "OF", "ON", "THE", "TO", "US", "VIA"))
_IN_AGENCY = frozenset(("OF", "AND"))
# A military command's PLAD, at a place no post of State's is (2.6): a commander's or
# headquarters' prefix, or a command's own word ("CDR USCENTCOM MACDILL AFB FL", "HQ
# USEUCOM VAIHINGEN GE", "CJTF-HOA J2X CAMP LEMONIER DJ", "COMUSKOREA SEOUL KOR"), its
# place ending with a state's or a country's code of two or three letters
_COMMAND = regex(r"(?:CDR|HQ|CG|COMDT|CJTF(?:-[A-Z0-9]+)?|USCINC[A-Z0-9]+|CINC[A-Z0-9]+|COMUS[A-Z0-9]+|COMSOC[A-Z0-9]+)(?: [A-Z0-9][A-Z0-9-]*){1,5} [A-Z]{2,3}")


def agency_plad(name: str) -> bool:
    """Is *name* (an addressee's PLAD, without its routing indicator, precedence and
    serial) an agency's at the place of a post the station list knows ("CIA
    WASHDC", "USDAO PARIS", "JOINT STAFF WASHDC", "DEPT OF ENERGY WASHINGTON DC": up
    to four words in capitals, then the place), or a military command's (see
    _COMMAND)? Not a passing line's words ("THE AMBASSADOR IN PARIS")."""
    words = name.split()
    if len(words) < 2 or words[0] in _NOT_AGENCY:
        return False
    if _COMMAND.fullmatch(" ".join(words)) is not None:
        return True
    places = known_places()
    for k in range(1, min(len(words), 5)):
        if (words[k - 1] in _NOT_AGENCY and words[k - 1] not in _IN_AGENCY) or not words[k - 1].isupper():
            return False
        if " ".join(words[k:]) in places:
            return True
    return False


# The prefixes of State's posts' PLADs (as MOVED_ADDRESS in fields.lark names them)
_POST_PREFIXES = frozenset(("AMEMBASSY", "AMCONSUL", "SECSTATE", "USMISSION", "USEU", "USINT"))


def legacy_addressee(plad: str, serial: Optional[str]) -> bool:
    """Is *plad* with its *serial* (an addressee with no routing indicator) one of
    State's posts as a legacy header names it: a post the station list knows
    ("USMISSION USNATO"), with a serial or none, or, with its serial, a post's prefix
    and a place of up to three words ("AMEMBASSY COPENHAGEN 0655"; the station list
    holds the posts seen sending, not every post)? A line of text in capitals can
    have that shape ("AMEMBASSY PARIS REPORTED IN 1988"): such a place has no word of
    a sentence's joints, its serial four digits, and no known post's place begins it."""
    words = plad.split()
    if " ".join(words) in load_stations():
        return True
    if serial is None or len(serial) != 4 or not 2 <= len(words) <= 4 or words[0] not in _POST_PREFIXES:
        return False
    place = words[1:]
    if not all(w.isalpha() and w.isupper() and w not in _SENTENCE_WORDS for w in place):
        return False
    known = known_places()
    return not any(" ".join(place[:k]) in known for k in range(1, len(place)))


# Words that join a sentence, never a post's place ("THE HAGUE", "PORT OF SPAIN" keep
# THE and OF)
_SENTENCE_WORDS = frozenset(("AT", "BY", "FOR", "FROM", "IN", "ON", "TO", "WITH", "THAT", "ME", "US", "VIA"))


@lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """The places of the posts the station list knows, their PLADs without the
    first word ("WASHDC", "PARIS", "HONG KONG"), and Washington written out as the
    agencies there write it ("WASHINGTON DC")."""
    return frozenset(plad.partition(" ")[2] for plad in load_stations()) | {"WASHINGTON DC"}


# The keywords whose misspellings the address line terminals take (cable.lark's
# FM_LINE to XMT_LINE), in the lexer's order of priority.
_SLIP_LINES = (("FM_LINE", "FM"), ("TO_LINE", "TO"), ("INFO_LINE", "INFO"), ("XMT_LINE", "XMT"))
_WRITTEN = frozenset(("FM", "FROM", "TO", "INFO", "XMT"))


def _misspelt_keyword(text: str) -> Optional[str]:
    """The keyword of an address line whose keyword is misspelt ("T0 AMEMBASSY
    STOCKHOLM 0718", "INF0 RUEHNO/AMEMBASSY OSLO") as the lexer takes one where an
    address line stands, with an address after it (a routing indicator and its
    slash, or a PLAD's prefix; after a zero for the O, an agency's or a command's
    PLAD or a collective too, "INF0 SECDEF WASHDC"); the address reader names the
    misspelling. None otherwise."""
    if (_MOVED.fullmatch(text) is None and not _zero_slip_before_agency(text)) or text.split(None, 1)[0].upper() in _WRITTEN:
        return None  # (no address after it; or the keyword written, in another case)
    from cablelint.grammar.parser import line_patterns  # (a parse has them: this runs in one)

    patterns = line_patterns()
    return next((keyword for term, keyword in _SLIP_LINES if patterns[term].fullmatch(text) is not None), None)


def passing_line(text: str) -> bool:
    """Is *text*, where an addressee may stand, an attention or passing line ("DEPT FOR
    EUR/NB", "PASS TO USAID FOR AA/LAC") rather than one more addressee? It has their
    shape and reads as no addressee with a routing indicator or a precedence
    ("RUCNOSC/ORG FOR SECURITY CO OP IN EUROPE ..." is one). Real cables write
    these lines under the classification line (3.3), never inside the address block."""
    if "FOR" not in text and "PASS" not in text:
        return False  # (nearly every address line)
    if _PASSING.fullmatch(text) is None:
        return False
    m = _ADDRESSEE.fullmatch(text.strip())
    return m is None or (m.group("addr_ri") is None and m.group("addr_prec") is None)


def page_header_in_address(text: str) -> bool:
    """Is the address line *text* a printed copy's page header ("TO PAGE 02 STATE
    015113 182333Z"), which holds no addressee (2.6, 4.6)?"""
    return "PAGE" in text and field("ADDRESS_PAGE_HEADER").fullmatch(text.strip()) is not None


def second_addressees(text: str, keyword: bool) -> list[tuple[int, int]]:
    """Where further addressees run on into the address line *text* ("RUEHC/SECSTATE
    WASHDC 0233 RUEHOU/AMEMBASSY OUAGADOUGOU 0198"): for each, the end of the address
    before it and its own start; *keyword*: *text* starts with its keyword."""
    if "//" in text or _SECOND.search(text, 1) is None:
        # (office codes between double slashes hold slashes of their own; and the search
        # from 1 finds whatever the one below finds, from further on)
        return []
    start = len(text) - len(text.lstrip(" \t"))  # (an indented line)
    if keyword:
        m = _ADDR_LINE.fullmatch(text, start)
        start = m.start("addr_rest") if m is not None else len(text)
    while start < len(text) and text[start] == " ":
        start += 1
    return [(m.start(), m.start("second_ri")) for m in _SECOND.finditer(text, start + 1)]


def joined_line(text: str) -> Optional[tuple[int, int]]:
    """Where a TO, INFO or XMT line run on into the address line *text* starts ("TO
    RUEHC/SECSTATE WASHDC 0412 INFO RUEHZK/ECOWAS COLLECTIVE"): the end of the address
    before it and the start of its keyword; None when there is none."""
    m = _JOINED.search(text, len(text) - len(text.lstrip(" \t")))  # (past an indent, which is no run-on)
    if m is None or not text[: m.start()].strip():
        return None
    return m.start(), m.start("joined_kw")
