"""Slack threads: the first message about an opportunity in a channel (its own post, or a burst
summary that listed it); updates reply under it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlite_utils import Database

from config.clock import iso
from storage.transactions import insert, write_transaction


def thread_for(db: Database, channel: str, opportunity_id: str) -> str | None:
    """The `ts` of the message that started this opportunity's thread in this channel, if any."""
    found = db.conn.execute(
        "SELECT ts FROM slack_threads WHERE channel = ? AND opportunity_id = ?",
        [channel, opportunity_id],
    ).fetchone()
    return found[0] if found else None


def remember_thread(
    db: Database, channel: str, opportunity_id: str, ts: str, now: datetime
) -> None:
    """Keep the first thread only: a later message never replaces it."""
    remember_threads(db, channel, [opportunity_id], ts, now)


def remember_threads(
    db: Database, channel: str, opportunity_ids: Iterable[str], ts: str, now: datetime
) -> None:
    """One message (a burst summary) as the thread of many opportunities, in one transaction;
    an opportunity that already has a thread in this channel keeps it (the first thread wins)."""
    with write_transaction(db):
        for opportunity_id in dict.fromkeys(opportunity_ids):
            insert(
                db,
                "slack_threads",
                {
                    "channel": channel,
                    "opportunity_id": opportunity_id,
                    "ts": ts,
                    "created_at": iso(now),
                },
                or_ignore=True,
            )
