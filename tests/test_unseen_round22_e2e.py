"""End to end: `fundwatch crawl` of round 22's listings that mix calls with other content and
facts (tests/sites/README.md, "Round 22"), served on loopback, all eight in one crawl: cards with a
posted and a closing date labelled only by small caps and icons, a deadline-sorted list under a
"Closing soon" carousel repeated on every page, a council's table whose names link guidance PDFs
beside an Apply link to a portal on another host, a trust's programmes with status badges and
"Next deadline:" lines, a Welsh and English page in two columns, capital and revenue money, and
a news and funding blog whose calls are told from its news only by their address, and a
WordPress Grants post type whose ACF fields print their sums with no £.
Each stores every call once with the values its expected.yaml gives.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "two_dates_smallcaps",
    "closing_soon_carousel",
    "pdf_guidance_portal_table",
    "programme_badges_next_deadline",
    "welsh_english_columns",
    "capital_revenue_amounts",
    "news_funding_url_path",
    "acf_ul_label_spans",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round22"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    carousel = asked(sites["closing_soon_carousel"])
    assert [hit for hit in carousel if hit[0] != "/robots.txt"] == [
        ("/grants/", 200),
        ("/grants/page/2/", 200),
    ]
    blog = asked(sites["news_funding_url_path"])
    assert [hit for hit in blog if hit[0] != "/robots.txt"] == [
        ("/news-and-funding/", 200),
        ("/news-and-funding/page/2/", 200),
    ]
    # No detail pages: neither the guidance PDFs nor the portal on the other host are asked.
    council = asked(sites["pdf_guidance_portal_table"])
    assert [path for path, _ in council if path != "/robots.txt"] == [
        "/business/grants-and-funding/current-grant-schemes"
    ]


def test_a_call_the_carousel_repeats_is_stored_once(crawled):
    _, _, _, db = crawled
    rows = [row for row in db["opportunities"].rows if row["title"] == "Winter Warmth Fund"]
    assert len(rows) == 1
    assert rows[0]["closes_at"] == "2026-11-30T17:00:00+00:00"


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
