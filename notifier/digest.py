"""Daily and weekly digests: everything a subscription's channel has waiting, in one message.

A digest for (subscription, channel) is due when it has pending rows of that cadence that were
already waiting at the most recent scheduled slot (settings.schedule, Europe/London) and no digest
of that cadence went to it since that slot. So a digest missed while the service was down is sent
once on restart, with everything in it, not once per missed day; and calling this often is safe:
alerts that arrive after today's slot (and its few minutes' grace, for the routing the digest job
does just before sending) wait for the next one. The part of a digest that failed is retried as
soon as its backoff allows. `force` sends whatever is waiting.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from config.clock import LONDON, iso
from config.models import Settings, Subscription
from notifier.channels import scrub, secrets_in
from notifier.deliver import (
    CHANNELS,
    ChannelFactory,
    DeliverySummary,
    channel_factory,
    default_outbox_dir,
    live_channels,
    send_claimed,
)
from notifier.outbox import claim_due, fail_orphans, recover_stale, write_transaction

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DIGEST_CADENCES = ("daily", "weekly")
# Rows routed this soon after a slot still belong to it: the digest job routes first, and a job
# that starts a few seconds late must not push fresh alerts to the next day.
SLOT_GRACE = timedelta(minutes=15)
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class SlotSpec:
    """When digests go out: these weekdays (0 = Monday) at this local London time."""

    days: frozenset[int]
    hour: int
    minute: int

    def slot_on(self, day: date) -> datetime:
        # 08:00 exists every day in London; an hour skipped by the clocks going forward would be
        # read with the earlier offset, i.e. an hour later on the wall clock, which is harmless.
        return datetime(day.year, day.month, day.day, self.hour, self.minute, tzinfo=LONDON)

    def latest(self, now: datetime) -> datetime:
        """The most recent slot at or before `now`, in UTC."""
        today = now.astimezone(LONDON).date()
        for back in range(8):
            day = today - timedelta(days=back)
            if day.weekday() in self.days:
                slot = self.slot_on(day)
                if slot <= now:
                    return slot.astimezone(UTC)
        raise AssertionError("a slot spec always has at least one day")  # pragma: no cover

    def next_after(self, now: datetime) -> datetime:
        """The first slot strictly after `now`, in UTC."""
        today = now.astimezone(LONDON).date()
        for ahead in range(8):
            day = today + timedelta(days=ahead)
            if day.weekday() in self.days:
                slot = self.slot_on(day)
                if slot > now:
                    return slot.astimezone(UTC)
        raise AssertionError("a slot spec always has at least one day")  # pragma: no cover

    def cron_fields(self) -> dict[str, str | int]:
        """The same schedule as APScheduler CronTrigger arguments (timezone Europe/London)."""
        return {
            "day_of_week": ",".join(DAYS[d] for d in sorted(self.days)),
            "hour": self.hour,
            "minute": self.minute,
        }


def _day(name: str, spec: str) -> int:
    key = name.strip().lower()
    for index, short in enumerate(DAYS):
        if key == short or (len(key) > 3 and key.startswith(short) and key.endswith("day")):
            return index
    raise ValueError(
        f"unknown day {name.strip()!r} in schedule {spec!r}: use mon, tue, wed, thu, fri, sat, sun"
    )


def parse_slot_spec(spec: str) -> SlotSpec:
    """'mon-fri 08:00', 'mon 08:00', 'mon,wed,fri 17:30', 'daily 08:00' or '08:00' (every day)."""
    words = (spec or "").split()
    example = "expected days and a time like 'mon-fri 08:00', 'mon 08:00' or 'daily 08:00'"
    if not words or len(words) > 2:
        raise ValueError(f"schedule {spec!r}: {example}")
    time_text = words[-1]
    match = _TIME.match(time_text)
    if not match:
        raise ValueError(
            f"schedule {spec!r}: time {time_text!r} must be HH:MM, 24-hour (e.g. 08:00)"
        )
    days: set[int] = set()
    day_text = words[0].lower() if len(words) == 2 else "daily"
    if day_text in ("daily", "every", "*"):
        days = set(range(7))
    else:
        for part in day_text.split(","):
            if not part:
                raise ValueError(f"schedule {spec!r}: empty day in {day_text!r}; {example}")
            if "-" in part:
                first, _, last = part.partition("-")
                start, end = _day(first, spec), _day(last, spec)
                # A range may wrap the weekend: fri-mon is Friday to Monday.
                days.update((start + i) % 7 for i in range((end - start) % 7 + 1))
            else:
                days.add(_day(part, spec))
    return SlotSpec(frozenset(days), int(match.group(1)), int(match.group(2)))


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
    before: str | None = None,
    *,
    retries_only: bool = False,
) -> int:
    """Pending rows ready to send; `before`: only those already waiting at that slot."""
    sql = (
        "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND subscription_id = ? "
        "AND channel = ? AND cadence = ? AND next_attempt_at <= ?"
    )
    params = [subscription_id, channel, cadence, iso(now)]
    if before is not None:
        sql += " AND created_at <= ?"
        params.append(before)
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
    waiting_since = iso(slot + SLOT_GRACE)
    if not _waiting(db, subscription_id, channel, cadence, now, waiting_since):
        return False
    last = last_digest(db, subscription_id, channel, cadence)
    if last is None or last < iso(slot):
        return True
    return (
        _waiting(db, subscription_id, channel, cadence, now, waiting_since, retries_only=True) > 0
    )


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
    summary.recovered = recover_stale(db, now)
    orphans = fail_orphans(db, live_channels(subscriptions), now, cadence=cadence)
    if orphans:
        summary.failed += orphans
        summary.note(f"{orphans} alert(s) for removed subscriptions or channels failed")
    make = channel_for or channel_factory(
        db, settings, env, outbox_dir if outbox_dir is not None else default_outbox_dir(db)
    )
    for subscription in subscriptions:
        secrets = secrets_in(env, subscription)
        for channel_name in CHANNELS:
            if getattr(subscription, channel_name) is None:
                continue
            try:
                if not is_due(
                    db, subscription.id, channel_name, cadence, slot=slot, now=now, force=force
                ):
                    if _waiting(db, subscription.id, channel_name, cadence, now, None):
                        summary.not_due += 1
                    continue
                channel = make(subscription, channel_name)
                rows = claim_due(
                    db,
                    cadence=cadence,
                    now=now,
                    subscription_id=subscription.id,
                    channel=channel_name,
                )
                if not rows:
                    continue
                sent_before = summary.sent
                send_claimed(
                    db,
                    channel_name,
                    channel,
                    subscription,
                    rows,
                    now=now,
                    cadence=cadence,
                    split=lambda alerts: [alerts] if alerts else [],
                    summary=summary,
                    secrets=secrets,
                    source_labels=source_labels,
                )
                if summary.sent > sent_before:
                    record_digest(
                        db, subscription.id, channel_name, cadence, now, summary.sent - sent_before
                    )
                    summary.digests += 1
            except Exception as exc:  # noqa: BLE001 - one subscription's failure stops no other
                error = scrub(f"{type(exc).__name__}: {exc}", secrets)
                summary.note(f"{subscription.id} {channel_name} {cadence} digest: {error}")
    return summary
