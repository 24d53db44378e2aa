"""End to end: `fundwatch crawl` of round 24's JavaScript-era and no-code funder sites
(tests/sites/README.md, "Round 24"), served on loopback, all eight in one crawl: a Nuxt 2 page whose
calls are only in `window.__NUXT__`'s function call, a Squarespace collection as its ?format=json
answer (its next link drops the format), a Notion page published by a static builder, a
WordPress page whose rounds are Events in Yoast's JSON-LD graph, a Salesforce Experience Cloud
portal in declarative shadow roots, a SharePoint Online list through its REST API, a Framer CMS
list read by its layer names, rendered once per breakpoint, and a SvelteKit page whose calls are
in its inlined fetch's body. Each
stores every call with the values its expected.yaml gives.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "nuxt2_window_iife",
    "squarespace_format_json",
    "notion_super_page",
    "jsonld_graph_events",
    "experience_cloud_lwr",
    "sharepoint_rest_items",
    "framer_cms_layers",
    "sveltekit_fetched_body",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round24"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, _ = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    # Page 2 in JSON: the format page 1 was asked in, carried to Squarespace's next link.
    squarespace = [path for path, _ in asked(sites["squarespace_format_json"])]
    assert squarespace == [
        "/robots.txt",
        "/grants?format=json",
        "/grants?offset=1757599200000&format=json",
    ]
    sharepoint = asked(sites["sharepoint_rest_items"])
    assert [status for _, status in sharepoint] == [200, 200, 200]
    assert len(sharepoint) == 3  # robots.txt and the two pages, d.__next's encoded skiptoken


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
