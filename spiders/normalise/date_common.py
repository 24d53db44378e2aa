"""Pure: the forms of a date most pages use, read without dateutil, and a day or a wall-clock time
made an aware UTC datetime (dates.py reads everything else)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from config.lazy_pattern import lazy_pattern
from spiders.normalise.date_words import DATE_WORDS

_END_OF_DAY = time(23, 59)


# "4 March 2027", "Thursday 4 March 2027 4:00pm", "4th Mar 2027, 11am", "4 March 2027 16:00": the
# forms most pages use, read without dateutil (which took half of normalising's time). Anything
# else goes to dateutil below.
_COMMON = lazy_pattern(
    r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})"
    r"(?:,?\s+(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?)?"
    r"(?:,?\s+(?:at\s+)?([01]?\d|2[0-3])[:.](\d{2}))?$",
    re.IGNORECASE,
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_WEEKDAYS = frozenset(word for word in DATE_WORDS if word not in _MONTHS)


def common_form(text: str, zone: ZoneInfo, end_of_day: bool) -> datetime | None:
    match = _COMMON.match(text)
    if not match:
        return None
    day, month_name, year, hour12, minute12, half, hour24, minute24 = match.groups()
    weekday = text.split()[0].rstrip(",").lower()
    if not weekday[0].isdigit() and weekday not in _WEEKDAYS:
        return None  # a word before the date that is not a weekday: let dateutil judge it
    month = _MONTHS.get(month_name.lower())
    if month is None or (hour12 and hour24):
        return None
    try:
        day_date = date(int(year), month, int(day))
    except ValueError:
        return None
    if hour12:
        hour = int(hour12) % 12 + (12 if half.lower() == "p" else 0)
        if int(hour12) > 12:
            return None
        minute = int(minute12 or 0)
    elif hour24:
        hour, minute = int(hour24), int(minute24)
        if end_of_day and hour == minute == 0:
            return date_only(day_date, zone, end_of_day)  # "31 January 2027 00:00": see below
    else:
        return date_only(day_date, zone, end_of_day)
    if minute > 59:
        return None
    return to_utc(datetime.combine(day_date, time(hour, minute)), zone)


def date_only(day: date, zone: ZoneInfo, end_of_day: bool) -> datetime:
    local = datetime.combine(day, _END_OF_DAY if end_of_day else time(0, 0), tzinfo=zone)
    return local.astimezone(UTC)


def to_utc(value: datetime, zone: ZoneInfo) -> datetime:
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)


def floating_midnight(when: datetime, text: str | None = None) -> bool:
    """Exactly 00:00 with no zone: how many APIs write a date alone (Socrata's floating timestamps
    "2027-01-31T00:00:00.000", a SQL DATETIME or .NET DateTime column holding a day). In a closing
    field it is that day, closing at 23:59 as a date alone does, not the first minute of it: a
    deadline meant as the day before's end is written with its zone or as 23:59. A page's own
    "31/01/2027 00:00" is the same database value printed: with `text`, the words `when` was read
    from must print that clock at zero (_ZERO_CLOCK)."""
    at_zero = when.tzinfo is None and when.time() == time(0)
    return at_zero and (text is None or _ZERO_CLOCK.search(text) is not None)


def zoned_midnight(when: datetime, zone: ZoneInfo) -> date | None:
    """The day a date-only column stands for when an API gives it as an instant: midnight exactly by
    the source's clock (SharePoint and Dynamics store a day as its local midnight in UTC:
    "2027-03-30T23:00:00Z" is 31 March in summer time) or by UTC (ArcGIS, many JSON back ends:
    "2027-06-30T00:00:00Z"). None for any other instant, or one with no zone (floating_midnight's).
    A closing field's midnight is its day, closing 23:59 as a date alone does: a call listed as
    closing on 31 March read as closed from its first minute, or from 23:00 the day before."""
    if when.tzinfo is None or when.utcoffset() is None:
        return None
    if (local := when.astimezone(zone)).time() == time(0):
        return local.date()
    utc = when.astimezone(UTC)
    return utc.date() if utc.time() == time(0) else None


def api_instant(when: datetime, zone: ZoneInfo, end_of_day: bool) -> datetime:
    """A datetime an API (or an ISO text) gives, in UTC; in a closing field, a date-only column's
    midnight, floating (floating_midnight) or zoned (zoned_midnight), is its day, closing 23:59."""
    if end_of_day:
        if floating_midnight(when):
            return date_only(when.date(), zone, end_of_day)
        if (day := zoned_midnight(when, zone)) is not None:
            return date_only(day, zone, end_of_day)
    return to_utc(when, zone)


# "31/01/2027 00:00", "31.01.2027 00:00:00": a 24-hour clock at zero, as a page prints a floating
# midnight from its database (a closing field's day, not its first minute). Not "12am", which a
# person wrote.
_ZERO_CLOCK = lazy_pattern(r"(?<![\d:.])0?0[:.]00(?::00(?:\.0+)?)?(?![\d:])(?!\s*[ap]\.?m)", re.I)
