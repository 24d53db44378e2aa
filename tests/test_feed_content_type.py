"""A feed whose server names the wrong Content-Type (text/html, text/plain,
application/octet-stream): read as the feed it is. Probed in round 16 (tests/sites/README.md): every
item was stored but the crawl failed, "malformed feed … NonXMLContentType: text/html; charset=utf-8
is not an XML media type (2 entries read anyway)", each crawl, about a feed that was fine."""

from __future__ import annotations

import pytest
from scrapy.http import Request, Response

from config.models import Source
from spiders.registry import make_spider

URL = "https://www.example.org.uk/grants/feed"
RSS = b"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Grants</title>
<link>https://www.example.org.uk/</link><description>Open grants</description>
<item><title>Village Halls Fund</title><link>https://www.example.org.uk/grants/halls</link>
<description>Closing date: 5 March 2027.</description></item>
<item><title>Parish Paths Fund</title><link>https://www.example.org.uk/grants/paths</link>
<description>Deadline: 1 February 2027</description></item></channel></rss>"""
PAGE = b"<!DOCTYPE html><html><head><title>Grants</title></head><body><h1>Grants</h1></body></html>"


def read(body: bytes, content_type: str) -> tuple[list, list[str]]:
    entry = {"id": "feed", "name": "Feed", "kind": "feed", "urls": [URL], "funder": "Trust"}
    spider = make_spider(Source.model_validate(entry))
    response = Response(
        URL, body=body, headers={"Content-Type": content_type}, request=Request(URL)
    )
    return list(spider.parse(response)), spider.problems


@pytest.mark.parametrize(
    "kind", ["text/html; charset=utf-8", "text/plain", "application/octet-stream"]
)
def test_a_feed_sent_as_another_type_is_read_without_a_problem(kind):
    items, problems = read(RSS, kind)
    assert [item.title for item in items] == ["Village Halls Fund", "Parish Paths Fund"]
    assert problems == []


def test_a_web_page_where_the_feed_was_is_still_a_problem():
    items, problems = read(PAGE, "text/html; charset=utf-8")
    assert items == [] and len(problems) == 1 and "on " + URL in problems[0]


def test_a_web_page_where_the_feed_was_names_the_feed_it_links():
    # walk15: a funder's news page pasted as a feed said "malformed feed on …: NonXMLContentType:
    # text/html; charset=utf-8 is not an XML media type", nothing a curator could act on.
    page = PAGE.replace(
        b"<title>",
        b'<link rel="alternate" type="application/rss+xml" href="/grants/feed.xml"><title>',
    )
    _, problems = read(page, "text/html; charset=utf-8")
    assert problems == [
        f"not a feed on {URL}: it answered a web page (text/html), not RSS, Atom or a JSON Feed; "
        "the page names its feed: https://www.example.org.uk/grants/feed.xml"
    ]
    _, problems = read(PAGE, "text/plain")
    assert problems[0].startswith(f"not a feed on {URL}: it answered text/plain, not RSS")
    assert 'usually named in its pages\' <link rel="alternate">' in problems[0]
