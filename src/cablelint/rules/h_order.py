"""H: the order of the captions, and a caption written twice (cable-format.md 3.9)."""

from __future__ import annotations

from itertools import combinations
from typing import Iterator

from cablelint.linter.rule import Context, Finding, Rule
from cablelint.model import Cable
from cablelint.quote import clip
from cablelint.rules._h_shared import NAMES, ORDER
from cablelint.rules._places import late_attention_lines, written
from cablelint.span import Span


class CaptionOrder(Rule):
    """Captions out of the standard order: classification, caveats, E.O., TAGS,
    SUBJECT, REF.

    Why: the handbook layout puts the handling captions first, then E.O., TAGS and
    SUBJECT together, then the references (cable-format.md 3.9: 98% of real cables
    follow it exactly). Classified By may stand before or after REF. The
    ``SENSITIVE BUT UNCLASSIFIED`` banner is text, not a caption, and may follow the
    subject. A caption moved up or down is reported once, at itself, against the
    captions that kept their order (a REF block above the E.O. line is one finding,
    not one for each caption it passed).

    An attention or passing line (``DEPT FOR EUR/CE``) below the E.O. line, where the
    grammar cannot place it, is reported here too (not as S004's unplaceable text):
    its place is above the E.O. line (cable-format.md 3.3). So is a handling caveat
    there, named as written (``Nofron``; C006 reports the spelling): its place is
    under the classification line. A caption that S001 reports as moved (the E.O.
    line above the classification line) does not count here: the caveats and
    attention lines under the classification line are in their place.

    Bad: ``TAGS: PGOV`` above ``E.O. 12958: N/A``.
    Good: ``E.O. 12958: N/A`` then ``TAGS: PGOV``.
    """

    code = "H010"
    name = "caption-order"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        # (a caption S001 names as moved, above the classification line, say, is judged
        # with the captions moved with it, not against those left in their place; nor
        # is it a mark for the handling captions, which are in place under that line)
        moved = {span.line for _, span in cable.late_captions}
        for group in ((False, True) if moved else (False,)):
            yield from self._order(cable, [(kind, span) for kind, span in cable.captions if (span.line in moved) == group])
        first = min((span.line for kind, span in cable.captions if kind in ORDER and span.line not in moved), default=None)
        if first is None:
            return
        for caveat in cable.caveats:
            if caveat.span.line > first and caveat.name != "SENSITIVE BUT UNCLASSIFIED":
                # as the drafter wrote it ("Nofron", "sipdis"); not a span that holds more
                # than the caveat ("C O R R E C T E D C O P Y (ADDED TAGS)")
                shown = written(cable, caveat.span) or caveat.name
                if caveat.known and shown.upper() != caveat.name:
                    shown = caveat.name
                yield Finding(caveat.span, f"caveat {clip(shown)} comes after the E.O./TAGS/SUBJECT captions: expected it under the classification line")
        for err in late_attention_lines(cable) if cable.errors else ():
            above = next(kind for kind, span in cable.captions if kind in ORDER and span.line < err.span.line)
            yield Finding(err.span, f"attention line '{clip(err.text.strip())}' comes after the {NAMES[above]} line: expected attention lines above the E.O. line")

    def _order(self, cable: Cable, captions: list[tuple[str, Span]]) -> Iterator[Finding]:
        """The *captions* out of the handbook's order, each once."""
        placed: list[tuple[str, Span]] = []  # the first caption of each kind, in text order
        for kind, span in captions:
            if kind in ORDER and kind not in (k for k, _ in placed):
                placed.append((kind, span))
        in_order = _most_in_order([ORDER.index(kind) for kind, _ in placed])
        for i, (kind, span) in enumerate(placed):
            if i in in_order:
                continue
            # a moved caption, reported once against the ones that stayed in order
            rank = ORDER.index(kind)
            after = [NAMES[k] for j, (k, _) in enumerate(placed) if j < i and j in in_order and ORDER.index(k) > rank]
            before = [NAMES[k] for j, (k, _) in enumerate(placed) if j > i and j in in_order and ORDER.index(k) < rank]
            where = f"comes after {', '.join(after)}" if after else f"comes before {', '.join(before)}"
            yield Finding(line_span(cable, span), f"{_part(kind)} {where}: expected the order E.O., TAGS, SUBJECT, REF")


def _most_in_order(ranks: list[int]) -> set[int]:
    """The positions of the longest run of *ranks* that is in increasing order (not
    necessarily adjacent); of runs as long, the one that keeps the earliest captions
    in place, so that a caption moved up or down is the one reported."""
    for size in range(len(ranks), 0, -1):
        for kept in combinations(range(len(ranks)), size):  # in lexicographic order
            if all(ranks[a] < ranks[b] for a, b in zip(kept, kept[1:])):
                return set(kept)
    return set()


def _part(kind: str) -> str:
    """A caption as the handbook names it: 'TAGS line', but 'REF block'."""
    return "REF block" if kind == "refs" else f"{NAMES[kind]} line"


def line_span(cable: Cable, span: Span) -> Span:
    """The first line of *span*, to the end of that line's text."""
    if span.end_line == span.line:
        return span
    line = cable.lines[span.line - 1]
    return Span(span.line, span.column, span.line, len(line.raw.rstrip()) + 1, span.start, line.start + len(line.raw.rstrip()))


class DuplicateCaption(Rule):
    """A caption (E.O., TAGS, SUBJECT, REF) that appears twice.

    Why: each caption is given once (cable-format.md 3.9); a second copy is usually
    a paste error, and readers cannot tell which one holds. Received copies that
    repeat the captions for each section (a page header between the copies) are
    excepted. So are the captions of another cable pasted under this one (after a
    classification line inside the text): they are reported as second captions too,
    which is how such a file shows.

    Bad: two ``TAGS:`` lines.
    Good: one ``TAGS:`` line, continued on the next line when it is long.
    """

    code = "H011"
    name = "duplicate-caption"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        first: dict[str, Span] = {}
        pasted = set(cable.pasted_captions)
        for kind, span in [*cable.captions, *cable.pasted_captions]:
            if kind not in ORDER:
                continue
            if kind not in first:
                first[kind] = span
                continue
            earlier = first[kind]
            if (kind, span) not in pasted and any(earlier.line < ph.span.line < span.line for ph in cable.page_headers):
                continue  # a received copy repeats the captions for each section
            yield Finding(line_span(cable, span), f"second {_part(kind)} (the first is on line {earlier.line}): expected one {_part(kind)}")


RULES: tuple[type[Rule], ...] = (
    CaptionOrder,
    DuplicateCaption,
)
