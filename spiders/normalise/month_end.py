"""Pure: "the end of February 2027" in a date field as the day it names, "28 February 2027".

Pages give a closing month rather than a day ("Applications accepted until end of February 2027",
"Until the end of March 2027"): the call is open until that month's last day is over, so its last
day is the closing day (23:59, as any closing day without a time). A month with no year ("end of
February") is written as the last day of a year that is not a leap year, since the year is placed
later (yearless.py) and a 29 February would refuse every year but a leap one; the cost is a day
early in a leap year's February. "The end of the year", "the end of the financial year" and "the
end of term" name no month, so they are left alone (no date is read from them).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from dateutil.easter import easter

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_words import MONTH_NAME

_MONTH_END = lazy_pattern(
    # ("Closes: end Jan 2027", as a card shortens it: the "of" left out.)
    r"\b(?:the\s+)?end\s+(?:of\s+)?(?:the\s+month\s+of\s+)?"
    rf"({MONTH_NAME})(?:,?\s+(\d{{4}})\b)?",
    re.IGNORECASE,
)
_NOT_LEAP = 2001
# "jan" → 1 … "dec" → 12
_MONTH_NUMBERS = {calendar.month_abbr[n].lower(): n for n in range(1, 13)}


# "By 5pm on the last working day of March 2027": that month's last Monday to Friday that is no
# bank holiday in England and Wales (only Good Friday, Easter Monday and the last Mondays of May and
# August can end a month's working days: "the last working day of May 2027" is Friday 28 May).
# With no year the weekday is unknown, so no day is read.
_LAST_WORKING_DAY = lazy_pattern(
    r"\b(?:the\s+)?last\s+(?:working|business|week)\s*day\s+of\s+(?:the\s+month\s+of\s+)?"
    rf"({MONTH_NAME}),?\s+(\d{{4}})\b",
    re.IGNORECASE,
)


def month_end(text: str) -> str:
    """`text` with each "(the) end of <month> [<year>]" written as that month's last day, and "the
    last working day of <month> <year>" as that day."""
    if "day of" in text:
        text = _LAST_WORKING_DAY.sub(_last_working_day, text)
    return _MONTH_END.sub(_last_day, text)


def _last_working_day(match: re.Match) -> str:
    month, year = _MONTH_NUMBERS[match[1][:3].lower()], int(match[2])
    day = date(year, month, calendar.monthrange(year, month)[1])
    holidays = _month_end_holidays(year)
    while day.weekday() >= 5 or day in holidays:  # Saturday, Sunday, a bank holiday
        day -= timedelta(days=1)
    return f"{day.day} {calendar.month_name[month]} {year}"


def _month_end_holidays(year: int) -> set[date]:
    """England and Wales's bank holidays that may fall in a month's last days: Good Friday and
    Easter Monday, the last Mondays of May and August."""
    sunday = easter(year)
    holidays = {sunday - timedelta(days=2), sunday + timedelta(days=1)}
    for month in (5, 8):
        last = date(year, month, calendar.monthrange(year, month)[1])
        holidays.add(last - timedelta(days=last.weekday()))
    return holidays


def _last_day(match: re.Match) -> str:
    month = _MONTH_NUMBERS[match[1][:3].lower()]
    year = int(match[2]) if match[2] else _NOT_LEAP
    day = calendar.monthrange(year, month)[1]
    return f"{day} {calendar.month_name[month]}" + (f" {match[2]}" if match[2] else "")
