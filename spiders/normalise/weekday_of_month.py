"""Pure: a day named by its place among a month's weekdays, written as the date it is.

A town council's grants panel meets on a fixed weekday, so its deadlines read "the last Friday of
January 2027", "noon on the second Monday of February 2027", "Opens: the first Monday in March
2027". No parser knows these, so each such field read as no date: a deadline gone stayed open, and
one to come was stored with none. The day is fixed by the words and the year, as a date is; only a
year given counts ("the last Friday of each month" is a calendar, not a day).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_words import MONTHS

_PLACES = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NAMED = lazy_pattern(
    r"\b(?:the\s+)?(?P<place>first|1st|second|2nd|third|3rd|fourth|4th|last|final)\s+"
    r"(?P<weekday>"
    + "|".join(_WEEKDAYS)
    + r")\s+(?:of|in)\s+(?P<month>"
    + "|".join(MONTHS)
    + r")[a-z]*\.?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def weekday_of_month(text: str) -> str:
    """`text` with each "the last Friday of January 2027" written "Friday 29 January 2027"; a place
    the month has not got (a fifth week) is left as written, and reads as no date."""
    return _NAMED.sub(_as_date, text) if "day" in text.lower() else text


def _as_date(found: re.Match) -> str:
    year, month = int(found["year"]), MONTHS.index(found["month"][:3].lower()) + 1
    weekday = _WEEKDAYS.index(found["weekday"].lower())
    days = [
        day
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if date(year, month, day).weekday() == weekday
    ]
    place = found["place"].lower()
    day = days[-1] if place in ("last", "final") else days[_PLACES[place] - 1]
    return f"{found['weekday'].capitalize()} {day} {calendar.month_name[month]} {year}"
