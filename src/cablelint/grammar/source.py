"""The text layer under the grammar: lines, line endings and rendering residue.

The lexer sees each line *normalised*: trailing whitespace removed, the archive's
leading paragraph sign dropped, Markdown/HTML residue replaced by the text it stands
for (cable-format.md 5.2, 5.3) and characters that show nothing taken out. Every
normalised line keeps a map back to the columns of the line as written, so that
positions always point at the user's text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, chain, count, repeat
from operator import add, itemgetter
from dataclasses import field
from typing import Iterable, Iterator, Sequence

from cablelint.compiled import regex
from cablelint.grammar.patterns import field as pattern
from cablelint.records import record, slotted
from cablelint.span import Span, span_of

_LINE_BREAK = regex(r"\r\n|\r|\n")


def text_lines(text: str) -> list[str]:
    """*text* cut into lines where the parser cuts them (CR LF, CR or LF; not at the
    other characters str.splitlines takes for breaks, such as a form feed or U+2028),
    so that line N here is line N of every diagnostic."""
    return _LINE_BREAK.split(text)


def _repr(obj: object, names: Sequence[str], values: Sequence[object]) -> str:
    """What a dataclass's ``repr`` shows: ``Name(field=value, ...)``."""
    return f"{obj.__class__.__qualname__}({', '.join(f'{n}={v!r}' for n, v in zip(names, values))})"


@record
class Residue:
    """Converter residue found in a line: what it is and what it stands for."""

    span: Span
    kind: str  # "link", "html-tag", "entity", "escape", "heading"; "quote", "emphasis", "code" (Markdown markup)
    original: str
    replacement: str
    # its replacement starts with a blank the reading put in, not one of its text: a
    # line break between two words ("HIGHLY<br>INTERESTED") or the second of two links,
    # emphasis or code spans that meet ("[PREL](#)[PTER](#)"); _normalise
    parted: bool = False


class ColumnShift(Sequence[int]):
    """A column map that is one jump: indexes below ``at`` map to themselves, the rest
    to ``by`` columns further on (the archive's paragraph sign dropped from the start
    of a line). It reads like the list it stands for without holding one entry per
    character: the archive's unwrapped paragraphs are lines of thousands."""

    __slots__ = ("at", "by", "length")

    def __init__(self, at: int, by: int, length: int) -> None:
        self.at = at
        self.by = by
        self.length = length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int) -> int:  # type: ignore[override]  # no slices
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError(index)
        return index if index < self.at else index + self.by

    def __iter__(self) -> Iterator[int]:
        return chain(range(min(self.at, self.length)), range(self.at + self.by, self.length + self.by))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (ColumnShift, ColumnPieces, list)):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"ColumnShift(at={self.at}, by={self.by}, length={self.length})"


class ColumnPieces(Sequence[int]):
    """A column map in pieces: from ``starts[k]`` on, normalised index i maps to
    ``bases[k] + (i - starts[k]) * steps[k]`` (a step of 1: text kept; 0: a residue's
    replacement, every character of it at the residue's first column). It reads like
    the list it stands for without an entry per character: a Markdown page's residue
    is on lines of whole paragraphs."""

    __slots__ = ("starts", "bases", "steps", "length")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.bases: list[int] = []
        self.steps: list[int] = []
        self.length = 0

    def add(self, count: int, base: int, step: int) -> None:
        """*count* more indexes, mapped to *base*, then *base* + 1... (step 1) or all
        to *base* (step 0)."""
        if count > 0:
            self.starts.append(self.length)
            self.bases.append(base)
            self.steps.append(step)
            self.length += count

    def shifted(self, shift: ColumnShift) -> ColumnPieces:
        """This map followed by *shift* (the paragraph sign dropped before)."""
        out = ColumnPieces()
        ends = self.starts[1:] + [self.length]
        for start, end, base, step in zip(self.starts, ends, self.bases, self.steps):
            count = end - start
            if step and base < shift.at < base + count:  # the piece straddles the jump
                out.add(shift.at - base, base, 1)
                out.add(base + count - shift.at, shift.at + shift.by, 1)
            else:
                out.add(count, base if base < shift.at else base + shift.by, step)
        return out

    def column(self, index: int) -> int:
        """``self[index]``, and past the end one column further per index, as
        SourceLine.raw_column reads a map (one call for SourceLine.span)."""
        if index < 0 or index >= self.length:
            return self[index] if index < 0 else self[self.length - 1] + (index - self.length + 1)
        k = bisect_right(self.starts, index) - 1
        return self.bases[k] + (index - self.starts[k]) * self.steps[k]

    def end_column(self, end: int) -> int:
        """The raw column where a span of normalised text ending before index *end*
        ends: past a residue's whole text when the span ends with the last character
        of its replacement ('4\\.' reads '4.': a span of '4.' covers the escape)."""
        index = end - 1
        if 0 <= index < self.length:
            k = bisect_right(self.starts, index) - 1
            if not self.steps[k] and k + 1 < len(self.starts) and self.starts[k + 1] == end:
                return self.bases[k + 1]
        return self.column(index) + 1

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int) -> int:  # type: ignore[override]  # no slices
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError(index)
        k = bisect_right(self.starts, index) - 1
        return self.bases[k] + (index - self.starts[k]) * self.steps[k]

    def __iter__(self) -> Iterator[int]:
        ends = self.starts[1:] + [self.length]
        for start, end, base, step in zip(self.starts, ends, self.bases, self.steps):
            yield from (range(base, base + end - start) if step else repeat(base, end - start))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (ColumnPieces, ColumnShift, list)):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:  # as the list (a model's repr is the same as with one)
        return repr(list(self))


@slotted
class SourceLine:
    """One line of the file: as written, and normalised for the grammar.

    The methods ``@dataclass(slots=True)`` would make (the constructor, equality over
    the fields, ``repr``; no hash) are written out (:func:`cablelint.records.slotted`):
    the dataclass module compiles them at every start, about 2M instructions a class."""

    number: int  # 1-based
    start: int  # offset of the first character in the decoded text
    raw: str  # without the line break
    ending: str  # "\n", "\r\n", "\r" or "" for a last line without one
    text: str = ""  # normalised
    colmap: Sequence[int] | None = None  # normalised index -> raw index; None: identity
    pilcrow: bool = False  # the line started with the archive's paragraph sign
    residue: list[Residue] = field(default_factory=list)

    __hash__ = None  # type: ignore[assignment]  # (mutable, compared by value)

    def __init__(
        self,
        number: int,
        start: int,
        raw: str,
        ending: str,
        text: str = "",
        colmap: Sequence[int] | None = None,
        pilcrow: bool = False,
        residue: list[Residue] | None = None,
    ) -> None:
        self.number = number
        self.start = start
        self.raw = raw
        self.ending = ending
        self.text = text
        self.colmap = colmap
        self.pilcrow = pilcrow
        self.residue = [] if residue is None else residue

    def _fields(self) -> tuple[object, ...]:
        return (self.number, self.start, self.raw, self.ending, self.text, self.colmap, self.pilcrow, self.residue)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._fields() == other._fields()
        return NotImplemented

    def __repr__(self) -> str:
        return _repr(self, ("number", "start", "raw", "ending", "text", "colmap", "pilcrow", "residue"), self._fields())

    def raw_column(self, index: int) -> int:
        """The 0-based raw column of normalised index *index* (may be len(text))."""
        if self.colmap is None:
            return index
        if index >= len(self.colmap):
            return self.colmap[-1] + (index - len(self.colmap) + 1)
        return self.colmap[index]

    def span(self, begin: int = 0, end: int | None = None) -> Span:
        """Span of normalised characters ``text[begin:end]`` in raw coordinates."""
        if end is None:
            end = len(self.text)
        colmap = self.colmap
        if colmap is None:
            b, e = begin, end
        elif type(colmap) is ColumnShift:  # the jump, worked out (as raw_column would)
            by = colmap.by if colmap.length > colmap.at else 0
            b = begin + by if begin >= colmap.at else begin
            e = (end - 1 + by if end - 1 >= colmap.at else end - 1) + 1 if end > begin else b
        elif type(colmap) is ColumnPieces:  # a residue line's: one call a column
            b = colmap.column(begin)
            e = colmap.end_column(end) if end > begin else b
        else:  # raw_column, written out: this runs for every span of an archive line
            n = len(colmap)
            b = colmap[begin] if begin < n else colmap[-1] + (begin - n + 1)
            if end > begin:
                e = (colmap[end - 1] if end - 1 < n else colmap[-1] + (end - n)) + 1
            else:
                e = b
        return span_of((self.number, b + 1, self.number, e + 1, self.start + b, self.start + e))

    def raw_span(self, begin: int, end: int) -> Span:
        """Span of raw characters ``raw[begin:end]``."""
        return Span(self.number, begin + 1, self.number, end + 1, self.start + begin, self.start + end)


# residue kinds that do not make a page a Markdown rendering on their own
PASTED_RESIDUE = frozenset(("html-tag", "entity"))


@slotted
class Source:
    """A decoded file cut into normalised lines, as the lexer consumes it. (Its
    methods written out, as :class:`SourceLine`'s.)"""

    text: str
    lines: list[SourceLine]
    residue_found: bool = False
    # residue only a Markdown rendering leaves (a link, an escape, a heading mark): an
    # HTML tag or entity alone is pasted into a draft as well (F004), not a rendering
    markdown_found: bool = False
    pilcrows_found: bool = False
    # some normalised line ends in blanks or holds a line break (a line the lexer must
    # try with TEXT_LINE's pattern): only a line the normaliser rewrote can
    ragged: bool = False
    # filled by the lexer: the lines it could not place
    errors: list = field(default_factory=list)  # type: ignore[type-arg]

    __hash__ = None  # type: ignore[assignment]

    def __init__(
        self,
        text: str,
        lines: list[SourceLine],
        residue_found: bool = False,
        markdown_found: bool = False,
        pilcrows_found: bool = False,
        ragged: bool = False,
        errors: list | None = None,  # type: ignore[type-arg]
    ) -> None:
        self.text = text
        self.lines = lines
        self.residue_found = residue_found
        self.markdown_found = markdown_found
        self.pilcrows_found = pilcrows_found
        self.ragged = ragged
        self.errors = [] if errors is None else errors

    def _fields(self) -> tuple[object, ...]:
        return (self.text, self.lines, self.residue_found, self.markdown_found, self.pilcrows_found, self.ragged, self.errors)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._fields() == other._fields()
        return NotImplemented

    def __repr__(self) -> str:
        return _repr(self, ("text", "lines", "residue_found", "markdown_found", "pilcrows_found", "ragged", "errors"), self._fields())

    def end_span(self) -> Span:
        """A zero-width span at the end of the text."""
        if not self.lines:
            return Span(1, 1, 1, 1, 0, 0)
        last = self.lines[-1]
        col = len(last.raw) + 1
        return Span(last.number, col, last.number, col, last.start + len(last.raw), last.start + len(last.raw))


_RESIDUE = pattern("RESIDUE")
# what a line holds that only MARKDOWN_MARKUP matches
_MARKUP = (">", "_", "`", "*")
# the kinds of residue whose text is kept, after a one-character opening
_KEPT_INSIDE = ("link", "emphasis", "code")


@lru_cache(maxsize=None)
def _markdown_residue() -> re.Pattern[str]:
    """In a file that holds residue, Markdown's own markup too (fields.lark,
    MARKDOWN_MARKUP): compiled for the first such file only."""
    return re.compile(f"{_RESIDUE.pattern}|{pattern('MARKDOWN_MARKUP').pattern}")


# Every match of RESIDUE, and of MARKDOWN_MARKUP with it, that is not at a line's start
# starts with one of these characters (the branches that do not are anchored there, "^"),
# so the patterns are tried at the start and where one of these is: searched for at
# once, where finditer would try every alternative at every position of the line (the
# unwrapped paragraphs of a Markdown page are lines of thousands). The tests check each
# branch of both patterns and compare the matches with finditer's.
_RESIDUE_LEADS = regex(r"[\[<&\\]")
_MARKUP_LEADS = regex(r"[\[<&\\_`*]")


def residue_matches(residue: re.Pattern[str], leads: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``list(residue.finditer(text))`` for a pattern whose matches are never empty and,
    away from the start of *text*, start with a character *leads* matches (a match at
    p is the same whether the search starts at p or before: ``match(text, p)`` sees the
    characters before p, and "^" holds at 0 alone)."""
    found = []
    m = residue.match(text)
    at = 1 if m is None else m.end()
    if m is not None:
        found.append(m)
    search, match = leads.search, residue.match
    lead = search(text, at)
    while lead is not None:
        m = match(text, lead.start())
        if m is None:
            lead = search(text, lead.start() + 1)
        else:
            found.append(m)
            lead = search(text, m.end())
    return found


_PILCROW = pattern("PARAGRAPH_SIGN")
# what _normalise trims from a line's end besides blanks
_CONTROLS = "".join(map(chr, range(0x20)))
_CONTROL_ENDS = frozenset(_CONTROLS)


def _replacement(m: re.Match[str]) -> tuple[str, str]:
    """(kind, replacement text) of one residue match."""
    g = m.groupdict()
    if g["res_link_text"] is not None:
        text = g["res_link_text"]
        # A link around a tag or a word keeps its text; the archive's anchors
        # (a paragraph sign, or a lone digit or letter directly before a label:
        # "[1](#)B. BAMAKO 64") go away. A lone letter or digit that is the label
        # itself ("[C](#). PARIS 12") stays, and so does one that is a word of its own,
        # before a blank, other residue or the line's end ("[4](#) PERCENT"), and a
        # lone sign of the text's own ("[€](#)5 million").
        lone = text.strip()
        if lone in ("", "¶") or (len(lone) == 1 and lone.isalnum() and m.string[m.end() : m.end() + 1].isalnum()):
            return "link", ""
        return "link", text
    if g["res_tag"] is not None:
        return "html-tag", ""
    if g["res_entity"] is not None:
        import html  # (here: most files hold no entity, and html.entities is large)

        # a page escaped twice ("&amp;amp;", "&amp;lt;") is one entity: decoded to
        # the end, or its fix would leave one escape less, the same finding again
        decoded, written = html.unescape(g["res_entity"]), g["res_entity"]
        while decoded != written and decoded.startswith("&"):
            decoded, written = html.unescape(decoded), decoded
        if decoded in ("\n", "\r") or decoded == g["res_entity"]:
            decoded = "" if decoded != g["res_entity"] else decoded
        return "entity", decoded
    if g["res_heading"] is not None:
        return "heading", ""
    if g["res_escape"] is not None:
        return "escape", g["res_escape"][1:]
    if g["md_quote"] is not None:
        return "quote", ""
    if g["md_italic"] is not None:
        return "emphasis", g["md_italic"]
    if g["md_bold"] is not None:
        return "emphasis", g["md_bold"]
    return "code", g["md_code"]


def _unclosed_anchor_end(m: re.Match[str]) -> int:
    """Where a link that lost its closing parenthesis ends. An archive paragraph anchor
    run into its paragraph's number ('[¶](#par33. (C)', from '[¶](#par3)3. (C)') ends
    after the anchor's number, the number written twice: the paragraph keeps its own."""
    target = m.group("res_link_target")
    digits = target[4:-1] if target.startswith("#par") and target.endswith(".") else ""
    half = len(digits) // 2
    if half and len(digits) == 2 * half and digits.isdigit() and digits[:half] == digits[half:]:
        return m.start("res_link_target") + 4 + half
    return m.end()


def _line_break(kind: str, m: re.Match[str]) -> bool:
    """Whether residue *m* of *kind*, read as nothing, stands for a line break: an HTML
    tag a browser breaks the line at ("<br>", "<BR />", "<p>", "</div>") or an entity,
    which :func:`_replacement` reads as nothing only when it is a line break's
    ("&#x000A;", "&#13;")."""
    if kind == "html-tag":
        return pattern("HTML_LINE_BREAK").fullmatch(m.group(0)) is not None
    return kind == "entity"


def _next_char(found: list[tuple[re.Match[str], str, str, int]], k: int, text: str) -> str:
    """The first character of the normalised text after residue ``found[k]`` (its
    match, kind, replacement and end): the text after it, or the first character a
    residue right after it is replaced by; "" at the line's end. (Residue replaced by
    nothing is passed over.)"""
    at = found[k][3]
    for m, _kind, repl, end in found[k + 1 :]:
        if m.start() != at:
            break
        if repl:
            return repl[0]
        at = end
    return text[at : at + 1]


def _normalise(line: SourceLine, residue: re.Pattern[str] = _RESIDUE, markup: bool = False) -> None:
    """Read *line*'s normalised text: its paragraph sign and *residue* taken out (and
    recorded); *markup*: the line holds Markdown's own markup (_MARKUP), which RESIDUE's
    kinds do not start."""
    raw = line.raw
    text = raw.rstrip()
    if text and text[-1] < " ":
        # a control character ending the line ("BROWNFIELD^Z", a DOS end of file): F002's
        # alone (it reads the raw line), not also the line's own reader's
        text = text.rstrip(_CONTROLS).rstrip()
    colmap: Sequence[int] | None = None
    offset = 0
    # (the archive signs a line at its start, after any indent: "          ¶B. Genocidal")
    if "¶" in text[:8] or (text[:1] in " \t" and text.lstrip(" \t")[:1] == "¶"):
        m = _PILCROW.match(text)
        if m:
            line.pilcrow = True
            indent = text[: len(text) - len(text.lstrip(" \t"))]
            # keep the indentation, drop the sign and the space after it
            offset = m.end()
            text = indent + text[offset:]
            colmap = ColumnShift(len(indent), offset - len(indent), len(text))
    if "[" in text or "<" in text or "&" in text or "\\" in text or text.lstrip(" \t")[:1] == "#" or markup:
        pieces: list[str] = []
        newmap = ColumnPieces()
        pos = 0
        found: list[tuple[re.Match[str], str, str, int]] = []
        for m in residue_matches(residue, _MARKUP_LEADS if markup else _RESIDUE_LEADS, text):
            kind, repl = _replacement(m)
            if kind == "entity" and repl == m.group(0):
                continue  # not an entity html knows: leave it as text
            end = m.end()
            if kind == "link" and text[end - 1 : end] != ")":
                end = _unclosed_anchor_end(m)
            found.append((m, kind, repl, end))
        last = ""  # the last character of the normalised text so far
        for k, (m, kind, repl, end) in enumerate(found):
            kept = text[pos : m.start()]
            pieces.append(kept)
            newmap.add(m.start() - pos, pos, 1)
            last = kept[-1:] or last
            # residue is never read as joining two words it keeps apart: a line break
            # between two words is a blank, and so is the seam where two links (or
            # emphasis, code) meet ("[PREL](#)[PTER](#)": two tags, not "PRELPTER")
            parted = False  # a blank the reading puts in (Residue.parted)
            if last and not last.isspace():
                if not repl and _line_break(kind, m) and _next_char(found, k, text).strip():
                    repl, parted = " ", True
                elif repl[:1] and not repl[0].isspace() and kind in _KEPT_INSIDE and k and found[k - 1][3] == m.start() and found[k - 1][1] in _KEPT_INSIDE:
                    parted = True
                    repl = " " + repl
                    newmap.add(1, m.start(), 0)
            pieces.append(repl)
            last = repl[-1:] or last
            if kind in _KEPT_INSIDE:
                # the text kept starts after "[", "_" or "`", or after "**"
                inner = m.start() + (2 if kind == "emphasis" and text[m.start()] == "*" else 1)
                newmap.add(len(repl) - parted, inner, 1)
            else:
                newmap.add(len(repl), m.start(), 0)
            b = colmap[m.start()] if colmap else m.start()
            e = (colmap[end - 1] if colmap else end - 1) + 1
            line.residue.append(Residue(line.raw_span(b, e), kind, text[m.start() : end], repl, parted))
            pos = end
        if line.residue:
            pieces.append(text[pos:])
            newmap.add(len(text) - pos, pos, 1)
            if colmap is not None:
                assert isinstance(colmap, ColumnShift)  # (the paragraph sign's, the only map before)
                newmap = newmap.shifted(colmap)
            colmap = newmap
            text = "".join(pieces).rstrip()
    if _ZERO_WIDTH in text or _BOM in text:
        text, colmap = _visible(text, colmap)
    line.text = text
    line.colmap = colmap


# Characters that show nothing: a zero-width space (a converter or an editor leaves it
# between words) and a byte-order mark inside the text (files joined after the first
# kept theirs). The grammar reads a line as it shows, without them (F004 reports them,
# from the raw text): "End<U+200B> Summary." closes the summary, "4.<U+200B> (C)" is
# paragraph 4 marked (C); "The<U+200B>MFA" reads "TheMFA", as it shows.
_ZERO_WIDTH = "\u200b"
_BOM = "\ufeff"
_WITHOUT_INVISIBLE = str.maketrans("", "", _ZERO_WIDTH + _BOM)


def _visible(text: str, colmap: Sequence[int] | None) -> tuple[str, Sequence[int] | None]:
    """*text* (a normalised line, mapped to the raw line by *colmap*) without its
    zero-width spaces and byte-order marks, and its column map; blanks that stood
    before them at the line's end trimmed as well."""
    kept = [k for k, ch in enumerate(text) if ch != _ZERO_WIDTH and ch != _BOM]
    visible = text.translate(_WITHOUT_INVISIBLE).rstrip()
    if not visible:
        return "", None
    return visible, [colmap[k] for k in kept[: len(visible)]] if colmap is not None else kept[: len(visible)]


# A line holding none of these needs only its end trimmed.
_UNUSUAL = ("¶", "[", "<", "&", "\\", "#", _ZERO_WIDTH, _BOM)


def lines_with(text: str, starts: list[int], words: Iterable[str]) -> set[int]:
    """The indexes of the lines of *text* (line k starts at ``starts[k]``) that hold one
    of *words*: one search of the whole text per word rather than a test of each line."""
    found = set()
    for word in words:
        at = text.find(word)
        while at != -1:
            k = bisect_right(starts, at) - 1
            found.add(k)
            if k + 1 >= len(starts):
                break
            at = text.find(word, starts[k + 1])  # one hit per line is enough
    return found


def read_source(text: str) -> Source:
    """Cut *text* into lines and normalise each one."""
    lines: list[SourceLine] = []
    if "\r" in text:
        pos = 0
        number = 1
        for m in _LINE_BREAK.finditer(text):
            lines.append(SourceLine(number, pos, text[pos : m.start()], m.group(0)))
            pos = m.end()
            number += 1
        if pos < len(text):
            lines.append(SourceLine(number, pos, text[pos:], ""))
        unusual = lines
    else:
        # The usual case: split at once and build the lines without a Python loop. A
        # line with no paragraph sign and none of the characters residue starts with
        # needs only its end trimmed; the others go through _normalise.
        raws = text.split("\n")
        tail = raws.pop()  # after the last line break: a last line without one, or ""
        starts = list(map(add, accumulate(map(len, raws), initial=0), count()))
        texts = list(map(str.rstrip, raws))
        lines = list(map(SourceLine, count(1), starts, raws, repeat("\n"), texts))
        unusual = [lines[k] for k in sorted(lines_with(text, starts, _UNUSUAL)) if k < len(lines)]
        if tail:
            lines.append(SourceLine(len(raws) + 1, len(text) - len(tail), tail, ""))
            unusual.append(lines[-1])
        if not _CONTROL_ENDS.isdisjoint(map(itemgetter(-1), filter(None, texts))):
            # (rare) a line ending in a control character, which _normalise trims; told
            # from the lines' last characters (a search of the whole text for a control
            # character cost a twentieth of the parse)
            seen = set(map(id, unusual))
            unusual += [line for line in lines if line.text and line.text[-1] < " " and id(line) not in seen]
    src = Source(text, lines)
    for line in unusual:
        _normalise(line)
        if line.residue:
            src.residue_found = True
            if not src.markdown_found:
                src.markdown_found = any(r.kind not in PASTED_RESIDUE for r in line.residue)
        if line.pilcrow:
            src.pilcrows_found = True
        if line.text and (line.text[-1].isspace() or "\n" in line.text):
            src.ragged = True
    if src.markdown_found and ("_" in text or ">" in text or "`" in text or "*" in text):
        # a Markdown-converted page (not a draft with a pasted HTML tag only): its
        # lines with Markdown's own markup (_MARKUP) read again
        for line in lines:
            raw = line.raw
            if "_" in raw or ">" in raw or "`" in raw or "*" in raw:
                line.residue = []
                line.pilcrow = False
                _normalise(line, _markdown_residue(), markup=True)
                if line.text and (line.text[-1].isspace() or "\n" in line.text):
                    src.ragged = True
    return src
