"""A served page read in several queries while a crawl commits between them shows one state of the
repository, never parts of two.

Repro: Datasette's connections run each statement in a transaction of its own. The call's page read
the call, then its listings, then its versions: a crawl committing a change between the first and
the second read gave "version 2" above a history whose newest change was version 3 (and a feed read
in pages, or a calendar's deadlines then its openings, could mix states the same way).

The moment is made certain, not likely: the real Datasette runs the page's read on its own
connection, with SQLite's statement trace telling the test when the read's second SELECT starts;
right then a crawl's unit (storage's record_sighting on a connection of its own) moves the call's
deadline and commits.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from notifier.export.build import Links, build
from notifier.export.scope import ALL
from notifier.web.site import DATABASE
from storage import web_queries, web_reads
from storage.db import open_db
from storage.record import record_sighting
from storage.sighting import Sighting
from tests.serve_helpers import served
from tests.web_helpers import HEAT as HEAT_CALL
from tests.web_helpers import LATER, london, make_site, move_deadline

HEAT = "Heat network zoning pilot"


class CrawlMidRead:
    """The served repository (Datasette's own Database), with `commit` run once, in the reading
    thread, just as the read's second SELECT begins."""

    def __init__(self, database, commit: Callable[[], None]):
        self.database, self.commit, self.commits = database, commit, 0

    def traced(self, conn: sqlite3.Connection, fn):
        selects = 0

        def statement(sql: str) -> None:
            nonlocal selects
            if sql.lstrip().upper().startswith("SELECT"):
                selects += 1
                if selects == 2:
                    self.commit()
                    self.commits += 1

        conn.set_trace_callback(statement)
        try:
            return fn(conn)
        finally:
            conn.set_trace_callback(None)

    async def execute_fn(self, fn):
        return await self.database.execute_fn(lambda conn: self.traced(conn, fn))


def crawl_moves_the_deadline(db_path) -> Callable[[], None]:
    def commit() -> None:
        db = open_db(db_path)  # the crawl's own connection, as its process has
        try:
            move_deadline(db, to=london(2027, 2, 2, 16, 0), when=LATER + timedelta(days=1))
        finally:
            db.close()

    return commit


def test_a_calls_page_read_while_a_crawl_commits_shows_one_state(tmp_path):
    client, ids = served(tmp_path)
    try:
        database = client.datasette.get_database(DATABASE)
        mid_read = CrawlMidRead(database, crawl_moves_the_deadline(tmp_path / "fundwatch.db"))
        found, seen, versions, _ = client.loop.run_until_complete(
            web_reads.opportunity(mid_read, ids[HEAT])
        )
        assert mid_read.commits == 1  # the crawl did commit in the middle of the read
        # Before: version 2 (and the 26 January deadline) above a history whose newest is 3.
        assert [v["version"] for v in versions] == [found["version"]], (found, versions)
        assert sorted(s["source_id"] for s in seen) == sorted(json.loads(found["source_ids"]))
        after = client.loop.run_until_complete(web_reads.opportunity(database, ids[HEAT]))
        assert after[0]["version"] == 3  # the next page shows the crawl's change, whole
        assert [v["version"] for v in after[2]] == [3, 2]
    finally:
        client.close()


def test_a_feed_read_while_a_crawl_commits_shows_one_state(tmp_path):
    # Feeds and calendars read through on_connection: two reads of one call in one answer.
    client, ids = served(tmp_path)
    try:
        database = client.datasette.get_database(DATABASE)
        mid_read = CrawlMidRead(database, crawl_moves_the_deadline(tmp_path / "fundwatch.db"))

        def read(conn):
            call = web_queries.opportunity(conn, ids[HEAT])
            return call, web_queries.opportunity(conn, ids[HEAT])

        first, second = client.loop.run_until_complete(web_reads.on_connection(mid_read, read))
        assert mid_read.commits == 1
        assert first["closes_at"] == second["closes_at"], (first["closes_at"], second["closes_at"])
    finally:
        client.close()


def test_a_calendar_built_while_a_crawl_commits_shows_one_state(tmp_path):
    # `fundwatch export --format ics` and the served calendars build from a connection: the
    # deadlines are read, then the openings; the crawl renames the call in between.
    config, db_path, ids = make_site(tmp_path, moved=False)
    db = open_db(db_path)
    renamed = {**HEAT_CALL, "title": "Heat network zoning pilot (round 2)"}

    def commit() -> None:
        crawl = open_db(db_path)
        try:
            record_sighting(crawl, Sighting(source_id="ukri", **renamed), run_id=None, now=LATER)
        finally:
            crawl.close()

    mid_read = CrawlMidRead(None, commit)
    before_opening = datetime(2026, 10, 1, 9, tzinfo=UTC)  # the call's opening is still to come
    try:
        body = mid_read.traced(
            db.conn, lambda conn: build("ics", conn, ALL, config.labels(), before_opening, Links())
        )
    finally:
        db.close()
    assert mid_read.commits == 1
    text = body.content.decode()
    summaries = [line for line in text.replace("\r\n ", "").splitlines() if "Heat network" in line]
    assert summaries and all("round 2" not in line for line in summaries), summaries
