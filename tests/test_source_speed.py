"""The text layer's shortcuts (cablelint.grammar.source) against plain versions."""

from __future__ import annotations

import dataclasses

from cablelint.grammar.source import SourceLine


def test_source_line_init_acts_like_the_generated_one() -> None:
    a = SourceLine(3, 10, "AB  ", "\n")
    b = SourceLine(3, 10, "AB  ", "\n")
    assert a.residue == [] and a.residue is not b.residue  # a list of its own each
    assert (a.text, a.colmap, a.pilcrow) == ("", None, False)
    assert repr(a) == "SourceLine(number=3, start=10, raw='AB  ', ending='\\n', text='', colmap=None, pilcrow=False, residue=[])"
    assert a == b
    a.residue.append("x")  # type: ignore[arg-type]
    assert a != b and b.residue == []
    c = dataclasses.replace(a, text="AB")
    assert c.text == "AB" and c.residue == ["x"] and c.number == 3
    d = SourceLine(number=1, start=0, raw="", ending="", text="t", colmap=[0], pilcrow=True, residue=["r"])  # type: ignore[list-item]
    assert (d.text, d.colmap, d.pilcrow, d.residue) == ("t", [0], True, ["r"])
    assert [f.name for f in dataclasses.fields(SourceLine)] == list(SourceLine.__slots__)
