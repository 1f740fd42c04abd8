"""F004: what a converter or a word processor left in the text (cable-format.md 4.8,
5.3): Markdown and HTML residue in any cable, and typographic or other non-ASCII
characters in a telegram or a draft."""

from __future__ import annotations

import unicodedata
from typing import Iterator

from cablelint.compiled import regex
from cablelint.linter.rule import Context, Edit, Finding, Fix, Rule
from cablelint.model import Cable
from cablelint.quote import clip
from cablelint.rules._ascii import BOM, OTHER_NON_ASCII, TYPOGRAPHIC, TYPOGRAPHIC_FOUND, ZERO_WIDTH, in_ascii, unaccented

# The ASCII by name: a bare ' or " after "expected" reads as a stray quotation mark.
_ASCII_NAMES = {"'": "a straight apostrophe (')", '"': 'a straight double quote (")', "-": "a hyphen (-)", "--": "two hyphens (--)", "...": "three full stops (...)", " ": "a plain space"}
# A zero-width space or a byte-order mark inside the text (rules/_ascii.py): one
# finding per run, the fix removes it. The file's own mark before its first line is no
# character of the text (files.py keeps it aside).
_ZERO_WIDTH_RUN = regex("\u200b+|\ufeff+")
_ZERO_WIDTH_NAMES = {ZERO_WIDTH: ("zero-width space", "U+200B"), BOM: ("byte-order mark", "U+FEFF")}


class RenderingResidue(Rule):
    """Markdown or HTML residue left by a converter.

    Why: converters that turn archive pages into text leave links around tags and
    paragraph numbers (``[PGOV](#)``, ``[¶](#par3)``), HTML tags and entities
    (``<br>``, ``&amp;``), backslash escapes (``1\\.``) and the heading mark of a
    dash-ruled heading (``## SUMMARY``); a link that lost its closing parenthesis
    (``[PGOV](#``) too; an archive anchor that lost it before its paragraph's number
    (``[¶](#par33. (C)``) ends after the anchor's own number, the paragraph keeping
    its number. They are not part of the cable
    (cable-format.md 5.3). An HTML element's two tags on one line (``<sup>1</sup>``)
    are one finding, its text kept, and so is an entity escaped twice or more
    (``AT&amp;amp;T``, a page escaped again), its fix writing the text (``AT&T``).
    The archive's own ``¶`` before paragraph numbers and letters in
    cablegate text is that rendering's convention and is not residue; the same sign
    written again there (``¶¶3.``, ``¶ ¶3.``) is, and so is one before any other
    line (``¶TAGS:``, ``¶SUBJECT:``), which the archive never signs (its anchors
    stand before a number or a letter and a full stop, cable-format.md 5.2).

    In a telegram or a draft, typographic characters that a word processor or a
    publisher put for the telegram's ASCII (curly quotation marks, en and em dashes,
    an ellipsis, a bullet for the telegram's ``--``, a no-break space; cable-format.md
    4.1, 4.8) are residue too, and so is
    any other character outside ASCII (an accented letter, a currency sign, a word in
    another script): the telegram carries ASCII only. Archive renderings keep them:
    the publisher added them to every cable. There a residue's fix writes the text it
    keeps in ASCII (``[“PGOV”](#)`` -> ``"PGOV"``): one finding for both; text it
    keeps that has no ASCII form (``[€5](#)``) is named in that finding, and its fix
    takes the markup off and leaves that text to the drafter. An ellipsis for
    the full stop of a marked paragraph head (``2… (C)``, or ``2\\… (C)`` after a
    backslash) is the head's slip, P004's, whose fix writes ``2. (C)``, and so are the
    escaped full stops of a head with no marker and more than one
    (``2\\.\\.\\. The``, fixed to ``2. The``); curly quotes around a tag (``TAGS: “PREL”``) are
    H006's, a tag in quotes, whose fix takes them off. A zero-width
    space (U+200B), invisible and no character of any rendering, is residue in every
    cable, and so is a byte-order mark (U+FEFF) inside the text (files joined after
    the first kept theirs); the file's own mark before its first line is not. Inside
    other residue (a link around ``a<U+200B>b``) it is that residue's finding, whose
    fix drops it. The other rules read the text as it shows, without them
    (``End<U+200B> Summary.`` closes a summary).

    In a page converted to Markdown (one that holds residue of the kinds above),
    Markdown's own markup is residue too: a block quote's mark (``> Iran``),
    ``_italic_``, ``**bold**`` and a code span (words between two backticks). That
    converter escapes the cable's own ``>``, ``_`` and backtick (``\\>``, ``\\_``;
    cable-format.md 5.3), so only its markup is left unescaped; in any other file
    these are the cable's text (an e-mail quoted with ``>``, an identifier with
    ``_``) and are not reported, and neither is an underscore or a backtick inside a
    word (``FILE_NAME``, a backtick typed for an apostrophe) nor a rule of asterisks.

    Bad: ``TAGS: [PGOV](#) [PREL](#)``; in a draft, ``the Minister’s “offer”``,
    ``the Chargé``.
    Good: ``TAGS: PGOV PREL``; ``the Minister's "offer"``, ``the Charge``.

    Fix: removes the residue and keeps the text it stands for, never joining two
    words it kept apart: a line break between two words (``HIGHLY<br>INTERESTED``, a
    block's tag such as ``<p>``, the entity ``&#x000A;``) is written as one blank
    (next to a blank or at the line's end, as nothing), and so is the seam of two
    links, emphasis or code spans that meet (``[PREL](#)[PTER](#)`` -> ``PREL PTER``,
    two tags, as the TAGS line is read); writes the ASCII for
    a typographic character (``--`` for an em dash) and takes the accents off a
    letter (``é`` -> ``e``) and removes the archive's paragraph sign pasted at the
    start of a line (``¶3. (C)`` -> ``3. (C)``; pasted twice, ``¶ ¶3.``, both
    signs); in a cablegate rendering, where one sign is the archive's, it removes
    the signs after the first (``¶¶3.`` -> ``¶3.``), and every sign before a line
    the archive does not sign (``¶TAGS:`` -> ``TAGS:``). Other non-ASCII text has no fix: only the drafter can say what it
    should be in ASCII.
    """

    code = "F004"
    name = "rendering-residue"
    severity = "warning"
    fixable = True

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        residues = cable.residue
        text = ctx.file.text or ""
        # in a telegram or a draft the text a residue keeps is written in ASCII by its fix
        # ('[“PGOV”](#)' -> '"PGOV"'): one finding, not one more for each character
        ascii_only = cable.dialect in ("telegram", "draft")
        skip = -1
        # the escaped full stops of a head with no marker and more than one ("2\\.\\.\\.
        # The"): P004's slip, whose fix writes "2. " (one finding, no edits that overlap)
        heads = _escaped_heads(cable) if residues else []
        for k, residue in enumerate(residues):
            if k == skip:
                continue
            if heads and residue.original == "\\." and _in_residue(heads, residue.span.start):
                continue
            closing = residues[k + 1] if k + 1 < len(residues) else None
            if closing is not None and _element_tags(residue.original, closing.original) and residue.span.line == closing.span.line and text:
                # '<sup>1</sup>', '<a name="x"></a>': one element put in, one finding
                # for its two tags, its text kept
                inner = text[residue.span.end : closing.span.start]
                if "<" not in inner:
                    skip = k + 1
                    keep = _plain(inner) if inner else "them removed"
                    yield Finding(
                        residue.span.cover(closing.span),
                        f"converter residue '{clip(residue.original + inner + closing.original)}' (an HTML element's tags): expected {keep}",
                        # (a block's tags between two words, "A<p>B</p>C", are blanks)
                        Fix((Edit(residue.span, residue.replacement), Edit(closing.span, closing.replacement))),
                    )
                    continue
            shown = clip(residue.original)
            replacement = residue.replacement
            hidden = ""  # the zero-width characters in the text it keeps: its fix drops them
            if ZERO_WIDTH in replacement or BOM in replacement:
                hidden = " and ".join(f"{name} ({code})" for c, (name, code) in _ZERO_WIDTH_NAMES.items() if c in replacement)
                replacement = _ZERO_WIDTH_RUN.sub("", replacement)
            if ascii_only and not replacement.isascii():
                replacement = in_ascii(replacement)
            keep = _described(replacement) if replacement else "nothing"
            # an entity for a control character or a line separator ("&#12;", "&#x2028;")
            # stands for nothing a cable may hold: no fix writes it in
            # (those are none of them printable: most replacements are, and are not read
            # a character at a time)
            unsafe = not replacement.isprintable() and any(unicodedata.category(c) in ("Cc", "Zl", "Zp") and c != "\t" for c in replacement)
            if unsafe:
                yield Finding(residue.span, f"converter residue '{shown}' stands for {keep}, which a cable cannot hold: expected plain text in its place")
            else:
                instead = _plain(replacement) if replacement else "it removed"
                if residue.parted:
                    # a line break between two words, or the seam of two links that meet
                    # ("[PREL](#)[PTER](#)"): its fix keeps the two words apart
                    rest = replacement[1:]
                    if rest:
                        instead = f"{_plain(rest)} after a blank (two words the markup kept apart)"
                    else:
                        instead = "a blank in its place (a line break between two words)"
                if hidden:  # a link around "a<U+200B>b": one finding, not one more for the space
                    instead += f", without the invisible {hidden} it holds"
                others = OTHER_NON_ASCII.findall(replacement) if ascii_only and not replacement.isascii() else None
                if others:
                    # text no ASCII says ("[€5](#)"): named here, not again on its own;
                    # the fix takes the markup off and leaves the drafter that text
                    instead += f", and ASCII for its {', '.join(map(_named, others))} (a telegram carries ASCII only)"
                yield Finding(residue.span, f"converter residue '{shown}': expected {instead}", Fix((Edit(residue.span, replacement),)))
        if ZERO_WIDTH in text or BOM in text or (not text and any(ZERO_WIDTH in line.raw or BOM in line.raw for line in cable.lines)):
            yield from _zero_width(cable, [(r.span.start, r.span.end) for r in residues])
        if cable.dialect in ("telegram", "draft") and not (ctx.file.text or "").isascii():
            yield from self._typographic(cable)
        elif cable.dialect == "cablegate" and _SIGN_ODD.search(ctx.file.text or ""):  # (most archive pages sign heads once)
            yield from _signs_odd(cable)

    def _typographic(self, cable: Cable) -> Iterator[Finding]:
        # text inside residue, which its fix removes ("[\u00b6](#par1)" on a Markdown page
        # read as a draft) or writes in ASCII ("[\u201cPGOV\u201d](#)") or its finding
        # names ("[\u20ac5](#)"), is the residue's finding alone
        removed = [(r.span.start, r.span.end) for r in cable.residue]
        # an ellipsis for a head's full stop ("2\u2026 (C)", "2\u2026 The"), and curly quotes
        # at the ends of a tag (TAGS: \u201cPREL\u201d): P004's and H006's findings,
        # whose fixes write the head and the tag (one slip, one finding, and no edits
        # that overlap)
        owned = _owned(cable)
        for line in cable.lines:
            if line.raw.isascii():
                continue
            for m in TYPOGRAPHIC_FOUND.finditer(line.raw):
                if removed and _in_residue(removed, line.start + m.start()):
                    continue
                if owned and _in_residue(owned, line.start + m.start()):
                    continue
                name, ascii_text = TYPOGRAPHIC[m.group()]
                span = line.raw_span(m.start(), m.end())
                shown = _ASCII_NAMES[ascii_text]
                yield Finding(span, f"typographic {name} ({m.group()}) in a {cable.dialect}: expected {shown} (a telegram carries ASCII only)", Fix((Edit(span, ascii_text),)))
            signed = 0  # where the paragraph signs pasted before the head end
            for m in OTHER_NON_ASCII.finditer(line.raw):
                found = m.group()
                if m.start() < signed or removed and _in_residue(removed, line.start + m.start()):
                    continue
                span = line.raw_span(m.start(), m.end())
                named = _named(found)
                if not found.strip("\u00b6") and line.pilcrow and not line.raw[: m.start()].strip(" \t"):
                    # the archive's paragraph sign pasted before a paragraph's number (once
                    # or more, "¶ ¶2."): the head reads the same without it (and the blanks
                    # after it); one finding, or its fix would leave the next sign there
                    rest = line.raw[m.start() :]
                    signed = len(line.raw) - len(rest.lstrip(" \t\u00b6"))
                    signs = line.raw[m.start() : signed].rstrip(" \t")
                    what, alone = _signed(line.raw[signed:])
                    yield Finding(
                        line.raw_span(m.start(), m.start() + len(signs)),
                        f"paragraph sign {_named(signs)} {what} in a {cable.dialect}: expected {alone} (a telegram carries ASCII only)",
                        Fix((Edit(line.raw_span(m.start(), signed), ""),)),
                    )
                    continue
                plain = unaccented(found)
                if plain is None:
                    yield Finding(span, f"non-ASCII text {named} in a {cable.dialect}: expected ASCII text (a telegram carries ASCII only)")
                else:
                    yield Finding(span, f"accented letter {named} in a {cable.dialect}: expected '{clip(plain)}' (a telegram carries ASCII only)", Fix((Edit(span, plain),)))


def _escaped_heads(cable: Cable) -> list[tuple[int, int]]:
    """The heads with no marker and more than one full stop, which P004 rewrites whole
    (Paragraph.slipped_stop), their stops escaped or not ("2\\.\\.\\. The"), from the
    number to the last stop; start and end offsets."""
    return [(p.head_stops.span.start, p.head_stops.span.end) for p in cable.paragraphs if p.stop == ".." and p.slipped_stop]


def _owned(cable: Cable) -> list[tuple[int, int]]:
    """Where a typographic character is another rule's slip, reported and fixed there:
    the ellipsis for the full stop of a head, with a marker or none ("2\u2026 (C)",
    "2\u2026 The", P004) and
    the curly quotes at the ends of one tag on the TAGS list (\u201cPREL\u201d,
    \u201cPREL: H006, whose fix takes them off); start and end offsets."""
    owned = [(p.number_span.end - 1, p.number_span.end) for p in cable.paragraphs if p.stop[-1:] == "\u2026" and (p.marker is not None or not p.run_in)]
    if cable.tags is not None:
        # a problem over one tag as written, its quotes included (not one over the list)
        for q in cable.tags.problems:
            if q.span.line == q.span.end_line and _QUOTED_TAG.fullmatch(cable.lines[q.span.line - 1].raw, q.span.column - 1, q.span.end_column - 1):
                owned.append((q.span.start, q.span.end))
    return owned


# one tag with curly quotes at one end or both, as H006 reports it ("\u201cPREL\u201d")
_QUOTED_TAG = regex("[\u201c\u201d\u2018\u2019]+[A-Za-z0-9]+[\u201c\u201d\u2018\u2019]*|[A-Za-z0-9]+[\u201c\u201d\u2018\u2019]+")
_SUB_HEAD = regex(r"[A-Za-z][.)][ \t]")
# a paragraph sign written again, or before what the archive does not sign: anything but
# a number or a letter and a full stop (its own "\u00b63.", "\u00b6B."), or a letter with
# a slip for its full stop ("\u00b6B, 04 BOGOTA 12040": the label's slip, X001's)
_SIGN_ODD = regex("\u00b6[ \t]*(?:\u00b6|(?![0-9]|[A-Za-z][.),;:]))")
_SIGNED_HEAD = regex("[0-9]|[A-Za-z][.),;:]")


def _signed(after: str) -> tuple[str, str]:
    """Where a paragraph sign stands, from the text *after* it on its line, and what
    is expected there instead: "pasted before a paragraph's number" and "the number
    alone" for "2. (C) ...", as the archive signs a paragraph; the first word and the
    line starting with it for any other line ("TAGS: ...", "INFO ..."); alone on its
    line and the line empty where nothing follows it."""
    if after[:1].isdigit():
        return "pasted before a paragraph's number", "the number alone"
    if _SUB_HEAD.match(after):
        return "pasted before a sub-paragraph's letter", "the letter alone"
    if not after.split():
        return "alone on its line", "the line empty"
    word = clip(after.split()[0])
    return f"pasted before '{word}'", f"the line to start with '{word}'"


def _signs_odd(cable: Cable) -> Iterator[Finding]:
    """The archive's paragraph sign where the archive puts none in a cablegate
    rendering: written more than once before a line's text ("\u00b6\u00b61.", "\u00b6 \u00b61."),
    where the line's first sign is its convention, not residue, and the ones after it
    are; or before a line that is neither a number's nor a letter's head
    ("\u00b6TAGS:", "\u00b6SUBJECT:"), which the archive never signs (a letter with a slip
    for its full stop, "\u00b6B, 04 BOGOTA", is a label's head: X001's). One finding a line,
    its fix leaving the first sign before a head ("\u00b61.") and none before another line."""
    for line in cable.lines:
        if not line.pilcrow:
            continue
        first = line.raw.find("\u00b6")
        rest = line.raw[first + 1 :]
        run = rest[: len(rest) - len(rest.lstrip(" \t\u00b6"))].rstrip(" \t")
        signs = line.raw[first : first + 1 + len(run)]
        after = rest.lstrip(" \t\u00b6")
        what, alone = _signed(after)
        if _SIGNED_HEAD.match(after) is None:  # "\u00b6TAGS:": no sign at all
            yield Finding(
                line.raw_span(first, first + len(signs)),
                f"paragraph sign {_named(signs)} {what} in a cablegate rendering: expected {alone} (the archive signs only numbered and lettered heads)",
                Fix((Edit(line.raw_span(first, len(line.raw) - len(after)), ""),)),
            )
        elif "\u00b6" in run:
            yield Finding(
                line.raw_span(first, first + len(signs)),
                f"paragraph sign {_named(signs)} pasted more than once before {what.removeprefix('pasted before ')}: expected one '\u00b6' at most, as the archive writes it",
                Fix((Edit(line.raw_span(first + 1, len(line.raw) - len(after)), ""),)),
            )


def _in_residue(residues: list[tuple[int, int]], at: int) -> bool:
    """Whether offset *at* lies in one of *residues* (start and end offsets)."""
    return any(start <= at < end for start, end in residues)


def _named(found: str) -> str:
    """Non-ASCII text with its first code points: "'€' (U+20AC)"."""
    return f"'{clip(found)}' ({', '.join(f'U+{ord(c):04X}' for c in found[:3])}{', ...' if len(found) > 3 else ''})"


def _zero_width(cable: Cable, residues: list[tuple[int, int]]) -> Iterator[Finding]:
    """Each run of zero-width spaces or byte-order marks, in any rendering, but those
    inside residue (its start and end offsets in *residues*), whose fix drops them."""
    for line in cable.lines:
        if ZERO_WIDTH in line.raw or BOM in line.raw:
            for m in _ZERO_WIDTH_RUN.finditer(line.raw):
                if line.start + m.start() == 0 and m.group(0)[0] == BOM:
                    continue  # the file's own byte-order mark, where no reader strips it
                if residues and _in_residue(residues, line.start + m.start()):
                    continue
                name, code = _ZERO_WIDTH_NAMES[m.group(0)[0]]
                many = f"{len(m.group())} {name}s" if len(m.group()) > 1 else f"a {name}"
                span = line.raw_span(m.start(), m.end())
                yield Finding(span, f"{many} ({code}), invisible, left by a converter or an editor: expected it removed", Fix((Edit(span, ""),)))


def _element_tags(opening: str, closing: str) -> bool:
    """Whether *opening* and *closing* (two HTML-tag residues) open and close one
    element ('<sup>' and '</sup>'; a line break, '<br>', is an element of its own)."""
    if not opening.startswith("<") or opening.startswith("</") or opening.endswith("/>") or not closing.startswith("</"):
        return False
    name = opening[1:-1].split(None, 1)[0] if len(opening) > 2 else ""
    return bool(name) and name.lower() != "br" and closing[2:-1].strip().lower() == name.lower()


# a mark that quotes would hide ("(''')"), named in the user's terms
_MARKS = {"'": "an apostrophe (')", '"': 'a double quotation mark (")', "`": "a backquote (`)", " ": "a space"}


def _plain(text: str) -> str:
    """What a residue's fix leaves, as its message says it: the text quoted ("the plain
    text ('PGOV')"), or the one mark it is named ("an apostrophe (')")."""
    return _MARKS.get(text) or f"the plain text ({_described(text)})"


def _described(text: str) -> str:

    """*text* quoted, with the code point and name of a character that does not show
    for itself (a no-break space, a control character)."""
    if text.isascii() and text.isprintable():
        return f"'{clip(text)}'"
    if len(text) == 1:
        name = unicodedata.name(text, "a control character").lower()
        return f"U+{ord(text):04X}, {name}"
    return f"'{clip(text)}'"  # (the engine writes what does not show for itself as <U+XXXX>)


RULES: tuple[type[Rule], ...] = (RenderingResidue,)
