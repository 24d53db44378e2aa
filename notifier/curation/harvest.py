"""Run one source's spider without a crawl, a pipeline or a repository: its callbacks on pages fetched
now (PoliteFetcher) or on a saved page, following the requests it yields as Scrapy would (next pages,
detail pages, up to its max_pages), and keep what it extracted, raw, with every page it read."""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.responsetypes import responsetypes
from scrapy.settings import Settings as ScrapySettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as twisted_error
from twisted.python.failure import Failure

from config.models import Settings, Source
from notifier.curation.fetch import PoliteFetcher
from spiders.base import SourceSpider
from spiders.error_words import error_text
from spiders.failures import content_type, describe_failure, is_document
from spiders.items import OpportunitySighting
from spiders.registry import make_spider

MAX_REQUESTS = 2000  # a runaway spider must not fetch for ever
# Listing pages `try` and `record` read: enough to judge and pin the selectors; a crawl reads on
# to the source's max_pages, and a big site's hundredth page is laid out like its twentieth.
CURATION_PAGES = 20


@dataclass
class Page:
    """One page read: the URL asked for, the answer, and which callback read it."""

    url: str
    response: Response
    callback: str


@dataclass
class Harvest:
    source: Source
    items: list[OpportunitySighting] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    not_followed: list[str] = field(default_factory=list)  # requests left alone, with why
    details_not_read: list[str] = field(default_factory=list)  # the same, for detail pages
    unfetched_detail: set[int] = field(default_factory=set)  # items whose detail page was not read

    @property
    def detail_fields(self) -> list[str]:
        return list(self.source.detail.fields) if self.source.detail else []


def saved_response(path: Path, url: str) -> Response:
    """A saved page, as if fetched from `url` (relative links resolve against it)."""
    body = path.read_bytes()
    content_type = mimetypes.guess_type(path.name)[0] or ""
    if path.suffix.lower() in (".atom", ".rss"):
        content_type = "application/atom+xml" if path.suffix.lower() == ".atom" else "text/xml"
    headers = {"Content-Type": content_type} if content_type else {}
    cls = responsetypes.from_args(headers=headers, url=url, filename=path.name, body=body)
    return cls(url=url, body=body, headers=headers, request=Request(url))


def start_requests(spider: SourceSpider, url: str | None = None) -> list[Request]:
    """The spider's own start requests, or one for `url` (the page a curator named)."""
    if url:
        return [Request(url, callback=spider.parse, errback=spider.on_error, cb_kwargs={"page": 1})]

    async def collect() -> list[Request]:
        return [request async for request in spider.start()]

    return asyncio.run(collect())


def _name(callback: Any) -> str:
    return getattr(callback, "__name__", "parse")


def _as_scrapy(exc: BaseException) -> BaseException:
    """urllib's errors as the Twisted ones Scrapy raises, so describe_failure words them the same."""
    reason = getattr(exc, "reason", exc)  # URLError wraps the socket error
    if isinstance(reason, ConnectionRefusedError):
        return twisted_error.ConnectionRefusedError()
    if isinstance(reason, TimeoutError):
        return twisted_error.TimeoutError()
    if isinstance(reason, socket.gaierror):
        return twisted_error.DNSLookupError()
    return exc


def _redirected(request: Request, exc: BaseException) -> Request:
    """The request as Scrapy's redirect middleware leaves it when a hop is refused: at the address
    it was sent to, with where it started in meta's redirect_urls (spiders/failures.py words it)."""
    to = getattr(exc, "redirected_to", None)
    if not to:
        return request
    chain = getattr(exc, "redirect_urls", None) or [request.url]
    return request.replace(url=to, meta={**request.meta, "redirect_urls": chain})


def _failure(request: Request, exc: BaseException) -> Failure:
    failure = Failure(exc)
    failure.request = request  # type: ignore[attr-defined]  # as Scrapy's errbacks expect
    return failure


class Harvester:
    def __init__(self, source: Source, settings: Settings, fetcher: PoliteFetcher | None):
        self.spider = make_spider(source)
        # What a crawler would give it (its errbacks read the size limit).
        self.spider.settings = ScrapySettings({"DOWNLOAD_MAXSIZE": settings.crawl.max_bytes})
        # Its problems are reported with the result; without a handler, logging would print them too.
        logging.getLogger(self.spider.name).addHandler(logging.NullHandler())
        self.fetcher = fetcher
        self.result = Harvest(source)
        self._queue: list[Request] = []
        self._seen: set[str] = set()

    def run(self, requests: Iterable[Request], first: Response | None = None) -> Harvest:
        """Follow `requests` to exhaustion; `first` answers the first one (a saved page)."""
        self._queue = list(requests)
        if first is not None and self._queue:
            self._read(self._queue.pop(0), first)
        count = 0
        while self._queue:
            request = self._queue.pop(0)
            count += 1
            if count > MAX_REQUESTS:
                # try's own limit, not the source's fault: a note, as pages left unread are
                self.result.not_followed.append(f"stopped after {MAX_REQUESTS} requests")
                break
            self._visit(request)
        self.result.problems[:0] = self.spider.run_problems()
        self.result.not_followed += self.spider.not_followed
        return self.result

    def _visit(self, request: Request) -> None:
        if not request.dont_filter:
            if request.url in self._seen:
                return
            self._seen.add(request.url)
        if self.fetcher is None:
            self._not_fetched(request, "a saved page only; nothing else is fetched")
            return
        if request.cb_kwargs.get("page", 1) > CURATION_PAGES:
            self._not_fetched(request, f"the first {CURATION_PAGES} listing pages are enough here")
            return
        elsewhere = self.fetcher.host_problem(request.url)
        if elsewhere:
            self._not_fetched(request, elsewhere)
            # A crawl's address guard refuses it and fails the run, in these words: so does try.
            detail = isinstance(request.cb_kwargs.get("sighting"), OpportunitySighting)
            said = f"{'detail page ' if detail else ''}refused: {elsewhere} on {request.url}"
            self.spider.problem(said, incomplete=not detail)
            return
        try:
            response = self.fetcher.fetch(request)
        except (IgnoreRequest, OSError) as exc:  # the spider's errback says what it means
            self._error(_redirected(request, exc), _as_scrapy(exc))
            return
        if response.status >= 400:
            self._error(request, HttpError(response, f"HTTP {response.status}"))
            return
        self._read(request, response)

    def _not_fetched(self, request: Request, why: str) -> None:
        sighting = request.cb_kwargs.get("sighting")
        if isinstance(sighting, OpportunitySighting):  # a detail page: keep the listing's fields
            self.result.unfetched_detail.add(id(sighting))
            self.result.items.append(sighting)
            self.result.details_not_read.append(f"{request.url}: {why}")
        else:
            self.result.not_followed.append(f"{request.url}: {why}")

    def _error(self, request: Request, exc: BaseException) -> None:
        failure = _failure(request, exc)
        sighting = request.cb_kwargs.get("sighting")
        if isinstance(sighting, OpportunitySighting):  # the errback keeps the listing's fields
            self.result.unfetched_detail.add(id(sighting))
            self.result.details_not_read.append(f"{request.url}: {describe_failure(failure)}")
        if request.errback is None:
            self.spider.problem(f"{describe_failure(failure)} on {request.url}")
            return
        self._take(request.errback(failure))

    def _read(self, request: Request, response: Response) -> None:
        callback = request.callback or self.spider.parse
        sighting = request.cb_kwargs.get("sighting")
        if isinstance(sighting, OpportunitySighting) and is_document(response):
            # A call's link that now leads to a PDF: its detail fields went unread, as a failed
            # page's do, not "not found" as if the selectors were wrong.
            self.result.unfetched_detail.add(id(sighting))
            why = f"not a web page ({content_type(response)})"
            self.result.details_not_read.append(f"{request.url}: {why}")
        self.result.pages.append(Page(request.url, response, _name(callback)))
        try:
            self._take(callback(response, **request.cb_kwargs))
        except Exception as exc:  # noqa: BLE001  a spider bug: say where, keep what was read
            self.spider.problem(f"error while reading {response.url}: {error_text(exc)}")

    def _take(self, results: Iterable[Any] | None) -> None:
        for result in results or ():
            if isinstance(result, Request):
                self._queue.append(result)
            elif isinstance(result, OpportunitySighting):
                self.result.items.append(result)
