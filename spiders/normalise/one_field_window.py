"""Pure: the opening date read from the same words as the closing date. A curator whose listing
shows a window in one field ("Closing date: 01/12/2026 - 12/02/2027", an events plugin's date
line) names that field for both `opens` and `closes`, as the README says; a call of the same
listing whose field holds one date ("Closing date: 08/01/2027") names when it closes, and
nothing of when it opened."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from config.lazy_pattern import lazy_pattern
from spiders.normalise.date_changes import REPLACES
from spiders.normalise.date_roles import led_by_other_event


def opening_of_shared_field(
    opens_at: datetime | None,
    closes_at: datetime | None,
    opens_words: str | None,
    closes_words: str | None,
    tz: str,
) -> datetime | None:
    """`opens_at`, unless it was read from the closing date's own words and they name one day
    only (a date alone reads 00:00 as an opening and 23:59 as a closing: no window)."""
    if opens_at is None or not opens_words or opens_words != closes_words:
        return opens_at
    if led_by_other_event(opens_words):
        # "Information session: 8 December 2026, 10am; Closing date: 29 January 2027": the first
        # date is the session's, no opening (an "Opens:" line further on is read by its label),
        # and with the closing date to be confirmed no more so.
        return None
    if closes_at is None:
        return opens_at
    zone = ZoneInfo(tz)
    if opens_at.astimezone(zone).date() == closes_at.astimezone(zone).date():
        return None
    return opens_at


# What may come before a window's first date: nothing, a weekday, or words that say it opens
# ("Opens 1 December 2026, closes …", "Open from …", "Applications accepted between …"). Any other
# lead names some other date first ("Webinar: 14 January 2027. Deadline: …", "Deadline to register:
# …; deadline to apply: …", "Stage 1: …", "Published …"): no opening.
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
_OPENING_LEAD = lazy_pattern(
    r"^\s*(?:(?:applications?|bids?|submissions?)\s+(?:are\s+|will\s+be\s+)?)?"
    r"(?:open(?:s|ed|ing)?(?:\s+date)?|accepted|received|window)?\s*:?\s*(?:from|between)?\s*"
    rf"(?:{_WEEKDAY})?\s*$",
    re.I,
)
_FIGURE = lazy_pattern(r"\d")


def opening_of_closing_window(
    start: datetime | None, closes_at: datetime | None, closes_words: str | None, tz: str
) -> datetime | None:
    """The start of a window a closing-date field holds when the call has no opening field
    ("4 January – 26 March 2027" under "Closing date"), read from those words as an opening
    (`start`); else None. Such a call opens then, as one whose window has no end does
    (open_ended.py): its status comes from both ends. One day read for both, or a date that
    gave way to another, is no window."""
    if start is None or closes_at is None or not closes_words or REPLACES.search(closes_words):
        return None
    figure = _FIGURE.search(closes_words)
    if figure is None or not _OPENING_LEAD.match(closes_words[: figure.start()]):
        return None
    zone = ZoneInfo(tz)
    if start >= closes_at or start.astimezone(zone).date() == closes_at.astimezone(zone).date():
        return None
    return start
