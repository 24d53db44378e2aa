"""How the service runs a job: its outcome logged in one line, a stop it heard said, and a crawl
job whose source is gone removed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.date import DateTrigger

from config.clock import LONDON, now
from spiders.early_stop import stop_heard
from storage.errors import RepositoryError

log = logging.getLogger("fundwatch.run")


def logged(name: str, action, *args: Any, drop: Callable[[], None] | None = None):
    """`drop`: removes the job, once its action says it has no more to do (`drop_job`)."""

    def run() -> None:
        try:
            said = action(*args)
            log.info("%s", said)
            if drop is not None and getattr(said, "drop_job", False):
                drop()
            left = getattr(said, "left", 0)
            if left:  # the service's stop came in the job: as `fundwatch notify` says it
                log.info(
                    "%s stopped by %s: %d alert(s) left for the next run", name, stop_heard(), left
                )
        except RepositoryError as error:
            # The file, not the code: one line (the next run of the job tries again), where a
            # traceback from us and another from APScheduler hid what to do.
            log.error("job %s failed: %s", name, error)
        except Exception:
            log.exception("job %s failed", name)
            raise

    run.__name__ = name
    return run


def dropper(scheduler: BaseScheduler, job_id: str) -> Callable[[], None]:
    """What removes the job `job_id` once it has run (a crawl job whose source is gone)."""

    def remove() -> None:
        with suppress(JobLookupError):  # the follow job may have removed it meanwhile
            scheduler.remove_job(job_id)

    def drop() -> None:
        # By a one-off job, not from inside the run: a scheduler that runs jobs on its own
        # thread (the tests' stepped one) still updates the job after its run.
        scheduler.add_job(
            remove,
            DateTrigger(run_date=now(), timezone=LONDON),
            id=f"drop:{job_id}",
            name=f"remove {job_id}",
            replace_existing=True,
        )

    return drop
