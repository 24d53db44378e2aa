"""Pure: a call re-announced with a later deadline, as one source says and another has not caught up.

"Deadline extended: Community Energy Fund" closing 12 April is the "Community Energy Fund" another
source still shows closing 12 March: one pot (storage/same_call.py), and its deadline is the later
one (storage/opportunities.py), or the officer sees it closed while it is open. The listing says so
("deadline extended", "(extended)", "Extension:"); three months on is as far as an extension goes,
further is the next round. An extension never brings a deadline forward.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from config.clock import parse_iso
from config.lazy_pattern import lazy_pattern

EXTENDED = lazy_pattern(r"\bextend(?:ed|s)?\b|\bextension\b", re.IGNORECASE)
EXTENSION_DAYS = 92


def extended(title: str | None, day: date, other_day: date) -> bool:
    """Whether a listing titled `title`, closing `day`, is the call closing `other_day` extended."""
    later = 0 < (day - other_day).days <= EXTENSION_DAYS
    return later and bool(title) and bool(EXTENDED.search(title))


def extended_deadline(records: list[dict[str, Any]], closes_at: str | None) -> str | None:
    """The opportunity's deadline: `closes_at` (its first listing's), or the latest a listing that
    says it was extended gives within an extension's reach of it."""
    first = parse_iso(closes_at)
    if first is None:
        return closes_at
    best, best_at = closes_at, first
    for record in records:
        when = parse_iso(record.get("closes_at"))
        if when and when > best_at and extended(record.get("title"), when.date(), first.date()):
            best, best_at = record["closes_at"], when
    return best
