"""Many subscriptions posting to one Slack channel (or one Teams webhook): 200 council teams'
subscriptions, each naming the same channel, each matching the same call. Each subscription has
its own outbox row, but the channel is one place: the same message went there 200 times (the
first as a post, the other 199 as replies in its thread, a second apart). Now a message is posted
once per channel in a run and every row it stands for is marked sent; a message that differs (a
subscription whose `near` places make it "near you") still goes. Through the delivery engine and
the real SlackChannel (slack-sdk) / TeamsChannel against the loopback stand-ins; waits recorded on
a fake clock."""

from __future__ import annotations

from datetime import timedelta

from config.models import Settings, Subscription
from notifier.channels.slack import SlackChannel
from notifier.channels.teams import TeamsChannel
from notifier.delivery import deliver_instant
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox
from tests.slack_helpers import CHANNEL
from tests.teams_standin import TeamsStandIn

TEAMS = 200
HOOK = "SHARED_TEAMS_WEBHOOK"


def teams_in(channel: str, count: int = TEAMS, **more) -> list[Subscription]:
    return [
        Subscription(id=f"team_{n:03d}", slack={"channel": channel}, **more) for n in range(count)
    ]


def slack_run(db, slack, fake_time, subscriptions, at=NOW):
    channel = SlackChannel(
        db,
        token=slack.token,
        api_url=slack.api_url,
        env={},
        timeout=5.0,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
    )
    return deliver_instant(db, subscriptions, Settings(), now=at, channel_for=lambda s, n: channel)


def test_one_call_for_200_subscriptions_in_one_channel_is_posted_once(db, slack, fake_time):
    add_opportunity(db, "shared-call", title="Shared call fund")
    subscriptions = teams_in(CHANNEL)
    for subscription in subscriptions:
        add_outbox_row(db, "shared-call", subscription_id=subscription.id)
    run = slack_run(db, slack, fake_time, subscriptions)

    assert (run.sent, run.retrying, run.failed) == (TEAMS, 0, 0), run.text()
    assert len(slack.posts) == 1, f"posted {len(slack.posts)} times in one channel"
    # Said truthfully: the rows were many, the post one.
    assert run.text().startswith(f"{TEAMS} alert(s) sent in 1 message(s), 0 to retry"), run.text()
    assert {r["status"] for r in outbox(db)} == {"sent"}
    assert sum(fake_time.sleeps) < 2, "paced as if 200 messages went"
    assert slack_run(db, slack, fake_time, subscriptions, NOW + timedelta(days=1)).sent == 0
    assert len(slack.posts) == 1


def test_a_burst_for_many_subscriptions_is_one_summary_and_other_channels_still_get_theirs(
    db, slack, fake_time
):
    calls = [add_opportunity(db, f"burst-{n}", title=f"Burst fund {n}") for n in range(12)]
    here = teams_in(CHANNEL, 20)
    there = [Subscription(id="other_team", slack={"channel": "C0FUNDING2"})]
    for subscription in here + there:
        for call in calls:
            add_outbox_row(db, call, subscription_id=subscription.id)
    run = slack_run(db, slack, fake_time, here + there)

    assert (run.sent, run.failed) == (21 * 12, 0), run.text()
    assert f"{21 * 12} alert(s) sent in 2 message(s)" in run.text()  # a summary per channel
    assert sorted(post["channel"] for post in slack.posts) == [CHANNEL, "C0FUNDING2"]


def test_a_message_that_differs_for_a_subscription_still_goes(db, slack, fake_time):
    add_opportunity(
        db,
        "leeds-call",
        title="Leeds engagement",
        kind="market_engagement",
        buyer="Leeds City Council",
        buyer_council=1,
    )
    near = Subscription(id="leeds_team", slack={"channel": CHANNEL}, near=["Leeds"])
    subscriptions = [*teams_in(CHANNEL, 3), near]
    for subscription in subscriptions:
        add_outbox_row(db, "leeds-call", subscription_id=subscription.id)
    run = slack_run(db, slack, fake_time, subscriptions)
    assert run.sent == 4
    # Once for the three alike, once "near you" for the Leeds team; not once a subscription.
    assert len(slack.posts) == 2, [post["text"] for post in slack.posts]
    assert sum("A council near you" in str(post["blocks"]) for post in slack.posts) == 1


def test_one_teams_webhook_shared_by_many_subscriptions_gets_each_card_once(db, monkeypatch):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")
    add_opportunity(db, "shared-call", title="Shared call fund")
    subscriptions = [
        Subscription(id=f"team_{n:03d}", teams={"webhook_env": HOOK}) for n in range(50)
    ]
    for subscription in subscriptions:
        add_outbox_row(db, "shared-call", subscription_id=subscription.id, channel="teams")
    with TeamsStandIn() as teams:
        channel = TeamsChannel(env={HOOK: teams.url()}, min_interval=0, timeout=5)
        run = deliver_instant(
            db, subscriptions, Settings(), now=NOW, channel_for=lambda s, n: channel
        )
        assert (run.sent, run.failed) == (50, 0), run.text()
        assert len(teams.posts) == 1
