"""The delivery engine: claim a subscription's due rows, send them through its channel, mark each.

A run holds an owner lease (storage/locks.py) for as long as it has rows claimed: its claims are
never taken back while it lives, however slow the far end is, and it checks it still holds rows
before each send and when it marks them. Marking follows each deliver call, so a crash between send
and mark repeats at most what that one call sent. One subscription's failure never stops the others.
Instant alerts and digests are two policies over this engine (instant.py, digest.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from config.models import Settings, Subscription
from notifier.alerts import Alert, DeliveryResult, Labels, build_alerts
from notifier.channels import Channel, scrub, secrets_in
from notifier.channels.choose import (
    email_sender,
    slack_configured,
    slack_sender,
    teams_configured,
    teams_sender,
)
from notifier.delivery.summary import DeliverySummary
from storage.db import repository_file
from storage.locks import OwnerLease
from storage.outbox import claim_due, mark_failed, mark_sent, release, still_claimed
from storage.outbox_queries import alert_data
from storage.outbox_recovery import fail_orphans, recover_abandoned

log = logging.getLogger("fundwatch.delivery")

CHANNELS = ("slack", "email", "teams")
ChannelFactory = Callable[[Subscription, str], Channel]
Split = Callable[[list[Alert]], list[list[Alert]]]

__all__ = ["DeliveryRun", "DeliverySummary", "default_outbox_dir", "targets"]


def default_outbox_dir(db: Database) -> Path:
    """`outbox/` beside the repository file: data/outbox by default."""
    path = repository_file(db)
    return path.parent / "outbox" if path else Path("data") / "outbox"


def channel_factory(
    db: Database, settings: Settings, env: Mapping[str, str], outbox_dir: str | Path
) -> ChannelFactory:
    """The channel each subscription's rows go to, chosen from the environment. One instance of
    each kind serves the whole run, so Slack's per-channel pacing holds across subscriptions."""
    made: dict[str, Channel] = {}

    def make(subscription: Subscription, channel: str) -> Channel:
        if channel == "slack":
            kind = "slack" if slack_configured(subscription, env) else "console"
            if kind not in made:
                made[kind] = slack_sender(db, subscription, env, settings)
            return made[kind]
        if channel == "email":
            if "email" not in made:
                made["email"] = email_sender(env, outbox_dir, settings)
            return made["email"]
        if channel == "teams":  # Microsoft Teams (issue 9, part 4): the console when unset
            kind = "teams" if teams_configured(subscription, env) else "teams-console"
            if kind not in made:
                made[kind] = teams_sender(subscription, env, settings)
            return made[kind]
        raise ValueError(f"unknown channel {channel!r}")

    return make


def targets(subscriptions: Sequence[Subscription]) -> Iterator[tuple[Subscription, str]]:
    """Each (subscription, channel) pair a subscription has configured."""
    for subscription in subscriptions:
        for channel_name in CHANNELS:
            if getattr(subscription, channel_name) is not None:
                yield subscription, channel_name


def live_channels(subscriptions: Sequence[Subscription]) -> dict[str, set[str]]:
    return {s.id: {name for s_, name in targets([s])} for s in subscriptions}


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


class DeliveryRun:
    """One pass: take an owner lease, take back what dead runs left claimed, fail rows whose
    subscription or channel is gone, then send target by target (`send`)."""

    def __init__(
        self,
        db: Database,
        subscriptions: Sequence[Subscription],
        settings: Settings,
        summary: DeliverySummary,
        *,
        cadences: Sequence[str],
        now: datetime,
        env: Mapping[str, str],
        outbox_dir: str | Path | None = None,
        channel_for: ChannelFactory | None = None,
        labels: Labels | None = None,
        coverage: str | None = None,
    ) -> None:
        self.db, self.subscriptions, self.summary, self.now = db, subscriptions, summary, now
        self.coverage = coverage
        self.cadences, self.env, self.labels = list(cadences), env, labels
        self.lease = OwnerLease(repository_file(db))
        self.channel = channel_for or channel_factory(
            db, settings, env, outbox_dir if outbox_dir is not None else default_outbox_dir(db)
        )

    def __enter__(self) -> DeliveryRun:
        self.lease.__enter__()
        self.summary.recovered += recover_abandoned(self.db, self.now)
        orphans = fail_orphans(
            self.db, live_channels(self.subscriptions), self.now, cadence=self.cadences
        )
        if orphans:
            self.summary.failed += orphans
            self.summary.note(f"{orphans} alert(s) for removed subscriptions or channels failed")
        return self

    def __exit__(self, *exc: object) -> None:
        self.lease.__exit__(*exc)

    @property
    def owner(self) -> str:
        return self.lease.token

    def send(
        self,
        subscription: Subscription,
        channel_name: str,
        *,
        cadence: str,
        split: Callable[[Channel], Split],
    ) -> int:
        """Claim this target's due rows of `cadence`, send and mark them; how many were sent.
        The channel is built first: one that cannot be (bad settings) leaves the rows unclaimed."""
        channel = self.channel(subscription, channel_name)
        rows = claim_due(
            self.db,
            cadence=cadence,
            now=self.now,
            owner=self.owner,
            subscription_id=subscription.id,
            channel=channel_name,
        )
        if not rows:
            return 0
        sent_before = self.summary.sent
        _Sending(self, subscription, channel_name, channel, cadence).send(rows, split(channel))
        return self.summary.sent - sent_before


class _Sending:
    """Claimed rows of one target on their way out: every one is marked, whatever happens."""

    def __init__(self, run: DeliveryRun, subscription, channel_name, channel, cadence) -> None:
        self.run, self.subscription, self.name = run, subscription, channel_name
        self.channel, self.cadence = channel, cadence
        self.secrets = secrets_in(run.env, subscription)
        self.handled: set[int] = set()

    def send(self, rows: list[dict[str, Any]], split: Split) -> None:
        run = self.run
        try:
            opportunities, events = alert_data(run.db, rows)
            alerts = build_alerts(rows, opportunities, events, run.labels)
            missing = [r["id"] for r in rows if r["id"] not in {a.outbox_id for a in alerts}]
            if missing:
                reason = "opportunity no longer in the repository"
                self._fail(missing, reason, permanent=True)
            groups = split(alerts)
            for index, group in enumerate(groups):
                halt = self._send_group(group)
                if halt is not None:
                    self._halt([a for g in groups[index + 1 :] for a in g], halt)
                    break
        finally:
            leftover = [r["id"] for r in rows if r["id"] not in self.handled]
            if leftover:  # an error in our own code: the rows go back for another try
                self._fail(leftover, "interrupted by an internal error", permanent=False)

    def _send_group(self, group: list[Alert]) -> DeliveryResult | None:
        """Send one deliver call's alerts (those still ours); the result that halts the rest."""
        held = still_claimed(self.run.db, [a.outbox_id for a in group], self.run.owner)
        self.handled.update(a.outbox_id for a in group if a.outbox_id not in held)
        mine = [a for a in group if a.outbox_id in held]
        if not mine:
            return None
        results = self._call(mine)
        self._record(mine, results)
        return next((r for r in results if not r.ok and (r.permanent or r.retry_after)), None)

    def _call(self, alerts: list[Alert]) -> list[DeliveryResult]:
        """One deliver call; an exception from the channel becomes a transient failure of each."""
        try:
            results = self.channel.deliver(
                self.subscription,
                list(alerts),
                self.run.now,
                cadence=self.cadence,
                coverage=self.run.coverage,
            )
        except Exception as exc:  # noqa: BLE001 - a channel bug must not strand claimed rows
            error = scrub(f"{type(exc).__name__}: {exc}", self.secrets)
            log.warning("%s delivery for %s failed: %s", self.name, self.subscription.id, error)
            return [DeliveryResult(a.outbox_id, ok=False, error=error) for a in alerts]
        return list(results or [])

    def _record(self, alerts: list[Alert], results: Sequence[DeliveryResult]) -> None:
        """Mark each alert's row from its result; an alert the channel said nothing about is retried."""
        run, summary = self.run, self.run.summary
        by_id = {r.outbox_id: r for r in results}
        sent: list[int] = []
        failures: dict[tuple[str, bool, float | None], list[int]] = {}
        for alert in alerts:
            result = by_id.get(alert.outbox_id) or DeliveryResult(
                alert.outbox_id,
                ok=False,
                error=f"{self.name} channel reported nothing for this alert",
            )
            if result.ok:
                sent.append(alert.outbox_id)
                continue
            error = scrub(result.error or "unknown error", self.secrets)
            key = (error, result.permanent, result.retry_after)
            failures.setdefault(key, []).append(alert.outbox_id)
        summary.count(self.name, "sent", mark_sent(run.db, sent, run.now, owner=run.owner))
        self.handled.update(sent)
        for (error, permanent, retry_after), ids in failures.items():
            self._fail(ids, error, permanent=permanent, retry_after=retry_after)
            summary.note(f"{self.name}: not sent: {error}")

    def _fail(self, ids: list[int], error: str, *, permanent: bool, retry_after=None) -> None:
        run = self.run
        outcome = mark_failed(
            run.db,
            ids,
            error,
            run.now,
            permanent=permanent,
            retry_after=retry_after,
            owner=run.owner,
        )
        run.summary.count(self.name, "failed", outcome["failed"])
        run.summary.count(self.name, "retrying", outcome["retrying"])
        self.handled.update(ids)

    def _halt(self, later: list[Alert], halt: DeliveryResult) -> None:
        """Same channel, same answer (as the Slack channel does within one call): don't hammer a
        rate limit or a channel that is gone."""
        if not later:
            return
        run, ids = self.run, [a.outbox_id for a in later]
        if halt.retry_after:
            not_before = run.now + timedelta(seconds=halt.retry_after)
            released = release(run.db, ids, not_before, owner=run.owner)
            run.summary.count(self.name, "retrying", released)
            self.handled.update(ids)
        else:
            same = [DeliveryResult(i, ok=False, error=halt.error, permanent=True) for i in ids]
            self._record(later, same)
