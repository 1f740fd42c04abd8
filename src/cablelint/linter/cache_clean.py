"""``cablelint clean``: removing the folder of the result cache (``cache.py``), and
only a folder that is one."""

from __future__ import annotations

import os
import shutil
from typing import Union

from cablelint.files import is_dir, path_text
from cablelint.linter.cache import CACHEDIR_TAG


class CacheError(Exception):
    """The cache folder cannot be removed; the message says why."""


def clean_cache(named: Union[str, os.PathLike[str]]) -> bool:
    """Remove the cache folder *named*; False when there is none. A folder that is
    not a cablelint cache (no CACHEDIR.TAG made by cablelint) is refused, so that a
    wrong --cache-dir cannot delete anything else. A link to a folder (the cache kept
    on another disk) is emptied and stays, link and folder: removed, the folder would
    leave a dangling link that no later run could make a cache in."""
    folder = path_text(named)
    if not is_dir(folder):
        return False
    try:
        with open(os.path.join(folder, "CACHEDIR.TAG"), encoding="utf-8") as f:
            ours = f.read() == CACHEDIR_TAG
    except (OSError, UnicodeDecodeError):
        ours = False
    if not ours:
        raise CacheError(f"{folder} is not a cablelint cache (no CACHEDIR.TAG made by cablelint in it): left as it is")
    try:
        if os.path.islink(folder):
            with os.scandir(folder) as entries:
                for entry in list(entries):
                    if entry.is_dir(follow_symlinks=False):
                        shutil.rmtree(entry.path)
                    else:
                        os.unlink(entry.path)
        else:
            shutil.rmtree(folder)
    except OSError as exc:
        raise CacheError(f"cannot remove {exc.filename or folder}: {exc.strerror or exc}") from None
    return True
