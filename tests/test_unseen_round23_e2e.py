"""End to end: `fundwatch crawl` of round 23's feeds and data answers (tests/sites/README.md,
"Round 23"), served on loopback, all in one crawl: a council CMS's RSS feed of escaped definition
lists, a Jekyll Atom feed with "Key dates" tables, an events plugin's iCalendar export, a CKAN
datastore_search, an opensheet JSON of a Google Sheet with serial-day dates, a Drupal JSON:API
whose next links lead to the www twin of its host, an ArcGIS FeatureServer query and Cloud
Firestore's REST API of typed values. Each stores
every call with the values its expected.yaml gives.

The crawl and checks are tests/unseen_crawl.py's."""

from __future__ import annotations

import pytest

from tests.unseen_crawl import asked, check_stored, crawl_sites

pytestmark = pytest.mark.slow

CRAWLED = [
    "granicus_rss_escaped_dl",
    "jekyll_atom_key_dates",
    "ics_deadline_calendar",
    "ckan_datastore_search",
    "opensheet_serial_dates",
    "jsonapi_www_alias",
    "arcgis_featureserver_query",
    "firestore_typed_values",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from crawl_sites(CRAWLED, tmp_path_factory.mktemp("round23"))


def test_every_source_crawls_ok_and_each_page_was_asked_once(crawled):
    sites, crawl, _, db = crawled
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    # The JSON:API's pages 2 and 3 are on its www twin (the other host), read without follow_hosts.
    www = [path for path, status in asked(sites["jsonapi_www_alias"].other) if status == 200]
    assert sum("page%5Boffset%5D=" in path for path in www) == 2
    # CKAN's link past the end (an empty page) ends the listing; ArcGIS's empty page likewise.
    ckan = [path for path, _ in asked(sites["ckan_datastore_search"]) if path != "/robots.txt"]
    assert len(ckan) == len(set(ckan)) == 4
    arcgis = [path for path, _ in asked(sites["arcgis_featureserver_query"])]
    assert sum("resultOffset=" in path for path in arcgis) == 4
    # Firestore's next page is asked with the token the first answer gave, once.
    firestore = [path for path, _ in asked(sites["firestore_typed_values"])]
    assert sum("pageToken=" in path for path in firestore) == 1
    # The calendar's cancelled round is no call.
    titles = {row["title"] for row in db["opportunities"].rows}
    assert "Digital Skills Fund" not in titles


@pytest.mark.parametrize("site_id", CRAWLED)
def test_each_call_is_stored_as_expected(crawled, site_id):
    check_stored(crawled, site_id)
