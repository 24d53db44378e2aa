"""settings.yaml's schedule edited while `fundwatch run` runs: within a minute the digests, the
closing-soon scan and the alerts job follow it, a line each; an edit that does not read keeps the
last good schedule, said once naming the file and field.

Before: they were planned once at start (a restart was needed), while the digest job read the new
slot from the config. Real parts: APScheduler itself on an injected clock (tests/scheduler_clock.py),
the service's follow job, the config read from files by the service's KeptConfig.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from notifier.configuration import load_config
from notifier.kept_config import KeptConfig
from notifier.scheduler import add_jobs
from notifier.scheduler_follow import add_follow_job
from tests.crawl_helpers import write_config
from tests.scheduler_clock import SteppedScheduler
from tests.test_scheduler import RecordingJobs

START = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)  # a Monday, 10:00 in London


def fire_times(scheduler) -> dict[str, datetime]:
    return {
        job_id: scheduler.get_job(job_id).next_run_time
        for job_id in ("digest:daily", "digest:weekly", "closing-soon", "notify")
    }


def test_schedule_edits_are_followed_and_a_bad_one_keeps_the_last_good(
    tmp_path, monkeypatch, caplog
):
    folder = write_config(tmp_path / "config", [], [])
    kept = KeptConfig(folder, lambda d: load_config(d, fetching=False), keep_copies=True)
    config = kept.current()
    scheduler = SteppedScheduler(monkeypatch, START)
    jobs = RecordingJobs()
    add_jobs(scheduler, jobs, sources=[], settings=config.settings, last_started={}, now=START)
    add_follow_job(scheduler, jobs, kept.current, START, lambda: scheduler.now)
    scheduler.start(paused=False)
    try:
        scheduler.at(START + timedelta(seconds=10))  # the jobs at start
        before = fire_times(scheduler)
        assert before["digest:daily"] == datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
        write_config(
            folder,
            [],
            [],
            settings={
                "schedule": {
                    "daily_digest": "mon-fri 09:30",
                    "weekly_digest": "fri 16:00",
                    "closing_soon_scan": "daily 06:15",
                    "notify_every": "15m",
                }
            },
        )
        with caplog.at_level(logging.INFO, logger="fundwatch.run"):
            scheduler.at(START + timedelta(minutes=1))
        after = fire_times(scheduler)
        assert after["digest:daily"] == datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
        assert after["digest:weekly"] == datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
        assert after["closing-soon"] == datetime(2026, 12, 1, 6, 15, tzinfo=UTC)
        # Every 15 minutes from its last run (at start), not from the edit.
        assert after["notify"] == START + timedelta(minutes=15)
        lines = [r.getMessage() for r in caplog.records if "follow settings.yaml" in r.getMessage()]
        assert lines == [
            "jobs follow settings.yaml: closing-soon scan now daily 06:15, next Tue 01 Dec 06:15",
            "jobs follow settings.yaml: daily digests now mon-fri 09:30, next Tue 01 Dec 09:30",
            "jobs follow settings.yaml: weekly digests now fri 16:00, next Fri 04 Dec 16:00",
            "jobs follow settings.yaml: alerts now every 15m, next Mon 30 Nov 10:15",
        ]

        caplog.clear()
        (folder / "settings.yaml").write_text(
            (folder / "settings.yaml").read_text().replace("mon-fri 09:30", "mon-fri 29:30")
        )
        with caplog.at_level(logging.INFO):
            scheduler.at(START + timedelta(minutes=2))
            scheduler.at(START + timedelta(minutes=3))
        assert fire_times(scheduler)["digest:daily"] == after["digest:daily"]  # the last good
        warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warned) == 1, warned  # once per edit
        assert "settings.yaml" in warned[0] and "daily_digest" in warned[0], warned
        assert "still running on the last good config" in warned[0], warned
    finally:
        scheduler.shutdown()
