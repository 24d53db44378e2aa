"""`fundwatch run`: start the scheduler service in the foreground, one per repository."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from apscheduler.schedulers.base import BaseScheduler
from sqlite_utils import Database

from config.clock import now
from notifier.configuration import Config
from notifier.scheduler import (
    Jobs,
    add_jobs,
    build_scheduler,
    crawled_source,
    stop_on_signals_once_started,
)
from notifier.scheduler_follow import add_follow_job
from notifier.service import Service
from notifier.service_starting import StoppedBeforeStart, stop_while_starting
from spiders.early_stop import stop_signalled
from storage.db import open_db
from storage.first_round import end_first_round, first_round_owed
from storage.locks import service_lock
from storage.runs import last_started

log = logging.getLogger("fundwatch.run")


class AlreadyRunning(RuntimeError):
    pass


def plan_jobs(
    scheduler: BaseScheduler,
    jobs: Jobs,
    config: Config,
    db: Database,
    at: datetime,
    **at_start: timedelta,
) -> None:
    """Every job, planned from the repository: each source's last crawl, and what an unfinished
    first round (one killed part way) still owes. `at_start`: add_jobs' scan_at_start and
    digest_catch_up, for tests that would not wait the service's seconds."""
    enabled = [s.id for s in config.sources if s.enabled]
    # Killed after the round's last crawl but before closing it: it owes nothing, so it ends now.
    end_first_round(db, enabled=enabled, crawled=(), ran_to_end=True, now=at)
    add_jobs(
        scheduler,
        jobs,
        sources=config.sources,
        settings=config.settings,
        last_started=last_started(db),
        first_round=first_round_owed(db, enabled),
        now=at,
        **at_start,
    )


def start_lines(jobs: list, config: Config, db_path: Path) -> list[str]:
    """What the service says as it starts: each job but the crawls, which are counted (a line per
    source was 500 lines for a national instance), and the sources enabled, not every entry."""
    others = [job for job in jobs if crawled_source(job.id) is None]
    said = [f"scheduled {len(jobs) - len(others)} source crawl(s), each on its own cadence"]
    said += [f"scheduled {job.name}" for job in others]
    enabled = sum(1 for s in config.sources if s.enabled)
    off = len(config.sources) - enabled
    return said + [
        f"fundwatch running on {db_path} with {enabled} source(s)"
        + (f" ({off} disabled)" if off else "")
        + "; Ctrl-C to stop"
    ]


def wait_for_jobs_in_flight(scheduler: BaseScheduler) -> None:
    """Once the scheduler has stopped (its shutdown does not wait, from a signal handler), wait
    for the jobs it had started. APScheduler 3.x keeps its executors by alias, privately."""
    for executor in getattr(scheduler, "_executors", {}).values():
        executor.shutdown(wait=True)


def service_logging(verbose: bool = False) -> None:
    """The service's log: every line it writes with its time and level, from its first (the
    warnings it gives as it starts, its crawl processes' lines: notifier/crawl_relay.py)."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
    )
    if not verbose:
        logging.getLogger("apscheduler").setLevel(logging.WARNING)


def log_warning(warning: str) -> None:
    """A warning the commands print as 'warning: …', as a line of the service's log."""
    log.warning("%s", warning.removeprefix("warning: "))


def service_for(config_dir: Path, db_path: Path) -> Service:
    """The service's jobs: on an edit that does not read, the last good config."""
    return Service(
        config_dir=config_dir, db_path=db_path, stopping=stop_signalled, keep_last_good=True
    )


def run_service(
    config_dir: Path, db_path: Path, *, verbose: bool = False, service: Service | None = None
) -> None:
    """Plan every job from the repository's history and run until SIGTERM or Ctrl-C.
    Raises ConfigError, RepositoryError or AlreadyRunning before anything starts.
    `service`: one whose config the caller has read already (`fundwatch run`: read once)."""
    stop_while_starting()  # already, if run by the command line: see notifier/service_starting.py
    service_logging(verbose)
    try:
        _plan_and_run(service or service_for(config_dir, db_path))
    except StoppedBeforeStart as stop:
        log.info("received %s before the service started: stopped", stop)


def _plan_and_run(service: Service) -> None:
    db_path = service.db_path
    # Read once, here or by the caller (its checks read the same): it was read four times.
    config = service.start_config()
    db = open_db(db_path)
    lock = service_lock(db_path)
    if not lock.try_acquire():
        raise AlreadyRunning(
            f"another `fundwatch run` is already using this repository ({lock.holder()}); "
            "stop it first, or point --db at another repository"
        )
    try:
        scheduler = build_scheduler()
        try:
            plan_jobs(scheduler, service, config, db, now())
            add_follow_job(scheduler, service, service.config, now(), now)
        finally:
            db.close()
        stop_on_signals_once_started(scheduler)
        for line in start_lines(scheduler.get_jobs(), config, db_path):
            log.info("%s", line)
        scheduler.start()
        # The jobs in flight end first (their message in flight sent and recorded): "stopped
        # cleanly" was said, and the service's lock let go, while a job still sent.
        wait_for_jobs_in_flight(scheduler)
        log.info("stopped cleanly")
    finally:
        lock.release()
