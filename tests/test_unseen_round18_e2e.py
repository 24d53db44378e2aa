"""End to end: `fundwatch crawl` of round 18's CMS listings (tests/sites/README.md, "Round 18"),
served on loopback, all eight in one crawl: Kentico, Wagtail's StreamField, Drupal 10's Olivero
with a daterange field, Squiz Matrix's nested tables without <tbody>, DNN's EasyDNNnews module,
a Hugo (Ananke) list with its dates in prose, a Gatsby page-data.json and a Concrete CMS page
list. Each stores every call with the values its expected.yaml gives.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "kentico_listing_items",
    "wagtail_streamfield_blocks",
    "olivero_daterange_rows",
    "squiz_matrix_nested_tables",
    "dnn_easydnn_articles",
    "hugo_ananke_prose_deadlines",
    "gatsby_page_data",
    "concrete_page_list_attrs",
]

# Each paged site's second page, as its pager links it.
SECOND_PAGES = {
    "kentico_listing_items": "/funding?page=2",
    "wagtail_streamfield_blocks": "/funding/?page=2",
    "olivero_daterange_rows": "/funding?page=1",
    "squiz_matrix_nested_tables": "/civic/funding?result_48213_result_page=2",
    "dnn_easydnn_articles": "/funding/PgrID/1502/PageID/2",
    "hugo_ananke_prose_deadlines": "/grants/page/2/",
    "concrete_page_list_attrs": "/grants?ccm_paging_p=2",
}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round18"))


def test_every_source_crawls_ok_and_each_pager_was_followed_once(crawled):
    sites, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    for site_id, path in SECOND_PAGES.items():
        assert asked(sites[site_id]).count((path, 200)) == 1, site_id
    assert ("/page-data/funding/page-data.json", 200) in asked(sites["gatsby_page_data"])


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
