"""Instant delivery: claim each subscription's due instant rows, send, and mark each straight away.

Marking follows each send call, so a crash between send and mark repeats at most what that one
call sent. Slack groups within the burst limit therefore go one alert per call; a bigger group
goes in one call because the channel turns it into a single summary message. An instant email
is one message for the whole group. One subscription's failure never stops the others.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from config.models import Settings, Subscription
from notifier.alerts import Alert, DeliveryResult
from notifier.channels import (
    Channel,
    email_sender,
    scrub,
    secrets_in,
    slack_configured,
    slack_sender,
)
from notifier.outbox import (
    claim_due,
    fail_orphans,
    load_alerts,
    mark_failed,
    mark_sent,
    recover_stale,
    release,
)

log = logging.getLogger(__name__)

CHANNELS = ("slack", "email")
ChannelFactory = Callable[[Subscription, str], Channel]


@dataclass
class DeliverySummary:
    sent: int = 0
    failed: int = 0  # failed for good (permanent, gave up, subscription removed)
    retrying: int = 0  # back in the outbox for a later attempt
    recovered: int = 0  # rows a crashed run left in `sending`, put back to pending
    by_channel: dict[str, dict[str, int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one line each, safe to print

    def count(self, channel: str, outcome: str, n: int) -> None:
        if not n:
            return
        setattr(self, outcome, getattr(self, outcome) + n)
        tally = self.by_channel.setdefault(channel, {"sent": 0, "failed": 0, "retrying": 0})
        tally[outcome] += n

    def note(self, problem: str) -> None:
        if problem not in self.problems:
            self.problems.append(problem)


def default_outbox_dir(db: Database) -> Path:
    """`outbox/` beside the database file: data/outbox by default."""
    for _, name, filename in db.conn.execute("PRAGMA database_list").fetchall():
        if name == "main" and filename:
            return Path(filename).parent / "outbox"
    return Path("data") / "outbox"


def channel_factory(
    db: Database, settings: Settings, env: Mapping[str, str], outbox_dir: str | Path
) -> ChannelFactory:
    """The channel each subscription's rows go to, chosen from the environment.

    One instance of each kind serves the whole run, so Slack's per-channel pacing holds across
    subscriptions that post to the same channel.
    """
    made: dict[str, Channel] = {}

    def make(subscription: Subscription, channel: str) -> Channel:
        if channel == "slack":
            kind = "slack" if slack_configured(subscription, env) else "console"
            if kind not in made:
                made[kind] = slack_sender(db, subscription, env, settings)
            return made[kind]
        if channel == "email":
            if "email" not in made:
                made["email"] = email_sender(env, outbox_dir)
            return made["email"]
        raise ValueError(f"unknown channel {channel!r}")

    return make


def begin_run(
    db: Database,
    subscriptions: Sequence[Subscription],
    settings: Settings,
    summary: DeliverySummary,
    *,
    cadence: str,
    now: datetime,
    env: Mapping[str, str],
    outbox_dir: str | Path | None,
    channel_for: ChannelFactory | None,
) -> ChannelFactory:
    """What every delivery run does first: recover rows a crash left claimed, fail rows whose
    subscription or channel is gone, and choose the channels."""
    summary.recovered = recover_stale(db, now)
    orphans = fail_orphans(db, live_channels(subscriptions), now, cadence=cadence)
    if orphans:
        summary.failed += orphans
        summary.note(f"{orphans} alert(s) for removed subscriptions or channels failed")
    return channel_for or channel_factory(
        db, settings, env, outbox_dir if outbox_dir is not None else default_outbox_dir(db)
    )


def targets(subscriptions: Sequence[Subscription]) -> Iterator[tuple[Subscription, str]]:
    """Each (subscription, channel) pair a subscription has configured."""
    for subscription in subscriptions:
        for channel_name in CHANNELS:
            if getattr(subscription, channel_name) is not None:
                yield subscription, channel_name


@contextmanager
def isolated(summary: DeliverySummary, label: str, secrets: Sequence[str]) -> Iterator[None]:
    """One subscription's failure never stops the others: note it (secrets scrubbed) and go on."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001
        error = scrub(f"{type(exc).__name__}: {exc}", secrets)
        # Not log.exception: a traceback could carry a token the scrub cannot see.
        log.warning("delivery for %s failed: %s", label, error)
        summary.note(f"{label}: {error}")


def claim_and_send(
    db: Database,
    channel: Channel,
    subscription: Subscription,
    channel_name: str,
    *,
    cadence: str,
    now: datetime,
    split: Callable[[list[Alert]], list[list[Alert]]],
    summary: DeliverySummary,
    secrets: Sequence[str],
    source_labels: dict[str, str] | None,
) -> int:
    """Claim this subscription's due rows of `cadence` on this channel, send and mark them.
    Returns how many were sent."""
    rows = claim_due(
        db, cadence=cadence, now=now, subscription_id=subscription.id, channel=channel_name
    )
    if not rows:
        return 0
    sent_before = summary.sent
    send_claimed(
        db,
        channel_name,
        channel,
        subscription,
        rows,
        now=now,
        cadence=cadence,
        split=split,
        summary=summary,
        secrets=secrets,
        source_labels=source_labels,
    )
    return summary.sent - sent_before


def live_channels(subscriptions: Sequence[Subscription]) -> dict[str, set[str]]:
    return {
        s.id: {c for c, target in (("slack", s.slack), ("email", s.email)) if target is not None}
        for s in subscriptions
    }


def call_channel(
    channel_name: str,
    channel: Channel,
    subscription: Subscription,
    alerts: Sequence[Alert],
    now: datetime,
    cadence: str,
    secrets: Sequence[str],
) -> list[DeliveryResult]:
    """One deliver call; an exception from the channel becomes a transient failure of each alert."""
    try:
        if channel_name == "email":
            results = channel.deliver(subscription, list(alerts), now, cadence=cadence)
        else:
            results = channel.deliver(subscription, list(alerts), now)
    except Exception as exc:  # noqa: BLE001 - a channel bug must not strand claimed rows
        error = scrub(f"{type(exc).__name__}: {exc}", secrets)
        log.warning("%s delivery for %s failed: %s", channel_name, subscription.id, error)
        return [DeliveryResult(a.outbox_id, ok=False, error=error) for a in alerts]
    return list(results or [])


def record_results(
    db: Database,
    channel_name: str,
    alerts: Sequence[Alert],
    results: Sequence[DeliveryResult],
    now: datetime,
    summary: DeliverySummary,
    secrets: Sequence[str],
) -> None:
    """Mark each alert's row from its result; an alert the channel said nothing about is retried."""
    by_id = {r.outbox_id: r for r in results}
    sent: list[int] = []
    failures: dict[tuple[str, bool, float | None], list[int]] = {}
    for alert in alerts:
        result = by_id.get(alert.outbox_id) or DeliveryResult(
            alert.outbox_id,
            ok=False,
            error=f"{channel_name} channel reported nothing for this alert",
        )
        if result.ok:
            sent.append(alert.outbox_id)
        else:
            error = scrub(result.error or "unknown error", secrets)
            failures.setdefault((error, result.permanent, result.retry_after), []).append(
                alert.outbox_id
            )
    summary.count(channel_name, "sent", mark_sent(db, sent, now))
    for (error, permanent, retry_after), ids in failures.items():
        outcome = mark_failed(db, ids, error, now, permanent=permanent, retry_after=retry_after)
        summary.count(channel_name, "failed", outcome["failed"])
        summary.count(channel_name, "retrying", outcome["retrying"])
        summary.note(f"{channel_name}: not sent: {error}")


def batches(channel_name: str, alerts: list[Alert], burst_limit: int) -> list[list[Alert]]:
    """How the claimed alerts are split into deliver calls (see the module docstring)."""
    if channel_name == "slack" and len(alerts) <= burst_limit:
        return [[a] for a in alerts]
    return [alerts] if alerts else []


def send_claimed(
    db: Database,
    channel_name: str,
    channel: Channel,
    subscription: Subscription,
    rows: list[dict[str, Any]],
    *,
    now: datetime,
    cadence: str,
    split: Callable[[list[Alert]], list[list[Alert]]],
    summary: DeliverySummary,
    secrets: Sequence[str],
    source_labels: dict[str, str] | None = None,
) -> None:
    """Send claimed rows and mark every one of them, whatever happens."""
    handled: set[int] = set()
    try:
        alerts = load_alerts(db, rows, source_labels)
        missing = [r["id"] for r in rows if r["id"] not in {a.outbox_id for a in alerts}]
        if missing:
            mark_failed(db, missing, "opportunity no longer in the repository", now, permanent=True)
            summary.count(channel_name, "failed", len(missing))
            handled.update(missing)
        groups = split(alerts)
        for index, group in enumerate(groups):
            results = call_channel(
                channel_name, channel, subscription, group, now, cadence, secrets
            )
            record_results(db, channel_name, group, results, now, summary, secrets)
            handled.update(a.outbox_id for a in group)
            later = [a for g in groups[index + 1 :] for a in g]
            halt = next((r for r in results if not r.ok and (r.permanent or r.retry_after)), None)
            if halt is None or not later:
                continue
            # Same channel, same answer (as SlackChannel does within one call): don't hammer a
            # rate limit or a channel that is gone.
            if halt.retry_after:
                not_before = now + timedelta(seconds=halt.retry_after)
                summary.count(
                    channel_name, "retrying", release(db, [a.outbox_id for a in later], not_before)
                )
            else:
                same = [
                    DeliveryResult(a.outbox_id, ok=False, error=halt.error, permanent=True)
                    for a in later
                ]
                record_results(db, channel_name, later, same, now, summary, secrets)
            handled.update(a.outbox_id for a in later)
            break
    finally:
        leftover = [r["id"] for r in rows if r["id"] not in handled]
        if leftover:  # an error in our own code: the rows go back for another try
            outcome = mark_failed(
                db, leftover, "interrupted by an internal error", now, permanent=False
            )
            summary.count(channel_name, "failed", outcome["failed"])
            summary.count(channel_name, "retrying", outcome["retrying"])


def deliver_instant(
    db: Database,
    subscriptions: Sequence[Subscription],
    settings: Settings,
    *,
    now: datetime,
    env: Mapping[str, str] = os.environ,
    outbox_dir: str | Path | None = None,
    channel_for: ChannelFactory | None = None,
    source_labels: dict[str, str] | None = None,
) -> DeliverySummary:
    """Deliver every due instant alert, per subscription and channel."""
    summary = DeliverySummary()
    make = begin_run(
        db,
        subscriptions,
        settings,
        summary,
        cadence="instant",
        now=now,
        env=env,
        outbox_dir=outbox_dir,
        channel_for=channel_for,
    )
    split_for = {
        name: (lambda alerts, name=name: batches(name, alerts, settings.burst_limit))
        for name in CHANNELS
    }
    for subscription, channel_name in targets(subscriptions):
        secrets = secrets_in(env, subscription)
        with isolated(summary, f"{subscription.id} {channel_name}", secrets):
            claim_and_send(
                db,
                make(subscription, channel_name),
                subscription,
                channel_name,
                cadence="instant",
                now=now,
                split=split_for[channel_name],
                summary=summary,
                secrets=secrets,
                source_labels=source_labels,
            )
    return summary
