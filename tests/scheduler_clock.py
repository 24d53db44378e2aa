"""The service's jobs on APScheduler 3.x itself, on an injected clock: no thread, no wall-clock wait.

APScheduler reads the time in two places, the scheduler (which jobs are due) and the executor (was
the run missed?); both read `datetime.now` of their own module, so both are given the test's clock.
Jobs run on the calling thread (DebugExecutor) when the test moves the clock.
"""

from __future__ import annotations

from datetime import datetime

import apscheduler.executors.base
import apscheduler.schedulers.base
from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.base import BaseScheduler

from notifier.scheduler import CRAWLS, JOB_DEFAULTS
from notifier.scheduler_stop import StopsBetweenRounds


class SteppedScheduler(StopsBetweenRounds, BaseScheduler):
    """A scheduler that looks for due jobs only when told, at the time it is given; stopped as
    the service's is (notifier/scheduler_stop.py)."""

    def __init__(self, monkeypatch, start: datetime) -> None:
        self.now = start
        clock = self

        class Clocked(datetime):
            @classmethod
            def now(cls, tz=None):
                return clock.now if tz is None else clock.now.astimezone(tz)

        for module in (apscheduler.schedulers.base, apscheduler.executors.base):
            monkeypatch.setattr(module, "datetime", Clocked)
        super().__init__(
            timezone="Europe/London",
            job_defaults=JOB_DEFAULTS,
            executors={"default": DebugExecutor(), CRAWLS: DebugExecutor()},
        )

    def shutdown(self, wait: bool = False) -> None:
        super().shutdown(wait)

    def wakeup(self) -> None:
        """Nothing to wake: the test moves the clock (at())."""

    def at(self, when: datetime) -> None:
        """Move the clock to `when` and run every job due by then."""
        self.now = when
        self._process_jobs()
