"""The service resumes a first round cut short, through APScheduler itself and a real repository.

Repro: restarted after its first round was SIGKILLed, the service saw runs, planned as for any
restart (staggered, from each source's last run) and the sources the round had not finished became
baselines; the one killed mid-crawl was not even due again until its cadence had passed.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from apscheduler.schedulers.background import BackgroundScheduler

from config.models import Settings
from notifier.configuration import Config
from notifier.scheduler import JOB_DEFAULTS, executors
from notifier.service_run import plan_jobs
from storage.first_round import end_first_round, first_round_owed, open_first_round
from storage.runs import finish_run, start_run
from tests.test_scheduler import RecordingJobs, ThreadedScheduler, source

COUNTS = {"pages": 1, "items": 1, "new": 1, "changed": 0, "not_modified": 0}


def config(*sources) -> Config:
    return Config(
        directory=Path("config"),
        tags={},
        sources=list(sources),
        subscriptions=[],
        settings=Settings(),
    )


def planned(db, cfg: Config, now: datetime, jobs: RecordingJobs, until) -> ThreadedScheduler:
    """The service's jobs planned from the repository on a real scheduler, run until `until()`."""
    scheduler = ThreadedScheduler(
        timezone="Europe/London", job_defaults=JOB_DEFAULTS, executors=executors()
    )
    # The service's 2 s and 5 s to the scan and the digests' catch-up, shortened: a first round
    # owed is due at once, a second before either ("nothing else was due yet" below).
    plan_jobs(
        scheduler,
        jobs,
        cfg,
        db,
        now,
        scan_at_start=timedelta(seconds=1),
        digest_catch_up=timedelta(seconds=1.5),
    )
    scheduler.start()
    try:
        deadline = time.monotonic() + 10
        # Stopped maybe between running the one-off first-round job and removing it: the
        # scheduler lets its round finish (tests/test_scheduler_stop.py).
        while time.monotonic() < deadline and not until():
            time.sleep(0.05)
    finally:
        scheduler.shutdown(wait=True)
    return scheduler


def test_a_restart_resumes_a_first_round_killed_part_way_as_one_crawl_of_what_it_owes(db):
    now = datetime.now(UTC)
    killed_at = now - timedelta(minutes=5)
    open_first_round(db, "b1", killed_at)
    done = start_run(db, "grants", "b1", killed_at)
    finish_run(db, done.id, killed_at, problems=[], complete=True, counts=COUNTS)
    start_run(db, "news", "b1", killed_at)  # left `running` by the killed process
    cfg = config(source("grants"), source("news"), source("energy"), source("off", enabled=False))
    jobs = RecordingJobs()
    planned(db, cfg, now, jobs, until=lambda: jobs.calls)

    # Nothing else was due yet but the delivery of what was left pending, at start.
    assert [call for call in jobs.calls if call != ("notify",)] == [
        ("crawl_round", ("news", "energy"))
    ]
    # A resumed source's next crawl is one cadence after the round, not after its killed run.
    next_runs = {job.id: job.next_run_time for job in _plan(db, cfg, now)}
    assert abs(next_runs["crawl:grants"] - (killed_at + timedelta(hours=6))) < timedelta(seconds=1)
    assert abs(next_runs["crawl:news"] - (now + timedelta(hours=6))) < timedelta(seconds=1)
    assert "crawl:off" not in next_runs


def _plan(db, cfg: Config, now: datetime):
    """The jobs as planned (a paused scheduler: nothing fires)."""
    scheduler = BackgroundScheduler(timezone="Europe/London", job_defaults=JOB_DEFAULTS)
    plan_jobs(scheduler, RecordingJobs(), cfg, db, now)
    scheduler.start(paused=True)
    try:
        return scheduler.get_jobs()
    finally:
        scheduler.shutdown(wait=True)


def finished_round(db, at: datetime, *, closed: bool) -> None:
    """grants and news crawled in the first round; `closed`: the launcher lived to close it."""
    open_first_round(db, "b1", at)
    for source_id in ("grants", "news"):
        run = start_run(db, source_id, "b1", at)
        finish_run(db, run.id, at, problems=[], complete=True, counts=COUNTS)
    if closed:
        assert end_first_round(
            db, enabled=["grants", "news"], crawled=["grants", "news"], ran_to_end=True, now=at
        )


def test_a_round_whose_launcher_died_after_its_last_crawl_ends_at_start_with_no_crawl(db):
    now = datetime.now(UTC)
    finished_round(db, now - timedelta(hours=1), closed=False)
    jobs = RecordingJobs()
    planned(
        db, config(source("grants"), source("news")), now, jobs, until=lambda: len(jobs.calls) >= 3
    )
    assert first_round_owed(db, ["grants", "news"]) == []
    assert not [call for call in jobs.calls if call[0] in ("crawl", "crawl_round")], jobs.calls


def test_after_the_first_round_a_source_added_is_crawled_alone_and_is_a_baseline(db):
    now = datetime.now(UTC)
    finished_round(db, now - timedelta(hours=1), closed=True)
    jobs = RecordingJobs()
    cfg = config(source("grants"), source("news"), source("added"))
    planned(db, cfg, now, jobs, until=lambda: ("crawl", "added") in jobs.calls)
    assert [call for call in jobs.calls if call[0] in ("crawl", "crawl_round")] == [
        ("crawl", "added")
    ]
    assert start_run(db, "added", "b2", now).baseline
