"""The service's crawl jobs follow sources.yaml edited while it runs (notifier/scheduler_follow.py),
on a real APScheduler. Before: the jobs were planned once at start, so a source added was never
crawled until a restart, and one removed kept a job whose crawl process failed on its id (a
traceback, and the source recorded as failing: seen walking a 48-source service)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from config.models import Settings
from notifier.scheduler import add_jobs, executors
from notifier.scheduler_follow import follow_sources
from tests.test_scheduler import RecordingJobs, ThreadedScheduler, source


def planned(jobs, sources, now) -> ThreadedScheduler:
    scheduler = ThreadedScheduler(timezone="Europe/London", executors=executors())
    add_jobs(scheduler, jobs, sources=sources, settings=Settings(), last_started={}, now=now)
    scheduler.start(paused=True)  # the plan, not the firing: nothing runs
    return scheduler


def crawl_jobs(scheduler) -> dict[str, tuple[timedelta, datetime]]:
    return {
        job.id: (job.trigger.interval, job.next_run_time)
        for job in scheduler.get_jobs()
        if job.id.startswith("crawl:")
    }


def test_added_removed_disabled_and_recadenced_sources_change_the_crawl_jobs():
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    jobs = RecordingJobs()
    before = [source("kept"), source("removed"), source("switched_off"), source("slower", "1h")]
    scheduler = planned(jobs, before, now)
    try:
        planned_slower = crawl_jobs(scheduler)["crawl:slower"][1]  # staggered after the others
        later = now + timedelta(minutes=10)
        after = [
            source("kept"),
            source("switched_off", enabled=False),
            source("slower", "2h"),
            source("new_a"),
            source("new_b"),
        ]
        said = follow_sources(scheduler, jobs, after, later, stagger=timedelta(seconds=20))
        plan = crawl_jobs(scheduler)
        assert set(plan) == {"crawl:kept", "crawl:slower", "crawl:new_a", "crawl:new_b"}
        assert plan["crawl:kept"] == (timedelta(hours=6), now)  # untouched
        # Its next crawl was 1 h after the last: now 2 h after it, not 2 h from the edit.
        assert plan["crawl:slower"] == (timedelta(hours=2), planned_slower + timedelta(hours=1))
        assert plan["crawl:new_a"][1] == later
        assert plan["crawl:new_b"][1] == later + timedelta(seconds=20)
        assert sorted(said) == [
            "new_a: added to sources.yaml: first crawl 09:10",
            "new_b: added to sources.yaml: first crawl 09:10",
            "removed: no longer an enabled source in sources.yaml: not crawled",
            "slower: now crawled every 2h, next 10:01",
            "switched_off: no longer an enabled source in sources.yaml: not crawled",
        ]
        assert follow_sources(scheduler, jobs, after, later) == []  # nothing said when unchanged
    finally:
        scheduler.shutdown(wait=False)


def test_a_source_added_while_running_is_crawled():
    now = datetime.now(UTC)
    jobs = RecordingJobs()
    scheduler = planned(jobs, [source("first", "6h")], now + timedelta(hours=1))
    try:
        follow_sources(scheduler, jobs, [source("first", "6h"), source("added")], datetime.now(UTC))
        scheduler.resume()
        deadline = time.monotonic() + 30
        while ("crawl", "added") not in jobs.calls and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ("crawl", "added") in jobs.calls
        assert ("crawl", "first") not in jobs.calls  # not due for an hour
    finally:
        scheduler.shutdown(wait=False)
