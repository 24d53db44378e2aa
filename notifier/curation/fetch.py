"""One page at a time, politely, for the curator tools (`sources try`, `sources record`).

The crawl's own rules, without a crawl process: the crawl's User-Agent, robots.txt obeyed, one request
at a time with the crawl's delay floor (or the source's longer delay) per host, a 429 or 503 asked
again after its Retry-After as the crawl does, a gzip, deflate or brotli answer decoded (within the
size limit, notifier/curation/encoding.py), the download time and size limits of settings.yaml,
http(s) only, and the crawl's address rules (config/addresses.py):
public addresses only (loopback only when FUNDWATCH_ALLOW_LOOPBACK=1, private ranges only for a source
with `allow_private: true`), and no host but the source's own, the one the curator named, and its
`follow_hosts`. A name is judged by what it resolves to; redirects are judged the same way.
"""

from __future__ import annotations

import http.client
import http.cookiejar
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from protego import Protego
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.responsetypes import responsetypes
from scrapy.settings import default_settings
from scrapy.utils.response import get_meta_refresh

from config.addresses import (
    FOLLOW_HINT,
    clean_host,
    reaches,
    source_host_keys,
    url_problem,
)
from config.header_env import SourceSecrets
from config.models import Settings, Source
from config.settings import RETRY_TIMES, crawl_delay, crawl_timeout, user_agent
from notifier.curation.checked_connect import CheckedConnect, CheckedHTTP, CheckedHTTPS
from notifier.curation.encoding import decoded
from spiders.failures import Refusal
from spiders.middlewares import retry_after_seconds

# Scrapy's own limits, which the crawl keeps: REDIRECT_MAX_TIMES hops, and a refresh later than
# METAREFRESH_MAXDELAY seconds is a page to read, not a redirect.
REFRESH_HOPS = default_settings.REDIRECT_MAX_TIMES
REFRESH_MAX_DELAY = default_settings.METAREFRESH_MAXDELAY
# The statuses the crawl's RetryMiddleware asks again (a flaky origin's 500, a CDN's 502/504)
RETRIED = frozenset(default_settings.RETRY_HTTP_CODES)


def refresh_target(response: Response) -> str | None:
    """Where a page's `<meta http-equiv="refresh">` sends a browser at once, or None."""
    if not isinstance(response, HtmlResponse):
        return None
    delay, url = get_meta_refresh(response)
    if delay is None or delay >= REFRESH_MAX_DELAY or not url or url == response.url:
        return None
    return url


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, fetcher: PoliteFetcher):
        self.fetcher = fetcher

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001
        if getattr(req, "dont_redirect", False):
            return None  # asked for its Location (a click tracker's): the 3xx is the answer
        chain = [*getattr(req, "redirect_urls", ()), req.full_url]
        # Sent back where it was with a cookie set (a consent or cookie check): once, as the
        # crawl allows it (spiders/middlewares.py); a second time round is a loop.
        cookie_hop = bool(headers.get_all("Set-Cookie")) and not getattr(req, "cookie_hop", False)
        if newurl in chain and not cookie_hop:
            # Named as the crawl names it ("redirect loop on B (redirected from A)"); urllib
            # would go round four times and hand back the last 3xx as if it were the page.
            loop = Refusal("redirect loop")
            loop.redirected_to, loop.redirect_urls = req.full_url, chain  # type: ignore[attr-defined]
            raise loop
        guarded(self.fetcher, newurl, chain)
        self.fetcher.wait_turn(newurl)
        hop = super().redirect_request(req, fp, code, msg, headers, newurl)
        if hop is not None:
            # urllib carries every header to where a redirect leads; a secret goes only to the
            # source's own hosts (config/header_env.py), as in a crawl.
            for header in self.fetcher.secrets.names:
                hop.remove_header(header.capitalize())
            for header, value in self.fetcher.secrets.for_url(newurl).items():
                hop.add_unredirected_header(header.capitalize(), value)
            hop.redirect_urls = chain
            hop.cookie_hop = getattr(req, "cookie_hop", False) or (newurl in chain)
        return hop


def guarded(fetcher: PoliteFetcher, url: str, chain: list[str]) -> None:
    """fetcher.guard(url) for a hop a redirect or a meta refresh leads to: a refusal keeps where it
    led and where the request started (`redirected_to`, `redirect_urls`), so `sources try` names
    both, as a crawl does ("… on <where it led> (redirected from <the source's URL>)"). Named
    only by the first, a listing sent to another host seemed refused at its own address."""
    try:
        fetcher.guard(url)
    except IgnoreRequest as refused:
        refused.redirected_to = url  # type: ignore[attr-defined]
        refused.redirect_urls = chain  # type: ignore[attr-defined]
        raise


class PoliteFetcher:
    """Fetch Scrapy Requests into Scrapy Responses, so a spider's callbacks can read them."""

    def __init__(self, settings: Settings, source: Source, extra_urls: tuple[str, ...] = ()):
        self.source = source
        self.secrets = SourceSecrets(source)  # read once for the run
        self.user_agent = user_agent(settings)
        self.delay = max(crawl_delay(settings), source.delay or 0.0)
        self.timeout = crawl_timeout(settings)
        self.max_bytes = settings.crawl.max_bytes
        self.max_retry_after = settings.crawl.max_retry_after
        self.allow_private = source.allow_private
        self.hosts = source_host_keys((*source.urls, *extra_urls), source.follow_hosts)
        self._robots: dict[str, Protego | None] = {}
        self.robots_files: dict[str, tuple[bytes, str]] = {}  # origin → robots.txt and its type
        self._last: dict[str, float] = {}
        connect = CheckedConnect(source.allow_private)
        # Cookies kept for the run, as a crawl keeps them (a consent wall's: spiders/consent_wall.py).
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self._opener = urllib.request.build_opener(
            _CheckedRedirects(self), CheckedHTTP(connect), CheckedHTTPS(connect), cookies
        )

    def host_problem(self, url: str) -> str | None:
        """'x.example is not this source's host (…)', or None for its own hosts and follow_hosts."""
        host = urlsplit(url).hostname or ""
        if reaches(host, self.hosts):
            return None
        return f"{clean_host(host)} is not this source's host ({FOLLOW_HINT})"

    def guard(self, url: str) -> None:
        """Raise a Refusal (or IgnoreRequest for robots.txt) unless `url` may be fetched."""
        parts = urlsplit(url)
        problem = None if parts.scheme in ("http", "https") else f"not an http(s) URL: {url}"
        problem = problem or url_problem(url, allow_private=self.allow_private)
        problem = problem or self.host_problem(url)
        # A name is judged by what it resolves to when the connection is made (CheckedConnect).
        if problem:
            raise Refusal(f"refused: {problem}")
        robots = self._robots_for(url)
        if robots is not None and not robots.can_fetch(url, self.user_agent):
            raise IgnoreRequest(f"Forbidden by robots.txt: {url}")

    def wait_turn(self, url: str) -> None:
        """One request at a time per host, at least `delay` seconds apart."""
        host = host_of(url)
        last = self._last.get(host)
        if last is not None:
            time.sleep(max(0.0, last + self.delay - time.monotonic()))
        self._last[host] = time.monotonic()

    def _robots_for(self, url: str) -> Protego | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = None  # unreadable or missing robots.txt: everything is allowed
            try:
                status, _, headers, body = self._get(f"{origin}/robots.txt", {})
            except (OSError, IgnoreRequest):
                return None
            if status == 200:
                self._robots[origin] = Protego.parse(body.decode("utf-8", "replace"))
                self.robots_files[origin] = (body, headers.get("Content-Type", "text/plain"))
        return self._robots[origin]

    def _get(
        self, url: str, headers: dict[str, str | bytes], *, redirect: bool = True
    ) -> tuple[int, str, dict[str, str], bytes]:
        self.wait_turn(url)
        request = urllib.request.Request(url, headers={**headers, "User-Agent": self.user_agent})
        request.dont_redirect = not redirect  # type: ignore[attr-defined]
        try:
            answer = self._opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            answer = error
        with answer:
            body = answer.read(self.max_bytes + 1)
            if len(body) > self.max_bytes:
                raise Refusal(f"larger than the {self.max_bytes}-byte limit")
            coding = answer.headers.get("Content-Encoding")
            headers = {k: v for k, v in answer.headers.items() if k.lower() != "content-encoding"}
            body = decoded(body, coding, self.max_bytes)
            return answer.status, answer.geturl(), headers, body

    def _get_waiting(
        self, url: str, headers: dict[str, str | bytes], *, redirect: bool = True
    ) -> tuple[int, str, dict[str, str], bytes]:
        """As _get, but a 429 or 503 with a Retry-After within the crawl's limit is asked again
        after that wait, and any other status the crawl retries (a 500, 502, 504, or a 429 or 503
        with no Retry-After) at once, after the delay floor, up to the crawl's retries
        (spiders/middlewares.py, Scrapy's RetryMiddleware): what a crawl stores from a
        rate-limited or flaky page, `try` shows. Over the limit, the answer is the 429 itself."""
        for _ in range(RETRY_TIMES):
            answer = self._get(url, headers, redirect=redirect)
            retry_after = {k.lower(): v for k, v in answer[2].items()}.get("retry-after")
            wait = retry_after_seconds(retry_after) if answer[0] in (429, 503) else None
            if wait is None and answer[0] in RETRIED:
                continue  # wait_turn keeps the host's delay between the two
            if wait is None or wait > self.max_retry_after:
                return answer
            time.sleep(wait)  # one request at a time: holding here holds the host
        return self._get(url, headers, redirect=redirect)

    def fetch(self, request: Request) -> Response:
        """The answer to `request`, whatever its status; IgnoreRequest (a Refusal, robots.txt) or
        OSError (the network) when there is none. A `<meta http-equiv="refresh">` is followed as
        the crawl's MetaRefreshMiddleware does (a council's published address is often only a
        refresh to its CMS page), each hop judged like the first."""
        headers = {k: v for k, v in request.headers.to_unicode_dict().items() if k != "User-Agent"}
        url, chain = request.url, []
        for _ in range(REFRESH_HOPS + 1):
            if chain:  # a meta refresh's target
                guarded(self, url, chain)
            else:
                self.guard(url)
            asked: dict[str, str | bytes] = {
                k: v for k, v in headers.items() if k not in self.secrets.names
            }
            asked.update(self.secrets.for_url(url))
            # A request that asks for the redirect itself (a click tracker's Location) gets it.
            status, final_url, answer_headers, body = self._get_waiting(
                url, asked, redirect=not request.meta.get("dont_redirect")
            )
            cls = responsetypes.from_args(headers=answer_headers, url=final_url, body=body)
            response = cls(
                url=final_url, status=status, headers=answer_headers, body=body, request=request
            )
            chain.append(final_url)
            url = refresh_target(response)
            if url is None:
                return response
        raise Refusal(f"refused: more than {REFRESH_HOPS} meta refreshes from {request.url}")
