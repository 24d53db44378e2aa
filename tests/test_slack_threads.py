"""Threads per opportunity: the first post about an opportunity in a channel (or a burst summary that
lists it) starts a thread and every later alert about it replies there, across runs; replies that
matter are also sent to the channel; webhooks cannot thread."""

from __future__ import annotations

import pytest

from notifier.channels.slack import SlackChannel
from storage.threads import thread_for
from tests.slack_helpers import (
    CHANNEL,
    NOW,
    OTHER_CHANNEL,
    WEBHOOK_ENV,
    alert,
    allow_loopback,
    assert_valid_blocks,
    bot_channel,
    bot_subscription,
    opportunity,
    webhook_subscription,
)


def test_updates_reply_in_the_thread_of_the_first_post(slack, db):
    changes = {"closes_at": ("2027-01-12T00:00:00+00:00", "2027-01-26T00:00:00+00:00")}
    first, update = alert(1, "new"), alert(2, "changed", opportunity(1), changes)
    results = bot_channel(slack, db).deliver(bot_subscription(), [first, update], NOW)

    assert [r.ok for r in results] == [True, True]
    parent, reply = slack.posts
    assert parent["thread_ts"] is None
    assert reply["thread_ts"] == parent["ts"]
    assert (parent["reply_broadcast"], reply["reply_broadcast"]) == (False, True)  # a new deadline
    rows = list(db["slack_threads"].rows)
    assert [(r["channel"], r["opportunity_id"], r["ts"]) for r in rows] == [
        (CHANNEL, "opp-1", parent["ts"])
    ]
    assert thread_for(db, CHANNEL, "opp-1") == parent["ts"]  # kept through storage.threads

    # A later run (a new channel object) still finds the thread; other opportunities and other
    # channels start their own.
    later = bot_channel(slack, db)
    later.deliver(bot_subscription(), [alert(3, "closing_soon", opportunity(1))], NOW)
    later.deliver(bot_subscription(), [alert(4, "new", opportunity(2))], NOW)
    later.deliver(
        bot_subscription(OTHER_CHANNEL), [alert(5, "changed", opportunity(1), changes)], NOW
    )
    assert [p["thread_ts"] for p in slack.posts[2:]] == [parent["ts"], None, None]
    assert db["slack_threads"].count == 3
    assert thread_for(db, CHANNEL, "opp-1") == parent["ts"]  # the first thread is never replaced


def test_a_failed_first_post_starts_no_thread(slack, db):
    channel = bot_channel(slack, db)
    failed = channel.deliver(bot_subscription("C0MISSING1"), [alert(1)], NOW)[0]

    assert not failed.ok
    assert thread_for(db, "C0MISSING1", "opp-1") is None and db["slack_threads"].count == 0


def test_webhook_posts_have_no_threads(slack, db, monkeypatch):
    allow_loopback(monkeypatch)
    env = {WEBHOOK_ENV: slack.webhook_url()}
    channel = SlackChannel(db, env=env, min_interval=0, timeout=5)
    results = channel.deliver(
        webhook_subscription(), [alert(1), alert(2, "changed", opportunity(1))], NOW
    )

    assert [r.ok for r in results] == [True, True]
    assert [p["via"] for p in slack.posts] == ["webhook", "webhook"]
    assert db["slack_threads"].count == 0
    assert_valid_blocks(slack.posts[0]["blocks"])


DEADLINE = {"closes_at": ("2027-01-12T16:00:00+00:00", "2027-01-26T16:00:00+00:00")}


@pytest.mark.parametrize(
    ("event", "changes", "broadcast"),
    [
        ("changed", DEADLINE, True),
        ("changed", {"opens_at": ("2026-11-02T09:00:00+00:00", None)}, True),
        ("changed", {"status": ("open", "closed")}, True),
        ("changed", {"eligibility": ("Charities", "Local authorities")}, True),
        ("changed", {"council_eligible": ("no", "yes")}, True),
        ("changed", {"title": ("Old name", "Digital Inclusion Fund 1")}, False),
        ("changed", {"amount_max": (50_000.0, 60_000.0)}, False),
        ("closing_soon", {}, True),
        ("new", {}, False),
    ],
)
def test_replies_that_matter_are_also_sent_to_the_channel(slack, db, event, changes, broadcast):
    bot_channel(slack, db).deliver(bot_subscription(), [alert(1, "new")], NOW)
    # A later run's channel: within one run a message the same as one already in the channel (a
    # "new" alike) is not posted again (tests/test_one_channel_many_subscriptions.py).
    channel = bot_channel(slack, db)
    results = channel.deliver(bot_subscription(), [alert(2, event, opportunity(1), changes)], NOW)

    assert results[0].ok
    parent, reply = slack.posts
    assert reply["thread_ts"] == parent["ts"]
    assert reply["reply_broadcast"] is broadcast
    request = slack.requests[-1]["body"]
    assert request.get("reply_broadcast", False) is broadcast
    assert_valid_blocks(reply["blocks"])


def test_a_first_post_is_never_a_broadcast(slack, db):
    """No thread yet: the alert (even a deadline change) is a top-level post that starts one."""
    bot_channel(slack, db).deliver(
        bot_subscription(), [alert(1, "changed", opportunity(1), DEADLINE)], NOW
    )

    (post,) = slack.posts
    assert post["thread_ts"] is None and post["reply_broadcast"] is False
    assert "reply_broadcast" not in slack.requests[0]["body"]
    assert thread_for(db, CHANNEL, "opp-1") == post["ts"]


def test_a_burst_summary_is_the_thread_of_every_call_in_it(slack, db):
    channel = bot_channel(slack, db, burst_limit=2)
    channel.deliver(bot_subscription(), [alert(1, "new")], NOW)  # opp-1 already has a thread
    first = slack.posts[0]["ts"]
    burst = [alert(n, "new", opportunity(n)) for n in range(1, 5)]
    assert all(r.ok for r in channel.deliver(bot_subscription(), burst, NOW))
    summary = slack.posts[1]
    assert summary["thread_ts"] is None

    assert thread_for(db, CHANNEL, "opp-1") == first  # the first thread wins
    assert [thread_for(db, CHANNEL, f"opp-{n}") for n in (2, 3, 4)] == [summary["ts"]] * 3

    later = bot_channel(slack, db)
    later.deliver(bot_subscription(), [alert(9, "changed", opportunity(3), DEADLINE)], NOW)
    later.deliver(bot_subscription(), [alert(10, "closing_soon", opportunity(1))], NOW)
    update, reminder = slack.posts[2:]
    assert (update["thread_ts"], update["reply_broadcast"]) == (summary["ts"], True)
    assert (reminder["thread_ts"], reminder["reply_broadcast"]) == (first, True)


def test_a_failed_burst_summary_starts_no_thread(slack, db):
    channel = bot_channel(slack, db, burst_limit=2)
    burst = [alert(n) for n in range(1, 4)]
    results = channel.deliver(bot_subscription("C0MISSING1"), burst, NOW)

    assert not any(r.ok for r in results) and db["slack_threads"].count == 0
