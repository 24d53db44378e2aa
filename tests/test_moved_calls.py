"""A call that moved to a new link on its own source (storage/moved_calls.py), in the repository:
the call it was when the crawl that found it there completed and its `new` is still unsaid; a
`new` already routed stays, and the old call is removed as before."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.db import open_db
from storage.opportunities import listing_id, remove_unlisted
from storage.record import record_sighting
from storage.runs import start_run
from tests.test_storage import NOW, rows, sighting

OLD, NEW = "https://x.example/fund", "https://x.example/housing-fund-round-4"


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "fundwatch.db")


def crawl_twice(db) -> int:
    """The call at OLD in a first run, at NEW in a second; the second run's id."""
    first = start_run(db, "src", "b1", NOW)
    record_sighting(db, sighting("src", OLD), run_id=first.id, now=NOW)
    later = NOW + timedelta(days=1)
    second = start_run(db, "src", "b2", later)
    record_sighting(db, sighting("src", NEW), run_id=second.id, now=later)
    return second.id


def test_an_unsaid_new_at_the_new_link_rejoins_the_call(db):
    run_id = crawl_twice(db)
    moved: list[str] = []
    seen = {listing_id("src", NEW)}
    later = NOW + timedelta(days=1)
    assert remove_unlisted(db, "src", seen=seen, run_id=run_id, now=later, moved=moved) == 0
    [call] = rows(db, "opportunities")
    assert moved == [call["id"]] and call["url"] == NEW and call["removed_at"] is None
    assert [e["kind"] for e in rows(db, "events")] == ["new", "changed"]  # the link, a version
    assert {r["opportunity_id"] for r in rows(db, "listings")} == {call["id"]}


def test_a_new_already_routed_stays_and_the_old_call_is_removed(db):
    run_id = crawl_twice(db)
    db.conn.execute("UPDATE events SET routed_at = ?", [NOW.isoformat()])
    later = NOW + timedelta(days=1)
    seen = {listing_id("src", NEW)}
    assert remove_unlisted(db, "src", seen=seen, run_id=run_id, now=later) == 1
    assert len(rows(db, "opportunities")) == 2
    assert [e["kind"] for e in rows(db, "events")] == ["new", "new", "removed"]
