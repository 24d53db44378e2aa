"""Downloader middleware: a source's secret headers (`headers_env`, config/header_env.py) on each
request to its own hosts, and taken off any other.

Set here, at the moment of asking, rather than when a spider builds its requests: a redirect
(Scrapy carries a request's headers to where it leads, and drops only `Authorization` and
`Cookie` when the host changes), a detail page or a robots.txt on another host passes through here
again and goes without them. An answer to a request that carried one is not kept in the HTTP
cache (spiders/middlewares.py): it is private to the secret's holder, and an API's error may
quote the secret back. A variable unset in the crawl's environment (the service started
without it) fails the source's run naming the header and the variable, once, and nothing is asked.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request

from config.header_env import SourceSecrets
from spiders.failures import SaidAlready
from spiders.middlewares import SECRET_SENT


class SourceHeadersMiddleware:
    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> SourceHeadersMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        spider: Any = self.crawler.spider
        source: Any = getattr(spider, "source", None)
        if source is None or not source.headers_env:
            return
        secrets: SourceSecrets = spider.secrets
        if secrets.missing:
            if not getattr(spider, "_headers_missing_said", False):
                spider._headers_missing_said = True  # type: ignore[attr-defined]
                for line in secrets.missing:
                    spider.problem(f"config error: source {source.id!r}: {line}")  # type: ignore[attr-defined]
            raise SaidAlready("a header's environment variable is not set")
        wanted = secrets.for_url(request.url)
        # Its answer is not cached: it is the holder's own, and may quote the secret back.
        request.meta[SECRET_SENT] = bool(wanted)
        for header in secrets.names:
            if header in wanted:
                request.headers[header] = wanted[header]
            else:
                request.headers.pop(header, None)
