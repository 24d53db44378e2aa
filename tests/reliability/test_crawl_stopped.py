"""`fundwatch crawl` stopped by a signal stops its crawl process with it, records the sources it cut
short as stopped, and still prints its per-source summary (exit 1: a source did not finish).

Repro: SIGTERM to `fundwatch crawl` (`kill PID`, a timeout) ended the command silently while its
crawl process crawled on as an orphan; Ctrl-C printed "Aborted!" and its crawl process was killed
with SIGKILL a quarter of a second later, leaving the source it was reading `running`.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import start_fundwatch, write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.test_interrupted_first_round import (
    killed_mid_first_round,
    release_after_the_stop,
    runs,
    wait_until,
)

pytestmark = pytest.mark.slow


def crawl_processes(db_path: Path) -> list[int]:
    """Processes still crawling into this repository (an orphaned crawl process, say)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"spiders.crawl_process" in command and str(db_path).encode() in command:
            found.append(int(entry.name))
    return found


@pytest.mark.parametrize(
    "how", ["SIGTERM to the command", "SIGTERM to its process group", "Ctrl-C at a terminal"]
)
def test_a_stopped_crawl_stops_its_crawl_process_and_prints_its_summary(tmp_path, how):
    db_path = tmp_path / "fundwatch.db"
    with Site() as quick, Site() as slow:
        quick.add("/feed.rss", rss(range(3)), content_type="application/rss+xml")
        # The stop, not the page, decides: the signal must land within this hang, which the test
        # ends soon after signalling (release_after_the_stop) rather than wait out its 10 s.
        slow.add("/feed.rss", "not yet", status=404, hang=10)
        # On the same site, so it waits for `slow`'s turn to end: a stopped crawl never starts it.
        slow.add("/next.rss", rss(range(10, 12)), content_type="application/rss+xml")
        config = write_config(
            tmp_path / "config",
            [
                feed_source("quick", f"{quick.url}/feed.rss"),
                feed_source("slow", f"{slow.url}/feed.rss"),
                feed_source("after_slow", f"{slow.url}/next.rss"),
            ],
            crawl={"timeout": 120},
        )
        crawl = start_fundwatch(
            "crawl",
            config=config,
            db=db_path,
            start_new_session=True,  # a terminal's foreground process group, of its own
            # As at a terminal: a shell starts background jobs with SIGINT ignored.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        try:
            wait_until(lambda: killed_mid_first_round(db_path), crawl, "quick finished")
            if how == "SIGTERM to the command":
                crawl.send_signal(signal.SIGTERM)  # the command alone, as `kill PID` does
            elif how == "SIGTERM to its process group":
                # As a service manager stopping a unit, or `timeout`: the crawl process hears it
                # from the group and again from the command passing it on.
                os.killpg(crawl.pid, signal.SIGTERM)
            else:
                os.killpg(crawl.pid, signal.SIGINT)  # the whole group, as Ctrl-C does
            release_after_the_stop(slow)
            out, err = crawl.communicate(timeout=60)
        finally:
            if crawl.poll() is None:
                os.killpg(crawl.pid, signal.SIGKILL)
                crawl.wait()
        assert crawl.returncode == 1, (crawl.returncode, out, err)
        assert "Aborted!" not in err
        assert "3 source(s): 1 ok, 2 failed" in out, out + err
        assert "  after_slow failed: not started: the crawl was stopped" in out, out + err
        # None left running: `slow` closed with its page's answer, `after_slow` never started.
        assert runs(db_path) == {"quick": ["ok"], "slow": ["failed"], "after_slow": ["failed"]}
        assert crawl_processes(db_path) == []
