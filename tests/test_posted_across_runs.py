"""A message several teams share a channel for, posted in one run that ended before the other
teams' rows were marked (a stop, or a kill: tests/reliability/test_kill_shared_channel.py), is not
posted again by the next run: the post was recorded with its row's mark (storage/channel_posts.py),
and it stands for every row of the same message queued before it. A row queued after the post is
news and goes. Through the delivery engine and the real Teams and Slack channels against the
loopback stand-ins (a Slack incoming webhook, which cannot read back what landed)."""

from __future__ import annotations

from datetime import timedelta

from config.models import Settings, Subscription
from notifier.channels.slack import SlackChannel
from notifier.channels.teams import TeamsChannel
from notifier.delivery import deliver_instant
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox
from tests.teams_standin import TeamsStandIn

HOOK = "SHARED_TEAMS_WEBHOOK"
SLACK_HOOK = "SHARED_SLACK_WEBHOOK"


def deliver(db, channel, subscriptions, at, stop_after=None):
    """One instant delivery run through `channel`, stopped once `stop_after` says so."""
    return deliver_instant(
        db,
        subscriptions,
        Settings(),
        now=at,
        channel_for=lambda s, n: channel,
        stopping=stop_after or (lambda: False),
    )


def teams_run(db, url, subscriptions, *, at=NOW, stop_after=None):
    channel = TeamsChannel(env={HOOK: url}, min_interval=0, timeout=5, db=db)
    return deliver(db, channel, subscriptions, at, stop_after)


def test_a_card_posted_before_a_stop_is_not_posted_again_for_the_other_teams(db, monkeypatch):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")
    add_opportunity(db, "shared-call", title="Shared call fund")
    subscriptions = [Subscription(id=f"team_{n}", teams={"webhook_env": HOOK}) for n in range(4)]
    for subscription in subscriptions:
        add_outbox_row(db, "shared-call", subscription_id=subscription.id, channel="teams")
    with TeamsStandIn() as teams:
        first = teams_run(db, teams.url(), subscriptions, stop_after=lambda: len(teams.posts) >= 1)
        assert (first.sent, first.left) == (1, 3), first.text()
        again = teams_run(db, teams.url(), subscriptions, at=NOW + timedelta(minutes=5))
        assert (again.sent, again.failed) == (3, 0), again.text()
        assert len(teams.posts) == 1, "the card went again for the teams the stop left"
    assert {r["status"] for r in outbox(db)} == {"sent"}


def test_a_row_queued_after_the_post_is_posted(db, monkeypatch):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")
    add_opportunity(db, "shared-call", title="Shared call fund")
    early, late = (Subscription(id=n, teams={"webhook_env": HOOK}) for n in ("early", "late"))
    add_outbox_row(db, "shared-call", subscription_id="early", channel="teams")
    later = NOW + timedelta(hours=1)
    add_outbox_row(db, "shared-call", subscription_id="late", channel="teams", created_at=later)
    with TeamsStandIn() as teams:
        assert teams_run(db, teams.url(), [early, late]).sent == 1
        assert teams_run(db, teams.url(), [early, late], at=later).sent == 1
        assert len(teams.posts) == 2, "a message queued after the post stood on it"


def test_a_slack_webhook_message_posted_before_a_stop_goes_once(db, slack, monkeypatch):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")
    add_opportunity(db, "shared-call", title="Shared call fund")
    env = {SLACK_HOOK: slack.webhook_url()}
    subscriptions = [
        Subscription(id=f"team_{n}", slack={"webhook_env": SLACK_HOOK}) for n in range(3)
    ]
    for subscription in subscriptions:
        add_outbox_row(db, "shared-call", subscription_id=subscription.id)

    def run(at, stop_after=None):
        channel = SlackChannel(db, env=env, min_interval=0, timeout=5)
        return deliver(db, channel, subscriptions, at, stop_after)

    assert run(NOW, lambda: len(slack.posts) >= 1).sent == 1
    assert run(NOW + timedelta(minutes=5)).sent == 2
    assert len(slack.posts) == 1, [post.get("text") for post in slack.posts]


def test_a_renamed_webhook_variable_is_still_the_same_destination(db, slack, monkeypatch):
    """Slack's record was keyed by the webhook's variable name, Teams' by its URL: a variable
    renamed in config between a stopped run and the next posted Slack's message again. Both are
    keyed by the destination itself, hashed: no record holds a URL or a variable's name."""
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")
    add_opportunity(db, "shared-call", title="Shared call fund")
    for team in ("t1", "t2", "t3"):
        add_outbox_row(db, "shared-call", subscription_id=team, channel="teams")
        add_outbox_row(db, "shared-call", subscription_id=team)

    def run(variable, at, stop_after=None):
        both = {"webhook_env": variable}
        subscriptions = [Subscription(id=i, slack=both, teams=both) for i in ("t1", "t2", "t3")]
        channels = {
            "slack": SlackChannel(db, env={variable: slack.webhook_url()}, min_interval=0),
            "teams": TeamsChannel(env={variable: teams.url()}, min_interval=0, db=db),
        }
        return deliver_instant(
            db,
            subscriptions,
            Settings(),
            now=at,
            channel_for=lambda s, n: channels[n],
            stopping=stop_after or (lambda: False),
        )

    with TeamsStandIn() as teams:
        first = run("OLD_NAME", NOW, lambda: teams.posts and slack.posts)
        assert (first.sent, first.left) == (2, 4), first.text()
        # The curator renamed the variable; the webhooks are the same.
        again = run("NEW_NAME", NOW + timedelta(minutes=5))
        assert (again.sent, again.failed) == (4, 0), again.text()
        assert (len(teams.posts), len(slack.posts)) == (1, 1), "posted again after the rename"
        keys = [row["destination"] for row in db["channel_posts"].rows]
        assert sorted(key.split(":")[0] for key in keys) == ["slack", "teams"], keys
        for key in keys:
            assert "NAME" not in key and "http" not in key and len(key.split(":")[1]) == 64, key
