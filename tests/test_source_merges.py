"""Listings on two sources that are one funding pot become one opportunity in the repository.

Each snapshot's expected.yaml names them under `same_call`: a group of {source, url} listings (or, in
the older form, one flat group). Here both sources' snapshots are crawled offline, normalised and stored
through storage.opportunities.record_sighting, in both orders, and every group must end up as one
opportunity while nothing else merges. The UKRI feed merges with the UKRI listing by link; Innovate UK
Business Connect merges with the Innovation Funding Service by title, funder and closing day (their
links differ), as the Funding Service does with UKRI's listing of the same competitions.
"""

from __future__ import annotations

import json
from functools import cache

import pytest

from spiders.normalise.sighting import normalise
from spiders.sources import SNAPSHOT_NOW, SOURCES_DIR, load_expected
from storage.db import open_db
from storage.record import record_sighting
from storage.sighting import Sighting
from tests.test_sources import SOURCES, crawl_offline

MINE = ("ukri_rss", "iuk_business_connect", "innovate_uk_ifs")


def groups_of(source_id: str) -> list[list[dict]]:
    raw = load_expected(source_id).get("same_call") or []
    return [raw] if raw and isinstance(raw[0], dict) else raw


CASES = [
    (source_id, group)
    for source_id in sorted(p.parent.name for p in SOURCES_DIR.glob("*/expected.yaml"))
    for group in groups_of(source_id)
]


@cache
def sightings(source_id: str) -> tuple[Sighting, ...]:
    source = SOURCES[source_id]
    return tuple(normalise(item, source, SNAPSHOT_NOW) for item in crawl_offline(source_id))


def store(db, *source_ids: str) -> None:
    for run_id, source_id in enumerate(source_ids, start=1):
        for sighting in sightings(source_id):
            record_sighting(db, sighting, run_id=run_id, now=SNAPSHOT_NOW)


def opportunity_of(db, source_id: str, url: str) -> str:
    by_url = {
        r["url"]: r["opportunity_id"]
        for r in db["listings"].rows_where("source_id = ?", [source_id])
    }
    assert url in by_url, f"{source_id} has no listing {url} among its {len(by_url)}"
    return by_url[url]


def test_my_sources_declare_their_merges():
    assert {source_id for source_id, _ in CASES} >= set(MINE)
    assert sum(1 for source_id, _ in CASES if source_id == "ukri_rss") == 8
    assert sum(1 for source_id, _ in CASES if source_id == "iuk_business_connect") == 4
    assert sum(1 for source_id, _ in CASES if source_id == "innovate_uk_ifs") == 3


@pytest.mark.parametrize("order", ["declaring_source_first", "declaring_source_last"])
@pytest.mark.parametrize("source_id", MINE)
def test_each_group_is_one_opportunity_and_nothing_else_merges(tmp_path, source_id, order):
    groups = groups_of(source_id)
    involved = sorted({listing["source"] for group in groups for listing in group} - {source_id})
    sources = (
        [source_id, *involved] if order == "declaring_source_first" else [*involved, source_id]
    )
    db = open_db(tmp_path / "fundwatch.db")
    store(db, *sources)
    for group in groups:
        ids = {opportunity_of(db, listing["source"], listing["url"]) for listing in group}
        assert len(ids) == 1, group
        opportunity = db["opportunities"].get(ids.pop())
        assert json.loads(opportunity["source_ids"]) == sorted(
            listing["source"] for listing in group
        )
    listings = sum(len(sightings(s)) for s in sources)
    merged_away = sum(len(group) - 1 for group in groups)
    assert db["opportunities"].count == listings - merged_away
    db.close()


@pytest.mark.parametrize(
    "source_id,group", [c for c in CASES if c[0] not in MINE], ids=lambda v: str(v)[:40]
)
def test_the_other_declared_groups_merge_too(tmp_path, source_id, group):
    db = open_db(tmp_path / "fundwatch.db")
    store(db, *sorted({listing["source"] for listing in group}))
    ids = {opportunity_of(db, listing["source"], listing["url"]) for listing in group}
    assert len(ids) == 1, group
    db.close()


def test_a_feed_item_seen_first_is_completed_by_the_listing_without_a_changed_alert(tmp_path):
    """The feed has no deadline or amounts; the listing's sighting fills them in as history, not news."""
    db = open_db(tmp_path / "fundwatch.db")
    store(db, "ukri_rss", "ukri_opportunities")
    url = "https://www.ukri.org/opportunity/local-authority-net-zero-innovation-partnerships/"
    opportunity = db["opportunities"].get(opportunity_of(db, "ukri_rss", url))
    assert opportunity["closes_at"] == "2027-01-28T16:00:00+00:00"
    assert (opportunity["amount_min"], opportunity["amount_max"]) == (500000, 2000000)
    assert opportunity["status"] == "open" and opportunity["version"] == 2
    kinds = [e["kind"] for e in db["events"].rows_where("opportunity_id = ?", [opportunity["id"]])]
    assert kinds == ["new"]
    db.close()


def test_business_connect_and_the_funding_service_merge_though_their_links_differ(tmp_path):
    db = open_db(tmp_path / "fundwatch.db")
    store(db, "innovate_uk_ifs", "iuk_business_connect")
    ifs = "https://apply-for-innovation-funding.service.gov.uk/competition/2325/overview"
    bc = "https://iuk-business-connect.org.uk/opportunities/net-zero-living-pathfinder-places/"
    opportunity_id = opportunity_of(db, "innovate_uk_ifs", ifs)
    assert opportunity_of(db, "iuk_business_connect", bc) == opportunity_id
    opportunity = db["opportunities"].get(opportunity_id)
    # The Funding Service, seen first, stays primary: its 11am close, not the card's end of day.
    assert (opportunity["url"], opportunity["closes_at"]) == (ifs, "2027-02-03T11:00:00+00:00")
    # A call only Business Connect lists stays on its own.
    alone = opportunity_of(
        db,
        "iuk_business_connect",
        "https://iuk-business-connect.org.uk/opportunities/ofgem-strategic-innovation-fund-round-5-discovery-phase/",
    )
    assert json.loads(db["opportunities"].get(alone)["source_ids"]) == ["iuk_business_connect"]
    db.close()
