"""Part 6 of issue 5: no regex of the grammar or the code backtracks super-linearly.

See redos.py for how the regexes are found, how the adversarial probes are built
from each pattern and how time is compared (ratios between two sizes, not absolute
times). The default profile probes up to 6,000 characters with one failing tail; the
fuzz profile goes to 20,000 characters with every tail.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import settings

from tests.fuzz import redos

REGEXES = redos.collect()
_FULL = settings.default.max_examples >= 1000  # the fuzz profile
_LIMITS = {"max_len": 20_000} if _FULL else {"max_len": 6_000, "tails": ("\x00",)}


def test_the_collector_finds_the_grammar_and_the_code() -> None:
    names = {r.name: r for r in REGEXES}
    assert sum(n.startswith("cable.lark:") for n in names) >= 30
    assert sum(n.startswith("fields.lark:") for n in names) >= 50
    assert "search" in names["fields.lark:CLSBY_REASON"].modes  # used with finditer
    assert "grammar/source.py:_LINE_BREAK" in names


def test_the_probe_finds_a_known_super_linear_pattern() -> None:
    # DECL_EXEMPTION as it was: blanks between two exemptions split between two [ \t]*
    old = r"(?:X[1-8]|25X[1-9])(?:[ \t]*,?[ \t]*(?:X[1-8]|25X[1-9]))*"
    bad = redos.Regex("old DECL_EXEMPTION", re.compile(old), {"full"})
    # a busy machine can hide the growth in one probe (as it can fake it in the test
    # below); a quadratic pattern shows it in one of three
    verdicts = (redos.probe(bad, "full", max_len=6_000, tails=("\x00",)) for _ in range(3))
    assert any(v is not None and v.ratio >= 3 for v in verdicts)


@pytest.mark.parametrize("regex", REGEXES, ids=[r.name for r in REGEXES])
def test_regex_is_linear(regex: redos.Regex) -> None:
    slow = []
    for mode in sorted(regex.modes):
        # a busy machine can fake a bad ratio, twice in a row (CI did, with other test
        # runs beside it); a super-linear pattern fails every time: three in a row
        verdict = None
        for _ in range(3):
            verdict = redos.probe(regex, mode, **_LIMITS)
            if verdict is None:
                break
        if verdict is not None:
            slow.append(verdict)
    assert not slow, "; ".join(f"{v.mode} on {v.probe}: 2x input took {v.ratio:.1f}x time ({v.seconds:.3f}s)" for v in slow)
