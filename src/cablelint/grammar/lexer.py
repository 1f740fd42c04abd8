"""The line lexer: a contextual lexer whose tokens are whole lines.

For each line it offers only the terminals that the LALR parser accepts in its
current state, highest priority first, and emits the first one whose pattern matches
the whole (normalised) line. A line no acceptable terminal matches is recorded as an
error node and skipped, so the parse always resumes at the next line it can place.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from lark import Token
from lark.lexer import Lexer, LexerState

from cablelint.grammar.source import Source

# Terminals that only make sense at one place in the file, whatever the parser state.
_LAST_LINE_ONLY = {"SIGNATURE_LINE"}
_AFTER_LAST_ONLY = {"TRAILER_LINE"}
# While the routing header is being read, a header line that cannot stand where it is
# is an error (missing or out-of-order format line), not the start of the text.
_HEADER = ("FL2_LINE", "DE_LINE", "SECURITY_LINE", "DTG_LINE", "FM_LINE", "TO_LINE", "INFO_LINE", "XMT_LINE")
_HEADER_CONTEXT = {"FL1_LINE", "FL2_LINE", "RI_CONT_LINE", "DE_LINE", "SECURITY_LINE", "DTG_LINE"}
# Inside the E.O./TAGS/SUBJECT captions a line that would start the body text while the
# next line is another caption is a stray line, not the text: the captions go on after it.
_CAPTION_LINES = ("EO_LINE", "TAGS_LINE", "SUBJECT_LINE", "REF_LINE", "CLSBY_LINE")
_STRAY_LINES = 3  # how many stray lines in a row can stand between two captions


class LineError:
    """A line that could not be placed, and what the parser expected there."""

    __slots__ = ("index", "expected")

    def __init__(self, index: int, expected: tuple[str, ...]) -> None:
        self.index = index
        self.expected = expected


class LineLexer(Lexer):
    """Lark custom lexer; its input is a :class:`Source`, not a string."""

    __future_interface__ = 2  # lex(lexer_state, parser_state)

    def __init__(self, lexer_conf: Any) -> None:
        terminals = sorted(lexer_conf.terminals, key=lambda t: (-t.priority, t.name))
        self._order = [t.name for t in terminals]
        self._patterns = {t.name: re.compile(t.pattern.to_regexp()) for t in terminals}
        self._trailer = self._patterns["TRAILER_LINE"]
        self._candidates: dict[tuple[Any, int], list[tuple[str, re.Pattern[str]]]] = {}

    def _for_state(self, accepted: dict[str, Any], state: Any, zone: int) -> list[tuple[str, re.Pattern[str]]]:
        key = (state, zone)
        found = self._candidates.get(key)
        if found is None:
            found = []
            for name in self._order:
                if name not in accepted or name == "BLANK":
                    continue
                if name in _LAST_LINE_ONLY and zone != 1:
                    continue
                if name in _AFTER_LAST_ONLY and zone != 2:
                    continue
                if zone == 2 and name not in _AFTER_LAST_ONLY:
                    continue
                found.append((name, self._patterns[name]))
            self._candidates[key] = found
        return found

    def _last_content(self, src: Source) -> int:
        """Index of the last line that is neither blank nor an end-of-message marker."""
        i = len(src.lines) - 1
        while i >= 0 and (not src.lines[i].text or self._trailer.fullmatch(src.lines[i].text)):
            i -= 1
        return i

    def _caption_follows(self, src: Source, i: int, accepted: dict[str, Any]) -> bool:
        """Is one of the next few non-blank lines after line *i* a caption the parser
        accepts here, with no numbered paragraph before it?"""
        seen = 0
        for line in src.lines[i + 1 :]:
            if not line.text:
                continue
            if any(n in accepted and self._patterns[n].fullmatch(line.text) for n in _CAPTION_LINES):
                return True
            seen += 1
            if seen == _STRAY_LINES or self._patterns["PARA_LINE"].fullmatch(line.text):
                return False
        return False

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        src: Source = lexer_state.text  # type: ignore[assignment]
        errors: list[LineError] = src.errors
        states = parser_state.parse_conf.states
        last = self._last_content(src)
        header = [(n, self._patterns[n]) for n in _HEADER]
        previous = ""
        for i, line in enumerate(src.lines):
            text = line.text
            state = parser_state.position
            accepted = states[state]
            zone = 0 if i < last else (1 if i == last else 2)
            if not text and "BLANK" in accepted:
                name = "BLANK"
            else:
                name = ""
                if previous in _HEADER_CONTEXT and zone != 2:  # after the text only trailers count
                    fits = [n for n, p in header if p.fullmatch(text)]
                else:
                    fits = []
                if fits and not any(n in accepted for n in fits):
                    errors.append(LineError(i, tuple(n for n in self._order if n in accepted and n in _HEADER_CONTEXT)))
                    continue
                for cand, pat in self._for_state(accepted, state, zone):
                    m = pat.fullmatch(text)
                    if m is not None:
                        name = cand
                        break
                if not name:
                    errors.append(LineError(i, tuple(n for n in self._order if n in accepted)))
                    continue
                if name == "TEXT_LINE" and "EO_LINE" in accepted and self._caption_follows(src, i, accepted):
                    errors.append(LineError(i, tuple(n for n in _CAPTION_LINES if n in accepted)))
                    continue
            if name != "BLANK":
                previous = name
            end = line.start + len(line.raw)
            yield Token(name, text, line.start, line.number, 1, line.number, len(line.raw) + 1, end)
