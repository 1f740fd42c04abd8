"""A wrapper around the message is its preface (cable-format.md 2.8).

A received copy's print-out (classification, page line, distribution block, control
line) or a post's internal copy ("Cable Text:", "TELEGRAM", "To:", "TAGS:", ...)
stands before the message's header. The cable inside reads as it does without the
wrapper: the same parse, the same findings, a few lines further down.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from cablelint.grammar.parser import parse_text
from tests.conftest import check_json, run_cli
from tests.rules.cases import corpus_text, mutate

PARIS = corpus_text("cablegate-confidential-paris.cable")
_ROUTED = PARIS[: PARIS.index("FM AMEMBASSY")]
_ADDRESSED = PARIS[PARIS.index("FM AMEMBASSY") : PARIS.index("\nC O N F I D E N T I A L")]
# the same cable as a received copy prints it: the DTG line and the address block
# without routing indicators (2.8)
RECEIVED = "R 101640Z SEP 08\nFM AMEMBASSY PARIS\nTO SECSTATE WASHDC 4289\nINFO AMEMBASSY DAKAR 1503\n" + PARIS[len(_ROUTED) + len(_ADDRESSED) :]

# a telegram (no archive paragraph signs), whole and as a received copy prints it
BAMAKO = corpus_text("telegram-unclas-bamako.cable")
BAMAKO_RECEIVED = (
    "R 271005Z MAY 09\nFM AMEMBASSY BAMAKO\nTO SECSTATE WASHDC 0412\nINFO ECOWAS COLLECTIVE\nAMEMBASSY DAKAR 0233\nAMEMBASSY OUAGADOUGOU 0198\n"
    + BAMAKO[BAMAKO.index("\nUNCLAS BAMAKO") :]
)

# (wrapper, the cable it wraps)
WRAPPERS = {
    # the print-out's classification, its page line spaced out, an indented control line
    "received-copy": (
        "CONFIDENTIAL\n\nPAGE 01        PARIS  01284  101641Z\nACTION EUR-00\n\n"
        "INFO  LOG-00   NP-00    AF-00    /012W\n                  ------------------A54E38  101641Z /38\n",
        RECEIVED,
    ),
    "received-copy-single-spaced": (
        "CONFIDENTIAL\n\nPAGE 01 PARIS 01284 101641Z\nACTION EUR-00\n\nINFO LOG-00 NP-00 AF-00 /012W\n------------------A54E38 101641Z /38\n",
        RECEIVED,
    ),
    # a page line with the section ("01 OF 01"), which fits a page header of the text too
    "received-copy-page-line-with-section": (
        "CONFIDENTIAL\n\nPAGE 01 PARIS 01284 01 OF 01 101641Z\nACTION EUR-00\n\nINFO LOG-00 NP-00 AF-00 /012W\n------------------A54E38 101641Z /38\n",
        RECEIVED,
    ),
    "received-copy-without-its-classification": (
        "PAGE 01 PARIS 01284 01 OF 01 101641Z\nACTION EUR-00\n\nINFO LOG-00 NP-00 AF-00 /012W\n------------------A54E38 101641Z /38\n",
        RECEIVED,
    ),
    # the distribution list wrapped at the margin, no control line
    "received-copy-distribution-only": ("ACTION EUR-00\n\nINFO LOG-00 NP-00 AF-00 A-00 CA-00\nCIAE-00 DS-00 EUR-00 /000W\n\n", RECEIVED),
    # a Department copy: drafting lines between the distribution and the control line
    "received-copy-with-drafting-lines": (
        "INFO  LOG-00   AF-00    CIAE-00\n      EUR-00   INR-00\n(INR) /000R\n\n\n092210\nSOURCE: CBLEXCLS.000123\n"
        "DRAFTED BY: EUR/WE:JDOE -- 09/10/2008\nAPPROVED BY: EUR/WE:JDOE\n                  ------------------A54E38  101641Z /38\n",
        RECEIVED,
    ),
    "post-copy": (
        "Cable Text:\nTELEGRAM\nTo: SECSTATE WASHDC\nAction: EUR\nFrom: AMEMBASSY PARIS\nTAGS: PREL PGOV SMIG EUN FR\n"
        "DRAFTED: POL:ICALDWELL\nCLEARED: DCM:XX\nAPPROVED: AMB:XX\n\n",
        PARIS,
    ),
    "post-copy-without-tags": (
        "Cable Text:\nTELEGRAM\nTo: SECSTATE WASHDC\nAction: EUR\nFrom: AMEMBASSY PARIS\nDRAFTED: POL:ICALDWELL\nCLEARED: DCM:XX\nAPPROVED: AMB:XX\n\n",
        PARIS,
    ),
    "post-copy-telegram-line": ("TELEGRAM\n\n", PARIS),
    # the keywords in capitals: "FROM:" is no FM line, "TO:", "INFO:", "SUBJECT:" and
    # "TAGS:" are no address lines or captions
    "post-copy-in-capitals": (
        "Cable Text:\nTELEGRAM\nTO: SECSTATE WASHDC\nACTION: EUR\nINFO: AMEMBASSY DAKAR\nFROM: AMEMBASSY PARIS\n"
        "SUBJECT: FRANCE: MFA PREVIEWS EU-AFRICA MIGRATION MEETING\nTAGS: PREL PGOV SMIG EUN FR\nDRAFTED: POL:ICALDWELL\n\n",
        PARIS,
    ),
    "post-copy-in-capitals-from-first": (
        "Cable Text:\nTELEGRAM\nFROM: AMEMBASSY PARIS\nTO: SECSTATE WASHDC\nINFO: AMEMBASSY DAKAR\nTAGS: PREL PGOV SMIG EUN FR\n"
        "SUBJECT: FRANCE: MFA PREVIEWS EU-AFRICA MIGRATION MEETING\n\n",
        PARIS,
    ),
}
_IDS = sorted(WRAPPERS)


def _shifted(value: Any, by: int) -> Any:
    """A parse JSON value with every line number *by* lines further down."""
    if isinstance(value, dict):
        return {k: v + by if k == "line" and isinstance(v, int) else _shifted(v, by) for k, v in value.items()}
    if isinstance(value, list):
        return [_shifted(v, by) for v in value]
    return value


def _parsed(text: str) -> Any:
    result = run_cli("parse", "-", input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _findings(text: str, by: int = 0) -> list[tuple[str, int, int, str]]:
    # a message that names lines ("(lines 31, 37)") names them in the file: shifted too
    def shift(m: re.Match[str]) -> str:
        return m.group(1) + ", ".join(str(int(n) - by) for n in m.group(2).split(", "))

    return [(d["code"], d["line"] - by, d["column"], _LINES_NAMED.sub(shift, d["message"])) for d in check_json("--select", "ALL", "--ignore", "F005,F006", "-", input=text)]


_LINES_NAMED = re.compile(r"(\blines? )(\d+(?:, \d+)*)")


@pytest.mark.parametrize("name", _IDS)
def test_the_cable_inside_parses_as_without_its_wrapper(name: str) -> None:
    wrapper, cable = WRAPPERS[name]
    by = wrapper.count("\n")
    assert _parsed(wrapper + cable) == _shifted(_parsed(cable), by)


@pytest.mark.parametrize("name", _IDS)
def test_the_wrapper_is_the_preface(name: str) -> None:
    wrapper, cable = WRAPPERS[name]
    parsed = parse_text(wrapper + cable)
    assert [t.text for t in parsed.preface] == [line.strip() for line in wrapper.split("\n") if line.strip()]
    assert not parsed.errors


@pytest.mark.parametrize("name", _IDS)
def test_the_cable_inside_has_its_own_findings(name: str) -> None:
    """None from the wrapper's lines ("TAGS:" is no second TAGS line, the captions stand
    where they should), and the cable's own faults at their places."""
    wrapper, cable = WRAPPERS[name]
    by = wrapper.count("\n")
    assert _findings(wrapper + cable, by) == _findings(cable) == []
    faulty = mutate(mutate(cable, "TAGS: PREL PGOV SMIG EUN FR\n", ""), "REF: (A) PARIS 1190\n     (B) STATE 92210\n\n", "")
    found = _findings(faulty)
    assert {code for code, *_ in found} == {"H005", "X006"}
    assert _findings(wrapper + faulty, by) == found


def _telegram(name: str) -> tuple[str, str]:
    """The wrapper *name* around the telegram of the same shape as its cable."""
    wrapper, cable = WRAPPERS[name]
    return wrapper, BAMAKO_RECEIVED if cable is RECEIVED else BAMAKO


@pytest.mark.parametrize("name", _IDS)
def test_a_telegram_inside_a_wrapper_is_a_telegram(name: str) -> None:
    """The message inside decides the rendering (5.5): the telegram-only checks run."""
    wrapper, cable = _telegram(name)
    by = wrapper.count("\n")
    parsed = _parsed(wrapper + cable)
    assert parsed["dialect"] == "telegram"
    assert parsed == _shifted(_parsed(cable), by)
    # A002 (no TO line) runs on telegrams only
    to_line = next(line for line in cable.split("\n") if line.startswith("TO "))
    faulty = mutate(cable, to_line + "\n", "")
    found = _findings(faulty)
    assert [code for code, *_ in found] == ["A002"]
    # (the message names the FM line's line number)
    assert [f[:3] for f in _findings(wrapper + faulty, by)] == [f[:3] for f in found]


def test_an_archive_page_around_a_wrapper_stays_an_archive_page() -> None:
    """The archive's own date line above a wrapper: the archive's rendering."""
    wrapper, cable = _telegram("post-copy")
    assert parse_text(wrapper + cable).dialect == "telegram"
    assert parse_text("Wednesday, 27 May 2009, 10:05\n" + wrapper + cable).dialect == "cablegate"
    # the archive's sign on every "N. " paragraph head; one sign alone is pasted (no page)
    signed = "".join("\u00b6" + line if line[:1].isdigit() and ". " in line[:5] else line for line in cable.splitlines(keepends=True))
    assert signed.count("\u00b6") > 1
    assert parse_text(wrapper + signed).dialect == "cablegate"
    assert parse_text(wrapper + mutate(cable, "1. (U) The Ambassador", "\u00b61. (U) The Ambassador")).dialect == "telegram"


def test_a_wrapper_line_with_no_message_after_it_is_what_it_also_fits() -> None:
    """A distribution line or a bare classification at the top, with neither a header
    nor a classification line under it, opens no wrapper."""
    text = mutate(PARIS[len(_ROUTED) + len(_ADDRESSED) :], "C O N F I D E N T I A L PARIS 001284\n", "ACTION EUR-00\n")
    parsed = parse_text(text)
    assert [t.text for t in parsed.preface] == ["ACTION EUR-00"]
    assert parsed.tags is not None and parsed.subject is not None and len(parsed.paragraphs) == 4
    text = mutate(PARIS[len(_ROUTED) + len(_ADDRESSED) :], "C O N F I D E N T I A L PARIS 001284\n", "CONFIDENTIAL\n")
    parsed = parse_text(text)
    assert parsed.preface == () and parsed.classification is not None and parsed.classification.span.line == 2
