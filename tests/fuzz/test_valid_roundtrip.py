"""Part 2 of issue 5: valid cables of every rendering parse back into their values.

test_valid_check.py requires that ``check`` reports nothing on the same cables, and
test_mutations.py that a defect injected into one is found at its line.
"""

from __future__ import annotations

from hypothesis import given

from cablelint.grammar.parser import parse_text
from tests.fuzz.cables import Rendered, expected, observed, valid_cables
from tests.fuzz.invariants import assert_spans_inside, describe_errors


@given(valid_cables())
def test_valid_cable_parses_back_into_its_values(cable: Rendered) -> None:
    parsed = parse_text(cable.text)
    assert not parsed.errors, describe_errors(parsed)
    assert [p.message for p in parsed.problems()] == []
    assert observed(parsed) == expected(cable.spec)
    assert_spans_inside(cable.text, parsed)
