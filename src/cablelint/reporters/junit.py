"""``--format junit``: JUnit XML for CI test-report views (GitLab, Jenkins, Azure).

One testsuite named cablelint; one testcase per file checked, so clean files show as
passed; one ``failure`` per diagnostic at warning or error (``type`` is the code);
info diagnostics go to the testcase's ``system-out`` and never fail it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from cablelint.linter.diagnostic import Diagnostic
from cablelint.reporters.base import Report, Reporter

FAILING = ("error", "warning")
# characters XML 1.0 cannot carry, even escaped (a finding may quote a NUL byte)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def headline(d: Diagnostic) -> str:
    return xml_text(f"{d.path}:{d.span.line}:{d.span.column}: {d.code} {d.name} [{d.severity}] {d.message}")


class JunitReporter(Reporter):
    name = "junit"

    def write(self, report: Report, out: TextIO) -> None:
        root = self.tree(report)
        ET.indent(root)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(ET.tostring(root, encoding="unicode"))
        out.write("\n")

    def tree(self, report: Report) -> ET.Element:
        by_path: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in report.diagnostics:
            by_path[d.path].append(d)
        paths = list(report.paths)
        known = set(paths)
        paths += [p for p in by_path if p not in known]  # never drop a finding
        failures = sum(1 for d in report.diagnostics if d.severity in FAILING)
        counts = {"tests": str(len(paths)), "failures": str(failures), "errors": "0", "skipped": "0"}
        root = ET.Element("testsuites", {"name": "cablelint", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "cablelint", **counts})
        for path in paths:
            case = ET.SubElement(suite, "testcase", {"classname": "cablelint", "name": xml_text(path), "file": xml_text(path)})
            infos = []
            for d in by_path.get(path, []):
                if d.severity in FAILING:
                    failure = ET.SubElement(case, "failure", {"message": xml_text(d.message), "type": d.code})
                    failure.text = headline(d)
                else:
                    infos.append(headline(d))
            if infos:
                ET.SubElement(case, "system-out").text = "\n".join(infos)
        return root
