"""Questions asked of the outbox without changing it: what waits, what a claim is about, what went."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from config.clock import iso
from storage.transactions import rows_by_id


def waiting(
    db: Database,
    subscription_id: str,
    channel: str,
    cadence: str,
    now: datetime,
    *,
    retries_only: bool = False,
) -> int:
    """Pending rows ready to send; `retries_only`: only those a failed attempt left behind."""
    sql = (
        "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND subscription_id = ? "
        "AND channel = ? AND cadence = ? AND next_attempt_at <= ?"
    )
    if retries_only:
        sql += " AND attempts > 0"
    return db.conn.execute(sql, [subscription_id, channel, cadence, iso(now)]).fetchone()[0]


def held_back(db: Database, cadence: str, now: datetime) -> tuple[int, str | None]:
    """Pending rows of `cadence` not yet due (a back-off, Slack's Retry-After), and the earliest
    next attempt among them (ISO UTC), so a run can say what it left waiting."""
    count, earliest = db.conn.execute(
        "SELECT COUNT(*), MIN(next_attempt_at) FROM outbox "
        "WHERE status = 'pending' AND cadence = ? AND next_attempt_at > ?",
        [cadence, iso(now)],
    ).fetchone()
    return count, earliest


def alert_data(
    db: Database, claimed: Sequence[dict[str, Any]]
) -> tuple[dict[str, dict[str, Any]], dict[int, dict[str, Any]]]:
    """What claimed rows are about: their opportunities by id, and their events by id (the
    event's `changes` and the `source_id` whose crawl raised it)."""
    opportunity_ids = sorted({r["opportunity_id"] for r in claimed})
    opportunities = {o["id"]: o for o in rows_by_id(db, "opportunities", "*", opportunity_ids)}
    event_ids = sorted({r["event_id"] for r in claimed if r.get("event_id") is not None})
    events = {e["id"]: e for e in rows_by_id(db, "events", "id, changes, source_id", event_ids)}
    return opportunities, events


def sent_by_channel(db: Database) -> dict[str, int]:
    return dict(
        db.conn.execute(
            "SELECT channel, count(*) FROM outbox WHERE status = 'sent' GROUP BY channel"
        ).fetchall()
    )
