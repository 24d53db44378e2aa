"""A curator's commands while a crawl of the same source runs (holding its source's and host's
locks, its run open, its last page held at the loopback site): `sources ack`, `sources status`,
`sources try --file`. Each answers as README says, at once, with no traceback: ack acknowledges
the failing source (exit 0), status shows it failing and being crawled now (exit 1), try reads
the saved page (exit 0). Then the crawl ends well: the source recovers and the acknowledgement
goes with the failing state (the next failure is told again).
"""

from __future__ import annotations

import pytest

from spiders.sources.site import LoopbackSite as Site
from storage.db import open_db
from storage.health import health_states
from tests.crawl_helpers import fundwatch, write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.kill_sweep import assert_sound, count, start

pytestmark = pytest.mark.slow

RSS = "application/rss+xml"


def test_ack_status_and_try_while_the_source_is_crawled(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    saved = tmp_path / "feed.rss"
    saved.write_text(rss(range(3), site="https://funding.example.org"))
    with Site() as site:
        site.add("/feed0.rss", "Server error", status=500)
        urls = [f"{site.url}/feed0.rss", f"{site.url}/feed1.rss"]
        source = {**feed_source("energy", urls[0]), "urls": urls}
        config = write_config(tmp_path / "config", [source], crawl={"timeout": 120})
        failed = fundwatch("crawl", config=config, db=db_path)
        assert failed.returncode == 1, failed.stdout + failed.stderr

        site.add("/feed0.rss", rss(range(3)), content_type=RSS)
        site.add("/feed1.rss", rss(range(3, 6)), content_type=RSS, hang=120)  # a hang guard
        crawl = start("crawl", config=config, db=db_path)
        try:
            site.wait_held("/feed1.rss", timeout=60)
            assert count(db_path, "SELECT count(*) FROM runs WHERE outcome = 'running'") == 1

            ack = fundwatch("sources", "ack", "energy", config=config, db=db_path)
            status = fundwatch("sources", "status", config=config, db=db_path)
            tried = fundwatch(
                "sources", "try", "energy", "--file", str(saved), config=config, db=db_path
            )
        finally:
            site.release()
        out, _ = crawl.communicate(timeout=120)
        assert crawl.returncode == 0, out

    for said in (ack, status, tried):
        assert "Traceback" not in said.stdout + said.stderr, said.stdout + said.stderr
    assert ack.returncode == 0, ack.stdout + ack.stderr
    assert ack.stdout.startswith("energy: acknowledged; curators get no more reminders"), ack.stdout
    assert status.returncode == 1, status.stdout + status.stderr
    assert "crawling now" in status.stdout, status.stdout
    assert tried.returncode == 0, tried.stdout + tried.stderr
    assert "Community Energy Fund call 0002" in tried.stdout, tried.stdout

    after = fundwatch("sources", "status", config=config, db=db_path)
    assert after.returncode == 0, after.stdout + after.stderr  # recovered by the crawl
    judged = fundwatch("notify", config=config, db=db_path)  # judges the sources, as the service
    assert judged.returncode == 0, judged.stdout + judged.stderr
    db = open_db(db_path)
    try:
        stored = health_states(db)["energy"]
    finally:
        db.close()
    assert (stored["state"], stored["acked_at"]) == ("ok", None), stored
    assert_sound(db_path)
