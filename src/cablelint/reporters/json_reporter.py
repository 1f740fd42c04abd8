"""``--format json``: the array of diagnostics interfaces.md defines, written element
by element as the files come (the bytes of ``json.dump(array, indent=2)``): with
``ensure_ascii=False`` where the report's stream carries any character, with
``ensure_ascii=True`` (every other character as ``\\u00e9``) where it does not
(``PYTHONIOENCODING=ascii``: the stream's own escape, ``\\xe9``, is no JSON)."""

from __future__ import annotations

import json
import re
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Callable, Optional, Sequence

from cablelint.linter.diagnostic import Diagnostic
from cablelint.reporters.base import Reporter, Settings


# A path whose bytes are not UTF-8 holds lone surrogates (Python's surrogateescape):
# written as they are, they would go out as those bytes, and the report would not be
# UTF-8, so no JSON (RFC 8259 8.1: json.load refuses it). As escapes ("\udcff", as
# the baseline writes them) the report is UTF-8, and a reader in Python gets the
# name back as os.fsdecode gives it, to open the file by.
_SURROGATE = re.compile("[\ud800-\udfff]")


def element(value: object, depth: int, ascii_only: bool = False) -> str:
    """*value* as ``json.dump(..., indent=2)`` writes it *depth* levels deep in a
    document (see :func:`indented`), a lone surrogate as its escape."""
    text = indented(value, "\n" + "  " * depth, ascii_only)
    return text if text.isascii() else _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def indented(value: object, newline: str, ascii_only: bool = False) -> str:
    """*value* as ``json.dumps(value, indent=2, ensure_ascii=ascii_only)`` writes
    it, each line break followed by *newline*'s indent (a line break and spaces): the
    same bytes, made about three times faster. json.dumps lays out an indented
    document in Python, a generator for each object and list (its C encoder takes
    no indent), and that was most of a SARIF report's time. Strings and whole
    numbers are written by json's own functions, objects of string keys and lists
    laid out here; anything else (a float, a subclass, a key that is not a string)
    is left to json.dumps."""
    return _indented(value, newline, encode_basestring_ascii if ascii_only else encode_basestring)


def _indented(value: object, newline: str, quote: Callable[[str], str]) -> str:
    if type(value) is str:
        return quote(value)
    if type(value) is int:
        return int.__repr__(value)
    inner = newline + "  "
    if type(value) is dict:
        if not value:
            return "{}"
        members = []
        for key, item in value.items():
            if type(key) is not str:
                break
            members.append(f"{quote(key)}: {_indented(item, inner, quote)}")
        else:
            return "{" + inner + ("," + inner).join(members) + newline + "}"
    elif type(value) is list:
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join([_indented(item, inner, quote) for item in value]) + newline + "]"
    elif value is True:
        return "true"
    elif value is False:
        return "false"
    elif value is None:
        return "null"
    return json.dumps(value, indent=2, ensure_ascii=quote is encode_basestring_ascii).replace("\n", newline)


class ElementWriter:
    """The elements of a JSON array *depth* levels deep, as they come: ``[`` before
    the first, ``,`` between, ``]`` at the end, or ``[]`` when there were none; in
    ASCII alone when *ascii_only* (see the module's docstring)."""

    def __init__(self, depth: int, ascii_only: bool = False) -> None:
        self.depth = depth
        self.ascii_only = ascii_only
        self.count = 0

    def __call__(self, values: Sequence[object]) -> str:
        out = []
        pad = "  " * (self.depth + 1)
        for value in values:
            out.append(("[\n" if not self.count else ",\n") + pad + element(value, self.depth + 1, self.ascii_only))
            self.count += 1
        return "".join(out)

    def close(self) -> str:
        return "\n" + "  " * self.depth + "]" if self.count else "[]"


class JsonReporter(Reporter):
    name = "json"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.array = ElementWriter(0, ascii_only=settings.encoding is not None)

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: Optional[str]) -> str:
        return self.array([d.to_json() for d in diagnostics])

    def end(self) -> str:
        return self.array.close() + "\n"
