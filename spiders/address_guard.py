"""The crawler only goes where it should: every request, judged just before it is sent.

A downloader middleware (before robots.txt, so a refused host is not even asked for its robots.txt).
Scrapy builds a new Request for each redirect hop and sends it through the downloader middlewares
again, so start URLs, redirects, next pages and detail links all pass here. Each request is refused
(a Refusal, which the spider records as one plain line) when:

- its host, as written, is an address the source may not reach (config/addresses.py: every numeric
  form, `user@host`, `localhost`, metadata names); then
- its host is not one of the source's own (either side of `www.`) nor in its `follow_hosts`; then
- its host is a name that resolves to such an address.

Names are resolved through the reactor's resolver: Scrapy's CachingThreadedResolver, in a thread, with
DNS_TIMEOUT, caching the answer in Scrapy's DNS cache. The download then connects through that same
resolver and cache, so the address judged here is the address connected to: a name cannot resolve to
a public address for the check and to a private one for the connection (DNS rebinding).
"""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import CannotResolveHostError
from scrapy.http import Request
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached

from config.addresses import (
    FOLLOW_HINT,
    clean_host,
    host_addresses,
    loopback_allowed,
    reaches,
    resolved_problem,
    source_host_keys,
    url_problem,
)
from spiders.failures import Refusal


class AddressRefused(Refusal):
    """'refused: 10.0.0.5 is a private address (set allow_private: true on the source to allow it)'."""


class AddressGuardMiddleware:
    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.allow_loopback = loopback_allowed()  # read when the crawl starts, from its environment
        self._hosts: frozenset[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> AddressGuardMiddleware:
        return cls(crawler)

    @property
    def _source(self) -> Any:
        return getattr(self.crawler.spider, "source", None)

    def _allow_private(self) -> bool:
        return bool(getattr(self._source, "allow_private", False))

    def _own_hosts(self) -> frozenset[str] | None:
        """The hosts this source may reach; None for a spider without a source (no rule to apply)."""
        source = self._source
        if source is None:
            return None
        if self._hosts is None:
            self._hosts = source_host_keys(source.urls, source.follow_hosts)
        return self._hosts

    async def resolve(self, host: str) -> str:
        """The address the download will connect to (tests replace this)."""
        from twisted.internet import reactor

        return await maybe_deferred_to_future(reactor.resolver.getHostByName(host))

    def problem(self, request: Request) -> str | None:
        """Why this request may not be sent, judged without DNS; None when it may (so far)."""
        allow = {"allow_loopback": self.allow_loopback, "allow_private": self._allow_private()}
        problem = url_problem(request.url, **allow)
        if problem:
            return problem
        host = urlparse_cached(request).hostname or ""
        own = self._own_hosts()
        if own is not None and not reaches(host, own):
            return f"{clean_host(host)} is not this source's host ({FOLLOW_HINT})"
        return None

    async def process_request(self, request: Request) -> None:
        problem = self.problem(request)
        host = urlparse_cached(request).hostname or ""
        if problem is None and not host_addresses(host):
            try:
                address = await self.resolve(host)
            except Exception as exc:  # DNS failure or timeout: the request fails as Scrapy's would
                raise CannotResolveHostError(f"{host}: {exc}") from exc
            problem = resolved_problem(
                host,
                address,
                allow_loopback=self.allow_loopback,
                allow_private=self._allow_private(),
            )
        if problem:
            raise AddressRefused(f"refused: {problem}")
