"""Downloader middlewares that make the crawl polite where Scrapy alone is not (research §2.3, §1.3)."""

from __future__ import annotations

import email.utils
import time
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class QueuedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Every request waiting for a host's robots.txt gets the parser.

    Scrapy 2.19 awaits one shared Deferred from every waiter; from the third waiter on the chain
    yields None, which the stock middleware treats as "allow" — disallowed pages got fetched.
    Each waiter here gets its own Deferred, relayed from the shared one.
    """

    async def robot_parser(self, request: Request):  # type: ignore[override]
        netloc = urlparse_cached(request).netloc
        pending = self._parsers.get(netloc)
        if isinstance(pending, Deferred):
            waiter: Deferred = Deferred()

            def relay(parser: Any) -> Any:
                waiter.callback(parser)
                return parser

            pending.addCallback(relay)
            return await maybe_deferred_to_future(waiter)
        return await super().robot_parser(request)


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class RetryAfterMiddleware(RetryMiddleware):
    """Retry 429/503 only after the wait the server asked for, and hold back the whole host meanwhile.

    Stock Scrapy retries at once (scrapy#3849). Here the host's download slot delay is raised to
    Retry-After until the host answers normally again, so the retry and every other queued request
    for that host wait too.
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.max_wait = settings.getfloat("FUNDWATCH_MAX_RETRY_AFTER", 300.0)
        self._held: dict[str, float] = {}  # slot key → its delay before we raised it

    def _slot(self, request: Request):
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        return key, downloader.slots.get(key)

    def process_response(self, request: Request, response: Response, spider=None):  # type: ignore[override]
        if response.status in (429, 503) and not request.meta.get("dont_retry"):
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            if wait is not None:
                if wait > self.max_wait:
                    spider_ = self.crawler.spider
                    if hasattr(spider_, "problem"):
                        spider_.problem(
                            f"HTTP {response.status} on {request.url}: the site asked us to wait {wait:.0f}s "
                            f"(more than the {self.max_wait:.0f}s limit); will try again next crawl"
                        )
                    raise IgnoreRequest(f"Retry-After {wait:.0f}s exceeds limit")
                key, slot = self._slot(request)
                if slot is not None:
                    self._held.setdefault(key, slot.delay)
                    slot.delay = max(slot.delay, wait)
                    slot.jitter = 0.0
        elif response.status < 400:
            key, slot = self._slot(request)
            if slot is not None and key in self._held:
                slot.delay = self._held.pop(key)
        return super().process_response(request, response)


class RevalidatePolicy(RFC2616Policy):
    """Conditional GET on every crawl: never trust a cached copy without asking, never mask errors.

    RFC2616Policy would treat a page with an old Last-Modified as fresh for weeks (heuristic
    freshness) and would hide a 5xx behind the cached copy; a harvester must see both.
    """

    def should_cache_response(self, response: Response, request: Request) -> bool:
        if response.status != 200 or b"no-store" in self._parse_cachecontrol(response):
            return False
        return b"Last-Modified" in response.headers or b"ETag" in response.headers

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(
        self, cachedresponse: Response, response: Response, request: Request
    ) -> bool:
        return response.status == 304
