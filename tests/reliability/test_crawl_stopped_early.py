"""A stop signal at any moment of a crawl reads as a stop, even before Scrapy's graceful handler is
installed (it is only once the reactor runs): the sources read "the crawl was stopped (a signal)",
which source health passes over, never "the crawl process exited with code -15".

Repro: SIGTERM to a crawl process still starting (here, waiting for another crawl of its source to
end) killed it outright: its sources read "not started: the crawl process exited with code -15
before this source's turn"; Ctrl-C printed a KeyboardInterrupt traceback. The first moment of a
crawl is made certain by holding the source's crawl lock, as a crawl already running would.

Repro (the command itself, outside its crawl process's run): SIGTERM to `fundwatch crawl` while it
starts its crawl process killed the command (exit -15, no summary) and left its source with no run.
The moment is made certain by holding the repository's write lock, as a busy writer would: the
command waits for it, with the repository open, before it starts its crawl process.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import time

import pytest

from spiders.crawl_exit import STOPPED_BEFORE_TURN
from spiders.sources.site import LoopbackSite as Site
from storage.locks import source_lock
from tests.crawl_helpers import fundwatch, start_fundwatch, write_config
from tests.fresh_repository import fresh_repository
from tests.reliability.generated import feed_source, rss
from tests.reliability.output_lines import Lines
from tests.reliability.test_crawl_stopped import crawl_processes
from tests.reliability.test_interrupted_first_round import wait_until
from tests.reliability.test_service_stopped_early import has_open

pytestmark = pytest.mark.slow


def wait_for_text(path, text: str, process, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while text not in path.read_text():
        assert process.poll() is None, path.read_text()
        assert time.monotonic() < deadline, f"gave up waiting for {text!r}: {path.read_text()}"
        time.sleep(0.05)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_while_the_crawl_process_starts_reads_as_a_stop(tmp_path, signum):
    db_path = tmp_path / "fundwatch.db"
    err = tmp_path / "stderr.txt"
    with Site() as site:
        site.add("/feed.rss", rss(range(3)), content_type="application/rss+xml")
        config = write_config(tmp_path / "config", [feed_source("feed", f"{site.url}/feed.rss")])
        assert fundwatch("crawl", config=config, db=db_path).returncode == 0
        with source_lock(db_path, "feed", "the test").held(), err.open("w") as stderr:
            crawl = start_fundwatch(
                "crawl",
                config=config,
                db=db_path,
                stderr=stderr,
                start_new_session=True,  # its own process group, as a service manager's unit
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
            )
            try:
                # The crawl process waits for the lock: it has not reached Scrapy yet.
                wait_for_text(err, "waiting for the crawl already running", crawl)
                os.killpg(crawl.pid, signum)  # the whole group: a unit stopped, or Ctrl-C
                # And again, as an impatient operator or a service manager's second stop does: it
                # must not interrupt the first one's exit ("Exception ignored … SystemExit").
                os.killpg(crawl.pid, signum)
                out, _ = crawl.communicate(timeout=30)
            finally:
                if crawl.poll() is None:
                    os.killpg(crawl.pid, signal.SIGKILL)
                    crawl.wait()
    said = out + err.read_text()
    assert crawl.returncode == 1, said
    assert f"feed failed: {STOPPED_BEFORE_TURN}" in out, said
    assert "Traceback" not in said and "code -" not in said, said
    assert crawl_processes(db_path) == []
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT outcome, reason FROM runs ORDER BY id").fetchall() == [
            ("ok", None),
            ("failed", STOPPED_BEFORE_TURN),
        ]
        # Nothing was marked removed by the stopped crawl.
        assert db.execute("SELECT count(*) FROM listings WHERE removed_at IS NULL").fetchone() == (
            3,
        )


def test_a_stop_to_the_command_before_it_starts_its_crawl_process_reads_as_a_stop(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    fresh_repository(db_path).close()
    with Site() as site:
        site.add("/feed.rss", rss(range(3)), content_type="application/rss+xml")
        config = write_config(tmp_path / "config", [feed_source("feed", f"{site.url}/feed.rss")])
        writer = sqlite3.connect(db_path, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # the command's first write (the crawl's batch) waits
        crawl = start_fundwatch("crawl", config=config, db=db_path, start_new_session=True)
        err = Lines(crawl.stderr)
        try:
            # Past its imports and config, the repository open: waiting for the write lock.
            wait_until(lambda: has_open(crawl.pid, db_path), crawl, "the command opened it")
            crawl.send_signal(signal.SIGTERM)  # the command alone, as `kill PID` does
            writer.execute("ROLLBACK")
            crawl.wait(timeout=60)
        finally:
            writer.close()
            if crawl.poll() is None:
                os.killpg(crawl.pid, signal.SIGKILL)
                crawl.wait()
        out = crawl.stdout.read()
        said = out + err.finish()
        assert site.paths() == []  # no crawl process started after the stop
    assert crawl.returncode == 1, said
    assert "fundwatch crawl: received SIGTERM" in said
    assert f"feed failed: {STOPPED_BEFORE_TURN}" in out, said
    assert crawl_processes(db_path) == []
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT outcome, reason FROM runs").fetchall() == [
            ("failed", STOPPED_BEFORE_TURN)
        ]
