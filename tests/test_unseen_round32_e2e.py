"""End to end: `fundwatch crawl` of round 32's funders' feeds and APIs (tests/sites/README.md,
"Round 32"), served on loopback, all eight in one crawl: a WordPress REST API of 34 pages paged by
its Link header, an Atom feed of 36 pages paged by rel="next", a Drupal JSON:API of 32 pages
whose funders are in each page's `included` (all three generated, 1,724 calls), a WordPress
feed of 40 pages by `?paged=` read up to its archive, a Payload CMS API with Lexical rich text, an Umbraco Delivery API, a Typesense
search by GET and a Strapi 5 API. Each stores every call with the values its expected.yaml
gives, and the run is ok.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "wp_rest_link_header_big",
    "atom_next_paged_big",
    "payload_cms_docs",
    "umbraco_delivery_api",
    "typesense_search_hits",
    "strapi_v5_flat",
    "jsonapi_included_big",
    "wp_rss_paged_archive",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round32"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, db = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    for site_id in CRAWLED:
        pages = [hit for hit in asked(sites[site_id]) if hit[0] != "/robots.txt"]
        assert len(pages) == len(set(pages)), (site_id, pages)
    # The big two are read to their last page, and no further: the WordPress API's Link header
    # names no page 35 (its 400 is never asked), the feed's last page no rel="next".
    wp = [path for path, _ in asked(sites["wp_rest_link_header_big"]) if path != "/robots.txt"]
    assert len(wp) == 34 and all(
        status == 200 for _, status in asked(sites["wp_rest_link_header_big"])
    )
    # The WordPress feed's pages 1 to 5 are read; page 5 is all long past, so 6 to 40 are not.
    paged = [p for p, _ in asked(sites["wp_rss_paged_archive"]) if p != "/robots.txt"]
    assert paged == [f"/category/funding/feed/?paged={n}" for n in range(1, 6)], paged
    assert "the feed's archive" in crawl.stdout + crawl.stderr
    assert sum("feed.atom" in path for path, _ in asked(sites["atom_next_paged_big"])) == 36
    assert db["opportunities"].count == 544 + 540 + 640 + 50 + 7 + 6 + 5 + 5


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
