"""SIGTERM to `fundwatch run` alone (`kill PID`, not its process group) while it crawls: the crawl
stops as a stopped `fundwatch crawl` does, and the service ends.

Repro: the service logged "stopped cleanly" at once, then lived on until its crawl process had
read every page, up to the service's crawl timeout of an hour; the same signal sent to its
process group (or Ctrl-C) stopped the crawl after the pages in flight.
"""

from __future__ import annotations

import os
import signal

import pytest

from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.test_crawl_stopped import crawl_processes
from tests.reliability.test_interrupted_first_round import runs, service, wait_until

pytestmark = pytest.mark.slow

# Each answered after a tenth of a second, at the tests' 0.05 s delay: 90 s of crawling were it let
# run, past the 60 s guard below. The stop reads the page in flight only (the queued ones are
# dropped: spiders/stopped_requests.py).
PAGES = 600
HANG = 0.1


def test_sigterm_to_the_service_alone_stops_its_crawl_in_flight(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    with Site() as site:
        urls = []
        for n in range(PAGES):
            site.add(
                f"/feed{n}.rss", rss(range(n, n + 1)), hang=HANG, content_type="application/rss+xml"
            )
            urls.append(f"{site.url}/feed{n}.rss")
        config = write_config(tmp_path / "config", [{**feed_source("long", urls[0]), "urls": urls}])
        running = service(config, db_path)
        try:
            # Pages read, not only the run opened: the crawl is under way, its stop handled.
            wait_until(lambda: len(site.paths()) >= 2, running, "the crawl began")
            running.send_signal(signal.SIGTERM)  # the service alone, as `kill PID` does
            # A hang guard, not a timing: unfixed, the service lived for the whole crawl.
            out, _ = running.communicate(timeout=60)
        finally:
            if running.poll() is None:
                os.killpg(running.pid, signal.SIGKILL)
                running.communicate()
    assert running.returncode == 0, out
    assert "stopped cleanly" in out
    assert "crawl long: failed" in out and "the crawl was stopped (a signal)" in out, out
    assert runs(db_path) == {"long": ["failed"]}
    assert crawl_processes(db_path) == []
