"""C: the classification authority, the Classified By line (cable-format.md 3.8)."""

from __future__ import annotations

from datetime import datetime
from typing import Iterator

from cablelint.grammar.patterns import field
from cablelint.linter.rule import Context, Finding, Rule, field_problems
from cablelint.model import Cable, Text
from cablelint.rules._places import line_start, text_start, under_eo_12958, voted_level
from cablelint.span import Span


# E.O. 12958 listed its categories in section 1.5 until the amendment of 25 March 2003
# moved them to 1.4, where E.O. 13526 keeps them (cable-format.md 3.8).
_AMENDED = datetime(2003, 3, 25)
_EO_13526_FROM = datetime(2010, 6, 27)
_CATEGORIES = {"4": "abcdefgh", "5": "abcdefg"}


class MissingClassificationAuthority(Rule):
    """A classified cable without a ``Classified By: ... Reason(s) 1.4 (x)`` line.

    Why: every classified document must say who classified it and why (5 FAH-1
    H-131; cable-format.md 3.8). Cables older than E.O. 12958 (14 October 1995)
    marked the text instead and are not checked; a later cable that marks its text
    that way (``1. (C - ENTIRE TEXT)``) in place of the line is reported here, once
    (P003 does not report its marker as well). Older cables that give the authority
    as paragraph 1 (``1. (U) CLASSIFIED BY ...``) have it. In a draft, a Classified By line
    that names no reason (no section 1.4 or 1.5, and no "Derived from"), or a
    section with no category letters, is reported too. Archive text and telegrams
    are held only to naming a reason at all: some 36 real lines lost their section
    or categories to wrapping or truncation (``for reasons b, d``, ``for REASONS``,
    ``1.4 ...``), but none in 287 real classified cables gives a name and nothing
    else.

    The reason is checked as cable-format.md 3.8 asks: its section against the
    order (1.4 under E.O. 13526 and the amended E.O. 12958, 1.5 under E.O. 12958
    before March 2003) and its letters against that section's categories, (a) to (h)
    or (a) to (g); a reason that fits the order in force on the cable's date is left
    alone when the E.O. line names a later order (H003 reports that order). A
    misspelt keyword (``Clasified By:``, ``CLASSIFED BY:``) is reported here too, on
    a cable of any date.
    Where the classification line is the slip (the FL4 code and the portion markings
    agree on another level; R008 reports it there), the cable's level is theirs.

    Not reported where the archive's text stops with "..." before any paragraph
    (captions, then "..." and nothing more): the line is not in the text.

    Bad: a ``S E C R E T`` cable whose captions end with ``SUBJECT:``; a 2008 cable
    with ``1. (C - ENTIRE TEXT)`` and no Classified By line; in a draft,
    ``Classified By: Ambassador Jane Doe.``; ``for reasons 1.6 (b)``; ``1.4 (j)``.
    Good: ``Classified By: Ambassador Jane Doe for reasons 1.4 (b) and (d).``
    """

    code = "C004"
    name = "missing-classification-authority"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        rank, level = voted_level(cable)
        clsby = cable.classified_by
        if clsby is not None:  # a misspelt keyword, in any era
            yield from field_problems(cable, ctx, "classified_by")
        if rank is None or rank < 1 or not under_eo_12958(cable):
            return
        if clsby is not None:
            if clsby.reason_section is not None:
                yield from self._reason(cable, clsby.reason_section, clsby.reason_letters, clsby.letter_spans)
            elif not clsby.derived and (cable.dialect == "draft" or not field("CLSBY_REASON_WORD").search(clsby.text)):
                # a draft's "reasons b and d": the word is there, the section is not
                what = "names no section for its reason" if field("CLSBY_REASON_WORD").search(clsby.text) else "gives no reason"
                yield Finding(clsby.span, f"Classified By line {what}: expected the order's section and categories, as in 'for reasons 1.4 (b) and (d)'")
            return
        if cable.truncated:
            return  # the archive's text stops before the line would stand
        ends = [span.end_line for _, span in cable.captions]
        if cable.classification is not None:
            ends.append(cable.classification.span.end_line)
        where = line_start(cable, (max(ends) if ends else text_start(cable) - 1) + 1)
        expected = "expected 'Classified By: <name and title> for reasons 1.4 (b) and (d)' after the captions"
        entire = next((p for p in cable.paragraphs if p.entire_text), None)
        if entire is not None:
            # the older practice in its place ("1. (C - ENTIRE TEXT)"): one fault, reported
            # here rather than also as a malformed marker (P003)
            yield Finding(where, f"{level} cable has no classification authority: paragraph {entire.number} marks the entire text, as cables did before E.O. 12958 (October 1995); {expected}, and a marker on each paragraph")
            return
        yield Finding(where, f"{level} cable has no classification authority: {expected}")

    def _reason(self, cable: Cable, section: Text, letters: tuple[str, ...], written: tuple[Text, ...]) -> Iterator[Finding]:
        """The reason's section against the E.O. line's order, its letters against
        the section's list of categories."""
        digit = section.text[-1]
        shown = f"1.{digit}"
        if digit not in _CATEGORIES:
            yield Finding(section.span, f"the reason cites section {shown}, which lists no classification categories: expected 1.4 (1.5 under E.O. 12958 before its 2003 amendment)")
            return
        order = cable.eo.order.text if cable.eo is not None and cable.eo.order is not None else None
        # on a cable older than E.O. 13526 the order is the slip (H003), not the reason
        if order == "13526" and digit == "5" and (cable.date is None or cable.date.replace(tzinfo=None) >= _EO_13526_FROM):
            yield Finding(section.span, "the reason cites section 1.5, but E.O. 13526 lists its categories in section 1.4: expected 1.4")
        elif order == "12958" and digit == "4" and cable.date is not None and cable.date.replace(tzinfo=None) < _AMENDED:
            yield Finding(section.span, "the reason cites section 1.4, but before its 2003 amendment E.O. 12958 listed its categories in section 1.5: expected 1.5")
        allowed = _CATEGORIES[digit]
        if not letters and cable.dialect == "draft":
            yield Finding(section.span, f"the reason cites section {shown} but no category: expected the categories' letters after it, as in '{shown} (b) and (d)'")
        unknown = [letter for letter in letters if letter not in allowed]
        if unknown:
            names = [f"({letter})" for letter in unknown]
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            what = "category" if len(names) == 1 else "categories"
            # at the letters, wherever the reason wrapped them
            spans = [t.span for t in written if t.text in unknown]
            at = section.span if not spans else spans[0].cover(spans[-1]) if spans[0].line == spans[-1].line else spans[0]
            yield Finding(at, f"section {shown} has no {what} {listed}: expected categories (a) to ({allowed[-1]})")


class UnclassifiedWithClassificationAuthority(Rule):
    """An unclassified cable with a ``Classified By`` line.

    Why: only classified cables carry a classification authority (cable-format.md
    3.8: no UNCLAS cable of the survey has one); an authority line on an UNCLAS cable
    means the level or the line is wrong. A DECL date on an UNCLAS cable is the E.O.
    line's contradiction and H004 reports it. An UNCLAS line under the FL4 code and the
    portion markings of a classified cable is R008's slip, not reported again here.

    Bad: ``UNCLAS BAMAKO 000097`` ... ``Classified By: Ambassador Jane Doe, 1.4 (d).``
    Good: ``UNCLAS BAMAKO 000097`` with no Classified By line.
    """

    code = "C005"
    name = "unclassified-with-classification-authority"
    severity = "warning"
    needs = ("classified_by",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        rank, level = voted_level(cable)
        if rank != 0 or cable.classified_by is None:
            return
        span = cable.classified_by.span
        first = cable.lines[span.line - 1]
        yield Finding(
            Span(span.line, span.column, span.line, len(first.raw) + 1, span.start, first.start + len(first.raw)),
            f"{level} cable has a Classified By line: expected none on an unclassified cable (or a classified level)",
        )


RULES: tuple[type[Rule], ...] = (
    MissingClassificationAuthority,
    UnclassifiedWithClassificationAuthority,
)
