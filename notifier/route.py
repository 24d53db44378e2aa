"""Events → outbox rows, one per matching subscription and channel, in the event's own transaction.

Routing an event and setting its routed_at commit together, and the outbox's unique key
(subscription, opportunity, event_key, channel) makes a second pass write nothing, so a crash
anywhere here neither loses nor doubles an alert.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from config.clock import iso
from config.models import Subscription
from notifier.alerts import OpportunityView
from notifier.matching import is_actionable_change, matches
from notifier.outbox import write_transaction

NEVER_SENT = frozenset({"removed"})  # a listing vanishing is not news a council acts on


@dataclass
class RouteSummary:
    events: int = 0  # events routed in this pass
    outbox_rows: int = 0  # rows written (re-routing writes none)
    by_kind: dict[str, int] = field(default_factory=dict)  # rows written per event kind


def event_key(kind: str, event_id: int | None) -> str:
    """Each `changed` event is its own alert; the others happen once per opportunity."""
    return f"changed:{event_id}" if kind == "changed" else kind


def channels_of(subscription: Subscription) -> list[tuple[str, str]]:
    """(channel, cadence) for each way the subscription is reached."""
    out = []
    if subscription.slack is not None:
        out.append(("slack", subscription.slack.cadence))
    if subscription.email is not None:
        out.append(("email", subscription.email.cadence))
    return out


def wants(subscription: Subscription, kind: str, changes: dict[str, Any] | None) -> bool:
    if kind in NEVER_SENT or kind not in subscription.events:
        return False
    return kind != "changed" or is_actionable_change(changes)


def _insert(
    db: Database,
    subscription: Subscription,
    opportunity_id: str,
    kind: str,
    event_id: int | None,
    now: datetime,
) -> int:
    written = 0
    for channel, cadence in channels_of(subscription):
        cursor = db.conn.execute(
            "INSERT OR IGNORE INTO outbox (subscription_id, opportunity_id, event_id, event_key, "
            "event, channel, cadence, status, attempts, next_attempt_at, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
            [
                subscription.id,
                opportunity_id,
                event_id,
                event_key(kind, event_id),
                kind,
                channel,
                cadence,
                iso(now),
                iso(now),
            ],
        )
        written += cursor.rowcount
    return written


def _row(cursor: Any) -> dict[str, Any] | None:
    values = cursor.fetchone()
    if values is None:
        return None
    return dict(zip([d[0] for d in cursor.description], values, strict=True))


def route_event(
    db: Database, event: dict[str, Any], subscriptions: Iterable[Subscription], now: datetime
) -> int:
    """Write the outbox rows for one event and mark it routed, all or nothing."""
    written = 0
    with write_transaction(db):
        # Re-read inside the lock: another router may have taken this event meanwhile.
        current = _row(db.conn.execute("SELECT routed_at FROM events WHERE id = ?", [event["id"]]))
        if current is None or current["routed_at"] is not None:
            return 0
        changes = json.loads(event["changes"]) if event.get("changes") else {}
        opportunity = _row(
            db.conn.execute("SELECT * FROM opportunities WHERE id = ?", [event["opportunity_id"]])
        )
        if opportunity is not None:
            view = OpportunityView.from_row(opportunity)
            for subscription in subscriptions:
                if wants(subscription, event["kind"], changes) and matches(subscription, view, now):
                    written += _insert(db, subscription, view.id, event["kind"], event["id"], now)
        db.conn.execute("UPDATE events SET routed_at = ? WHERE id = ?", [iso(now), event["id"]])
    return written


def route_events(
    db: Database, subscriptions: Sequence[Subscription], now: datetime
) -> RouteSummary:
    """Route every event not yet routed, oldest first, each in its own transaction."""
    summary = RouteSummary()
    cursor = db.conn.execute(
        "SELECT id, opportunity_id, kind, changes FROM events WHERE routed_at IS NULL ORDER BY id"
    )
    names = [d[0] for d in cursor.description]
    pending = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    for event in pending:
        written = route_event(db, event, subscriptions, now)
        summary.events += 1
        summary.outbox_rows += written
        if written:
            summary.by_kind[event["kind"]] = summary.by_kind.get(event["kind"], 0) + written
    return summary


def scan_closing_soon(db: Database, subscriptions: Sequence[Subscription], now: datetime) -> int:
    """Deadline reminders: one `closing_soon` row per opportunity, subscription and channel, ever.

    Returns how many rows were written.
    """
    interested = [s for s in subscriptions if "closing_soon" in s.events]
    if not interested:
        return 0
    horizon = max(s.closing_soon_days for s in interested)
    # A generous text prefilter (stored times are UTC ISO strings); exact checks happen below.
    cursor = db.conn.execute(
        "SELECT * FROM opportunities WHERE removed_at IS NULL AND closes_at IS NOT NULL "
        "AND COALESCE(status, '') != 'closed' AND closes_at >= ? AND closes_at <= ?",
        [iso(now - timedelta(days=1)), iso(now + timedelta(days=horizon + 1))],
    )
    names = [d[0] for d in cursor.description]
    candidates = [OpportunityView.from_row(dict(zip(names, v, strict=True))) for v in cursor]
    written = 0
    with write_transaction(db):
        for view in candidates:
            closes = view.closes_at
            for subscription in interested:
                window = now + timedelta(days=subscription.closing_soon_days)
                if closes is None or not (now < closes <= window):
                    continue
                if matches(subscription, view, now):
                    written += _insert(db, subscription, view.id, "closing_soon", None, now)
    return written
