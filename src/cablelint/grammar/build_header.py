"""The header half of the model builder: the preface, the ACP-127 routing lines and
the address block (FM, TO, INFO, XMT), as the parser reduces them."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import chain
from typing import Any, Callable

from cablelint.grammar.address_lines import continuation_keyword, joined_line, page_header_in_address, passing_line, second_addressees
from cablelint.grammar.build_host import BuilderHost
from cablelint.grammar.line_tokens import Token
from cablelint.grammar.patterns import field
from cablelint.grammar.read_address import read_addressee
from cablelint.grammar.read_de import read_de
from cablelint.grammar.read_dtg import read_dtg, zero_by_prosign
from cablelint.grammar.read_header import read_fl1, read_fl2, read_security
from cablelint.grammar.segment import Seg
from cablelint.model import Addressee, Problem, Routing, Text
from cablelint.quote import clip
from cablelint.span import Span

# The address block's keywords in their order (2.6).
_ADDRESS_ORDER = ("FM", "TO", "INFO", "XMT")
_JOINED_FL5 = field("JOINED_FL5")


def _address_parts(seg: Seg) -> list[Seg]:
    """An address line, or its two parts when another address line is run on into it."""
    cut = joined_line(seg.text)
    if cut is None:
        return [seg]
    return [seg.sub(0, cut[0]), seg.sub(cut[1])]


class HeaderBuilder(BuilderHost):
    """Mixed into :class:`~cablelint.grammar.build.CableBuilder`: its preface, routing
    and address-block callbacks."""

    def _header_reaches(self, end: int) -> None:
        """The header (routing, FM line or address block) read down to line *end*;
        not one moved below the classification line or among the captions (S001
        names it), which ends no header: the text starts above it ("E.O. 12958: N/A"
        / "TO SECSTATE WASHDC" with no classification line: C001 stands at the E.O.
        line, where the classification line belongs, not under the TO line)."""
        p = self.p
        if p.classification is None and not p.captions and not p.caveats:
            p.header_end = max(p.header_end, end)

    def preface_item(self, children: list[Token]) -> None:
        tok = children[0]
        if tok.type != "BLANK":
            self.p.preface.append(self._text(tok))

    def wrapper(self, children: list[Any]) -> None:
        # its first lines, or the wrapper so far (built nothing) and the line just added
        for tok in children:
            if isinstance(tok, Token) and tok.type != "BLANK":
                self.p.preface.append(self._text(tok))
                self.p.wrapper_lines += 1

    def header_gap(self, children: list[Token]) -> None:
        if children[0].type != "BT_LINE":  # (the separator before the text: nothing to keep)
            self.preface_item(children)

    def fl2(self, children: list[Token]) -> Any:
        lines = [self.seg(t) for t in children if t.type != "BLANK"]
        return read_fl2(lines[0], lines[1:])

    def fl3(self, children: list[Token]) -> Any:
        seg = self.seg(children[0])
        cut = field("JOINED_FL4").search(seg.text) if "ZN" in seg.text else None
        if cut is None:
            return read_de(seg)
        # the security line run on to the DE line: both read, the lost line break reported
        return _run_on_next(seg, cut, read_de, read_security, "de_line", "the security line", "the DE line")

    def fl4(self, children: list[Token]) -> Any:
        seg = self.seg(children[0])
        cut = _JOINED_FL5.search(seg.text)
        if cut is None:
            return read_security(seg)
        # the date-time group line run on to the security line
        return _run_on_next(seg, cut, read_security, read_dtg, "security_line", "the precedence and date-time group line", "the security line")

    def fl5(self, children: list[Token]) -> Any:
        return read_dtg(self.seg(children[0]))

    def routing(self, children: list[Any]) -> None:
        fl1 = read_fl1(self.seg(children[0]))
        # (a format line run on to the one above comes with it, in a list)
        read = [c for c in children[1:] if not isinstance(c, Token)]
        parts = {type(c).__name__: c for c in chain.from_iterable(c if isinstance(c, list) else (c,) for c in read)}
        last = [c for c in children if not (isinstance(c, Token) and c.type == "BLANK")][-1]
        end = last.end_line if isinstance(last, Token) else (last[-1] if isinstance(last, list) else last).span.end_line
        self.p.routing = Routing(
            fl1.span.cover(self.src.lines[end - 1].span()),
            fl1,
            parts.get("PrecedenceLine"),
            parts.get("DeLine"),
            parts.get("SecurityLine"),
            # (a zero for FL5's precedence letter named with the prosign's letter)
            zero_by_prosign(parts["DtgLine"], parts.get("PrecedenceLine")) if "DtgLine" in parts else None,
        )
        self._header_reaches(end)

    def late_routing(self, children: list[Any]) -> None:
        if self.p.routing is not None:
            self.p.late_captions.append(("routing", self.p.routing.transmission_id.span))

    def late_address(self, children: list[Any]) -> None:
        if isinstance(children[0], list):
            # TO, INFO or XMT lines without an FM line: each block at its first line
            self.p.late_captions.extend(children[0])
        # (its own FM line: the header may have had one, which stays the cable's)
        elif self.p.last_fm is not None:
            self.p.late_captions.append(("address", self.p.last_fm))

    def late_lines(self, children: list[Any]) -> list[tuple[str, Span]]:
        return list(children)

    def late_header(self, children: list[Any]) -> Any:
        # the date-time group line over a moved address block: the cable's, when the
        # header has none (S001 names it with the block); the block's own result on
        dtg = read_dtg(self.seg(children[0]))
        if self.p.routing is None and self.p.legacy_dtg is None:
            self.p.legacy_dtg = dtg
        self.p.late_captions.append(("dtg", dtg.span))
        # (alone, its address block lost: no lines of the block to name)
        return children[1] if len(children) > 1 else []

    def address_header(self, children: list[Any]) -> None:
        # TO or INFO lines at the top, with no FM line or DTG line above them (A001)
        self.p.address_header = True

    def legacy_header(self, children: list[Any]) -> None:
        self.p.legacy_dtg = read_dtg(self.seg(children[0]))
        self.p.header_end = max(self.p.header_end, children[0].line)

    def from_line(self, children: list[Any]) -> None:
        # the FM line; or the FM lines so far (which built nothing) and one more under them
        seg, *run_on = _address_parts(self.seg(children[-1]))
        if len(children) > 1:
            self._second_fm(seg)
        else:
            line = read_addressee(seg, "FM", True)
            if self.p.from_line is None:  # a second FM block does not replace the first
                self.p.from_line = line
            self.p.last_fm = line.span
        for part in run_on:
            self._keyword_line(part, "FM", True)
        self._header_reaches(children[-1].end_line)

    def _second_fm(self, seg: Seg) -> None:
        """An FM line after the cable's FM line, in the address block: reported on that
        one, at its keyword and the indent before it (A003). One finding: the line is
        to go, and its indent with it."""
        fm = self.p.from_line
        assert fm is not None
        lead = len(seg.text) - len(seg.text.lstrip(" \t"))
        keyword = seg.text[lead:].split(None, 1)[0].split("/", 1)[0]  # FM, or FROM, fm ...
        indented = ", indented," if lead else ","
        why = f"a second FM line{indented} after the one on line {fm.span.line}: expected one FM line"
        self.p.from_line = replace(fm, problems=(*fm.problems, Problem("address_order", seg.span(0, lead + len(keyword)), why)))

    def _address_block(self, children: list[Token], role: str) -> tuple[str, Span]:
        """A TO, INFO or XMT block. A line under it that starts with an address keyword
        (a second TO line, a TO line after INFO), or a line run on into an address line
        ("... 0412 INFO RUEHZK/..."), opens that keyword's addressees, and is reported
        where it stands. Returns the block's kind for S001 (``to``, ``info``, ``xmt``)
        and its first line's span, for a block that stands out of its place."""
        lists = {"TO": self.p.to, "INFO": self.p.info, "XMT": self.p.xmt}
        current = role
        segs = self._segs(children)
        first = len(lists[role])
        for k, whole in enumerate(segs):
            if page_header_in_address(whole.text):
                continue  # a page header of a printed copy, after the keyword or not: no addressee
            if k and passing_line(whole.text):
                self._passing_line(whole, current, lists[current])
                continue
            for part, seg in enumerate(_address_parts(whole)):
                keyword = continuation_keyword(seg.text) if k or part else None
                if keyword is None:
                    lists[current].extend(self._addressees(seg, current, k == 0))
                else:
                    current = self._keyword_line(seg, current, part > 0)
        alone = segs[0].text.strip().upper()
        if len(segs) > 1 and alone.rstrip(": \t") == role and len(lists[role]) > first + 1:
            # the keyword alone ("INFO", "INFO:"), its first addressee on the line under
            # it: say where it is
            lists[role][first] = _address_below(lists[role][first], segs[1].text.strip(), alone != role)
        self._header_reaches(children[-1].end_line)
        return role.lower(), segs[0].strip_span()

    def _passing_line(self, seg: Seg, current: str, addressees: list[Addressee]) -> None:
        """A passing or attention line inside the *current* block ("PASS TO USAID FOR
        AA/LAC"): no addressee, but the attention line it is, out of its place (real
        cables write it under the classification line, 3.3); reported (A003) with the
        addressee above it, the block read on under it."""
        text = seg.text.strip()
        self.p.header_attention.append(Text(text, seg.strip_span()))
        why = f"passing line '{clip(text)}' stands in the {current} block: expected it under the classification line, with the attention lines"
        last = addressees[-1]
        addressees[-1] = replace(last, problems=(*last.problems, Problem("address_order", seg.strip_span(), why)))

    def _addressees(self, seg: Seg, role: str, keyword: bool) -> list[Addressee]:
        """The addressees of an address line without a keyword inside it: one, or one
        for each addressee run on into it, each of those reported where it starts."""
        cuts = second_addressees(seg.text, keyword)
        if not cuts:
            return [read_addressee(seg, role, keyword)]
        ends = [end for end, _ in cuts[1:]] + [len(seg.text)]
        found = [read_addressee(seg.sub(0, cuts[0][0]), role, keyword)]
        for (_, begin), end in zip(cuts, ends):
            piece = seg.sub(begin, end)
            line = read_addressee(piece, role, False)
            why = f"a second addressee '{clip(piece.text)}' on one address line: expected one addressee per line"
            found.append(replace(line, problems=(Problem("addressee", piece.span(), why), *line.problems)))
        return found

    def _keyword_line(self, seg: Seg, current: str, run_on: bool) -> str:
        """Read an address line with its keyword that stands where it should not, in
        the *current* block, as the first of its keyword's addressees (or as the FM
        line), reported at the keyword; the block the lines after it belong to."""
        keyword = continuation_keyword(seg.text)
        assert keyword is not None
        line = read_addressee(seg, keyword, True)
        lead = len(seg.text) - len(seg.text.lstrip(" \t"))  # (an indented line: A003 names the indent)
        written = seg.text[lead:].split(None, 1)[0]
        at = seg.span(lead, lead + len(written))
        slip = ""
        if written != keyword:
            # the keyword misspelt ("T0 AMEMBASSY PARIS"): one slip, one finding, the
            # one that says where the line stands, naming the misspelling too (the
            # address reader's own finding at the keyword stands back)
            slip = f", '{clip(written)}' misspelt,"
            line = replace(line, problems=tuple(p for p in line.problems if not (p.field == "addressee" and p.span == at)))
        if keyword == "FM":
            if self.p.from_line is not None:
                self._second_fm(seg)
            else:
                why = f"the FM line{slip} stands in the {current} block: expected it first in the address block, before the TO line"
                self.p.from_line = replace(line, problems=(Problem("address_order", at, why), *line.problems))
            return current
        if run_on:
            why = f"'{clip(written)}' starts a new address line inside this one: expected {keyword} at the start of a line of its own"
        elif keyword == current:
            why = f"a second {keyword} line{slip.rstrip(',')}: expected this addressee under the first {clip(keyword)} line, without '{clip(written)}'"
        else:
            why = f"the {keyword} line{slip} stands in the {current} block: expected {' before '.join(sorted((keyword, current), key=_ADDRESS_ORDER.index))}"
        lists = {"TO": self.p.to, "INFO": self.p.info, "XMT": self.p.xmt}
        lists[keyword].append(replace(line, problems=(Problem("address_order", at, why), *line.problems)))
        return keyword

    def to_block(self, children: list[Token]) -> tuple[str, Span]:
        return self._address_block(children, "TO")

    def info_block(self, children: list[Token]) -> tuple[str, Span]:
        return self._address_block(children, "INFO")

    def xmt_block(self, children: list[Token]) -> tuple[str, Span]:
        return self._address_block(children, "XMT")

def _address_below(line: Addressee, below: str, colon: bool) -> Addressee:
    """The address line that holds its keyword alone (*line*), its problem said again:
    its first addressee is the line under it (*below*), to be written after the keyword
    (without the colon written after it, when *colon*)."""
    keyword = line.role
    stray = (" and a stray ':' after its keyword", ", without the ':'") if colon else ("", "")
    why = f"{keyword} line has no address{stray[0]}: expected its first addressee after {keyword}{stray[1]}, on this line, not on the line under it ('{clip(below)}')"
    problems = tuple(replace(p, message=why) if p.field == "addressee" and p.span.start == p.span.end else p for p in line.problems)
    return replace(line, problems=problems)


def _run_on_next(seg: Seg, cut: re.Match[str], read_line: Callable[[Seg], Any], read_next: Callable[[Seg], Any], field: str, next_name: str, line_name: str) -> list[Any]:
    """A format line with the next one run on to it at *cut*: both read, and the lost
    line break reported on the first, at the second's text."""
    line, after = read_line(seg.sub(0, cut.start())), read_next(seg.sub(cut.end()))
    shown = seg.text[cut.end() :].strip()
    lost = Problem(field, after.span, f"{next_name} '{clip(shown)}' is run on to {line_name}: expected it on a line of its own, under {line_name}")
    return [replace(line, problems=(*line.problems, lost)), after]

