"""What a closing-date field said instead of a date, as `sources try` shows it.

A rolling call's "Ongoing – apply at any time" and a state such as "Closed – reopens April 2027"
are read right though no date comes of them (the first makes the call open, the second gives its
status, as the README's status rules say). Shown as "no date in …" and counted "read but not
usable", as a selector matching the wrong text is, they sent curators to fix selectors that were
right. "To be confirmed" ("TBC", "Date to be announced", "Not yet confirmed") is the funder's
word that the date is yet to be set: read right too, so shown and counted as such, apart from
both (it says no deadline is open-ended, and gives no status).

An opening date read from the closing date's own field (a window's line named for both, as the
README says) that holds one date is the closing date only (spiders/normalise/one_field_window.py):
shown "the closing date only: '08/01/2027'" and counted so, not as a selector to fix. An opening
field holding the call's state ("Open now", "Ongoing", "Open all year" in a table's Opens column)
is its status, shown and counted "a status"; "TBC" there is to be confirmed.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from config.lazy_pattern import lazy_pattern
from spiders.normalise.dates import parse_date
from spiders.normalise.open_ended import open_ended
from spiders.normalise.status import normalise_status
from spiders.normalise.text import clean_text

# How the fill rate counts each: "closes 2/4 (50%)  (1 gave a status)  (1 with no deadline)".
COUNTED = {
    "a status": "gave a status",
    "no deadline": "with no deadline",
    "the closing date only": "the closing date only",
    "to be confirmed": "to be confirmed",
}

# Short words ending in a date yet to be set ("TBC", "Closing date: to be confirmed", "Was 5 March
# 2027, now TBC"), asked only when no date was read from them: a selector matching a whole block
# of text that happens to end so is longer than a label and its value.
_UNSET = lazy_pattern(
    r"^.{0,40}?\b(?:tbc|tba|tbd|to\s+be\s+(?:confirmed|announced|agreed|set|decided|determined)|"
    r"not\s+yet\s+(?:confirmed|announced|set|known|decided))(?:\s+(?:soon|shortly|later))?[.!)]?$",
    re.IGNORECASE,
)


def said_instead(words: str) -> str | None:
    """ "no deadline", "a status" or "to be confirmed" for closing-date words that name no date
    but say that instead; None for words that say none of them. Only whether the words name a state matters here (the
    stored status is judged at the crawl's own now), so the clock is today's."""
    if open_ended(words):
        return "no deadline"
    if normalise_status(words, None, None, datetime.now(UTC)):
        return "a status"
    return "to be confirmed" if _UNSET.match(words.strip()) else None


def read_instead(name: str, raw, item) -> str | None:
    """What a date field read right said instead of a date (see above), or None: `raw` is the
    spider's item, `item` the stored Sighting."""
    if name == "closes" and item.closes_at is None and raw.closes is not None:
        return said_instead(clean_text(str(raw.closes)) or "")
    if name == "opens" and item.opens_at is None and item.closes_at is not None:
        opens, closes = clean_text(str(raw.opens)), clean_text(str(raw.closes))
        if opens and opens == closes:
            return "the closing date only"
    if name == "opens" and item.opens_at is None and raw.opens is not None:
        # An Opens column's "Open now", "Ongoing", "Open all year": the call's state (open), read
        # as its status (spiders/normalise/sighting.py), not a date that failed.
        said = said_instead(clean_text(str(raw.opens)) or "")
        return "a status" if said == "no deadline" else said
    return None


def window_in_closes(raw_closes: str | None, opens_at: datetime | None, tz: str) -> str | None:
    """Where an opening no `opens` field gave came from when it is the start of the window the
    closing-date field holds ("4 January – 26 March 2027"): that field's words, else None (it was
    read from the item's text, a summary's "Applications open on …")."""
    words = clean_text(raw_closes)
    if not words or opens_at is None:
        return None
    return words if parse_date(words, tz) == opens_at else None
