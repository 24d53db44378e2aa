"""`fundwatch ingest` stopped by a signal finishes the file whose turn has begun (it lands whole),
starts no other, and names the files it did not load.

Repro: ingest had no handler for SIGTERM or SIGINT: it died at once (exit -15), its summary unsaid;
a file cut short left its run `running` and half its pages stored until an ingest loaded it again.
The moments are made certain with locks another process would hold: a source's crawl lock (a crawl
of that source running) and the repository's write lock (a busy writer).
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess

import pytest

from spiders.crawl_exit import STOPPED
from storage.locks import is_held, lock_path, source_lock
from tests.crawl_helpers import fundwatch, start_fundwatch
from tests.fresh_repository import fresh_repository
from tests.reliability.output_lines import Lines
from tests.reliability.test_interrupted_first_round import runs, wait_until
from tests.test_ingest import CALLS, call, feed, ingest_repo

pytestmark = pytest.mark.slow


@pytest.fixture
def repo(tmp_path, monkeypatch):
    repo = ingest_repo(tmp_path, monkeypatch)
    fresh_repository(repo["db"]).close()
    items = repo["items"]
    # Oldest first: a.jl, then b.jl (another source), then c.jl.
    feed(items / "a.jl", *(call(*c) for c in CALLS), mtime=1_000_000)
    feed(items / "b.jl", *(call(*c, source="example_other") for c in CALLS), mtime=2_000_000)
    feed(items / "c.jl", call(*CALLS[0][:2], "12 March 2027"), mtime=3_000_000)
    return repo


def start_ingest(repo) -> subprocess.Popen:
    return start_fundwatch("ingest", str(repo["items"]), config=repo["config"], db=repo["db"])


def ended(process: subprocess.Popen, err: Lines) -> tuple[str, str]:
    try:
        process.wait(timeout=60)  # a hang guard
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.stdout.read(), err.finish()


def test_a_stop_while_a_file_is_loading_finishes_that_file_and_loads_no_other(repo):
    a_lock = source_lock(repo["db"], "example_listing", "the test")
    a_lock.acquire()
    ingest = start_ingest(repo)
    err = Lines(ingest.stderr)
    writer = sqlite3.connect(repo["db"], isolation_level=None)
    try:
        err.wait_for("waiting for the crawl of that source to finish", ingest)  # a.jl's turn
        writer.execute("BEGIN IMMEDIATE")  # a.jl's first write will wait for it
        a_lock.release()
        # a.jl's turn has begun (its source's lock is the ingest's), its first write waiting
        wait_until(lambda: is_held(lock_path(repo["db"], "crawl-example_listing")), ingest, "a.jl")
        ingest.send_signal(signal.SIGTERM)
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    out, said = ended(ingest, err)
    items = repo["items"]
    assert ingest.returncode == STOPPED, out + said
    assert "fundwatch ingest: received SIGTERM: finishing the file in flight" in said
    assert f"{items / 'a.jl'}: example_listing, run 1: 3 item(s), 3 new" in out, out
    assert f"{items / 'b.jl'}: not loaded (stopped)\n{items / 'c.jl'}: not loaded (stopped)" in out
    assert "3 file(s): 1 ingested, 0 skipped, 0 failed, 2 not loaded" in out, out
    assert "fundwatch ingest: stopped by SIGTERM: 2 file(s) left for the next ingest\n" in said
    assert runs(repo["db"]) == {"example_listing": ["ok"]}  # a.jl whole; nothing of b or c

    again = fundwatch("ingest", str(items), config=repo["config"], db=repo["db"])
    assert again.returncode == 0, again.stdout + again.stderr
    assert "3 file(s): 2 ingested, 1 skipped, 0 failed" in again.stdout, again.stdout


def test_a_stop_while_a_file_waits_for_its_source_leaves_it_for_the_next_ingest(repo):
    # b.jl's source is being crawled (its lock held, as a crawl of an hour would): the stop does
    # not wait for that crawl to end.
    with source_lock(repo["db"], "example_other", "the test").held():
        ingest = start_ingest(repo)
        err = Lines(ingest.stderr)
        err.wait_for("waiting for the crawl of that source to finish", ingest)  # b.jl's turn
        ingest.send_signal(signal.SIGINT)
        out, said = ended(ingest, err)
    items = repo["items"]
    assert ingest.returncode == STOPPED, out + said
    assert f"{items / 'a.jl'}: example_listing, run 1" in out, out
    assert f"{items / 'b.jl'}: not loaded (stopped)\n{items / 'c.jl'}: not loaded (stopped)" in out
    assert "3 file(s): 1 ingested, 0 skipped, 0 failed, 2 not loaded" in out, out
    assert "fundwatch ingest: stopped by SIGINT: 2 file(s) left for the next ingest\n" in said
    assert "Traceback" not in said
    assert runs(repo["db"]) == {"example_listing": ["ok"]}
