"""The built-in rules. Each module holds rules of one family, named with the family's
letter first, so a rule's code leads to its file:

    f_file        F000-F003, F005-F007   the file and its text
    f_residue     F004                   a converter's residue and non-ASCII text
    r_lines       R001-R006, R011, R013  the routing header's format lines
    r_agreement   R007-R010, R012        the format lines against each other and the text
    a_address     A001-A007              the address block
    c_level       C001-C003, C009        the classification line and its level
    c_authority   C004-C005              the Classified By line
    c_caveats     C006-C008, C010-C012   the handling caveats
    h_eo          H001-H004, H012        the E.O. line
    h_tags        H005-H007, H013        the TAGS line
    h_subject     H008-H009              the SUBJECT line
    h_order       H010-H011              the order of the captions
    p_numbering   P001, P005-P006        the numbering of paragraphs and sub-paragraphs
    p_markers     P002-P004              the paragraph markers
    p_summary     P007-P008              the SUMMARY and COMMENT blocks
    x_block       X001-X002, X008-X009   the REF block's entries
    x_citations   X003-X007              the text's citations
    s_parts       S001-S002, S004        the cable's major parts
    s_sections    S003                   the sections of a long cable

Modules whose names start with an underscore hold what several rules share. Each rule
module lists its rules in ``RULES``; this package only gathers those lists, so the
registry sees exactly what the modules declare.

``index.py`` is generated from those lists (``python -m cablelint.rules.index``, which
calls :func:`write_index`, or ``python -m cablelint.generate`` with the other
generated files): each rule's metadata and where its class is, so that a run
whose files all come from the result cache imports no rule module. A test fails when
it is out of date, and so does the first lint of a process whose index does not match
the modules (an edited install).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Optional

from cablelint.linter.rule import Rule

if TYPE_CHECKING:
    from cablelint.linter.registry import Registry

FAMILY_MODULES = (
    "f_file",
    "f_residue",
    "r_lines",
    "r_agreement",
    "a_address",
    "c_level",
    "c_authority",
    "c_caveats",
    "h_eo",
    "h_tags",
    "h_subject",
    "h_order",
    "p_numbering",
    "p_markers",
    "p_summary",
    "x_block",
    "x_citations",
    "s_parts",
    "s_sections",
)


def builtin_rules() -> tuple[type[Rule], ...]:
    found: list[type[Rule]] = []
    for name in FAMILY_MODULES:
        found.extend(import_module(f"cablelint.rules.{name}").RULES)
    return tuple(found)


INDEX_HEAD = '''"""The built-in rules' metadata and where their classes are, generated from the rule
modules by ``python -m cablelint.rules.index``: do not edit by hand (a test fails when
it is out of date). A row: code, name, default severity, on by default, the dialects
it is on in when off by default, fixable, the dialects it runs in, module, class.
"""

RULES = (
'''
INDEX_TAIL = '''
)

if __name__ == "__main__":
    from cablelint.rules import write_index

    write_index()
'''


def index_source(registry: Optional[Registry] = None) -> str:
    """The text of ``index.py``: a row for each built-in rule, sorted by code, each
    rule checked as the registry checks a plugin's (*registry*: the built-in rules'
    one, made here when not given)."""
    from cablelint.linter.registry import build_registry

    if registry is None:
        registry = build_registry(builtin_rules(), ())
    return INDEX_HEAD + "\n".join(f"    {info.row()!r}," for info in registry.infos) + INDEX_TAIL


def write_index() -> None:
    """Write ``index.py`` (atomically: a rule run at the same time reads the old one
    or the new one, never half of one)."""
    from pathlib import Path

    from cablelint.files import write_atomically

    write_atomically(str(Path(__file__).with_name("index.py")), index_source())
