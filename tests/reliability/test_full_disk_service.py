"""`fundwatch run` on a repository that cannot take another write (a full disk): each job that
fails says so in one line naming the file and what to do, and the service goes on.

Repro: each failing job logged two tracebacks (the service's and APScheduler's), ending in
"sqlite3.OperationalError: disk I/O error", where the commands say "cannot write to the
repository … free some space and try again". The disk fills as in test_full_disk_delivery.py.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time

import pytest

from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import fundwatch, fundwatch_env, start_fundwatch, write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.test_full_disk_delivery import disk_full

pytestmark = pytest.mark.slow

JOBS = ("job crawl:feed failed: ", "job closing-soon:catch-up failed: ")


def test_jobs_on_a_full_disk_fail_in_one_line_each(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    log = tmp_path / "service.log"
    teams = [{"id": "team", "email": {"to": ["team@example.gov.uk"], "cadence": "instant"}}]
    with Site() as site:
        site.add("/feed.rss", rss(range(3)), content_type="application/rss+xml")
        config = write_config(
            tmp_path / "config", [feed_source("feed", f"{site.url}/feed.rss")], teams
        )
        # Crawled "days ago" (the frozen now): the service, on the real clock, crawls it at once.
        assert fundwatch("crawl", config=config, db=db_path).returncode == 0
        with sqlite3.connect(db_path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the next write grows the WAL
        with log.open("w") as out:
            service = start_fundwatch(
                "run",
                config=config,
                db=db_path,
                env={
                    k: v
                    for k, v in fundwatch_env({"SMTP_HOST": ""}).items()
                    if k != "FUNDWATCH_NOW"
                },
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=disk_full,
            )
            try:
                for _ in range(600):  # bounded: 60 s for the two jobs to run and fail
                    if all(job in log.read_text() for job in JOBS) or service.poll() is not None:
                        break
                    time.sleep(0.1)
            finally:
                service.send_signal(signal.SIGTERM)
                service.wait(timeout=60)
    said = log.read_text()
    for job in JOBS:
        assert f"{job}cannot write to the repository {db_path}" in said, said[-3000:]
    assert "Traceback" not in said, said[-3000:]
    assert "stopped cleanly" in said
