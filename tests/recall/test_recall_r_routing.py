"""Recall of the R rules: each routing-header defect kind injected into real cables."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path
from typing import Optional

from cablelint.model import Cable
from tests.recall.header_harness import Mutation, delete_lines, first_content_line, replace, run_recall

Result = Optional[tuple[str, int]]
PRECEDENCE_LETTERS = "ZOPR"


def corrupt_de_line(text: str, cable: Cable) -> Result:
    """The seed's defect: the filing time written as a 6-digit time with a Z."""
    de = cable.routing.de_line if cable.routing else None
    if de is None or de.filing_time is None or len(de.filing_time.text) != 7:
        return None
    return replace(text, de.filing_time.span, de.filing_time.text[1:] + "Z"), de.span.line


def corrupt_fl1(text: str, cable: Cable) -> Result:
    """A digit for the channel designator's last letter (XRO -> XR0)."""
    channel = cable.routing.transmission_id.channel if cable.routing else None
    if channel is None or len(channel.text) != 3:
        return None
    return replace(text, channel.span, channel.text[:2] + "0"), channel.span.line


def bad_prosign(text: str, cable: Cable) -> Result:
    fl2 = cable.routing.precedence_line if cable.routing else None
    if fl2 is None or fl2.prosign is None:
        return None
    return replace(text, fl2.prosign.span, fl2.prosign.text[0] + "X"), fl2.span.line


def bad_security_code(text: str, cable: Cable) -> Result:
    sec = cable.routing.security_line if cable.routing else None
    if sec is None or sec.code is None:
        return None
    return replace(text, sec.code.span, sec.code.text[:4]), sec.span.line


def impossible_dtg(text: str, cable: Cable) -> Result:
    """Hour 24 in the date-time group."""
    dtg = cable.routing.dtg_line if cable.routing else None
    if dtg is None or dtg.dtg is None:
        return None
    d = dtg.dtg
    return text[: d.span.start + 2] + "24" + text[d.span.start + 4 :], d.span.line


def bad_routing_indicator(text: str, cable: Cable) -> Result:
    """The first relay indicator on FL2 starts with X instead of R."""
    fl2 = cable.routing.precedence_line if cable.routing else None
    if fl2 is None or not fl2.routing_indicators:
        return None
    ri = fl2.routing_indicators[0]
    return replace(text, ri.span, "X" + ri.text[1:]), ri.span.line


def bad_address_indicator(text: str, cable: Cable) -> Result:
    """The TO line's RI prefix loses its leading R."""
    if cable.routing is None or not cable.to or cable.to[0].routing_indicator is None:
        return None
    ri = cable.to[0].routing_indicator
    return replace(text, ri.span, "X" + ri.text[1:]), ri.span.line


def _filed_ok(cable: Cable) -> bool:
    r = cable.routing
    return bool(
        r and r.de_line and r.de_line.filing_time and r.dtg_line and r.dtg_line.when
        and not any(p.field == "filing_time" for p in r.de_line.problems)
    )


def shift_julian_day(text: str, cable: Cable) -> Result:
    """The DE line's Julian day five days off."""
    if not _filed_ok(cable):
        return None
    ft = cable.routing.de_line.filing_time  # type: ignore[union-attr]
    day = int(ft.text[:3])
    day = day + 5 if day <= 355 else day - 5
    return replace(text, ft.span, f"{day:03d}{ft.text[3:]}"), ft.span.line


def filed_before_dtg(text: str, cable: Cable) -> Result:
    """The filing time five minutes before the DTG."""
    if not _filed_ok(cable):
        return None
    ft = cable.routing.de_line.filing_time  # type: ignore[union-attr]
    filed = cable.routing.dtg_line.when - timedelta(minutes=5)  # type: ignore[union-attr,operator]
    return replace(text, ft.span, f"{filed.timetuple().tm_yday:03d}{filed:%H%M}"), ft.span.line


def change_security_code(text: str, cable: Cable) -> Result:
    sec = cable.routing.security_line if cable.routing else None
    if sec is None or sec.code is None or sec.warning is None or cable.classification is None:
        return None
    if cable.classification.level is None or sec.problems:
        return None
    # a well-formed FL4 for another level than the classification line's
    other = {
        "UNCLASSIFIED": "ZNY EEEEE",
        "UNCLASSIFIED EFTO": "ZNR UUUUU",
        "CONFIDENTIAL": "ZNY SSSSS",
        "SECRET": "ZNY CCCCC",
        "TOP SECRET": "ZNY SSSSS",
    }
    if cable.classification.level not in other:
        return None
    return replace(text, sec.warning.span.cover(sec.code.span), other[cable.classification.level]), sec.span.line


def change_de_serial(text: str, cable: Cable) -> Result:
    de = cable.routing.de_line if cable.routing else None
    cls = cable.classification
    if de is None or de.serial is None or cls is None or cls.serial is None or not de.serial.text.isdigit():
        return None
    return replace(text, de.serial.span, f"{(int(de.serial.text) + 1) % 10000:04d}"), de.span.line


def change_fl5_precedence(text: str, cable: Cable) -> Result:
    r = cable.routing
    if r is None or r.dtg_line is None or r.dtg_line.precedence is None or r.precedence_line is None:
        return None
    old = r.dtg_line.precedence
    if old.text not in PRECEDENCE_LETTERS:
        return None
    new = "P" if old.text == "R" else "R"
    return replace(text, old.span, new), old.span.line


def delete_format_line(text: str, cable: Cable) -> Result:
    """Delete one of FL2-FL5, chosen by a hash of the cable's content lines (their
    normalised text, blanks and empty lines left out), so that the renderings of one
    cable (archive text, Markdown page) lose the same line."""
    r = cable.routing
    if r is None:
        return None
    parts = [p for p in (r.precedence_line, r.de_line, r.security_line, r.dtg_line) if p is not None]
    if len(parts) < 4:
        return None
    content = "\n".join(line.text.strip() for line in cable.lines if line.text.strip())
    part = parts[int(hashlib.sha1(content.encode()).hexdigest(), 16) % 4]
    mutant = delete_lines(text, cable, part.span.line, part.span.end_line)
    return mutant, first_content_line(mutant, part.span.line)


def swap_fl2_indicators(text: str, cable: Cable) -> Result:
    """Swap FL2's first two routing indicators on an XRO cable (sorted A to Z there)."""
    r = cable.routing
    if r is None or r.precedence_line is None or r.transmission_id.channel is None or r.transmission_id.channel.text != "XRO":
        return None
    ris = r.precedence_line.routing_indicators
    if len(ris) < 2 or ris[0].text >= ris[1].text:
        return None
    first, second = ris[0], ris[1]
    return replace(replace(text, second.span, first.text), first.span, second.text), second.span.line


KINDS: dict[str, tuple[str, Mutation]] = {
    "corrupt FL1": ("R001", corrupt_fl1),
    "bad prosign": ("R002", bad_prosign),
    "corrupt DE line": ("R003", corrupt_de_line),
    "bad FL4 code": ("R004", bad_security_code),
    "impossible DTG": ("R005", impossible_dtg),
    "bad FL2 routing indicator": ("R006", bad_routing_indicator),
    "bad TO routing indicator": ("R006", bad_address_indicator),
    "shift DE Julian day": ("R007", shift_julian_day),
    "change FL4 code": ("R008", change_security_code),
    "change DE serial": ("R009", change_de_serial),
    "change FL5 precedence": ("R010", change_fl5_precedence),
    "delete a format line": ("R011", delete_format_line),
    "filed before the DTG": ("R012", filed_before_dtg),
    "swap FL2 routing indicators": ("R013", swap_fl2_indicators),
}


def test_recall_r_routing(real_cables: list[Path]) -> None:
    run_recall(real_cables, KINDS)
