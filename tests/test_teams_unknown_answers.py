"""A 4xx a Teams Workflows webhook does not give, through the delivery engine and the real
TeamsChannel against the loopback stand-in, run after run: tried 3 times in all, then failed for
good showing the status, by the rule Slack's unknown codes follow (notifier/channels/outcome.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from notifier.channels.teams import TeamsChannel
from tests.notify_helpers import NOW, add_opportunity, outbox, repository
from tests.teams_standin import Scripted, TeamsStandIn
from tests.test_teams_delivery import HOOK, rows, send, team


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("FUNDWATCH_ALLOW_LOOPBACK", "1")
    database = repository(tmp_path)
    for n in (1, 2):
        add_opportunity(database, f"opp-{n}")
    yield database
    database.close()


@pytest.fixture
def teams():
    with TeamsStandIn() as standin:
        yield standin


def test_a_4xx_teams_does_not_give_is_tried_3_times_then_fails_for_good_showing_it(db, teams):
    # Before: an unexpected 4xx (405 here) was retried as a passing fault, 12 attempts in all.
    rows(db, 2)
    odd = Scripted(405, {"error": {"code": "MethodNotAllowed", "message": "no"}})
    teams.script(*[odd] * 6)
    at = NOW
    for attempt in (1, 2, 3):
        channel = TeamsChannel(env={HOOK: teams.url()}, min_interval=0, timeout=5)
        summary = send(db, channel, [team()], now=at)
        assert summary.failed == (2 if attempt == 3 else 0), summary.text()
        at = at + timedelta(hours=1)
    assert [(r["status"], r["attempts"]) for r in outbox(db)] == [("failed", 3)] * 2
    assert {r["last_error"] for r in outbox(db)} == {
        f"gave up after 3 attempts: Teams answered HTTP 405, MethodNotAllowed for the Teams webhook "
        f"in {HOOK}, an answer fundwatch does not know; please report it"
    }
    asked = len(teams.requests)
    channel = TeamsChannel(env={HOOK: teams.url()}, min_interval=0, timeout=5)
    assert send(db, channel, [team()], now=at + timedelta(days=1)).sent == 0
    assert len(teams.requests) == asked == 6  # failed for good: not posted again
