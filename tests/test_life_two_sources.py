"""The same call on two sources, as teams see it: two real listing sources on a loopback site,
`fundwatch crawl` and `fundwatch notify` to the Slack stand-in. One opportunity listing both
sources, one alert per team (not two); one source dropping it is no removal while the other
lists it; both dropping it is."""

from __future__ import annotations

import json

import pytest

from tests.life_site import Call, Life, replace, said, source, team
from tests.slack_standin import SlackStandIn

pytestmark = pytest.mark.slow

HEAT = Call("heat", "Heat Retrofit Fund", "12 January 2027")
ELSEWHERE = replace(HEAT, href="/other/heat-retrofit-fund-2027/")  # the same call, its own page
HOMES = Call("homes", "Warm Homes Retrofit Grant", "26 February 2027")
A, B = "C0TEAMA001", "C0TEAMB001"


@pytest.fixture
def life(site, tmp_path):
    with SlackStandIn(channels=[A, B]) as slack:
        sources = [source(site), source(site, "other_listing", "/other/")]
        yield Life(site, slack, tmp_path, sources, [team("team_a", A), team("team_b", B)])


def test_one_call_on_two_sources(life):
    life.show([HEAT, HOMES])
    life.show([ELSEWHERE], "/other/")
    posts = life.crawl_and_notify()
    assert sorted(said(posts)) == sorted(
        (channel, f"{call.title} · New funding") for channel in (A, B) for call in (HEAT, HOMES)
    ), "one alert per call and team"
    [heat] = life.rows("SELECT id, source_ids FROM opportunities WHERE title LIKE 'Heat%'")
    assert json.loads(heat["source_ids"]) == ["example_listing", "other_listing"]

    life.now = "2026-11-26T09:00:00+00:00"
    life.show([HOMES], "/other/")  # the other source drops it, and lists HOMES
    assert life.crawl_and_notify() == []
    assert life.events("removed") == []
    [heat] = life.rows("SELECT source_ids, removed_at FROM opportunities WHERE id = ?", heat["id"])
    assert (json.loads(heat["source_ids"]), heat["removed_at"]) == (["example_listing"], None)
    assert len(life.rows("SELECT * FROM opportunities")) == 2, "HOMES merged, not new"

    life.now = "2026-11-27T09:00:00+00:00"
    life.show([HOMES])  # and now the first
    assert life.crawl_and_notify() == []
    assert [e["kind"] for e in life.events("removed")] == ["removed"]
