"""Arbitrary text never raises: it yields a model, with error nodes where needed."""

from __future__ import annotations

import json
import random

import pytest

from cablelint.grammar.parser import parse_text
from tests.conftest import CORPUS, SEED, run_cli


def _spans_inside(text: str, cable) -> None:  # type: ignore[no-untyped-def]
    lines = cable.lines
    for err in cable.errors:
        assert 0 <= err.span.start <= err.span.end <= len(text)
    for p in cable.problems():
        assert 0 <= p.span.start <= p.span.end <= len(text)
        assert 1 <= p.span.line <= max(1, len(lines))


CASES = {
    "empty": "",
    "whitespace": "   \n\t\n  \n",
    "lone-vzczc": "VZCZC",
    "vzczc-newline": "VZCZC\n",
    "crlf-seed": SEED.read_text().replace("\n", "\r\n"),
    "cr-only": SEED.read_text().replace("\n", "\r"),
    "replacement-chars": "\ufffd" * 50 + "\n" + "\ufffd\ufffd UNCLAS \ufffd\n",
    "nul-and-controls": "UNCLAS\x00 BAMAKO 000097\x07\n\x1b[31mTAGS: PREL\n",
    "only-captions": "E.O. 12958: N/A\nTAGS:\nSUBJECT:\nREF:\n",
    "header-only": "VZCZCXRO6957\nRR RUEHMA\nDE RUEHBP #0097 0501532\nZNR UUUUU ZZH\n",
    "out-of-order-header": "VZCZCXRO6957\nZNR UUUUU ZZH\nDE RUEHBP #0097 0501532\nRR RUEHMA\nR 191532Z FEB 09\n",
    "bom": "\ufeffUNCLAS BAMAKO 000097\n",
    "tabs": "\tUNCLAS\tBAMAKO\t000097\n\t1.\t(U)\tText\n",
    "lookalike-keywords": "ТAGS: PREL\nЅUBJECT: x\nЕ.О. 12958: N/A\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_odd_inputs_parse(name: str) -> None:
    text = CASES[name]
    cable = parse_text(text)
    _spans_inside(text, cable)


def test_out_of_order_header_lines_are_error_nodes() -> None:
    cable = parse_text(CASES["out-of-order-header"])
    assert [e.span.line for e in cable.errors] == [3, 4]
    assert cable.routing is not None and cable.routing.dtg_line is not None  # parsing went on


def test_binary_garbage_decoded_with_replacement() -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(20000))
    text = data.decode("utf-8", errors="replace")
    _spans_inside(text, parse_text(text))


def test_five_megabyte_file() -> None:
    body = SEED.read_text()
    text = body * (5_000_000 // len(body) + 1)
    cable = parse_text(text)
    assert cable.paragraphs  # it was read, not given up on


def test_one_megabyte_line() -> None:
    text = "UNCLAS BAMAKO 000097\n\n1. (U) " + "word " * 200_000 + "\n"
    cable = parse_text(text)
    assert len(cable.paragraphs) == 1


def test_binary_file_through_the_cli(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "garbage.cable"
    f.write_bytes(bytes(range(256)) * 40)
    result = run_cli("check", str(f), "--format", "json")
    assert result.exit_code == 1
    assert '"F001"' in result.output


def test_a_page_header_with_no_section_number_read_is_no_internal_error() -> None:
    # the fuzz profile's 'PAGE 00 A 0000 01 0F 00': S003 compared the section with the
    # total (0) and asked for the section's span, which the header had not read
    text = "PAGE 00 A 0000 01 0F 00\n" + (CORPUS / "valid" / "cablegate-confidential-13526-santiago.cable").read_text(encoding="utf-8")
    result = run_cli("check", "--select", "S003", "--format", "json", "-", input=text)
    assert result.exit_code == 1, result.output
    assert [(d["line"], d["column"], d["end_column"]) for d in json.loads(result.stdout)] == [(1, 11, 15), (1, 19, 21), (1, 22, 24)]
