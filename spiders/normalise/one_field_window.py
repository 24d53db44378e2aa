"""Pure: the opening date read from the same words as the closing date. A curator whose listing
shows a window in one field ("Closing date: 01/12/2026 - 12/02/2027", an events plugin's date
line) names that field for both `opens` and `closes`, as the README says; a call of the same
listing whose field holds one date ("Closing date: 08/01/2027") names when it closes, and
nothing of when it opened."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def opening_of_shared_field(
    opens_at: datetime | None,
    closes_at: datetime | None,
    opens_words: str | None,
    closes_words: str | None,
    tz: str,
) -> datetime | None:
    """`opens_at`, unless it was read from the closing date's own words and they name one day
    only (a date alone reads 00:00 as an opening and 23:59 as a closing: no window)."""
    if opens_at is None or closes_at is None or not opens_words or opens_words != closes_words:
        return opens_at
    zone = ZoneInfo(tz)
    if opens_at.astimezone(zone).date() == closes_at.astimezone(zone).date():
        return None
    return opens_at
