"""The body's records once the whole text is read: each paragraph's span stretched
to its last line, paragraphs run into the line above put back in their place, and the
lettered lines kept that form sub-paragraph lists (:mod:`assemble` calls these)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING, Optional

from cablelint.grammar.patterns import field
from cablelint.grammar.read_body import read_paragraph
from cablelint.grammar.segment import Seg
from cablelint.grammar.source import Source, SourceLine
from cablelint.model import Paragraph, Problem, Signature, Subparagraph
from cablelint.model_body import SUBPARA_FAMILY
from cablelint.quote import clip
from cablelint.span import span_of

if TYPE_CHECKING:
    from cablelint.grammar.parts import Parts


def finish_paragraphs(p: Parts, src: Source, signature: Optional[Signature] = None) -> list[Paragraph]:
    """Each paragraph with its span stretched to its last line; the last one ends
    before a *signature* appended to its last line (4.7: the signature ends the
    text, it is no part of the paragraph), "... END TEXT HEFFERN"."""
    lines = src.lines
    set_span = object.__setattr__
    for para, last in zip(p.paragraphs, p.para_last_line):
        first = para.span
        if last == first.line:
            continue  # (its span is its head line's whole span already)
        # _end_at at the end of the line's text, written out (a call less a paragraph)
        line = lines[last - 1]
        end = len(line.text)  # raw_column(end - 1) + 1, or raw_column(0) for "", on a plain line
        if line.colmap is not None:
            end = line.raw_column(end - 1) + 1 if end else line.raw_column(0)
        set_span(para, "span", span_of((first.line, first.column, line.number, end + 1, first.start, line.start + end)))
    if signature is not None and signature.appended and p.paragraphs and p.para_last_line[-1] == signature.span.line:
        line = lines[signature.span.line - 1]
        text = line.text
        at = len(text[: text.rfind(signature.name)].rstrip())
        if at > 0:
            _end_at(p.paragraphs[-1], line, at)
    return p.paragraphs


def _end_at(para: Paragraph, line: SourceLine, at: int) -> None:
    """End *para* on *line* before normalised index *at* (its text up to there). The
    paragraph was read from its first line and no one has seen it yet: its span is
    set in place rather than the paragraph built a second time; it ends where the
    text does (as that line's span() would, without making that span)."""
    first = para.span
    end = line.raw_column(at - 1) + 1 if at else line.raw_column(0)
    object.__setattr__(para, "span", span_of((first.line, first.column, line.number, end + 1, first.start, line.start + end)))


def run_in_paragraphs(paras: list[Paragraph], src: Source, first: int) -> list[Paragraph]:
    """*paras* with a paragraph whose head was run into a line above (a line break
    lost: "... see para 5. 2. (C) Spring ...") put in the gap it leaves in the numbers.
    Only a gap of one number is searched, from the line of the paragraph above (or
    line *first*, the classification line, for paragraph 1) to the head after it."""
    out: list[Paragraph] = []
    previous, start = 0, first
    for para in paras:
        if para.number == previous + 2:
            found = _run_in(src, start, para.span.line, previous + 1)
            if found is not None:
                out.append(found)
        out.append(para)
        previous, start = para.number, para.span.line
    return out


def _run_in(src: Source, first: int, stop: int, number: int) -> Optional[Paragraph]:
    """Paragraph *number* run into one of lines *first* to *stop* - 1, or None."""
    digits = str(number)
    for line in src.lines[max(first, 1) - 1 : stop - 1]:
        text = line.text
        if f"{digits}. (" not in text and f"{digits}.  (" not in text:
            continue
        for m in field("PARA_RUN_IN").finditer(text):
            if m.group("pri_num") == digits:
                return replace(read_paragraph(Seg(line, m.start(), text[m.start() :])), run_in=True)
    return None


def wrapped_numbers(p: Parts, src: Source) -> None:
    """Drop the heads that are a number wrapped from the line above ("... before
    January" / "31."): a number alone, with no marker and no text, on the line right
    below a line of text, where the paragraphs' numbers go on across it (the one
    above it and the one below are consecutive). It is text of the paragraph above,
    which now ends on its line (cable-format.md 4.1: a line is paragraph N only if
    it continues the sequence; P001 counts no such line). Changes *p* in place."""
    paras, ends, lines = p.paragraphs, p.para_last_line, src.lines
    i = 1
    while i < len(paras) - 1:
        if paras[i + 1].number == paras[i - 1].number + 1 != paras[i].number and ends[i - 1] == paras[i].number_span.line - 1 and _bare_number(paras[i], ends[i], lines):
            ends[i - 1] = ends[i]  # (the paragraph above ends on the line above it)
            del paras[i], ends[i]
            continue
        i += 1


def _bare_number(para: Paragraph, last: int, lines: list[SourceLine]) -> bool:
    """Whether *para* (its last line *last*) is a number alone on its line, no marker,
    nothing after it but its full stops, right below a line of text."""
    head = para.number_span.line
    if para.marker is not None or para.run_in or last != head or head < 2 or not lines[head - 2].text.strip():
        return False
    line = lines[head - 1]
    return not line.raw[para.number_span.end - line.start :].strip(" \t.\\\u2026")


# The letters a paragraph's number is typed with for the digit each looks like
_DIGIT_LOOKALIKES = {"B": 8, "S": 5, "G": 6, "Z": 2, "I": 1, "l": 1}


def lettered_heads(p: Parts, src: Source) -> None:
    """A paragraph whose number was typed as the letter it looks like ("B. (S) ..."
    for 8, after paragraph 7), read as that paragraph: a lettered head at the left
    margin with its own marker that forms no list (:func:`subparagraph_runs` drops
    it), where the numbers go on with that digit (the paragraph above it is one less,
    the one below one more, or there is none below; "I." first needs a 2 below).
    Its number's slip is a problem (P001); the paragraph above ends before it, and
    the lettered lines after it are its own. Changes *p* in place."""
    candidates = [s for s in p.subparas if s.marker is not None and s.last is None and s.label in _DIGIT_LOOKALIKES]
    if not candidates:
        return
    paras, ends = p.paragraphs, p.para_last_line
    heads = [para.span.start for para in paras]
    kept = {s.span.start for s in subparagraph_runs(p.subparas, heads, lines=src.lines)}
    lines = src.lines
    for sub in candidates:
        digit = _DIGIT_LOOKALIKES[sub.label]
        at = bisect_right(heads, sub.span.start)  # the number of paragraphs above it
        above = paras[at - 1].number if at else 0
        below = paras[at].number if at < len(paras) else None
        if sub.span.start in kept or above != digit - 1 or below not in (digit + 1, None) or (not at and below is None):
            continue
        line = lines[sub.span.line - 1]
        text = line.text
        indent = len(text) - len(text.lstrip(" \t"))
        if indent > 3 or text[indent : indent + 2] != sub.label + ".":
            continue
        # read as the digit would be: one character for one, so the spans hold
        para = read_paragraph(Seg(line, 0, f"{text[:indent]}{digit}{text[indent + 1 :]}"))
        after = f"after paragraph {digit - 1}" if at else f"before paragraph {digit + 1}"
        slip = Problem("paragraph_number", Seg.whole(line).span(indent, indent + 1), f"paragraph number '{clip(sub.label)}' is a letter typed for the digit it looks like: expected {digit} ({after})")
        paras.insert(at, replace(para, problems=para.problems + (slip,)))
        heads.insert(at, para.span.start)
        # it goes on to where the paragraph above went on to (or to the paragraph below)
        stop = ends[at - 1] if at else paras[1].span.line - 1
        last = sub.span.line - 1  # the paragraph above ends at its last line above it
        while at and last > paras[at - 1].span.line and not lines[last - 1].text.strip():
            last -= 1
        if at:
            ends[at - 1] = min(ends[at - 1], last)
        while stop > sub.span.line and not lines[stop - 1].text.strip():
            stop -= 1
        ends.insert(at, max(stop, sub.span.line))
        end = heads[at + 1] if at + 1 < len(heads) else len(src.text) + 1
        p.subparas = [s if not (sub.span.start < s.span.start < end) else replace(s, paragraph=digit) for s in p.subparas if s is not sub]


def subparagraph_runs(subs: list[Subparagraph], heads: list[int], numbers: Optional[list[int]] = None, lines: Optional[list[SourceLine]] = None) -> list[Subparagraph]:
    """Keep letters that form lists starting at A/a, or at B/b when the list's next
    letter is C/c (a list that lost its A: P006 reports it), or D/d when, given the
    text's *lines*, the two heads each start a block after a blank line (a list that
    lost A and C; "B. Smith" wrapped in a sentence is not one); drop initials and
    stray capitals. A list is one paragraph's, told by the place of its head (*heads*: where
    each paragraph starts), not its number, which a typo can repeat (2., 2., 4.).
    Given the paragraphs' *numbers*, a head with its own marker in a paragraph
    running no list ("D. (S) ..." under paragraph 3) starts one there: no prose line
    opens with a letter and a marker, and the marker is the portion's (a list that
    lost its first letters is P006's); not where a paragraph is missing below it (5.,
    "B. (C)", 7.: the lost head, P001's)."""
    lone = numbers is not None and any(s.marker is not None for s in subs)
    out: list[Subparagraph] = []
    current: Optional[tuple[Optional[int], str]] = None
    keys = [(None if s.paragraph is None else bisect_right(heads, s.span.start) - 1, SUBPARA_FAMILY.get(s.style, s.style)) for s in subs]
    for i, (s, key) in enumerate(zip(subs, keys)):
        if s.label in ("A", "a"):
            current = key
            out.append(s)
        elif current == key:
            out.append(s)
        elif s.label in ("B", "b"):
            following = next((t for t, k in zip(subs[i + 1 :], keys[i + 1 :]) if k == key), None)
            if following is not None and following.label in ("C", "c"):
                current = key
                out.append(s)
            elif following is not None and following.label in ("D", "d") and lines is not None and _apart(s, lines) and _apart(following, lines):
                current = key  # "B.", "D.", each after a blank line: a list that lost A and C
                out.append(s)
            elif lone and _lone_head(s, key, current, numbers):
                current = key
                out.append(s)
        elif lone and _lone_head(s, key, current, numbers):
            current = key  # "D. (S) ...": a list that lost its first letters
            out.append(s)
        elif current is not None and out and key[0] == current[0] and _lettered_apart(s, out[-1], subs[i + 1 :], keys[i + 1 :], current):
            out.append(replace(s, list_style=out[-1].list_style or out[-1].style))
    return out


def _apart(sub: Subparagraph, lines: list[SourceLine]) -> bool:
    """Whether *sub*'s head starts its line, after blanks at most, below a blank
    line: a head of its own, not a letter and a full stop inside a sentence."""
    at = sub.span.line - 1
    if at < 1 or lines[at - 1].text.strip():
        return False
    text = lines[at].text
    return not text[: len(text) - len(text.lstrip(" \t"))].strip() and text.lstrip(" \t").startswith(sub.style.replace("a", sub.label).replace("A", sub.label)[: 2 if sub.style != "(a)" else 3])


def _lone_head(sub: Subparagraph, key: tuple[Optional[int], str], current: Optional[tuple[Optional[int], str]], numbers: Optional[list[int]]) -> bool:
    """Whether *sub* (its list *key*) is a head with its own marker in a paragraph
    running no list (*current*: the list running), no paragraph missing below it
    (*numbers*: the paragraphs')."""
    at = key[0]
    if sub.marker is None or sub.last is not None or at is None or at < 0 or (current is not None and current[0] == at) or numbers is None:
        return False
    return at + 1 >= len(numbers) or numbers[at + 1] != numbers[at] + 2


def _lettered_apart(sub: Subparagraph, last: Subparagraph, rest: list[Subparagraph], keys: list[tuple[Optional[int], str]], current: tuple[Optional[int], str]) -> bool:
    """Whether *sub*, in another style than the list its paragraph is running, is
    that list's next head lettered apart ("C)" between "B." and "D."): its letter
    follows the list's last one and the list's next head follows it."""
    letter = sub.label.upper()
    if sub.last is not None or last.last is not None or not ("A" <= letter <= "Y") or ord(letter) != ord(last.label.upper()) + 1:
        return False
    following = next((t for t, k in zip(rest, keys) if k == current), None)
    return following is not None and following.label.upper() == chr(ord(letter) + 1)
