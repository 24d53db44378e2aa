"""The crawl process stops gracefully however many times it is told to by SIGTERM.

Scrapy's CrawlerProcess stops gracefully on the first SIGTERM or SIGINT and forces an unclean stop
on the second. A service manager stopping a unit, or `timeout`, signals the whole process group, so
the crawl process hears SIGTERM from the group and again from `fundwatch crawl` passing it on
(notifier/crawl_signals.py): the second, a moment after the first, forced the unclean stop, and the
runs it cut short read "the crawl process ended without finishing this run" instead of "the crawl
was stopped". A repeated SIGTERM is now the same stop, heard twice. Ctrl-C twice still forces a stop,
as an operator at a terminal expects; a service manager that will not wait sends SIGKILL.

A stop that comes as a spider closes on its own still stops the sources waiting their turn (see
`in_turn`). One that came before the reactor ran (spiders/early_stop.py) begins the graceful stop as
it starts. The graceful stop reads the pages in flight, not those queued behind them
(spiders/stopped_requests.py).
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Generator, Iterable
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from twisted.internet.defer import Deferred, inlineCallbacks

from spiders.early_stop import mark_stopped, stop_signalled
from spiders.stopped_requests import drop_queued


class GracefulCrawlerProcess(CrawlerProcess):
    @property
    def signalled(self) -> bool:
        """A stop signal came: no crawl waiting its turn starts after it."""
        return stop_signalled()

    def _setup_reactor(self, install_signal_handlers: bool) -> None:
        from twisted.internet import reactor

        super()._setup_reactor(install_signal_handlers)
        # After Scrapy's own "after startup" trigger, which installs its handlers: a stop noted
        # before then is acted on now, and any later one reaches Scrapy's handler.
        reactor.addSystemEventTrigger("after", "startup", self._stop_if_signalled)

    def _stop_if_signalled(self) -> None:
        if self.signalled:
            self._signal_shutdown(signal.SIGTERM, None)

    def _signal_shutdown(self, signum: int, frame: Any) -> None:
        from twisted.internet import reactor

        mark_stopped()
        super()._signal_shutdown(signum, frame)
        # In the reactor, as Scrapy's own stop is: a signal handler may interrupt the downloader
        # in the middle of changing the very queues this empties.
        reactor.callFromThread(drop_queued, list(self.crawlers))

    def _signal_kill(self, signum: int, frame: Any) -> None:
        if signum == signal.SIGTERM:
            return  # the graceful stop the first signal began goes on
        super()._signal_kill(signum, frame)

    @inlineCallbacks
    def in_turn(
        self,
        turns: Iterable[tuple[Callable[[], Crawler], dict[str, Any]]],
    ) -> Generator[Deferred[Any], Any, None]:
        """Crawl one after another (crawler, its spider's arguments); none starts once the process
        was told to stop. A spider closing on its own as the signal came is not closed 'shutdown',
        so the signal itself must say so: the next source started, and the process exited 0, as
        if no one had stopped it (the launcher then read its runs as ended without reason)."""
        for make, kwargs in turns:
            if self.signalled:
                return  # the launcher records it as never started
            try:
                yield self.crawl(make(), **kwargs)
            except Exception:  # noqa: BLE001  its run row says what failed; the next still goes
                continue
