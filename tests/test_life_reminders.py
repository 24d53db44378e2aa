"""Reminders as a cron set-up gets them: `fundwatch crawl` then `fundwatch notify` day after day,
against a loopback listing, with "now" moved between runs. Deadline reminders (`closing_soon`) and
early warnings (`opening_soon`) come once each, on the first notify inside the subscription's
window, on each subscribed team's Slack channel (the stand-in, through slack-sdk)."""

from __future__ import annotations

import pytest

from tests.life_site import Call, Life, said, source, team
from tests.slack_standin import SlackStandIn

pytestmark = pytest.mark.slow

HEAT = Call("heat", "Heat Retrofit Fund", "12 January 2027")
PUMPS = Call("pumps", "Heat Pump Retrofit Pilots", "30 April 2027", opens="1 February 2027")
EVENTS = ["new", "changed", "closing_soon", "opening_soon", "closed"]


@pytest.fixture
def life(site, tmp_path):
    with SlackStandIn(channels=["C0TEAMA001", "C0TEAMB001"]) as slack:
        subscriptions = [
            team("team_a", "C0TEAMA001", events=EVENTS, closing_soon_days=14),
            team("team_b", "C0TEAMB001", events=["new"], opening_soon_days=28),
        ]
        yield Life(site, slack, tmp_path, [source(site)], subscriptions)


def test_reminders_come_once_through_crawl_and_notify(life):
    life.show([HEAT, PUMPS])
    first = life.crawl_and_notify()
    assert sorted(said(first)) == sorted(
        (channel, f"{call.title} · New funding")
        for channel in ("C0TEAMA001", "C0TEAMB001")
        for call in (HEAT, PUMPS)
    )

    life.now = "2026-12-28T09:00:00+00:00"  # 15 days before HEAT closes: not yet
    assert life.crawl_and_notify() == []

    life.now = "2026-12-30T09:00:00+00:00"  # 13 days before: inside team_a's 14
    reminded = life.crawl_and_notify()
    assert said(reminded) == [("C0TEAMA001", "Heat Retrofit Fund · Closing soon: 13 days left")]
    assert "notify: 1 deadline reminder(s) queued" in life.runs[-1].stdout

    life.now = "2026-12-31T09:00:00+00:00"
    assert life.crawl_and_notify() == [], "a reminder is sent once"
    assert life.notify() == []

    life.now = "2027-01-05T09:00:00+00:00"  # 27 days before PUMPS opens: team_a's default 28
    warned = life.crawl_and_notify()
    assert said(warned) == [
        ("C0TEAMA001", "Heat Pump Retrofit Pilots · Opening soon: opens 1 Feb 2027")
    ]
    assert life.crawl_and_notify() == []
    assert life.rows("SELECT COUNT(*) AS n FROM outbox WHERE subscription_id = 'team_b'") == [
        {"n": 2}
    ], "team_b asked for neither"
