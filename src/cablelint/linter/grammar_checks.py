"""The findings the grammar itself makes while reading a cable.

This is the first slice of the rule catalog: every malformed field a line reader
found (``Problem``), every line the grammar could not place (S004), the file-level
F rules and converter residue (F004). Each is reported under the code that owns it
in spec/rules.md. The full rule engine (consistency rules, configuration) builds on
these records.
"""

from __future__ import annotations

from typing import Iterator

from cablelint.files import LoadedFile
from cablelint.grammar.parser import parse_text
from cablelint.linter.diagnostic import Diagnostic
from cablelint.model import Cable
from cablelint.span import Span

# Which rule owns a malformed field (model.Problem.field).
FIELD_RULES: dict[str, tuple[str, str, str]] = {
    "transmission_id": ("R001", "malformed-transmission-id", "error"),
    "prosign": ("R002", "malformed-precedence-line", "error"),
    "precedence_line": ("R002", "malformed-precedence-line", "error"),
    "de_line": ("R003", "malformed-de-line", "error"),
    "station_serial": ("R003", "malformed-de-line", "error"),
    "section_part": ("R003", "malformed-de-line", "error"),
    "filing_time": ("R003", "malformed-de-line", "error"),
    "security_line": ("R004", "malformed-security-line", "error"),
    "dtg": ("R005", "malformed-dtg-line", "error"),
    "routing_indicator": ("R006", "malformed-routing-indicator", "error"),
    "addressee": ("A003", "malformed-addressee", "error"),
    "classification": ("C002", "malformed-classification-line", "error"),
    "section": ("C002", "malformed-classification-line", "error"),
    "eo_order": ("H002", "malformed-eo-line", "error"),
    "eo_value": ("H002", "malformed-eo-line", "error"),
    "tags": ("H006", "malformed-tags-line", "error"),
    "subject": ("H009", "malformed-subject-line", "warning"),
    "subject_marking": ("H009", "malformed-subject-line", "warning"),
    "marker": ("P003", "malformed-paragraph-marker", "error"),
}


def file_diagnostics(loaded: LoadedFile) -> Iterator[Diagnostic]:
    """F000 and F001: what is wrong with the file before any parsing."""
    origin = Span(1, 1, 1, 1, 0, 0)
    if loaded.text is None:
        yield Diagnostic(loaded.path, origin, "F000", "unreadable-file", "error", f"cannot read the file: {loaded.error}")
        return
    if loaded.bad_offsets:
        first = loaded.bad_offsets[0]
        more = f" (and {len(loaded.bad_offsets) - 1} more)" if len(loaded.bad_offsets) > 1 else ""
        yield Diagnostic(
            loaded.path,
            origin,
            "F001",
            "undecodable-text",
            "error",
            f"bytes at offset {first}{more} are not valid UTF-8: expected UTF-8 text; the rest is read with replacement characters",
        )


def cable_diagnostics(path: str, cable: Cable) -> Iterator[Diagnostic]:
    if not any(line.text for line in cable.lines):
        yield Diagnostic(path, cable.end_span, "F003", "empty-cable", "error", "the cable is empty: expected a classification line, captions and text")
        return
    for residue in cable.residue:
        shown = residue.original if len(residue.original) <= 40 else residue.original[:37] + "..."
        keep = f"'{residue.replacement}'" if residue.replacement else "nothing"
        yield Diagnostic(path, residue.span, "F004", "rendering-residue", "warning", f"converter residue '{shown}': expected the plain text ({keep})")
    for problem in cable.problems():
        code, name, severity = FIELD_RULES[problem.field]
        yield Diagnostic(path, problem.span, code, name, severity, problem.message)
    for err in cable.errors:
        expected = ", ".join(err.expected[:6]) if err.expected else "nothing more"
        yield Diagnostic(path, err.span, "S004", "unparseable-structure", "error", f"cannot place '{err.text[:40]}' here: expected {expected}")


def check_file(loaded: LoadedFile, dialect: str | None = None) -> list[Diagnostic]:
    out = list(file_diagnostics(loaded))
    if loaded.text is not None:
        out.extend(cable_diagnostics(loaded.path, parse_text(loaded.text, dialect)))
    return sorted(out, key=Diagnostic.sort_key)
