"""Two `fundwatch ingest` runs at once over overlapping folders (two cron jobs, or cron and an
operator): each file lands whole and at most once, in whatever order the two meet the source's
lock, and the repository ends with the newest crawl's view of every call; ingesting both folders
again changes nothing.

The overlap is made certain, not likely: the test holds the source's crawl lock (as a crawl of it
would) until both ingests have said they are waiting for it, then lets them race. Before
(tests/test_ingest_stale_files.py), the one that came second could load an older file after the
other's newer one, and the calls went back to the older view.
"""

from __future__ import annotations

import shutil

import pytest

from storage.locks import source_lock
from tests.crawl_helpers import start_fundwatch
from tests.fresh_repository import fresh_repository
from tests.reliability.kill_sweep import assert_sound
from tests.reliability.output_lines import Lines
from tests.test_ingest import CALLS, call, feed, ingest, ingest_repo, rows, snapshot

pytestmark = pytest.mark.slow

PARKS = ("parks", "Green Spaces Revival Fund", "30 April 2027")
LIBRARIES = ("libraries", "Libraries Improvement Fund", "14 May 2027")
MOVED = ("retrofit", "Social Housing Retrofit Pilots", "12 March 2027")
NEWEST = [MOVED, *CALLS[1:], PARKS, LIBRARIES]  # the last crawl lists every call
WAITING = "waiting for the crawl of that source to finish"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    repo = ingest_repo(tmp_path, monkeypatch)
    fresh_repository(repo["db"]).close()
    first, second = repo["items"] / "node1", repo["items"] / "node2"
    feed(first / "a.jl", *(call(*c) for c in CALLS), mtime=1_000_000)
    shared = feed(first / "b.jl", *(call(*c) for c in [*CALLS, PARKS]), mtime=2_000_000)
    second.mkdir()
    shutil.copy2(shared, second / "b.jl")  # the same export, in both folders
    feed(second / "c.jl", *(call(*c) for c in NEWEST), mtime=3_000_000)
    return {**repo, "folders": (first, second)}


def test_two_ingests_of_overlapping_folders_at_once_end_with_the_newest_view(repo):
    with source_lock(repo["db"], "example_listing", "the test").held():
        ingests = [
            start_fundwatch("ingest", str(folder), config=repo["config"], db=repo["db"])
            for folder in repo["folders"]
        ]
        said = [Lines(process.stderr) for process in ingests]
        for process, err in zip(ingests, said, strict=True):
            err.wait_for(WAITING, process)  # both at their first file, held at the lock
    outs = []
    for process, err in zip(ingests, said, strict=True):
        try:
            process.wait(timeout=60)  # a hang guard
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        outs.append(process.stdout.read() + err.finish())
        assert process.returncode == 0, outs[-1]
    assert all("0 failed" in out for out in outs), outs

    dates = {o["title"]: o["closes_at"][:10] for o in rows(repo, "opportunities")}
    assert dates == {
        "Social Housing Retrofit Pilots": "2027-03-12",
        "Digital Social Care Records": "2027-03-03",
        "Zero Emission Bus Regional Areas": "2027-04-15",
        "Green Spaces Revival Fund": "2027-04-30",
        "Libraries Improvement Fund": "2027-05-14",
    }, outs
    assert len(rows(repo, "listings")) == len(NEWEST)  # one listing a call, whatever the order
    news = [e["opportunity_id"] for e in rows(repo, "events") if e["kind"] == "new"]
    assert len(news) == len(set(news)) == len(NEWEST), outs  # each call announced once
    runs = rows(repo, "runs")
    assert all(r["outcome"] == "ok" for r in runs), runs
    assert len({r["batch"] for r in runs}) == len(runs), runs  # the shared file loaded once

    before = snapshot(repo)
    again = ingest(repo, *repo["folders"])
    assert again.exit_code == 0, again.output
    assert "4 file(s): 0 ingested, 4 skipped, 0 failed" in again.output, again.output
    assert snapshot(repo) == before
    assert_sound(repo["db"])
