"""SIGKILL a crawl while one of its detail pages is failing (held, then timed out, at the loopback
site; another answers 404), then crawl again while they still fail, then once they answer again.

A failed detail page leaves the fields only it gives unknown this time, not gone (README: "a
detail page that fails keeps what it gave before"), and the HTTP cache serves no stale copy on a
failure. Whatever the kill interrupted: no field is blanked, no `changed` event goes out at any
step, the killed run failed and no run is left running. Seen, not timed: the kill comes once the
site holds the failing page's request.
"""

from __future__ import annotations

import pytest
import sqlite_utils

from tests.crawl_helpers import write_config
from tests.reliability.kill_sweep import assert_sound, finish, kill_when, start
from tests.unseen_serving import loopback_entry, serve
from tests.unseen_sites import SITES_DIR

pytestmark = pytest.mark.slow

SITE_ID = "detail_timeouts_404"
SLOW = "/funding/library-arts-residencies/"
GONE = "/funding/touring-theatre-grants/"
HOLD = 300  # a hang guard: the request is killed, or times out, long before
FIELDS = "title, amount_max, closes_at, eligibility, council_eligible, status"


def stored(db_path) -> dict[str, tuple]:
    db = sqlite_utils.Database(db_path)
    try:
        return {row[0]: row for row in db.execute(f"SELECT {FIELDS} FROM opportunities")}
    finally:
        db.close()


def changed(db_path) -> int:
    db = sqlite_utils.Database(db_path)
    try:
        return db.execute("SELECT count(*) FROM events WHERE kind = 'changed'").fetchone()[0]
    finally:
        db.close()


def test_a_crawl_killed_on_a_failing_detail_page_blanks_nothing_and_changes_nothing(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    site = serve(SITE_ID)
    try:
        touring = (SITES_DIR / SITE_ID / "festival-seed-fund.html").read_text("utf-8")
        touring = touring.replace("Festival Seed Fund", "Touring Theatre Grants")
        slow = (SITES_DIR / SITE_ID / "library-arts-residencies.html").read_bytes()

        def up() -> None:
            site.add(GONE, touring)
            site.add(SLOW, slow)

        up()
        config = write_config(tmp_path / "config", [loopback_entry(SITE_ID, site)])
        # The 1 s timeout only for the crawl whose pages are held: one answering pages timed
        # out on a loaded machine, and a run meant to be whole was not.
        quick = {"FUNDWATCH_CRAWL_TIMEOUT": "1"}
        code, out = finish("crawl", config=config, db=db_path)
        assert code == 0, out[-3000:]
        first = stored(db_path)
        assert first["Touring Theatre Grants"][1] == 5000, first  # what the detail pages gave
        assert first["Library Arts Residencies"][1] == 3000, first

        site.add(GONE, "<h1>Page not found</h1>", status=404)
        site.add(SLOW, "", hang=HOLD)
        crawl = start(
            "crawl", config=config, db=db_path
        )  # the default timeout: held, not timed out
        site.wait_held(SLOW, timeout=60)
        kill_when(crawl, lambda: True, "the failing detail page was held")
        assert stored(db_path) == first and changed(db_path) == 0

        code, out = finish("crawl", config=config, db=db_path, env=quick)  # they fail still
        assert "Traceback" not in out and "detail page timed out on " in out, out[-3000:]
        assert stored(db_path) == first, "a field the failed page gives was blanked"
        assert changed(db_path) == 0, out[-3000:]

        site.release()
        up()
        code, out = finish("crawl", config=config, db=db_path)
        assert code == 0, out[-3000:]
    finally:
        site.stop()
    assert stored(db_path) == first, "answering again, the pages changed what they gave"
    assert changed(db_path) == 0
    db = sqlite_utils.Database(db_path)
    outcomes = [r[0] for r in db.execute("SELECT outcome FROM runs ORDER BY id")]
    db.close()
    assert outcomes[0] == "ok" and outcomes[1] == "failed" and outcomes[-1] == "ok", outcomes
    assert_sound(db_path)
