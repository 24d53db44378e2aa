"""Pure: an api's next link keeps the answer's format.

A site that serves a page as JSON when asked with a format parameter (Squarespace's
`?format=json`, Django REST Framework's, ArcGIS's `f=json`, Google's `alt=json`) may write its next
link without it: Squarespace's `pagination.nextPageUrl` is "/grants?offset=1757599200000", the
blog's web page, so the crawl failed on page 2 with "not JSON … (text/html)" and the calls after
page 1 were never read (tests/sites/squarespace_format_json). The first address's format
parameter, when it asks for JSON and the link names no format of its own, is carried over.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit, urlunsplit

_FORMAT_KEYS = ("format", "_format", "f", "alt", "output")


def _json_format(query: str) -> tuple[str, str] | None:
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key.lower() in _FORMAT_KEYS and "json" in value.lower():
            return key, value
    return None


def with_answer_format(asked: str, next_url: str) -> str:
    """`next_url` with `asked`'s JSON format parameter added, unless it names a format itself."""
    kept = _json_format(urlsplit(asked).query)
    if kept is None:
        return next_url
    parts = urlsplit(next_url)
    keys = {key.lower() for key, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if keys & set(_FORMAT_KEYS):
        return next_url
    added = f"{kept[0]}={kept[1]}"
    query = f"{parts.query}&{added}" if parts.query else added
    return urlunsplit(parts._replace(query=query))
