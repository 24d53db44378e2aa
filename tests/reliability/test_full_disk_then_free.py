"""A crawl whose disk fills part way through a source, then the same crawl once space is freed.

What the full disk cut short is nothing half-written: every call stored has its listing and its
events, no run is left running. And the crawl after it, on free space, completes: every call
stored once, each with one listing and its `new` event once, the failed run followed by an ok one.
(tests/reliability/test_full_disk_mid_crawl.py checks what the cut-short crawl says.)

A real full disk, as there: the repository on a small tmpfs in a mount namespace of the test's
own, filled to within a few hundred KB before the crawl of a large feed; freed by removing the
filler and growing the tmpfs (the operator freeing space).
"""

from __future__ import annotations

import sqlite3

import pytest

from tests.reliability.generated import rss
from tests.reliability.small_disk import crawl_small_then_big, namespaces_work

pytestmark = pytest.mark.slow

CALLS = 400

FILLED_THEN_FREED = """
mount -t tmpfs -o size=6m tmpfs {disk} || exit 97
{first} > {out}/first.out 2>&1 || exit 98
free=$(df -k --output=avail {disk} | tail -1)
dd if=/dev/zero of={disk}/filler bs=1k count=$((free - 2500)) 2>/dev/null
{second} > {out}/second.out 2>&1
echo $? > {out}/second.rc
cp {disk}/fw.db {out}/full.db && cp {disk}/fw.db-wal {out}/full.db-wal 2>/dev/null
rm {disk}/filler && mount -o remount,size=256m {disk} || exit 96
{second} > {out}/third.out 2>&1
echo $? > {out}/third.rc
cp {disk}/fw.db {out}/ && cp {disk}/fw.db-wal {out}/ 2>/dev/null
exit 0
"""


def sound(path) -> dict:
    """What a repository holds, and what would be half-written in it."""
    with sqlite3.connect(path) as db:
        one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "integrity": one("PRAGMA integrity_check"),
            "big": one("SELECT count(*) FROM listings WHERE source_id = 'big'"),
            "without a listing": one(
                "SELECT count(*) FROM opportunities o WHERE NOT EXISTS "
                "(SELECT 1 FROM listings l WHERE l.opportunity_id = o.id)"
            ),
            "twice announced": one(
                "SELECT count(*) FROM (SELECT opportunity_id FROM events WHERE kind = 'new' "
                "GROUP BY opportunity_id HAVING count(*) > 1)"
            ),
            "unannounced": one(
                "SELECT count(*) FROM opportunities o WHERE NOT EXISTS "
                "(SELECT 1 FROM events e WHERE e.opportunity_id = o.id AND e.kind = 'new')"
            ),
            "running": one("SELECT count(*) FROM runs WHERE outcome = 'running'"),
            "big runs": [
                r[0] for r in db.execute("SELECT outcome FROM runs WHERE source_id = 'big'")
            ],
        }


@pytest.mark.skipif(not namespaces_work(), reason="no mount namespace for a small disk here")
def test_a_crawl_cut_short_by_a_full_disk_half_writes_nothing_and_the_next_completes(tmp_path):
    big = rss(range(CALLS), path_prefix="/big", note=" and more words" * 80)
    out, done = crawl_small_then_big(tmp_path, FILLED_THEN_FREED, big)
    assert done.returncode == 0, (done.returncode, done.stderr, (out / "first.out").read_text())
    assert (out / "second.rc").read_text().strip() == "1", (out / "second.out").read_text()
    full = sound(out / "full.db")
    assert 0 < full.pop("big") < CALLS, "the disk did not fill part way through"
    assert full == {
        "integrity": "ok",
        "without a listing": 0,
        "twice announced": 0,
        "unannounced": 0,
        "running": 0,
        "big runs": ["failed"],
    }
    assert (out / "third.rc").read_text().strip() == "0", (out / "third.out").read_text()
    assert sound(out / "fw.db") == {
        "integrity": "ok",
        "big": CALLS,
        "without a listing": 0,
        "twice announced": 0,
        "unannounced": 0,
        "running": 0,
        "big runs": ["failed", "ok"],
    }
