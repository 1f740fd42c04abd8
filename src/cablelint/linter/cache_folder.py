"""What of the result cache's folder is cablelint's, and removing only that: marking
a folder taken for the cache, pruning what is stale (``check``) and emptying it
(``clean``).

A folder is taken for the cache only when cablelint makes it or finds it empty
(:func:`cablelint.linter.cache.foreign`): then its ``CACHEDIR.TAG`` is written first,
and that tag, exactly as cablelint writes it, is what says the folder is a cache.
Even in such a folder nothing is deleted by its place alone: only the names
cablelint gives, exactly (``v1``, ``v2``, ``v3`` for a format, not a v4 it does not
know; in it, a configuration's folder of 24 hex digits, in v3 with a dash and 16
more, or v1's ``<24 hex digits>.json``; in that, ``<2 hex digits>.shard`` or v2's
``<2 hex digits>.json``, v3's ``lock``, write_atomically's temporary files of
those), a file only when it begins as cablelint writes it (a shard's or v1's file
its header, the lock empty) and a folder only once it is empty, so that what a user
put among them (``feed.json``, ``2024.json``, a folder of theirs named ``v1``) stays."""

from __future__ import annotations

import os
import re
import time

from cablelint.files import TEMP_SUFFIX, write_atomically
from cablelint.linter.cache import CACHEDIR_TAG, GITIGNORE, KEEP_DAYS, KEEP_TOOLS, LOCK, TAG

_FORMAT = re.compile(r"v([1-9][0-9]*)", re.ASCII)  # a cache format's folder: v1, v2, v3
# the names each format of cache.py gives (settings_key: 12 bytes of digest, 24 hex
# digits; tool_key's first 16; a shard: one byte, two), and how its files begin
_V1_FILE = re.compile(r"[0-9a-f]{24}\.json", re.ASCII)  # v1: a configuration's file
_HOME = {2: re.compile(r"[0-9a-f]{24}", re.ASCII), 3: re.compile(r"[0-9a-f]{24}(?:-[0-9a-f]{16})?", re.ASCII)}
_SHARD = {2: re.compile(r"[0-9a-f]{2}\.json", re.ASCII), 3: re.compile(r"[0-9a-f]{2}\.shard", re.ASCII)}
_HEAD = {1: b'{"format":1,"tool":"', 2: b'{"format":2,"tool":"', 3: b"cablelint cache 3 "}
# write_atomically's temporary file of *name*: "." name "." mkstemp's 8 characters TEMP_SUFFIX
_TEMP = r"\.(?:{})\.[a-z0-9_]{{8}}" + re.escape(TEMP_SUFFIX)
_V1_TEMP = re.compile(_TEMP.format(_V1_FILE.pattern), re.ASCII)
_SHARD_TEMP = {n: re.compile(_TEMP.format(shard.pattern), re.ASCII) for n, shard in _SHARD.items()}


def mark(folder: str) -> None:
    """Make *folder* the cache's, when it is not yet (cache.foreign said it may be):
    its CACHEDIR.TAG first (what says it is a cache, written whole or not at all),
    then a .gitignore of ``*``, so that git and backup tools leave it out."""
    os.makedirs(folder, exist_ok=True)
    write_atomically(os.path.join(folder, TAG), CACHEDIR_TAG, durable=False)
    gitignore = os.path.join(folder, ".gitignore")
    if not os.path.lexists(gitignore):
        write_atomically(gitignore, GITIGNORE, durable=False)


def _written(entry: os.DirEntry[str], head: bytes) -> bool:
    """Whether *entry* is a file (not a link) that begins as cablelint writes it:
    with *head*, or empty (a crash may leave a shard so; the lock is)."""
    try:
        if not entry.is_file(follow_symlinks=False):
            return False
        with open(entry.path, "rb") as f:
            start = f.read(max(len(head), 1))
    except OSError:
        return False
    return start == b"" or (head != b"" and start == head)


def _shard(entry: os.DirEntry[str], version: int) -> bool:
    """Whether *entry*, in a configuration's folder of format *version*, is a shard of
    cablelint's (by its name and how it begins)."""
    return _SHARD[version].fullmatch(entry.name) is not None and _written(entry, _HEAD[version])


def _temporary(entry: os.DirEntry[str], version: int) -> bool:
    """Whether *entry* is the temporary file of a shard of format *version*."""
    return _SHARD_TEMP[version].fullmatch(entry.name) is not None and not _is_dir(entry)


def _scan(folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _version(folder: str) -> int:
    """The format of the format folder *folder* (``v3``: 3), 0 when cablelint names no
    format so (a v4 a later cablelint made, whose names this one does not know)."""
    found = _FORMAT.fullmatch(os.path.basename(folder))
    version = int(found.group(1)) if found else 0
    return version if version == 1 or version in _HOME else 0


def remove_settings(folder: str, version: int) -> None:
    """Remove a configuration's folder of format *version*: its shards, its lock and
    temporary files, then the folder if nothing else is left in it. OSError when one
    cannot be."""
    for entry in _scan(folder):
        lock = version >= 3 and entry.name == LOCK and _written(entry, b"")  # (empty)
        if lock or _shard(entry, version) or _temporary(entry, version):
            os.unlink(entry.path)
    _remove_if_empty(folder)


def remove_format(folder: str) -> None:
    """Remove a format's folder (``v3``): its configurations' folders (v1's files),
    then the folder if nothing else is left in it; one of a format cablelint does not
    know is left as it is. OSError when one cannot be."""
    version = _version(folder)
    if not version:
        return
    for entry in _scan(folder):
        if version == 1:
            if (_V1_FILE.fullmatch(entry.name) and _written(entry, _HEAD[1])) or (_V1_TEMP.fullmatch(entry.name) and not _is_dir(entry)):
                os.unlink(entry.path)
        elif _HOME[version].fullmatch(entry.name) and _is_dir(entry):
            remove_settings(entry.path, version)
    _remove_if_empty(folder)


def _remove_if_empty(folder: str) -> None:
    if not _scan(folder):
        os.rmdir(folder)


def formats(folder: str) -> list[str]:
    """The format folders (``v1``, ``v3``) in the cache folder *folder*."""
    return [entry.path for entry in _scan(folder) if _version(entry.name) and _is_dir(entry)]


def prune(folder: str, home: str) -> None:
    """Remove the folders of other configurations (and of other cache formats) that
    no run has written to for KEEP_DAYS days, those of this configuration's codes but
    the KEEP_TOOLS that wrote last, the shards of *home* not written for as long, and
    the temporary files a killed run left in *home* more than a day ago: each only
    by the names cablelint gives them."""
    now = time.time()
    format_folder = os.path.dirname(home)  # (v3)
    stale = [path for path in formats(folder) if path != format_folder]
    version = _version(format_folder)
    if version not in _HOME:  # (a FORMAT whose names are not above: nothing is pruned)
        return
    others = [e for e in _scan(format_folder) if e.name != os.path.basename(home) and _HOME[version].fullmatch(e.name) and _is_dir(e)]
    for path in stale:
        try:
            if os.stat(path).st_mtime < now - KEEP_DAYS * 86400:
                remove_format(path)
        except OSError:
            pass
    # other configurations' folders not written for KEEP_DAYS go; of this
    # configuration's other codes, the KEEP_TOOLS - 1 that wrote last stay
    settings = os.path.basename(home).partition("-")[0] + "-"
    doomed, siblings = [], []
    for entry in others:
        try:
            mtime = entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if mtime < now - KEEP_DAYS * 86400:
            doomed.append(entry.path)
        elif entry.name.startswith(settings):
            siblings.append((mtime, entry.path))
    doomed += [path for _, path in sorted(siblings, reverse=True)[KEEP_TOOLS - 1 :]]
    for path in doomed:
        try:
            remove_settings(path, version)
        except OSError:
            pass
    for entry in _scan(home):
        temporary = _temporary(entry, version)
        if not (temporary or _shard(entry, version)):
            continue  # (the lock: removed while a run holds it, two runs could)
        try:
            # a shard is written whenever an entry of it is used on another day than
            # the last: one not written for KEEP_DAYS holds only entries unused as long
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if age > KEEP_DAYS * 86400 or (temporary and age > 86400):
                os.unlink(entry.path)
        except OSError:
            pass
