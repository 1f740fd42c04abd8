"""Part 3 of issue 5: one defect injected into a generated valid cable is found.

Each kind takes a :class:`Rendered` cable (its spec and text) and returns the text with
one defect and the line where the rule must report it, or None when that cable has no
place for the defect (no routing header, no REF block, ...). The linter runs with
``--select ALL`` and must give the kind's code at that line; other findings are not
looked at (a defect may well have consequences elsewhere).

The expected line is worked out on the rendered text, whose layout the generator
fixes (cables.py), not read from the parse of the cable.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable, Optional

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cablelint.linter.engine import Linter
from cablelint.linter.selection import Layer
from tests.fuzz.cables import LEVELS, Para, Rendered, _class_line, _subject_lines, _tags_lines, valid_cables

Result = Optional[tuple[str, int]]
Mutation = Callable[[Rendered, st.DataObject], Result]

LINTER = Linter(cli=Layer(select=("ALL",)))
# A quarter of the profile's examples for each kind: the kinds together stay within
# the default profile's time; the fuzz profile still runs hundreds of each.
PER_KIND = max(8, settings.default.max_examples // 4)

_PREFIX = re.compile(r"^(?:¶|\[¶\]\(#par\d+\)|\[1\]\(#\))")


# ---- where things are in the rendered text -------------------------------------------


def _lines(c: Rendered) -> list[str]:
    return c.text.split("\n")  # the last item is the empty string after the final newline


def _join(lines: list[str]) -> str:
    return "\n".join(lines)


def _index(lines: list[str], pred: Callable[[str], bool], start: int = 0) -> Optional[int]:
    return next((i for i in range(start, len(lines)) if pred(lines[i])), None)


def _width(c: Rendered) -> int:
    return 55 if c.spec.rendering == "draft" else 66


def _class_index(c: Rendered, lines: list[str]) -> int:
    i = lines.index(_class_line(c.spec))
    return i


def _eo_index(c: Rendered, lines: list[str]) -> int:
    s = c.spec
    i = _index(lines, lambda t: t.startswith(f"{s.eo_keyword} {s.eo_order}"), _class_index(c, lines))
    assert i is not None
    return i


def _tags_range(c: Rendered, lines: list[str]) -> tuple[int, int]:
    first = _eo_index(c, lines) + 1
    n = len(_tags_lines(c.spec))
    assert lines[first].startswith(c.spec.tags_keyword)
    return first, first + n - 1


def _subject_range(c: Rendered, lines: list[str]) -> tuple[int, int]:
    first = _tags_range(c, lines)[1] + 1
    assert lines[first].startswith("SUBJECT:")
    return first, first + len(_subject_lines(c.spec, _width(c))) - 1


def _head(p: Para) -> str:
    return f"{p.number}.{p.gap}({p.marker}) " if p.marker else f"{p.number}. "


def _para_index(c: Rendered, lines: list[str], p: Para) -> int:
    head = _head(p)
    start = _subject_range(c, lines)[1] + 1
    i = _index(lines, lambda t: _PREFIX.sub("", t).startswith(head), start)
    assert i is not None, (head, c.text)
    return i


def _replace_in_line(lines: list[str], i: int, old: str, new: str) -> list[str]:
    assert old in lines[i], (old, lines[i])
    out = list(lines)
    out[i] = lines[i].replace(old, new, 1)
    return out


def _insert_after_head(c: Rendered, p: Para, words: str) -> Result:
    """Put *words* right after paragraph *p*'s number and marker."""
    lines = _lines(c)
    i = _para_index(c, lines, p)
    head = _head(p)
    return _join(_replace_in_line(lines, i, head, head + words + " ")), i + 1


def _routed(c: Rendered) -> bool:
    return c.spec.header in ("routing", "xyz")


def _de_index(lines: list[str]) -> int:
    i = _index(lines, lambda t: t.startswith("DE "))
    assert i is not None
    return i


# ---- the defects -------------------------------------------------------------------------


def delete_eo(c: Rendered, data: st.DataObject) -> Result:
    lines = _lines(c)
    i = _eo_index(c, lines)
    return _join(lines[:i] + lines[i + 1 :]), i + 1  # expected where TAGS now stands


def delete_tags(c: Rendered, data: st.DataObject) -> Result:
    lines = _lines(c)
    first, last = _tags_range(c, lines)
    return _join(lines[:first] + lines[last + 1 :]), first + 1  # where SUBJECT now stands


def delete_subject(c: Rendered, data: st.DataObject) -> Result:
    lines = _lines(c)
    first, last = _subject_range(c, lines)
    if c.spec.refs:
        return _join(lines[:first] + lines[last + 1 :]), first + 2  # at the REF line after the blank
    return _join(lines[:first] + lines[last + 1 :]), first + 1  # the line after TAGS


def damage_eo_order(c: Rendered, data: st.DataObject) -> Result:
    typo = {"12958": "12598", "13526": "13256", "12356": "12536", "12065": "12605", "11652": "11562"}
    lines = _lines(c)
    i = _eo_index(c, lines)
    return _join(_replace_in_line(lines, i, c.spec.eo_order, typo[c.spec.eo_order])), i + 1


def eo_order_for_another_date(c: Rendered, data: st.DataObject) -> Result:
    if c.spec.header == "none" or c.spec.eo_order not in ("12958", "13526"):
        return None  # undated, or a legacy value the other order would not take
    if date(2009, 12, 29) <= c.spec.when.date() <= date(2010, 9, 27):
        return None  # both orders are accepted: 13526 from its signature, 12958 for three months after
    other = "13526" if c.spec.eo_order == "12958" else "12958"
    lines = _lines(c)
    i = _eo_index(c, lines)
    return _join(_replace_in_line(lines, i, c.spec.eo_order, other)), i + 1


def na_on_classified(c: Rendered, data: st.DataObject) -> Result:
    if LEVELS[c.spec.level][3] == 0 or not c.spec.eo_value.startswith("DECL"):
        return None
    lines = _lines(c)
    i = _eo_index(c, lines)
    return _join(_replace_in_line(lines, i, c.spec.eo_value, "N/A")), i + 1


def decl_forty_years(c: Rendered, data: st.DataObject) -> Result:
    s = c.spec
    if s.header == "none" or not re.fullmatch(r"DECL: [\d/]+", s.eo_value):
        return None
    far = f"DECL: {s.when.month:02d}/{min(s.when.day, 28):02d}/{s.when.year + 40}"
    lines = _lines(c)
    i = _eo_index(c, lines)
    return _join(_replace_in_line(lines, i, s.eo_value, far)), i + 1


def duplicate_tags(c: Rendered, data: st.DataObject) -> Result:
    lines = _lines(c)
    first, last = _tags_range(c, lines)
    block = lines[first : last + 1]
    return _join(lines[: last + 1] + block + lines[last + 1 :]), last + 2


def unknown_tag(c: Rendered, data: st.DataObject) -> Result:
    lines = _lines(c)
    last = _tags_range(c, lines)[1]
    tag = "[RU](#)" if c.spec.rendering == "markdown" else "RU"
    out = list(lines)
    out[last] = lines[last] + c.spec.tags_sep + tag
    return _join(out), last + 1


def swap_eo_and_tags(c: Rendered, data: st.DataObject) -> Result:
    lines = _lines(c)
    first, last = _tags_range(c, lines)
    if first != last:
        return None
    out = list(lines)
    out[first - 1], out[first] = lines[first], lines[first - 1]
    return _join(out), first + 1  # the E.O. line, now after TAGS


def delete_class_line(c: Rendered, data: st.DataObject) -> Result:
    lines = _lines(c)
    i = _class_index(c, lines)
    out = lines[:i] + lines[i + 1 :]
    j = _index(out, lambda t: t != "", i)  # where the class line was expected
    assert j is not None
    return _join(out), j + 1


def damage_class_line(c: Rendered, data: st.DataObject) -> Result:
    damaged = {"S E C R E T": "SS E C R E T", "C O N F I D E N T I A L": "CC O N F I D E N T I A L", "UNCLAS": "UUNCLAS"}
    if c.spec.level_form not in damaged:
        return None
    lines = _lines(c)
    i = _class_index(c, lines)
    return _join(_replace_in_line(lines, i, c.spec.level_form, damaged[c.spec.level_form])), i + 1


def _marked(c: Rendered, data: st.DataObject, pred: Callable[[Para], bool] = lambda p: True) -> Optional[Para]:
    paras = [p for p in c.spec.paras if p.marker and pred(p)]
    return data.draw(st.sampled_from(paras), label="paragraph") if paras else None


def marker_above_level(c: Rendered, data: st.DataObject) -> Result:
    above = {0: "C", 1: "S", 2: "TS"}.get(LEVELS[c.spec.level][3])
    p = _marked(c, data)
    if above is None or p is None:
        return None
    lines = _lines(c)
    i = _para_index(c, lines, p)
    return _join(_replace_in_line(lines, i, f"({p.marker})", f"({above})")), i + 1


def nf_without_noforn(c: Rendered, data: st.DataObject) -> Result:
    if "NOFORN" in c.spec.caveats:
        return None
    p = _marked(c, data, lambda p: p.marker in ("C", "S", "TS"))
    if p is None:
        return None
    lines = _lines(c)
    i = _para_index(c, lines, p)
    return _join(_replace_in_line(lines, i, f"({p.marker})", f"({p.marker}/NF)")), i + 1


def sbu_without_sensitive(c: Rendered, data: st.DataObject) -> Result:
    if LEVELS[c.spec.level][3] != 0 or "SENSITIVE" in c.spec.caveats:
        return None
    p = _marked(c, data, lambda p: p.marker == "U")
    if p is None:
        return None
    lines = _lines(c)
    i = _para_index(c, lines, p)
    return _join(_replace_in_line(lines, i, "(U)", "(SBU)")), i + 1


def unknown_caveat(c: Rendered, data: st.DataObject) -> Result:
    lines = _lines(c)
    i = _class_index(c, lines)
    return _join(lines[: i + 2] + ["EXDISS", ""] + lines[i + 2 :]), i + 3


def delete_classified_by(c: Rendered, data: st.DataObject) -> Result:
    s = c.spec
    if s.classified_by is None or s.eo_order in ("11652", "12065", "12356"):
        return None  # the older orders had no Classified By line
    lines = _lines(c)
    i = _index(lines, lambda t: t.startswith("Classified By:"))
    assert i is not None
    n = 1 if s.unwrapped else 2
    out = lines[:i] + lines[i + n :]
    last_caption = i - 2  # the line before the blank above Classified By
    return _join(out), last_caption + 2


def classified_by_on_unclas(c: Rendered, data: st.DataObject) -> Result:
    if LEVELS[c.spec.level][3] != 0:
        return None
    lines = _lines(c)
    last = _subject_range(c, lines)[1]
    new = ["", "Classified By: Ambassador Jane Doe for reasons 1.4 (b) and (d)."]
    return _join(lines[: last + 1] + new + lines[last + 1 :]), last + 3


def lower_case_marker(c: Rendered, data: st.DataObject) -> Result:
    p = _marked(c, data)
    if p is None:
        return None
    lines = _lines(c)
    i = _para_index(c, lines, p)
    return _join(_replace_in_line(lines, i, f"({p.marker})", f"({p.marker.lower()})")), i + 1  # type: ignore[union-attr]


def marker_spacing(c: Rendered, data: st.DataObject) -> Result:
    p = _marked(c, data)
    if p is None:
        return None
    lines = _lines(c)
    i = _para_index(c, lines, p)
    return _join(_replace_in_line(lines, i, _head(p), f"{p.number}.({p.marker}) ")), i + 1


def skip_paragraph_number(c: Rendered, data: st.DataObject) -> Result:
    paras = c.spec.paras
    if len(paras) < 2:
        return None
    p = data.draw(st.sampled_from(paras[1:]), label="paragraph")
    lines = _lines(c)
    i = _para_index(c, lines, p)
    head = _head(p)
    return _join(_replace_in_line(lines, i, head, f"{p.number + 1}." + head[len(str(p.number)) + 1 :])), i + 1


def undefined_reference(c: Rendered, data: st.DataObject) -> Result:
    labels = [r.label for r in c.spec.refs if r.label]
    if not labels or not c.spec.paras:
        return None
    return _insert_after_head(c, c.spec.paras[0], f"See Ref {chr(ord(labels[-1]) + 1)}.")


def ambiguous_reftel(c: Rendered, data: st.DataObject) -> Result:
    if len(c.spec.refs) < 2:
        return None
    return _insert_after_head(c, c.spec.paras[0], "See reftel.") if c.spec.paras else None


def reftel_without_reference(c: Rendered, data: st.DataObject) -> Result:
    if c.spec.refs or not c.spec.paras:
        return None
    return _insert_after_head(c, c.spec.paras[0], "See reftel.")


def paragraph_past_the_end(c: Rendered, data: st.DataObject) -> Result:
    if not c.spec.paras:
        return None
    p = data.draw(st.sampled_from(c.spec.paras), label="paragraph")
    return _insert_after_head(c, p, f"See para {len(c.spec.paras) + data.draw(st.integers(1, 5), label='past')}.")


def skip_reference_label(c: Rendered, data: st.DataObject) -> Result:
    s = c.spec
    if len(s.refs) < 2 or s.ref_style != "lines":
        return None
    last = s.refs[-1]
    lines = _lines(c)
    i = _index(lines, lambda t: _PREFIX.sub("", t).lstrip().startswith(f"{last.label}. "), _subject_range(c, lines)[1])
    assert i is not None
    new = chr(ord(last.label) + 1)  # type: ignore[arg-type]
    return _join(_replace_in_line(lines, i, f"{last.label}. ", f"{new}. ")), i + 1


def future_reference(c: Rendered, data: st.DataObject) -> Result:
    s = c.spec
    if s.header == "none" or not s.refs:
        return None
    r = s.refs[0]
    lines = _lines(c)
    i = _index(lines, lambda t: t.startswith("REF:"))
    assert i is not None
    old = f"{r.year + ' ' if r.year else ''}{r.origin} {r.number}"
    new = f"{(s.when.year + 1) % 100:02d} {r.origin} {r.number}"
    return _join(_replace_in_line(lines, i, old, new)), i + 1


def remove_signature(c: Rendered, data: st.DataObject) -> Result:
    s = c.spec
    if not s.paras:
        return None
    lines = _lines(c)
    if s.appended_signature:
        i = len(lines) - 2
        return _join(_replace_in_line(lines, i, f" {s.signature}", "")), i + 1
    assert lines[-2] == s.signature
    return _join(lines[:-2] + [""]), len(lines) - 2  # the last paragraph's last line


def impossible_section(c: Rendered, data: st.DataObject) -> Result:
    s = c.spec
    if s.sections is None:
        return None
    lines = _lines(c)
    i = _class_index(c, lines)
    return _join(_replace_in_line(lines, i, f"SECTION {s.sections[0]:02d} OF {s.sections[1]:02d}", "SECTION 03 OF 02")), i + 1


# routing header


def corrupt_fl1(c: Rendered, data: st.DataObject) -> Result:
    if not _routed(c):
        return None
    lines = _lines(c)
    return _join(_replace_in_line(lines, 0, "VZCZCX", "VZCZC0")), 1


def bad_prosign(c: Rendered, data: st.DataObject) -> Result:
    if not _routed(c):
        return None
    lines = _lines(c)
    prec = c.spec.precedence
    return _join(_replace_in_line(lines, 1, prec + prec + " ", prec + "X ")), 2


def damage_de_line(c: Rendered, data: st.DataObject) -> Result:
    """The seed's defect: the filing time written as a DTG time (DDHHMMZ)."""
    if not _routed(c):
        return None
    lines = _lines(c)
    i = _de_index(lines)
    filed = lines[i].rsplit(" ", 1)[1]
    return _join(_replace_in_line(lines, i, " " + filed, f" {c.spec.when:%d%H%M}Z")), i + 1


def change_fl4_code(c: Rendered, data: st.DataObject) -> Result:
    if not _routed(c):
        return None
    other = {"UNCLASSIFIED": "ZNY EEEEE", "UNCLASSIFIED EFTO": "ZNR UUUUU", "CONFIDENTIAL": "ZNY SSSSS", "SECRET": "ZNY CCCCC", "TOP SECRET": "ZNY SSSSS"}
    lines = _lines(c)
    i = _de_index(lines) + 1
    return _join(_replace_in_line(lines, i, LEVELS[c.spec.level][1][:9], other[c.spec.level])), i + 1


def impossible_dtg(c: Rendered, data: st.DataObject) -> Result:
    if not _routed(c):
        return None
    lines = _lines(c)
    i = _de_index(lines) + 2
    day = f"{c.spec.when:%d%H}"
    return _join(_replace_in_line(lines, i, f" {day}", f" {day[:2]}24")), i + 1


def bad_routing_indicator(c: Rendered, data: st.DataObject) -> Result:
    if c.spec.header != "routing":
        return None  # the XYZ channel's FL2 has a web indicator only
    lines = _lines(c)
    return _join(_replace_in_line(lines, 1, " RUEH", " XUEH")), 2


def shift_julian_day(c: Rendered, data: st.DataObject) -> Result:
    if not _routed(c):
        return None
    lines = _lines(c)
    i = _de_index(lines)
    day = c.spec.when.timetuple().tm_yday
    new = day + 5 if day <= 355 else day - 5
    return _join(_replace_in_line(lines, i, f" {day:03d}{c.spec.when:%H%M}", f" {new:03d}{c.spec.when:%H%M}")), i + 1


def filed_before_dtg(c: Rendered, data: st.DataObject) -> Result:
    if not _routed(c):
        return None
    lines = _lines(c)
    i = _de_index(lines)
    w = c.spec.when
    filed = w - timedelta(minutes=5)
    return _join(_replace_in_line(lines, i, f" {w.timetuple().tm_yday:03d}{w:%H%M}", f" {filed.timetuple().tm_yday:03d}{filed:%H%M}")), i + 1


def change_de_serial(c: Rendered, data: st.DataObject) -> Result:
    if not _routed(c):
        return None
    lines = _lines(c)
    i = _de_index(lines)
    old = f"#{c.spec.serial % 10000:04d}"
    return _join(_replace_in_line(lines, i, old, f"#{(c.spec.serial + 1) % 10000:04d}")), i + 1


def change_fl5_precedence(c: Rendered, data: st.DataObject) -> Result:
    if not _routed(c):
        return None
    lines = _lines(c)
    i = _de_index(lines) + 2
    new = "P" if c.spec.precedence == "R" else "R"
    return _join(_replace_in_line(lines, i, c.spec.precedence + " ", new + " ")), i + 1


def origin_mismatch(c: Rendered, data: st.DataObject) -> Result:
    if c.spec.header not in ("routing", "xyz", "legacy"):
        return None
    other = "AMEMBASSY OSLO" if "OSLO" not in c.spec.post[1] else "AMEMBASSY ROME"
    lines = _lines(c)
    i = lines.index(f"FM {c.spec.post[1]}")
    out = list(lines)
    out[i] = f"FM {other}"
    return _join(out), i + 1


# file level


def _content_line(c: Rendered, data: st.DataObject) -> int:
    lines = _lines(c)
    return data.draw(st.sampled_from([i for i, t in enumerate(lines) if t]), label="line")


def residue(c: Rendered, data: st.DataObject) -> Result:
    lines = _lines(c)
    i = _content_line(c, data)
    junk = data.draw(st.sampled_from(("<br>", "&amp;", "&#x000A;", '<a href="#x">')), label="residue")
    out = list(lines)
    out[i] = lines[i] + junk
    return _join(out), i + 1


def control_character(c: Rendered, data: st.DataObject) -> Result:
    lines = _lines(c)
    i = _content_line(c, data)
    ch = data.draw(st.sampled_from([chr(n) for n in range(32) if chr(n) not in "\t\n\r"]), label="control")  # C0 only: DEL is not one
    at = data.draw(st.integers(0, len(lines[i])), label="column")
    out = list(lines)
    out[i] = lines[i][:at] + ch + lines[i][at:]
    return _join(out), i + 1


def trailing_whitespace(c: Rendered, data: st.DataObject) -> Result:
    lines = _lines(c)
    i = _content_line(c, data)
    out = list(lines)
    out[i] = lines[i] + data.draw(st.sampled_from((" ", "  ", "\t")), label="blank")
    return _join(out), i + 1


def crlf_line(c: Rendered, data: st.DataObject) -> Result:
    lines = _lines(c)
    i = data.draw(st.integers(0, len(lines) - 2), label="line")
    out = list(lines)
    out[i] = lines[i] + "\r"
    return _join(out), i + 1


def long_line(c: Rendered, data: st.DataObject) -> Result:
    if c.spec.unwrapped or not c.spec.paras:
        return None  # the unwrapped rendering has long lines already
    p = data.draw(st.sampled_from(c.spec.paras), label="paragraph")
    return _insert_after_head(c, p, " ".join(["officials"] * 8))


KINDS: dict[str, tuple[str, Mutation]] = {
    "delete-eo": ("H001", delete_eo),
    "damage-eo-order": ("H002", damage_eo_order),
    "eo-order-for-another-date": ("H003", eo_order_for_another_date),
    "na-on-classified": ("H004", na_on_classified),
    "delete-tags": ("H005", delete_tags),
    "unknown-tag": ("H007", unknown_tag),
    "delete-subject": ("H008", delete_subject),
    "swap-eo-and-tags": ("H010", swap_eo_and_tags),
    "duplicate-tags": ("H011", duplicate_tags),
    "decl-forty-years": ("H012", decl_forty_years),
    "delete-class-line": ("C001", delete_class_line),
    "damage-class-line": ("C002", damage_class_line),
    "marker-above-level": ("C003", marker_above_level),
    "delete-classified-by": ("C004", delete_classified_by),
    "classified-by-on-unclas": ("C005", classified_by_on_unclas),
    "unknown-caveat": ("C006", unknown_caveat),
    "nf-without-noforn": ("C007", nf_without_noforn),
    "sbu-without-sensitive": ("C008", sbu_without_sensitive),
    "skip-paragraph-number": ("P001", skip_paragraph_number),
    "lower-case-marker": ("P003", lower_case_marker),
    "marker-spacing": ("P004", marker_spacing),
    "skip-reference-label": ("X002", skip_reference_label),
    "undefined-reference": ("X003", undefined_reference),
    "ambiguous-reftel": ("X005", ambiguous_reftel),
    "reftel-without-reference": ("X006", reftel_without_reference),
    "paragraph-past-the-end": ("X007", paragraph_past_the_end),
    "future-reference": ("X008", future_reference),
    "remove-signature": ("S002", remove_signature),
    "impossible-section": ("S003", impossible_section),
    "corrupt-fl1": ("R001", corrupt_fl1),
    "bad-prosign": ("R002", bad_prosign),
    "damage-de-line": ("R003", damage_de_line),
    "impossible-dtg": ("R005", impossible_dtg),
    "bad-routing-indicator": ("R006", bad_routing_indicator),
    "shift-julian-day": ("R007", shift_julian_day),
    "change-fl4-code": ("R008", change_fl4_code),
    "change-de-serial": ("R009", change_de_serial),
    "change-fl5-precedence": ("R010", change_fl5_precedence),
    "filed-before-dtg": ("R012", filed_before_dtg),
    "origin-mismatch": ("A004", origin_mismatch),
    "residue": ("F004", residue),
    "control-character": ("F002", control_character),
    "long-line": ("F005", long_line),
    "trailing-whitespace": ("F006", trailing_whitespace),
    "crlf-line": ("F007", crlf_line),
}


@pytest.mark.parametrize("kind", list(KINDS))
@settings(max_examples=PER_KIND)
@given(cable=valid_cables(), data=st.data())
def test_injected_defect_is_found_at_its_line(kind: str, cable: Rendered, data: st.DataObject) -> None:
    code, mutate = KINDS[kind]
    made = mutate(cable, data)
    assume(made is not None)
    assert made is not None
    text, line = made
    found = [(d.code, d.span.line) for d in LINTER.lint_text(text)]
    assert (code, line) in found, f"{kind}: expected {code} at line {line}, got {sorted(d for d in found if d[0] == code) or found}\n{text}"
