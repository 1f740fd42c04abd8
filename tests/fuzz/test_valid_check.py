"""Part 2 of issue 5, second half: ``check`` finds nothing wrong with a valid cable.

The structured strategy (cables.py) draws cables that are consistent the way the
handbook and the format spec want them. With the default selection, the engine must
report nothing at warning or error level on any of them (info findings such as P004's
two spaces after a paragraph number or P005's lone numbered paragraph are advice, and
the generator draws those shapes on purpose).

One exception, by design: the Markdown rendering *is* converter residue (``[PGOV](#)``,
``[1](#)``, ``[¶](#par2)``), which F004 reports on every such cable. F004 is allowed
there, and only there; it must then be F004 alone, on lines that hold residue.
"""

from __future__ import annotations

from hypothesis import given

from cablelint.linter.engine import Linter
from tests.fuzz.cables import LEVELS, Rendered, valid_cables

LINTER = Linter()  # the default selection, as `cablelint check` runs it


@given(valid_cables())
def test_check_reports_nothing_on_a_valid_cable(cable: Rendered) -> None:
    found = [d for d in LINTER.lint_text(cable.text) if d.severity in ("warning", "error")]
    if cable.spec.rendering == "markdown":
        lines = cable.text.split("\n")
        residue = [d for d in found if d.code == "F004"]
        assert residue, "the Markdown rendering's residue went unreported"
        assert all("](#" in lines[d.span.line - 1] for d in residue), [str(d.span.line) for d in residue]
        found = [d for d in found if d.code != "F004"]
    assert found == [], "\n".join(f"{d.span.line}:{d.span.column} {d.code} {d.message}" for d in found) + "\n\n" + cable.text
    assert LINTER.crashes == []


@given(valid_cables())
def test_a_classified_cable_reaches_its_level_in_a_portion(cable: Rendered) -> None:
    # The generator's contract (cables.py): a classified cable's portion markings reach
    # its level, the subject's when there is no paragraph. Without it, R008 rightly
    # sides with a changed FL4 code against the classification line, and the
    # change-fl4-code mutation (test_mutations.py) is reported at the wrong line.
    spec = cable.spec
    levels, rank = LEVELS[spec.level][2], LEVELS[spec.level][3]
    marks = [p.marking.split("/")[0] for p in spec.paras if p.marking] + ([spec.subject_mark] if spec.subject_mark else [])
    if rank and marks:
        assert max(levels.index(m) for m in marks) == len(levels) - 1, (spec.level, marks)
