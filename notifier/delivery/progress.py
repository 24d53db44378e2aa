"""How far a long delivery run has got, on stderr: `notify: 120 sent, 0 to retry, 0 failed so far`.

Slack takes about one message a second per channel, so a run with hundreds of alerts for one
channel took minutes with nothing said until its summary. The same setting as a crawl's progress
(FUNDWATCH_CRAWL_PROGRESS: `auto`, `never` or seconds; spiders/progress.py) says how often; the
summary line `notify` and `digest` print at the end says the rest, so there is no closing line.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from config.settings import ENV_PROGRESS
from spiders.progress_mode import LOG_EVERY, TERMINAL_EVERY, progress_plan

if TYPE_CHECKING:
    from notifier.delivery.summary import DeliverySummary

__all__ = ["LOG_EVERY", "TERMINAL_EVERY", "DeliveryProgress", "every", "stderr_progress"]


def every(mode: str | None, interactive: bool) -> float | None:
    """Seconds between lines, or None for none: a crawl's (spiders/progress_mode.progress_plan)."""
    return progress_plan(mode, interactive)[0]


class DeliveryProgress:
    """Called as each outcome is counted (from the run and its workers): a line once `every`
    seconds have passed since the run began or the last line."""

    def __init__(
        self,
        command: str,
        every: float | None,
        write: Callable[[str], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.command, self.every, self.write, self.clock = command, every, write, clock
        self.last = clock()
        self._lock = threading.Lock()

    def __call__(self, summary: DeliverySummary) -> None:
        if self.every is None:
            return
        with self._lock:
            now = self.clock()
            if now - self.last < self.every:
                return
            self.last = now
        self.write(
            f"{self.command}: {summary.sent} sent, {summary.retrying} to retry, "
            f"{summary.failed} failed so far"
        )


def stderr_progress(command: str) -> DeliveryProgress:
    """The command line's progress: on stderr, as often as FUNDWATCH_CRAWL_PROGRESS says."""

    def write(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    return DeliveryProgress(
        command, every(os.environ.get(ENV_PROGRESS), sys.stderr.isatty()), write
    )
