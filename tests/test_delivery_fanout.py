"""Alerts for many Slack channels go out side by side, each channel still paced on its own, through
the real SlackChannel against the Slack Web API stand-in: every alert once, none lost.

Order, not time, shows they went side by side: with one channel after another, a channel's posts
would all come before the next channel's."""

from __future__ import annotations

from collections import Counter

from config.models import Settings
from notifier.delivery import deliver_instant
from tests.notify_helpers import (
    NOW,
    add_opportunity,
    add_outbox_row,
    outbox,
    repository,
    subscription,
)
from tests.slack_standin import DEFAULT_TOKEN, SlackStandIn

CHANNELS = [f"C0FAN{n:05d}" for n in range(12)]


def test_many_channels_are_served_side_by_side_and_every_alert_goes_once(tmp_path):
    db = repository(tmp_path)
    teams = [subscription(f"team_{n}", slack={"channel": c}) for n, c in enumerate(CHANNELS)]
    for n in range(len(CHANNELS)):
        for k in range(2):
            add_opportunity(db, f"opp-{n}-{k}", title=f"Fund {n}-{k}")
            add_outbox_row(db, f"opp-{n}-{k}", subscription_id=f"team_{n}")
    with SlackStandIn(channels=CHANNELS) as slack:
        env = {"SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_API_URL": slack.api_url}
        summary = deliver_instant(db, teams, Settings(), now=NOW, env=env)
        posts = list(slack.posts)
    assert summary.sent == 24 and summary.failed == summary.retrying == 0, summary.problems
    assert Counter(p["channel"] for p in posts) == {c: 2 for c in CHANNELS}
    assert all(r["status"] == "sent" for r in outbox(db))
    order = [p["channel"] for p in posts]
    positions = {c: [i for i, x in enumerate(order) if x == c] for c in CHANNELS}
    # One channel after another would leave each channel's two posts next to each other; side by
    # side, other channels post while one waits out its pacing.
    assert any(second - first > 1 for first, second in positions.values()), order
