"""Incoming webhooks: delivered like bot posts, and the URL (a secret) never reaches a result or
a log line, whatever Slack or the network answers."""

from __future__ import annotations

import logging
import socket

import pytest

from notifier.channels.slack import SlackChannel
from tests.slack_helpers import (
    NOW,
    WEBHOOK_ENV,
    FakeTime,
    alert,
    webhook_subscription,
)
from tests.slack_standin import SlackStandIn, rate_limited, server_error


def test_webhook_delivers_and_never_leaks_its_url(slack, db, caplog):
    caplog.set_level(logging.DEBUG)
    url = slack.webhook_url()
    channel = SlackChannel(db, env={WEBHOOK_ENV: url}, min_interval=0, timeout=5)
    slack.script(server_error(503))
    failed = channel.deliver(webhook_subscription(), [alert(1)], NOW)[0]
    delivered = channel.deliver(webhook_subscription(), [alert(1)], NOW)[0]

    assert (failed.ok, failed.permanent) == (False, False) and WEBHOOK_ENV in failed.error
    assert delivered.ok
    assert [r["path"] for r in slack.requests] == ["/services/T000/B000/XXXX"] * 2
    assert slack.posts[0]["via"] == "webhook"
    assert "XXXX" not in failed.error
    assert all("XXXX" not in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        ("invalid_token", f"the webhook URL in {WEBHOOK_ENV} was revoked or is wrong"),
        ("no_service", f"the webhook in {WEBHOOK_ENV} no longer exists"),
        (
            "channel_not_found",
            f"the webhook in {WEBHOOK_ENV} points at a channel that no longer exists",
        ),
    ],
)
def test_webhook_permanent_errors(db, state, reason, caplog):
    caplog.set_level(logging.DEBUG)
    with SlackStandIn(webhooks={"/services/T000/B000/XXXX": state}) as slack:
        url = slack.webhook_url()
        channel = SlackChannel(db, env={WEBHOOK_ENV: url}, min_interval=0)
        results = channel.deliver(webhook_subscription(), [alert(1), alert(2)], NOW)

    assert [(r.ok, r.permanent) for r in results] == [(False, True), (False, True)]
    assert results[0].error.startswith(f"Slack said {state}: {reason}")
    assert len(slack.requests) == 1
    assert url not in results[0].error and "XXXX" not in results[0].error
    assert all("XXXX" not in record.getMessage() for record in caplog.records)


def test_webhook_rate_limit_and_unreachable_webhook(slack, db, caplog):
    caplog.set_level(logging.DEBUG)
    fake_time = FakeTime()
    slack.script(rate_limited(retry_after=2))
    limited = SlackChannel(
        db,
        env={WEBHOOK_ENV: slack.webhook_url()},
        min_interval=0,
        max_rate_limit_retries=0,
        sleep=fake_time.sleep,
    ).deliver(webhook_subscription(), [alert(1)], NOW)[0]
    assert (limited.ok, limited.retry_after) == (False, 2.0)
    assert fake_time.sleeps == []  # no inline retries allowed

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/services/T000/B000/SECRETPART"
    down = SlackChannel(db, env={WEBHOOK_ENV: dead}, min_interval=0, sleep=fake_time.sleep).deliver(
        webhook_subscription(), [alert(1)], NOW
    )[0]
    assert (down.ok, down.permanent) == (False, False)
    assert "SECRETPART" not in down.error
    assert all("SECRETPART" not in record.getMessage() for record in caplog.records)
    assert len(fake_time.sleeps) == 1  # one reconnect, after a wait asked of the injected sleep
