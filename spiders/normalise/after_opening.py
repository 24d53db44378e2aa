"""Pure: a closing date written as a span after the call's own opening.

A combined authority's competition cards give the launch date and then "Closes: 6 weeks after
launch" ("12 noon, 8 weeks after launch", "30 days after launch"). No day is written, so the field
read as no date and the call was stored open with no deadline, or open long after it closed. Unlike
"Closes in 12 days" (as old as the page's render, never a date) this counts from a day the card
itself states, so it is as fixed as a date: the opening read from the same item, plus the span, at
the time the field gives, else 23:59 London time as a date alone closes.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.counts import SMALL_COUNTS
from spiders.normalise.dates import parse_date

# Counts in words: eligibility's one list of them (one to twelve), and the spans a fortnight makes.
_WORDS = {word: n for n, word in enumerate(("one", *SMALL_COUNTS), 1)}
_WORDS |= {"fourteen": 14, "twenty-eight": 28}
# "6 weeks after launch", "30 days from the launch date", "eight weeks after the fund opens",
# "3 months after opening": a span after the call's own start (not "after the event", "after award").
_AFTER = lazy_pattern(
    r"\b(?P<count>\d{1,3}|" + "|".join(_WORDS) + r")\s+(?:calendar\s+|working\s+)?"
    r"(?P<unit>days?|weeks?|months?)\s+(?:after|from)\s+(?:the\s+)?(?:(?:competition|fund|call|"
    r"round|scheme|programme)(?:['’]s)?\s+)?(?:launch(?:\s+date)?|opening(?:\s+date)?|"
    r"(?:it|competition|fund|call|round|scheme|programme)\s+(?:opens|launches|is\s+launched))\b",
    re.IGNORECASE,
)
_WORKING = lazy_pattern(r"\bworking\s+days?\b", re.IGNORECASE)


def closing_after_opening(text: str | None, opens_at: datetime | None, tz: str) -> datetime | None:
    """The closing instant `text` counts from the opening `opens_at`, or None when it counts from
    nothing the item states (or counts working days, which holidays decide)."""
    if not text or opens_at is None or not (found := _AFTER.search(text)):
        return None
    if _WORKING.search(found[0]):
        return None
    count = _WORDS.get(found["count"].lower()) or int(found["count"])
    start = opens_at.astimezone(ZoneInfo(tz)).date()
    unit = found["unit"].lower().rstrip("s")
    # relativedelta: the same day `count` months on, the month's last day where it has fewer.
    day = start + relativedelta(**{f"{unit}s": count})
    # The time the field gives ("12 noon, 8 weeks after launch"), read with the day as one date.
    lead = text[: found.start()].strip(" ,;:-–")
    written = f"{day.day} {day:%B} {day.year}"
    return parse_date(f"{lead} {written}" if lead else written, tz, end_of_day=True) or parse_date(
        written, tz, end_of_day=True
    )
