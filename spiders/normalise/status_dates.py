"""Pure: the opening and closing dates a status wording names ("Opens 3 March 2027", "Closes 15 July
2026", "Open 1 March – 30 April 2026", "Closed on 12 May 2026"), so the status can be judged against
now. A page's status often outlives the date it names: "Opens 3 March 2026" read in June has opened.

A date with no year ("Applications open 12 January") is the nearest 12 January to now, and counts
only when that one is still to come: read in December it is next month's, so upcoming though the
words say "open". When the nearest is past ("Opening 5 January" read in June) the year is a guess
that could as well be next year's, so the wording's own tense decides.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from config.lazy_pattern import lazy_pattern
from spiders.normalise.calendar_words import MONTHS
from spiders.normalise.dates import parse_date
from spiders.normalise.dates_in_text import labelled_date

_YEAR = lazy_pattern(r"\b20\d\d\b")
_LONGEST = 300
# A status that is a verb and its date, with no label labelled_date() knows: "Open from 1 September
# 2026", "Launches 1 July 2026", "Closed on 12 May 2026".
_OPENS_VERB = lazy_pattern(
    # "Open for applications from 1 July 2026": what it opens for may stand before the date.
    r"^(?:[\w/]+\s+){0,3}?(?:re-?)?(?:open(?:s|ing)?|launch(?:es|ing)?)\s+(?:for\s+(?:applications|"
    r"bids|submissions|entries|proposals|expressions\s+of\s+interest)\s+)?(?:on\s+|from\s+)?"
    # "Launching w/c 8 February 2027": a week named by its first day opens on that day.
    r"(?:w/[cb]\s+|week\s+(?:commencing|beginning)\s+)?(?=\d)",
    re.I,
)
_CLOSES_VERB = lazy_pattern(r"^(?:[\w/]+\s+){0,3}?clos(?:ed|es|ing)\s+(?:on\s+)?(?=\d)", re.I)
# "Closes w/c 14 December 2026": which day of that week is not said, so it is no closing date
# (README), but the call is open until the week is out and closed after it: for the status only,
# it closes at the week's end.
_CLOSES_WEEK = lazy_pattern(
    r"^(?:[\w/]+\s+){0,3}?clos(?:es|ing)\s+(?:in\s+(?:the\s+)?)?(?:w/[cb]\s+|week\s+(?:commencing|"
    r"beginning)\s+)(?=\d)",
    re.I,
)
_WEEK = timedelta(days=7, minutes=-1)


_DAY_MONTH = lazy_pattern(
    r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + "|".join(MONTHS) + r")[a-z]*\b", re.I
)


def wording_dates(
    words: str, tz: str = "Europe/London", now: datetime | None = None
) -> tuple[datetime | None, datetime | None]:
    """(opens, closes) the wording names with a year, or an opening day and month still to come
    (given `now`); either may be None."""
    # A status is a few words; a page's worth of text in the field is read for its words alone
    # (each date a label to try made a 20,000-date field take a quarter of a second).
    words = words[:_LONGEST]
    if not _YEAR.search(words):
        return _coming_opening(words, tz, now), None
    opens, closes = labelled_date(words, "opens", tz), labelled_date(words, "closes", tz)
    if opens is None and (verb := _OPENS_VERB.match(words)):
        opens = parse_date(words[verb.end() :], tz)
    if closes is None and (verb := _CLOSES_VERB.match(words)):
        closes = parse_date(words[verb.end() :], tz, end_of_day=True)
    if closes is None and (week := _CLOSES_WEEK.match(words)):
        starts = parse_date(words[week.end() :], tz)
        closes = starts + _WEEK if starts is not None else None
    if opens is not None and closes is None:
        # "Open 1 March – 30 April 2026": a range's end is when it closes.
        end = parse_date(words, tz, end_of_day=True)
        if end is not None and end - opens > timedelta(days=1):
            closes = end
    return opens, closes


def _coming_opening(words: str, tz: str, now: datetime | None) -> datetime | None:
    """The yearless opening day ("Applications open 12 January") as the nearest such day to now
    (parse_date's rule for a day with no year), when that day is still to come; else None."""
    verb = _OPENS_VERB.match(words) if now is not None else None
    found = _DAY_MONTH.match(words, verb.end()) if verb else None
    if found is None:
        return None
    opens = parse_date(found[0], tz, now=now)
    return opens if opens is not None and opens > now else None
