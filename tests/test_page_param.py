"""Pagination by a page number (`page_param`), as Innovate UK's competition search does it: the
first page is number `start` (0 there), and the crawl goes on until a page brings no new items."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.listing import ListingSpider


def source(**overrides) -> Source:
    raw = {
        "id": "numbered",
        "kind": "listing",
        "urls": ["https://apply.example.gov.uk/competition/search"],
        "params": {"sort": "closing"},
        "item": "li.competition",
        "fields": {"title": "h2 a::text", "url": "h2 a::attr(href)"},
        "page_param": {"name": "page", "start": 0},
        "max_pages": 5,
    }
    return Source.model_validate({**raw, **overrides})


def page(url: str, titles: list[str]) -> HtmlResponse:
    items = "".join(
        f'<li class="competition"><h2><a href="/competition/{t}">{t}</a></h2></li>' for t in titles
    )
    return HtmlResponse(url, body=f"<ul>{items}</ul>".encode(), request=Request(url))


def crawl(spider: ListingSpider, pages: dict[str, list[str]]) -> tuple[list, list[str]]:
    """Run the callbacks as Scrapy would, answering each request from `pages` (missing: empty)."""
    first = spider.start_url(spider.source.urls[0])
    queue, items, fetched = [(first, 1)], [], []
    while queue:
        url, number = queue.pop(0)
        fetched.append(url)
        for result in spider.parse(page(url, pages.get(url, [])), page=number):
            if isinstance(result, Request):
                queue.append((result.url, result.cb_kwargs["page"]))
            else:
                items.append(result)
    return items, fetched


BASE = "https://apply.example.gov.uk/competition/search?sort=closing"


def test_pages_count_from_start_and_stop_at_an_empty_page():
    spider = ListingSpider(source())
    items, fetched = crawl(spider, {f"{BASE}&page=0": ["a", "b"], f"{BASE}&page=1": ["c"]})
    assert fetched == [f"{BASE}&page=0", f"{BASE}&page=1", f"{BASE}&page=2"]
    assert [i.title for i in items] == ["a", "b", "c"]
    assert spider.problems == []  # the empty page past the end is the end, not a broken layout


def test_a_site_that_repeats_its_last_page_past_the_end_stops_too():
    spider = ListingSpider(source())
    repeat = {f"{BASE}&page={n}": ["x", "y"] for n in range(1, 5)}
    items, fetched = crawl(spider, {f"{BASE}&page=0": ["a"], **repeat})
    assert fetched == [f"{BASE}&page=0", f"{BASE}&page=1", f"{BASE}&page=2"]
    assert spider.problems == []


def test_the_page_cap_stops_and_says_so():
    spider = ListingSpider(source(max_pages=2))
    endless = {f"{BASE}&page={n}": [f"call-{n}"] for n in range(10)}
    items, fetched = crawl(spider, endless)
    assert len(fetched) == 2 and spider.incomplete
    assert any("page cap" in p for p in spider.problems)


@pytest.mark.parametrize("start", [0, 1])
def test_an_empty_first_page_is_still_a_broken_layout(start):
    spider = ListingSpider(source(page_param={"name": "page", "start": start}))
    crawl(spider, {})
    assert any("no items matched" in p for p in spider.problems)
