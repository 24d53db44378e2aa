"""End to end: `fundwatch crawl` of round 38's sites (tests/sites/README.md, "Round 38"), served on
loopback, all in one crawl: a funder whose calls are listed only in its sitemap. Each stores every
call with the values its expected.yaml gives.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "sitemap_only_funding",
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


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
