"""Patterns and grammar rules written for speed read exactly what their plain forms read."""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cablelint.grammar.patterns import field

# ADDRESSEE as it was first written: the PLAD a lazy repeat of single characters.
_PLAIN_ADDRESSEE = re.compile(
    r"(?:(?P<addr_ri>[A-Z0-9]+)\/)?(?P<addr_plad>[A-Z0-9](?:[A-Z0-9 .&'(),-]|\/(?!\/))*?[A-Z0-9.)])"
    r"(?P<addr_office>\/\/.*\/\/)?(?: +(?P<addr_prec>FLASH|NIACT IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE))?(?: +(?P<addr_serial>\d+))?"
)


def _reading(pattern: re.Pattern[str], text: str) -> object:
    """Whether *pattern* fits all of *text*, and where each group is then."""
    m = pattern.fullmatch(text)
    return None if m is None else [m.span(g) for g in range(pattern.groups + 1)]


def test_addressee_reads_short_lines_as_its_plain_form() -> None:
    """Every string of up to 6 pieces: a letter, a digit, each kind of separator and
    PLAD character, one other character and a precedence word."""
    addressee = field("ADDRESSEE")
    assert addressee.groupindex == _PLAIN_ADDRESSEE.groupindex
    for size in range(7):
        for pieces in itertools.product(["A", "1", " ", "/", ".", ")", "-", "x", " FLASH"], repeat=size):
            text = "".join(pieces)
            assert _reading(addressee, text) == _reading(_PLAIN_ADDRESSEE, text), repr(text)


@settings(max_examples=2000)
@given(st.text(alphabet="AZ09 ./&'(),-x#\t", max_size=40) | st.sampled_from(["AMEMBASSY ROME", "RUEHC/SECSTATE WASHDC", "USMISSION USUN NEW YORK"]).flatmap(
    lambda head: st.tuples(st.just(head), st.text(alphabet=" /.&'(),-A1x", max_size=12), st.sampled_from(["", " ROUTINE", "  NIACT IMMEDIATE", " PRIORITY 1234", " 0042", "//POL//", " IMMEDIATEX"])).map("".join)
))
def test_addressee_reads_any_line_as_its_plain_form(text: str) -> None:
    assert _reading(field("ADDRESSEE"), text) == _reading(_PLAIN_ADDRESSEE, text), repr(text)
