"""The model as the JSON of ``cablelint parse`` (interfaces.md: a stable contract)."""

from __future__ import annotations

from typing import Any, Optional

from cablelint.grammar.read_release import strip_slip
from cablelint.model import Addressee, Cable
from cablelint.quote import clip

_PRECEDENCE_NAMES = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}
# interfaces.md allows five levels; LIMITED OFFICIAL USE, the pre-SBU control on
# unclassified text (cable-format.md 3.1), is given as the level it is in.
_JSON_LEVEL = {"LIMITED OFFICIAL USE": "UNCLASSIFIED"}


def _text(t: Any) -> Optional[str]:
    return t.text if t is not None else None


def _caveats(cable: Cable) -> list[str]:
    """The caveats in upper case as written (interfaces.md), each without the slip
    before it ('NOFORN//ORCON' gives ORCON: the slashes are C006's to name)."""
    names = (strip_slip(name).upper() for name in cable.caveat_names)
    return [name for name in names if name]


def _addressee(a: Addressee) -> dict[str, Any]:
    return {
        "routing_indicator": _text(a.routing_indicator),
        "address": _text(a.address),
        "precedence": _text(a.precedence),
        "serial": _text(a.serial),
        "line": a.span.line,
    }


def _routing(cable: Cable) -> Optional[dict[str, Any]]:
    r = cable.routing
    if r is None:
        return None
    prec_line = r.precedence_line
    dtg = r.dtg_line
    precedence = None
    if dtg is not None and dtg.precedence is not None:
        precedence = _PRECEDENCE_NAMES.get(dtg.precedence.text.upper())
    elif prec_line is not None and prec_line.prosign is not None:
        precedence = _PRECEDENCE_NAMES.get(prec_line.prosign.text[:1])
    de = r.de_line
    return {
        # the line as written (a damaged one whole, 'VZCZCXRO7214 RR RUEHDK'), without its blanks
        "transmission_id": _line_text(cable, r.transmission_id.span.line).strip(),
        "precedence": precedence,
        "routing_indicators": [t.text for t in prec_line.routing_indicators] if prec_line else [],
        "station": _text(de.station) if de else None,
        "station_serial": _text(de.serial) if de else None,
        "section": _text(de.part) if de else None,
        "filing_time": _text(de.filing_time) if de else None,
        "security": _text(r.security_line.code) if r.security_line else None,
        "dtg": _text(dtg.dtg) if dtg else None,
        "line": r.span.line,
    }


def _line_text(cable: Cable, line: int) -> str:
    return cable.lines[line - 1].text


def cable_to_json(cable: Cable) -> dict[str, Any]:
    """The parse JSON object of one cable; absent parts are null or []."""
    cls = cable.classification
    eo = cable.eo
    return {
        "dialect": cable.dialect,
        "reference_id": cable.reference_id,
        "date": cable.date.strftime("%Y-%m-%dT%H:%M:%SZ") if cable.date else None,
        "routing": _routing(cable),
        "from": _text(cable.from_line.address) if cable.from_line else None,
        "to": [_addressee(a) for a in cable.to],
        "info": [_addressee(a) for a in cable.info],
        "classification": None
        if cls is None
        else {
            "level": _JSON_LEVEL.get(cls.level, cls.level) if cls.level is not None else None,
            "origin": _text(cls.post),
            "serial": _text(cls.serial),
            "section": _text(cls.section),
            "line": cls.span.line,
        },
        "caveats": _caveats(cable),
        "classified_by": cable.classified_by.text if cable.classified_by else None,
        "eo": None
        if eo is None
        else {
            "order": _text(eo.order),
            "na": eo.na,
            "declassify_on": eo.declassify_on.isoformat() if eo.declassify_on else None,
            "line": eo.span.line,
        },
        "tags": [t.text for t in cable.tags.tags] if cable.tags else [],
        "subject": cable.subject.text if cable.subject else None,
        "references": [
            {"label": r.label.text.upper() if r.label is not None else None, "text": r.text, "cable_id": r.cable_id, "line": r.span.line}
            for r in cable.references
        ],
        "paragraphs": [{"number": p.number, "marking": p.marking, "line": p.span.line} for p in cable.paragraphs],
        "signature": cable.signature.name if cable.signature else None,
        "errors": sorted(
            [
                {"line": e.span.line, "column": e.span.column, "message": _unplaced(e)}
                for e in cable.errors
            ]
            + [{"line": p.span.line, "column": p.span.column, "message": p.message} for p in cable.problems()],
            key=lambda d: (d["line"], d["column"]),
        ),
    }


def _unplaced(e: Any) -> str:
    expected = ", ".join(e.expected[:6]) if e.expected else "the cable to end above it"  # (as S004 says)
    return f"line '{clip(e.text)}' cannot stand here: expected {expected}"
