"""What of the result cache's folder is cablelint's, and removing only that: marking
a folder taken for the cache, pruning what is stale (``check``) and emptying it
(``clean``).

A folder is taken for the cache only when cablelint makes it or finds it empty
(:func:`cablelint.linter.cache.foreign`): then its ``CACHEDIR.TAG`` is written first,
and that tag, exactly as cablelint writes it, is what says the folder is a cache.
Even in such a folder nothing is deleted by its place alone: only the names
cablelint gives (``v<digits>`` for a format; in it, a configuration's folder of hex
digits, or v1's ``<hex>.json``; in that, ``<xx>.shard`` or v2's ``<xx>.json``, the
``lock``, write_atomically's temporary files), and a folder only once it is empty,
so that what a user put among them (or a folder of theirs named ``v1``) stays."""

from __future__ import annotations

import os
import re
import time

from cablelint.files import TEMP_SUFFIX, write_atomically
from cablelint.linter.cache import CACHEDIR_TAG, GITIGNORE, KEEP_DAYS, KEEP_TOOLS, LOCK, TAG

_FORMAT = re.compile(r"v[0-9]+", re.ASCII)  # a cache format's folder: v1, v2, v3
_SETTINGS = re.compile(r"[0-9a-f]+(?:-[0-9a-f]+)?(?:\.json)?")  # a configuration's folder (v1: file)
_SHARD = re.compile(r"[0-9a-f]{2}\.(?:shard|json)")


def mark(folder: str) -> None:
    """Make *folder* the cache's, when it is not yet (cache.foreign said it may be):
    its CACHEDIR.TAG first (what says it is a cache, written whole or not at all),
    then a .gitignore of ``*``, so that git and backup tools leave it out."""
    os.makedirs(folder, exist_ok=True)
    write_atomically(os.path.join(folder, TAG), CACHEDIR_TAG, durable=False)
    gitignore = os.path.join(folder, ".gitignore")
    if not os.path.lexists(gitignore):
        write_atomically(gitignore, GITIGNORE, durable=False)


def _temporary(name: str) -> bool:
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


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


def remove_settings(folder: str) -> None:
    """Remove a configuration's folder: its shards, its lock and temporary files,
    then the folder if nothing else is left in it. OSError when one cannot be."""
    for entry in _scan(folder):
        if not _is_dir(entry) and (_SHARD.fullmatch(entry.name) or entry.name == LOCK or _temporary(entry.name)):
            os.unlink(entry.path)
    _remove_if_empty(folder)


def remove_format(folder: str) -> None:
    """Remove a format's folder (``v3``): its configurations' folders (v1's files),
    then the folder if nothing else is left in it. OSError when one cannot be."""
    for entry in _scan(folder):
        if _SETTINGS.fullmatch(entry.name) is None:
            continue
        if _is_dir(entry):
            remove_settings(entry.path)
        elif entry.name.endswith(".json"):
            os.unlink(entry.path)
    _remove_if_empty(folder)


def _remove_if_empty(folder: str) -> None:
    if not _scan(folder):
        os.rmdir(folder)


def formats(folder: str) -> list[str]:
    """The format folders (``v1``, ``v3``) in the cache folder *folder*."""
    return [entry.path for entry in _scan(folder) if _FORMAT.fullmatch(entry.name) and _is_dir(entry)]


def prune(folder: str, home: str) -> None:
    """Remove the folders of other configurations (and of other cache formats) that
    no run has written to for KEEP_DAYS days, those of this configuration's codes but
    the KEEP_TOOLS that wrote last, the shards of *home* not written for as long, and
    the temporary files a killed run left in *home* more than a day ago: each only
    by the names cablelint gives them."""
    now = time.time()
    format_folder = os.path.dirname(home)  # (v3)
    stale = [path for path in formats(folder) if path != format_folder]
    others = [e for e in _scan(format_folder) if e.name != os.path.basename(home) and _SETTINGS.fullmatch(e.name) and _is_dir(e)]
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
            remove_settings(path)
        except OSError:
            pass
    for entry in _scan(home):
        if not (_SHARD.fullmatch(entry.name) or _temporary(entry.name)) or _is_dir(entry):
            continue  # (the lock: removed while a run holds it, two runs could)
        try:
            # a shard is written whenever an entry of it is used on another day than
            # the last: one not written for KEEP_DAYS holds only entries unused as long
            age = now - entry.stat().st_mtime
            if age > KEEP_DAYS * 86400 or (_temporary(entry.name) and age > 86400):
                os.unlink(entry.path)
        except OSError:
            pass
