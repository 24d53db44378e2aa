"""Threads per opportunity: the first post about an opportunity in a channel starts a thread and
every later alert about it replies there, across runs; webhooks cannot thread."""

from __future__ import annotations

from notifier.channels.slack import SlackChannel
from storage.threads import thread_for
from tests.slack_helpers import (
    CHANNEL,
    NOW,
    OTHER_CHANNEL,
    WEBHOOK_ENV,
    alert,
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


def test_webhook_posts_have_no_threads(slack, db):
    env = {WEBHOOK_ENV: slack.webhook_url()}
    channel = SlackChannel(db, env=env, min_interval=0, timeout=5)
    results = channel.deliver(
        webhook_subscription(), [alert(1), alert(2, "changed", opportunity(1))], NOW
    )

    assert [r.ok for r in results] == [True, True]
    assert [p["via"] for p in slack.posts] == ["webhook", "webhook"]
    assert db["slack_threads"].count == 0
    assert_valid_blocks(slack.posts[0]["blocks"])
