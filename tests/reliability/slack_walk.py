"""What the Slack walk's tests share (test_slack_unseen_answers.py, test_slack_webhook_answers.py):
three alerts for one subscription, one delivery run through the real SlackChannel against the
stand-in with waits recorded on a fake clock, and how often each alert reached Slack."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from config.models import Settings
from notifier.channels.slack import SlackChannel
from notifier.delivery import deliver_instant
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox
from tests.slack_helpers import CHANNEL, WEBHOOK_ENV, bot_subscription, webhook_subscription

ALERTS = 3
HISTORY = ("chat:write", "channels:history")
LATER = NOW + timedelta(minutes=2)
NEXT_DAY = NOW + timedelta(days=1)


def add_alerts(db):
    """Three alerts for digital_team on Slack, titled "Walk fund N"."""
    for n in range(ALERTS):
        add_opportunity(db, f"walk-opp-{n}", title=f"Walk fund {n}")
        add_outbox_row(db, f"walk-opp-{n}", subscription_id="digital_team", channel="slack")
    return db


def deliver(db, slack, fake_time, at, webhook=False):
    env = {WEBHOOK_ENV: slack.webhook_url()} if webhook else {}
    channel = SlackChannel(
        db,
        token=None if webhook else slack.token,
        api_url=slack.api_url,
        env=env,
        timeout=5.0,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
    )
    subscription = webhook_subscription() if webhook else bot_subscription(CHANNEL)
    return deliver_instant(db, [subscription], Settings(), now=at, channel_for=lambda s, n: channel)


def posted(slack) -> Counter:
    return Counter(
        n for post in slack.posts for n in range(ALERTS) if f"Walk fund {n}" in str(post["text"])
    )


def assert_each_once(db, slack) -> None:
    assert posted(slack) == dict.fromkeys(range(ALERTS), 1), "lost or sent twice"
    assert [r["status"] for r in outbox(db)] == ["sent"] * ALERTS
