"""Shared fixtures for the recall tests: the real cables, read and parsed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablelint.grammar.parser import parse_text
from cablelint.model import Cable


@pytest.fixture(scope="session")
def parsed_real(real_cables: list[Path]) -> list[tuple[Path, str, Cable]]:
    out = []
    for path in real_cables:
        text = path.read_text(encoding="utf-8", errors="replace")
        out.append((path, text, parse_text(text)))
    return out
