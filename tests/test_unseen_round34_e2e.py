"""End to end: `fundwatch crawl` of round 34's sites whose difficulty is the structure of what
they publish (tests/sites/README.md, "Round 34"), served on loopback, all eight in one crawl: a
CVS's round-up of other funders' calls grouped under each funder's heading, deadlines only in
"Add to calendar" links, one programme's rounds by year on one page, money in per-tier columns
beside "See guidance" deadlines, detail links that are sometimes PDFs, a fund repeated in tabs by
applicant, tables of rounds on each programme's page, and an A to Z with "see …" entries. Each
stores every call with the values its expected.yaml gives, and the run is ok.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "cvs_funder_sections",
    "calendar_link_deadline",
    "round_years_table",
    "tier_columns_see_guidance",
    "mixed_pdf_html_details",
    "audience_tabs_repeat",
    "rounds_key_dates_detail",
    "a_to_z_see_entries",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round34"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, db = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    for site_id in CRAWLED:
        pages = [hit for hit in asked(sites[site_id]) if hit[0] != "/robots.txt"]
        assert len(pages) == len(set(pages)), (site_id, pages)
        assert all(status == 200 for _, status in pages), (site_id, pages)
    # The round-up's calls link off-site: nothing but its one page is asked.
    cvs = [path for path, _ in asked(sites["cvs_funder_sections"]) if path != "/robots.txt"]
    assert cvs == ["/funding-news/december-2026/"]
    # The two guidance PDFs are asked as detail pages and said as notes, not failures.
    assert "not a web page" in crawl.stdout + crawl.stderr
    council = [path for path, _ in asked(sites["mixed_pdf_html_details"])]
    assert "/media/2291/christmas-lights-fund-2026.pdf" in council
    assert "/downloads/file/884/play-area-improvement-fund-guidance" in council
    # Five grants, not nine: the A to Z's "see …" entries are the grants they point at.
    assert db["opportunities"].count == 6 + 5 + 6 + 5 + 5 + 5 + 4 + 5


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
