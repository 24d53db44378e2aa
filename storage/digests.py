"""Digests sent: one row each, so "has this slot's digest gone?" survives restarts and crashes."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from config.clock import iso
from storage.transactions import insert, write_transaction


def last_digest(db: Database, subscription_id: str, channel: str, cadence: str) -> str | None:
    found = db.conn.execute(
        "SELECT MAX(sent_at) FROM digests WHERE subscription_id = ? AND channel = ? AND cadence = ?",
        [subscription_id, channel, cadence],
    ).fetchone()
    return found[0] if found else None


def record_digest(
    db: Database, subscription_id: str, channel: str, cadence: str, now: datetime, alerts: int
) -> None:
    with write_transaction(db):
        insert(
            db,
            "digests",
            {
                "subscription_id": subscription_id,
                "channel": channel,
                "cadence": cadence,
                "sent_at": iso(now),
                "alerts": alerts,
            },
        )
