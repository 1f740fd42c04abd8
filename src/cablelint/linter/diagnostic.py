"""The record a check produces: frozen, with an exact span and an optional fix."""

from __future__ import annotations

from typing import Any, Optional

from cablelint.linter.rule import Fix
from cablelint.records import record
from cablelint.span import Span


@record
class Diagnostic:
    path: str
    span: Span
    code: str
    name: str
    severity: str  # "error", "warning", "info"
    message: str
    fix: Optional[Fix] = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            **self.span.to_dict(),
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix.to_json() if self.fix else None,
        }
