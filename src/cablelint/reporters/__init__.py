"""Reporters: one small class per output format behind one interface.

``FORMATS`` lists the ``--format`` values and :func:`reporter` gives the class of
each; the CLI looks the format up there and never branches on it. A reporter's
module is imported when its format is asked for: a run prints one format, and the
imports of the others (xml.etree for JUnit, the rule documentation for SARIF) would
cost every start of the CLI. ``REPORTERS`` maps every format to its class, made
when it is asked for; ``Reporter`` and ``Settings`` (``reporters.base``) are imported
when asked for too, so that the CLI declares ``--format`` without them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (imported when asked for: the CLI declares --format with FORMATS alone)
    from cablelint.reporters.base import Reporter, Settings

# --format value -> (module of this package, class)
_CLASSES = {
    "text": ("text", "TextReporter"),
    "json": ("json_reporter", "JsonReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "github": ("github", "GithubReporter"),
    "junit": ("junit", "JunitReporter"),
}
FORMATS = tuple(_CLASSES)


def reporter(fmt: str) -> type[Reporter]:
    """The reporter class of format *fmt* (KeyError for a format there is none of)."""
    module, name = _CLASSES[fmt]
    cls: type[Reporter] = getattr(import_module(f"cablelint.reporters.{module}"), name)
    return cls


def __getattr__(name: str) -> Any:
    if name == "REPORTERS":
        return {fmt: reporter(fmt) for fmt in FORMATS}
    if name in ("Reporter", "Settings"):
        from cablelint.reporters import base

        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FORMATS", "REPORTERS", "Reporter", "Settings", "reporter"]
