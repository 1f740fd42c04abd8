"""Recall of the A rules: each address-block defect kind injected into real cables."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from cablelint.model import Cable
from tests.recall.header_harness import Mutation, delete_lines, first_content_line, replace, run_recall

Result = Optional[tuple[str, int]]
MISSPELT = {"PRIORITY": "PRIOITY", "IMMEDIATE": "IMMEDATE", "ROUTINE": "ROUTNE", "FLASH": "FLASJ", "NIACT IMMEDIATE": "NIACT IMMEDATE"}


def as_telegram(text: str, cable: Cable) -> Optional[str]:
    """The cable as a raw telegram: A001/A002 apply to that rendering only. An
    archive (cablegate) text without a wrapper becomes one once its paragraph signs
    are dropped; other renderings do not apply."""
    if cable.routing is None or cable.residue or cable.preface:
        return None
    if cable.dialect == "telegram":
        return text
    if cable.dialect != "cablegate":
        return None
    return text.replace("\u00b6", "")  # same length per line start: positions before the body keep


def delete_fm(text: str, cable: Cable) -> Result:
    fm = cable.from_line
    plain = as_telegram(text, cable)
    if fm is None or plain is None:
        return None
    mutant = delete_lines(plain, cable, fm.span.line, fm.span.end_line)
    return mutant, first_content_line(mutant, fm.span.line)


def delete_to(text: str, cable: Cable) -> Result:
    """Delete the whole TO block (the TO line and its continuation addressees)."""
    plain = as_telegram(text, cable)
    if not cable.to or cable.from_line is None or plain is None:
        return None
    first, last = cable.to[0].span.line, cable.to[-1].span.end_line
    mutant = delete_lines(plain, cable, first, last)
    return mutant, first_content_line(mutant, first)


def misspell_precedence(text: str, cable: Cable) -> Result:
    """Misspell the first TO addressee's precedence word, or add a misspelt one."""
    if not cable.to:
        return None
    to = cable.to[0]
    if to.precedence is not None:
        return replace(text, to.precedence.span, MISSPELT[to.precedence.text]), to.span.line
    if to.address is None:
        return None
    end = to.address.span
    return text[: end.end] + " PRIOITY" + text[end.end :], to.span.line


def change_fm_post(text: str, cable: Cable) -> Result:
    """Name another post on the FM line: its last word becomes REYKJAVIK (or OSLO)."""
    fm, cls = cable.from_line, cable.classification
    if fm is None or fm.address is None or cls is None or cls.post is None:
        return None
    words = fm.address.text.rsplit(" ", 1)
    other = "OSLO" if "REYKJAVIK" in (fm.address.text + cls.post.text) else "REYKJAVIK"
    new = f"{words[0]} {other}" if len(words) == 2 else f"AMEMBASSY {other}"
    return replace(text, fm.address.span, new), fm.span.line


def serial_on_collective(text: str, cable: Cable) -> Result:
    """Give the first collective addressee without a serial the serial 0412."""
    for addressee in (*cable.to, *cable.info):
        address, last = addressee.address, addressee.precedence or addressee.address
        if address is None or last is None or addressee.serial is not None or addressee.problems or not address.text.endswith(" COLLECTIVE"):
            continue
        at = last.span.end
        return text[:at] + " 0412" + text[at:], addressee.span.line
    return None


KINDS: dict[str, tuple[str, Mutation]] = {
    "delete FM": ("A001", delete_fm),
    "delete TO": ("A002", delete_to),
    "misspell precedence word in TO": ("A003", misspell_precedence),
    "change FM post": ("A004", change_fm_post),
    "serial on a collective": ("A006", serial_on_collective),
}


def test_recall_a_address(real_cables: list[Path]) -> None:
    run_recall(real_cables, KINDS)
