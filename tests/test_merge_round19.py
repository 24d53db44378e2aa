"""Round 19 of the cross-source merge, through the store: a deadline extended on one source is one
opportunity that closes on the later day; a bulletin that names the funder in its title and has no
funder field joins the funder's own listing; a repository keyed before round 19 is re-keyed (m028)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storage.db import open_db
from storage.record import record_sighting
from tests.test_storage import NOW, rows, sighting

MARCH = datetime(2027, 3, 12, 12, tzinfo=UTC)
APRIL = datetime(2027, 4, 12, 12, tzinfo=UTC)


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "fundwatch.db")


def _call(source: str, title: str, closes_at, funder="DESNZ"):
    return sighting(
        source, f"https://{source}.example/call", title=title, funder=funder, closes_at=closes_at
    )


@pytest.mark.parametrize("extension_first", [False, True])
def test_a_deadline_extended_on_one_source_is_one_opportunity_closing_later(db, extension_first):
    # Before round 19 a month between the deadlines made two opportunities, the old one soon shown
    # closed; now one, with the extended deadline whichever source was stored first.
    listings = [
        _call("find_a_grant", "Community Energy Fund", MARCH),
        _call("govuk_news", "Deadline extended: Community Energy Fund", APRIL),
    ]
    if extension_first:
        listings.reverse()
    first = record_sighting(db, listings[0], run_id=1, now=NOW)
    second = record_sighting(db, listings[1], run_id=2, now=NOW)
    assert second.opportunity_id == first.opportunity_id
    (opportunity,) = rows(db, "opportunities")
    assert opportunity["closes_at"] == APRIL.isoformat()


def test_an_extension_is_neither_the_next_round_nor_an_earlier_deadline(db):
    record_sighting(db, _call("find_a_grant", "Community Energy Fund", MARCH), run_id=1, now=NOW)
    august = datetime(2027, 8, 20, 12, tzinfo=UTC)
    later = _call("govuk_news", "Community Energy Fund (extended)", august)
    record_sighting(db, later, run_id=2, now=NOW)
    earlier = _call(
        "council_digest", "Deadline extended: Community Energy Fund", APRIL.replace(month=1)
    )
    record_sighting(db, earlier, run_id=3, now=NOW)
    assert len(rows(db, "opportunities")) == 3


def test_a_bulletin_naming_the_funder_in_its_title_joins_the_funders_listing(db):
    own = _call("weston", "Regular Grants", None, funder="The Garfield Weston Foundation")
    stored = record_sighting(db, own, run_id=1, now=NOW)
    line = _call("cvs_bulletin", "Garfield Weston Foundation: Regular Grants", None, funder=None)
    assert record_sighting(db, line, run_id=2, now=NOW).opportunity_id == stored.opportunity_id
    other = _call("rank", "Regular Grants", None, funder="The Rank Foundation")
    record_sighting(db, other, run_id=3, now=NOW)
    assert len(rows(db, "opportunities")) == 2, "another foundation's Regular Grants stays apart"


def test_a_funders_name_before_its_pot_and_the_pots_kind_are_set_aside_by_the_key(db):
    # Found by its key alone ("open"): the fuzzy prefilter, which reads titles without funders,
    # would not keep "Clothworkers' Foundation Open Grants" for "Open Grants programme".
    own = _call("clothworkers", "Open Grants programme", None, funder="Clothworkers Foundation")
    stored = record_sighting(db, own, run_id=1, now=NOW)
    line = _call(
        "digest",
        "Clothworkers' Foundation Open Grants",
        None,
        funder="The Clothworkers' Foundation",
    )
    assert record_sighting(db, line, run_id=2, now=NOW).opportunity_id == stored.opportunity_id
    other = _call("tudor", "Open Grants", None, funder="The Tudor Trust")
    record_sighting(db, other, run_id=3, now=NOW)
    assert len(rows(db, "opportunities")) == 2, "another trust's Open Grants stays apart"


def test_a_repository_keyed_before_round_19_is_re_keyed_so_its_calls_are_found(tmp_path):
    # Before m028 the key kept the kind of pot ("grant improving lives", lead "ilg"), where the
    # funder's own "Improving Lives" (key "improving lives", lead "il") never looks. A repository
    # made up to m027, its call keyed as then, is opened as fundwatch opens it.
    from sqlite_utils import Database

    from storage.migrations import migrations

    path = tmp_path / "old.db"
    migrations.apply(Database(path), stop_before="m028_rekey_titles")
    old = Database(path)
    digest = _call("digest", "Improving Lives grants", None, funder="The Henry Smith Charity")
    stored = record_sighting(old, digest, run_id=1, now=NOW)
    old.execute(
        "UPDATE opportunities SET title_key = 'grant improving lives', title_lead = 'ilg' "
        "WHERE id = ?",
        [stored.opportunity_id],
    )
    old.conn.commit()
    old.close()
    db = open_db(path)
    own = _call("henry_smith", "Improving Lives", None, funder="Henry Smith")
    assert record_sighting(db, own, run_id=2, now=NOW).opportunity_id == stored.opportunity_id
    assert len(rows(db, "opportunities")) == 1
