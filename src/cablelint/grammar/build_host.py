"""What the builder's mixins (:mod:`build_header`, :mod:`build_body`) expect of their
host, :class:`~cablelint.grammar.build.CableBuilder`, declared once for readers and type
checkers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cablelint.grammar.line_tokens import Token
from cablelint.grammar.segment import Seg
from cablelint.grammar.source import Source
from cablelint.model import Text

if TYPE_CHECKING:
    from cablelint.grammar.parts import Parts


class BuilderHost:
    """The host's state and helpers a mixin uses: ``p`` (the parts of the cable being
    built), ``src``, ``_line_patterns`` (the compiled line terminals), ``seg``, ``_segs``,
    ``_text`` and ``_read_part``. CableBuilder defines each; these stubs only declare
    them."""

    p: Parts
    src: Source
    _line_patterns: dict[str, Any]

    def seg(self, tok: Token) -> Seg:  # pragma: no cover - the host's
        raise NotImplementedError

    def _segs(self, children: list[Token]) -> list[Seg]:  # pragma: no cover - the host's
        raise NotImplementedError

    def _text(self, tok: Token) -> Text:  # pragma: no cover - the host's
        raise NotImplementedError

    def _read_part(self, kind: str, number: int) -> Any:  # pragma: no cover - the host's
        raise NotImplementedError
