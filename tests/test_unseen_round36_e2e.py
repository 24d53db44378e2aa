"""End to end: `fundwatch crawl` of round 36's sites (tests/sites/README.md, "Round 36"), served on
loopback, all eight in one crawl: a GravityView table, a Wix repeater's warmup data, a WP Job
Manager board read from its AJAX endpoint, a SurveyMonkey Apply program list, funds mixed with
Eventbrite sessions, a Baserow public grid's API, NHS.UK frontend cards and EngagementHQ's key
dates. Each stores every call with the values its expected.yaml gives, and the run is ok.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "gravityview_table_pager",
    "wix_warmup_repeater",
    "wpjm_ajax_listings",
    "smapply_program_list",
    "eventbrite_sessions_mixed",
    "baserow_public_grid",
    "nhsuk_cards_do_dont",
    "engagementhq_key_dates",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round36"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, db = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    for site_id in CRAWLED:
        pages = [hit for hit in asked(sites[site_id]) if hit[0] != "/robots.txt"]
        assert len(pages) == len(set(pages)), (site_id, pages)
        assert all(status == 200 for _, status in pages), (site_id, pages)
    # The board's endpoint is paged to its empty third page; the shell page is never asked.
    board = [path for path, _ in asked(sites["wpjm_ajax_listings"]) if "get_listings" in path]
    assert [path[-6:] for path in board] == ["page=1", "page=2", "page=3"]
    # The events link to Eventbrite and are no calls: the one page is all that is asked.
    mixed = [path for path, _ in asked(sites["eventbrite_sessions_mixed"]) if path != "/robots.txt"]
    assert mixed == ["/funding-and-events/"]
    assert db["opportunities"].count == 6 + 5 + 6 + 5 + 5 + 6 + 5 + 4


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
