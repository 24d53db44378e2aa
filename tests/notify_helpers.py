"""Builders shared by the notifier tests: a real repository file, rows in it, subscriptions, and a
recording channel (a real implementation of the channel interface that keeps what it was given)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from config.clock import iso
from config.models import Subscription
from notifier.alerts import Alert, DeliveryResult
from tests.fresh_repository import fresh_repository

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # a Wednesday, GMT


def repository(tmp_path: Path):
    return fresh_repository(tmp_path / "fundwatch.db")


def add_opportunity(
    db, opportunity_id: str = "opp-1", *, now: datetime = NOW, **fields: Any
) -> str:
    row: dict[str, Any] = {
        "id": opportunity_id,
        "title": f"Fund {opportunity_id}",
        "summary": "Grants for local public services.",
        "funder": "Department for Levelling Up",
        "url": f"https://funder.example.gov.uk/{opportunity_id}",
        "status": "open",
        "closes_at": iso(now + timedelta(days=60)),
        "amount_min": None,
        "amount_max": 50_000.0,
        "council_eligible": "yes",
        "tags": ["digital"],
        "source_ids": ["find_a_grant"],
        "first_seen": iso(now - timedelta(days=1)),
        "last_seen": iso(now),
    }
    row.update(fields)
    for key in ("tags", "source_ids"):
        if not isinstance(row[key], str):
            row[key] = json.dumps(list(row[key]))
    for key in ("closes_at", "opens_at", "removed_at"):
        if isinstance(row.get(key), datetime):
            row[key] = iso(row[key])
    db["opportunities"].insert(row)
    # Indexed for search as the store indexes a new call (storage/record.py): no trigger does it,
    # and an update of a row the index never had (a migration re-keying titles) breaks the index.
    db.execute(
        "INSERT INTO opportunities_fts (rowid, title, summary, funder) "
        "SELECT rowid, title, summary, funder FROM opportunities WHERE id = ?",
        [opportunity_id],
    )
    return opportunity_id


def add_event(
    db,
    opportunity_id: str,
    kind: str = "new",
    *,
    changes: dict[str, Any] | None = None,
    created_at: datetime = NOW,
) -> int:
    table = db["events"].insert(
        {
            "opportunity_id": opportunity_id,
            "kind": kind,
            "changes": json.dumps(changes) if changes is not None else None,
            "source_id": "find_a_grant",
            "created_at": iso(created_at),
            "routed_at": None,
        }
    )
    return table.last_pk


def add_new_calls(db, prefix: str, title: str, count: int) -> None:
    """`count` calls, `{prefix}-{n}` titled `{title} {n}`, each with its `new` event waiting to be
    routed: the queue the delivery and kill tests start from."""
    for n in range(count):
        add_opportunity(db, f"{prefix}-{n}", title=f"{title} {n}")
        add_event(db, f"{prefix}-{n}", "new")


def add_outbox_row(
    db,
    opportunity_id: str,
    *,
    subscription_id: str = "digital_team",
    channel: str = "slack",
    cadence: str = "instant",
    event: str = "new",
    event_id: int | None = None,
    created_at: datetime = NOW,
    next_attempt_at: datetime | None = None,
) -> int:
    key = f"changed:{event_id}" if event == "changed" else event
    table = db["outbox"].insert(
        {
            "subscription_id": subscription_id,
            "opportunity_id": opportunity_id,
            "event_id": event_id,
            "event_key": key,
            "event": event,
            "channel": channel,
            "cadence": cadence,
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": iso(next_attempt_at or created_at),
            "created_at": iso(created_at),
        }
    )
    return table.last_pk


def outbox(db, **where: Any) -> list[dict[str, Any]]:
    clauses = " AND ".join(f"{k} = ?" for k in where) or "1"
    return list(db.query(f"SELECT * FROM outbox WHERE {clauses} ORDER BY id", list(where.values())))


def subscription(sub_id: str = "digital_team", **fields: Any) -> Subscription:
    raw: dict[str, Any] = {"id": sub_id, "slack": {"channel": "C0DIGITAL1"}}
    raw.update(fields)
    return Subscription.model_validate(raw)


Outcome = Callable[[Alert], DeliveryResult]


def ok(alert: Alert) -> DeliveryResult:
    return DeliveryResult(alert.outbox_id, ok=True)


class RecordingChannel:
    """Keeps every call; answers each alert with `outcome` (ok unless told otherwise).

    Groups instant alerts as Slack does (one per call up to `burst_limit`, else one call), or as
    email does (`one_message=True`: one call for the group)."""

    def __init__(
        self,
        outcome: Outcome = ok,
        *,
        raises: Exception | None = None,
        burst_limit: int = 10,
        one_message: bool = False,
    ):
        self.outcome = outcome
        self.raises = raises
        self.burst_limit = burst_limit
        self.one_message = one_message
        self.calls: list[dict[str, Any]] = []

    def split(self, alerts: list[Alert]) -> list[list[Alert]]:
        if self.one_message or len(alerts) > self.burst_limit:
            return [alerts] if alerts else []
        return [[alert] for alert in alerts]

    def deliver(
        self, subscription: Subscription, alerts: list[Alert], now: datetime, **kwargs: Any
    ):
        self.calls.append(
            {"subscription": subscription.id, "alerts": list(alerts), "now": now, **kwargs}
        )
        if self.raises is not None:
            raise self.raises
        return [self.outcome(alert) for alert in alerts]

    @property
    def delivered(self) -> list[int]:
        return [a.outbox_id for call in self.calls for a in call["alerts"]]


def channels(mapping: dict[tuple[str, str], RecordingChannel]):
    """A channel factory for deliver_instant/send_digests: (subscription id, channel) → channel."""

    def make(sub: Subscription, channel: str) -> RecordingChannel:
        return mapping[(sub.id, channel)]

    return make
