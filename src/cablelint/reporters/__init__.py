"""Reporters: one small class per output format behind one interface.

``REPORTERS`` maps the ``--format`` value to its class; the CLI looks the format up
there and never branches on it.
"""

from __future__ import annotations

from cablelint.reporters.base import Report, Reporter
from cablelint.reporters.github import GithubReporter
from cablelint.reporters.json_reporter import JsonReporter
from cablelint.reporters.junit import JunitReporter
from cablelint.reporters.sarif import SarifReporter
from cablelint.reporters.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
}

__all__ = ["REPORTERS", "Report", "Reporter"]
