"""X: the REF block and the text's references to it and to its own paragraphs
(cable-format.md 3.7, 4.5)."""

from __future__ import annotations

from typing import Iterator, Optional

from cablelint.grammar.assemble import origin_key
from cablelint.linter.rule import Context, Edit, Finding, Fix, Rule, field_problems
from cablelint.model import Cable, Citation, Reference
from cablelint.rules._header import dtg_year_slip, serial_malformed
from cablelint.rules.p_numbering import paragraph_numbering
from cablelint.span import Span


def _letters(cable: Cable) -> list[tuple[str, Reference]]:
    """Each reference with the letter the text would cite it by.

    Labelled blocks define their labels; an unlabelled block is cited by position
    (``ref A`` is its first entry), as drafters do.
    """
    refs = cable.references
    if any(r.label is not None for r in refs):
        return [(r.label.text.upper(), r) for r in refs if r.label is not None]
    return [(chr(ord("A") + i), r) for i, r in enumerate(refs) if i < 26]


def _label_sequence(cable: Cable) -> list[tuple[Reference, Optional[str], str, bool]]:
    """Each labelled REF entry with its letter, the letter expected in its place (the
    one after the label before it) and whether it repeats an earlier label. In a
    labelled block, an entry without a label is there too, with no letter: it takes
    the place of the letter expected. A wrong letter that the next label follows as
    if it were the one expected (``C.``, ``E.``, ``E.``: the next is the letter after
    D) is one slip, and the sequence goes on from the letter expected."""
    out: list[tuple[Reference, Optional[str], str, bool]] = []
    expected = "A"
    seen: set[str] = set()
    refs = cable.references
    labelled = any(r.label is not None for r in refs)
    for k, ref in enumerate(refs):
        if ref.label is None:
            if labelled:
                out.append((ref, None, expected, False))
                expected = chr(ord(expected) + 1)
            continue
        letter = ref.label.text.upper()
        out.append((ref, letter, expected, letter in seen))
        after = refs[k + 1].label if k + 1 < len(refs) else None
        if letter != expected and after is not None and after.text.upper() == chr(ord(expected) + 1):
            letter = expected  # a slip for the letter expected: the next label follows it
        seen.add(letter)
        expected = chr(ord(letter) + 1)
    return out


def _reordered(sequence: list[tuple[Reference, Optional[str], str, bool]]) -> bool:
    """Whether the labels are A, B, C ... each once, in another order (``B.``, ``A.``)."""
    letters = [letter for _, letter, _, _ in sequence if letter is not None]
    if len(letters) < len(sequence):
        return False
    return sorted(letters) == [chr(ord("A") + i) for i in range(len(letters))] and letters != sorted(letters)


def _mislabelled(cable: Cable) -> dict[str, Optional[str]]:
    """The labels written out of sequence, repeated or missing (as X002 reports them)
    where the letter expected there is defined nowhere, by the letter expected:
    ``A.``, ``C.`` gives {"B": "C"}, ``A.``, ``A.`` gives {"B": "A"} and an entry that
    lost its label after ``A.`` gives {"B": None}. The text's ``Ref B`` then means that
    entry, and X002 alone reports its label. Labels that are only out of order define
    every letter."""
    sequence = _label_sequence(cable)
    if _reordered(sequence):
        return {}
    written = {letter for _, letter, _, _ in sequence}
    return {expected: letter for _, letter, expected, _ in sequence if letter != expected and expected not in written}


def _no_document(ref: Reference) -> bool:
    """A label with nothing after it (X001 reports the entry; its letter is no
    second mistake)."""
    return ref.label is not None and not ref.text.strip()


def _cited(cable: Cable) -> list[Citation]:
    """The text's citations of REF entries; a bare lower-case "ref a" only where there
    are REF entries for it to name (by label, or by place: "refs a and b" of an
    unlabelled list), not as X006's citation without a block."""
    return [c for c in cable.citations if c.kind in ("ref", "reftel") and (cable.references or not c.bare_lower)]


def _has_block(cable: Cable) -> bool:
    return cable.ref_span is not None or bool(cable.references)


class MalformedReference(Rule):
    """A REF entry that cannot be read: a garbled label, or no identifiable document.

    Why: each entry of the REF block names one document, usually a cable by origin
    and serial (``STATE 05448``, ``06 BAMAKO 64``), labelled ``A.``, ``B.`` ... when
    there are several (cable-format.md 3.7). A label the text cannot cite, or an
    entry with nothing to look up, defeats the block's purpose.

    Bad: ``REF: A. STATE 05448`` / ``B, BAMAKO 00064`` (a comma for the full stop),
    ``B. 06 BAMAKO`` or ``MADRID AND PREVIOUS`` (no serial number), ``B. 92210`` (no
    origin), a label with nothing after it, or a ``REF:`` with nothing after it. A
    label that lost its mark run on after the entry before (``A) ROME 97 B MOSCOW
    1273``: the next letter, between a serial and a cable reference) starts its own
    entry and is named there; so is the keyword with two letters swapped or one
    doubled (``RFE:``, ``REFF:``), the block still read. The
    keyword written twice is read as the keyword (``REF: REFTEL KABUL 02245`` names
    KABUL 02245), so ``REF: REFTEL`` names no document and ``REF: REF A`` is a label
    with nothing after it.
    Good: ``REF: A. STATE 05448`` / ``B. BAMAKO 00064``.
    """

    code = "X001"
    name = "malformed-reference"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "reference")
        if cable.ref_span is not None and not cable.references:
            yield Finding(cable.ref_span, "the REF block names no document: expected an origin and a number such as 'STATE 1234' after 'REF:'")
        for ref in cable.references:
            if _no_document(ref):
                assert ref.label is not None
                yield Finding(ref.span, f"REF entry {ref.label.text} names no document: expected an origin and a number such as 'STATE 1234' after the label")


class ReferenceLabelSequence(Rule):
    """REF labels skip or repeat.

    Why: REF entries are labelled ``A.``, ``B.``, ``C.`` in order (cable-format.md
    3.7); the text cites them by letter, so a gap (``A``, ``B``, ``D``) or a repeated
    letter makes citations point at the wrong document or at none.

    Labels that are all there but out of order (``B.``, ``A.``) are one finding, at
    the first label out of its place. A label typed as another letter that the next
    label then follows as if it were right (``A.``, ``C.``, ``C.``) is one finding,
    at that label. An entry without a label in a labelled block (``A. STATE 1`` /
    ``PARIS 2``) is reported with the letter its place expects. A label with no
    document after it (``REF: B``) is X001's alone. Entries run on one line are
    told apart by their labels, also a wrong one after a single space when it
    follows a document number (``(A) STATE 1 (C) PARIS 2``).

    Bad: ``REF: A. STATE 1`` / ``B. PARIS 2`` / ``D. ROME 3``.
    Good: ``REF: A. STATE 1`` / ``B. PARIS 2`` / ``C. ROME 3``.
    """

    code = "X002"
    name = "reference-label-sequence"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        sequence = _label_sequence(cable)
        if _reordered(sequence):
            # every letter is there: one finding, at the first label out of its place
            for k, (ref, letter, _, _) in enumerate(sequence):
                place = chr(ord("A") + k)
                if letter != place:
                    assert ref.label is not None
                    if _no_document(ref):
                        return  # X001's
                    last = chr(ord("A") + len(sequence) - 1)
                    yield Finding(ref.label.span, f"REF label {letter} comes before {place}: expected the labels in order, A to {last}")
                    return
        for ref, letter, expected, repeat in sequence:
            if letter is None:
                yield Finding(ref.span, f"REF entry '{ref.text[:40]}' has no label: expected '{expected}.' before it, as the other entries have")
            elif letter != expected and not _no_document(ref):
                what = "repeats an earlier label" if repeat else "is out of sequence"
                assert ref.label is not None
                yield Finding(ref.label.span, f"REF label {letter} {what}: expected {expected}")


class UndefinedReference(Rule):
    """The text cites a reference that the REF block does not define.

    Why: ``Ref C``, ``reftel B`` or ``Ref (c)`` must name an entry of the REF block
    (cable-format.md 4.5); otherwise the reader cannot find the document meant.
    Measured: 5 real cables cite a letter their block lacks. A cable without any
    REF block is X006's.

    A letter whose place in the block holds an entry labelled out of sequence or
    with a repeated letter (``A.``, ``C.`` or ``A.``, ``A.`` and the text's ``Ref
    B``) names that entry: X002 reports its label, and this rule says nothing. When
    one entry is cited nowhere, the message names it (the letter probably meant);
    when the block's one reference has no letter, ``reftel`` was meant.

    Bad: ``REF: A. STATE 1`` / ``B. PARIS 2`` and text ``as noted in Ref C``.
    Good: text ``as noted in Ref B``.
    """

    code = "X003"
    name = "undefined-reference"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if not _has_block(cable):
            return
        letters = ctx.shared(_letters, cable)
        defined = {letter for letter, _ in letters}
        shown = ", ".join(sorted(defined)) if defined else "no lettered entries"
        uncited = ctx.shared(_uncited, cable)
        hint = f" (Ref {uncited[0][0]} is cited nowhere)" if len(uncited) == 1 and len(letters) > 1 else ""
        for cite in ctx.shared(_undefined, cable):
            if len(cable.references) == 1 and cable.references[0].label is None:
                # the one reference has no letter: 'reftel' names it (or 'Ref A', its place)
                yield Finding(cite.span, f"the text cites Ref {cite.label}, but the REF block lists one reference, without a letter: expected 'reftel' (or 'Ref A')")
            else:
                yield Finding(cite.span, f"the text cites Ref {cite.label}, which the REF block does not define: expected one of {shown}{hint}")


def _undefined(cable: Cable) -> list[Citation]:
    """The text's citations of a letter the REF block does not define (and that no
    entry labelled out of sequence stands for)."""
    defined = {letter for letter, _ in _letters(cable)}
    mislabelled = _mislabelled(cable)
    return [c for c in _cited(cable) if c.label is not None and c.label not in defined and c.label not in mislabelled]


def _uncited(cable: Cable) -> list[tuple[str, Reference]]:
    """The REF entries (with their letters) that no citation names; none when an
    unlettered 'reftel' could name any of them."""
    cites = _cited(cable)
    if any(c.label is None for c in cites):
        return []
    cited = {c.label for c in cites}
    # an entry labelled out of sequence is cited by the letter its place gives it
    cited |= {written for meant, written in _mislabelled(cable).items() if meant in cited and written is not None}
    return [(letter, ref) for letter, ref in _letters(cable) if letter not in cited]


class UnusedReference(Rule):
    """A REF entry that the text never cites.

    Why: a reference is listed so that the text can point at it (``Ref A``,
    ``reftel``) (cable-format.md 4.5). An uncited entry is often harmless (194 real
    cables have one) but may mean a citation was lost in editing. Entries left
    uncited because the text cites them by a letter the block lacks (``Ref C`` for
    ``Ref B``) are X003's finding, not reported again here.

    Bad: ``REF: A. STATE 1`` / ``B. PARIS 2`` and a text citing only ``Ref A``.
    Good: the text cites ``Ref A`` and ``Ref B``.
    """

    code = "X004"
    name = "unused-reference"
    severity = "info"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        uncited = ctx.shared(_uncited, cable)
        if len(uncited) <= len({c.label for c in ctx.shared(_undefined, cable)}):
            return  # the text cites them by a wrong letter: X003's finding
        for letter, ref in uncited:
            if ref.label is not None:
                yield Finding(ref.label.span, f"Ref {letter} is never cited in the text: expected 'Ref {letter}' or 'reftel' somewhere")
            elif len(cable.references) == 1:  # 'reftel' is how the text names the only one
                yield Finding(ref.span, f"the reference '{ref.text[:40]}' is never cited in the text: expected 'reftel' somewhere")
            else:  # unlabelled entries are cited by position
                yield Finding(ref.span, f"the reference '{ref.text[:40]}' is never cited in the text: expected 'Ref {letter}' (its place in the REF block) somewhere, or the entries labelled A., B., ...")


class AmbiguousReftel(Rule):
    """``reftel`` used while the REF block lists more than one reference.

    Why: ``reftel`` means "the referenced telegram" and is clear only when there is
    one (cable-format.md 4.5). With several, the reader has to guess; 61 of 278 real
    cables that say reftel do this, usually meaning the first or the obvious one.

    Bad: ``REF: A. STATE 1`` / ``B. PARIS 2`` and ``as requested in reftel``.
    Good: ``as requested in Ref A``.
    """

    code = "X005"
    name = "ambiguous-reftel"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        count = len(cable.references)
        if count < 2:
            return
        letters = ", ".join(letter for letter, _ in ctx.shared(_letters, cable)) or "its entries"
        for cite in cable.citations:
            if cite.kind == "reftel" and cite.label is None and not cite.plural:
                yield Finding(cite.span, f"'reftel' is ambiguous: the REF block lists {count} references; expected 'Ref X' naming one of {letters}")


class ReftelWithoutReference(Rule):
    """``reftel`` or ``Ref A`` used but there is no REF block.

    Why: the REF block is where a cited telegram is identified (cable-format.md
    3.7, 4.5); without it the citation points at nothing. Measured: 13 real cables.

    The one missing block is one finding, at the first citation, however often the
    text cites it; the message counts the citations and names their lines.

    Bad: ``as requested in reftel`` in a cable without a ``REF:`` line.
    Good: a ``REF: STATE 1234`` line among the captions.
    """

    code = "X006"
    name = "reftel-without-reference"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if _has_block(cable):
            return
        cites = ctx.shared(_cited, cable)
        if not cites:
            return
        whats = list(dict.fromkeys("reftel" if cite.kind == "reftel" else f"Ref {cite.label}" for cite in cites))
        what = whats[0] if len(whats) == 1 else f"{', '.join(whats[:-1])} and {whats[-1]}"
        lines = list(dict.fromkeys(cite.span.line for cite in cites))
        extra = [f"{len(cites)} citations"] if len(cites) > len(whats) else []
        if len(lines) > 1:
            extra.append(f"lines {', '.join(map(str, lines))}")
        if extra:
            what += f" ({', '.join(extra)})"
        it = "it" if len(whats) == 1 else "them"
        yield Finding(cites[0].span, f"the text cites {what} but the cable has no REF block: expected a 'REF:' caption identifying {it}")


class UndefinedParagraphReference(Rule):
    """The text cites one of its own paragraphs that does not exist.

    Why: ``see para 9`` in a cable of seven paragraphs points nowhere (cable-format.md
    4.5; 2 real cables). Every number and range of a list is a citation (``paras 2,
    5``, ``paras 2 and 4-6``), and is reported at its own column. Citations of another
    document's paragraphs (``reftel para 3``, ``para 2 of UNSCR 1737``, also with
    ``of UNSCR 1737`` wrapped onto the next line) are not checked. A paragraph whose
    head has a typo (``2.``, ``2.``, ``4.``; P001 reports it) counts as the one it was
    meant to be, so ``para 3`` there cites it.

    Bad: ``as described in para 9`` in a cable numbered 1 to 7.
    Good: ``as described in para 3``.
    """

    code = "X007"
    name = "undefined-paragraph-reference"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        cites = [c for c in cable.citations if c.kind == "para" and c.number is not None and not c.external]
        if not cites or not cable.paragraphs:
            return
        numbers = {p.number for p in cable.paragraphs}
        # a head numbered by a typo (2., 2., 4.; P001) is the paragraph it was meant to be
        numbers.update(meant for _, _, meant in ctx.shared(paragraph_numbering, cable).breaks if meant is not None)
        last = max(numbers)
        for cite in cites:
            for n in (cite.number, cite.number_to):
                if n is not None and n not in numbers:
                    yield Finding(cite.span, f"the text cites paragraph {n}, which this cable does not have: expected a paragraph number from 1 to {last}")
                    break


def _serial(ident: str) -> tuple[str, int]:
    """('YYORIGIN', serial) of a canonical id such as '09BAMAKO97'."""
    digits = len(ident) - len(ident.rstrip("0123456789"))
    return ident[: len(ident) - digits], int(ident[len(ident) - digits :] or 0)


class FutureReference(Rule):
    """A reference to a cable dated after this one, or to the cable itself.

    Why: a cable can only cite what exists when it is sent. A reference whose year
    is later than the cable's, or whose serial from the same post and year is higher
    than the cable's own, is a typo in the year or the number (cable-format.md 3.7:
    compare ``YYORIGINNUM`` with the cable's id).

    The cable's own serial is not compared when it is not six digits (C002 reports
    it), and where the DE line gives another serial (R009's mismatch) a reference
    must be later than both to be reported. An undated cable (a draft) still
    compares its serial with the references written without a year, which are this
    year's.

    A message cited by its date-time group (``SECDEF DTG 301601Z AUG 09``), an
    e-mail with its date (``E-MAIL OF 07/22/2009``) or a cable with its date written
    after its number (``08 KIGALI 00830--05/DEC/2008``) is compared by that date; an
    e-mail's date is read month first and day first, and reported only when both
    readings fall after the cable's day. Where the DE line and the DECL date or a
    reference show the DTG's year to be a slip (R007's), the references are compared
    with the date meant.

    Bad: ``REF: 10 STATE 123`` in a 2009 cable; ``REF: BAMAKO 97`` in BAMAKO 97.
    Good: ``REF: 08 STATE 123``.
    """

    code = "X008"
    name = "future-reference"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        # a serial cut short ('0006') gives no number to compare with (C002's)
        own = cable.reference_id if not serial_malformed(cable) else None
        when = cable.date
        slip = ctx.shared(dtg_year_slip, cable)
        if slip is not None and when is not None:
            # the DTG's year is a slip (R007's): compare with the date meant
            own = f"{slip.meant.year % 100:02d}{own[2:]}" if own is not None else None
            when = slip.meant
        if when is None:
            yield from self._undated(cable)
            return
        for ref in cable.references:
            if ref.dated is not None and ref.dated > when.date():
                yield Finding(ref.span, f"reference '{ref.text[:40]}' is dated {ref.dated.day} {ref.dated:%b %Y}, after this cable's date, {when.day} {when:%b %Y}: expected an earlier date")
                continue
            if ref.kind != "cable" or ref.cable_id is None:
                continue
            shown = f"'{ref.text[:40]}'"
            if own is not None and ref.cable_id == own:
                yield Finding(ref.span, f"reference {shown} is this cable itself ({own}): expected an earlier cable")
            elif when is not None and ref.year is not None and ref.year > when.year:
                yield Finding(ref.span, f"reference {shown} is from {ref.year}, after this cable's date ({when.year}): expected an earlier year")
            elif own is not None:
                key, number = _serial(ref.cable_id)
                own_key, own_number = _serial(own)
                if key == own_key and number > own_number and number > _de_serial(cable, own_number):
                    yield Finding(ref.span, f"reference {shown} ({ref.cable_id}) was numbered after this cable ({own}): expected an earlier serial, or the year of an earlier year's cable")

    def _undated(self, cable: Cable) -> Iterator[Finding]:
        """A draft has no date, but a reference written without a year is this year's:
        its origin and serial still compare with the cable's own."""
        cls = cable.classification
        if cls is None or cls.post is None or cls.serial is None or not cls.serial.text.isdigit() or serial_malformed(cable):
            return
        own_key, own_number = origin_key(cls.post.text), int(cls.serial.text)
        for ref in cable.references:
            if ref.kind != "cable" or ref.undated_id is None:
                continue
            key, number = _serial(ref.undated_id)
            if key != own_key:
                continue
            if number == own_number:
                yield Finding(ref.span, f"reference '{ref.text[:40]}' is this cable itself (serial {cls.serial.text} on line {cls.span.line}): expected an earlier cable")
            elif number > own_number:
                yield Finding(ref.span, f"reference '{ref.text[:40]}' was numbered after this cable (serial {cls.serial.text} on line {cls.span.line}): expected an earlier serial, or the year of an earlier year's cable")


def _de_serial(cable: Cable, serial: int) -> int:
    """The cable's serial as its DE line gives it (the classification line's with the
    last four digits of the DE line's station serial), or *serial* when the DE line
    agrees or gives none. Where the two disagree (R009's), a reference is only later
    than the cable if it is later than both."""
    de = cable.routing.de_line if cable.routing is not None else None
    if de is None or de.serial is None or not de.serial.text.isdigit():
        return serial
    return serial - serial % 10000 + int(de.serial.text) % 10000


def _label_end(cable: Cable, label: Span) -> Optional[Span]:
    """The second label as written, '(A) ', 'A) ' or 'A. ', with the spaces after it."""
    line = cable.lines[label.line - 1]
    raw = line.raw
    begin, end = label.column - 1, label.end_column - 1
    if begin > 0 and raw[begin - 1] == "(":
        begin -= 1
    if end >= len(raw) or raw[end] not in ").":
        return None
    end += 1
    while end < len(raw) and raw[end] in " \t":
        end += 1
    return line.raw_span(begin, end)


class DoubledReferenceLabel(Rule):
    """A reference with two labels, ``A. A) STATE 1234``.

    Why: a block re-labelled by a second drafter keeps both labels (21 real
    cables; cable-format.md 3.7). The text can cite only one of them: the second,
    the drafter's own, by which the entry is read (``A. A. STATE 1 B. STATE 2`` /
    ``B. D. STATE 3``: the second line's entry is D).

    Bad: ``REF: A. A) STATE 05448``.
    Good: ``REF: A. STATE 05448``.

    Fix: when both labels have the same letter, removes the second and keeps the
    first. Two letters (``B. D.``) get no fix: the re-labelling may have labelled
    other lines of the block too, which the drafter has to put right.
    """

    code = "X009"
    name = "doubled-reference-label"
    severity = "info"
    fixable = True

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        for ref in cable.references:
            if ref.label is None or ref.extra_label is None:
                continue
            first, second = ref.extra_label, ref.label
            written = _label_end(cable, second.span)
            span = first.span.cover(written or second.span)
            if first.text.upper() == second.text.upper():
                # removing the second of "d. D)" would leave a lower-case label: no fix
                fix = Fix((Edit(written, ""),)) if written is not None and first.text.isupper() else None
                yield Finding(span, f"REF entry has two labels, {first.text} and {second.text}: expected one label ('{first.text.upper()}.')", fix)
            else:
                letter = second.text.upper()
                yield Finding(span, f"REF entry has two labels, {first.text} and {second.text}, and is read as {letter}: expected one label ('{letter}.')")


RULES: tuple[type[Rule], ...] = (
    MalformedReference,
    ReferenceLabelSequence,
    UndefinedReference,
    UnusedReference,
    AmbiguousReftel,
    ReftelWithoutReference,
    UndefinedParagraphReference,
    FutureReference,
    DoubledReferenceLabel,
)
