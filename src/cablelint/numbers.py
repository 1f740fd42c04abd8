"""Reading a number written in the cable.

Python refuses ``int()`` of more than 4,300 digits (the limit guards against
conversion in quadratic time, and stays), and a field of digits in a cable can be any
length. No count, serial, date or paragraph number in a real cable comes near
:data:`LONGEST` significant digits: a longer one is read as a :class:`LongNumber`,
never converted. It counts as more than any number of at most :data:`LONGEST` digits,
compares with another long one by its digits, and a message shows it as its digits
cut by ``quote.clip`` (so a finding quotes what was written, never a stand-in).
"""

from typing import Any

from cablelint.quote import clip

LONGEST = 30


class LongNumber(int):
    """A number of more than :data:`LONGEST` significant digits: its value as an int
    is ``10 ** LONGEST`` (more than any shorter number), its digits are kept."""

    digits: str

    def __new__(cls, digits: str) -> "LongNumber":
        self = super().__new__(cls, 10**LONGEST)
        self.digits = digits
        return self

    def __getnewargs__(self) -> tuple[str]:  # type: ignore[override]
        return (self.digits,)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LongNumber) and other.digits == self.digits

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self.digits)

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, int):
            return NotImplemented
        return isinstance(other, LongNumber) and (len(self.digits), self.digits) < (len(other.digits), other.digits)

    def __le__(self, other: Any) -> bool:
        return NotImplemented if not isinstance(other, int) else self == other or self < other

    def __gt__(self, other: Any) -> bool:
        return NotImplemented if not isinstance(other, int) else not self <= other

    def __ge__(self, other: Any) -> bool:
        return NotImplemented if not isinstance(other, int) else not self < other

    def __str__(self) -> str:
        return clip(self.digits)

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        return clip(self.digits)


def cable_int(digits: str) -> int:
    """The number *digits* write, as ``int()`` reads it; a :class:`LongNumber` when it
    has more than :data:`LONGEST` digits after its leading zeros."""
    if len(digits) <= LONGEST:
        return int(digits)
    significant = digits.lstrip("0")
    return int(significant or "0") if len(significant) <= LONGEST else LongNumber(significant)


def cable_digits(digits: str) -> str:
    """*digits* without their leading zeros ('0097' -> '97', '000' -> '0'): the
    number as an id prints it, however long."""
    return (digits.lstrip("0") or "0") if digits.isascii() and digits.isdigit() else str(cable_int(digits))
