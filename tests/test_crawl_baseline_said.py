"""A source added to a repository other sources fill is crawled as a baseline: its calls are stored,
not announced one by one (README, "No floods, no night mail"). `fundwatch crawl` printed its calls
under "new" and nothing more (walk12 added a source and waited for alerts that never came), and
`ingest` likewise. Now both say it was a baseline and where its calls will be told."""

from __future__ import annotations

import json

from tests.crawl_helpers import fundwatch, write_config

PAGE = "<ul>{}</ul>"
CALL = "<li><a href='/{slug}/{n}'>Fund {n}</a></li>"


def listing(site, slug: str, calls: int) -> dict:
    site.add(f"/{slug}", PAGE.format("".join(CALL.format(slug=slug, n=n) for n in range(calls))))
    return {
        "id": f"{slug}_grants",
        "kind": "listing",
        "urls": [f"{site.url}/{slug}"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)"},
    }


def test_a_baseline_crawl_says_its_calls_are_not_announced(tmp_path, site):
    first, added = listing(site, "parish", 1), listing(site, "county", 2)
    db = tmp_path / "fw.db"
    config = write_config(tmp_path / "config", [first])
    opening = fundwatch("crawl", config=config, db=db)
    assert opening.returncode == 0, opening.stderr
    assert "baseline" not in opening.stdout  # the first round announces its calls
    config = write_config(tmp_path / "config", [first, added])
    crawled = fundwatch("crawl", "county_grants", config=config, db=db)
    assert crawled.returncode == 0, crawled.stderr
    assert (
        "  county_grants baseline: its first crawl into a repository other sources fill; its 2 "
        "new call(s) are not announced one by one: each subscription's next digest lists those "
        'that match it ("Now tracking N calls from …")'
    ) in crawled.stdout
    again = fundwatch("crawl", "county_grants", config=config, db=db)
    assert "baseline" not in again.stdout, again.stdout


def test_an_ingested_baseline_says_so_too(tmp_path, site):
    first = listing(site, "parish", 1)
    db = tmp_path / "fw.db"
    config = write_config(tmp_path / "config", [first])
    assert fundwatch("crawl", config=config, db=db).returncode == 0  # the first round, whole
    config = write_config(tmp_path / "config", [first, listing(site, "county", 1)])
    export = tmp_path / "county.jl"
    row = {"source_id": "county_grants", "title": "Fund 9", "url": f"{site.url}/county/9"}
    export.write_text(json.dumps(row) + "\n")
    ingested = fundwatch("ingest", str(export), config=config, db=db)
    assert ingested.returncode == 0, ingested.stderr
    assert "1 new, 0 changed, 0 unchanged (a baseline: not announced one by one)" in (
        ingested.stdout
    )
