"""Pure: the opening and closing dates a status wording names ("Opens 3 March 2027", "Closes 15 July
2026", "Open 1 March – 30 April 2026", "Closed on 12 May 2026"), so the status can be judged against
now. A page's status often outlives the date it names: "Opens 3 March 2026" read in June has opened.

Only a date with its year counts: "Opening 5 January" most likely means the next one, which the
wording already says ("upcoming"); guessing its year could only turn it into a past date.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from spiders.normalise.dates import parse_date
from spiders.normalise.dates_in_text import labelled_date

_YEAR = re.compile(r"\b20\d\d\b")
_LONGEST = 300
# A status that is a verb and its date, with no label labelled_date() knows: "Open from 1 September
# 2026", "Launches 1 July 2026", "Closed on 12 May 2026".
_OPENS_VERB = re.compile(
    r"^(?:[\w/]+\s+){0,3}?(?:re-?)?(?:open(?:s|ing)?|launch(?:es|ing)?)\s+(?:on\s+|from\s+)?(?=\d)",
    re.I,
)
_CLOSES_VERB = re.compile(r"^(?:[\w/]+\s+){0,3}?clos(?:ed|es|ing)\s+(?:on\s+)?(?=\d)", re.I)


def wording_dates(words: str, tz: str = "Europe/London") -> tuple[datetime | None, datetime | None]:
    """(opens, closes) the wording names with a year; either may be None."""
    # A status is a few words; a page's worth of text in the field is read for its words alone
    # (each date a label to try made a 20,000-date field take a quarter of a second).
    words = words[:_LONGEST]
    if not _YEAR.search(words):
        return None, None
    opens, closes = labelled_date(words, "opens", tz), labelled_date(words, "closes", tz)
    if opens is None and (verb := _OPENS_VERB.match(words)):
        opens = parse_date(words[verb.end() :], tz)
    if closes is None and (verb := _CLOSES_VERB.match(words)):
        closes = parse_date(words[verb.end() :], tz, end_of_day=True)
    if opens is not None and closes is None:
        # "Open 1 March – 30 April 2026": a range's end is when it closes.
        end = parse_date(words, tz, end_of_day=True)
        if end is not None and end - opens > timedelta(days=1):
            closes = end
    return opens, closes
