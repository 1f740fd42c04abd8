"""X: the text's citations of the REF block and of its own paragraphs (cable-format.md 3.7, 4.5)."""

from __future__ import annotations

from typing import Iterator, Optional

from cablelint.linter.rule import Context, Finding, Rule
from cablelint.model import Cable, Citation, Reference
from cablelint.quote import clip
from cablelint.records import record
from cablelint.rules._x_shared import label_sequence, reordered, same_entry
from cablelint.rules.p_numbering import paragraph_numbering


def _letters(cable: Cable) -> list[tuple[str, Reference]]:
    """Each reference with the letter the text would cite it by.

    Labelled blocks define their labels; an unlabelled block is cited by position
    (``ref A`` is its first entry), as drafters do.
    """
    refs = cable.references
    if any(r.label is not None for r in refs):
        # an entry with two cables ("A. STATE 1 AND PARIS 2") is cited once, by its first
        return [(r.label.text.upper(), r) for k, r in enumerate(refs) if r.label is not None and not same_entry(refs, k)]
    return [(chr(ord("A") + i), r) for i, r in enumerate(refs) if i < 26]


def _mislabelled(cable: Cable) -> dict[str, Optional[str]]:
    """The labels written out of sequence, repeated or missing (as X002 reports them)
    where the letter expected there is defined nowhere, by the letter expected:
    ``A.``, ``C.`` gives {"B": "C"}, ``A.``, ``A.`` gives {"B": "A"} and an entry that
    lost its label after ``A.`` gives {"B": None}. The text's ``Ref B`` then means that
    entry, and X002 alone reports its label. Labels that are only out of order define
    every letter."""
    sequence = label_sequence(cable)
    if reordered(sequence):
        return {}
    written = {letter for _, letter, _, _ in sequence}
    return {expected: letter for _, letter, expected, _ in sequence if letter != expected and expected not in written}


def _cited(cable: Cable) -> list[Citation]:
    """The text's citations of REF entries; a bare lower-case "ref a" only where there
    are REF entries for it to name (by label, or by place: "refs a and b" of an
    unlabelled list), not as X006's citation without a block."""
    return [c for c in cable.citations if c.kind in ("ref", "reftel") and (cable.references or not c.bare_lower)]


def _said(cable: Cable, cite: Citation) -> str:
    """A citation of one letter as the text wrote it, a line break in it read as a space
    ('reftel C' of "reftel" / "C).", 'Ref. (c)'); 'Ref C' for one letter of several
    ("refs A and C") and where the span holds more than a word and the letter."""
    said = f"Ref {cite.label}"
    span = cite.span
    if cite.plural or cite.label is None or span.end_line > len(cable.lines):
        return said
    lines = cable.lines[span.line - 1 : span.end_line]
    parts = [line.raw for line in lines]
    parts[-1] = parts[-1][: span.end_column - 1]
    parts[0] = parts[0][span.column - 1 :]
    words = " ".join(parts).split()
    if len(words) != 2 or words[1].strip("()").upper() != cite.label:
        return said
    return " ".join(words)


def _word(cite: Citation) -> str:
    """How a citation of a REF entry names it: 'reftel', 'ref' or 'refs' (a bare
    "(ref)", "(refs)") or 'Ref X'."""
    if cite.label is None:
        return "reftel" if cite.kind == "reftel" else "refs" if cite.plural else "ref"
    return "reftel" if cite.kind == "reftel" else f"Ref {cite.label}"


def _has_block(cable: Cable) -> bool:
    return cable.ref_span is not None or bool(cable.references)


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
    needs = ("citations",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if not _has_block(cable):
            return
        citing = ctx.shared(_citing, cable)
        letters, uncited = citing.letters, citing.uncited
        defined = {letter for letter, _ in letters}
        shown = ", ".join(sorted(defined)) if defined else "no lettered entries"
        hint = f" (Ref {uncited[0][0]} is cited nowhere)" if len(uncited) == 1 and len(letters) > 1 else ""
        for cite in citing.undefined:
            if len(cable.references) == 1 and cable.references[0].label is None:
                # the one reference has no letter: 'reftel' names it (or 'Ref A', its place)
                yield Finding(cite.span, f"the text cites {_said(cable, cite)}, but the REF block lists one reference, without a letter: expected 'reftel' (or 'Ref A')")
            else:
                yield Finding(cite.span, f"the text cites {_said(cable, cite)}, which the REF block does not define: expected one of {shown}{hint}")


@record
class _Citing:
    """What X003 to X006 read of the REF entries' letters and the text's citations,
    worked out once a cable (:func:`_citing`)."""

    letters: list[tuple[str, Reference]]  # _letters
    cited: list[Citation]  # _cited
    undefined: list[Citation]  # the citations of a letter the REF block does not define (and that no entry labelled out of sequence stands for)
    uncited: list[tuple[str, Reference]]  # the REF entries (with their letters) that no citation names; none when an unlettered 'reftel' could name any of them


def _citing(cable: Cable) -> _Citing:
    letters, cited = _letters(cable), _cited(cable)
    # (the letters written out of sequence matter only to a citation)
    mislabelled = _mislabelled(cable) if cited else {}
    defined = {letter for letter, _ in letters}
    undefined = [c for c in cited if c.label is not None and c.label not in defined and c.label not in mislabelled]
    if any(c.label is None for c in cited):
        return _Citing(letters, cited, undefined, [])
    labels = {c.label for c in cited}
    # an entry labelled out of sequence is cited by the letter its place gives it
    labels |= {written for meant, written in mislabelled.items() if meant in labels and written is not None}
    # and any entry by its origin and number ("see MEXICO 3586")
    named = {id(cable.references[c.entry]) for c in cable.citations if c.kind == "serial" and c.entry is not None}
    head = None  # the entry's first cable, which _letters gives its letter
    for k, ref in enumerate(cable.references):
        head = head if same_entry(cable.references, k) else ref
        if id(ref) in named:  # a cable after AND ("A. STATE 1 AND PARIS 2") names its entry
            named.add(id(head))
    return _Citing(letters, cited, undefined, [(letter, ref) for letter, ref in letters if letter not in labels and id(ref) not in named])


class UnusedReference(Rule):
    """A REF entry that the text never cites.

    Why: a reference is listed so that the text can point at it (``Ref A``,
    ``reftel``) (cable-format.md 4.5). An uncited entry is often harmless (194 real
    cables have one) but may mean a citation was lost in editing. Entries left
    uncited because the text cites them by a letter the block lacks (``Ref C`` for
    ``Ref B``) are X003's finding, not reported again here, and so is an entry
    that names nothing (a label alone, X001's). A range of letters (``Refs A-E``,
    ``refs (b) through (d)``) cites each letter in it; one beyond the block is X003's,
    and so does a list with slashes (``Refs A/B``). A ``ref`` or ``refs`` with no
    letter (``(ref)``, ``deliver ref points``, ``both refs``, ``as the refs show``)
    names the block's entries, as ``reftel`` does. The subject cites as the text does
    (``SUBJECT: REPLY TO REF B``, ``... TO REFTEL``). An entry is also cited by its origin and
    number (``see MEXICO 3586``, ``MEXICO 2371, 3498``), the year aside. A partial
    extract (the archive's note "This record is a partial extract of the original
    cable", cable-format.md 2.8) is not checked: the text it left out may cite them.

    Bad: ``REF: A. STATE 1`` / ``B. PARIS 2`` and a text citing only ``Ref A``.
    Good: the text cites ``Ref A`` and ``Ref B``.
    """

    code = "X004"
    name = "unused-reference"
    severity = "info"
    needs = ("references",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.partial_extract:
            return  # the text left out may be where it is cited
        citing = ctx.shared(_citing, cable)
        uncited = citing.uncited
        if len(uncited) <= len({c.label for c in citing.undefined}):
            return  # the text cites them by a wrong letter: X003's finding
        for letter, ref in uncited:
            if not ref.text:
                continue  # a label naming nothing: X001's
            if ref.label is not None:
                # 'reftel' names a lone entry only; with several it would be X005's ambiguity
                also = " or 'reftel'" if len(cable.references) == 1 else ""
                yield Finding(ref.label.span, f"Ref {letter} ('{clip(ref.text)}') is never cited in the text: expected 'Ref {letter}'{also} somewhere")
            elif len(cable.references) == 1:  # 'reftel' is how the text names the only one
                yield Finding(ref.span, f"the reference '{clip(ref.text)}' is never cited in the text: expected 'reftel' somewhere")
            else:  # unlabelled entries are cited by position
                yield Finding(ref.span, f"the reference '{clip(ref.text)}' is never cited in the text: expected 'Ref {letter}' (its place in the REF block) somewhere, or the entries labelled A., B., ...")


class AmbiguousReftel(Rule):
    """``reftel`` used while the REF block lists more than one reference.

    Why: ``reftel`` means "the referenced telegram" and is clear only when there is
    one (cable-format.md 4.5). With several, the reader has to guess; 61 of 278 real
    cables that say reftel do this, usually meaning the first or the obvious one.
    A bare singular ``ref`` (``as reported in ref``, ``ref para 3``) is read the same
    way, and so is ``reftel`` in the subject; ``refs`` and ``ref`` before a noun
    (``deliver ref points``) name them all.

    Bad: ``REF: A. STATE 1`` / ``B. PARIS 2`` and ``as requested in reftel``.
    Good: ``as requested in Ref A``.
    """

    code = "X005"
    name = "ambiguous-reftel"
    severity = "warning"
    needs = ("references", "citations")

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        count = len(cable.references)
        if count < 2:
            return
        # a repeated label is X002's; each letter is named once
        letters = ", ".join(dict.fromkeys(letter for letter, _ in ctx.shared(_citing, cable).letters)) or "its entries"
        for cite in cable.citations:
            # a bare singular "ref" ("as reported in ref") names one entry as "reftel" does
            if cite.kind in ("reftel", "ref") and cite.label is None and not cite.plural:
                yield Finding(cite.span, f"'{clip(cite.kind)}' is ambiguous: the REF block lists {count} references; expected 'Ref X' naming one of {letters}")


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
    needs = ("citations",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if _has_block(cable):
            return
        cites = ctx.shared(_citing, cable).cited
        if not cites:
            return
        whats = list(dict.fromkeys(_word(cite) for cite in cites))
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
    meant to be, so ``para 3`` there cites it; and a number that a gap in the
    numbering skips (``8.``, ``10.``), which P001 reports as missing, is not reported
    again where the text cites it.

    Bad: ``as described in para 9`` in a cable numbered 1 to 7.
    Good: ``as described in para 3``.
    """

    code = "X007"
    name = "undefined-paragraph-reference"
    severity = "error"
    needs = ("citations", "paragraphs")

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        cites = [c for c in cable.citations if c.kind == "para" and c.number is not None and not c.external]
        if not cites or not cable.paragraphs:
            return
        numbers = {p.number for p in cable.paragraphs}
        # a head numbered by a typo (2., 2., 4.; P001) is the paragraph it was meant to be,
        # and a number that a gap skips (8., 10.) is P001's finding, not the citation's
        numbering = ctx.shared(paragraph_numbering, cable)
        numbers.update(meant for _, _, meant in numbering.breaks if meant is not None)
        numbers |= numbering.missing
        last = max(numbers)
        for cite in cites:
            for n in (cite.number, cite.number_to):
                if n is not None and n not in numbers:
                    yield Finding(cite.span, f"the text cites paragraph {n}, which this cable does not have: expected a paragraph number from 1 to {last}")
                    break


RULES: tuple[type[Rule], ...] = (
    UndefinedReference,
    UnusedReference,
    AmbiguousReftel,
    ReftelWithoutReference,
    UndefinedParagraphReference,
)
