"""A stopped crawl reads no page it had not started.

Scrapy's graceful stop lets the engine's requests in progress finish, and those include what it had
already handed the downloader: up to CONCURRENT_REQUESTS (16) per crawl, queued behind the host's
one-at-a-time slot. A stopped crawl went on reading them one by one, a download delay apart; on
live sites (a delay of seconds, 30 s timeouts) a stop could take minutes. Now, once stopped:
- `drop_queued` fails what waits in the downloader's queues (the graceful stop, spiders/
  graceful_stop.py, calls it), and
- `DropWhenStopped`, the last downloader middleware before the downloader, refuses what comes after
  (a request the engine took before it heard the stop).
The page in flight is still read. A dropped request goes without its errback: it is not the
source's failure (on_error would record a problem, and the run's reason would no longer be the
stop alone, which source health passes over), and a listing's detail_failed would store a call
with half its fields. Scrapy passes an IgnoreRequest with no errback over in silence.
"""

from __future__ import annotations

from collections.abc import Iterable

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from twisted.python.failure import Failure

from spiders.early_stop import stop_signalled


class DroppedByStop(IgnoreRequest):
    """Not fetched: the crawl was stopped before this request's turn."""


def dropped(request: Request) -> DroppedByStop:
    request.errback = None  # see the module docstring
    return DroppedByStop(f"the crawl was stopped before {request.url} was fetched")


class DropWhenStopped:
    def process_request(self, request: Request) -> None:
        if stop_signalled():
            raise dropped(request)


def drop_queued(crawlers: Iterable[Crawler]) -> None:
    """Fail every request waiting in the crawlers' download queues; each crawl says how many (at
    INFO: the run's reason says it was stopped)."""
    for crawler in crawlers:
        engine = crawler.engine
        downloader = getattr(engine, "downloader", None)
        if downloader is None or crawler.spider is None:
            continue
        count = 0
        for slot in downloader.slots.values():
            while slot.queue:
                request, waiting = slot.queue.popleft()
                waiting.errback(Failure(dropped(request)))
                count += 1
        crawler.spider.logger.info("stopped: %d queued request(s) dropped unread", count)
