"""Pacing per destination: Slack and Teams each take about one message a second per channel or
webhook, so posts to one destination are spaced by `min_interval`, while other destinations are not
held back. The clock and the sleep are injected: tests record the waits instead of sleeping."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from spiders.early_stop import sleep_unless_stopped

T = TypeVar("T")


class Pacer:
    def __init__(
        self,
        min_interval: float,
        sleep: Callable[[float], None] = sleep_unless_stopped,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.min_interval = min_interval
        self.sleep, self.clock = sleep, clock
        self._last: dict[Hashable, float] = {}

    def paced(self, destination: Hashable, post: Callable[[], T]) -> T:
        """`post()`, no sooner than `min_interval` after the last post to `destination` ended."""
        last = self._last.get(destination)
        if last is not None:
            wait = self.min_interval - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        try:
            return post()
        finally:
            # From the end of a post, failed or not: a slow answer already spaced the next one.
            self._last[destination] = self.clock()
