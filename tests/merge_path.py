"""The whole path by which a listing arriving from one source joins a call stored from another
(storage/record.py), without a database: the same URL; or the same title key; or the same first
initials and a deadline within the window (or none), kept by the fuzzy prefilter; and then
same_call."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from config.clock import parse_iso
from storage.record import WINDOW
from storage.same_call import near_titles, same_call, title_key, title_lead


def listing(side: dict) -> dict[str, Any]:
    """A case row's side as the store sees it: a `closes` date is noon UTC that day; a timestamp
    (written with its zone, as a source gives it) is that instant."""
    closes = side.get("closes")
    when = None
    if isinstance(closes, datetime):
        when = closes.astimezone(UTC).isoformat()
    elif isinstance(closes, date):
        when = datetime(closes.year, closes.month, closes.day, 12, tzinfo=UTC).isoformat()
    return {
        "title": side["title"],
        "funder": side.get("funder"),
        "closes_at": when,
        "url": side.get("url"),
    }


def merged(arriving: dict[str, Any], stored: dict[str, Any]) -> bool:
    """Whether storing `arriving` after `stored` (another source's) makes one opportunity."""
    if arriving.get("url") and arriving.get("url") == stored.get("url"):
        return True
    title, funder = arriving["title"], arriving.get("funder")
    if title_key(title, funder) == title_key(stored["title"], stored.get("funder")):
        return same_call(arriving, stored)
    if title_lead(title, funder) != title_lead(stored["title"], stored.get("funder")):
        return False
    closes, other = parse_iso(arriving["closes_at"]), parse_iso(stored["closes_at"])
    if closes and other and abs(closes - other) > WINDOW:
        return False
    if not near_titles(title, {"stored": stored["title"]}):
        return False
    return same_call(arriving, stored)
