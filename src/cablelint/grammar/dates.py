"""Why a written date or time is impossible, in the reader's terms.

The readers find that a date-time group, a filing time or a declassification date is
no real date (``datetime`` refuses it); these say which part is wrong, so a message
can read "gives day 31, but June has 30 days: expected 01 to 30" rather than only
"is not a real date". Each reason is a predicate for the date as the drafter wrote
it: "date-time group '311015Z JUN 09' gives day 31, ...".
"""

from __future__ import annotations

from typing import Optional

_ENGLISH = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
# the days of each month in a common year (calendar's table: importing calendar
# imports locale, about 6M instructions of a check that parses, for two sums)
_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap(year: int) -> bool:
    """Whether *year* is a leap year of the Gregorian calendar (as ``calendar.isleap``)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def month_days(year: int, month: int) -> int:
    """The days of *month* (1 to 12) of *year* (as ``calendar.monthrange(year, month)[1]``)."""
    return 29 if month == 2 and is_leap(year) else _DAYS[month]


def impossible_time(hour: int, minute: int) -> Optional[str]:
    """What is wrong with *hour*:*minute*, or None when it is a real time of day."""
    if hour > 23:
        return f"gives hour {hour:02d}: expected 00 to 23"
    if minute > 59:
        return f"gives minute {minute:02d}: expected 00 to 59"
    return None


def impossible_date(year: int, month: int, day: int) -> Optional[str]:
    """What is wrong with the date, or None when it is a real one."""
    if not 1 <= month <= 12:
        return f"gives month {month:02d}: expected 01 to 12"
    days = month_days(year, month)
    if day == 0:
        return f"gives day 00: expected 01 to {days}"
    if day > days:
        name = f"February {year}" if month == 2 else _ENGLISH[month]
        return f"gives day {day}, but {name} has {days} days: expected 01 to {days}"
    return None


def short_reason(why: str) -> str:
    """A reason above without its verb and its 'expected' part, to stand in
    parentheses: "day 31, but November has 30 days"."""
    return why.split(": expected")[0].removeprefix("gives ")


def impossible_day_of_year(year: Optional[int], day: int) -> Optional[str]:
    """What is wrong with Julian day *day* (of *year* when known), or None."""
    days = 366 if year is None or is_leap(year) else 365
    if not 1 <= day <= days:
        return f"gives Julian day {day:03d}: expected 001 to {days:03d}"
    return None
