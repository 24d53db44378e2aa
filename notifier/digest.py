"""Daily and weekly digests: everything a subscription's channel has waiting, in one message.

A digest for (subscription, channel) is due when it has pending rows of that cadence and no digest
of that cadence went to it since the most recent scheduled slot (settings.schedule, Europe/London).
So a digest missed while the service was down is sent once on restart, with everything in it, not
once per missed day; and calling this often is safe: once a slot's digest has gone, later alerts
wait for the next slot. The part of a digest that failed is retried as soon as its backoff allows.
`force` sends whatever is waiting.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from config.clock import iso
from config.models import Settings, Subscription
from config.schedule import DAYS, SlotSpec, parse_slot_spec  # noqa: F401 - re-exported
from notifier.channels import secrets_in
from notifier.deliver import (
    ChannelFactory,
    DeliverySummary,
    begin_run,
    claim_and_send,
    isolated,
    targets,
)
from notifier.outbox import write_transaction

DIGEST_CADENCES = ("daily", "weekly")


def schedule_for(settings: Settings, cadence: str) -> SlotSpec:
    if cadence == "daily":
        return parse_slot_spec(settings.schedule.daily_digest)
    if cadence == "weekly":
        return parse_slot_spec(settings.schedule.weekly_digest)
    raise ValueError(f"digest cadence must be daily or weekly, got {cadence!r}")


@dataclass
class DigestSummary(DeliverySummary):
    digests: int = 0  # messages (per subscription and channel) that went out
    not_due: int = 0  # (subscription, channel) pairs with alerts waiting for their next slot
    next_slot: str | None = None  # ISO UTC, for the scheduler and the command line


def _waiting(
    db: Database,
    subscription_id: str,
    channel: str,
    cadence: str,
    now: datetime,
    *,
    retries_only: bool = False,
) -> int:
    """Pending rows ready to send; `retries_only`: only those a failed digest left behind."""
    sql = (
        "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND subscription_id = ? "
        "AND channel = ? AND cadence = ? AND next_attempt_at <= ?"
    )
    params = [subscription_id, channel, cadence, iso(now)]
    if retries_only:
        sql += " AND attempts > 0"
    return db.conn.execute(sql, params).fetchone()[0]


def last_digest(db: Database, subscription_id: str, channel: str, cadence: str) -> str | None:
    row = db.conn.execute(
        "SELECT MAX(sent_at) FROM digests WHERE subscription_id = ? AND channel = ? AND cadence = ?",
        [subscription_id, channel, cadence],
    ).fetchone()
    return row[0] if row else None


def is_due(
    db: Database,
    subscription_id: str,
    channel: str,
    cadence: str,
    *,
    slot: datetime,
    now: datetime,
    force: bool = False,
) -> bool:
    """See the module docstring. Part of a digest that failed (attempts > 0) is retried as soon as
    its backoff allows, not held to the next slot: a weekly digest must not lose a week to a
    rate limit."""
    if force:
        return _waiting(db, subscription_id, channel, cadence, now) > 0
    last = last_digest(db, subscription_id, channel, cadence)
    if last is None or last < iso(slot):
        return _waiting(db, subscription_id, channel, cadence, now) > 0
    return _waiting(db, subscription_id, channel, cadence, now, retries_only=True) > 0


def record_digest(
    db: Database, subscription_id: str, channel: str, cadence: str, now: datetime, alerts: int
) -> None:
    with write_transaction(db):
        db.conn.execute(
            "INSERT INTO digests (subscription_id, channel, cadence, sent_at, alerts) "
            "VALUES (?, ?, ?, ?, ?)",
            [subscription_id, channel, cadence, iso(now), alerts],
        )


def send_digests(
    db: Database,
    subscriptions: Sequence[Subscription],
    settings: Settings,
    *,
    cadence: str,
    now: datetime,
    force: bool = False,
    env: Mapping[str, str] = os.environ,
    outbox_dir: str | Path | None = None,
    channel_for: ChannelFactory | None = None,
    source_labels: dict[str, str] | None = None,
) -> DigestSummary:
    """Send every digest of `cadence` that is due; one message per subscription and channel."""
    spec = schedule_for(settings, cadence)
    slot = spec.latest(now)
    summary = DigestSummary(next_slot=iso(spec.next_after(now)))
    make = begin_run(
        db,
        subscriptions,
        settings,
        summary,
        cadence=cadence,
        now=now,
        env=env,
        outbox_dir=outbox_dir,
        channel_for=channel_for,
    )
    for subscription, channel_name in targets(subscriptions):
        secrets = secrets_in(env, subscription)
        with isolated(summary, f"{subscription.id} {channel_name} {cadence} digest", secrets):
            if not is_due(
                db, subscription.id, channel_name, cadence, slot=slot, now=now, force=force
            ):
                if _waiting(db, subscription.id, channel_name, cadence, now):
                    summary.not_due += 1
                continue
            sent = claim_and_send(
                db,
                make(subscription, channel_name),
                subscription,
                channel_name,
                cadence=cadence,
                now=now,
                split=lambda alerts: [alerts] if alerts else [],
                summary=summary,
                secrets=secrets,
                source_labels=source_labels,
            )
            if sent:
                record_digest(db, subscription.id, channel_name, cadence, now, sent)
                summary.digests += 1
    return summary
