"""Source id → spider class: the base spider for its kind, or spiders/custom/<id>.py."""

from __future__ import annotations

import importlib
import inspect

from config.models import Source
from spiders.base import SourceSpider

# Kind → the module and class of its spider, imported when a source of that kind is crawled: each
# crawl process crawls few kinds, and the feed spider alone brought feedparser and the XML readers
# (53 modules, ~30 ms) into every listing crawl.
KINDS: dict[str, tuple[str, str]] = {
    "feed": ("spiders.feed", "FeedSpider"),
    "listing": ("spiders.listing", "ListingSpider"),
    "api": ("spiders.api", "ApiSpider"),
    "sitemap": ("spiders.sitemap", "SitemapSpider"),
}


def spider_class(source: Source) -> type[SourceSpider]:
    if source.kind != "custom":
        module_name, class_name = KINDS[source.kind]
        return getattr(importlib.import_module(module_name), class_name)
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
