"""How a message quotes the cable (cut when long, with what does not show for itself
written out) and counts ('1 digit', '3 digits'). Both the grammar's problems and the
rules' findings use these, so a message reads the same whoever made it.

Every text of the cable that a message quotes (a field, a word, a line, a post, what
a fault's expected form is made of) goes through :func:`clip`, at the place the
message is made; the engine then writes what does not show for itself
(:func:`readable`) over the whole message."""

import unicodedata

LINE = 80
"""The limit for a quote of a whole line or of a run of fields most of a line long (the
classification line before its post, a caveat spaced out letter by letter): more than
the 69 characters a cable's line holds, so that such a quote is whole in a well-formed
cable, while a line run on for thousands of characters is cut. Other quotes are cut at
clip's 40."""


def readable(text: str) -> str:
    """*text* with each character that does not show for itself written as
    ``<U+XXXX>``: a tab, a no-break space, a zero-width space, a byte-order mark, a
    right-to-left override (which would turn the rest of a terminal's line around). A
    message quotes the cable, and a quote must show what is there."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"<U+{ord(c):04X}>" for c in text)


def clip(text: str, limit: int = 40) -> str:
    """*text* as a message quotes it: whole when it shows in at most *limit*
    characters, else its start and "..." (so a cut quote never passes for the whole: a
    serial cut to '05' would read as a wrong serial), in at most *limit* characters.

    Characters are counted as the message shows them (:func:`readable`, which the
    engine applies to the whole message afterwards): a tab counts as the 8 of
    ``<U+0009>``, and a combining mark adds nothing to the letter it sits on. The cut
    falls between two characters as the user sees them, never inside a ``<U+XXXX>``
    nor between a letter and its accent."""
    if len(text) <= limit and text.isprintable() and not _has_combining(text):
        return text
    shown = 0
    for c in text:
        shown += _width(c)
        if shown > limit:
            break
    else:
        return text
    room = limit - 3
    shown = 0
    for at, c in enumerate(text):
        width = _width(c)
        if width:  # a character as the user sees it starts here
            if shown + width > room:
                return text[:at] + "..."
            shown += width
    return text  # (unreachable: *text* shows in more than *limit* characters)


def _width(c: str) -> int:
    """How many characters *c* shows as in a message: 1, the length of its
    ``<U+XXXX>`` when it does not show for itself, 0 for a combining mark (shown on the
    letter before it)."""
    if c.isprintable():
        return 0 if unicodedata.combining(c) else 1
    return len(f"<U+{ord(c):04X}>")


def _has_combining(text: str) -> bool:
    return not text.isascii() and any(unicodedata.combining(c) for c in text)


def plural(n: int, word: str) -> str:
    """*n* and *word*, with an s unless *n* is 1 ('1 digit', '3 digits')."""
    return f"{n} {word}{'' if n == 1 else 's'}"
