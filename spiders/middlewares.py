"""Downloader middlewares that make the crawl polite where Scrapy alone is not (research §2.3, §1.3)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from scrapy import signals
from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from spiders.failures import Refusal
from spiders.retry_after import read_retry_after

logger = logging.getLogger(__name__)
# A robots.txt asking for more than this between requests is kept to this: a source is still read.
MAX_CRAWL_DELAY = 60.0


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

    def process_request_2(self, rp: Any, request: Request) -> None:
        if rp is not None:
            self._keep_crawl_delay(rp, request)
        super().process_request_2(rp, request)

    def _keep_crawl_delay(self, rp: Any, request: Request) -> None:
        """A robots.txt `Crawl-delay` for us is the host's delay, when longer than ours: Scrapy reads
        robots.txt for Allow/Disallow only. Kept in the downloader's per-slot settings, so a slot
        made after this (or remade after an idle minute) has it, with no jitter to shorten it."""
        agent = self._robotstxt_useragent or request.headers.get(
            b"User-Agent", self._default_useragent
        )
        asked = rp.crawl_delay(agent)
        if not asked or asked <= 0:
            return
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        delay = min(float(asked), MAX_CRAWL_DELAY)
        if downloader.per_slot_settings.get(key, {}).get("delay") == delay:
            return
        if delay <= self.crawler.settings.getfloat("DOWNLOAD_DELAY"):
            return
        downloader.per_slot_settings[key] = {
            **downloader.per_slot_settings.get(key, {}),
            "delay": delay,
            "jitter": 0.0,
        }
        slot = downloader.slots.get(key)
        if slot is not None:
            slot.delay, slot.jitter = max(slot.delay, delay), 0.0
        self.crawler.stats.max_value("robotstxt/crawl_delay", delay)
        logger.info("robots.txt of %s asks for %.1f s between requests: kept", key, delay)


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds (delta-seconds or an HTTP date), `now` a Unix time; None if unread."""
    when = datetime.fromtimestamp(now if now is not None else time.time(), UTC)
    return read_retry_after(value, when)


class RetryAfterMiddleware(RetryMiddleware):
    """Retry 429/503 only after the wait the server asked for, and hold back the whole host meanwhile.

    Stock Scrapy retries at once (scrapy#3849). Here the host's download slot delay is raised to
    Retry-After until the host answers normally again, so the retry and every other queued request
    for that host wait too.

    The wait counts from when the 429 arrived. Scrapy counts a slot's delay from `slot.lastseen`, when
    it last *sent* a request, so a 429 that took 1.5 s to come back would be retried 0.5 s after a
    Retry-After of 2; `lastseen` is moved to the arrival. The slot is held on the response_downloaded
    signal, which Scrapy sends before it looks at the host's queue again, so no queued request slips
    out under the old delay; process_response then retries (or gives up on a wait over the limit).

    `clock` must be the clock Scrapy's downloader keeps `lastseen` on (time.monotonic in 2.19);
    `wall_clock` turns an HTTP-date Retry-After into seconds. Tests replace both.
    """

    clock: Callable[[], float] = staticmethod(time.monotonic)
    wall_clock: Callable[[], float] = staticmethod(time.time)

    def __init__(self, settings):
        super().__init__(settings)
        self.max_wait = settings.getfloat("FUNDWATCH_MAX_RETRY_AFTER", 300.0)
        self._held: dict[str, tuple[float, float]] = {}  # slot key → its (delay, jitter) before

    @classmethod
    def from_crawler(cls, crawler):
        middleware = super().from_crawler(crawler)
        crawler.signals.connect(middleware.response_downloaded, signal=signals.response_downloaded)
        return middleware

    def _wait(self, request: Request, response: Response) -> float | None:
        """The Retry-After this answer asks for, or None when it is not one we honour."""
        if response.status not in (429, 503) or request.meta.get("dont_retry"):
            return None
        return retry_after_seconds(response.headers.get(b"Retry-After"), self.wall_clock())

    def _slot(self, request: Request):
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        return key, downloader.slots.get(key)

    def response_downloaded(self, response: Response, request: Request, **kwargs: Any) -> None:
        """Hold the host from the moment a 429/503 with Retry-After arrives."""
        arrived = self.clock()
        wait = self._wait(request, response)
        if wait is None or wait > self.max_wait:
            return  # over the limit: process_response gives up on the request instead
        key, slot = self._slot(request)
        if slot is not None:
            self._held.setdefault(key, (slot.delay, slot.jitter))
            slot.delay = max(slot.delay, wait)
            slot.jitter = 0.0  # jitter would shorten the wait by up to half
            slot.lastseen = max(slot.lastseen, arrived)  # the wait runs from the answer

    def process_response(self, request: Request, response: Response, spider=None):  # type: ignore[override]
        wait = self._wait(request, response)
        if wait is not None and wait > self.max_wait:
            spider_ = self.crawler.spider
            if hasattr(spider_, "problem"):
                spider_.problem(
                    f"HTTP {response.status} on {request.url}: the site asked us to wait {wait:.0f}s "
                    f"(more than the {self.max_wait:.0f}s limit); will try again next crawl"
                )
            raise IgnoreRequest(f"Retry-After {wait:.0f}s exceeds limit")
        if response.status < 400:
            key, slot = self._slot(request)
            if slot is not None and key in self._held:
                slot.delay, slot.jitter = self._held.pop(key)
        return super().process_response(request, response)


# meta: the request carried a source's secret header (spiders/source_headers.py)
SECRET_SENT = "secret_header_sent"


class RevalidatePolicy(RFC2616Policy):
    """Conditional GET on every crawl: never trust a cached copy without asking, never mask errors.

    RFC2616Policy would treat a page with an old Last-Modified as fresh for weeks (heuristic
    freshness) and would hide a 5xx behind the cached copy; a harvester must see both.
    """

    def should_cache_response(self, response: Response, request: Request) -> bool:
        if response.status != 200 or b"no-store" in self._parse_cachecontrol(response):
            return False
        if request.meta.get(SECRET_SENT):  # an answer for a secret's holder stays off the disk
            return False
        return b"Last-Modified" in response.headers or b"ETag" in response.headers

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(
        self, cachedresponse: Response, response: Response, request: Request
    ) -> bool:
        return response.status == 304


class NoStaleCopyCacheMiddleware(HttpCacheMiddleware):
    """Scrapy's HTTP cache without its error recovery: a download that fails fails.

    On a timeout, a refused connection or a host not found, Scrapy's middleware answers with the
    page's cached copy, said only in its stats (httpcache/errorrecovery). A funder's site that was
    down then crawled "ok" from the last copy every time, its source never failing, and a detail
    page that timed out was read as it had been. Here the cache only saves bandwidth (conditional
    GET, RevalidatePolicy): the failure goes on to the retries and the errback, as with no copy.
    """

    def process_exception(self, request: Request, exception: Exception, spider=None):  # type: ignore[override]
        request.meta.pop("cached_response", None)
        return None


_SET_COOKIE = "redirect_set_cookie"  # meta: the redirect's answer set a cookie
_COOKIE_HOP = "cookie_hop"  # meta: already sent back once to where it was, with a cookie


class _NamedRedirects:
    """A redirect loop or an endless chain of redirects fails the request with that reason.

    Stock Scrapy says nothing a curator would see: a redirect back to a page already fetched is
    dropped by the duplicate filter, and after REDIRECT_MAX_TIMES hops it raises a bare IgnoreRequest
    logged at DEBUG. Here both reach the request's errback as a Refusal: 'redirect loop', 'too many
    redirects (more than 20)'. A redirect back to the page asked whose answer set a cookie (a
    consent or cookie check) is followed once, with the cookie, past the duplicate filter.
    """

    max_redirect_times: int

    def _build_redirect_request(
        self, source_request: Request, response: Response, *, url: str, **kwargs: Any
    ) -> Request:
        redirected = super()._build_redirect_request(source_request, response, url=url, **kwargs)  # type: ignore[misc]
        redirected.meta[_SET_COOKIE] = bool(response.headers.getlist("Set-Cookie"))
        return redirected

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        if redirected.url in [*request.meta.get("redirect_urls", []), request.url]:
            # A consent or cookie check sends the visitor back to the page it asked, a cookie set:
            # asked again with it, the page answers. Once; a second time round is a loop.
            if redirected.meta.pop(_SET_COOKIE, False) and not request.meta.get(_COOKIE_HOP):
                redirected.meta[_COOKIE_HOP] = True
                hop = super()._redirect(redirected, request, reason)  # type: ignore[misc]
                hop.dont_filter = True  # the same address again, past the duplicate filter
                return hop
            raise Refusal("redirect loop")
        try:
            return super()._redirect(redirected, request, reason)  # type: ignore[misc]
        except IgnoreRequest:
            raise Refusal(f"too many redirects (more than {self.max_redirect_times})") from None


class NamedRedirectMiddleware(_NamedRedirects, RedirectMiddleware):
    """Scrapy's 3xx redirects, with loops named (replaces RedirectMiddleware at 600)."""


class NamedMetaRefreshMiddleware(_NamedRedirects, MetaRefreshMiddleware):
    """Scrapy's <meta http-equiv=refresh> redirects, with loops named (replaces it at 580)."""
