"""``--format json``: the array of diagnostics interfaces.md defines, written element
by element as the files come (the bytes of ``json.dump(array, indent=2)``)."""

from __future__ import annotations

import json
from typing import Optional, Sequence

from cablelint.linter.diagnostic import Diagnostic
from cablelint.reporters.base import Reporter, Settings


def element(value: object, depth: int) -> str:
    """*value* as ``json.dump(..., indent=2)`` writes it *depth* levels deep in a
    document: its lines after the first moved right (a JSON string holds no line
    break, so every line break is the layout's)."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)


class ElementWriter:
    """The elements of a JSON array *depth* levels deep, as they come: ``[`` before
    the first, ``,`` between, ``]`` at the end, or ``[]`` when there were none."""

    def __init__(self, depth: int) -> None:
        self.depth = depth
        self.count = 0

    def __call__(self, values: Sequence[object]) -> str:
        out = []
        pad = "  " * (self.depth + 1)
        for value in values:
            out.append(("[\n" if not self.count else ",\n") + pad + element(value, self.depth + 1))
            self.count += 1
        return "".join(out)

    def close(self) -> str:
        return "\n" + "  " * self.depth + "]" if self.count else "[]"


class JsonReporter(Reporter):
    name = "json"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.array = ElementWriter(0)

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: Optional[str]) -> str:
        return self.array([d.to_json() for d in diagnostics])

    def end(self) -> str:
        return self.array.close() + "\n"
