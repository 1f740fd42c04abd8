"""`cablelint parse` keeps its JSON Schema (src/cablelint/schemas/parse.schema.json,
interfaces.md "parse") on any cable, not only on the corpus's: corpus cables mutated
by whole lines (deleted, doubled, swapped, put in lower or upper case, cut in two)
and within lines (a token of the format put in: REF labels, DTGs, section headers,
E.O. lines, odd TAGS, paragraph markers, routing lines, the archive's '¶' and
Markdown residue, letters beyond ASCII, long digit runs), each through the CLI, alone
and several in one run (the array form)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CORPUS, run_cli

SCHEMA = json.loads(resources.files("cablelint").joinpath("schemas/parse.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
# the corpus read once, each cable as its lines (an undecodable one with U+FFFD for its bytes)
CABLES = {path.name: path.read_bytes().decode("utf-8", errors="replace").split("\n") for path in sorted(CORPUS.rglob("*.cable"))}

TOKENS = (
    # REF labels and entries
    "a.", "A.", "(1)", "AA.", "b)", "(C)", "REF: A. STATE 12345", "REF: a. 06 BAMAKO 64", "B. 2006 SECSTATE 0012",
    "REF: AA. STATE 1", "C. USUN NEW YORK 000", "REF: A. 09 COTE D'IVOIRE 12",
    # DTGs and routing lines
    "191532Z FEB 09", "R 191532Z FEB 09", "O 010101Z JAN 99", "Z 311259Z DEC 2009", "VZCZCXRO6957", "PP RUEHMA RUEHPA",
    "DE RUEHBP #0097/01 0501532", "DE RUEHBP #0341/ 1471005", "ZNR UUUUU ZZH", "ZNY SSSSS ZZH", "FM AMEMBASSY BAMAKO",
    "TO RUEHC/SECSTATE WASHDC IMMEDIATE 0033", "INFO RUEHZK/ECOWAS COLLECTIVE", "XMT AMCONSUL LAGOS", "BT", "NNNN",
    # classification lines, caveats and section headers
    "UNCLAS SECTION 01 OF 02 BAMAKO 000097", "SECTION 2 OF 3", "SECRET STATE 123456", "C O N F I D E N T I A L",
    "LIMITED OFFICIAL USE", "SECRET//NOFORN", "NOFORN/ORCON", "REL TO USA, GBR", "SIPDIS", "//", "/",
    # captions
    "E.O. 13526: DECL: 1/2/3", "E.O. 12958: N/A", "EO 12958 DECL: 13/45/2010", "E.O. 99999: DECL: 99/99/9999",
    "TAGS: pgov, , SOCI", "TAGS:", "TAGS: [PGOV](#) [PREL](#)", "TAGS PGOV PREL KPAO", "SUBJECT:", "SUBJECT: (S//NF) A TEST",
    "Classified By: Ambassador X, reasons 1.4 (b) and (d)", "CLASSIFIED BY:",
    # paragraphs and their markers
    "(s//nf)", "(C - ENTIRE TEXT)", "(SBU)", "(S/NF/ORCON)", "(S//REL TO USA/GBR)", "(TS//SI)", "(CONFIDENTAL)", "(U//SBU)",
    "1. (U)", "2.", "10. (C)", "0.", "SUMMARY:", "END SUMMARY.", "COMMENT:", "END COMMENT.", "REFTEL", "ref b",
    # the archive's and Markdown's residue
    "¶", "¶1.", "[1](#)", "[¶](#par1)", "**", "<br>",
    # beyond ASCII (the four letters that Python's case-insensitive [a-z] takes among them)
    "é", "Ł", "中文", "İ", "ı", "ſ", "\u212a", "ß", "\u00a0", "\u200b", "\u2028", "٣٤١", "０９",
    # long digit runs
    "1" * 40, "0" * 30, "9" * 25 + ".", "REF: A. STATE " + "7" * 30,
    # blanks and stray punctuation
    " ", "\t", "-", ":", "(", ")", ".",
)


@st.composite
def mutated_cable(draw: st.DrawFn) -> str:
    """A corpus cable with one to four mutations, as text."""
    lines = list(CABLES[draw(st.sampled_from(sorted(CABLES)))])
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        op = draw(st.sampled_from(("delete", "duplicate", "swap", "lower", "upper", "cut", "insert_line", "insert_in_line")))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], line
        elif op == "lower":
            lines[i] = line.lower()
        elif op == "upper":
            lines[i] = line.upper()
        elif op == "cut":
            at = draw(st.integers(0, len(line)))
            lines[i : i + 1] = [line[:at], line[at:]]
        elif op == "insert_line":
            lines.insert(i, draw(st.sampled_from(TOKENS)))
        elif op == "insert_in_line":
            at = draw(st.integers(0, len(line)))
            blank = draw(st.sampled_from(("", " ")))
            lines[i] = line[:at] + blank + draw(st.sampled_from(TOKENS)) + blank + line[at:]
    return "\n".join(lines)


def _schema_errors(item: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(item)]


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


@given(text=mutated_cable(), dialect=st.sampled_from((None, None, "telegram", "cablegate", "markdown", "draft")))
def test_a_mutated_cable_gives_parse_json_the_schema_allows(tmp_path_factory: Any, text: str, dialect: Any) -> None:
    """Detected or forced (--dialect), the rendering read gives JSON within the schema."""
    path = _write(tmp_path_factory.mktemp("parse"), "m.cable", text)
    result = run_cli("parse", *(["--dialect", dialect] if dialect else []), str(path))
    assert result.exit_code == 0, result.output
    assert _schema_errors(json.loads(result.stdout)) == []


@given(texts=st.lists(mutated_cable(), min_size=2, max_size=3), stdin_at=st.none() | st.integers(0, 2))
def test_several_mutated_cables_give_an_array_each_item_as_alone(tmp_path_factory: Any, texts: list[str], stdin_at: Any) -> None:
    """The array form: one item per path, in order, each the object the path gives
    alone and within the schema; standard input ('-') among the paths too."""
    folder = tmp_path_factory.mktemp("parse")
    paths = [str(_write(folder, f"m{n}.cable", text)) for n, text in enumerate(texts)]
    given_input = None
    if stdin_at is not None and stdin_at < len(paths):
        given_input = texts[stdin_at].encode("utf-8")
        paths[stdin_at] = "-"
    result = run_cli("parse", *paths, input=given_input)
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert isinstance(items, list) and len(items) == len(texts)
    for n, item in enumerate(items):
        assert _schema_errors(item) == [], n
        alone = run_cli("parse", str(folder / f"m{n}.cable"))
        assert item == json.loads(alone.stdout), n
