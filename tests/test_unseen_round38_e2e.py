"""End to end: `fundwatch crawl` of round 38's sites (tests/sites/README.md, "Round 38"), served on
loopback, all in one crawl: a funder whose calls are listed only in its sitemap, a table whose
date columns say "Open now", "Ongoing", "Open all year", a GravityView list whose checkbox items
have no whitespace between them, a Jadu A to Z directory whose empty letters are pages saying so.
Each stores every
call with the values its expected.yaml gives. And crawls that find call pages down, then back: a
listing's two detail pages down on the first crawl (404, 503 to every try), a sitemap's call page
on the second.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import json

import pytest
import sqlite_utils

from spiders.sources.routes import load_routes
from tests.crawl_helpers import fundwatch, write_config
from tests.unseen_crawl import LOOPBACK_DELAY, asked, check_stored, crawl_sites
from tests.unseen_serving import loopback_entry, serve

pytestmark = pytest.mark.slow

CRAWLED = [
    "sitemap_only_funding",
    "date_column_open_now",
    "gravityview_list_checkboxes",
    "jadu_a_to_z_empty_letters",
]

FUNDS = [
    "village-halls-net-zero-fund",
    "rural-transport-innovation-grants",
    "young-musicians-bursaries",
    "green-spaces-small-grants",
    "flood-resilience-match-fund",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round38"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    # The sitemaps and the five funds' pages only: none of the 320 other addresses listed.
    sitemap = sorted(path for path, status in asked(sites["sitemap_only_funding"]))
    assert sitemap == sorted(
        ["/robots.txt", "/sitemap_index.xml", "/post-sitemap.xml", "/page-sitemap.xml"]
        + ["/fund-sitemap.xml"]
        + [f"/funding/grants/{slug}/" for slug in FUNDS]
    )
    # Each letter the bar links asked once, its empty ones too; no plain-text letter asked.
    letters = [path for path, status in asked(sites["jadu_a_to_z_empty_letters"])]
    assert sorted(letters) == sorted(
        ["/robots.txt"] + [f"/directory/7/a_to_z/{letter}" for letter in "ABCDEFGHLMNOPRSTW"]
    )


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)


DOWN = ["detail_down_then_back", "sitemap_only_funding"]
HALLS = "/funding/grants/village-halls-net-zero-fund/"


@pytest.fixture(scope="module")
def down_then_back(tmp_path_factory):
    """Both sites crawled three times: detail_down_then_back's two pages down on the first crawl
    (its extras.yaml), the sitemap's halls fund page answering 404 on the second. The outcome of
    each crawl's run of each source, and what the third left."""
    folder = tmp_path_factory.mktemp("round38_down")
    sites = {site_id: serve(site_id) for site_id in DOWN}
    try:
        entries = [loopback_entry(site_id, site) for site_id, site in sites.items()]
        config, db = write_config(folder / "config", entries), folder / "fundwatch.db"
        runs = []
        for n in range(3):
            if n == 1:
                route = load_routes(sites["sitemap_only_funding"].folder)[1][HALLS]
                body = route.file.read_bytes()
                sites["sitemap_only_funding"].add(HALLS, body, fails=[404])
            env = {"FUNDWATCH_CRAWL_DELAY": LOOPBACK_DELAY}
            crawl = fundwatch("crawl", config=config, db=db, env=env)
            repository = sqlite_utils.Database(db)
            runs.append(
                {
                    run["source_id"]: run
                    for run in repository.query("SELECT * FROM runs ORDER BY id DESC LIMIT 2")
                }
            )
        export = fundwatch("export", "--format", "json", config=config, db=db)
        yield sites, crawl, json.loads(export.stdout), sqlite_utils.Database(db), runs
    finally:
        for site in sites.values():
            site.stop()


def test_a_listings_detail_pages_down_then_back_are_read_when_back(down_then_back):
    sites, _, _, _, runs = down_then_back
    first, second = runs[0]["detail_down_then_back"], runs[1]["detail_down_then_back"]
    assert (first["outcome"], first["items"], first["removed"]) == ("failed", 5, 0)
    assert "HTTP 404 on" in first["reason"] and "HTTP 503 on" in first["reason"]
    assert (second["outcome"], second["items"], second["changed"]) == ("ok", 5, 2)
    check_stored(down_then_back[:4], "detail_down_then_back")


def test_a_sitemaps_call_whose_page_is_down_is_kept_and_read_when_back(down_then_back):
    _, _, _, db, runs = down_then_back
    down, back = runs[1]["sitemap_only_funding"], runs[2]["sitemap_only_funding"]
    # Before: 4 items and a second problem, "'…/village-halls-net-zero-fund/' … is missing title".
    assert (down["outcome"], down["items"], down["removed"], down["changed"]) == (
        "failed", 5, 0, 0
    )  # fmt: skip
    assert down["reason"].startswith("detail page HTTP 404 on ") and ";" not in down["reason"]
    assert (back["outcome"], back["items"], back["changed"]) == ("ok", 5, 0)
    kinds = [
        event["kind"]
        for event in db["events"].rows_where("source_id = ?", ["sitemap_only_funding"])
    ]
    assert sorted(set(kinds)) == ["new"], kinds
    check_stored(down_then_back[:4], "sitemap_only_funding")
