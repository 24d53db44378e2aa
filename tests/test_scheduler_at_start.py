"""The service's start-up jobs: the closing-soon scan at start comes before the digests' catch-up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from config.models import Settings
from notifier.scheduler import add_jobs
from tests.test_scheduler import NOW, RecordingJobs


def test_the_scan_at_start_must_come_before_the_digests_catch_up():
    # A catch-up digest carries the closing-soon reminders the scan at start queues.
    scheduler = BackgroundScheduler(timezone="Europe/London")
    with pytest.raises(ValueError, match="before the digests' catch-up"):
        add_jobs(
            scheduler,
            RecordingJobs(),
            sources=[],
            settings=Settings(),
            last_started={},
            now=NOW,
            scan_at_start=timedelta(seconds=5),
            digest_catch_up=timedelta(seconds=2),
        )
    assert scheduler.get_jobs() == []
