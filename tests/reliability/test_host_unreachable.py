"""A chat host that stops answering mid-run costs the run one timeout, not one per alert.

Before: with Slack stalled, every alert of the run was posted and waited out the client's timeout
in turn (50 alerts, 10 s each: a 500 s run), and the run's other channels on the same host did the
same. Now the first post that gets no answer (a timeout, a refused or reset connection) marks the
host down for the rest of the run: the alerts after it, for any channel on that host, are not
tried. They wait in the outbox with their reason and the usual backoff, without spending an
attempt (as the alerts a rate limit holds back), and the summary says how many and why. Once the
host answers again, every alert goes out once.

Through the delivery engine and the real SlackChannel (slack-sdk) and TeamsChannel against the
loopback stand-ins; the client's timeout is real (short), every other wait is recorded, not slept,
and nothing here measures wall-clock time: what is counted is the requests the far end received.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from config.models import Settings, Subscription
from notifier.channels.slack import SlackChannel
from notifier.channels.teams import TeamsChannel
from notifier.delivery import deliver_instant
from tests.notify_helpers import NOW, add_opportunity, add_outbox_row, outbox
from tests.slack_helpers import CHANNEL, OTHER_CHANNEL, bot_subscription
from tests.slack_standin import Scripted
from tests.smtp_server import free_port
from tests.teams_standin import TeamsStandIn, stall

ALERTS = 4
CLIENT_TIMEOUT = 2.0  # a loaded machine answers in time; only the first stall (60 s) waits it
LATER = NOW + timedelta(minutes=2)  # past the first backoff (1 min)
HOOK = "DIGITAL_TEAMS_WEBHOOK"


def slack_rows(db, channel_ids=(CHANNEL,)):
    for channel_id in channel_ids:
        for n in range(ALERTS):
            opp = add_opportunity(db, f"{channel_id}-opp-{n}", title=f"Stalled fund {n}")
            add_outbox_row(db, opp, subscription_id=f"team_{channel_id}", channel="slack")


def slack_team(channel_id: str) -> Subscription:
    return bot_subscription(channel_id).model_copy(update={"id": f"team_{channel_id}"})


def slack_run(db, api_url, token, fake_time, at, channel_ids=(CHANNEL,)):
    channel = SlackChannel(
        db,
        token=token,
        api_url=api_url,
        env={},
        min_interval=1.0,  # Slack's pacing, on the fake clock
        timeout=CLIENT_TIMEOUT,
        sleep=fake_time.sleep,
        clock=fake_time.clock,
    )
    subs = [slack_team(c) for c in channel_ids]
    return deliver_instant(db, subs, Settings(), now=at, channel_for=lambda s, n: channel)


def assert_deferred_untried(db, summary, first_error: str, host: str) -> None:
    """The first alert failed with its own reason and spent its attempt; the others were not
    tried, say why, and spent none; all wait for the first backoff."""
    rows = outbox(db)
    tried, *held = rows
    assert {r["status"] for r in rows} == {"pending"}
    assert first_error in tried["last_error"] and tried["attempts"] == 1
    for row in held:
        assert row["last_error"].startswith(f"not tried: {host}"), row["last_error"]
        assert "earlier in this run; will retry later" in row["last_error"]
        assert row["attempts"] == 0, "an alert never tried spent an attempt"
    assert {r["next_attempt_at"] for r in rows} == {(NOW + timedelta(minutes=1)).isoformat()}
    assert (summary.sent, summary.retrying, summary.failed) == (0, len(rows), 0)
    assert f"{len(held)} alert(s) not tried: {host}" in summary.text(), summary.text()


def test_a_stalled_slack_costs_one_timeout_and_the_rest_wait_untried(db, slack, fake_time):
    slack_rows(db)
    slack.script(Scripted(delay=60))  # the first post hangs; Slack would answer the others
    first = slack_run(db, slack.api_url, slack.token, fake_time, NOW)

    assert len(slack.requests) == 1, "alerts after the first timeout were still posted"
    assert fake_time.sleeps == [], "alerts not tried were still paced"
    assert_deferred_untried(
        db, first, f"Slack did not answer within {CLIENT_TIMEOUT:g}s", "Slack did not answer"
    )

    later = slack_run(db, slack.api_url, slack.token, fake_time, LATER)
    assert later.sent == ALERTS and later.problems == []
    assert len(slack.posts) == ALERTS, "lost or sent twice"


def test_the_other_channels_on_the_host_are_not_tried_either(db, slack, fake_time):
    slack_rows(db, (CHANNEL, OTHER_CHANNEL))
    slack.script(Scripted(delay=60))
    first = slack_run(db, slack.api_url, slack.token, fake_time, NOW, (CHANNEL, OTHER_CHANNEL))

    assert len(slack.requests) == 1
    assert (first.sent, first.retrying) == (0, 2 * ALERTS)
    assert f"{2 * ALERTS - 1} alert(s) not tried: Slack did not answer" in first.text()
    assert slack_run(
        db, slack.api_url, slack.token, fake_time, LATER, (CHANNEL, OTHER_CHANNEL)
    ).sent
    assert len(slack.posts) == 2 * ALERTS


def test_a_refused_connection_to_slack_is_tried_once(db, fake_time):
    slack_rows(db)
    down = f"http://127.0.0.1:{free_port()}/api/"  # nothing listens there
    first = slack_run(db, down, "xoxb-test", fake_time, NOW)
    assert len(fake_time.sleeps) == 1, "only the first post's connect retry waited"
    assert_deferred_untried(db, first, "Slack refused the connection", "Slack refused")


def test_the_run_after_tries_again(db, slack, fake_time):
    """Down is for one run: the next run's first post goes out (here, the host is well again)."""
    slack_rows(db)
    slack.script(Scripted(delay=60))
    slack_run(db, slack.api_url, slack.token, fake_time, NOW)
    assert slack_run(db, slack.api_url, slack.token, fake_time, LATER).sent == ALERTS


@pytest.fixture
def teams(monkeypatch):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")
    with TeamsStandIn() as standin:
        yield standin


def test_a_stalled_teams_webhook_costs_one_timeout_too(db, teams, fake_time):
    for n in range(ALERTS):
        add_opportunity(db, f"opp-{n}")
        add_outbox_row(db, f"opp-{n}", subscription_id="digital_team", channel="teams")
    teams.script(stall(60))
    env = {HOOK: teams.url()}
    team = Subscription(id="digital_team", teams={"webhook_env": HOOK})

    def run(at):
        channel = TeamsChannel(
            env=env, timeout=CLIENT_TIMEOUT, sleep=fake_time.sleep, clock=fake_time.clock
        )
        return deliver_instant(
            db, [team], Settings(), now=at, env=env, channel_for=lambda s, n: channel
        )

    first = run(NOW)
    assert len(teams.requests) == 1, "cards after the first timeout were still posted"
    assert_deferred_untried(
        db, first, f"Teams did not answer within {CLIENT_TIMEOUT:g}s", "Teams did not answer"
    )
    assert run(LATER).sent == ALERTS
    assert len(teams.posts) == ALERTS


def test_a_runs_workers_share_what_stopped_answering(db, slack, monkeypatch):
    """Destinations are served by workers at once, each with its own channels: a host one worker
    found stalled is not tried by the others either."""
    from notifier.delivery.engine import DeliveryRun
    from notifier.delivery.summary import DeliverySummary
    from notifier.delivery.workers import Worker

    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")
    env = {"SLACK_BOT_TOKEN": slack.token, "SLACK_API_URL": slack.api_url}
    subs = [slack_team(CHANNEL), slack_team(OTHER_CHANNEL)]
    with DeliveryRun(
        db, subs, Settings(), DeliverySummary(), cadences=["instant"], now=NOW, env=env
    ) as run:
        workers = [Worker(run), Worker(run)]
        try:
            made = [w.channel(sub, "slack") for w, sub in zip(workers, subs, strict=True)]
            assert made[0] is not made[1]
            assert made[0].unreachable is made[1].unreachable is run.unreachable
        finally:
            for worker in workers:
                worker.db.close()
