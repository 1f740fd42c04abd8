"""Every error-level C or H finding on a real cable is a recorded, verified defect
(tests/data/real-defects/*.json); anything else is a false alarm to fix in the rule."""

from __future__ import annotations

import json
from pathlib import Path

from cablelint.files import LoadedFile
from cablelint.linter.engine import Linter
from tests.conftest import ROOT
from tests.recall.mutations import pool

DEFECTS = ROOT / "tests" / "data" / "real-defects"


def test_error_findings_on_real_cables_are_recorded_defects(real_cables: list[Path]) -> None:
    recorded = set()
    for name in ("c_classification.json", "h_captions.json"):
        for entry in json.loads((DEFECTS / name).read_text(encoding="utf-8")):
            recorded.add((entry["cable"], entry["code"], entry["line"]))
    linter = Linter()
    unexpected = []
    for sample in pool(real_cables):
        for d in linter.lint_cable(LoadedFile(sample.path, sample.text), sample.cable):
            if d.code[0] in "CH" and d.severity == "error" and (sample.path, d.code, d.span.line) not in recorded:
                unexpected.append((sample.path, d.code, d.span.line, d.message))
    assert not unexpected, unexpected
