"""Pure: upcoming | open | closed, from the page's wording and the dates."""

from __future__ import annotations

import re
from datetime import datetime

from spiders.normalise.text import SPACES

# Order matters: "not yet open" mentions "open", "closing soon" is still open.
_STATUS_WORDS = (
    (
        "upcoming",
        re.compile(
            r"\b(?:upcoming|opening\s+soon|opens\s+soon|not\s+yet\s+open(?:ed)?|not\s+open\s+yet|"
            r"forthcoming|coming\s+soon|has\s+not\s+(?:yet\s+)?opened|forecast(?:ed)?|"
            r"pre-?announce(?:d|ment)|planned|re-?opening|opens\s+(?:on|in)\b|opening\s+(?:on|in|\d))"
        ),
    ),
    (
        "closed",
        re.compile(
            r"\b(?:closed|no\s+longer\s+open|no\s+longer\s+accepting|not\s+(?:currently\s+)?open|"
            r"awarded|archived|cancell?ed|withdrawn|paused|suspended|expired|ended|complete(?:d)?|"
            r"unsuccessful)\b"
        ),
    ),
    (
        "open",
        re.compile(
            r"\b(?:open|open\s+now|now\s+open|closing\s+soon|closes\s+in|accepting\s+applications|"
            r"live|active|rolling)\b"
        ),
    ),
)


def normalise_status(
    text: str | None,
    opens_at: datetime | None,
    closes_at: datetime | None,
    now: datetime,
) -> str | None:
    """upcoming | open | closed: the page's own wording when clear, else the dates; a past closing
    date always means closed. None when neither says anything. All datetimes must be aware."""
    if closes_at is not None and closes_at <= now:
        return "closed"
    if text:
        wording = SPACES.sub(" ", text).strip().lower()
        for status, pattern in _STATUS_WORDS:
            if pattern.search(wording):
                return status
    if opens_at is not None and opens_at > now:
        return "upcoming"
    if opens_at is not None or closes_at is not None:
        return "open"
    return None
