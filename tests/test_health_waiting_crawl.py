"""A source whose crawl is under way (holding its crawl lock, waiting its host's turn behind
another source's long crawl) is not turned failing for having no recent success: a wait is not a
failure. Its crawl decides, once it ends.

Before: a source crawled every 10 minutes on a host shared with a source whose crawl takes an
hour went stale while its crawl waited for the host (no run row is opened before the locks are
held), so the service's health pass told the curators it was failing, then, its crawl done, that
it was working again, every time the long crawl came round. Real parts: the repository, the
crawl lock a waiting crawl process holds (storage/locks.py), the service's health job.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from notifier.service import Service
from storage.db import open_db
from storage.health import health_states
from storage.locks import source_lock
from storage.runs import finish_run, start_run
from tests.crawl_helpers import write_config

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
QUICK = {
    "id": "quick",
    "kind": "feed",
    "urls": ["https://funder.example.org/quick.rss"],
    "every": "10m",
}


def test_a_crawl_waiting_its_hosts_turn_does_not_turn_its_source_failing(tmp_path, monkeypatch):
    monkeypatch.setenv("FUNDWATCH_NOW", NOW.isoformat())
    config = write_config(tmp_path / "config", [QUICK], [])
    db_path = tmp_path / "fw.db"
    db = open_db(db_path)
    run = start_run(db, "quick", "b1", NOW - timedelta(minutes=45))  # 45 min ago: 4.5 cadences
    finish_run(db, run.id, NOW - timedelta(minutes=44), problems=[], complete=True, counts={})
    db.close()
    service = Service(config_dir=config, db_path=db_path, env={})

    waiting = source_lock(db_path, "quick", "crawl batch b2")  # as a crawl process holds it
    assert waiting.try_acquire()
    try:
        said = service.health()
        assert "turned failing" not in said, said
        db = open_db(db_path)
        assert health_states(db).get("quick", {}).get("state") != "failing"
        db.close()
    finally:
        waiting.release(remove=True)

    said = service.health()  # no crawl under way: stale it is
    assert "1 turned failing: quick" in said, said
