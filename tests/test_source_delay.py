"""The configured crawl delay is a floor: a source may ask for more, never less. Set where every
spider is built (SourceSpider.from_crawler), so a crawl and a Scrapyd node honour it alike."""

from __future__ import annotations

import pytest
from scrapy.crawler import Crawler

from config.models import Source
from spiders.registry import spider_class


@pytest.mark.parametrize("asked, delay", [(7.5, 7.5), (0.2, 1.0), (None, 1.0)])
def test_a_source_may_ask_for_more_delay_never_less(asked, delay):
    entry = {"id": "slow", "kind": "feed", "urls": ["https://slow.example.org/feed.xml"]}
    source = Source.model_validate({**entry, **({"delay": asked} if asked else {})})
    crawler = Crawler(spider_class(source), {"DOWNLOAD_DELAY": 1.0})
    spider = spider_class(source).from_crawler(crawler, source=source)
    assert spider.source is source
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == delay
