"""SIGTERM to `fundwatch run` alone (`kill PID`, not its process group) while it crawls: the crawl
stops as a stopped `fundwatch crawl` does, and the service ends.

Repro: the service logged "stopped cleanly" at once, then lived on until its crawl process had
read every page, up to the service's crawl timeout of an hour; the same signal sent to its
process group (or Ctrl-C) stopped the crawl after the pages in flight.
"""

from __future__ import annotations

import os
import signal
import subprocess

import pytest

from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import fundwatch_env, start_fundwatch, write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.test_crawl_stopped import crawl_processes
from tests.reliability.test_interrupted_first_round import runs, wait_until

pytestmark = pytest.mark.slow

PAGES = 300  # each answered after half a second: minutes of crawling, were it let run


def test_sigterm_to_the_service_alone_stops_its_crawl_in_flight(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    with Site() as site:
        urls = []
        for n in range(PAGES):
            site.add(
                f"/feed{n}.rss", rss(range(n, n + 1)), hang=0.5, content_type="application/rss+xml"
            )
            urls.append(f"{site.url}/feed{n}.rss")
        config = write_config(tmp_path / "config", [{**feed_source("long", urls[0]), "urls": urls}])
        service = start_fundwatch(
            "run",
            config=config,
            db=db_path,
            # The scheduler runs on the real clock, not the frozen one of the crawl tests.
            env={k: v for k, v in fundwatch_env().items() if k != "FUNDWATCH_NOW"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            # Pages read, not only the run opened: the crawl is under way, its stop handled.
            wait_until(lambda: len(site.paths()) >= 2, service, "the crawl began")
            service.send_signal(signal.SIGTERM)  # the service alone, as `kill PID` does
            # A hang guard, not a timing: unfixed, the service lived for the whole crawl.
            out, _ = service.communicate(timeout=60)
        finally:
            if service.poll() is None:
                os.killpg(service.pid, signal.SIGKILL)
                service.communicate()
    assert service.returncode == 0, out
    assert "stopped cleanly" in out
    assert "crawl long: failed" in out and "the crawl was stopped (a signal)" in out, out
    assert runs(db_path) == {"long": ["failed"]}
    assert crawl_processes(db_path) == []
