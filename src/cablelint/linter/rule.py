"""What a rule is: metadata as plain class attributes and a ``check`` that yields findings.

Rules yield, the engine stamps: a rule reports a span, a message and an optional fix;
the engine attaches the code, the name and the severity that configuration chose.
"""

from __future__ import annotations

import inspect
from dataclasses import field
from itertools import chain
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Iterator, Optional, TypeVar

from cablelint.files import LoadedFile
from cablelint.grammar import DIALECTS as DIALECTS  # (named here too, as before)
from cablelint.records import record
from cablelint.span import Span

if TYPE_CHECKING:  # (the model imports the grammar's text layer: a run answered from the cache needs neither)
    from cablelint.model import Cable, Problem

T = TypeVar("T")

SEVERITIES = ("error", "warning", "info")

# The parts of a cable a rule may say it needs (``Rule.needs``), each with what it is.
# A part is there when the ``Cable`` field of its name is set and not empty;
# "problems" when the grammar reported a malformed field (``Cable.problems()``).
PARTS = {
    "routing": "the routing header (the format lines)",
    "eo": "the E.O. line",
    "tags": "the TAGS line",
    "classified_by": "the Classified By line",
    "references": "the REF block's entries",
    "citations": "the text's citations (reftel, Ref A, para 2)",
    "paragraphs": "numbered paragraphs",
    "subparagraphs": "lettered sub-paragraphs",
    "block_markers": "SUMMARY and COMMENT markers",
    "errors": "lines the grammar could not place",
    "problems": "malformed fields the grammar reported",
}


@record
class Edit:
    """Replace the text under ``span`` with ``replacement``."""

    span: Span
    replacement: str

    def to_json(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "replacement": self.replacement}


@record
class Fix:
    edits: tuple[Edit, ...]
    applicability: str = "safe"

    def to_json(self) -> dict[str, Any]:
        return {"applicability": self.applicability, "edits": [e.to_json() for e in self.edits]}


@record
class Finding:
    """One thing a rule found. ``severity`` is set only by rules whose catalog entry
    makes the default depend on the cable (P002); configuration still wins."""

    span: Span
    message: str
    fix: Optional[Fix] = None
    severity: Optional[str] = None


@record
class Context:
    """What a rule may know besides the model: the file as read and the options; and
    what several rules derive alike from the cable, derived once (``shared``)."""

    path: str
    file: LoadedFile
    line_length: int = 69
    tags: frozenset[str] = field(default_factory=frozenset)
    # the codes of the rules that run on this file (selection, dialect and
    # per-file-ignores applied); None: not known, every rule counts as running
    running: Optional[frozenset[str]] = None
    memo: dict[Callable[..., Any], tuple[Cable, Any]] = field(default_factory=dict, repr=False, compare=False)

    def shared(self, derive: Callable[[Cable], T], cable: Cable) -> T:
        """``derive(cable)``, computed once for all the rules that ask for it (so a rule
        must not change what it gets)."""
        entry = self.memo.get(derive)
        if entry is None or entry[0] is not cable:
            entry = self.memo[derive] = (cable, derive(cable))
        return entry[1]

    def runs(self, code: str) -> bool:
        """Whether the rule *code* runs on this file (a rule that leaves a case to
        another says it only when that one will)."""
        return self.running is None or code in self.running


class Rule:
    """Base class of every rule. Subclasses set the metadata and implement ``check``.

    ``dialects`` limits where the rule runs at all; ``default_in`` names dialects in
    which a rule that is off by default is on (F005 in drafts). ``needs`` names the
    parts of a cable (``PARTS``) without which the rule finds nothing: the engine
    does not call it on a cable that lacks one of them (none, the default: always).
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str]
    default_enabled: ClassVar[bool] = True
    default_in: ClassVar[tuple[str, ...]] = ()
    fixable: ClassVar[bool] = False
    dialects: ClassVar[tuple[str, ...]] = DIALECTS
    needs: ClassVar[tuple[str, ...]] = ()
    help_uri: ClassVar[Optional[str]] = None  # a plugin's page for the rule (SARIF helpUri)

    def check(self, cable: Cable, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        """The docstring's first paragraph, on one line."""
        doc = inspect.cleandoc(cls.__doc__ or "")
        return " ".join(doc.split("\n\n", 1)[0].split())

    @classmethod
    def default_text(cls) -> str:
        """The catalog's 'default' column in words: 'error, on (in draft)'."""
        state = "on" if cls.default_enabled else "off"
        if cls.default_in:
            state += f" (on in {', '.join(cls.default_in)})"
        return f"{cls.severity}, {state}"


def field_problems(cable: Cable, ctx: Context, *fields: str) -> Iterator[Finding]:
    """The grammar's findings (``Problem``) about the named fields, as findings, in
    the order of ``cable.problems()``."""
    by_field = ctx.shared(problems_by_field, cable)
    lists = [by_field[f] for f in fields if f in by_field] if by_field else None
    if not lists:
        return iter(())  # (most cables: no generator made)
    found = lists[0] if len(lists) == 1 else sorted(chain.from_iterable(lists))
    return (from_problem(problem) for _, problem in found)


def problems_by_field(cable: Cable) -> dict[str, list[tuple[int, Problem]]]:
    """The cable's problems grouped by field, each with its index in ``cable.problems()``."""
    out: dict[str, list[tuple[int, Problem]]] = {}
    for index, problem in enumerate(cable.problems()):
        out.setdefault(problem.field, []).append((index, problem))
    return out


def from_problem(problem: Problem) -> Finding:
    return Finding(problem.span, problem.message)
