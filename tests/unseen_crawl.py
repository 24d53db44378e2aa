"""A real `fundwatch crawl` of hand-built unseen sites (tests/sites/) served on loopback, and the
checks every round's end-to-end test makes of what it stored: one crawl per test module
(tests/test_unseen_*e2e.py), each call held to its site's expected.yaml."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from spiders.sources.routes import rewrite
from tests.crawl_helpers import fundwatch, write_config
from tests.unseen_serving import loopback_entry, serve
from tests.unseen_sites import SITES_DIR, expected

# What a crawl of some sites leaves: the sites (to ask what they were asked), the crawl's
# completed process, the JSON export and the repository.
Crawled = tuple[dict[str, Any], Any, dict[str, Any], sqlite_utils.Database]

# The least gap between two requests to one site in these crawls (FUNDWATCH_CRAWL_DELAY; the other
# tests' default is 0.05 s): still a delay, so each site is still asked one request at a time
# (config/settings.py), but a round's hundreds of loopback pages no longer wait 50 ms each.
LOOPBACK_DELAY = "0.005"


def crawl_sites(
    site_ids: list[str], folder: Path, env: dict | None = None, sites_dir: Path = SITES_DIR
) -> Iterator[Crawled]:
    """Serve the sites (folders of `sites_dir`), crawl them all in one `fundwatch crawl` (`env`:
    more of its environment, FUNDWATCH_CRAWL_TIMEOUT for a page that never answers), export; for
    a module fixture to yield from. The sites stop whatever happens."""
    sites = {site_id: serve(site_id, sites_dir) for site_id in site_ids}
    try:
        entries = [loopback_entry(site_id, site, sites_dir) for site_id, site in sites.items()]
        config, db = write_config(folder / "config", entries), folder / "fundwatch.db"
        crawl = fundwatch(
            "crawl",
            config=config,
            db=db,
            env={"FUNDWATCH_CRAWL_DELAY": LOOPBACK_DELAY, **(env or {})},
        )
        export = fundwatch("export", "--format", "json", config=config, db=db)
        yield sites, crawl, json.loads(export.stdout), sqlite_utils.Database(db)
    finally:
        for site in sites.values():
            site.stop()


def asked(site) -> list[tuple[str, int]]:
    """What the site was asked, with how it answered: (path, status), in order."""
    return [(hit.path, hit.status) for hit in site.hits]


def on_site(site, url: str) -> str:
    """A call's address as the crawl stored it: on the loopback site (or its other host) when it
    is on the real one (the server rewrites its origin), as it is when it is elsewhere (the
    accordion's portal)."""
    for served in (site, getattr(site, "other", None)):
        if served is None:
            return url
        try:
            local = served.local_url(url)
        except ValueError:
            continue
        # The origin percent-encoded in its query (Liferay's _redirect) is the site's too.
        return rewrite(local.encode(), served.origin, served.base_url).decode()
    return url


def check_stored(crawled: Crawled, site_id: str) -> None:
    """Every call of the site stored and exported with the values its expected.yaml pins; a value
    it leaves out is unpinned (tests/sites/README.md, "Not settled"): the expected.yaml of the
    folder the site was served from."""
    sites, _, exported, db = crawled
    rows = {row["url"]: row for row in db["opportunities"].rows}
    items = {item["source"]: item for item in exported["items"]}
    for want in expected(site_id, sites[site_id].folder.parent)["items"]:
        url = on_site(sites[site_id], want["url"])
        row, item = rows[url], items[url]
        assert row["title"] == item["title"] == want["title"]
        for key in ("closes_at", "status"):
            if key in want:
                assert row[key] == want[key], (key, want["title"])
        for key in ("amount_min", "amount_max", "fund_total"):
            if key in want:
                assert (row[key] is None) == (want[key] is None), (key, want["title"])
                assert row[key] is None or float(row[key]) == float(want[key]), (key, want["title"])
        assert item["customFields"]["funder"]["value"] == want["funder"]
        if "council_eligible" in want:
            assert item["customFields"]["councilEligible"]["value"] == want["council_eligible"]
