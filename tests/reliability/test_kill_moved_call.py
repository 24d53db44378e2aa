"""SIGKILL `fundwatch crawl` after it stored a call at its new link (the site gave it a new id and
link: storage/moved_calls.py) and before the run ended, then crawl again to the end: still one
opportunity for the call, at its new link, nothing lost, and no `removed` for a call still listed.

The killed run never reached its end (the removals and the rejoining are one unit there): the
crawl after it finds the new listing already stored, unchanged, by the dead run, so "first stored
by this run" would not see it as the moved call, and it would stay a second opportunity beside
one marked removed. The kill point is observed: the first unit has landed (the new listing is in
the repository) while the site holds the last page, so the run cannot have ended.
"""

from __future__ import annotations

import pytest
import sqlite_utils

from spiders.pipelines import PAGE_LIMIT
from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import write_config
from tests.reliability.generated import call_title, feed_source, rss
from tests.reliability.kill_sweep import assert_sound, count, finish, kill_when, start

pytestmark = pytest.mark.slow

FIRST = PAGE_LIMIT + 1  # a full unit, and the item that flushes it, before the held page
CALLS = FIRST + 5
MOVED = 7  # the call whose id and link change


def feeds(site: Site, *, moved: bool, hang: float = 0, status: int = 200) -> None:
    first = rss(range(FIRST), site=site.url)
    if moved:  # a new id and a new link for the same call, as a site re-slugged would give
        first = first.replace(f"call-{MOVED:04d}</guid>", f"fund-{MOVED:04d}-2027</guid>")
        first = first.replace(f"/calls/{MOVED:04d}<", f"/funds/{MOVED:04d}-2027<")
    site.add("/feed0.rss", first, content_type="application/rss+xml")
    second = rss(range(FIRST, CALLS), site=site.url)
    site.add("/feed1.rss", second, content_type="application/rss+xml", hang=hang, status=status)


def crawled_once(site: Site, tmp_path):
    db_path = tmp_path / "fundwatch.db"
    urls = [f"{site.url}/feed0.rss", f"{site.url}/feed1.rss"]
    source = {**feed_source("energy", urls[0]), "urls": urls}
    config = write_config(tmp_path / "config", [source], crawl={"timeout": 120})
    feeds(site, moved=False)
    code, out = finish("crawl", config=config, db=db_path)
    assert code == 0, out
    assert count(db_path, "SELECT count(*) FROM listings") == CALLS
    return config, db_path


def test_a_crawl_killed_after_storing_a_moved_call_keeps_one_opportunity_for_it(tmp_path):
    with Site() as site:
        config, db_path = crawled_once(site, tmp_path)
        feeds(site, moved=True, hang=120)  # the last page held until released
        crawl = start("crawl", config=config, db=db_path)
        kill_when(
            crawl,
            lambda: count(db_path, "SELECT count(*) FROM listings") > CALLS,
            "the moved call's new listing was stored",
        )
        site.release()
        feeds(site, moved=True)
        code, out = finish("crawl", config=config, db=db_path)
    assert code == 0, out
    one_opportunity_at_its_new_link(db_path)


def test_a_moved_call_stored_by_a_failed_crawl_is_rejoined_by_the_next_complete_one(tmp_path):
    # Not killed: its last page answered 404, so the run failed and made no removals.
    with Site() as site:
        config, db_path = crawled_once(site, tmp_path)
        feeds(site, moved=True, status=404)
        code, out = finish("crawl", config=config, db=db_path)
        assert code == 1, out
        feeds(site, moved=True)
        code, out = finish("crawl", config=config, db=db_path)
    assert code == 0, out
    one_opportunity_at_its_new_link(db_path)


def one_opportunity_at_its_new_link(db_path) -> None:
    db = sqlite_utils.Database(db_path)
    try:
        outcomes = [r[0] for r in db.execute("SELECT outcome FROM runs ORDER BY id")]
        assert outcomes == ["ok", "failed", "ok"], outcomes
        same = db.execute(
            "SELECT id, url, removed_at FROM opportunities WHERE title = ?", [call_title(MOVED)]
        ).fetchall()
        assert len(same) == 1, f"the moved call is {len(same)} opportunities: {same}"
        assert same[0][1].endswith(f"/funds/{MOVED:04d}-2027") and same[0][2] is None, same
        live = "SELECT count(*) FROM opportunities WHERE removed_at IS NULL"
        assert db.execute(live).fetchone()[0] == CALLS  # none lost
        removed = db.execute("SELECT count(*) FROM events WHERE kind = 'removed'").fetchone()[0]
        assert removed == 0, "a call still listed was said removed"
        new = db.execute("SELECT count(*) FROM events WHERE kind = 'new'").fetchone()[0]
        assert new == CALLS, "the moved call was announced as new"
    finally:
        db.close()
    assert_sound(db_path)
