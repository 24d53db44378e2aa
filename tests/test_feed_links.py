"""A feed entry's address when it has no alternate link: feedparser gives the entry's id as its
link, and a `tag:` id is no address, so an Atom entry whose only links were its PDF prospectus and
its application portal was stored with no url (a crawl failing "missing url"). Found trying round
19's Atom feed (several links an entry, in no fixed order) with the links a feed may leave out."""

from __future__ import annotations

from scrapy.http import Request, TextResponse

from config.models import Source
from spiders.feed import FeedSpider

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Calls</title><id>tag:arts.example,2026:calls</id>
<entry><id>tag:arts.example,2026:call/1</id><title>Touring Fund</title>
<published>2026-11-20T09:30:00Z</published>
<link rel="enclosure" type="application/pdf" href="https://arts.example/touring.pdf"/>
<link rel="related" href="https://apply.arts.example/touring"/>
<content type="html">Deadline: 5 March 2027</content></entry>
<entry><id>tag:arts.example,2026:call/2</id><title>Prospectus Only Fund</title>
<link rel="enclosure" type="application/pdf" href="https://arts.example/prospectus.pdf"/>
<content type="html">Deadline: 5 March 2027</content></entry>
<entry><id>tag:arts.example,2026:call/3</id><title>Paged Fund</title>
<link rel="related" href="https://apply.arts.example/paged"/>
<link rel="alternate" type="text/html" href="https://arts.example/calls/paged/"/>
<content type="html">Deadline: 5 March 2027</content></entry>
<entry><id>https://arts.example/calls/id-only/</id><title>Id Only Fund</title>
<content type="html">Deadline: 5 March 2027</content></entry>
</feed>"""


def test_an_entry_with_no_page_link_is_at_the_best_link_it_gives():
    source = Source(id="arts", kind="feed", urls=["https://arts.example/feed.atom"])
    spider = FeedSpider(source)
    response = TextResponse(
        "https://arts.example/feed.atom",
        body=FEED,
        headers={"Content-Type": "application/atom+xml"},
        request=Request("https://arts.example/feed.atom"),
    )
    items = list(spider.parse(response))
    assert spider.problems == []
    assert [(item.url, item.ref) for item in items] == [
        ("https://apply.arts.example/touring", "tag:arts.example,2026:call/1"),
        ("https://arts.example/prospectus.pdf", "tag:arts.example,2026:call/2"),
        ("https://arts.example/calls/paged/", "tag:arts.example,2026:call/3"),
        ("https://arts.example/calls/id-only/", "https://arts.example/calls/id-only/"),
    ]
