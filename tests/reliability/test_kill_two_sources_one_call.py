"""Two sources on two hosts list the same calls (only the titles match: every merge is the
cross-source title decision, storage/record.py reading a page's near titles at the start of its
unit). Their crawls start together and write at once (different hosts: no lock keeps them
apart); once each has stored a unit and waits on its held last page, one is SIGKILLed, the other
let go, and the killed one crawled again to the end.

Each call is ONE opportunity with both sources' listings, never two; no listing is lost; each
call is announced once; the killed run failed, the others ok.
"""

from __future__ import annotations

from collections import Counter

import pytest
import sqlite_utils

from spiders.pipelines import PAGE_LIMIT
from spiders.sources.site import LoopbackSite as Site
from storage.db import open_db
from tests.crawl_helpers import write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.kill_sweep import assert_sound, count, finish, kill_when, start

pytestmark = pytest.mark.slow

PAGES = 6
# The pages before the held last one hold more than a unit's limit: a full unit is stored at
# once (spiders/pipelines.py), so one lands before the crawl waits on its last page.
PER_PAGE = PAGE_LIMIT // (PAGES - 2)
CALLS = PAGES * PER_PAGE
HOLD = 120  # a hang guard: the test kills the crawl waiting on it


def pages(site: Site, prefix: str, hold_last: bool) -> list[str]:
    urls = []
    for p in range(PAGES):
        calls = range(p * PER_PAGE, (p + 1) * PER_PAGE)
        hang = HOLD if hold_last and p == PAGES - 1 else 0
        body = rss(calls, path_prefix=prefix)
        site.add(f"/feed{p}.rss", body, content_type="application/rss+xml", hang=hang)
        urls.append(f"{site.url}/feed{p}.rss")
    return urls


def test_two_sources_of_one_call_crawled_at_once_one_killed_keep_one_opportunity(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    open_db(db_path).close()
    with Site() as a_site, Site(host="127.0.0.2") as b_site:
        sources = [
            {**feed_source("source_a", ""), "urls": pages(a_site, "/calls", hold_last=True)},
            {**feed_source("source_b", ""), "urls": pages(b_site, "/news", hold_last=True)},
        ]
        config = write_config(tmp_path / "config", sources, crawl={"timeout": 2 * HOLD})
        a = start("crawl", "source_a", config=config, db=db_path)
        b = start("crawl", "source_b", config=config, db=db_path)
        # Both mid-crawl at once, seen: each has a unit stored and waits on its held last page.
        for site in (a_site, b_site):
            site.wait_held(f"/feed{PAGES - 1}.rss", timeout=HOLD)
        stored = "SELECT count(DISTINCT source_id) FROM listings"
        kill_when(a, lambda: count(db_path, stored) == 2, "a unit of each source landed")
        a_site.release()
        b_site.release()
        out, _ = b.communicate(timeout=HOLD)
        assert b.returncode == 0, out[-3000:]
        code, again = finish("crawl", "source_a", config=config, db=db_path)
    assert code == 0, again[-3000:]

    db = sqlite_utils.Database(db_path)
    try:
        per_source = dict(db.execute("SELECT source_id, count(*) FROM listings GROUP BY 1"))
        assert per_source == {"source_a": CALLS, "source_b": CALLS}, per_source
        listed = Counter(
            r[0] for r in db.execute("SELECT opportunity_id FROM listings WHERE removed_at IS NULL")
        )
        assert db["opportunities"].count == CALLS, "a call stored as two opportunities"
        assert set(listed.values()) == {2}, "a call's listings split across opportunities"
        new = Counter(
            r[0] for r in db.execute("SELECT opportunity_id FROM events WHERE kind = 'new'")
        )
        assert len(new) == CALLS and set(new.values()) == {1}, "a call announced twice or never"
        outcomes: dict[str, list[str]] = {}
        for source_id, outcome in db.execute("SELECT source_id, outcome FROM runs ORDER BY id"):
            outcomes.setdefault(source_id, []).append(outcome)
    finally:
        db.close()
    assert outcomes == {"source_a": ["failed", "ok"], "source_b": ["ok"]}, outcomes
    assert_sound(db_path)
