"""Destinations served at the same time: Slack allows about a message a second per channel, so a
hundred channels with five alerts each take seconds in parallel and minutes one after another.
Each destination is still served by one worker, in order, so its own pacing holds."""

from __future__ import annotations

from collections.abc import Sequence

from config.models import Subscription
from notifier.channels.choose import channel_factory
from notifier.delivery.sending import Sender
from storage.db import reopen

# Destinations served at once: a worker mostly waits out its channel's pacing (a second a message),
# so many cost little; each has its own repository connection.
WORKERS = 128


def destinations(pairs: Sequence[tuple[Subscription, str]]) -> list[list[tuple[Subscription, str]]]:
    """Targets grouped by where they post: a Slack channel or webhook, a Teams webhook; all email
    together. Each group is served in order; groups may be served at the same time."""
    groups: dict[str, list[tuple[Subscription, str]]] = {}
    for subscription, channel_name in pairs:
        target = getattr(subscription, channel_name)
        where = getattr(target, "channel", None) or getattr(target, "webhook_env", None) or ""
        key = f"{channel_name}:{where}" if channel_name != "email" else "email"
        groups.setdefault(key, []).append((subscription, channel_name))
    return list(groups.values())


class Worker(Sender):
    """Serves one group of destinations beside the run: its own connection (an SQLite connection
    belongs to one thread) and its own channels, under the run's owner lease and summary."""

    def __init__(self, run) -> None:  # a DeliveryRun
        self.db = reopen(run.db_file)  # the path, read in the run's thread
        self.channel = channel_factory(
            self.db,
            run.settings,
            run.env,
            run.outbox_dir,
            run.warned,
            run.unreachable,
            run.subscriptions,
        )
        self.summary, self.now, self.env = run.summary, run.now, run.env
        self.labels, self.coverage, self.owner = run.labels, run.coverage, run.owner
        self.stopping = run.stopping
        self.used = {}
