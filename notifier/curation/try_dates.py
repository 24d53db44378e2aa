"""What a closing-date field said instead of a date, as `sources try` shows it.

A rolling call's "Ongoing – apply at any time" and a state such as "Closed – reopens April 2027"
are read right though no date comes of them (the first makes the call open, the second gives its
status, as the README's status rules say). Shown as "no date in …" and counted "read but not
usable", as a selector matching the wrong text is, they sent curators to fix selectors that were
right. "To be confirmed" says neither, so it stays not usable.
"""

from __future__ import annotations

from datetime import UTC, datetime

from spiders.normalise.open_ended import open_ended
from spiders.normalise.status import normalise_status

# How the fill rate counts each: "closes 2/4 (50%)  (1 gave a status)  (1 with no deadline)".
COUNTED = {"a status": "gave a status", "no deadline": "with no deadline"}


def said_instead(words: str) -> str | None:
    """ "no deadline" or "a status" for closing-date words that name no date but say that instead;
    None for words that say neither. Only whether the words name a state matters here (the
    stored status is judged at the crawl's own now), so the clock is today's."""
    if open_ended(words):
        return "no deadline"
    return "a status" if normalise_status(words, None, None, datetime.now(UTC)) else None
