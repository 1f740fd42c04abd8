"""``cablelint clean``: removing the result cache (``cache.py``) from its folder, and
only cablelint's files from a folder that is a cache (``cache_folder.py``)."""

from __future__ import annotations

import errno
import os
from typing import Optional, Union

from cablelint.files import is_dir, path_text
from cablelint.linter.cache import CACHEDIR_TAG, GITIGNORE, TAG, holds, tagged
from cablelint.linter.cache_folder import formats, remove_format


class CacheError(Exception):
    """The cache folder cannot be cleaned; the message says why."""


def cache_to_clean(named: Union[str, os.PathLike[str]]) -> Optional[str]:
    """The cache folder *named*, to give :func:`clean_cache`; None when there is no
    folder. CacheError when it is not a cablelint cache (no CACHEDIR.TAG made by
    cablelint in it), so that a wrong --cache-dir cannot delete anything: decided
    before anything is removed."""
    folder = path_text(named)
    if not is_dir(folder):
        return None
    if not tagged(folder):
        raise CacheError(f"{folder} is not a cablelint cache (no CACHEDIR.TAG made by cablelint in it): left as it is")
    return folder


def clean_cache(folder: str) -> tuple[list[str], Optional[str]]:
    """Remove cablelint's files from the cache folder *folder* (cache_to_clean's),
    its CACHEDIR.TAG last, then the folder itself when nothing else is left in it.
    The names of what is left (sorted), which stay, and None when the folder was
    removed, else why it stays. A link to a folder (the cache kept on another disk)
    is emptied and stays, link and folder: removed, the folder would leave a
    dangling link that no later run could make a cache in. The current folder, or
    one the system will not remove (a mount point), stays too, emptied."""
    try:
        for path in formats(folder):
            remove_format(path)
        format_folders = {os.path.basename(path) for path in formats(folder)}
        with os.scandir(folder) as entries:
            left = sorted(entry.name for entry in entries)
        marks = [name for name, text in ((".gitignore", GITIGNORE), (TAG, CACHEDIR_TAG)) if name in left and holds(os.path.join(folder, name), text)]
        left = [name for name in left if name not in marks]
        if left and set(left) <= format_folders:
            # only format folders stay, with what the user put in them: the folder
            # stays cablelint's cache, marked, or no later run or clean could use it
            return left, "the folder stays a cablelint cache, with what else its format folders hold"
        for name in marks:  # (the tag last)
            os.unlink(os.path.join(folder, name))
    except OSError as exc:
        raise CacheError(f"cannot remove {exc.filename or folder}: {exc.strerror or exc}") from None
    if left:
        return left, "the folder stays, with what else it holds"
    if os.path.islink(folder):
        return left, "the link stays, and the folder it names"
    if _current(folder):
        return left, "the folder stays: it is the current folder"
    try:
        os.rmdir(folder)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.EBUSY, errno.ENOTEMPTY, errno.EEXIST):
            raise CacheError(f"cannot remove {folder}: {exc.strerror or exc}") from None
        return left, f"the folder stays: it cannot be removed ({exc.strerror or exc})"
    return left, None


def _current(folder: str) -> bool:
    """Whether *folder* is the current folder (or one that holds it)."""
    try:
        here, there = os.path.realpath(os.getcwd()), os.path.realpath(folder)
    except OSError:
        return False
    return here == there or here.startswith(there.rstrip(os.sep) + os.sep)
