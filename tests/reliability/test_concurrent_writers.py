"""Writers at once on one repository: two crawls of two sources on two hosts (so no host lock
keeps them apart) listing the same calls, while `fundwatch notify` runs again and again beside
them, as the scheduler's delivery job and an operator's crawl do.

The crawl locks (test_concurrent_crawls.py) keep crawls of one source or one host apart; nothing
keeps these apart but SQLite's own write lock and each unit's BEGIN IMMEDIATE. Both sites hold
their feed until both crawls have asked for it, so both crawls store at the same time, each in
several units, while notify claims and marks outbox rows between them. Whatever the interleaving,
each call must be one opportunity with two listings, announced once, alerted once, and no writer
may fail on a busy repository.
"""

from __future__ import annotations

import subprocess

import pytest
import sqlite_utils

from spiders.sources.site import LoopbackSite as Site
from storage.db import open_db
from tests.crawl_helpers import start_fundwatch, write_config
from tests.reliability.generated import feed_source, rss

pytestmark = pytest.mark.slow

CALLS = 1200  # more than two of a crawl's units (at most 500 calls each) per source
HOLD = 60
TEAM = {"id": "energy_team", "events": ["new"], "slack": {"channel": "C0ENERGY01"}}


def test_two_crawls_and_notify_writing_at_once_lose_and_double_nothing(tmp_path):
    with Site() as first, Site(host="127.0.0.2") as second:
        # Only the titles match (the links differ), so every merge is the cross-source decision.
        first.add("/a.rss", rss(range(CALLS)), content_type="application/rss+xml", hang=HOLD)
        second.add(
            "/b.rss",
            rss(range(CALLS), path_prefix="/news"),
            content_type="application/rss+xml",
            hang=HOLD,
        )
        config = write_config(
            tmp_path / "config",
            [
                feed_source("feed_a", f"{first.url}/a.rss"),
                feed_source("feed_b", f"{second.url}/b.rss"),
            ],
            subscriptions=[TEAM],
            crawl={"timeout": 2 * HOLD},
        )
        db_path = tmp_path / "fundwatch.db"
        open_db(db_path).close()
        crawls = [
            start_fundwatch("crawl", source, config=config, db=db_path)
            for source in ("feed_a", "feed_b")
        ]
        notified: list[subprocess.CompletedProcess] = []
        try:
            first.wait_held("/a.rss")
            second.wait_held("/b.rss")
            first.release()
            second.release()
            while any(crawl.poll() is None for crawl in crawls):
                notified.append(notify(config, db_path))
            notified.append(notify(config, db_path))  # whatever the last crawl unit announced
        finally:
            for crawl in crawls:
                if crawl.poll() is None:
                    crawl.kill()
        crawled = [(crawl.returncode, *crawl.communicate(timeout=120)) for crawl in crawls]

    for code, out, err in crawled:
        assert code == 0 and "Traceback" not in err and "locked" not in err, (out, err[-3000:])
    for run in notified:
        assert run.returncode == 0 and "Traceback" not in run.stderr, run.stdout + run.stderr
    db = sqlite_utils.Database(db_path)
    count = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    assert count("select count(*) from opportunities") == CALLS
    assert count("select count(*) from listings") == 2 * CALLS
    assert count("select count(distinct opportunity_id) from listings") == CALLS
    new = list(
        db.query("select opportunity_id, count(*) n from events where kind='new' group by 1")
    )
    assert len(new) == CALLS and {row["n"] for row in new} == {1}, "a call was announced twice"
    alerts = list(db.query("select opportunity_id, status from outbox"))
    assert len(alerts) == CALLS and len({row["opportunity_id"] for row in alerts}) == CALLS
    assert {row["status"] for row in alerts} == {"sent"}, "an alert was left behind"
    assert count("pragma integrity_check") == "ok"


def notify(config, db_path) -> subprocess.CompletedProcess:
    run = start_fundwatch("notify", config=config, db=db_path)
    out, err = run.communicate(timeout=120)
    return subprocess.CompletedProcess(run.args, run.returncode, out, err)
