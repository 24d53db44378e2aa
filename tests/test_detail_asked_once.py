"""A call met again on a later listing page of the same crawl (a newest-first list that shifted
between two requests, so page 1's last call is page 2's first; a carousel on every page) has its
detail page asked once: the store keeps the first sighting, so a second request for its page only
cost the funder's server a page and the crawl a delay."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.registry import make_spider

BASE = "https://www.example.gov.uk/news/funding"


def page(calls: list[str], next_page: str | None) -> str:
    cards = "".join(
        f'<div class="row"><h3><a href="/news/funding/{c}">{c}</a></h3></div>' for c in calls
    )
    more = f'<a class="next" href="{next_page}">Next</a>' if next_page else ""
    return f"<html><body>{cards}{more}</body></html>"


def asked(spider, url: str, body: str, page_number: int) -> list[str]:
    response = HtmlResponse(url=url, body=body.encode(), encoding="utf-8", request=Request(url))
    return [r.url for r in spider.parse(response, page=page_number) if isinstance(r, Request)]


def source(detail: bool) -> Source:
    entry = {
        "id": "shifted",
        "kind": "listing",
        "urls": [BASE],
        "item": "div.row",
        "fields": {"title": "h3 a::text", "url": "h3 a::attr(href)"},
        "next_page": "a.next::attr(href)",
    }
    if detail:
        entry["detail"] = {"fields": {"closes": {"label": "Closing date"}}}
    return Source.model_validate(entry)


def test_a_call_on_two_pages_has_its_page_asked_once():
    spider = make_spider(source(detail=True))
    first = asked(spider, BASE, page(["warm-spaces", "play-area"], "?page=1"), 1)
    second = asked(spider, BASE + "?page=1", page(["play-area", "heritage"], None), 2)
    assert first == [f"{BASE}/warm-spaces", f"{BASE}/play-area", f"{BASE}?page=1"]
    assert second == [f"{BASE}/heritage"]


def test_a_listing_without_detail_pages_still_yields_the_repeat_for_the_store_to_keep_once():
    spider = make_spider(source(detail=False))
    asked(spider, BASE, page(["warm-spaces", "play-area"], "?page=1"), 1)
    response = HtmlResponse(
        url=BASE + "?page=1",
        body=page(["play-area", "heritage"], None).encode(),
        encoding="utf-8",
        request=Request(BASE + "?page=1"),
    )
    titles = [
        item.title for item in spider.parse(response, page=2) if not isinstance(item, Request)
    ]
    assert titles == ["play-area", "heritage"]
