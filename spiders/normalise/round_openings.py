"""Pure: when a call opens whose opening field lists its rounds' openings.

A programme's table of rounds (Round | Opens | Closes, spiders/table_columns.py) gives both fields
as lists: "Round 1: 6 April 2026 | Round 2: 2 November 2026 | Round 3: 1 June 2027". The closing
date is the next round's still to come (date_lists.py); read alone, the openings' list took the
next opening still to come, Round 3's, so a call open now for Round 2 read upcoming and opening in
June. The opening that goes with the round the call closes on is the last one on or before that
closing date.
"""

from __future__ import annotations

from datetime import datetime

from config.lazy_pattern import lazy_pattern
from spiders.normalise.date_lists import round_list
from spiders.normalise.dates import parse_date

_PARTS = lazy_pattern(r"\s*[|;]\s*")


def round_opening(opens_said: str | None, closes_at: datetime | None, tz: str) -> datetime | None:
    """The opening of the round that closes at `closes_at`, when `opens_said` lists rounds; None
    when it lists none, or no opening comes before that closing."""
    if not opens_said or closes_at is None or not round_list(opens_said):
        return None
    openings = [parse_date(part, tz) for part in _PARTS.split(opens_said) if part]
    before = [when for when in openings if when is not None and when <= closes_at]
    return max(before) if before else None
