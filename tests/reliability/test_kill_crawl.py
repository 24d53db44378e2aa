"""SIGKILL `fundwatch crawl` two ways, one after the other: its crawl process alone mid-store (the
kernel's OOM killer), then the command alone (`kill -9 PID`); then crawl again to the end.

However it was killed: each call stored once with its listing and announced once (the first round
resumed, not turned into a baseline), no run left running, the killed one failed, the last ok, and
no lock held once every process is gone, no crawl process left. The whole group killed (a power
cut) is tests/reliability/test_storage_faults.py's, at random points of one long page.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

import pytest
import sqlite_utils

from spiders.pipelines import PAGE_LIMIT
from spiders.sources.site import LoopbackSite as Site
from storage.locks import lock_path
from tests.crawl_helpers import write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.kill_sweep import assert_sound, count, finish, start
from tests.reliability.test_crawl_stopped import crawl_processes
from tests.reliability.test_interrupted_first_round import wait_until

pytestmark = pytest.mark.slow

PAGES = 8
# The pages before the held last one hold more than a unit's limit: a full unit is stored at once
# (spiders/pipelines.py), so one lands, whatever the clock, before the crawl waits on the last page.
PER_PAGE = PAGE_LIMIT // (PAGES - 2)
CALLS = PAGES * PER_PAGE


def crawler_pid(db_path) -> int:
    """The crawl process, as it wrote itself into the source's lock ("pid N, …")."""
    holder = lock_path(db_path, "crawl-energy").read_text()
    return int(holder.split(",")[0].removeprefix("pid "))


def test_a_crawl_killed_twice_then_run_again_stores_and_announces_each_call_once(
    tmp_path,
):
    db_path = tmp_path / "fundwatch.db"
    stored = "SELECT count(*) FROM listings"
    with Site() as site:
        urls = []
        for p in range(PAGES):
            calls = range(p * PER_PAGE, (p + 1) * PER_PAGE)
            # The last page is held (until released; 120 s a hang guard): the kill comes once a unit
            # has landed and while that page's calls certainly have not: seen, not timed.
            hang = 120 if p == PAGES - 1 else 0
            site.add(f"/feed{p}.rss", rss(calls), content_type="application/rss+xml", hang=hang)
            urls.append(f"{site.url}/feed{p}.rss")
        config = write_config(
            tmp_path / "config",
            [{**feed_source("energy", urls[0]), "urls": urls}],
            crawl={"timeout": 120},
        )
        # 1. Its crawl process alone, as the OOM killer would: the command lives on and says so.
        crawl = start("crawl", config=config, db=db_path)
        site.wait_held(f"/feed{PAGES - 1}.rss", timeout=120)
        wait_until(lambda: count(db_path, stored) > 0, crawl, "the first unit landed")
        os.kill(crawler_pid(db_path), signal.SIGKILL)
        site.release()  # every later request is answered at once
        out, _ = crawl.communicate(timeout=120)
        assert crawl.returncode == 1 and "exited with code -9" in out, out
        # 2. The command alone (kill -9 PID) once its crawl has begun: its crawl process is left
        # to finish on its own, and the next crawl waits for it, then crawls.
        crawl = start("crawl", config=config, db=db_path)
        opened = "SELECT count(*) FROM runs"
        wait_until(lambda: count(db_path, opened) >= 2, crawl, "its run opened")
        os.kill(crawl.pid, signal.SIGKILL)
        crawl.communicate(timeout=120)
        code, again = finish("crawl", config=config, db=db_path)
        orphans = crawl_processes(db_path)
    assert code == 0, again
    assert orphans == [], "a crawl process outlived the crawl after it"

    db = sqlite_utils.Database(db_path)
    try:
        assert db["opportunities"].count == CALLS
        assert db["listings"].count == CALLS
        new = Counter(
            r[0] for r in db.execute("SELECT opportunity_id FROM events WHERE kind = 'new'")
        )
        assert len(new) == CALLS and set(new.values()) == {1}, "a call announced twice or never"
        outcomes = [r[0] for r in db.execute("SELECT outcome FROM runs ORDER BY id")]
    finally:
        db.close()
    assert outcomes[0] == "failed" and outcomes[-1] == "ok", outcomes
    assert_sound(db_path)
