"""Recall harness: inject one defect into real cables and require the rule to find it.

A *mutation* takes a cable's text and its parsed model and returns the mutated text
with the line where the defect now is, or None when the cable offers no place for it.
Each kind is tried on a deterministic sample of the applicable cables, linted with the
engine, and must be found at the expected line in at least 98% of the mutants.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from cablelint.linter.engine import Linter
from cablelint.linter.selection import Layer
from cablelint.model import Cable
from cablelint.span import Span

Mutation = Callable[[str, Cable], Optional[tuple[str, int]]]
PER_KIND = 40  # mutants per kind; all applicable cables when fewer
REQUIRED = 0.98


def linter_for(family: str) -> Linter:
    return Linter(cli=Layer(select=(family,)))


def recall(linter: Linter, parsed: list[tuple[Path, str, Cable]], code: str, mutate: Mutation) -> tuple[float, int, list[str]]:
    """(rate, mutants tried, misses) of *code* finding the defect *mutate* injects."""
    mutants = []
    for path, text, cable in parsed:
        made = mutate(text, cable)
        if made is not None:
            mutants.append((path, made))
    step = max(1, len(mutants) // PER_KIND)
    sample = mutants[::step][:PER_KIND]
    found, misses = 0, []
    for path, (text, line) in sample:
        lines = {d.span.line for d in linter.lint_text(text, str(path)) if d.code == code}
        if line in lines:
            found += 1
        else:
            misses.append(f"{path.name}:{line} (found at {sorted(lines)})")
    return (found / len(sample) if sample else 1.0), len(sample), misses


# ---- text surgery ---------------------------------------------------------------------


def replace_span(text: str, span: Span, new: str) -> str:
    return text[: span.start] + new + text[span.end :]


def insert_at(text: str, offset: int, new: str) -> str:
    return text[:offset] + new + text[offset:]


def line_end(cable: Cable, line: int) -> int:
    """Offset of the end of *line*'s text (before trailing spaces and the line break)."""
    src = cable.lines[line - 1]
    return src.start + len(src.raw.rstrip())


def lines_of(text: str) -> list[str]:
    return text.splitlines(keepends=True)


DEFECTS = Path(__file__).resolve().parents[1] / "data" / "real-defects"


def unrecorded_errors(linter: Linter, parsed: list[tuple[Path, str, Cable]], module: str) -> list[str]:
    """Error findings on the real cables that tests/data/real-defects/<module>.json
    does not list as verified defects (each one is a false alarm to fix)."""
    import json

    known = {(d["cable"], d["code"], d["line"]) for d in json.loads((DEFECTS / f"{module}.json").read_text())}
    out = []
    from cablelint.files import LoadedFile

    for path, text, cable in parsed:
        name = f"{path.parent.name}/{path.name}"
        for d in linter.lint_cable(LoadedFile(str(path), text), cable):
            if d.severity == "error" and (name, d.code, d.span.line) not in known:
                out.append(f"{name}:{d.span.line} {d.code} {d.message}")
    return out
