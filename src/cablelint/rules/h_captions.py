"""H: the E.O., TAGS and SUBJECT captions and their order (cable-format.md 3.4-3.6, 3.9)."""

from __future__ import annotations

from datetime import date
from itertools import combinations
from typing import Iterator, Optional

from cablelint.linter.rule import Context, Edit, Finding, Fix, Rule, field_problems
from cablelint.model import Cable, Tag, TagsLine
from cablelint.rules._places import article, head_end, late_attention_lines, line_start, written
from cablelint.span import Span

# Standard order of the captions after the handling captions (3.9).
ORDER = ("eo", "tags", "subject", "refs")
NAMES = {"eo": "E.O.", "tags": "TAGS", "subject": "SUBJECT", "refs": "REF", "classified_by": "Classified By"}

# When each order was in force (3.4), as the table gives it. No transition window: none
# of the real cables cites an order outside these dates (measured on the 344 dated
# real cables with an E.O. line), so a window would only hide wrong order numbers.
ORDERS: dict[str, tuple[date, Optional[date], str]] = {
    "11652": (date(1972, 6, 1), date(1978, 11, 30), "1 Jun 1972 - 30 Nov 1978"),
    "12065": (date(1978, 12, 1), date(1982, 7, 31), "1 Dec 1978 - 31 Jul 1982"),
    "12356": (date(1982, 8, 1), date(1995, 10, 13), "1 Aug 1982 - 13 Oct 1995"),
    "12958": (date(1995, 10, 14), date(2010, 6, 26), "14 Oct 1995 - 26 Jun 2010"),
    "13526": (date(2010, 6, 27), None, "from 27 Jun 2010"),
}

# Declassification at most 25 years out (E.O. 12958 sec. 1.5, E.O. 13526 sec. 1.5).
_DECL_YEARS = 25

# ISO 3166 codes written where State's FIPS-based code was meant (3.5). Only codes
# that FIPS leaves unassigned: CN, ES, ZA and KR are valid tags (Comoros, El Salvador,
# Zambia, Kiribati), so a cable that means China by CN cannot be told from one that
# means Comoros.
ISO_TRAPS: dict[str, tuple[str, str]] = {  # ISO code: (TAGS code, country)
    "RU": ("RS", "Russia"),
    "DE": ("GM", "Germany"),
    "YE": ("YM", "Yemen"),
    "KP": ("KN", "North Korea"),
    "IQ": ("IZ", "Iraq"),
    "IL": ("IS", "Israel"),
    "UA": ("UP", "Ukraine"),
    "CZ": ("EZ", "Czech Republic"),
    "VN": ("VM", "Vietnam"),
    "PH": ("RP", "Philippines"),
    "TR": ("TU", "Turkey"),
    "DK": ("DA", "Denmark"),
    "IE": ("EI", "Ireland"),
    "JP": ("JA", "Japan"),
    "KH": ("CB", "Cambodia"),
}
# Other codes seen written for a country (3.5: VZ for Venezuela in 7 cables; no ISO or
# FIPS code), with the country's TAGS code.
LOOKALIKES: dict[str, tuple[str, str]] = {"VZ": ("VE", "Venezuela")}
# Operational tags that a person's name follows (5 FAH-3 H-612; 3.5).
_PERSON_TAGS = ("OVIP", "OREP", "OEXC", "OPDC")
# Of those, the ones that require the name (6.4: "OVIP/OREP without a person tag").
_NAMED_TAGS = ("OVIP", "OREP")


def _first(cable: Cable, kind: str) -> Optional[Span]:
    return next((span for k, span in cable.captions if k == kind), None)


def missing_at(cable: Cable, kind: str) -> Span:
    """Where caption *kind* was expected: just before the next caption of the standard
    order that is present, else on the line after the last one before it."""
    index = ORDER.index(kind)
    before = head_end(cable)
    for k in ORDER[:index]:
        span = _first(cable, k)
        if span is not None:
            before = max(before, span.end_line)
    after = [s.line for k in ORDER[index + 1 :] if (s := _first(cable, k)) is not None and s.line > before]
    return line_start(cable, min(after) if after else before + 1)


def _missing_message(cable: Cable, kind: str, shape: str) -> str:
    index = ORDER.index(kind)
    nxt = next((k for k in ORDER[index + 1 :] if _first(cable, k) is not None), None)
    where = f" before {NAMES[nxt]}" if nxt else " after the captions above"
    return f"no {NAMES[kind]} line: expected '{shape}'{where}"


class MissingEoLine(Rule):
    """No ``E.O.`` line.

    Why: every cable carries the E.O. line: ``N/A`` on unclassified cables, the
    declassification instruction on classified ones (5 FAH-1 H-131; cable-format.md
    3.4: 7 of 1,295 real cables lack it, mostly truncated archive copies).

    Bad: captions that go from ``SIPDIS`` straight to ``TAGS:``.
    Good: ``E.O. 12958: DECL: 02/19/2019`` above ``TAGS:``.
    """

    code = "H001"
    name = "missing-eo-line"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.eo is None:
            yield Finding(missing_at(cable, "eo"), _missing_message(cable, "eo", "E.O. <order>: N/A or DECL: <date>"))


class MalformedEoLine(Rule):
    """An E.O. line that is not ``E.O. <order>: N/A`` or ``E.O. <order>: DECL: <date>``.

    Why: the line names the executive order and either ``N/A`` or when the cable is
    declassified (a date, an exemption such as ``25X1``, ``MR``, or a downgrade
    ``DNG: CO <date>``; cable-format.md 3.4). Typos in the order number (``12598``),
    a misspelt ``DECL`` or a date without ``DECL:`` make the instruction unreadable;
    ``N/A`` without its slash (``NA``, ``N.A.``) and ``OADR`` with one letter wrong
    (``OARD``), which would otherwise read as an event, are reported, and so is an
    instruction wrapped onto the line under the E.O. line (``E.O. 12958:`` /
    ``DECL: 05/14/2011``), once, at that line, and read; a misspelt keyword
    (``E.O 12958``, ``EO. 12958``, ``E.O.12958``, ``E0 12958`` with a zero for the O) is
    reported too, and so is one not in
    capitals (``e.o.``, ``decl:``; cable-format.md 1: caption
    keywords stayed upper case). A date whose year has neither 4 digits nor 2
    (``DECL: 01/11/217``) is named at the year.
    The archive's punctuation-stripped ``EO 12958 DECL: ...`` is accepted, and so are
    ``E. O. 12958`` (3.4's keyword allows a blank after ``E.``),
    ``Declassify on:`` for ``DECL:``, the older orders' ``GDS``, ``XGDS`` and ``RDS-n``
    instructions, and an E.O. line run on to an attention line (``DEPT FOR WHA/BSC
    E.O. 12958: DECL: ...``).

    Bad: ``E.O. 12598: DECL: 03/10/2019``, ``E.O. 12958: 03/10/2019``, ``E.O 12958: N/A``,
    ``E.O. 12958: NA``.
    Good: ``E.O. 12958: DECL: 03/10/2019``.
    """

    code = "H002"
    name = "malformed-eo-line"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "eo_keyword", "eo_order", "eo_value")


class EoOrderAnachronism(Rule):
    """The executive order named was not in force on the cable's date.

    Why: the E.O. line cites the order under which the cable was classified: 12356
    until October 1995, 12958 until June 2010, 13526 after (cable-format.md 3.4). An
    order from another era means a wrong order number or a wrong date. The dates
    are the table's, without a transition window: no real cable cites an order
    outside them. Declassification stamps
    added later (``DECL: DECLASSIFIED BY NARA ...``, ``AS AMENDED ...``) are not checked.

    Bad: ``E.O. 13526: DECL: 03/10/2019`` on a cable dated March 2009.
    Good: ``E.O. 12958: DECL: 03/10/2019`` on that cable.
    """

    code = "H003"
    name = "eo-order-anachronism"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        eo = cable.eo
        if eo is None or eo.order is None or cable.date is None or eo.order.text not in ORDERS:
            return
        if eo.decl_value is not None:
            value = eo.decl_value.text.upper()
            if "DECLASSIFIED" in value or value.startswith("AS AMENDED"):
                return
        when = cable.date.date()
        start, end, shown = ORDERS[eo.order.text]
        if start <= when and (end is None or when <= end):
            return
        right = [o for o, (s, e, _) in ORDERS.items() if s <= when and (e is None or when <= e)]
        expected = " or ".join(f"E.O. {o}" for o in right) if right else "the order in force then"
        yield Finding(eo.order.span, f"E.O. {eo.order.text} (in force {shown}) on a cable dated {_day(when)}: expected {expected}")


class EoDeclInconsistent(Rule):
    """``N/A`` on a classified cable, a DECL instruction on an unclassified one, or a DECL
    date that is not after the cable's date.

    Why: ``N/A`` says there is nothing to declassify, which only holds for
    unclassified cables; an unclassified cable has nothing to declassify; and a
    declassification date on or before the cable's own date declassifies it at
    birth (cable-format.md 3.4: none of 1,165 real DECL dates is that early).

    Bad: ``S E C R E T ...`` with ``E.O. 12958: N/A``.
    Good: ``E.O. 12958: DECL: 02/19/2019`` on that cable.
    """

    code = "H004"
    name = "eo-decl-inconsistent"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        eo = cable.eo
        rank = cable.level_rank
        if eo is None:
            return
        if eo.na and rank is not None and rank >= 1:
            yield Finding(eo.span, f"E.O. line says N/A on a {cable.level} cable: expected DECL: <date or exemption>")
            return
        value = eo.decl_value or eo.decl_keyword
        if value is None:
            return
        if rank == 0 and (eo.declassify_on is not None or eo.exemptions or eo.decl_keyword is not None):
            what = "downgrading" if eo.decl_keyword is not None and eo.decl_keyword.text.upper() == "DNG" else "declassification"
            yield Finding(value.span, f"{what} instruction '{value.text}' on {article(cable.level)} {cable.level} cable: expected N/A")
        elif eo.declassify_on is not None and cable.date is not None and eo.declassify_on <= cable.date.date():
            yield Finding(value.span, f"declassification date {_day(eo.declassify_on)} is not after the cable's date, {_day(cable.date.date())}: expected a later date (usually 10 years out)")


class MissingTagsLine(Rule):
    """No ``TAGS:`` line.

    Why: TAGS index the cable and drive its distribution (5 FAH-1 H-232.6, 5 FAH-2
    H-252; cable-format.md 3.5); a cable without them is not found by subject or
    country.

    Bad: ``E.O. 12958: N/A`` followed directly by ``SUBJECT:``.
    Good: ``TAGS: PGOV PREL ML`` between them.
    """

    code = "H005"
    name = "missing-tags-line"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.tags is None:
            yield Finding(missing_at(cable, "tags"), _missing_message(cable, "tags", "TAGS: <tags>"))


class MalformedTagsLine(Rule):
    """An empty TAGS line, lower-case or punctuated tags, or mixed separators.

    The keyword itself is reported when misspelt (``TAG:``) or not in capitals
    (``Tags:``), with a fix that writes ``TAGS``, and when missing: a bare line of
    tags among the captions (``PREL PGOV KDEM ML``, each a tag of the vocabulary) is
    the TAGS list, with a fix that writes ``TAGS:`` before it; so is the keyword run
    into its first tag (``TAGSPREL, PGOV``), with a fix that writes the blank after
    it. A line typed in lower case
    (``TAGS: pgov prel``) is one finding that gives the line in capitals. A stray
    mark between two tags (``ECON;ETRD``) is reported at the mark; both tags are read.
    A SUBJECT line run on to the TAGS line (``TAGS: PGOV ML SUBJECT: MALI ...``, its
    line break lost) is reported at ``SUBJECT:``, and the subject is read from there.

    Why: TAGS are upper-case codes separated by spaces or by commas (5 FAH-3;
    cable-format.md 3.5). The archive's ``TAGS PREL, PGOV`` form without a colon and
    a list that switches style on a continuation line are accepted; converter
    residue such as ``[PGOV](#)`` is F004's, and the blanks inside free text or a
    person's name (``GOI EXTERNAL`` in a comma list) are H007's, not a separator.

    Bad: ``TAGS: pgov, PREL KDEM``, ``TAGS: PGOV, PREL,`` (nothing after the comma),
    ``TAGS: PGOV,, PREL`` (a comma typed twice: named at the second).
    Good: ``TAGS: PGOV PREL KDEM``.

    Fix: upper-cases a tag (or a line) and strips its stray punctuation, and
    rewrites a line that mixes separators with its more common separator, when
    every tag involved is in the vocabulary (otherwise the author must decide what
    the tags are); replaces a stray mark between two known tags with the list's
    separator; removes a comma after the last tag, and a comma typed twice.
    """

    code = "H006"
    name = "malformed-tags-line"
    severity = "error"
    fixable = True

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        tags = cable.tags
        if tags is None:
            return
        by_span = {t.span: t for t in tags.tags}
        text = ctx.file.text or ""
        for finding in field_problems(cable, ctx, "tags"):
            yield Finding(finding.span, finding.message, self._fix(finding.span, by_span, tags, ctx, text))
        for finding in field_problems(cable, ctx, "tags_case"):
            yield Finding(finding.span, finding.message, self._case_fix(finding.span, tags, ctx, text))
        # blanks inside a phrase or a person's name (H007's) are no separator
        groups = list(tag_groups(tags.tags, ctx.tags))
        inside = {t.span for kind, run in groups if kind == "free" for t in run[1:]}
        inside |= {t.span for kind, run in groups if kind == "name" for t in run}
        for finding in field_problems(cable, ctx, "tags_mixed"):
            line = finding.span.line
            if any(t.after_space and t.span not in inside for t in tags.tags if t.span.line == line):
                yield Finding(finding.span, finding.message, self._fix(finding.span, by_span, tags, ctx, text))

    def _case_fix(self, span: Span, tags: TagsLine, ctx: Context, text: str) -> Optional[Fix]:
        """Upper-cases what a line wrote in lower case, when every tag of it is known."""
        edits = []
        if tags.keyword is not None and span.start <= tags.keyword.span.start < span.end:
            edits.append(Edit(tags.keyword.span, "TAGS"))
        for tag in tags.tags:
            if tag.person or not span.start <= tag.span.start < span.end:
                continue
            written = text[tag.span.start : tag.span.end]
            if written != written.upper():
                if tag.text not in ctx.tags:
                    return None
                edits.append(Edit(tag.span, written.upper()))
        return Fix(tuple(edits)) if edits else None

    def _fix(self, span: Span, by_span: dict[Span, Tag], tags: TagsLine, ctx: Context, text: str) -> Optional[Fix]:
        if tags.keyword is None:
            if span.start == span.end:  # the keyword lost: at the first tag (a point, as no other problem is)
                return Fix((Edit(span, "TAGS: "),))
        elif span == tags.keyword.span:
            # a misspelt keyword, or "TAGSPREL": the keyword run into the first tag
            return Fix((Edit(span, "TAGS " if text[span.start : span.end] == "TAGS" else "TAGS"),))
        elif span.start == tags.keyword.span.start:  # a misspelt keyword with its colon
            return Fix((Edit(span, "TAGS:"),))
        if text[span.start : span.end] == ",":  # after the last tag, with the blanks after it
            end = span.end
            while end < len(text) and text[end] in " \t":
                end += 1
            if end < len(text) and text[end] not in "\r\n":
                end = span.end  # the list goes on past the blanks: only the comma goes
            return Fix((Edit(Span(span.line, span.column, span.end_line, span.end_column + end - span.end, span.start, end), ""),))
        tag = by_span.get(span)
        if tag is not None:
            return Fix((Edit(span, tag.text),)) if tag.text in ctx.tags else None
        if span.end > span.start and not text[span.start : span.end].strip(".;:"):  # a stray mark between two tags ("ECON;ETRD")
            left = next((t for t in tags.tags if t.span.end == span.start), None)
            right = next((t for t in tags.tags if t.span.start == span.end), None)
            if left is None or right is None or left.text not in ctx.tags or right.text not in ctx.tags:
                return None
            return Fix((Edit(span, ", " if tags.separators == "comma" else " "),))
        inside = [t for t in tags.tags if t.span.start >= span.start and t.span.end <= span.end]
        if len(inside) < 2 or not all(t.person or t.text in ctx.tags for t in inside):
            return None
        gaps = [text[a.span.end : b.span.start] for a, b in zip(inside, inside[1:])]
        commas = sum("," in g for g in gaps)
        if any(g.strip(" \t,.;:") for g in gaps):
            return None  # something besides separators between the tags
        sep = ", " if commas > len(gaps) - commas else " "
        tail = text[inside[-1].span.end : span.end]
        return Fix((Edit(inside[0].span.cover(span), sep.join(t.text for t in inside) + tail.strip(" \t")),))


class UnknownTag(Rule):
    """A tag that is not in the TAGS vocabulary (built-in plus ``extra-tags``).

    Why: TAGS come from a fixed list (5 FAH-3; cable-format.md 3.5); an unknown code
    indexes the cable under nothing. The common trap is an ISO 3166 country code
    where State uses FIPS 10-4 (``RU`` for Russia, which is ``RS``); ``VZ``, seen
    for Venezuela, is neither (``VE``). The message names the country such a code
    stands for and its TAGS code, without assuming it was meant. Free text written
    as tags (``COUNTER TERRORISM``: unknown words in a row, apart by blanks, one
    longer than a code) is one finding for the phrase. Person tags (``OVIP (STEINBERG, JAMES B.)``) and a name written after
    OVIP/OREP/OEXC without parentheses (``OVIP BIDEN JOSEPH``: unknown words apart
    from it by blanks only) are not checked; after ``OVIP,`` the next item is a tag
    and is checked. Add local codes with the ``extra-tags`` option.

    Bad: ``TAGS: PREL RU``, ``TAGS: PREL YM COUNTER TERRORISM``.
    Good: ``TAGS: PREL RS``, ``TAGS: PREL PTER YM``.
    """

    code = "H007"
    name = "unknown-tag"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.tags is None:
            return
        for kind, run in tag_groups(cable.tags.tags, ctx.tags):
            tag = run[0]
            if kind == "free":
                phrase = " ".join(t.text for t in run)
                yield Finding(tag.span.cover(run[-1].span), f"'{phrase}' is free text, not a tag: expected codes from the TAGS vocabulary")
            elif kind == "name" or tag.person or tag.text in ctx.tags:
                continue
            elif tag.text in ISO_TRAPS:
                code, country = ISO_TRAPS[tag.text]
                yield Finding(tag.span, f"tag '{tag.text}' is not in the TAGS vocabulary: it is the ISO code for {country}, whose TAGS code is {code}")
            elif tag.text in LOOKALIKES:
                code, country = LOOKALIKES[tag.text]
                yield Finding(tag.span, f"tag '{tag.text}' is not in the TAGS vocabulary: {country}'s TAGS code is {code}")
            else:
                yield Finding(tag.span, f"tag '{tag.text}' is not in the TAGS vocabulary: expected a known tag (add local ones with extra-tags)")


def tag_groups(tags: tuple[Tag, ...], known: frozenset[str]) -> Iterator[tuple[str, tuple[Tag, ...]]]:
    """The items of a TAGS list, in order and in groups: ("name", words) for a
    person's name written without parentheses after OVIP and the like ("OVIP BIDEN
    JOSEPH": the unknown words after OVIP, apart by blanks only; after "OVIP," a
    word is a tag again), ("free", words) for free text (two or
    more unknown words in a row, apart by blanks only, one of them longer than a
    code: "COUNTER TERRORISM"), and ("tag", (item,)) for any other item.

    A two-letter word or an ISO code is a tag of its own ("YE COUNTER TERRORISM":
    YE, then the phrase), and so is each of several unknown codes ("KSEC ECIP")."""

    def wordy(tag: Tag) -> bool:
        return not tag.person and tag.text not in known and len(tag.text) > 2 and tag.text not in ISO_TRAPS

    i = 0
    while i < len(tags):
        tag = tags[i]
        before = tags[i - 1] if i else None
        if before is not None and tag.after_space and not tag.person and tag.text not in known and not before.person and before.text in _PERSON_TAGS:
            j = i + 1
            while j < len(tags) and tags[j].after_space and not tags[j].person and tags[j].text not in known:
                j += 1
            yield "name", tags[i:j]
            i = j
            continue
        j = i
        while j < len(tags) and wordy(tags[j]) and (j == i or tags[j].after_space):
            j += 1
        if j - i > 1 and any(len(t.text) > 4 for t in tags[i:j]):
            yield "free", tags[i:j]
            i = j
            continue
        yield "tag", (tag,)
        i += 1


class MissingSubjectLine(Rule):
    """No ``SUBJECT:`` line.

    Why: the subject line is mandatory (5 FAH-1 H-232; cable-format.md 3.6); it is
    what readers and indexes show for the cable.

    Bad: ``TAGS: PGOV`` followed by the text.
    Good: ``SUBJECT: MALI: ELECTIONS POSTPONED`` after TAGS.
    """

    code = "H008"
    name = "missing-subject-line"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.subject is None:
            yield Finding(missing_at(cable, "subject"), _missing_message(cable, "subject", "SUBJECT: <subject>"))


class MalformedSubjectLine(Rule):
    """An empty subject, a SUBJECT keyword without its colon, or a subject portion
    marking that is malformed.

    Why: the subject must say what the cable is about, and a portion marking in
    front of it uses the paragraph markers' vocabulary (cable-format.md 3.6, 4.2).
    Real cables write ``SUBJECT:`` nearly every time; a line ``SUBJECT DENMARK: ...``
    in capitals is still read as the subject, and reported, and so is a keyword not
    in capitals (``Subject:``, left by the archive's down-casing or typed), and so is
    one with a letter lost or two letters swapped (``SUBJET:``, ``SUBJCET:``), a
    semicolon for its colon (``SUBJECT;``) or its colon typed twice (``SUBJECT::``).
    A line of prose right under the TAGS list (three words or more, fewer than half
    of them tags) where no SUBJECT line follows is the subject that lost its keyword,
    and reported so. A blank line between the subject's lines,
    where a caption follows the line after it, is reported at that line, which is
    still read with the subject. Older traffic's ``SUBJ:`` is reported in drafts
    only.

    Bad: ``SUBJECT:`` with nothing after it; ``SUBJECT: (X) TALKS``;
    ``SUBJECT TALKS RESUME``; ``Subject: Talks resume``; ``SUBJET: TALKS RESUME``.
    Good: ``SUBJECT: (C) TALKS RESUME``.
    """

    code = "H009"
    name = "malformed-subject-line"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "subject", "subject_marking")
        if cable.dialect == "draft":
            yield from field_problems(cable, ctx, "subject_keyword")


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
    under the classification line.

    Bad: ``TAGS: PGOV`` above ``E.O. 12958: N/A``.
    Good: ``E.O. 12958: N/A`` then ``TAGS: PGOV``.
    """

    code = "H010"
    name = "caption-order"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        placed: list[tuple[str, Span]] = []  # the first caption of each kind, in text order
        for kind, span in cable.captions:
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
        first = min((span.line for kind, span in cable.captions if kind in ORDER), default=None)
        if first is None:
            return
        for caveat in cable.caveats:
            if caveat.span.line > first and caveat.name != "SENSITIVE BUT UNCLASSIFIED":
                # as the drafter wrote it ("Nofron", "sipdis"); not a span that holds more
                # than the caveat ("C O R R E C T E D C O P Y (ADDED TAGS)")
                shown = written(cable, caveat.span) or caveat.name
                if caveat.known and shown.upper() != caveat.name:
                    shown = caveat.name
                yield Finding(caveat.span, f"caveat {shown} comes after the E.O./TAGS/SUBJECT captions: expected it under the classification line")
        for err in late_attention_lines(cable) if cable.errors else ():
            above = next(kind for kind, span in cable.captions if kind in ORDER and span.line < err.span.line)
            yield Finding(err.span, f"attention line '{err.text.strip()[:40]}' comes after the {NAMES[above]} line: expected attention lines above the E.O. line")


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


class DeclDateTooFar(Rule):
    """A declassification date more than 25 years after the cable's date, with no exemption.

    Why: the orders cap declassification at 25 years unless an exemption is cited
    (E.O. 12958 and 13526, sec. 1.5; cable-format.md 3.4: real DECL dates are
    10 years out in 79% of cables, 25 at most). Exemptions (``25X1``, ``X1``-``X8``,
    ``50X1``) and ``MR`` replace the date and are not checked.

    Bad: ``E.O. 12958: DECL: 02/19/2049`` on a 2009 cable.
    Good: ``E.O. 12958: DECL: 02/19/2019``, or ``DECL: 25X1`` when exempt.
    """

    code = "H012"
    name = "decl-date-too-far"
    severity = "warning"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        eo = cable.eo
        if eo is None or eo.declassify_on is None or eo.exemptions or cable.date is None:
            return
        when = cable.date.date()
        try:
            limit = when.replace(year=when.year + _DECL_YEARS)
        except ValueError:  # 29 February
            limit = when.replace(year=when.year + _DECL_YEARS, day=28)
        if eo.declassify_on > limit:
            span = eo.decl_value.span if eo.decl_value is not None else eo.span
            yield Finding(span, f"declassification date {_day(eo.declassify_on)} is {_interval(when, eo.declassify_on)} after the cable's date, {_day(when)}: expected at most {_DECL_YEARS} years, or an exemption such as 25X1")


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(d: date) -> str:
    """A date that cannot be misread, whatever order the cable writes its numbers in
    ("14 Sep 2019"), as ORDERS gives the orders' dates."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _interval(start: date, end: date) -> str:
    """How far *end* is after *start*, in whole years and months ("25 years and 2
    months"), as a reader counts on a calendar."""
    months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
    years, months = divmod(months, 12)
    shown = f"{years} year{'' if years == 1 else 's'}"
    if months:
        shown += f" and {months} month{'' if months == 1 else 's'}"
    return shown


class VisitTagWithoutPerson(Rule):
    """An ``OVIP`` or ``OREP`` tag in a TAGS list that names no person.

    Why: a visit tag indexes the cable under the visitor too: 5 FAH-3 requires the
    person's name with it, as a person tag after it, surname first, in parentheses:
    ``OVIP (STEINBERG, JAMES B.)`` (cable-format.md 3.5, 6.4). Without the name the
    cable is not found under the person. A name written without parentheses
    (``OVIP BIDEN JOSEPH``, read as H007 reads it) counts as a name, and so does a
    malformed person tag (H006's); a person named anywhere in the list satisfies
    every visit tag of it. ``OEXC`` and the other operational tags a name may follow
    (3.5) are not required to carry one (6.4 names OVIP and OREP only).

    Bad: ``TAGS: PREL OVIP BR``.
    Good: ``TAGS: PREL OVIP (SHANNON, THOMAS A.) BR``, ``TAGS: PREL OVIP BIDEN JOSEPH BR``.
    """

    code = "H013"
    name = "visit-tag-without-person"
    severity = "info"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.tags is None:
            return
        groups = list(tag_groups(cable.tags.tags, ctx.tags))
        if any(kind == "name" or run[0].person for kind, run in groups):
            return
        for kind, run in groups:
            tag = run[0]
            if kind == "tag" and tag.text in _NAMED_TAGS:
                yield Finding(tag.span, f"{tag.text} tag without a person tag: expected the person's name after it, as in {tag.text} (SURNAME, GIVEN NAMES)")


RULES: tuple[type[Rule], ...] = (
    MissingEoLine,
    MalformedEoLine,
    EoOrderAnachronism,
    EoDeclInconsistent,
    MissingTagsLine,
    MalformedTagsLine,
    UnknownTag,
    MissingSubjectLine,
    MalformedSubjectLine,
    CaptionOrder,
    DuplicateCaption,
    DeclDateTooFar,
    VisitTagWithoutPerson,
)
