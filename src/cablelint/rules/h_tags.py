"""H: the TAGS line and its tags (cable-format.md 3.5)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Iterator, Optional

from cablelint.linter.rule import Context, Edit, Finding, Fix, Rule, field_problems
from cablelint.model import Cable, Tag, TagsLine
from cablelint.quote import clip
from cablelint.rules._ascii import in_ascii
from cablelint.rules._h_shared import cut_off, missing_at, missing_message
from cablelint.span import Span

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


class MissingTagsLine(Rule):
    """No ``TAGS:`` line.

    Why: TAGS index the cable and drive its distribution (5 FAH-1 H-232.6, 5 FAH-2
    H-252; cable-format.md 3.5); a cable without them is not found by subject or
    country.

    Not reported where the archive's text stops with "..." before any paragraph
    (a header, or captions, then "..." and nothing more) and before the line's place.

    Bad: ``E.O. 12958: N/A`` followed directly by ``SUBJECT:``.
    Good: ``TAGS: PGOV PREL ML`` between them.
    """

    code = "H005"
    name = "missing-tags-line"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.tags is None and not cut_off(cable, "tags"):
            yield Finding(missing_at(cable, "tags"), missing_message(cable, "tags", "TAGS: <tags>"))


class MalformedTagsLine(Rule):
    """An empty TAGS line, lower-case or punctuated tags, or mixed separators.

    The keyword itself is reported when misspelt (``TAG:``, ``TAGSS:``) or not in capitals
    (``Tags:``), with a fix that writes ``TAGS``, and when missing: a bare line of
    tags among the captions (``PREL PGOV KDEM ML``, each a tag of the vocabulary) is
    the TAGS list, with a fix that writes ``TAGS:`` before it; so is the keyword run
    into its first tag (``TAGSPREL, PGOV``), with a fix that writes the blank after
    it. A line typed in lower case
    (``TAGS: pgov prel``: two tags or more) is one finding that gives the line in
    capitals; the keyword does not count toward it (the archive writes ``Tags:``), so
    ``Tags: prel PGOV`` is two findings, the keyword's and the tag's. A stray
    mark between two tags (``ECON;ETRD``, ``PREL/PGOV``) is reported at the mark; both
    tags are read. A tag in quotes (``"PREL"``) is the tag, its quotes stray marks.
    A SUBJECT line run on to the TAGS line (``TAGS: PGOV ML SUBJECT: MALI ...``, its
    line break lost) is reported at ``SUBJECT:``, and the subject is read from there.

    Why: TAGS are upper-case codes separated by spaces or by commas (5 FAH-3;
    cable-format.md 3.5). The archive's ``TAGS PREL, PGOV`` form without a colon and
    a list that switches style on a continuation line are accepted; converter
    residue such as ``[PGOV](#)`` is F004's, and the blanks inside free text or a
    person's name (``GOI EXTERNAL`` in a comma list) are H007's, not a separator.

    Bad: ``TAGS: pgov, PREL KDEM``, ``TAGS: PGOV, PREL,`` (nothing after the comma),
    ``TAGS: , PGOV`` (nothing before it), ``TAGS: PGOV,, PREL`` (a comma typed twice:
    named at the second).
    Good: ``TAGS: PGOV PREL KDEM``.

    Fix: upper-cases a tag (or a line) and strips its stray punctuation, and rewrites a
    line that mixes separators with its more common separator (spaces on a tie; the
    message names the one written), when every tag involved is in the vocabulary
    (otherwise the author must decide what the tags are); replaces a stray mark between
    two known tags with the list's separator, and removes one before the first tag
    (``TAGS:: PREL``); removes the commas after the last tag (``EUN,,``: one finding) or
    before the first, and a comma typed twice or more (``PGOV, ,, PREL``: one finding,
    from the second comma to the last), leaving the first comma and one blank after it
    when one was typed (``PGOV, PREL``). Between tags wrapped in converter residue
    (``[PREL](#), [PGOV](#)``) it edits only the separators, so that F004's fixes and
    its own go in one ``--fix`` pass. A person tag keeps its place after its OVIP
    (``OVIP (CLINTON, HILLARY)``, no separator between them). A person tag wrapped
    across the line break (``OVIP (CLINTON,`` / ``HILLARY) IC``: TAGS lines wrap at
    69 characters) is read as one tag, and is no finding; the lines it joins are one
    run for the separator style, as the line unwrapped, and the fix keeps the break.
    """

    code = "H006"
    name = "malformed-tags-line"
    severity = "error"
    needs = ("tags",)
    fixable = True

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        tags = cable.tags
        if tags is None:
            return
        at = _Where(tags, cable)
        text = ctx.file.text or ""
        for finding in field_problems(cable, ctx, "tags"):
            yield Finding(finding.span, finding.message, self._fix(finding.span, at, tags, ctx, text))
        for finding in field_problems(cable, ctx, "tags_case"):
            yield Finding(finding.span, finding.message, self._case_fix(finding.span, tags, ctx, text))
        mixed = list(field_problems(cable, ctx, "tags_mixed"))
        if not mixed:
            return
        # blanks inside a phrase, a person's name or a split tag (H007's) are no separator
        groups = grouped_tags(cable, ctx)
        inside = {t.span for kind, run in groups if kind in ("free", "split") for t in run[1:]}
        inside |= {t.span for kind, run in groups if kind == "name" for t in run}
        spaced = {t.span.line for t in tags.tags if t.after_space and t.span not in inside}
        for finding in mixed:
            # (the lines that a wrapped person tag joins are one finding)
            if any(line in spaced for line in range(finding.span.line, finding.span.end_line + 1)):
                fix, how = self._rejoin(finding.span, at, tags, ctx, text)
                # the separator its fix writes, named: "... one separator style, commas as between most of its tags"
                yield Finding(finding.span, f"{finding.message}, {how}" if fix is not None else finding.message, fix)

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

    def _fix(self, span: Span, at: _Where, tags: TagsLine, ctx: Context, text: str) -> Optional[Fix]:
        if tags.keyword is None:
            if span.start == span.end:  # the keyword lost: at the first tag (a point, as no other problem is)
                return Fix((Edit(span, "TAGS: "),))
        elif span == tags.keyword.span:
            # a misspelt keyword, or "TAGSPREL": the keyword run into the first tag
            return Fix((Edit(span, "TAGS " if text[span.start : span.end] == "TAGS" else "TAGS"),))
        elif span.start == tags.keyword.span.start and tags.keyword.text.upper() != "TAGS":  # a misspelt keyword with its colon
            return Fix((Edit(span, "TAGS:"),))  # (not "TAGS: ,", an empty line: no fix writes its tags)
        written = text[span.start : span.end]
        if written[:1] == "," and not written.strip(", \t"):  # a comma typed twice, before the first tag or after the last, with the blanks after it
            end = span.end
            while end < len(text) and text[end] in " \t":
                end += 1
            begin = span.start
            while begin > 0 and text[begin - 1] in " \t":
                begin -= 1
            goes_on = end < len(text) and text[end] not in "\r\n"
            if goes_on and text[begin - 1 : begin] == ",":
                # "PREL, ,, PGOV": the first comma kept, one blank after it if any was typed
                blank = " " if any(c in " \t" for c in text[begin:end]) else ""
                return Fix((Edit(Span(span.line, span.column - (span.start - begin), span.end_line, span.end_column + end - span.end, begin, end), blank),))
            if goes_on and tags.tags and span.end <= tags.tags[0].span.start:
                end = span.end + len(text[span.end :]) - len(text[span.end :].lstrip(" \t"))  # "TAGS: , PREL": up to the first tag
            elif goes_on:
                end = span.end  # the list goes on past the blanks: only the comma goes
            return Fix((Edit(Span(span.line, span.column, span.end_line, span.end_column + end - span.end, span.start, end), ""),))
        tag = at.by_span.get(span)
        if tag is not None:
            return Fix((Edit(span, tag.text),)) if tag.text in ctx.tags else None
        if span.end > span.start and not text[span.start : span.end].strip(".;:/"):  # a stray mark between two tags ("ECON;ETRD", "PREL/PGOV")
            left, right = at.ending(span.start), at.starting(span.end)
            if left is None and tags.keyword is not None and tags.tags and span.end <= tags.tags[0].span.start:
                # "TAGS:: PREL", "TAGS: ; PREL": a mark before the first tag goes, and
                # the blanks after it when a blank stands before it too
                end = span.end
                while text[span.start - 1] in " \t" and end < len(text) and text[end] in " \t":
                    end += 1
                return Fix((Edit(Span(span.line, span.column, span.end_line, span.end_column + end - span.end, span.start, end), ""),))
            if left is None or right is None or left.text not in ctx.tags or right.text not in ctx.tags:
                return None
            return Fix((Edit(span, ", " if tags.separators == "comma" else " "),))
        return self._rejoin(span, at, tags, ctx, text)[0]

    def _rejoin(self, span: Span, at: _Where, tags: TagsLine, ctx: Context, text: str) -> tuple[Optional[Fix], str]:
        """The fix that writes the tags in *span* apart by one separator, the more
        common between them (spaces on a tie), and that separator named for a
        message; (None, "") when a tag is not known or something else stands
        between them."""
        inside = at.inside(span)
        if len(inside) < 2 or not all(t.person or t.text in ctx.tags for t in inside):
            return None, ""
        outer = [at.outer(t) for t in inside]
        bounds = [(a[1], b[0]) for a, b in zip(outer, outer[1:])]
        gaps = [text[lo:hi] for lo, hi in bounds]
        if any(lo > hi for lo, hi in bounds) or any(g.strip(" \t,.;:/") for g in gaps):
            return None, ""  # something besides separators between the tags
        # a person tag follows its OVIP with a blank, no separator (3.5; the reader
        # counts none there): that gap is not counted, and keeps its layout
        counted = [g for g, t in zip(gaps, inside[1:]) if not t.person]
        commas = sum("," in g for g in counted)
        sep = ", " if commas > len(counted) - commas else " "
        seps = [(", " if "," in g else " ") if t.person else sep for g, t in zip(gaps, inside[1:])]
        how = "commas as between most of its tags" if sep == ", " else "spaces as between most of its tags" if 2 * commas < len(counted) else "spaces (as many of its tags are parted by commas as by spaces, and a tie goes to spaces)"
        wrapped = inside[0].span.line != inside[-1].span.end_line
        if wrapped or any(o != (t.span.start, t.span.end) for o, t in zip(outer, inside)):
            # tags wrapped in residue ("[PREL](#), [PTER](#)"): only the separators
            # between the wrapped tags are rewritten, each an edit of its own, clear of
            # F004's edits of the residue, so that both go in one pass; so too across
            # the line break that a person tag is wrapped over, which stays
            edits = []
            for (lo, hi), g, s, t in zip(bounds, gaps, seps, inside[1:]):
                if g != s:  # (a gap is on one line: separators only, no line break)
                    home = t.span.start - t.span.column  # (the line's offset, less one)
                    edits.append(Edit(Span(t.span.line, lo - home, t.span.line, hi - home, lo, hi), s))
            return (Fix(tuple(edits)), how) if edits else (None, "")
        tail = text[inside[-1].span.end : span.end]
        joined = inside[0].text + "".join(s + t.text for s, t in zip(seps, inside[1:]))
        return Fix((Edit(inside[0].span.cover(span), joined + tail.strip(" \t")),)), how


class _Where:
    """The tags of a TAGS list found by where they are, each lookup a bisection or a
    table, not a pass over the list: a fix is worked out for each finding, and a list
    of thousands of tags with a finding each cost their square."""

    def __init__(self, tags: TagsLine, cable: Cable) -> None:
        self.tags = tags.tags
        self.by_span = {t.span: t for t in self.tags}
        self.starts = [t.span.start for t in self.tags]
        self.sorted = all(a <= b for a, b in zip(self.starts, self.starts[1:]))
        # converter residue around tags ("[PREL](#), [PTER](#)"): F004's fixes remove
        # it, and H006's fixes edit only the separators between it, in the same pass
        self.wraps = [(r.span.start, r.span.end) for r in cable.residue if tags.span.start <= r.span.start < tags.span.end]
        self.wrap_starts = [a for a, _ in self.wraps]
        # in order and apart: a tag can be inside the last one that starts before it only
        self.apart = all(a < b <= c for (a, b), (c, _) in zip(self.wraps, self.wraps[1:]))
        self._ends: Optional[tuple[dict[int, Tag], dict[int, Tag]]] = None

    def outer(self, tag: Tag) -> tuple[int, int]:
        """Where *tag* is written, with the converter residue around it: "[PREL](#)"
        for PREL (the first residue, in order, that holds it)."""
        start, end = tag.span.start, tag.span.end
        if self.apart and start < end:
            k = bisect_right(self.wrap_starts, start) - 1
            return self.wraps[k] if k >= 0 and end <= self.wraps[k][1] else (start, end)
        for a, b in self.wraps:
            if a <= start and end <= b:
                return a, b
        return start, end

    def inside(self, span: Span) -> list[Tag]:
        """The tags inside *span*, in order."""
        if not self.sorted:
            return [t for t in self.tags if t.span.start >= span.start and t.span.end <= span.end]
        lo, hi = bisect_left(self.starts, span.start), bisect_right(self.starts, span.end)
        return [t for t in self.tags[lo:hi] if t.span.end <= span.end]

    def ending(self, at: int) -> Optional[Tag]:
        """The first tag whose writing (residue included) ends exactly at offset *at*."""
        return self._outer_ends()[1].get(at)

    def starting(self, at: int) -> Optional[Tag]:
        """The first tag whose writing (residue included) starts exactly at offset *at*."""
        return self._outer_ends()[0].get(at)

    def _outer_ends(self) -> tuple[dict[int, Tag], dict[int, Tag]]:
        if self._ends is None:
            self._ends = ({}, {})
            for t in self.tags:
                a, b = self.outer(t)
                self._ends[0].setdefault(a, t)
                self._ends[1].setdefault(b, t)
        return self._ends


class UnknownTag(Rule):
    """A tag that is not in the TAGS vocabulary (built-in plus ``extra-tags``).

    Why: TAGS come from a fixed list (5 FAH-3; cable-format.md 3.5); an unknown code
    indexes the cable under nothing. The common trap is an ISO 3166 country code
    where State uses FIPS 10-4 (``RU`` for Russia, which is ``RS``); ``VZ``, seen
    for Venezuela, is neither (``VE``). The message names the country such a code
    stands for and its TAGS code, without assuming it was meant ("expected RS if
    Russia is meant"). Free text written as tags (``COUNTER TERRORISM``: unknown
    words in a row, apart by blanks, one longer than a code) is one finding for the
    phrase, and so is a known tag split by a blank (``S W`` for ``SW``). Person tags
    (``OVIP (STEINBERG, JAMES B.)``) and a name written after
    OVIP/OREP/OEXC without parentheses (``OVIP BIDEN JOSEPH``: unknown words apart
    from it by blanks only) are not checked; after ``OVIP,`` the next item is a tag
    and is checked. A known tag with an accented letter or a typographic character
    in it (``ÉINV``) is F004's in a telegram or a draft, which names the character and
    writes its ASCII: it is not reported again. Add local codes with the
    ``extra-tags`` option.

    Bad: ``TAGS: PREL RU``, ``TAGS: PREL YM COUNTER TERRORISM``.
    Good: ``TAGS: PREL RS``, ``TAGS: PREL PTER YM``.
    """

    code = "H007"
    name = "unknown-tag"
    severity = "warning"
    needs = ("tags",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.tags is None:
            return
        for kind, run in grouped_tags(cable, ctx):
            tag = run[0]
            if kind == "free":
                phrase = " ".join(t.text for t in run)
                yield Finding(tag.span.cover(run[-1].span), f"'{clip(phrase)}' is free text, not a tag: expected codes from the TAGS vocabulary")
            elif kind == "split":
                yield Finding(tag.span.cover(run[-1].span), f"tag '{clip(tag.text)} {clip(run[-1].text)}' is split by a blank: expected {clip(tag.text)}{clip(run[-1].text)}")
            elif kind == "name" or tag.person or tag.text in ctx.tags:
                continue
            elif not tag.text.isascii() and cable.dialect in ("telegram", "draft") and in_ascii(tag.text) in ctx.tags:
                # a known tag with an accented letter or a typographic character in it
                # ('ÉINV'): F004 names the character and writes its ASCII; one slip,
                # one finding
                continue
            elif tag.text in ISO_TRAPS:
                code, country = ISO_TRAPS[tag.text]
                yield Finding(tag.span, f"tag '{clip(tag.text)}' is the ISO code for {country}, not a TAGS code: expected {code} if {country} is meant")
            elif tag.text in LOOKALIKES:
                code, country = LOOKALIKES[tag.text]
                yield Finding(tag.span, f"tag '{clip(tag.text)}' is not in the TAGS vocabulary: expected {code} if {country} is meant")
            else:
                yield Finding(tag.span, f"tag '{clip(tag.text)}' is not in the TAGS vocabulary: expected a known tag (add local ones with extra-tags)")


def grouped_tags(cable: Cable, ctx: Context) -> list[tuple[str, tuple[Tag, ...]]]:
    """:func:`tag_groups` of the cable's TAGS line (none without one) with the run's
    vocabulary, worked out once for the rules that read them (H006, H007, H013)."""
    entry = ctx.memo.get(grouped_tags)
    if entry is None or entry[0] is not cable:
        groups = list(tag_groups(cable.tags.tags, ctx.tags)) if cable.tags is not None else []
        entry = ctx.memo[grouped_tags] = (cable, groups)
    return entry[1]


def tag_groups(tags: tuple[Tag, ...], known: frozenset[str]) -> Iterator[tuple[str, tuple[Tag, ...]]]:
    """The items of a TAGS list, in order and in groups: ("name", words) for a
    person's name written without parentheses after OVIP and the like ("OVIP BIDEN
    JOSEPH": the unknown words after OVIP, apart by blanks only; after "OVIP," a
    word is a tag again), ("free", words) for free text (two or
    more unknown words in a row, apart by blanks only, one of them longer than a
    code: "COUNTER TERRORISM"), ("split", two words) for a known tag split by a blank
    ("S W" for SW), and ("tag", (item,)) for any other item.

    A two-letter word or an ISO code is a tag of its own ("YE COUNTER TERRORISM":
    YE, then the phrase), and so is each of several unknown codes ("KSEC ECIP")."""

    def wordy(tag: Tag) -> bool:
        return not tag.person and tag.text not in known and len(tag.text) > 2 and tag.text not in ISO_TRAPS

    i = 0
    # tags[i:plain] are unknown words in a row none longer than a code: each is a tag
    # of its own, and the run from each of them ends where the first one's did (not
    # searched again from each: a list of thousands of unknown codes)
    plain = 0
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
        after = tags[i + 1] if i + 1 < len(tags) else None
        if after is not None and after.after_space and tag.text not in known and after.text not in known and not tag.person and not after.person and tag.text + after.text in known:
            yield "split", (tag, after)
            i += 2
            continue
        if i >= plain:
            j = i
            while j < len(tags) and wordy(tags[j]) and (j == i or tags[j].after_space):
                j += 1
            if j - i > 1 and any(len(t.text) > 4 for t in tags[i:j]):
                yield "free", tags[i:j]
                i = j
                continue
            plain = j
        yield "tag", (tag,)
        i += 1


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
    needs = ("tags",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.tags is None:
            return
        groups = grouped_tags(cable, ctx)
        if any(kind == "name" or run[0].person for kind, run in groups):
            return
        for kind, run in groups:
            tag = run[0]
            if kind == "tag" and tag.text in _NAMED_TAGS:
                yield Finding(tag.span, f"{clip(tag.text)} tag without a person tag: expected the person's name after it, as in {clip(tag.text)} (SURNAME, GIVEN NAMES)")


RULES: tuple[type[Rule], ...] = (
    MissingTagsLine,
    MalformedTagsLine,
    UnknownTag,
    VisitTagWithoutPerson,
)
