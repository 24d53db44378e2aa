"""A paged feed (RFC 5005): each page links the next with <link rel="next"> (Atom, or atom:link in
an RSS channel). Before, only the first page was read and the crawl said nothing: a round 12
site's feed of three pages stored 2 of its 5 calls."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from scrapy.http import Request, XmlResponse

from config.models import Source
from spiders.feed import FeedSpider

URL = "https://www.trust.example/funding/feed.atom"


def atom(entries: list[str], next_href: str | None) -> bytes:
    link = f'<link rel="next" href="{next_href}"/>' if next_href else ""
    body = "".join(
        f"<entry><title>{slug}</title><id>tag:trust.example,2026:{slug}</id>"
        f'<link href="https://www.trust.example/funding/{slug}/"/>'
        "<updated>2026-11-24T10:00:00Z</updated></entry>"
        for slug in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Funding</title><id>{URL}</id><updated>2026-11-24T10:00:00Z</updated>"
        f'<link rel="self" href="{URL}"/><link rel="first" href="{URL}"/>{link}{body}</feed>'
    ).encode()


def read(spider: FeedSpider, url: str, body: bytes, page: int = 1) -> tuple[list, list]:
    response = XmlResponse(url, body=body, request=Request(url))
    results = list(spider.parse(response, page=page))
    requests = [r for r in results if isinstance(r, Request)]
    return [r for r in results if not isinstance(r, Request)], requests


def test_an_atom_feeds_next_page_is_followed_to_the_last():
    spider = FeedSpider(Source(id="trust", kind="feed", urls=[URL]))
    items, requests = read(spider, URL, atom(["a", "b"], "?page=2"))
    assert len(items) == 2 and [r.url for r in requests] == [URL + "?page=2"]
    items, requests = read(spider, URL + "?page=2", atom(["c"], None), page=2)
    assert len(items) == 1 and requests == []
    assert spider.problems == []


def test_an_rss_channels_atom_next_link_is_followed():
    rss = (
        b'<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
        b"<channel><title>Grants</title><link>https://www.trust.example/</link>"
        b'<atom:link rel="next" href="https://www.trust.example/feed/?paged=2"/>'
        b"<item><title>Hall grants</title><link>https://www.trust.example/halls/</link></item>"
        b"</channel></rss>"
    )
    spider = FeedSpider(Source(id="trust", kind="feed", urls=[URL]))
    _, requests = read(spider, URL, rss)
    assert [r.url for r in requests] == ["https://www.trust.example/feed/?paged=2"]


def test_a_next_page_leading_back_over_read_entries_ends_there():
    spider = FeedSpider(Source(id="trust", kind="feed", urls=[URL]))
    read(spider, URL, atom(["a", "b"], "?page=2"))
    _, requests = read(spider, URL + "?page=2", atom(["a", "b"], URL), page=2)
    assert requests == []


def test_the_page_cap_stops_a_paged_feed_with_a_problem():
    spider = FeedSpider(Source(id="trust", kind="feed", urls=[URL], max_pages=1))
    _, requests = read(spider, URL, atom(["a"], "?page=2"))
    assert requests == [] and "page cap" in spider.problems[0]


WORDPRESS = "https://www.trust.example/category/funding/feed/"


def rss(slugs: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{s}</title><link>https://www.trust.example/{s}/</link></item>" for s in slugs
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Funding</title>'
        f"<link>https://www.trust.example/</link>{items}</channel></rss>"
    ).encode()


def test_a_wordpress_feed_pages_by_a_number_to_a_page_with_nothing_new():
    # A WordPress feed lists its latest ten posts; older calls are on ?paged=2, linked by nothing.
    # Before, page_param was refused for a feed, and the older calls could not be read.
    source = Source.model_validate(
        {"id": "wp", "kind": "feed", "urls": [WORDPRESS], "page_param": {"name": "paged"}}
    )
    spider = FeedSpider(source)
    first = spider.start_url(WORDPRESS)
    assert first == WORDPRESS + "?paged=1"
    _, requests = read(spider, first, rss(["a", "b"]))
    assert [r.url for r in requests] == [WORDPRESS + "?paged=2"]
    _, requests = read(spider, WORDPRESS + "?paged=2", rss([]), page=2)
    assert requests == [] and spider.problems == []


def test_a_feeds_page_param_takes_no_cursor():
    with pytest.raises(ValidationError, match="'from' only applies to kind: api"):
        Source.model_validate(
            {"id": "wp", "kind": "feed", "urls": [WORDPRESS],
             "page_param": {"name": "after", "from": "next"}}
        )  # fmt: skip
