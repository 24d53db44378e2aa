"""Pure: one date read by dateutil, trusting only the fields the text itself gives.

dateutil fills in whatever the text leaves out from a default, so "March 2027" or "5pm" would come
back as a whole date. Read twice with two defaults that differ in every field, a field that comes
out different was not in the text: no day, month or year is no date, and no hour is a day alone
(23:59 when it closes). dates.py tidies the words first (date_words.py) and tries this after the
common forms (date_common.py).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

from config.lazy_pattern import lazy_pattern
from spiders.normalise.date_common import date_only, floating_midnight, to_utc
from spiders.normalise.zone_names import zone_for

_YEAR = lazy_pattern(r"\b\d{4}\b")
_TWO_DIGITS = lazy_pattern(r"(?<!\d)\d{2}(?!\d)")
_SANE_YEARS = range(1900, 2200)  # "1100 on 3 March 2027" is no date in the year 1100
# "2027/03/05", "20270305": a year written first is year, month, day, never day first.
_YEAR_FIRST = lazy_pattern(r"^\d{4}(?:[/.-]\d{1,2}[/.-]\d{1,2}\b|\d{4}\b)")
# Two defaults that differ in every field: a field that comes out different was not in the text.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2004, 2, 2, 1, 1, 1)


def read_by_dateutil(text: str, zone: ZoneInfo, end_of_day: bool) -> datetime | None:
    """One date (and time) as dateutil reads `text`, in `zone`; None when the text leaves its year,
    month or day unsaid, or states a year other than the one read."""
    year_first = _YEAR_FIRST.match(text) is not None
    order = {"dayfirst": not year_first, "yearfirst": year_first}
    try:
        first = dateutil_parser.parse(text, default=_DEFAULT_A, tzinfos=zone_for, **order)
        second = dateutil_parser.parse(text, default=_DEFAULT_B, tzinfos=zone_for, **order)
    except (ValueError, OverflowError, TypeError, LookupError):
        return None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None  # no year, month or day in the text: dateutil would have filled it in
    # "1-5 March 2027" once read as 2001 with the time 20:27: a year the text states is the year.
    stated = {y for y in map(int, _YEAR.findall(text)) if y in _SANE_YEARS}
    if first.year not in _SANE_YEARS or (stated and first.year not in stated):
        return None
    # "1 and 14 February" once read as 14 February 2001: with no year written whole, the year must
    # be a two-digit one the text writes ("10/02/27"), never a day taken for one.
    if not (stated or year_first) and f"{first.year % 100:02d}" not in _TWO_DIGITS.findall(text):
        return None
    if first.hour != second.hour:
        return date_only(first.date(), zone, end_of_day)
    if end_of_day and floating_midnight(first, text):
        return date_only(first.date(), zone, end_of_day)  # "31/01/2027 00:00" (date_common.py)
    # `first` has zero minutes and seconds where the text gave none ("4pm").
    return to_utc(first, zone)
