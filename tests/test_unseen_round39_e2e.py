"""End to end: `fundwatch crawl` of round 39's bundled sources as they may look next month
(tests/sites/README.md, "Round 39"), served on loopback, all twelve in one crawl, each with its
bundled entry of config/sources.yaml (only the address is the running site's): other calls, more
or fewer of them, and the drift a real site makes between visits. Each stores every call with the
values its expected.yaml gives; the one whose new theme the bundled selectors cannot read fails,
naming the page and the selector, and no other does.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

READ_WHOLE = [
    "find_a_grant_drift",
    "ukri_opportunities_drift",
    "ukri_rss_drift",
    "govuk_search_api_drift",
    "find_a_tender_drift",
    "contracts_finder_drift",
    "nlcf_funding_drift",
    "scotland_find_business_support_drift",
    "govuk_council_funding_drift",
    "innovate_uk_ifs_drift",
    "local_digital_drift",
]
# Page 2 in a theme whose card titles the bundled entry cannot read: page 1's calls stored, and
# the run failed, naming the page and the selector.
FAILING = ["iuk_business_connect_drift"]
CRAWLED = READ_WHOLE + FAILING


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round39"))


def test_only_the_unreadable_theme_fails_and_it_says_which_selector(crawled):
    sites, crawl, _, _ = crawled
    said = crawl.stdout + crawl.stderr
    assert crawl.returncode == 1, said
    assert "12 source(s): 11 ok, 1 failed" in said, said
    for site_id in READ_WHOLE:
        assert f"{site_id.removesuffix('_drift')} failed" not in said, said
    assert "iuk_business_connect failed: 'an item' on http://127.0.0.1:" in said, said
    assert (
        "/opportunities/page/2/ is missing title, url (read with title "
        "'h3.opportunity-card__title a::text', url 'h3.opportunity-card__title a::attr(href)': "
        "nothing there; has the page's layout changed?) (3 times)"
    ) in said


def test_each_page_was_asked_once(crawled):
    sites, _, _, _ = crawled
    for site in sites.values():
        pages = [path for path, status in asked(site) if path != "/robots.txt"]
        assert len(pages) == len(set(pages)), pages
    # The API pages past the last, and the feed, each asked.
    assert len(asked(sites["find_a_tender_drift"])) == 3
    assert len(asked(sites["contracts_finder_drift"])) == 3


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
