"""``--format junit``: JUnit XML for CI test-report views (GitLab, Jenkins, Azure).

One testsuite named cablelint; one testcase per file checked, so clean files show as
passed; one ``failure`` per diagnostic at a level that fails the run, warning or
error (``type`` is the code); info diagnostics go to the testcase's ``system-out``
and fail it only under --strict, where they fail the run. A file the parser failed
on, or a rule, has an ``error`` (an internal error, told on standard error too): it
did not pass, whatever its findings. Paths are normalized as the
repository spells them (``check .`` names ``./cables/a.cable``; the case says
``cables/a.cable``), as the other CI formats do: a CI's test view links a case's
``file`` to the file of that name.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Optional, Sequence

from cablelint.linter.diagnostic import Diagnostic
from cablelint.reporters.base import Reporter, Settings, normal_path

# characters XML 1.0 cannot carry, even escaped (a finding may quote a NUL byte)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """*text* with what XML cannot carry written as an escape: a control character
    as ``\\x1b``, and a byte of a path that is not UTF-8 (Python's surrogateescape
    reads it as U+DC80 to U+DCFF) as that byte, ``\\xff``, not ``\\xdcff``."""
    return _NOT_XML.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code - 0xDC00 if 0xDC80 <= code <= 0xDCFF else code:02x}"


def headline(d: Diagnostic) -> str:
    return xml_text(f"{normal_path(d.path)}:{d.span.line}:{d.span.column}: {d.code} {d.name} [{d.severity}] {d.message}")


class JunitReporter(Reporter):
    """The header counts the tests and failures, and the testcases come in the order
    the files were named (not in path order): the findings are kept, without the
    texts, and the document is written at the end."""

    name = "junit"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.by_path: dict[str, list[Diagnostic]] = {}

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: Optional[str]) -> str:
        if diagnostics:
            self.by_path.setdefault(normal_path(path), []).extend(diagnostics)
        return ""

    def end(self) -> str:
        root = self.tree()
        ET.indent(root)
        if self.settings.encoding is not None:
            # a stream that cannot carry every character (PYTHONIOENCODING=ascii):
            # each other one as a character reference (&#233;), which any XML reader
            # takes back, not as the stream's escape (\xe9), which none does; ASCII
            # is UTF-8, as the declaration says
            body: str = ET.tostring(root, encoding="us-ascii").decode("ascii")
        else:
            body = ET.tostring(root, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"

    def tree(self) -> ET.Element:
        by_path = self.by_path
        paths = list(dict.fromkeys(normal_path(path) for path in self.settings.paths))
        known = set(paths)
        paths += [p for p in by_path if p not in known]  # never drop a finding
        errors = {normal_path(path): text for path, text in self.failures()}
        paths += [p for p in errors if p not in known and p not in by_path]
        failing = self.settings.failing
        failures = sum(1 for found in by_path.values() for d in found if d.severity in failing)
        counts = {"tests": str(len(paths)), "failures": str(failures), "errors": str(len(errors)), "skipped": "0"}
        root = ET.Element("testsuites", {"name": "cablelint", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "cablelint", **counts})
        for path in paths:
            case = ET.SubElement(suite, "testcase", {"classname": "cablelint", "name": xml_text(path), "file": xml_text(path)})
            if path in errors:
                ET.SubElement(case, "error", {"message": xml_text(errors[path]), "type": "internal-error"}).text = xml_text(f"{path}: {errors[path]}")
            infos = []
            for d in by_path.get(path, []):
                if d.severity in failing:
                    failure = ET.SubElement(case, "failure", {"message": xml_text(d.message), "type": d.code})
                    failure.text = headline(d)
                else:
                    infos.append(headline(d))
            if infos:
                ET.SubElement(case, "system-out").text = "\n".join(infos)
        return root
