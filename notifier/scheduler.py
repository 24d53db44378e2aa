"""`fundwatch run`: one APScheduler 3.x scheduler in Europe/London driving the service's jobs.

Restart-safe by reading history from the repository rather than a job store: a source's next crawl
is its last run plus its cadence (now, if that fell due while the service was down); alerts left
pending go out at start; a digest missed while down goes out once at start (within working hours:
notifier/delivery/digest.py), because digests send every pending alert in one message.
The sources an unfinished first round still owes (all, on a fresh repository) are crawled at start,
together, as one crawl.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    EVENT_SCHEDULER_STARTED,
)
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from config.clock import LONDON, parse_iso
from config.models import Settings, Source
from notifier.crawl_signals import stop_background_crawls
from notifier.scheduler_logged import dropper, logged
from notifier.scheduler_settings import notify_trigger, timed_triggers
from notifier.scheduler_stop import StopsBetweenRounds
from spiders.early_stop import first_stop

log = logging.getLogger("fundwatch.run")

JOB_DEFAULTS = {
    "coalesce": True,  # many missed runs of one job become one run
    "max_instances": 1,  # a slow crawl is never started twice
    "misfire_grace_time": 3600,  # the default of 1 s silently skips a run that starts late
}
# Crawl jobs run on their own threads: crawls waiting their turn at a shared host (one crawl of a
# host at a time) must never hold up routing, alerts or digests.
CRAWLS = "crawls"


def executors() -> dict[str, ThreadPoolExecutor]:
    return {"default": ThreadPoolExecutor(10), CRAWLS: ThreadPoolExecutor(10)}


STAGGER = timedelta(
    seconds=20
)  # overdue crawls after a restart start this far apart, not all at once
# How soon after start the closing-soon scan, then the digests a stopped service missed, run: the
# scan first, so a catch-up digest carries the reminders it queues. (Tests pass shorter ones.)
SCAN_AT_START = timedelta(seconds=2)
DIGEST_CATCH_UP = timedelta(seconds=5)


class Jobs(Protocol):
    """What the scheduler calls; `notifier.service.Service` is the real one."""

    def crawl(self, source_id: str) -> object: ...
    def crawl_round(self, source_ids: list[str]) -> object: ...
    # A line to log (str()); the service's delivery jobs return a Delivered, whose `left` (alerts a
    # stop left for the next run) is said in a line of its own.
    def notify(self) -> object: ...
    def closing_soon(self) -> object: ...
    def digest(self, cadence: str) -> object: ...
    def health(self) -> str: ...


def first_crawls(
    sources: list[Source],
    last_started: dict[str, str | None],
    now: datetime,
    stagger: timedelta = STAGGER,
) -> dict[str, datetime]:
    """When each enabled source should next be crawled: its last run plus its cadence, or soon if overdue."""
    plan: dict[str, datetime] = {}
    overdue = 0
    for source in sources:
        if not source.enabled:
            continue
        last = parse_iso(last_started.get(source.id))
        due = last + source.interval if last else now
        if due <= now:
            due = now + overdue * stagger
            overdue += 1
        plan[source.id] = due
    return plan


CRAWL = "crawl:"  # a source's crawl job is "crawl:<source id>"
FIRST_ROUND = f"{CRAWL}first-round"  # the one-off first round: no one source's


def crawled_source(job_id: str) -> str | None:
    """The source whose crawl job `job_id` is; None for any other job, the first round too."""
    if job_id == FIRST_ROUND or not job_id.startswith(CRAWL):
        return None
    return job_id.removeprefix(CRAWL)


def add_crawl_job(scheduler: BaseScheduler, jobs: Jobs, source: Source, due: datetime) -> None:
    """A source's crawl, every `source.every` from `due` (replacing its job, if it has one)."""
    job_id = f"{CRAWL}{source.id}"

    scheduler.add_job(
        logged(job_id, jobs.crawl, source.id, drop=dropper(scheduler, job_id)),
        IntervalTrigger(seconds=source.interval.total_seconds(), start_date=due, timezone=LONDON),
        # Explicit: a trigger whose start is "now" would otherwise first fire one interval later.
        next_run_time=due,
        id=job_id,
        name=f"crawl {source.id}",
        executor=CRAWLS,
        replace_existing=True,
    )


def add_jobs(
    scheduler: BaseScheduler,
    jobs: Jobs,
    *,
    sources: list[Source],
    settings: Settings,
    last_started: dict[str, str | None],
    now: datetime,
    first_round: Sequence[str] = (),
    stagger: timedelta = STAGGER,
    scan_at_start: timedelta = SCAN_AT_START,
    digest_catch_up: timedelta = DIGEST_CATCH_UP,
) -> None:
    """Every job the service runs, with start times computed from the repository's history.
    `first_round`: the sources an unfinished first round still owes a crawl (storage/first_round.py)."""
    if not scan_at_start < digest_catch_up:
        raise ValueError("the closing-soon scan at start must run before the digests' catch-up")
    plan = first_crawls(sources, last_started, now, stagger)
    by_id = {s.id: s for s in sources}
    owed = [source_id for source_id in first_round if source_id in plan]
    if owed:
        # The first round is one crawl, as one `fundwatch crawl` is, so every source announces its
        # calls; staggered, all but the first would join as baselines. One cut short is resumed
        # now with the sources it owes, though their last (killed) run is recent.
        scheduler.add_job(
            logged(FIRST_ROUND, jobs.crawl_round, owed),
            DateTrigger(run_date=now, timezone=LONDON),
            id=FIRST_ROUND,
            name=f"first round: {len(owed)} source(s) in one crawl",
            executor=CRAWLS,
        )
        plan.update({source_id: now + by_id[source_id].interval for source_id in owed})
    for source_id, due in plan.items():
        add_crawl_job(scheduler, jobs, by_id[source_id], due)
    scheduler.add_job(
        logged("notify", jobs.notify),
        notify_trigger(settings, now),
        # At start, then every notify_every: alerts left pending while the service was down (or
        # put back from a delivery run that died) go out now, not up to notify_every later.
        next_run_time=now,
        id="notify",
        name="route and deliver instant alerts",
    )
    timed = timed_triggers(settings)  # followed as settings.yaml changes: scheduler_settings.py
    scheduler.add_job(
        logged("closing-soon", jobs.closing_soon),
        timed["closing-soon"][0],
        id="closing-soon",
        name="closing-soon scan",
    )
    for cadence in ("daily", "weekly"):
        scheduler.add_job(
            logged(f"digest:{cadence}", jobs.digest, cadence),
            timed[f"digest:{cadence}"][0],
            id=f"digest:{cadence}",
            name=f"{cadence} digests",
        )
        # A slot passed while the service was down: `digest` sends only what is due, once.
        scheduler.add_job(
            logged(f"digest:{cadence}:catch-up", jobs.digest, cadence),
            DateTrigger(run_date=now + digest_catch_up, timezone=LONDON),
            id=f"digest:{cadence}:catch-up",
            name=f"{cadence} digests missed while stopped",
        )
    # Sources that went quiet (no crawl at all) are found between crawls; reminders go daily.
    scheduler.add_job(
        logged("health", jobs.health),
        IntervalTrigger(hours=1, start_date=now + timedelta(minutes=1), timezone=LONDON),
        id="health",
        name="source health and curator notices",
    )
    scheduler.add_job(
        logged("closing-soon:catch-up", jobs.closing_soon),
        DateTrigger(run_date=now + scan_at_start, timezone=LONDON),
        id="closing-soon:catch-up",
        name="closing-soon scan at start",
    )


def _log_events(event) -> None:
    if event.code == EVENT_JOB_MISSED:
        log.warning("job %s missed its run at %s", event.job_id, event.scheduled_run_time)
    elif event.code == EVENT_JOB_MAX_INSTANCES:
        log.warning("job %s still running from last time: this run skipped", event.job_id)


class ServiceScheduler(StopsBetweenRounds, BlockingScheduler):
    """`fundwatch run`'s scheduler: a stop signal handled in a round of due jobs stops it as the
    round ends (notifier/scheduler_stop.py)."""


def build_scheduler(**kwargs: Any) -> ServiceScheduler:
    kwargs.setdefault("executors", executors())
    scheduler = ServiceScheduler(timezone=LONDON, job_defaults=JOB_DEFAULTS, **kwargs)
    scheduler.add_listener(
        _log_events,
        EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES | EVENT_JOB_ERROR | EVENT_JOB_EXECUTED,
    )
    return scheduler


def stop_on_signals_once_started(scheduler: BaseScheduler) -> None:
    """The running service's stop handlers, installed as the scheduler starts: installed before,
    a signal in between shut down a scheduler not yet running (SchedulerNotRunningError, in a
    traceback). The start event is dispatched on the main thread, which signal handlers need."""

    scheduler.add_listener(lambda _event: stop_on_signals(scheduler), EVENT_SCHEDULER_STARTED)


def stop_on_signals(scheduler: BaseScheduler) -> None:
    """SIGTERM and Ctrl-C: stop taking new jobs and let the one in flight finish: a crawl stops
    after its pages in flight, a delivery job after its message in flight (the stop is noted in
    spiders/early_stop.py, which the service's jobs read: notifier/service.py). A second signal
    is let be, as the commands let it be."""

    def stop(signum, _frame) -> None:
        if not first_stop(signum):
            return
        log.info(
            "received %s: finishing the job in flight, then stopping", signal.Signals(signum).name
        )
        scheduler.shutdown(wait=False)
        stop_background_crawls()  # a crawl in flight stops too, or the stop waits on it

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
