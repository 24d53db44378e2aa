"""A call dropped from a listing is `removed` only after a complete, successful crawl: not after
`fundwatch crawl` stopped part way by SIGTERM (the service manager's stop), whatever the pages it
had read by then said. A real crawl of a two-page loopback listing, stopped while the second page
is held by the site."""

from __future__ import annotations

import signal

import pytest

from tests.crawl_helpers import fundwatch_env, start_fundwatch
from tests.life_site import Call, Life, source, team
from tests.slack_standin import SlackStandIn

pytestmark = pytest.mark.slow

HEAT = Call("heat", "Heat Retrofit Fund", "12 January 2027")
HOMES = Call("homes", "Warm Homes Retrofit Grant", "26 February 2027")
PUMPS = Call("pumps", "Heat Pump Retrofit Pilots", "3 March 2027")


def page(calls: list[Call], next_page: str | None = None) -> str:
    more = f'<a class="next" href="{next_page}">Next</a>' if next_page else ""
    return f"<html><body><main>{''.join(c.card() for c in calls)}</main>{more}</body></html>"


@pytest.fixture
def life(site, tmp_path):
    with SlackStandIn(channels=["C0TEAMA001"]) as slack:
        listing = {**source(site), "next_page": "a.next::attr(href)"}
        yield Life(site, slack, tmp_path, [listing], [team("team_a", "C0TEAMA001")])


def test_a_crawl_stopped_part_way_removes_nothing(life):
    life.site.add("/funding/", page([HEAT, HOMES], "/funding/page/2/"))
    life.site.add("/funding/page/2/", page([PUMPS]))
    assert len(life.crawl_and_notify()) == 3

    life.now = "2026-11-26T09:00:00+00:00"
    life.site.add("/funding/", page([HOMES], "/funding/page/2/"))  # HEAT dropped
    life.site.add("/funding/page/2/", page([PUMPS]), hang=60)
    crawl = start_fundwatch(
        "crawl", config=life.folder / "config", db=life.db, env=fundwatch_env(life.env())
    )
    try:
        life.site.wait_held("/funding/page/2/")
        crawl.send_signal(signal.SIGTERM)
        out, err = crawl.communicate(timeout=60)
    finally:
        if crawl.poll() is None:
            crawl.kill()
        life.site.release()
    assert crawl.returncode == 1, out + err
    assert "stopped" in out + err
    assert life.events("removed") == []
    assert life.rows("SELECT COUNT(*) AS n FROM opportunities WHERE removed_at IS NULL") == [
        {"n": 3}
    ]
    assert life.notify() == []

    life.site.add("/funding/page/2/", page([PUMPS]))  # answered again: the crawl completes
    life.crawl_and_notify()
    assert [r["title"] for r in life.rows(
        "SELECT title FROM opportunities o JOIN events e ON e.opportunity_id = o.id "
        "WHERE e.kind = 'removed'")] == ["Heat Retrofit Fund"]  # fmt: skip
