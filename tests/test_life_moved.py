"""A call whose link changes on its own source, as teams see it: real `fundwatch crawl` runs of an
edited loopback listing, `fundwatch notify` to the Slack stand-in. A tracking parameter added,
http → https, a new slug (with or without the site's own reference) are the same call: no `new`
alert and no `removed`, one opportunity, its link updated. A different call added while another
is dropped is still new."""

from __future__ import annotations

import pytest

from tests.life_site import Call, Life, replace, said, source, team
from tests.slack_standin import SlackStandIn

pytestmark = pytest.mark.slow

HEAT = Call("heat", "Heat Retrofit Fund", "12 January 2027")
HOMES = Call("homes", "Warm Homes Retrofit Grant", "26 February 2027")
PUMPS = Call("pumps", "Heat Pump Retrofit Pilots", "3 March 2027", ref="HPR-7")
CHANNEL = "C0TEAMA001"


@pytest.fixture
def life(site, tmp_path):
    with SlackStandIn(channels=[CHANNEL]) as slack:
        yield Life(site, slack, tmp_path, [source(site)], [team("team_a", CHANNEL)])


def test_a_call_at_a_new_link_is_the_call_it_was(life):
    life.show([HEAT, HOMES, PUMPS])
    assert len(life.crawl_and_notify()) == 3
    ids = {r["title"]: r["id"] for r in life.rows("SELECT id, title FROM opportunities")}
    https = life.site.url.replace("http://", "https://")

    life.now = "2026-11-26T09:00:00+00:00"
    life.show(
        [
            replace(HEAT, href=f"{https}/funding/heat/?utm_source=newsletter"),
            replace(HOMES, href="/funding/warm-homes-retrofit-grant/"),
            replace(PUMPS, href="/funding/heat-pump-retrofit-pilots-2027/"),
        ]
    )
    assert life.crawl_and_notify() == [], "no new, no removed, no alert"
    assert (
        "example_listing              ok           3     0       1       0" in life.runs[-2].stdout
    )
    calls = life.rows("SELECT id, title, url, removed_at FROM opportunities ORDER BY title")
    assert {c["title"]: c["id"] for c in calls} == ids and len(calls) == 3
    assert all(c["removed_at"] is None for c in calls)
    assert {c["url"] for c in calls} == {
        f"{https}/funding/heat/",
        f"{life.site.url}/funding/warm-homes-retrofit-grant/",
        f"{life.site.url}/funding/heat-pump-retrofit-pilots-2027/",
    }
    assert [e["kind"] for e in life.events()] == ["new"] * 3 + ["changed"] * 3  # the links
    assert life.events("removed") == []


def test_another_call_added_while_one_is_dropped_is_new(life):
    life.show([HEAT, HOMES])
    life.crawl_and_notify()
    life.now = "2026-11-26T09:00:00+00:00"
    life.show([HEAT, replace(PUMPS, ref=None)])
    assert said(life.crawl_and_notify()) == [(CHANNEL, "Heat Pump Retrofit Pilots · New funding")]
    assert len(life.events("removed")) == 1
