"""A listing's next page answered as JSON holding HTML: a "Load more" button's data-url that answers
`{"html": "<article class=\"grant-card\">…", "next": "/grants/load-more?offset=8"}` (a theme's own
endpoint, WordPress's admin-ajax, a Laravel controller). The HTML in its text values is the page
the listing's selectors read, and its next page is the `next_page` selector's match in that HTML
(a fragment that brings its own button) or else the link a "next" key gives; null there is the
end. Read as a page, JSON has no elements, so every such listing stopped after its first page
with "the page is JSON, not HTML"."""

from __future__ import annotations

import json
import re
from typing import Any

from scrapy.http import HtmlResponse, Response, TextResponse

from config.lazy_pattern import lazy_pattern

# An element's start: what makes a text value HTML rather than words ("Load more").
_TAG = lazy_pattern(r"<[a-zA-Z][\w-]*[\s/>]")
# Keys that name the next request's address, at the top or one level down ("meta", "pagination").
NEXT_KEYS = (
    "next", "next_url", "nextUrl", "next_page_url", "nextPageUrl", "next_link", "nextLink",
    "next_page", "nextPage", "load_more_url", "loadMoreUrl", "more_url",
)  # fmt: skip
_LINKISH = lazy_pattern(r"(?:https?://|/|\?|\.{1,2}/)", re.IGNORECASE)


def _answer_json(response: Response) -> Any:
    if not isinstance(response, TextResponse) or isinstance(response, HtmlResponse):
        return None
    text = response.text.lstrip()
    if not text.startswith(("{", "[")):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def html_values(data: Any) -> list[str]:
    """Every text value holding HTML, in the answer's order (nested objects and lists included)."""
    if isinstance(data, str):
        return [data] if _TAG.search(data) else []
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [html for value in values for html in html_values(value)]


def next_link(data: Any) -> str | None:
    """The link a "next" key gives, at the top or one level down; None when absent, null, empty,
    false, or not a link (a page number: `"next": 3` says nothing of the address)."""
    if not isinstance(data, dict):
        return None
    places = [data, *(value for value in data.values() if isinstance(value, dict))]
    for place in places:
        for key in NEXT_KEYS:
            value = place.get(key)
            if isinstance(value, str) and _LINKISH.match(value.strip()):
                return value.strip()
    return None


def as_page(response: Response, *, later: bool = False) -> tuple[HtmlResponse, str | None] | None:
    """The JSON answer as the HTML page its text values make, and the next link its keys give;
    None when it is not JSON or holds no HTML (then it is said as a JSON answer is). A `later`
    page (after the first) that holds no HTML is a page with no calls: past the last, such an
    endpoint answers `{"Results": []}` or `{"html": ""}`, the end of the listing, not a JSON API
    the entry should have read as one (page 1 is where that advice is given)."""
    data = _answer_json(response)
    fragments = html_values(data) if data is not None else []
    if not fragments and not (later and data is not None):
        return None
    page = HtmlResponse(
        url=response.url,
        body="\n".join(fragments).encode("utf-8") or b"<html></html>",
        encoding="utf-8",
        request=response.request,
    )
    return page, next_link(data)
