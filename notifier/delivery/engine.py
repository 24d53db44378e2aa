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
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from config.models import Settings, Subscription
from notifier.alerts import Labels
from notifier.channels import Channel, finish, scrub, secrets_in
from notifier.channels.choose import channel_factory
from notifier.channels.unreachable import UnreachableHosts
from notifier.delivery.sending import ChannelFactory, Sender, Split, never
from notifier.delivery.summary import DeliverySummary
from notifier.delivery.workers import WORKERS, Worker, destinations
from spiders.error_words import error_text
from storage.db import repository_file
from storage.destination_load import different_due
from storage.errors import is_file_fault
from storage.locks import OwnerLease
from storage.outbox import claim_targets
from storage.outbox_recovery import fail_orphans, recover_abandoned
from storage.paths import DEFAULT_DB, outbox_beside

log = logging.getLogger("fundwatch.delivery")

CHANNELS = ("slack", "email", "teams")

__all__ = ["DeliveryRun", "DeliverySummary", "default_outbox_dir", "targets"]


def default_outbox_dir(db: Database) -> Path:
    """`outbox/` beside the repository file: data/outbox by default."""
    path = repository_file(db)
    return outbox_beside(path if path else DEFAULT_DB)


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
        if is_file_fault(exc):
            # No other target can do better: the command says so in one line, and fails (each
            # target reported "OperationalError: disk I/O error" as its own and the run exited 0).
            raise
        error = scrub(error_text(exc), secrets)
        # Not log.exception: a traceback could carry a token the scrub cannot see.
        log.warning("delivery for %s failed: %s", label, error)
        summary.note(f"{label}: {error}")


class DeliveryRun(Sender):
    """One pass: take an owner lease, take back what dead runs left claimed, fail rows whose
    subscription or channel is gone, then send target by target (`send`), or destination by
    destination at the same time (`send_all`)."""

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
        stopping: Callable[[], bool] = never,
    ) -> None:
        self.db, self.subscriptions, self.summary, self.now = db, subscriptions, summary, now
        self.stopping = stopping
        self.used = {}
        self.coverage = coverage
        self.cadences, self.env, self.labels = list(cadences), env, labels
        self.db_file = repository_file(db)
        self.lease = OwnerLease(self.db_file)
        self.settings = settings
        self.outbox_dir = outbox_dir if outbox_dir is not None else default_outbox_dir(db)
        # Injected channels (tests) are served one target at a time, in order.
        self.concurrent = channel_for is None and self.db_file is not None
        # (channel, subscription id): missing Slack or Teams settings told once, by any worker
        self.warned: set[tuple[str, str]] = set()
        self.unreachable = UnreachableHosts()  # a stalled chat host costs one timeout a run
        self.channel = channel_for or channel_factory(
            db, settings, env, self.outbox_dir, self.warned, self.unreachable, subscriptions
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
        finish(self.used.values())
        self.lease.__exit__(*exc)

    @property
    def owner(self) -> str:
        return self.lease.token

    def send_all(
        self,
        pairs: Sequence[tuple[Subscription, str]],
        *,
        cadence: str,
        split: Callable[[Channel], Split],
        label: Callable[[Subscription, str], str],
    ) -> None:
        """Every (subscription, channel) target; targets posting to different destinations (Slack
        channels, webhooks) at the same time, each destination still paced on its own. A failure of
        one target is noted and stops no other."""
        groups = destinations(pairs)
        together = self._together(groups, cadence)
        # Stopped already: nothing is claimed, only counted (send() says what each has waiting).
        # One destination too is claimed whole before it is served: claimed target by target, a
        # second run at once took the other teams' rows of a shared channel's message still in
        # flight here (not yet recorded as posted, storage/channel_posts.py) and posted it again.
        if not self.concurrent or self.stopping():
            for subscription, channel_name in pairs:
                with self.isolated_target(subscription, channel_name, label):
                    self.send(
                        subscription,
                        channel_name,
                        cadence=cadence,
                        split=split,
                        together=together.get((subscription.id, channel_name), 0),
                    )
            return
        claimed = self.claim_together(pairs, cadence, label)
        groups = destinations([p for p in pairs if claimed.get((p[0].id, p[1]))])
        if not groups:
            return
        with ThreadPoolExecutor(max_workers=min(WORKERS, len(groups))) as pool:
            for future in [
                pool.submit(self._serve, group, cadence, split, label, claimed, together)
                for group in groups
            ]:
                future.result()

    def _together(self, groups, cadence: str) -> dict[tuple[str, str], int]:
        """For each target whose chat destination several subscriptions share, how many different
        alerts that destination has due (the burst limit is the channel's, as Slack's pace is).
        Counted before anything is claimed; a destination of one target counts its own alerts."""
        together: dict[tuple[str, str], int] = {}
        for group in groups:
            channel_name = group[0][1]
            if len(group) < 2 or channel_name not in ("slack", "teams"):
                continue
            ids = [subscription.id for subscription, _ in group]
            load = different_due(self.db, ids, channel_name, cadence, self.now)
            together.update(((subscription.id, channel_name), load) for subscription, _ in group)
        return together

    def claim_together(self, pairs, cadence, label) -> dict[tuple[str, str], list]:
        """Every target's rows, claimed in one unit before any is served, for the targets whose
        channel can be built (one that cannot is noted and its rows stay unclaimed)."""
        ready = []
        for subscription, channel_name in pairs:
            with self.isolated_target(subscription, channel_name, label):
                self.channel(subscription, channel_name)
                ready.append((subscription.id, channel_name))
        return claim_targets(self.db, ready, cadence=cadence, now=self.now, owner=self.owner)

    def isolated_target(self, subscription: Subscription, channel_name: str, label):
        """A target's failure noted under its label, its secrets scrubbed, and the run going on."""
        return isolated(
            self.summary, label(subscription, channel_name), secrets_in(self.env, subscription)
        )

    def _serve(self, group, cadence, split, label, claimed, together) -> None:
        worker = Worker(self)
        try:
            for subscription, channel_name in group:
                with self.isolated_target(subscription, channel_name, label):
                    key = (subscription.id, channel_name)
                    worker.send(
                        subscription,
                        channel_name,
                        cadence=cadence,
                        split=split,
                        claimed=claimed[key],
                        together=together.get(key, 0),
                    )
        finally:
            finish(worker.used.values())
            worker.db.close()
