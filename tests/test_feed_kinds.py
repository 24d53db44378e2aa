"""The feed spider reads every feed dialect from bytes: RSS 0.91, RSS 2.0, RDF (RSS 1.0) and Atom."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy.http import Request, TextResponse

from config.models import Source
from spiders.feed import FeedSpider
from spiders.normalise.sighting import normalise

RSS091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Grants</title><link>https://f.example/</link>
<description>d</description><item><title>Community Fund</title><link>https://f.example/community</link>
<description>For parish councils.</description></item></channel></rss>"""
RSS20 = b"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Grants</title>
<item><title>Community Fund</title><link>https://f.example/community</link>
<guid isPermaLink="false">https://f.example/?p=12</guid><pubDate>Tue, 06 Jan 2026 10:00:00 +0000</pubDate>
<description><![CDATA[<p>For parish councils.</p><script>alert(1)</script>]]></description></item></channel></rss>"""
RDF = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://f.example/"><title>Grants</title><link>https://f.example/</link><description>d</description></channel>
<item rdf:about="https://f.example/community"><title>Community Fund</title><link>https://f.example/community</link>
<description>For parish councils.</description></item></rdf:RDF>"""
ATOM = b"""<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Grants</title>
<id>tag:f.example,2005:/</id><updated>2026-01-06T10:00:00+00:00</updated>
<entry><id>tag:f.example,2005:/community</id><updated>2026-01-06T10:00:00+00:00</updated>
<link rel="alternate" type="text/html" href="/community"/><title>Community Fund</title>
<summary type="html">&lt;p&gt;For parish councils.&lt;/p&gt;</summary></entry></feed>"""


@pytest.mark.parametrize(
    "body,ref",
    [
        (RSS091, "https://f.example/community"),
        (RSS20, "https://f.example/?p=12"),
        (RDF, "https://f.example/community"),
        (ATOM, "tag:f.example,2005:/community"),
    ],
    ids=["rss091", "rss20", "rdf", "atom"],
)
def test_every_dialect(body, ref):
    source = Source(id="f", kind="feed", urls=["https://f.example/feed"])
    spider = FeedSpider(source)
    response = TextResponse(
        "https://f.example/feed",
        body=body,
        headers={"Content-Type": "application/xml"},
        request=Request("https://f.example/feed"),
    )
    (item,) = list(spider.parse(response))
    assert spider.problems == []
    assert (item.title, item.url, item.ref) == (
        "Community Fund",
        "https://f.example/community",
        ref,
    )
    assert "For parish councils." in item.summary and "script" not in item.summary


def test_an_html_page_where_a_feed_should_be_is_a_problem():
    source = Source(id="f", kind="feed", urls=["https://f.example/feed"])
    spider = FeedSpider(source)
    response = TextResponse(
        "https://f.example/feed",
        body=b"<html><body>Not found</body></html>",
        headers={"Content-Type": "text/html"},
        request=Request("https://f.example/feed"),
    )
    assert list(spider.parse(response)) == []
    assert spider.problems and "https://f.example/feed" in spider.problems[0]


def _stored_ref(link: str) -> str:
    """What names a feed item with no guid once normalised: its link, as the repository keeps it."""
    body = RSS091.replace(b"https://f.example/community", link.encode())
    source = Source(id="f", kind="feed", urls=["https://f.example/feed"])
    response = TextResponse(
        "https://f.example/feed",
        body=body,
        headers={"Content-Type": "application/xml"},
        request=Request("https://f.example/feed"),
    )
    (item,) = list(FeedSpider(source).parse(response))
    return normalise(item, source, datetime(2026, 11, 30, tzinfo=UTC)).identity


def test_a_link_shaped_reference_names_the_call_whatever_tracking_it_carries_today():
    # A newsletter-built feed stamps each day's links: the call must keep one identity.
    monday = _stored_ref("https://f.example/community?id=7&amp;utm_campaign=30-nov&amp;fbclid=x")
    tuesday = _stored_ref("https://f.example/community?id=7&amp;utm_campaign=1-dec")
    assert monday == tuesday == "https://f.example/community?id=7"
    # Only tracking goes: a fragment may be all that tells two calls on one page apart.
    assert _stored_ref("https://f.example/calls#round-2") == "https://f.example/calls#round-2"
    assert _stored_ref("https://f.example/?p=12") == "https://f.example/?p=12"


def test_a_feeds_detail_fields_are_read_on_each_items_page():
    # A feed of teasers whose pages hold the deadline: 'detail' was refused for a feed ("only
    # applies to kind: listing or api"), so its calls were stored with no date or money.
    from scrapy.http import HtmlResponse

    from tests.offline_crawl import run_callbacks

    source = Source.model_validate(
        {
            "id": "teasers",
            "kind": "feed",
            "urls": ["https://f.example/feed"],
            "detail": {"fields": {"closes": {"label": "Deadline"}, "amount": "p.award"}},
        }
    )
    page = b"<dl><dt>Deadline</dt><dd>14 January 2027, 12 noon</dd></dl><p class=award>Up to &pound;5k</p>"

    def answer(url):
        if url.endswith("/feed"):
            kind, body, cls = "application/rss+xml", RSS20, TextResponse
        else:
            kind, body, cls = "text/html", page, HtmlResponse
        return cls(url, body=body, headers={"Content-Type": kind}, request=Request(url))

    spider = FeedSpider(source)
    (item,) = run_callbacks([(source.urls[0], spider.parse, {})], answer)
    assert (item.title, item.url, item.closes, item.amount) == (
        "Community Fund",
        "https://f.example/community",
        "14 January 2027, 12 noon",
        "Up to £5k",
    )
    assert spider.problems == []


def test_detail_is_for_listings_and_feeds():
    entry = {"id": "x", "urls": ["https://f.example/"], "detail": {"fields": {"closes": "dd"}}}
    assert Source.model_validate({**entry, "kind": "feed"}).detail is not None
    with pytest.raises(
        ValueError, match="'detail' only applies to kind: listing, feed, sitemap or api"
    ):
        Source.model_validate({**entry, "kind": "custom"})
