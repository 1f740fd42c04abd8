"""Why a written date or time is impossible, in the reader's terms.

The readers find that a date-time group, a filing time or a declassification date is
no real date (``datetime`` refuses it); these say which part is wrong, so a message
can read "June has 30 days, not 31" rather than only "not a real date".
"""

from __future__ import annotations

import calendar
from typing import Optional

_ENGLISH = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def impossible_time(hour: int, minute: int) -> Optional[str]:
    """What is wrong with *hour*:*minute*, or None when it is a real time of day."""
    if hour > 23:
        return f"the hour is {hour:02d}: expected 00 to 23"
    if minute > 59:
        return f"the minute is {minute:02d}: expected 00 to 59"
    return None


def impossible_date(year: int, month: int, day: int) -> Optional[str]:
    """What is wrong with the date, or None when it is a real one."""
    if not 1 <= month <= 12:
        return f"the month is {month:02d}: expected 01 to 12"
    days = calendar.monthrange(year, month)[1]
    if day == 0:
        return "the day is 00: expected 01 or later"
    if day > days:
        name = f"February {year}" if month == 2 else _ENGLISH[month]
        return f"{name} has {days} days, not {day}"
    return None


def impossible_day_of_year(year: Optional[int], day: int) -> Optional[str]:
    """What is wrong with Julian day *day* (of *year* when known), or None."""
    days = 366 if year is None or calendar.isleap(year) else 365
    if not 1 <= day <= days:
        return f"the Julian day is {day:03d}: expected 001 to {days:03d}"
    return None
