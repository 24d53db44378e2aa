"""Pure: an iCalendar (.ics) feed of funding deadlines, a `feed` source's answer as a funder's
calendar gives it (a research office's "funding deadlines" calendar, a council events system's
export): each VEVENT one call.

- SUMMARY is the title, URL the call's page (else the first http(s) link in DESCRIPTION, where a
  calendar app that has no URL field puts it), UID its ref, DESCRIPTION its text (read for
  money, who can apply and any labelled dates, as a feed item's text is).
- An event of a day or less marks a deadline: it closes when the event starts (a timed event at
  "17:00") or at the end of its day (an all-day event, whose DTEND is the next day, exclusive).
  An event spanning days is the application window: it opens at its start and closes at its end
  (an all-day one on the last day it covers).
- A date-time with TZID or Z is that instant; a floating one (no zone) is in the source's
  `timezone`, as any zoneless date is; an all-day date is a date alone.
- An event the calendar marks STATUS:CANCELLED was withdrawn: not a call. A recurring event
  (RRULE) is read at its first occurrence.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from config.lazy_pattern import lazy_pattern

_START = lazy_pattern(rb"^(?:\xef\xbb\xbf)?\s*BEGIN:VCALENDAR", re.IGNORECASE)
_LINK = lazy_pattern(r"https?://[^\s<>\"']+")


def is_calendar(body: bytes) -> bool:
    """Whether an answer is an iCalendar document (whatever its Content-Type said)."""
    return _START.match(body[:64]) is not None


def calendar_calls(body: bytes) -> list[dict[str, Any]]:
    """Each event of the calendar as a call's raw fields (title, url, ref, summary, opens,
    closes). Raises ValueError on a calendar that does not parse."""
    import icalendar  # here, not at the top: 40 ms of start-up for every crawl, few sources a calendar

    calendar = icalendar.Calendar.from_ical(body)
    calls = []
    for event in calendar.walk("VEVENT"):
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        text = _text(event.get("DESCRIPTION"))
        url = _text(event.get("URL")) or _first_link(text)
        calls.append(
            {
                "title": _text(event.get("SUMMARY")),
                "url": url,
                "ref": _text(event.get("UID")) or url,
                "summary": text,
                **_dates(event),
            }
        )
    return calls


def _dates(event: Any) -> dict[str, str]:
    """The event's opening and closing, or none when its dates do not read ("DTSTART:2027"): the
    call keeps its other fields, as a page's unreadable date does."""
    try:
        return _window(event)
    except (ValueError, TypeError):
        return {}


def _window(event: Any) -> dict[str, str]:
    start = event.get("DTSTART")
    if start is None:
        return {}
    begins = start.dt
    end = event.get("DTEND")
    ends = end.dt if end is not None else None
    if ends is None and (duration := event.get("DURATION")) is not None:
        ends = begins + duration.dt
    if not isinstance(begins, datetime):  # all-day: DTEND is the day after the last one
        whole_days = isinstance(ends, date) and not isinstance(ends, datetime)
        last = ends - timedelta(days=1) if whole_days and ends > begins else begins
        if last > begins:
            return {"opens": begins.isoformat(), "closes": last.isoformat()}
        return {"closes": begins.isoformat()}
    if isinstance(ends, datetime) and ends - begins > timedelta(days=1):
        return {"opens": _instant(begins), "closes": _instant(ends)}
    return {"closes": _instant(begins)}


def _instant(when: datetime) -> str:
    """A date-time as ISO text: with its offset when zoned, floating (the source's zone) when not."""
    return when.isoformat(timespec="minutes")


def _text(value: Any) -> str | None:
    words = str(value).strip() if value is not None else ""
    return words or None


def _first_link(text: str | None) -> str | None:
    match = _LINK.search(text or "")
    return match.group(0).rstrip(".,;)") if match else None
