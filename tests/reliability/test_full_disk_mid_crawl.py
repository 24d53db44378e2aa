"""A crawl whose disk fills part way through a source: the per-source summary still comes, with
one problem line for it, and every call already stored is kept.

A real full disk: the repository on a small tmpfs (a mount namespace of the test's own, `unshare
-m`), filled to within a few hundred KB before the second crawl, which then stores a large feed.
Before: every remaining call was tried, and refused, one by one: a line each on stderr (2,994
"could not store …" lines for one feed) and the run's reason five of them "and 2989 more".
"""

from __future__ import annotations

import re
import sqlite3

import pytest

from tests.reliability.generated import rss
from tests.reliability.small_disk import crawl_small_then_big, namespaces_work

pytestmark = pytest.mark.slow

FILLED = """
mount -t tmpfs -o size=6m tmpfs {disk} || exit 97
{first} > {out}/first.out 2>&1 || exit 98
free=$(df -k --output=avail {disk} | tail -1)
dd if=/dev/zero of={disk}/filler bs=1k count=$((free - 2500)) 2>/dev/null
{second} > {out}/second.out 2> {out}/second.err
echo $? > {out}/second.rc
cp {disk}/fw.db {disk}/fw.db-wal {out}/ 2>/dev/null
exit 0
"""


@pytest.mark.skipif(not namespaces_work(), reason="no mount namespace for a small disk here")
def test_a_disk_that_fills_mid_crawl_keeps_what_was_stored_and_says_so_once(tmp_path):
    out, done = crawl_small_then_big(
        tmp_path, FILLED, rss(range(3000), note=" and more words" * 20)
    )
    assert done.returncode == 0, (done.returncode, done.stderr, (out / "first.out").read_text())
    said, err = (out / "second.out").read_text(), (out / "second.err").read_text()
    assert (out / "second.rc").read_text().strip() == "1", said + err
    assert "1 source(s): 0 ok, 1 failed" in said, said
    (problem,) = [line for line in said.splitlines() if line.startswith("  big failed: ")]
    found = re.search(
        r"could not store 'Community Energy Fund call \d{4}' nor the (\d+) call\(s\) after it: "
        r"cannot write to the repository .*free some space and try again$",
        problem,
    )
    assert found and int(found[1]) > 0, problem
    assert len(problem) < 600, problem
    assert err.count("could not store") == 1, err[:2000]
    with sqlite3.connect(out / "fw.db") as kept:
        assert kept.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        runs = dict(kept.execute("SELECT source_id, items FROM runs").fetchall())
        by_source = dict(
            kept.execute("SELECT source_id, count(*) FROM listings GROUP BY source_id").fetchall()
        )
    assert by_source["small"] == 3  # the first crawl's calls
    assert 0 < by_source["big"] == runs["big"] < 3000  # each call counted stored is there
