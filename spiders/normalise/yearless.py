"""Pure: a day and month written without a year ("Closing date: 15 January", "Deadline: Friday 5
March at noon", "Deadline: 31/01"), placed in a year by the clock of the crawl that read it.

The day is the nearest such day to now, within half a year either way. Read in late November,
"15 January" is next January's, so the call is open; read on 20 January it is the one just gone, and
the call has closed: a page that still shows a passed yearless deadline is a stale page, and pushing
its date to next year would show a closed call as open for a year. A weekday the wording gives must
fall on the day chosen ("Monday 15 January" read in 2026 is no 15 January near it), or no date is
read: a year that contradicts the page is no better than a guess. A weekday also lets the day be
up to a year ahead, as it names the year itself (never further back: that would close a call). Without a clock nothing is placed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_words import MONTH, WEEKDAY, WEEKDAYS

# "15 January", "5th of March", "Friday 5 March 12:00pm": the day and month, where the year goes.
_DAY_MONTH = lazy_pattern(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}[a-z]*\.?", re.I)
# "January 15", "March 5th": a month and day (a year then follows a comma).
_MONTH_DAY = lazy_pattern(rf"\b{MONTH}[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s*[:.]\d)", re.I)
# "31/01", "15/12 at 5pm": a card's day and month in figures, the year left to the page around it.
# The month must be two figures, so "24/7" (all hours) and a fraction such as "1/2" are no date.
_DAY_MONTH_FIGURES = lazy_pattern(r"(?<![\d/.])(?:0?[1-9]|[12]\d|3[01])/(?:0[1-9]|1[0-2])(?![\d/])")
_WEEKDAY = lazy_pattern(rf"\b({WEEKDAY})[a-z]*\b", re.I)
_HALF_YEAR = timedelta(days=183)
_YEAR = timedelta(days=366)


def place_yearless(
    text: str,
    now: datetime,
    tz_of: Callable[[datetime], datetime],
    read: Callable[[str], datetime | None],
) -> datetime | None:
    """The date `text` names with no year, in the year that puts it nearest `now`; None when it
    names no day and month, or none in reach agrees with its weekday. `read` parses the
    text once a year is written in; `tz_of` gives a result's local time (for its weekday)."""
    found = _DAY_MONTH.search(text)
    joiner = " "
    if found is None:
        found, joiner = _MONTH_DAY.search(text), ", "
    if found is None:
        found, joiner = _DAY_MONTH_FIGURES.search(text), "/"
    if found is None:
        return None
    weekday = _WEEKDAY.search(text)
    wanted = WEEKDAYS.index(weekday[1].lower()) if weekday else None
    # A weekday names the year itself (a day and month fall on it about one year in seven), so it
    # may reach up to a year ahead: "Fri 4 Jun" read on 25 November is June 2027's Friday, 191 days
    # on, where the nearest 4 June, 2026's, was a Thursday and no date was read. Not back: a day
    # placed in the past closes the call, and a weekday slip must not hide an open one.
    ahead = _HALF_YEAR if wanted is None else _YEAR
    placed = []
    for year in (now.year - 1, now.year, now.year + 1):
        when = read(f"{text[: found.end()]}{joiner}{year}{text[found.end() :]}")
        if when is None or not -_HALF_YEAR <= when - now <= ahead:
            continue
        if wanted is None or tz_of(when).weekday() == wanted:
            placed.append(when)
    return min(placed, key=lambda when: abs(when - now), default=None)
