"""The registry keeps the contract of the spec's rule catalog (../shared/spec/rules.md).

Codes and names are fixed contracts, and each row of the catalog also fixes the rule's
default severity, whether it is on by default (and in which dialect when only in one),
whether it has a safe fix, and, for a few, the one dialect it applies to. The catalog
may name fewer rules than the registry holds (a family grows beyond it), never more.
Skipped when the spec is not beside the repository.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

import pytest

from cablelint.linter.registry import load_registry
from tests.conftest import ROOT

CATALOG = ROOT.parent / "shared" / "spec" / "rules.md"
ROW = re.compile(r"\| ([A-Z]\d{3}) \| ([a-z0-9-]+) \| ([^|]+) \| ([^|]+) \|")
DIALECT = re.compile(r"`(telegram|cablegate|markdown|draft)`")


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    severity: str
    enabled: bool
    only_in: Optional[str]  # "warning, off (on in `draft`)": on in that dialect alone
    dialect: Optional[str]  # "error, on (`telegram`)": the rule applies to that dialect alone
    fixable: bool
    family_heading: str


def catalog() -> list[Row]:
    if not CATALOG.is_file():
        pytest.skip("../shared/spec/rules.md is not present on this machine")
    rows = []
    heading = ""
    for line in CATALOG.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line
        match = ROW.match(line)
        if match is None:
            continue
        code, name, default, fix = (part.strip() for part in match.groups())
        severity = re.match(r"error|warning|info", default)
        assert severity is not None, line
        on_off = re.search(r"\b(on|off)\b(?! in)", default)
        assert on_off is not None, line
        extra = re.search(r"\((.*)\)", default)
        dialect = DIALECT.search(extra[1]) if extra else None
        only_in = dialect[1] if extra and dialect and extra[1].startswith("on in") else None
        rows.append(
            Row(code, name, severity[0], on_off[1] == "on", only_in, dialect[1] if dialect and not only_in else None, fix.startswith("yes"), heading)
        )
    return rows


ROWS = catalog() if CATALOG.is_file() else []
RULES = load_registry().by_code()


def test_the_catalog_is_read() -> None:
    rows = catalog()
    # the spec's eight families, each with its table read
    assert {row.code[0] for row in rows} == set("FRACHPXS")
    assert len(rows) >= 60


@pytest.mark.parametrize("row", ROWS, ids=[row.code for row in ROWS])
def test_rule_keeps_its_catalog_row(row: Row) -> None:
    rule = RULES.get(row.code)
    assert rule is not None, f"{row.code} ({row.name}) is in the catalog but not registered"
    assert rule.name == row.name
    assert rule.severity == row.severity
    assert rule.default_enabled == row.enabled
    assert list(rule.default_in) == ([row.only_in] if row.only_in else [])
    assert rule.fixable == row.fixable
    if row.dialect is not None:
        assert list(rule.dialects) == [row.dialect]
    if "only where a routing header is present" in row.family_heading:
        assert "draft" not in rule.dialects  # a draft has no routing header
