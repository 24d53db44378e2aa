"""A first round SIGKILLed part way is resumed as the same first round, not as baselines.

Repro: a fresh repository's first `fundwatch crawl` (or the service's first round) was killed after
one source had finished and while another was still fetching. Crawled again, the unfinished source
joined a repository "other sources already fill" and became a baseline: its calls never alerted.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlite_utils

from spiders.sources.site import LoopbackSite as Site
from storage.db import open_db
from storage.first_round import first_round_owed
from tests.crawl_helpers import fundwatch, fundwatch_env, start_fundwatch, write_config
from tests.reliability.generated import feed_source, rss

pytestmark = pytest.mark.slow

QUICK = range(0, 3)  # answered at once
SLOW = range(100, 104)  # the page hangs until the process is killed


def runs(db_path: Path) -> dict[str, list[str]]:
    """Each source's run outcomes, oldest first (nothing before the repository exists)."""
    if not db_path.exists():
        return {}
    db = sqlite_utils.Database(db_path)
    try:
        if "runs" not in db.table_names():
            return {}
        found: dict[str, list[str]] = {}
        for run in db.query("SELECT source_id, outcome FROM runs ORDER BY id"):
            found.setdefault(run["source_id"], []).append(run["outcome"])
        return found
    finally:
        db.close()


def wait_until(condition, process: subprocess.Popen, what: str, seconds: float = 60) -> None:
    """Poll the repository until `condition` holds (bounded; the process must still be alive)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            pytest.fail(f"the process ended (code {process.returncode}) before {what}")
        time.sleep(0.05)
    pytest.fail(f"gave up waiting: {what}")


# How long a crawl process has to take a signal in before the hung page it waits on answers: it
# sits idle in its reactor, so it handles one at once; the rest of a 10 s hang proved nothing more.
STOP_MARGIN = 2.0


def release_after_the_stop(site: Site) -> None:
    """Let the page in flight answer once the signal has had time to land: Scrapy's graceful stop
    waits for downloads in flight, so the crawl ends with the page's answer."""
    time.sleep(STOP_MARGIN)
    site.release()


def killed_mid_first_round(db_path: Path) -> bool:
    seen = runs(db_path)
    return seen.get("quick") == ["ok"] and seen.get("slow") == ["running"]


def sites(quick: Site, slow: Site, tmp_path: Path) -> Path:
    """Two sources on two sites: `quick` answers, `slow` hangs (a crawl timeout longer than the test)."""
    quick.add("/feed.rss", rss(QUICK), content_type="application/rss+xml")
    slow.add(
        "/feed.rss", rss(SLOW, path_prefix="/other"), content_type="application/rss+xml", hang=120
    )
    return write_config(
        tmp_path / "config",
        [
            feed_source("quick", f"{quick.url}/feed.rss"),
            feed_source("slow", f"{slow.url}/feed.rss"),
        ],
        crawl={"timeout": 120},
    )


def unhang(slow: Site) -> None:
    slow.add("/feed.rss", rss(SLOW, path_prefix="/other"), content_type="application/rss+xml")


def events(db_path: Path) -> Counter:
    db = sqlite_utils.Database(db_path)
    try:
        return Counter((e["source_id"], e["kind"]) for e in db.query("SELECT * FROM events"))
    finally:
        db.close()


def test_a_first_crawl_killed_part_way_and_run_again_announces_every_source(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    with Site() as quick, Site() as slow:
        config = sites(quick, slow, tmp_path)
        first = start_fundwatch(
            "crawl",
            config=config,
            db=db_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # the launcher and its crawl process die together
        )
        try:
            wait_until(lambda: killed_mid_first_round(db_path), first, "quick finished")
        finally:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
        assert killed_mid_first_round(db_path)  # a run left `running` by the killed process

        unhang(slow)
        again = fundwatch("crawl", config=config, db=db_path)
        assert again.returncode == 0, again.stdout + again.stderr

    assert events(db_path) == {("quick", "new"): len(QUICK), ("slow", "new"): len(SLOW)}
    assert runs(db_path)["slow"] == ["failed", "ok"]  # the killed run closed as interrupted


def service(config: Path, db_path: Path) -> subprocess.Popen:
    """`fundwatch run` in its own session: a SIGKILL of the group is a power cut for it and its crawl."""
    return start_fundwatch(
        "run",
        config=config,
        db=db_path,
        # The scheduler runs on the real clock, not the frozen one of the crawl tests.
        env={k: v for k, v in fundwatch_env().items() if k != "FUNDWATCH_NOW"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def test_the_service_killed_in_its_first_round_resumes_it_and_announces_every_source(tmp_path):
    db_path = tmp_path / "fundwatch.db"
    with Site() as quick, Site() as slow:
        config = sites(quick, slow, tmp_path)
        first = service(config, db_path)
        try:
            wait_until(lambda: killed_mid_first_round(db_path), first, "quick finished")
        finally:
            os.killpg(first.pid, signal.SIGKILL)
            first.communicate()
        assert killed_mid_first_round(db_path)

        unhang(slow)
        second = service(config, db_path)
        try:
            wait_until(lambda: runs(db_path).get("slow", [])[-1:] == ["ok"], second, "slow crawled")
        finally:
            second.send_signal(signal.SIGTERM)
            out, _ = second.communicate(timeout=60)

    assert "first round: 1 source(s) in one crawl" in out, out
    assert events(db_path) == {("quick", "new"): len(QUICK), ("slow", "new"): len(SLOW)}
    assert runs(db_path) == {"quick": ["ok"], "slow": ["failed", "ok"]}


def test_a_first_round_stopped_by_a_signal_is_resumed_not_turned_into_baselines(tmp_path):
    # A service manager stopping the service sends SIGTERM to its whole group: the crawl process
    # stops gracefully (it waits for the page in flight), and its runs close as failed ("crawl
    # stopped early: shutdown"). That is no end of the first round: the source it cut short still
    # announces its calls when crawled again.
    db_path = tmp_path / "fundwatch.db"
    with Site() as quick, Site() as slow:
        config = sites(quick, slow, tmp_path)
        # Slow to answer, and then with nothing: the stop, not the page, decides the round.
        slow.add("/feed.rss", "not yet", status=404, hang=10)
        first = service(config, db_path)
        try:
            wait_until(lambda: killed_mid_first_round(db_path), first, "quick finished")
        finally:
            os.killpg(first.pid, signal.SIGTERM)
            release_after_the_stop(slow)
            first.communicate(timeout=90)
        assert runs(db_path)["slow"] == ["failed"]  # stopped, not left running
        db = open_db(db_path)
        try:
            assert first_round_owed(db, ["quick", "slow"]) == ["slow"]
        finally:
            db.close()

        unhang(slow)
        again = fundwatch("crawl", "slow", config=config, db=db_path)
        assert again.returncode == 0, again.stdout + again.stderr

    assert events(db_path) == {("quick", "new"): len(QUICK), ("slow", "new"): len(SLOW)}
