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
"""

from __future__ import annotations

from importlib import import_module

from cablelint.linter.rule import Rule

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
