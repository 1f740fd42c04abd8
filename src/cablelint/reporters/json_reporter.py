"""``--format json``: the array of diagnostics interfaces.md defines, written element
by element as the files come (the bytes of ``json.dump(array, indent=2)``)."""

from __future__ import annotations

import json
import re
from typing import Optional, Sequence

from cablelint.linter.diagnostic import Diagnostic
from cablelint.reporters.base import Reporter, Settings


# A path whose bytes are not UTF-8 holds lone surrogates (Python's surrogateescape):
# written as they are, they would go out as those bytes, and the report would not be
# UTF-8, so no JSON (RFC 8259 8.1: json.load refuses it). As escapes ("\udcff", as
# the baseline writes them) the report is UTF-8, and a reader in Python gets the
# name back as os.fsdecode gives it, to open the file by.
_SURROGATE = re.compile("[\ud800-\udfff]")


def element(value: object, depth: int) -> str:
    """*value* as ``json.dump(..., indent=2)`` writes it *depth* levels deep in a
    document: its lines after the first moved right (a JSON string holds no line
    break, so every line break is the layout's), a lone surrogate as its escape."""
    text = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)
    return text if text.isascii() else _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
