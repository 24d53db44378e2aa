"""A message several teams share a channel for is posted once, and the log says so once: one INFO
line a message that stood for other teams' rows, with how many teams and alerts, not one line a
team (199 lines for a call 200 teams share, each saying what the first had). Through the delivery
engine and the real SlackChannel (slack-sdk) and TeamsChannel against the loopback stand-ins."""

from __future__ import annotations

import logging
from datetime import timedelta

from config.models import Settings, Subscription
from notifier.channels.slack import SlackChannel
from notifier.channels.teams import TeamsChannel
from notifier.delivery import deliver_instant
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row
from tests.slack_helpers import CHANNEL
from tests.teams_standin import TeamsStandIn

TEAMS = 5
HOOK = "SHARED_TEAMS_WEBHOOK"


def stood(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "not posted again" in r.getMessage()]


def calls(db, count: int, channel: str) -> None:
    for n in range(count):
        add_opportunity(db, f"shared-{n}", title=f"Shared fund {n}")
        for team in range(TEAMS):
            add_outbox_row(db, f"shared-{n}", subscription_id=f"team_{team}", channel=channel)


def run(db, channel, subscriptions, at=NOW, stopping=lambda: False):
    return deliver_instant(
        db,
        subscriptions,
        Settings(),
        now=at,
        channel_for=lambda s, n: channel,
        stopping=stopping,
    )


def test_slack_says_once_a_message_for_how_many_teams(db, slack, fake_time, caplog):
    caplog.set_level(logging.INFO, logger="fundwatch")
    calls(db, 2, "slack")
    subscriptions = [Subscription(id=f"team_{n}", slack={"channel": CHANNEL}) for n in range(TEAMS)]
    channel = SlackChannel(
        db,
        token=slack.token,
        api_url=slack.api_url,
        env={},
        sleep=fake_time.sleep,
        clock=fake_time.clock,
    )
    assert run(db, channel, subscriptions).sent == 2 * TEAMS
    assert len(slack.posts) == 2
    assert (
        stood(caplog)
        == [
            f"slack: the same message, posted to {CHANNEL}, stood for {TEAMS - 1} team(s) "
            f"({TEAMS - 1} alert(s)): not posted again"
        ]
        * 2
    )


def test_teams_says_once_a_card_for_how_many_teams_and_which_run_posted_it(db, monkeypatch, caplog):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")
    caplog.set_level(logging.INFO, logger="fundwatch")
    calls(db, 1, "teams")
    subscriptions = [
        Subscription(id=f"team_{n}", teams={"webhook_env": HOOK}) for n in range(TEAMS)
    ]
    with TeamsStandIn() as teams:

        def channel():
            return TeamsChannel(env={HOOK: teams.url()}, min_interval=0, timeout=5, db=db)

        first = run(db, channel(), subscriptions, stopping=lambda: len(teams.posts) >= 1)
        assert first.sent == 1 and not stood(caplog), stood(caplog)
        again = run(db, channel(), subscriptions, at=NOW + timedelta(minutes=5))
        assert again.sent == TEAMS - 1 and len(teams.posts) == 1, again.text()
    assert stood(caplog) == [
        f"teams: the same message, posted by an earlier run to webhook:{HOOK}, stood for "
        f"{TEAMS - 1} team(s) ({TEAMS - 1} alert(s)): not posted again"
    ]


def test_the_service_path_says_it_once_too(db, slack, caplog):
    # No channel injected: destinations are served by workers beside the run, each with its own
    # channels (notifier/delivery/workers.py), told the run is done as each worker ends.
    caplog.set_level(logging.INFO, logger="fundwatch")
    calls(db, 1, "slack")
    subscriptions = [Subscription(id=f"team_{n}", slack={"channel": CHANNEL}) for n in range(TEAMS)]
    env = {"SLACK_BOT_TOKEN": slack.token, "SLACK_API_URL": slack.api_url}
    summary = deliver_instant(db, subscriptions, Settings(), now=NOW, env=env)
    assert (summary.sent, len(slack.posts)) == (TEAMS, 1), summary.text()
    assert stood(caplog) == [
        f"slack: the same message, posted to {CHANNEL}, stood for {TEAMS - 1} team(s) "
        f"({TEAMS - 1} alert(s)): not posted again"
    ]
