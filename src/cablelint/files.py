"""The files of a run: reading cables (bytes to text, with the problems a linter
must report), naming them (a file's real path; a ``..`` as the system takes it),
writing files whole, and a lock for processes that take turns at one file."""

from __future__ import annotations

import codecs
import errno
import os
import signal
import stat
import sys
import threading
from dataclasses import replace
from typing import BinaryIO, Optional, Union

from cablelint.records import record

try:
    # hashlib's blake2b is this one (it never takes OpenSSL's), but importing hashlib
    # loads OpenSSL for its other hashes: 10M instructions, a thirtieth of a one-file
    # check answered from the cache. The digests of the cache and of the grammar
    # tables are blake2b's.
    from _blake2 import blake2b as blake2b
except ImportError:  # pragma: no cover - a Python without the module hashlib uses
    from hashlib import blake2b as blake2b


@record
class LoadedFile:
    path: str  # as shown to the user
    text: Optional[str]  # None when the file could not be read
    error: Optional[str] = None  # why it could not be read
    bad_offsets: tuple[int, ...] = ()  # byte offsets of undecodable bytes
    bom: bool = False
    bad_chars: tuple[int, ...] = ()  # where each undecodable run sits in ``text``
    bad_bytes: tuple[bytes, ...] = ()  # each undecodable run's bytes
    utf16: str = ""  # "LE" or "BE": UTF-16 text without a byte-order mark (see decode)
    # binary data, not text in any encoding: the percentage of odd bytes in its first
    # SAMPLE bytes (see looks_binary); 0 for text
    binary: int = 0


@record
class Decoded:
    text: str
    bad_offsets: tuple[int, ...]  # byte offsets (in the file, BOM included)
    bad_chars: tuple[int, ...]  # offsets of the replacement characters in text
    bom: bool
    bad_bytes: tuple[bytes, ...] = ()  # each run's bytes
    utf16: str = ""  # "LE" or "BE" when the bytes look like UTF-16 without its mark
    binary: int = 0  # see looks_binary


def decode(data: bytes) -> Decoded:
    """Decode UTF-8 as editors and browsers do (one U+FFFD for each maximal
    undecodable sequence, Python's errors="replace"), recording where each run of
    them is: its byte offset in the file and its offset in the text; whether
    the bytes look like UTF-16 text saved without its byte-order mark, and whether
    bytes that are not UTF-8 are binary data (:func:`looks_binary`)."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    utf16 = "" if bom else unmarked_utf16(data)
    try:
        return Decoded(data.decode("utf-8"), (), (), bom, (), utf16)
    except UnicodeDecodeError:
        pass
    marks = _MARKS.ranges = []
    text = data.decode("utf-8", errors=_MARK)
    bad: list[int] = []
    chars: list[int] = []
    runs: list[bytes] = []
    at = 0  # text offset of the byte offset `done`
    done = 0
    for start, end in marks:
        at += len(data[done:start].decode("utf-8"))
        if not bad or start != done:  # a run of adjacent sequences is one place
            bad.append(start + (3 if bom else 0))
            chars.append(at)
            runs.append(data[start:end])
        else:
            runs[-1] += data[start:end]
        at += 1
        done = end
    marked = bool(bad) and bad[0] == 0 and runs[0][:2] in UTF16_MARKS  # (UTF-16: as_utf16's)
    binary = 0 if utf16 or marked else looks_binary(data, bad, runs, 3 if bom else 0)
    return Decoded(text, tuple(bad), tuple(chars), bom, tuple(runs), utf16, binary)


# git's measure: what it looks at to tell binary data from text (its first 8,000 bytes)
SAMPLE = 8000
# the C0 control bytes a text does not hold (tab, line feed, form feed and carriage
# return it does), and DEL
_CONTROL_BYTES = tuple(bytes([b]) for b in (*range(0, 9), 11, *range(14, 32), 127))


def looks_binary(data: bytes, bad: list[int], runs: list[bytes], shift: int = 0) -> int:
    """Whether *data*, which is not valid UTF-8 (its undecodable runs at the file
    offsets *bad*, *shift* bytes of a byte-order mark before *data*), is binary data
    rather than text, as the percentage of odd bytes in its first SAMPLE bytes (0
    for text): they hold a NUL (git's test), and at least 30% of them, 32 bytes or
    more, are control characters or undecodable (Perl's ``-B`` takes 30% of odd
    characters). Text in a legacy encoding has no NUL, however many of its letters do
    not decode (a Russian quotation in Windows-1251 is most of its bytes); a cable
    damaged in transfer has a stray NUL among text; compressed data has a NUL about
    every 256 bytes and some six odd bytes in ten (half its bytes are above 0x7F and
    do not decode, a tenth are controls), an executable more."""
    sample = data[:SAMPLE]
    if b"\x00" not in sample:
        return 0
    odd = sum(sample.count(b) for b in _CONTROL_BYTES)
    for offset, run in zip(bad, runs):
        offset -= shift
        if offset >= SAMPLE:
            break
        odd += min(len(run), SAMPLE - offset)
    return max(odd * 100 // len(sample), 1) if odd >= 32 and odd * 10 >= len(sample) * 3 else 0


def unmarked_utf16(data: bytes) -> str:
    """"LE" or "BE" when *data* looks like UTF-16 text without a byte-order mark:
    in its first 4 KB nearly every other byte is a NUL (the high byte of each ASCII
    character) and nearly none between; else "". NULs are valid UTF-8, so such a
    file decodes, every other character a NUL, and its line breaks and blanks would
    be "fixed" one byte at a time, breaking the text (an LF after each CR made a
    CR: a CR LF of UTF-16 reads as a CR, a NUL and an LF). Text, binary data and a
    file of NULs have NULs at both places or at neither."""
    if data.find(b"\x00", 0, 4096) < 0 or len(data) < 4 or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return ""  # (no NUL, or the mark that F001 names)
    sample = data[: min(len(data), 4096) // 2 * 2]
    pairs = len(sample) // 2
    evens, odds = sample[0::2].count(0), sample[1::2].count(0)
    if odds >= 0.9 * pairs and evens <= 0.1 * pairs:
        return "LE"
    if evens >= 0.9 * pairs and odds <= 0.1 * pairs:
        return "BE"
    return ""


class _Marks(threading.local):
    ranges: list[tuple[int, int]] = []


_MARKS = _Marks()
_MARK = "cablelint-mark"


def _mark(exc: UnicodeError) -> tuple[str, int]:
    """The decoding error handler: errors="replace", noting each byte range."""
    assert isinstance(exc, UnicodeDecodeError)
    _MARKS.ranges.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error(_MARK, _mark)


# The errors of a look at a path that mean "nothing there" to pathlib's is_dir.
_NOTHING_THERE = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def path_text(path: Union[str, os.PathLike[str]]) -> str:
    """*path* as pathlib writes it (``str(pathlib.Path(path))``: the empty path is
    ``.``, empty and ``.`` components go, so ``a//b/./c/`` is ``a/b/c``), without
    importing pathlib where that is simple (POSIX paths): with ``urllib.parse`` and
    ``ipaddress``, which it imports, about 14M instructions, the largest import of a
    one-file check answered from the cache after click's. The run's file and folder
    names go through it, so that what it reads, and the names it shows, are the ones
    it read and showed through pathlib."""
    text = os.fspath(path)
    if os.name != "posix" or not isinstance(text, str):
        from pathlib import Path

        return str(Path(text))
    root = ""
    if text.startswith("/"):
        root = "//" if len(text) - len(text.lstrip("/")) == 2 else "/"
    return root + "/".join(part for part in text.split("/") if part and part != ".") or "."


def is_dir(path: str) -> bool:
    """``pathlib.Path(path).is_dir()`` for a *path* written as :func:`path_text`
    writes it: False when nothing is there (or a name in the way is not a folder, or
    the name is not one the system takes), the OSError of any other failure."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError as exc:
        if exc.errno not in _NOTHING_THERE and getattr(exc, "winerror", None) not in (21, 123, 1921):
            raise
        return False
    except ValueError:
        return False


MB = 1024 * 1024
# The largest cable read (a long real cable is some tens of KB): a larger file is
# a log, an archive or a disk image named .cable, whose parse would take minutes
# and memory many times its size; it is not read, and F000 says why.
MAX_BYTES = 10 * MB


def too_large(size: Optional[int]) -> str:
    """Why a file of *size* bytes (None: more than MAX_BYTES, how many more is not
    known) is not read, as F000 says it: ``20.0 MB, more than 10 MB, the limit
    for a cable`` (in bytes where a tenth of a MB would not show the difference)."""
    limit = f"{MAX_BYTES // MB} MB"
    if size is None:
        return f"more than {limit}, the limit for a cable"
    shown = f"{size / MB:.1f} MB"
    if size / MB < MAX_BYTES / MB + 0.05:  # (10.0 MB, more than 10 MB)
        shown, limit = f"{size:,} bytes", f"{MAX_BYTES:,} bytes"
    return f"{shown}, more than {limit}, the limit for a cable"


def read_limited(f: BinaryIO) -> bytes | str:
    """The bytes of the open file *f*, or, when it holds more than MAX_BYTES, why it
    is not read (:func:`too_large`): a regular file is measured first, and nothing
    of a large one is read; a pipe or a device is read up to the limit and a byte."""
    size = regular_size(f)
    if size is not None and size > MAX_BYTES:
        return too_large(size)
    data = f.read(MAX_BYTES + 1)
    return data if len(data) <= MAX_BYTES else too_large(None)  # (a pipe, or a file that grew)


def regular_size(f: BinaryIO) -> Optional[int]:
    """The bytes left in the open file *f* from where it stands when it is a regular
    file (measured, not read): standard input redirected from a file that was read
    from partway (``{ read hdr; cablelint check -; } < file``) has only the rest of
    it to give. None for a pipe, a device or a stream with no file behind it."""
    try:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            return None
        at = f.tell()
    except (OSError, AttributeError, ValueError):
        return None
    return max(st.st_size - at, 0)


def os_error(exc: OSError, path: Union[str, os.PathLike[str], None] = None) -> str:
    """What *exc* says went wrong with *path* (by default the error's own file
    name), for a message: the system's words, but for a name the system refuses as
    too long ("File name too long"), which names no figure: the length and the limit
    (:func:`name_too_long`)."""
    if exc.errno == errno.ENAMETOOLONG:
        named = path if path is not None else exc.filename
        figures = name_too_long(os.fsdecode(named)) if isinstance(named, (str, bytes, os.PathLike)) else None
        if figures is not None:
            return figures
    return exc.strerror or str(exc)


def name_too_long(path: str) -> Optional[str]:
    """Why the system refuses *path* as too long, with the figures: ``its name is
    300 bytes, more than 255, the limit for a name here`` (a name of a folder in it:
    ``the folder name aaaaaaaaaaaaaaaaaaaa... in its path is ...``), or ``its path is
    5,000 bytes, more than 4,095, the limit for a path here``; the limits are those
    of the file system of the nearest folder that exists (``pathconf``). None when
    neither is over (a name made from it was: a temporary file beside it)."""
    data = os.fsencode(path)
    folder = os.path.dirname(os.path.abspath(path)) or os.sep
    while not os.path.isdir(folder) and os.path.dirname(folder) != folder:
        folder = os.path.dirname(folder)
    name_max, path_max = 255, 4096
    try:
        name_max = os.pathconf(folder, "PC_NAME_MAX")
        path_max = os.pathconf(folder, "PC_PATH_MAX")
    except (AttributeError, OSError, ValueError):  # (not POSIX, or no such limit: the usual ones)
        pass
    names = data.split(os.fsencode(os.sep))
    longest = max(range(len(names)), key=lambda i: len(names[i]))
    size = len(names[longest])
    if size > name_max:
        if longest == len(names) - 1:
            return f"its name is {size:,} bytes, more than {name_max:,}, the limit for a name here"
        shown = os.fsdecode(names[longest])
        shown = shown if len(shown) <= 20 else shown[:20] + "..."
        return f"the folder name {shown} in its path is {size:,} bytes, more than {name_max:,}, the limit for a name here"
    if len(data) >= path_max:  # (PATH_MAX counts the NUL that ends the path)
        return f"its path is {len(data):,} bytes, more than {path_max - 1:,}, the limit for a path here"
    return None


def check_length(path: Union[str, os.PathLike[str]]) -> None:
    """Raise the system's OSError (ENAMETOOLONG) if it would refuse *path* as too
    long: before the folders of a file to be written are made, a path over the
    limit made them as deep as it could, and left them."""
    if name_too_long(os.fspath(path)) is not None:
        raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), os.fspath(path))


def in_the_way(folder: Union[str, os.PathLike[str]]) -> str:
    """The file that stands where *folder* or a folder above it should be, which
    made making it fail (EEXIST or ENOTDIR): the first of them, from the top,
    that is there and is no folder (*folder* itself when none is found)."""
    named = os.fspath(folder)
    chain = [named]
    while os.path.dirname(chain[-1]) not in ("", chain[-1]):
        chain.append(os.path.dirname(chain[-1]))
    for place in reversed(chain):
        if os.path.lexists(place) and not os.path.isdir(place):
            return place
    return named


def load(path: str, display: Optional[str] = None) -> LoadedFile:
    data = read_bytes(path, display)
    return data if isinstance(data, LoadedFile) else from_bytes(display or path, data)


def named_path(path: str) -> str:
    """*path* made absolute as ``os.path.abspath`` makes it, but with ``..`` taken as
    the system takes it: from where a link before it leads. abspath drops ``a/..``
    as text, and when ``a`` is a link ``a/../b/x.cable`` names another file than
    ``b/x.cable`` (the one beside where ``a`` leads, which is what is read). The
    part up to the last ``..`` is resolved; the names after it stay as given (a
    link among them keeps its name, as globs match it). Without ``..``, abspath."""
    if os.pardir not in path:
        return os.path.abspath(path)
    head = os.path.join(os.getcwd(), path)
    rest: list[str] = []  # the names after the last '..', last first
    while True:
        parent, name = os.path.split(head)
        if name == os.pardir:
            try:
                return os.path.join(os.path.realpath(head), *reversed(rest))
            except ValueError:  # (a NUL: no name the system takes)
                return os.path.abspath(path)
        if parent == head:  # the root: no '..' after all ('x..cable')
            return os.path.abspath(path)
        if name and name != os.curdir:
            rest.append(name)
        head = parent


class RealPaths:
    """The real path of each file asked about (``os.path.realpath``: links resolved,
    ``..`` taken as the system takes it), in the case the system compares names in
    (``os.path.normcase``): one text for one file, however it is named. A folder's
    real path is found once; a file costs one look at whether it is a link itself
    (a realpath for each of thousands of files would look at every folder above it
    again), unless *known* has its real path already (a folder walk finds it for
    every file, with no look at a file that is no link)."""

    def __init__(self, known: Optional[dict[str, str]] = None) -> None:
        self.folders: dict[str, str] = {}
        self.known = {} if known is None else known

    def __call__(self, path: str) -> str:
        found = self.known.get(path)
        if found is not None:
            return os.path.normcase(found)
        folder, name = os.path.split(path)
        try:
            if name in ("", os.curdir, os.pardir) or stat.S_ISLNK(os.lstat(path).st_mode):
                return os.path.normcase(os.path.realpath(path))
        except OSError:  # gone: realpath makes what it can of the folders above
            return os.path.normcase(os.path.realpath(path))
        except ValueError:  # no name the system takes (a NUL): as named
            return os.path.normcase(os.path.abspath(path))
        real = self.folders.get(folder)
        if real is None:
            real = self.folders[folder] = os.path.realpath(folder or os.curdir)
        return os.path.normcase(os.path.join(real, name))


def read_bytes(path: str, display: Optional[str] = None) -> bytes | LoadedFile:
    """The bytes of *path*, or, when it cannot be read, the LoadedFile that says why
    (shown as *display*, by default *path*)."""
    shown = display or path
    p = path_text(path)
    try:
        if is_dir(p):
            return LoadedFile(shown, None, _folder(p))
        with open(p, "rb") as f:
            data = read_limited(f)
        return data if isinstance(data, bytes) else LoadedFile(shown, None, data)
    except FileNotFoundError:
        return LoadedFile(shown, None, _missing(p))
    except PermissionError:
        return LoadedFile(shown, None, "permission denied")
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # (the system's words, "Too many levels of symbolic links", name no loop)
            return LoadedFile(shown, None, "a link into a loop of links, which leads to no file")
        return LoadedFile(shown, None, os_error(exc, p))


def _folder(path: str) -> str:
    """Why the folder *path*, named where a file is read, gives no cable: a folder a
    walk met but could not list says so, with the system's reason."""
    try:
        os.listdir(path)
    except PermissionError:
        return "a folder that cannot be listed: permission denied"
    except OSError as exc:
        return f"a folder that cannot be listed: {os_error(exc, path)}"
    return "is a directory, not a file"


def _missing(path: str) -> str:
    """Why *path*, which the system says is not there, cannot be read: a link whose
    target is gone is there (a walk lists it, ``ls`` shows it), and its target is
    what the user must look for."""
    try:
        target = os.readlink(path)
    except (OSError, ValueError):
        return "no such file"
    return f"a link to '{target}', which does not exist"


def from_bytes(shown: str, data: bytes) -> LoadedFile:
    d = decode(data)
    return LoadedFile(shown, d.text, None, d.bad_offsets, d.bom, d.bad_chars, d.bad_bytes, d.utf16, d.binary)


UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16's byte-order marks


def as_utf16(file: LoadedFile) -> Optional[LoadedFile]:
    """*file* as F001 alone names it when its bytes are UTF-16 text: they start with
    that encoding's byte-order mark, or read as UTF-16 without one (``utf16``).
    Read as UTF-8, every other character of such a text is a NUL and each character
    past ASCII an undecodable byte (U+00B6 is the bytes B6 00): its lines, its
    fields and those bytes are the encoding's, not the cable's, and would be findings
    all over the file. Only the mark, or the finding that names the encoding, is
    kept (the undecodable runs after the mark dropped). None for any other file."""
    marked = bool(file.bad_offsets and file.bad_bytes) and file.bad_offsets[0] == 0 and file.bad_bytes[0][:2] in UTF16_MARKS
    if marked:
        return _first_run(file)
    if file.utf16:
        return replace(file, bad_offsets=(), bad_chars=(), bad_bytes=())
    return None


def as_binary(file: LoadedFile) -> Optional[LoadedFile]:
    """*file* as F001 alone names it when it is binary data (``binary``): its
    "lines" and "fields" would be findings all over it (a program named ``.cable``
    had 61, F001 and F002 twenty each, and "no TAGS line"), where git, ruff and grep
    say once that it is binary. Only its first undecodable run is kept. None for
    any other file."""
    if file.binary and file.bad_offsets:
        return _first_run(file)
    return None


def _first_run(file: LoadedFile) -> LoadedFile:
    """*file* with its first undecodable run alone: the one F001 names."""
    return replace(file, bad_offsets=file.bad_offsets[:1], bad_chars=file.bad_chars[:1], bad_bytes=file.bad_bytes[:1])


def digest(data: bytes) -> str:
    """The key of a file's bytes in the result cache (``linter/cache.py``)."""
    return blake2b(data, digest_size=16).hexdigest()


def fingerprint(loaded: LoadedFile) -> Optional[str]:
    """A short digest of what *loaded* holds (None when it could not be read): two
    reads of a file that give the same fingerprint gave the same text."""
    if loaded.text is None:
        return None
    data = loaded.text.encode("utf-8", "surrogatepass")
    return blake2b(data, digest_size=16, person=b"bom" if loaded.bom else b"").hexdigest()


TEMP_SUFFIX = ".cablelint-tmp"  # of write_atomically's temporary files
# the temporary files of the AtomicFiles being written, which a run ended by a signal
# removes (cablelint.__main__)
WRITING: set[str] = set()


class FileLock:
    """An exclusive lock on the file *path* (made if need be) for a ``with`` block,
    so that processes which read a file, change it and write it back (the result
    cache's shards) take turns rather than undo each other's writes. ``held`` says
    whether it was got: not when the system offers no lock (a file system without
    one), nor when another process kept it more than *wait* seconds (a stopped
    run); the block runs all the same, so what it does must be safe without the
    lock, only less complete. The lock goes with the process: a killed run leaves
    none behind."""

    def __init__(self, path: str, wait: float = 5.0) -> None:
        self.path = path
        self.wait = wait
        self.fd = -1
        self.held = False

    def __enter__(self) -> FileLock:
        import time

        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except PermissionError:
            # another user's lock file (0644 under the usual umask), in a cache
            # folder users share: locking needs no write access to the file
            try:
                self.fd = os.open(self.path, os.O_RDONLY)
            except OSError:
                return self
        except OSError:
            return self
        deadline = time.monotonic() + self.wait
        try:
            while not self._try() and time.monotonic() < deadline:
                time.sleep(0.005)
        except BaseException:  # (Ctrl-C while waiting: no open file left behind)
            self.__exit__()
            raise
        return self

    def _try(self) -> bool:
        """Take the lock without waiting; True when it is held or cannot be had at
        all (then ``held`` stays False), False when another process holds it."""
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(self.fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            # (another's: EWOULDBLOCK from flock, EACCES or EDEADLOCK from locking)
            return exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, errno.EDEADLK)
        self.held = True
        return True

    def __exit__(self, *exc: object) -> None:
        if self.fd < 0:
            return
        try:
            if self.held and sys.platform == "win32":
                import msvcrt

                msvcrt.locking(self.fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
        finally:  # (closing the file lets go of flock's lock)
            os.close(self.fd)
            self.fd = -1
            self.held = False


def write_atomically(path: str, text: str, bom: bool = False, durable: bool = True) -> None:
    """Replace (or create) *path* with *text* in UTF-8, never leaving it half-written
    (see :class:`AtomicFile`)."""
    with AtomicFile(path, durable) as out:
        out.write(("\ufeff" if bom else "") + text)


# the signals that end a run: Ctrl-C, and those cablelint.__main__ ends it cleanly on
_ENDING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def _hold_ending_signals() -> Optional[set[Union[int, signal.Signals]]]:
    """Block the signals that end a run (where the system can), returning the mask to
    restore; None where signals cannot be blocked."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _ENDING)


class AtomicFile:
    """A file replaced whole, written as it comes: a temporary file in the same folder,
    flushed to disk (unless not *durable*: a cache, which a crash may leave empty but
    never half of one text) and renamed over it by :meth:`commit`; :meth:`discard` (or leaving
    the ``with`` block by an exception) removes it and leaves the file as it was. An
    existing file keeps its mode and, where allowed, its owner and group; a new one
    gets the usual mode for the umask. A symbolic link is written through (its
    target is replaced, the link stays), and a read-only file is refused, as writing
    it in place would be: one the writer may not write, or one without a write bit
    for anyone, which root may write but should leave alone as its owner asked (CI
    in a container runs as root, and os.access says yes to root). What is not a
    regular file (``/dev/null``, a named pipe, ``/dev/stdout``) is written into as it
    comes, never replaced: renaming over ``/dev/null`` would make it a file (root
    may); a folder is refused at once.

    *errors* is how text that UTF-8 cannot carry is encoded: a report names files by
    their paths, which may hold bytes that are not UTF-8 (``surrogateescape`` writes
    them back as they are, as standard output does)."""

    def __init__(self, path: str, durable: bool = True, errors: str = "strict") -> None:
        self.durable = durable
        self.errors = errors
        self.stream = False  # written into, not replaced
        target = os.path.realpath(path)
        self.owner: Optional[tuple[int, int]] = None
        self.target = target
        self.tmp = ""
        try:
            st = os.stat(target)
            self.mode, self.owner = st.st_mode & 0o7777, (st.st_uid, st.st_gid)
            if stat.S_ISDIR(st.st_mode):
                raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file", path)
            if not self.mode & 0o222 or not os.access(target, os.W_OK):
                raise PermissionError(errno.EACCES, "permission denied (the file is read-only)", path)
            self.stream = not stat.S_ISREG(st.st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            self.mode = 0o666 & ~umask
        self.handle: Optional[BinaryIO] = None
        if self.stream:  # (closed by commit or discard)
            self.handle = open(target, "wb")
            return
        import tempfile  # (with shutil, random, bz2 and lzma: a check answered from the cache writes nothing)

        folder = os.path.dirname(target)
        # the signals that end a run are held from the temporary file's making until
        # it is in WRITING, which a run ended by SIGTERM or SIGHUP removes; one held
        # meanwhile comes as the hold ends (Ctrl-C's KeyboardInterrupt, raised there,
        # then removes the file here: no caller holds this AtomicFile yet)
        mask = _hold_ending_signals()
        try:
            try:
                fd, self.tmp = tempfile.mkstemp(prefix=f".{_temp_stem(os.path.basename(target))}.", suffix=TEMP_SUFFIX, dir=folder)
                WRITING.add(self.tmp)
                self.handle = os.fdopen(fd, "wb")
            finally:
                if mask is not None:
                    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        except PermissionError:
            # a file that may be written in a folder that may not: the new text
            # cannot be put beside it, and "Permission denied" alone sends the
            # user to the file's mode, which allows it
            named = os.path.dirname(path) or os.curdir
            shown = named if os.path.realpath(named) == folder else folder  # (a link's target elsewhere: that folder)
            then = "replaces the file" if self.owner is not None else "becomes the file"  # (none yet: a new report)
            raise PermissionError(errno.EACCES, f"permission denied in the folder {shown} (the new text is written to a temporary file there, which then {then})", path) from None
        except BaseException:
            self.discard()
            raise

    def write(self, text: str) -> None:
        assert self.handle is not None, "written after commit or discard"
        self.handle.write(text.encode("utf-8", self.errors))

    def write_bytes(self, data: bytes) -> None:
        """Write *data* as it is (a file that is not text)."""
        assert self.handle is not None, "written after commit or discard"
        self.handle.write(data)

    def commit(self) -> None:
        """Put the text written in the file's place."""
        assert self.handle is not None, "committed twice or after discard"
        if self.stream:
            with self.handle as handle:
                handle.flush()
            self.handle = None
            return
        try:
            with self.handle as handle:
                if self.durable:
                    handle.flush()
                    os.fsync(handle.fileno())
            self.handle = None
            if self.owner is not None and hasattr(os, "chown") and self.owner != (os.geteuid(), os.getegid()):
                try:  # root fixing a user's file (CI in a container) must not make it root's
                    os.chown(self.tmp, *self.owner)
                except OSError:  # not allowed: the file becomes the writer's, as with any editor
                    pass
            os.chmod(self.tmp, self.mode)
            os.replace(self.tmp, self.target)
        except BaseException:
            self.discard()
            raise
        WRITING.discard(self.tmp)
        self.tmp = ""

    def discard(self) -> None:
        """Remove the temporary file (nothing once committed)."""
        if self.handle is not None:
            self.handle.close()
            self.handle = None
        if self.tmp:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            WRITING.discard(self.tmp)
            self.tmp = ""

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


# the bytes of a file's name kept in its temporary file's: the name is 24 bytes longer
# (two dots, mkstemp's 8 characters, TEMP_SUFFIX), so a name of 232 bytes or more, one
# the system takes (NAME_MAX is 255), could not be written through a temporary file
TEMP_STEM = 200


def _temp_stem(name: str) -> str:
    """*name* as the name of its temporary file begins: its first TEMP_STEM bytes."""
    data = os.fsencode(name)
    return name if len(data) <= TEMP_STEM else os.fsdecode(data[:TEMP_STEM])


def tree_stamps(root: str, into: list[str], prefix: str = "") -> None:
    """Name (from *root*), size and modification time of every file under *root*,
    compiled bytecode aside, in a stable order: a folder's files by name, then its
    folders' (links to folders are not followed). OSError when a folder cannot be
    listed or a file looked at. (One scan a folder, each entry's path made once: the
    result cache's key runs it at every start, over the hundred files of the
    package.)"""
    with os.scandir(root) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    folders = []
    for entry in entries:
        if not entry.is_dir():
            st = entry.stat()
            into.append(f"{prefix}{entry.name}:{st.st_size}:{st.st_mtime_ns}")
        elif entry.name != "__pycache__" and not entry.is_symlink():
            folders.append(entry)
    for entry in folders:
        tree_stamps(entry.path, into, f"{prefix}{entry.name}{os.sep}")
