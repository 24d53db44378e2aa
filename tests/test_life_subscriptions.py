"""Subscriptions edited between runs, as the teams see it: real `fundwatch crawl` and `fundwatch
notify` (Slack through the stand-in) and `fundwatch digest` (.eml), the YAML rewritten between.

README: a subscription added to a running repository gets one welcome of the open calls that
match it (one message, not a post per call), then hears of what happens next; one whose match
changes hears of later events by its new match, not of the calls already announced; one removed
hears nothing more (alerts still waiting for it fail with the reason)."""

from __future__ import annotations

import pytest

from tests.life_site import Call, Life, said, source, team
from tests.slack_standin import SlackStandIn

pytestmark = pytest.mark.slow

HEAT = Call("heat", "Heat Retrofit Fund", "12 January 2027")
HOMES = Call("homes", "Warm Homes Retrofit Grant", "26 February 2027")
PUMPS = Call("pumps", "Heat Pump Retrofit Pilots", "3 March 2027")
A, B = "C0TEAMA001", "C0TEAMB001"
MAIL = {"id": "team_mail", "match": {"keywords": ["retrofit"]},
        "email": {"to": ["team@council.example"], "cadence": "daily"}}  # fmt: skip


@pytest.fixture
def life(site, tmp_path):
    with SlackStandIn(channels=[A, B]) as slack:
        teams = [team("team_a", A, match={"keywords": ["warm homes"]}), MAIL]
        yield Life(site, slack, tmp_path, [source(site)], teams)


def test_added_edited_and_removed_subscriptions(life):
    life.show([HEAT, HOMES])
    assert said(life.crawl_and_notify()) == [(A, "Warm Homes Retrofit Grant · New funding")]

    life.now = "2026-11-26T09:00:00+00:00"
    life.subscriptions = [team("team_a", A, match={"keywords": ["heat"]}), team("team_b", B)]
    life.write()
    life.show([HEAT, HOMES, PUMPS])
    posts = life.crawl_and_notify()
    welcome = [p for p in posts if p["channel"] == B and "Welcome" in p["text"]]
    assert len(welcome) == 1, "one welcome message"
    assert welcome[0]["text"].startswith("Welcome: 2 open calls that match: Heat Retrofit Fund")
    assert "Warm Homes Retrofit Grant" in welcome[0]["text"]
    assert sorted(said(p for p in posts if p not in welcome)) == [
        (A, "Heat Pump Retrofit Pilots · New funding"),  # the new match: what happens next
        (B, "Heat Pump Retrofit Pilots · New funding"),
    ]

    life.now = "2026-11-27T08:00:04+00:00"  # the removed team's daily slot
    digest = life.run("digest", "--cadence", "daily")
    assert "2 alert(s) for removed subscriptions or channels failed" in digest.stdout
    assert not (life.folder / "outbox").exists() or not list((life.folder / "outbox").glob("*.eml"))
    assert {r["last_error"] for r in life.rows(
        "SELECT last_error FROM outbox WHERE subscription_id = 'team_mail'")} == {"subscription removed"}  # fmt: skip
    assert life.notify() == []
