"""A crawl's start-up sweep of lock files (spiders/crawl_process.py: every `crawl-*`/`host-*` file
no live process holds is removed) beside a live crawl that holds them, then that crawl SIGKILLed.

Crawl A holds its source's and host's locks while its feed is held at the loopback site; crawl B
(the same source, or another source on the same host) starts then: its sweep removes a lock file
a killed crawl left, never A's, and B waits for A, saying so (README: a second crawl waits). A is
killed (its whole group: a power cut); B goes on at once, crawls and ends ok; a crawl C after it
proceeds too. Seen, not timed: each step waits for what the site, a file or a process shows.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
import sqlite_utils

from spiders.sources.site import LoopbackSite as Site
from storage.db import open_db
from storage.locks import is_held, lock_dir, lock_path
from tests.crawl_helpers import ROOT, fundwatch_env, start_fundwatch, write_config
from tests.reliability.generated import feed_source, rss
from tests.reliability.kill_sweep import GUARD_S, assert_sound, finish, start
from tests.reliability.test_crawl_stopped_early import wait_for_text

pytestmark = pytest.mark.slow

CALLS = 5
HOLD = 120  # a hang guard: the test releases the held feed as soon as A is dead


def left_by_a_dead_crawl(db_path, name: str) -> None:
    """A lock file as a killed crawl leaves it: written, then its process gone."""
    code = "import sys; from storage.locks import FileLock; from pathlib import Path; "
    code += "FileLock(Path(sys.argv[1]), 'a dead crawl').acquire()"
    subprocess.run(
        [sys.executable, "-c", code, str(lock_path(db_path, name))], cwd=ROOT, check=True
    )


@pytest.mark.parametrize("second", ["same source", "same host"])
def test_a_crawl_waiting_on_a_killed_crawls_locks_goes_on_and_so_does_the_next(tmp_path, second):
    db_path = tmp_path / "fundwatch.db"
    open_db(db_path).close()
    with Site() as site:
        site.add("/a.rss", rss(range(CALLS)), content_type="application/rss+xml", hang=HOLD)
        site.add(
            "/b.rss", rss(range(CALLS), path_prefix="/news"), content_type="application/rss+xml"
        )
        sources = [
            feed_source("feed_a", f"{site.url}/a.rss"),
            feed_source("feed_b", f"{site.url}/b.rss"),
        ]
        config = write_config(tmp_path / "config", sources, crawl={"timeout": 2 * HOLD})
        host = site.url.split("://", 1)[1].split(":")[0]
        mine = [lock_path(db_path, "crawl-feed_a"), lock_path(db_path, f"host-{host}")]
        left_by_a_dead_crawl(db_path, "host-gone.example")
        a = start("crawl", "feed_a", config=config, db=db_path)
        b_err = tmp_path / "b.err"
        try:
            site.wait_held("/a.rss", timeout=GUARD_S)
            assert all(is_held(path) for path in mine)
            b_id = "feed_a" if second == "same source" else "feed_b"
            with b_err.open("w") as stderr:
                b = start_fundwatch("crawl", b_id, config=config, db=db_path,
                                    env=fundwatch_env(), stderr=stderr, start_new_session=True)  # fmt: skip
            wait_for_text(b_err, "waiting for", b, GUARD_S)  # B still running
            said = b_err.read_text()
            # B's sweep ran before it waited: the dead crawl's file gone, A's live ones kept.
            assert not lock_path(db_path, "host-gone.example").exists()
            assert all(path.exists() and is_held(path) for path in mine), said
        finally:
            if a.poll() is None:
                os.killpg(a.pid, signal.SIGKILL)  # A, killed while B waits on its locks
            a.communicate()
            site.release()
        out, _ = b.communicate(timeout=GUARD_S)
        assert b.returncode == 0, out + b_err.read_text()
        code, c_out = finish("crawl", "feed_a", config=config, db=db_path)
    assert code == 0 and "waiting for" not in c_out, c_out
    db = sqlite_utils.Database(db_path)
    outcomes = [r[0] for r in db.execute("SELECT outcome FROM runs ORDER BY id")]
    assert outcomes == ["failed", "ok", "ok"], outcomes  # A interrupted, B and C whole
    live = db.execute("SELECT count(*) FROM opportunities WHERE removed_at IS NULL").fetchone()[0]
    assert live == CALLS
    db.close()
    assert_sound(db_path)
    assert not any(p.name.startswith(("crawl-", "host-")) for p in lock_dir(db_path).glob("*.lock"))
