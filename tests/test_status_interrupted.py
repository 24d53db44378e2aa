"""`fundwatch sources status` after the service was stopped (SIGTERM) mid-crawl: the source's last
crawl shows as interrupted, with why, not as a failure without a reason.

Before: source health rightly passed over the stopped run, so the source stayed ok, but the table
said "ok  last crawl failed, 0 items; …" with no reason line (the reason is printed only for a
failing source), and --json had last_outcome "failed". Real parts: a `fundwatch crawl`, a real
`fundwatch run` stopped by SIGTERM while its crawl waits on a held page, the status command.
"""

from __future__ import annotations

import json
import signal
import subprocess
from datetime import UTC, datetime, timedelta

from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import ROOT, fundwatch, fundwatch_command, fundwatch_env, write_config
from tests.test_crawl_e2e import FEED, ROBOTS


def test_a_crawl_stopped_with_the_service_shows_as_interrupted(tmp_path):
    db = tmp_path / "fw.db"
    with Site() as site:
        site.add("/robots.txt", ROBOTS, content_type="text/plain")
        site.add("/feed.atom", FEED, content_type="application/atom+xml")
        config = write_config(
            tmp_path / "config",
            [{"id": "feed", "kind": "feed", "urls": [f"{site.url}/feed.atom"], "every": "1h"}],
        )
        earlier = (datetime.now(UTC) - timedelta(hours=2)).isoformat()  # due again at start
        crawled = fundwatch("crawl", config=config, db=db, env={"FUNDWATCH_NOW": earlier})
        assert crawled.returncode == 0, crawled.stdout + crawled.stderr
        site.add("/feed.atom", FEED, content_type="application/atom+xml", hang=600)
        env = fundwatch_env()
        env.pop("FUNDWATCH_NOW")  # the service on the real clock
        service = subprocess.Popen(
            fundwatch_command("run", config=config, db=db),
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            site.wait_held("/feed.atom", timeout=60)
            service.send_signal(signal.SIGTERM)
            out, _ = service.communicate(timeout=60)
        finally:
            if service.poll() is None:
                service.kill()
                service.wait()
    assert service.returncode == 0, out
    status = fundwatch("sources", "status", config=config, db=db, env={"FUNDWATCH_NOW": ""})
    lines = status.stdout.splitlines()
    assert status.returncode == 0, status.stdout + status.stderr  # not failing: a stop is no fault
    assert lines[0].startswith("feed ") and " ok " in lines[0], lines
    assert "last crawl interrupted" in lines[0], lines
    assert "  interrupted: the crawl was stopped (a signal) before it finished" in lines, lines
    listed = fundwatch("sources", "status", "--json", config=config, db=db)
    assert json.loads(listed.stdout)["last_outcome"] == "interrupted"
