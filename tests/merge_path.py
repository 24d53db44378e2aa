"""The whole path by which a listing arriving from one source joins a call stored from another, as
the product takes it: both stored by storage/record.py into a repository of their own (the same URL;
or the same title key; or the same first initials and a deadline within the window, kept by the
fuzzy prefilter; and then same_call), merged if they made one opportunity."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlite_utils import Database

from config.clock import parse_iso
from storage.db import open_db
from storage.record import record_sighting
from storage.sighting import Sighting

NOW = datetime(2026, 6, 1, 9, tzinfo=UTC)


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


@cache
def _empty() -> Database:
    return open_db(":memory:")  # migrated once; each pair gets a copy


def _repository() -> Database:
    # isolation_level=None as storage/db.py opens it: each unit is its own BEGIN IMMEDIATE.
    conn = sqlite3.connect(":memory:", isolation_level=None)
    _empty().conn.backup(conn)
    return Database(conn)


def _sighting(source_id: str, side: dict[str, Any]) -> Sighting:
    # A side with no URL has its own page (a source always gives one): no URL is shared by chance.
    url = side.get("url") or f"https://{source_id}.example/call"
    return Sighting(
        source_id=source_id,
        ref=url,
        url=url,
        title=side["title"],
        funder=side.get("funder"),
        closes_at=parse_iso(side.get("closes_at")),
    )


def merged(arriving: dict[str, Any], stored: dict[str, Any]) -> bool:
    """Whether storing `arriving` after `stored` (another source's) makes one opportunity."""
    db = _repository()
    try:
        first = record_sighting(db, _sighting("stored", stored), run_id=None, now=NOW)
        second = record_sighting(db, _sighting("arriving", arriving), run_id=None, now=NOW)
    finally:
        db.close()
    return first.opportunity_id == second.opportunity_id
