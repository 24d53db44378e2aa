"""About one message a second per Slack channel: the waits SlackChannel asks for, on a fake clock
whose sleep records (no test here waits for real or measures wall-clock gaps)."""

from __future__ import annotations

import pytest

from notifier.channels.slack import SlackChannel
from tests.slack_helpers import (
    CHANNEL,
    NOW,
    OTHER_CHANNEL,
    WEBHOOK_ENV,
    alert,
    allow_loopback,
    bot_subscription,
    webhook_subscription,
)


@pytest.fixture(autouse=True)
def loopback_webhooks(monkeypatch):
    allow_loopback(monkeypatch)


def paced(slack, db, fake_time, **options) -> SlackChannel:
    """A bot-token channel with Slack's default pacing, on the fake clock."""
    return SlackChannel(
        db,
        token=slack.token,
        api_url=slack.api_url,
        env={WEBHOOK_ENV: slack.webhook_url()},
        timeout=5,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
        **options,
    )


def test_posts_to_one_channel_are_paced(slack, db, fake_time):
    channel = paced(slack, db, fake_time)  # the default: one post a second per channel
    channel.deliver(bot_subscription(), [alert(1)], NOW)
    assert fake_time.sleeps == []  # nothing to wait for before the first post

    channel.deliver(bot_subscription(), [alert(2)], NOW)

    assert fake_time.sleeps == [pytest.approx(1.0)]
    assert [p["channel"] for p in slack.posts] == [CHANNEL, CHANNEL]


def test_pacing_follows_min_interval(slack, db, fake_time):
    channel = paced(slack, db, fake_time, min_interval=0.4)
    channel.deliver(bot_subscription(), [alert(1)], NOW)
    channel.deliver(bot_subscription(), [alert(2)], NOW)

    assert fake_time.sleeps == [pytest.approx(0.4)]
    assert len(slack.requests) == 2


def test_posts_to_different_channels_are_not_paced(slack, db, fake_time):
    channel = paced(slack, db, fake_time)
    channel.deliver(bot_subscription(CHANNEL), [alert(1)], NOW)
    channel.deliver(bot_subscription(OTHER_CHANNEL), [alert(2)], NOW)
    channel.deliver(webhook_subscription(), [alert(3)], NOW)  # a webhook is its own channel

    assert fake_time.sleeps == []
    assert len(slack.posts) == 3


def test_only_the_rest_of_the_interval_is_waited(slack, db, fake_time):
    channel = paced(slack, db, fake_time)
    channel.deliver(bot_subscription(), [alert(1)], NOW)
    fake_time.now += 0.3
    channel.deliver(bot_subscription(), [alert(2)], NOW)
    fake_time.now += 5.0
    channel.deliver(bot_subscription(), [alert(3)], NOW)

    assert fake_time.sleeps == [pytest.approx(0.7)]  # and nothing once a second has passed
    assert len(slack.posts) == 3


def test_alerts_in_one_call_are_paced_one_by_one(slack, db, fake_time):
    channel = paced(slack, db, fake_time)
    results = channel.deliver(bot_subscription(), [alert(1), alert(2), alert(3)], NOW)

    assert all(r.ok for r in results)
    assert fake_time.sleeps == [pytest.approx(1.0), pytest.approx(1.0)]


def test_webhook_posts_are_paced_too(slack, db, fake_time):
    channel = paced(slack, db, fake_time)
    channel.deliver(webhook_subscription(), [alert(1), alert(2)], NOW)

    assert fake_time.sleeps == [pytest.approx(1.0)]
    assert [p["via"] for p in slack.posts] == ["webhook", "webhook"]


def test_no_pacing_when_min_interval_is_zero(slack, db, fake_time):
    channel = paced(slack, db, fake_time, min_interval=0)
    channel.deliver(bot_subscription(), [alert(1), alert(2)], NOW)

    assert fake_time.sleeps == []
