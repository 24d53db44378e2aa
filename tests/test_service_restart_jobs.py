"""What the service does as it starts, through APScheduler itself on an injected clock
(tests/scheduler_clock.py): alerts left pending go out at once, and a digest slot missed while it
was down is caught up once, a few seconds in.

Repro: the notify job first ran one `notify_every` after the start (5 minutes by default), so
alerts left pending by the service's last life waited for it (only the closing-soon scan at start,
which delivers as it ends, happened to send them two seconds in, if its scan went well).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from config.models import Settings
from notifier.scheduler import add_jobs
from tests.scheduler_clock import SteppedScheduler
from tests.test_scheduler import RecordingJobs, source

START = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)  # a Monday, within working hours


def started(monkeypatch, jobs: RecordingJobs) -> SteppedScheduler:
    scheduler = SteppedScheduler(monkeypatch, START)
    add_jobs(
        scheduler,
        jobs,
        sources=[source("grants", "6h")],
        settings=Settings(),
        last_started={"grants": (START - timedelta(hours=1)).isoformat()},  # not due at start
        now=START,
    )
    scheduler.start()
    return scheduler


def test_alerts_left_pending_go_out_as_the_service_starts(monkeypatch):
    jobs = RecordingJobs()
    scheduler = started(monkeypatch, jobs)
    try:
        scheduler.at(START)
        assert jobs.calls == [("notify",)]
        # Then on its cadence (notify_every, 5 minutes by default), not twice at the start.
        scheduler.at(START + timedelta(minutes=4, seconds=59))
        assert jobs.calls.count(("notify",)) == 1
        scheduler.at(START + timedelta(minutes=5))
        assert jobs.calls.count(("notify",)) == 2
    finally:
        scheduler.shutdown(wait=False)


def test_a_digest_slot_missed_while_down_is_caught_up_once_at_start(monkeypatch):
    jobs = RecordingJobs()
    scheduler = started(monkeypatch, jobs)
    try:
        scheduler.at(START + timedelta(seconds=4))
        assert ("digest", "daily") not in jobs.calls
        scheduler.at(START + timedelta(seconds=5))
        scheduler.at(START + timedelta(minutes=30))
        assert jobs.calls.count(("digest", "daily")) == 1
        assert jobs.calls.count(("digest", "weekly")) == 1
        assert jobs.calls.count(("closing_soon",)) == 1  # the scan at start, once
        assert not [call for call in jobs.calls if call[0] == "crawl"]  # grants is not due
    finally:
        scheduler.shutdown(wait=False)
