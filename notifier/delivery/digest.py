"""Daily and weekly digests: everything a subscription's channel has waiting, in one message.

A digest for (subscription, channel) is due when it has pending rows of that cadence and no digest
of that cadence went to it since the most recent scheduled slot (settings.schedule, Europe/London).
Calling this often is safe: once a slot's digest has gone, later alerts wait for the next slot.

A slot the service missed (it was stopped) is owed once, with everything in it, not once per missed
day; but only a slot the repository and the subscription were there for (none from before the first
crawl or before the subscription was first seen), and a catch-up more than an hour after its slot
goes out only within working hours (settings.schedule.working_hours): a restart at 03:33 sends
nothing then, and the next slot carries it all. The part of a digest that failed is retried as soon
as its backoff allows (a weekly digest must not lose a week to a rate limit). `force` sends
whatever is waiting.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from config.clock import iso, parse_iso
from config.models import Settings, Subscription
from config.schedule import SlotSpec, WorkingHours, parse_slot_spec, parse_working_hours
from notifier.alerts import Labels
from notifier.channels.groups import one_message
from notifier.delivery.engine import ChannelFactory, DeliveryRun, targets
from notifier.delivery.sending import never
from notifier.delivery.summary import DigestSummary
from notifier.delivery.workers import destinations
from storage.digests import last_digest, record_digest
from storage.outbox_queries import waiting
from storage.runs import first_crawl_started
from storage.subscribers import first_seen


def schedule_for(settings: Settings, cadence: str) -> SlotSpec:
    if cadence == "daily":
        return parse_slot_spec(settings.schedule.daily_digest)
    if cadence == "weekly":
        return parse_slot_spec(settings.schedule.weekly_digest)
    raise ValueError(f"digest cadence must be daily or weekly, got {cadence!r}")


ON_TIME = timedelta(hours=1)  # the scheduler's misfire grace: later than this is a catch-up


@dataclass(frozen=True)
class DigestClock:
    """What decides whether a slot is owed: the slot, now, and when catching up is polite."""

    slot: datetime
    now: datetime
    working_hours: WorkingHours
    repository_since: datetime | None  # the first crawl: no slot before it is owed

    def owes(self, subscriber_since: datetime | None) -> bool:
        since = [t for t in (self.repository_since, subscriber_since) if t is not None]
        if since and self.slot < max(since):
            return False  # the slot came before there was anything, or anyone, to send to
        return self.now - self.slot <= ON_TIME or self.working_hours.contains(self.now)


def is_due(
    db: Database,
    subscription_id: str,
    channel: str,
    cadence: str,
    *,
    clock: DigestClock,
    subscriber_since: datetime | None = None,
    force: bool = False,
) -> bool:
    """See the module docstring."""
    now = clock.now
    if force:
        return waiting(db, subscription_id, channel, cadence, now) > 0
    last = last_digest(db, subscription_id, channel, cadence)
    if last is None or last < iso(clock.slot):
        return (
            clock.owes(subscriber_since) and waiting(db, subscription_id, channel, cadence, now) > 0
        )
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
    coverage: str | None = None,
    stopping: Callable[[], bool] = never,
) -> DigestSummary:
    """Send every digest of `cadence` that is due; one message per subscription and channel.
    `coverage` ("11 of 12 sources healthy; …") goes into each digest. Once `stopping`, the digest
    in flight is the last (sending.py)."""
    spec = schedule_for(settings, cadence)
    clock = DigestClock(
        slot=spec.latest(now),
        now=now,
        working_hours=parse_working_hours(settings.schedule.working_hours),
        repository_since=parse_iso(first_crawl_started(db)),
    )
    subscribers = {key: parse_iso(value) for key, value in first_seen(db).items()}
    summary = DigestSummary(next_slot=iso(spec.next_after(now)))

    def label(subscription: Subscription, channel_name: str) -> str:
        return f"{subscription.id} {channel_name} {cadence} digest"

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
        coverage=coverage,
        stopping=stopping,
    ) as run:
        # A destination's due digests are claimed in one unit, as notify's alerts are (engine.py):
        # claimed team by team, a second run at once took the other teams' rows of a shared
        # channel's post still in flight here (not yet recorded) and posted it again.
        for group in destinations(list(targets(subscriptions))):
            due = []
            for subscription, channel_name in group:
                with run.isolated_target(subscription, channel_name, label):
                    if is_due(
                        db,
                        subscription.id,
                        channel_name,
                        cadence,
                        clock=clock,
                        subscriber_since=subscribers.get(subscription.id),
                        force=force,
                    ):
                        due.append((subscription, channel_name))
                    elif waiting(db, subscription.id, channel_name, cadence, now):
                        summary.not_due += 1
            if not due:
                continue  # no write unit taken for nothing
            # Stopped already: nothing is claimed, only counted (send() says what is waiting).
            claimed = None if stopping() else run.claim_together(due, cadence, label)
            for subscription, channel_name in due:
                key = (subscription.id, channel_name)
                if claimed is not None and key not in claimed:
                    continue  # its channel could not be built: noted as the claim was made
                with run.isolated_target(subscription, channel_name, label):
                    sent = run.send(
                        subscription,
                        channel_name,
                        cadence=cadence,
                        split=lambda _: one_message,
                        claimed=None if claimed is None else claimed[key],
                    )
                    if sent:
                        record_digest(db, subscription.id, channel_name, cadence, now, sent)
                        summary.digests += 1
    return summary
