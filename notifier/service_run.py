"""`fundwatch run`: start the scheduler service in the foreground, one per repository."""

from __future__ import annotations

import logging
from pathlib import Path

from config.clock import now
from notifier.configuration import load_config
from notifier.scheduler import add_jobs, build_scheduler, stop_on_signals
from notifier.service import Service
from storage.db import open_db
from storage.locks import service_lock
from storage.runs import last_started

log = logging.getLogger("fundwatch.run")


class AlreadyRunning(RuntimeError):
    pass


def run_service(config_dir: Path, db_path: Path, *, verbose: bool = False) -> None:
    """Plan every job from the repository's history and run until SIGTERM or Ctrl-C.
    Raises ConfigError, RepositoryError or AlreadyRunning before anything starts."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
    )
    if not verbose:
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    config = load_config(config_dir)
    db = open_db(db_path)
    lock = service_lock(db_path)
    if not lock.try_acquire():
        raise AlreadyRunning(
            f"another `fundwatch run` is already using this repository ({lock.holder()}); "
            "stop it first, or point --db at another repository"
        )
    try:
        started = last_started(db)
        db.close()
        service = Service(config_dir=config_dir, db_path=db_path)
        scheduler = build_scheduler()
        add_jobs(
            scheduler,
            service,
            sources=config.sources,
            settings=config.settings,
            last_started=started,
            now=now(),
        )
        stop_on_signals(scheduler)
        for job in scheduler.get_jobs():
            log.info("scheduled %s", job.name)
        log.info(
            "fundwatch running on %s with %d source(s); Ctrl-C to stop",
            db_path,
            len(config.sources),
        )
        scheduler.start()
        log.info("stopped cleanly")
    finally:
        lock.release()
