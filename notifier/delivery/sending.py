"""Sending a target's claimed rows: claim → deliver → mark, every row marked whatever happens.

A Sender is whatever sends: the delivery run itself, or a worker serving other destinations at the
same time (notifier/delivery/workers.py). Marking follows each deliver call, so a crash between
send and mark repeats at most what that one call sent; a row is sent only while its owner still
holds it (storage/outbox.py).

A stop (`stopping`, a signal to `fundwatch notify` or `digest`: notifier/stopping.py) is heard
between deliver calls: the one in flight finishes and is marked, no other starts, and the rows
claimed for later calls go back untried (no attempt counted), counted as left for the next run.
The claimed rows go out, and are marked, in claimed_rows.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from config.models import Subscription
from notifier.alerts import Alert, Labels
from notifier.channels import Channel
from notifier.channels.groups import counted_together
from notifier.delivery.claimed_rows import ClaimedRows
from notifier.delivery.summary import DeliverySummary
from storage.outbox import claim_due, release
from storage.outbox_queries import waiting

ChannelFactory = Callable[[Subscription, str], Channel]
Split = Callable[[list[Alert]], list[list[Alert]]]


def never() -> bool:
    """A run nobody stops (the service's jobs, the tests' runs)."""
    return False


class Sender:
    """What sends a target's rows: a repository connection and channels to use, under the run's
    owner lease. The run is one; a worker serving other destinations at the same time is another
    (its own connection, its own channels, the same owner)."""

    db: Database
    channel: ChannelFactory
    summary: DeliverySummary
    now: datetime
    env: Mapping[str, str]
    labels: Labels | None
    coverage: str | None
    owner: str
    stopping: Callable[[], bool]  # told to stop: no deliver call starts
    used: dict[int, Channel]  # the channels it sent through, told when it ends (channels.finish)

    def send(
        self,
        subscription: Subscription,
        channel_name: str,
        *,
        cadence: str,
        split: Callable[[Channel], Split],
        claimed: list[dict[str, Any]] | None = None,
        together: int = 0,
    ) -> int:
        """Claim this target's due rows of `cadence` (or take those the run `claimed` for it), send
        and mark them; how many were sent. The channel is built first: one that cannot be (bad
        settings) leaves the rows unclaimed, or hands back those claimed for it, untried, as a stop
        does."""
        if self.stopping():
            if claimed:
                self.give_back([r["id"] for r in claimed])
            else:
                due = waiting(self.db, subscription.id, channel_name, cadence, self.now)
                self.summary.count_left(due)
            return 0
        try:
            channel = self.channel(subscription, channel_name)
        except Exception:
            if claimed:
                release(self.db, [r["id"] for r in claimed], self.now, owner=self.owner)
            raise
        self.used[id(channel)] = channel
        rows = claimed
        if rows is None:
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
        # `together`: the different alerts of a destination several subscriptions share (groups.py)
        return ClaimedRows(self, subscription, channel_name, channel, cadence).send(
            rows, counted_together(split(channel), together)
        )

    def give_back(self, ids: Sequence[int]) -> None:
        """Claimed rows not tried, on a stop: pending again as they were, left for the next run."""
        self.summary.count_left(release(self.db, ids, self.now, owner=self.owner))
