"""What went where: each message posted to a chat destination (a Slack channel or webhook, a Teams
webhook), by the hash of what it says (notifier/channels/posted_once.py).

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

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlite_utils import Database

from config.clock import iso
from storage.transactions import write_transaction

KEEP = timedelta(days=30)

# (destination, message hash, Slack's ts of the post or None)
Post = tuple[str, str, str | None]


def remember_posts(db: Database, posts: Iterable[Post], now: datetime) -> None:
    """Record posts made now (call it inside the unit that marks their rows sent); a repeat keeps
    the latest time, so it stands for every row queued before either post."""
    values = [(where, message, ts, iso(now)) for where, message, ts in dict.fromkeys(posts)]
    if not values:
        return
    with write_transaction(db):
        db.conn.executemany(
            "INSERT INTO channel_posts (destination, message, ts, posted_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (destination, message) DO UPDATE SET "
            "posted_at = MAX(posted_at, excluded.posted_at), ts = COALESCE(ts, excluded.ts)",
            values,
        )
        db.conn.execute("DELETE FROM channel_posts WHERE posted_at < ?", [iso(now - KEEP)])


def posted_since(
    db: Database, where: str, message: str, queued_at: str
) -> tuple[str | None] | None:
    """(ts,) of this message's post to `where` at or after `queued_at` (ISO UTC, the latest of
    the rows asking); None when there is none."""
    found = db.conn.execute(
        "SELECT ts FROM channel_posts WHERE destination = ? AND message = ? AND posted_at >= ?",
        [where, message, queued_at],
    ).fetchone()
    return (found[0],) if found else None
