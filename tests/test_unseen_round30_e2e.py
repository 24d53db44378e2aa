"""End to end: `fundwatch crawl` of round 30's servers that behave badly (tests/sites/README.md,
"Round 30"), served on loopback, all eight in one crawl: a listing moved for good (308) with a
programme page sent off to another host, a page answering 503 with the whole template as its body,
detail pages gone (404) or never answering, pages gzip-encoded with no or a bucket's Content-Type,
a page in UTF-16 named only by its BOM, a cookie-consent interstitial that sends the visitor back,
a 2 MB page of navigation around ten calls, and a city council behind a CDN's bot check. Every
call is stored as its expected.yaml says; the four sites whose pages fail fail naming the page and
why, and no other does.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

READ_WHOLE = [
    "gzip_no_content_type",
    "utf16_bom_only",
    "consent_redirect_return",
    "mega_menu_2mb",
]
# Sites whose pages fail: every call still stored, the run failed naming the page.
FAILING = [
    "listing_moved_308",
    "maintenance_503_template",
    "detail_timeouts_404",
    "bot_challenge_403",
]
CRAWLED = READ_WHOLE + FAILING


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    # A page that never answers is given up on after 1 s (three tries), not the default 30 s.
    env = {"FUNDWATCH_CRAWL_TIMEOUT": "1"}
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round30"), env)


def test_only_the_sites_whose_pages_fail_fail_and_they_say_where(crawled):
    _, crawl, _, _ = crawled
    said = crawl.stdout + crawl.stderr
    assert crawl.returncode == 1, said
    for site_id in READ_WHOLE:
        assert f"{site_id} failed" not in said, said
    for site_id in FAILING:
        assert f"{site_id} failed" in said, said
    assert "HTTP 503 on " in said and "/community/grants-directory?page=2" in said
    assert "detail page HTTP 404 on " in said and "/funding/touring-theatre-grants/" in said
    assert "detail page timed out on " in said and "/funding/library-arts-residencies/" in said
    assert "apply.hartwell-grants-portal.co.uk is not this source's host" in said
    assert "HTTP 403 (Cloudflare's bot check: it needs a browser running scripts) on " in said


def test_each_page_was_asked_as_a_polite_client_asks_it(crawled):
    sites, _, _, _ = crawled
    moved = asked(sites["listing_moved_308"])
    assert moved.count(("/grants/current-funding", 308)) == 1
    assert moved.count(("/funding/open-grants/", 200)) == 1
    # The 503 is tried three times (Scrapy's retries), and page 3, linked only from it, never.
    down = asked(sites["maintenance_503_template"])
    assert down.count(("/community/grants-directory?page=2", 503)) == 3
    assert not [hit for hit in down if "page=3" in hit[0]]
    consent = asked(sites["consent_redirect_return"])
    assert [hit for hit in consent if hit[0] != "/robots.txt"] == [
        ("/funding/community-grants", 302),
        ("/cookie-consent?returnUrl=%2Ffunding%2Fcommunity-grants", 302),
        ("/funding/community-grants", 200),
        ("/funding/community-grants?page=2", 200),
    ]


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
