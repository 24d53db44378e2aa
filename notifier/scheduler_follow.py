"""The service's crawl jobs following sources.yaml as curators edit it while `fundwatch run` runs.

The crawl jobs were planned once, at start: a source added to sources.yaml was never crawled
until a restart, a new `every` was not heeded, and a source removed (or disabled) kept its job,
whose crawl process then failed on an id it could not find (a traceback in the log, and the
source recorded as failing, which told the curators). Now a job looks each minute (one stat per
YAML file while nothing changed: notifier/kept_config.py) and adds, moves or removes crawl jobs,
saying each change in one log line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger

from config.clock import LONDON
from config.models import Source
from notifier.configuration import Config
from notifier.scheduler import STAGGER, Jobs, add_crawl_job, crawled_source
from notifier.scheduler_settings import follow_schedule

log = logging.getLogger("fundwatch.run")

FOLLOW_EVERY = timedelta(minutes=1)


def follow_sources(
    scheduler: BaseScheduler,
    jobs: Jobs,
    sources: list[Source],
    now: datetime,
    stagger: timedelta = STAGGER,
) -> list[str]:
    """Make the crawl jobs those of the enabled `sources`; what changed, a line each. A new
    source is crawled soon (new ones `stagger` apart); a changed `every` counts from the last
    crawl; a source gone or disabled loses its job (its calls stay in the repository)."""
    wanted = {s.id: s for s in sources if s.enabled}
    said: list[str] = []
    scheduled = {}
    for job in scheduler.get_jobs():
        if (source_id := crawled_source(job.id)) is not None:
            scheduled[source_id] = job
    for source_id, job in scheduled.items():
        source = wanted.get(source_id)
        if source is None:
            scheduler.remove_job(job.id)
            said.append(f"{source_id}: no longer an enabled source in sources.yaml: not crawled")
            continue
        interval = getattr(job.trigger, "interval", None)
        if interval is not None and interval != source.interval:
            # The next crawl keeps its place from the last one: last = next - old interval.
            due = max(job.next_run_time - interval + source.interval, now)
            add_crawl_job(scheduler, jobs, source, due)
            said.append(
                f"{source_id}: now crawled every {source.every}, next {due.astimezone(LONDON):%H:%M}"
            )
    added = 0
    for source_id, source in wanted.items():
        if source_id not in scheduled:
            due = now + added * stagger
            added += 1
            add_crawl_job(scheduler, jobs, source, due)
            said.append(
                f"{source_id}: added to sources.yaml: first crawl {due.astimezone(LONDON):%H:%M}"
            )
    return said


def add_follow_job(
    scheduler: BaseScheduler,
    jobs: Jobs,
    read_config: Callable[[], Config],
    now: datetime,
    clock: Callable[[], datetime],
) -> None:
    """Every minute, the crawl jobs follow sources.yaml and the timed jobs settings.yaml's
    schedule (notifier/scheduler_settings.py); a line per change, none otherwise."""

    def follow() -> None:
        try:
            config = read_config()
            for line in follow_sources(scheduler, jobs, config.sources, clock()):
                log.info("crawl jobs follow the config: %s", line)
            for line in follow_schedule(scheduler, config.settings, clock()):
                log.info("jobs follow settings.yaml: %s", line)
        except Exception:
            log.exception("job follow-sources failed")
            raise

    scheduler.add_job(
        follow,
        IntervalTrigger(
            seconds=FOLLOW_EVERY.total_seconds(), start_date=now + FOLLOW_EVERY, timezone=LONDON
        ),
        id="follow-sources",
        name="jobs following sources.yaml and settings.yaml",
    )
