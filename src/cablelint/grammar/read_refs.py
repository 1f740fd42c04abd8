"""The REF block (3.7): its labels, where one entry ends and the next begins, the
keyword misspelt; what each entry names is read in read_ref_entry.py."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from cablelint.compiled import regex
from cablelint.grammar.patterns import field
from cablelint.grammar.read_ref_entry import read_reference
from cablelint.grammar.read_ref_splits import and_split, looks_like_new_item, split_tight, unlabelled_split
from cablelint.grammar.segment import Seg
from cablelint.grammar.source import SourceLine
from cablelint.model import Problem, Reference, Text
from cablelint.quote import clip
from cablelint.span import Span

_REF = field("REF_SHAPE")
_REF_LABEL = field("REF_LABEL")
_REF_LABEL_AGAIN = field("REF_LABEL_AGAIN")
_REF_LABEL_ALONE = field("REF_LABEL_ALONE")
_REF_LABEL_TIGHT = field("REF_LABEL_TIGHT")
_REF_LABEL_BARE = field("REF_LABEL_BARE")
_REF_LETTER_ALONE = field("REF_LETTER_ALONE")
_REF_YEAR_ONLY = field("REF_YEAR_ONLY")
_REF_CABLE = field("REF_CABLE")
# where a label may start further along a REF line: after two spaces, a semicolon, or
# in sequence; (?<![ \t]): a label is looked for from the start of a blank run only
# (linear time)
_LABEL_GAP = regex(r"(?:(?<![ \t])[ \t]{2,}|;[ \t]*|,[ \t]*|(?<![ \t])[ \t])(?=\(?[A-Z][.)])")
# a block labelled in lower case throughout ("REF: a) LONDON 62", "a) RIO 346, b) RIO
# 329", as real cables write it): the same labels, read in either case
_REF_LABEL_ANY_CASE = regex(_REF_LABEL.pattern, re.IGNORECASE)
_LABEL_GAP_ANY_CASE = regex(_LABEL_GAP.pattern, re.IGNORECASE)
_REF_LABEL_ALONE_ANY_CASE = regex(_REF_LABEL_ALONE.pattern, re.IGNORECASE)


def _garbled_label(piece: Seg, pos: int) -> Optional[tuple[Text, Seg]]:
    """A damaged label ('B,' 'b.' '(B') before a document, in a labelled block."""
    gm = field("REF_LABEL_LOOSE").match(piece.text, pos)
    if gm is None or not looks_like_new_item(piece.text[gm.end() :]):
        return None
    token = gm.group().rstrip()
    return Text(token, piece.span(gm.start(), gm.start() + len(token))), piece.sub(gm.end())


_Item = tuple[Optional[Text], Optional[Text], Seg, Optional[Text]]


def _tight_label(piece: Seg, pos: int) -> Optional[Text]:
    """A label written with no blank after its full stop at *pos*, a REF line's start
    ("A.STATE 22117", "C.09 REYKJAVIK 380"), as written ("C."); None for any other
    line. Any letter is taken (one out of sequence is X002's), but only before a cable
    reference, so that an initial or an abbreviation stays part of the document it
    starts."""
    tm = _REF_LABEL_TIGHT.match(piece.text, pos)
    if tm is None or not looks_like_new_item(piece.text[tm.end() :]):
        return None
    return piece.group(tm, "tight")


def starts_ref_item(seg: Seg) -> bool:
    """Does *seg* start a labelled reference, its label well formed or damaged?"""
    pos = len(seg.text) - len(seg.text.lstrip())
    lm = _REF_LABEL.match(seg.text, pos)
    return (lm is not None and lm.end() < len(seg.text)) or _garbled_label(seg, pos) is not None


def _label_again(text: str, lm: re.Match[str], fits: Optional[str], relabelled: bool = False) -> Optional[re.Match[str]]:
    """The second label of a doubled "A. A." (or "A) A.", "(A) A.") after the label
    *lm*: taken when its letter is the first one's or *fits* (the letter after the entry
    before: "C." ... "B. D."), or any letter in a block *relabelled* throughout (every
    entry before it has two labels: "A. A. ... B. B. ... C. D."), so that an initial
    ("A. J. SMITH E-MAIL") stays part of the document."""
    if lm.group("lab_b") is not None:
        return None
    am = _REF_LABEL_AGAIN.match(text, lm.end())
    if am is None or am.end() >= len(text) or (am.group("lab_again") not in (_label_letter(lm), fits) and not relabelled):
        return None
    return am


def _relabelled(items: list[_Item], starts: list[tuple[int, re.Match[str], Optional[re.Match[str]]]]) -> bool:
    """Whether the entries read so far (*items*, then the line's *starts*) are two or
    more, each with two labels: a block a second drafter re-labelled (3.7)."""
    doubled = 0
    for item in items:
        if item[1] is None:
            return False
        doubled += 1
    for _, lm, again in starts:
        if again is None and lm.group("lab_b") is None:
            return False
        doubled += 1
    return doubled >= 2


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
    the block: the line continues the entry above. The next label typed after a line's
    last entry with nothing after it ("B. KABUL 71 C."), at the end of the block or
    before a line that starts with a label, is an item naming nothing (X001).
    """
    items: list[_Item] = []
    pieces = [part for piece in pieces for part in split_tight(piece)]
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
    for n, piece in enumerate(pieces):
        text = piece.text
        pos = len(text) - len(text.lstrip())
        run_into = above.rstrip().upper().endswith(_RUNS_ON)  # "A. STATE 1 AND" / "PARIS 2"
        above = text
        # (where, label, second label written "A.") of each item the line starts
        starts: list[tuple[int, re.Match[str], Optional[re.Match[str]]]] = []
        before = _after(_item_letter(items[-1])) if items and items[-1][0] is not None else None
        alone = _REF_LABEL_ALONE.fullmatch(text, pos) if labelled or not items else None
        if alone is None and piece is pieces[0]:
            alone = _REF_LETTER_ALONE.fullmatch(text, pos)
        if alone is not None:
            # a label with no document after it: an entry naming nothing (X001)
            name = "alone_a" if alone.group("alone_a") else "alone_b"
            items.append((piece.group(alone, name), None, piece.sub(len(text), len(text)), None))
            continue
        lm = label_re.match(text, pos)
        # "A.STATE 22117": a label without its blank; the entry is read after it (X001)
        tight = _tight_label(piece, pos) if lm is None else None
        if tight is not None:
            pos += len(tight.text)
            lm = label_re.match(text, pos)
        if lm is not None and lm.end() < len(text):
            again = _label_again(text, lm, before, _relabelled(items, []))
            if again is None and lm.group("lab_b") is None and items and _REF_YEAR_ONLY.fullmatch(text, lm.end()):
                pos = lm.end()  # the year is read as a continuation line, its label dropped
            else:
                starts.append((pos, lm, again))
        elif labelled and (garbled := _garbled_label(piece, pos)) is not None:
            token, body = garbled
            items.append((Text(token.text.lstrip("(")[0].upper(), token.span), None, body, token))
            continue
        expected = _after(_read_letter(starts[0][1], starts[0][2])) if starts else (_after(tight.text[0]) if tight is not None else before)
        tail: Optional[tuple[int, Optional[Text]]] = None  # a last label naming nothing
        # labels further along the line
        for cm in gap_re.finditer(text[pos:]):
            at = pos + cm.end()
            lm2 = label_re.match(text, at)
            if lm2 is None or lm2.end() >= len(text):
                alone = _REF_LABEL_ALONE.fullmatch(text, at) if starts and expected is not None else None
                if alone is not None and (alone.group("alone_a") or alone.group("alone_b")) == expected and (n + 1 == len(pieces) or starts_ref_item(pieces[n + 1])):
                    # "B. KABUL 71 C.": the next label with nothing after it, at the end of
                    # the block or before the next label: an entry naming nothing (X001)
                    tail = (at, piece.group(alone, "alone_a" if alone.group("alone_a") else "alone_b"))
                continue
            again2 = _label_again(text, lm2, expected, _relabelled(items, starts))
            letter = _read_letter(lm2, again2)
            if letter == expected or (starts and (cm.group().startswith(("  ", ";")) or _another_entry(text, pos, at, lm2, starts[0][1]))):
                starts.append((at, lm2, again2))
                expected = _after(letter)
        if tight is not None:
            # the tight label's entry runs to the line's next label, if any
            end = starts[0][0] if starts else len(text)
            items.append((Text(tight.text[0], tight.span), None, piece.sub(pos, pos + len(text[pos:end].rstrip(" \t;,"))), tight))
            pos = end
        if not starts:
            if tight is not None:
                continue
            body = piece.sub(pos)
            # a line that reads as a reference of its own, under a labelled entry whose
            # line does not run on into it ("A. STATE 1 AND" / "PARIS 2"), is an entry
            # that lost its label (X002)
            lost = bool(items) and items[-1][0] is not None and not run_into and looks_like_new_item(body.text)
            if items and not lost and (items[-1][0] is not None or not looks_like_new_item(body.text)):
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
            end = starts[k + 1][0] if k + 1 < len(starts) else (tail[0] if tail is not None else len(text))
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
        if tail is not None:
            items.append((tail[1], None, piece.sub(len(text), len(text)), None))
    return _bare_labels(items)


def _bare_labels(items: list[_Item]) -> list[_Item]:
    """The items with an entry whose label lost its mark split off the labelled entry
    it is run on after ("A) ROME 97 B MOSCOW 1273": B is the next letter, after a
    document number and before a cable reference); its letter is kept as a garbled
    label for X001. Not when the entry after it already has that letter."""
    out: list[_Item] = []
    for k, (label, label2, body, bad) in enumerate(items):
        if label is None or bad is not None or type(body) is not Seg:
            out.append((label, label2, body, bad))
            continue
        letter = _after(_item_letter((label, label2, body, bad)))
        taken = k + 1 < len(items) and items[k + 1][0] is not None and _item_letter(items[k + 1]) == letter
        bm = next((b for b in _REF_LABEL_BARE.finditer(body.text) if b.group("bare_letter") == letter), None) if not taken else None
        if bm is None or not _REF_CABLE.fullmatch(body.text, bm.end()) or not _REF_CABLE.fullmatch(body.text, 0, bm.start()):
            out.append((label, label2, body, bad))
            continue
        token = body.group(bm, "bare_letter")
        assert token is not None
        out.append((label, label2, body.sub(0, bm.start()), bad))
        out.append((token, None, body.sub(bm.end()), token))
    return out


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


def read_refs(first: Seg, more: list[Seg]) -> tuple[list[Reference], Span]:
    m = _REF.fullmatch(first.text)
    assert m is not None
    pieces = [first.sub(m.start("ref_list"))] + more
    pieces = [p for p in pieces if p.text.strip()]
    refs: list[Reference] = []
    typo = first.group(m, "ref_typo")
    for label, label2, body, garbled in _ref_items(pieces):
        if label is None:
            for part in unlabelled_split(body):
                if part.text.strip():
                    refs.append(read_reference(None, None, part, refs[-1] if refs else None))
        elif garbled is not None:
            ref = read_reference(label, None, body, refs[-1] if refs else None)
            shown = f"'{clip(label.text)}.', '({clip(label.text)})' or '{clip(label.text)})'"
            if garbled.span.end == body.strip_span().start:  # "A.STATE 22117"
                written = (body.head if isinstance(body, _Joined) else body).text.strip()  # on the label's line
                problem = Problem("reference", garbled.span, f"REF label '{clip(garbled.text)}' has no blank after it: expected '{clip(garbled.text)} {clip(written)}'")
            elif garbled.text == label.text:  # "... 97 B MOSCOW 1273"
                problem = Problem("reference", garbled.span, f"REF label '{clip(garbled.text)}' has no full stop or parenthesis: expected {shown} before the document")
            elif garbled.text.upper() in (f"{label.text}.", f"({label.text})", f"{label.text})"):  # "(b) STATE 1234"
                problem = Problem("reference", garbled.span, f"REF label '{clip(garbled.text)}' is not in capitals: expected '{clip(garbled.text.upper())}'")
            else:
                problem = Problem("reference", garbled.span, f"REF label '{clip(garbled.text)}' is garbled: expected {shown} before the document")
            refs.append(replace(ref, extra_label=None, problems=(problem, *ref.problems)))
        elif body.text.strip():
            first_part, *others = and_split(body)
            refs.append(read_reference(label, label2, first_part, refs[-1] if refs else None))
            for part in others:
                # "A. 09 STATE 1 AND 09 RABAT 2": another cable of the same entry, under
                # its label (the same Text: one entry for the labels' sequence)
                refs.append(replace(read_reference(label, label2, part, refs[-1]), span=part.strip_span(), extra_label=None))
        elif label2 is not None:  # read by its second label, as read_reference does
            refs.append(Reference(label.span.cover(label2.span), label2, label, "", "other", None, None))
        else:
            refs.append(Reference(label.span, label, None, "", "other", None, None))
    semi = first.group(m, "ref_semi")
    kw = first.text[m.start("ref_kw") : m.end("ref_kw")]
    if typo is None and semi is None and kw != kw.upper():
        # "Ref:": the archive keeps it as sent (15 real cables), a drafter is told, as of
        # 'Subject:' and 'Tags:' (a slip in a draft only, DRAFT_ONLY_FIELDS)
        problem = first.problem("reference_keyword", m.start("ref_kw"), m.end("ref_kw"), f"'{clip(kw)}' is not in capitals: expected '{clip(kw.upper())}'")
        refs[:1] = [replace(refs[0], problems=(problem, *refs[0].problems))] if refs else [Reference(problem.span, None, None, "", "other", None, None, (problem,))]
    if typo is not None or semi is not None:
        # "RFE: BUENOS AIRES 0802", "REF; STATE 2311": the block is read; its keyword is
        # named with the first entry
        if typo is not None:
            problem = Problem("reference", typo.span, f"REF keyword '{clip(kw)}' is misspelt: expected 'REF'")
        else:
            assert semi is not None
            problem = Problem("reference", semi.span, f"'{clip(kw)};' has a semicolon for its colon: expected '{clip(kw.upper())}:'")
        where = typo or semi
        assert where is not None
        refs[:1] = [replace(refs[0], problems=(problem, *refs[0].problems))] if refs else [Reference(where.span, None, None, "", "other", None, None, (problem,))]
    span = first.span()
    if more:
        span = span.cover(more[-1].span())
    return refs, span
