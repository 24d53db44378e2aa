"""A call met again on a later listing page of the same crawl (a newest-first list that shifted
between two requests, so page 1's last call is page 2's first; a carousel on every page) has its
detail page asked once: the store keeps the first sighting, so a second request for its page only
cost the funder's server a page and the crawl a delay."""

from __future__ import annotations

import json

from scrapy.http import HtmlResponse, Request, TextResponse

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


def rss(items: list[str], next_page: str | None) -> bytes:
    link = f'<atom:link rel="next" href="{next_page}"/>' if next_page else ""
    entries = "".join(
        f"<item><title>{i}</title><link>{BASE}/{i}</link><guid>{BASE}/{i}</guid></item>"
        for i in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
        f"<channel><title>Funding</title><link>{BASE}</link>{link}{entries}</channel></rss>"
    ).encode()


def requests_from(spider, url: str, body: bytes, kind: str, page_number: int) -> list[str]:
    response = TextResponse(
        url=url, body=body, headers={"Content-Type": kind}, encoding="utf-8", request=Request(url)
    )
    return [r.url for r in spider.parse(response, page=page_number) if isinstance(r, Request)]


def test_a_feed_entry_on_two_pages_has_its_page_asked_once():
    spider = make_spider(
        Source.model_validate(
            {"id": "feed", "kind": "feed", "urls": [f"{BASE}/feed"],
             "detail": {"fields": {"closes": {"label": "Closing date"}}}}
        )
    )  # fmt: skip
    kind = "application/rss+xml"
    first = rss(["warm-spaces", "play-area"], f"{BASE}/feed?page=2")
    requests_from(spider, f"{BASE}/feed", first, kind, 1)
    second = rss(["play-area", "heritage"], None)
    assert requests_from(spider, f"{BASE}/feed?page=2", second, kind, 2) == [f"{BASE}/heritage"]


def test_an_api_record_on_two_pages_has_its_document_asked_once():
    spider = make_spider(
        Source.model_validate(
            {"id": "api", "kind": "api", "urls": [f"{BASE}/api"], "item": "items[*]",
             "fields": {"title": "title", "url": "url"}, "next_page": "next",
             "detail": {"fields": {"closes": "closes"}}}
        )
    )  # fmt: skip

    def answer(items: list[str], next_page: str | None) -> bytes:
        records = [{"title": i, "url": f"{BASE}/{i}.json"} for i in items]
        return json.dumps({"items": records, "next": next_page}).encode()

    kind = "application/json"
    requests_from(spider, f"{BASE}/api", answer(["a", "b"], f"{BASE}/api?page=2"), kind, 1)
    second = requests_from(spider, f"{BASE}/api?page=2", answer(["b", "c"], None), kind, 2)
    assert second == [f"{BASE}/c.json"]
