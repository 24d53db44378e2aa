"""An api's record met twice in one crawl with other facts (edited while its pages were read, so
an `ordering=modified` cursor moved it to a later page): the later reading stands. Before, the
store kept the first sighting of every call, so the crawl of round 40's api_cursor_next_updated_big
stored 28 of its 1,400 records as they were before their edit (a deadline a month early, half the
award); a listing's repeat is still passed over (a "featured" strip holds less of a call)."""

from __future__ import annotations

from datetime import UTC, datetime

from spiders.restated import Restatements
from storage.record import record_sighting
from storage.record_page import Tally
from storage.sighting import Sighting
from tests.notify_helpers import NOW

URL = "https://www.northvalecombined.gov.uk/funding/elstow-play-area-grant/"


def record(**fields) -> Sighting:
    base = {"source_id": "nvca", "url": URL, "ref": "7017", "title": "Elstow Play Area Grant"}
    return Sighting(**{**base, **fields})


BEFORE = record(closes_at=datetime(2026, 11, 20, 23, 59, tzinfo=UTC), amount_max=2000.0)
AFTER = record(closes_at=datetime(2026, 12, 18, 23, 59, tzinfo=UTC), amount_max=4000.0)


def test_an_apis_record_met_again_changed_is_restated():
    met = Restatements("api")
    assert [met.met(BEFORE), met.met(AFTER), met.met(AFTER)] == ["first", "restated", "again"]
    # Back to its first facts (a third reading) is a change again: the latest stands.
    assert met.met(BEFORE) == "restated"


def test_an_apis_record_met_again_unchanged_is_passed_over():
    met = Restatements("api")
    assert [met.met(BEFORE), met.met(BEFORE)] == ["first", "again"]


def test_a_listings_call_met_again_keeps_its_first_sighting():
    for kind in ("listing", "feed", "sitemap", "custom"):
        met = Restatements(kind)
        assert [met.met(BEFORE), met.met(AFTER)] == ["first", "again"], kind


def test_a_restated_record_counts_its_change_not_another_item(db):
    tally = Tally()
    tally.add(BEFORE, record_sighting(db, BEFORE, run_id=None, now=NOW))
    tally.add(AFTER, record_sighting(db, AFTER, run_id=None, now=NOW), again=True)
    assert (tally.counts["items"], tally.counts["new"], tally.counts["changed"]) == (1, 1, 1)
    (row,) = db["opportunities"].rows
    assert (row["closes_at"], row["amount_max"]) == ("2026-12-18T23:59:00+00:00", 4000.0)


def test_a_forgotten_sighting_is_met_first_again():
    met = Restatements("listing")
    met.met(BEFORE)
    met.forget(BEFORE)  # the store dropped it (its page unread): a later sighting is the first
    assert met.met(AFTER) == "first"


def test_another_record_of_the_same_call_at_another_address_is_passed_over():
    """Find a Tender's two notices of one procurement (one ocid, the call's ref) are two records,
    listed newest first: the first met is the newer, and stands. Taking the later one as a
    restatement stored round 39's find_a_tender_drift highways contract as its older notice."""
    met = Restatements("api")
    older = record(url=URL + "older/", closes_at=datetime(2026, 11, 20, 23, 59, tzinfo=UTC))
    assert [met.met(AFTER), met.met(older)] == ["first", "again"]
