"""Instant alerts: every due instant row, per subscription and channel, grouped as the channel asks
(Slack: one post per alert up to the burst limit, else one summary; email: one message)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from config.models import Settings, Subscription
from notifier.alerts import Labels
from notifier.delivery.engine import ChannelFactory, DeliveryRun, targets
from notifier.delivery.sending import never
from notifier.delivery.summary import DeliverySummary


def deliver_instant(
    db: Database,
    subscriptions: Sequence[Subscription],
    settings: Settings,
    *,
    now: datetime,
    env: Mapping[str, str] = os.environ,
    outbox_dir: str | Path | None = None,
    channel_for: ChannelFactory | None = None,
    labels: Labels | None = None,
    stopping: Callable[[], bool] = never,
    progress: Callable[[DeliverySummary], None] | None = None,
) -> DeliverySummary:
    """Deliver every due instant alert; once `stopping`, no more (sending.py). `progress` is told
    of every alert counted (notifier/delivery/progress.py)."""
    summary = DeliverySummary(progress=progress)
    with DeliveryRun(
        db,
        subscriptions,
        settings,
        summary,
        cadences=["instant"],
        now=now,
        env=env,
        outbox_dir=outbox_dir,
        channel_for=channel_for,
        labels=labels,
        stopping=stopping,
    ) as run:
        run.send_all(
            list(targets(subscriptions)),
            cadence="instant",
            split=lambda channel: channel.split,
            label=lambda subscription, channel_name: f"{subscription.id} {channel_name}",
        )
    return summary
