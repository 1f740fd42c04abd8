"""F: the file and its text, before any structure (cable-format.md 5); F004, what a
converter left in it, is in f_residue."""

from __future__ import annotations

import bisect
from typing import Iterator

from cablelint.compiled import regex
from cablelint.files import SAMPLE, UTF16_MARKS, LoadedFile, as_utf16
from cablelint.grammar.patterns import field
from cablelint.linter.rule import Context, Edit, Finding, Fix, Rule
from cablelint.model import Cable
from cablelint.span import Span

# C0 controls except tab, LF and CR (those three are text); one finding per run.
_CONTROL = regex(r"[\x00-\x08\x0b-\x0c\x0e-\x1f]+")
_CONTROLS = tuple(filter(_CONTROL.match, map(chr, range(0x20))))  # the characters _CONTROL finds
# (?<!...): the search enters a blank run at its start only (linear time; regex audit)
_TRAILING = regex(r"(?<![ \t\f\v\u00a0\u3000])[ \t\f\v\u00a0\u3000]+$")
# Binary data has an undecodable byte or a control character every few characters
# (tens of thousands of findings for one file). Past this many of one kind, the rest
# are counted in one finding at the first of them rather than listed.
LISTED = 20


def _utf16(file: LoadedFile) -> bool:
    """Whether F001 names the file as UTF-16 (it starts with that encoding's
    byte-order mark, or reads as UTF-16 without one): every other byte of its text
    is then a NUL, which is that encoding, not damage."""
    return as_utf16(file) is not None


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
    linted. A file larger than 10 MB (a log, an archive or a disk image named
    ``.cable``; a long cable is some tens of KB) is not read either: the finding
    gives its size and the limit.

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
    tens of thousands). A file that starts with the byte-order mark of UTF-16 (an
    editor's "Unicode text") is named as UTF-16 at its first bytes, and so is one
    saved as UTF-16 without that mark (every other byte a NUL): its bytes decode as
    UTF-8, a NUL before or after each character, and are not fixed either. Binary
    data (a program or an archive misnamed ``.cable``: a NUL in its first 8,000
    bytes, and 30% or more of them control characters or not UTF-8; text in a legacy
    encoding has no NUL) gets one finding, at its start,
    and no other rule runs on it, as git and grep say "binary file" once.

    Bad: a line containing the byte ``0xE9`` (Latin-1 "é").
    Good: the same line saved as UTF-8 (``0xC3 0xA9``).

    No fix: only the author knows which encoding was meant.
    """

    code = "F001"
    name = "undecodable-text"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if ctx.file.utf16 and cable.lines:
            order = "little-endian" if ctx.file.utf16 == "LE" else "big-endian"
            yield Finding(
                cable.lines[0].raw_span(0, 1),
                f"the file reads as UTF-16 text ({order}, every other byte a NUL) without a byte-order mark, not UTF-8: expected the file saved as UTF-8",
            )
        if not ctx.file.bad_chars:
            return
        if ctx.file.binary:
            # named once, as git and grep name it: its bytes are no cable's
            yield Finding(
                cable.lines[0].raw_span(0, 1),
                f"the file is binary data, not text: {ctx.file.binary}% of its first bytes (up to {SAMPLE:,}) are control characters or not UTF-8: expected a cable saved as UTF-8 text",
            )
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
            if byte_offset == 0 and run[:2] in UTF16_MARKS:
                # a file saved as "Unicode text" (UTF-16, as Word and Notepad call it):
                # its first bytes say so, and every other character carries a NUL
                yield Finding(line.raw_span(col, col + 1), f"{what} the byte-order mark of UTF-16 text, not UTF-8: expected the file saved as UTF-8")
                continue
            yield Finding(
                line.raw_span(col, col + 1),
                f"{what} not valid UTF-8: expected UTF-8 text (read here as the replacement character U+FFFD)",
            )


class ControlCharacter(Rule):
    """NUL or another C0 control character in the text.

    Why: telegraph text is printable characters, tab and line breaks; a control
    character is transmission damage or binary data and confuses every tool that
    reads the cable after us. One finding per run of them; after 20, one more
    finding counts the rest. In a file that F001 names as UTF-16, the NULs of that
    encoding (every other byte) are not reported: F001's one finding says it.

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
            self._each(cable, _utf16(ctx.file)),
            "{n:,} more runs of control characters from here on (not listed one by one): "
            "expected printable text, tab or a line break",
        )

    def _each(self, cable: Cable, utf16: bool) -> Iterator[Finding]:
        for line in cable.lines:
            for m in _CONTROL.finditer(line.raw):
                if utf16 and not m.group(0).strip("\x00"):
                    continue  # UTF-16's half of a character: F001 names the encoding
                yield Finding(line.raw_span(m.start(), m.end()), f"{_controls(m.group(0))}: expected printable text, tab or a line break")


def _controls(run: str) -> str:
    """A run of control characters as F002 names it: ``control character U+000C``,
    ``control characters U+0001, U+0002``, a run of one character by its count
    (``60 control characters U+0000 in a row``: a file of NUL bytes), and a long
    run of several by its first four and how many more."""
    if len(run) == 1:
        return f"control character U+{ord(run):04X}"
    if len(set(run)) == 1:
        return f"{len(run):,} control characters U+{ord(run[0]):04X} in a row"
    shown = ", ".join(f"U+{ord(c):04X}" for c in run[:4])
    return f"control characters {shown}" + (f" and {len(run) - 4:,} more" if len(run) > 4 else "")


class EmptyCable(Rule):
    """The file is empty or holds only whitespace.

    Why: an empty file in a corpus is almost always a failed export; it has none of
    the parts a cable must have. A file that holds control characters (a file of
    NUL bytes: binary data, a disk image, a file never written) is not empty: F002
    names what it holds, once for each run, and this rule says nothing more (when
    F002 is off for the file, this rule reports it: it holds no text).

    Bad: a zero-byte ``.cable`` file.
    Good: a cable with at least a classification line, captions and text.
    """

    code = "F003"
    name = "empty-cable"
    severity = "error"

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if any(line.text for line in cable.lines):
            return
        text = ctx.file.text or ""
        if ctx.runs("F002") and any(c in text for c in _CONTROLS):
            return  # (not empty: F002's, when F002 runs on the file)
        yield Finding(Span(1, 1, 1, 1, 0, 0), "the cable is empty: expected a classification line, captions and text")


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
            skipped += [(t.span.line, t.span.end_line) for t in cable.preface if field("PARTIAL_EXTRACT_NOTE").fullmatch(t.text)]
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
    LineTooLong,
    TrailingWhitespace,
    MixedLineEndings,
)
