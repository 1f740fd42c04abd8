"""Shared machinery of the recall tests: a sample of real cables, parsed once, and a
runner that lints each mutant and checks the expected code at the expected line.

A mutation is ``(text, cable) -> (mutated text, expected line) | None``; None means
the defect cannot be injected into that cable (it lacks the part, or has it in a
shape the injection would not keep apart from other defects).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from cablelint.grammar.parser import parse_text
from cablelint.linter.engine import Linter
from cablelint.model import Cable
from cablelint.span import Span

Mutation = Callable[[str, Cable], Optional[tuple[str, int]]]

# Every third real cable, and at most this many mutants per kind (evenly spread over
# the applicable cables) keep the run near 20 s; CABLELINT_RECALL_FULL=1 runs them all.
FULL = os.environ.get("CABLELINT_RECALL_FULL") == "1"
POOL_STRIDE = 1 if FULL else 3
PER_KIND = 10**6 if FULL else 20
MIN_RATE = 0.98


@dataclass(frozen=True)
class Sample:
    path: str
    text: str
    cable: Cable


_POOL: list[Sample] = []


def pool(real_cables: list[Path]) -> list[Sample]:
    if not _POOL:
        for path in real_cables[::POOL_STRIDE]:
            text = path.read_text(encoding="utf-8")
            _POOL.append(Sample(f"{path.parent.name}/{path.name}", text, parse_text(text)))
    return _POOL


def lines_of(cable: Cable) -> list[str]:
    """The cable's lines with their endings, so that ``"".join`` gives the text back."""
    return [line.raw + line.ending for line in cable.lines]


def delete_lines(cable: Cable, first: int, last: int) -> str:
    lines = lines_of(cable)
    return "".join(lines[: first - 1] + lines[last:])


def insert_after(cable: Cable, line: int, new: list[str]) -> str:
    lines = lines_of(cable)
    return "".join(lines[:line] + new + lines[line:])


def replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def alone(cable: Cable, span: Span) -> bool:
    """True when no other part of the text block shares the lines of *span*."""
    others = [s for _, s in cable.captions] + [c.span for c in cable.caveats] + [a.span for a in cable.attention]
    if cable.classification is not None:
        others.append(cable.classification.span)
    return not any(o != span and o.line <= span.end_line and o.end_line >= span.line for o in others)


def first_caption(cable: Cable, kind: str) -> Optional[Span]:
    spans = [s for k, s in cable.captions if k == kind]
    return spans[0] if len(spans) == 1 else None  # absent or repeated: not applicable


def run_kind(name: str, code: str, mutation: Mutation, samples: list[Sample]) -> None:
    linter = Linter()
    applicable: list[tuple[Sample, str, int]] = []
    for sample in samples:
        got = mutation(sample.text, sample.cable)
        if got is not None:
            applicable.append((sample, got[0], got[1]))
    assert applicable, f"{name}: no cable to inject the defect into"
    if len(applicable) > PER_KIND:
        step = len(applicable) / PER_KIND
        applicable = [applicable[int(i * step)] for i in range(PER_KIND)]
    missed = []
    for sample, text, line in applicable:
        found = {(d.code, d.span.line) for d in linter.lint_text(text, sample.path)}
        if (code, line) not in found:
            near = sorted(d for d in found if d[0] == code)
            missed.append(f"{sample.path}: expected {code} at line {line}, got {near}")
    rate = 1 - len(missed) / len(applicable)
    print(f"recall {name} ({code}): {rate:.1%} of {len(applicable)}")
    assert rate >= MIN_RATE, f"{name}: {rate:.1%} < {MIN_RATE:.0%}\n" + "\n".join(missed[:10])
