"""One request at a time per host, whichever sources share it: sources that reach a common host
crawl one after another (spiders/crawl_order.py), in one `fundwatch crawl` and across processes
(a host lock), while sources on other hosts still crawl side by side. The loopback site counts the
most requests it was working on at once; every page hangs a little, so asking twice at a time
would show."""

from __future__ import annotations

import pytest
import sqlite_utils

from config.models import Source
from spiders.crawl_order import host_groups, hosts_reached
from spiders.sources.site import LoopbackSite
from storage.db import open_db
from tests.crawl_helpers import fundwatch, start_fundwatch, write_config

pytestmark = pytest.mark.slow

HANG = 0.15  # seconds each page takes: long enough that two requests at once would overlap


def feed(i: int, *urls: str, follow: tuple[str, ...] = ()) -> Source:
    return Source.model_validate(
        {"id": f"s{i}", "kind": "feed", "urls": list(urls), "follow_hosts": list(follow)}
    )


def test_sources_are_grouped_by_every_host_they_may_reach():
    sources = [
        feed(1, "https://www.gov.uk/a"),
        feed(2, "https://www.ukri.org/b"),
        feed(3, "https://gov.uk/c"),  # www. or not, one site
        feed(4, "https://funder.example/d", follow=("ukri.org",)),
        feed(5, "https://other.example/e"),
        feed(6, "https://other.example/f", "https://www.gov.uk/g"),  # joins two groups into one
    ]
    groups = host_groups(sources)
    assert [[s.id for s in group] for group in groups] == [["s1", "s3", "s5", "s6"], ["s2", "s4"]]
    assert hosts_reached(sources) == ["funder.example", "gov.uk", "other.example", "ukri.org"]


def listing(site: LoopbackSite, name: str, pages: int) -> dict:
    for n in range(1, pages + 1):
        more = f"<a class='next' href='/{name}/{n + 1}'>Next</a>" if n < pages else ""
        body = (
            f"<ul><li><a href='/{name}/call-{n}'>{name} call {n}</a>"
            f"<span>Closing date: {n} March 2027</span></li></ul>{more}"
        )
        site.add(f"/{name}/{n}", body, hang=HANG)
    return {
        "id": name,
        "kind": "listing",
        "urls": [f"{site.url}/{name}/1"],
        "item": "li",
        "fields": {"title": "a::text", "url": "a::attr(href)", "closes": "span::text"},
        "next_page": "a.next::attr(href)",
    }


def stored_titles(db) -> set[str]:
    return {row["title"] for row in sqlite_utils.Database(db)["opportunities"].rows}


def test_sources_on_one_site_never_ask_it_two_things_at_once(tmp_path):
    with LoopbackSite() as shared, LoopbackSite() as elsewhere:
        sources = [
            listing(shared, "grants", 3),
            listing(shared, "loans", 3),
            listing(elsewhere, "prizes", 3),
            listing(shared, "awards", 2),
        ]
        config = write_config(tmp_path / "config", sources)
        db = tmp_path / "fw.db"
        result = fundwatch("crawl", config=config, db=db)
        assert result.returncode == 0, result.stdout + result.stderr
        assert shared.most_in_flight == 1
        assert len(shared.paths()) == 3 + 8  # a robots.txt per source, and every page once
    assert len(stored_titles(db)) == 11
    # One `fundwatch crawl` into a fresh repository announces every call, though its sources took
    # turns: a source that waited for another is no baseline.
    events = sqlite_utils.Database(db)["events"].rows
    assert [event["kind"] for event in events] == ["new"] * 11


def test_two_crawl_processes_wait_for_each_other_on_a_shared_host(tmp_path):
    with LoopbackSite() as shared:
        first = write_config(tmp_path / "one", [listing(shared, "grants", 4)])
        second = write_config(tmp_path / "two", [listing(shared, "loans", 4)])
        db = tmp_path / "fw.db"
        open_db(db).close()  # the repository exists before both start
        running = [
            start_fundwatch(
                "crawl",
                config=config,
                db=db,
            )
            for config in (first, second)
        ]
        outputs = [process.communicate(timeout=120) for process in running]
        assert [process.returncode for process in running] == [0, 0], outputs
        assert shared.most_in_flight == 1
    assert len(stored_titles(db)) == 8


def test_with_no_delay_floor_a_listings_detail_pages_are_still_asked_one_at_a_time(tmp_path):
    # Scrapy 2.19 starts every request queued for a host at once when its slot has no delay: the
    # slot counts a request as transferring only once its download has begun, so a listing's
    # detail pages, queued while one was being answered, all went out together (up to 3 at a time
    # on round 35's 320-page site at FUNDWATCH_CRAWL_DELAY=0, a floor settings.yaml may set too).
    with LoopbackSite() as site:
        links = "".join(f"<li><a href='/grants/call-{n}'>Call {n}</a></li>" for n in range(8))
        site.add("/grants", f"<ul>{links}</ul>")
        for n in range(8):
            site.add(f"/grants/call-{n}", f"<p>Closing date: {n + 1} March 2027</p>", hang=HANG)
        source = {
            "id": "details",
            "kind": "listing",
            "urls": [f"{site.url}/grants"],
            "item": "li",
            "fields": {"title": "a::text", "url": "a::attr(href)"},
            "detail": {"fields": {"closes": {"label": "Closing date"}}},
        }
        config = write_config(tmp_path / "config", [source])
        result = fundwatch(
            "crawl", config=config, db=tmp_path / "fw.db", env={"FUNDWATCH_CRAWL_DELAY": "0"}
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert site.most_in_flight == 1
        assert len(site.paths()) == 1 + 1 + 8  # robots.txt, the listing, each call's page once
