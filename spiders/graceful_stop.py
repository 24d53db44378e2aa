"""The crawl process stops gracefully however many times it is told to by SIGTERM.

Scrapy's CrawlerProcess stops gracefully on the first SIGTERM or SIGINT and forces an unclean stop
on the second. A service manager stopping a unit, or `timeout`, signals the whole process group, so
the crawl process hears SIGTERM from the group and again from `fundwatch crawl` passing it on
(notifier/crawl_signals.py): the second, a moment after the first, forced the unclean stop, and the
runs it cut short read "the crawl process ended without finishing this run" instead of "the crawl
was stopped". A repeated SIGTERM is now the same stop, heard twice. Ctrl-C twice still forces a stop,
as an operator at a terminal expects; a service manager that will not wait sends SIGKILL.
"""

from __future__ import annotations

import signal
from typing import Any

from scrapy.crawler import CrawlerProcess


class GracefulCrawlerProcess(CrawlerProcess):
    def _signal_kill(self, signum: int, frame: Any) -> None:
        if signum == signal.SIGTERM:
            return  # the graceful stop the first signal began goes on
        super()._signal_kill(signum, frame)
