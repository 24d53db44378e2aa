"""What went where: each message posted to a chat destination (a Slack channel or webhook, a Teams
webhook), by its kind (an instant alert, a daily or a weekly digest) and the hash of what it says
(notifier/channels/posted_once.py). The kind is part of what a message is: keyed by its text
alone, a daily digest the same to the letter as an earlier instant post in a shared channel (one
alert, posted as itself) was marked sent on it, and never appeared as the digest it was.

Several subscriptions may share one destination; a message the same, to the letter, for several of
them goes once and stands for all their rows. The record is written in the unit that marks the
posting row sent, so a run killed after it leaves the post known, and the next run marks the other
teams' rows of that message without posting it again; a run killed before it leaves the posting
row in flight, which the channel looks for before posting again (slack/landed.py).

A record stands only for rows queued before it was posted (a later alert is news, whatever it
says), and is kept for KEEP: longer than any retry waits, after which a row queued again by
`--retry-failed` may be posted once more (a possible duplicate, never a lost alert).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from config.clock import iso
from storage.transactions import write_transaction

KEEP = timedelta(days=30)

# (destination, kind, message hash, Slack's ts of the post or None)
Post = tuple[str, str, str, str | None]


def fingerprint(*message: Any) -> str:
    """What a post says (text, blocks, a card), or a destination, as one comparable key."""
    text = json.dumps(message, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def remember_posts(db: Database, posts: Iterable[Post], now: datetime) -> None:
    """Record posts made now (call it inside the unit that marks their rows sent); a repeat keeps
    the latest time, so it stands for every row queued before either post."""
    values = [(*post, iso(now)) for post in dict.fromkeys(posts)]
    if not values:
        return
    with write_transaction(db):
        db.conn.executemany(
            "INSERT INTO channel_posts (destination, kind, message, ts, posted_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (destination, kind, message) DO UPDATE SET "
            "posted_at = MAX(posted_at, excluded.posted_at), ts = COALESCE(ts, excluded.ts)",
            values,
        )
        db.conn.execute("DELETE FROM channel_posts WHERE posted_at < ?", [iso(now - KEEP)])


def posted_since(
    db: Database, where: str, kind: str, message: str, queued_at: str
) -> tuple[str | None] | None:
    """(ts,) of this message's post to `where`, as `kind`, at or after `queued_at` (ISO UTC, the
    latest of the rows asking); None when there is none."""
    found = db.conn.execute(
        "SELECT ts FROM channel_posts "
        "WHERE destination = ? AND kind = ? AND message = ? AND posted_at >= ?",
        [where, kind, message, queued_at],
    ).fetchone()
    return (found[0],) if found else None
