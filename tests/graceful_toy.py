"""A crawl process in miniature for tests/test_graceful_stop.py: two sources on one host, crawled in
turn through GracefulCrawlerProcess.in_turn as spiders/crawl_process.py crawls them. The first has
no pages and closes on its own; as it closes, the process is told to stop (SIGINT, as Ctrl-C), and
its close goes on a moment longer (as a pipeline storing its last page does). Prints the spiders
that opened and whether the process knew it was stopped.

With `early`, the first spider never closes on its own (it waits, idle, as on a page that hangs)
and the stop (SIGTERM) comes before the reactor runs, heard by spiders/early_stop.py's handler as
the crawl process's is, before Scrapy's own handler is installed.

    python -m tests.graceful_toy [early]
"""

from __future__ import annotations

import importlib
import os
import signal
import sys

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.defer import maybe_deferred_to_future

from spiders.early_stop import note_stop
from spiders.graceful_stop import GracefulCrawlerProcess

OPENED: list[str] = []


class First(Spider):
    name = "first"
    start_urls: list[str] = []


class Second(First):
    name = "second"


class StoppedWhileClosing:
    @classmethod
    def from_crawler(cls, crawler):
        extension = cls()
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self, spider) -> None:
        OPENED.append(spider.name)

    async def closed(self, spider, reason: str) -> None:
        from twisted.internet import reactor, task

        if spider.name == "first":  # the stop comes as the first closes on its own
            os.kill(os.getpid(), signal.SIGINT)
            await maybe_deferred_to_future(task.deferLater(reactor, 0.2, lambda: None))


class NeverIdle:
    """Keeps a spider open until the process stops it."""

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls()
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.idle, signal=signals.spider_idle)
        return extension

    def opened(self, spider) -> None:
        OPENED.append(spider.name)

    def idle(self, spider) -> None:
        raise DontCloseSpider


def main() -> None:
    early = sys.argv[1:] == ["early"]
    extension = "NeverIdle" if early else "StoppedWhileClosing"
    settings = {
        "EXTENSIONS": {f"tests.graceful_toy.{extension}": 0},
        "LOG_LEVEL": "ERROR",
        "TELNETCONSOLE_ENABLED": False,
    }
    process = GracefulCrawlerProcess(settings)
    made: list[Crawler] = []

    def crawler(spider: type[Spider]) -> Crawler:
        made.append(Crawler(spider, settings, init_reactor=not made))
        return made[-1]

    if early:
        note_stop()  # as spiders/crawl_process.py does before it makes its crawlers
    process.in_turn([(lambda: crawler(First), {}), (lambda: crawler(Second), {})])
    if early:
        os.kill(os.getpid(), signal.SIGTERM)  # before the reactor runs: Scrapy's handler is not yet
    process.start()
    # Scrapy loads the extension from this module by name: its copy, not __main__'s, kept the list.
    opened = importlib.import_module("tests.graceful_toy").OPENED
    print(f"opened: {','.join(opened)}; signalled: {process.signalled}")


if __name__ == "__main__":
    main()
