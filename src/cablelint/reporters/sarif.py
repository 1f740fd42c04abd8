"""``--format sarif``: one SARIF 2.1.0 log, kept to what GitHub code scanning reads.

Every registered rule is listed in ``tool.driver.rules`` (not only those that fired), so
a viewer can explain any code. Our spans map straight onto SARIF regions: 1-based
lines and columns, exclusive end column, counted in code points (``columnKind``).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path
from typing import Any, Optional, Sequence
from urllib.parse import quote

from cablelint import __url__, __version__
from cablelint.grammar.source import text_lines
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.registry import load_registry
from cablelint.linter.rule import Rule
from cablelint.linter.ruledoc import full_description, help_uri, plain, rule_doc, rule_markdown, rule_text
from cablelint.reporters.base import Reporter, Settings, normal_path
from cablelint.reporters.json_reporter import ElementWriter, element, indented
from cablelint.span import Span

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "cablelint/v1"
RESULTS_DEPTH = 3  # $schema/runs/[0]/results: where the results array sits in the log


def artifact_location(path: str) -> dict[str, str]:
    """A relative path becomes a relative URI under %SRCROOT%; an absolute path, or one
    that climbs out of the current directory, becomes a file: URI."""
    posix = normal_path(path)
    if os.path.isabs(path) or posix == ".." or posix.startswith("../"):
        return {"uri": Path(path).resolve().as_uri()}
    return {"uri": quote(posix, safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}


def region(span: Span) -> dict[str, int]:
    return {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line, "endColumn": span.end_column}


def rule_descriptor(rule: type[Rule], origin: Optional[str] = None) -> dict[str, Any]:
    """The rule as SARIF describes it: each description as plain text, without the
    docstring's RST literals, and as Markdown, which takes them as code spans. The
    short description is the docstring's summary; the full one (which GitHub shows as
    the rule's description) says what the rule finds, then why; its help is the
    rule's page, with the plugin it came from (*origin*, if any)."""
    doc = rule_doc(rule)
    full = full_description(doc)
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": plain(doc.summary), "markdown": doc.summary},
        "fullDescription": {"text": plain(full), "markdown": full},
        "help": {"text": plain(rule_text(rule, origin)), "markdown": rule_markdown(rule, origin)},
    }
    uri = help_uri(rule)
    if uri is not None:
        descriptor["helpUri"] = uri
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity], "enabled": rule.default_enabled}
    return descriptor


class SarifReporter(Reporter):
    """The log is written as it comes: what precedes the results (the rules), each
    file's results, then what closes the log; the bytes ``json.dump(log, indent=2)``
    gives."""

    name = "sarif"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        registry = load_registry()
        rules = registry.rules
        self.index = {rule.code: i for i, rule in enumerate(rules)}
        self.rules = rules
        self.origins = registry.origins
        # in ASCII alone where the report's stream cannot carry every character
        # (PYTHONIOENCODING=ascii; json_reporter's docstring)
        self.ascii_only = settings.encoding is not None
        self.results = ElementWriter(RESULTS_DEPTH, self.ascii_only)
        self.tail = ""

    def needs_text(self) -> bool:
        return True  # (the fingerprints hash the flagged lines)

    def begin(self) -> str:
        log = self.log([])
        text = indented(log, "\n", self.ascii_only)  # (json.dumps(log, indent=2, ensure_ascii=...), faster)
        # "results" is the last member of the last run: the text ends with the empty
        # array, then what closes the run and the log
        head, empty, self.tail = text.rpartition('"results": []')
        assert empty and self.tail.count("\n") == RESULTS_DEPTH, "the results are not last in the log"
        return head + '"results": '

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: Optional[str]) -> str:
        fingerprints = _Fingerprints(text)
        # the artifact location of each path named, made once: a file's findings all
        # name it, and an absolute path is resolved (links followed) to make it
        places: dict[str, dict[str, str]] = {}
        results = []
        for d in diagnostics:
            where = places.get(d.path)
            if where is None:
                where = places[d.path] = artifact_location(d.path)
            results.append(self.result(d, self.index.get(d.code), fingerprints(d), where))
        return self.results(results)

    def end(self) -> str:
        closed = self.results.close()
        failed = self.failures()
        if not failed:
            return closed + self.tail + "\n"
        # a file the parser or a rule failed on: the run's invocation did not succeed,
        # and a notification names each such file (after the results, as json.dump
        # writes the run's members in the order they were added)
        notes = [self.notification(path, text) for path, text in failed]
        invocations = [{"executionSuccessful": False, "toolExecutionNotifications": notes}]
        return closed + ",\n" + "  " * RESULTS_DEPTH + '"invocations": ' + element(invocations, RESULTS_DEPTH, self.ascii_only) + self.tail + "\n"

    @staticmethod
    def notification(path: str, text: str) -> dict[str, Any]:
        """A SARIF notification of an internal error on the file at *path*."""
        return {"level": "error", "message": {"text": text}, "locations": [{"physicalLocation": {"artifactLocation": artifact_location(path)}}]}

    def log(self, results: list[dict[str, Any]]) -> dict[str, Any]:
        driver = {
            "name": "cablelint",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": __url__,
            "rules": [rule_descriptor(rule, self.origins.get(rule.code)) for rule in self.rules],
        }
        run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
        return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}

    @staticmethod
    def result(d: Diagnostic, rule_index: Optional[int], fingerprint: str, where: dict[str, str]) -> dict[str, Any]:
        """The SARIF result of *d*, whose file is at *where* (its artifact location)."""
        result: dict[str, Any] = {"ruleId": d.code}
        if rule_index is not None:  # a code the registry does not know has no index
            result["ruleIndex"] = rule_index
        result["level"] = LEVELS[d.severity]
        result["message"] = {"text": d.message}
        result["locations"] = [{"physicalLocation": {"artifactLocation": where, "region": region(d.span)}}]
        result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
        if d.fix is not None:
            replacements = [
                {"deletedRegion": region(e.span), "insertedContent": {"text": e.replacement}} for e in d.fix.edits
            ]
            result["fixes"] = [
                {
                    "description": {"text": f"{d.fix.applicability} fix for {d.code} {d.name}"},
                    "artifactChanges": [{"artifactLocation": where, "replacements": replacements}],
                }
            ]
        return result


class _Fingerprints:
    """A fingerprint that survives lines moving: the rule, the path (normalized, as
    the artifact's URI is: ``check .`` names ``./a.cable`` what ``check a.cable``
    names ``a.cable``, and the two runs must fingerprint its findings alike), the
    text of the flagged line, and how many times the same (rule, line text) came
    before it in the file (whose *text* is given)."""

    def __init__(self, text: Optional[str]) -> None:
        self.lines = text_lines(text) if text is not None else []
        self.seen: Counter[tuple[str, str, str]] = Counter()
        # The hash of each (path, rule, line text) so far, and each line stripped, made
        # once: a long line's thousands of findings each hashed the whole line again,
        # their number times its length. A copy of the hash, given the count, is the
        # hash of the whole, so the fingerprints are as they were.
        self.stripped: dict[int, str] = {}
        self.hashes: dict[tuple[str, str, str], Any] = {}

    def __call__(self, d: Diagnostic) -> str:
        lines = self.lines
        line = ""
        if 1 <= d.span.line <= len(lines):
            line = self.stripped.get(d.span.line) or self.stripped.setdefault(d.span.line, lines[d.span.line - 1].strip())
        path = normal_path(d.path)
        key = (path, d.code, line)
        self.seen[key] += 1
        start = self.hashes.get(key)
        if start is None:
            start = self.hashes[key] = hashlib.sha256("\0".join((*key, "")).encode("utf-8", "replace"))
        digest = start.copy()
        digest.update(str(self.seen[key]).encode("utf-8"))
        return f"{digest.hexdigest()[:32]}:{self.seen[key]}"
