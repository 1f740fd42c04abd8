"""Recall harness for the header families (R, A): inject one defect, lint, look for it.

A *mutation* takes a real cable's text and its parsed model and returns the mutated
text and the line where the defect's finding is expected, or None when the kind does
not apply to that cable. Each kind is tried on a deterministic sample of the real
cables (ordered by a hash of the file name) so the run stays fast; set
CABLELINT_RECALL_SAMPLE=0 to try every real cable.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, Iterator, Optional

from cablelint.grammar.parser import parse_text
from cablelint.linter.engine import Linter
from cablelint.model import Cable
from cablelint.span import Span

Mutation = Callable[[str, Cable], Optional[tuple[str, int]]]
SAMPLE = int(os.environ.get("CABLELINT_RECALL_SAMPLE", "25"))
MIN_RATE = 0.98


def replace(text: str, span: Span, new: str) -> str:
    return text[: span.start] + new + text[span.end :]


def delete_lines(text: str, cable: Cable, first: int, last: int) -> str:
    """Delete lines *first* to *last* (1-based, inclusive) with their line breaks."""
    start = cable.lines[first - 1].start
    end = cable.lines[last].start if last < len(cable.lines) else len(text)
    return text[:start] + text[end:]


def first_content_line(text: str, line: int) -> int:
    """The number of the first non-blank line at or after *line* in *text*."""
    lines = text.splitlines()
    while line <= len(lines) and not lines[line - 1].strip():
        line += 1
    return line


class Pool:
    """The real cables in a fixed pseudo-random order, parsed once, on demand."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = sorted(paths, key=lambda p: hashlib.sha1(f"{p.parent.name}/{p.name}".encode()).hexdigest())
        self.parsed: list[tuple[Path, str, Cable]] = []

    def __iter__(self) -> Iterator[tuple[Path, str, Cable]]:
        for i, path in enumerate(self.paths):
            if i == len(self.parsed):
                text = path.read_text(encoding="utf-8")
                self.parsed.append((path, text, parse_text(text)))
            yield self.parsed[i]


def run_recall(paths: list[Path], kinds: dict[str, tuple[str, Mutation]]) -> None:
    linter = Linter()
    pool = Pool(paths)
    failures = []
    for kind, (code, mutation) in kinds.items():
        tried = hits = 0
        missed: list[str] = []
        for path, text, cable in pool:
            result = mutation(text, cable)
            if result is None:
                continue
            mutant, line = result
            tried += 1
            diags = linter.lint_text(mutant, str(path))
            if any(d.code == code and d.span.line == line for d in diags):
                hits += 1
            else:
                got = [(d.code, d.span.line) for d in diags if d.code[0] in "RA" or d.code == "S004"]
                missed.append(f"{path.parent.name}/{path.name}: expected line {line}, got {got}")
            if SAMPLE and tried >= SAMPLE:
                break
        rate = hits / tried if tried else 0.0
        print(f"{code} {kind}: {hits}/{tried} = {rate:.1%}")
        if not tried or rate < MIN_RATE:
            failures.append(f"{code} {kind}: {hits}/{tried}; " + "; ".join(missed[:5]))
    assert not failures, "\n".join(failures)
