"""Reading cable files: bytes to text, with the problems a linter must report."""

from __future__ import annotations

import errno
import os
import re
import tempfile
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
    bad_chars: tuple[int, ...] = ()  # where each undecodable run sits in ``text``


_ESCAPED_RUN = re.compile("[\udc80-\udcff]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def text_lines(text: str) -> list[str]:
    """*text* cut into lines where the parser cuts them (CR LF, CR or LF; not at the
    other characters str.splitlines takes for breaks, such as a form feed or U+2028),
    so that line N here is line N of every diagnostic."""
    return _LINE_BREAK.split(text)


@dataclass(frozen=True)
class Decoded:
    text: str
    bad_offsets: tuple[int, ...]  # byte offsets (in the file, BOM included)
    bad_chars: tuple[int, ...]  # offsets of the replacement characters in text
    bom: bool


def decode(data: bytes) -> Decoded:
    """Decode UTF-8, replacing each undecodable run with U+FFFD and recording where."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        return Decoded(data.decode("utf-8"), (), (), bom)
    except UnicodeDecodeError:
        pass
    # surrogateescape turns each bad byte into one lone surrogate, so a run of
    # them is found by a regex in linear time and mapped back to byte offsets.
    escaped = data.decode("utf-8", errors="surrogateescape")
    pieces: list[str] = []
    bad: list[int] = []
    chars: list[int] = []
    byte_pos = 3 if bom else 0
    length = 0
    pos = 0
    for m in _ESCAPED_RUN.finditer(escaped):
        good = escaped[pos : m.start()]
        pieces.append(good)
        length += len(good)
        byte_pos += len(good.encode("utf-8"))
        bad.append(byte_pos)
        chars.append(length)
        pieces.append("\ufffd")
        length += 1
        byte_pos += m.end() - m.start()
        pos = m.end()
    pieces.append(escaped[pos:])
    return Decoded("".join(pieces), tuple(bad), tuple(chars), bom)


def load(path: str, display: Optional[str] = None) -> LoadedFile:
    shown = display or path
    p = Path(path)
    try:
        if p.is_dir():
            os.listdir(p)  # a folder that cannot be listed: say why
            return LoadedFile(shown, None, "is a directory, not a file")
        data = p.read_bytes()
    except FileNotFoundError:
        return LoadedFile(shown, None, "no such file")
    except PermissionError:
        return LoadedFile(shown, None, "permission denied")
    except OSError as exc:
        return LoadedFile(shown, None, exc.strerror or str(exc))
    return from_bytes(shown, data)


def from_bytes(shown: str, data: bytes) -> LoadedFile:
    d = decode(data)
    return LoadedFile(shown, d.text, None, d.bad_offsets, d.bom, d.bad_chars)


def write_atomically(path: str, text: str, bom: bool = False) -> None:
    """Replace (or create) *path* with *text* in UTF-8, never leaving it half-written:
    a temporary file in the same folder, flushed to disk, then renamed over it. An
    existing file keeps its mode; a new one gets the usual mode for the umask. A
    symbolic link is written through (its target is replaced, the link stays), and a
    file its owner made read-only is refused, as writing it in place would be."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode & 0o7777
        if not os.access(target, os.W_OK):
            raise PermissionError(errno.EACCES, "permission denied (the file is read-only)", path)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    data = ("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".cablelint-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
