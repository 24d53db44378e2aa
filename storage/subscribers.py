"""Subscriptions the repository has met: when each was first seen, and its welcome.

A subscription added to a running repository gets one welcome digest of the open calls that match
it; one first seen while the repository is still empty hears of everything as `new` anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from config.clock import iso
from storage.outbox import Route, enqueue
from storage.transactions import insert, rows, write_transaction


def first_seen(db: Database) -> dict[str, str]:
    """Subscription id → when it was first seen (UTC ISO)."""
    return dict(db.conn.execute("SELECT subscription_id, first_seen FROM subscribers").fetchall())


def is_running(db: Database) -> bool:
    """Has the repository already told anyone anything (an event routed)? Then it is running."""
    return (
        db.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM events WHERE routed_at IS NOT NULL)"
        ).fetchone()[0]
        == 1
    )


def welcome_candidates(db: Database, now: datetime) -> list[dict[str, Any]]:
    """Open, live opportunities with nothing waiting to be routed (those will reach a new
    subscriber as their own alert): what a welcome digest may list."""
    return rows(
        db.conn.execute(
            "SELECT * FROM opportunities o WHERE o.removed_at IS NULL "
            "AND COALESCE(o.status, '') != 'closed' AND (o.closes_at IS NULL OR o.closes_at > ?) "
            "AND NOT EXISTS (SELECT 1 FROM events e WHERE e.opportunity_id = o.id "
            "AND e.routed_at IS NULL) ORDER BY o.closes_at IS NULL, o.closes_at, o.id",
            [iso(now)],
        )
    )


def welcome(
    db: Database,
    newcomers: Mapping[str, Iterable[tuple[str, list[Route]]]],
    now: datetime,
) -> int:
    """Remember each new subscription and queue its welcome rows (subscription id → its calls and
    their routes), all in one unit: a crash repeats none of them and loses none. Returns how many
    rows were queued; a subscription already known gets none."""
    queued = 0
    with write_transaction(db):
        for subscription_id, calls in newcomers.items():
            cursor = insert(
                db,
                "subscribers",
                {"subscription_id": subscription_id, "first_seen": iso(now)},
                or_ignore=True,
            )
            if cursor.rowcount:
                queued += sum(
                    enqueue(db, opportunity_id, "welcome", None, routes, now)
                    for opportunity_id, routes in calls
                )
    return queued
