"""Pure: the address of a feed entry's call. feedparser gives an entry's `link` as its alternate
link, and, where an Atom entry has none, its `id` instead: a `tag:` or `urn:` id is no address, so
an entry whose only links are a PDF prospectus (`rel="enclosure"`) and the application portal
(`rel="related"`) was stored with no url at all, and the crawl failed on it ("missing url"). Such
an entry's call is at one of the links it does give: a related page before a via, a file last."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

_NEXT_BEST = ("related", "via", "enclosure")


def entry_link(entry: Any) -> str | None:
    """The entry's page: its alternate link (or an http id feedparser gave for one; a relative
    one is joined later), else the first link of the next best kind."""
    link = entry.get("link")
    if link and urlsplit(link).scheme in ("http", "https", ""):
        return link
    links = [each for each in entry.get("links") or [] if each.get("href")]
    for rel in _NEXT_BEST:
        for each in links:
            if each.get("rel") == rel and urlsplit(each["href"]).scheme in ("http", "https"):
                return each["href"]
    return link
