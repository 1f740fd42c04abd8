"""The scan of the body's running text for block markers and citations: SUMMARY and
COMMENT openings and ends (misspelt ones too), REFTEL and REF citations, paragraph
citations, and those wrapped over two lines (4.3, 4.4); with the shortcuts that try the
scan's patterns only where they can match."""

from __future__ import annotations

import re
from dataclasses import replace
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Callable, Iterable, Optional

from cablelint.compiled import regex
from cablelint.grammar.patterns import field
from cablelint.grammar.segment import Seg
from cablelint.grammar.source import SourceLine
from cablelint.model import BlockMarker, Citation, Reference
from cablelint.numbers import cable_int
from cablelint.span import Span

_BLOCK = field("BLOCK_MARKER")
_END_ABOVE = field("BLOCK_END_WRAPPED")
_END_AND_ABOVE = field("BLOCK_END_AND_WRAPPED")
END_MISSPELT = field("BLOCK_END_MISSPELT")
_SPELT = ("SUMMARY", "COMMENT")  # the kind words whose misspellings are read as markers
_REFTEL = field("REFTEL_CITE")
_REFCITE = field("REF_CITE")
_REFBARE = field("REF_BARE")
_BARE_BEFORE_NOUN = regex(r"\.?[ \t]+(?!(?i:paras?|paragraphs?)\b)[A-Za-z]")
_MORE_LETTERS = regex(r"\(([A-Za-z])\)|\b([A-Za-z])\b")


def _one_edit(word: str, right: str) -> bool:
    """Whether *word* is *right* with one letter lost, added or changed, or two
    neighbouring letters swapped."""
    if word == right or abs(len(word) - len(right)) > 1:
        return False
    i = 0
    while i < len(word) and i < len(right) and word[i] == right[i]:
        i += 1
    if len(word) < len(right):
        return word[i:] == right[i + 1 :]
    if len(word) > len(right):
        return word[i + 1 :] == right[i:]
    swapped = word[i + 1 : i + 2] == right[i : i + 1] and word[i : i + 1] == right[i + 1 : i + 2]
    return word[i + 1 :] == right[i + 1 :] or (swapped and word[i + 2 :] == right[i + 2 :])


@lru_cache(maxsize=4096)  # (asked of the word after every "end" and every paragraph's first word)
def misspelt_kind(word: str) -> Optional[str]:
    """SUMMARY or COMMENT when *word* is that word misspelt (its plural is no
    misspelling), else None."""
    upper = word.upper()
    for kind in _SPELT:
        if upper != kind + "S" and _one_edit(upper, kind):
            return kind
    return None


def misspelt_ends(line: SourceLine, low: Optional[str] = None) -> list[BlockMarker]:
    """The end markers in *line* whose kind word is misspelt ("End Sumary."); *low*:
    ``word_case(line.text)`` when the caller has it."""
    text = line.text
    if low is None:
        low = word_case(text)
    if "end" not in low:
        return []
    # every match starts with "end": tried there alone (see _matches below)
    found = _matches(END_MISSPELT, text, _word_ranges(low, "end")) if _plain_case(text, low) else END_MISSPELT.finditer(text)
    out = []
    for m in found:
        kind = misspelt_kind(m.group("bem_word"))
        if kind is not None:
            out.append(BlockMarker(line.span(m.start(), m.end()), kind, "end", True))
    return out


def paired_misspellings(markers: list[BlockMarker]) -> list[BlockMarker]:
    """*markers* without the misspelt ones that pair with nothing: a misspelt end
    counts after an opening of its kind, a misspelt opening before an end of its
    kind; elsewhere the word is taken for some other word."""
    if not any(m.misspelt for m in markers):
        return markers
    out: list[BlockMarker] = []
    for i, marker in enumerate(markers):
        if marker.misspelt and marker.role == "end":
            last = next((m for m in reversed(out) if m.kind == marker.kind), None)
            if last is None or last.role in ("end", "aside"):
                continue
        elif marker.misspelt:
            following = next((m for m in markers[i + 1 :] if m.kind == marker.kind), None)
            if following is None or following.role != "end":
                continue
        out.append(marker)
    return out


def ends_with_end(text: str) -> bool:
    """Does *text* end with the word END, wrapped away from its SUMMARY or COMMENT?"""
    # A match is "end" and blanks up to the end (or a last line break): it starts three
    # characters before the blanks and line breaks at the end, or later. Searched from
    # there alone (the "\b" still sees the character before): the text is often a
    # whole unwrapped paragraph.
    return _END_ABOVE.search(text, max(0, len(text.rstrip(" \t\n")) - 3)) is not None


def scan_line(
    line: SourceLine,
    markers: list[BlockMarker],
    citations: list[Citation],
    previous: str = "",
    low: Optional[str] = None,
    above: Optional[SourceLine] = None,
) -> None:
    """:func:`scan_text` for a whole line, without making a segment: the line's own
    span is what Seg.whole(line).span gives for a begin and an end. (A line without
    any of SCAN_WORDS costs the scan a few substring searches and finds nothing.)
    *low*: ``word_case(line.text)`` when the caller has it; *above*: the line whose
    text *previous* is, where an end marker wrapped over the line break starts."""
    _scan(line.text, word_case(line.text) if low is None else low, line.span, markers, citations, previous, above)


# what BLOCK_MARKER takes before an opening's blanks: an opening quotation mark, and
# the sentence ends that make a straight quotation mark before it a closing one
_OPEN_QUOTES = ('"', "\u201c")
_SENTENCE_ENDS = (".", "!", "?")


def _opening_role(text: str, m: re.Match[str], previous: str) -> str:
    """'open', 'continued' ("Comment cont'd:"), 'aside' ("(Comment: ..."), 'quoted'
    ('(C) "Summary: ...') or 'heading' ("COMMENT: BALANCING RISKS") for an opening
    found in *text*; *previous* is the line just above, if text."""
    if m.group("blk_paren"):
        return "aside"
    start = m.start()
    if start and text[start - 1] in _OPEN_QUOTES and (text[start - 1] != '"' or text[start - 2 : start - 1] not in _SENTENCE_ENDS):
        return "quoted"  # '(C) "Summary: ...': a quoted text's opening (not '... develop." Comment:')
    if _blank_before(text, m.start("blk_open")):
        if field("BLOCK_ASIDE_WRAPPED").search(previous):
            return "aside"  # "(Post" / "Comment: ..." wrapped after the parenthesis
        rest = text[m.end() :].strip()
        if rest and not rest.endswith(".") and field("HEADING_TITLE").fullmatch(rest):
            return "heading"
    return "continued" if m.group("blk_cont") else "open"


# ---- where the scan's patterns can match ------------------------------------------
# BLOCK_MARKER, REFTEL_CITE, REF_CITE and PARA_CITE are case-blind and start with no
# literal, so the regular expression engine tries them at every position of a line; the
# archive's unwrapped cables have lines of a whole paragraph. Each match contains a
# word (below) that str.find finds in the lower-cased line, and only a few positions
# before such a word can start a match; the pattern is tried at those positions alone.
# pattern.match(text, p) sees the whole string: "^" holds only at 0, and "\b" and the
# lookbehind look at text[p - 1], exactly as when finditer gets to p.
# tests/test_read_scan.py compares the result with the plain finditer.

# Non-ASCII characters that a case-blind pattern takes for an ASCII letter (İ ı ſ and
# the Kelvin sign); the test checks every code point. In a line without them (whose
# lower case is as long as itself) a case-blind ASCII word matches where the lower-cased
# line holds that word, and a case-blind ASCII letter of a pattern matches only an
# ASCII letter.
FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def word_case(text: str) -> str:
    """*text* as the searches for the scan's words read it (:data:`SCAN_WORDS`, "end":
    ASCII letters): ``text.lower()`` where *text* is ASCII or holds İ (which lower-cases
    to two characters, so that the callers see the length change); else its ASCII
    letters lower-cased and every other character a "?". A word is found at the same
    places in both, as no other character lower-cases to an ASCII letter but the Kelvin
    sign ("k", in no word searched; the tests check every code point), and it is some
    thirty times quicker: ``str.lower`` of a text holding a curly quotation mark costs
    about 180 instructions a character."""
    if text.isascii() or "\u0130" in text:
        return text.lower()
    return text.encode("ascii", "replace").lower().decode("ascii")

# Every BLOCK_MARKER match contains one of these: the group blk_end_kind,
# blk_begin_kind, blk_head_kind or blk_open_kind.
_BLOCK_KINDS = ("summary", "comment", "note", "text")
# Every marker and citation the scan finds contains one of these words (lower case):
# a kind word, "ref" (REFTEL_CITE, REF_CITE) or "para" (PARA_CITE).
SCAN_WORDS = _BLOCK_KINDS + ("ref", "para")
_BLANKS = " \t"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_LEADS = " \t-("


def _plain_case(text: str, low: str) -> bool:
    """Whether *low* (:func:`word_case` of *text*) shows where a case-blind ASCII word matches."""
    return text.isascii() or (len(low) == len(text) and not any(map(text.__contains__, FOLDS)))


def _block_ranges(text: str, low: str) -> list[tuple[int, int]]:
    """(first, last) positions, sorted, such that every BLOCK_MARKER match in *text*
    starts at a position inside one of them (for a line where :func:`_plain_case`).

    What a match has before its kind word k, branch by branch: "end" or "begin" and
    [ \t]+; ^[ \t-]*; and in an opening, "(" [ \t]* or ^[ \t]* or [ \t]{0,2} after the
    lookbehind (which is outside the match), then optionally (embassy|post)[ \t]+.
    So that stretch is in P*L*W*, with P = " \t-(", L = the ASCII letters,
    W = " \t" (L has no character in common with P, W is inside P); but for "end"
    W+ "of" W+ before "text", where the steps back stop after "end", which is then
    taken too (a range that starts earlier than it needs is only tried longer).

    For each kind word found at k, stepping back from k over W, then L, then P
    (greedy, like the rstrips below) stops at b; every match starts inside some [b, k]:
    take a match starting at s with its kind word at k' and let k be the first kind
    word found at or after s (k <= k'). If k = k', the stretch s..k is in P*L*W* and
    the greedy steps back go over all of it, so b <= s. If k < k' and s < b: text[b-1]
    lies in the stretch s..k', so is in P or L, and not in P (the last step stopped
    there), so in L; then the P step went over at least one character (else the L
    step would have gone on), so text[b] is in P but not in L and follows a letter:
    in P*L*W* it is in the W* tail, and so would be the letter text[k] after it
    (b <= k < k'); a contradiction.
    """
    ranges = []
    for word in _BLOCK_KINDS:
        # The steps back go by index, not by rstrip on text[:k], which copies the line
        # up to each word found: a line of thousands of "comment"s cost their square.
        # A step over letters may end in the run the last one went over ("comment"
        # glued to "comment"...): it goes on from where that one stopped.
        run = (0, 0)  # text[run[0]:run[1]] is letters, and no letter is before it
        k = low.find(word)
        while k != -1:
            at = end = _back(text, k, _BLANKS)
            while at and text[at - 1] in _LETTERS:
                if run[0] < at <= run[1]:
                    at = run[0]
                    break
                at -= 1
            run = (at, end)
            b = _back(text, at, _LEADS)
            if b >= 3 and low.startswith("end", b - 3):
                b -= 3  # "end of text": the one stretch with a word between (see above)
            ranges.append((b, k))
            k = low.find(word, k + 1)
    ranges.sort()
    return ranges


def _back(text: str, at: int, chars: str) -> int:
    """``len(text[:at].rstrip(chars))`` without the copy of text[:at]."""
    while at and text[at - 1] in chars:
        at -= 1
    return at


def _blank_before(text: str, at: int) -> bool:
    """``not text[:at].strip()`` without the copy: the steps back go over the
    whitespace just before *at* only, which no other marker of the line has before it."""
    while at and text[at - 1].isspace():
        at -= 1
    return at == 0


def _word_ranges(low: str, word: str) -> list[tuple[int, int]]:
    """(k, k) for each place *word* is found in *low*: the ranges of a pattern whose
    every match starts with that word (case-blind)."""
    ranges = []
    k = low.find(word)
    while k != -1:
        ranges.append((k, k))
        k = low.find(word, k + 1)
    return ranges


def _matches(pattern: re.Pattern[str], text: str, ranges: list[tuple[int, int]]) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` when every match of *pattern* starts inside one
    of *ranges* ((first, last) positions, sorted by first) and none is empty: finditer
    tries each position from where the last match ended, and positions outside the
    ranges never match; whether a pattern matches at a position does not depend on
    where the search started."""
    found = []
    done = 0  # positions before it are tried or inside a match found
    match = pattern.match
    for first, last in ranges:
        at = first if first > done else done
        while at <= last:
            m = match(text, at)
            if m is None:
                at += 1
            else:
                found.append(m)
                at = m.end()
        if at > done:
            done = at
    return found


def scan_text(seg: Seg, markers: list[BlockMarker], citations: list[Citation], previous: str = "") -> None:
    """Find summary/comment markers and citations in one body line (*previous*: the
    text of the line just above it, when that line is body text)."""
    _scan(seg.text, word_case(seg.text), seg.span, markers, citations, previous)


def _wrapped_end(previous: str, kind: str) -> Optional[str]:
    """What the line above the kind word *kind* at the start of a line leaves open of an
    end marker wrapped over the line break: "end" for "... End" / "summary.", the first
    kind for "... End Note and" / "comment." (a combined end, "End Note and comment",
    whose second kind is SUMMARY or COMMENT), else None."""
    if not previous:
        return None
    if ends_with_end(previous):
        return "end"
    tail = previous.rstrip(" \t\n")
    if (tail[-3:].lower() == "and" or tail[-1:] == "&") and kind.lower() in ("summary", "comment"):
        m = _END_AND_ABOVE.search(previous)
        if m is not None:
            return m.group("bea_kind").lower()
    return None


def _end_span(above: Optional[SourceLine], previous: str, wrapped: str, here: Span, markers: list[BlockMarker]) -> Span:
    """The span of an end marker wrapped over a line break, the kind word *here* on its
    line: from the END on the line *above* (as "End summary" on one line, without the
    full stop after it). The first kind's marker of a combined end ("End Note and" /
    "comment.") is given the same span, as on one line. Without *above*, *here*."""
    if above is None or above.text != previous:
        return here
    m = (_END_ABOVE if wrapped == "end" else _END_AND_ABOVE).search(previous)
    if m is None:
        return here
    span = above.span(m.start(), m.start() + 3).cover(here)
    if wrapped != "end":
        kind = wrapped.upper()
        for k in range(len(markers) - 1, -1, -1):
            before = markers[k]
            if before.span.line < above.number:
                break
            if before.role == "end" and before.kind == kind and before.span.line == above.number:
                markers[k] = replace(before, span=span)
                break
    return span


def _scan(
    text: str,
    low: str,
    span_at: Callable[[int, int], Span],
    markers: list[BlockMarker],
    citations: list[Citation],
    previous: str,
    above: Optional[SourceLine] = None,
) -> None:
    """:func:`scan_text` given the text, its :func:`word_case` and the span of
    text[begin:end]; *above*, when given, is the line whose text *previous* is."""
    plain = _plain_case(text, low)
    if plain:
        blocks: Iterable[re.Match[str]] = _matches(_BLOCK, text, _block_ranges(text, low))
    elif any(map(low.__contains__, _BLOCK_KINDS)):
        blocks = _BLOCK.finditer(text)
    else:
        blocks = ()
    for m in blocks:
        wrapped = None  # what the line above leaves open of an end wrapped over the break
        if m.group("blk_end"):
            kind, role, at = m.group("blk_end_kind"), "end", m.start()
        elif m.group("blk_begin"):
            kind, role, at = m.group("blk_begin_kind"), "begin", m.start()
        elif m.group("blk_head_kind"):
            # "SUMMARY" alone under a line that ends with "END" closes the block
            kind, at = m.group("blk_head_kind"), m.start("blk_head_kind")
            wrapped = _wrapped_end(previous, kind)
            role = "end" if wrapped is not None else "heading"
        elif _blank_before(text, m.start("blk_open")) and (wrapped := _wrapped_end(previous, m.group("blk_open_kind"))) is not None:
            kind, role, at = m.group("blk_open_kind"), "end", m.start("blk_open")  # "End" / "comment."
        else:
            kind, at = m.group("blk_open_kind"), m.start("blk_open")
            role = _opening_role(text, m, previous)
        if wrapped is None:
            span = span_at(at, m.end())
        else:
            # the kind word (and a second one, "summary and comment"), not the stop after it
            last = "blk_open_kind2" if m.group("blk_open_kind2") else "blk_head_kind" if m.group("blk_head_kind") else "blk_open_kind"
            span = _end_span(above, previous, wrapped, span_at(at, m.end(last)), markers)
        markers.append(BlockMarker(span, kind.upper(), role))
        also = m.group("blk_end_kind2") or m.group("blk_open_kind2")
        if also:  # "Summary and comment:" ... "End summary and comment." are two blocks
            markers.append(BlockMarker(span, also.upper(), role))
    if "ref" in low:
        if plain:
            refs = _word_ranges(low, "ref")  # REFTEL_CITE and REF_CITE start with "ref"
            reftels: Iterable[re.Match[str]] = _matches(_REFTEL, text, refs)
            refcites: Iterable[re.Match[str]] = _matches(_REFCITE, text, refs)
        else:
            reftels, refcites = _REFTEL.finditer(text), _REFCITE.finditer(text)
        for m in reftels:
            citations.extend(_reftel_citations(m, span_at(*m.span())))
        cited = set()  # where a REF_CITE match starts: no bare "ref" there
        for m in refcites:
            cited.add(m.start())
            citations.extend(_ref_citations(m, span_at(*m.span())))
        # REF_BARE starts with "ref" too; not where REF_CITE matched, nor in a longer word
        bares: Iterable[re.Match[str]] = _matches(_REFBARE, text, _bare_places(low, refs, cited)) if plain else _REFBARE.finditer(text)
        for m in bares:
            if m.start() not in cited:
                # "deliver ref points": the referenced documents' points, however many (as
                # "refs" names them all); "in ref," and "ref para 3" name one
                plural = m.group(0)[-1:] in "sS" or _BARE_BEFORE_NOUN.match(text, m.end()) is not None
                citations.append(Citation(span_at(*m.span()), "ref", None, plural=plural))
    if "para" in low:
        # PARA_CITE starts with "para"
        paracites = _matches(field("PARA_CITE"), text, _word_ranges(low, "para")) if plain else field("PARA_CITE").finditer(text)
        for m in paracites:
            to = m.group("paracite_to")
            # "paras 2, 5 and 9", "para 3-5, 14": a list only after the plural or a range;
            # "para 3 and 15 people" is not one
            first_end = m.start("paracite_more")
            listed = first_end < m.end() and (to is not None or text[m.start() : m.start("paracite_num")].rstrip(" \t.")[-1:] in "sS")
            after = m.end() if listed else first_end
            before = field("PARA_CITE_BEFORE").search(text, cited_from(text, m.start()), m.start())
            external = before is not None or field("PARA_CITE_AFTER").match(text, after) is not None
            citations.append(Citation(span_at(m.start(), first_end), "para", None, cable_int(m.group("paracite_num")), cable_int(to) if to else None, external=external))
            if listed:
                for item in field("PARA_CITE_ITEM").finditer(text, first_end, after):
                    item_to = item.group("paraitem_to")
                    number = cable_int(item.group("paraitem_num"))
                    citations.append(Citation(span_at(*item.span()), "para", None, number, cable_int(item_to) if item_to else None, external=external))


# what after "ref" makes a longer word ("reform", "refugee", "ref1"), where REF_BARE's
# "refs?\b" fails; "s" may be the plural's
_GLUED = frozenset("abcdefghijklmnopqrtuvwxyz0123456789_")


def _bare_places(low: str, refs: list[tuple[int, int]], cited: set[int]) -> list[tuple[int, int]]:
    """The places of *refs* (the "ref"s found in *low*, a line's :func:`word_case`, where
    :func:`_plain_case`) where a bare "ref" may be: not in a longer word, and not where
    a REF_CITE match starts (*cited*), which the caller leaves out anyway. A REF_BARE
    match is "ref" or "refs", inside which no other starts, so the matches at the
    places kept are those of the whole line's, less the cited ones."""
    return [place for place in refs if place[0] not in cited and low[place[0] + 3 : place[0] + 4] not in _GLUED]


def cited_from(text: str, end: int) -> int:
    """Where a search for PARA_CITE_BEFORE ending at *end* may start: no match starts
    before it. A search from the line's start would try every position before each
    citation, and a line of thousands of them ("para 3 ... para 4 ...") would cost
    their square. A match is a word of at most seven letters ("reftels", "refs.",
    "septel"), optional blanks and a label ("(b)" or a letter), then blanks and
    commas up to *end*: step back over these, and the word lies in the 8 characters
    before (the \\b before it looks at the character before the search's start)."""
    at = end
    while at > 0 and text[at - 1] in " \t,":
        at -= 1
    if at >= 3 and text[at - 1] == ")":
        at -= 3
    elif at >= 1 and text[at - 1].isalpha():
        at -= 1  # a label letter, or the word's last letter
    while at > 0 and text[at - 1] in _BLANKS:
        at -= 1
    return max(0, at - 8)


def _reftel_citations(m: re.Match[str], span: Span) -> list[Citation]:
    """The citations a REFTEL_CITE match makes: "reftel", "reftels", "reftel B", "reftel
    (a)", and one per letter of a list, "reftels B and C", as :func:`_ref_citations`."""
    plural = m.group(0)[:7].lower() == "reftels"
    guess = m.group("reftel_guess")
    letter = m.group("reftel_label") or m.group("reftel_paren") or guess
    out = [Citation(span, "reftel", letter.upper() if letter else None, plural=plural, bare_lower=guess is not None, before_word=guess is not None)]
    if m.group("reftel_more"):
        _listed(m, "reftel_more", span, out)
    return out


def _ref_citations(m: re.Match[str], span: Span) -> list[Citation]:
    """The citations a REF_CITE match makes, one per letter: "Ref A", "refs (b) and (c)",
    and each letter of a range, "Refs A-E" (A to E)."""
    first, lower, guess, more_letters = m.group("refcite_paren", "refcite_lower", "refcite_guess", "refcite_more")
    if guess is not None:
        return [Citation(span, "ref", guess.upper(), bare_lower=True, before_word=True)]
    out = [Citation(span, "ref", (first or lower or m.group("refcite_letter")).upper(), bare_lower=lower is not None)]
    if more_letters:
        _listed(m, "refcite_more", span, out)
    return out


def _listed(m: re.Match[str], group: str, span: Span, out: list[Citation]) -> None:
    """Append to *out* (the list's first citation) a citation for each further letter
    of the list in *m*'s *group*, and for each letter inside a range ("A-E")."""
    more_letters = m.group(group)
    kind, plural, offset = out[0].kind, out[0].plural, m.start(group)
    after = 0
    for more in _MORE_LETTERS.finditer(more_letters):
        letter = (more.group(1) or more.group(2)).upper()
        joint = more_letters[after : more.start()]
        after = more.end()
        if "-" in joint or "\u2013" in joint or "hr" in joint.lower():  # a range: "A-E", "(b) through (d)"
            start = ord(out[-1].label or letter) + 1
            out.extend(Citation(span, kind, chr(code), plural=plural) for code in range(start, ord(letter)))
        bare = more.group(2)
        # "Ref A and I met ...", "Refs B and A new ...": the pronoun or the article
        # before a word; "Ref B and J. Smith ...": a person's initial (a letter that
        # does not follow the one before it, then a full stop and a name); "Ref A/S
        # Smith": a title's letter after a slash, before a word: each a citation only
        # of a letter the REF block defines
        word = bare is not None and (
            ((bare in ("I", "A") or "/" in joint) and _AFTER_LETTER.match(m.string, offset + more.end()) is None)
            or (ord(letter) != ord(out[-1].label or letter) + 1 and _INITIAL.match(m.string, offset + more.end()) is not None)
        )
        out.append(Citation(span, kind, letter, plural=plural, bare_lower=bare is not None and bare.islower(), before_word=word))


# what follows a listed letter that makes it one whatever the REF block defines: a full
# stop, a comma, "and", a closing parenthesis, the line's end (or another joint, a slash)
_AFTER_LETTER = regex(r"[ \t]*(?:$|[.,;:)&/\-\u2013]|(?i:and|through|thru)\b)")
# a full stop and a name after a letter: an initial ("J. Smith"), not the list's end
_INITIAL = regex(r"\.[ \t]+[A-Z][A-Za-z]")


_WRAP_WORDS = ("ref", "refs", "reftel", "reftels")
_WRAP_LAST = "fFsSlL"  # the last letter of each, in either case


def wrapped_citation(line: SourceLine, following: SourceLine, citations: list[Citation]) -> None:
    """A citation whose letter wrapped onto the next line ("(Reftel" / "B).", "see Ref"
    / "C and E)"), read from the line's last word and the next line's start as one: a
    wrapped "reftel" becomes "reftel B", and a "Ref" that found no letter on its line
    gets one. Called after the line was scanned, before the next one is."""
    text = line.text
    if text.rstrip(" \t.")[-1:] not in _WRAP_LAST:  # (most lines: no need to look further)
        if text.rstrip(" \t")[-1:] in _LIST_LAST or _JOINT_START.match(following.text) is not None:
            _wrapped_list(line, following, citations)
        return
    end = len(text.rstrip(" \t"))
    if not text[max(0, end - 16) : end].rstrip(".").lower().endswith(_WRAP_WORDS):  # (the line's end alone)
        return
    m = field("CITE_WRAPPED").search(text, max(0, end - 8))
    if m is None:
        return
    head = text[m.start() : end]
    at = len(following.text) - len(following.text.lstrip(" \t"))
    joined = head + " " + following.text[at:]
    for pattern in (_REFTEL, _REFCITE):
        cm = pattern.match(joined)
        if cm is None or cm.end() <= len(head) + 1:
            continue  # nothing taken from the next line
        span = line.span(m.start(), end).cover(following.span(at, at + cm.end() - len(head) - 1))
        # the line's scan read the word alone, "reftel" or "ref" with no letter: replace it
        kind = "reftel" if pattern is _REFTEL else "ref"
        k = len(citations) - 1
        while k >= 0 and citations[k].span.line == line.number:
            if citations[k].kind == kind and citations[k].label is None and citations[k].span.start == span.start:
                del citations[k]
                break
            k -= 1
        citations.extend((_reftel_citations if pattern is _REFTEL else _ref_citations)(cm, span))
        return


# what joins a letter to the one before it in REF_CITE's list ("Refs B and C", "Refs
# A, B", "Refs E, F, and", "Refs A-E", "refs (b) through (d)"), ending a line; and
# their last characters
_JOINT_END = regex(r"[ \t]*(?:,(?:[ \t]*(?i:and))?|(?i:and)|&|[-\u2013]|[ \t](?i:through|thru))[ \t]*")
_JOINT_LAST = ",dD&-\u2013hHuU"
# ... and a list's last letter, the pronoun or the article ("Ref A and I" / "met ...")
_LIST_LAST = _JOINT_LAST + "IA"
# what joins the next letter at a line's start, after a list that ended its line
# ("(Ref A" / "and B)"); not a hyphen, which starts a line as a bullet
_JOINT_START = regex(r"[ \t]*(?:,|&|(?i:and|through|thru)\b)")


def _wrapped_list(line: SourceLine, following: SourceLine, citations: list[Citation]) -> None:
    """A REF or REFTEL citation's list of letters wrapped over the line break after its
    joint ("see Refs B and" / "C. Post believes ...") or before it ("(Ref A" / "and
    B)"): the letters at the next line's start are the list's, as on one line (a line
    that ends with the letter I or A and no joint below: see _word_below). A letter at
    a line's start ("C. Post ...", a lettered item) is one only under such a line: the
    list read on one line must end at the joint ending this one, or at this line's end
    above a joint."""
    text = line.text
    end = len(text.rstrip(" \t"))
    below = _JOINT_START.match(following.text) is not None
    if text[end - 1] in "IA" and not below:
        _word_below(line, following, citations)
        return
    if "ref" not in text[max(0, end - 48) : end].lower():  # (a list of letters is short)
        _list_wrapped_again(line, following, citations)
        return
    last = None
    for pattern in (_REFCITE, _REFTEL):  # "Refs B and" / "C", "reftels B and" / "C"
        for m in pattern.finditer(text):
            if last is None or m.start() > last.start():
                last = m
    if last is None or (_JOINT_END.fullmatch(text, last.end(), end) is None and not (below and last.end() == end)):
        return
    pattern = last.re
    head = text[last.start() : end]
    at = len(following.text) - len(following.text.lstrip(" \t"))
    cm = pattern.match(head + " " + following.text[at:])
    if cm is None or cm.end() <= len(head) + 1:
        return  # nothing taken from the next line ("Refs B and" / "the minister")
    # the line's scan read the list up to the joint: read again, whole
    here = line.span(last.start(), last.end())
    k = len(citations)
    while k and citations[k - 1].span.line == line.number:
        k -= 1
    citations[k:] = [c for c in citations[k:] if c.span != here]
    span = line.span(last.start(), end).cover(following.span(at, at + cm.end() - len(head) - 1))
    citations.extend((_ref_citations if pattern is _REFCITE else _reftel_citations)(cm, span))


def _list_wrapped_again(line: SourceLine, following: SourceLine, citations: list[Citation]) -> None:
    """A list wrapped at two of its joints ("Refs" / "B and" / "C. Post ..."): the
    line, with no REF word of its own, holds the letters of a list that wrapped onto it
    from the line above and ends at a joint; the letters at the next line's start are
    the list's too, read as on one line ("Refs B and C")."""
    if not citations:
        return
    cite = citations[-1]
    span = cite.span
    if cite.kind not in ("ref", "reftel") or span.end_line != line.number or span.line >= line.number:
        return
    text = line.text
    end = len(text.rstrip(" \t"))
    if _JOINT_END.fullmatch(text, span.end - line.start, end) is None:
        return
    pattern = _REFCITE if cite.kind == "ref" else _REFTEL
    # the list's letters on this line, after the citation word that stands above them
    head = ("Refs " if cite.kind == "ref" else "Reftels " if cite.plural else "Reftel ") + text[: end].lstrip(" \t")
    at = len(following.text) - len(following.text.lstrip(" \t"))
    cm = pattern.match(head + " " + following.text[at:])
    if cm is None or cm.end() <= len(head) + 1:
        return  # nothing taken from the next line ("B and" / "the minister")
    k = len(citations)
    while k and citations[k - 1].span == span:
        k -= 1
    listed = citations[k:]
    whole = span.cover(following.span(at, at + cm.end() - len(head) - 1))
    labels = {c.label for c in listed}
    read = (_ref_citations if pattern is _REFCITE else _reftel_citations)(cm, whole)
    citations[k:] = [replace(c, span=whole) for c in listed] + [c for c in read if c.label not in labels]


def _word_below(line: SourceLine, following: SourceLine, citations: list[Citation]) -> None:
    """A list's last letter "I" or "A" that ends its line, a word at the next line's
    start ("Ref A and I" / "met with ..."): the pronoun or the article, cited only
    where the REF block defines it, as "Ref A and I met" on one line (_listed)."""
    if not citations:
        return
    cite = citations[-1]
    end = line.start + len(line.text.rstrip(" \t"))
    if cite.before_word or cite.span.end != end or cite.kind not in ("ref", "reftel") or cite.label != line.text.rstrip(" \t")[-1]:
        return
    if len(citations) < 2 or citations[-2].span != cite.span:
        return  # (the list's first letter, "see Ref" / "A": not a listed one)
    below = following.text.lstrip(" \t")
    if below[:1].isalpha() and _AFTER_LETTER.match(below) is None:
        citations[-1] = replace(cite, before_word=True)


def wrapped_external(line: SourceLine, following: SourceLine, citations: list[Citation]) -> None:
    """Paragraph citations that end their line, another document's by the words that
    wrapped onto the next line ("paragraphs 3 or 4" / "of the resolution."), as they
    would be on one line (PARA_CITE_AFTER). Called after the line was scanned."""
    last = citations[-1] if citations else None
    if last is None or last.kind != "para" or last.external or last.span.end_line != line.number:
        return
    tail = line.raw[last.span.end - line.start :]
    # a comma ending the line stays before the next line's words, as on one line
    if tail.strip(" \t,") or field("PARA_CITE_AFTER").match(("," if "," in tail else "") + following.text) is None:
        return
    # the last match's citations: its list's numbers, back to its "para" word
    k = len(citations) - 1
    while k >= 0:
        cite = citations[k]
        if cite.kind != "para" or cite.external or cite.span.line != line.number:
            break
        citations[k] = replace(cite, external=True)
        if line.raw[cite.span.start - line.start].isalpha():
            break
        k -= 1


_INTRODUCTION = "introduction and "  # as BLOCK_MARKER's lookbehind has it


def heading_above_rule(markers: list[BlockMarker], above: Optional[Seg]) -> None:
    """A dash rule under a line that opens a block makes that line a heading
    ("Comment: So What?" / "-------"); a line that is the kind word alone, misspelt
    ("SUMAMRY:" / "-------"), is that heading, misspelt (P007)."""
    if above is None:
        return
    if not markers or markers[-1].span.line != above.line.number:
        word = above.text.strip().rstrip(":").rstrip()
        kind = misspelt_kind(word) if 6 <= len(word) <= 8 and word.isalpha() else None
        if kind is not None:
            at = len(above.text) - len(above.text.lstrip())
            markers.append(BlockMarker(above.span(at, len(above.text.rstrip())), kind, "heading", True))
        return
    if markers[-1].role != "open":
        return
    last = markers[-1]
    if last.span.line != above.line.number:
        return
    # the marker starts the line ("Comment: So What?"), or "Introduction and " does
    text = above.text
    at = len(text) - len(text.lstrip())
    if text[at : at + len(_INTRODUCTION)].lower() == _INTRODUCTION:
        at += len(_INTRODUCTION)
    if above.span(at, at).start == last.span.start:
        markers[-1] = BlockMarker(last.span, last.kind, "heading", last.misspelt)


_REF_CABLE = field("REF_CABLE")
# what may stand between an origin and the number a text cites it by: blanks, a line
# break, and the numbers before it in a list ("MEXICO 2371, 3498", "Rabat 171 and 178"),
# matched on the text before the number written backwards (searched for at the end of
# the text as it is, each start tried would be read to the end: the square of its length)
_LIST_BEFORE = regex(r"(?:[ \t\n]*(?:,|&|\b(?i:dna))[ \t\n]*\d{1,7})*[ \t\n]*")
_ORIGIN_GAPS = " \t\n.'-"  # what an origin's words may be written apart by
# what makes "<origin> <number>" a citation: what follows the number ends a clause or
# goes on citing ("MEXICO 2371.", "Mexico 2371, 3498", "MEXICO 2371 para 3", "MEXICO
# 2371 of March 3", "Mexico 2371 reported", the line's end), never another word or a range ("the Beijing 2008
# Olympics", "Baghdad 24 civilians", "Baghdad 24-25 March"); "and" or "or" only before
# another such number ("Mexico 2008 and 3586 people died" is none)
_SERIAL_CITES_AFTER = regex(
    r"(?:[ \t\n]*(?:,|&|\b(?i:and|or)\b)[ \t\n]*\d{1,7})*"
    r"(?:[ \t]*(?:$|\n|[.,;:)\]]|--|(?i:of|paras?|paragraphs?|and|or|reported|reports|noted|notes|said|says|stated|states|described|describes|explained|explains|outlined|outlines|discussed|discusses|requested|requests|asked|asks|provided|provides|indicated|indicates|confirmed|confirms)\b)|[ \t]+(?:-|\u2013)[ \t]+)(?![ \t]*\d)"
)
# or a citing word stands before the origin: "see Beijing 2008", "(Baghdad 24", "per",
# "reported in", "ref", "reftel", or before a list it begins ("see 05 Abu Dhabi 4592 and 06
# Abu Dhabi 3872 for more")
_SERIAL_CITING_BEFORE = regex(
    r"(?:\(|\b(?i:see|per|reported[ \t\n]+in|refs?|reftels?)[ \t\n:.]+)"
    r"(?:(?:\d{2}[ \t\n]+)?[A-Za-z][A-Za-z \t\n.'-]{0,24}[ \t\n]\d{1,7}[ \t\n]*(?:,|&|(?i:and)\b)[ \t\n]*)*"
    r"(?:\d{2}[ \t\n]+)?[A-Za-z][A-Za-z \t\n.'-]{0,24}$"
)


_NOT_LETTERS = str.maketrans("", "", ".' -")


def number_citations(source: str, lines: list[SourceLine], skip: Callable[[], set[int]], references: list[Reference]) -> list[Citation]:
    """The citations of REF entries by their origin and number in the text *lines* but
    those numbered in *skip()* ("see 05 Abu" / "Dhabi 4592", "(See MEXICO 2371, 3498)",
    "SECSTATE 56239" for "STATE 56239"): a "serial" citation of each entry so named,
    at its number. The year is not compared (a text writes it or not); the origin
    must stand right before the number, or before the numbers of a list. *source* is
    the decoded text the lines are cut from: where no entry's number is in their
    stretch of it (most cables), nothing more is read."""
    serials: dict[int, list[tuple[int, str]]] = {}  # serial: (entry, origin as written)
    for k, ref in enumerate(references):
        if ref.kind != "cable":
            continue
        m = _REF_CABLE.match(ref.text)
        if m is not None and cable_int(m.group("ref_num")):
            serials.setdefault(cable_int(m.group("ref_num")), []).append((k, m.group("ref_origin")))
    if not serials or not lines:
        return []
    low, high = lines[0].start, lines[-1].start + len(lines[-1].raw)  # (their stretch of the source)
    if all(source.find(str(serial), low, high) == -1 for serial in serials):
        return []
    # the origins' letters, upper case (REF_CABLE's origin is ASCII letters and these)
    for entries in serials.values():
        entries[:] = [(k, origin.upper().translate(_NOT_LETTERS)) for k, origin in entries]
    skipped = skip()
    lines = [line for line in lines if line.number not in skipped]
    if not lines:
        return []
    text = "\n".join(line.text for line in lines)
    starts = list(accumulate((len(line.text) + 1 for line in lines[:-1]), initial=0))
    found: list[Citation] = []
    for serial, entries in serials.items():
        digits = str(serial)
        at = text.find(digits)
        while at != -1:
            end = at + len(digits)
            first = at
            while first and text[first - 1] == "0":  # (written with leading zeros: "0536")
                first -= 1
            if _serial_here(text, first, end):
                before = text[max(0, first - 64) : first]
                tail = _LIST_BEFORE.match(before[::-1])  # (it always matches, perhaps nothing)
                start = len(before) - (tail.end() if tail is not None else 0)
                if start < len(before):
                    before = before[:start]
                    cites = _SERIAL_CITES_AFTER.match(text, end) is not None or _SERIAL_CITING_BEFORE.search(before) is not None
                    for k, origin in entries:
                        if not cites:
                            break
                        if _ends_with_origin(before, origin) or (origin == "STATE" and _ends_with_origin(before, "SECSTATE")):
                            line = bisect_right(starts, at) - 1
                            found.append(Citation(lines[line].span(first - starts[line], end - starts[line]), "serial", entry=k))
            at = text.find(digits, end)
    return found


def _serial_here(text: str, first: int, end: int) -> bool:
    """Whether text[first:end] is a whole number: no word character, "/", ".", ",", ":"
    or "-" before it, and no word character or "/" after it, nor a decimal or a
    thousands part ("1.5", "3,498,000", "10:30")."""
    if first and (text[first - 1].isalnum() or text[first - 1] in "_/.,:-"):
        return False
    after = text[end : end + 2]
    if not after:
        return True
    return not (after[0].isalnum() or after[0] in "_/" or (after[0] in ".,:" and after[1:2].isdigit()))


def _ends_with_origin(before: str, origin: str) -> bool:
    """Whether *before* ends with the word(s) of *origin* (its letters, upper case),
    written apart or not ("Abu" / "Dhabi" for ABUDHABI), after no letter."""
    i, n = len(before), len(origin)
    while n and i:
        c = before[i - 1]
        if c.isalpha():
            if c.upper() != origin[n - 1]:
                return False
            n -= 1
        elif c not in _ORIGIN_GAPS or n == len(origin):
            return False
        i -= 1
    return n == 0 and (i == 0 or not before[i - 1].isalpha())
