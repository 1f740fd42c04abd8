"""Readers for the routing header's lines FL1, FL2 and FL4 (transmission identifier,
precedence line, security line), and the line helpers that the readers of the DE line
(read_de), the date-time group line (read_dtg) and the address block (read_address)
share with them."""

from __future__ import annotations

from typing import Optional

from cablelint.compiled import regex
from cablelint.grammar.patterns import field
from cablelint.grammar.segment import Seg
from cablelint.model import (
    SECURITY_FOR_WARNING,
    PrecedenceLine,
    Problem,
    SecurityLine,
    Text,
    TransmissionId,
)
from cablelint.quote import clip

_FL1 = field("FL1_SHAPE")
_FL1_STRICT = field("FL1_STRICT")
_FL2 = field("FL2_SHAPE")
_PROSIGN = field("PROSIGN")
_RI = field("ROUTING_INDICATOR")
_SEC = field("SECURITY_SHAPE")
_SECWARN = field("SECURITY_WARNING")
_SECCODE = field("SECURITY_CODE")
_OPSIG = field("OPERATING_SIGNAL")
_WORD = regex(r"\S+")
_BLANKS = regex(r"[ \t]+")


def ri_problems(items: list[Text], where: str) -> list[Problem]:
    out = []
    for t in items:
        if _RI.fullmatch(t.text):
            continue
        if _RI.fullmatch(t.text.rstrip(",")):
            why = "has a stray comma: expected routing indicators separated by spaces"
        elif _RI.fullmatch(t.text.upper()):
            why = f"is not in capitals: expected {clip(t.text.upper())}"
        else:
            why = "is malformed: expected R followed by 3-6 capital letters (e.g. RUEHC)"
        out.append(Problem("routing_indicator", t.span, f"routing indicator '{clip(t.text)}' in the {where} {why}"))
    return out


def read_fl1(seg: Seg) -> TransmissionId:
    m = _FL1.fullmatch(seg.text)
    assert m is not None  # FL1_LINE guarantees a VZCZC prefix, if damaged
    keyword, rest = m.group("fl1_kw", "fl1_rest")
    at = m.end("fl1_kw")
    written = seg.text[m.end("fl1_indent") :]
    problems = []
    if at > len(keyword):
        problems.append(seg.problem("transmission_id", 0, at - len(keyword), f"transmission identifier '{clip(written)}' is indented: expected it at the start of the line"))
    # a blank inside it (a tab where a drafter's editor put one): read without it
    blanks = list(_BLANKS.finditer(rest)) if " " in rest or "\t" in rest else []
    compact = _BLANKS.sub("", rest) if blanks else rest
    if keyword != "VZCZC":
        problems.append(
            seg.problem(
                "transmission_id",
                at - len(keyword),
                at,
                f"transmission identifier '{clip(written)}' starts with '{clip(keyword)}': expected VZCZC, then the channel designator and sequence number ('VZCZC{clip(compact.upper())}')",
            )
        )
    elif not _FL1_STRICT.fullmatch(compact):
        problems.append(
            seg.problem(
                "transmission_id",
                at,
                len(seg.text),
                f"transmission identifier '{clip(written)}' is malformed: expected VZCZC, a 3-letter channel designator and a 3-4 digit sequence number (e.g. VZCZCXRO6957)",
            )
        )
    else:
        for b in blanks:
            problems.append(
                seg.problem("transmission_id", at + b.start(), at + b.end(), f"{blank_word(b.group())} in the transmission identifier '{clip(written)}': expected none ('VZCZC{clip(compact)}')")
            )
    keep = [i for i, c in enumerate(rest) if c not in " \t"] if blanks else range(len(rest))
    channel = Text(compact[:3], seg.span(at + keep[0], at + keep[min(3, len(keep)) - 1] + 1)) if keep else None
    seq = Text(compact[3:], seg.span(at + keep[3], at + keep[-1] + 1)) if len(keep) > 3 else None
    return TransmissionId(seg.span(), channel, seq, tuple(problems))


def blank_word(blanks: str) -> str:
    """What the run of spaces and tabs *blanks* is called in a message."""
    return "space" if "\t" not in blanks else ("tab" if " " not in blanks else "blank")


def unindented(seg: Seg, field: str, what: str) -> tuple[Seg, Optional[Problem]]:
    """A header line indented by blanks (the line terminals take them, so that the line
    is read as what it is): the line to read, without them, and one problem at them;
    the line as it is and None when it starts at the start of the line."""
    text = seg.text
    if seg.begin or text[:1] not in (" ", "\t"):
        return seg, None
    lead = len(text) - len(text.lstrip(" \t"))
    rest = seg.sub(lead)
    return rest, seg.problem(field, 0, lead, f"{what} '{clip(rest.text)}' is indented: expected it at the start of the line")


def in_capitals(seg: Seg, field: str, what: str) -> tuple[Seg, Problem]:
    """A down-cased line as one finding, and the line to read instead: the capitals
    it stands for, at the same positions."""
    upper = seg.text.upper()
    if len(upper) != len(seg.text):  # "ß" is "SS": keep such letters, and the positions
        upper = "".join(c.upper() if len(c.upper()) == 1 else c for c in seg.text)
    problem = seg.problem(field, 0, len(seg.text), f"{what} is not in capitals: expected '{clip(upper)}'")
    return Seg(seg.line, seg.begin, upper), problem


def _down_cased(text: str) -> bool:
    """Whether the precedence line *text* was typed in lower case: its prosign and a
    routing indicator after it down-cased, and no word in mixed case; the capitals of
    what is run on to it ("rr ruehcd DE RUEHBU #1594/01 ...") do not make it a line of
    one slip per word."""
    words = text.split()
    if len(words) < 2 or not words[0].islower() or _PROSIGN.fullmatch(words[0].upper()) is None:
        return False
    return any(w.islower() for w in words[1:]) and all(w.islower() or w == w.upper() for w in words[1:])


def read_fl2(first: Seg, more: list[Seg]) -> PrecedenceLine:
    problems: list[Problem] = []
    first, indent = unindented(first, "precedence_line", "precedence line")
    if indent is not None:
        problems.append(indent)
    lowered: Optional[Problem] = None
    if first.text.islower() or _down_cased(first.text):
        first, lowered = in_capitals(first, "precedence_line", "precedence line")
        problems.append(lowered)
    m = _FL2.fullmatch(first.text)
    assert m is not None
    prosign = first.group(m, "fl2_prosign")
    ris: list[Text] = []
    if prosign is not None and _PROSIGN.fullmatch(prosign.text[:2]) and _RI.fullmatch(prosign.text[2:]):
        # "OORUEHBC": the prosign run into the first routing indicator, both read
        at = m.start("fl2_prosign")
        ris.append(Text(prosign.text[2:], first.span(at + 2, at + len(prosign.text))))
        problems.append(first.problem("prosign", at, at + len(prosign.text), f"precedence prosign '{clip(prosign.text[:2])}' is run into the routing indicator '{clip(prosign.text[2:])}': expected a space between them"))
        prosign = Text(prosign.text[:2], first.span(at, at + 2))
    elif prosign is not None and "0" in prosign.text and _PROSIGN.fullmatch(prosign.text.replace("0", "O")):
        # "0O RUEHBS": a zero typed for the letter O (cable.lark's FL2_LINE); read as OO
        problems.append(Problem("prosign", prosign.span, f"precedence prosign '{clip(prosign.text)}' has a zero for the letter O: expected OO"))
        prosign = Text("OO", prosign.span)
    elif prosign is not None and not _PROSIGN.fullmatch(prosign.text):
        problems.append(
            Problem(
                "prosign",
                prosign.span,
                f"precedence prosign '{clip(prosign.text)}' is not in capitals: expected {clip(prosign.text.upper())}"
                if _PROSIGN.fullmatch(prosign.text.upper())
                else f"precedence prosign '{clip(prosign.text)}' is malformed: expected ZZ, OO, PP or RR",
            )
        )
    start = m.start("fl2_ris")
    for w in _WORD.finditer(m.group("fl2_ris")):
        ris.append(Text(w.group(), first.span(start + w.start(), start + w.end())))
    for seg in more:
        seg, indent = unindented(seg, "precedence_line", "continuation line of the precedence line")
        if indent is not None:
            problems.append(indent)
        if seg.text.islower() and lowered is not None:
            # the line's continuation down-cased with it: the one slip's one finding
            seg = Seg(seg.line, seg.begin, seg.text.upper())
            at = problems.index(lowered)
            problems[at] = lowered = Problem(lowered.field, lowered.span.cover(seg.span()), lowered.message)
        elif seg.text.islower():
            seg, problem = in_capitals(seg, "precedence_line", "continuation line of the precedence line")
            problems.append(problem)
        for w in _WORD.finditer(seg.text):
            if w.group()[0] not in "Rr":
                # a continuation line holds only routing indicators (2.2): "RUEHZL 1234"
                problems.append(
                    seg.problem(
                        "precedence_line",
                        w.start(),
                        w.end(),
                        f"'{clip(w.group())}' on a continuation line of the precedence line is not a routing indicator: expected only routing indicators there (e.g. RUEHMA RUEHPA)",
                    )
                )
                continue
            ris.append(Text(w.group(), seg.span(w.start(), w.end())))
    if not ris:
        problems.append(
            first.problem(
                "precedence_line",
                len(first.text),
                len(first.text),
                "precedence line has no routing indicators: expected the prosign followed by routing indicators (e.g. RR RUEHMA RUEHPA)",
            )
        )
    problems.extend(ri_problems(ris, "precedence line"))
    span = first.span()
    if more:
        span = span.cover(more[-1].span())
    return PrecedenceLine(span, prosign, tuple(ris), tuple(problems))


def read_security(seg: Seg) -> SecurityLine:
    problems: list[Problem] = []
    seg, indent = unindented(seg, "security_line", "security line")
    if seg.text[:2] == "zn":
        seg, problem = in_capitals(seg, "security_line", "security line")
        problems.append(problem)
    m = _SEC.fullmatch(seg.text)
    assert m is not None
    warning = seg.group(m, "sec_warn")
    code = seg.group(m, "sec_code")
    if warning is not None and not _SECWARN.fullmatch(warning.text):
        problems.append(Problem("security_line", warning.span, f"security warning '{clip(warning.text)}' is malformed: expected ZNR or ZNY"))
    elif warning is not None and code is not None and code.span.start == warning.span.end:  # "ZNYCCCCC"
        problems.append(Problem("security_line", warning.span.cover(code.span), f"'{clip(warning.text)}{clip(code.text)}' has no space between the security warning and the classification code: expected '{clip(warning.text)} {clip(code.text)}'"))
    if code is None:
        problems.append(seg.problem("security_line", len(seg.text), len(seg.text), "security line has no classification code: expected UUUUU, EEEEE, CCCCC, SSSSS or TTTTT"))
    elif not _SECCODE.fullmatch(code.text):
        problems.append(Problem("security_line", code.span, f"classification code '{clip(code.text)}' is malformed: expected UUUUU, EEEEE, CCCCC, SSSSS or TTTTT"))
    elif warning is not None and warning.text in SECURITY_FOR_WARNING and code.text not in SECURITY_FOR_WARNING[warning.text]:
        allowed = " or ".join(SECURITY_FOR_WARNING[warning.text])
        other = next((w for w, codes in SECURITY_FOR_WARNING.items() if code.text in codes), None)
        instead = f", or {other} {clip(code.text)}" if other is not None else ""
        problems.append(Problem("security_line", code.span, f"classification code '{clip(code.text)}' does not go with security warning {warning.text}: expected {warning.text} {allowed}{instead}"))
    signals: list[Text] = []
    start = m.start("sec_rest")
    rest = m.group("sec_rest")
    for w in _WORD.finditer(rest):
        word = w.group()
        if _OPSIG.fullmatch(word):
            signals.append(Text(word, seg.span(start + w.start(), start + w.end())))
            continue
        if word.startswith("(") or signals:
            break  # a parenthesised tag or relay data after an operating signal
        problems.append(
            seg.problem("security_line", start + w.start(), start + w.end(), f"unexpected '{clip(word)}' on the security line: expected Z operating signals such as ZZH")
        )
        break
    if code is not None and not any(signal.text == "ZZH" for signal in signals) and not any(p.field == "security_line" for p in problems):
        # every real FL4 carries ZZH: a required constant (cable-format.md 2.4, 6.1)
        shown = f"{warning.text} {clip(code.text)} ZZH" if warning is not None else f"{clip(code.text)} ZZH"
        problems.append(seg.problem("security_line", start, start, f"security line has no ZZH: expected it after the classification code ('{clip(shown)}')"))
    if indent is not None:  # (after the ZZH check, which the line's other problems stop)
        problems.insert(0, indent)
    return SecurityLine(seg.span(), warning, code, tuple(signals), tuple(problems))
