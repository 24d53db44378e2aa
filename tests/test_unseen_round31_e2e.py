"""End to end: `fundwatch crawl` of round 31's research and national funders' own sites
(tests/sites/README.md, "Round 31"), served on loopback, all eight in one crawl: a research
council's funding finder (dt/dd grids, a rel="next" pager), a medical research charity's Drupal
Paragraphs pages, a funding-and-tenders portal's topic cards, a Welsh page with the two languages
side by side, an arts council's rounds as tabs, a Salesforce Aura site's c- components, a
Find a Tender-style search of procurement notices and a gov.scot table whose funder cell is
merged down its rows. Each stores every call with the values its
expected.yaml gives, and the run is ok.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites
from tests.unseen_sites import expected

pytestmark = pytest.mark.slow

CRAWLED = [
    "research_finder_dl_grid",
    "drupal_paragraphs_charity",
    "topic_cards_deadline_model",
    "welsh_side_by_side",
    "arts_tabs_rounds",
    "aura_c_components",
    "fts_notice_results",
    "scotgov_rowspan_funder",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round31"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    for site_id in CRAWLED:
        pages = [hit for hit in asked(sites[site_id]) if hit[0] != "/robots.txt"]
        assert len(pages) == len(set(pages)), (site_id, pages)
        assert all(status == 200 for _, status in pages), (site_id, pages)
    # The finder's two pages and the charity's list and five scheme pages, nothing else.
    assert len(asked(sites["research_finder_dl_grid"])) == 3
    assert len(asked(sites["drupal_paragraphs_charity"])) == 7


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)


def test_each_notice_is_stored_as_its_kind(crawled):
    # check_stored does not hold kinds; a notice's kind decides who hears of it (README, kinds).
    _, _, _, db = crawled
    kinds = {row["title"]: row["kind"] for row in db["opportunities"].rows}
    for want in expected("fts_notice_results")["items"]:
        assert kinds[want["title"]] == want["kind"], want["title"]
