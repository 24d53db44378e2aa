"""`kind: sitemap`: a funder whose calls are listed nowhere but in its XML sitemap (a custom post
type with no archive page, a CMS whose listing is drawn by script). Each address the sitemap lists
that the entry's `match` finds in it is a call's page, read by `detail` (its title among the
fields); a sitemap index's sitemaps are read in turn, up to `max_pages` sitemaps. Addresses go
through the same allow-list as every request (spiders/address_guard.py): a sitemap or page on
another host is asked only where `follow_hosts` names it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scrapy.http import Request, Response

from spiders.base import SourceSpider
from spiders.detail_pages import DetailPages
from spiders.sitemap_xml import NotASitemap, sitemap_links, unpacked


class SitemapSpider(DetailPages, SourceSpider):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.sitemaps_asked = len(self.source.urls)  # against max_pages
        self._pages_met: set[str] = set()  # a page listed in two sitemaps is read once

    def parse(self, response: Response, page: int = 1) -> Iterator[Any]:
        limit = self.settings.getint("DOWNLOAD_MAXSIZE") or None
        try:
            kind, locs = sitemap_links(unpacked(response.body, limit))
        except NotASitemap as exc:
            self.problem(f"not a sitemap on {response.url}: {exc}")
            return
        if kind == "sitemapindex":
            yield from self._sitemaps(response, locs)
            return
        assert self.source.match is not None  # the entry's rules (config/sitemap_entry.py)
        wanted = re.compile(self.source.match)
        for loc in locs:
            url = response.urljoin(loc)
            if not wanted.search(url) or url in self._pages_met:
                continue
            self._pages_met.add(url)
            yield self.with_detail(response, self.sighting(response, url=url, ref=url))

    def _sitemaps(self, response: Response, locs: list[str]) -> Iterator[Request]:
        for loc in locs:
            if self.sitemaps_asked >= self.source.max_pages:
                self.problem(
                    f"stopped at the page cap (max_pages: {self.source.max_pages}) on "
                    f"{response.url}: {len(locs)} sitemaps listed"
                )
                return
            self.sitemaps_asked += 1
            yield response.follow(loc, callback=self.parse, errback=self.on_error)
