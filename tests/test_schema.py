"""The parse JSON is a contract: it validates against the schema kept in the package."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from tests.conftest import CORPUS, SEED, parse_json, run_cli

SCHEMA = json.loads(resources.files("cablelint").joinpath("schemas/parse.schema.json").read_text())


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", sorted(CORPUS.rglob("*.cable")), ids=lambda p: p.name)
def test_corpus_parse_output_matches_schema(path) -> None:  # type: ignore[no-untyped-def]
    jsonschema.validate(parse_json(path), SCHEMA)


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
