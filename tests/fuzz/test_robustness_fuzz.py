"""Part 4 of issue 5: whatever the input, parse and check never raise, finish in time
proportional to the input, and put every span inside the file.

Inputs: arbitrary text and bytes, valid cables mangled line by line (deleted,
doubled, swapped, cut, replaced by lines of other kinds), line-ending variants,
a byte order mark, tabs, and Unicode lookalikes in the keywords.
"""

from __future__ import annotations

import json
import time
from typing import Callable, TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from cablelint.files import from_bytes
from cablelint.grammar.parser import parse_text
from cablelint.linter.engine import Linter
from cablelint.model import LEVEL_RANK, Cable
from tests.conftest import run_cli
from tests.fuzz.cables import Rendered, observed, valid_cables
from tests.fuzz.grammar_gen import LINE_ALPHABET, line_strategy
from tests.fuzz.invariants import assert_spans_inside, spans

# Seconds allowed: a fixed start-up part plus a per-character part. Parsing runs at
# about 1 MB/s; the bound is ~50 times slower, so only a super-linear blow-up fails it.
BASE_SECONDS = 2.0
SECONDS_PER_CHAR = 50e-6
_LINTER = Linter()
T = TypeVar("T")

# a few CLI runs per library run: the CLI adds click and JSON, not new parsing paths
_CLI = settings(max_examples=max(5, settings.default.max_examples // 4))


def _within_bound(run: Callable[[], T], size: int) -> T:
    """Run once; over the bound, once more (a blow-up repeats, a busy machine does not)."""
    bound = BASE_SECONDS + SECONDS_PER_CHAR * size
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
        if best < bound:
            return result
    raise AssertionError(f"{best:.2f}s for {size} characters (bound {bound:.2f}s)")


def timed_parse(text: str) -> Cable:
    return _within_bound(lambda: parse_text(text), len(text))


def lint_bytes(data: bytes) -> None:
    loaded = from_bytes("fuzz.cable", data)
    _LINTER.crashes.clear()
    found = _within_bound(lambda: _LINTER.lint_file(loaded), len(data))
    assert not _LINTER.crashes, _LINTER.crashes
    assert loaded.text is not None
    for d in found:
        assert 0 <= d.span.start <= d.span.end <= len(loaded.text), d


# ---- inputs ---------------------------------------------------------------------------

_OPS = ("delete", "double", "swap", "cut", "insert-text", "insert-line", "join", "indent")
_KINDS = ("PARA_LINE", "TEXT_LINE", "CLASS_LINE", "EO_LINE", "TAGS_LINE", "SUBJECT_LINE", "REF_LINE", "CLSBY_LINE",
          "CAVEAT_LINE", "DE_LINE", "DTG_LINE", "FL2_LINE", "SECURITY_LINE", "FM_LINE", "TO_LINE", "PAGE_HEADER_LINE",
          "SIGNATURE_LINE", "TRAILER_LINE", "FL1_LINE", "NOTICE_LINE", "DIST_LINE", "RULE_LINE",
          "WRAPPER_OPEN_LINE", "COPY_CLASS_LINE")


@st.composite
def mangled_cables(draw: st.DrawFn) -> str:
    """A valid cable with a few lines deleted, doubled, swapped, cut or replaced."""
    lines = draw(valid_cables()).text.split("\n")
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(_OPS))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "double":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif op == "insert-text":
            lines.insert(i, draw(st.text(LINE_ALPHABET, max_size=40)))
        elif op == "insert-line":
            lines.insert(i, draw(line_strategy(draw(st.sampled_from(_KINDS)))))
        elif op == "join" and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + draw(st.sampled_from(("  ", " ", ""))) + lines[i + 1]]
        elif op == "indent":
            lines[i] = draw(st.sampled_from((" ", "\t", "   ", "¶", "[¶](#)"))) + lines[i]
    return "\n".join(lines)


# Unicode lookalikes of the letters in keywords, and spaces that are not spaces.
LOOKALIKES = {
    "A": ("\u0410", "\uff21"), "C": ("\u0421", "\uff23"), "E": ("\u0415", "\uff25"), "O": ("\u041e", "\uff2f"),
    "S": ("\u0405", "\uff33"), "T": ("\u0422", "\uff34"), "R": ("\uff32",), "U": ("\uff35",), "N": ("\uff2e",),
    "I": ("\u0406", "\uff29"), "B": ("\u0412",), "F": ("\uff26",), "D": ("\uff24",), ".": ("\uff0e", "\u2024"),
    ":": ("\uff1a", "\u02d0"), " ": ("\u00a0", "\u2003", "\u3000"), "1": ("\uff11", "\u0661"), "/": ("\u2215",),
}


@st.composite
def with_lookalikes(draw: st.DrawFn) -> tuple[Rendered, str]:
    cable = draw(valid_cables())
    text = list(cable.text)
    spots = [i for i, ch in enumerate(text) if ch in LOOKALIKES]
    for i in draw(st.lists(st.sampled_from(spots), min_size=1, max_size=8)) if spots else ():
        text[i] = draw(st.sampled_from(LOOKALIKES[cable.text[i]]))
    return cable, "".join(text)


# ---- properties -----------------------------------------------------------------------


@given(st.text())
def test_arbitrary_text(text: str) -> None:
    assert_spans_inside(text, timed_parse(text))


@given(st.text(st.sampled_from("VZCDEFMTOINUALSR0123456789 .:/()#-\t\n\r¶[]")))
def test_text_from_the_cable_alphabet(text: str) -> None:
    assert_spans_inside(text, timed_parse(text))


@given(mangled_cables())
def test_mangled_cables(text: str) -> None:
    assert_spans_inside(text, timed_parse(text))


@given(mangled_cables())
def test_mangled_cables_through_check(text: str) -> None:
    lint_bytes(text.encode("utf-8"))


@given(st.binary())
def test_arbitrary_bytes_through_check(data: bytes) -> None:
    lint_bytes(data)


@_CLI
@given(st.binary(max_size=400) | mangled_cables().map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes_through_the_cli(data: bytes) -> None:
    checked = run_cli("check", "-", "--format", "json", input=data)
    assert checked.exit_code in (0, 1), checked.output
    for d in json.loads(checked.output):
        assert d["line"] >= 1 and d["column"] >= 1
    parsed = run_cli("parse", "-", input=data)
    assert parsed.exit_code == 0, parsed.output
    json.loads(parsed.output)


def _positions(cable: Cable) -> list[tuple[str, int, int, int, int]]:
    return [(path, s.line, s.column, s.end_line, s.end_column) for path, s in spans(cable) if ".lines[" not in path]


@given(valid_cables(), st.sampled_from(("\r\n", "\r")), st.booleans())
def test_line_endings_change_offsets_only(cable: Rendered, ending: str, mixed: bool) -> None:
    lf = parse_text(cable.text)
    if mixed:  # every other line break replaced (never CR then LF: that is one CRLF)
        other_end = "\r\n" if ending == "\r" else "\n"
        parts = cable.text.split("\n")
        text = "".join(p + (ending if i % 2 else other_end) for i, p in enumerate(parts[:-1])) + parts[-1]
    else:
        text = cable.text.replace("\n", ending)
    other = timed_parse(text)
    assert_spans_inside(text, other)
    assert observed(other) == observed(lf)
    assert _positions(other) == _positions(lf)
    assert [(e.span.line, e.text) for e in other.errors] == [(e.span.line, e.text) for e in lf.errors]


@given(valid_cables())
def test_byte_order_mark_is_dropped_when_reading_bytes(cable: Rendered) -> None:
    data = cable.text.encode("utf-8")
    with_bom = from_bytes("x.cable", b"\xef\xbb\xbf" + data)
    assert with_bom.bom and with_bom.text == cable.text
    lint_bytes(b"\xef\xbb\xbf" + data)
    text = "\ufeff" + cable.text  # and a BOM left in the text never breaks the parse
    assert_spans_inside(text, timed_parse(text))


@given(valid_cables(), st.data())
def test_tabs_for_spaces(cable: Rendered, data: st.DataObject) -> None:
    text = list(cable.text)
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    for i in data.draw(st.lists(st.sampled_from(spaces), max_size=10)) if spaces else ():
        text[i] = "\t"
    mangled = "".join(text)
    assert_spans_inside(mangled, timed_parse(mangled))


@given(with_lookalikes())
def test_lookalikes_in_keywords(case: tuple[Rendered, str]) -> None:
    original, text = case
    cable = timed_parse(text)
    assert_spans_inside(text, cable)
    # a lookalike may make a keyword unreadable ("UNCLAS EＦTO" is plain UNCLAS), never
    # read a higher or lower classification
    assert cable.level is None or LEVEL_RANK[cable.level] == LEVEL_RANK[original.spec.level]
    lint_bytes(text.encode("utf-8"))
