"""``--format json``: the array of diagnostics interfaces.md defines."""

from __future__ import annotations

import json
from typing import TextIO

from cablelint.reporters.base import Report, Reporter


class JsonReporter(Reporter):
    name = "json"

    def write(self, report: Report, out: TextIO) -> None:
        json.dump([d.to_json() for d in report.diagnostics], out, indent=2, ensure_ascii=False)
        out.write("\n")
