"""A `<time>` element a field names, read for its date when its words leave the year out.

Calendars and card grids print a deadline as "January 15 @ 12:00 pm" or "15 Jan" and keep the
year only in `<time datetime="2027-01-15">`; read by its words such a date is none ("21 April" has
no year), so a field naming the element stored no closing date. Its words stand when they hold a
year (they may say more, "4:00pm UK time"); else the datetime does, and a datetime that is a day
alone takes the time of day the words give ("12:00 pm"), as a person reading both would.
"""

from __future__ import annotations

import re

from lxml import etree

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|'\d\d\b")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY_AND_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
# The first time of day in the words: "12:00 pm", "5pm", "17:00", "noon"; a range's start.
_TIME_OF_DAY = re.compile(
    r"\b(?:\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?|\d{1,2}:\d{2}|noon|midday|midnight)(?!\w)", re.I
)


def time_text(element: etree._Element, words: str) -> str:
    """What a field naming this element reads: `words` (its text), or its datetime as above."""
    if not isinstance(element.tag, str) or element.tag.lower() != "time" or _YEAR.search(words):
        return words
    stamp = (element.get("datetime") or "").strip()
    if _DAY_AND_TIME.match(stamp):
        return stamp
    if _DAY.fullmatch(stamp):
        hour = _TIME_OF_DAY.search(words)
        return f"{stamp} {hour.group(0)}" if hour else stamp
    return words  # a month ("2027-01"), a duration or nothing: the words are all there is
