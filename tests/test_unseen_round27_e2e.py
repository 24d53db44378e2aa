"""End to end: `fundwatch crawl` of round 27's office-export, public-sector CMS and story shapes
(tests/sites/README.md, "Round 27"), served on loopback, all eight in one crawl: a Word "Save as
Web Page" prospectus, an Excel-published register whose headings are bold by class, a gov.scot
Design System finder, an OpenCities listing paged by `?dlv_…=(pageindex=2)`, a Contensis Delivery
API paged by pageIndex, an Umbraco 13 Block Grid, an Excel CSV download in windows-1252 and a
Shorthand story. Each stores every call with the values its expected.yaml gives.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "word_save_as_web_page",
    "excel_publish_table",
    "govscot_ds_search_results",
    "opencities_dlv_pager",
    "contensis_delivery_entries",
    "umbraco13_block_grid",
    "csv_cp1252_download",
    "shorthand_story_sections",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round27"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    # The OpenCities pager's listing state, asked as written, and page 1 never again.
    pager = [path for path, _ in asked(sites["opencities_dlv_pager"]) if path != "/robots.txt"]
    assert pager == [
        "/Business/Grants-and-funding",
        "/Business/Grants-and-funding?dlv_OC%20CL%20Grants%20and%20Funding=(pageindex=2)",
    ]
    # Contensis pages to the empty page past the last, each once.
    api = [path for path, _ in asked(sites["contensis_delivery_entries"]) if path != "/robots.txt"]
    assert [path.rsplit("pageIndex=", 1)[1] for path in api] == ["0", "1", "2", "3"]


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
