"""What must hold for every parse, whatever the input: the checks the fuzzers share."""

from __future__ import annotations

import dataclasses
from typing import Any, Iterator

from cablelint.grammar.source import SourceLine
from cablelint.model import Cable
from cablelint.span import Span


def spans(obj: Any, path: str = "cable") -> Iterator[tuple[str, Span]]:
    """Every Span reachable from *obj* (model records, tuples, source lines), with a path."""
    if isinstance(obj, Span):
        yield path, obj
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from spans(item, f"{path}[{i}]")
    elif isinstance(obj, SourceLine):
        for i, r in enumerate(obj.residue):
            yield from spans(r, f"{path}.residue[{i}]")
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if not isinstance(value, (str, int, float, bool, type(None))):
                yield from spans(value, f"{path}.{f.name}")


def assert_spans_inside(text: str, cable: Cable) -> None:
    """Every span lies inside *text*, and its line/column agree with its offsets."""
    lines = cable.lines
    assert "".join(line.raw + line.ending for line in lines) == text, "lines do not rebuild the text"
    count = 0
    for path, s in spans(cable):
        count += 1
        where = f"{path} = {s}"
        assert 0 <= s.start <= s.end <= len(text), where
        if not lines:
            assert (s.line, s.column, s.end_line, s.end_column) == (1, 1, 1, 1), where
            continue
        assert 1 <= s.line <= s.end_line <= len(lines), where
        first, last = lines[s.line - 1], lines[s.end_line - 1]
        assert 1 <= s.column <= len(first.raw) + 1, where
        assert 1 <= s.end_column <= len(last.raw) + 1, where
        assert s.start == first.start + s.column - 1, where
        assert s.end == last.start + s.end_column - 1, where
    assert count > 0 or not text


def error_free(cable: Cable) -> bool:
    return not cable.errors


def describe_errors(cable: Cable) -> str:
    return "; ".join(f"line {e.span.line} {e.text!r} expected {e.expected}" for e in cable.errors)
