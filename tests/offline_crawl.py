"""A spider's callbacks run to exhaustion without a network: breadth first, as a crawl would, each
request answered by the test (from a snapshot, a recorded folder, a generated site)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

Start = tuple[str, Callable[..., Any], dict[str, Any]]


def request_path(url: str) -> str:
    """A URL as a site's routes key it: its path and query."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def first_pages(spider: Any) -> list[Start]:
    """The source's start URLs, each as page 1 of the spider's parse."""
    return [(url, spider.parse, {"page": 1}) for url in spider.source.urls]


def run_callbacks(
    start: Iterable[Start],
    answer: Callable[[str], Response | None],
    *,
    limit: int | None = None,
    start_errback: Callable[..., Any] | None = None,
) -> list[Any]:
    """Every item the callbacks yield, following every request they yield; `answer(url)` is the
    response (None: the site has no such page, and the request goes unanswered; an HTTP error
    goes to a followed request's errback, as Scrapy's HttpErrorMiddleware sends it); at most `limit`
    requests are asked; `answer` raising IgnoreRequest (a redirect loop, a host refused) or
    DownloadTimeoutError (a page that never answers) is the request's errback's.
    A request for a page already asked is dropped unless it says
    dont_filter, as Scrapy's duplicate filter does: a pager whose last page links to itself (the
    "next" after the current page number being that page) ends there in a crawl, so it does here.
    `start_errback`: the start pages' errback (the spider's on_error), as the crawl's start
    requests have it: a first page answering 403 fails as in a crawl, not read as the page.
    """
    queue: list[tuple[str, Callable[..., Any], dict[str, Any], Request | None]] = [
        (url, callback, kwargs, _start(url, callback, kwargs, start_errback))
        for url, callback, kwargs in start
    ]
    items: list[Any] = []
    seen: set[str] = set()
    asked = 0
    while queue and (limit is None or asked < limit):
        url, callback, kwargs, request = queue.pop(0)
        asked += 1
        try:
            response = answer(url)
        except (IgnoreRequest, DownloadTimeoutError) as refused:  # to the errback, as in a crawl
            if request is None or not request.errback:
                continue
            failure = Failure(refused)
            failure.request = _redirected(request, refused)  # type: ignore[attr-defined]
            response, results = None, request.errback(failure)
        else:
            if response is None:
                continue
            if request is not None and request.errback and _refused(request, response):
                failure = Failure(HttpError(response))
                failure.request = request  # type: ignore[attr-defined]
                results = request.errback(failure)
            else:
                results = callback(response, **kwargs)
        for result in results or ():
            if isinstance(result, Request):
                if not result.dont_filter:
                    if (key := canonicalize_url(result.url)) in seen:
                        continue
                    seen.add(key)
                queue.append((result.url, result.callback, result.cb_kwargs, result))
            else:
                items.append(result)
    return items


def _start(url: str, callback: Any, kwargs: dict[str, Any], errback: Any) -> Request | None:
    """A start page's request, when it has an errback to be given its failures."""
    if errback is None:
        return None
    return Request(url, callback=callback, errback=errback, cb_kwargs=kwargs, dont_filter=True)


def _redirected(request: Request, refused: IgnoreRequest) -> Request:
    """The request as Scrapy's redirect middleware leaves it when a hop is refused: at the address
    it had reached (`redirected_to`), where it started in meta's redirect_urls."""
    to = getattr(refused, "redirected_to", None)
    if not to:
        return request
    chain = getattr(refused, "redirect_urls", None) or [request.url]
    return request.replace(url=to, meta={**request.meta, "redirect_urls": chain})


def _refused(request: Request, response: Response) -> bool:
    """An HTTP error the request does not ask to handle itself (its handle_httpstatus_list)."""
    allowed = request.meta.get("handle_httpstatus_list", ())
    return response.status >= 400 and response.status not in allowed


def listing_page_as_stored(source: Any, body: str, now: Any) -> list[Any]:
    """One listing page at the source's first URL, read by its spider and normalised: each call
    as the repository would get it (no next or detail page followed)."""
    from scrapy.http import HtmlResponse

    from spiders.listing import ListingSpider
    from spiders.normalise.sighting import normalise

    url = source.urls[0]
    response = HtmlResponse(url, body=body.encode(), request=Request(url))
    return [normalise(raw, source, now) for raw in ListingSpider(source).parse(response)]
