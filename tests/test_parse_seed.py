"""The seed cable parses to the values its text states (issue: grammar and model)."""

from __future__ import annotations

from tests.conftest import SEED, parse_json


def test_seed_header_values() -> None:
    d = parse_json(SEED)
    assert d["reference_id"] == "09BAMAKO97"
    assert d["date"] == "2009-02-19T15:32:00Z"
    assert d["dialect"] == "markdown"
    assert d["classification"]["level"] == "UNCLASSIFIED"
    assert d["classification"]["origin"] == "BAMAKO"
    assert d["caveats"] == ["SENSITIVE", "SIPDIS"]
    assert d["from"] == "AMEMBASSY BAMAKO"
    assert [a["address"] for a in d["to"]] == ["SECSTATE WASHDC"]
    assert [a["address"] for a in d["info"]] == ["ECOWAS COLLECTIVE", "AMEMBASSY ALGIERS"]


def test_seed_tags_despite_link_residue() -> None:
    assert parse_json(SEED)["tags"] == ["PGOV", "SOCI", "KCRM", "ASEC", "ML"]


def test_seed_subject_joins_its_continuation_line() -> None:
    assert parse_json(SEED)["subject"] == "MALI: INCREASED LAW ENFORCEMENT AND JUDICIAL TRAINING RESPONSE"


def test_seed_references_despite_label_residue() -> None:
    refs = parse_json(SEED)["references"]
    assert [(r["label"], r["cable_id"], r["line"]) for r in refs] == [("A", "09STATE5448", 27), ("B", "09BAMAKO64", 28)]


def test_seed_paragraphs_and_signature() -> None:
    d = parse_json(SEED)
    assert [p["number"] for p in d["paragraphs"]] == list(range(1, 9))
    assert [p["marking"] for p in d["paragraphs"]] == ["SBU", "SBU", "U", "SBU", "SBU", "U", "U", "U"]
    assert d["signature"] == "MILOVANOVIC"


def test_seed_malformed_de_line_is_an_error_node_and_parsing_goes_on() -> None:
    d = parse_json(SEED)
    assert [(e["line"], e["column"]) for e in d["errors"]] == [(5, 17)]
    assert "050153Z" in d["errors"][0]["message"]
    routing = d["routing"]
    # the lines after the broken DE line are still read
    assert routing["security"] == "UUUUU"
    assert routing["dtg"] == "191532Z FEB 09"
    assert routing["station"] == "RUEHBP" and routing["station_serial"] == "0097"
