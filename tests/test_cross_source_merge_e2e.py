"""End to end: a real `fundwatch crawl` of two hand-built sites (tests/sites/merge_department_list and
merge_delivery_body) served on loopback, a department's list and its delivery body's competitions
listing overlapping schemes in different words, into one repository. The twins are one opportunity
each ("(PSDS) Phase 4: prospectus" / "phase four", "round 2 – apply now" / "second round", "R2" /
"round two", "The … Scheme (HNES)" closing 31 March / "… Programme" closing 1 April); the near
misses stay apart (the fund's round three with the same deadline, another Warm Homes scheme)."""

from __future__ import annotations

import json

import pytest
import sqlite_utils

from tests.crawl_helpers import fundwatch, write_config
from tests.unseen_sites import loopback_entry, serve

pytestmark = pytest.mark.slow

DEPARTMENT, DELIVERY = "merge_department_list", "merge_delivery_body"
# Each opportunity's listings, by page path on each site.
ONE_POT = [
    ("/funding/psds-phase-4", "/competitions/psds-4"),
    ("/funding/ghnf-round-2", "/competitions/ghnf-2"),
    ("/funding/community-energy-fund-r2", "/competitions/cef-2"),
    ("/funding/hnes", "/competitions/hnep"),
]
APART = ["/funding/warm-homes-local-grant", "/competitions/warm-homes-shf", "/competitions/cef-3"]


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    sites = {site_id: serve(site_id) for site_id in (DEPARTMENT, DELIVERY)}
    try:
        folder = tmp_path_factory.mktemp("merge12")
        entries = [loopback_entry(site_id, site) for site_id, site in sites.items()]
        config, db = write_config(folder / "config", entries), folder / "fundwatch.db"
        crawl = fundwatch("crawl", config=config, db=db)
        assert crawl.returncode == 0, crawl.stdout + crawl.stderr
        repository = sqlite_utils.Database(db)
        listings = list(repository["listings"].rows)
        yield list(repository["opportunities"].rows), listings
    finally:
        for site in sites.values():
            site.stop()


def _opportunity_of(listings: list[dict], path: str) -> str:
    found = [row["opportunity_id"] for row in listings if row["url"].endswith(path)]
    assert len(found) == 1, (path, [row["url"] for row in listings])
    return found[0]


def test_eleven_listings_are_seven_opportunities(stored):
    opportunities, listings = stored
    assert len(listings) == 11
    assert len(opportunities) == 7, sorted(o["title"] for o in opportunities)


def test_each_twin_shares_one_opportunity_listed_by_both_sources(stored):
    opportunities, listings = stored
    by_id = {o["id"]: o for o in opportunities}
    for department_path, delivery_path in ONE_POT:
        shared = _opportunity_of(listings, department_path)
        assert _opportunity_of(listings, delivery_path) == shared, (department_path, delivery_path)
        assert sorted(json.loads(by_id[shared]["source_ids"])) == sorted([DEPARTMENT, DELIVERY])


def test_the_near_misses_each_stay_their_own_opportunity(stored):
    _, listings = stored
    ids = [_opportunity_of(listings, path) for path in APART]
    twins = {_opportunity_of(listings, path) for pair in ONE_POT for path in pair}
    assert len(set(ids)) == len(APART) and not set(ids) & twins
