"""The hand-built sites of tests/sites/ (README there): each folder's entry, and its pages read
offline as if fetched from the real site (served on loopback for a real crawl: unseen_serving.py).
Each reader takes `sites_dir`, the folder holding the sites (a test's generated copies)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import DownloadTimeoutError, DropItem
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from scrapy.responsetypes import responsetypes
from scrapy.settings import Settings

from config.addresses import FOLLOW_HINT, clean_host, reaches, source_host_keys
from config.models import Source
from config.yaml_file import parse_yaml
from notifier.curation.fetch import refresh_target
from spiders.address_guard import AddressRefused
from spiders.eligibility import council_eligibility
from spiders.failures import Refusal
from spiders.normalise.sighting import Sighting, normalise
from spiders.pipelines import ValidatePipeline
from spiders.registry import make_spider
from spiders.restated import Restatements
from spiders.sources import SNAPSHOT_NOW
from spiders.sources.routes import Route, load_routes, routed, same_path
from tests.offline_crawl import first_pages, request_path, run_callbacks
from tests.unseen_extras import error_body

SITES_DIR = Path(__file__).resolve().parent / "sites"
SITE_IDS = sorted(p.name for p in SITES_DIR.iterdir() if (p / "routes.yaml").is_file())


def entry(site_id: str, sites_dir: Path = SITES_DIR) -> dict[str, Any]:
    """The source entry as the curator wrote it (source.yaml), URLs on the real site."""
    return parse_yaml((sites_dir / site_id / "source.yaml").read_text("utf-8"))[0]


def expected(site_id: str, sites_dir: Path = SITES_DIR) -> dict[str, Any]:
    return parse_yaml((sites_dir / site_id / "expected.yaml").read_text("utf-8"))


def extras(site_id: str, sites_dir: Path = SITES_DIR) -> list[dict[str, Any]]:
    """Answers routes.yaml cannot hold: redirects ({path, to, status}), error pages ({path,
    status, body, type}) and a route's page answered 429 first ({path, retry_after: [seconds]},
    503 with retry_status: 503) or another status with no Retry-After ({path, fails: [500]}: a
    flaky server, read offline as the page), gzip-encoded whatever the request accepts ({path,
    gzipped: true}) or behind a consent wall ({path, consent: <the wall's file>, cookie: name=value},
    or an interstitial: {path, consent_via, cookie}); a page that never answers ({path, hang:
    seconds}), an error page's body from a file and its headers ({path, status, file, headers}):
    tests/unseen_extras.py."""
    return folder_extras(sites_dir / site_id)


def folder_extras(folder: Path) -> list[dict[str, Any]]:
    path = folder / "extras.yaml"
    return parse_yaml(path.read_text("utf-8")) if path.is_file() else []


def _routes(folder: Path) -> tuple[str, dict[str, Route]]:
    """load_routes(folder), read once per version of its routes.yaml: a page read offline asked
    for it each time (352 times for next_token_pager_big's 300-page listing: 43 of its 44 s)."""
    stat = (folder / "routes.yaml").stat()
    return _routes_of(folder, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _routes_of(folder: Path, _mtime_ns: int, _size: int) -> tuple[str, dict[str, Route]]:
    return load_routes(folder)


# A folder may hold a second host of the same funder (its grants portal beside its www site):
# OTHER_HOST/routes.yaml, served on another loopback address, as another host is (unseen_serving.py).
OTHER_HOST = "other-host"


def _folder_for(site_id: str, url: str) -> Path:
    """The folder serving `url`: the other host's when the URL is on its origin."""
    other = SITES_DIR / site_id / OTHER_HOST
    if (other / "routes.yaml").is_file():
        origin, _ = _routes(other)
        if url == origin or url.startswith((origin + "/", origin + "?")):
            return other
    return SITES_DIR / site_id


def _redirected(site_id: str, url: str, hosts: frozenset[str] | None = None) -> str:
    """Where the folders' redirects lead `url` (the other host's may lead to the main site: a click
    tracker's, `to` a whole address); a loop is refused as the crawl refuses it ("redirect loop on
    B (redirected from A)", spiders/middlewares.py), and so is an address on none of `hosts` (the
    source's own and follow_hosts), as spiders/address_guard.py refuses it."""
    chain: list[str] = []
    while True:
        if hosts is not None and not reaches(host := urlsplit(url).hostname or "", hosts):
            refused = AddressRefused(
                f"refused: {clean_host(host)} is not this source's host ({FOLLOW_HINT})"
            )
            refused.redirected_to, refused.redirect_urls = url, chain or [url]  # type: ignore[attr-defined]
            raise refused
        folder = _folder_for(site_id, url)
        hops = {extra["path"]: extra["to"] for extra in folder_extras(folder) if "to" in extra}
        if (to := routed(hops, request_path(url))) is None:
            return url
        chain.append(url)
        url = to if to.startswith(("http://", "https://")) else _routes(folder)[0] + to
        if url in chain:
            loop = Refusal("redirect loop")
            loop.redirected_to, loop.redirect_urls = chain[-1], chain  # type: ignore[attr-defined]
            raise loop


def _response(site_id: str, url: str, hosts: frozenset[str] | None = None) -> Response | None:
    """The page at `url` on the real site, following the folder's redirects and meta refreshes;
    None if absent. `hosts`: those the source may reach, as _redirected judges them."""
    url = _redirected(site_id, url, hosts)
    _, routes = _routes(_folder_for(site_id, url))
    path = request_path(url)
    for extra in (e for e in extras(site_id) if same_path(e["path"], path)):
        if "hang" in extra:  # never answers: the download times out
            raise DownloadTimeoutError(f"Getting {url} took longer than the download timeout.")
        if "status" in extra and "to" not in extra:
            # An error page (a detail page gone: 404), answered with its status as served.
            kind = extra.get("type", "text/html; charset=utf-8")
            return HtmlResponse(
                url=url,
                status=extra["status"],
                body=error_body(SITES_DIR / site_id, extra),
                headers={"Content-Type": kind, **extra.get("headers", {})},
            )
    route = routed(routes, path)
    if route is None:
        return None
    body = route.file.read_bytes()
    # As Scrapy chooses: a PDF (binary) is no TextResponse, so no selector reads it.
    cls = responsetypes.from_args(headers={"Content-Type": route.content_type}, url=url, body=body)
    if cls is TextResponse and "html" in route.content_type:
        cls = HtmlResponse
    # With the route's own headers (an API's `Link: <…>; rel="next"`), as served; type "" is none.
    kind = {"Content-Type": route.content_type} if route.content_type else {}
    headers = {**kind, **dict(route.headers)}
    response = cls(url=url, body=body, headers=headers, request=Request(url))
    # A <meta http-equiv="refresh"> is followed, as the crawl's middleware and sources try do.
    target = refresh_target(response)
    return response if target is None else _response(site_id, target, hosts)


def read_offline(site_id: str, changes: dict[str, Any] | None = None) -> tuple[list, list[str]]:
    """Every call the source yields from its pages, normalised at the snapshots' now, and the
    problems its spider met. `changes`: keys of the entry replaced (a curator's other try)."""
    with frozen_now():
        return _read_offline(site_id, changes)


@contextmanager
def frozen_now() -> Iterator[None]:
    """FUNDWATCH_NOW at the snapshots' now while a folder is read, as a crawl of it is run
    (tests/crawl_helpers.py): an entry's moving dates ({now-14d} in params) ask what a crawl asks."""
    before = os.environ.get("FUNDWATCH_NOW")
    os.environ["FUNDWATCH_NOW"] = SNAPSHOT_NOW.isoformat()
    try:
        yield
    finally:
        if before is None:
            del os.environ["FUNDWATCH_NOW"]
        else:
            os.environ["FUNDWATCH_NOW"] = before


def _read_offline(site_id: str, changes: dict[str, Any] | None) -> tuple[list, list[str]]:
    source = Source.model_validate({**entry(site_id), **(changes or {})})
    spider = make_spider(source)
    spider.settings = Settings()  # a crawl's spider has them; its errbacks read the size limit
    # As a crawl asks: with the source's params and first page number (first_pages asks the URL
    # as configured).
    start = [(spider.start_url(url), callback, kw) for url, callback, kw in first_pages(spider)]
    hosts = source_host_keys(source.urls, source.follow_hosts)
    raw = run_callbacks(
        start, lambda url: _response(site_id, url, hosts), start_errback=spider.on_error
    )
    stored = valid(spider, [normalise(item, source, SNAPSHOT_NOW) for item in raw])
    return [
        with_verdict(sighting) for sighting in first_of_each(stored, source.kind)
    ], spider.problems


def valid(spider: Any, stored: list[Sighting]) -> list[Sighting]:
    """Those a crawl keeps, its ValidatePipeline's problem said for each it drops (no title, no
    http(s) address): read offline, a card the selectors no longer read was kept as a call with
    no title or address, and the problem the crawl fails with went unsaid."""
    check = ValidatePipeline(SimpleNamespace(spider=spider))
    kept = []
    for sighting in stored:
        try:
            kept.append(check.process_item(sighting))
        except DropItem:
            continue
    return kept


def first_of_each(stored: list[Sighting], kind: str = "listing") -> list[Sighting]:
    """One call yielded again on a later page (a carousel repeated on every page) is stored
    once, as first met: the crawl's store pipeline keeps the first of each identity, but an api's
    record met again with other facts, which stands in its place (spiders/restated.py)."""
    met, kept = Restatements(kind), {}
    for sighting in stored:
        if met.met(sighting) != "again":
            kept[sighting.identity] = sighting  # a dict keeps the first one's place
    return list(kept.values())


def with_verdict(sighting: Sighting) -> Sighting:
    """The council verdict, as the tagging step gives it (spiders/tagging.py)."""
    verdict, _ = council_eligibility(sighting.eligibility, sighting.summary)
    return sighting.model_copy(update={"council_eligible": verdict})
