"""P: the paragraphs' classification markers (cable-format.md 4.1, 4.2)."""

from __future__ import annotations

from typing import Iterator, Optional

from cablelint.grammar.patterns import field
from cablelint.grammar.read_body import MARK_HELP, blank_for_separator, misspelt_level_marking, slipped_separator
from cablelint.grammar.read_release import MARKER_RELEASE_ALONE
from cablelint.linter.rule import Context, Edit, Finding, Fix, Rule, from_problem, problems_by_field
from cablelint.model import RELEASE_ALONE, SPELLED_MARKINGS, Cable, Paragraph, Subparagraph
from cablelint.quote import clip
from cablelint.rules._places import under_eo_12958
from cablelint.rules.p_numbering import paragraph_numbering
from cablelint.span import Span


def _after(span: Span, width: int = 0, skip: int = 0) -> Span:
    """A span of *width* characters starting *skip* characters after *span* ends."""
    col, at = span.end_column + skip, span.end + skip
    return Span(span.end_line, col, span.end_line, col + width, at, at + width)


# what a head has for its full stop that is another mark, as P004 names it
_STOP_NAMES = {",": "a comma", "-": "a hyphen", ":": "a colon", ";": "a semicolon"}
# ... and what a head's marker has after it where the blank should be
_MARK_NAMES = {**_STOP_NAMES, ".": "a full stop"}


def _past_link(span: Span, lead: int, number: int, want: str) -> Edit:
    """The edit that rewrites the head at *span* to *want*: past the *lead* characters
    of a converter's link that stands for its number ('[2](#).(C) ' -> '. (C) ', after
    '[2](#)', which F004 rewrites '2'), or all of it."""
    if not lead:
        return Edit(span, want)
    return Edit(Span(span.line, span.column + lead, span.end_line, span.end_column, span.start + lead, span.end), want[len(str(number)) :])


def _head(para: Paragraph) -> str:
    """The paragraph's head as it should read: 'N. (X)', with the marker as written,
    or as P003 repairs it ('3.C)' -> '3. (C)', '3.(C)(c)' -> '3. (C)': the two
    findings agree on the head)."""
    if para.marker is None:
        return f"{para.number}."
    marker = para.marker.text
    if any(q.field == "marker" for q in para.problems):
        marker = _fixed_marker(marker) or _once(marker) or marker
    return f"{para.number}. {marker}"


class MissingParagraphMarker(Rule):
    """A numbered paragraph without a classification marker after its number.

    Why: every paragraph of a classified cable carries the marking of its content,
    ``(U)``, ``(SBU)``, ``(C)``, ``(S)`` or ``(TS)``, right after the number (5 FAH-1
    H-246.2; cable-format.md 4.2). Unclassified cables need none, but when they mark
    some paragraphs, an unmarked one leaves its status unclear. An error in classified
    cables and a warning otherwise; an unclassified cable that marks no paragraph at
    all is not reported, nor is a cable that marks its whole text at once
    (``1. (C - ENTIRE TEXT)``, ``1. CONFIDENTIAL - ENTIRE TEXT.``). Numbered lists
    inside the text are not paragraphs (see P001). A paragraph whose text starts with
    the archive's redaction (``3. XXXXXXXXXXXX``, ``3. xxxxx``) is not reported: the
    marker, if it had one, was withheld with the text.

    Bad: ``2. The minister said ...`` in a CONFIDENTIAL cable.
    Good: ``2. (C) The minister said ...``.
    """

    code = "P002"
    name = "missing-paragraph-marker"
    severity = "error"
    needs = ("paragraphs",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        paras = ctx.shared(paragraph_numbering, cable).paragraphs
        unmarked = [p for p in paras if p.marker is None]
        if not unmarked or any(p.entire_text for p in paras):
            return
        classified = (cable.level_rank or 0) > 0
        if not classified and len(unmarked) == len(paras):
            return  # (counted before the redacted ones go: they mark nothing either)
        unmarked = [p for p in unmarked if not _redacted(cable, p)]
        if not unmarked:
            return
        severity = "error" if classified else "warning"
        why = f"a {cable.level} cable marks every paragraph" if classified else "the cable marks its other paragraphs"
        # markers the cable's level allows: (C) in an UNCLAS cable would be C003's error
        examples = "(U), (C) or (S)" if (cable.level_rank or 0) >= 2 else "(U) or (C)" if classified else "(U) or (SBU)"
        for para in unmarked:
            # the number with all its stops ("2...": the head takes two, the text of a
            # head without a marker starts with the third; "2\u2026"), quoted as the
            # reader reads it (cable-format 5.3: unescape, then parse): '2\\.' reads '2.',
            # and '2\\\u2026' reads '2\u2026'; the finding after them and the blanks after them
            stops = para.head_stops
            gap = len(para.gap_before) if not stops.more else stops.blanks
            written = stops.read
            if para.stop == "\\\u2026" and written.endswith(para.stop):
                written = written[: -len(para.stop)] + "\u2026"
            yield Finding(
                _after(stops.span, 0, gap),
                f"paragraph {para.number} has no classification marker: expected one such as {examples} right after '{clip(written)}' ({why})",
                severity=severity,
            )


def _redacted(cable: Cable, para: Paragraph) -> bool:
    """Whether the paragraph's text starts with the archive's redaction ("3.
    XXXXXXXXXXXX", "31. XXXXXXXXXXXX SECRET//NOFORN", "4. xxxxx told us")."""
    if not para.redacted:
        return False
    line = cable.lines[para.number_span.end_line - 1]
    rest = line.raw[para.number_span.end - line.start :]
    at = para.number_span.end + len(rest) - len(rest.lstrip(" \t."))
    return cable.redacted_between(at, at + 1)


def _fixed_marker(marker: str, release_alone: bool = False) -> Optional[str]:
    """The one valid marker a damaged one can only have meant, or None when unsure;
    with *release_alone*, for a fault named beside a release with no countries
    ("(c/rel to/nf)": '(C/REL TO/NF)', whose release stays the author's to name)."""
    if marker.startswith("{") and marker.endswith("}") and field("PARA_MARK").fullmatch(marker[1:-1]):
        return f"({marker[1:-1]})"  # "{C}": braces for the parentheses
    slipped = slipped_separator(marker[1:-1]) if marker.startswith("(") and marker.endswith(")") else None
    if slipped is not None:  # "(C.NF)", "(C,NF)": another mark for the separator; "(C.)"
        return f"({slipped[1]})"
    if marker.count("(") == 2 and marker.startswith("(") and marker.endswith(")"):
        # "(C)(NF)", "(C) (NF)": a level and its control split in two (the reader
        # takes the two as one marker only with a control second)
        first, second = marker[1 : marker.index(")")], marker[marker.rindex("(") + 1 : -1]
        joined = f"{first.upper()}/{second}"
        return f"({joined})" if field("PARA_MARK").fullmatch(joined) else None
    if marker.startswith("(") and marker.endswith(")") and " " in marker.strip("() \t"):
        meant = blank_for_separator(marker[1:-1])  # "(S NF)": a blank for the separator
        if meant is not None:
            return f"({meant})"
    inner = marker.strip("()[]").strip().upper()
    spelled = SPELLED_MARKINGS.get(" ".join(inner.split()))
    if spelled is not None:
        return f"({spelled})"
    misspelt = misspelt_level_marking(inner)
    if misspelt is not None:  # "(CONFIDENTAL/NF)": one level, one letter from its word
        return f"({misspelt[0]})"
    for sep in ("\\", " - ", "- ", " -", "-"):
        inner = inner.replace(sep, "/")
    inner = " ".join(inner.split())
    inner = inner.replace(" / ", "/").replace("/ ", "/").replace(" /", "/")
    if MARKER_RELEASE_ALONE.search(inner) and not release_alone:
        return None  # "(S/NF/Rel to)": the countries are the author's to name, no fix writes them
    return f"({inner})" if field("PARA_MARK").fullmatch(inner) else None


def _once(marker: str) -> Optional[str]:
    """The one marker meant by a marker written more than once, "(C) (C)", "(C)(C)(C)",
    "(c) (c)": its first copy, repaired as a single marker is; else None."""
    first = marker[: marker.find(")") + 1]
    rest = "".join(marker[len(first) :].split()).replace("\u00a0", "")
    if not first or not rest or rest.upper() != first.upper() * (len(rest) // len(first)):
        return None
    return first if field("PARA_MARK").fullmatch(first[1:-1]) else _fixed_marker(first)


class MalformedParagraphMarker(Rule):
    """A paragraph marker that is not a valid marking.

    Why: the marker vocabulary is fixed: a level ``U``, ``SBU``, ``C``, ``S`` or
    ``TS``, then optional controls (``NF``, ``NOFORN``, ``FOUO``, ``FGI``, ``REL ...``)
    after ``/`` or ``//`` (5 FAH-1 H-246.2; cable-format.md 4.2). Lower case, hyphens
    and backslashes are deviations; an unknown level cannot be read at all. A known
    level followed by a word that is no control, ``(C//FN)``, or by a separator with
    nothing after it, ``(C//)``, is a marker of that level whose control is named;
    so is a release naming no countries, ``(S/NF/REL)``, ``(S//REL TO)`` (4.2's
    REL is followed by them; not a release to a country "TO"); its example is a
    marker in capitals, and no fix is offered (the countries are the author's).
    Before another control, the marker's other fault is named beside it, with its
    fix (``(c/rel to/nf)``: not in capitals; ``(C/REL TO-NF)``: a bad separator).
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
    line, as the missing authority (C004) rather than here. A control in
    parentheses of its own after the marker, ``(C)(NF)``, ``(S) (REL UK)``, is the
    marker split in two (fixed to ``(C/NF)``), as ``(U) (SBU)`` is a second marker.
    A full stop, semicolon, comma or colon for the separator, ``(C.NF)``,
    ``(C;NF)``, ``(C,NF)``, ``(C:NF)``, is a bad separator (fixed to ``(C/NF)``), as
    a backslash is; so is such a mark or a control character after the level alone,
    ``(C.)``, and braces for the parentheses, ``{C}`` (fixed to ``(C)``).

    Bad: ``3. (c) ...``, ``4. (S-NF) ...``, ``5. (SBU ...``, ``6. (X) ...``,
    ``7. (CONFIDENTIAL) ...``, ``8. [U] ...``, ``9. (C//FN) ...``; ``1. (C - ENTIRE TEXT)`` in a 2008
    cable with a Classified By line.
    Good: ``3. (C) ...``, ``4. (S/NF) ...``, ``5. (SBU) ...``; ``1. (C - ENTIRE
    TEXT)`` in a 1990 cable.

    Fix: where only one marking can be meant (case, separators, a blank for the
    separator, another mark for the separator, a missing closing parenthesis, a
    spelled-out level, brackets or braces, a marker written twice, a control split
    off), rewrites the marker; an unknown level is left to the
    author.
    """

    code = "P003"
    name = "malformed-paragraph-marker"
    severity = "error"
    fixable = True

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        found = [problem for _, problem in ctx.shared(problems_by_field, cable).get("marker", [])]
        # the markers whose release names no countries ("(c/rel to/nf)"): that finding
        # has no fix, a fault named beside it ('not in capitals') its own
        alone = {problem.span for problem in found if problem.kind == RELEASE_ALONE}
        for problem in found:
            finding = from_problem(problem)
            heads: list[Paragraph | Subparagraph] = [*cable.paragraphs, *cable.subparagraphs]
            marker = next((p.marker for p in heads if p.marker is not None and p.marker.span == finding.span), None)
            release_alone = finding.span in alone and problem.kind != RELEASE_ALONE
            fixed = _fixed_marker(marker.text, release_alone) if marker is not None else None
            once = _once(marker.text) if marker is not None and fixed is None else None
            if once is not None:  # "(C) (C)": the message expects it once already, "(c) (c)": as '(C)'
                fault = finding.message.removesuffix(f": {MARK_HELP}")
                message = finding.message if fault == finding.message else f"{fault}: expected '{clip(once)}' once"
                yield Finding(finding.span, message, Fix((Edit(finding.span, once),)))
            elif fixed is not None and marker is not None and fixed != marker.text:
                # the fault, then the marker meant, rather than the list of all markers
                if finding.message.endswith(f"expected '{clip(fixed)}'"):  # ("(S NF)": the fault names it already)
                    message = finding.message
                else:
                    fault = finding.message[: -len(MARK_HELP) - 2] if finding.message.endswith(f": {MARK_HELP}") else finding.message
                    message = f"{fault}: expected '{clip(fixed)}'"
                yield Finding(finding.span, message, Fix((Edit(finding.span, fixed),)))
            else:
                yield finding
        if not under_eo_12958(cable) or ((cable.level_rank or 0) > 0 and cable.classified_by is None):
            return  # the older practice, or C004's finding
        for para in cable.paragraphs:
            if para.entire_text and para.marker is not None and not para.problems:
                yield Finding(
                    para.marker.span,
                    f"marker '{clip(para.marker.text)}' marks the entire text, as cables did before E.O. 12958 (October 1995): expected '({para.marking})', and a marker on each paragraph",
                )


class ParagraphMarkerSpacing(Rule):
    """The paragraph head is not exactly ``N. (X) Text``.

    Why: the canonical layout is number, full stop, one space, marker, one space
    (cable-format.md 4.2; 1,245 of 12,876 real marked paragraphs deviate). Tools
    that split paragraphs and markers rely on it; the archive, for one, adds its
    ``¶`` anchor only when whitespace follows the full stop.

    A head that lost its full stop, ``3 (S) Text``, is still read as paragraph 3
    when a marker follows the number, and reported here rather than as a gap in
    the numbering; so is a doubled full stop, ``3.. (S) Text``, or three,
    ``3... (S) Text``, or an ellipsis, ``3… (S) Text`` (also after a backslash, as a
    Markdown page escapes a full stop, ``3\\… (S) Text``), and a parenthesis
    or a comma for the full stop, ``3) (S) Text``, ``3, (S) Text``, when the number
    continues the sequence (else it is a list item inside the paragraph, ``1) (U) ...``).
    So is a marker in capitals right after the number, ``3(S) Text``, or after a
    hyphen, colon or semicolon for the full stop, ``3-(S) Text``, ``3: (S) Text``,
    when the number continues the sequence, a blank line is above the head and the
    text after the marker starts with a capital or a quotation mark; with other text
    after the marker, or none (``3(S) 1998 rules ...``, ``3(S) -- Text``, ``3(S)``
    alone), when besides the next numbered head below is 4, or there is none, and
    the text above ends a sentence. Else the line is text, as ``212(C) waivers are
    rare`` is, and ``3(C) of the energy law`` when paragraph 3 is read already or
    paragraph 4 does not follow.
    The ellipsis is this rule's alone, F004 leaves it to the head's finding (one
    fix, which takes the backslash too: F004's would have written ``3\\... (S)``, an
    escaped full stop, and been refused in a draft); in a telegram or a draft, which
    carry ASCII only, that finding is a warning, as F004's would be. A head with no
    marker, ``3… Text``, ``3\\… Text``, ``3... Text``, ``3.. Text``, gets the same
    finding and fix (to ``3. Text``), its full stops escaped too (``3\\.\\.\\. Text``
    on a Markdown page: F004 leaves them to this finding); the missing marker is
    P002's.

    A head written marker first, ``(C) 1. Text`` (indented or not, its marker in
    capitals or not), is read as paragraph 1 when its number goes on with the
    paragraphs' and reported here. A mark where the blank after the marker should
    be, ``1. (C).  Text``, ``1. (C): Text``, ``1. (C); Text``, ``1. (C), Text``, is
    named, and the fix removes it; dashes, ``1. (C)-- Text``, are named with no fix
    (``(C) -- Text`` may be the author's lead in: the space is theirs to place).

    Bad: ``1.(SBU) Text``, ``1 .(U) Text``, ``1.  (C) Text``, ``1 (C) Text``,
    ``1.. (C) Text``, ``1... (C) Text``, ``1… (C) Text``, ``1\\… (C) Text``, ``1) (C) Text``, ``1, (C) Text``, ``1(C) Text``, ``1-(C) Text``,
    ``1: (C) Text``, ``(C) 1. Text``; in a draft, an indented
    head (archive renderings indent freely; a ``¶`` pasted before it is F004's, not an
    indent); in an archive rendering, a no-break
    space in the head (in a telegram or a draft it is F004's, as any typographic
    character).
    Good: ``1. (SBU) Text``.

    Residue right after a well-spaced head (``1. (U) <a name="x"></a> Text``) is
    F004's, the blanks around it too: no finding here then. So is a Markdown
    converter's link made of the number (``[3](#)… Text``, ``[3](#).(C) Text``): the
    head is said as it reads once the link is plain text (``3…``, ``3.(C)``), and this
    rule's fix starts after the link, which F004's fix writes ``3``.

    Fix: rewrites the head to exactly ``N. (X) ``.
    """

    code = "P004"
    name = "paragraph-marker-spacing"
    severity = "info"
    needs = ("paragraphs",)
    fixable = True

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        for para in cable.paragraphs:
            if para.marker is None:
                unmarked = self._unmarked(cable, para)
                if unmarked is not None:
                    yield unmarked
                continue
            # a draft's paragraph starts at the margin; archive renderings indent freely
            indent = para.head_span.column - 1 if cable.dialect == "draft" and not para.run_in else 0
            if indent and cable.lines[para.head_span.line - 1].raw[:indent].strip(" \t"):
                indent = 0  # a pasted '¶' (or other residue) before the head: F004's, not blanks
            canonical = para.stop == "." and para.number_gap == "" and para.gap_before == " " and not indent
            if canonical and para.gap_after == " ":
                continue  # the canonical head: the usual case
            if para.marker.span.start < para.number_span.start:  # (no gap before it: not canonical)
                yield self._marker_first(cable, para)
                continue
            head = para.head_stops  # the whole head, as written and as read
            bad_after = head.text_follows and para.gap_after != " "
            if canonical and not bad_after:
                continue
            want = _head(para) + (" " if head.text_follows else "")
            if canonical and head.before_residue == want:
                # '7. (U) <a name="x"></a> Text': the head is right and residue follows it,
                # the blanks around the residue are the residue's (F004's), not the head's
                continue
            span = head.whole
            if indent:
                span = Span(span.line, 1, span.end_line, span.end_column, span.start - indent, span.end)
            shown = head.written
            # the head as read: a converter's escape inside it ('7\\. (C)') is F004's,
            # and so is a link for its number ('[2](#).(C)' reads '2.(C)'); the head's
            # own slip is said in the words the telegram text gets
            read = head.reads
            if "\u00a0" in shown and cable.dialect in ("telegram", "draft") and shown.replace("\u00a0", " ").rstrip() == _head(para):
                continue  # a no-break space alone: F004's, as any typographic character in a telegram
            severity: Optional[str] = None  # the rule's
            if indent:
                lead = cable.lines[span.line - 1].raw[:indent]
                how = "a tab" if lead == "\t" else ("a space" if lead == " " else f"{indent} spaces" if lead == " " * indent else "blanks")
                message = f"paragraph head '{clip(_head(para))}' is indented by {how}: expected it at the start of the line in a draft"
            elif "\u00a0" in shown:
                message = f"paragraph head '{clip(shown.rstrip())}' has a no-break space (U+00A0) in it: expected '{clip(_head(para))}' with plain spaces"
            elif para.stop == "." and head.mark_after and read.rstrip() == _head(para) and head.verbatim:
                yield self._mark_after(para, span, head.mark_after)
                continue
            elif para.stop == ".":
                if read.rstrip() == _head(para):  # the head is right; the blanks after it are not
                    gap = read[len(_head(para)) :]
                    how = "no space" if not gap else "a tab" if "\t" in gap else "one space" if gap == " " else f"{len(gap)} spaces"
                    message = f"paragraph head '{clip(_head(para))}' has {how} before its text: expected one space"
                else:
                    message = f"paragraph head '{clip(read.rstrip())}' is not spaced as '{clip(_head(para))}': expected the number, a full stop, one space, the marker and one space"
            elif para.stop == ")":
                message = f"paragraph head '{clip(read.rstrip())}' has a parenthesis after the number: expected '{clip(_head(para))}'"
            elif para.stop in _STOP_NAMES:  # ("2, (C)", "2-(C)", "2: (C)", "2;(C)")
                message = f"paragraph head '{clip(read.rstrip())}' has {_STOP_NAMES[para.stop]} for the full stop after the number: expected '{clip(_head(para))}'"
            elif para.stop in ("..", "..."):
                message = f"paragraph head '{clip(read.rstrip())}' has {len(para.stop)} full stops after the number: expected 1 ('{clip(_head(para))}')"
            elif para.stop[-1:] == "\u2026":  # (F004 leaves this one to the head's finding: one fix)
                if cable.dialect in ("telegram", "draft"):  # (and its weight: no ASCII, F004's warning)
                    severity = "warning"
                # "2\\\u2026 (C)": the ellipsis after a backslash, as a Markdown page escapes "2\."
                what = "an ellipsis (\u2026)" if para.stop == "\u2026" else "an ellipsis escaped with a backslash (\\\u2026)"
                message = f"paragraph head '{clip(read.rstrip())}' has {what} for the full stop after the number: expected '{clip(_head(para))}'"
            else:
                message = f"paragraph head '{clip(read.rstrip())}' has no full stop after the number: expected '{clip(_head(para))}'"
            # the finding covers the head its message quotes; the blanks after it only
            # when they are wrong too (its fix rewrites them all the same)
            blanks = 0 if bad_after else len(shown) - len(shown.rstrip())
            # residue inside the head (``1\.``) is F004's to fix: two edits must not
            # overlap (a link for the number, F004's too, stays before this edit)
            fix = Fix((_past_link(span, head.lead, para.number, want),)) if head.verbatim else None
            yield Finding(span.shorter(blanks), message, fix, severity=severity)

    @staticmethod
    def _unmarked(cable: Cable, para: Paragraph) -> Optional[Finding]:
        """A head with no marker (P002's, which no fix writes) whose full stop is an
        ellipsis or more than one full stop (Paragraph.slipped_stop): "2\u2026 The",
        "2\\\u2026 The", "2... The", "2.. The", "2\\.\\.\\. The" on a Markdown page; the head
        fixed to "2. " (or "2." alone on its line), as a head with a marker is, and the
        ellipsis and the escaped stops this rule's alone (F004 leaves them to the head's)."""
        if not para.slipped_stop:
            return None
        stops = para.head_stops
        span, blanks, shown = stops.span, stops.blanks, stops.read
        want = f"{para.number}." + (" " if stops.text_follows else "")
        severity: Optional[str] = None  # the rule's
        if para.stop == "..":
            count = len(shown) - len(shown.rstrip("."))
            message = f"paragraph head '{clip(shown)}' has {count} full stops after the number: expected 1 ('{para.number}.')"
        else:
            if cable.dialect in ("telegram", "draft"):  # (no ASCII: F004's weight)
                severity = "warning"
            what = "an ellipsis (\u2026)" if para.stop == "\u2026" else "an ellipsis escaped with a backslash (\\\u2026)"
            message = f"paragraph head '{clip(shown)}' has {what} for the full stop after the number: expected '{para.number}.'"
        edit = Span(span.line, span.column, span.line, span.end_column + blanks, span.start, span.end + blanks)
        # ('[2](#)\u2026 The': the number's link is F004's; the edit starts past it)
        return Finding(span, message, Fix((_past_link(edit, stops.lead, para.number, want),)), severity=severity)

    @staticmethod
    def _mark_after(para: Paragraph, span: Span, after: str) -> Finding:
        """A head whose marker is followed by a mark where the blank should be, "1.
        (C).  The", "2. (C): The": the head and the mark; the fix removes the mark and
        leaves one space (not dashes, "3. (C)-- The", which may be the author's lead
        in: a space is theirs to place)."""
        mark = after.rstrip(" \t")
        name = _MARK_NAMES.get(mark, "a hyphen" if mark == "-" else "dashes")
        message = f"paragraph head '{clip(_head(para))}' has {name} ('{mark}') after its marker: expected one space between the marker and the text"
        found = Span(span.line, span.column, span.end_line, span.end_column + len(mark), span.start, span.end + len(mark))
        if mark.startswith("-"):
            return Finding(found, message)
        edit = Span(span.line, span.column, span.end_line, span.end_column + len(after), span.start, span.end + len(after))
        return Finding(found, message, Fix((_past_link(edit, para.head_stops.lead, para.number, _head(para) + " "),)))

    @staticmethod
    def _marker_first(cable: Cable, para: Paragraph) -> Finding:
        """A head written marker first, "(C) 1. Text": the marker after the number
        (and, in a draft, the head at the start of the line, as any head)."""
        head = para.head_stops
        span, shown = head.whole, head.written
        where = ""
        if span.column > 1 and cable.dialect == "draft" and not cable.lines[span.line - 1].raw[: span.column - 1].strip(" \t"):
            span = Span(span.line, 1, span.end_line, span.end_column, span.start - span.column + 1, span.end)
            where = " at the start of the line"
        message = f"paragraph head '{clip(shown.rstrip())}' has its marker before the number: expected '{clip(_head(para))}'{where}"
        return Finding(span.shorter(len(shown) - len(shown.rstrip())), message, Fix((Edit(span, _head(para) + " "),)) if head.verbatim else None)


RULES: tuple[type[Rule], ...] = (
    MissingParagraphMarker,
    MalformedParagraphMarker,
    ParagraphMarkerSpacing,
)
