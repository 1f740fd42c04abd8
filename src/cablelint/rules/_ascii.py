"""The ASCII a telegram writes for what a word processor or a publisher put in its
place (cable-format.md 4.8): typographic characters and accented letters. F004's
findings and fixes say it; H007 reads a tag in it ('ÉINV' is a known tag mistyped)."""

from __future__ import annotations

import unicodedata
from typing import Optional

from cablelint.compiled import regex

# What a word processor or a publisher puts for a telegram's ASCII (cable-format.md 4.8),
# with its name and the ASCII it stands for.
TYPOGRAPHIC = {
    "\u2018": ("left single quotation mark", "'"),
    "\u2019": ("right single quotation mark", "'"),
    "\u201c": ("left double quotation mark", '"'),
    "\u201d": ("right double quotation mark", '"'),
    "\u2013": ("en dash", "-"),
    "\u2014": ("em dash", "--"),
    "\u2026": ("ellipsis", "..."),
    "\u2022": ("bullet", "--"),  # a word processor's list: the telegram's bullet is '--' (4.1)
    "\u00a0": ("no-break space", " "),
}
TYPOGRAPHIC_FOUND = regex("[" + "".join(TYPOGRAPHIC) + "]")
# A zero-width space, which a converter or an editor leaves between words, and a
# byte-order mark inside the text (U+FEFF, the zero-width no-break space: files joined
# after the first kept their marks): invisible, never a cable's text in any rendering
# (F004 finds them apart).
ZERO_WIDTH = "\u200b"
BOM = "\ufeff"
# Any other run of characters outside ASCII (an accented name, a currency sign, a word
# in another script). The replacement character (and the lone surrogates of
# undecodable bytes) stand for bytes F001 reports.
# (with the ASCII letter before a combining accent: 'e' and U+0301 are one accented
# letter, 'é' decomposed, whose fix is 'e', not a lone accent the caret cannot point at)
OTHER_NON_ASCII = regex("(?:[A-Za-z](?=[\u0300-\u036f]))?[^\x00-\x7f\ufffd\ud800-\udfff" + ZERO_WIDTH + BOM + "".join(TYPOGRAPHIC) + "]+")


def in_ascii(text: str) -> str:
    """*text* with the ASCII for its typographic characters and its accented letters
    ('“São”' -> '"Sao"'), as F004's fixes write it in a telegram or a draft; other
    characters outside ASCII are kept (no ASCII says them)."""
    text = TYPOGRAPHIC_FOUND.sub(lambda m: TYPOGRAPHIC[m.group()][1], text)
    return OTHER_NON_ASCII.sub(lambda m: unaccented(m.group()) or m.group(), text)


def unaccented(text: str) -> Optional[str]:
    """*text* with the accents taken off its letters ('é' -> 'e'), or None when some
    character is no ASCII letter with marks ('ß', '€', a letter of another script)."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return plain if plain.isascii() and plain.isalpha() else None
