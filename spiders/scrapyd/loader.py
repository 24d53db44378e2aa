"""Scrapy's spider loader on a node: a spider per source in the deployed sources.yaml, by its id.

Scrapyd lists spiders (`scrapy list`) and runs one (`scrapy crawl SOURCE_ID`) through this. Each
spider is the class `fundwatch crawl` would use for that source (spiders/registry.py), given its
Source when Scrapy builds it, with the source's own delay when it asks for more than the floor.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from scrapy import Request, Spider
from scrapy.settings import BaseSettings

from config.errors import ConfigError
from config.loader import load_sources
from config.models import Source
from spiders.base import SourceSpider
from spiders.registry import spider_class
from spiders.scrapyd.deployed import node_config_dir


def deployed_spider(source: Source) -> type[SourceSpider]:
    """The source's spider class, named by its id, that Scrapy can build without arguments."""

    class Deployed(spider_class(source)):
        name = source.id

        @classmethod
        def from_crawler(cls, crawler, *args: Any, **kwargs: Any) -> SourceSpider:
            # Scrapyd builds spiders by name alone: the source comes from the node's config.
            return super().from_crawler(crawler, *args, source=source, **kwargs)

    Deployed.__name__ = Deployed.__qualname__ = spider_class(source).__name__
    return Deployed


class SourceSpiderLoader:
    """Implements Scrapy's SpiderLoaderProtocol (the SPIDER_LOADER_CLASS setting)."""

    def __init__(self, settings: BaseSettings):
        self.settings = settings

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> SourceSpiderLoader:
        return cls(settings)

    @cached_property
    def sources(self) -> dict[str, Source]:
        try:
            return {s.id: s for s in load_sources(node_config_dir())}
        except ConfigError as error:  # one plain line per problem in Scrapyd's answer and log
            raise RuntimeError("the deployed config has problems:\n" + str(error)) from error

    def load(self, spider_name: str) -> type[Spider]:
        if spider_name not in self.sources:
            raise KeyError(f"Spider not found: {spider_name} (no such source in sources.yaml)")
        return deployed_spider(self.sources[spider_name])

    def list(self) -> list[str]:
        """Every source, enabled or not: a node crawls what it is told to, when it is told."""
        return sorted(self.sources)

    def find_by_request(self, request: Request) -> list[str]:
        return []
