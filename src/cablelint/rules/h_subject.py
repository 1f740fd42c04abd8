"""H: the SUBJECT line (cable-format.md 3.6)."""

from __future__ import annotations

from typing import Iterator

from cablelint.linter.rule import Context, Finding, Rule, field_problems
from cablelint.model import Cable
from cablelint.rules._h_shared import cut_off, missing_at, missing_message


class MissingSubjectLine(Rule):
    """No ``SUBJECT:`` line.

    Why: the subject line is mandatory (5 FAH-1 H-232; cable-format.md 3.6); it is
    what readers and indexes show for the cable.

    It is reported where the line belongs: before the next caption present, or under
    the captions above; at a line that fits no part of the cable standing first
    there (``Valenzuela``, the subject's second line, its first lost), which the
    finding names and S004 leaves to it. The E.O. (H001) and TAGS (H005) lines are
    placed the same way.

    Not reported where the archive's text stops with "..." before any paragraph
    (a header, or captions, then "..." and nothing more) and before the line's place.

    Bad: ``TAGS: PGOV`` followed by the text.
    Good: ``SUBJECT: MALI: ELECTIONS POSTPONED`` after TAGS.
    """

    code = "H008"
    name = "missing-subject-line"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.subject is None and not cut_off(cable, "subject"):
            yield Finding(missing_at(cable, "subject"), missing_message(cable, "subject", "SUBJECT: <subject>"))


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
    only. A malformed portion marking is named at the marking, its parentheses
    included, with what is wrong and the marking expected where one is meant
    (``(c)``: ``(C)``; ``(S-NF)``: ``(S/NF)``; ``(CONFIDENTIAL)``: ``(C)``).

    Bad: ``SUBJECT:`` with nothing after it; ``SUBJECT: (X) TALKS``;
    ``SUBJECT TALKS RESUME``; ``Subject: Talks resume``; ``SUBJET: TALKS RESUME``.
    Good: ``SUBJECT: (C) TALKS RESUME``.
    """

    code = "H009"
    name = "malformed-subject-line"
    severity = "warning"
    needs = ("problems",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        yield from field_problems(cable, ctx, "subject", "subject_marking")
        if cable.dialect == "draft":
            yield from field_problems(cable, ctx, "subject_keyword")


RULES: tuple[type[Rule], ...] = (
    MissingSubjectLine,
    MalformedSubjectLine,
)
