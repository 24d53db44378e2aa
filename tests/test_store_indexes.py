"""Each index on opportunities costs every new call a write at a random place, so one that no query
reads is not kept (benchmarks/store_scale.py: a page's commit is mostly those writes)."""

from __future__ import annotations

from storage.db import open_db


def indexed_columns(db, table: str) -> set[tuple[str, ...]]:
    return {tuple(index.columns) for index in db[table].indexes}


def test_calls_are_not_indexed_by_url_which_only_their_listings_are_looked_up_by(tmp_path):
    db = open_db(tmp_path / "fundwatch.db")
    assert ("url",) not in indexed_columns(db, "opportunities")
    assert ("url",) in indexed_columns(db, "listings")
    plan = db.execute(
        "EXPLAIN QUERY PLAN SELECT url, opportunity_id, source_id, ref FROM listings "
        "WHERE url IN (?, ?) AND removed_at IS NULL",
        ["https://a.example/1", "https://a.example/2"],
    ).fetchall()
    assert any("idx_listings_url" in step[-1] for step in plan)
