"""Every real archive cable parses, and what it states agrees with the archive.

Reads ../shared/real-cables when present (never copied into the repository) and
prints the agreement figures. Disagreements that are the archive's fault are listed,
with their reason, in tests/data/real-cable-exceptions.json.
"""

from __future__ import annotations

import json
from pathlib import Path

from cablelint.grammar.parser import parse_text
from tests.conftest import REAL

EXCEPTIONS = json.loads((Path(__file__).parent / "data" / "real-cable-exceptions.json").read_text())


def _truth(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((REAL / "truth" / (path.stem + ".json")).read_text())


def _level_agrees(parsed: str | None, truth: str) -> bool:
    return parsed == truth or (parsed is not None and parsed.startswith("UNCLASSIFIED") and truth.startswith("UNCLASSIFIED"))


def test_real_cables_agree_with_the_archive(real_cables: list[Path]) -> None:
    counts = {"level": [0, 0], "tags": [0, 0], "reference_id": [0, 0], "date": [0, 0]}
    misses: dict[str, list[str]] = {k: [] for k in counts}
    for path in real_cables:
        cable = parse_text(path.read_text(encoding="utf-8"))
        truth = _truth(path)
        ident = path.stem

        def tally(field: str, ok: bool) -> None:
            if not ok and ident in EXCEPTIONS.get(field, {}):
                return  # the archive is wrong here; documented
            counts[field][0] += ok
            counts[field][1] += 1
            if not ok:
                misses[field].append(f"{path.parent.name}/{ident}")

        tally("level", _level_agrees(cable.level, truth["level"]))
        if truth["tags"]:  # empty where the archive made no tag links
            tally("tags", cable.tags is not None and {t.text for t in cable.tags.tags} == set(truth["tags"]))
        if cable.date is not None:  # the text gives the date: a DTG or the archive's date line
            tally("reference_id", cable.reference_id == truth["reference_id"])
            # the archive's "created" minutes are broken (cable-format.md 2.5): compare date and hour
            tally("date", cable.date.strftime("%Y-%m-%dT%H") == truth["created"][:13])
    print()
    for field, (ok, total) in counts.items():
        print(f"  {field:13} {ok}/{total} = {ok / total:.1%}  misses: {misses[field][:8]}")
    for field, (ok, total) in counts.items():
        assert ok / total >= 0.99, (field, misses[field])


def test_no_year_means_no_reference_id(real_cables: list[Path]) -> None:
    for path in real_cables:
        cable = parse_text(path.read_text(encoding="utf-8"))
        if cable.date is None:
            assert cable.reference_id is None, path.name


def test_every_real_cable_parses_without_unplaceable_lines(real_cables: list[Path]) -> None:
    unplaced = {}
    for path in real_cables:
        cable = parse_text(path.read_text(encoding="utf-8"))
        if cable.errors:
            unplaced[path.name] = [(e.span.line, e.text[:30]) for e in cable.errors]
    assert len(unplaced) <= len(real_cables) * 0.01, unplaced
