"""The body's records: paragraphs and sub-paragraphs, page headers, the block a received
copy repeats, block markers, citations and the signature (4.1-4.7).

Part of the model: :mod:`cablelint.model` holds the rest and the :class:`Cable`, and
names these records too (import them from there); it gives them their quicker
constructor. SUBPARA_FAMILY, which only the body's readers and rules use, is here alone."""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Optional

from cablelint.records import record
from cablelint.span import Span

if TYPE_CHECKING:  # (annotations only: cablelint.model imports this module)
    from cablelint.grammar.redactions import RedactionReader
    from cablelint.grammar.source import SourceLine
    from cablelint.model import ClassificationLine, Problem, Text


@record
class HeadStops:
    """A paragraph head's number and every full stop after it, as its line writes them:
    the head's own stop (Paragraph.stop, read from the text with a converter's escapes
    read) and any more after it, which the head does not take ("2... The": the head's
    stop is "..", the third is more), escaped or not ("2\\.\\.\\. The" on a Markdown
    page, cable-format.md 5.3). Read from the head's line when asked
    (Paragraph.head_stops, grammar/read_head.py) by the rules that quote the head or
    rewrite its stops (P002, P004, and F004, which leaves those stops to P004), with
    the whole head as written and as read, for P004's other findings, so no rule reads
    the head's line itself. A Markdown converter's link made of the number
    ("[2](#)\u2026 The") starts the head, and reads as the number. The model's only: the
    parse JSON (interfaces.md) has no field for it."""

    # from the number to its last full stop, the ones past the head's included
    # ("2\.\.\."): number_span, and `more` characters after it
    span: Span
    # the number and its stops as the reader reads them, a converter's residue read as
    # what it stands for ("2\.\.\." reads "2...")
    read: str
    # characters of the line past number_span that are more full stops, escaped or not
    # ("2...": the third, 1; "2\.\.\.": the third '\.', 2)
    more: int
    # the blanks after them on the line (spaces, tabs, no-break spaces), in characters
    blanks: int
    # the span holds no residue but escaped full stops (past the number's link,
    # below): the line's text, as read, holds it as written with its escapes read
    # ("2\.\.\." as "2..."), so a fix may rewrite it without overlapping F004's edit
    # of other residue
    clean: bool
    # characters at the start of span that are a converter's link standing for the
    # number ("[2](#)\u2026 The": 6, the link, which reads "2"), F004's to rewrite: a
    # fix of the head starts after them; 0 when the head starts with its digits
    lead: int
    # the whole head (Paragraph.head_span), from its number (its link included) or its
    # marker written first, to the first letter of its text or the end of its line
    whole: Span
    # the whole head as its line writes it, blanks after it included
    written: str
    # the same as the reader reads it, a converter's residue read as what it stands for
    # ("7\. (C) " reads "7. (C) ", "[2](#).(C) " reads "2.(C) ")
    reads: str
    # no residue inside the whole head past the number's link: a fix may rewrite it
    verbatim: bool
    # the head as read up to the first residue inside it past the number's link, which
    # starts there ('7. (U) <a name="x"></a> Text': "7. (U) "); None when none does
    before_residue: Optional[str]
    # the line goes on with text after the head (and after the blanks past its stops)
    text_follows: bool
    # a mark written right after the head's marker before blanks, where the text
    # should start: ".", ":", ";", "," or dashes ("1. (C).  The ...", "2. (C): The"),
    # with the blanks after it; "" when none is
    mark_after: str = ""


@record
class Paragraph:
    span: Span  # the whole paragraph, from its number to its last line
    number: int
    number_span: Span
    marker: Optional[Text]  # the marker as written, with its parentheses
    marking: Optional[str]  # normalised: upper case, "/" separators; None if unreadable
    level: Optional[str]  # the marker's level, normalised ("C", "SBU", ...)
    controls: tuple[str, ...]  # "NF", "FOUO", "REL ...", ...
    gap_before: str  # whitespace between "N." and the marker
    gap_after: str  # whitespace between the marker and the text
    number_gap: str  # whitespace between the digits and the full stop
    head_span: Span  # from the number to the first letter of the text
    problems: tuple[Problem, ...] = ()
    # the paragraph marks the whole text: "(C - ENTIRE TEXT)", "CONFIDENTIAL - ENTIRE TEXT."
    entire_text: bool = False
    # the full stop after the number as written: ".", or ".." doubled, or "" lost
    # ("3 (S) Text", "3(S) Text"), or ")" or "," in its place ("3) (S) Text"), or "-",
    # ":" or ";" ("3-(S) Text"), or "..." ("3... (S) Text"; these taken only before a
    # marker), or a typographic ellipsis, "\u2026", also after a backslash, "\\\u2026",
    # as a Markdown page escapes a full stop
    stop: str = "."
    # the head is run into the text of the line above it ("... see para 5. 2. (C) ..."),
    # found where the numbers leave a gap (P001 reports it)
    run_in: bool = False
    # the cable's reader of the archive's redactions (Cable.redactions), for redacted
    redaction_reader: Optional[RedactionReader] = field(default=None, repr=False, compare=False)
    # the line of its head, which head_stops reads on first use
    head_line: Optional[SourceLine] = field(default=None, repr=False, compare=False)
    # head_stops once read (None until a rule asks)
    head_read: Optional[HeadStops] = field(default=None, repr=False, compare=False)

    @property
    def head_stops(self) -> HeadStops:
        """The number and its full stops as written (its escapes, more stops), read from
        the head's line when a rule asks: few heads are asked (those without a marker,
        or with a slip of the stop), and reading each as it was built cost the parse
        5% of its instructions. Read once, kept in head_read for the next rule."""
        from cablelint.grammar.read_head import read_head_stops  # (it imports this module)

        if self.head_read is not None:
            return self.head_read
        assert self.head_line is not None, "a paragraph the reader built has its head's line"
        stops = read_head_stops(self.head_line, self.number_span, self.head_span)
        object.__setattr__(self, "head_read", stops)  # (read once: several rules ask)
        return stops

    @property
    def full_stop(self) -> bool:
        return self.stop in (".", "..", "...", "\u2026", "\\\u2026")

    @property
    def slipped_stop(self) -> bool:
        """Whether the head has no marker and more than one full stop or an ellipsis
        for its stop ("2... The", "2\u2026 The", "2\\.\\.\\. The", "2\\\u2026 The"), on a line
        of its own (not run in), with no residue inside it but escaped stops: one slip
        of the head, which P004 reports and rewrites whole ("2. The"), escapes and all
        (F004 leaves them to it; P002 names the missing marker)."""
        return self.marker is None and self.stop in ("..", "\u2026", "\\\u2026") and not self.run_in and self.head_stops.clean

    @property
    def redacted(self) -> bool:
        """Whether the paragraph holds the archive's redaction, "XXXXXXXXXXXX" or "xxxxx"
        (4.8; its runs are Cable.redactions), read on first use."""
        reader = self.redaction_reader
        return reader is not None and reader.starting_between(self.span.start, self.span.end)


@record
class Subparagraph:
    span: Span
    label: str  # "A", "b", ...
    style: str  # "A.", "(a)", "a)", "a."
    paragraph: Optional[int]
    marker: Optional[Text] = None  # its own marker, "A. (C) ...", with the parentheses
    level: Optional[str] = None  # the marker's level, normalised ("C", "SBU", ...)
    controls: tuple[str, ...] = ()  # "NF", ...
    last: Optional[str] = None  # the range's last letter: "J" of "G - J)"
    problems: tuple[Problem, ...] = ()  # its marker's, "A. (S/NF The ..." (field "marker", P003)
    # the style of the list a head lettered in another style belongs to: "A." for the
    # "C)" of "A.", "B.", "C)", "D." (P006)
    list_style: Optional[str] = None


@record
class UnnumberedPortion:
    """A portion of the text marked with no number before its marker: a line of the
    body that starts at the left margin with a marker in capitals, "(S/NF) Summary:
    ...", "(U) Post concurs." (the unnumbered single paragraph, 4.1), "(C) Status of
    the talks" (a marked heading), where a paragraph starts: after a blank line or a
    line that ends a sentence, or first in the body. Not a paragraph's head written
    marker first ("(C) 1. The ...", a Paragraph) nor a lettered list's item ("(C)"
    after "(A)" and "(B)", a Subparagraph). Its marking counts as a paragraph's does
    for the C rules (cable-format.md 4.2). The model's only: the parse JSON
    (interfaces.md) has no field for it."""

    span: Span  # the line, from its marker to the end of its text
    marker: Text  # the marker as written, with its parentheses
    marking: str  # normalised, as Paragraph.marking: upper case, "/" separators
    level: str  # the marker's level, normalised ("C", "SBU", ...)
    controls: tuple[str, ...]  # "NF", "FOUO", "REL ...", ...


# Sub-paragraph styles that differ only in the letter's case belong to one list ("A.",
# "b.", "C.": P006 reports the "b.").
SUBPARA_FAMILY = {"A.": "a.", "a.": "a.", "(a)": "(a)", "a)": "a)"}


@record
class PageHeader:
    span: Span
    post: str
    serial: Text
    page: int
    total: Optional[Text]
    sub: Optional[int] = None  # the page within the section: 2 of "001.2 OF 004"
    page_span: Optional[Span] = None  # where the section (and page) number is written
    section: Optional[Text] = None  # a received copy's page line: "02" of "02 OF 03"
    post_span: Optional[Span] = None  # where the post is written
    # a number typed again after the total, "002 OF 002 002" (field "page_header", S003);
    # not in the parse JSON, which gives no page headers
    problems: tuple[Problem, ...] = ()

    @property
    def copy(self) -> bool:
        """A received copy's page line, "PAGE 02 HARARE 06677 02 OF 03"."""
        return self.section is not None


@record
class CopyRepeat:
    """The block a multi-section received copy repeats before a later section (its
    classification, page line, distribution block, control line, DTG and address
    lines; cable-format.md 2.8): no part of the text."""

    span: Span
    page: Optional[PageHeader]  # its page line
    section: Optional[ClassificationLine]  # the classification line of the section it opens
    # that classification line and the captions the section repeats under it (E.O., TAGS,
    # SUBJECT, REF, ...), to the blank line after them: checked where they first stand
    captions: Optional[Span] = None


@record
class BlockMarker:
    span: Span
    kind: str  # "SUMMARY", "COMMENT", "NOTE", "TEXT"
    # "open" ("Summary:", "(C) Summary."), "aside" ("(Comment: ..."), "heading" (a line
    # "SUMMARY", or "Comment: Title" over a dash rule), "begin" ("BEGIN TEXT"), "end",
    # "continued" ("Comment cont'd:", "Summary continued."), "quoted" (after an opening
    # quotation mark: '(C) "Summary: ...', a quoted text's, which may close or not),
    # "unclosed" (an aside whose paragraph never closes its parenthesis)
    role: str
    misspelt: bool = False  # its kind word is misspelt: "End Sumary", "Coment:"


@record
class Citation:
    span: Span
    kind: str  # "reftel", "ref", "para", "serial" (a REF entry named by its origin and number)
    label: Optional[str] = None  # reference letter for "ref"/"reftel X"; None for "reftel" and a bare "(ref)", "refs"
    number: Optional[int] = None  # paragraph number for "para"
    number_to: Optional[int] = None
    plural: bool = False  # "reftels", "refs A and B": several references at once
    external: bool = False  # "para" of another document: "reftel para 3", "para 2 of UNSCR 1737"
    bare_lower: bool = False  # "ref a", "ref. b": a lower-case letter with no brackets, a citation only where the REF block has entries
    # "Ref b reported": a lower-case letter before a word, kept only when the REF block
    # defines that letter (the builder drops the others, or keeps a "reftel" without it)
    before_word: bool = False
    entry: Optional[int] = None  # the REF entry (its index in Cable.references) a "serial" citation names


@record
class Signature:
    span: Span
    name: str
    appended: bool
