"""A crawl stopped part way by a signal fails its run and marks nothing removed.

Repro: SIGTERM to `fundwatch crawl` while it read a source of many pages (a feed of many URLs)
closed the run `ok` and complete, exit 0, and every call on the pages not yet read was marked
removed. Scrapy sets its finish_reason ("shutdown") only after the pipelines have closed, so the
run was judged as if the crawl had reached its end.
"""

from __future__ import annotations

import os
import signal
import subprocess

import pytest
import sqlite_utils

from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import fundwatch, start_fundwatch, write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.test_interrupted_first_round import runs, wait_until

pytestmark = pytest.mark.slow

# At 0.1 s a page (and the tests' 0.05 s delay), the second crawl is well under way when it is
# stopped after two pages: 38 pages (5.7 s) still to read. The stop reads the page in flight only
# (spiders/stopped_requests.py).
PAGES = 40
HANG = 0.1


def serve(site: Site, hang: float) -> list[str]:
    """One call a page, each page answered after `hang` seconds."""
    for n in range(PAGES):
        site.add(
            f"/feed{n}.rss", rss(range(n, n + 1)), hang=hang, content_type="application/rss+xml"
        )
    return [f"{site.url}/feed{n}.rss" for n in range(PAGES)]


def test_a_crawl_stopped_part_way_fails_and_removes_nothing(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    with Site() as site:
        urls = serve(site, hang=0)
        config = write_config(tmp_path / "config", [{**feed_source("many", urls[0]), "urls": urls}])
        assert fundwatch("crawl", config=config, db=db_path).returncode == 0
        serve(site, hang=HANG)  # long enough a crawl for the signal to land part way
        site.clear_log()
        crawl = start_fundwatch(
            "crawl",
            config=config,
            db=db_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            # Pages read, not only the run opened: the crawl is under way, its stop handled.
            wait_until(lambda: len(site.paths()) >= 2, crawl, "the crawl began")
            crawl.send_signal(signal.SIGTERM)
            out, _ = crawl.communicate(timeout=60)  # a hang guard
        finally:
            if crawl.poll() is None:
                os.killpg(crawl.pid, signal.SIGKILL)
                crawl.communicate()
    assert crawl.returncode == 1, out
    assert "many failed: the crawl was stopped (a signal) before it finished" in out, out
    db = sqlite_utils.Database(db_path)
    assert db.execute("select count(*) from events where kind = 'removed'").fetchone()[0] == 0
    assert (
        db.execute("select count(*) from opportunities where removed_at is null").fetchone()[0]
        == PAGES
    )
    assert runs(db_path)["many"] == ["ok", "failed"]
