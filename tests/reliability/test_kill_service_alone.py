"""SIGKILL `fundwatch run` alone (`kill -9 PID`, the OOM killer choosing the service, systemd's
`KillMode=process`) while its crawl process crawls, then start the service again.

The crawl process is no child of a process group the kill reached: it is orphaned with its output
going to a pipe nobody reads any more. It must still finish its crawl and close its run (not die
on the broken pipe, nor leave its run `running`), and the service started again must not crawl
that source beside it: it waits for the orphan's source lock, then crawls it once more, storing
nothing twice. Seen, not timed: the kill comes once the site holds the crawl's feed request.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

import pytest
import sqlite_utils

from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.kill_sweep import assert_sound, count
from tests.reliability.test_crawl_stopped import crawl_processes
from tests.reliability.test_interrupted_first_round import runs, wait_until
from tests.reliability.test_kill_service import service, stop

pytestmark = pytest.mark.slow

CALLS = 3


def test_the_service_killed_alone_leaves_its_crawl_to_finish_and_crawls_after_it(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    with Site() as site:
        site.add("/feed.rss", rss(range(CALLS)), content_type="application/rss+xml", hang=120)
        config = write_config(
            tmp_path / "config",
            [feed_source("energy", f"{site.url}/feed.rss")],
            crawl={"timeout": 120},
        )
        first = service(config, db_path)
        wait_until(lambda: runs(db_path) == {"energy": ["running"]}, first, "the service crawls")
        site.wait_held("/feed.rss")
        orphans = crawl_processes(db_path)
        assert len(orphans) == 1, orphans
        os.kill(first.pid, signal.SIGKILL)  # the service alone: its crawl process lives on
        first.communicate(timeout=60)

        # Started again, the service resumes the first round the killed one left open: its crawl
        # of the source starts while the orphan still holds the source's lock.
        second = service(config, db_path)
        wait_until(lambda: len(crawl_processes(db_path)) == 2, second, "a second crawl started")
        site.release()  # the orphan's feed is answered: it stores and closes its run
        done = "SELECT count(*) FROM runs WHERE outcome != 'running'"
        wait_until(lambda: count(db_path, done) >= 2, second, "the service crawled after it")
        out = stop(second)
        assert site.most_in_flight == 1, "two crawls of one source asked the site at once"
        left = crawl_processes(db_path)
    assert left == [], f"a crawl process outlived everything: {left}"
    assert runs(db_path) == {"energy": ["ok", "ok"]}, out
    db = sqlite_utils.Database(db_path)
    try:
        new = Counter(
            r[0] for r in db.execute("SELECT opportunity_id FROM events WHERE kind = 'new'")
        )
        assert db["listings"].count == CALLS and sorted(new.values()) == [1] * CALLS, new
        starts = [r[0] for r in db.execute("SELECT started_at FROM runs ORDER BY id")]
        ends = [r[0] for r in db.execute("SELECT finished_at FROM runs ORDER BY id")]
    finally:
        db.close()
    # Run rows are opened once a crawl holds its source's lock: the second after the orphan's end.
    assert starts[1] >= ends[0], "the second crawl began before the orphan's ended"
    assert_sound(db_path)
