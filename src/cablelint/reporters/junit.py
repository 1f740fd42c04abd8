"""``--format junit``: JUnit XML for CI test-report views (GitLab, Jenkins, Azure).

The shape ruff writes, which those views and the JUnit schema take: one testsuite
per file checked (named by its path), in it one testcase per diagnostic at a level
that fails the run, warning or error (info too under --strict), each with one
``failure`` (``type`` is the code); a file with none has one passing testcase named
by its path, so clean files show as passed. Info diagnostics that do not fail the run
go to the testsuite's ``system-out``. A file the parser failed on, or a rule, has a
testcase named by its path with an ``error`` (an internal error, told on standard
error too): it did not pass, whatever its findings. Every count (``tests``,
``failures``, ``errors``) is of testcases, in each suite and in the total, so that a
case holds one failure or one error and ``failures`` never exceeds ``tests``. Paths
are normalized as the repository spells them (``check .`` names
``./cables/a.cable``; the suite says ``cables/a.cable``), as the other CI formats
do: a CI's test view links a case's ``file`` to the file of that name.
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
        root = ET.Element("testsuites", {"name": "cablelint"})
        totals = [0, 0, 0]  # tests, failures, errors
        for path in paths:
            counts = self._suite(root, path, by_path.get(path, []), errors.get(path))
            totals = [a + b for a, b in zip(totals, counts)]
        root.attrib.update(_counts(*totals))
        return root

    def _suite(self, root: ET.Element, path: str, found: list[Diagnostic], error: Optional[str]) -> tuple[int, int, int]:
        """The testsuite of the file *path*, with its counts: tests, failures, errors."""
        suite = ET.SubElement(root, "testsuite", {"name": xml_text(path)})
        failing = [d for d in found if d.severity in self.settings.failing]
        if error is not None or not failing:
            # the file itself: passed when nothing fails it, else an internal error
            case = _case(suite, path, xml_text(path))
            if error is not None:
                ET.SubElement(case, "error", {"message": xml_text(error), "type": "internal-error"}).text = xml_text(f"{path}: {error}")
        for d in failing:
            case = _case(suite, path, xml_text(f"{d.code} {d.name} at line {d.span.line}, column {d.span.column}"))
            case.set("line", str(d.span.line))
            ET.SubElement(case, "failure", {"message": xml_text(d.message), "type": d.code}).text = headline(d)
        infos = [headline(d) for d in found if d.severity not in self.settings.failing]
        if infos:
            ET.SubElement(suite, "system-out").text = "\n".join(infos)
        counts = (len(failing) + (error is not None or not failing), len(failing), int(error is not None))
        suite.attrib.update(_counts(*counts))
        return counts


def _case(suite: ET.Element, path: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"classname": xml_text(path), "name": name, "file": xml_text(path)})


def _counts(tests: int, failures: int, errors: int) -> dict[str, str]:
    return {"tests": str(tests), "failures": str(failures), "errors": str(errors), "skipped": "0"}
