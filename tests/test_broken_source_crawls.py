"""A source broken so that a crawl looks fine by its counts, through real `fundwatch crawl` runs
against a loopback site: every link gone from the listing, every detail page failing, a listing
suddenly showing far fewer calls than its last whole crawl. Each fails the run saying so, and
nothing is marked removed after it.

Hand-built pages: a council's grants listing and detail pages, written for these tests."""

from __future__ import annotations

import pytest
import sqlite_utils

from tests.crawl_helpers import fundwatch, write_config

pytestmark = pytest.mark.slow


def listing(count: int, *, links: bool = True) -> str:
    cards = "".join(
        f'<div class="grant"><h3><a href="/grants/fund-{n}">Fund {n}</a></h3></div>'
        if links
        else f'<div class="grant"><h3><button data-id="{n}">Fund {n}</button></h3></div>'
        for n in range(1, count + 1)
    )
    return f"<html><body>{cards}</body></html>"


def detail(n: int) -> str:
    return f"<html><body><h1>Fund {n}</h1><dl><dt>Closing date</dt><dd>{n} March 2027</dd></dl>"


def council(site, count: int, *, links: bool = True) -> None:
    site.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    site.add("/grants", listing(count, links=links))
    for n in range(1, count + 1):
        site.add(f"/grants/fund-{n}", detail(n))


def config_for(site, folder, *, detail_fields: bool = True):
    entry = {
        "id": "council_grants",
        "kind": "listing",
        "urls": [f"{site.url}/grants"],
        "funder": "Example Council",
        "item": "div.grant",
        "fields": {"title": "h3", "url": "h3 a::attr(href)"},
    }
    if detail_fields:
        entry["detail"] = {"fields": {"closes": {"label": "Closing date"}}}
    return write_config(folder, [entry])


def crawl(config, db):
    done = fundwatch("crawl", config=config, db=db)
    runs = list(sqlite_utils.Database(db)["runs"].rows)
    return done, done.stdout + done.stderr, runs[-1]


def test_a_listing_whose_links_all_went_fails_and_stores_none_at_its_own_address(site, tmp_path):
    council(site, 5, links=False)  # the markup changed: buttons where the links were
    config, db = config_for(site, tmp_path / "config"), tmp_path / "fw.db"
    done, said, run = crawl(config, db)
    assert done.returncode == 1 and run["outcome"] == "failed", said
    assert "council_grants: url ('h3 a::attr(href)') matched none of the 5 calls" in said
    assert "'Fund 1' on " in said and "is missing url" in said
    assert "closes" not in said  # no link, no detail page asked: its label is not in question
    assert sqlite_utils.Database(db)["opportunities"].count == 0  # none at the listing's address


def test_every_detail_page_failing_fails_the_run_naming_the_pages(site, tmp_path):
    council(site, 4)
    for n in range(1, 5):
        site.add(f"/grants/fund-{n}", "gone", status=404 if n % 2 else 500)
    config, db = config_for(site, tmp_path / "config"), tmp_path / "fw.db"
    done, said, run = crawl(config, db)
    assert done.returncode == 1 and run["outcome"] == "failed", said
    assert "council_grants  " in said and "failed" in said.splitlines()[1]
    assert "detail page HTTP 404 on " in said and "detail page HTTP 500 on " in said
    assert sqlite_utils.Database(db)["opportunities"].count == 4  # the listing's own fields


def test_a_listing_collapsing_to_a_few_calls_is_held_not_a_flood_of_removals(site, tmp_path):
    council(site, 24)
    config, db = config_for(site, tmp_path / "config", detail_fields=False), tmp_path / "fw.db"
    first, said, run = crawl(config, db)
    assert (first.returncode, run["outcome"], run["items"]) == (0, "ok", 24), said
    site.add("/grants", listing(3))  # the CMS now shows only its three "featured" calls
    done, said, run = crawl(config, db)
    # Before: ok, 21 removed.
    assert done.returncode == 1 and run["outcome"] == "failed", said
    assert (run["items"], run["removed"]) == (3, 0)
    assert "council_grants failed: listed 3 calls, down from 24 in its last whole crawl" in said
    events = sqlite_utils.Database(db)["events"]
    assert events.count_where("kind = 'removed'") == 0
    # The next crawl finding the same three takes them as the listing's size: the drop lasted.
    done, said, run = crawl(config, db)
    assert (done.returncode, run["outcome"], run["removed"]) == (0, "ok", 21), said


def test_a_listing_losing_a_few_calls_removes_them(site, tmp_path):
    council(site, 12)
    config, db = config_for(site, tmp_path / "config", detail_fields=False), tmp_path / "fw.db"
    crawl(config, db)
    site.add("/grants", listing(7))  # five closed and taken down: fewer, not collapsed
    done, said, run = crawl(config, db)
    assert (done.returncode, run["outcome"], run["removed"]) == (0, "ok", 5), said
