"""C: the portion markings as the C rules read them (cable-format.md 4.1, 4.2)."""

from __future__ import annotations

from typing import Optional

from cablelint.model import Cable, Text
from cablelint.records import record
from cablelint.rules._places import MARK_RANK


@record
class Portion:
    number: Optional[int]  # the paragraph's; None for the subject
    marker: Text  # as written, with its parentheses
    level: Optional[str]  # "U", "SBU", "C", ...
    controls: tuple[str, ...]
    rank: Optional[int]  # the level's rank (MARK_RANK)
    sub: Optional[str] = None  # a sub-paragraph's label ("A" in "3.A")
    unnumbered: bool = False  # a portion marked with no number (Cable.unnumbered)

    @property
    def what(self) -> str:
        if self.unnumbered:
            return f"the unnumbered paragraph on line {self.marker.span.line}"
        if self.sub is not None:
            return f"sub-paragraph {self.sub}" if self.number is None else f"sub-paragraph {self.number}.{self.sub}"
        return "the subject" if self.number is None else f"paragraph {self.number}"

    @property
    def shown(self) -> str:
        return self.marker.text


def marked_portions(cable: Cable) -> list[Portion]:
    """The subject marking and every paragraph and sub-paragraph marker, and every
    marker of a portion with no number ("(S/NF) Summary: ..."), in source order."""
    out: list[Portion] = []
    subj = cable.subject
    if subj is not None and subj.marker is not None:
        out.append(Portion(None, subj.marker, subj.level, subj.controls, MARK_RANK.get(subj.level or "")))
    out.extend(
        Portion(para.number, para.marker, para.level, para.controls, MARK_RANK.get(para.level or ""))
        for para in cable.paragraphs
        if para.marker is not None
    )
    subs = [
        Portion(sub.paragraph, sub.marker, sub.level, sub.controls, MARK_RANK.get(sub.level or ""), sub.label)
        for sub in cable.subparagraphs
        if sub.marker is not None
    ]
    subs += [Portion(None, u.marker, u.level, u.controls, MARK_RANK.get(u.level), unnumbered=True) for u in cable.unnumbered]
    if subs:
        out = sorted(out + subs, key=lambda p: p.marker.span.start)
    return out
