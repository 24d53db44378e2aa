"""End to end: `fundwatch crawl` of round 33's grant platforms and site builders
(tests/sites/README.md, "Round 33"), served on loopback, all eight in one crawl: a Confluence
space's table, a published Google Doc, a Docusaurus category's cards and doc pages, an
Optimizely Content Delivery API, a Silverstripe funding holder, a SmartSimple list view, a Good
Grants account's rounds and a Blackbaud GrantRequest page. Each stores every call with the
values its expected.yaml gives.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "confluence_status_lozenges",
    "google_doc_published",
    "docusaurus_category_cards",
    "optimizely_content_delivery",
    "silverstripe_base_tag_pager",
    "smartsimple_grid_list",
    "goodgrants_round_cards",
    "blackbaud_grantrequest_apps",
]

DOCS = [
    "digital-inclusion-pilots",
    "open-data-standards-adoption",
    "civic-tech-fellowships",
    "neighbourhood-data-labs",
    "accessible-services-sprint",
]
SEARCH = (
    "/api/episerver/v3.0/search/content?filter=ContentType%2Fany%28t%3At+eq+%27GrantPage%27%29"
    "&expand=%2A&top=3&skip={}"
)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round33"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    docs = asked(sites["docusaurus_category_cards"])
    for slug in DOCS:
        assert docs.count((f"/docs/open-calls/{slug}", 200)) == 1, slug
    # The API is paged by skip to its empty page, each page once.
    api = [path for path, _ in asked(sites["optimizely_content_delivery"]) if path != "/robots.txt"]
    assert api == [SEARCH.format(skip) for skip in (0, 3, 6, 9)]
    silverstripe = asked(sites["silverstripe_base_tag_pager"])
    assert silverstripe.count(("/funding?start=3", 200)) == 1
    # The Google Doc's calls link to their funders' sites: only the document itself is asked.
    doc = asked(sites["google_doc_published"])
    assert [path for path, _ in doc if path != "/robots.txt"] == [
        "/document/d/e/2PACX-1vRk8mZqT3wYd7Lh0cXo9uN4eBf2sJpV6aQ/pub"
    ]


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
