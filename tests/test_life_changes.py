"""Changes as teams on instant Slack channels see them: a loopback listing edited between real
`fundwatch crawl` runs, `fundwatch notify` posting to the Slack stand-in through slack-sdk.

What README promises: a change to a field people act on (title, dates, amount, status,
eligibility) is one `changed` event naming the field before and after, one version row, and one
alert per subscribed team; a summary reworded is a version and an event but no alert; the same
page again is nothing at all; a call changed twice before the next notify is one alert saying how
it moved since the team last heard; a call found and changed before it is one `new` alert."""

from __future__ import annotations

import json

import pytest

from tests.life_site import Call, Life, replace, said, source, team
from tests.slack_standin import SlackStandIn

pytestmark = pytest.mark.slow

HEAT = Call("heat", "Heat Retrofit Fund", "12 January 2027", "Up to £5 million")
HOMES = Call("homes", "Warm Homes Retrofit Grant", "26 February 2027", "£50,000 - £250,000")
PUMPS = Call("pumps", "Heat Pump Retrofit Pilots", "3 March 2027")
CHANNELS = ("C0TEAMA001", "C0TEAMB001")


@pytest.fixture
def life(site, tmp_path):
    with SlackStandIn(channels=list(CHANNELS)) as slack:
        teams = [team("team_a", CHANNELS[0]), team("team_b", CHANNELS[1])]
        yield Life(site, slack, tmp_path, [source(site)], teams)


def shown(post: dict) -> str:
    """Everything a post shows: its text and its blocks."""
    return post["text"] + json.dumps(post["blocks"], ensure_ascii=False)


def test_each_change_once_per_team_and_nothing_for_the_same_page(life):
    life.show([HEAT, HOMES])
    assert len(life.crawl_and_notify()) == 4

    life.now = "2026-11-26T09:00:00+00:00"
    life.show([replace(HEAT, closes="26 January 2027"), HOMES])
    posts = life.crawl_and_notify()
    assert sorted(said(posts)) == [(c, "Heat Retrofit Fund · Deadline changed") for c in CHANNELS]
    assert all("12 Jan 2027, 11:59pm → 26 Jan 2027, 11:59pm" in shown(p) for p in posts)
    [event] = life.events("changed")
    assert json.loads(event["changes"]) == {
        "closes_at": {"before": "2027-01-12T23:59:00+00:00", "after": "2027-01-26T23:59:00+00:00"}
    }
    assert len(life.rows("SELECT * FROM versions")) == 1

    life.now = "2026-11-26T12:00:00+00:00"  # the same page again: nothing at all
    counts = {t: len(life.rows(f"SELECT * FROM {t}")) for t in ("events", "versions", "outbox")}
    assert life.crawl_and_notify() == []
    assert counts == {t: len(life.rows(f"SELECT * FROM {t}")) for t in counts}

    life.show([replace(HEAT, closes="26 January 2027"), replace(HOMES, summary="Retrofit homes.")])
    assert life.crawl_and_notify() == [], "a summary reworded is not news a team acts on"
    assert len(life.events("changed")) == 2 and len(life.rows("SELECT * FROM versions")) == 2

    retitled = replace(HEAT, closes="26 January 2027", title="Heat Retrofit Fund 2027")
    life.show([retitled, replace(HOMES, summary="Retrofit homes.", amount="£50,000 - £300,000")])
    posts = life.crawl_and_notify()
    assert sorted(said(posts)) == sorted(
        (c, f"{title} · Updated")
        for c in CHANNELS
        for title in ("Heat Retrofit Fund 2027", "Warm Homes Retrofit Grant")
    )
    assert all(
        "Heat Retrofit Fund → Heat Retrofit Fund 2027" in shown(p)
        for p in posts
        if p["text"].startswith("Heat")
    )
    assert all("£250,000 → £300,000" in shown(p) for p in posts if p["text"].startswith("Warm"))


def test_changed_twice_before_notify_is_one_alert_from_the_first_before(life):
    life.show([HEAT, HOMES])
    life.crawl_and_notify()

    life.now = "2026-11-26T09:00:00+00:00"
    life.show([replace(HEAT, closes="19 January 2027"), HOMES, PUMPS])
    life.run("crawl")
    life.now = "2026-11-26T10:00:00+00:00"
    moved = replace(HEAT, closes="26 January 2027", amount="Up to £6 million")
    life.show([moved, HOMES, replace(PUMPS, closes="10 March 2027")])
    life.run("crawl")
    assert len(life.events("changed")) == 3

    posts = life.notify()
    assert sorted(said(posts)) == sorted(
        (c, text)
        for c in CHANNELS
        for text in (
            "Heat Retrofit Fund · Deadline changed",
            "Heat Pump Retrofit Pilots · New funding",
        )
    ), "one post per call and team"
    heat = [p for p in posts if p["text"].startswith("Heat Retrofit Fund")]
    blocks = shown(heat[0])
    assert "12 Jan 2027, 11:59pm → 26 Jan 2027, 11:59pm" in blocks
    assert "£5 million → £6 million" in blocks and "19 Jan" not in blocks
    pumps = next(p for p in posts if p["text"].startswith("Heat Pump"))
    assert "10 Mar 2027" in shown(pumps) and "→" not in shown(pumps)
    sent = life.rows("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status")
    assert sent == [{"status": "sent", "n": 12}], "every row marked, folded ones too"
    assert life.notify() == []
