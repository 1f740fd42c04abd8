"""Grammar-driven generation: strings of the cable grammar, from the grammar itself.

``hypothesis.extra.lark.from_lark`` walks the rules of ``cable.lark`` and draws one
string per terminal. It cannot be used on its own here, for three reasons, each
handled by an explicit strategy per terminal (``explicit=``):

* the terminals are whole lines, but the grammar has no newline terminal: the
  parser's custom lexer (lexer.py) cuts the text into lines first. Each drawn line
  gets its ``"\\n"``, and lines never contain a line break (``\\r`` included);
* the lexer is contextual and ordered by priority: of the terminals the parser
  accepts, the highest-priority one whose pattern matches the line wins. A line
  drawn for ``TEXT_LINE`` that also matches ``PARA_LINE`` would be read as a
  paragraph. So a line drawn for terminal T is kept only if no *competitor* matches
  it: a terminal of higher priority that the parse table accepts in some state where
  it accepts T (read from the compiled LALR table), or one of the routing-header
  lines, which the lexer treats as out of place right after a header line. The
  catch-all terminals (``/.*\\S.*/``: subject, REF, Classified By and address
  continuations, attention lines, body text) do not compete with each other: a free
  text line read as the previous block's continuation is still a free text line, and
  every one of them is followed by the same body lines;
* the lexer sees lines *normalised* (source.py: trailing whitespace removed, a
  leading paragraph sign and Markdown/HTML residue replaced). A drawn line is
  filtered on its normalised form, so that ``"1. x¶"``-style surprises cannot
  change its kind;
* one judgement of the lexer looks beyond a line (header_lines.address_follows): a
  free line right after the DTG line with the FM or TO line a few lines under it is a
  stray line inside the header, reported as the FM line out of place (A001's ground),
  though the grammar would take it as the text's first line. Documents with that
  shape are left out (``stray_after_dtg``);
* another decides between two catch-all lines (header_lines.attention_under_address):
  a free line right under an address block moved below the classification line is
  one more addressee of that block (ADDR_CONT_LINE) unless it reads as an attention
  or passing line ("DEPT FOR EUR/NB"). The grammar may also take it as an attention
  line that opens the handling captions, after which a TO, INFO or XMT line moved
  there may stand, after a blank line too; the lexer, having read an addressee,
  reports such a TO, INFO or XMT line after the blank as a header line where none
  can stand (header_reading.py), unless it is one with its keyword and an address
  (address_lines.continuation_keyword), which goes on with the block after the blank
  line, as in the header. Documents with that shape are left out
  (``addressee_under_moved_block``);
* the end of the text is found before the lines are read (text_end.py): a short line
  in capitals under a signature line (blank lines between allowed) that is under a
  line ending as a sentence does ("LINDQVIST" / "END OF MESSAGE") is a stray line
  after the signature, reported as such (S004), though the grammar would take the
  signature and that line as body text. Documents with that shape are left out
  (``stray_after_signature``).

The per-terminal strategies are ``st.from_regex`` on the terminal's own pattern, so
they also produce odd Unicode (other scripts' digits, case folding, control
characters) inside the shapes the grammar allows. What the generated documents test
is the readers: every line the document grammar accepts must be readable by the
field readers of read_*.py (whose shape regexes ``assert`` a match) and give spans
inside the text.

``field_lines`` draws single lines the same way for the field-level checks: the
line terminal's pattern gives the line, and the reader must cope with it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from cablelint.grammar import header_lines, text_end
from cablelint.grammar.address_lines import continuation_keyword
from cablelint.grammar.parser import build_document_parser, document_parser
from cablelint.grammar.patterns import field
from cablelint.grammar.read_classline import slip_of_level
from cablelint.grammar.source import read_source

# Lines hold no line break; surrogates cannot be encoded, so a file cannot hold them.
CATCH_ALL = r".*\S.*"
LINE_ALPHABET = st.characters(codec="utf-8", exclude_characters="\r\n")


@lru_cache(maxsize=None)
def _terminals() -> dict[str, tuple[int, re.Pattern[str]]]:
    return {t.name: (t.priority, re.compile(t.pattern.to_regexp())) for t in document_parser().terminals}


@lru_cache(maxsize=None)
def competitors(name: str) -> tuple[re.Pattern[str], ...]:
    """Patterns that would win over terminal *name* where the parser accepts it."""
    terms = _terminals()
    prio = terms[name][0]
    # the lexer's private lists of header lines (header_lines.py; absent after a rewrite: no rivals)
    header, context = getattr(header_lines, "_HEADER", ()), getattr(header_lines, "_HEADER_CONTEXT", ())
    rivals: set[str] = set(header) - {name} if name not in context else set()
    table = document_parser().parser.parser.parser.parse_table  # the compiled LALR table
    for accepted in table.states.values():
        if name in accepted:
            rivals |= {n for n in accepted if n in terms and n != "BLANK" and terms[n][0] > prio}
    if terms[name][1].pattern == CATCH_ALL:
        rivals = {n for n in rivals if terms[n][1].pattern != CATCH_ALL}
    return tuple(terms[n][1] for n in sorted(rivals))


def normalised(line: str) -> str:
    src = read_source(line)
    return src.lines[0].text if src.lines else ""


def lexes_as(name: str, line: str) -> bool:
    """Whether *line*, once normalised, is read as *name* wherever *name* may stand."""
    text = normalised(line)
    if name != "BLANK" and not text:
        return False
    if not _terminals()[name][1].fullmatch(text):
        return False
    return not any(p.fullmatch(text) for p in competitors(name))


@lru_cache(maxsize=None)
def line_strategy(name: str) -> st.SearchStrategy[str]:
    """One line (no line break) that the lexer reads as terminal *name*."""
    pattern = _terminals()[name][1]
    return st.from_regex(pattern, fullmatch=True, alphabet=LINE_ALPHABET).filter(lambda s: lexes_as(name, s))


def stray_after_dtg(doc: str) -> bool:
    """Whether the first non-blank line after a DTG line is no address line and the FM
    or TO line follows it within the lexer's reach for stray lines."""
    terms = _terminals()
    starts = [terms[n][1] for n in header_lines._ADDRESS_STARTS]
    lines = [t for t in map(normalised, doc.split("\n")) if t]
    for i, text in enumerate(lines[:-1]):
        if terms["DTG_LINE"][1].fullmatch(text) and not any(p.fullmatch(lines[i + 1]) for p in starts):
            after = lines[i + 2 : i + 2 + header_lines._STRAY_LINES]
            if any(p.fullmatch(t) for t in after for p in starts):
                return True
    return False


def addressee_under_moved_block(doc: str) -> bool:
    """Whether an address block right under a classification line holds a free line
    (no address line, and no attention line by the lexer's test) and, after a blank
    line under the block, a TO, INFO or XMT line follows that does not go on with the
    block (one with its keyword and an address does: continuation_keyword)."""
    terms = _terminals()
    judge = getattr(document_parser().parser.lexer, "_header", None)  # (the lexer's HeaderLines)
    starts = [terms[n][1] for n in ("FM_LINE", "TO_LINE", "INFO_LINE", "XMT_LINE")]
    moved = starts[1:]
    lines = [normalised(line) for line in doc.split("\n")]
    for c, text in enumerate(lines):
        if not terms["CLASS_LINE"][1].fullmatch(text):
            continue
        j = c + 1
        while j < len(lines) and not lines[j]:
            j += 1
        if j >= len(lines) or not any(p.fullmatch(lines[j]) for p in starts):
            continue
        free = False
        j += 1
        while j < len(lines) and lines[j]:
            if not any(p.fullmatch(lines[j]) for p in starts):
                if judge is not None and judge.attention_under_address(lines[j]):
                    break  # (the block ends above an attention line)
                free = True
            j += 1
        k = j
        while k < len(lines) and not lines[k]:
            k += 1
        if free and j < k < len(lines) and any(p.fullmatch(lines[k]) for p in moved) and continuation_keyword(lines[k]) is None:
            return True
    return False


def stray_after_signature(doc: str) -> bool:
    """Whether the text's last line (under the end-of-message markers and a closing
    classification line) is a short line in capitals, no signature itself (or a level
    word misspelt), under a signature line that is no address line, blank lines
    between allowed, right under a line that ends as a sentence does."""
    terms = _terminals()
    trailer, end_class, signature = (terms[n][1] for n in ("TRAILER_LINE", "END_CLASS_LINE", "SIGNATURE_LINE"))
    lines = [normalised(line) for line in doc.split("\n")]

    def back(i: int) -> int:
        while i >= 0 and (not lines[i] or trailer.fullmatch(lines[i])):
            i -= 1
        return i

    i = back(len(lines) - 1)
    if i > 0 and end_class.fullmatch(lines[i]) and back(i - 1) >= 0:
        i = back(i - 1)
    a = i - 1
    while a > 0 and not lines[a]:
        a -= 1
    if i < 0 or a < 1:
        return False
    text = lines[i].strip()
    if not text or len(text) > text_end._STRAY_TAIL or text.upper() != text or not any(c.isalpha() for c in text):
        return False
    if not signature.fullmatch(lines[a]) or any(terms[n][1].fullmatch(lines[a]) for n in ("FM_LINE", "TO_LINE", "INFO_LINE", "XMT_LINE")):
        return False
    if signature.fullmatch(text) and slip_of_level("".join(text.split())) is None:
        return False
    return bool(lines[a - 1]) and field("SIGNATURE_AFTER").fullmatch(lines[a - 1]) is not None


@lru_cache(maxsize=None)
def documents() -> st.SearchStrategy[str]:
    """Whole documents derived from cable.lark's rules, one drawn line per terminal."""
    explicit = {name: line_strategy(name).map(lambda s: s + "\n") for name in _terminals()}
    # from_lark walks the grammar's rules, which only a parser built from the grammar
    # file keeps (the one loaded from the shipped tables has the tables alone)
    grammar = from_lark(build_document_parser(transformer=None), start="start", explicit=explicit)
    return grammar.filter(lambda doc: not stray_after_dtg(doc) and not addressee_under_moved_block(doc) and not stray_after_signature(doc))
