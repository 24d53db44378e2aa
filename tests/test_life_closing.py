"""The end of a call, as teams on instant Slack channels see it: real `fundwatch crawl` runs of an
edited loopback listing, `fundwatch notify` to the Slack stand-in, "now" moved between runs.

A call that closes (its deadline passed, or its page says so) is one `closed` alert for the teams
that asked for `closed`, once, and nothing for the others (`events` defaults to all but closed):
not also a "Status changed" alert. A call dropped from its listing is `removed` after a complete
crawl, which alerts nobody; back on the listing it is the same call, live again, not `new`."""

from __future__ import annotations

import pytest

from tests.life_site import Call, Life, replace, said, source, team
from tests.slack_standin import SlackStandIn

pytestmark = pytest.mark.slow

HEAT = Call("heat", "Heat Retrofit Fund", "12 January 2027", "Up to £5 million")
HOMES = Call("homes", "Warm Homes Retrofit Grant", "26 February 2027", "£50,000 - £250,000")
PUMPS = Call("pumps", "Heat Pump Retrofit Pilots", "30 April 2027")
ASKS, DEFAULT = "C0ASKS0001", "C0DEFAULT1"


@pytest.fixture
def life(site, tmp_path):
    with SlackStandIn(channels=[ASKS, DEFAULT]) as slack:
        teams = [
            team("asks_closed", ASKS, events=["new", "changed", "closed"]),
            team("default_events", DEFAULT),
        ]
        yield Life(site, slack, tmp_path, [source(site)], teams)


def test_a_call_closes_once_for_the_teams_that_asked(life):
    life.show([HEAT, HOMES])
    assert len(life.crawl_and_notify()) == 4

    life.now = "2027-01-13T09:00:00+00:00"  # HEAT's deadline passed; the page is the same
    assert said(life.crawl_and_notify()) == [(ASKS, "Heat Retrofit Fund · Closed")]
    assert [e["kind"] for e in life.events()][-2:] == ["changed", "closed"]
    life.now = "2027-01-14T09:00:00+00:00"
    assert life.crawl_and_notify() == [], "closed once"

    life.show([replace(HEAT, status="Open"), replace(HOMES, status="Closed")])  # closed early
    assert said(life.crawl_and_notify()) == [(ASKS, "Warm Homes Retrofit Grant · Closed")]


def test_removed_after_a_complete_crawl_and_back_again_is_the_same_call(life):
    life.show([HEAT, HOMES])
    life.crawl_and_notify()
    [homes] = life.rows("SELECT id FROM opportunities WHERE title LIKE 'Warm Homes%'")

    life.now = "2026-11-26T09:00:00+00:00"
    life.show([HEAT])
    assert life.crawl_and_notify() == [], "a call dropped alerts nobody"
    assert [(e["kind"], e["opportunity_id"]) for e in life.events("removed")] == [
        ("removed", homes["id"])
    ]

    life.now = "2026-11-27T09:00:00+00:00"
    life.show([HEAT, HOMES])
    assert life.crawl_and_notify() == [], "back again: not new"
    assert len(life.events("new")) == 2
    assert life.rows("SELECT removed_at FROM opportunities WHERE id = ?", homes["id"]) == [
        {"removed_at": None}
    ]

    life.now = "2026-11-28T09:00:00+00:00"  # gone, and back with a new deadline: a change
    life.show([HEAT])
    life.crawl_and_notify()
    life.show([HEAT, replace(HOMES, closes="5 March 2027")])
    assert sorted(said(life.crawl_and_notify())) == [
        (channel, "Warm Homes Retrofit Grant · Deadline changed") for channel in (ASKS, DEFAULT)
    ]


def test_a_call_taken_down_at_its_deadline_is_closed_not_silent(life):
    """Many funders take a call off their listing once it closes: the first crawl after the
    deadline no longer finds it (removed), so it never reads it as closed. It closed all the same."""
    life.show([HEAT, HOMES, PUMPS])
    life.crawl_and_notify()

    life.now = "2026-12-01T09:00:00+00:00"
    life.show([HEAT, PUMPS])  # HOMES withdrawn long before its deadline: removed, never closed
    assert life.crawl_and_notify() == []

    life.now = "2027-01-13T09:00:00+00:00"  # HEAT's deadline passed, and the site took it down
    life.show([PUMPS])
    life.run("crawl")
    assert said(life.notify()) == [(ASKS, "Heat Retrofit Fund · Closed")]
    life.now = "2027-01-14T09:00:00+00:00"
    assert life.notify() == [], "closed once"
    life.now = "2027-02-27T09:00:00+00:00"  # HOMES's deadline: it was withdrawn, not closed
    assert life.notify() == []
