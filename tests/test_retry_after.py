"""Retry-After, as the wait the middleware schedules on Scrapy's own download slot (no wall clock).

A real Crawler, engine and downloader are built (nothing is downloaded); the 429 goes through the
crawler's real response_downloaded signal and the middleware's process_response, with its clocks
replaced, and the test reads back the host's slot: its delay and the moment the delay counts from.
The end-to-end crawl in test_crawl_failures.py checks the order of requests and the outcome.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest
from scrapy import Request, signals
from scrapy.core.downloader import Slot
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from spiders.middlewares import RetryAfterMiddleware

URL = "http://127.0.0.1:8080/feed.atom"
DELAY, JITTER = 1.0, 0.25  # the slot's own settings, which a normal answer must bring back
SENT, ARRIVED = (
    1000.0,
    1001.5,
)  # monotonic: the request went out, and the 429 took 1.5 s to come back
WALL = datetime(2026, 11, 25, 9, 0, tzinfo=UTC).timestamp()


class Crawl:
    """A crawler's middleware and the download slot Scrapy made for URL's host."""

    def __init__(self) -> None:
        self.crawler = asyncio.run(self._build())  # Scrapy's slot timers want a running loop
        downloader = self.crawler.engine.downloader
        self.slot: Slot = downloader.slots[downloader.get_slot_key(Request(URL))]
        self.slot.lastseen = SENT
        (self.middleware,) = [
            m for m in downloader.middleware.middlewares if isinstance(m, RetryAfterMiddleware)
        ]
        self.middleware.clock = lambda: ARRIVED
        self.middleware.wall_clock = lambda: WALL

    @staticmethod
    async def _build():
        crawler = get_crawler(
            settings_dict={
                "DOWNLOAD_DELAY": DELAY,
                "DOWNLOAD_DELAY_JITTER": JITTER,
                "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
                "DOWNLOAD_HANDLERS": {"http": None, "https": None},  # nothing is fetched
                "DOWNLOADER_MIDDLEWARES": {
                    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
                    "spiders.middlewares.RetryAfterMiddleware": 550,
                },
                "FUNDWATCH_MAX_RETRY_AFTER": 300,
            }
        )
        crawler.spider = crawler._create_spider("retry_after")
        crawler.engine = crawler._create_engine()
        downloader = crawler.engine.downloader
        downloader._get_slot(Request(URL))  # the slot, made exactly as a download makes it
        downloader._stop_slot_gc()  # its garbage-collection timer belongs to this loop only
        return crawler

    def answer(self, request: Request, status: int, headers: dict | None = None):
        """The downloader's side of an answer arriving, then the middleware chain's."""
        response = Response(request.url, status=status, headers=headers or {}, request=request)
        self.crawler.signals.send_catch_log(
            signal=signals.response_downloaded,
            response=response,
            request=request,
            spider=self.crawler.spider,
        )
        return self.middleware.process_response(request, response)


@pytest.fixture
def crawl() -> Crawl:
    return Crawl()


def test_the_wait_counts_from_when_the_429_arrived(crawl: Crawl):
    request = Request(URL)
    retry = crawl.answer(request, 429, {"Retry-After": "2"})

    assert isinstance(retry, Request) and retry.url == URL
    assert retry.meta["retry_times"] == 1
    assert crawl.slot.delay == 2.0
    assert crawl.slot.jitter == 0.0  # no shortening it at random
    assert crawl.slot.lastseen == ARRIVED, "counted from the answer, not from when it was sent"
    # Scrapy's downloader sends the next request for this host at lastseen + download_delay()
    assert crawl.slot.lastseen + crawl.slot.download_delay() == ARRIVED + 2.0


def test_a_normal_answer_restores_the_hosts_delay(crawl: Crawl):
    request = Request(URL)
    retry = crawl.answer(request, 429, {"Retry-After": "2"})
    again = crawl.answer(retry, 429, {"Retry-After": "5"})
    assert crawl.slot.delay == 5.0

    response = crawl.answer(again, 200)
    assert isinstance(response, Response) and response.status == 200
    assert (crawl.slot.delay, crawl.slot.jitter) == (DELAY, JITTER)


def test_a_retry_after_shorter_than_the_delay_keeps_the_delay(crawl: Crawl):
    crawl.answer(Request(URL), 503, {"Retry-After": "0"})
    assert crawl.slot.delay == DELAY
    assert crawl.slot.lastseen == ARRIVED


def test_an_http_date_retry_after_is_honoured(crawl: Crawl):
    when = format_datetime(datetime.fromtimestamp(WALL + 120, UTC), usegmt=True)
    crawl.answer(Request(URL), 429, {"Retry-After": when})
    assert crawl.slot.delay == 120.0
    assert crawl.slot.lastseen == ARRIVED


def test_a_wait_over_the_limit_gives_up_without_holding_the_host(crawl: Crawl):
    from scrapy.exceptions import IgnoreRequest

    with pytest.raises(IgnoreRequest, match="3600s exceeds limit"):
        crawl.answer(Request(URL), 429, {"Retry-After": "3600"})
    assert (crawl.slot.delay, crawl.slot.jitter, crawl.slot.lastseen) == (DELAY, JITTER, SENT)


def test_without_retry_after_the_host_is_not_held(crawl: Crawl):
    retry = crawl.answer(Request(URL), 503)
    assert isinstance(retry, Request)  # Scrapy's own retry
    assert (crawl.slot.delay, crawl.slot.lastseen) == (DELAY, SENT)
