"""SIGKILL `fundwatch crawl` while it brings an older repository's schema up to date (its first run
after an upgrade), then run it again: the migration completes, nothing half-migrated is left.

The older repository stops before m021, with enough stored calls that re-keying their titles takes
a while (m021 and m023 each rewrite every row, and the full-text index with it). The kill point is
seen, not timed: m021 is recorded as applied (it committed) while the migration lock is still held,
so the crawl is inside a later migration. Each migration lands whole with its record (one
transaction: sqlite-utils' Migrations.apply), so the rerun applies exactly those not recorded, and
the repository ends as one migrated without a kill: the same schema, the same keys, every
migration recorded once.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlite_utils

from spiders.sources.site import LoopbackSite as Site
from storage.db import open_db
from storage.locks import is_held, lock_path
from storage.migrations import migrations
from tests.crawl_helpers import write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.kill_sweep import assert_sound, count, finish, kill_when, start

pytestmark = pytest.mark.slow

OLDER = "m021_title_keys_from_call_names"  # the first migration the older repository lacks
STORED = 12_000  # calls already stored: m021..m023 take seconds over them, not milliseconds
FUNDERS = ("Department for Energy Security and Net Zero", "Arts Council England", "UKRI")


def older_repository(path: Path) -> None:
    """A repository as an fundwatch from before m021 left it, holding STORED calls."""
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before=OLDER)
    db["opportunities"].insert_all(
        (
            {
                "id": f"old-{n}",
                "title": f"Government launches £{n} million Levelling Up Fund: round {n % 9}",
                "url": f"https://funding.example.org/calls/{n}",
                "funder": FUNDERS[n % 3],
                "first_seen": "2026-01-05T09:00:00+00:00",
                "last_seen": "2026-01-05T09:00:00+00:00",
                "last_changed": "2026-01-05T09:00:00+00:00",
                "content_hash": f"h{n}",
                "status": "open",
            }
            for n in range(STORED)
        ),
        batch_size=1000,
    )
    # The insert trigger was retired for bulk indexing (m009): the index is filled as a store
    # would have filled it.
    db["opportunities"].populate_fts(["title", "summary", "funder"])
    db.execute("PRAGMA journal_mode = WAL")
    db.close()


def shape(path: Path) -> dict:
    """What a migration decides: the schema, the migrations recorded, every stored call's keys."""
    db = sqlite_utils.Database(path)
    try:
        return {
            "schema": sorted(
                db.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
            ),
            "applied": [m.name for m in migrations.applied(db)],
            "keys": sorted(
                (r["id"], r["title_key"], r["title_lead"])
                for r in db.query("SELECT * FROM opportunities WHERE id LIKE 'old-%'")
            ),
        }
    finally:
        db.close()


def in_a_later_migration(db_path: Path) -> bool:
    applied = "SELECT count(*) FROM _sqlite_migrations WHERE name = ?"
    return bool(count(db_path, applied, (OLDER,))) and is_held(lock_path(db_path, "migrate"))


def test_a_crawl_killed_mid_migration_is_migrated_whole_by_the_next(tmp_path):
    unkilled = tmp_path / "unkilled.db"
    older_repository(unkilled)
    db_path = tmp_path / "fundwatch.db"
    shutil.copyfile(unkilled, db_path)
    open_db(unkilled).close()  # the same older file, migrated with nobody killing it
    expected = shape(unkilled)
    assert OLDER in expected["applied"] and "m025_drop_unused_url_index" in expected["applied"]

    with Site() as site:
        site.add("/feed.rss", rss(range(3)), content_type="application/rss+xml")
        config = write_config(tmp_path / "config", [feed_source("feed", f"{site.url}/feed.rss")])
        crawl = start("crawl", config=config, db=db_path)
        kill_when(crawl, lambda: in_a_later_migration(db_path), "m021 applied, m022+ under way")
        left = shape(db_path)["applied"]
        assert OLDER in left and left != expected["applied"], "the kill came after the migration"

        code, out = finish("crawl", config=config, db=db_path)
        assert code == 0, out
        assert "1 source(s): 1 ok, 0 failed" in out, out

    migrated = shape(db_path)
    assert migrated["applied"] == expected["applied"]  # each once, in order
    assert migrated["schema"] == expected["schema"]
    assert migrated["keys"] == expected["keys"]
    db = sqlite_utils.Database(db_path)
    try:  # the full-text index agrees with its table (a half re-keyed one reads as malformed)
        db.execute("INSERT INTO opportunities_fts(opportunities_fts) VALUES ('integrity-check')")
    finally:
        db.close()
    assert_sound(db_path)
