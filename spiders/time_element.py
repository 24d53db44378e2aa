"""A `<time>` element a field names, read for its date when its words leave the year out.

Calendars and card grids print a deadline as "January 15 @ 12:00 pm" or "15 Jan" and keep the
year only in `<time datetime="2027-01-15">`; read by its words such a date is none ("21 April" has
no year), so a field naming the element stored no closing date. Its words stand when they hold a
year (they may say more, "4:00pm UK time"); else the datetime does, and a datetime that is a day
alone takes the time of day the words give ("12:00 pm"), as a person reading both would.

A countdown badge ("Closes in 9 days", "Closing today", "Last day tomorrow", "Closed 5 days ago")
says when only relative to the day the page was cached, and keeps the date in its tooltip: `<span
title="Friday 4 December 2026, 5:00pm">`. Read by its words it was no date, so such a call stored
none; its title is read instead when it holds a year (a `<time>`'s datetime first).
"""

from __future__ import annotations

import re

from lxml import etree

from config.lazy_pattern import lazy_pattern

_YEAR = lazy_pattern(r"(?<!\d)(?:19|20)\d\d(?!\d)|'\d\d\b")
_DAY = lazy_pattern(r"\d{4}-\d{2}-\d{2}")
_DAY_AND_TIME = lazy_pattern(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
# The first time of day in the words: "12:00 pm", "5pm", "17:00", "noon"; a range's start.
_TIME_OF_DAY = lazy_pattern(
    r"\b(?:\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?|\d{1,2}:\d{2}|noon|midday|midnight)(?!\w)", re.I
)


# Words that count days to a deadline rather than naming it.
_COUNTDOWN = lazy_pattern(
    r"\b(?:(?:clos(?:es|ing)|ends?|ending|deadline|due)\s+(?:in\s+\d+\s+(?:hours?|days?|weeks?"
    r"|months?)|today|tonight|tomorrow)|(?:last|final)\s+day\s+(?:today|tomorrow)|\d+\s+(?:hours?"
    r"|days?|weeks?)\s+(?:left|to\s+go|remaining)|closed\s+(?:\d+\s+(?:days?|weeks?|months?)\s+ago"
    r"|yesterday|today))\b",
    re.IGNORECASE,
)


def time_text(element: etree._Element, words: str) -> str:
    """What a field naming this element reads: `words` (its text), or its datetime or its
    countdown's title as above."""
    if not isinstance(element.tag, str) or _YEAR.search(words):
        return words
    if element.tag.lower() == "time":
        stamp = (element.get("datetime") or "").strip()
        if _DAY_AND_TIME.match(stamp):
            return stamp
        if _DAY.fullmatch(stamp):
            hour = _TIME_OF_DAY.search(words)
            return f"{stamp} {hour.group(0)}" if hour else stamp
    title = (element.get("title") or "").strip()
    if title and _YEAR.search(title) and _COUNTDOWN.search(words):
        return title
    return words  # a month ("2027-01"), a duration or nothing: the words are all there is
