"""Incoming webhooks: delivered like bot posts, only to Slack's own webhook host (loopback only when
FUNDWATCH_ALLOW_LOOPBACK=1), and the URL (a secret) never reaches a result or a log line, whatever
Slack or the network answers."""

from __future__ import annotations

import logging
import socket

import pytest

from notifier.channels.slack import LOOPBACK_ENV, SlackChannel, webhook_url_problem
from tests.slack_helpers import (
    NOW,
    WEBHOOK_ENV,
    FakeTime,
    alert,
    allow_loopback,
    webhook_subscription,
)
from tests.slack_standin import SlackStandIn, rate_limited, server_error


@pytest.fixture(autouse=True)
def loopback_webhooks(monkeypatch):
    allow_loopback(monkeypatch)


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


SLACK_HOOK = "https://hooks.slack.com/services/T000/B000/SECRETPART"


@pytest.mark.parametrize(
    "url",
    [
        SLACK_HOOK,
        "https://HOOKS.Slack.com:443/services/T000/B000/SECRETPART",
        "http://127.0.0.1:8765/services/T000/B000/SECRETPART",  # with FUNDWATCH_ALLOW_LOOPBACK=1
        "http://127.9.9.9:8765/services/SECRETPART",
        "http://[::1]:8765/services/SECRETPART",
        "https://localhost/services/SECRETPART",
    ],
)
def test_slack_webhooks_and_allowed_loopback_are_accepted(url):
    assert webhook_url_problem(WEBHOOK_ENV, url, {}) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.slack.com/services/T000/B000/SECRETPART",
        "https://hooks.slack.com.evil.example/services/SECRETPART",
        "https://evil.example/services/T000/B000/SECRETPART",
        "https://SECRETPART@hooks.slack.com/services/T000",
        "https://hooks.slack.com:8443/services/SECRETPART",
        "https://hooks.slack.com/",
        "https://hooks.slack.com/services/SECRET PART",
        "https://hooks.slack.com/services/SECRETPART\x00",
        "file:///etc/SECRETPART",
        "javascript:alert('SECRETPART')",
        "https://127.0.0.1.nip.io/services/SECRETPART",
        "http://0.0.0.0:8765/services/SECRETPART",
        "http://10.0.0.7/services/SECRETPART",
        "http://169.254.169.254/latest/SECRETPART",
        "https://[::1:8765/services/SECRETPART",
    ],
)
def test_anything_else_is_refused_without_echoing_it(url):
    problem = webhook_url_problem(WEBHOOK_ENV, url, {LOOPBACK_ENV: "1"})
    assert problem and problem.startswith(f"{WEBHOOK_ENV} must hold a Slack webhook URL")
    assert "SECRETPART" not in problem


def test_loopback_needs_the_environment_to_say_so(slack, db, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    monkeypatch.delenv(LOOPBACK_ENV)
    env = {WEBHOOK_ENV: slack.webhook_url()}
    channel = SlackChannel(db, env=env, min_interval=0, timeout=5)
    refused = channel.deliver(webhook_subscription(), [alert(1), alert(2)], NOW)

    assert [(r.ok, r.permanent) for r in refused] == [(False, True), (False, True)]
    assert LOOPBACK_ENV in refused[0].error and WEBHOOK_ENV in refused[0].error
    assert "XXXX" not in refused[0].error and "127.0.0.1" not in refused[0].error
    assert all("XXXX" not in record.getMessage() for record in caplog.records)
    assert slack.requests == []  # nothing was sent anywhere

    # Read when sending, from the process environment or the mapping the channel was given.
    monkeypatch.setenv(LOOPBACK_ENV, "1")
    assert channel.deliver(webhook_subscription(), [alert(3)], NOW)[0].ok
    monkeypatch.delenv(LOOPBACK_ENV)
    given = SlackChannel(db, env={**env, LOOPBACK_ENV: "1"}, min_interval=0, timeout=5)
    assert given.deliver(webhook_subscription(), [alert(4)], NOW)[0].ok
    assert [p["via"] for p in slack.posts] == ["webhook", "webhook"]


def test_a_webhook_elsewhere_is_never_contacted(db, monkeypatch):
    """Not even a request: the variable may name any URL, and alerts must not go there."""
    for url in ("https://evil.example/services/T000/B000/SECRETPART", "http://10.0.0.7/hook"):
        channel = SlackChannel(db, env={WEBHOOK_ENV: url}, min_interval=0, timeout=0.5)
        (result,) = channel.deliver(webhook_subscription(), [alert(1)], NOW)
        assert (result.ok, result.permanent) == (False, True)
        assert "SECRETPART" not in result.error and "10.0.0.7" not in result.error
