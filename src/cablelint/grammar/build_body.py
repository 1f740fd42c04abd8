"""The body half of the model builder: numbered paragraphs, sub-paragraphs, page
headers, rules, summary/comment markers, citations and parts standing in the body.

Text lines are most of a cable and nearly all of them hold nothing to read. So a run
of body lines is first searched as one text (:mod:`body_search`) for the few lines
that may hold something; only those are read one by one, exactly as a lone line would
be. What a plain text line does besides (it extends the paragraph above it, it is "the
line above" for the next one) is worked out from the line kinds the lexer gave.
``BULK`` turns the search off so the tests can check that it changes nothing. What is
done once the whole text is read is in :mod:`finish_body`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import Iterable, Optional

from cablelint.grammar.assemble import fm_plad
from cablelint.grammar.body_search import SUBPARA_PAIRS, Found, RunText, last_before, pairs, stretches
from cablelint.grammar.build_host import BuilderHost
from cablelint.grammar.copy_repeats import CONTROL, CONTROL_MARK, read_repeats
from cablelint.grammar.line_tokens import LineRun, Token
from cablelint.grammar.patterns import field
from cablelint.grammar.read_body import PAGE_INLINE_WORDS, after_leading_page_header, inline_page_headers, may_hold_inline_page, read_marker_first, read_page_header, read_paragraph, read_subparagraph, read_unnumbered
from cablelint.grammar.read_scan import (
    END_MISSPELT,
    SCAN_WORDS,
    ends_with_end,
    heading_above_rule,
    misspelt_ends,
    scan_line,
    wrapped_citation,
    wrapped_external,
)
from cablelint.grammar.read_classline import split_class_rest
from cablelint.grammar.redactions import redaction_alone
from cablelint.grammar.segment import Seg
from cablelint.grammar.source import SourceLine
from cablelint.model import Paragraph, Signature

# Lines of the text block's head that can turn up in the body (S001 reports them).
_LATE_TERMS = [("CLASS_LINE", "class"), ("EO_LINE", "eo"), ("TAGS_LINE", "tags"), ("SUBJECT_LINE", "subject")]
# ... and those recorded only after paragraph 1, when their place lacks them and the
# line reads as the part (before paragraph 1 a Classified By line is tolerated).
_LATE_IF_MISSING = {"R": ("REF_LINE", "refs"), "C": ("CLSBY_LINE", "classified_by")}
_LATE_FIRST = set("UuCcOoSsEeTtLlRr")
# A heading without a rule (headings_end_paragraphs): its longest (the unwrapped
# rendering runs a rule into its line, "INCREASED FOREIGN DIRECT INVESTMENT -----");
# how long a line is that holds a whole paragraph (no telegram line is longer than 69,
# 5.1), and how such a line ends a sentence.
_HEADING_LONGEST = 120
_UNWRAPPED = 100
_SENTENCE_END = (".", '"', ")", "\u201d")
# How far from the last paragraph's end a website footer is looked for: its first
# line, its address wrapped onto two more, and a line of rule characters under it.
_FOOTER_DEPTH = 4
# What those lines start with, after blanks and letter case aside, where the first
# letter is one of _LATE_FIRST: for each terminal, its first letters and the characters
# that can follow each ("C O N F...", "E.O.", "E0", "SUBJ", "USBJECT", "REF", "RFE",
# "ERF", "Classified"; the tests
# check every line each terminal fits).
_LATE_HEADS = {
    "CLASS_LINE": {"u": "nu \t", "c": "cose \t", "o": "n \t", "s": "se \t", "e": "c \t", "t": "o \t", "l": "i"},
    "EO_LINE": {"e": "o0. \t"},
    "TAGS_LINE": {"t": "ag"},
    "SUBJECT_LINE": {"s": "ub", "u": "bs"},
    "REF_LINE": {"r": "ef", "e": "r"},
    "CLSBY_LINE": {"c": "la", "l": "a"},
}


def _prose_level(text: str) -> bool:
    """Whether a line that CLASS_LINE takes starts with the level's word as prose
    writes it, in small letters and not spaced out ("confidential use in ...",
    "Secret talks"): unless the rest reads as a classification line, no such line."""
    word = text.split(None, 1)[0] if text.strip() else ""
    return len(word) > 1 and not word.isupper()


# the lines that end a message (cable-format.md 2.7); in the body, the text goes on after them
_CLOSERS = ("NNNN", "BT")
# the first two characters of a BT or NNNN line, and of a received copy's control
# line after its blanks (COPY_CONTROL: [ \t]*-{6,}...)
_END_HEADS = frozenset(c[:2] for c in _CLOSERS) | {CONTROL_MARK[0][:2]}
# what a line that wraps a list of names at its joint ends with ("J. Smith and", "K. Lee,")
_JOINT_ENDS = (",", "d", "D", "&")
# how far on a sub-paragraph's head with a letter read as a name's initial is looked for
_HEAD_AGAIN_LINES = 60
_CLASS = field("CLASS_SHAPE")  # the closing banner, read as the classification line is
_TEXTLIKE = ("TEXT_LINE", "PARA_LINE")  # the lines that count as "the line above"
# the first two characters of a paragraph head with no full stop that the lexer leaves
# as text (PARA_UNSTOPPED: "2(C)", "2-(C)", "12: (C)", "2 - (C)")
_UNSTOPPED_HEADS = frozenset(f"{d}{c}" for d in "0123456789" for c in "0123456789(-:;),\t ")
_UNSTOPPED = field("PARA_UNSTOPPED")
# what the last text line above such a head ends with when it ends a sentence: a full
# stop, another sentence's end, or a quotation or parenthesis closed after one
_SENTENCE_ENDS = tuple('.!?"\')\u201d\u2019')
# the number of a numbered line below such a head ("4.", "1O." for 10: PARA_LINE's)
_HEAD_NUMBER = re.compile(r"[ \t]*([\dOl]+)")
# Off only to check that the search changes nothing (the tests compare both ways).
BULK = True


class BodyBuilder(BuilderHost):
    """Mixed into :class:`~cablelint.grammar.build.CableBuilder`: its body callbacks."""

    _heads: Optional[dict[str, tuple[bool, tuple[re.Pattern[str], ...], bool, bool]]] = None

    def _line_heads(self) -> dict[str, tuple[bool, tuple[re.Pattern[str], ...], bool, bool]]:
        """For each two first characters (after blanks) that a sub-paragraph, a
        head-of-text line, a BT or NNNN line, a control line or a paragraph head with
        no full stop left as text can start with: whether a sub-paragraph can, the
        patterns of the head-of-text lines that can start so (the lexer's own: one
        alternation of them would cost every start of the CLI a compile of each pattern
        again, for one or two tries on a few lines), whether a BT, NNNN or control line
        can, and whether such a paragraph head can."""
        if self._heads is None:
            terms: dict[str, list[str]] = {}
            for term, starts in _LATE_HEADS.items():
                for first, then in starts.items():
                    for pair in pairs(first, then):
                        terms.setdefault(pair, []).append(term)
            patterns = self._line_patterns
            self._heads = {
                pair: (pair in SUBPARA_PAIRS, tuple(patterns[t] for t in terms.get(pair, ())), pair in _END_HEADS, pair in _UNSTOPPED_HEADS)
                for pair in SUBPARA_PAIRS | terms.keys() | _END_HEADS | _UNSTOPPED_HEADS
            }
        return self._heads

    def body_first(self, children: list[Token]) -> None:
        tok = children[0]
        if isinstance(tok, LineRun):
            if not BULK or len(tok.nonblank) < 8 or not self._body_run(tok):
                self._body_lines(tok.lines)
        elif tok.type != "BLANK":
            self._body_lines([(tok.type, tok.line - 1)])

    def _body_lines(self, run: list[tuple[str, int]]) -> None:
        """Read body lines, given as (terminal, 0-based index) in text order, each of
        them (the plain way; :meth:`_body_run` reads a long run searched at once)."""
        if not run:
            return
        p = self.p
        lines = self.src.lines
        if not p.body_first:
            p.body_first = run[0][1] + 1
        for kind, index in run:
            self._body_line(kind, index, lines[index])
        self._paragraph_ends(run)
        p.body_last = run[-1][1] + 1

    def _body_run(self, tok: LineRun) -> bool:
        """Read the lines of a run as :meth:`_body_lines` reads ``tok.lines``, without
        going through each of them: only the lines the searches name and the lines
        that are no text line are read, and what a text line does besides (it is "the
        line above", it extends the paragraph above it) is found with bisection over
        the run's non-blank lines. False (nothing read) when the searches cannot stand
        in for reading each line."""
        nonblank, specials = tok.nonblank, tok.specials
        found = self._search(nonblank, specials)
        if found is None:
            return False
        p = self.p
        lines = self.src.lines
        if not p.body_first:
            p.body_first = nonblank[0] + 1
        # positions (in nonblank) of the lines that are not "the line above" (rules and
        # page headers), and of every line that is no text line; for each, the
        # position where its stretch of such lines in a row begins
        unlike = stretches(nonblank, [k for k, kind in specials.items() if kind not in _TEXTLIKE])
        paged = len(p.text_paras)
        for index in sorted(found.lines):
            if not lines[index].text:  # (no search finds one; a run holds none)
                continue
            k = last_before(nonblank, unlike, bisect_left(nonblank, index) - 1)
            if k >= 0:
                p.last_text = lines[nonblank[k]]
            self._body_line(specials.get(index, "TEXT_LINE"), index, lines[index], found)
        k = last_before(nonblank, unlike, len(nonblank) - 1)
        if k >= 0:
            p.last_text = lines[nonblank[k]]
        if len(p.text_paras) > paged:  # text lines read as paragraph lines (_text_line_paragraph, _marker_first)
            specials = dict(specials)
            specials.update((k, "PARA_LINE") for k in p.text_paras[paged:])
        other = stretches(nonblank, specials)
        # a paragraph goes on to the last text line before the next paragraph (see
        # _paragraph_ends): the stretches before, between and after the run's paragraphs
        paras = sorted(k for k, kind in specials.items() if kind == "PARA_LINE")
        ends = p.para_last_line
        at = len(ends) - len(paras) - 1  # the paragraph open before the run
        bounds = [bisect_left(nonblank, k) for k in paras] + [len(nonblank)]
        low = -1  # the stretch's lines are at positions low + 1 .. bound - 1
        for bound in bounds:
            if at >= 0:
                k = last_before(nonblank, other, bound - 1)
                if k > low:
                    ends[at] = nonblank[k] + 1
            at += 1
            low = bound
        p.body_last = nonblank[-1] + 1
        return True

    def _search(self, nonblank: list[int], special: Iterable[int]) -> Optional[Found]:
        """What searching the lines from the first of *nonblank* (the run's non-blank
        lines) to the last at once finds, or None to read every line of them;
        *special* are the lines that are read in any case."""
        text = RunText(self.src.lines, nonblank[0], nonblank[-1])
        subparas, late, closers, controls, unstopped = self._line_starts(nonblank)
        pages = text.containing(PAGE_INLINE_WORDS)
        words = text.containing(SCAN_WORDS, lower=True)
        ends = text.starting(END_MISSPELT, "end")
        if pages is None or words is None or ends is None:
            return None
        return Found(text, special, subparas, pages, late, words, ends, closers, controls, unstopped)

    def _head_again(self, index: int, letter: str) -> bool:
        """Whether a later line of the paragraph of line *index* (up to the next
        paragraph's head, at most _HEAD_AGAIN_LINES lines on) is a sub-paragraph head
        lettered *letter*."""
        lines = self.src.lines
        for k in range(index + 1, min(len(lines), index + 1 + _HEAD_AGAIN_LINES)):
            text = lines[k].text
            first = text.lstrip(" \t")[:1]
            if first.isdigit() and field("PARA_SHAPE").fullmatch(text) is not None:
                return False
            if first == letter and text.lstrip(" \t")[1:2] == ".":
                m = field("SUBPARA_SHAPE").fullmatch(text)
                if m is not None and m.group("sub_letter") == letter:
                    return True
        return False

    def _line_starts(self, nonblank: list[int]) -> tuple[set[int], set[int], set[int], set[int], dict[int, re.Match[str]]]:
        """The lines of *nonblank* that may be a sub-paragraph (their first two
        characters may start one), those that are a head-of-text line, those that are
        a BT or NNNN line, those that may be a received copy's control line and those
        that a paragraph head with no full stop fits (PARA_UNSTOPPED, with the match,
        which :meth:`_unstopped_head` reads rather than matching again). The
        first two characters rule out nearly every line, and name the few patterns to
        try on the others: more cheaply than a search of the run text for each, which
        costs a pattern's try on every line (a search for a word, about what this
        whole loop costs)."""
        lines = self.src.lines
        heads = self._line_heads()
        subparas: set[int] = set()
        late: set[int] = set()
        closers: set[int] = set()
        controls: set[int] = set()
        unstopped: dict[int, re.Match[str]] = {}
        for k in nonblank:
            text = lines[k].text
            found = heads.get(text[:2])
            if found is None and text[0] in " \t":  # (an indented line)
                found = heads.get(text.lstrip(" \t")[:2])
            if found is None:
                continue
            sub, late_line, end, numbered = found
            if sub:
                subparas.add(k)
            for pattern in late_line:
                if pattern.fullmatch(text) is not None:
                    late.add(k)
                    break
            if end:
                if text in _CLOSERS:
                    closers.add(k)
                elif CONTROL_MARK[0] in text:
                    controls.add(k)
            if numbered and (m := _UNSTOPPED.fullmatch(text)) is not None:
                unstopped[k] = m
        return subparas, late, closers, controls, unstopped

    def _body_line(self, kind: str, index: int, line: SourceLine, found: Optional[Found] = None) -> None:
        """Read one body line. *found*, when given, says which searches the line is in:
        a text line that a search did not find is not tried for it."""
        p = self.p
        if kind == "TEXT_LINE":
            text = line.text
            lettered = found is None or index in found.subparas
            if lettered and (text[:1] == "(" or text[:1] in " \t" and text.lstrip(" \t")[:1] == "(") and self._marker_first(index, line):
                pass  # "(C) 1. The ...": a paragraph's head, written marker first
            elif lettered and field("SUBPARA_SHAPE").fullmatch(text) is not None:
                # the sub-paragraph before it in this paragraph carries its own marker
                before = p.subparas[-1] if p.subparas else None
                here = before is not None and (not p.paragraphs or before.span.start > p.paragraphs[-1].span.start)
                marked = here and before is not None and before.marker is not None
                # the letter that goes on with this paragraph's list ("G - J)" reaches J)
                going_on = chr(ord((before.last or before.label).upper()) + 1) if here and before is not None else None
                above = self.src.lines[index - 1].text if index else ""  # (the line right above)
                if going_on is not None and text.lstrip(" \t")[:2] == going_on + "." and above.rstrip(" \t")[-1:] in _JOINT_ENDS and self._head_again(index, going_on):
                    # "... with J. Smith and" / "C. Lopez, the DCM" / "C. Visit the port.":
                    # the paragraph's own C comes later, this one is a name
                    going_on = None
                sub = read_subparagraph(Seg.whole(line), p.paragraphs[-1].number if p.paragraphs else None, marked, above, going_on)
                if sub is not None:
                    p.subparas.append(sub)
            elif ((index in found.unstopped) if found is not None else text.lstrip(" \t")[:1].isdigit()) and self._unstopped_head(index, line, found):
                pass  # "2(C) The ...": a paragraph's head with no full stop
            if lettered and text[:1] == "(" and not (p.text_paras and p.text_paras[-1] == index):
                self._unnumbered(index, line)  # "(S/NF) Summary: ...": a portion marked with no number
            if (index in found.pages) if found is not None else may_hold_inline_page(text):
                headers = inline_page_headers(Seg.whole(line))
                p.page_headers.extend(headers)
                if headers:
                    self._text_line_paragraph(index, line)
            if (found is None or index in found.late) and text.lstrip()[:1] in _LATE_FIRST:
                self._late_caption(line)
            if (found is None or index in found.closers) and text in _CLOSERS:
                p.closers.append(index)  # "BT" or "NNNN": see finish
            if (found is None or index in found.controls) and CONTROL_MARK[0] in text and CONTROL.fullmatch(text):
                p.copy_controls.append(index)  # a received copy's control line: see copy_blocks
            self._scan(index, line, found)
            p.last_text = line
        elif kind == "PARA_LINE":
            p.paragraphs.append(read_paragraph(Seg.whole(line), p.markers))
            p.para_last_line.append(index + 1)
            # the unwrapped rendering runs a paragraph's page headers into its line
            if (index in found.pages) if found is not None else may_hold_inline_page(line.text):
                p.page_headers.extend(inline_page_headers(Seg.whole(line)))
            self._scan(index, line, found)
            p.last_text = line
        elif kind == "RULE_LINE":
            p.rule_lines.append(index + 1)
            if p.last_text is not None and p.last_text.number == index:
                heading_above_rule(p.markers, Seg.whole(p.last_text))
        elif kind == "PAGE_HEADER_LINE":
            ph = read_page_header(Seg.whole(line))
            if ph is not None:
                p.page_headers.append(ph)
        elif kind == "SIGNATURE_LINE":
            seg = Seg.whole(line)
            # the name without a full stop after it ("DRISCOLL."); the span keeps the stop
            p.signature = Signature(seg.strip_span(), seg.text.strip().rstrip("."), False)

    def _marker_first(self, index: int, line: SourceLine) -> bool:
        """Whether the text line *line* is a paragraph's head written marker first,
        "(C) 1. The ..." (the real 07BAGHDAD3504), "  (c) 1. The ...", its number
        going on with the paragraphs' (1 for the first): then read, and counted as a
        paragraph line (text_paras) from here on. Another line that starts with a
        marker ("(U) Summary", "(C) 2009. ...") stays text; so does one whose number
        does not go on (the number is the head's only sign, as for "3) (S)"), and the
        next item of a "(a)" list in the paragraph ("(c) 1. ..." after "(b)")."""
        p = self.p
        para = read_marker_first(Seg.whole(line))
        if para is None or para.number != (p.paragraphs[-1].number + 1 if p.paragraphs else 1):
            return False
        before = p.subparas[-1] if p.subparas else None
        if before is not None and before.style == "(a)" and (not p.paragraphs or before.span.start > p.paragraphs[-1].span.start):
            assert para.marker is not None
            if ord(para.marker.text[1].upper()) == ord(before.label.upper()) + 1:
                return False  # "(b) ...", then "(c) 1. ...": the list's next item
        p.paragraphs.append(para)
        p.para_last_line.append(index + 1)
        p.text_paras.append(index)
        return True

    def _unnumbered(self, index: int, line: SourceLine) -> None:
        """Record (Parts.unnumbered) the text line *line* when it is the head of a
        portion marked with no number (read_unnumbered: "(S/NF) Summary: ...", "(U)
        Post concurs."), where a paragraph or a heading starts: first in the body, or
        after a blank line, a dash rule or a line that ends a sentence (not "... under
        section" / "(C) of the act", the text wrapped). A lettered list's item ("(C)"
        after "(A)" and "(B)"), read as a sub-paragraph too, is told from it once the
        lists are known (assemble)."""
        portion = read_unnumbered(Seg.whole(line))
        if portion is None:
            return
        p = self.p
        if index + 1 != p.body_first and not (p.rule_lines and p.rule_lines[-1] == index):
            above = self.src.lines[index - 1].text.rstrip(" \t")
            if above and not above.endswith(_SENTENCE_ENDS):
                return
        p.unnumbered.append(portion)

    def _unstopped_head(self, index: int, line: SourceLine, found: Optional[Found]) -> bool:
        """Whether the text line *line* is a paragraph's head with no full stop, a
        marker in capitals right after its number or after a separator other than a
        full stop ("2(C) The ...", "2-(C)", "2: (C)", "2)(C)"; PARA_UNSTOPPED), its
        number N going on with the paragraphs' (1 for the first) and a blank line above
        it: then read as a paragraph line's head is (P004 names the head), and counted
        as a paragraph line (text_paras) from here on. When the text after the marker
        does not start as a paragraph does (a capital or a quotation mark: "3(C) 1998
        royalty rules ...", "3(C) -- Representatives", the marker alone), the numbered
        sequence decides (:meth:`_sequence_needs`). Another such line stays text
        (cable-format.md 4.1): a number that does not go on ("212(C) waiver"), or one
        that does on a line wrapped from the text above ("... under section" / "3(C)
        of the act"), or "section" / blank / "3(C) of the energy law" when paragraph 3
        is read already or paragraph 4 does not come next. *found*: the run's search,
        which matched PARA_UNSTOPPED on the line already."""
        if index == 0 or self.src.lines[index - 1].text.strip(" \t"):
            return False
        m = found.unstopped.get(index) if found is not None else _UNSTOPPED.fullmatch(line.text)
        if m is None:
            return False
        p = self.p
        n = p.paragraphs[-1].number + 1 if p.paragraphs else 1
        if int(m.group("pu_num")) != n or (m.group("pu_start") is None and not self._sequence_needs(index, n)):
            return False
        p.paragraphs.append(read_paragraph(Seg.whole(line), p.markers))
        p.para_last_line.append(index + 1)
        p.text_paras.append(index)
        return True

    def _sequence_needs(self, index: int, n: int) -> bool:
        """Whether the numbered sequence needs the head with no full stop on line
        *index* to be paragraph *n* (the paragraph above is n - 1): the next numbered
        head below it is n + 1, or there is none, and the text line above it ends a
        sentence ("... set out in Ref B." / blank / "3(C) 1998 royalty rules ...";
        "at section" / blank / "3(C) of the energy law" is a citation wrapped after a
        blank line). Asked only of such a head, whose number goes on: the lines below
        are read up to the next line that starts as a numbered head."""
        above = self.p.last_text
        if above is not None and not above.text.rstrip().endswith(_SENTENCE_ENDS):
            return False
        lines = self.src.lines
        para_line = self._line_patterns["PARA_LINE"]
        for k in range(index + 1, len(lines)):
            text = lines[k].text
            if not text.lstrip(" \t")[:1].isdigit():
                continue
            if para_line.fullmatch(text) is not None:
                digits = _HEAD_NUMBER.match(text)
                assert digits is not None
                return int(digits.group(1).replace("O", "0").replace("l", "1")) == n + 1
            m = _UNSTOPPED.fullmatch(text)
            if m is not None:
                return int(m.group("pu_num")) == n + 1
        return True

    def _text_line_paragraph(self, index: int, line: SourceLine) -> None:
        """A text line holding a page header (read already): when the header starts the
        line and a paragraph's head follows it ("BRASILIA 00001216 003 OF 004 4. (C)
        ..."), the paragraph is read after the header, and the line counts as a
        paragraph line (text_paras)."""
        at = after_leading_page_header(line.text)
        if at > 0 and self._line_patterns["PARA_LINE"].fullmatch(line.text, at) is not None:
            p = self.p
            p.paragraphs.append(read_paragraph(Seg.whole(line).sub(at), p.markers))
            p.para_last_line.append(index + 1)
            p.text_paras.append(index)

    def _scan(self, index: int, line: SourceLine, found: Optional[Found]) -> None:
        """Markers and citations in a text or paragraph line."""
        p = self.p
        words = found is None or index in found.words
        ends = found is None or index in found.ends
        # the line's lower case, cut from the run's (both scans read it)
        low = found.run.lower_line(index) if found is not None and (words or ends) else None
        if words:
            above = self._above(index + 1)
            scan_line(line, p.markers, p.citations, above.text if above is not None else "", low, above)
            lines = self.src.lines
            if index + 1 < len(lines):
                following = lines[index + 1]
                wrapped_citation(line, following, p.citations)
                wrapped_external(line, following, p.citations)
                if p.citations and p.citations[-1].span.end_line == following.number and found is not None and index + 2 < len(lines) and index + 1 not in found.words:
                    # "Refs" / "B and I" / "met the DCM": the list wrapped onto a line
                    # that holds no word the search finds, so that line is not scanned;
                    # its end is read for a wrap as a scanned line's is
                    wrapped_citation(following, lines[index + 2], p.citations)
        if ends:
            misspelt = misspelt_ends(line, low)
            if misspelt:  # among the line's other markers, in text order
                markers = p.markers
                k = len(markers)
                while k and markers[k - 1].span.line == line.number:
                    k -= 1
                markers[k:] = sorted(markers[k:] + misspelt, key=lambda m: m.span.start)

    def _paragraph_ends(self, run: list[tuple[str, int]]) -> None:
        """A paragraph goes on to the last text line before the next paragraph."""
        p = self.p
        ends = p.para_last_line
        paged = set(p.text_paras)  # text lines read as paragraph lines (_text_line_paragraph, _marker_first)
        k = len(ends) - sum(1 for kind, index in run if kind == "PARA_LINE" or index in paged) - 1  # open before the run
        for kind, index in run:
            if kind == "PARA_LINE" or (paged and index in paged):
                k += 1
            elif kind == "TEXT_LINE" and k >= 0:
                ends[k] = index + 1

    def _above(self, line: int) -> Optional[SourceLine]:
        """The body text line just above *line*, or None. A line ending with END
        counts across one line between ("END" / "" / "SUMMARY.")."""
        last = self.p.last_text
        if last is None:
            return None
        if last.number == line - 1 or (last.number == line - 2 and ends_with_end(last.text)):
            return last
        return None

    def headings_end_paragraphs(self) -> None:
        """A heading between two paragraphs is no part of the paragraph above it (4.4):
        a paragraph's last text line that is a heading ends that paragraph at its last
        text line above the heading. A heading stands alone (:meth:`_alone`) and is
        either a line over a dash rule ("Comment" / "-------", or boxed by two rules,
        the Markdown rendering may leave a blank line before the lower one; a heading
        of two lines, each right over its rule, goes as a whole), or, with no rule under
        it, a line in capitals (:meth:`_capitals_heading`) with a blank line or the
        next paragraph's head under it ("WESTERWELLE: BIGGEST OBSTACLE")."""
        p = self.p
        if not p.paragraphs:
            return
        rule = self._line_patterns["RULE_LINE"]
        lines = self.src.lines
        paras, ends = p.paragraphs, p.para_last_line
        pages = {h.span.line for h in p.page_headers}  # (no heading: a page header's line)
        if p.rule_lines:
            last_of = {last: k for k, last in enumerate(ends)}
            for number in p.rule_lines:
                heading = number - 1  # the first non-blank line above the rule
                while heading > 1 and not lines[heading - 1].text.strip():
                    heading -= 1
                k = last_of.get(heading)
                if k is None or heading <= (first := paras[k].span.line) or not self._alone(heading, rule) or heading in pages:
                    continue  # a line of the paragraph's text over a rule, not a heading
                end = self._end_above(heading, first, rule, pages)
                if end == heading - 2 and end > first and rule.fullmatch(lines[heading - 2].text) and self._alone(end, rule) and end not in pages:
                    end = self._end_above(end, first, rule, pages)  # a heading's first line over the rule above its second
                ends[k] = end
        # (the last paragraph has no heading under it; nearly every paragraph ends with
        # a full stop, which no heading does but an ellipsis: asked first, by indexing
        # (a test of each character for small letters, or slices, cost a few tenths of
        # a percent of the parse)
        for k in [k for k, end in enumerate(ends[:-1]) if not (t := lines[end - 1].text) or t[-1] != "." or len(t) > 1 and t[-2] == "."]:
            heading, first, below = ends[k], paras[k].span.line, paras[k + 1].span.line
            text = lines[heading - 1].text
            if len(text) > _HEADING_LONGEST or text.islower():
                continue  # (the unwrapped rendering's lines are long)
            if heading > first and (heading == len(lines) or heading + 1 == below or not lines[heading].text.strip()):
                if heading in pages or not self._alone(heading, rule):
                    continue
                if self._capitals_heading(heading) if text.isupper() else self._mixed_heading(heading, first, below, rule, pages):
                    ends[k] = self._end_above(heading, first, rule, pages)

    def footer_ends_last_paragraph(self) -> None:
        """A post's classified-website footer at the foot of the text ("Visit
        Embassy Amman's classified website at" / "http://..."), above the signature,
        is no part of the last paragraph (4.7 lists it among the text's endings): the
        paragraph ends at its last text line above the footer (blank lines and lines of
        rule characters, "*****", passed). The footer is looked for among the last
        lines of the paragraph only (its address may wrap onto a line or two)."""
        p = self.p
        if not p.paragraphs:
            return
        footer = self._line_patterns["FOOTER_LINE"]
        lines = self.src.lines
        first, last = p.paragraphs[-1].span.line, p.para_last_line[-1]
        for number in range(last, max(first, last - _FOOTER_DEPTH), -1):
            if footer.fullmatch(lines[number - 1].text):
                end = number - 1
                while end > first and not any(ch.isalnum() for ch in lines[end - 1].text):
                    end -= 1
                p.para_last_line[-1] = end
                return

    def _alone(self, line: int, rule: re.Pattern[str]) -> bool:
        """Whether line *line* of a paragraph stands alone: a
        blank line or a dash rule above it, or, when it is no such line itself, a
        line of the unwrapped rendering above it (no telegram line is that long, 5.1:
        the paragraph's head, or a line of its text after a page header), ending a
        sentence."""
        lines = self.src.lines
        above = lines[line - 2].text
        if not above.strip() or rule.fullmatch(above):
            return True
        return len(above) > _UNWRAPPED and above.rstrip()[-1:] in _SENTENCE_END and len(lines[line - 1].text) <= _UNWRAPPED

    def _capitals_heading(self, line: int, mixed: bool = False) -> bool:
        """Whether line *line* reads as a heading without a rule (4.4: short lines
        between paragraphs): in capitals (unless *mixed*), no full stop at its end
        but an ellipsis (a mixed-case line's end is :meth:`_mixed_heading`'s), not a list's item (a
        letter's head, a dash or a bracket first), a redaction alone ("XXXXXXXXXXXX"),
        or the END or BEGIN of a quoted text (a page header's line is not asked about)."""
        text = self.src.lines[line - 1].text.strip()
        if len(text) > _HEADING_LONGEST or text[:1] in "-*(\u2022" or text.lower() == text:
            return False
        if not mixed and (text[-1:] == "." and text[-3:] != "..." or text.upper() != text):
            return False
        if text.split(None, 1)[0] in ("END", "BEGIN") or redaction_alone(text):
            return False
        return not any(s.span.line == line for s in self.p.subparas)

    def _mixed_heading(self, line: int, first: int, below: int, rule: re.Pattern[str], pages: set[int]) -> bool:
        """Whether line *line* of the paragraph headed on line *first* (the next one
        headed on line *below*), in upper and lower case, reads as a heading without a
        rule (4.4: "What is Working", "Rajoy as PP leader", "//Op Troika and its
        Updates//"): what :meth:`_capitals_heading` asks, no small letter first (a
        capital, a digit, or a mark that headings start with: "//", "...", a quotation
        mark), no full stop at its end but an ellipsis, and the text
        above ending a sentence, or a dash rule (blank lines and page headers passed:
        a line under a sentence cut short goes on with it, "favorably with non-Muslim" /
        "" / "Brazilians. Brazil's Muslims ...", and so does a list's last item,
        "Policy, Defense/OSD" / "" / "Dimitry Zarechnak, Interpreter"). Under a line of
        the unwrapped rendering, with no blank line between, only right over the next
        paragraph's head (a list's second line, "... (notetaker)" / "Ethiopia Prime
        Minister ...", is not)."""
        lines = self.src.lines
        text = lines[line - 1].text.strip()
        if text[:1].islower() or text[-1:] == "." and text[-3:] != "..." or text[-2:] in ('."', ".\u201d"):
            return False
        if lines[line - 2].text.strip() and not rule.fullmatch(lines[line - 2].text) and line + 1 != below:
            return False  # under an unwrapped line, not over the next paragraph
        above = line - 1
        while above > first and (not lines[above - 1].text.strip() or above in pages):
            above -= 1
        return (rule.fullmatch(lines[above - 1].text) is not None or lines[above - 1].text.rstrip()[-1:] in _SENTENCE_END) and self._capitals_heading(line, mixed=True)

    def _end_above(self, line: int, first: int, rule: re.Pattern[str], pages: set[int]) -> int:
        """The last text line above line *line* in the paragraph headed on line *first*
        (blank lines, dash rules and page headers' lines, *pages*, passed)."""
        lines = self.src.lines
        end = line - 1
        while end > first and (not lines[end - 1].text.strip() or rule.fullmatch(lines[end - 1].text) or end in pages):
            end -= 1
        return end

    def fold_list_items(self) -> None:
        """Numbered lines that are a list inside a paragraph become that paragraph's
        text (cable-format.md 4.1): an unmarked line under a marked paragraph, or a
        head with a parenthesis for its full stop ("1) (U) ..."), that starts a list
        again at 1, and each such line after it that goes on with the list; a
        parenthesised head that does not continue the paragraphs' sequence is a list
        item too. A line that continues the sequence stays a paragraph."""
        p = self.p
        kept: list[Paragraph] = []
        ends: list[int] = []
        folded: dict[int, int] = {}  # line of a folded item -> number of its paragraph
        item: Optional[int] = None  # the number of the list's last item
        for para, last in zip(p.paragraphs, p.para_last_line):
            n = para.number
            paren = para.stop in (")", ",")  # "1) (U) ...", "1, (U) ...": a list's item, or a slip
            unmarked = bool(kept) and kept[-1].marker is not None and para.marker is None and not para.entire_text
            listed = bool(kept) and (n == 1 or (item is not None and n == item + 1) or (paren and n != kept[-1].number + 1))
            if (paren or unmarked) and listed:
                item = n
                folded[para.span.line] = kept[-1].number
                ends[-1] = max(ends[-1], last)
                continue
            item = None
            kept.append(para)
            ends.append(last)
        if not folded:
            return
        # a sub-paragraph under a folded item belongs to the paragraph the item is in
        heads = [para.span.line for para in p.paragraphs]
        for k, sub in enumerate(p.subparas):
            at = bisect_right(heads, sub.span.line) - 1
            if at >= 0 and heads[at] in folded:
                p.subparas[k] = replace(sub, paragraph=folded[heads[at]])
        p.paragraphs, p.para_last_line = kept, ends

    def copy_blocks(self) -> None:
        """The block a multi-section received copy repeats before a later section is
        no part of the text (copy_repeats.py)."""
        if self.p.copy_controls:
            read_repeats(self.src, self.p, self._line_patterns, lambda n: self._read_part("class", n))

    def signature_before_moved_captions(self) -> None:
        """When the text ends with captions that belong at its head (S001 reports
        them) and the line before them is a signature line, that line is the
        signature: the captions were moved after it, the text did not lose it."""
        p = self.p
        if p.signature is not None or not p.late_captions or not p.paragraphs:
            return
        after = p.paragraphs[-1].span.line
        covered: list[tuple[int, int]] = []  # (first, last) line of each moved caption
        for kind, span in p.late_captions:
            if span.line > after:
                part = self._read_part(kind, span.line)
                if part is None:
                    return
                end = part[1].end_line if kind == "refs" else part.span.end_line
                covered.append((span.line, end))
        if not covered:
            return
        lines = self.src.lines
        first = min(begin for begin, _ in covered)
        for number in range(first, p.body_last + 1):
            if lines[number - 1].text and not any(begin <= number <= end for begin, end in covered):
                return  # text after the moved captions: they do not end the text
        before = first - 1
        while before > after and not lines[before - 1].text:
            before -= 1
        if before <= after or not self._line_patterns["SIGNATURE_LINE"].fullmatch(lines[before - 1].text):
            return
        seg = Seg.whole(lines[before - 1])
        p.signature = Signature(seg.strip_span(), seg.text.strip().rstrip("."), False)
        last = before - 1  # the last paragraph ends at its last line above the signature
        while last > after and not lines[last - 1].text:
            last -= 1
        p.para_last_line[-1] = min(p.para_last_line[-1], last)

    def _late_caption(self, line: SourceLine) -> None:
        """A classification line or caption standing inside the body (S001)."""
        p, text = self.p, line.text
        for term, kind in _LATE_TERMS:
            if self._line_patterns[term].fullmatch(text):
                if kind == "class" and _prose_level(text) and self._read_part("class", line.number) is None:
                    return  # prose that starts with the level's word: "confidential use in ..."
                p.late_captions.append((kind, Seg.whole(line).strip_span()))
                return
        late = _LATE_IF_MISSING.get(text.lstrip()[:1].upper()) if p.paragraphs else None
        if late is None or any(k == late[1] for k, _ in p.captions):
            return
        term, kind = late
        if self._line_patterns[term].fullmatch(text) and self._read_part(kind, line.number) is not None:
            p.late_captions.append((kind, Seg.whole(line).strip_span()))

    def trailer(self, children: list[Token]) -> None:
        p = self.p
        clearance = False  # in a clearance block: its indented lines go on with it
        for t in children:
            if t.type == "END_CLASS_LINE":
                seg = self.seg(t)
                p.late_captions.append(("class", seg.strip_span()))
                if _CLASS.fullmatch(seg.text):
                    # (the FM line's PLAD, for the post after a release, as class_line reads it)
                    p.closing_class = split_class_rest(seg, fm_plad(p))[0]
                clearance = False
            elif t.type != "BLANK":
                text = self._text(t)
                p.trailer.append(text)
                clearance = t.type == "CLEARANCE_LINE" or (clearance and t.type == "FOOTER_CONT_LINE")
                if clearance:
                    p.clearance = text.span if p.clearance is None else p.clearance.cover(text.span)
