"""End to end: `fundwatch crawl` of round 37's sites (tests/sites/README.md, "Round 37"), served on
loopback, all eight in one crawl: a Typeform-fronted fund's hero and FAQ accordion, a PCC's
accordion of rounds with <time> words, MUI cards whose <dl> pairs change order, a fund finder's
JSON island, a university's expandable cards, SP Page Builder feature boxes, GOV.UK start pages
and WPBakery tabs of toggles. Each stores every call with the values its expected.yaml gives, and
the run is ok.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "typeform_hero_faq",
    "pcc_accordion_time_words",
    "mui_dl_card_order",
    "fund_finder_json_island",
    "university_expand_cards",
    "joomla_sppb_feature_boxes",
    "govuk_start_pages",
    "wpbakery_tabs_toggles",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round37"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, db = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    for site_id in CRAWLED:
        pages = [hit for hit in asked(sites[site_id]) if hit[0] != "/robots.txt"]
        assert len(pages) == len(set(pages)), (site_id, pages)
        assert all(status == 200 for _, status in pages), (site_id, pages)
    # The fund pages and the start pages are read (detail); the one-page sites are one page each,
    # their calls' links anchors of it (or, for the feature boxes, pages not asked).
    assert len(asked(sites["typeform_hero_faq"])) == 1 + 1 + 4
    assert len(asked(sites["govuk_start_pages"])) == 1 + 1 + 5
    for site_id in CRAWLED[1:6] + CRAWLED[7:]:
        assert len(asked(sites[site_id])) == 2, site_id
    assert db["opportunities"].count == 4 + 5 + 5 + 5 + 5 + 5 + 5 + 6


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
