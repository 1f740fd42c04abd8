"""The classification line and the caveat lines under it, read field by field
(grammar/read_classline.py; cable-format.md 3.1, 3.2): the slips session 30 left,
each with its findings at their exact line and column."""

from __future__ import annotations

import pytest

from cablelint.grammar.parser import parse_text
from tests.conftest import check_json
from tests.rules.cases import corpus_text, mutate

BEIRUT = corpus_text("markdown-secret-noforn-beirut.cable")  # line 12: 'S E C R E T BEIRUT 000911', line 14: 'NOFORN'
_ONE_OF = "one of SIPDIS, NOFORN, SENSITIVE, EXDIS, LIMDIS, NODIS, STADIS, CHEROKEE, SPECAT, CORRECTED COPY"


def _found(text: str, line: int) -> list[tuple[str, int, int, int, str]]:
    return [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in check_json("--select", "ALL", "-", input=text) if d["line"] == line]


def _read(text: str) -> tuple[object, object, list[str], list[str], list[str]]:
    cable = parse_text(text)
    cls = cable.classification
    assert cls is not None
    post = cls.post.text if cls.post is not None else None
    serial = cls.serial.text if cls.serial is not None else None
    return post, serial, [c.name for c in cls.caveats], [c.name for c in cable.caveats], [a.text for a in cable.attention]


def test_a_caveat_behind_a_blank_and_a_slash_with_an_attention_line_after_it_is_read() -> None:
    """'NOFORN /EXDIS DEPT FOR NEA' on a caveat line: EXDIS went, with the slash, to an
    attention line '/EXDIS DEPT FOR NEA', no finding, so the cable lost the caveat.
    As without the blank ('NOFORN/EXDIS DEPT FOR NEA'), EXDIS is read, C006 names the
    slash, and the attention line after it is read as one."""
    text = mutate(BEIRUT, "\nNOFORN\n", "\nNOFORN /EXDIS DEPT FOR NEA\n")
    assert _found(text, 14) == [("C006", 14, 8, 14, "'/EXDIS' is written behind '/': expected EXDIS on a line of its own")]
    assert _read(text)[3:] == (["NOFORN", "/EXDIS", "SIPDIS"], ["DEPT FOR NEA", "DEPT FOR NEA/ELA AND DS/IP/NEA"])
    # (a word that is no caveat there stays the attention line it starts)
    text = mutate(BEIRUT, "\nNOFORN\n", "\nNOFORN /ORCON DEPT FOR NEA\n")
    assert _found(text, 14) == []
    assert _read(text)[3:] == (["NOFORN", "SIPDIS"], ["/ORCON DEPT FOR NEA", "DEPT FOR NEA/ELA AND DS/IP/NEA"])


@pytest.mark.parametrize("mark", ["/", "//", ","])
def test_a_stray_mark_after_a_caveat_behind_a_slash_on_a_caveat_line_is_named(mark: str) -> None:
    """'NOFORN/ORCON/' on a caveat line: the mark after ORCON counted as text, and
    '/ORCON/' became an attention line with no finding. '/ORCON' is read as on the
    classification line (C006 names it), and the mark after it is punctuation closing
    the line (C006), the caveat quoted without the slash before it."""
    text = mutate(BEIRUT, "\nNOFORN\n", f"\nNOFORN/ORCON{mark}\n")
    assert _found(text, 14) == [
        ("C006", 14, 7, 13, f"'/ORCON' is written behind '/' and is not a known handling caveat: expected {_ONE_OF} on a line of its own"),
        ("C006", 14, 13, 13 + len(mark), f"caveat 'ORCON' has '{mark}' after it: expected the caveat alone, 'ORCON' (a caveat line has no punctuation)"),
    ]
    assert _read(text)[3:] == (["NOFORN", "/ORCON", "SIPDIS"], ["DEPT FOR NEA/ELA AND DS/IP/NEA"])
