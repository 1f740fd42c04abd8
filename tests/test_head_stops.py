"""A paragraph head's number and full stops as its line writes them, read once into
the model (``Paragraph.head_stops``): the stops past the head's own, escaped or not
(cable-format.md 5.3), the head as the reader reads it, the blanks after it, and
whether residue other than escaped stops stands inside it."""

from __future__ import annotations

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

