"""A source with no `detail` asks no detail page, so its links are not made canonical on the way
(the call's address is, once, when it is normalised); a mailing's click tracker that names no page
is still asked for its redirect. Hand-built links."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from config.models import Source
from spiders.normalise.urls import _canonical_url
from spiders.registry import make_spider

PAGE = "https://grants.example.gov.uk/funding"
TRACKER = "https://council.us5.list-manage.com/track/click?u=abc123&id=def456&e=subscriber9"


def spider_and_page():
    source = Source.model_validate(
        {
            "id": "no_detail",
            "kind": "listing",
            "urls": [PAGE],
            "item": "li",
            "fields": {"title": "a::text", "url": "a::attr(href)"},
        }
    )
    page = HtmlResponse(PAGE, body=b"<ul></ul>", request=Request(PAGE))
    return make_spider(source), page


def test_a_plain_link_is_not_canonicalised_when_no_detail_page_is_asked():
    spider, page = spider_and_page()
    sighting = spider.sighting(page, title="Heat fund", url="/funding/heat-fund?b=2&a=1#apply")
    _canonical_url.cache_clear()
    assert spider.with_detail(page, sighting) is sighting
    assert _canonical_url.cache_info().misses == 0


def test_a_tracker_naming_no_page_is_still_asked():
    spider, page = spider_and_page()
    sighting = spider.sighting(page, title="Heat fund", url=TRACKER)
    asked = spider.with_detail(page, sighting)
    assert isinstance(asked, Request) and "e=" not in asked.url
    assert asked.meta["dont_redirect"] is True
