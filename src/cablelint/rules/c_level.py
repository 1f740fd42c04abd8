"""C: the classification line and its level against the portion markings (cable-format.md 3.1, 4.2)."""

from __future__ import annotations

import re
from typing import Iterator, Optional

from cablelint.grammar.read_address import fm_post
from cablelint.grammar.read_classline import class_line_with_serial
from cablelint.linter.rule import Context, Finding, Rule, field_problems
from cablelint.model import LEVEL_RANK, SECURITY_LEVELS, Cable, ClassificationLine, Text
from cablelint.quote import LINE, clip, plural
from cablelint.rules._c_shared import Portion, marked_portions
from cablelint.rules._header import number_of, serial_malformed
from cablelint.rules._places import LEVEL_WORD, MARK_RANK, level_outvoted, line_start, text_start, written
from cablelint.span import Span


def _line_seconded(cable: Cable) -> bool:
    """Whether another witness gives the classification line's level: the FL4 code or
    the closing banner. Then portions marked above the line are the slips, not the line."""
    line = cable.level_rank
    sec = cable.routing.security_line if cable.routing is not None else None
    if sec is not None and sec.code is not None and LEVEL_RANK.get(SECURITY_LEVELS.get(sec.code.text, "")) == line:
        return True
    closing = cable.closing_classification
    return closing is not None and closing.level is not None and LEVEL_RANK.get(closing.level) == line


def _portions_outvote(cable: Cable, above: list[Portion]) -> bool:
    """Whether the portions marked above the classification line (*above*) outvote
    it: two or more, all at one level, and nothing else gives the line's level (C003
    then reports the line, once)."""
    cls = cable.classification
    return len(above) >= 2 and len({p.rank for p in above}) == 1 and cls is not None and cls.level is not None and not _line_seconded(cable)


def _sent(cable: Cable) -> bool:
    """Whether the cable was sent, so that its classification line names its post and
    serial (a draft may lack them: cable-format.md 5.5). A telegram with an address block but
    neither routing header nor date-time group line is a draft whose address block was
    typed by hand: nothing says it was sent."""
    if cable.dialect not in ("telegram", "cablegate"):
        return False
    return not (cable.dialect == "telegram" and cable.routing is None and cable.legacy_dtg is None and (cable.from_line is not None or cable.to or cable.info or cable.xmt))


def _station_serial(cable: Cable) -> Optional[int]:
    """The DE line's station serial, the last four digits of the classification line's
    serial (cable-format.md 2.3: 'STATE 128877' is '#8877'), or None."""
    de = cable.routing.de_line if cable.routing is not None else None
    return number_of(de.serial.text) if de is not None and de.serial is not None else None


def _where_post_goes(cable: Cable, cls: ClassificationLine) -> Span:
    """Where the post goes on a classification line that has none: after the level,
    EFTO or SPECAT, SECTION and any caveat written with '//' before it; a caveat run on
    after those without '//' ('C O N F I D E N T I A L SIPDIS') is a caption run on
    after the line (cable-format.md 3.1), so the post goes before it."""
    raw = cable.lines[cls.level_text.span.line - 1].raw
    level = cls.level_text.span
    parts = [level]
    if cls.level == "UNCLASSIFIED EFTO":
        after = raw[level.end_column - 1 :]
        gap = len(after) - len(after.lstrip(" \t"))
        if after[gap : gap + 4].upper() == "EFTO":
            parts.append(Span(level.line, level.end_column + gap, level.line, level.end_column + gap + 4, level.end + gap, level.end + gap + 4))
    if cls.section is not None:
        parts.append(cls.section.span)
    caveats = list(cls.caveats)
    while caveats and caveats[-1].span.line == level.line and not caveats[-1].name.startswith("SPECAT"):
        tail = caveats[-1].span
        if tail.start < max(p.end for p in parts) or raw[: tail.column - 1].rstrip(" \t")[-1:] in ("/", ",") or raw[tail.column - 1 : tail.column] in ("/", ","):
            break  # (after '//', or a slash or comma for them: '//ORCON/NOFORN')
        caveats.pop()  # written without '//' after the line's last field
    parts.extend(c.span for c in caveats)
    last = max(parts, key=lambda s: s.end)
    return Span(last.end_line, last.end_column, last.end_line, last.end_column, last.end, last.end)


def _in_post_place(cable: Cable, at: Span) -> Optional[Text]:
    """The word written where the post and serial go (*at*) on a classification line
    that has neither, when it has a digit in it ('ABC123456': letters then digits, no
    post the reader knows glued to its serial), run on after the line; else None."""
    for run_on in cable.attention:
        if run_on.span.line != at.line or run_on.span.start < at.start or not run_on.text:
            continue
        if cable.lines[at.line - 1].raw[at.column - 1 : run_on.span.column - 1].strip():
            return None  # (something else stands between)
        word = re.split(r"[/,]", run_on.text.split()[0])[0]  # not a caveat after it ('ABC123456//NOFORN')
        if not any(c.isdigit() for c in word):
            return None
        s = run_on.span
        return Text(word, Span(s.line, s.column, s.line, s.column + len(word), s.start, s.start + len(word)))
    return None


class MissingClassificationLine(Rule):
    """No classification line before the captions.

    Why: the classification line is the first line of every cable's text and of the
    drafter's pseudo header (5 FAH-2 H-222; cable-format.md 3.1); handling, routing
    and the paragraph markings are all read against it. A draft is not asked for the
    post and serial, which it gets at transmission (5.4). A drafter's banner
    ``SENSITIVE BUT UNCLASSIFIED`` on the first line is reported at the banner: SBU
    is a control within UNCLAS, written as a caption under the classification line
    (3.1, 3.2), so the line ``UNCLASSIFIED`` is what is missing above it.

    Bad: a text block that starts with ``SIPDIS``; one that starts with
    ``SENSITIVE BUT UNCLASSIFIED``.
    Good: ``C O N F I D E N T I A L BAMAKO 000097`` above the captions; ``UNCLASSIFIED``
    above ``SENSITIVE BUT UNCLASSIFIED``.
    """

    code = "C001"
    name = "missing-classification-line"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.classification is not None:
            return
        first = text_start(cable)
        banner = next((c for c in cable.caveats if c.span.line == first and c.name.startswith("SENSITIVE BUT UNCLASSIFIED")), None)
        if banner is not None:
            # a drafter's SBU banner where the level belongs: SBU is a control within
            # UNCLAS, written as a caption under the classification line (3.1, 3.2)
            shown = written(cable, banner.span) or banner.name
            yield Finding(banner.span, f"'{clip(shown)}' stands where the classification line belongs, but SBU is a handling caption, not a level: expected UNCLASSIFIED (or UNCLAS) on the line above it")
            return
        found = f" (the security line says {cable.level})" if cable.level else ""
        # a draft gets its post and serial at transmission (5.4): it is not asked for them
        shape = "" if cable.dialect == "draft" else " with post and serial"
        yield Finding(line_start(cable, first), f"no classification line{found}: expected UNCLAS, C O N F I D E N T I A L, S E C R E T or T O P S E C R E T{shape} before the captions")


class MalformedClassificationLine(Rule):
    """A classification line with a damaged level, a bad SECTION part or a bad serial.

    Why: the level word is written in one of a few fixed forms (``UNCLAS``,
    ``C O N F I D E N T I A L``, ``S E C R E T``; cable-format.md 3.1); a doubled or
    lost letter (``SS E C R E T``, ``UUNCLAS``), or one too many (``S E C R E T T``),
    is transmission or re-keying damage, and the rest of the line is still read.
    ``SECTION NN OF MM`` takes two digits each, its keyword and its total are not
    left out (``01 OF 03 PARIS``, ``SECTION 01 OF PARIS``); the serial is six digits, and a cable that was sent
    has one (a draft may lack it, 5.5, and so may one whose address block the drafter
    typed, with no routing header or DTG line to say it was sent; the DE line's serial
    is named when known); legacy
    4-5 digit serials are accepted on cables from before 2001, and on a sent cable
    whose date is not known, but not in an undated draft, written now by today's
    rules (5.4). A serial typed with
    letters for digits (``OOO517``) is reported with the digits meant, and so is a
    closing banner after the signature that names another level than the line at
    the top (unless the FL4 code and the portion markings agree with the banner:
    then the top line is the slip, and R008 reports it; or, with no FL4 code to side
    with the top line, two or more portions at the banner's level: C003 reports the
    top line and names the banner). A first line whose level word has one letter
    wrong, with a post after it (``UNCLASS BAMAKO 000341``,
    ``T O P S E C E R T CAIRO 000214``) or alone, is the
    classification line with its level misspelt, and the closest level is named; so
    is such a line with a post right under the address block, with no blank line
    between, and a closing banner so misspelt under the signature
    (``S E C E R T``), not a line S004 cannot place. A tab between the fields (``UNCLAS<TAB>BAMAKO 000097``) is taken for a
    space (cable-format.md 0); one between the letters of a spaced level
    (``S E C<TAB>R E T``) is reported at the tab, and the line read as with a space,
    there, on a classification line moved among the captions and on a closing banner.
    EFTO with one letter wrong after UNCLAS (``UNCLAS ETFO DHAKA 000733``) is named
    as EFTO misspelt, and the line read as UNCLAS EFTO, not as the post's first word.
    A post with a digit typed in it (``UNCLAS DHAK4 000733``) is named at the post, and
    the serial after it still read; so is a dash or slash between the post and serial
    (``SANTIAGO - 000712``, ``SANTIAGO-000712``, ``SANTIAGO/000712``), named at the
    mark. A post and serial alone on the line right under a
    classification line that has neither (``C O N F I D E N T I A L`` then
    ``ALGIERS 000045``), or under it and one blank line, is the line split in two,
    named at the post and serial. A serial with no post before it
    (``C O N F I D E N T I A L 000612``) is named at the serial, and a stray mark
    after the serial (``RABAT 000612 ~``, ``RABAT 000612.``), or after a caveat
    that ends the line (``RABAT 000612//NOFORN/``), at the mark; so is a
    stop, comma or ``~`` after the level, SECTION or a caveat before the post
    (``C O N F I D E N T I A L. RABAT 000612``, ``SECRET//REL TO USA/GBR ~ BAMAKO
    000712``), the post and serial after it still read. A sent cable's line with
    neither post nor serial (``S E C R E T``) is named where the post belongs, with
    the post the FM line names and the DE line's serial (``ANKARA 001502``), or, when
    a word with a digit stands there that reads as neither (``ABC123456``), named
    as written, at it; a draft, or a cable not sent, is exempt as for the serial alone.

    Bad: ``SS E C R E T SECTION 1 OF 3 MOSCOW 226``, ``... COPENHAGEN OOO517``.
    Good: ``S E C R E T SECTION 01 OF 03 MOSCOW 000226``.
    """

    code = "C002"
    name = "malformed-classification-line"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "classification", "section")
        yield from self._closing(cable, ctx)
        yield from self._no_serial(cable)
        yield from self._no_post(cable)
        cls = cable.classification
        if cls is None or cls.serial is None or not serial_malformed(cable):
            return
        digits = len(cls.serial.text)
        when = ""
        if 4 <= digits <= 5:  # a legacy length: what rules it out
            when = f" on a {cable.date.year} cable" if cable.date is not None else " in a draft"
        yield Finding(cls.serial.span, f"serial '{clip(cls.serial.text)}' has {plural(digits, 'digit')}{when}: expected 6 digits, zero padded (4-5 only on cables sent before 2001)")

    def _no_serial(self, cable: Cable) -> Iterator[Finding]:
        """A post with no serial after it, in a cable that was sent (a draft may lack
        its serial: cable-format.md 5.5)."""
        cls = cable.classification
        if cls is None or cls.post is None or cls.serial is not None or not _sent(cable):
            return
        end = cls.post.span
        if any(p.span.start >= end.end for p in cls.problems):
            return  # something after the post is reported already (a serial typed with letters)
        serial = _station_serial(cable)
        post = cls.post.text
        expected = f"the cable's serial (ending {serial:04d}) after '{clip(post)}'" if serial is not None else f"a 6-digit serial after '{clip(post)}'"
        yield Finding(Span(end.end_line, end.end_column, end.end_line, end.end_column, end.end, end.end), f"no serial after the post: expected {expected}")

    def _no_post(self, cable: Cable) -> Iterator[Finding]:
        """A classification line with neither post nor serial ('S E C R E T'), in a cable
        that was sent (a draft gets both at transmission: cable-format.md 3.1, 5.4,
        5.5): named where the post belongs, after the level, SECTION and any caveat
        before it, with the post the FM line names and the DE line's serial. A line
        C002 reports already before where the post goes (its level misspelt) is not
        named twice (a stray mark after it, 'S E C R E T ~', is a fault apart), nor a
        banner above a classification line that has them, read as an attention line."""
        cls = cable.classification
        if cls is None or cls.post is not None or cls.serial is not None or cls.level is None or not _sent(cable):
            return
        if any(class_line_with_serial(a.text) for a in cable.attention):
            return  # a banner above the line with them ('SECRET' / 'S E C R E T MOSCOW 011807')
        at = _where_post_goes(cable, cls)
        if any(p.span.start < at.start for p in cls.problems):
            return  # (a stray mark after where they go, 'SECTION 01 OF 02//NOFORN ~', is a fault of its own)
        line = written(cable, Span(cls.span.line, cls.span.column, at.line, at.column, cls.span.start, at.start)) or cls.level_text.text
        plad = cable.from_line.address.text if cable.from_line is not None and cable.from_line.address is not None else None
        post = fm_post(plad) if plad is not None else None
        serial = _station_serial(cable)
        if post is not None and serial is not None:
            expected = f"the post '{clip(post)}' and the cable's serial (ending {serial:04d})"
        elif post is not None:
            expected = f"the post '{clip(post)}' and a 6-digit serial"
        elif serial is not None:
            expected = f"the originating post and the cable's serial (ending {serial:04d})"
        else:
            expected = "the originating post and a 6-digit serial"
        shown = _in_post_place(cable, at)
        if shown is not None:
            # 'C O N F I D E N T I A L ABC123456': something written where the post and
            # serial go that reads as neither (no post glued to its serial): named as written
            yield Finding(shown.span, f"'{clip(shown.text)}' on the classification line is no post and serial: expected {expected}")
            return
        yield Finding(at, f"no post or serial on the classification line '{clip(line.strip(), LINE)}': expected {expected}")

    def _closing(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        """A closing banner after the signature that names another level, or whose
        level is written wrong (a tab between its letters) as the top line's would be."""
        cls, closing = cable.classification, cable.closing_classification
        if closing is not None:
            level = closing.level_text.span
            yield from (Finding(p.span, p.message) for p in closing.problems if p.field == "classification" and level.start <= p.span.start < level.end)
        if cls is None or closing is None or cls.level is None or closing.level is None:
            return
        if LEVEL_RANK.get(closing.level) == LEVEL_RANK.get(cls.level):
            return
        if level_outvoted(cable) == LEVEL_RANK.get(closing.level):
            return  # the FL4 code and the portions side with the banner: R008 reports the top line
        rank = max(cable.level_rank or 0, level_outvoted(cable) or 0)
        above = [p for p in ctx.shared(marked_portions, cable) if p.rank is not None and p.rank > rank]
        if _portions_outvote(cable, above) and above[0].rank == LEVEL_RANK.get(closing.level):
            return  # the portions side with the banner: C003 reports the top line, naming it
        yield Finding(
            closing.level_text.span,
            f"the closing classification line says {closing.level}, the one on line {cls.span.line} {cls.level}: "
            f"expected the cable's level at both ends",
        )


class ParagraphExceedsClassification(Rule):
    """A paragraph, a sub-paragraph or the subject marked higher than the cable itself.

    Why: a cable is classified at the level of its most sensitive portion; a portion
    marked above the classification line means either the marker or the cable's
    level is wrong, and the cable may be handled below its content (cable-format.md
    4.2; 5 FAH-1 H-246.2). A lettered sub-paragraph's own marker (``A. (C) ...``,
    4.1) is a portion marking too; one in lower case (``A. (c)``) is a list label.
    A marker written wrong (``(c)``, ``[C]``, ``(CONFIDENTIAL)``, a blank inside,
    ``(C )``) is weighed at the level it reads, beside P003's finding. So is the
    marker of a paragraph or heading with no number (``(S/NF) Summary: ...`` above
    paragraph 1, ``(U) Post concurs.`` alone), at the left margin where a paragraph
    starts, in capitals. When the FL4 code agrees with the highest portion and not with the classification
    line, the line is the slip and R008 reports it there, once. So it is when two or
    more portions are marked at one level above the line and neither the FL4 code nor
    a closing banner gives the line's level (a draft lowered to CONFIDENTIAL over two
    ``(S)`` paragraphs): one finding at the line names them, and a closing banner
    at their level (C002 then says nothing of it). A single portion above
    the line is reported at its marker.

    Bad: ``3. (S) Text.`` in a ``C O N F I D E N T I A L`` cable.
    Good: ``3. (C) Text.``, or the cable classified SECRET.
    """

    code = "C003"
    name = "paragraph-exceeds-classification"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        rank = cable.level_rank
        if rank is None:
            return
        # the FL4 code and the portions agree above the classification line: the line
        # is the slip, and R008 reports it there
        rank = max(rank, level_outvoted(cable) or 0)
        above = [p for p in ctx.shared(marked_portions, cable) if p.rank is not None and p.rank > rank]
        cls = cable.classification
        if _portions_outvote(cable, above) and cls is not None:
            # several portions agree on one level above the line, and nothing else
            # speaks for the line: the line is the one slip
            top = LEVEL_WORD[above[0].rank or 0]
            which = ", ".join(f"{p.what} {clip(p.shown)}" for p in above)
            noun = "paragraphs" if all(p.number is not None and p.sub is None for p in above) else "portions"
            closing = cable.closing_classification
            banner = ""
            if closing is not None and closing.level is not None and LEVEL_RANK.get(closing.level) == above[0].rank:
                banner = f", and the closing classification line on line {closing.span.line} says {closing.level}"
            yield Finding(
                cls.level_text.span,
                f"the classification line says {cable.level}, but {len(above)} {noun} are marked {top} ({which}){banner}: "
                f"expected {top}, the level of the cable's highest portions",
            )
            return
        for p in above:
            yield Finding(p.marker.span, f"{p.what} is marked {clip(p.shown)}, above the cable's {cable.level}: expected a marking no higher than {LEVEL_WORD[rank]}")


class OverClassified(Rule):
    """The cable is classified higher than every one of its portion markings.

    Why: a cable takes the level of its highest portion (cable-format.md 4.2); when
    every paragraph is marked and none reaches the cable's level, the cable is
    over-classified or a marker is too low. Only checked when every numbered
    paragraph carries a readable marker; a portion marked with no number (``(S)
    Summary: ...`` above paragraph 1) counts among the portions. When the FL4 code sides with the portions,
    R008 reports the classification line instead. Nor when the archive withheld
    whole paragraphs below the header (redactions.withheld_paragraph: a line of
    ``XXXXXXXXXXXX`` or ``xxxxx`` after the paragraph's number, ``3. XXXXXXXXXXXX``,
    read as a paragraph's head or between blank lines, not an item of a list
    numbered inside a paragraph; or the run alone between blank lines): they may be
    the ones at the cable's level.

    Bad: ``S E C R E T`` with only ``(C)`` and ``(U)`` paragraphs.
    Good: ``C O N F I D E N T I A L`` for that text.
    """

    code = "C009"
    name = "over-classified"
    severity = "info"
    needs = ("paragraphs",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        rank = cable.level_rank
        cls = cable.classification
        if rank is None or rank < 1 or cls is None or not cable.paragraphs:
            return
        if any(p.level not in MARK_RANK for p in cable.paragraphs):
            return
        ranks = [p.rank for p in ctx.shared(marked_portions, cable) if p.rank is not None]
        highest = max(ranks)
        # (paragraphs the archive withheld whole may be the ones at the cable's level)
        if highest < rank and level_outvoted(cable) is None and not cable.withheld_paragraphs:  # (else R008's, at the line)
            yield Finding(cls.level_text.span, f"cable is {cable.level} but no portion is marked above {LEVEL_WORD[highest]}: expected the cable's level to match its highest portion")


RULES: tuple[type[Rule], ...] = (
    MissingClassificationLine,
    MalformedClassificationLine,
    ParagraphExceedsClassification,
    OverClassified,
)
