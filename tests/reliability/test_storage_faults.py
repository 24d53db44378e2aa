"""A storage error in the middle of a crawl, and crawls SIGKILLed at random points.

Repro from issue [4/9]: a storage error left the run `ok` and `remove_unlisted` then marked calls
still on the page as removed; SIGKILLs during a first crawl left opportunities with no `new` event
(never announced) and some with no listing.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
import sqlite_utils

from spiders.sources.site import LoopbackSite as Site
from storage.db import open_db
from tests.crawl_helpers import ROOT, fundwatch, fundwatch_env, write_config
from tests.reliability.generated import call_title, feed_source, rss

pytestmark = pytest.mark.slow

CALLS = 400
POISON = call_title(200)


def test_a_storage_error_mid_crawl_fails_the_run_and_removes_nothing(tmp_path):
    with Site() as site:
        site.add("/feed.rss", rss(range(CALLS)), content_type="application/rss+xml")
        config = write_config(tmp_path / "config", [feed_source("feed", f"{site.url}/feed.rss")])
        db_path = tmp_path / "fundwatch.db"
        assert fundwatch("crawl", config=config, db=db_path).returncode == 0

        # A real SQLite failure on one write of the next crawl (as a full disk or a broken
        # constraint would give), raised by the database itself.
        db = open_db(db_path)
        db.execute(
            "CREATE TRIGGER poison BEFORE UPDATE ON listings WHEN NEW.title = ? "
            "BEGIN SELECT RAISE(ABORT, 'injected storage failure'); END".replace("?", f"'{POISON}'")
        )
        db.close()
        # Every call's summary changed, so every listing is written again (an unchanged one is not).
        site.add(
            "/feed.rss", rss(range(CALLS), note=" Updated."), content_type="application/rss+xml"
        )
        second = fundwatch("crawl", config=config, db=db_path)

    assert second.returncode == 1, second.stdout + second.stderr
    assert "Traceback" not in second.stdout + second.stderr
    assert f"could not store '{POISON}'" in second.stdout
    assert "injected storage failure" in second.stdout
    db = sqlite_utils.Database(db_path)
    run = list(db.query("select * from runs order by id desc limit 1"))[0]
    assert (run["outcome"], run["complete"], run["removed"]) == ("failed", 0, 0)
    assert run["errors"] >= 1 and run["items"] == CALLS - 1
    assert db.execute("select count(*) from events where kind = 'removed'").fetchone()[0] == 0
    live = db.execute("select count(*) from opportunities where removed_at is null").fetchone()[0]
    assert live == CALLS
    assert (
        db.execute("select count(*) from listings where removed_at is not null").fetchone()[0] == 0
    )


def test_a_storage_error_while_removing_fails_the_run_and_removes_nothing(tmp_path):
    with Site() as site:
        site.add("/feed.rss", rss(range(50)), content_type="application/rss+xml")
        config = write_config(tmp_path / "config", [feed_source("feed", f"{site.url}/feed.rss")])
        db_path = tmp_path / "fundwatch.db"
        assert fundwatch("crawl", config=config, db=db_path).returncode == 0
        db = open_db(db_path)
        db.execute(
            "CREATE TRIGGER poison BEFORE UPDATE OF removed_at ON listings "
            "WHEN NEW.removed_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'disk full (injected)'); END"
        )
        db.close()
        site.add("/feed.rss", rss(range(1, 50)), content_type="application/rss+xml")  # one gone
        second = fundwatch("crawl", config=config, db=db_path)

    assert second.returncode == 1, second.stdout + second.stderr
    assert "could not finish the run" in second.stdout and "disk full (injected)" in second.stdout
    db = sqlite_utils.Database(db_path)
    assert db.execute("select count(*) from events where kind = 'removed'").fetchone()[0] == 0
    assert (
        db.execute("select count(*) from opportunities where removed_at is null").fetchone()[0]
        == 50
    )
    run = list(db.query("select * from runs order by id desc limit 1"))[0]
    assert (run["outcome"], run["removed"], run["complete"]) == ("failed", 0, 0)


# Where each SIGKILL lands, one kill a phase, at a random point within it: ten kills at random
# times (half of them in start-up, where the crawl process was still importing) proved no more.
PHASES = ("start-up", "fetching", "mid-store", "anywhere", "mid-store late", "finishing")


def _stored(db_path) -> int:
    if not db_path.exists():
        return 0
    db = sqlite_utils.Database(db_path)
    try:
        return db["opportunities"].count if "opportunities" in db.table_names() else 0
    finally:
        db.close()


def _runs_opened(db_path) -> int:
    if not db_path.exists():
        return 0
    db = sqlite_utils.Database(db_path)
    try:
        return db["runs"].count if "runs" in db.table_names() else 0
    finally:
        db.close()


def _wait_for(condition, crawl: subprocess.Popen) -> None:
    """Until `condition()` holds or the crawl has ended (bounded: 120 s)."""
    for _ in range(6000):
        if crawl.poll() is not None or condition():
            return
        time.sleep(0.02)


def _kill_point(phase: str, rng: random.Random, db_path, crawl, before: int, calls: int) -> None:
    """Wait until this crawl is in `phase`, whatever the machine's speed, then a moment more."""
    if phase == "start-up":  # the launcher importing, opening and migrating the repository
        time.sleep(rng.uniform(0.0, 0.6))
    elif phase == "fetching":  # its run opened, the feed being fetched and read: nothing stored
        runs = _runs_opened(db_path)
        _wait_for(lambda: _runs_opened(db_path) > runs, crawl)
        time.sleep(rng.uniform(0, 0.05))
    elif phase == "mid-store":  # once this crawl's first unit has landed
        _wait_for(lambda: _stored(db_path) > before, crawl)
        time.sleep(rng.uniform(0, 0.1))
    elif phase == "mid-store late":  # some way into what is left to store
        target = before + rng.randint(1, max(1, (calls - before) * 3 // 4))
        _wait_for(lambda: _stored(db_path) >= target, crawl)
    elif phase == "finishing":  # every call stored, the run and the first round being closed
        _wait_for(lambda: _stored(db_path) >= calls, crawl)
    else:  # anywhere: start-up, migrating, fetching, storing, finishing
        time.sleep(rng.uniform(0.3, 3.0))


def test_sigkill_at_random_points_of_a_first_crawl_leaves_every_call_announced_exactly_once(
    tmp_path,
):
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    calls = 2000
    with Site() as site:
        site.add("/feed.rss", rss(range(calls)), content_type="application/rss+xml")
        config = write_config(tmp_path / "config", [feed_source("feed", f"{site.url}/feed.rss")])
        db_path = tmp_path / "fundwatch.db"
        command = [
            sys.executable,
            "-m",
            "notifier.cli",
            "--config",
            str(config),
            "--db",
            str(db_path),
        ]
        kills = []
        for phase in PHASES:
            crawl = subprocess.Popen(
                [*command, "crawl"],
                cwd=ROOT,
                env=fundwatch_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # the launcher and its crawl process die together
            )
            before = _stored(db_path)
            _kill_point(phase, rng, db_path, crawl, before, calls)
            os.killpg(crawl.pid, signal.SIGKILL)
            crawl.wait()
            stored = sqlite_utils.Database(db_path)
            assert stored.execute("pragma integrity_check").fetchone()[0] == "ok"
            if "opportunities" in stored.table_names():
                kills.append(stored["opportunities"].count)
            stored.close()
        final = fundwatch("crawl", config=config, db=db_path)

    assert final.returncode == 0, final.stdout + final.stderr
    assert any(0 < n < calls for n in kills), f"no kill landed mid-crawl (seed {seed}): {kills}"
    db = sqlite_utils.Database(db_path)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("pragma foreign_key_check").fetchall() == []
    assert db["opportunities"].count == calls
    announced = db.execute(
        "select o.id, count(e.id) from opportunities o left join events e "
        "on e.opportunity_id = o.id and e.kind = 'new' group by o.id"
    ).fetchall()
    assert {n for _, n in announced} == {1}, f"seed {seed}"
    orphans = db.execute(
        "select count(*) from opportunities o where not exists "
        "(select 1 from listings l where l.opportunity_id = o.id)"
    ).fetchone()[0]
    assert orphans == 0, f"opportunities with no listing (seed {seed})"
    runs = list(db.query("select outcome, reason from runs order by id"))
    assert runs[-1]["outcome"] == "ok"
    # A killed run is closed as interrupted, never left running; a crawl the kill came too late
    # for finished normally.
    assert {r["outcome"] for r in runs} <= {"ok", "failed"}, runs
    failed = [r for r in runs if r["outcome"] == "failed"]
    assert failed and all(r["reason"].startswith("interrupted") for r in failed), runs
