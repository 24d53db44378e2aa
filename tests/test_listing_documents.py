"""A listing URL that answers with a document (a PDF, typed as one) is a problem naming what came,
not a page read as HTML: Scrapy makes a TextResponse of a small PDF written in plain ASCII, and its
text held what selectors could match. The body here is hand-built."""

from __future__ import annotations

from scrapy.http import Request, TextResponse

from config.models import Source
from spiders.registry import make_spider

URL = "https://grants.example.gov.uk/funding"
# A plain-ASCII PDF whose text happens to hold markup a selector matches.
PDF = b"%PDF-1.4\n1 0 obj << >> stream\n<ul><li><a href='/heat'>Heat fund</a></li></ul>\nendstream"


def test_a_listing_answered_with_a_pdf_is_not_read_as_a_page():
    source = Source.model_validate(
        {
            "id": "documents",
            "kind": "listing",
            "urls": [URL],
            "item": "li",
            "fields": {"title": "a::text", "url": "a::attr(href)"},
        }
    )
    spider = make_spider(source)
    answer = TextResponse(
        URL, body=PDF, headers={"Content-Type": "application/pdf"}, request=Request(URL)
    )
    assert list(spider.parse(answer)) == []
    assert spider.problems == [f"not a web page on {URL} (application/pdf)"]
