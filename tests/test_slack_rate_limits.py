"""Rate limits: a short Retry-After is waited inline (through the injected sleep, recorded here,
never slept); a long one comes straight back as retry_after, so the outbox row waits instead."""

from __future__ import annotations

import pytest

from notifier.channels.slack import SlackChannel
from tests.slack_helpers import (
    NOW,
    WEBHOOK_ENV,
    alert,
    allow_loopback,
    bot_channel,
    bot_subscription,
    webhook_subscription,
)
from tests.slack_standin import Scripted, rate_limited


def timed(slack, db, fake_time, **options) -> SlackChannel:
    return bot_channel(slack, db, sleep=fake_time.sleep, clock=fake_time.clock, **options)


def test_rate_limit_waits_retry_after_then_delivers(slack, db, fake_time):
    slack.script(rate_limited(retry_after=1))
    results = timed(slack, db, fake_time).deliver(bot_subscription(), [alert(1)], NOW)

    assert results[0].ok
    assert len(slack.posts) == 1
    assert len(slack.requests) == 2
    assert fake_time.sleeps == [1.0]  # the wait Slack asked for, requested before the retry


def test_a_short_retry_after_is_retried_inline_after_that_wait(slack, db, fake_time):
    slack.script(rate_limited(retry_after=2))
    result = timed(slack, db, fake_time).deliver(bot_subscription(), [alert(1)], NOW)[0]

    assert (result.ok, result.retry_after, result.error) == (True, None, None)
    assert fake_time.sleeps == [2.0]
    assert len(slack.requests) == 2 and len(slack.posts) == 1


def test_a_long_retry_after_is_not_waited_inline(slack, db, fake_time):
    slack.script(rate_limited(retry_after=3600))
    channel = timed(slack, db, fake_time)
    results = channel.deliver(bot_subscription(), [alert(1), alert(2)], NOW)

    assert channel.max_inline_wait == 30.0  # the default cap
    assert fake_time.sleeps == []  # no hour-long stall while the claims are held
    assert len(slack.requests) == 1 and slack.posts == []
    assert [(r.ok, r.permanent, r.retry_after) for r in results] == [
        (False, False, 3600.0),
        (False, False, 3600.0),
    ]
    assert "retry after 3600s" in results[0].error


def test_at_most_max_rate_limit_retries_inline(slack, db, fake_time):
    slack.script(*[rate_limited(retry_after=2) for _ in range(4)])
    channel = timed(slack, db, fake_time)  # the default: two inline retries
    result = channel.deliver(bot_subscription(), [alert(1)], NOW)[0]

    assert channel.max_rate_limit_retries == 2
    assert fake_time.sleeps == [2.0, 2.0]
    assert len(slack.requests) == 3  # the first try and two retries; the fourth 429 is unused
    assert (result.ok, result.permanent, result.retry_after) == (False, False, 2.0)


def test_persistent_rate_limit_reports_retry_after_and_stops(slack, db, fake_time):
    slack.script(rate_limited(retry_after=1), rate_limited(retry_after=1))
    channel = timed(slack, db, fake_time, max_rate_limit_retries=1)
    results = channel.deliver(bot_subscription(), [alert(1), alert(2), alert(3)], NOW)

    assert [r.ok for r in results] == [False, False, False]
    assert [r.retry_after for r in results] == [1.0, 1.0, 1.0]
    assert not any(r.permanent for r in results)
    assert "rate limiting" in results[0].error
    assert len(slack.requests) == 2  # the first try and one retry; alerts 2 and 3 never sent
    assert slack.posts == []
    assert fake_time.sleeps == [1.0]


@pytest.mark.parametrize(("retry_after", "inline"), [(5, True), (6, False)])
def test_the_inline_cap_is_max_inline_wait(slack, db, fake_time, retry_after, inline):
    slack.script(rate_limited(retry_after=retry_after))
    channel = timed(slack, db, fake_time, max_inline_wait=5)
    result = channel.deliver(bot_subscription(), [alert(1)], NOW)[0]

    assert result.ok is inline
    assert fake_time.sleeps == ([float(retry_after)] if inline else [])
    assert result.retry_after == (None if inline else float(retry_after))


def test_a_rate_limit_without_retry_after_waits_in_the_outbox(slack, db, fake_time):
    slack.script(Scripted(429, {"ok": False, "error": "ratelimited"}))
    result = timed(slack, db, fake_time).deliver(bot_subscription(), [alert(1)], NOW)[0]

    assert (result.ok, result.retry_after) == (False, 60.0)
    assert fake_time.sleeps == [] and len(slack.requests) == 1


def test_webhook_rate_limits_are_capped_the_same_way(slack, db, fake_time, monkeypatch):
    allow_loopback(monkeypatch)
    channel = SlackChannel(
        db,
        env={WEBHOOK_ENV: slack.webhook_url()},
        min_interval=0,
        timeout=5,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
    )
    slack.script(rate_limited(retry_after=2))
    short = channel.deliver(webhook_subscription(), [alert(1)], NOW)[0]
    assert short.ok and fake_time.sleeps == [2.0]

    slack.script(rate_limited(retry_after=3600))
    long = channel.deliver(webhook_subscription(), [alert(2)], NOW)[0]
    assert (long.ok, long.retry_after) == (False, 3600.0)
    assert fake_time.sleeps == [2.0]  # no inline wait for the hour
    assert WEBHOOK_ENV in long.error and "XXXX" not in long.error
    assert len(slack.requests) == 3 and len(slack.posts) == 1
