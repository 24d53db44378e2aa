"""A source failing for more runs than health reads back still shows when it last worked.

Seen walking a service whose broken sources were crawled every few minutes: after ten failed
runs `fundwatch sources status` said `last success never` for a source that had worked, and the
curators' reason would read "never crawled successfully". Runs are written with the storage
functions a crawl uses; the command is the real one.
"""

from __future__ import annotations

import json
from datetime import timedelta

from storage.db import open_db
from storage.runs import finish_run, start_run
from tests.crawl_helpers import fundwatch, write_config
from tests.notify_helpers import NOW

SOURCE = {
    "id": "broken_feed",
    "kind": "feed",
    "urls": ["https://funder.example/feed"],
    "funder": "Example Funder",
    "every": "1h",
}


def crawl(db, at, problems=()):
    begun = start_run(db, "broken_feed", f"b-{at:%d%H}", at)
    counts = {"items": 0 if problems else 3, "fill": json.dumps({"title": 3, "url": 3})}
    finish_run(db, begun.id, at, problems=list(problems), complete=not problems, counts=counts)


def test_status_after_more_failed_runs_than_it_reads_names_the_last_success(tmp_path):
    config = write_config(tmp_path / "config", [SOURCE])
    db = open_db(tmp_path / "fw.db")
    start = NOW - timedelta(hours=13)
    crawl(db, start)  # 24 Nov 2026, 8pm UK time
    for hour in range(1, 13):
        crawl(db, start + timedelta(hours=hour), ["HTTP 500 on https://funder.example/feed"])
    db.conn.close()
    result = fundwatch("sources", "status", config=config, db=tmp_path / "fw.db")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "last success 24 Nov 2026, 8:00pm" in result.stdout, result.stdout
    assert "failing: HTTP 500 on https://funder.example/feed" in result.stdout
    status = fundwatch("sources", "status", "--json", config=config, db=tmp_path / "fw.db")
    assert json.loads(status.stdout.splitlines()[0])["last_success"] == start.isoformat()
