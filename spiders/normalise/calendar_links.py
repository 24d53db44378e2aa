"""Pure: the date an "Add to calendar" link would add, for a date field pointed at such a link.

Add-to-calendar widgets (add-to-calendar-button, AddEvent, a theme's own menu) write the event into
links to the calendar services' compose pages, and a page may show its deadline nowhere else:
Google's `calendar.google.com/calendar/render?action=TEMPLATE&dates=20270115T170000Z/…` (UTC with
a `Z`; local, in `ctz`'s zone or else the source's, without one; a whole day as `20270129/20270130`,
the end the day after), Outlook's and Office 365's `…/deeplink/compose?startdt=2027-01-15T17:00:00
+00:00&enddt=…` (ISO, a date alone for a whole day) and Yahoo's `calendar.yahoo.com/?v=60&st=…&et=…`.
Read as an address, such a link was 200 characters of no date, "read but not usable". Here it is
the event's start, as a deadline event is a moment (a calendar's event of a day or less closes when
it starts: spiders/ics_feed.py); an event spanning days, read for a closing date, is an
application window, closing at its end (a whole day's end the last day it covers).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

from config.lazy_pattern import lazy_pattern

_COMPACT = lazy_pattern(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$", re.IGNORECASE)
_ISO_DAY = lazy_pattern(r"^\d{4}-\d{2}-\d{2}$")


def calendar_link_date(value: str, *, closing: bool) -> tuple[str, str | None] | None:
    """(an ISO date or datetime, the zone it is in or None for the source's) that the calendar
    link `value` would add; None when `value` is no such link or names no date."""
    if not value.startswith(("http://", "https://", "//")) or len(value) > 4000:
        return None
    parts = urlsplit(value.strip())
    host, query = parts.netloc.lower(), parse_qs(parts.query)
    if host == "calendar.google.com" or host.endswith(".google.com") and "calendar" in parts.path:
        start, _, end = (query.get("dates") or [""])[0].partition("/")
        zone = (query.get("ctz") or [None])[0]
        return _pick(_compact(start), _compact(end), closing, zone)
    if host.startswith("outlook.") or host.endswith((".office.com", ".office365.com")):
        start, end = (query.get("startdt") or [""])[0], (query.get("enddt") or [""])[0]
        return _pick(start or None, end or None, closing, None)
    if host == "calendar.yahoo.com":
        start, end = (query.get("st") or [""])[0], (query.get("et") or [""])[0]
        return _pick(_compact(start), _compact(end), closing, None)
    return None


def _compact(text: str) -> str | None:
    """ "20270115T170000Z" → "2027-01-15T17:00:00Z"; "20270129" → "2027-01-29"."""
    found = _COMPACT.match(text.strip())
    if found is None:
        return None
    year, month, day, hour, minute, second, utc = found.groups()
    if hour is None:
        return f"{year}-{month}-{day}"
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}{'Z' if utc else ''}"


def _pick(
    start: str | None, end: str | None, closing: bool, zone: str | None
) -> tuple[str, str | None] | None:
    if start is None:
        return None
    if not closing or end is None:
        return start, zone
    if _ISO_DAY.match(start) and _ISO_DAY.match(end):
        # Whole days: the end is the day after the last one covered.
        first, after = date.fromisoformat(start), date.fromisoformat(end)
        last = after - timedelta(days=1) if after > first else first
        return last.isoformat(), zone
    if end[:10] > start[:10] and _days_apart(start, end) > 1:
        return end, zone  # an application window, not a deadline's moment
    return start, zone


def _days_apart(start: str, end: str) -> int:
    try:
        return (date.fromisoformat(end[:10]) - date.fromisoformat(start[:10])).days
    except ValueError:
        return 0
