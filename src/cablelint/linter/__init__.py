"""Diagnostics and the checks that turn a parsed cable into them.

The result cache's names the command line declares, its folder's name and its
environment variables, are here rather than in ``cache.py``: declaring the commands
then imports nothing else (``cablelint --version`` and ``--help`` answer without the
engine, the configuration and the cache; see ``cli.py``)."""

CACHE_FOLDER = ".cablelint_cache"
CACHE_DIR_ENV = "CABLELINT_CACHE_DIR"
NO_CACHE_ENV = "CABLELINT_NO_CACHE"
