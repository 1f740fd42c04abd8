"""Reading cable files: bytes to text, with the problems a linter must report."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import Optional


@dataclass(frozen=True)
class LoadedFile:
    path: str  # as shown to the user
    text: Optional[str]  # None when the file could not be read
    error: Optional[str] = None  # why it could not be read
    bad_offsets: tuple[int, ...] = ()  # byte offsets of undecodable bytes
    bom: bool = False


def decode(data: bytes) -> tuple[str, tuple[int, ...], bool]:
    """Decode UTF-8, replacing bad bytes; return (text, bad byte offsets, had BOM)."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        return data.decode("utf-8"), (), bom
    except UnicodeDecodeError:
        pass
    bad: list[int] = []

    def record(exc: UnicodeError) -> tuple[str, int]:
        assert isinstance(exc, UnicodeDecodeError)
        bad.append(exc.start + (3 if bom else 0))
        return "\ufffd", exc.end

    codecs.register_error("cablelint-record", record)
    text = data.decode("utf-8", errors="cablelint-record")
    return text, tuple(bad), bom


def load(path: str, display: Optional[str] = None) -> LoadedFile:
    shown = display or path
    p = Path(path)
    try:
        if p.is_dir():
            return LoadedFile(shown, None, "is a directory, not a file")
        data = p.read_bytes()
    except FileNotFoundError:
        return LoadedFile(shown, None, "no such file")
    except PermissionError:
        return LoadedFile(shown, None, "permission denied")
    except OSError as exc:
        return LoadedFile(shown, None, exc.strerror or str(exc))
    text, bad, bom = decode(data)
    return LoadedFile(shown, text, None, bad, bom)
