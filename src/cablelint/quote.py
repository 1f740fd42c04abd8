"""How a message quotes the cable (cut when long, with what does not show for itself
written out) and counts ('1 digit', '3 digits'). Both the grammar's problems and the
rules' findings use these, so a message reads the same whoever made it."""


def readable(text: str) -> str:
    """*text* with each character that does not show for itself written as
    ``<U+XXXX>``: a tab, a no-break space, a zero-width space, a byte-order mark, a
    right-to-left override (which would turn the rest of a terminal's line around). A
    message quotes the cable, and a quote must show what is there."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"<U+{ord(c):04X}>" for c in text)


def clip(text: str, limit: int = 40) -> str:
    """*text* as a message quotes it: whole when it has at most *limit* characters,
    else its start and "..." (so a cut quote never passes for the whole: a serial cut
    to '05' would read as a wrong serial)."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def plural(n: int, word: str) -> str:
    """*n* and *word*, with an s unless *n* is 1 ('1 digit', '3 digits')."""
    return f"{n} {word}{'' if n == 1 else 's'}"
