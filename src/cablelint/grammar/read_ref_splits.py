"""Where the REF block's text is cut into references (3.7): before a label with no
blank after a semicolon, at the separators of an unlabelled entry, at an AND before
a cable reference in a labelled one. The block's labels are read in read_refs.py."""

from __future__ import annotations

from cablelint.compiled import regex
from cablelint.grammar.patterns import field
from cablelint.grammar.segment import Seg

_REF_LABEL_TIGHT = field("REF_LABEL_TIGHT")
_REF_SEP = field("REF_SEPARATOR")
_REF_CABLE = field("REF_CABLE")
# a semicolon before a label with no blank after it ("...; B.RABAT 380")
_SEMI_BEFORE_TIGHT = regex(r";[ \t]*(?=[A-Z]\.)")


def split_tight(piece: Seg) -> list[Seg]:
    """*piece* cut before each label written with no blank after it that follows a
    semicolon and starts a cable reference ("A.STATE 22117; B.RABAT 380"): each part
    is then read as a line of its own, its label by read_refs._tight_label. Cut from the end, so
    that each label's entry runs only to the next cut."""
    text = piece.text
    cuts: list[tuple[int, int]] = []  # (where the semicolon is, where the label is)
    end = len(text)
    for m in reversed(list(_SEMI_BEFORE_TIGHT.finditer(text))):
        tm = _REF_LABEL_TIGHT.match(text, m.end())
        if m.end() < end and tm is not None and looks_like_new_item(text[tm.end() : end]):
            cuts.append((m.start(), m.end()))
            end = m.start()
    if not cuts:
        return [piece]
    parts: list[Seg] = []
    begin = 0
    for semi, label in reversed(cuts):
        parts.append(piece.sub(begin, semi))
        begin = label
    parts.append(piece.sub(begin))
    return parts


def looks_like_new_item(text: str) -> bool:
    """Does *text* read as a cable reference (an origin and a number)?"""
    return bool(_REF_CABLE.fullmatch(text.strip()))


def unlabelled_split(body: Seg) -> list[Seg]:
    """An entry without labels cut into its references at the separators between
    them; kept whole when its text was joined from two lines."""
    if body.line.text[body.begin : body.begin + len(body.text)] != body.text:
        return [body]  # a joined wrapped item: positions of parts are not exact
    text = body.text
    parts: list[Seg] = []
    pos = 0
    for m in _REF_SEP.finditer(text):
        if m.group().strip().upper() == "AND" and _REF_CABLE.match(text, m.end()) is None:
            # "TELCON BETWEEN A/S SMITH AND DCM JONES": an AND before no cable reference
            # joins the words of one document (3.7 other_ref), not two references
            continue
        if m.start() > pos:
            parts.append(body.sub(pos, m.start()))
        pos = m.end()
    if pos < len(text):
        parts.append(body.sub(pos))
    return parts or [body]


def and_split(body: Seg) -> list[Seg]:
    """A labelled entry cut at each AND before a cable reference ("09 STATE 1 AND 09
    RABAT 2"), as an unlabelled one is; kept whole when joined from two lines."""
    if body.line.text[body.begin : body.begin + len(body.text)] != body.text:
        return [body]
    parts: list[Seg] = []
    pos = 0
    for m in _REF_SEP.finditer(body.text):
        if m.group().strip().upper() == "AND" and m.start() > pos and _REF_CABLE.match(body.text, m.end()) is not None:
            parts.append(body.sub(pos, m.start()))
            pos = m.end()
    parts.append(body.sub(pos))
    return parts
