"""A paragraph head's number and full stops as its line writes them, read once into
the model (``Paragraph.head_stops``): the stops past the head's own, escaped or not
(cable-format.md 5.3), the head as the reader reads it, the blanks after it, and
whether residue other than escaped stops stands inside it."""

from __future__ import annotations

from typing import Optional

import pytest

from cablelint.grammar.parser import parse_text
from cablelint.model import Paragraph
from tests.rules.cases import corpus_text, mutate

CPH = corpus_text("draft-confidential-copenhagen.cable")  # line 24: "2. (C) The agency's ..."


def _paragraph_2(head: str, dialect: str = "markdown") -> Paragraph:
    cable = parse_text(mutate(CPH, "\n2. (C) ", f"\n{head} "), dialect)
    [para] = [p for p in cable.paragraphs if p.number == 2]
    return para


@pytest.mark.parametrize(
    "head, stop, read, more, blanks, clean",
    [
        ("2. (C)", ".", "2.", 0, 1, True),
        ("2.(C)", ".", "2.", 0, 0, True),
        ("2..", "..", "2..", 0, 1, True),
        ("2...", "..", "2...", 1, 1, True),  # no marker: the head takes two, the third is more
        ("2\\.", ".", "2.", 0, 1, True),
        ("2\\.\\.\\.", "..", "2...", 2, 1, True),  # the third '\\.', two characters
        ("2\u2026", "\u2026", "2\u2026", 0, 1, True),
        ("2\\\u2026", "\\\u2026", "2\\\u2026", 0, 1, True),  # no escape the reader reads: its stop
        ("2&#46;", ".", "2.", 0, 1, False),  # an entity for the stop: F004's residue
        ("2&#46;..", "..", "2...", 1, 1, False),
    ],
)
def test_a_head_s_stops_as_written(head: str, stop: str, read: str, more: int, blanks: int, clean: bool) -> None:
    para = _paragraph_2(head)
    stops = para.head_stops
    assert para.stop == stop
    assert (stops.read, stops.more, stops.blanks, stops.clean) == (read, more, blanks, clean)
    written = len(head.split("(")[0].rstrip())  # (the marker is no part of it)
    assert (stops.span.line, stops.span.column, stops.span.end_column) == (24, 1, 1 + written)
    assert (stops.span.start, stops.span.end) == (para.number_span.start, para.number_span.end + more)


def test_a_head_after_an_anchor_starts_at_its_number() -> None:
    """'[\u00b6](#par2)2\\.\\.\\. The': the anchor before the number is no part of it."""
    stops = _paragraph_2("[\u00b6](#par2)2\\.\\.\\.").head_stops
    assert (stops.span.column, stops.span.end_column, stops.read, stops.more, stops.clean) == (11, 18, "2...", 2, True)


def test_a_no_break_space_after_the_stops_is_a_blank() -> None:
    stops = _paragraph_2("2...\u00a0\u00a0").head_stops
    assert (stops.more, stops.blanks) == (1, 3)


def test_a_head_written_marker_first_has_its_number_s_stop() -> None:
    """'(C) 2. The': the number after the marker, its stop the head's own."""
    stops = _paragraph_2("(C) 2.", "draft").head_stops
    assert (stops.span.column, stops.span.end_column, stops.read, stops.more) == (5, 7, "2.", 0)


def test_a_long_run_of_escaped_stops_reads_in_linear_time() -> None:
    """Ten thousand escaped stops after the number (no nested repeats to backtrack)."""
    run = "\\." * 5000
    stops = _paragraph_2("2" + run).head_stops
    assert (stops.more, stops.read) == (2 * 5000 - 4, "2" + "." * 5000)


@pytest.mark.parametrize(
    "head, slipped",
    [
        ("2...", True),
        ("2..", True),
        ("2\\.\\.\\.", True),
        ("2\u2026", True),
        ("2\\\u2026", True),
        ("2.", False),
        ("2\\.", False),
        ("2.. (C)", False),  # a marker: the head's finding is P004's main one
        ("2&#46;..", False),  # an entity inside: F004's edit, which no head fix may overlap
    ],
)
def test_a_slipped_stop_is_one_of_a_head_with_no_marker(head: str, slipped: bool) -> None:
    """Paragraph.slipped_stop: the head with no marker whose stop is more than one
    full stop or an ellipsis, with no residue inside it but escaped stops."""
    assert _paragraph_2(head).slipped_stop is slipped



def test_a_head_is_read_once_and_only_when_asked() -> None:
    """The parse leaves the head unread (reading each cost it 5%); the first rule that
    asks reads it, the next ones get the same record."""
    para = _paragraph_2("2...")
    assert para.head_read is None
    stops = para.head_stops
    assert para.head_stops is stops and para.head_read is stops


@pytest.mark.parametrize(
    "head, written, reads, verbatim, text_follows, before_residue",
    [
        ("2. (C)", "2. (C) ", "2. (C) ", True, True, None),
        ("2.(C)", "2.(C) ", "2.(C) ", True, True, None),
        ("2\\.(C)", "2\\.(C) ", "2.(C) ", False, True, "2"),  # the escape: F004's edit, no head fix over it
        ("2. (C)\n", "2. (C)", "2. (C)", True, False, None),  # alone on its line
    ],
)
def test_the_whole_head_as_written_and_as_read(head: str, written: str, reads: str, verbatim: bool, text_follows: bool, before_residue: Optional[str]) -> None:
    text = mutate(CPH, "\n2. (C) The", f"\n{head} The") if not head.endswith("\n") else mutate(CPH, "\n2. (C) ", f"\n{head}")
    cable = parse_text(text, "markdown")
    [para] = [p for p in cable.paragraphs if p.number == 2]
    head_ = para.head_stops
    assert (head_.written, head_.reads, head_.verbatim, head_.text_follows, head_.lead, head_.before_residue) == (written, reads, verbatim, text_follows, 0, before_residue)
    assert head_.whole == para.head_span


def test_residue_after_a_head_is_where_its_reading_stops() -> None:
    """'2. (C) <a name="x"></a> The': the head as read up to the residue (F004's)."""
    stops = _paragraph_2('2. (C) <a name="x"></a>').head_stops
    assert stops.before_residue == "2. (C) "


@pytest.mark.parametrize(
    "head, read, written, reads, end_column",
    [
        ("[2](#)\u2026", "2\u2026", "[2](#)\u2026 ", "2\u2026 ", 8),
        ("[2](#)...", "2...", "[2](#)..", "2..", 10),  # (no marker: the head takes two stops)
        ("[2](#)\\.\\.\\.", "2...", "[2](#)\\.\\.", "2..", 13),
        ("[2](#).(C)", "2.", "[2](#).(C) ", "2.(C) ", 8),
        # no stop: the reader's number is the digit alone, which ends inside the link
        ("[2](#) (C)", "2", "[2](#) (C) ", "2 (C) ", 7),
    ],
)
def test_a_link_for_the_number_starts_the_head_and_reads_as_the_number(head: str, read: str, written: str, reads: str, end_column: int) -> None:
    """'[2](#)\u2026 The' (a converter made the number a link): the head starts at the
    link (the reader's number starts inside it, at the '2') and reads '2\u2026'; its
    first six characters are the link, F004's, which a fix of the head leaves alone."""
    para = _paragraph_2(head)
    stops = para.head_stops
    assert para.number_span.column == 2  # (the reader's number: the digit inside the link)
    assert (stops.span.column, stops.span.end_column, stops.span.start) == (1, end_column, para.number_span.start - 1)
    assert (stops.read, stops.lead, stops.clean, stops.written, stops.reads) == (read, 6, True, written, reads)
    assert stops.verbatim is ("\\" not in head)  # (an escape past the link: F004's edit)
    assert (stops.whole.column, stops.whole.end_column) == (1, para.head_span.end_column)


def test_a_link_for_a_number_with_no_stop_is_the_number_s_to_its_end() -> None:
    """'[2](#) (C) The': the reader's number is the '2' inside the link (no stop to
    end it past the link); the number as written is the whole link, offsets too."""
    para = _paragraph_2("[2](#) (C)")
    stops = para.head_stops
    assert (para.number_span.column, para.number_span.end_column, para.stop) == (2, 3, "")
    assert (stops.span.start, stops.span.end, stops.more) == (para.number_span.start - 1, para.number_span.start + 5, 0)
    assert (stops.blanks, stops.text_follows) == (1, True)


def test_a_link_after_the_number_is_no_part_of_it() -> None:
    """'[2](#)2... The': the link dropped before the number; the head starts at '2'."""
    stops = _paragraph_2("[2](#)2...").head_stops
    assert (stops.span.column, stops.lead, stops.read) == (7, 0, "2...")
