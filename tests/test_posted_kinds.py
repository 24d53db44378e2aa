"""A message is known by its destination, its kind (an instant alert, a daily or a weekly digest)
and what it says (storage/channel_posts.py). Keyed by what it said alone, a daily digest of one
call in a channel it shares with an instant team read, to the letter, as the instant post already
there, and was marked sent on it without ever appearing; so was an instant alert retried after a
digest of the same call had gone. A run stopped after a shared digest still never posts it twice.
Through the delivery engine and the real SlackChannel (slack-sdk) against the loopback stand-in."""

from __future__ import annotations

from datetime import timedelta

from config.models import Settings, Subscription
from notifier.channels.slack import SlackChannel
from notifier.delivery import deliver_instant, send_digests
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox
from tests.slack_helpers import CHANNEL


def channel(db, slack, fake_time) -> SlackChannel:
    return SlackChannel(
        db,
        token=slack.token,
        api_url=slack.api_url,
        env={},
        timeout=5.0,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
    )


def instant(db, slack, fake_time, subscriptions, at):
    made = channel(db, slack, fake_time)
    return deliver_instant(db, subscriptions, Settings(), now=at, channel_for=lambda s, n: made)


def daily(db, slack, fake_time, subscriptions, at, stopping=None):
    made = channel(db, slack, fake_time)
    return send_digests(
        db,
        subscriptions,
        Settings(),
        cadence="daily",
        now=at,
        force=True,
        channel_for=lambda s, n: made,
        stopping=stopping or (lambda: False),
    )


def teams() -> tuple[Subscription, Subscription]:
    return (
        Subscription(id="now_team", slack={"channel": CHANNEL}),
        Subscription(id="daily_team", slack={"channel": CHANNEL, "cadence": "daily"}),
    )


def test_a_digest_the_same_as_an_earlier_instant_post_is_still_posted(db, slack, fake_time):
    add_opportunity(db, "shared-call", title="Shared call fund")
    now_team, daily_team = teams()
    add_outbox_row(db, "shared-call", subscription_id="now_team")
    add_outbox_row(db, "shared-call", subscription_id="daily_team", cadence="daily")

    assert instant(db, slack, fake_time, [now_team, daily_team], NOW).sent == 1
    digest = daily(db, slack, fake_time, [now_team, daily_team], NOW)
    assert (digest.digests, digest.sent) == (1, 1), digest.text()
    assert len(slack.posts) == 2, "the daily digest was taken for the instant post"
    assert slack.posts[0]["text"] == slack.posts[1]["text"]  # the same words, two messages
    assert {r["status"] for r in outbox(db)} == {"sent"}


def test_an_instant_alert_retried_after_a_digest_of_the_same_call_is_still_posted(
    db, slack, fake_time
):
    add_opportunity(db, "shared-call", title="Shared call fund")
    now_team, daily_team = teams()
    add_outbox_row(db, "shared-call", subscription_id="daily_team", cadence="daily")
    # Its first attempt waits out a retry: the digest goes before it does.
    later = NOW + timedelta(minutes=10)
    add_outbox_row(db, "shared-call", subscription_id="now_team", next_attempt_at=later)

    assert daily(db, slack, fake_time, [now_team, daily_team], NOW).sent == 1
    run = instant(db, slack, fake_time, [now_team, daily_team], later)
    assert run.sent == 1, run.text()
    assert len(slack.posts) == 2, "the instant alert was taken for the digest"


def test_a_shared_digest_posted_before_a_stop_is_not_posted_again(db, slack, fake_time):
    add_opportunity(db, "shared-call", title="Shared call fund")
    subscriptions = [
        Subscription(id=f"team_{n}", slack={"channel": CHANNEL, "cadence": "daily"})
        for n in range(3)
    ]
    for subscription in subscriptions:
        add_outbox_row(db, "shared-call", subscription_id=subscription.id, cadence="daily")

    first = daily(db, slack, fake_time, subscriptions, NOW, stopping=lambda: len(slack.posts) >= 1)
    assert (first.sent, first.left) == (1, 2), first.text()
    again = daily(db, slack, fake_time, subscriptions, NOW + timedelta(minutes=5))
    assert (again.sent, again.failed) == (2, 0), again.text()
    assert len(slack.posts) == 1, "the digest went again for the teams the stop left"
    # Said as what it was: before, "2 digest(s) sent covering 2 alert(s)" and nothing more.
    assert "covering 2 alert(s), 2 on message(s) posted by an earlier run;" in again.text()
