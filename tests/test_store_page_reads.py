"""A page of new calls is checked for twins with a few statements a page, not a few a call: each
statement cost more than the index lookup it made (benchmarks/store_scale.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.db import open_db
from storage.record import record_sightings
from tests.test_storage import NOW, rows, sighting

WORDS = "heat network retrofit housing skills transport flood nature heritage youth".split()


def page(source_id: str, first: int, count: int = 100):
    return [
        sighting(
            source_id,
            f"https://{source_id}.example/{n}",
            title=f"{WORDS[n % 10].capitalize()} {WORDS[n // 10 % 10]} fund {n}",
            closes_at=NOW + timedelta(days=30 + n % 7),
        )
        for n in range(first, first + count)
    ]


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "fundwatch.db")


def statements(db, action) -> list[str]:
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        action()
    finally:
        db.conn.set_trace_callback(None)
    return seen


def test_a_page_of_new_calls_reads_near_titles_in_two_statements_not_one_a_call(db):
    record_sightings(db, page("find_a_grant", 0), run_id=1, now=NOW)
    ran = statements(db, lambda: record_sightings(db, page("govuk_news", 100), run_id=2, now=NOW))
    assert sum("opportunities_same_call" in sql for sql in ran) == 2
    assert len(rows(db, "opportunities")) == 200


def test_a_twin_found_through_the_pages_reading_and_after_a_merge_in_the_same_page(db):
    # The first call of the page is found in what the page read at its start; its merge writes, so
    # the third (a typo: another title key, the same lead) is looked up in the repository again and
    # finds the second, written before that merge.
    stored = sighting("find_a_grant", "https://fag.example/lahf", title="Housing Fund Round 4")
    kept = record_sightings(db, [stored], run_id=1, now=NOW)[0].opportunity_id
    arriving = [
        sighting("govuk_news", "https://gov.example/lahf", title="Housing Fnd Round 4"),
        sighting("govuk_news", "https://gov.example/luf", title="Levelling Up Fund Round 4"),
        sighting("council_digest", "https://digest.example/luf", title="Levelling Up Fnud Round 4"),
    ]
    outcomes = record_sightings(db, arriving, run_id=2, now=NOW)
    assert outcomes[0].opportunity_id == kept
    assert outcomes[2].opportunity_id == outcomes[1].opportunity_id != kept
    assert len(rows(db, "opportunities")) == 2
