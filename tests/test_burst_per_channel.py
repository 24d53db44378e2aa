"""`burst_limit` counts a Slack channel's alerts, whichever subscriptions they are for (README:
"more instant alerts than this for one Slack channel become one summary"): Slack's pace is per
channel. Counted per subscription, three teams sharing a channel with eight different calls each
put 24 posts there, none a summary, under a limit of ten. Through the delivery engine as `notify`
runs it (channels of its own choosing, the loopback Slack stand-in driven by slack-sdk), several
channels served side by side."""

from __future__ import annotations

from config.models import Settings, Subscription
from notifier.channels.slack import SlackChannel
from notifier.delivery import deliver_instant
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row
from tests.slack_helpers import CHANNEL, OTHER_CHANNEL

LIMIT = 10


def shared(db, teams: int, calls: int, channel: str = CHANNEL, *, overlap: bool = False):
    """`teams` subscriptions in one channel, each with `calls` calls waiting (the same calls for
    every team when `overlap`, else each team's own)."""
    subscriptions = []
    for team in range(teams):
        subscription = Subscription(id=f"{channel.lower()}_team_{team}", slack={"channel": channel})
        subscriptions.append(subscription)
        for call in range(calls):
            call_id = f"call-{call}" if overlap else f"{channel}-{team}-call-{call}"
            if not (overlap and team):  # an overlapping call is stored once
                add_opportunity(db, call_id, title=f"Fund {call_id}")
            add_outbox_row(db, call_id, subscription_id=subscription.id)
    return subscriptions


def run(db, slack, fake_time, subscriptions):
    channel = SlackChannel(
        db,
        token=slack.token,
        api_url=slack.api_url,
        env={},
        burst_limit=LIMIT,
        timeout=5.0,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
    )
    settings = Settings(burst_limit=LIMIT)
    return deliver_instant(db, subscriptions, settings, now=NOW, channel_for=lambda s, n: channel)


def posts_to(slack, channel: str) -> list[dict]:
    return [post for post in list(slack.posts) if post.get("channel") == channel]


def summaries(posts) -> int:
    return sum("funding alerts" in str(post.get("blocks")) for post in posts)


def test_many_teams_past_the_limit_in_one_channel_get_summaries(db, slack, fake_time):
    teams = shared(db, 3, 8)  # 24 alerts for one channel, 8 a team
    alone = [Subscription(id="alone", slack={"channel": OTHER_CHANNEL})]
    add_opportunity(db, "alone-call", title="Fund alone-call")
    add_outbox_row(db, "alone-call", subscription_id="alone")
    done = run(db, slack, fake_time, teams + alone)
    assert (done.sent, done.failed) == (25, 0), done.text()
    here = posts_to(slack, CHANNEL)
    # One summary a team (their calls differ), not 24 posts at a second each.
    assert len(here) == 3 and summaries(here) == 3, [post.get("text") for post in here]
    assert len(posts_to(slack, OTHER_CHANNEL)) == 1  # another channel's count is its own


def test_teams_sharing_the_same_few_calls_are_within_the_limit(db, slack, fake_time):
    teams = shared(db, 4, 6, overlap=True)  # 24 rows, but 6 different alerts in the channel
    done = run(db, slack, fake_time, teams)
    assert (done.sent, done.failed) == (24, 0), done.text()
    here = posts_to(slack, CHANNEL)
    assert len(here) == 6 and summaries(here) == 0, [post.get("text") for post in here]
