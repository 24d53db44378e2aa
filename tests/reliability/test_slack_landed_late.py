"""A post Slack took after the client had given up on it is not posted again.

chat.postMessage has no idempotency key: a post whose answer came after the client's timeout may
have landed, and the retry on a later run posted it a second time. Now each bot-token post carries
its outbox ids in Slack's message metadata, and before an alert that was tried before is posted
again, the channel (or, for a reply, its thread) is read back from when the alert was queued: a
message of ours carrying its id means it landed, and it is marked sent. A token without the history
scopes (or a webhook, which cannot read anything) cannot look, and the alert is posted again, as
before: nothing is lost.

Through the delivery engine and the real SlackChannel (slack-sdk) against the loopback stand-in,
which answers conversations.history and conversations.replies as Slack does. The client's timeout
is real (short); every other wait is recorded, not slept.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from config.models import Settings
from notifier.channels.slack import SlackChannel
from notifier.delivery import deliver_instant
from storage.outbox import MAX_ATTEMPTS
from storage.outbox_recovery import requeue_failed
from storage.threads import remember_thread, thread_for
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox
from tests.slack_helpers import CHANNEL, bot_subscription
from tests.slack_standin import SlackStandIn, lands_late

ALERTS = 3
CLIENT_TIMEOUT = 2.0  # long enough that a loaded machine answers in time
LATER = NOW + timedelta(minutes=2)
HISTORY = ("chat:write", "channels:history", "groups:history")


@pytest.fixture
def alerts(db):
    for n in range(ALERTS):
        add_opportunity(db, f"late-opp-{n}", title=f"Late fund {n}")
        add_outbox_row(db, f"late-opp-{n}", subscription_id="digital_team", channel="slack")
    return db


def standin(scopes=HISTORY) -> SlackStandIn:
    # Slack stamps a message with its own clock: here a minute after the alerts were queued.
    return SlackStandIn(channels=[CHANNEL], scopes=scopes, epoch=NOW.timestamp() + 60)


def deliver(db, slack, fake_time, at):
    channel = SlackChannel(
        db,
        token=slack.token,
        api_url=slack.api_url,
        env={},
        min_interval=1.0,
        timeout=CLIENT_TIMEOUT,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
    )
    return deliver_instant(
        db, [bot_subscription(CHANNEL)], Settings(), now=at, channel_for=lambda s, n: channel
    )


def posted(slack) -> Counter:
    return Counter(
        n for post in slack.posts for n in range(ALERTS) if f"Late fund {n}" in str(post["text"])
    )


def reads(slack) -> list[dict]:
    return [r for r in slack.requests if r["path"].startswith("/api/conversations.")]


@pytest.mark.parametrize("in_thread", [False, True], ids=["first post", "reply in its thread"])
def test_a_post_that_landed_after_the_timeout_is_not_posted_again(alerts, fake_time, in_thread):
    db = alerts
    if in_thread:  # an earlier alert about it started a thread: this one replies there
        remember_thread(db, CHANNEL, "late-opp-0", f"{NOW.timestamp() + 1:.6f}", NOW)
    with standin() as slack:
        slack.script(lands_late(60))
        first = deliver(db, slack, fake_time, NOW)
        assert first.sent == 0 and posted(slack) == {0: 1}, "the stand-in did not take it"
        row = outbox(db)[0]
        assert row["status"] == "pending" and "did not answer" in row["last_error"]

        later = deliver(db, slack, fake_time, LATER)
        assert later.sent == ALERTS, later.text()
        assert posted(slack) == {n: 1 for n in range(ALERTS)}, "a post that landed went twice"
        method = "conversations.replies" if in_thread else "conversations.history"
        # Looked once, for it: the alerts never tried before are posted without looking.
        assert [r["path"] for r in reads(slack)] == [f"/api/{method}"]
        landed = slack.posts[0]
    assert landed["metadata"]["event_payload"] == {"outbox_ids": [row["id"]]}
    assert {r["status"] for r in outbox(db)} == {"sent"}
    if not in_thread:  # the message found starts the opportunity's thread, as a post would
        assert thread_for(db, CHANNEL, "late-opp-0") == landed["ts"]


def test_a_requeued_alert_whose_last_post_landed_late_is_not_posted_again(alerts, fake_time):
    """`notify --retry-failed` resets the attempts to 0: the alert's next claim counted 1, so it
    was posted without looking, and an alert given up on after a post that had landed went twice."""
    db = alerts
    first_id = outbox(db)[0]["id"]
    # Its last attempt is the one that times out (the others failed before it, elsewhere).
    db.execute("UPDATE outbox SET attempts = ? WHERE id = ?", [MAX_ATTEMPTS - 1, first_id])
    with standin() as slack:
        slack.script(lands_late(60))
        deliver(db, slack, fake_time, NOW)
        row = outbox(db)[0]
        assert row["status"] == "failed" and "did not answer" in row["last_error"], row
        assert requeue_failed(db, LATER) == 1 and outbox(db)[0]["attempts"] == 0

        again = deliver(db, slack, fake_time, LATER)
        assert again.sent == ALERTS, again.text()
        assert posted(slack) == {n: 1 for n in range(ALERTS)}, "a post that landed went twice"
    assert {r["status"] for r in outbox(db)} == {"sent"}


def test_without_the_history_scope_it_is_posted_again_and_nothing_is_lost(alerts, fake_time):
    db = alerts
    with standin(scopes=("chat:write",)) as slack:
        slack.script(lands_late(60))
        deliver(db, slack, fake_time, NOW)
        later = deliver(db, slack, fake_time, LATER)
        (asked,) = reads(slack)
    assert asked["path"] == "/api/conversations.history"
    assert later.sent == ALERTS and {r["status"] for r in outbox(db)} == {"sent"}
    assert posted(slack) == {0: 2, 1: 1, 2: 1}  # the documented limit: it could not look


def test_a_token_refused_the_read_is_not_asked_again_for_the_channels_other_alerts(
    alerts, fake_time
):
    """Each alert tried before asked to read the channel, and a token without the history scopes
    was refused each time: after an outage, one refused call per alert retried."""
    db = alerts
    db.execute("UPDATE outbox SET attempts = 1, tried = 1")  # every alert was tried before
    with standin(scopes=("chat:write",)) as slack:
        later = deliver(db, slack, fake_time, LATER)
        asked = reads(slack)
    assert [r["path"] for r in asked] == ["/api/conversations.history"]
    assert later.sent == ALERTS and posted(slack) == {n: 1 for n in range(ALERTS)}


def test_the_read_pages_on_through_a_busy_channel(db):
    """The post that landed may be under many newer messages: the read follows Slack's cursor."""
    from notifier.channels.slack.landed import PAGE

    with standin() as slack:
        channel = SlackChannel(db, token=slack.token, api_url=slack.api_url, env={}, timeout=5)
        poster = channel._poster(bot_subscription(CHANNEL))
        assert poster.post("Late fund 0", [], None, ids=[7]).ok
        for n in range(PAGE + 50):  # others talk in the channel after it
            assert poster.post(f"chatter {n}", [], None).ok
        first = slack.posts[0]["ts"]
        assert poster.landed([7], None, NOW) == first
        assert len(reads(slack)) == 2
        assert poster.landed([8], None, NOW) is None  # never posted: post it
