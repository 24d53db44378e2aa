"""Why a request failed, in the words a curator would use: one short reason, no class names.

'connection refused', not `DownloadConnectionRefusedError`; 'redirect loop'; 'larger than the
4096-byte limit'; 'refused: 10.0.0.5 is a private address (…)'. Scrapy 2.19 wraps Twisted's errors
in its own (scrapy.exceptions); both are recognised, and so are the failures they wrap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
    UnsupportedURLSchemeError,
)
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as tx
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure

from config.lazy_pattern import lazy_pattern
from spiders.bot_check import bot_check_note

MAX_SIZE = lazy_pattern(r"download max size \((\d+)\)")
# Scrapy's HttpCompressionMiddleware stops a compressed body (a gzip bomb) at DOWNLOAD_MAXSIZE.
DECOMPRESSED = lazy_pattern(r"exceeded DOWNLOAD_MAXSIZE \((\d+) B\) during decompression")


def content_type(response: Any, missing: str = "no Content-Type") -> str:
    """What the answer says it is, for a line saying why it could not be read."""
    return (response.headers.get(b"Content-Type") or missing.encode()).decode("latin-1")


# Types that are a document or a download, never a page, whatever their bytes look like: Scrapy
# makes a TextResponse of a small PDF written in plain ASCII, which selectors would read as HTML.
_DOCUMENT_TYPE = lazy_pattern(
    r"^\s*(?:application/(?:pdf|msword|zip|vnd\.(?:openxmlformats|ms-|oasis))|image/|audio/|video/)",
    re.IGNORECASE,
)


def is_document(response: Any) -> bool:
    """Whether an answer is no web page: binary, or typed as a document (a PDF, a Word file)."""
    return not isinstance(response, TextResponse) or bool(
        _DOCUMENT_TYPE.match(content_type(response, ""))
    )


class Refusal(IgnoreRequest):
    """A request the crawler will not make or follow; its message is the whole reason, in words."""


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception, what it wraps (`__cause__`) and the failures it carries (Twisted's `reasons`)."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if current.__cause__ is not None:
            todo.append(current.__cause__)
        for reason in getattr(current, "reasons", None) or []:
            if isinstance(reason, Failure):
                todo.append(reason.value)


def _tls(exc: BaseException) -> str | None:
    """'TLS handshake failed (wrong version number)' when an OpenSSL error is among the causes."""
    for cause in _causes(exc):
        module = type(cause).__module__ or ""
        if module.startswith("OpenSSL") or "SSL routines" in str(cause):
            found = re.findall(r"'([^']+)'\)", str(cause))
            detail = next((d for d in reversed(found) if d.strip()), "")
            if "certificate" in detail:
                return f"TLS certificate not accepted ({detail})"
            return f"TLS handshake failed ({detail})" if detail else "TLS handshake failed"
    return None


def _size(exc: BaseException, max_bytes: int | None) -> str:
    found = MAX_SIZE.search(str(exc))
    limit = found.group(1) if found else max_bytes
    return f"larger than the {limit}-byte limit" if limit else "larger than the download size limit"


def _connection(exc: BaseException) -> str | None:
    for cause in _causes(exc):
        text = str(cause).lower()
        if isinstance(cause, ResponseDataLossError):
            return "connection lost before the page was complete"
        if "reset by peer" in text or isinstance(cause, tx.ConnectionAborted):
            return "connection reset"
        if isinstance(cause, (tx.ConnectionLost, tx.ConnectionDone)):
            return "connection lost"
        if isinstance(cause, tx.NoRouteError):
            return "no route to host"
        if isinstance(cause, tx.ConnectError):
            return "could not connect"
    return None


class SaidAlready(IgnoreRequest):
    """A request not sent for a reason the run's problems already name (a secret header's variable
    not set: spiders/source_headers.py): the errback adds no second line for it."""


def describe_failure(failure: Failure, max_bytes: int | None = None) -> str:
    """A short reason a curator can act on: 'HTTP 500', 'timed out', 'connection refused'.

    `max_bytes`: the size limit, for a body cut off mid-way (Scrapy's message does not say it)."""
    exc = failure.value
    if isinstance(exc, HttpError):
        answer = exc.response  # a CDN's bot check is named, as a bare 403 tells nobody what to do
        return f"HTTP {answer.status}" + bot_check_note(answer.status, answer.headers, answer.body)
    if isinstance(exc, Refusal):
        return str(exc)
    if isinstance(exc, IgnoreRequest):
        text = str(exc).strip()
        if found := DECOMPRESSED.search(text):
            return f"larger than the {found.group(1)}-byte limit once decompressed"
        if "robots" in text.lower():
            return "forbidden by robots.txt"
        return f"not fetched ({text})" if text else "not fetched"
    if isinstance(exc, (DownloadTimeoutError, tx.TimeoutError, tx.TCPTimedOutError)):
        return "timed out"
    if isinstance(exc, (DownloadConnectionRefusedError, tx.ConnectionRefusedError)):
        return "connection refused"
    if isinstance(exc, (CannotResolveHostError, tx.DNSLookupError)):
        return "host not found"
    if isinstance(exc, (DownloadCancelledError, CancelledError)) or MAX_SIZE.search(str(exc)):
        return _size(exc, max_bytes)
    if isinstance(exc, UnsupportedURLSchemeError):
        return "unsupported URL scheme"
    reason = _tls(exc) or _connection(exc)
    if reason:
        return reason
    text = str(exc).strip()
    return f"download failed: {text}" if text else f"download failed ({type(exc).__name__})"


# How sites answer a page number past their last page when they do not answer it empty.
_PAST_THE_END = frozenset({400, 404, 416})


def past_the_end(failure: Failure) -> bool:
    """Whether a numbered page (not the first) was refused as one past the last: 400, 404 or 416.
    A 5xx or a 403 is still a fault: the site is down or refusing us, not out of pages."""
    exc = failure.value
    request = getattr(failure, "request", None)
    later_page = request is not None and request.cb_kwargs.get("page", 1) > 1
    return later_page and isinstance(exc, HttpError) and exc.response.status in _PAST_THE_END


def failure_line(failure: Failure, max_bytes: int | None = None) -> str:
    """The one line a failed request leaves: 'HTTP 500 on URL', with where a redirect started."""
    request = getattr(failure, "request", None)
    url = request.url if request is not None else "?"
    line = f"{describe_failure(failure, max_bytes)} on {url}"
    chain = request.meta.get("redirect_urls") if request is not None else None
    return f"{line} (redirected from {chain[0]})" if chain else line
