"""R: what the R rules share: where they run, and which FL4 codes go with each level.

Every R rule runs only where a routing header is present (the cable starts its
message with ``VZCZC``); drafts never have one (5 FAH-2 H-232: the terminal, not the
drafter, writes the format lines).
"""

from __future__ import annotations

from typing import ClassVar, Iterator

from cablelint.linter.rule import Context, Finding, Rule
from cablelint.model import Cable, Routing

ROUTED = ("telegram", "cablegate", "markdown")

# FL4 codes that agree with each classification-line level (2.4).
CODES_FOR_LEVEL = {
    "UNCLASSIFIED": ("UUUUU",),
    "UNCLASSIFIED EFTO": ("EEEEE",),
    "LIMITED OFFICIAL USE": ("UUUUU", "EEEEE"),
    "CONFIDENTIAL": ("CCCCC",),
    "SECRET": ("SSSSS",),
    "TOP SECRET": ("TTTTT",),
}


class RoutingRule(Rule):
    """Base of the R rules: run only where a routing header is present."""

    dialects = ROUTED
    needs: ClassVar[tuple[str, ...]] = ("routing",)  # (those that read only its malformed fields add "problems")

    def check(self, cable: Cable, ctx: Context) -> Iterator[Finding]:
        if cable.routing is not None:
            yield from self.check_routing(cable, cable.routing, ctx)

    def check_routing(self, cable: Cable, routing: Routing, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError
