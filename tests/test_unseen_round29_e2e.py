"""End to end: `fundwatch crawl` of round 29's UK public-sector CMSs and grants portals
(tests/sites/README.md, "Round 29"), served on loopback, all eight in one crawl: a LocalGov Drupal
directory channel with facets and a services sublanding page, a council's grants linking its
Achieve forms on another host, a community foundation's TablePress table, a GOSS iCM council, a
combined authority's Sitecore SXA search endpoint, a Citizen Space activity finder and a hosted
grants portal's programme panels. Each stores every call with the values its expected.yaml
gives, and the run is ok.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "localgov_directory_facets",
    "localgov_services_sublanding",
    "achieve_forms_landing",
    "cf_tablepress_portal",
    "goss_icm_articles",
    "sitecore_sxa_results",
    "citizen_space_finder",
    "flexigrant_programme_panels",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round29"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, _ = crawled
    # Before the round's fixes the Sitecore source failed "the page is JSON, not HTML" on its
    # empty page past the last.
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    for site_id in ("sitecore_sxa_results", "citizen_space_finder", "localgov_directory_facets"):
        pages = [hit for hit in asked(sites[site_id]) if hit[0] != "/robots.txt"]
        assert len(pages) == len(set(pages)), (site_id, pages)
        assert all(status == 200 for _, status in pages), (site_id, pages)
    # The facet links are filters robots.txt disallows, never asked.
    facets = [p for p, _ in asked(sites["localgov_directory_facets"]) if "facets_filter" in p]
    assert facets == []


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
