"""`fundwatch crawl` into a repository that cannot take another write (a full disk): the clear
one-line error, and nothing from Scrapy before it.

Repro: the store pipeline could not open its run, and Scrapy then logged two lines of its own
before the command's: "Scraper close failure ('StorePipeline' object has no attribute 'run_id')"
(closing a run it never opened) and a CoreStats AssertionError (the spider's stats were never
opened). The disk fills as in test_full_disk_delivery.py.
"""

from __future__ import annotations

import sqlite3
import subprocess

import pytest

from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import ROOT, fundwatch, fundwatch_command, fundwatch_env, write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.test_full_disk_delivery import disk_full

pytestmark = pytest.mark.slow


def test_a_crawl_into_a_full_repository_says_so_in_one_line(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    with Site() as site:
        site.add("/feed.rss", rss(range(3)), content_type="application/rss+xml")
        config = write_config(
            tmp_path / "config", [feed_source("feed", f"{site.url}/feed.rss")], []
        )
        assert fundwatch("crawl", config=config, db=db_path).returncode == 0
        with sqlite3.connect(db_path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the next write grows the WAL
        full = subprocess.run(
            fundwatch_command("crawl", config=config, db=db_path),
            cwd=ROOT,
            env=fundwatch_env(),
            capture_output=True,
            text=True,
            preexec_fn=disk_full,
            timeout=120,
        )
    assert full.returncode == 1, full.stdout + full.stderr
    assert full.stderr.splitlines() == [
        "crawling 1 source(s): feed",
        f"fundwatch: cannot write to the repository {db_path} (disk I/O error): "
        "free some space and try again",
    ], full.stderr
    with sqlite3.connect(db_path) as db:  # the repository is as the first crawl left it
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT outcome FROM runs").fetchall() == [("ok",)]
