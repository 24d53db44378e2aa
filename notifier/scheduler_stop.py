"""Stopping an APScheduler 3.x scheduler while it is running a round of due jobs, without a
JobLookupError.

A round (BaseScheduler._process_jobs) submits each due job, then removes a one-off job (a
DateTrigger: the first round, the catch-ups at start) or moves a repeating one to its next time.
shutdown() marks the scheduler stopped and then drops every job with the job stores, and a round
caught in between failed in two ways:

- From another thread (a test stopping a BackgroundScheduler): shutdown() marks the scheduler
  stopped before it takes the job stores' lock, which the round holds; the round then removed the
  one-off job it had just run while stopped, when remove_job looks only at the jobs waiting for
  a start, and raised JobLookupError in the scheduler's thread.
- On the round's own thread (SIGTERM handled by `fundwatch run`'s main thread in a round): the
  lock is re-entrant, so the stores were emptied under the round, and its next removal or update
  raised JobLookupError out of scheduler.start(), a traceback.
"""

from __future__ import annotations

import threading

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.base import STATE_STOPPED


class StopsBetweenRounds:
    """Mixed in before an APScheduler scheduler class: a stop asked on the thread running a
    round takes effect as the round ends; one asked from another thread lets the round finish.
    The jobs due in that round still start (they fell due before the stop), except crawls: the
    service's stop handler has told them not to (notifier/crawl_signals.py)."""

    _round_thread: int | None = None
    _stop_after_round: bool | None = None  # shutdown()'s `wait`, when a stop is owed

    def _process_jobs(self) -> float | None:
        self._round_thread = threading.get_ident()
        try:
            wait_seconds = super()._process_jobs()  # type: ignore[misc]
        finally:
            self._round_thread = None
        if self._stop_after_round is not None:
            wait, self._stop_after_round = self._stop_after_round, None
            self.shutdown(wait)
            return None
        return wait_seconds

    def shutdown(self, wait: bool = True) -> None:
        if self._round_thread == threading.get_ident():
            # A signal handler (or a job run on this thread) inside the round: the jobs it has
            # yet to remove or move on must still be in their stores when it does.
            self._stop_after_round = wait
            return
        super().shutdown(wait)  # type: ignore[misc]

    def remove_job(self, job_id: str, jobstore: str | None = None) -> None:
        try:
            super().remove_job(job_id, jobstore)  # type: ignore[misc]
        except JobLookupError:
            # The round's own removal of the one-off job it ran, stopped meanwhile from another
            # thread: the job is still in its store, which the stop (waiting for the round's lock)
            # is about to empty, but a stopped scheduler looks for it only among the jobs not yet
            # started. Gone either way. Any other caller still hears of a job that is not there.
            in_round = self._round_thread == threading.get_ident()
            if not (in_round and self.state == STATE_STOPPED):  # type: ignore[attr-defined]
                raise
