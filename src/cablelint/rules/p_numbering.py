"""P: the numbering of the paragraphs and the lettering of sub-paragraphs (cable-format.md 4.1)."""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterator, Optional

from cablelint.linter.rule import Context, Finding, Rule, field_problems
from cablelint.model import Cable, Paragraph, Subparagraph
from cablelint.model_body import SUBPARA_FAMILY
from cablelint.quote import clip
from cablelint.records import record


class ParagraphNumbering(Rule):
    """Numbered paragraphs skip, repeat, or do not start at 1.

    Why: paragraphs are numbered consecutively from 1 (5 FAH-1 H-246.2;
    cable-format.md 4.1). Readers and replies cite paragraphs by number ("see para
    4"), so a gap or a repeated number makes those citations ambiguous; a gap often
    means a paragraph was lost when the cable was edited or transmitted.

    Not every line that starts with a number and a full stop is a paragraph
    (cable-format.md 4.1): a list or a quoted text numbered from 1 inside the cable,
    and a lone wrapped line (``June`` / ``16. Netanyahu ...``) after which the
    sequence goes on, are not counted, blank lines around it or not (but a head with
    its own marker, ``9. (S)`` between ``2. (C)`` and ``3. (C)``, is a paragraph whose
    number was mistyped, and is reported; an unmarked
    ``4.`` alone between blank lines, between ``2. (C)`` and ``3. (U)``, is a
    paragraph: the two are in the wrong order; and a number alone, ``4.`` with no
    marker and no text, between blank lines after ``2. (C)``, the sequence going on
    with ``3. (C)``, ``4. (C)``, is a stray head and reported as such, indented or
    signed ``¶4.`` too, and so is one right above the paragraph it numbers,
    ``3. (C)``, ``4.``, ``4. (U)``, ``5. (C)``, which is then no repeat); a head that
    repeats the number of the paragraph
    above (``4. (C)``, ``4. (C)``, ``5. (C)``) is a paragraph numbered twice and is
    reported. Paragraphs that start again at 1 with their classification markers,
    outside a quoted ``BEGIN TEXT`` block, are the cable's own paragraphs renumbered,
    not a list, and are reported. In a partial extract (the archive's note "This
    record is a partial extract of the original cable", cable-format.md 2.8) the
    numbering starts where the extract starts: its first number is not reported, a
    gap after it is. Paragraphs the archive withheld whole below the header
    (``XXXXXXXXXXXX`` or ``xxxxx`` alone on a line between blank lines where they
    stood; after the paragraph's number, ``3. XXXXXXXXXXXX``, also on a line read as
    a paragraph's head with no blank line around it) are missing from the text, not
    from the cable: a gap, or a first number above 1, over such a line is not
    reported. Where the numbers skip one, a head run into the text of a line
    above (its line break lost: ``... see para 5. 2. (C) Spring ...``) is that
    paragraph, and the lost line break is reported at its number rather than a gap.

    Bad: ``1. (C) ...``, ``2. (C) ...``, ``4. (C) ...``.
    Good: ``1. (C) ...``, ``2. (C) ...``, ``3. (C) ...``.

    One finding per break in the sequence; counting goes on from the number found,
    except after a single wrong number between two that agree (``2.``, ``2.``, ``4.``)
    or a wrong first number before ``2.`` (``5.``, ``2.``, ``3.``), which is reported
    once as that paragraph's typo (in ``4.``, ``6.``, ``6.``, ``8.`` the typo is the
    second ``6.``, which repeats the head above it, after a gap), and two paragraphs
    in the wrong order (``1.``, ``3.``, ``2.``, ``4.``), reported once at the first
    of them. A number with the letter O or l typed for a digit (``1O. (C)``) is
    reported as such, and the paragraph counted by the number meant; so is a number
    typed as the one letter that looks like the digit the numbers go on with
    (``B. (S)`` after paragraph 7 for 8, ``S.`` for 5): a lettered head at the left
    margin with its own marker, in no lettered list.
    """

    code = "P001"
    name = "paragraph-numbering"
    severity = "error"
    needs = ("paragraphs",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "paragraph_number")
        for para, message, _ in ctx.shared(paragraph_numbering, cable).breaks:
            yield Finding(para.number_span, message)


@record
class Numbering:
    """The cable's numbered paragraphs and where their numbers break the sequence."""

    paragraphs: list[Paragraph]  # the numbered lines that are paragraphs (see _numbered)
    breaks: list[tuple[Paragraph, str, Optional[int]]]
    missing: frozenset[int]  # the numbers a gap skips, which a break names as missing


def paragraph_numbering(cable: Cable) -> Numbering:
    """The numbered paragraphs, and P001's findings in their numbers: each paragraph
    whose head breaks the sequence, what is wrong, and the number the paragraph is
    meant to have where the head is a typo (one wrong number between two that agree; a
    wrong first number before 2), else None. The other rules count such a paragraph by
    that number. Also the numbers that the gaps reported skip."""
    numbered = _numbered(cable)
    out: list[tuple[Paragraph, str, Optional[int]]] = []
    gaps: set[int] = set()
    previous: Optional[int] = None
    swapped = -1  # the index of the second head of two in the wrong order
    # the last paragraph before this one with each number (a search back through the
    # list at each repeated number cost a cable of thousands of them their square)
    last: dict[int, Paragraph] = {}
    for i, para in enumerate(numbered):
        if i:
            last[numbered[i - 1].number] = numbered[i - 1]
        n = para.number
        if para.run_in:
            # the numbers go on: the mistake is the lost line break before the head
            line = cable.lines[para.number_span.line - 1].raw
            before = " ".join(line[: para.number_span.column - 1].split()[-3:])
            out.append((para, f"paragraph {n} begins inside line {para.number_span.line}, after '{clip(before)}': expected it at the start of its own line, after a blank line", None))
        if i == swapped:
            continue  # reported with the first
        if _in_wrong_order(numbered, i, previous or 0):
            # 1, 3, 2, 4: one mistake, at the first head out of place
            out.append((para, f"paragraph {n} comes before paragraph {n - 1}: expected {n - 1} (the two are in the wrong order)", None))
            previous, swapped = n, i + 1
            continue
        if previous is None:
            # a typo in the first head when paragraph 2 follows (2, 2, 3 or 5, 2, 3)
            typo = i + 1 < len(numbered) and numbered[i + 1].number == 2
            # a partial extract's numbers start where the extract starts (2.8)
            if n != 1 and not cable.partial_extract:
                if cable.withheld_between(cable.header_end_line or 0, para.number_span.line):
                    gaps.update(range(1, n))  # the archive's redaction: paragraphs 1 to n - 1 stood there
                else:
                    out.append((para, f"the first numbered paragraph is {n}: expected paragraph 1", 1 if typo else None))
            previous = 1 if typo else n
            continue
        if n == previous + 1:
            previous = n
            continue
        following = numbered[i + 1].number if i + 1 < len(numbered) else None
        # (but in 4, 6, 6, 8 the second 6 is the slip: it repeats the head above it)
        then = numbered[i + 2].number if i + 2 < len(numbered) else None
        if following == previous + 2 and not (n == following and then == following + 2):
            # One wrong number between two that agree (2, 2, 4 or 2, 7, 4): a
            # typo in this head, not a gap or a repeat of the sequence.
            out.append((para, f"paragraph number {n} is out of sequence: expected {previous + 1}, between paragraphs {previous} and {following}", previous + 1))
            previous += 1
            continue
        if following == previous + 1 and n != previous:
            # a marked head with a number off the sequence, which goes on below it
            # (2, 9, 3): this head's slip; counting goes on from the one above
            out.append((para, f"paragraph number {n} is out of sequence: expected {previous + 1}, after paragraph {previous} (the numbers go on with {following} below it)", None))
            continue
        if n == previous:
            first = last.get(n)
            also = f" (also line {first.number_span.line})" if first is not None else ""
            out.append((para, f"paragraph number {n} is used twice{also}: expected {previous + 1}", None))
        elif n == 1:
            out.append((para, f"paragraph 1 follows paragraph {previous}: expected {previous + 1} (the numbering starts again)", None))
        elif n < previous:
            out.append((para, f"paragraph {n} follows paragraph {previous}: expected {previous + 1} (the numbering goes back)", None))
        else:
            if not cable.withheld_between(numbered[i - 1].number_span.line, para.number_span.line):
                missing = f"paragraph {previous + 1} is" if n == previous + 2 else f"paragraphs {previous + 1} to {n - 1} are"
                out.append((para, f"paragraph {n} follows paragraph {previous}: expected {previous + 1} ({missing} missing)", None))
            gaps.update(range(previous + 1, n))
        previous = n
    strays = _stray_heads(cable, numbered)
    if strays:
        out = sorted(out + strays, key=lambda b: b[0].span.start)
    return Numbering(numbered, out, frozenset(gaps))


def _stray_heads(cable: Cable, numbered: list[Paragraph]) -> list[tuple[Paragraph, str, Optional[int]]]:
    """P001's findings for the numbered lines left out of the sequence that are a
    number alone, with no marker and no text, between blank lines after a sentence's
    end, where the sequence goes on across them (2, a lone '4.', 3, 4): a stray head,
    not text of the paragraph above. Only the paragraphs left out are asked about."""
    paras = cable.paragraphs
    if len(paras) == len(numbered):
        return []
    out: list[tuple[Paragraph, str, Optional[int]]] = []
    j = 0  # the position in numbered of the next paragraph counted
    for para in paras:
        if j < len(numbered) and numbered[j] is para:
            j += 1
            continue
        if not 0 < j < len(numbered) or para.marker is not None or numbered[j].number != numbered[j - 1].number + 1:
            continue
        if not (_bare(cable, para) and _stands_apart(cable, para) and _after_a_sentence(cable, para)):
            continue
        n, before = para.number, numbered[j - 1].number
        head = cable.lines[para.number_span.line - 1].raw[para.number_span.column - 1 :].strip()  # (not a '¶' before it)
        same = next((q for q in numbered if q.number == n), None)
        where = f" (paragraph {n} is on line {same.number_span.line})" if same is not None else ""
        out.append((para, f"a lone '{clip(head)}' with no text stands between paragraphs {before} and {before + 1}{where}: expected paragraph {before + 1} right after paragraph {before}", None))
    return out


def _bare(cable: Cable, para: Paragraph) -> bool:
    """Whether *para* is its number alone: nothing but its full stop after it, and no
    line after its head."""
    line = cable.lines[para.number_span.line - 1]
    return para.span.end_line == para.number_span.line and not line.raw[para.number_span.end - line.start :].strip(" \t.\\\u2026")


def _in_wrong_order(paras: list[Paragraph], i: int, previous: int) -> bool:
    """Whether paragraph *i* and the next are two in the wrong order after paragraph
    *previous* (1, 3, 2, 4): the numbers previous + 2, previous + 1, then previous + 3
    or nothing."""
    if paras[i].number != previous + 2 or i + 1 >= len(paras) or paras[i + 1].number != previous + 1:
        return False
    return i + 2 == len(paras) or paras[i + 2].number == previous + 3


def _numbered(cable: Cable) -> list[Paragraph]:
    """The numbered lines that are the cable's paragraphs: not a list or a quoted text
    numbered from 1 inside the text, nor a lone numbered line (e.g. a wrapped date)
    after which the sequence goes on. A head repeating the number above is kept unless
    it lacks the marker the head above has (text wrapped at a number); so are two heads
    in the wrong order (1, 3, 2, 4), the first of them unmarked too when it stands
    apart between blank lines (2, unmarked 4, 3: a paragraph that lost its marker). A
    number further off ("says:" / blank / "9. The parties ..." then 3, or a date
    wrapped as "September" / blank / "14. He asked ...") is a stray line, blank lines
    or not, unless it has its own classification marker ("9. (S) ..." between 2 and
    3: a paragraph whose number was mistyped)."""
    paras = list(cable.paragraphs)
    out: list[Paragraph] = []
    previous: Optional[int] = None
    nested: Optional[int] = None
    swapped = -1  # the index of the second head of two in the wrong order
    for i, para in enumerate(paras):
        n = para.number
        if i == swapped:
            out.append(para)
            continue
        if previous is not None and n == previous + 1 and _stray_before(cable, paras, i):
            continue  # a lone '4.' above the real paragraph 4: a stray head (_stray_heads)
        if previous is None or n == previous + 1:
            previous, nested = n, None
            out.append(para)
            continue
        if n == 1 and previous > 1 and _marked_restart(cable, out[-1], para):
            previous, nested = n, None  # the paragraphs start again at 1
            out.append(para)
            continue
        if (n == 1 and previous > 1) or (nested is not None and n == nested + 1):
            nested = n  # a list
            continue
        following = paras[i + 1].number if i + 1 < len(paras) else None
        alike = para.marker is not None or out[-1].marker is None  # a head like the one above
        if alike and n == previous:
            pass  # the number of the paragraph above again: a repeat
        elif (alike or _stands_apart(cable, para) and _after_a_sentence(cable, para)) and _in_wrong_order(paras, i, previous):
            swapped = i + 1  # (an unmarked head too when it is a paragraph of its own)
        elif (following == previous + 1 and para.marker is None) or (following is None and n > previous + 9):
            continue  # a stray line (a head with its own marker is a paragraph misnumbered)
        previous, nested = n, None
        out.append(para)
    return out


def _stray_before(cable: Cable, paras: list[Paragraph], i: int) -> bool:
    """Whether paragraph *i*, the sequence's next number, is a lone number with no
    marker and no text between blank lines after a sentence's end, right above a head
    with the same number that is a paragraph (its marker or its text after it): a
    stray head of that paragraph (3, a lone '4.', '4. (U) ...', 5), not paragraph 4
    with the real one a repeat of it."""
    para = paras[i]
    if para.marker is not None or i + 1 >= len(paras):
        return False
    below = paras[i + 1]
    if below.number != para.number or _bare(cable, below):
        return False
    return _bare(cable, para) and _stands_apart(cable, para) and _after_a_sentence(cable, para)


def _stands_apart(cable: Cable, para: Paragraph) -> bool:
    """Whether *para* (its head and the lines after it, up to its last) stands between
    blank lines (or the end of the text), its head at the line's start (after blanks or
    the archive's paragraph sign, if any): a paragraph of
    its own, not a line of the text above wrapped at a number. Alone this says little
    (a quoted article, a wrapped date stand so too): only with a number next to the
    sequence's (_in_wrong_order)."""
    head = para.number_span.line  # 1-based
    end = para.span.end_line if para.span.end_line >= head else head
    before = cable.lines[head - 2].raw if head >= 2 else ""
    after = cable.lines[end].raw if end < len(cable.lines) else ""
    # (the archive's '¶' before the number, or an indent, leaves the head at the start)
    start = cable.lines[head - 1].raw[: para.number_span.column - 1]
    return not before.strip() and not after.strip() and not start.strip(" \t\u00b6")


# how a paragraph's last line ends: a sentence's end, or a quotation or parenthesis
# closed after it
_SENTENCE_END = tuple('.!?"\')\u201d\u2019')


def _after_a_sentence(cable: Cable, para: Paragraph) -> bool:
    """Whether the last line of text above *para*'s head ends a sentence: a text
    quoted after it ('Article 5 reads:' / blank / '5. The Government shall ...') or a
    date wrapped at its number ('on September' / blank / '5. He asked ...') do not."""
    k = para.number_span.line - 2  # (0-based: the line above the head)
    while k >= 0 and not cable.lines[k].raw.strip():
        k -= 1
    return k >= 0 and cable.lines[k].raw.rstrip().endswith(_SENTENCE_END)


def _marked_restart(cable: Cable, last: Paragraph, para: Paragraph) -> bool:
    """Whether *para*, numbered 1 after paragraph *last*, starts the cable's paragraph
    numbers again rather than a list: both carry a classification marker (a list's
    items do not), and no 'BEGIN TEXT' before it quotes another document's
    paragraphs."""
    if para.marker is None or last.marker is None:
        return False
    at = para.span.start
    for marker in cable.block_markers:
        if marker.kind == "TEXT" and marker.role == "begin" and marker.span.start < at:
            return False
    return True


class SingleNumberedParagraph(Rule):
    """A cable whose only paragraph is numbered.

    Why: a cable with one paragraph is not numbered (5 FAH-1 H-246.2;
    cable-format.md 4.1); a lone ``1.`` suggests that text was lost.

    A partial extract (the archive's note "This record is a partial extract of the
    original cable", cable-format.md 2.8) keeps the original's numbers: its one
    numbered paragraph is not reported; nor is that of a cable whose other paragraphs
    the archive withheld whole below the header (``XXXXXXXXXXXX`` or ``xxxxx`` alone
    on a line between blank lines where they stood; after the paragraph's number,
    ``2. XXXXXXXXXXXX``, also on a line read as a paragraph's head with no blank line
    around it; a redaction in the header says nothing of the paragraphs).

    Bad: a cable whose whole text is ``1. (U) Post concurs.``
    Good: ``(U) Post concurs.``
    """

    code = "P005"
    name = "single-numbered-paragraph"
    severity = "info"
    needs = ("paragraphs",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if len(cable.paragraphs) == 1 and not cable.partial_extract and not cable.withheld_paragraphs:
            para = cable.paragraphs[0]
            yield Finding(para.number_span, f"the cable's only paragraph is numbered {para.number}: expected a single paragraph to have no number")


def _next_label(label: str) -> str:
    return chr(ord(label) + 1)


def _letter_lists(cable: Cable) -> list[list[Subparagraph]]:
    """The lettered lists: the sub-paragraphs of one paragraph and one family, split
    where a list starts again at A, in text order. An A between two letters that agree
    (A., A., C.) is that head's typo, not a new list. A paragraph is told by its place,
    not its number, so two heads numbered alike (2., 2., 4.) keep their lists apart."""
    heads = [para.span.start for para in cable.paragraphs]
    streams: dict[tuple[Optional[int], str], list[Subparagraph]] = {}
    for sub in cable.subparagraphs:
        at = None if sub.paragraph is None else bisect_right(heads, sub.span.start) - 1
        style = sub.list_style or sub.style  # a head lettered apart ("C)" among "A.") is its list's
        streams.setdefault((at, SUBPARA_FAMILY.get(style, style)), []).append(sub)
    lists: list[list[Subparagraph]] = []
    for stream in streams.values():
        current: list[Subparagraph] = []
        for j, sub in enumerate(stream):
            if current and sub.label.upper() == "A":
                following = stream[j + 1].label.upper() if j + 1 < len(stream) else None
                if following != _next_label(_next_label(current[-1].label.upper())):
                    lists.append(current)
                    current = []
            current.append(sub)
        lists.append(current)
    return sorted(lists, key=lambda run: run[0].span.start)


class SubparagraphSequence(Rule):
    """Sub-paragraph letters skip or repeat.

    Why: lettered sub-paragraphs run ``A.``, ``B.``, ``C.`` (or ``(a)``, ``a)``,
    ``a.``) without gaps (cable-format.md 4.1); a skipped letter usually means a
    sub-paragraph was lost or moved, and citations such as "para 3.C" break.

    A letter in the other case than most of its list (``A.``, ``b.``, ``C.``; ``a.``,
    ``B.``, ``C.``) belongs to the list and is reported as such. A single wrong letter
    between two that agree (``A.``, ``C.``, ``C.``; ``A.``, ``A.``, ``C.``) is reported
    once, as that head's typo, and two letters in the wrong order (``B.``, ``D.``,
    ``C.``, ``E.``) once, at the first of them.

    A list that starts at ``B.`` (or ``(b)``) and goes on with ``C.`` lost its ``A.``
    and is reported at its first letter; so is one that goes on with ``D.``, its
    heads each starting a block after a blank line (``B. Smith`` inside a sentence is
    no head), which lost ``C.`` too; so is a lone head with its own marker in a
    paragraph with no list (``D. (S) ...`` under paragraph 3), a list that lost its
    first letters.

    Heads ``A)`` in capitals are read as the ``a)`` list, and one head for several
    letters answered together (``G - J)``) takes the list on to its last letter. A
    head in another style that carries the list's next letter, the list going on
    after it (``A.``, ``B.``, ``C)``, ``D.``), is the list's head lettered apart and
    is reported as such (not as a ``C.`` lost).

    Bad: ``A. ...``, ``B. ...``, ``D. ...``; ``A. ...``, ``b. ...``, ``C. ...``;
    ``B. ...``, ``C. ...``, ``D. ...``; ``A. ...``, ``B. ...``, ``C) ...``, ``D. ...``.
    Good: ``A. ...``, ``B. ...``, ``C. ...``.
    """

    code = "P006"
    name = "subparagraph-sequence"
    severity = "warning"
    needs = ("subparagraphs",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        for run in _letter_lists(cable):
            upper = sum(sub.label.isupper() for sub in run)
            # the list's case: that of most of its letters, or of its first on a tie
            capitals = upper * 2 > len(run) or (upper * 2 == len(run) and run[0].label.isupper())
            shown = str.upper if capitals else str.lower
            previous: Optional[str] = None  # the letter, in capitals, the list has reached
            swapped = -1  # the index of the second head of two in the wrong order
            for j, sub in enumerate(run):
                if j == swapped:
                    continue  # reported with the first
                letter = sub.label.upper()
                expected = "A" if previous is None else _next_label(previous)
                where = f" in paragraph {sub.paragraph}" if sub.paragraph is not None else ""
                if previous is None and letter != "A":  # a list that lost its A (B., C., ...)
                    yield Finding(sub.span, f"sub-paragraphs{where} start at {sub.label}: expected {shown('A')}")
                    previous = letter
                    continue
                if letter == expected:
                    if sub.list_style is not None:  # "C)" among "A.", "B.", "D."
                        head = sub.list_style.replace("a", shown(letter)).replace("A", shown(letter))
                        written = sub.style.replace("a", sub.label).replace("A", sub.label)
                        yield Finding(sub.span, f"sub-paragraph {written}{where} is lettered in another style than its list: expected {head}")
                    elif sub.label.isupper() != capitals:
                        head = sub.style.replace("a", shown(letter)).replace("A", shown(letter))
                        yield Finding(sub.span, f"sub-paragraph {sub.label}{where} is not lettered in the list's case: expected {head}")
                    previous = letter if sub.last is None else sub.last.upper()  # "G - J)" reaches J
                    continue
                assert previous is not None  # (the list's first head went on above, A or not)
                following = run[j + 1].label.upper() if j + 1 < len(run) else None
                if letter == _next_label(expected) and following == expected and run[j + 1].last is None:
                    # B., D., C., E.: one mistake, at the first head out of place
                    yield Finding(sub.span, f"sub-paragraph {sub.label}{where} comes before {shown(expected)}: expected {shown(expected)} (the two are in the wrong order)")
                    previous, swapped = letter if sub.last is None else sub.last.upper(), j + 1
                    continue
                what = "repeats" if letter <= previous else "skips"
                yield Finding(
                    sub.span,
                    f"sub-paragraph {sub.label}{where} follows {shown(previous)} and {what} the sequence: expected {shown(expected)}",
                )
                # one wrong letter between two that agree is this head's typo
                previous = expected if following == _next_label(expected) else letter


RULES: tuple[type[Rule], ...] = (
    ParagraphNumbering,
    SingleNumberedParagraph,
    SubparagraphSequence,
)
