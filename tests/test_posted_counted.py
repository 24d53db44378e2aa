"""`notify`'s summary counts the messages posted in this run, and says apart the alerts sent on a
message an earlier run posted, however that message was found: in the record of shared posts
(storage/channel_posts.py) or read back from Slack (slack/landed.py). The one found in Slack was
counted as a message posted now ("1 alert(s) sent in 1 message(s)", though nothing was posted),
the one in the record as none. Through the delivery engine and the real SlackChannel (slack-sdk)
against the loopback stand-in; the client's timeout is real (short), other waits recorded."""

from __future__ import annotations

from datetime import timedelta

from config.models import Settings, Subscription
from notifier.channels.slack import SlackChannel
from notifier.delivery import deliver_instant
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox
from tests.slack_helpers import CHANNEL
from tests.slack_standin import SlackStandIn, lands_late

HISTORY = ("chat:write", "channels:history", "groups:history")
LATER = NOW + timedelta(minutes=2)


def teams(count: int) -> list[Subscription]:
    return [Subscription(id=f"team_{n}", slack={"channel": CHANNEL}) for n in range(count)]


def run(db, slack, fake_time, subscriptions, at, stopping=lambda: False):
    channel = SlackChannel(
        db,
        token=slack.token,
        api_url=slack.api_url,
        env={},
        timeout=2.0,  # long enough that a loaded machine answers in time
        sleep=fake_time.sleep,
        clock=fake_time.clock,
    )
    return deliver_instant(
        db, subscriptions, Settings(), now=at, channel_for=lambda s, n: channel, stopping=stopping
    )


def queued(db, subscriptions) -> None:
    add_opportunity(db, "shared-call", title="Shared call fund")
    for subscription in subscriptions:
        add_outbox_row(db, "shared-call", subscription_id=subscription.id)


def said(summary) -> str:
    return summary.text().splitlines()[0]


def test_a_message_found_in_slack_counts_as_one_found_in_the_record(db, fake_time):
    subscriptions = teams(2)
    add_opportunity(db, "shared-call", title="Shared call fund")
    add_outbox_row(db, "shared-call", subscription_id="team_0")
    last = LATER + timedelta(minutes=1)  # team_1's row waits until then (a retry's backoff)
    add_outbox_row(db, "shared-call", subscription_id="team_1", next_attempt_at=last)
    with SlackStandIn(channels=[CHANNEL], scopes=HISTORY, epoch=NOW.timestamp() + 60) as slack:
        # Found in Slack: team_0's post landed, its answer never came.
        slack.script(lands_late(60))
        first = run(db, slack, fake_time, subscriptions, NOW)
        assert first.sent == 0, first.text()
        in_slack = run(db, slack, fake_time, subscriptions, LATER)
        # Found in the record: team_0's post, recorded as it was marked; team_1's row stands on it.
        in_record = run(db, slack, fake_time, subscriptions, last)
        assert len(slack.posts) == 1, slack.posts
    assert said(in_slack) == (
        "1 alert(s) sent in 0 message(s), 0 to retry, 0 failed, "
        "1 sent on message(s) posted by an earlier run"
    )
    assert said(in_record) == said(in_slack)
    assert {r["status"] for r in outbox(db)} == {"sent"}


def test_teams_standing_on_a_message_found_in_slack_are_said_so_too(db, fake_time):
    subscriptions = teams(3)
    queued(db, subscriptions)
    with SlackStandIn(channels=[CHANNEL], scopes=HISTORY, epoch=NOW.timestamp() + 60) as slack:
        slack.script(lands_late(60))
        run(db, slack, fake_time, subscriptions, NOW, stopping=lambda: len(slack.posts) >= 1)
        again = run(db, slack, fake_time, subscriptions, LATER)
        assert len(slack.posts) == 1, slack.posts
    assert said(again) == (
        "3 alert(s) sent in 0 message(s), 0 to retry, 0 failed, "
        "3 sent on message(s) posted by an earlier run"
    )


def test_a_message_posted_now_for_many_teams_is_one_and_nothing_is_said_apart(db, fake_time):
    subscriptions = teams(3)
    queued(db, subscriptions)
    with SlackStandIn(channels=[CHANNEL], scopes=HISTORY) as slack:
        summary = run(db, slack, fake_time, subscriptions, NOW)
    assert said(summary) == "3 alert(s) sent in 1 message(s), 0 to retry, 0 failed"
