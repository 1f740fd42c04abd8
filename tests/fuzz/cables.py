"""A structured strategy for valid cables: a drawn spec, rendered to text.

``valid_cables()`` draws a :class:`Spec` (post, level, date, E.O. era, captions,
references, paragraphs, signature, header shape) and renders it in one of the four
renderings (telegram with routing header or legacy short header; cablegate text,
wrapped or unwrapped, with paragraph signs; Markdown with ``[TAG](#)`` residue;
draft). The draw covers the space of corpus/valid.

The spec is internally consistent the way the handbook and the format spec want it
(prosign = precedence, DE serial = class-line serial, FL4 code = level, Julian day =
DTG day, the E.O. order in force on the date, DECL ten years out, Classified By on
classified cables only, markers no higher than the level and the level reached, NF
only with NOFORN, SBU on UNCLAS with SENSITIVE, REF letters and paragraphs cited
only when they exist, UNCLAS paragraphs all marked or none, no REF numbered after the
cable), so that ``check`` reports nothing on these cables (test_valid_check.py).
``expected()`` gives the model values a parse must return.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Optional

from hypothesis import strategies as st

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
RENDERINGS = ("telegram", "cablegate", "markdown", "draft")

# (class-line post, FM PLAD, DE station RI, origin key of the reference id)
POSTS = (
    ("BAMAKO", "AMEMBASSY BAMAKO", "RUEHBP", "BAMAKO"),
    ("STATE", "SECSTATE WASHDC", "RUEHC", "STATE"),
    ("USNATO", "USMISSION USNATO", "RUEHNO", "USNATO"),
    ("REYKJAVIK", "AMEMBASSY REYKJAVIK", "RUEHRK", "REYKJAVIK"),
    ("RIO DE JANEIRO", "AMCONSUL RIO DE JANEIRO", "RUEHRI", "RIODEJANEIRO"),
    ("SAO PAULO", "AMCONSUL SAO PAULO", "RUEHSO", "SAOPAULO"),
    ("PARIS", "AMEMBASSY PARIS", "RUEHFR", "PARIS"),
    ("LA PAZ", "AMEMBASSY LA PAZ", "RUEHLP", "LAPAZ"),
)
ADDRESSEES = (("RUEHC", "SECSTATE WASHDC"), ("RUEHNO", "USMISSION USNATO"), ("RUEHLO", "AMEMBASSY LONDON"), ("RUEHZL", "EUROPEAN POLITICAL COLLECTIVE"))
# level -> (class-line forms, FL4 line, paragraph levels allowed, rank)
LEVELS = {
    "UNCLASSIFIED": (("UNCLAS", "UNCLASSIFIED"), "ZNR UUUUU ZZH", ("U", "SBU"), 0),
    "UNCLASSIFIED EFTO": (("UNCLAS EFTO",), "ZNY EEEEE ZZH", ("U", "SBU"), 0),
    "CONFIDENTIAL": (("C O N F I D E N T I A L", "CONFIDENTIAL"), "ZNY CCCCC ZZH", ("U", "C"), 1),
    "SECRET": (("S E C R E T", "SECRET"), "ZNY SSSSS ZZH", ("U", "C", "S"), 2),
    "TOP SECRET": (("T O P S E C R E T", "TOP SECRET"), "ZNY TTTTT ZZH", ("U", "C", "S", "TS"), 3),
}
# E.O. orders and the dates they were in force (cable-format.md 3.4)
ERAS = (
    ("11652", date(1972, 6, 1), date(1978, 11, 30)),
    ("12065", date(1978, 12, 1), date(1982, 7, 31)),
    ("12356", date(1982, 8, 1), date(1995, 10, 13)),
    ("12958", date(1995, 10, 14), date(2010, 6, 26)),
    ("13526", date(2010, 6, 27), date(2012, 12, 31)),
)
TAGS = ("PREL", "PGOV", "ECON", "EFIN", "ETRD", "MARR", "PTER", "PHUM", "KDEM", "SNAR", "CASC", "ASEC", "NATO", "UNSC", "ML", "IC", "BR", "FR", "UK", "JA")
# Words that are no caption keyword, level, marker or label in any case or position.
WORDS = (
    "officials", "ministry", "government", "told", "embassy", "budget", "plans", "talks", "meeting",
    "the", "minister", "would", "support", "patrol", "coast", "guard", "cuts", "policy", "said",
    "agreed", "visit", "delegation", "election", "trade", "energy", "costs", "agency", "border",
)
SUBJECT_WORDS = ("COAST", "GUARD", "CUTS", "PUT", "AIR", "POLICING", "AT", "RISK", "MINISTER", "VISIT", "BUDGET", "TALKS", "STALL", "PLANS", "ENERGY", "GRID", "STUDY")
SURNAMES = ("LINDQVIST", "KERRIGAN", "ATTWOOD", "HOLMGREN", "RICE", "CLINTON", "ALBERTSON", "TIMKEN JR")


@dataclass(frozen=True)
class Ref:
    label: Optional[str]
    year: Optional[str]  # as written: None, "08" or "2008"
    origin: str  # as written: "STATE", "SECSTATE", "RIO DE JANEIRO", ...
    origin_key: str
    number: str  # as written, maybe zero padded


@dataclass(frozen=True)
class Para:
    number: int
    marker: Optional[str]  # as written inside the parentheses, e.g. "S//NF"
    marking: Optional[str]  # normalised, e.g. "S/NF"
    gap: str  # between "N." and the marker
    words: tuple[str, ...]


@dataclass(frozen=True)
class Spec:
    rendering: str
    unwrapped: bool
    header: str  # "routing", "xyz", "legacy", "date-line" or "none"
    post: tuple[str, str, str, str]
    level: str
    level_form: str
    when: datetime
    serial: int
    precedence: str
    sections: Optional[tuple[int, int]]
    caveats: tuple[str, ...]
    attention: tuple[str, ...]
    eo_keyword: str
    eo_order: str
    eo_value: str
    tags: tuple[str, ...]
    tags_keyword: str
    tags_sep: str
    subject_mark: Optional[str]
    subject: tuple[str, ...]
    ref_style: str  # "lines", "run-on", "single"
    refs: tuple[Ref, ...]
    classified_by: Optional[tuple[str, str]]  # (authority, reason)
    paras: tuple[Para, ...]
    signature: str
    appended_signature: bool


def _era(when: datetime) -> str:
    d = when.date()
    return next(order for order, start, end in ERAS if start <= d <= end)


@st.composite
def specs(draw: st.DrawFn, rendering: Optional[str] = None) -> Spec:
    rendering = rendering or draw(st.sampled_from(RENDERINGS))
    unwrapped = rendering == "cablegate" and draw(st.booleans())
    header = {
        "telegram": draw(st.sampled_from(("routing", "routing", "xyz", "legacy"))),
        "cablegate": draw(st.sampled_from(("routing", "date-line"))),
        "markdown": "routing",
        "draft": "none",
    }[rendering]
    post = draw(st.sampled_from(POSTS))
    level = draw(st.sampled_from(sorted(LEVELS)))
    forms, _, allowed, rank = LEVELS[level]
    level_form = draw(st.sampled_from(forms))
    start = datetime(1973, 1, 1) if header == "legacy" else datetime(1996, 1, 1)
    when = draw(st.datetimes(start, datetime(2012, 12, 31, 23, 59))).replace(second=0, microsecond=0, tzinfo=timezone.utc)
    era = _era(when)
    serial = draw(st.integers(1, 999_999 if when.year > 2000 else 99_999))
    sections = None
    if draw(st.booleans()) and header != "legacy":
        total = draw(st.integers(1, 4))
        sections = (1, total)

    nf = rank > 0 and draw(st.booleans())
    sbu = rank == 0 and draw(st.booleans())
    caveats = []
    if nf:
        caveats.append("NOFORN")
    if sbu:
        caveats.append("SENSITIVE")
    if draw(st.booleans()):
        caveats.append("SIPDIS")
    if rank > 0 and draw(st.integers(0, 5)) == 0:
        caveats.insert(0, "EXDIS")
    attention = draw(st.lists(st.sampled_from(("DEPT FOR EUR/NB", "DEPT ALSO FOR PM/RSAT", "STATE FOR AF/W AND INL/AAE", "NSC FOR SENIOR DIRECTOR")), max_size=2, unique=True))

    unclas_word = "N/A"
    if era == "11652":
        value = "GDS" if rank else unclas_word
    elif era == "12065":
        value = "GDS" if rank else unclas_word
    elif era == "12356":
        value = "DECL: OADR" if rank else unclas_word
    else:
        later = when.date().replace(year=when.year + 10) if not (when.month == 2 and when.day == 29) else when.date().replace(year=when.year + 10, day=28)
        if era == "13526":
            value = f"DECL: {later:%Y/%m/%d}" if rank else unclas_word
        else:
            value = f"DECL: {later:%m/%d/%Y}" if rank else unclas_word
    # the archive's punctuation-stripped "EO 12958 ..." is a rendering's form: a draft's
    # E.O. caption is typed "E.O. 12958:" (H002 in a draft, cable-format.md 5.5)
    eo_keyword = "EO" if unwrapped else "E.O." if rendering == "draft" else draw(st.sampled_from(("E.O.", "E.O.", "EO")))

    tags = tuple(draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=8, unique=True)))
    tags_keyword = "TAGS" if unwrapped else draw(st.sampled_from(("TAGS:", "TAGS:", "TAGS")))
    tags_sep = ", " if unwrapped or tags_keyword == "TAGS" else " "
    subject_mark = None
    if draw(st.integers(0, 4)) == 0:
        subject_mark = draw(st.sampled_from([m for m in allowed if m != "SBU" or sbu]))  # SBU only with SENSITIVE (C008)
    subject = tuple(draw(st.lists(st.sampled_from(SUBJECT_WORDS), min_size=1, max_size=14)))
    if draw(st.booleans()):
        subject = (draw(st.sampled_from(("MALI:", "ICELAND:", "BRAZIL:"))),) + subject

    ref_style = "run-on" if unwrapped else draw(st.sampled_from(("lines", "single")))
    refs: list[Ref] = []
    n_refs = 1 if ref_style == "single" else draw(st.integers(0, 4))
    for i in range(n_refs):
        origin_post = draw(st.sampled_from(POSTS))
        origin, key = origin_post[0], origin_post[3]
        if origin == "STATE" and draw(st.booleans()):
            origin = "SECSTATE"
        year = draw(st.sampled_from((None, f"{(when.year - 1) % 100:02d}", str(when.year - 1))))
        number = draw(st.integers(1, 9_999_999))
        if year is None and key == post[3] and number >= serial:
            # the same post's cable of this year numbered after this one (X008)
            number = draw(st.integers(1, serial - 1)) if serial > 1 else number
            year = year if serial > 1 else str(when.year - 1)
        written = draw(st.sampled_from((str(number), f"{number:05d}")))
        label = None if ref_style == "single" else chr(ord("A") + i)
        refs.append(Ref(label, year, origin, key, written))

    classified_by = None
    if rank:
        section = "1.5" if era == "12958" and when.year < 2004 else "1.4"
        authority = draw(st.sampled_from(("Ambassador Carol A. Lindqvist", "Political Counselor Irene S. Caldwell", "DCM John Example")))
        classified_by = (authority, f"for reasons {section} (b) and (d)")

    paras: list[Para] = []
    n = draw(st.integers(1 if rendering == "cablegate" else 0, 6))
    controls = ("", "/NF", "//NF") if nf else ("",)
    unmarked = rank == 0 and draw(st.integers(0, 3)) == 0  # markers are optional on UNCLAS cables: all or none (P002)
    for i in range(1, n + 1):
        lvl = draw(st.sampled_from(allowed))
        if lvl == "SBU" and not sbu:
            lvl = "U"
        ctl = draw(st.sampled_from(controls)) if lvl not in ("U", "SBU") else ""
        marker = lvl + ctl
        marking = lvl + ("/NF" if ctl else "")
        if unmarked:
            marker = marking = None
        gap = draw(st.sampled_from((" ", " ", "  "))) if marker else " "
        words = tuple(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=60)))
        paras.append(Para(i, marker, marking, gap, words))
    if rank and paras and all(p.marking is None or p.marking.split("/")[0] != allowed[-1] for p in paras):
        top = allowed[-1]
        p = paras[0]
        paras[0] = Para(p.number, top, top, p.gap, p.words)  # the cable's level is reached
    if rank and not paras and subject_mark is not None:
        subject_mark = allowed[-1]  # no paragraph: the subject's marking reaches the level
    signature = draw(st.sampled_from(SURNAMES))
    appended = unwrapped and bool(paras) and " " not in signature and draw(st.booleans())
    return Spec(
        rendering, unwrapped, header, post, level, level_form, when, serial, draw(st.sampled_from("OPRZ")), sections,
        tuple(caveats), tuple(attention), eo_keyword, era, value, tags, tags_keyword, tags_sep, subject_mark, subject,
        ref_style, tuple(refs), classified_by, tuple(paras), signature, appended,
    )


# ---- rendering ------------------------------------------------------------------------


def _dtg(spec: Spec) -> str:
    w = spec.when
    return f"{w:%d%H%M}Z {MONTHS[w.month - 1]} {w:%y}"


def _routing(spec: Spec) -> list[str]:
    post, plad, station, _ = spec.post
    prec = spec.precedence
    w = spec.when
    part = "/01" if spec.sections else ""
    lines = [f"VZCZC{'XYZ' if spec.header == 'xyz' else 'XRO'}{spec.serial % 9000 + 1000}"]
    if spec.header == "xyz":
        lines += [f"{prec}{prec} RUEHWEB", ""]
    else:
        lines.append(f"{prec}{prec} " + " ".join(sorted({ri for ri, _ in ADDRESSEES[1:3]})))
    lines.append(f"DE {station} #{spec.serial % 10000:04d}{part} {w.timetuple().tm_yday:03d}{w:%H%M}")
    lines.append(LEVELS[spec.level][1])
    lines.append(f"{prec} {_dtg(spec)}")
    return lines


def _address(spec: Spec, with_ri: bool) -> list[str]:
    word = {"Z": " FLASH", "O": " IMMEDIATE", "P": " PRIORITY", "R": ""}[spec.precedence]
    to_ri, to_plad = ADDRESSEES[0]
    out = [f"FM {spec.post[1]}", f"TO {to_ri + '/' if with_ri else ''}{to_plad}{word} {spec.serial % 7000 + 1000:04d}"]
    for i, (ri, plad) in enumerate(ADDRESSEES[1:3]):
        out.append(f"{'INFO ' if i == 0 else ''}{ri + '/' if with_ri else ''}{plad}")
    return out


def _class_line(spec: Spec) -> str:
    section = f" SECTION {spec.sections[0]:02d} OF {spec.sections[1]:02d}" if spec.sections else ""
    return f"{spec.level_form}{section} {spec.post[0]} {spec.serial:06d}"


def _tags_lines(spec: Spec) -> list[str]:
    tags = [f"[{t}](#)" for t in spec.tags] if spec.rendering == "markdown" else list(spec.tags)
    if len(tags) > 4 and not spec.unwrapped:
        cut = len(tags) // 2
        return [f"{spec.tags_keyword} " + spec.tags_sep.join(tags[:cut]) + spec.tags_sep.rstrip(), spec.tags_sep.join(tags[cut:])]
    return [f"{spec.tags_keyword} " + spec.tags_sep.join(tags)]


def _subject_lines(spec: Spec, width: int) -> list[str]:
    mark = f"({spec.subject_mark}) " if spec.subject_mark else ""
    text = f"SUBJECT: {mark}" + " ".join(spec.subject)
    return [text] if spec.unwrapped else textwrap.wrap(text, width)


def _ref_text(r: Ref) -> str:
    return f"{r.year + ' ' if r.year else ''}{r.origin} {r.number}"


def _ref_lines(spec: Spec) -> list[str]:
    if not spec.refs:
        return []
    if spec.ref_style == "single":
        return [f"REF: {_ref_text(spec.refs[0])}"]
    items = [f"{r.label}. {_ref_text(r)}" for r in spec.refs]
    if spec.ref_style == "run-on":
        return ["REF: " + "  ".join(items)]
    out = [f"REF: {items[0]}"]
    for item in items[1:]:
        if spec.rendering == "markdown":
            out.append(f"[1](#){item}")
        elif spec.rendering == "cablegate":
            out.append(f"¶{item}")
        else:
            out.append(f"     {item}")
    return out


def _para_lines(spec: Spec, p: Para, width: int, last: bool) -> list[str]:
    head = f"{p.number}.{p.gap}({p.marker}) " if p.marker else f"{p.number}. "
    words = list(p.words)
    if spec.refs and p.number == 1:
        words += ["as", "in", f"Ref {spec.refs[0].label}" if spec.refs[0].label else "reftel"]
    if len(spec.paras) > 1 and p.number == len(spec.paras):
        words += ["see", "para", "1"]
    text = head + words[0].capitalize() + " " + " ".join(words[1:]) + "."
    if last and spec.appended_signature:
        text += f" {spec.signature}"
    lines = [text] if spec.unwrapped else textwrap.wrap(text, width, break_on_hyphens=False)
    for i in range(len(lines) - 1, 0, -1):
        if lines[i][0].isdigit():  # "para" / "1." wrapped apart would start a new paragraph
            lines[i - 1] += " " + lines.pop(i)
    if spec.rendering == "cablegate":
        lines[0] = "¶" + lines[0]
    elif spec.rendering == "markdown":  # every real page anchors paragraph 1 too (61 of 62)
        lines[0] = f"[¶](#par{p.number})" + lines[0]
    return lines


def render(spec: Spec) -> str:
    width = 55 if spec.rendering == "draft" else 66
    out: list[str] = []
    if spec.header == "date-line":
        w = spec.when
        out += [f"{w:%A}, {w.day} {w:%B %Y}, {w.hour}:{w:%M}", ""]
    elif spec.header in ("routing", "xyz"):
        out += _routing(spec) + _address(spec, True) + [""]
    elif spec.header == "legacy":
        out += [f"{spec.precedence} {_dtg(spec)}"] + _address(spec, False) + [""]
    out += [_class_line(spec), ""]
    if spec.caveats:
        out += list(spec.caveats) + [""]
    if spec.attention:
        out += list(spec.attention) + [""]
    sep = ": " if spec.eo_keyword == "E.O." else " "
    out.append(f"{spec.eo_keyword} {spec.eo_order}{sep}{spec.eo_value}")
    out += _tags_lines(spec)
    out += _subject_lines(spec, width)
    out.append("")
    if spec.refs:
        out += _ref_lines(spec) + [""]
    if spec.classified_by:
        authority, reason = spec.classified_by
        if spec.unwrapped:
            out += [f"Classified By: {authority} {reason}", ""]
        else:
            out += [f"Classified By: {authority}", reason, ""]
    page = 2
    for i, p in enumerate(spec.paras):
        lines = _para_lines(spec, p, width, i == len(spec.paras) - 1)
        if spec.sections and spec.sections[1] > 1 and page <= spec.sections[1] and len(lines) > 2 and not spec.unwrapped:
            total = spec.sections[1]
            lines.insert(1, f"{spec.post[0]} {spec.serial:08d} {page:03d} OF {total:03d}")
            page += 1
        out += lines
        if i < len(spec.paras) - 1:
            out.append("")
    if not spec.appended_signature:
        out.append(spec.signature)
    return "\n".join(out) + "\n"


# ---- what the parse must give back ---------------------------------------------------


def expected(spec: Spec) -> dict[str, object]:
    dated = spec.header != "none"
    year = spec.when.year if dated else None
    refs = []
    for r in spec.refs:
        y = None
        if r.year is not None:
            y = int(r.year) if len(r.year) == 4 else (2000 + int(r.year) if int(r.year) < 50 else 1900 + int(r.year))
        elif year is not None:
            y = year
        refs.append((r.label, f"{y % 100:02d}{r.origin_key}{int(r.number)}" if y is not None else None))
    dialect = {"telegram": "telegram", "cablegate": "cablegate", "markdown": "markdown", "draft": "draft"}[spec.rendering]
    subject = " ".join(spec.subject)
    return {
        "dialect": dialect,
        "level": spec.level,
        "tags": list(spec.tags),
        "subject": subject,
        "subject_mark": spec.subject_mark,
        "references": refs,
        "paragraphs": [(p.number, p.marking) for p in spec.paras],
        "reference_id": f"{spec.when.year % 100:02d}{spec.post[3]}{spec.serial}" if dated else None,
        "date": spec.when if dated else None,
        "caveats": sorted(spec.caveats),
        "signature": spec.signature,
        "eo_order": spec.eo_order,
    }


@dataclass(frozen=True)
class Rendered:
    spec: Spec
    text: str


def valid_cables(rendering: Optional[str] = None) -> st.SearchStrategy[Rendered]:
    return specs(rendering).map(lambda s: Rendered(s, render(s)))


def observed(cable) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The same values, read from a parsed :class:`Cable`."""
    return {
        "dialect": cable.dialect,
        "level": cable.level,
        "tags": [t.text for t in cable.tags.tags] if cable.tags else None,
        "subject": cable.subject.text if cable.subject else None,
        "subject_mark": cable.subject.marker.text[1:-1] if cable.subject and cable.subject.marker else None,
        "references": [(r.label.text if r.label else None, r.cable_id) for r in cable.references],
        "paragraphs": [(p.number, p.marking) for p in cable.paragraphs],
        "reference_id": cable.reference_id,
        "date": cable.date,
        "caveats": sorted(cable.caveat_names),
        "signature": cable.signature.name if cable.signature else None,
        "eo_order": cable.eo.order.text if cable.eo and cable.eo.order else None,
    }
