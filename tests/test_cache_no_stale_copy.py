"""A page that cannot be downloaded fails its crawl even when the HTTP cache holds a copy of it.

Scrapy's HttpCacheMiddleware answers a timeout, a refused connection or an unknown host with the
cached copy (its "error recovery"), counted only in its stats. Before, a second crawl of a site
that had gone down (stopped: connection refused; hung: timed out) was "ok" with every call read
from the first crawl's copy, and said nothing: the source never failed, however long the site
was down. Real crawls of a loopback site, the second with the site down."""

from __future__ import annotations

import pytest

from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, write_config

pytestmark = pytest.mark.slow

LIST = """<ul>
<li><a href="/grants/halls">Village Halls Fund</a> <span>Closing date: 29 January 2027</span></li>
<li><a href="/grants/paths">Parish Paths Partnership</a> <span>Closing date: 12 March 2027</span></li>
</ul>"""
DETAIL = "<p id='who'>Town and parish councils can apply.</p>"
# A page that never answers is given up on after 1 s, not the default 30 s.
QUICK = {"FUNDWATCH_CRAWL_TIMEOUT": "1"}


def entry(site: LoopbackSite, detail: bool = False) -> dict:
    return {
        "id": "hollowmere",
        "kind": "listing",
        "urls": [f"{site.url}/grants"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)", "closes": "span::text"},
        **({"detail": {"fields": {"eligibility": "#who"}}} if detail else {}),
    }


def test_a_listing_that_times_out_fails_though_its_copy_is_cached(tmp_path, site):
    site.add("/grants", LIST)
    config, db = write_config(tmp_path / "config", [entry(site)]), tmp_path / "fundwatch.db"
    first = fundwatch("crawl", config=config, db=db, env=QUICK)
    assert first.returncode == 0, first.stdout + first.stderr
    site.add("/grants", LIST, hang=300)  # held until the site stops: the client times out
    second = fundwatch("crawl", config=config, db=db, env=QUICK)
    # Before: exit 0, "hollowmere ok 2", read from the first crawl's copy.
    assert second.returncode == 1, second.stdout
    assert f"hollowmere failed: timed out on {site.url}/grants" in second.stdout


def test_a_site_that_is_down_fails_and_a_detail_page_that_times_out_is_named(tmp_path):
    with LoopbackSite() as site:
        site.add("/grants", LIST)
        for slug in ("halls", "paths"):
            site.add(f"/grants/{slug}", DETAIL)
        config = write_config(tmp_path / "config", [entry(site, detail=True)])
        db = tmp_path / "fundwatch.db"
        first = fundwatch("crawl", config=config, db=db, env=QUICK)
        assert first.returncode == 0, first.stdout + first.stderr
        site.add("/grants/paths", DETAIL, hang=300)
        second = fundwatch("crawl", config=config, db=db, env=QUICK)
        assert second.returncode == 1, second.stdout
        assert f"detail page timed out on {site.url}/grants/paths" in second.stdout
        address = site.url
    # The site stopped: every connection refused, and the cache holds both pages.
    third = fundwatch("crawl", config=config, db=db, env=QUICK)
    assert third.returncode == 1, third.stdout
    assert f"hollowmere failed: connection refused on {address}/grants" in third.stdout
