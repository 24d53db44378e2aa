"""`sources status` while a crawl runs, and after one is SIGKILLed as a whole (a power cut, the
OOM killer taking both processes): before, both looked alike, the previous ok crawl and nothing
else, though the runs table held a run marked `running` whose process was gone (it stays so until
the source's next crawl closes it as failed). Now the live crawl is "crawling now", the dead
one "interrupted", told apart by the source's crawl lock (held only by a live process)."""

from __future__ import annotations

import json
import os
import signal

import pytest

from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import fundwatch, write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.kill_sweep import count, start
from tests.reliability.test_interrupted_first_round import wait_until

pytestmark = pytest.mark.slow


def status(config, db_path) -> tuple[str, dict]:
    text = fundwatch("sources", "status", config=config, db=db_path)
    as_json = fundwatch("sources", "status", "--json", config=config, db=db_path)
    return text.stdout, json.loads(as_json.stdout.splitlines()[0])


def test_status_tells_a_crawl_under_way_from_one_killed_part_way(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    with Site() as site:
        site.add("/feed.rss", rss(range(5)), content_type="application/rss+xml")
        # The second page is held (until the crawl is killed; 120 s a hang guard): the crawl is
        # under way, its run open, while status is asked.
        site.add("/more.rss", rss(range(5, 10)), content_type="application/rss+xml", hang=120)
        entry = {**feed_source("energy", f"{site.url}/feed.rss")}
        entry["urls"] = [f"{site.url}/feed.rss", f"{site.url}/more.rss"]
        config = write_config(tmp_path / "config", [entry], crawl={"timeout": 120})
        crawl = start("crawl", config=config, db=db_path)
        opened = "SELECT count(*) FROM runs WHERE outcome = 'running'"
        wait_until(lambda: count(db_path, opened) == 1, crawl, "its run opened")
        site.wait_held("/more.rss")
        live_text, live = status(config, db_path)
        os.killpg(crawl.pid, signal.SIGKILL)  # the command and its crawl process at once
        crawl.wait(timeout=60)
        dead_text, dead = status(config, db_path)
    assert "crawling now: started" in live_text, live_text
    assert live["unfinished"]["alive"] is True, live
    assert "interrupted: the crawl started" in dead_text, dead_text
    assert dead["unfinished"]["alive"] is False, dead
    assert count(db_path, opened) == 1  # status only reads: the next crawl closes the run
