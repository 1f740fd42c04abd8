"""From parse to model: a Lark Transformer that reads each part with its reader.

The builder runs *inline*: Lark calls its methods as the LALR parser reduces each rule,
so no parse tree is ever built. One builder belongs to the cached parser, so its
per-cable state lives in :meth:`CableBuilder.begin`/:meth:`CableBuilder.end`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable, Optional

from lark import Transformer

from cablelint.compiled import regex
from cablelint.data import load_tags
from cablelint.grammar.address_lines import passing_line
from cablelint.grammar.assemble import fm_plad, read_part
from cablelint.grammar.build_body import BodyBuilder
from cablelint.grammar.build_header import HeaderBuilder
from cablelint.grammar.line_tokens import LineBlock, LineError, Token
from cablelint.grammar.parts import Parts
from cablelint.grammar.patterns import field
from cablelint.grammar.read_body import read_page_header
from cablelint.grammar.read_captions import heading_after_classified_by, read_classified_by, read_eo, read_subject
from cablelint.grammar.read_caveat_runs import caveat_or_slip, caveat_run, caveats_after_caveat, loose_caveats, read_caveats, release_comma, spaced_caveat, written_caveat
from cablelint.grammar.read_classline import misspelt_class_line, split_class_rest, split_post_line
from cablelint.grammar.read_release import release_line
from cablelint.grammar.read_refs import read_refs, starts_ref_item
from cablelint.grammar.read_tags import mostly_tags, read_tags
from cablelint.grammar.segment import Seg
from cablelint.grammar.source import Source
from cablelint.model import Caveat, Problem, Subject, Text
from cablelint.quote import clip
from cablelint.span import Span

_CAPTION_TERMS = [
    ("CAVEAT_LINE", "caveat"),
    ("EO_LINE", "eo"),
    ("TAGS_LINE", "tags"),
    ("SUBJECT_LINE", "subject"),
    ("REF_LINE", "refs"),
    ("CLSBY_LINE", "classified_by"),
]
_RUN_ON = field("RUN_ON_CAPTION")
_RUN_ON_CLSBY = field("RUN_ON_CLSBY")
_RUN_ON_PASS = field("RUN_ON_PASS")
_CLASS_SHAPE = field("CLASS_SHAPE")  # what split_class_rest reads
# a word with a digit, then a slash or comma ('ABC123456//NOFORN//ORCON', where the
# post and serial go): the word run on, and the caveats after it read (C002, C006)
# (letters first, then the first digit: one way to read a word)
_DIGIT_WORD = regex(r"[ \t]*(?P<word>[A-Za-z]*\d[A-Za-z0-9]*)(?=[ \t]*[/,])")
_CAVEAT_NAME = field("KNOWN_CAVEAT")
_ATTN_SHAPE = field("ATTN_SHAPE")
_SPACED = field("SPACED_LETTERS")
_PIECES = regex(r"[ \t]{2,}")


class CableBuilder(HeaderBuilder, BodyBuilder, Transformer):  # type: ignore[type-arg]
    """Turns the rules of one cable's parse into model parts, as they are reduced.

    The parser that owns the builder is built once per process, so one builder serves
    every parse: :meth:`begin` gives it a fresh cable and :meth:`end` takes the parts
    out and leaves nothing behind. One parse at a time (the caller holds a lock).
    """

    def __init__(self, line_patterns: Optional[dict[str, Any]] = None) -> None:
        super().__init__(visit_tokens=False)
        self._line_patterns: dict[str, Any] = line_patterns or {}
        self.src: Source = None  # type: ignore[assignment]
        self.p: Parts = None  # type: ignore[assignment]

    def set_line_patterns(self, line_patterns: dict[str, Any]) -> None:
        self._line_patterns = line_patterns

    def begin(self, src: Source) -> None:
        """Start a new cable (also discards what an interrupted parse left)."""
        self.src = src
        self.p = Parts()

    def end(self) -> Parts:
        """The parts of the cable just parsed; the builder holds on to nothing."""
        self.copy_blocks()
        self.fold_list_items()
        self.headings_end_paragraphs()
        self.footer_ends_last_paragraph()
        self.signature_before_moved_captions()
        p = self.p
        self.src = None  # type: ignore[assignment]
        self.p = None  # type: ignore[assignment]
        return p

    # -- helpers ---------------------------------------------------------------
    def seg(self, tok: Token) -> Seg:
        return Seg.whole(self.src.lines[tok.line - 1])

    def _segs(self, children: list[Token]) -> list[Seg]:
        """A block's lines, one segment each (a LineBlock token holds several)."""
        lines = self.src.lines
        out = []
        for tok in children:
            if isinstance(tok, LineBlock):
                out.extend([Seg.whole(lines[k]) for k in tok.lines])
            else:
                out.append(self.seg(tok))
        return out

    def _text(self, tok: Token) -> Text:
        seg = self.seg(tok)
        return Text(seg.text.strip(), seg.strip_span())

    def _swallowed_eo(self, text: str) -> int:
        """Where an E.O. line starts inside an attention line that swallowed it, or -1."""
        at = text.find(" E.O. ")
        if at > 0 and self._line_patterns["EO_LINE"].fullmatch(text, at + 1):
            return at + 1
        return -1

    def _run_on(self, seg: Seg) -> None:
        """Read captions that an unwrapped rendering ran together on one line."""
        for piece in seg.split_at(_PIECES):
            for term, kind in _CAPTION_TERMS:
                if self._line_patterns[term].fullmatch(piece.text):
                    if kind == "refs":
                        # a REF list runs its items together with two spaces too
                        # ("REF: A. BRASILIA 1044  B. SAO PAULO 455"): the rest is the list
                        self._caption(kind, seg.sub(piece.begin - seg.begin), [])
                        return
                    self._caption(kind, piece, [])
                    break
            else:
                glued = _DIGIT_WORD.match(piece.text)
                caveats, rest, rest_at = loose_caveats(piece, piece.text[glued.end() :], glued.end(), False) if glued is not None else ([], "", 0)
                if glued is not None and caveat_run(caveats, rest):
                    # 'ABC123456//NOFORN', 'ABC123456,NOFORN', 'ABC123456//EXDIS DEPT FOR
                    # NEA': the word as it stands, each caveat read as after a serial (C006
                    # names one not known or behind a slip), the text after them run on
                    # when the first is a caveat ('ABC123//DEPT FOR NEA' is as it was)
                    self.p.attention.append(Text(glued.group("word"), piece.span(glued.start("word"), glued.end("word"))))
                    self.p.caveats.extend(caveats)
                    if rest.strip():
                        self._run_on(piece.sub(rest_at))
                elif release_line(piece):
                    # a release run on after the serial, its countries in a form not read
                    # ('SECRET RABAT 000612 REL TO USA, UK'): the release, for C006 to
                    # name, as on a line of its own; not an attention line
                    self._caption("caveat", piece, [])
                elif caveat_or_slip(piece.text.strip()):
                    # a caveat with a letter wrong run on ("... 000228  SIPIDS  STATE FOR ..."):
                    # a caveat, for C006 to name, not an attention line
                    self._caption("caveat", piece, [])
                else:
                    self.p.attention.append(Text(piece.text.strip(), piece.strip_span()))

    def _caption(self, kind: str, first: Seg, more: list[Seg]) -> None:
        p = self.p
        if kind == "caveat":
            found, rest = read_caveats(first)
            if not found and rest is not None and rest.text.strip() == first.text.strip():
                # a caveat with a letter wrong that starts with no word ("/NOFORN" after
                # the serial, its '//' written once): read as it stands, a caveat C006
                # names, not run on again (which would read the same piece for ever)
                p.caveats.append(Caveat(first.strip_span(), " ".join(first.text.split()).upper(), False))
                return
            p.caveats.extend(found)
            blanks = _blanks_before(first, rest) if found and rest is not None else None
            if found and rest is not None and rest.text[:1] == "/" != rest.text[1:2] and blanks is not None and found[-1].span.end + blanks == rest.span().start:
                # 'NOFORN/ORCON', '... 000712 NOFORN/ORCON': caveats behind one slash
                # after a caveat, read as on the classification line (C006 names the
                # slip); with text after them, when the first is a caveat or one with
                # a letter wrong ('NOFORN/EXDIS DEPT FOR NEA', 'NOFORN /EXDIS DEPT FOR
                # NEA'; not 'SIPDIS/STATE FOR EUR'); after blanks ('NOFORN /ORCON'), the
                # slash right before them. A stray mark after them ('NOFORN/ORCON/') is no
                # text: the punctuation after the last, which C006 names
                loose, after, after_at = loose_caveats(rest, rest.text, 0, True)
                tight = not blanks or rest.text[1:2] not in (" ", "\t")
                words_after = after if any(c.isalnum() for c in after) else ""
                if tight and caveats_after_caveat(loose, words_after):
                    if after.strip() and not words_after:
                        mark = after.strip()
                        mark_at = after_at + after.index(mark)
                        loose[-1] = replace(loose[-1], stop=Text(mark, rest.span(mark_at, mark_at + len(mark))))
                    comma = release_comma(rest, loose[-1], after_at) if loose and words_after.strip() else None
                    if comma is not None:
                        # 'NOFORN/REL TO USA/GBR, DEPT FOR EUR': the release's comma (C006)
                        # and the attention line after it, as after a release of its own
                        loose[-1], after_at = comma
                    p.caveats.extend(loose)
                    rest = rest.sub(after_at) if words_after.strip() else None
            if rest is not None:
                self._run_on(rest)
        elif kind == "eo":
            eo, tags_seg = read_eo(first)
            p.captions.append(("eo", eo))
            if tags_seg is not None:
                p.captions.append(("tags", read_tags(tags_seg, more)))
        elif kind == "tags":
            cut = field("TAGS_RUN_ON_SUBJECT").search(first.text) if "SUBJ" in first.text else None
            if cut is not None:
                # the SUBJECT line run on to the TAGS line: the lines under it are the subject's
                tags = read_tags(first.sub(0, cut.start()), [])
                at = first.sub(cut.end())
                colon = at.text.index(":")
                kw = at.text[:colon].rstrip()
                lost = Problem("tags", at.span(0, colon + 1), f"the {kw} line is run on to the TAGS line: expected '{clip(kw)}:' at the start of its own line")
                p.captions.append(("tags", replace(tags, problems=(*tags.problems, lost))))
                self._caption("subject", at, more)
                return
            more = self._subject_under_tags(first, more)
            p.captions.append(("tags", read_tags(first, more)))
        elif kind == "subject":
            p.subject_segs = []
            cut = _RUN_ON.search(first.text)
            glued = field("GLUED_REF").search(first.text) if cut is None and not more and "REF" in first.text else None
            if cut is not None and not more:
                p.captions.append(("subject", read_subject(first.sub(0, cut.start()), [])))
                self._run_on(first.sub(cut.end()))
            elif glued is not None:
                p.captions.append(("subject", read_subject(first.sub(0, glued.start()), [])))
                self._run_on(first.sub(glued.start()))
            else:
                p.subject_segs = [first, *more]
                p.captions.append(("subject", self._subject(first, more)))
        elif kind == "refs":
            passing = _RUN_ON_PASS.search(first.text) if not more else None
            if passing is not None and passing.start() > 0:
                # the rest is a passing line (and what runs on after it): no reference
                p.ref_segs = [first.sub(0, passing.start())]
                p.captions.append(("refs", read_refs(p.ref_segs[0], [])))
                self._run_on(first.sub(passing.end()))
                return
            cut = _RUN_ON_CLSBY.search(first.text)
            if cut is not None and cut.start() > 0:
                p.ref_segs = [first.sub(0, cut.start())]
                refs, span = read_refs(p.ref_segs[0], [])
                p.captions.append(("refs", (refs, span)))
                self._classified_by(first.sub(cut.end()), more)
                return
            p.ref_segs = [first, *more]
            refs, span = read_refs(first, more)
            p.captions.append(("refs", (refs, span)))
        elif kind == "classified_by":
            self._classified_by(first, more)

    def _classified_by(self, first: Seg, more: list[Seg]) -> None:
        """Read the Classified By caption; a block's heading run on at its end
        ("Summary -------") is the body's first block marker, not the caption's text."""
        first, more, heading = heading_after_classified_by(first, more)
        self.p.captions.append(("classified_by", read_classified_by(first, more)))
        if heading is not None:
            self.p.markers.append(heading)


    # Rules whose parts were read by the rules inside them: nothing to build (without a
    # method, Lark would make a tree of each for nobody).
    def _nothing(self, children: list[Any]) -> None:
        return None

    header = address = address_no_from = classified_text = anchored_text = _nothing
    captions = _nothing

    # -- captions -------------------------------------------------------------
    def class_line(self, children: list[Token]) -> None:
        # the FM line's whole PLAD ("AMEMBASSY DAR ES SALAAM", "USEU BRUSSELS"), for
        # the post after a release ("SECRET//REL TO USA, GBR DAR ES SALAAM 000193")
        line, run_on = split_class_rest(self.seg(children[0]), fm_plad(self.p))
        self.p.classification = line
        if run_on is not None:
            self._run_on(run_on)

    anchor_line = class_line  # (under captions moved above it: cable.lark's moved_top)

    def pre_part(self, children: list[Any]) -> None:
        if len(children) == 2:
            # TO, INFO or XMT lines moved among the handling captions: each block at its first line
            self.p.late_captions.extend(children[1])

    def pre_lines(self, children: list[Token]) -> None:
        # the line just added is the last child (the part so far, if any, built nothing)
        tok = children[-1]
        if tok.type != "BLANK":
            self._pre_line(tok)

    def _pre_line(self, tok: Token) -> None:
        """A handling caption or attention line before the captions proper."""
        first = self.p.classification is None and not self.p.attention and not self.p.caveats
        if tok.type in ("ODD_CAVEAT_LINE", "ATTN_LINE") and first and misspelt_class_line(self.seg(tok).text, alone=True):
            # the text's first line, its level misspelt ("UNCLASS BAMAKO 000341",
            # "C O N F I D E N I T A L"; C002)
            self.class_line([tok])
        elif tok.type == "CAVEAT_LINE":
            self._caption("caveat", self.seg(tok), [])
        elif tok.type == "ODD_CAVEAT_LINE":
            t = self._text(tok)
            if caveat_or_slip(t.text):  # a misspelt caveat ("NOFRON"; C006)
                self.p.caveats.append(Caveat(t.span, t.text.upper(), False))
            else:  # a one-word attention line ("CODEL"): its words are not checked (3.3)
                self.p.attention.append(t)
        elif tok.type == "ATTN_LINE":
            p = self.p
            seg = self.seg(tok)
            cls = p.classification
            under = seg.line.number - cls.span.end_line if cls is not None else 0
            if (
                cls is not None
                and cls.post is None
                and not p.attention
                and not p.caveats
                # right under it, or with one blank line between
                and (under == 1 or (under == 2 and not self.src.lines[cls.span.end_line].text))
            ):
                split = split_post_line(cls, seg, under == 2)
                if split is not None:  # "C O N F I D E N T I A L" / "ALGIERS 000045" (C002)
                    p.classification = split
                    return
            at = self._swallowed_eo(seg.text)
            head = seg.text.split(None, 1)
            if at < 0 and len(head) == 2 and _CAVEAT_NAME.fullmatch(head[0]):
                # a caveat with the attention line run on after it ("SIPDIS DEPT FOR
                # EUR/CE", 3.2): the caveat counts, the rest is read as it stands
                found, rest = read_caveats(seg)
                p.caveats.extend(found)
                if rest is not None:
                    self._run_on(rest)
            elif at < 0 and len(head) == 2 and caveat_or_slip(head[0]) and (caveats := _caveat_words(seg)) is not None:
                p.caveats.extend(caveats)  # "EXDISS NOFORN": a misspelt caveat (C006), then caveats
            elif at < 0 and (spaced := _SPACED.match(seg.text)) is not None and (caveat := spaced_caveat(spaced.group())) is not None:
                # "C O R R E C T E D  C O P Y", the words two blanks apart; with a letter
                # lost, "C O R R E C T E  C O P Y", an unknown caveat (C006)
                p.caveats.append(Caveat(seg.sub(spaced.start(), spaced.end()).strip_span(), *caveat))
            elif at < 0:
                p.attention.append(self._text(tok))
            else:  # "DEPT FOR WHA/BSC E.O. 12958: DECL: ..." (3.4): the E.O. line is the rest
                attention = seg.sub(0, at)
                p.attention.append(Text(attention.text.strip(), attention.strip_span()))
                self._caption("eo", seg.sub(at), [])
        elif tok.type == "LATE_CLASS_LINE":
            if self.p.classification is None and any(c.known for c in self.p.caveats):
                # handling captions came first: the classification line is out of place
                self.class_line([tok])
                self.p.late_captions.append(("class", self.seg(tok).strip_span()))
            elif self.p.classification is None:
                # what came before was a wrapper around the message; but the passing
                # lines right above the classification line ("PASS TO USAID FOR
                # AA/LAC"), under the header and the lines read as moved parts of it
                # (S001 names a line that parts these from the FM line), are the
                # cable's attention lines out of their place (3.3: S001)
                self.p.late_captions.extend(self._passing_lines_above())
                self.p.caveats.clear()
                self.class_line([tok])
            else:
                # a second banner such as "SECRET NOFORN" or "SECRET//NOFORN": its caveats
                # count, and a misspelt one ("SECRET NOFRON") is an unknown caveat (C006)
                line, _ = split_class_rest(self.seg(tok))
                caveats = list(line.caveats)
                if line.post is not None and line.serial is None:
                    caveats.append(written_caveat(line.post))  # ("SECRET NOFORN": the post read)
                if caveats and all(caveat_or_slip(c.name) for c in caveats):
                    self.p.caveats.extend(caveats)
                else:
                    self.p.attention.append(self._text(tok))

    def _passing_lines_above(self, moved: Iterable[Span] = ()) -> list[tuple[str, Span]]:
        """The passing lines read so far as attention lines above the classification
        line, and where they stand: the last of them, under the header and the lines
        read as moved parts of it. The attention lines above those were a wrapper's
        around the message, and go to the preface; but not one right above those or a
        caption moved (*moved*), one blank line between at most, written as an
        attention line is ("CODEL", "DEPT FOR EUR/NB"; a wrapper's line, "ID: 190648",
        "Viewing cable ...", "DRAFT", a name, is not): that line is the cable's, moved
        with them ("attention"). Not one above such a line: a stack of one-word lines
        ("CABLEGATE" / "DRAFT") is a wrapper's. The blank lines between passing lines
        are not counted."""
        p = self.p
        earlier: list[Text] = p.attention
        below = max((span.end_line for _, span in p.late_captions), default=p.header_end)
        tops = {span.line for span in moved}
        lines = self.src.lines
        k = len(earlier)
        while k and earlier[k - 1].span.line > below:
            t = earlier[k - 1]
            if passing_line(t.text):
                tops.add(t.span.line)
            else:
                under = t.span.end_line + 1
                if under <= len(lines) and not lines[under - 1].text.strip():
                    under += 1
                if not (under in tops and _attention_shape(t.text)):
                    break
            k -= 1
        p.preface.extend(earlier[:k])
        del earlier[:k]
        return [("passing" if passing_line(t.text) else "attention", t.span) for t in earlier]

    def moved_top(self, children: list[Any]) -> None:
        if children[-1] is True:
            return  # (a passing line under the part so far: passing_above read it)
        # captions and passing lines above the classification line, which heads the
        # text (cable.lark's moved_top): each moved part is named where it stands (S001)
        p = self.p
        moved = [(kind, _caption_span(kind, part)) for kind, part in p.captions]
        moved.extend(self._passing_lines_above([span for _, span in moved]))
        # the handling captions read so far stand above it too: each line once
        lines = {c.span.line: c.span for c in reversed(p.caveats)}
        moved.extend(("caveat", span) for span in lines.values())
        p.late_captions.extend(sorted(moved, key=lambda m: m[1].line))

    def passing_above(self, children: list[Any]) -> bool:
        tok = children[-1]
        if tok is not True and tok.type != "BLANK":
            text = self._text(tok)
            self.p.attention.append(text)
            self.p.late_captions.append(("passing", text.span))
        return True  # (what moved_top tells its own alternatives apart by)

    def main_part(self, children: list[Any]) -> None:
        # the item just added is the last child: a line, or a caption its own rule read
        # (built nothing); the part so far built nothing either
        tok = children[-1]
        if tok is None:
            return
        if isinstance(tok, list):
            # TO, INFO or XMT lines moved among the captions: each block at its first line
            self.p.late_captions.extend(tok)
            return
        if tok.type == "CAVEAT_LINE":
            self._caption("caveat", self.seg(tok), [])
        elif tok.type == "REF_MORE_LINE":
            self._ref_more(tok)
        elif tok.type == "PAGE_HEADER_LINE":
            ph = read_page_header(self.seg(tok))
            if ph is not None:
                self.p.page_headers.append(ph)
        elif tok.type == "MOVED_CLASS_LINE":
            # (a classification line only in a shape the class line's reader takes: the
            # terminal also fits a level spaced out part way, "CON FIDENTIAL A A 0000")
            if not _CLASS_SHAPE.fullmatch(self.seg(tok).text):
                self.src.errors.append(LineError(tok.line - 1, ()))  # S004 names it
                return
            if self.p.classification is None:
                self.class_line([tok])
            self.p.late_captions.append(("class", self.seg(tok).strip_span()))

    def _subject_under_tags(self, first: Seg, more: list[Seg]) -> list[Seg]:
        """The TAGS continuation lines that are the subject's: when the TAGS line
        stands right under the SUBJECT block (the two lines swapped), the last lines
        under it whose words are mostly no tags of the vocabulary ("COMPLETION",
        "COMMITTED TO FIGHT AL QAEDA") end the subject above, and are read with it. The
        TAGS lines that are left are returned."""
        p = self.p
        segs = p.subject_segs
        if not more or not p.captions or p.captions[-1][0] != "subject" or not segs or segs[-1].line.number != first.line.number - 1:
            return more
        keep = len(more)
        while keep and not mostly_tags(more[keep - 1].text, load_tags()):
            keep -= 1
        if keep == len(more):
            return more
        p.subject_segs = [*segs, *more[keep:]]
        p.captions[-1] = ("subject", self._subject(segs[0], p.subject_segs[1:]))
        return more[:keep]

    def _subject(self, first: Seg, more: list[Seg]) -> Subject:
        """The subject read from its lines; a blank line inside it, which the lexer
        passed over, is reported at the line after it (H009)."""
        subject = read_subject(first, more)
        lines = self.src.lines
        split = [
            b
            for a, b in zip([first, *more], more)
            if b.line.number > a.line.number + 1 and all(not lines[n - 1].text for n in range(a.line.number + 1, b.line.number))
        ]
        if not split:
            return subject
        found = tuple(Problem("subject", b.strip_span(), f"blank line inside the subject: expected '{clip(b.text.strip())}' directly under the line above it") for b in split)
        return replace(subject, problems=subject.problems + found)

    def _ref_more(self, tok: Token) -> None:
        """A labelled reference after a blank line: the REF block goes on when the
        REF block came last and the label is its next letter; otherwise the line is
        the first line of the text."""
        p, seg = self.p, self.seg(tok)
        refs = p.captions[-1][1][0] if p.captions and p.captions[-1][0] == "refs" else None
        labels = [(r.extra_label or r.label).text for r in refs or () if r.label is not None]  # as written first
        letter = seg.text.strip().lstrip("(")[:1].upper()
        near = labels and labels[-1] <= letter <= chr(ord(labels[-1]) + 2)  # X002 reports a gap
        if refs is None or not near or not starts_ref_item(seg):
            self.body_first([Token.new_borrow_pos("TEXT_LINE", tok.value, tok)])
            return
        p.ref_segs.append(seg)
        p.captions[-1] = ("refs", read_refs(p.ref_segs[0], p.ref_segs[1:]))

    def _block(self, kind: str, children: list[Token]) -> None:
        segs = self._segs(children)
        self._caption(kind, segs[0], segs[1:])

    def eo(self, children: list[Token]) -> None:
        self._block("eo", children)

    def tags(self, children: list[Token]) -> None:
        self._block("tags", children)

    def subject(self, children: list[Token]) -> None:
        self._block("subject", children)

    def refs(self, children: list[Token]) -> None:
        self._block("refs", children)

    def classified_by(self, children: list[Token]) -> None:
        self._block("classified_by", children)

    def _read_part(self, kind: str, number: int) -> Any:
        return read_part(self.src, kind, number, fm=fm_plad(self.p))


def _caption_span(kind: str, part: Any) -> Span:
    """Where a caption read into Parts.captions stands (the REF block's is its own)."""
    return part[1] if kind == "refs" else part.span  # type: ignore[no-any-return]


# the one-word lines that route a cable as an attention line does (3.3): a delegation
# ("CODEL", "STAFFDEL"). Any other word in capitals there ("DRAFT", "SUMMARY",
# "WIKILEAKS", a name) is not taken for one above lines moved (see _passing_lines_above)
_ONE_WORD_ATTENTION = frozenset({"CODEL", "STAFFDEL"})


def _attention_shape(text: str) -> bool:
    """Whether *text* is written as an attention line is: one of 3.3's one-word lines
    ("CODEL"), or an office and FOR or PASS ("DEPT FOR EUR/NB")."""
    return text.strip() in _ONE_WORD_ATTENTION or _ATTN_SHAPE.fullmatch(text) is not None


def _caveat_words(seg: Seg) -> Optional[list[Caveat]]:
    """The caveats of a line whose words are all caveats, some with a letter wrong,
    one at least written right ("EXDISS NOFORN"); None for any other line."""
    found, rest = read_caveats(seg)
    return found if rest is None and any(c.known for c in found) else None


def _blanks_before(first: Seg, rest: Seg) -> Optional[int]:
    """How many blanks stand right before *rest* in the line *first* it was cut from
    ('NOFORN /ORCON': 1 before '/ORCON'), or None when *rest* is not part of it."""
    at = rest.begin - first.begin
    if rest.line is not first.line or not 0 <= at <= len(first.text):
        return None
    before = first.text[:at]
    return len(before) - len(before.rstrip(" \t"))
