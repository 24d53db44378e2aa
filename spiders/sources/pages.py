"""What the loopback site serves and logs: pages, the answer to one request, conditional GET."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from spiders.sources.routes import Route, rewrite_text

TEXT = "text/plain; charset=utf-8"


@dataclass
class Page:
    """One path's answer. `content` is as stored: the site puts its own address in when it serves it."""

    content: bytes
    content_type: str
    modified: datetime
    status: int = 200
    hang: float = 0.0  # seconds to wait before answering (a hung server)
    retry_after: list[str] = field(default_factory=list)  # answer 429 with these first, one each
    redirect: str | None = None  # answer `status` (a 3xx) with this Location ({{SITE}}: the site)
    gzip: bool = False  # stored pre-compressed (S3, a CDN): Content-Encoding gzip, asked for or not
    retry_status: int = 429  # what the Retry-After answers are: 429, or 503 (a busy CDN)
    # A consent wall: (cookie, page). A request without the cookie gets the page, 200, and a
    # Set-Cookie of it; the page itself comes once the cookie is sent back. With no page (b""),
    # a cookie check: a 302 back to the page asked, setting the cookie.
    consent: tuple[str, bytes] | None = None
    fails: list[int] = field(default_factory=list)  # answer these statuses first, one each (flaky)
    headers: tuple[tuple[str, str], ...] = ()  # more response headers ({{SITE}}: the site)
    # A consent interstitial: with `consent`'s cookie unsent, a 302 to this path with the page
    # asked as its `returnUrl` (the interstitial sets the cookie and sends the visitor back).
    consent_via: str | None = None

    @property
    def etag(self) -> str:
        # from the stored content, not the served body, so the tag survives a restart on another port
        return '"' + hashlib.sha256(self.content).hexdigest()[:32] + '"'

    @property
    def last_modified(self) -> str:
        return format_datetime(self.modified, usegmt=True)


def route_page(route: Route, origin: str) -> Page:
    """A snapshot folder's route as the site serves it (its headers' links to the real origin
    pointing back at the site)."""
    heads = tuple((name, rewrite_text(value, origin)) for name, value in route.headers)
    return Page(route.file.read_bytes(), route.content_type, route.modified, headers=heads)


@dataclass(frozen=True)
class Hit:
    """One request the site answered: what was asked, with which headers, and the status it got."""

    method: str
    path: str
    status: int
    headers: dict[str, str]


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def _etag_matches(header: str, etag: str) -> bool:
    candidates = [tag.strip() for tag in header.split(",")]
    # weak comparison, as RFC 9110 asks for If-None-Match
    return "*" in candidates or etag in (tag.removeprefix("W/") for tag in candidates)


def not_modified(headers: Any, page: Page) -> bool:
    """Whether the request's validators still match the page (RFC 9110 §13.2.2 precedence)."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:  # it takes precedence over If-Modified-Since
        return _etag_matches(if_none_match, page.etag)
    since = headers.get("If-Modified-Since")
    if since:
        try:
            when = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return page.modified <= when
    return False


def _carries(headers: Any, cookie: str) -> bool:
    """Whether the request sends back `cookie` (name=value) in its Cookie header."""
    sent = [part.strip() for part in (headers.get("Cookie") or "").split(";")]
    return cookie in sent


def _plain(status: int, headers: dict[str, str] | None = None) -> Answer:
    body = f"{status} {HTTPStatus(status).phrase}\n".encode()
    return Answer(status, {"Content-Type": TEXT, **(headers or {})}, body)


def answer(
    page: Page | None,
    headers: Any,
    body: bytes,
    retry_after: str | None,
    base: str = "",
    path: str = "/",
    fail: int | None = None,
) -> Answer:
    """The answer to one request for `page` (None: no such path) at `path`; `body` is the page as
    served, `base` the site's address (for a redirect's Location)."""
    if page is None:
        return _plain(404)
    if retry_after is not None:
        return _plain(page.retry_status, {"Retry-After": retry_after})
    if fail is not None:  # a flaky server's error, with no Retry-After: only a retry reads it
        return _plain(fail)
    own = {name: value.replace("{{SITE}}", base) for name, value in page.headers}
    if page.consent is not None and not _carries(headers, page.consent[0]):
        cookie, wall = page.consent
        if page.consent_via is not None:
            back = quote(path, safe="")
            return _plain(302, {"Location": f"{base}{page.consent_via}?returnUrl={back}"})
        if not wall:
            return _plain(302, {"Location": f"{base}{path}", "Set-Cookie": f"{cookie}; Path=/"})
        kind = {"Content-Type": "text/html; charset=utf-8", "Set-Cookie": f"{cookie}; Path=/"}
        return Answer(200, {**kind, "Cache-Control": "no-store"}, wall)
    if page.redirect is not None:
        return _plain(page.status, {"Location": page.redirect.replace("{{SITE}}", base), **own})
    # A server that names no Content-Type at all (a bucket's object uploaded without one): "".
    kind = {"Content-Type": page.content_type} if page.content_type else {}
    if page.status != 200:
        if not body:
            return _plain(page.status)
        return Answer(page.status, {**kind, **own}, body)
    validators = {
        "ETag": page.etag,
        "Last-Modified": page.last_modified,
        "Cache-Control": "no-cache",
    }
    if not_modified(headers, page):
        return Answer(304, validators, b"")
    return Answer(200, {**validators, **kind, **own}, body)
