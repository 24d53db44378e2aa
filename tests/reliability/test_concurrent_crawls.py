"""Crawls that overlap, as they do when an operator's `fundwatch crawl` meets the scheduler's.

Repro from issue [4/9]: one source crawled twice at once ended with every call marked removed,
hundreds of IntegrityErrors and both runs `ok`; two sources listing the same calls crawled at once
made duplicate opportunities and duplicate `new` events.

The overlap is made certain, not likely: the loopback site holds the first crawl's feed until the
second crawl has said it waits (or, were its lock gone, has asked the site for something), and only
then lets it go. Before, these tests started two 500-call crawls together and hoped they would
write at once; they passed with the source and host locks taken out (the storage holds), so they
proved nothing about the locks. Now each fails without its lock (storage/locks.py, taken in
spiders/crawl_process.py).
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
import sqlite_utils

from spiders.sources.site import LoopbackSite as Site
from storage.db import open_db
from tests.crawl_helpers import start_fundwatch, write_config
from tests.reliability.generated import feed_source, rss

pytestmark = pytest.mark.slow

CALLS = 40
# How long the site would hold the first crawl's feed if nothing let it go; the test lets it go as
# soon as the second crawl has moved. The crawl's own download timeout is longer still.
HOLD = 60
NODE = "https://funding.example.org/calls"  # where a Scrapyd node's export says its calls are
WAITING = "waiting for"  # in every line a command prints as it waits for a lock


def start_crawl(config: Path, db: Path, err: Path, source_id: str) -> subprocess.Popen:
    """`fundwatch crawl SOURCE`, its stderr (where a crawl says it waits) in a file read as it runs."""
    return start(config, db, err, "crawl", source_id)


def start(config: Path, db: Path, err: Path, *args: str) -> subprocess.Popen:
    with err.open("w") as stderr:
        return start_fundwatch(*args, config=config, db=db, stderr=stderr)


def wait_until_moved(site: Site, crawl: subprocess.Popen, err: Path) -> None:
    """Until the second crawl has either said it waits, asked the site for anything while the
    first's feed is held (two requests in flight), or ended: whichever its locks let it do."""
    deadline = time.monotonic() + HOLD
    while WAITING not in err.read_text() and site.most_in_flight < 2 and crawl.poll() is None:
        assert time.monotonic() < deadline, f"the second crawl never moved: {err.read_text()}"
        time.sleep(0.02)


def finish(process: subprocess.Popen, err: Path) -> tuple[int, str]:
    out, _ = process.communicate(timeout=120)
    return process.returncode, out + err.read_text()


def runs(db_path: Path) -> list[tuple[str, str]]:
    """Every run so far, (batch, outcome), oldest first."""
    db = sqlite_utils.Database(db_path)
    return [(r["batch"], r["outcome"]) for r in db.query("select batch, outcome from runs")]


def announced(db) -> dict[str, int]:
    return {
        row["opportunity_id"]: row["n"]
        for row in db.query(
            "select opportunity_id, count(*) n from events where kind = 'new' group by 1"
        )
    }


def overlap(
    tmp_path: Path,
    site: Site,
    held: str,
    first_id: str,
    second_arg: str,
    config: Path,
    second_config: Path | None = None,
    second: tuple[str, ...] = ("crawl",),
):
    """Start a crawl of `first_id`, hold its feed at `held`, start `fundwatch crawl second_arg`
    (or the `second` command, with `second_config` if given) and let the feed go once the second
    has moved. What the second said, the first's batch, every run at that moment, and both
    commands' (exit code, output)."""
    db_path = tmp_path / "fundwatch.db"
    open_db(db_path).close()  # both crawls write to an existing repository
    first_err, second_err = tmp_path / "first.err", tmp_path / "second.err"
    started = [(start_crawl(config, db_path, first_err, first_id), first_err)]
    try:
        site.wait_held(held)  # the first crawl holds its locks and has its run open
        ((first_batch, _),) = runs(db_path)
        then = start(second_config or config, db_path, second_err, *second, second_arg)
        started.append((then, second_err))
        wait_until_moved(site, then, second_err)
        said = second_err.read_text()
        runs_then = runs(db_path)
    finally:
        site.release()  # and whatever went wrong, no crawl outlives the test
        outcomes = [finish(process, err) for process, err in started]
    return said, first_batch, runs_then, outcomes


def test_a_second_crawl_of_a_source_being_crawled_waits_for_it_and_says_so(tmp_path):
    with Site() as site:
        site.add("/feed.rss", rss(range(CALLS)), content_type="application/rss+xml", hang=HOLD)
        config = write_config(
            tmp_path / "config",
            [feed_source("big_feed", f"{site.url}/feed.rss")],
            crawl={"timeout": 2 * HOLD},
        )
        said, first_batch, runs_then, outcomes = overlap(
            tmp_path, site, "/feed.rss", "big_feed", "big_feed", config
        )
        asked = site.most_in_flight

    # The second crawl waited for the source's own lock, named the crawl it waited for, and
    # neither opened a run nor asked the site anything while the first was crawling.
    assert (
        "big_feed: waiting for the crawl already running (pid" in said
        and f"crawl batch {first_batch}) to finish" in said
    ), said
    assert runs_then == [(first_batch, "running")]
    assert asked == 1
    for code, output in outcomes:
        assert "IntegrityError" not in output and "Traceback" not in output, output[-3000:]
        assert code == 0, output[-3000:]
    db = sqlite_utils.Database(tmp_path / "fundwatch.db")
    done = list(db.query("select batch, outcome, errors from runs where source_id = 'big_feed'"))
    assert [(r["outcome"], r["errors"]) for r in done] == [("ok", 0), ("ok", 0)], done
    assert done[0]["batch"] == first_batch
    live = db.execute("select count(*) from opportunities where removed_at is null").fetchone()[0]
    assert live == CALLS, "a call still on the page was marked removed"
    assert db.execute("select count(*) from events where kind = 'removed'").fetchone()[0] == 0
    counts = announced(db)
    assert len(counts) == CALLS and set(counts.values()) == {1}
    # No change recorded: the second crawl found every call as the first had left it.
    assert db.execute("select count(*) from versions").fetchone()[0] == 0
    assert db.execute("select count(*) from events where kind = 'changed'").fetchone()[0] == 0
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_two_sources_on_one_host_crawled_by_two_processes_take_turns(tmp_path):
    with Site() as site:
        # One source links each call at /calls/N, the other at /news/N: only the titles match,
        # so every merge is the cross-source title decision.
        site.add("/a.rss", rss(range(CALLS)), content_type="application/rss+xml", hang=HOLD)
        site.add(
            "/b.rss", rss(range(CALLS), path_prefix="/news"), content_type="application/rss+xml"
        )
        config = write_config(
            tmp_path / "config",
            [
                feed_source("feed_a", f"{site.url}/a.rss"),
                feed_source("feed_b", f"{site.url}/b.rss"),
            ],
            crawl={"timeout": 2 * HOLD},
        )
        said, first_batch, runs_then, outcomes = overlap(
            tmp_path, site, "/a.rss", "feed_a", "feed_b", config
        )
        asked = site.most_in_flight
        host = site.url.split("://", 1)[1].split(":")[0]

    # One request at a time to the host, across the two processes: the second waited for the
    # host's lock while the first's feed was held, and said whose.
    assert asked == 1
    assert (
        f"{host}: waiting for another crawl asking this host (pid" in said
        and f"crawl batch {first_batch}) to finish" in said
    ), said
    assert runs_then == [(first_batch, "running")]
    for code, output in outcomes:
        assert code == 0 and "Traceback" not in output, output[-3000:]
    db = sqlite_utils.Database(tmp_path / "fundwatch.db")
    assert db.execute("select count(*) from opportunities").fetchone()[0] == CALLS
    assert db.execute("select count(*) from listings").fetchone()[0] == 2 * CALLS
    counts = announced(db)
    assert len(counts) == CALLS and set(counts.values()) == {1}, "a call was announced twice"


def test_a_source_moved_to_another_host_while_being_crawled_is_still_crawled_once_at_a_time(
    tmp_path,
):
    """The source's lock alone keeps its crawls apart when they ask different hosts: a curator
    moved it to the funder's new address and tried it while the service's crawl of the old one
    ran. (Where both crawls ask one host, that host's lock keeps them apart as well, and the
    first test tells the locks apart only by which one the second crawl says it waits for.)
    Without the source's lock the second crawl ran at once, and opening its run closed the
    first's, still crawling, as failed "interrupted" (storage/runs.py start_run takes a run still
    `running` for one whose process died, as under the lock it must be)."""
    with Site() as old, Site(host="127.0.0.2") as new:
        for site, hang in ((old, HOLD), (new, 0.0)):
            site.add("/feed.rss", rss(range(3)), content_type="application/rss+xml", hang=hang)
        configs = [
            write_config(
                tmp_path / name,
                [feed_source("moved", f"{site.url}/feed.rss")],
                crawl={"timeout": 2 * HOLD},
            )
            for name, site in (("before", old), ("after", new))
        ]
        said, first_batch, runs_then, outcomes = overlap(
            tmp_path, old, "/feed.rss", "moved", "moved", *configs
        )

    assert runs_then == [(first_batch, "running")], "two crawls of one source ran at once"
    assert "moved: waiting for the crawl already running (pid" in said, said
    for code, output in outcomes:
        assert code == 0 and "Traceback" not in output, output[-3000:]
    done = runs(tmp_path / "fundwatch.db")
    assert [outcome for _, outcome in done] == ["ok", "ok"] and done[0][0] == first_batch, done


def test_an_ingest_of_a_source_being_crawled_waits_for_the_crawl(tmp_path):
    """`fundwatch ingest` asks no host, so the source's lock alone keeps it from storing a
    Scrapyd node's export of a source while this machine crawls it. Without it, the ingest ran at
    once and opening its run closed the crawl's, still crawling, as failed "interrupted"."""
    export = tmp_path / "node" / "big_feed.jl"
    export.parent.mkdir()
    export.write_text(
        "".join(
            json.dumps({"source_id": "big_feed", "title": f"Node call {n}", "url": f"{NODE}/{n}"})
            + "\n"
            for n in range(3)
        )
    )
    with Site() as site:
        site.add("/feed.rss", rss(range(3)), content_type="application/rss+xml", hang=HOLD)
        config = write_config(
            tmp_path / "config",
            [feed_source("big_feed", f"{site.url}/feed.rss")],
            crawl={"timeout": 2 * HOLD},
        )
        said, first_batch, runs_then, outcomes = overlap(
            tmp_path, site, "/feed.rss", "big_feed", str(export), config, second=("ingest",)
        )

    assert runs_then == [(first_batch, "running")], "an ingest stored while the crawl ran"
    assert "waiting for the crawl of that source to finish (pid" in said, said
    for code, output in outcomes:
        assert code == 0 and "Traceback" not in output, output[-3000:]
    done = runs(tmp_path / "fundwatch.db")
    assert [outcome for _, outcome in done] == ["ok", "ok"] and done[0][0] == first_batch, done
