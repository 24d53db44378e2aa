"""Conditional GET for the feeds (RFC 9110 §13): ETag from the body, Last-Modified from the latest
change it reflects, and 304 Not Modified when the reader already has it, so a calendar or feed
reader that polls every few hours costs a hash, not a download."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from datasette.utils.asgi import Response

from notifier.export.build import Body

MAX_AGE = 300  # seconds a cache may reuse a feed without asking again


def etag_of(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _tags(header: str) -> list[str]:
    # Weak comparison (RFC 9110 §8.8.3.2): W/"x" matches "x" for If-None-Match.
    return [tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()]


def _since(header: str) -> datetime | None:
    try:
        when = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def not_modified(headers: dict[str, str], etag: str, last_modified: datetime | None) -> bool:
    """If-None-Match decides when sent; If-Modified-Since only when it is not (RFC 9110 §13.2.2)."""
    match = headers.get("if-none-match")
    if match is not None:
        return match.strip() == "*" or etag in _tags(match)
    since = headers.get("if-modified-since")
    if since and last_modified is not None:
        when = _since(since)
        return when is not None and last_modified.replace(microsecond=0) <= when
    return False


def conditional(request, body: Body, *, filename: str | None = None) -> Response:
    etag = etag_of(body.content)
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={MAX_AGE}"}
    if body.last_modified is not None:
        headers["Last-Modified"] = format_datetime(body.last_modified.astimezone(UTC), usegmt=True)
    if filename:
        headers["Content-Disposition"] = f'inline; filename="{filename}"'
    if not_modified(request.headers, etag, body.last_modified):
        return Response(b"", status=304, headers=headers, content_type=body.media_type)
    return Response(body.content, status=200, headers=headers, content_type=body.media_type)
