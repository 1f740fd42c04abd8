"""C: the classification line and handling captions (cable-format.md 3.1, 3.2, 3.8, 4.2)."""

from __future__ import annotations

import difflib
from datetime import datetime
from typing import Iterator, NamedTuple, Optional

from cablelint.grammar.patterns import field
from cablelint.grammar.read_classline import CAVEATS
from cablelint.linter.rule import Context, Finding, Rule, field_problems
from cablelint.model import LEVEL_RANK, SECURITY_LEVELS, Cable, Text
from cablelint.rules._header import number_of, serial_malformed
from cablelint.rules._places import LEVEL_WORD, MARK_RANK, article, level_outvoted, line_start, text_start, under_eo_12958, written
from cablelint.span import Span

_KNOWN_CAVEAT = field("KNOWN_CAVEAT")
_REASON_WORD = field("CLSBY_REASON_WORD")
_CAVEAT_LIST = ", ".join(CAVEATS)
# E.O. 12958 listed its categories in section 1.5 until the amendment of 25 March 2003
# moved them to 1.4, where E.O. 13526 keeps them (cable-format.md 3.8).
_AMENDED = datetime(2003, 3, 25)
_EO_13526_FROM = datetime(2010, 6, 27)
_CATEGORIES = {"4": "abcdefgh", "5": "abcdefg"}


def _slip_for(written: str) -> Optional[str]:
    """The caveat *written* is a slip for ('SIPIDS': SIPDIS), if any."""
    close = difflib.get_close_matches(written.upper(), CAVEATS, n=1, cutoff=0.75)
    return close[0] if close else None


def _unknown_caveats(cable: Cable) -> list[Text]:
    """The caveats C006 reports as unknown, as written, in text order: on caveat lines,
    above or below the attention lines (a one-word line that is no caveat with a letter
    wrong is attention text, and the reader keeps it there), and on the classification
    line."""
    out = [Text(written(cable, caveat.span) or caveat.name, caveat.span) for caveat in cable.caveats if not caveat.known]
    if cable.classification is not None:
        out.extend(t for t in cable.classification.caveats if not _KNOWN_CAVEAT.fullmatch(t.text.upper()))
    return out


def _meant_caveats(cable: Cable) -> tuple[str, ...]:
    """The cable's caveats as its drafter meant them: a misspelt one that C006 reports
    ('NOFRON') counts as the caveat C006 names (NOFORN), so that one slip is one
    finding rather than C006's and then C007's or C008's."""
    slips = (_slip_for(t.text) for t in _unknown_caveats(cable))
    return cable.caveat_names + tuple(slip for slip in slips if slip is not None)


class _Portion(NamedTuple):
    number: Optional[int]  # the paragraph's; None for the subject
    marker: Text
    level: Optional[str]  # "U", "SBU", "C", ...
    controls: tuple[str, ...]
    rank: Optional[int]  # the level's rank (MARK_RANK)
    sub: Optional[str] = None  # a sub-paragraph's label ("A" in "3.A")

    @property
    def what(self) -> str:
        if self.sub is not None:
            return f"sub-paragraph {self.sub}" if self.number is None else f"sub-paragraph {self.number}.{self.sub}"
        return "the subject" if self.number is None else f"paragraph {self.number}"

    @property
    def shown(self) -> str:
        return f"({self.marker.text})" if self.number is None else self.marker.text


def _marked(cable: Cable) -> list[_Portion]:
    """The subject marking and every paragraph and sub-paragraph marker, in source
    order."""
    out: list[_Portion] = []
    subj = cable.subject
    if subj is not None and subj.marking is not None:
        out.append(_Portion(None, subj.marking, subj.level, subj.controls, MARK_RANK.get(subj.level or "")))
    out.extend(
        _Portion(para.number, para.marker, para.level, para.controls, MARK_RANK.get(para.level or ""))
        for para in cable.paragraphs
        if para.marker is not None
    )
    subs = [
        _Portion(sub.paragraph, sub.marker, sub.level, sub.controls, MARK_RANK.get(sub.level or ""), sub.label)
        for sub in cable.subparagraphs
        if sub.marker is not None
    ]
    if subs:
        out = sorted(out + subs, key=lambda p: p.marker.span.start)
    return out


def _sensitive(names: tuple[str, ...]) -> bool:
    return any("SENSITIVE" in name or name == "SBU" for name in names)


def _line_seconded(cable: Cable) -> bool:
    """Whether another witness gives the classification line's level: the FL4 code or
    the closing banner. Then portions marked above the line are the slips, not the line."""
    line = cable.level_rank
    sec = cable.routing.security_line if cable.routing is not None else None
    if sec is not None and sec.code is not None and LEVEL_RANK.get(SECURITY_LEVELS.get(sec.code.text, "")) == line:
        return True
    closing = cable.closing_classification
    return closing is not None and closing.level is not None and LEVEL_RANK.get(closing.level) == line


def _portions_outvote(cable: Cable, above: list[_Portion]) -> bool:
    """Whether the portions marked above the classification line (*above*) outvote
    it: two or more, all at one level, and nothing else gives the line's level (C003
    then reports the line, once)."""
    cls = cable.classification
    return len(above) >= 2 and len({p.rank for p in above}) == 1 and cls is not None and cls.level is not None and not _line_seconded(cable)


class MissingClassificationLine(Rule):
    """No classification line before the captions.

    Why: the classification line is the first line of every cable's text and of the
    drafter's pseudo header (5 FAH-2 H-222; cable-format.md 3.1); handling, routing
    and the paragraph markings are all read against it.

    Bad: a text block that starts with ``SIPDIS``.
    Good: ``C O N F I D E N T I A L BAMAKO 000097`` above the captions.
    """

    code = "C001"
    name = "missing-classification-line"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.classification is not None:
            return
        where = line_start(cable, text_start(cable))
        found = f" (the security line says {cable.level})" if cable.level else ""
        yield Finding(where, f"no classification line{found}: expected UNCLAS, C O N F I D E N T I A L, S E C R E T or T O P S E C R E T with post and serial before the captions")


class MalformedClassificationLine(Rule):
    """A classification line with a damaged level, a bad SECTION part or a bad serial.

    Why: the level word is written in one of a few fixed forms (``UNCLAS``,
    ``C O N F I D E N T I A L``, ``S E C R E T``; cable-format.md 3.1); a doubled or
    lost letter (``SS E C R E T``, ``UUNCLAS``), or one too many (``S E C R E T T``),
    is transmission or re-keying damage, and the rest of the line is still read.
    ``SECTION NN OF MM`` takes two digits each, its keyword and its total are not
    left out (``01 OF 03 PARIS``, ``SECTION 01 OF PARIS``); the serial is six digits, and a cable that was sent
    has one (a draft may lack it, 5.5; the DE line's serial is named when known); legacy
    4-5 digit serials are accepted on cables from before 2001. A serial typed with
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
    between. A tab between the fields (``UNCLAS<TAB>BAMAKO 000097``) is taken for a
    space (cable-format.md 0); one between the letters of a spaced level
    (``S E C<TAB>R E T``) is reported at the tab, and the line read as with a space,
    there, on a classification line moved among the captions and on a closing banner.
    EFTO with one letter wrong after UNCLAS (``UNCLAS ETFO DHAKA 000733``) is named
    as EFTO misspelt, and the line read as UNCLAS EFTO, not as the post's first word.
    A post with a digit typed in it (``UNCLAS DHAK4 000733``) is named at the post, and
    the serial after it still read. A post and serial alone on the line right under a
    classification line that has neither (``C O N F I D E N T I A L`` then
    ``ALGIERS 000045``), or under it and one blank line, is the line split in two,
    named at the post and serial. A serial with no post before it
    (``C O N F I D E N T I A L 000612``) is named at the serial, and a stray mark
    after the serial (``RABAT 000612 ~``) at the mark.

    Bad: ``SS E C R E T SECTION 1 OF 3 MOSCOW 226``, ``... COPENHAGEN OOO517``.
    Good: ``S E C R E T SECTION 01 OF 03 MOSCOW 000226``.
    """

    code = "C002"
    name = "malformed-classification-line"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "classification", "section")
        yield from self._closing(cable)
        yield from self._no_serial(cable)
        cls = cable.classification
        if cls is None or cls.serial is None or not serial_malformed(cable):
            return
        digits = len(cls.serial.text)
        when = f" on a {cable.date.year} cable" if cable.date is not None and 4 <= digits <= 5 else ""
        yield Finding(cls.serial.span, f"serial '{cls.serial.text}' has {digits} digits{when}: expected 6 digits, zero padded (4-5 only before 2001)")

    def _no_serial(self, cable: Cable) -> Iterator[Finding]:
        """A post with no serial after it, in a cable that was sent (a draft may lack
        its serial: cable-format.md 5.5)."""
        cls = cable.classification
        if cls is None or cls.post is None or cls.serial is not None or cable.dialect not in ("telegram", "cablegate"):
            return
        end = cls.post.span
        if any(p.span.start >= end.end for p in cls.problems):
            return  # something after the post is reported already (a serial typed with letters)
        de = cable.routing.de_line if cable.routing is not None else None
        station = de.serial.text if de is not None and de.serial is not None else None
        serial = number_of(station) if station is not None else None
        post = cls.post.text
        expected = f"'{post} {serial:06d}'" if serial is not None else f"a 6-digit serial after '{post}'"
        yield Finding(Span(end.end_line, end.end_column, end.end_line, end.end_column, end.end, end.end), f"no serial after the post: expected {expected}")

    def _closing(self, cable: Cable) -> Iterator[Finding]:
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
        above = [p for p in _marked(cable) if p.rank is not None and p.rank > rank]
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
    When the FL4 code agrees with the highest portion and not with the classification
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
        above = [p for p in ctx.shared(_marked, cable) if p.rank is not None and p.rank > rank]
        cls = cable.classification
        if _portions_outvote(cable, above) and cls is not None:
            # several portions agree on one level above the line, and nothing else
            # speaks for the line: the line is the one slip
            top = LEVEL_WORD[above[0].rank or 0]
            which = ", ".join(f"{p.what} {p.shown}" for p in above)
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
            yield Finding(p.marker.span, f"{p.what} is marked {p.shown}, above the cable's {cable.level}: expected a marking no higher than {LEVEL_WORD[rank]}")


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

    Bad: a ``S E C R E T`` cable whose captions end with ``SUBJECT:``; a 2008 cable
    with ``1. (C - ENTIRE TEXT)`` and no Classified By line; in a draft,
    ``Classified By: Ambassador Jane Doe.``; ``for reasons 1.6 (b)``; ``1.4 (j)``.
    Good: ``Classified By: Ambassador Jane Doe for reasons 1.4 (b) and (d).``
    """

    code = "C004"
    name = "missing-classification-authority"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        rank = cable.level_rank
        clsby = cable.classified_by
        if clsby is not None:  # a misspelt keyword, in any era
            yield from field_problems(cable, ctx, "classified_by")
        if rank is None or rank < 1 or not under_eo_12958(cable):
            return
        if clsby is not None:
            if clsby.reason_section is not None:
                yield from self._reason(cable, clsby.reason_section, clsby.reason_letters, clsby.letter_spans)
            elif not clsby.derived and (cable.dialect == "draft" or not _REASON_WORD.search(clsby.text)):
                yield Finding(clsby.span, "Classified By line gives no reason: expected the order's section and categories, as in 'for reasons 1.4 (b) and (d)'")
            return
        ends = [span.end_line for _, span in cable.captions]
        if cable.classification is not None:
            ends.append(cable.classification.span.end_line)
        where = line_start(cable, (max(ends) if ends else text_start(cable) - 1) + 1)
        expected = "expected 'Classified By: <name and title> for reasons 1.4 (b) and (d)' after the captions"
        entire = next((p for p in cable.paragraphs if p.entire_text), None)
        if entire is not None:
            # the older practice in its place ("1. (C - ENTIRE TEXT)"): one fault, reported
            # here rather than also as a malformed marker (P003)
            yield Finding(where, f"{cable.level} cable has no classification authority: paragraph {entire.number} marks the entire text, as cables did before E.O. 12958 (October 1995); {expected}, and a marker on each paragraph")
            return
        yield Finding(where, f"{cable.level} cable has no classification authority: {expected}")

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
    line's contradiction and H004 reports it.

    Bad: ``UNCLAS BAMAKO 000097`` ... ``Classified By: Ambassador Jane Doe, 1.4 (d).``
    Good: ``UNCLAS BAMAKO 000097`` with no Classified By line.
    """

    code = "C005"
    name = "unclassified-with-classification-authority"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.level_rank != 0 or cable.classified_by is None:
            return
        span = cable.classified_by.span
        first = cable.lines[span.line - 1]
        yield Finding(
            Span(span.line, span.column, span.line, len(first.raw) + 1, span.start, first.start + len(first.raw)),
            f"{cable.level} cable has a Classified By line: expected none on an unclassified cable (or a classified level)",
        )


class UnknownCaveat(Rule):
    """A handling caption that is not a known caveat.

    Why: the Department's dissemination system routes on exact captions (5 FAH-2
    H-252; cable-format.md 3.2); a misspelt caption is not recognised and the cable
    is distributed without the restriction. A one-word line where the attention
    lines go (``CODEL``, an office, a wrapped name) is attention text and is not
    checked (cable-format.md 3.3), unless it is a caveat with a letter wrong
    (``NOFRON``), above or below the attention lines or among the E.O., TAGS and
    SUBJECT captions. On a caveat line, a misspelt caveat after a correct one
    (``NOFORN EXDISS``) is a caveat too, when nothing but caveats follows it.
    Caveats on the classification line (``SECRET//NOFORN``, ``S E C R E T NOFORN
    BEIRUT 000911``) and on a second banner under it (``SECRET NOFORN``) are
    checked too; a misspelt one is named with the caveat it stands for, and C007
    and C008 take it for that caveat.

    A caveat in lower or mixed case (``sipdis``) is reported too, as the
    classification line and the captions are (cable-format.md 0, 3.2: caption
    keywords are in capitals); not in the archive's down-cased cables, whose
    classification line C002 already reports (cable-format.md 5.2). One both
    misspelt and not in capitals (``Exdiss``) is one finding, the caveat it stands
    for named in capitals, wherever its line stands; a one-word attention line in
    mixed case (``Codel``) is attention text, as in capitals.

    Bad: ``NOFRON`` under the classification line; ``SECRET//NOFRON``; ``sipdis``; ``Exdiss``.
    Good: ``NOFORN``; ``SIPDIS``.
    """

    code = "C006"
    name = "unknown-caveat"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        found = [
            (text.span, f"'{text.text}' is not a known handling caveat: expected {_slip_for(text.text) or f'one of {_CAVEAT_LIST}'}")
            for text in ctx.shared(_unknown_caveats, cable)
        ]
        found += [(span, f"'{written}' is not in capitals: expected {written.upper()}") for span, written in _down_cased_caveats(cable)]
        for span, message in sorted(found, key=lambda f: f[0].start):
            yield Finding(span, message)


def _down_cased_caveats(cable: Cable) -> Iterator[tuple[Span, str]]:
    """Known caveats written in lower or mixed case ('sipdis', 'Sipdis'), as written,
    unless the classification line is not in capitals either: the archive down-cased
    the whole text of some cables ('C o n f i d e n t i a l', 'Sipdis'; cable-format.md
    5.2), and C002 reports that on the classification line."""
    cls = cable.classification
    if cls is not None and cls.level_text.text != cls.level_text.text.upper():
        return
    spans = [c.span for c in cable.caveats if c.known and c.name != "CORRECTED COPY"]  # (its reason may be in any case)
    if cls is not None:
        spans += [t.span for t in cls.caveats if _KNOWN_CAVEAT.fullmatch(t.text.upper())]
    for span in spans:
        text = written(cable, span)
        if text is not None and text != text.upper():
            yield span, text


class NofornInconsistent(Rule):
    """NF paragraph markers without a NOFORN caption, or NOFORN on a plain UNCLAS cable.

    Why: a ``NF``/``NOFORN`` portion marking must be matched by the NOFORN caption (or
    NOFORN in the classification line), which is what distribution acts on; and
    NOFORN on an unclassified cable is only valid for SBU text (SENSITIVE caption or
    ``(SBU/NF)``; 5 FAH-1 H-246.2; cable-format.md 3.2, 4.2). One finding per cable,
    at the first NF marker, or at the word NOFORN in the subject when the caption was
    written there (``SUBJECT: NOFORN URGENT ...``). A misspelt caption that C006
    reports as NOFORN (``NOFRON``) counts as the caption.

    Bad: ``S E C R E T ...`` with ``SIPDIS`` only and ``2. (S/NF) Text.``
    Good: ``NOFORN`` among the captions of that cable.
    """

    code = "C007"
    name = "noforn-inconsistent"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        names = cable.caveat_names
        marked = ctx.shared(_marked, cable)
        nf = [p for p in marked if "NF" in p.controls]
        if nf and "NOFORN" not in ctx.shared(_meant_caveats, cable):
            more = f" ({len(nf)} portions are marked NF)" if len(nf) > 1 else ""
            moved = cable.subject.noforn if cable.subject is not None else None
            if moved is not None:  # the caption written into the subject
                marked_nf = f"{len(nf)} portions are" if len(nf) > 1 else f"{nf[0].what} is"
                yield Finding(moved, f"NOFORN is written in the subject, not as a caption, and {marked_nf} marked NF: expected NOFORN on its own line under the classification line")
            else:
                yield Finding(nf[0].marker.span, f"{nf[0].what} is marked {nf[0].shown} but the cable has no NOFORN caption{more}: expected NOFORN under the classification line")
        if cable.level_rank == 0 and "NOFORN" in names:
            if not _sensitive(names) and not any(p.level == "SBU" for p in marked):
                span = next((c.span for c in cable.caveats if c.name == "NOFORN"), None)
                if span is None and cable.classification is not None:
                    span = next((t.span for t in cable.classification.caveats if t.text.upper() == "NOFORN"), cable.classification.span)
                if span is not None:
                    yield Finding(span, f"NOFORN on {article(cable.level)} {cable.level} cable that is not marked SBU: expected a SENSITIVE caption and (SBU/NF) paragraphs, or a classified level")


class SbuWithoutSensitive(Rule):
    """An UNCLAS cable with ``(SBU)`` portions but no SENSITIVE caption.

    Why: sensitive but unclassified text is announced by the SENSITIVE caption so
    that it is handled as SBU (5 FAH-1 H-246.2; cable-format.md 3.2, 4.2: 62 of 69
    real cables with SBU paragraphs carry it). Reported once, at the first SBU marker.
    A misspelt caption that C006 reports as SENSITIVE (``SENSITVE``) counts as it.

    Bad: ``UNCLAS BAMAKO 000097`` / ``SIPDIS`` ... ``1. (SBU) Text.``
    Good: ``SENSITIVE`` and ``SIPDIS`` under the classification line.
    """

    code = "C008"
    name = "sbu-without-sensitive"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.level_rank != 0 or _sensitive(ctx.shared(_meant_caveats, cable)):
            return
        sbu = [p for p in ctx.shared(_marked, cable) if p.level == "SBU"]
        if sbu:
            more = f" ({len(sbu)} portions are marked SBU)" if len(sbu) > 1 else ""
            yield Finding(sbu[0].marker.span, f"{sbu[0].what} is marked {sbu[0].shown} but the cable has no SENSITIVE caption{more}: expected SENSITIVE under the classification line")


class OverClassified(Rule):
    """The cable is classified higher than every one of its portion markings.

    Why: a cable takes the level of its highest portion (cable-format.md 4.2); when
    every paragraph is marked and none reaches the cable's level, the cable is
    over-classified or a marker is too low. Only checked when every numbered
    paragraph carries a readable marker. When the FL4 code sides with the portions,
    R008 reports the classification line instead.

    Bad: ``S E C R E T`` with only ``(C)`` and ``(U)`` paragraphs.
    Good: ``C O N F I D E N T I A L`` for that text.
    """

    code = "C009"
    name = "over-classified"
    severity = "info"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        rank = cable.level_rank
        cls = cable.classification
        if rank is None or rank < 1 or cls is None or not cable.paragraphs:
            return
        if any(p.level not in MARK_RANK for p in cable.paragraphs):
            return
        ranks = [p.rank for p in ctx.shared(_marked, cable) if p.rank is not None]
        highest = max(ranks)
        if highest < rank and level_outvoted(cable) is None:  # (else R008's, at the line)
            yield Finding(cls.level_text.span, f"cable is {cable.level} but no portion is marked above {LEVEL_WORD[highest]}: expected the cable's level to match its highest portion")


def _caveats_written(cable: Cable) -> list[Text]:
    """The known caveats as read, on the caveat lines and the classification line, in
    text order, each with its name in capitals ('SIPDIS'). A misspelt one is C006's
    alone, and not among them."""
    out = [Text(c.name, c.span) for c in cable.caveats if c.known]
    if cable.classification is not None:
        out.extend(Text(t.text.upper(), t.span) for t in cable.classification.caveats if _KNOWN_CAVEAT.fullmatch(t.text.upper()))
    return sorted(out, key=lambda t: t.span.start)


def _portions_unclassified(cable: Cable, ctx: Context) -> bool:
    """Whether every numbered paragraph is marked and none above U or SBU: C009 then
    reports a classified cable's level as too high."""
    return bool(cable.paragraphs) and all(p.level in MARK_RANK for p in cable.paragraphs) and all(p.rank == 0 for p in ctx.shared(_marked, cable) if p.rank is not None)


class SensitiveOnClassified(Rule):
    """The SENSITIVE caption on a classified cable.

    Why: SENSITIVE announces sensitive but unclassified (SBU) text, an administrative
    control inside UNCLAS; a classified cable is protected by its level, so the
    caption is redundant there, not wrong (32 of 96 real SENSITIVE cables are
    classified; cable-format.md 3.2, 6.3; 5 FAH-1 H-246.2). The spelled-out banner
    ``SENSITIVE BUT UNCLASSIFIED`` counts too; a misspelt caption is C006's. When the
    portion markings say the text is unclassified (every paragraph marked, none above
    SBU) the level is the slip, and C009 reports it; when the FL4 code and the
    markings say UNCLAS against the classification line, R008 does.

    Bad: ``C O N F I D E N T I A L BAMAKO 000097`` / ``SENSITIVE`` / ``SIPDIS``.
    Good: ``C O N F I D E N T I A L BAMAKO 000097`` / ``SIPDIS``.
    """

    code = "C010"
    name = "sensitive-on-classified"
    severity = "info"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        rank = cable.level_rank
        if rank is None or rank < 1 or level_outvoted(cable) == 0 or _portions_unclassified(cable, ctx):
            return
        sensitive = next((t for t in ctx.shared(_caveats_written, cable) if _sensitive((t.text,))), None)
        if sensitive is not None:
            yield Finding(
                sensitive.span,
                f"{sensitive.text} marks sensitive but unclassified text, and this cable is {cable.level}: "
                f"expected no {sensitive.text} caption on a classified cable, its level protects the text",
            )


# Captions that restrict classified traffic (cable-format.md 3.2, 6.3); LIMDIS and
# STADIS go with any level.
_CLASSIFIED_CAPTIONS = ("EXDIS", "NODIS", "SPECAT", "SPECAT EXCLUSIVE")


class DistributionCaptionOnUnclassified(Rule):
    """EXDIS, NODIS or SPECAT on a plain UNCLAS cable.

    Why: EXDIS and NODIS restrict the distribution of classified traffic, and SPECAT
    (EXCLUSIVE) is their military equivalent (cable-format.md 3.2, 6.3; 5 FAH-2
    H-251, H-252.1-1); on an unclassified cable they normally mean the level is
    wrong. Not reported on a LIMITED OFFICIAL USE cable (1970s ones carry EXDIS) nor
    on an SBU one (SENSITIVE caption or SBU portions), which are controlled too; nor
    when the cable's level is itself in doubt: a portion marked above UNCLAS is C003's,
    the FL4 code and the markings against the classification line R008's. A misspelt
    caption (``EXDISS``) is C006's.

    Bad: ``UNCLAS BAMAKO 000097`` / ``EXDIS``.
    Good: ``C O N F I D E N T I A L BAMAKO 000097`` / ``EXDIS``.
    """

    code = "C011"
    name = "distribution-caption-on-unclassified"
    severity = "info"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.level_rank != 0 or cable.level == "LIMITED OFFICIAL USE" or level_outvoted(cable) is not None:
            return
        written = ctx.shared(_caveats_written, cable)
        marked = ctx.shared(_marked, cable)
        if _sensitive(tuple(t.text for t in written)) or any(p.level == "SBU" or (p.rank or 0) > 0 for p in marked):
            return
        for caption in written:
            if caption.text in _CLASSIFIED_CAPTIONS:
                yield Finding(
                    caption.span,
                    f"{caption.text} restricts the distribution of classified traffic, and this cable is {cable.level}, not marked SBU: "
                    f"expected a classified level, or no {caption.text}",
                )


class RepeatedSipdis(Rule):
    """SIPDIS written more than once among the captions.

    Why: one SIPDIS caption is enough for the cable to be posted to the SIPRNet
    database (cable-format.md 3.2, 6.3); a second one, often a line or two below the
    first (``SIPDIS`` / blank / ``SIPDIS``), is harmless but redundant (in 269 of
    1,295 real cables), so this rule is off by default. Reported once, at the second
    SIPDIS. A misspelt one (``SIPIDS``) is C006's and not counted.

    Bad: ``SIPDIS`` / ``NOFORN`` / ``SIPDIS``.
    Good: ``SIPDIS`` / ``NOFORN``.
    """

    code = "C012"
    name = "repeated-sipdis"
    severity = "info"
    default_enabled = False

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        sipdis = [t for t in ctx.shared(_caveats_written, cable) if t.text == "SIPDIS"]
        if len(sipdis) < 2:
            return
        times = f" ({len(sipdis)} times in all)" if len(sipdis) > 2 else ""
        yield Finding(
            sipdis[1].span,
            f"SIPDIS is written again{times}, after the one on line {sipdis[0].span.line}: expected SIPDIS once",
        )


RULES: tuple[type[Rule], ...] = (
    MissingClassificationLine,
    MalformedClassificationLine,
    ParagraphExceedsClassification,
    MissingClassificationAuthority,
    UnclassifiedWithClassificationAuthority,
    UnknownCaveat,
    NofornInconsistent,
    SbuWithoutSensitive,
    OverClassified,
    SensitiveOnClassified,
    DistributionCaptionOnUnclassified,
    RepeatedSipdis,
)
