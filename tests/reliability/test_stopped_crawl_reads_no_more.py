"""A crawl stopped by a signal reads the page in flight and none of those queued behind it.

Repro: Scrapy's graceful stop waits for every request the engine has in progress, and those include
what it had handed the downloader: up to 16 queued behind the host's one-at-a-time slot. Stopped
with a page in flight, the crawl then read the 15 queued behind it, one by one, a download delay
apart (on live sites, seconds each and up to 30 s timeouts: a stop of minutes).
"""

from __future__ import annotations

import os
import signal

import pytest

from spiders.crawl_exit import STOPPED_RUN
from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import fundwatch_env, start_fundwatch, write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.output_lines import Lines
from tests.reliability.test_interrupted_first_round import runs, wait_until

pytestmark = pytest.mark.slow

PAGES = 40  # more than Scrapy hands its downloader at once (CONCURRENT_REQUESTS, 16)


def test_a_stopped_crawl_reads_only_the_page_in_flight(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    with Site() as site:
        urls = []
        for n in range(PAGES):
            # Every page held until the test releases it: the first asked is in flight, the rest
            # queue behind it in the downloader, whatever order Scrapy asks them in.
            site.add(
                f"/feed{n}.rss", rss(range(n, n + 1)), hang=120, content_type="application/rss+xml"
            )
            urls.append(f"{site.url}/feed{n}.rss")
        config = write_config(
            tmp_path / "config",
            [{**feed_source("many", urls[0]), "urls": urls}],
            crawl={"timeout": 120},
        )
        crawl = start_fundwatch(
            "crawl",
            config=config,
            db=db_path,
            # Scrapy's own log, where the crawl says what its stop dropped
            env=fundwatch_env({"FUNDWATCH_CRAWL_LOG_LEVEL": "INFO"}),
            start_new_session=True,
        )
        err = Lines(crawl.stderr)
        try:
            wait_until(lambda: site.held == 1, crawl, "a page was in flight")
            before = len(site.paths())  # robots.txt: every page is still held
            crawl.send_signal(signal.SIGTERM)
            err.wait_for("queued request(s) dropped unread", crawl)
            site.release()
            crawl.wait(timeout=60)
        finally:
            if crawl.poll() is None:
                os.killpg(crawl.pid, signal.SIGKILL)
                crawl.wait()
        out = crawl.stdout.read()
        said = err.finish()
        after = site.paths()[before:]
    assert len(after) == 1 and after[0].startswith("/feed"), after  # the page in flight, no other
    assert crawl.returncode == 1, out + said
    # The dropped requests are no problem of the source's: the run's reason is the stop alone,
    # which source health passes over.
    assert f"many failed: {STOPPED_RUN}" in out, out
    assert "Traceback" not in said
    assert runs(db_path) == {"many": ["failed"]}
