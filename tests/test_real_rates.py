"""How often each rule fires over the real archive cables, and the false-alarm bar.

Prints the firing rate of every code (the README's table comes from this output:
`python -m pytest tests/test_real_rates.py -s`). An error-level rule may fire on at
most 3% of the cables, except on cables whose defect was checked by hand and listed
in tests/data/real-defects/*.json with the reason.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from cablelint.files import load
from cablelint.linter.engine import Linter
from cablelint.linter.registry import load_registry
from cablelint.linter.selection import Layer
from tests.conftest import REAL, ROOT

LIMIT = 0.03


def checked_defects() -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for file in sorted((ROOT / "tests" / "data" / "real-defects").glob("*.json")):
        for entry in json.loads(file.read_text(encoding="utf-8")):
            out.add((entry["cable"], entry["code"]))
    return out


def test_firing_rates_and_false_alarm_bar(real_cables: list[Path]) -> None:
    linter = Linter(cli=Layer(select=("ALL",)))
    default = Linter()
    fired: dict[str, set[str]] = defaultdict(set)
    severity: dict[str, str] = {}
    for path in real_cables:
        name = path.relative_to(REAL).as_posix()
        for d in linter.lint_file(load(str(path))):
            fired[d.code].add(name)
            severity.setdefault(d.code, default.severity[d.code])
    total = len(real_cables)
    registry = load_registry()
    print(f"\nfiring rate over {total} real cables (--select ALL)")
    print("| code | name | severity | cables | rate |")
    print("|---|---|---|---|---|")
    for rule in registry.rules:
        n = len(fired.get(rule.code, ()))
        print(f"| {rule.code} | {rule.name} | {rule.severity}{'' if rule.default_enabled else ' (off)'} | {n} | {100 * n / total:.1f}% |")
    known = checked_defects()
    too_often = {}
    for code, cables in fired.items():
        if default.severity[code] != "error" or not load_registry().by_code()[code].default_enabled:
            continue
        unexplained = {c for c in cables if (c, code) not in known}
        if len(unexplained) > LIMIT * total:
            too_often[code] = (len(unexplained), sorted(unexplained)[:5])
    assert not too_often, f"error-level rules over {LIMIT:.0%} of real cables without a checked defect: {too_often}"
