"""Innovate UK's competition search: 0-based paging, status headings, and detail pages for the close time.

The service pages with `page=N` counting from 0 (CompetitionSearchPopulator.java): the first page has
no `page` at all and its Next link is `?page=1`. Each competition sits under a heading the service
works out itself (PublicContentStatusText.java): "Opening soon" before it opens, "Closing soon" when it
closes within 14 days, "Open now" otherwise. The listing shows dates only; the detail page adds the time
("Competition closes: Thursday 3 December 2026 11:00am").
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from scrapy.http import Request

from spiders.items import OpportunitySighting
from spiders.listing import ListingSpider
from spiders.normalise.sighting import normalise
from spiders.registry import make_spider
from spiders.sources import SNAPSHOT_NOW
from tests.test_sources import SOURCES, crawl_offline, snapshot_response

SOURCE = SOURCES["innovate_uk_ifs"]
SEARCH = "https://apply-for-innovation-funding.service.gov.uk/competition/search"
# The service's own rule for the heading above a competition's dates.
CLOSING_SOON = timedelta(days=14)


def parse_page(url: str, page: int):
    spider = make_spider(SOURCE)
    results = list(spider.parse(snapshot_response(SOURCE.id, url), page=page))
    assert spider.problems == []
    details = [r for r in results if isinstance(r, Request) and r.callback == spider.parse_detail]
    pages = [r for r in results if isinstance(r, Request) and r.callback == spider.parse]
    return details, pages


def test_it_is_a_listing_by_config_not_a_custom_spider():
    assert SOURCE.kind == "listing" and isinstance(make_spider(SOURCE), ListingSpider)
    assert SOURCE.urls == [SEARCH] and SOURCE.page_param is None


def test_the_first_page_has_no_page_number_and_leads_to_page_1():
    details, pages = parse_page(SEARCH, 1)
    assert len(details) == 10  # PAGE_SIZE = 10
    assert [r.url for r in pages] == [SEARCH + "?page=1"]
    assert pages[0].cb_kwargs == {"page": 2}  # the crawl's own count: the second page fetched


def test_page_1_is_the_second_and_last_page_and_never_goes_back_to_page_0():
    details, pages = parse_page(SEARCH + "?page=1", 2)
    assert len(details) == 2  # "12 competitions": 11 to 12
    assert pages == []  # its only pagination link is Previous (?page=0), which is not followed


def test_every_competition_on_both_pages_is_found_once():
    items = crawl_offline(SOURCE.id)
    urls = [item.url for item in items]
    assert len(urls) == len(set(urls)) == 12
    assert all("/competition/" in url and "/overview" in url for url in urls)


@pytest.fixture(scope="module")
def records() -> dict[str, tuple[OpportunitySighting, dict]]:
    """Each competition's raw item (the heading as the page words it) and its normalised record."""
    return {
        item.title: (item, normalise(item, SOURCE, SNAPSHOT_NOW).model_dump())
        for item in crawl_offline(SOURCE.id)
    }


def test_the_three_status_headings_map_to_statuses(records):
    seen: dict[str, set[str]] = {}
    for item, record in records.values():
        seen.setdefault(item.status, set()).add(record["status"])
    assert seen == {"Open now": {"open"}, "Closing soon": {"open"}, "Opening soon": {"upcoming"}}


def test_each_heading_agrees_with_the_services_own_rule_at_the_snapshot_time(records):
    for title, (item, record) in records.items():
        opens, closes = record["opens_at"], record["closes_at"]
        if opens > SNAPSHOT_NOW:
            rule = "Opening soon"
        elif closes <= SNAPSHOT_NOW + CLOSING_SOON:
            rule = "Closing soon"
        else:
            rule = "Open now"
        assert item.status == rule, title


def test_opening_soon_competitions_are_read_from_their_opens_label(records):
    item, record = records["Biomedical Catalyst 2027: late stage awards"]
    assert item.status == "Opening soon" and item.opens == "5 January 2027"
    assert record["opens_at"].isoformat() == "2027-01-05T00:00:00+00:00"


def test_the_detail_page_gives_the_closing_time_the_listing_lacks():
    spider = make_spider(SOURCE)
    first = next(r for r in spider.parse(snapshot_response(SOURCE.id, SEARCH), page=1))
    listing_only = first.cb_kwargs["sighting"]
    assert (
        listing_only.closes == "3 December 2026"
    )  # date only: 23:59 London time if nothing better
    assert normalise(listing_only, SOURCE, SNAPSHOT_NOW).closes_at.isoformat() == (
        "2026-12-03T23:59:00+00:00"
    )
    (merged,) = spider.parse_detail(snapshot_response(SOURCE.id, first.url), **first.cb_kwargs)
    assert merged.closes == "Thursday 3 December 2026 11:00am"
    assert normalise(merged, SOURCE, SNAPSHOT_NOW).closes_at.isoformat() == (
        "2026-12-03T11:00:00+00:00"
    )


def test_every_competition_closes_at_11am_uk_time_as_the_service_says(records):
    for title, (_, record) in records.items():
        local = record["closes_at"].astimezone(SNAPSHOT_NOW.tzinfo)
        assert (local.hour, local.minute) == (11, 0), title  # GMT all winter: UTC = UK time


def test_private_competitions_keep_their_hash_in_the_url(records):
    hashed = [r["url"] for _, r in records.values() if r["url"].count("/") == 6]
    assert len(hashed) == 4
    assert all(url.rsplit("/", 1)[1].count("-") == 4 for url in hashed)  # a UUID after /overview/
