"""Daily and weekly digests: everything a subscription's channel has waiting, in one message.

A digest for (subscription, channel) is due when it has pending rows of that cadence and no digest
of that cadence went to it since the most recent scheduled slot (settings.schedule, Europe/London).
So a digest missed while the service was down is sent once on restart, with everything in it, not
once per missed day; and calling this often is safe: once a slot's digest has gone, later alerts
wait for the next slot. The part of a digest that failed is retried as soon as its backoff allows
(a weekly digest must not lose a week to a rate limit). `force` sends whatever is waiting.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from config.clock import iso
from config.models import Settings, Subscription
from config.schedule import SlotSpec, parse_slot_spec
from notifier.alerts import Labels
from notifier.channels import secrets_in
from notifier.channels.groups import one_message
from notifier.delivery.engine import ChannelFactory, DeliveryRun, isolated, targets
from notifier.delivery.summary import DigestSummary
from storage.digests import last_digest, record_digest
from storage.outbox_queries import waiting

DIGEST_CADENCES = ("daily", "weekly")


def schedule_for(settings: Settings, cadence: str) -> SlotSpec:
    if cadence == "daily":
        return parse_slot_spec(settings.schedule.daily_digest)
    if cadence == "weekly":
        return parse_slot_spec(settings.schedule.weekly_digest)
    raise ValueError(f"digest cadence must be daily or weekly, got {cadence!r}")


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
    """See the module docstring."""
    if force:
        return waiting(db, subscription_id, channel, cadence, now) > 0
    last = last_digest(db, subscription_id, channel, cadence)
    if last is None or last < iso(slot):
        return waiting(db, subscription_id, channel, cadence, now) > 0
    return waiting(db, subscription_id, channel, cadence, now, retries_only=True) > 0


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
    labels: Labels | None = None,
) -> DigestSummary:
    """Send every digest of `cadence` that is due; one message per subscription and channel."""
    spec = schedule_for(settings, cadence)
    slot = spec.latest(now)
    summary = DigestSummary(next_slot=iso(spec.next_after(now)))
    with DeliveryRun(
        db,
        subscriptions,
        settings,
        summary,
        cadences=[cadence],
        now=now,
        env=env,
        outbox_dir=outbox_dir,
        channel_for=channel_for,
        labels=labels,
    ) as run:
        for subscription, channel_name in targets(subscriptions):
            label = f"{subscription.id} {channel_name} {cadence} digest"
            with isolated(summary, label, secrets_in(env, subscription)):
                if not is_due(
                    db, subscription.id, channel_name, cadence, slot=slot, now=now, force=force
                ):
                    if waiting(db, subscription.id, channel_name, cadence, now):
                        summary.not_due += 1
                    continue
                sent = run.send(
                    subscription, channel_name, cadence=cadence, split=lambda _: one_message
                )
                if sent:
                    record_digest(db, subscription.id, channel_name, cadence, now, sent)
                    summary.digests += 1
    return summary
