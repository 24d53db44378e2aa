"""A Teams Workflows webhook answering 5xx with a Retry-After (Microsoft down for maintenance),
through the delivery engine and the real TeamsChannel against the loopback stand-in, as Slack's
is (tests/reliability/test_slack_unseen_answers.py): one rule for every chat channel. The alerts
wait in the outbox until the stated time, the rest are not posted into the outage, and each card
arrives once. "now" is passed in; nothing here measures wall-clock time."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

import pytest

from config.clock import iso
from notifier.channels.teams import TeamsChannel
from tests.notify_helpers import NOW, add_opportunity, outbox, repository
from tests.teams_standin import Scripted, TeamsStandIn
from tests.test_teams_delivery import HOOK, posted_titles, rows, send, team

DOWN = {"error": {"code": "ServiceUnavailable", "message": "Down for maintenance."}}


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")
    database = repository(tmp_path)
    for n in (1, 2, 3):
        add_opportunity(database, f"opp-{n}")
    yield database
    database.close()


@pytest.fixture
def teams():
    with TeamsStandIn() as standin:
        yield standin


def run(db, teams, at):
    channel = TeamsChannel(env={HOOK: teams.url()}, min_interval=0, timeout=5)
    return send(db, channel, [team()], now=at)


@pytest.mark.parametrize("status", [500, 502, 503])
@pytest.mark.parametrize(
    "retry_after", ["300", format_datetime(NOW + timedelta(seconds=300), usegmt=True)]
)
def test_a_5xx_naming_its_retry_after_is_asked_again_then_not_sooner(
    db, teams, status, retry_after
):
    # Before: backed off a minute like any 5xx, each card posted into the outage (3 requests).
    rows(db, 3)
    teams.script(Scripted(status, DOWN, {"Retry-After": retry_after}))
    first = run(db, teams, NOW)
    assert (first.sent, first.retrying, first.failed) == (0, 3, 0), first.text()
    assert len(teams.requests) == 1, "posted into an outage Teams said would last 5 minutes"
    waiting = outbox(db)
    assert {r["next_attempt_at"] for r in waiting} == {iso(NOW + timedelta(seconds=300))}
    assert [r["attempts"] for r in waiting] == [1, 0, 0]
    said = f"Teams answered HTTP {status}, ServiceUnavailable for the Teams webhook in {HOOK}"
    assert waiting[0]["last_error"] == f"{said}; retry after 300s"
    assert run(db, teams, NOW + timedelta(seconds=299)).sent == 0
    assert len(teams.requests) == 1
    assert run(db, teams, NOW + timedelta(seconds=300)).sent == 3
    assert posted_titles(teams) == ["Fund opp-1", "Fund opp-2", "Fund opp-3"]
    assert {r["status"] for r in outbox(db)} == {"sent"}
