"""End to end: real Scrapy crawls of a loopback site through `fundwatch crawl`, as a user runs it.

The site: a listing over three pages with detail pages, an Atom feed, and a robots.txt that
disallows /private/ (one listed call lives there). Crawled twice, then once after a closing date moves.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlite_utils

from spiders.sources.site import LoopbackSite
from tests.crawl_helpers import fundwatch, write_config

pytestmark = pytest.mark.slow

CALLS = [
    # (slug, title, closing date text, amount text)
    ("heat-network-fund", "Green Heat Network Fund", "12 January 2027", "Up to £5 million"),
    ("retrofit-pilots", "Social Housing Retrofit Pilots", "26 February 2027", "£50,000 - £250,000"),
    ("digital-care", "Digital Social Care Records", "3 March 2027", "£1.2m"),
    (
        "bus-zero",
        "Zero Emission Bus Regional Areas",
        "15 April 2027",
        "From £500,000 to £3,000,000",
    ),
    ("high-streets", "High Streets Heritage Action Zones", "30 May 2027", "£2 million"),
    ("active-travel", "Active Travel Capability Fund", "1 June 2027", "Up to £750k"),
    ("cyber-local", "Cyber Local", "17 April 2027", "up to £1.3 million"),
    ("homelessness", "Homelessness Prevention Grant", "9 July 2027", "£10,000 to £50,000"),
    ("secret-call", "A Call Robots Forbid Us To Read In Detail", "1 August 2027", "£5,000"),
]
PAGES = [CALLS[0:3], CALLS[3:6], CALLS[6:9]]


def card(slug: str, title: str, closes: str, amount: str) -> str:
    folder = "private" if slug == "secret-call" else "funding"
    return f"""
    <article class="call">
      <h2><a href="/{folder}/{slug}/?utm_source=newsletter#apply">{title}</a></h2>
      <p class="lede">Councils and local authorities can bid for {title.lower()}.</p>
      <dl><dt>Closing date:</dt><dd>{closes}</dd><dt>Funding:</dt><dd>{amount}</dd></dl>
    </article>"""


def listing_page(number: int, calls: list[tuple]) -> str:
    cards = "".join(card(*call) for call in calls)
    next_link = f'<a class="next" href="/funding/page/{number + 1}/">Next</a>' if number < 3 else ""
    return f"<html><body><main>{cards}</main><nav>{next_link}</nav></body></html>"


def detail_page(title: str) -> str:
    return f"""<html><body><h1>{title}</h1>
      <div id="eligibility"><p>Local authorities in England are eligible to apply.</p></div></body></html>"""


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xml:lang="en-GB" xmlns="http://www.w3.org/2005/Atom">
  <id>tag:example.gov.uk,2005:/funding-news</id>
  <title>Funding news</title>
  <updated>2026-11-20T09:30:00+00:00</updated>
  <author><name>HM Government</name></author>
  <entry>
    <id>tag:example.gov.uk,2005:/news/warm-homes</id>
    <updated>2026-11-20T09:30:00+00:00</updated>
    <link rel="alternate" type="text/html" href="{{SITE}}/news/warm-homes"/>
    <title>Warm Homes: Local Grant opens for councils</title>
    <summary type="html">&lt;p&gt;Councils can bid for net zero retrofit funding.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <id>tag:example.gov.uk,2005:/news/bus-fund</id>
    <updated>2026-10-02T14:00:00+01:00</updated>
    <link rel="alternate" type="text/html" href="{{SITE}}/news/bus-fund"/>
    <title>Bus Service Improvement Plus funding allocations</title>
    <summary type="html">Funding for local transport authorities.</summary>
  </entry>
  <entry>
    <id>tag:example.gov.uk,2005:/news/local-digital</id>
    <updated>2026-09-15T08:00:00+01:00</updated>
    <link rel="alternate" type="text/html" href="{{SITE}}/news/local-digital"/>
    <title>Local Digital Fund round 7</title>
    <summary type="html">Digital projects for councils.</summary>
  </entry>
</feed>"""

ROBOTS = "User-agent: *\nDisallow: /private/\n"


def build_site(site: LoopbackSite) -> None:
    site.add("/robots.txt", ROBOTS, content_type="text/plain")
    site.add("/funding/", listing_page(1, PAGES[0]))
    for number in (2, 3):
        site.add(f"/funding/page/{number}/", listing_page(number, PAGES[number - 1]))
    for slug, title, *_ in CALLS:
        folder = "private" if slug == "secret-call" else "funding"
        site.add(f"/{folder}/{slug}/", detail_page(title))
    site.add("/feed.atom", FEED, content_type="application/atom+xml; charset=utf-8")


def sources_for(site: LoopbackSite) -> list[dict]:
    return [
        {
            "id": "example_listing",
            "name": "Example funding listing",
            "kind": "listing",
            "urls": [f"{site.url}/funding/"],
            "funder": "Example Funder",
            "tags": ["council"],
            "item": "article.call",
            "fields": {
                "title": "h2 a::text",
                "url": "h2 a::attr(href)",
                "summary": "p.lede",
                "closes": {"label": "Closing date"},
                "amount": {"label": "Funding"},
            },
            "next_page": "a.next::attr(href)",
            "detail": {"fields": {"eligibility": "#eligibility"}},
        },
        {
            "id": "example_feed",
            "name": "Example funding news",
            "kind": "feed",
            "urls": [f"{site.url}/feed.atom"],
            "funder": "Ministry of Housing, Communities and Local Government",
        },
    ]


def table(db_path, name, where=None):
    return list(sqlite_utils.Database(db_path)[name].rows_where(where))


def runs_by_source(db_path, batch_index: int) -> dict[str, dict]:
    rows = table(db_path, "runs")
    batches = sorted(
        {r["batch"] for r in rows}, key=lambda b: min(r["id"] for r in rows if r["batch"] == b)
    )
    return {r["source_id"]: r for r in rows if r["batch"] == batches[batch_index]}


@pytest.fixture
def site(site: LoopbackSite) -> LoopbackSite:
    """The shared empty loopback site (tests/conftest.py), with the funding site built on it."""
    build_site(site)
    return site


def test_crawl_twice_then_change_one_closing_date(site, tmp_path):
    config = write_config(tmp_path / "config", sources_for(site))
    db = tmp_path / "data" / "fundwatch.db"

    first = fundwatch("crawl", config=config, db=db)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "example_listing" in first.stdout and "2 source(s): 2 ok, 0 failed" in first.stdout
    runs = runs_by_source(db, 0)
    assert runs["example_listing"]["items"] == 9 and runs["example_listing"]["new"] == 9
    assert runs["example_feed"]["items"] == 3 and runs["example_feed"]["new"] == 3
    opportunities = table(db, "opportunities")
    assert len(opportunities) == 12
    assert len({o["url"] for o in opportunities}) == 12, "no duplicates"
    heat = next(o for o in opportunities if o["title"] == "Green Heat Network Fund")
    assert (
        heat["url"] == f"{site.url}/funding/heat-network-fund/"
    )  # tracking params and fragment gone
    assert heat["closes_at"] == "2027-01-12T23:59:00+00:00"
    assert (heat["amount_min"], heat["amount_max"]) == (None, 5_000_000)
    assert heat["eligibility"] == "Local authorities in England are eligible to apply."
    assert heat["council_eligible"] == "yes"
    assert "net_zero" in json.loads(heat["tags"]) and "council" in json.loads(heat["tags"])
    assert not any(p.startswith("/private/") for p in site.paths()), (
        "robots.txt disallows /private/"
    )
    secret = next(o for o in opportunities if o["title"].startswith("A Call Robots Forbid"))
    assert secret["eligibility"] is None  # listed, but its detail page was never read
    assert len(table(db, "events", "kind = 'new'")) == 12

    site.clear_log()
    before = everything_but_the_run_log(db)
    second = fundwatch("crawl", config=config, db=db)
    assert second.returncode == 0, second.stdout + second.stderr
    runs = runs_by_source(db, 1)
    for source_id in ("example_listing", "example_feed"):
        assert (runs[source_id]["new"], runs[source_id]["changed"]) == (0, 0)
        assert runs[source_id]["outcome"] == "ok"
    conditional = [
        h for h in site.hits if "If-None-Match" in h.headers or "If-Modified-Since" in h.headers
    ]
    assert {h.path for h in conditional} >= {
        "/funding/",
        "/funding/page/2/",
        "/funding/page/3/",
        "/feed.atom",
    }
    assert all(h.status == 304 for h in conditional)
    assert runs["example_listing"]["not_modified"] >= 3
    assert not any(p.startswith("/private/") for p in site.paths())
    assert len(table(db, "opportunities")) == 12
    assert len(table(db, "events")) == 12 and len(table(db, "versions")) == 0
    # An unchanged re-crawl writes nothing but its run record: no last_seen rewrites, no index churn.
    assert everything_but_the_run_log(db) == before

    moved = [list(c) for c in PAGES[1]]
    moved[0][2] = "29 April 2027"  # Zero Emission Bus Regional Areas: 15 April → 29 April
    site.add("/funding/page/2/", listing_page(2, [tuple(c) for c in moved]))
    third = fundwatch("crawl", config=config, db=db)
    assert third.returncode == 0, third.stdout + third.stderr
    changed = table(db, "events", "kind = 'changed'")
    assert len(changed) == 1
    assert json.loads(changed[0]["changes"]) == {
        "closes_at": {"before": "2027-04-15T22:59:00+00:00", "after": "2027-04-29T22:59:00+00:00"}
    }
    versions = table(db, "versions")
    assert len(versions) == 1 and versions[0]["version"] == 2
    assert runs_by_source(db, 2)["example_listing"]["changed"] == 1


def everything_but_the_run_log(db) -> dict[str, list[tuple]]:
    """Every row of every table (full-text index included), but the runs table's."""
    conn = sqlite3.connect(db)
    try:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if r[0] != "runs"
        ]
        return {n: conn.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall() for n in names}
    finally:
        conn.close()


def test_removed_only_after_a_complete_successful_crawl(site, tmp_path):
    config = write_config(tmp_path / "config", sources_for(site)[:1])
    db = tmp_path / "fundwatch.db"
    assert fundwatch("crawl", config=config, db=db).returncode == 0

    site.add("/funding/page/3/", "<html><body>oops</body></html>", status=500)
    failed = fundwatch("crawl", config=config, db=db)
    assert failed.returncode == 1
    assert "example_listing failed: HTTP 500 on" in failed.stdout
    assert table(db, "events", "kind = 'removed'") == [], "a failed crawl must not remove anything"

    site.add(
        "/funding/page/3/", listing_page(3, PAGES[2][:2])
    )  # one call dropped from the last page
    assert fundwatch("crawl", config=config, db=db).returncode == 0
    removed = table(db, "events", "kind = 'removed'")
    assert len(removed) == 1
    gone = sqlite_utils.Database(db)["opportunities"].get(removed[0]["opportunity_id"])
    assert gone["title"].startswith("A Call Robots Forbid") and gone["removed_at"]
