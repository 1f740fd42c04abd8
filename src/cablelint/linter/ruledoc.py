"""Rule documentation, generated from the registry: for ``cablelint rule``,
``cablelint rules`` (text, JSON, Markdown) and the committed docs/rules.md."""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Any, Optional

from cablelint.linter.registry import Registry
from cablelint.linter.rule import Rule

SECTION_TITLES = {"Why": "Why", "Bad": "Bad", "Good": "Good", "Fix": "Fix"}
DOCS_URL = "https://github.com/cablelint/cablelint/blob/main/docs/rules.md"


@dataclass(frozen=True)
class RuleDoc:
    summary: str
    description: str  # text before the first titled section
    sections: tuple[tuple[str, str], ...]  # (title, text) in docstring order


def rule_doc(rule: type[Rule]) -> RuleDoc:
    """Split a rule's docstring: summary paragraph, description, then sections that
    start with a line beginning ``Why:``, ``Bad:``, ``Good:`` or ``Fix:``."""
    doc = inspect.cleandoc(rule.__doc__ or "")
    head, _, body = doc.partition("\n\n")
    summary = " ".join(head.split())
    description: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        title, colon, rest = line.partition(":")
        if colon and title in SECTION_TITLES:
            sections.append((SECTION_TITLES[title], [rest.strip()]))
        elif sections:
            sections[-1][1].append(line)
        else:
            description.append(line)
    done = tuple((title, "\n".join(lines).strip()) for title, lines in sections)
    return RuleDoc(summary, "\n".join(description).strip(), done)


def full_description(doc: RuleDoc) -> str:
    """What the rule finds, then why, as sentences on one line: the summary, then the
    first paragraph of the docstring's Why section, begun in capitals (its
    ``Why: every cable ...`` reads as a sentence only after its title). The rest of
    the docstring (what is not reported, the examples) is the rule's help."""
    why = " ".join(dict(doc.sections).get("Why", "").split("\n\n", 1)[0].split())
    if why[:1].islower():
        why = why[0].upper() + why[1:]
    summary = doc.summary if doc.summary.endswith((".", "?", "!")) else doc.summary + "."
    return f"{summary} {why}".rstrip()


_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)


def plain(text: str) -> str:
    """*text* without the RST inline literals of the docstrings (````FM```` -> ``FM``),
    for what is read as plain text (SARIF's ``text``). A literal of marks only, or
    one with spaces at an end, is put in double quotes, which the sentence would
    otherwise lose (````/```` -> ``"/"``). Markdown takes the literals as they are."""

    def unquote(match: re.Match[str]) -> str:
        literal = match.group(1)
        bare = literal == literal.strip() and any(c.isalnum() for c in literal)
        return literal if bare else f'"{literal}"'

    return _LITERAL.sub(unquote, text)


def anchor(rule: type[Rule]) -> str:
    return f"{rule.code.lower()}-{rule.name}"


def help_uri(rule: type[Rule]) -> Optional[str]:
    """The rule's page: its own ``help_uri``, else cablelint's catalog for a built-in
    rule; None for a plugin rule that gives none (cablelint's catalog lacks it)."""
    if rule.help_uri is not None:
        return rule.help_uri
    if rule.__module__.startswith("cablelint.rules."):
        return f"{DOCS_URL}#{anchor(rule)}"
    return None


def rule_json(rule: type[Rule], origin: Optional[str] = None) -> dict[str, Any]:
    """The rule as ``rules --format json`` lists it; *origin*: the plugin it came from
    (None: cablelint's own)."""
    doc = rule_doc(rule)
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity,
        "default_enabled": rule.default_enabled,
        "default_in": list(rule.default_in),
        "fixable": rule.fixable,
        "dialects": list(rule.dialects),
        "needs": list(rule.needs),
        "help_uri": help_uri(rule),
        "plugin": origin,
        "summary": doc.summary,
        "doc": inspect.cleandoc(rule.__doc__ or ""),
    }


def rule_text(rule: type[Rule], origin: Optional[str] = None) -> str:
    """The rule's page as ``cablelint rule`` prints it; *origin*: the plugin it came
    from, said under its defaults with its own page (None: cablelint's own)."""
    doc = rule_doc(rule)
    lines = [f"{rule.code} {rule.name}", "", doc.summary, "", *_facts(rule, origin, "{}")]
    if doc.description:
        lines += ["", doc.description]
    for title, text in doc.sections:
        lines += ["", f"{title}:", _indent(text)]
    return "\n".join(lines) + "\n"


def _facts(rule: type[Rule], origin: Optional[str], link: str) -> list[str]:
    """The lines of a rule's page under its summary: its defaults, then the plugin it
    came from and its own page (*link*: how the page's address is written)."""
    lines = [f"Default: {rule.default_text()}. Fixable: {'yes' if rule.fixable else 'no'}. Dialects: {', '.join(rule.dialects)}."]
    if origin is not None:
        lines.append(f"From: {origin}.")
    if rule.help_uri is not None:
        lines.append("More: " + link.format(rule.help_uri))
    return lines


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.splitlines())


def rules_table(registry: Registry) -> str:
    rows = [("CODE", "NAME", "DEFAULT", "FIX", "DIALECTS")]
    for r in registry.rules:
        dialects = "all" if len(r.dialects) == 4 else ", ".join(r.dialects)
        rows.append((r.code, r.name, r.default_text(), "yes" if r.fixable else "", dialects))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows) + "\n"


def rules_markdown(registry: Registry) -> str:
    out = [
        "# cablelint rules",
        "",
        "Generated by `cablelint rules --format markdown`; do not edit by hand",
        "(a test fails when this file is out of date).",
        "",
        "| code | name | default | fix | dialects | summary |",
        "|---|---|---|---|---|---|",
    ]
    for r in registry.rules:
        dialects = "all" if len(r.dialects) == 4 else ", ".join(r.dialects)
        summary = rule_doc(r).summary.replace("|", "\\|")
        out.append(f"| [{r.code}](#{anchor(r)}) | {r.name} | {r.default_text()} | {'yes' if r.fixable else 'no'} | {dialects} | {summary} |")
    for r in registry.rules:
        out += ["", f"## {r.code} {r.name}", "", rule_markdown(r, registry.origin(r.code))]
    return "\n".join(out) + "\n"


def rule_markdown(rule: type[Rule], origin: Optional[str] = None) -> str:
    """One rule's documentation in Markdown, without a heading (docs/rules.md gives it
    one; SARIF carries it as the rule's help); its facts (defaults, *origin* and the
    rule's own page, which a built-in rule lacks) as rule_text says them, an item of
    a list each: lines one under the other would run into one paragraph."""
    doc = rule_doc(rule)
    out = [doc.summary, "", *(f"- {fact}" for fact in _facts(rule, origin, "<{}>"))]
    if doc.description:
        out += ["", doc.description]
    for title, text in doc.sections:
        out += ["", f"**{title}:** {text}"]
    return "\n".join(out)
