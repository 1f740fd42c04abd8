"""Readers for the TAGS caption (3.5): the tags line and its continuation lines, each
tag's code and case, stray marks and markers among the tags, and the tests the lexer
and the builder ask of a line (does it name a tag, is it a TAGS list without its
keyword)."""

from __future__ import annotations

import re
from typing import Collection, Mapping, Optional

from cablelint.compiled import regex
from cablelint.data import load_tags
from cablelint.grammar.patterns import field
from cablelint.grammar.segment import Seg
from cablelint.model import Problem, Tag, TagsLine, Text
from cablelint.quote import clip
from cablelint.span import Span, span_of

_TAGS = field("TAGS_SHAPE")
_TAG_ITEM = field("TAG_ITEM")
_TAG_CODE = field("TAG_CODE")
# stray marks at a tag's ends: punctuation, and quotes ('"PREL"': a tag is a code, quoted never)
_MARKS = ".;:\"'\u201c\u201d\u2018\u2019"
_QUOTES = _MARKS[3:]
_TAG_PART = regex(r"[^.;:/]+")  # the tags in an item that stray marks part ("ECON;ETRD", "PREL/PGOV")
# a person tag that a TAGS line wraps (3.5: the lines wrap at 69 characters):
# opened at the end of one line ("OVIP (CLINTON,") and closed at the start of the next
# ("HILLARY) IC")
_PERSON_OPEN = regex(r"\([A-Z][^()]*$")
_PERSON_TAIL = regex(r"[ \t]*[A-Za-z,][A-Za-z ,.'-]*\)")
# a list of codes in capitals and nothing else, apart by blanks or one comma ("PREL
# PGOV", "PREL, PGOV"): each code with the gap before it (_read_plain's); a gap is
# tried only where it begins, never from each blank of a run (quadratic)
_PLAIN = regex(r"(?<![ \t,])([ \t]*(?:,[ \t]*)?)([A-Z][A-Z0-9]{1,9})(?=[ \t,]|$)")
# what F004 (a zero-width space, a byte-order mark) or F002 (a control character
# other than tab) reports inside a tag
_INVISIBLE = regex("[\u200b\ufeff\x00-\x08\x0b\x0c\x0e-\x1f]")


def mostly_tags(text: str, vocabulary: Collection[str]) -> bool:
    """Whether most items of a line under a TAGS line are tags of *vocabulary* or
    persons: a subject's words hold a tag or two by chance ("COMMITTED TO FIGHT AL
    QAEDA": TO and AL), a TAGS line's continuation little else."""
    items = _TAG_ITEM.findall(text)
    tags = sum(1 for item in items if item.startswith("(") or item.strip(".;:").upper() in vocabulary)
    return 2 * tags > len(items)


def bare_tags(text: str, vocabulary: Mapping[str, tuple[str, str]]) -> bool:
    """Whether *text* is a TAGS list that lost its keyword ("PREL PGOV KDEM ML"): two
    tags or more, each a code of *vocabulary* written in capitals (or a person tag),
    one at least a subject or program tag rather than a country's (the words of a
    stray line of prose are not all tags). A post's own tags (a configuration's
    extra-tags, which the parser does not read: "PGOV KXYZ") may stand among them:
    codes of four capitals the vocabulary lacks, no more of them than of its own."""
    items = _TAG_ITEM.findall(text)
    codes = [item for item in items if not field("PERSON_TAG").fullmatch(item)]
    known = [code for code in codes if code in vocabulary]
    others = len(codes) - len(known)
    return (
        len(items) > 1
        and others <= len(known)
        and all(len(code) == 4 and code.isalpha() and code.isupper() and code.isascii() for code in codes if code not in vocabulary)
        and any(vocabulary[code][0] != "geo" for code in known)
    )


def person_tag_wrapped(above: str, text: str) -> bool:
    """Whether the line *text* under the TAGS line *above* closes the person tag that
    *above* leaves open at its end ("... OVIP (CLINTON," / "HILLARY) IC"), the rest of
    it tags, if anything: the list goes on there."""
    if _left_open(above, text) is None:
        return False
    tail = _PERSON_TAIL.match(text)
    assert tail is not None
    rest = text[tail.end() :].strip(" \t,")
    return not rest or mostly_tags(rest, load_tags())


def _left_open(above: str, below: str) -> Optional[re.Match[str]]:
    """Where the person tag that the line *above* leaves open at its end begins, when
    the line *below* starts by closing it; else None."""
    if _PERSON_TAIL.match(below) is None:
        return None
    return _PERSON_OPEN.search(above.rstrip())


def read_tags(first: Seg, more: list[Seg]) -> TagsLine:
    m = _TAGS.fullmatch(first.text)
    keyword = first.group(m, "tags_kw") if m is not None else None
    problems: list[Problem] = []
    lowered: Optional[Text] = None  # the keyword, spelt right but not in capitals
    if m is None or keyword is None:  # a bare list of tags (bare_tags): the keyword and its colon lost
        at = len(first.text) - len(first.text.lstrip())
        problems.append(Problem("tags", first.span(at, at), f"the TAGS keyword is missing: expected 'TAGS: {clip(first.text.strip())}'"))
    elif keyword.text.upper() != "TAGS":
        if m.group("tags_colon") == ":":  # "AGS:": the keyword and its colon
            problems.append(first.problem("tags", m.start("tags_kw"), m.end("tags_colon"), f"'{clip(keyword.text)}:' is misspelt: expected 'TAGS:'"))
        else:
            problems.append(Problem("tags", keyword.span, f"'{clip(keyword.text)}' is misspelt: expected 'TAGS'"))
    elif keyword.text != "TAGS":
        lowered = keyword
    elif m.group("tags_colon") is None and not m.group("tags_gap") and m.group("tags_list"):
        # "TAGSPREL, PGOV": the blank after the keyword lost, run into the first tag
        problems.append(first.problem("tags", m.start("tags_kw"), m.end("tags_kw"), "the TAGS keyword is run into the first tag: expected a blank (or ': ') after TAGS"))
    tags: list[Tag] = []
    seps: set[str] = set()
    pieces = [first.sub(m.start("tags_list")) if m is not None else first] + more
    end = 0  # where the last piece's last tag ends
    opened: Optional[tuple[Seg, int, bool]] = None  # a person tag the line before left open: that line, where, after blanks
    # the lines that a wrapped person tag joins are one run for the separator style
    # (as the line would be unwrapped): their separators, and where the run is written
    run_seps: set[str] = set()
    run: Optional[Span] = None
    for k, piece in enumerate(pieces):
        line = first if k == 0 else piece
        whole = piece.written(piece.strip_span())
        closed: Optional[str] = None
        if opened is not None:
            # its name ends on this line: the tag read across the line break, the
            # line read on after it (the separator after the tag is the line's)
            piece = line = _close_person_tag(opened, piece, tags, problems)
            closed = tags[-1].text
            run = whole if run is None else run.cover(whole)
        else:
            problems += _mixed(run, run_seps)
            run, run_seps = whole, set()
        opened = None
        if k + 1 < len(pieces) and (om := _left_open(piece.text, pieces[k + 1].text)) is not None:
            # a person tag left open at the line's end, closed on the next: read there
            before = piece.text[: om.start()]
            opened = (piece, om.start(), bool(before.strip()) and before[-1:] in " \t" and not before.rstrip(" \t").endswith(","))
            piece = piece.sub(0, om.start())
            if k > 0:
                line = piece
        line_tags, line_seps, line_problems, end = _read_tags_line(piece, line, lowered if k == 0 else None, closed)
        tags += line_tags
        problems += line_problems
        seps |= line_seps
        run_seps |= line_seps
    problems += _mixed(run, run_seps)
    last = piece  # (the last line's piece read, after a person tag closed on it)
    comma = last.text.find(",", end)
    if comma >= 0 and tags:
        # a comma that ends a wrapped line is followed by the next line's tags; commas
        # typed after it ("EUN,,", "EUN, ,") are the same slip, one finding (its fix
        # takes them all: one at a time, the finding would stay where it was)
        rest = last.text[comma:].rstrip()
        stop = comma + (len(rest) if not rest.strip(", \t") else 1)
        problems.append(last.problem("tags", comma, stop, f"stray '{clip(last.text[comma:stop])}' after the last tag: expected the TAGS list to end with a tag"))
    if not tags:
        problems.append(Problem("tags", first.span(), "TAGS line is empty: expected at least one tag"))
    elif m is not None and keyword is not None:
        # "TAGS: , PREL": an empty entry before the first tag (its fix takes the commas
        # and the blanks after them)
        item = _TAG_ITEM.search(pieces[0].text)
        lead = pieces[0].text[: item.start()] if item is not None else ""
        if "," in lead:
            at, stop = lead.index(","), lead.rindex(",") + 1
            problems.append(pieces[0].problem("tags", at, stop, f"stray '{clip(lead[at:stop])}' before the first tag: expected the TAGS list to start with a tag"))
    style = "none" if not seps else ("mixed" if len(seps) > 1 else seps.pop())
    span = _written_span(first)
    if more:
        span = span.cover(_written_span(more[-1]))
    return TagsLine(span, keyword, tuple(tags), style, tuple(problems))


def _mixed(run: Optional[Span], seps: set[str]) -> list[Problem]:
    """A finding over *run* (a line of the TAGS list, or the lines a wrapped person tag
    joins) when its tags are parted by both commas and spaces (*seps*)."""
    if run is None or len(seps) < 2:
        return []
    return [Problem("tags_mixed", run, "TAGS line mixes commas and spaces: expected one separator style")]


def _close_person_tag(opened: tuple[Seg, int, bool], piece: Seg, tags: list[Tag], problems: list[Problem]) -> Seg:
    """The person tag that *opened* (the line before, where the tag begins on it, and
    whether blanks alone part it from the item before) leaves open, closed at the start
    of *piece*: added to *tags* (and its problem, if malformed, to *problems*); the
    rest of *piece*, after it, is returned."""
    above, at, spaced = opened
    tail = _PERSON_TAIL.match(piece.text)
    assert tail is not None
    head, rest = above.text[at:].rstrip(), tail.group().lstrip()
    joined = f"{head}{'' if rest.startswith(',') else ' '}{rest}"  # one blank at the break, none before a comma
    span = above.span(at, at + len(head)).cover(piece.span(len(tail.group()) - len(rest), tail.end()))
    if not field("PERSON_TAG").fullmatch(joined):
        problems.append(Problem("tags", span, f"person tag '{clip(joined)}' is malformed: expected (SURNAME, GIVEN NAMES)"))
    tags.append(Tag(joined, span, person=True, after_space=spaced))
    return piece.sub(tail.end())


def _written_span(seg: Seg) -> Span:
    """The span of *seg*; when it runs to the end of its line, to the end of the line
    as written: past the tail of a Markdown link the reading left out ("[AG](#)", whose
    text "AG" ends the line read)."""
    span = seg.span()
    line = seg.line
    if seg.begin + len(seg.text) < len(line.text):
        return span
    end = len(line.raw.rstrip())
    if end <= span.end_column - 1 or span.end_line != line.number:
        return span
    return span_of((span.line, span.column, line.number, end + 1, span.start, line.start + end))


def _read_tags_line(piece: Seg, line: Seg, keyword: Optional[Text], closed: Optional[str] = None) -> tuple[list[Tag], set[str], list[Problem], int]:
    """The tags on one line of a TAGS list (*piece*, the part of *line* after the
    keyword on the first line): the tags, the separators used between them ("comma",
    "space"), the line's problems, and where its last item ends in *piece*.
    *keyword* is the line's TAGS keyword when it is not in capitals; *closed* the
    person tag that the line closes, wrapped, just before *piece*."""
    if keyword is None:
        plain = _read_plain(piece, closed is not None)
        if plain is not None:
            return plain
    tags: list[Tag] = []
    seps: set[str] = set()
    problems: list[Problem] = []
    prev_end: Optional[int] = None if closed is None else 0
    prev_item = closed or ""
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
            # a person tag follows its OVIP with a blank: no separator; a stray mark after
            # the tag before ("PGOV. PREL, AF") stands where its separator was, and is
            # reported as that mark, not also as a second separator style
            if not item.startswith("(") and ("," in between or not prev_item.endswith((".", ";", ":"))):
                seps.add("comma" if "," in between else "space")
            spaced = bool(between) and not between.strip(" \t")
            commas = between.count(",")
            if commas > 1:
                # "PREL,, EAID": a comma typed twice, an empty tag between them; typed
                # three times, one finding for the commas after the first (its fix takes
                # them all: one at a time, the finding would stay where it was)
                second = prev_end + between.index(",", between.index(",") + 1)
                stop = prev_end + between.rindex(",") + 1
                what = "a second ','" if commas == 2 else f"{commas} commas"
                problems.append(piece.problem("tags", second, stop, f"{what} between tags '{clip(prev_item)}' and '{clip(item)}': expected one comma"))
        prev_end, prev_item = im.end(), item
        span = piece.span(im.start(), im.end())
        if item.startswith("("):
            if not field("PERSON_TAG").fullmatch(item):
                problems.append(Problem("tags", span, f"person tag '{clip(item)}' is malformed: expected (SURNAME, GIVEN NAMES)"))
            tags.append(Tag(item, span, person=True, after_space=spaced))
            continue
        core = item.strip(_MARKS)
        if not core or (not core.isalnum() and not any(c.isalnum() for c in core)):
            # a mark typed as a separator ("PREL - PGOV", "PREL / PGOV"): no tag
            problems.append(Problem("tags", span, f"stray '{clip(item)}' in the TAGS list: expected tags separated by spaces or commas"))
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
            # a zero-width space in a tag ("PG<U+200B>OV") is F004's residue, invisible,
            # and a control character ("PG<U+0000>OV") F002's damage: the tag is read
            # without them, so it is not also an unknown tag
            seen = upper if upper.isprintable() else _INVISIBLE.sub("", upper)
            code = _TAG_CODE.fullmatch(seen) is not None
            if code and upper != word:  # (a code in capitals matches as written)
                at = piece.begin - line.begin + lead + b
                lowered.append((where, at, at + len(word), upper))
            tags.append(Tag(seen if code else word, where, after_space=spaced and k == 0))
    problems += _case_problems(lowered, line, piece is not line, keyword)
    problems += _mark_problems(strays, inner, tags, piece)
    return tags, seps, problems, prev_end or 0


def _read_plain(piece: Seg, closed: bool) -> Optional[tuple[list[Tag], set[str], list[Problem], int]]:
    """_read_tags_line's reading of a line that is codes in capitals and nothing else,
    apart by blanks or one comma (*closed*: after a person tag closed just before it),
    in one pass of a regex, each tag made in place: a line of thousands of tags read
    item by item took seconds. None for any other line (the reading item by item)."""
    line = piece.line
    text = piece.text
    if line.colmap is not None:
        return None
    found = _PLAIN.findall(text)
    if not found or sum(len(gap) + len(code) for gap, code in found) != len(text.rstrip(" \t")):
        return None  # something else on the line: a mark, a person tag, a word in lower case
    tags: list[Tag] = []
    number, home = line.number, piece.begin
    start = line.start + home
    pos = 0
    commas = spaces = False
    for k, (gap, code) in enumerate(found):
        pos += len(gap)
        end = pos + len(code)
        apart = (k > 0 or closed) and bool(gap)
        if apart and "," in gap:
            commas = True
            apart = False
        elif apart or k > 0 or closed:
            spaces = True
        tags.append(Tag(code, span_of((number, home + pos + 1, number, home + end + 1, start + pos, start + end)), False, apart))
        pos = end
    seps = {"comma"} if commas else set()
    if spaces:
        seps.add("space")
    return tags, seps, [], pos


def _case_problems(lowered: list[tuple[Span, int, int, str]], line: Seg, first: bool, keyword: Optional[Text]) -> list[Problem]:
    """What a line of the TAGS list wrote not in capitals (each: its span, its place
    in *line*'s text, its capitals; the keyword first, when *keyword* is given): one
    finding for the line when more than one tag, else one for each.

    The keyword does not count toward the line: the archive writes it ``Tags:`` (3.5),
    and a drafter reads ``Tags: prel PGOV SP`` as the keyword and one tag to put in
    capitals, not as a line typed in lower case."""
    if len(lowered) - (keyword is not None) > 1:
        # the line typed in lower case ("TAGS: eaid soci pgov ml"): one finding for it
        shown = line.text
        for _, begin, end, upper in reversed(lowered):
            shown = shown[:begin] + upper + shown[end:]
        which = "TAGS line" if first else "TAGS continuation line"
        return [Problem("tags_case", line.written(lowered[0][0].cover(lowered[-1][0])), f"the {which} is not in capitals: expected '{clip(shown.strip())}'")]
    problems = []
    for k, (span, begin, end, upper) in enumerate(lowered):
        what = f"'{clip(keyword.text)}'" if keyword is not None and k == 0 else f"tag '{clip(line.text[begin:end])}'"
        problems.append(Problem("tags", span, f"{what} is not in capitals: expected {upper}"))
    return problems


def _mark_problems(strays: list[tuple[Span, str]], inner: list[tuple[Span, str, str, str]], tags: list[Tag], piece: Seg) -> list[Problem]:
    """Stray punctuation on a line of the TAGS list (*piece*): at the ends of a tag
    (*strays*: the item and its span) or between two tags (*inner*: the mark's span,
    the mark and the two tags); one finding for the line when one mark parts all its
    tags, over the tags as written (converter residue around them included)."""
    marks = {item[len(item.rstrip(_MARKS)) :] for _, item in strays} | {mark for _, mark, _, _ in inner}
    if len(strays) + len(inner) > 1 and len(marks) == 1 and all(item.lstrip(_MARKS) == item for _, item in strays):
        # one separator used throughout ("PREL; ENRG; SENV"): one finding for the list,
        # from the first stray or the tag before the first inner mark (looked up by
        # where it ends, not searched for at each mark: a list of thousands)
        ending: dict[int, Span] = {}
        for tag in tags:
            ending.setdefault(tag.span.end, tag.span)
        begin = min([span for span, _ in strays] + [ending[span.start] for span, _, _, _ in inner])
        return [Problem("tags", piece.written(begin.cover(tags[-1].span)), f"TAGS separated by '{clip(marks.pop())}': expected tags separated by spaces or commas")]
    problems = [
        Problem("tags", span, f"tag '{clip(item)}' is in quotes: expected {item.strip(_MARKS)} without them")
        if item[0] in _QUOTES and item[-1] in _QUOTES and len(item) > 2
        else Problem("tags", span, f"stray punctuation in tag '{clip(item)}': expected tags separated by spaces or commas")
        for span, item in strays
    ]
    problems += [Problem("tags", span, f"stray '{clip(mark)}' between tags '{clip(left)}' and '{clip(right)}': expected a comma or a space") for span, mark, left, right in inner]
    return problems
