"""End to end: `fundwatch crawl` of round 17's modern front-ends (tests/sites/README.md, "Round
17"), served on loopback: Tailwind utility classes, CSS-modules hashed classes, a Next.js App Router
page with its flight chunks, an Astro island's props beside its HTML, a Power Pages entity list and
a Google Sites page. Each stores every call with the values its expected.yaml gives.

Apart from tests/test_unseen_sites_e2e.py (at its length limit), with its checks reused."""

from __future__ import annotations

import json

import pytest
import sqlite_utils

from tests.crawl_helpers import fundwatch, write_config
from tests.test_unseen_sites_e2e import asked, on_site
from tests.unseen_sites import expected, loopback_entry, serve

pytestmark = pytest.mark.slow

CRAWLED = [
    "tailwind_utility_cards",
    "css_modules_hashed",
    "nextjs_rsc_flight",
    "astro_island_props",
    "power_pages_entitylist",
    "google_sites_sections",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    sites = {site_id: serve(site_id) for site_id in CRAWLED}
    try:
        folder = tmp_path_factory.mktemp("round17")
        entries = [loopback_entry(site_id, site) for site_id, site in sites.items()]
        config, db = write_config(folder / "config", entries), folder / "fundwatch.db"
        crawl = fundwatch("crawl", config=config, db=db)
        export = fundwatch("export", "--format", "json", config=config, db=db)
        yield sites, crawl, json.loads(export.stdout), sqlite_utils.Database(db)
    finally:
        for site in sites.values():
            site.stop()


def test_every_source_crawls_ok_and_the_pagers_were_followed(crawled):
    sites, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    assert ("/grants?page=2", 200) in asked(sites["tailwind_utility_cards"])
    portal = asked(sites["power_pages_entitylist"])
    assert ("/funding/?page=2", 200) in portal
    # The last page's disabled "›" (href="#") ends the listing: page 2 is asked once.
    assert portal.count(("/funding/?page=2", 200)) == 1


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    sites, _, exported, db = crawled
    rows = {row["url"]: row for row in db["opportunities"].rows}
    items = {item["source"]: item for item in exported["items"]}
    for want in expected(site_id)["items"]:
        url = on_site(sites[site_id], want["url"])
        row, item = rows[url], items[url]
        assert row["title"] == item["title"] == want["title"]
        for key in ("closes_at", "status"):
            if key in want:  # else left unpinned (tests/sites/README.md, "Not settled")
                assert row[key] == want[key], (key, want["title"])
        for key in ("amount_min", "amount_max", "fund_total"):
            if key not in want:
                continue
            assert (row[key] is None) == (want[key] is None), (key, want["title"])
            assert row[key] is None or float(row[key]) == float(want[key]), (key, want["title"])
        assert item["customFields"]["funder"]["value"] == want["funder"]
        if "council_eligible" in want:
            assert item["customFields"]["councilEligible"]["value"] == want["council_eligible"]
