"""F: the file and its text, before any structure (cable-format.md 5)."""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Iterator, Optional

from cablelint.grammar.patterns import field
from cablelint.linter.rule import Context, Edit, Finding, Fix, Rule, clip
from cablelint.model import Cable
from cablelint.span import Span

# C0 controls except tab, LF and CR (those three are text); one finding per run.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f]+")
_CONTROLS = tuple(filter(_CONTROL.match, map(chr, range(0x20))))  # the characters _CONTROL finds
_EXTRACT_NOTE = field("PARTIAL_EXTRACT_NOTE")  # the archive's note before a partial extract
# (?<!...): the search enters a blank run at its start only (linear time; regex audit)
_TRAILING = re.compile(r"(?<![ \t\f\v\u00a0\u3000])[ \t\f\v\u00a0\u3000]+$")
# What a word processor or a publisher puts for a telegram's ASCII (cable-format.md 4.8),
# with its name and the ASCII it stands for.
_TYPOGRAPHIC = {
    "\u2018": ("left single quotation mark", "'"),
    "\u2019": ("right single quotation mark", "'"),
    "\u201c": ("left double quotation mark", '"'),
    "\u201d": ("right double quotation mark", '"'),
    "\u2013": ("en dash", "-"),
    "\u2014": ("em dash", "--"),
    "\u2026": ("ellipsis", "..."),
    "\u00a0": ("no-break space", " "),
}
_TYPOGRAPHIC_FOUND = re.compile("[" + "".join(_TYPOGRAPHIC) + "]")
# Any other run of characters outside ASCII (an accented name, a currency sign, a word
# in another script): one finding per run. The replacement character (and the lone
# surrogates of undecodable bytes) stand for bytes F001 reports.
_OTHER_NON_ASCII = re.compile("[^\x00-\x7f\ufffd\ud800-\udfff" + "".join(_TYPOGRAPHIC) + "]+")
# Binary data has an undecodable byte or a control character every few characters
# (tens of thousands of findings for one file). Past this many of one kind, the rest
# are counted in one finding at the first of them rather than listed.
LISTED = 20


def _listed(found: Iterator[Finding], rest: str) -> Iterator[Finding]:
    """The first LISTED of *found*; then, if there are more, one finding at the next
    one saying how many remain (*rest*: "{n} more ... : expected ...")."""
    count = 0
    first_unlisted = None
    for finding in found:
        count += 1
        if count <= LISTED:
            yield finding
        elif first_unlisted is None:
            first_unlisted = finding
    if first_unlisted is not None:
        yield Finding(first_unlisted.span, rest.format(n=count - LISTED))


class UnreadableFile(Rule):
    """The file cannot be read: it is missing, a directory, or not permitted.

    Why: a run over a corpus must report every file it was asked about; a file it
    could not open is a finding, not a reason to stop. The other files are still
    linted.

    Bad: ``cablelint check missing.cable`` (no such file).
    Good: a path to a readable file.

    The engine reports this rule itself, before parsing; there is no fix.
    """

    code = "F000"
    name = "unreadable-file"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        return iter(())


class UndecodableText(Rule):
    """Bytes that are not valid UTF-8.

    Why: cables are kept as UTF-8 text; a byte that does not decode is damage from
    a transfer or a legacy encoding, and every later position depends on reading
    the text right. The rest of the file is linted, decoded as editors decode it
    (one replacement character U+FFFD for each undecodable sequence), so columns
    agree with theirs; each finding shows the bytes. The first 20 places are
    listed; one more finding counts the rest (a binary file misnamed ``.cable`` has
    tens of thousands).

    Bad: a line containing the byte ``0xE9`` (Latin-1 "é").
    Good: the same line saved as UTF-8 (``0xC3 0xA9``).

    No fix: only the author knows which encoding was meant.
    """

    code = "F001"
    name = "undecodable-text"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if not ctx.file.bad_chars:
            return
        yield from _listed(
            self._each(cable, ctx),
            "{n:,} more places from here on are not valid UTF-8 (not listed one by one): "
            "expected UTF-8 text (a text file in another encoding needs converting once, whole)",
        )

    def _each(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        starts = [line.start for line in cable.lines]
        runs = ctx.file.bad_bytes or (b"",) * len(ctx.file.bad_chars)
        for offset, byte_offset, run in zip(ctx.file.bad_chars, ctx.file.bad_offsets, runs):
            index = max(bisect.bisect_right(starts, offset) - 1, 0)
            line = cable.lines[index]
            col = offset - line.start
            shown = " ".join(f"0x{b:02X}" for b in run[:8]) + (" ..." if len(run) > 8 else "")
            what = f"byte {shown} at offset {byte_offset} is" if len(run) == 1 else f"bytes {shown} at offset {byte_offset} are"
            yield Finding(
                line.raw_span(col, col + 1),
                f"{what} not valid UTF-8: expected UTF-8 text (read here as the replacement character U+FFFD)",
            )


class ControlCharacter(Rule):
    """NUL or another C0 control character in the text.

    Why: telegraph text is printable characters, tab and line breaks; a control
    character is transmission damage or binary data and confuses every tool that
    reads the cable after us. One finding per run of them; after 20, one more
    finding counts the rest.

    Bad: ``SUBJECT: TRADE\\x00 TALKS``.
    Good: ``SUBJECT: TRADE TALKS``.

    No fix: removing the character could join words the author meant apart.
    """

    code = "F002"
    name = "control-character"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        text = ctx.file.text or ""
        # a substring test per character is many times faster than one regex search
        if not any(c in text for c in _CONTROLS):
            return
        yield from _listed(
            self._each(cable),
            "{n:,} more runs of control characters from here on (not listed one by one): "
            "expected printable text, tab or a line break",
        )

    def _each(self, cable: Cable) -> Iterator[Finding]:
        for line in cable.lines:
            for m in _CONTROL.finditer(line.raw):
                shown = ", ".join(f"U+{ord(c):04X}" for c in m.group(0)[:4])
                more = " ..." if len(m.group(0)) > 4 else ""
                yield Finding(
                    line.raw_span(m.start(), m.end()),
                    f"control character{'s' if len(m.group(0)) > 1 else ''} {shown}{more}: expected printable text, tab or a line break",
                )


class EmptyCable(Rule):
    """The file is empty or holds only whitespace.

    Why: an empty file in a corpus is almost always a failed export; it has none of
    the parts a cable must have.

    Bad: a zero-byte ``.cable`` file.
    Good: a cable with at least a classification line, captions and text.
    """

    code = "F003"
    name = "empty-cable"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if not any(line.text for line in cable.lines):
            yield Finding(Span(1, 1, 1, 1, 0, 0), "the cable is empty: expected a classification line, captions and text")


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
    are one finding, its text kept. The archive's own ``¶`` before paragraph numbers in
    cablegate text is that rendering's convention and is not residue.

    In a telegram or a draft, typographic characters that a word processor or a
    publisher put for the telegram's ASCII (curly quotation marks, en and em dashes,
    an ellipsis, a no-break space; cable-format.md 4.8) are residue too, and so is
    any other character outside ASCII (an accented letter, a currency sign, a word in
    another script): the telegram carries ASCII only. Archive renderings keep them:
    the publisher added them to every cable.

    Bad: ``TAGS: [PGOV](#) [PREL](#)``; in a draft, ``the Minister’s “offer”``,
    ``the Chargé``.
    Good: ``TAGS: PGOV PREL``; ``the Minister's "offer"``, ``the Charge``.

    Fix: removes the residue and keeps the text it stands for; writes the ASCII for
    a typographic character (``--`` for an em dash) and takes the accents off a
    letter (``é`` -> ``e``). Other non-ASCII text has no fix: only the drafter can
    say what it should be in ASCII.
    """

    code = "F004"
    name = "rendering-residue"
    severity = "warning"
    fixable = True

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        residues = cable.residue
        text = ctx.file.text or ""
        skip = -1
        for k, residue in enumerate(residues):
            if k == skip:
                continue
            closing = residues[k + 1] if k + 1 < len(residues) else None
            if closing is not None and _element_tags(residue.original, closing.original) and residue.span.line == closing.span.line and text:
                # '<sup>1</sup>', '<a name="x"></a>': one element put in, one finding
                # for its two tags, its text kept
                inner = text[residue.span.end : closing.span.start]
                if "<" not in inner:
                    skip = k + 1
                    keep = _described(inner) if inner else "nothing"
                    yield Finding(
                        residue.span.cover(closing.span),
                        f"converter residue '{clip(residue.original + inner + closing.original)}' (an HTML element's tags): expected the plain text ({keep})",
                        Fix((Edit(residue.span, ""), Edit(closing.span, ""))),
                    )
                    continue
            shown = clip(residue.original)
            keep = _described(residue.replacement) if residue.replacement else "nothing"
            # an entity for a control character or a line separator ("&#12;", "&#x2028;")
            # stands for nothing a cable may hold: no fix writes it in
            unsafe = any(unicodedata.category(c) in ("Cc", "Zl", "Zp") and c != "\t" for c in residue.replacement)
            if unsafe:
                yield Finding(residue.span, f"converter residue '{shown}' stands for {keep}, which a cable cannot hold: expected plain text in its place")
            else:
                yield Finding(residue.span, f"converter residue '{shown}': expected the plain text ({keep})", Fix((Edit(residue.span, residue.replacement),)))
        if cable.dialect in ("telegram", "draft") and not (ctx.file.text or "").isascii():
            yield from self._typographic(cable)

    def _typographic(self, cable: Cable) -> Iterator[Finding]:
        for line in cable.lines:
            if line.raw.isascii():
                continue
            for m in _TYPOGRAPHIC_FOUND.finditer(line.raw):
                name, ascii_text = _TYPOGRAPHIC[m.group()]
                span = line.raw_span(m.start(), m.end())
                shown = "a plain space" if ascii_text == " " else ascii_text
                yield Finding(span, f"typographic {name} ({m.group()}) in a {cable.dialect}: expected {shown} (a telegram carries ASCII only)", Fix((Edit(span, ascii_text),)))
            for m in _OTHER_NON_ASCII.finditer(line.raw):
                found = m.group()
                span = line.raw_span(m.start(), m.end())
                named = f"'{found}' ({', '.join(f'U+{ord(c):04X}' for c in found[:3])}{', ...' if len(found) > 3 else ''})"
                plain = _unaccented(found)
                if plain is None:
                    yield Finding(span, f"non-ASCII text {named} in a {cable.dialect}: expected ASCII text (a telegram carries ASCII only)")
                else:
                    yield Finding(span, f"accented letter {named} in a {cable.dialect}: expected '{plain}' (a telegram carries ASCII only)", Fix((Edit(span, plain),)))


def _element_tags(opening: str, closing: str) -> bool:
    """Whether *opening* and *closing* (two HTML-tag residues) open and close one
    element ('<sup>' and '</sup>')."""
    if not opening.startswith("<") or opening.startswith("</") or opening.endswith("/>") or not closing.startswith("</"):
        return False
    name = opening[1:-1].split(None, 1)[0] if len(opening) > 2 else ""
    return bool(name) and closing[2:-1].strip().lower() == name.lower()


def _described(text: str) -> str:
    """*text* quoted, with the code point and name of a character that does not show
    for itself (a no-break space, a control character)."""
    if text.isascii() and text.isprintable():
        return f"'{text}'"
    if len(text) == 1:
        name = unicodedata.name(text, "a control character").lower()
        return f"U+{ord(text):04X}, {name}"
    return "'" + "".join(c if c.isascii() and c.isprintable() else f"<U+{ord(c):04X}>" for c in text) + "'"


def _unaccented(text: str) -> Optional[str]:
    """*text* with the accents taken off its letters ('é' -> 'e'), or None when some
    character is no ASCII letter with marks ('ß', '€', a letter of another script)."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return plain if plain.isascii() and plain.isalpha() else None


class LineTooLong(Rule):
    """A line longer than the configured limit (``line-length``, default 69).

    Why: the telegraph line carries 69 characters; a drafted cable with longer lines
    is re-wrapped in transmission, which breaks paragraph numbering and caption
    layout. On by default for drafts, where the drafter still controls the layout.

    The block a multi-section received copy repeats above each later section, and
    the captions the section repeats under it, are copies of lines checked where
    they first stand (cable-format.md 2.8): one long line is one finding.
    The archive's note before a partial extract ("This record is a partial extract
    of the original cable. ...") is the archive's line, not the cable's
    (cable-format.md 2.8), and is not checked.

    Bad: a 75-character line in a draft.
    Good: the same text wrapped at 69 characters.
    """

    code = "F005"
    name = "line-too-long"
    severity = "warning"
    default_enabled = False
    default_in = ("draft",)

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        limit = ctx.line_length
        # the repeated copies, and the archive's own note
        skipped = [(s.line, s.end_line) for r in cable.copy_repeats for s in (r.span, r.captions) if s is not None]
        if cable.partial_extract:
            skipped += [(t.span.line, t.span.end_line) for t in cable.preface if _EXTRACT_NOTE.fullmatch(t.text)]
        for line in cable.lines:
            if len(line.raw) > limit and not any(first <= line.number <= last for first, last in skipped):
                yield Finding(
                    line.raw_span(limit, len(line.raw)),
                    f"line is {len(line.raw)} characters long: expected at most {limit}",
                )


class TrailingWhitespace(Rule):
    """Whitespace at the end of a line.

    Why: invisible, and it makes diffs between versions of a cable noisy.

    Bad: ``TAGS: PGOV PREL··``.
    Good: ``TAGS: PGOV PREL``.

    Fix: removes the trailing whitespace.
    """

    code = "F006"
    name = "trailing-whitespace"
    severity = "info"
    default_enabled = False
    fixable = True

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        for line in cable.lines:
            if line.raw and line.raw[-1] in " \t\f\v\u00a0\u3000":
                m = _TRAILING.search(line.raw)
                if m is None:
                    continue
                span = line.raw_span(m.start(), m.end())
                yield Finding(span, "trailing whitespace: expected the line to end with its text", Fix((Edit(span, ""),)))


class MixedLineEndings(Rule):
    """Both LF and CRLF (or CR) line endings in one file.

    Why: a file edited on two systems; tools that split lines one way see the other
    ending as stray characters.

    Bad: lines 1-10 end in CRLF, line 11 in LF.
    Good: one ending throughout.

    Fix: rewrites the minority endings to the file's most common ending.
    """

    code = "F007"
    name = "mixed-line-endings"
    severity = "warning"
    fixable = True

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if "\r" not in (ctx.file.text or ""):
            return  # all LF: the usual case, known without a pass over the lines
        counts: dict[str, int] = {}
        for line in cable.lines:
            if line.ending:
                counts[line.ending] = counts.get(line.ending, 0) + 1
        if len(counts) < 2:
            return
        names = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}
        # the most common ending wins; on a tie, the first one in the file
        order: dict[str, int] = {}
        for line in cable.lines:
            order.setdefault(line.ending, line.number)
        major = max(counts, key=lambda e: (counts[e], -order[e]))
        for line in cable.lines:
            if line.ending and line.ending != major:
                col = len(line.raw)
                span = Span(line.number, col + 1, line.number + 1, 1, line.start + col, line.start + col + len(line.ending))
                yield Finding(
                    span,
                    f"line ends in {names[line.ending]}: expected {names[major]}, the file's usual line ending",
                    Fix((Edit(span, major),)),
                )


RULES: tuple[type[Rule], ...] = (
    UnreadableFile,
    UndecodableText,
    ControlCharacter,
    EmptyCable,
    RenderingResidue,
    LineTooLong,
    TrailingWhitespace,
    MixedLineEndings,
)
