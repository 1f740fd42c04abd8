"""X: the REF labels in sequence, which the block's rules and the citations' both read (cable-format.md 3.7)."""

from __future__ import annotations

from typing import Optional

from cablelint.model import Cable, Reference


def same_entry(refs: tuple[Reference, ...] | list[Reference], k: int) -> bool:
    """Whether the reference *refs[k]* is another cable of the entry above, under its
    label ("A. 09 STATE 1 AND 09 RABAT 2": the same label, at the same place)."""
    return k > 0 and refs[k].label is not None and refs[k - 1].label == refs[k].label


def label_sequence(cable: Cable) -> list[tuple[Reference, Optional[str], str, bool]]:
    """Each labelled REF entry with its letter, the letter expected in its place (the
    one after the label before it) and whether it repeats an earlier label. In a
    labelled block, an entry without a label is there too, with no letter: it takes
    the place of the letter expected. A wrong letter that the next label follows as
    if it were the one expected (``C.``, ``E.``, ``E.``: the next is the letter after
    D) is one slip, and the sequence goes on from the letter expected."""
    out: list[tuple[Reference, Optional[str], str, bool]] = []
    expected = "A"
    seen: set[str] = set()
    refs = cable.references
    labelled = any(r.label is not None for r in refs)
    for k, ref in enumerate(refs):
        if same_entry(refs, k):
            continue
        if ref.label is None:
            if labelled:
                out.append((ref, None, expected, False))
                expected = chr(ord(expected) + 1)
            continue
        letter = ref.label.text.upper()
        out.append((ref, letter, expected, letter in seen))
        after = refs[k + 1].label if k + 1 < len(refs) else None
        if letter != expected and after is not None and after.text.upper() == chr(ord(expected) + 1):
            letter = expected  # a slip for the letter expected: the next label follows it
        seen.add(letter)
        expected = chr(ord(letter) + 1)
    return out


def reordered(sequence: list[tuple[Reference, Optional[str], str, bool]]) -> bool:
    """Whether the labels are A, B, C ... each once, in another order (``B.``, ``A.``)."""
    letters = [letter for _, letter, _, _ in sequence if letter is not None]
    if len(letters) < len(sequence):
        return False
    return sorted(letters) == [chr(ord("A") + i) for i in range(len(letters))] and letters != sorted(letters)
