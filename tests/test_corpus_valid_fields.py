"""Each valid corpus cable is read into the values its header states (corpus/valid/fields.json)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CORPUS, parse_json

FIELDS = json.loads((CORPUS / "valid" / "fields.json").read_text())


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_valid_cable_fields(name: str) -> None:
    want = FIELDS[name]
    got = parse_json(CORPUS / "valid" / name)
    assert got["reference_id"] == want["reference_id"]
    assert got["classification"]["level"] == want["level"]
    assert got["tags"] == want["tags"]
    assert sorted(got["caveats"]) == sorted(want["caveats"])
    assert len(got["paragraphs"]) == want["paragraphs"]
    assert got["signature"] == want["signature"]
    assert got["date"] == want["date"]
    assert got["errors"] == []
