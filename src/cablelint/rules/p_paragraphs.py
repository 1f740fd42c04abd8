"""P: numbered paragraphs, their classification markers and paired blocks (cable-format.md 4.1-4.3)."""

from __future__ import annotations

from bisect import bisect_right
from string import ascii_letters
from typing import Iterator, NamedTuple, Optional

from cablelint.grammar.patterns import field
from cablelint.grammar.read_body import MARK_HELP
from cablelint.linter.rule import Context, Edit, Finding, Fix, Rule, field_problems
from cablelint.model import SPELLED_MARKINGS, SUBPARA_FAMILY, BlockMarker, Cable, Paragraph, Subparagraph
from cablelint.rules._places import under_eo_12958
from cablelint.span import Span

# The grammar's own strict marker shape: a proposed fix must produce one.
_VALID_MARK = field("PARA_MARK")


def _after(span: Span, width: int = 0, skip: int = 0) -> Span:
    """A span of *width* characters starting *skip* characters after *span* ends."""
    col, at = span.end_column + skip, span.end + skip
    return Span(span.end_line, col, span.end_line, col + width, at, at + width)


def _head(para: Paragraph) -> str:
    """The paragraph's head as it should read: 'N. (X)', with the marker as written,
    or as P003 repairs it ('3.C)' -> '3. (C)')."""
    if para.marker is None:
        return f"{para.number}."
    marker = para.marker.text
    if any(q.field == "marker" for q in para.problems):
        marker = _fixed_marker(marker) or marker
    return f"{para.number}. {marker}"


class ParagraphNumbering(Rule):
    """Numbered paragraphs skip, repeat, or do not start at 1.

    Why: paragraphs are numbered consecutively from 1 (5 FAH-1 H-246.2;
    cable-format.md 4.1). Readers and replies cite paragraphs by number ("see para
    4"), so a gap or a repeated number makes those citations ambiguous; a gap often
    means a paragraph was lost when the cable was edited or transmitted.

    Not every line that starts with a number and a full stop is a paragraph
    (cable-format.md 4.1): a list or a quoted text numbered from 1 inside the cable,
    and a lone wrapped line (``June`` / ``16. Netanyahu ...``) after which the
    sequence goes on, are not counted; a head that repeats the number of the paragraph
    above (``4. (C)``, ``4. (C)``, ``5. (C)``) is a paragraph numbered twice and is
    reported. Paragraphs that start again at 1 with their classification markers,
    outside a quoted ``BEGIN TEXT`` block, are the cable's own paragraphs renumbered,
    not a list, and are reported. In a partial extract (the archive's note "This
    record is a partial extract of the original cable", cable-format.md 2.8) the
    numbering starts where the extract starts: its first number is not reported, a
    gap after it is. Where the numbers skip one, a head run into the text of a line
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
    reported as such, and the paragraph counted by the number meant.
    """

    code = "P001"
    name = "paragraph-numbering"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "paragraph_number")
        for para, message, _ in ctx.shared(paragraph_numbering, cable).breaks:
            yield Finding(para.number_span, message)


class Numbering(NamedTuple):
    """The cable's numbered paragraphs and where their numbers break the sequence."""

    paragraphs: list[Paragraph]  # the numbered lines that are paragraphs (see _numbered)
    breaks: list[tuple[Paragraph, str, Optional[int]]]


def paragraph_numbering(cable: Cable) -> Numbering:
    """The numbered paragraphs, and P001's findings in their numbers: each paragraph
    whose head breaks the sequence, what is wrong, and the number the paragraph is
    meant to have where the head is a typo (one wrong number between two that agree; a
    wrong first number before 2), else None. The other rules count such a paragraph by
    that number."""
    numbered = _numbered(cable)
    out: list[tuple[Paragraph, str, Optional[int]]] = []
    previous: Optional[int] = None
    swapped = -1  # the index of the second head of two in the wrong order
    for i, para in enumerate(numbered):
        n = para.number
        if para.run_in:
            # the numbers go on: the mistake is the lost line break before the head
            line = cable.lines[para.number_span.line - 1].raw
            before = " ".join(line[: para.number_span.column - 1].split()[-3:])
            out.append((para, f"paragraph {n} begins inside line {para.number_span.line}, after '{before}': expected it at the start of its own line, after a blank line", None))
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
        if n == previous:
            first = next((p for p in reversed(numbered[:i]) if p.number == n), None)
            also = f" (also line {first.number_span.line})" if first is not None else ""
            out.append((para, f"paragraph number {n} is used twice{also}: expected {previous + 1}", None))
        elif n == 1:
            out.append((para, f"paragraph 1 follows paragraph {previous}: expected {previous + 1} (the numbering starts again)", None))
        elif n < previous:
            out.append((para, f"paragraph {n} follows paragraph {previous}: expected {previous + 1} (the numbering goes back)", None))
        else:
            missing = f"paragraph {previous + 1} is" if n == previous + 2 else f"paragraphs {previous + 1} to {n - 1} are"
            out.append((para, f"paragraph {n} follows paragraph {previous}: expected {previous + 1} ({missing} missing)", None))
        previous = n
    return Numbering(numbered, out)


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
    in the wrong order (1, 3, 2, 4)."""
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
        elif alike and _in_wrong_order(paras, i, previous):
            swapped = i + 1
        elif following == previous + 1 or (following is None and n > previous + 9):
            continue  # a stray line
        previous, nested = n, None
        out.append(para)
    return out


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


class MissingParagraphMarker(Rule):
    """A numbered paragraph without a classification marker after its number.

    Why: every paragraph of a classified cable carries the marking of its content,
    ``(U)``, ``(SBU)``, ``(C)``, ``(S)`` or ``(TS)``, right after the number (5 FAH-1
    H-246.2; cable-format.md 4.2). Unclassified cables need none, but when they mark
    some paragraphs, an unmarked one leaves its status unclear. An error in classified
    cables and a warning otherwise; an unclassified cable that marks no paragraph at
    all is not reported, nor is a cable that marks its whole text at once
    (``1. (C - ENTIRE TEXT)``, ``1. CONFIDENTIAL - ENTIRE TEXT.``). Numbered lists
    inside the text are not paragraphs (see P001).

    Bad: ``2. The minister said ...`` in a CONFIDENTIAL cable.
    Good: ``2. (C) The minister said ...``.
    """

    code = "P002"
    name = "missing-paragraph-marker"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        paras = ctx.shared(paragraph_numbering, cable).paragraphs
        unmarked = [p for p in paras if p.marker is None]
        if not unmarked or any(p.entire_text for p in paras):
            return
        classified = (cable.level_rank or 0) > 0
        if not classified and len(unmarked) == len(paras):
            return
        severity = "error" if classified else "warning"
        why = f"a {cable.level} cable marks every paragraph" if classified else "the cable marks its other paragraphs"
        # markers the cable's level allows: (C) in an UNCLAS cable would be C003's error
        examples = "(U), (C) or (S)" if (cable.level_rank or 0) >= 2 else "(U) or (C)" if classified else "(U) or (SBU)"
        for para in unmarked:
            yield Finding(
                _after(para.number_span, 0, len(para.gap_before)),
                f"paragraph {para.number} has no classification marker: expected one such as {examples} right after '{para.number}.' ({why})",
                severity=severity,
            )


def _fixed_marker(marker: str) -> Optional[str]:
    """The one valid marker a damaged one can only have meant, or None when unsure."""
    inner = marker.strip("()[]").strip().upper()
    spelled = SPELLED_MARKINGS.get(" ".join(inner.split()))
    if spelled is not None:
        return f"({spelled})"
    for sep in ("\\", " - ", "- ", " -", "-"):
        inner = inner.replace(sep, "/")
    inner = " ".join(inner.split())
    inner = inner.replace(" / ", "/").replace("/ ", "/").replace(" /", "/")
    return f"({inner})" if _VALID_MARK.fullmatch(inner) else None


class MalformedParagraphMarker(Rule):
    """A paragraph marker that is not a valid marking.

    Why: the marker vocabulary is fixed: a level ``U``, ``SBU``, ``C``, ``S`` or
    ``TS``, then optional controls (``NF``, ``NOFORN``, ``FOUO``, ``FGI``, ``REL ...``)
    after ``/`` or ``//`` (5 FAH-1 H-246.2; cable-format.md 4.2). Lower case, hyphens
    and backslashes are deviations; an unknown level cannot be read at all. A known
    level followed by a word that is no control, ``(C//FN)``, or by a separator with
    nothing after it, ``(C//)``, is a marker of that level whose control is named.
    A blank after the opening parenthesis, ``( C)``, is named as one before the
    closing one is. A lettered sub-paragraph's own marker is held to the same
    vocabulary (``A. (X) ...``, ``B. (S-NF) ...``, ``B. (C reinforcement ...``, its
    closing parenthesis lost); a single lower-case letter, ``B. (s) ...``, is its
    marker only under a sub-paragraph that carries one (else ``A. (c)`` is a list in
    a list).

    A level spelled out, ``(CONFIDENTIAL)``, a marker in square brackets, ``[U]``,
    and one with a doubled or mismatched parenthesis or bracket, ``((SBU)``,
    ``(C]``, are markers too, written wrong. ``(C - ENTIRE TEXT)`` marked the whole
    text before E.O. 12958 (14 October 1995; cable-format.md 3.8): it is reported in
    a later cable only, and there, in a classified cable without its Classified By
    line, as the missing authority (C004) rather than here.

    Bad: ``3. (c) ...``, ``4. (S-NF) ...``, ``5. (SBU ...``, ``6. (X) ...``,
    ``7. (CONFIDENTIAL) ...``, ``8. [U] ...``, ``9. (C//FN) ...``; ``1. (C - ENTIRE TEXT)`` in a 2008
    cable with a Classified By line.
    Good: ``3. (C) ...``, ``4. (S/NF) ...``, ``5. (SBU) ...``; ``1. (C - ENTIRE
    TEXT)`` in a 1990 cable.

    Fix: where only one marking can be meant (case, separators, a missing closing
    parenthesis, a spelled-out level, brackets), rewrites the marker; an unknown
    level is left to the author.
    """

    code = "P003"
    name = "malformed-paragraph-marker"
    severity = "error"
    fixable = True

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        for finding in field_problems(cable, ctx, "marker"):
            heads = [*cable.paragraphs, *cable.subparagraphs]
            marker = next((p.marker for p in heads if p.marker is not None and p.marker.span == finding.span), None)
            fixed = _fixed_marker(marker.text) if marker is not None else None
            if fixed is not None and fixed != marker.text:  # type: ignore[union-attr]
                # the fault, then the marker meant, rather than the list of all markers
                fault = finding.message[: -len(MARK_HELP) - 2] if finding.message.endswith(f": {MARK_HELP}") else finding.message
                yield Finding(finding.span, f"{fault}: expected '{fixed}'", Fix((Edit(finding.span, fixed),)))
            else:
                yield finding
        if not under_eo_12958(cable) or ((cable.level_rank or 0) > 0 and cable.classified_by is None):
            return  # the older practice, or C004's finding
        for para in cable.paragraphs:
            if para.entire_text and para.marker is not None and not para.problems:
                yield Finding(
                    para.marker.span,
                    f"marker '{para.marker.text}' marks the entire text, as cables did before E.O. 12958 (October 1995): expected '({para.marking})', and a marker on each paragraph",
                )


class ParagraphMarkerSpacing(Rule):
    """The paragraph head is not exactly ``N. (X) Text``.

    Why: the canonical layout is number, full stop, one space, marker, one space
    (cable-format.md 4.2; 1,245 of 12,876 real marked paragraphs deviate). Tools
    that split paragraphs and markers rely on it; the archive, for one, adds its
    ``¶`` anchor only when whitespace follows the full stop.

    A head that lost its full stop, ``3 (S) Text``, is still read as paragraph 3
    when a marker follows the number, and reported here rather than as a gap in
    the numbering; so is a doubled full stop, ``3.. (S) Text``, and a parenthesis
    or a comma for the full stop, ``3) (S) Text``, ``3, (S) Text``, when the number
    continues the sequence (else it is a list item inside the paragraph, ``1) (U) ...``).

    Bad: ``1.(SBU) Text``, ``1 .(U) Text``, ``1.  (C) Text``, ``1 (C) Text``,
    ``1.. (C) Text``, ``1) (C) Text``, ``1, (C) Text``; in a draft, an indented head (archive renderings indent freely);
    in an archive rendering, a no-break space in the head (in a telegram or a draft it
    is F004's, as any typographic character).
    Good: ``1. (SBU) Text``.

    Fix: rewrites the head to exactly ``N. (X) ``.
    """

    code = "P004"
    name = "paragraph-marker-spacing"
    severity = "info"
    fixable = True

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        for para in cable.paragraphs:
            if para.marker is None:
                continue
            # a draft's paragraph starts at the margin; archive renderings indent freely
            indent = para.head_span.column - 1 if cable.dialect == "draft" and not para.run_in else 0
            canonical = para.stop == "." and para.number_gap == "" and para.gap_before == " " and not indent
            if canonical and para.gap_after == " ":
                continue  # the canonical head: the usual case
            line = cable.lines[para.head_span.end_line - 1]
            text_follows = para.head_span.end_column - 1 < len(line.raw.rstrip())
            bad_after = text_follows and para.gap_after != " "
            if canonical and not bad_after:
                continue
            want = _head(para) + (" " if text_follows else "")
            span = para.head_span
            if indent:
                span = Span(span.line, 1, span.end_line, span.end_column, span.start - indent, span.end)
            shown = line.raw[span.column - 1 : span.end_column - 1]
            if "\u00a0" in shown and cable.dialect in ("telegram", "draft") and shown.replace("\u00a0", " ").rstrip() == _head(para):
                continue  # a no-break space alone: F004's, as any typographic character in a telegram
            # residue inside the head (``1\.``) is F004's to fix; two edits must not overlap
            clean = line.colmap is None or line.text.find(shown) >= 0
            if indent:
                lead = line.raw[:indent]
                how = "a tab" if lead == "\t" else (f"{indent} spaces" if lead == " " * indent else "blanks")
                message = f"paragraph head '{_head(para)}' is indented by {how}: expected it at the start of the line in a draft"
            elif "\u00a0" in shown:
                message = f"paragraph head '{shown.rstrip()}' has a no-break space (U+00A0) in it: expected '{_head(para)}' with plain spaces"
            elif para.stop == ".":
                if shown.rstrip() == _head(para):  # the head is right; the blanks after it are not
                    gap = shown[len(_head(para)) :]
                    how = "no space" if not gap else "a tab" if "\t" in gap else f"{len(gap)} spaces"
                    message = f"paragraph head '{_head(para)}' has {how} before its text: expected one space"
                else:
                    message = f"paragraph head '{shown.rstrip()}' is not spaced as '{_head(para)}': expected the number, a full stop, one space, the marker and one space"
            elif para.stop == ")":
                message = f"paragraph head '{shown.rstrip()}' has a parenthesis after the number: expected '{_head(para)}'"
            elif para.stop == ",":
                message = f"paragraph head '{shown.rstrip()}' has a comma for the full stop after the number: expected '{_head(para)}'"
            elif para.stop == "..":
                message = f"paragraph head '{shown.rstrip()}' has two full stops after the number: expected '{_head(para)}'"
            else:
                message = f"paragraph head '{shown.rstrip()}' has no full stop after the number: expected '{_head(para)}'"
            yield Finding(span, message, Fix((Edit(span, want),)) if clean else None)


class SingleNumberedParagraph(Rule):
    """A cable whose only paragraph is numbered.

    Why: a cable with one paragraph is not numbered (5 FAH-1 H-246.2;
    cable-format.md 4.1); a lone ``1.`` suggests that text was lost.

    A partial extract (the archive's note "This record is a partial extract of the
    original cable", cable-format.md 2.8) keeps the original's numbers: its one
    numbered paragraph is not reported.

    Bad: a cable whose whole text is ``1. (U) Post concurs.``
    Good: ``(U) Post concurs.``
    """

    code = "P005"
    name = "single-numbered-paragraph"
    severity = "info"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if len(cable.paragraphs) == 1 and not cable.partial_extract:
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
        streams.setdefault((at, SUBPARA_FAMILY.get(sub.style, sub.style)), []).append(sub)
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
    once, as that head's typo.

    A list that starts at ``B.`` (or ``(b)``) and goes on with ``C.`` lost its ``A.``
    and is reported at its first letter.

    Heads ``A)`` in capitals are read as the ``a)`` list, and one head for several
    letters answered together (``G - J)``) takes the list on to its last letter.

    Bad: ``A. ...``, ``B. ...``, ``D. ...``; ``A. ...``, ``b. ...``, ``C. ...``;
    ``B. ...``, ``C. ...``, ``D. ...``.
    Good: ``A. ...``, ``B. ...``, ``C. ...``.
    """

    code = "P006"
    name = "subparagraph-sequence"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        for run in _letter_lists(cable):
            upper = sum(sub.label.isupper() for sub in run)
            # the list's case: that of most of its letters, or of its first on a tie
            capitals = upper * 2 > len(run) or (upper * 2 == len(run) and run[0].label.isupper())
            shown = str.upper if capitals else str.lower
            previous: Optional[str] = None  # the letter, in capitals, the list has reached
            for j, sub in enumerate(run):
                letter = sub.label.upper()
                expected = "A" if previous is None else _next_label(previous)
                where = f" in paragraph {sub.paragraph}" if sub.paragraph is not None else ""
                if previous is None and letter != "A":  # a list that lost its A (B., C., ...)
                    yield Finding(sub.span, f"sub-paragraphs{where} start at {sub.label}: expected {shown('A')}")
                    previous = letter
                    continue
                if letter == expected:
                    if sub.label.isupper() != capitals:
                        head = sub.style.replace("a", shown(letter)).replace("A", shown(letter))
                        yield Finding(sub.span, f"sub-paragraph {sub.label}{where} is not lettered in the list's case: expected {head}")
                    previous = letter if sub.last is None else sub.last.upper()  # "G - J)" reaches J
                    continue
                what = "repeats" if letter <= previous else "skips"
                yield Finding(
                    sub.span,
                    f"sub-paragraph {sub.label}{where} follows {shown(previous)} and {what} the sequence: expected {shown(expected)}",
                )
                following = run[j + 1].label.upper() if j + 1 < len(run) else None
                # one wrong letter between two that agree is this head's typo
                previous = expected if following == _next_label(expected) else letter


_PAIRED = ("SUMMARY", "COMMENT", "TEXT")


class UnpairedSummaryOrComment(Rule):
    """``END SUMMARY`` / ``END COMMENT`` without its opening, or an opening never closed.

    Why: a summary, a comment and a quoted text are blocks: ``Summary:`` ...
    ``End Summary.``, ``Comment:`` ... ``End Comment.``, ``BEGIN TEXT`` ... ``END
    TEXT`` (cable-format.md 4.3). An unpaired marker leaves the reader unsure where
    the post's own view or the quoted text ends. A heading line (``SUMMARY`` between
    dash rules) opens a block too but, being a section title, needs no end; nor do an
    aside ``(Comment: ...)``, closed by its parenthesis, and a block opened in the
    last paragraph, or continued into it (``Comment cont'd:``), which the end of the
    text closes. An end marker wrapped after its ``END`` (``End`` / ``Summary.``, also
    across a blank line) is one marker, and a block opened together with another
    (``Summary and comment:``) is closed with it.

    Blocks may nest (a comment inside a summary) but not cross: ``END SUMMARY`` while
    a comment opened inside the summary is still open is reported too.

    A marker whose SUMMARY or COMMENT has one letter lost, added, changed or two
    swapped (``End Sumary.``, ``Coment:`` at the start of a paragraph's text) is
    reported where it stands, also in the last paragraph, and pairs as the marker it
    stands for; such a word that pairs with no marker of its kind is left alone.

    Bad: ``2. (C) The minister agreed. End Comment.`` with no ``Comment:`` before;
    ``Summary: ... Comment: ... End Summary. End Comment.``; ``Summary: ... End
    Sumary.``
    Good: ``2. (C) Comment: The minister agreed. End Comment.``
    """

    code = "P007"
    name = "unpaired-summary-or-comment"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        open_at: dict[str, list[BlockMarker]] = {kind: [] for kind in _PAIRED}
        nested: list[BlockMarker] = []  # the blocks open, in the order they opened
        # a combined "End Summary and Comment." is one end marker of each kind at one place
        end_spans = {(m.kind, m.span) for m in cable.block_markers if m.role == "end"}
        open_spans = {(m.kind, m.span) for m in cable.block_markers if m.role != "end"}
        # the line of the last marker that opened or went on with each open block
        # ("Comment:" in one paragraph, "Comment cont'd:" in the next)
        went_on: dict[BlockMarker, int] = {}
        for marker in cable.block_markers:
            if marker.misspelt:  # reported, then paired like the marker it stands for
                yield Finding(marker.span, _misspelt(cable, marker))
            stack = open_at.get(marker.kind)
            if stack is None:
                continue
            if marker.role != "end":
                if stack and stack[-1].role == "aside" and marker.role != "aside":
                    stack.pop()  # an aside closed by its parenthesis
                if not stack:
                    stack.append(marker)
                    if marker.role in ("open", "begin", "continued"):
                        nested.append(marker)
                elif marker.role == "continued":
                    went_on[stack[-1]] = marker.span.line
                # (a second "Summary:" inside the block is part of it)
            elif stack:
                opened = stack.pop()
                for kind, others in open_at.items():
                    # a block opened together with this kind ("Summary and comment:")
                    # is closed with it ("End summary."), unless the end names it too
                    if (
                        kind != marker.kind
                        and others
                        and (marker.kind, others[-1].span) in open_spans
                        and (kind, marker.span) not in end_spans
                    ):
                        done = others.pop()
                        if done in nested:
                            nested.remove(done)
                if opened in nested:
                    # blocks opened after this one, apart from one opened with a marker
                    # of its kind ("Summary and comment:") or closed with it
                    later = [
                        m
                        for m in nested[nested.index(opened) + 1 :]
                        if (marker.kind, m.span) not in open_spans and (m.kind, marker.span) not in end_spans
                    ]
                    nested.remove(opened)
                    if later:  # "Summary: ... Comment: ... End Summary. End Comment."
                        inner = later[-1]
                        yield Finding(
                            marker.span,
                            f"'END {marker.kind}' closes the {marker.kind.lower()} while the {inner.kind.lower()} opened on line "
                            f"{inner.span.line} is still open: expected 'END {inner.kind}' first",
                        )
            else:
                opening = "'BEGIN TEXT'" if marker.kind == "TEXT" else f"'{marker.kind.capitalize()}:'"
                yield Finding(marker.span, f"'END {marker.kind}' has no opening: expected {opening} before it")
        last_start = cable.paragraphs[-1].span.line if cable.paragraphs else None
        for kind, stack in open_at.items():
            for marker in stack:
                line = went_on.get(marker, marker.span.line)
                if marker.role in ("heading", "aside") or (last_start is not None and line >= last_start):
                    continue
                yield Finding(marker.span, f"the {kind.lower()} opened here is never closed: expected 'END {kind}' after it")


def _misspelt(cable: Cable, marker: BlockMarker) -> str:
    """What a marker with its kind word misspelt says, and the marker meant."""
    span = marker.span
    written = cable.lines[span.line - 1].raw[span.column - 1 : span.end_column - 1]
    if marker.role == "end":  # "End Sumary": the word is last
        word = written[len(written.rstrip(ascii_letters)) :]
        before, after = written[: len(written) - len(word)], ""
    else:  # "Sumary:": the word is first
        word = written.rstrip(": \t")
        before, after = "", written[len(word) :]
    right = marker.kind if word.isupper() else marker.kind.capitalize() if word[:1].isupper() else marker.kind.lower()
    return f"'{written}' is misspelt: expected '{before}{right}{after}'"


class MissingSummary(Rule):
    """A cable of more than three pages without a summary.

    Why: a telegram that exceeds three pages needs a summary (5 FAH-1 H-246.3;
    cable-format.md 4.3, 6.5), for the readers who read no further. The handbook
    puts it in an unnumbered paragraph above paragraph 1; practice also puts it at
    the start of paragraph 1 (``1. (C) Summary: ...``) or under a ``SUMMARY``
    heading. Any summary marker counts (``Summary:``, ``BEGIN SUMMARY``, the heading,
    an ``End Summary.``, even misspelt); an ``Introduction`` is not a summary.

    Pages: a cable goes out in sections, and each section begins a page (the
    archive's page header at each page break, ``POST 0000NNNN 002 OF 004``, counts
    sections; cable-format.md 4.6), so a cable in four or more sections
    (``SECTION 01 OF 04``, or page headers ``OF 004``) exceeds three pages. Where the
    classification line and the page headers disagree on the total, the smaller one
    is taken (the disagreement is S003's). A cable of fewer sections is not checked,
    however long: the spec gives no page length in lines, and the page headers'
    ``.N`` page numbers are not a reliable count. Nor are a partial extract (the rest
    of the text, and its summary, are missing; cable-format.md 2.8) and a cable with
    no numbered paragraph (a copy cut off after its captions). The finding is at the
    head of the first paragraph, where the summary was expected.

    Bad: ``SECTION 01 OF 04`` over paragraphs ``1. (C) ...`` to ``14. (C) ...`` and no
    summary.
    Good: ``1. (C) Summary: ... End Summary.`` in that cable.
    """

    code = "P008"
    name = "missing-summary"
    severity = "info"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if not cable.paragraphs or cable.partial_extract or any(m.kind == "SUMMARY" for m in cable.block_markers):
            return
        sections = _section_count(cable)
        if sections is None or sections <= 3:
            return
        first = cable.paragraphs[0]
        yield Finding(
            first.head_span,
            f"no summary in a cable of {sections} sections (over three pages): expected 'Summary: ... End Summary.' above paragraph {first.number} or at its start",
        )


def _section_count(cable: Cable) -> Optional[int]:
    """How many sections the cable has, as its classification line and page headers
    give it (the smallest total where they disagree), or None."""
    totals = [ph.total for ph in cable.page_headers]
    counts = [int(t.text) for t in totals if t is not None and t.text.isdigit()]
    cls = cable.classification
    if cls is not None and cls.section_total is not None:
        counts.append(cls.section_total)
    return min(counts) if counts else None


RULES: tuple[type[Rule], ...] = (
    ParagraphNumbering,
    MissingParagraphMarker,
    MalformedParagraphMarker,
    ParagraphMarkerSpacing,
    SingleNumberedParagraph,
    SubparagraphSequence,
    UnpairedSummaryOrComment,
    MissingSummary,
)
