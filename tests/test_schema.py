"""The parse JSON is a contract: it validates against the schema kept in the package."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS, REAL, SEED, check_json, parse_json, run_cli

SCHEMA = json.loads(resources.files("cablelint").joinpath("schemas/parse.schema.json").read_text())


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", sorted(CORPUS.rglob("*.cable")), ids=lambda p: p.name)
def test_corpus_parse_output_matches_schema(path) -> None:  # type: ignore[no-untyped-def]
    jsonschema.validate(parse_json(path), SCHEMA)


def test_real_cables_parse_output_matches_schema(real_cables) -> None:  # type: ignore[no-untyped-def]
    """The contract holds on the archive's cables too, all parsed in one run: the
    lower-case REF labels of 10KABUL693 ('a.') are given as 'A'."""
    paths = real_cables  # (skips when ../shared/real-cables is absent)
    result = run_cli("parse", *map(str, paths))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data) == len(paths)
    for path, item in zip(paths, data):
        errors = [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(item)]
        assert not errors, (path.name, errors)
    kabul = data[paths.index(REAL / "text" / "10KABUL693.cable")]
    assert [r["label"] for r in kabul["references"]] == ["A", "B"]


_HEAD = SEED.read_text(encoding="utf-8").splitlines()[:11]
_TAIL = ["", "E.O. 12958: DECL: 02/19/2019", "TAGS: PGOV, SOCI", "SUBJECT: MALI: A TEST", "", "1. (S) Text.", "", "2. (S) More.", "", "MILOVANOVIC", ""]


def _cable(tmp_path, class_line: str, *caveat_lines: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "c.cable"
    lines = [*_HEAD, "", class_line, *([""] + list(caveat_lines) if caveat_lines else []), *_TAIL]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("class_line", "caveat_lines", "caveats"),
    [
        ("SECRET BAMAKO 000712", ("NOFORN/ORCON",), ["NOFORN", "ORCON"]),
        ("SECRET BAMAKO 000712", ("NOFORN/REL TO/GBR",), ["NOFORN", "REL TO/GBR"]),
        ("SECRET BAMAKO 000712", ("REL TO USA, GBR",), ["REL TO USA, GBR"]),
        ("SECRET BAMAKO 000712", ("REL TO USA/EXDIS",), ["REL TO USA", "EXDIS"]),
        ("SECRET BAMAKO 000712", ("noforn", "sipdis"), ["NOFORN", "SIPDIS"]),
        ("SECRET//REL TO USA, GBR BAMAKO 000712", (), ["REL TO USA, GBR"]),
        ("SECRET BAMAKO 000712//NOFORN/REL TO/GBR", (), ["NOFORN", "REL TO/GBR"]),
    ],
)
def test_caveats_are_given_in_upper_case_without_the_slip_before_them(tmp_path, class_line, caveat_lines, caveats) -> None:  # type: ignore[no-untyped-def]
    """interfaces.md: caveats 'in upper case as written'. The slashes or comma before a
    caveat are a slip C006 names, not part of its name; a release keeps its countries
    as written."""
    data = parse_json(_cable(tmp_path, class_line, *caveat_lines))
    jsonschema.validate(data, SCHEMA)
    assert data["caveats"] == caveats


_WORDS = st.sampled_from(["NOFORN", "noforn", "ORCON", "SIPDIS", "REL TO", "REL", "USA", "GBR", "exdis", "/", "//", ", ", ",", " ", " / ", "~", "-", "*", "\t", "DEPT FOR EUR", "Sipdis"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=8).map("".join), st.booleans())
def test_any_caveat_line_gives_parse_json_the_schema_allows(tmp_path_factory, written, on_class_line) -> None:  # type: ignore[no-untyped-def]
    tmp_path = tmp_path_factory.mktemp("caveats")
    path = _cable(tmp_path, "SECRET BAMAKO 000712" + ("//" + written if on_class_line else ""), *(() if on_class_line else (written,)))
    data = parse_json(path)
    jsonschema.validate(data, SCHEMA)


def test_several_paths_give_an_array(tmp_path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "draft.cable"
    other.write_text("UNCLAS\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TEST\n\n1. (U) Text.\n\nSMITH\n")
    result = run_cli("parse", str(SEED), str(other))
    data = json.loads(result.output)
    assert isinstance(data, list) and len(data) == 2
    for item in data:
        jsonschema.validate(item, SCHEMA)
    assert data[1]["dialect"] == "draft"
    assert data[1]["reference_id"] is None  # no date anywhere in the text: never guessed


def test_schema_rejects_a_missing_key() -> None:
    d = parse_json(SEED)
    del d["tags"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(d, SCHEMA)


def test_limited_official_use_is_given_as_unclassified(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """interfaces.md allows five levels: LOU, a control on unclassified text, is UNCLASSIFIED."""
    lou = tmp_path / "lou.cable"
    oslo = (CORPUS / "valid" / "telegram-legacy-confidential-oslo-1989.cable").read_text(encoding="utf-8")
    lou.write_text(oslo.replace("C O N F I D E N T I A L OSLO 006731", "LIMITED OFFICIAL USE OSLO 006731"), encoding="utf-8")
    data = parse_json(lou)
    jsonschema.validate(data, SCHEMA)
    assert data["classification"]["level"] == "UNCLASSIFIED"


CHECK_SCHEMA = json.loads(resources.files("cablelint").joinpath("schemas/check.schema.json").read_text())


def test_check_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(CHECK_SCHEMA)


def test_check_json_over_the_corpus_matches_its_schema(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every rule, every corpus cable, an unreadable path and one with fixes: the
    array interfaces.md gives (`fix` null or its safe edits)."""
    result = run_cli("check", "--format", "json", "--select", "ALL", str(CORPUS), str(tmp_path / "missing.cable"))
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    jsonschema.validate(found, CHECK_SCHEMA)
    assert {d["code"] for d in found} >= {"F000", "F004", "H005"} and any(d["fix"] for d in found)
    assert run_cli("check", "--format", "json", str(CORPUS / "valid" / "cablegate-confidential-13526-santiago.cable")).stdout == "[]\n"


def test_check_schema_rejects_what_interfaces_md_does_not_allow() -> None:
    (d,) = json.loads(run_cli("check", "--format", "json", "--select", "R003", str(SEED)).stdout)
    jsonschema.validate([d], CHECK_SCHEMA)
    for broken in ({**d, "column": 0}, {**d, "severity": "fatal"}, {k: v for k, v in d.items() if k != "fix"}, {**d, "fix": {"applicability": "safe", "edits": []}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([broken], CHECK_SCHEMA)


# ---- breaks the mutation tests (tests/fuzz/test_parse_schema.py) found -----------------


@pytest.mark.parametrize(
    ("class_line", "caveats", "c006", "f004"),
    [
        ("SECRET BAMAKO 000712//NOFORN//\u0130", ["NOFORN", "\u0130"], 31, 31),  # LATIN CAPITAL LETTER I WITH DOT ABOVE
        ("SECRET BAMAKO 000712//\u0130NOFORN", ["\u0130NOFORN"], 23, 23),
        ("SECRET BAMAKO 000712//SIPDIS/\u212a", ["SIPDIS", "\u212a"], 29, 30),  # KELVIN SIGN, a capital K ('/K' named)
    ],
)
def test_a_caveat_with_a_capital_beyond_ascii_is_given_as_written(tmp_path, class_line, caveats, c006, f004) -> None:  # type: ignore[no-untyped-def]
    """interfaces.md: caveats 'in upper case as written'. 'İ' and the Kelvin sign are
    capitals (the reader's case-blind [a-z] takes them, as Python's does); the schema
    asked for an ASCII capital first. C006 names the unknown caveat and F004 the
    letter, so nothing is lost: the schema now takes any capital beyond ASCII first."""
    path = _cable(tmp_path, class_line)
    data = parse_json(path)
    assert data["caveats"] == caveats
    assert [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)] == []
    found = {(d["code"], d["line"], d["column"]) for d in check_json("--select", "C006,F004", str(path))}
    assert found == {("C006", 13, c006), ("F004", 13, f004)}


def _with_refs(tmp_path, class_line: str, *refs: str):  # type: ignore[no-untyped-def]
    """The seed cable with another classification line and REF block (its date: 2009)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    at = lines.index("REF: A. STATE 05448")
    lines[at : at + 2] = list(refs)
    lines[lines.index("UNCLAS BAMAKO 000097")] = class_line
    path = tmp_path / "refs.cable"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_secstate_washdc_is_state_in_the_ids(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """interfaces.md: '`SECSTATE` is `STATE`' in reference_id and cable_id. The
    Department's address, SECSTATE WASHDC (as State's own classification line or a
    REF writes it), is the same originator: it gave '09SECSTATEWASHDC12'."""
    path = _with_refs(tmp_path, "UNCLAS SECSTATE WASHDC 000341", "REF: A. SECSTATE WASHDC 12", "B. 2008 SECSTATE WASH DC 0012", "C. SECSTATEX 7")
    data = parse_json(path)
    jsonschema.validate(data, SCHEMA)
    assert data["reference_id"] == "09STATE341"
    assert [r["cable_id"] for r in data["references"]] == ["09STATE12", "08STATE12", "09SECSTATEX7"]


@pytest.mark.parametrize("post", ["DHAK4", "1BAMAKO", "BAMAKO1"])
def test_a_post_with_a_digit_in_it_gives_no_reference_id(tmp_path, post) -> None:  # type: ignore[no-untyped-def]
    """The archive's id has the origin in capitals: a digit typed in the post ran
    into the year or the serial ('091BAMAKO341', '09BAMAKO1341', which reads as
    BAMAKO 1341), against interfaces.md's convention, which the schema now holds.
    No id is guessed; C002 names the post."""
    path = _with_refs(tmp_path, f"UNCLAS {post} 000341", "REF: A. STATE 05448", "B. BAMAKO 00064")
    data = parse_json(path)
    jsonschema.validate(data, SCHEMA)
    assert data["classification"]["origin"] == post
    assert data["reference_id"] is None
    assert [r["cable_id"] for r in data["references"]] == ["09STATE5448", "09BAMAKO64"]
    assert [(d["code"], d["line"], d["column"]) for d in check_json("--select", "C002", str(path))] == [("C002", 13, 8)]


def test_schema_holds_the_archive_convention_of_ids() -> None:
    """reference_id and cable_id: two-digit year, the origin in capitals without
    blanks, ending in a letter, the serial without leading zeros; never SECSTATE."""
    d = parse_json(SEED)
    for good in ("09STATE5448", "06BAMAKO64", "09STATE0", "09RIODEJANEIRO1", "09SECDEF12"):
        jsonschema.validate({**d, "reference_id": good}, SCHEMA)
    for bad in ("09STATE05448", "09SECSTATE5448", "09SECSTATEWASHDC12", "2009STATE5448", "091BAMAKO341", "09DHAK4X", "09State5448", "09RIO DE JANEIRO1", "09STATE"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**d, "reference_id": bad}, SCHEMA)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**d, "references": [{**d["references"][0], "cable_id": bad}]}, SCHEMA)


def test_schema_holds_paragraph_markings_in_upper_case_with_slashes() -> None:
    """paragraphs[].marking: the marker without parentheses, in upper case with '/'
    separators (interfaces.md), its level first; the schema had no pattern for it."""
    d = parse_json(SEED)
    para = d["paragraphs"][0]
    for good in ("S/NF", "SBU", "TS", "C/REL NATO, ISAF", "S/REL TO USA, GBR", "U/FOUO", "S/FGI/NF", None):
        jsonschema.validate({**d, "paragraphs": [{**para, "marking": good}]}, SCHEMA)
    for bad in ("S//NF", "s/nf", "(S/NF)", "S-NF", "S/ NF", "S/", "NF", "C - ENTIRE TEXT", "X", ""):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**d, "paragraphs": [{**para, "marking": bad}]}, SCHEMA)


@pytest.mark.parametrize(
    ("marker", "marking"),
    [("(s//nf)", "S/NF"), ("(C - ENTIRE TEXT)", "C"), ("(S/ NF)", "S/NF"), ("(Sbu)", "SBU"), ("(C NOFORN)", "C/NF"), ("(S//Rel NATO, ISAF)", "S/REL NATO, ISAF"), ("(CONFIDENTAL)", "C"), ("(ENTIRE TEXT)", None)],
)
def test_paragraph_markings_are_given_normalised(tmp_path, marker, marking) -> None:  # type: ignore[no-untyped-def]
    path = _cable(tmp_path, "SECRET BAMAKO 000712")
    path.write_text(path.read_text(encoding="utf-8").replace("1. (S) Text.", f"1. {marker} Text."), encoding="utf-8")
    data = parse_json(path)
    jsonschema.validate(data, SCHEMA)
    assert data["paragraphs"][0]["marking"] == marking


@pytest.mark.parametrize(("first", "given"), [("  VZCZCXRO6957  ", "VZCZCXRO6957"), ("VZCZCXRO6957\t", "VZCZCXRO6957"), ("\tVZCZCXRO6957 RR RUEHMA", "VZCZCXRO6957 RR RUEHMA")])
def test_transmission_id_is_given_without_the_blanks_around_it(tmp_path, first, given) -> None:  # type: ignore[no-untyped-def]
    """routing.transmission_id is the first line of the routing header (interfaces.md:
    'VZCZCXRO6957'); the blanks around it were given too ('  VZCZCXRO6957  '). A
    damaged line is given whole, as it is read."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = lines.index("VZCZCXRO6957")
    lines[at] = first
    path = tmp_path / "blanks.cable"
    path.write_text("\n".join(lines), encoding="utf-8")
    data = parse_json(path)
    jsonschema.validate(data, SCHEMA)
    assert data["routing"]["transmission_id"] == given
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "routing": {**data["routing"], "transmission_id": first}}, SCHEMA)
