"""A listing's date without its year, given the year by the heading the item sits under.

Deadline pages group their entries under month or year headings ("January 2027", then "Fri 15
Jan, 12 noon – Village Halls Fund"), the year written only there. Read alone such a date is none
(no year is guessed), so every call on the page was stored with no deadline. A date field whose
words name a month but no year takes the year of the nearest heading above the item, when that
heading is short and names exactly one year ("January 2027", "Deadlines in 2027"; not "2026/27").
A heading that names its month too dates the page from then on: a bulletin headed "December 2026"
listing "by noon, 29 January" means the January after it (2027), not the one eleven months before.
A timeline writes even less: under its month item ("January 2027") a call shows only its weekday
and day ("Thu 14"), so such a field takes the heading's month and year both.
"""

from __future__ import annotations

import re

from lxml import etree
from parsel import Selector

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_words import MONTH_NAME, MONTHS, WEEKDAY

_YEAR = lazy_pattern(r"(?<![\d/])20\d\d(?![\d/])")
_ANY_YEAR = lazy_pattern(r"(?<!\d)(?:19|20)\d\d(?!\d)|'\d\d\b|/\d\d\b")
_MONTH_WORD = lazy_pattern(MONTH_NAME, re.IGNORECASE)
_DAY = lazy_pattern(r"(?<!\d)\d{1,2}(?!\d)")
# The nearest heading above the item that is not an earlier call's own (inside an element like
# the item, its tag and first class, holding more than that heading): a timeline's calls have
# <h3> titles between their month items, and the second call of a month was placed by the first
# call's title (no year) rather than by "January 2027". A month item alone is still a heading.
_H = "self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6"
_HEADING_ABOVE = etree.XPath(
    f"preceding::*[{_H}][not(ancestor::*[local-name() = $tag and ($kind = '' or"
    " contains(concat(' ', normalize-space(@class), ' '), concat(' ', $kind, ' ')))"
    f" and string-length(normalize-space(.)) > string-length(normalize-space(.//*[{_H}][1]))])][1]"
)
# A day alone, perhaps after its weekday ("Thu 14", "Friday 5th", "14, 5pm"): not a count of days
# or weeks ("Closes in 9 days"), not an hour ("5pm", "17:00"), nothing else with a figure after.
_DAY_ALONE = lazy_pattern(
    rf"^(?:[A-Za-z]+:\s*)?(?:{WEEKDAY}[a-z]*\.?,?\s+)?"
    r"(?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\b"
    r"(?!\s*(?:[ap]\.?m\b|[:.]\d|h(?:rs?|ours?)?\b|days?\b|weeks?\b))"
    r"(?P<rest>[^\d]*(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?|noon|midday)|\d{1,2}[:.]\d\d)?[^\d]*)$",
    re.IGNORECASE,
)
MAX_HEADING_WORDS = 6  # "Deadlines for January 2027"; a longer heading is a title, not a date


def heading_year(node: Selector) -> str | None:
    """The one year the heading above the item names, or None."""
    words = _dated_heading(node)
    return _YEAR.findall(words)[0] if words else None


def heading_month(node: Selector) -> int | None:
    """The one month (1-12) the dated heading above the item names beside its year, or None."""
    words = _dated_heading(node)
    months = {m.group(0)[:3].lower() for m in _MONTH_WORD.finditer(words or "")}
    return MONTHS.index(months.pop()) + 1 if len(months) == 1 else None


def _dated_heading(node: Selector) -> str | None:
    """The words of the heading above the item when it is short and names exactly one year."""
    root = node.root
    if not isinstance(root, etree._Element):
        return None
    kind = (root.get("class") or "").split()
    found = _HEADING_ABOVE(root, tag=etree.QName(root).localname, kind=kind[0] if kind else "")
    if not found:
        return None
    words = " ".join(" ".join(found[0].itertext()).split())
    years = _YEAR.findall(words)
    if len(set(years)) != 1 or len(words.split()) > MAX_HEADING_WORDS or "/" in words:
        return None
    return words


def lacks_year(text: str | None) -> bool:
    """Whether `text` names a day and one month but no year ("Fri 15 Jan, 12 noon")."""
    if not text or _ANY_YEAR.search(text) or not _DAY.search(text):
        return False
    return len(_MONTH_WORD.findall(text)) == 1


def with_year(text: str | None, year: str | None, from_month: int | None = None) -> str | None:
    """`text` with `year` after its month word, when it lacks one (see lacks_year); the next year
    when its month comes before `from_month`, the month the heading names with its year."""
    if not year or not lacks_year(text):
        return text
    assert text is not None
    month = MONTHS.index(_MONTH_WORD.search(text).group(0)[:3].lower()) + 1
    if from_month is not None and month < from_month:
        year = str(int(year) + 1)
    return _MONTH_WORD.sub(lambda m: f"{m.group(0)} {year}", text, count=1)


def lacks_month(text: str | None) -> bool:
    """Whether `text` names a day but no month and no year ("Thu 14", "Fri 6, 5pm")."""
    if not text or _ANY_YEAR.search(text) or _MONTH_WORD.search(text):
        return False
    return _DAY_ALONE.match(" ".join(text.split())) is not None


def with_month(text: str | None, year: str | None, month: int | None) -> str | None:
    """`text` with the heading's month and year after its day, when it names neither (see
    lacks_month); as it was when the heading does not name both."""
    if not year or month is None or not lacks_month(text):
        return text
    assert text is not None
    words = " ".join(text.split())
    day = _DAY_ALONE.match(words)
    assert day is not None
    return f"{words[: day.end('day')]} {MONTHS[month - 1].title()} {year}{words[day.end('day') :]}"
