"""The service's scheduling, through APScheduler itself: plans from history, jobs fire once, one instance, clean stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlite_utils
from apscheduler.schedulers.background import BackgroundScheduler

from config.models import Settings, Source
from notifier.scheduler import JOB_DEFAULTS, STAGGER, add_jobs, executors, first_crawls
from notifier.scheduler_stop import StopsBetweenRounds
from spiders.sources.site import LoopbackSite as Site
from tests.crawl_helpers import ROOT, write_config
from tests.test_crawl_e2e import FEED, ROBOTS

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def source(source_id: str, every: str = "6h", enabled: bool = True) -> Source:
    return Source(
        id=source_id, kind="feed", urls=["https://example.org/feed"], every=every, enabled=enabled
    )


def test_plan_reads_history_so_a_restart_neither_storms_nor_skips():
    sources = [
        source("fresh"),
        source("recent"),
        source("overdue_a"),
        source("overdue_b"),
        source("off", enabled=False),
    ]
    last = {
        "recent": (NOW - timedelta(hours=2)).isoformat(),  # due in 4 h: not crawled again at start
        "overdue_a": (NOW - timedelta(hours=30)).isoformat(),  # fell due while down: once, now
        "overdue_b": (NOW - timedelta(hours=7)).isoformat(),
    }
    plan = first_crawls(sources, last, NOW)
    assert "off" not in plan
    assert plan["recent"] == NOW + timedelta(hours=4)
    overdue = sorted(plan[s] for s in ("fresh", "overdue_a", "overdue_b"))
    assert overdue == [NOW, NOW + STAGGER, NOW + 2 * STAGGER], (
        "overdue crawls start staggered, once each"
    )


class RecordingJobs:
    """A real implementation of the Jobs interface that records each call instead of crawling."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.lock = threading.Lock()

    def _record(self, *call) -> str:
        with self.lock:
            self.calls.append(call)
        return " ".join(map(str, call))

    def crawl(self, source_id: str) -> str:
        return self._record("crawl", source_id)

    def crawl_round(self, source_ids: list[str]) -> str:
        return self._record("crawl_round", tuple(source_ids))

    def notify(self) -> str:
        return self._record("notify")

    def closing_soon(self) -> str:
        return self._record("closing_soon")

    def health(self) -> str:
        return self._record("health")

    def digest(self, cadence: str) -> str:
        return self._record("digest", cadence)


class ThreadedScheduler(StopsBetweenRounds, BackgroundScheduler):
    """The service's scheduler on a thread of its own, for tests that let time pass: the test's
    thread may stop it while it runs a round (a one-off job just run, not yet removed)."""


def started(jobs, sources, last, now, *, stagger, first_round=()) -> ThreadedScheduler:
    """The service's jobs on a real APScheduler, as the service plans them, running."""
    scheduler = ThreadedScheduler(
        timezone="Europe/London", job_defaults=JOB_DEFAULTS, executors=executors()
    )
    add_jobs(
        scheduler,
        jobs,
        sources=sources,
        settings=Settings(),
        last_started=last,
        now=now,
        first_round=first_round,
        stagger=stagger,
        # The service's 2 s and 5 s after start, shortened: the order is what is tested, not the wait.
        scan_at_start=timedelta(seconds=0.2),
        digest_catch_up=timedelta(seconds=0.5),
    )
    scheduler.start()
    return scheduler


def test_due_jobs_fire_once_and_missed_digests_are_caught_up_once():
    now = datetime.now(UTC)
    jobs = RecordingJobs()
    sources = [source("down_long", "6h"), source("never_run", "1h"), source("just_ran", "6h")]
    last = {
        "down_long": (now - timedelta(days=3)).isoformat(),  # many runs missed while stopped
        "just_ran": (now - timedelta(minutes=10)).isoformat(),
    }
    scheduler = started(jobs, sources, last, now, stagger=timedelta(seconds=1))
    try:
        job = scheduler.get_job("crawl:just_ran")
        assert abs(job.next_run_time - (now + timedelta(hours=5, minutes=50))) < timedelta(
            seconds=1
        )
        for each in scheduler.get_jobs():
            assert (each.coalesce, each.max_instances, each.misfire_grace_time) == (True, 1, 3600)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and len(jobs.calls) < 5:
            time.sleep(0.1)
        time.sleep(1.0)  # anything that would fire twice has had the chance
    finally:
        scheduler.shutdown(wait=True)
    crawls = [c for c in jobs.calls if c[0] == "crawl"]
    assert sorted(crawls) == [("crawl", "down_long"), ("crawl", "never_run")], jobs.calls
    assert jobs.calls.count(("digest", "daily")) == 1
    assert jobs.calls.count(("digest", "weekly")) == 1
    assert jobs.calls.count(("closing_soon",)) == 1


def test_a_fresh_repositorys_first_round_is_one_crawl_of_every_source():
    # Staggered, every source after the first would join a filled repository as a baseline.
    now = datetime.now(UTC)
    jobs = RecordingJobs()
    sources = [source("daily_one", "1d"), source("hourly_one", "1h"), source("weekly_one", "1w")]
    owed = [s.id for s in sources]  # storage.first_round.first_round_owed on an empty repository
    scheduler = started(jobs, sources, {}, now, stagger=STAGGER, first_round=owed)
    try:
        hourly = scheduler.get_job("crawl:hourly_one")
        assert abs(hourly.next_run_time - (now + timedelta(hours=1))) < timedelta(seconds=1)
        deadline = time.monotonic() + 10
        # Stopped as soon as the one-off job has run, maybe before its round has removed it: a
        # BackgroundScheduler raised JobLookupError in its thread then (tests/test_scheduler_stop.py).
        while time.monotonic() < deadline and not jobs.calls:
            time.sleep(0.05)
    finally:
        scheduler.shutdown(wait=True)
    assert ("crawl_round", ("daily_one", "hourly_one", "weekly_one")) in jobs.calls
    assert not [call for call in jobs.calls if call[0] == "crawl"]


class WaitingCrawls(RecordingJobs):
    """Every crawl waits for its turn at a shared host until the test lets them all go."""

    def __init__(self) -> None:
        super().__init__()
        self.turn = threading.Event()

    def crawl(self, source_id: str) -> str:
        self._record("crawl", source_id)
        self.turn.wait(30)
        return "crawled"


def test_crawls_waiting_their_turn_never_hold_up_digests():
    now = datetime.now(UTC)
    jobs = WaitingCrawls()
    sources = [source(f"gov_{n}", "6h") for n in range(15)]  # more than a thread pool holds
    long_ago = {s.id: (now - timedelta(days=1)).isoformat() for s in sources}  # all overdue
    scheduler = started(jobs, sources, long_ago, now, stagger=timedelta(0))
    try:
        # Until every crawl thread holds a waiting crawl and both digests have run (a loaded
        # machine may start the crawls after the digests' half second: waiting for the digests
        # alone then counted fewer than ten crawls, and the test failed with nothing wrong).
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with jobs.lock:
                calls = list(jobs.calls)
            crawls = sum(call[0] == "crawl" for call in calls)
            if crawls >= 10 and {("digest", "daily"), ("digest", "weekly")} <= set(calls):
                break
            time.sleep(0.1)
        with jobs.lock:
            while_waiting = list(jobs.calls)  # before any crawl is let go
    finally:
        jobs.turn.set()
        scheduler.shutdown(wait=True)
    assert ("digest", "daily") in while_waiting and ("digest", "weekly") in while_waiting
    assert sum(call[0] == "crawl" for call in while_waiting) == 10  # every crawl thread busy


def _start_service(config, db, env=None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "notifier.cli", "--config", str(config), "--db", str(db), "run"],
        cwd=ROOT,
        env={
            **os.environ,
            "FUNDWATCH_CRAWL_DELAY": "0.3",
            "FUNDWATCH_ALLOW_LOOPBACK": "1",
            **(env or {}),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.slow
def test_second_instance_refuses_and_sigterm_stops_cleanly(tmp_path):
    with Site() as site:
        site.add("/robots.txt", ROBOTS, content_type="text/plain")
        site.add("/feed.atom", FEED, content_type="application/atom+xml")
        feeds = [f"{site.url}/feed.atom"] + [f"{site.url}/feed.atom?page={n}" for n in range(1, 6)]
        # Every page after the first is held unanswered (each try gives up after the crawl's 3 s
        # timeout): the crawl is certainly still running, with only the first page read, however
        # slowly a loaded machine starts the second service. Before, six pages 0.3 s apart could
        # all be read before the second service had started, and the stop found no crawl.
        for url in feeds[1:]:
            site.add(
                url.removeprefix(site.url), FEED, content_type="application/atom+xml", hang=600
            )
        config = write_config(
            tmp_path / "config",
            [{"id": "slow_feed", "kind": "feed", "urls": feeds, "funder": "Example Funder"}],
        )
        db = tmp_path / "fundwatch.db"
        first = _start_service(config, db, env={"FUNDWATCH_CRAWL_TIMEOUT": "3"})
        try:
            site.wait_held("/feed.atom?page=1", timeout=60)
            second = _start_service(config, db)
            out, _ = second.communicate(timeout=30)
            assert second.returncode == 1
            assert "already using this repository" in out and f"pid {first.pid}" in out

            first.send_signal(signal.SIGTERM)  # mid-crawl: a page held, four more to ask
            out, _ = first.communicate(timeout=60)
        finally:
            if first.poll() is None:
                first.kill()
    assert first.returncode == 0, out
    assert "stopped cleanly" in out
    # The crawl in flight stops as a stopped `fundwatch crawl` does (the pages in flight are
    # read), rather than running to its end; its job logs one line.
    assert (
        "crawl slow_feed: failed, 3 items" in out and "the crawl was stopped (a signal)" in out
    ), out
    repository = sqlite_utils.Database(db)
    assert repository.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert [r["outcome"] for r in repository["runs"].rows] == ["failed"]
    assert repository["opportunities"].count == 3


@pytest.mark.slow
def test_the_service_on_a_fresh_repository_announces_every_sources_calls(tmp_path):
    with Site() as grants, Site() as news:
        for site in (grants, news):
            site.add("/robots.txt", ROBOTS, content_type="text/plain")
            site.add("/feed.atom", FEED, content_type="application/atom+xml")
        config = write_config(
            tmp_path / "config",
            [
                {"id": "grants_feed", "kind": "feed", "urls": [f"{grants.url}/feed.atom"]},
                {"id": "news_feed", "kind": "feed", "urls": [f"{news.url}/feed.atom"]},
            ],
        )
        db = tmp_path / "fundwatch.db"
        service = _start_service(config, db)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                runs = (
                    list(sqlite_utils.Database(db)["runs"].rows)
                    if db.exists() and sqlite_utils.Database(db)["runs"].exists()
                    else []
                )
                if len([r for r in runs if r["outcome"] == "ok"]) == 2:
                    break
                time.sleep(0.1)
            else:
                pytest.fail("the service never finished its first round")
            service.send_signal(signal.SIGTERM)
            out, _ = service.communicate(timeout=60)
        finally:
            if service.poll() is None:
                service.kill()
    assert "first round: 2 source(s) in one crawl" in out
    events = list(sqlite_utils.Database(db)["events"].rows)
    assert len(events) == 6 and {event["kind"] for event in events} == {"new"}, events
