"""Events waiting to be routed, and routing one event as one unit with its outbox rows.

Routing decides in the notifier (which subscriptions want this?); the rows it decides on and the
event's `routed_at` commit together here, so a crash neither loses nor doubles an alert, and two
routers running at once never both route the same event.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from config.clock import iso
from storage.outbox import Route, enqueue
from storage.transactions import row, rows, write_transaction

# Given the event and its opportunity (None if gone), the routes it should take.
Decide = Callable[[dict[str, Any], dict[str, Any] | None], Iterable[Route]]


def unrouted_events(db: Database) -> list[dict[str, Any]]:
    """Events not yet routed, oldest first; `changes` decoded."""
    found = rows(
        db.conn.execute(
            "SELECT id, opportunity_id, kind, changes FROM events WHERE routed_at IS NULL "
            "ORDER BY id"
        )
    )
    for event in found:
        event["changes"] = json.loads(event["changes"]) if event["changes"] else {}
    return found


def route_event(db: Database, event: dict[str, Any], decide: Decide, now: datetime) -> int:
    """Write the outbox rows `decide` chooses for one event and mark it routed, all or nothing.
    Returns how many rows were written (0 if another router got there first)."""
    with write_transaction(db):
        current = row(db.conn.execute("SELECT routed_at FROM events WHERE id = ?", [event["id"]]))
        if current is None or current["routed_at"] is not None:
            return 0
        opportunity = row(
            db.conn.execute("SELECT * FROM opportunities WHERE id = ?", [event["opportunity_id"]])
        )
        written = 0
        if opportunity is not None:
            routes = list(decide(event, opportunity))
            written = enqueue(db, opportunity["id"], event["kind"], event["id"], routes, now)
        db.conn.execute("UPDATE events SET routed_at = ? WHERE id = ?", [iso(now), event["id"]])
    return written


def closing_candidates(db: Database, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Live, not-closed opportunities whose closing time falls in [start, end] (a generous prefilter:
    the notifier checks each subscription's own window)."""
    return rows(
        db.conn.execute(
            "SELECT * FROM opportunities WHERE removed_at IS NULL AND closes_at IS NOT NULL "
            "AND COALESCE(status, '') != 'closed' AND closes_at >= ? AND closes_at <= ?",
            [iso(start), iso(end)],
        )
    )
