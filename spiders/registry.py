"""Source id → spider class: the base spider for its kind, or spiders/custom/<id>.py."""

from __future__ import annotations

import importlib
import inspect

from config.models import Source
from spiders.api import ApiSpider
from spiders.base import SourceSpider
from spiders.feed import FeedSpider
from spiders.listing import ListingSpider
from spiders.sitemap import SitemapSpider

KINDS: dict[str, type[SourceSpider]] = {
    "feed": FeedSpider,
    "listing": ListingSpider,
    "api": ApiSpider,
    "sitemap": SitemapSpider,
}


def spider_class(source: Source) -> type[SourceSpider]:
    if source.kind != "custom":
        return KINDS[source.kind]
    module = importlib.import_module(f"spiders.custom.{source.id}")
    classes = [
        cls
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, SourceSpider) and cls.__module__ == module.__name__
    ]
    if len(classes) != 1:
        raise LookupError(
            f"spiders/custom/{source.id}.py must define exactly one SourceSpider subclass"
        )
    return classes[0]


def make_spider(source: Source) -> SourceSpider:
    return spider_class(source)(source)
