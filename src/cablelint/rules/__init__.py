"""The built-in rules, one module per family: f_file, r_routing, a_address,
c_classification, h_captions, p_paragraphs, x_references, s_structure.

Each module lists its rules in ``RULES``; this package only gathers those lists,
so the registry sees exactly what the modules declare.
"""

from __future__ import annotations

from importlib import import_module

from cablelint.linter.rule import Rule

FAMILY_MODULES = (
    "f_file",
    "r_routing",
    "a_address",
    "c_classification",
    "h_captions",
    "p_paragraphs",
    "x_references",
    "s_structure",
)


def builtin_rules() -> tuple[type[Rule], ...]:
    found: list[type[Rule]] = []
    for name in FAMILY_MODULES:
        found.extend(import_module(f"cablelint.rules.{name}").RULES)
    return tuple(found)
