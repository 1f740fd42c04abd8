"""X: the REF block's entries: their form, their labels and their dates (cable-format.md 3.7)."""

from __future__ import annotations

from typing import Iterator, Optional

from cablelint.linter.rule import Context, Edit, Finding, Fix, Rule, field_problems
from cablelint.model import Cable, Reference
from cablelint.numbers import cable_int
from cablelint.quote import clip
from cablelint.rules._header import dtg_year_slip, serial_malformed
from cablelint.rules._places import written as written_at
from cablelint.rules._x_shared import label_sequence, reordered
from cablelint.span import Span


def _no_document(ref: Reference) -> bool:
    """A label with nothing after it (X001 reports the entry; its letter is no
    second mistake)."""
    return ref.label is not None and not ref.text.strip()


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
    entry and is named there, and so does one with no blank after its full stop at
    a line's start (``A.STATE 22117``, in sequence and before a cable reference; an
    initial or ``U.S.`` is text); so is the keyword with two letters swapped or one
    doubled (``RFE:``, ``REFF:``) or a semicolon for its colon (``REF; STATE 1234``),
    the block still read. The
    keyword written twice is read as the keyword (``REF: REFTEL KABUL 02245`` names
    KABUL 02245), so ``REF: REFTEL`` names no document and ``REF: REF A`` is a label
    with nothing after it. A date written after the serial that is no date
    (``B. MADRID 1226 31 NOV 08``) is named too: the cable it cites cannot be told.
    In a draft the keyword in mixed case (``Ref:``) is named as well, as TAGS and
    SUBJECT are (caption keywords are in capitals, cable-format.md 0); the archive's
    sent cables that have it are not told.
    Good: ``REF: A. STATE 05448`` / ``B. BAMAKO 00064``.
    """

    code = "X001"
    name = "malformed-reference"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "reference", "reference_keyword")
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
    needs = ("references",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        sequence = label_sequence(cable)
        if reordered(sequence):
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
                yield Finding(ref.span, f"REF entry '{clip(ref.text)}' has no label: expected '{clip(expected)}.' before it, as the other entries have")
            elif letter != expected and not _no_document(ref):
                what = "repeats an earlier label" if repeat else "is out of sequence"
                assert ref.label is not None
                yield Finding(ref.label.span, f"REF label {letter} {what}: expected {expected}")


def _serial(ident: str) -> tuple[str, int]:
    """('YYORIGIN', serial) of a canonical id such as '09BAMAKO97'."""
    digits = len(ident) - len(ident.rstrip("0123456789"))
    return ident[: len(ident) - digits], cable_int(ident[len(ident) - digits :] or "0")


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
    needs = ("references",)

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
                yield Finding(ref.span, f"reference '{clip(ref.text)}' is dated {ref.dated.day} {ref.dated:%b %Y}, after this cable's date, {when.day} {when:%b %Y}: expected an earlier date")
                continue
            if ref.kind != "cable" or ref.cable_id is None:
                continue
            year, cable_id = ref.year, ref.cable_id
            if slip is not None and ref.undated_id is not None:
                # written without a year: the year meant, not the DTG's slip
                year, cable_id = when.year, f"{when.year % 100:02d}{ref.undated_id}"
            shown = f"'{clip(ref.text)}'"
            if own is not None and cable_id == own:
                yield Finding(ref.span, f"reference {shown} is this cable itself ({own}): expected an earlier cable")
            elif year is not None and year > when.year:
                yield Finding(ref.span, f"reference {shown} is from {year}, after this cable's date ({when.year}): expected an earlier year")
            elif own is not None:
                key, number = _serial(cable_id)
                own_key, own_number = _serial(own)
                if key == own_key and number > own_number and number > _de_serial(cable, own_number):
                    yield Finding(ref.span, f"reference {shown} ({ref.cable_id}) was numbered after this cable ({own}): expected an earlier serial, or the cited cable's year before its origin if it is from an earlier year")

    def _undated(self, cable: Cable) -> Iterator[Finding]:
        """A draft has no date, but a reference written without a year is this year's:
        its origin and serial still compare with the cable's own."""
        cls = cable.classification
        if cls is None or cls.post is None or cls.serial is None or not cls.serial.text.isdigit() or serial_malformed(cable):
            return
        from cablelint.grammar.assemble import origin_key  # (the parser's: a run that got here parsed)

        own_key, own_number = origin_key(cls.post.text), cable_int(cls.serial.text)
        for ref in cable.references:
            if ref.kind != "cable" or ref.undated_id is None:
                continue
            key, number = _serial(ref.undated_id)
            if key != own_key:
                continue
            if number == own_number:
                yield Finding(ref.span, f"reference '{clip(ref.text)}' is this cable itself (serial {cls.serial.text} on line {cls.span.line}): expected an earlier cable")
            elif number > own_number:
                yield Finding(ref.span, f"reference '{clip(ref.text)}' was numbered after this cable (serial {cls.serial.text} on line {cls.span.line}): expected an earlier serial, or the cited cable's year before its origin if it is from an earlier year")


def _de_serial(cable: Cable, serial: int) -> int:
    """The cable's serial as its DE line gives it (the classification line's with the
    last four digits of the DE line's station serial), or *serial* when the DE line
    agrees or gives none. Where the two disagree (R009's), a reference is only later
    than the cable if it is later than both."""
    de = cable.routing.de_line if cable.routing is not None else None
    if de is None or de.serial is None or not de.serial.text.isdigit():
        return serial
    return serial - serial % 10000 + cable_int(de.serial.text[-4:])


def _opened(cable: Cable, label: Span) -> Span:
    """A label's letter with the parenthesis before it, '(A', when it has one."""
    line = cable.lines[label.line - 1]
    begin = label.column - 1
    return line.raw_span(begin - 1, label.end_column - 1) if begin > 0 and line.raw[begin - 1] == "(" else label


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


def _repeated(cable: Cable, written: Span, letter: str) -> tuple[Span, int]:
    """*written*, the second label, with the same label written again after it
    ("A. A) A)", a block labelled over twice), and how many labels that makes in all:
    the grammar reads two, the third is left at the start of the entry's text."""
    raw = cable.lines[written.line - 1].raw
    end, labels = written.end_column - 1, 2
    while True:
        at = end + (end < len(raw) and raw[end] == "(")
        if not (raw[at : at + 1] == letter and raw[at + 1 : at + 2] in (")", ".") and raw[at + 2 : at + 3] in (" ", "\t")):
            break
        if raw[end] == "(" and raw[at + 1] != ")":
            break  # "(A." is no label
        end = at + 2
        while end < len(raw) and raw[end] in " \t":
            end += 1
        labels += 1
    return cable.lines[written.line - 1].raw_span(written.column - 1, end), labels


class DoubledReferenceLabel(Rule):
    """A reference with two labels, ``A. A) STATE 1234``.

    Why: a block re-labelled by a second drafter keeps both labels (21 real
    cables; cable-format.md 3.7). The text can cite only one of them: the second,
    the drafter's own, by which the entry is read (``A. A. STATE 1 B. STATE 2`` /
    ``B. D. STATE 3``: the second line's entry is D).

    Bad: ``REF: A. A) STATE 05448``.
    Good: ``REF: A. STATE 05448``.

    Fix: when both labels have the same letter, removes the second and keeps the
    first; a block labelled over twice, ``A. A) A)``, is one finding whose fix
    removes both repeats. Two letters (``B. D.``) get no fix: the re-labelling may have labelled
    other lines of the block too, which the drafter has to put right.
    """

    code = "X009"
    name = "doubled-reference-label"
    severity = "info"
    needs = ("references",)
    fixable = True

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        for ref in cable.references:
            if ref.label is None or ref.extra_label is None:
                continue
            first, second = ref.extra_label, ref.label
            written = _label_end(cable, second.span)
            labels = 2
            if written is not None and first.text == second.text:
                written, labels = _repeated(cable, written, first.text)
            span = _opened(cable, first.span).cover(written or second.span)
            # the labels as written ("A. A)"), when on one line; else their letters
            both = (written_at(cable, span) or "").strip() or f"{first.text} and {second.text}"
            if first.text.upper() == second.text.upper():
                # removing the second of "d. D)" would leave a lower-case label: no fix
                fix = Fix((Edit(written, ""),)) if written is not None and first.text.isupper() else None
                # the label the fix keeps, as written ("A)" of "A) A.")
                again = (written_at(cable, written) or "").strip() if written is not None else ""
                kept = both[: -len(again)].strip().upper() if again and both.endswith(again) and both != again else f"{first.text.upper()}."
                yield Finding(span, f"REF entry has {labels} labels, '{clip(both)}': expected one label ('{clip(kept)}')", fix)
            else:
                letter = second.text.upper()
                yield Finding(span, f"REF entry has 2 labels, '{clip(both)}', and is read as {letter}: expected one label ('{letter}.')")


RULES: tuple[type[Rule], ...] = (
    MalformedReference,
    ReferenceLabelSequence,
    FutureReference,
    DoubledReferenceLabel,
)
