"""How many different alerts wait for one chat destination that several subscriptions share (a
Slack channel, a webhook): Slack's pace and the burst limit are the channel's, not one team's.
The same call for many teams is one alert here (it goes as one message: posted_once.py)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlite_utils import Database

from config.clock import iso


def different_due(
    db: Database, subscription_ids: Sequence[str], channel: str, cadence: str, now: datetime
) -> int:
    """Different (call, event) pairs due now for these subscriptions' `channel` rows; a welcome is
    its team's own summary and is not counted."""
    if not subscription_ids:
        return 0
    # One parameter however many teams share the channel (thousands would pass SQLite's limit).
    return db.conn.execute(
        "SELECT COUNT(*) FROM (SELECT DISTINCT opportunity_id, event_key FROM outbox "
        "WHERE status = 'pending' AND subscription_id IN (SELECT value FROM json_each(?)) "
        "AND channel = ? AND cadence = ? AND next_attempt_at <= ? AND event != 'welcome')",
        [json.dumps(list(subscription_ids)), channel, cadence, iso(now)],
    ).fetchone()[0]
