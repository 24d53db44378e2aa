"""Thin Scrapy pipelines over the pure functions: normalise → validate → tag → store.

The store pipeline also owns the run row: opened when the spider opens, closed with counts and an
outcome when it closes, and only then (after a complete, clean crawl) are unlisted calls removed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import DropItem

from config.clock import now
from spiders.items import OpportunitySighting
from spiders.records import add_tags, missing_fields, normalise
from storage.db import open_db
from storage.opportunities import record_sighting, remove_unlisted
from storage.runs import finish_run, start_run


class _Pipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @property
    def spider(self):
        return self.crawler.spider


class NormalisePipeline(_Pipeline):
    def process_item(self, item: OpportunitySighting) -> dict[str, Any]:
        return normalise(item, self.spider.source, now())


class ValidatePipeline(_Pipeline):
    """A sighting without a title or a usable http(s) URL is dropped and makes the run fail, by name."""

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        missing = missing_fields(item)
        if missing:
            what = item.get("title") or item.get("ref") or "an item"
            self.spider.problem(
                f"{what!r} on {item.get('page_url')} is missing {', '.join(missing)}",
                incomplete=True,
            )
            raise DropItem(f"missing {', '.join(missing)}")
        return item


class TagPipeline(_Pipeline):
    def __init__(self, crawler):
        super().__init__(crawler)
        # Compiled once per crawl process (spiders/crawl.py), shared by every source's crawler.
        self.rules = crawler.settings["FUNDWATCH_TAG_RULES"]

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        return add_tags(item, self.rules)


class StorePipeline(_Pipeline):
    def __init__(self, crawler):
        super().__init__(crawler)
        self.db = open_db(Path(crawler.settings["FUNDWATCH_DB"]))
        self.batch = crawler.settings["FUNDWATCH_BATCH"]
        self.counts: Counter[str] = Counter()
        self.refs: set[str] = set()
        crawler.signals.connect(self.spider_error, signal=signals.spider_error)

    def open_spider(self) -> None:
        self.run_id = start_run(self.db, self.spider.source.id, self.batch, now())

    def spider_error(self, failure, response, spider) -> None:
        spider.problem(
            f"error while reading {response.url}: {type(failure.value).__name__}: {failure.value}"
        )

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        if item["ref"] in self.refs:
            return (
                item  # the same call twice on one source (e.g. listed on two pages): count it once
            )
        self.refs.add(item["ref"])
        outcome = record_sighting(self.db, item, run_id=self.run_id, now=now())
        self.counts["items"] += 1
        self.counts[outcome.kind] += 1
        return item

    def close_spider(self) -> None:
        spider = self.spider
        stats = self.crawler.stats
        problems = list(spider.problems)
        reason = stats.get_value("finish_reason")
        if reason not in (None, "finished"):
            problems.append(f"crawl stopped early: {reason}")
        if not self.counts["items"] and not problems:
            problems.append(
                "no opportunities found: the source may be empty or its layout may have changed"
            )
        failed = bool(problems)
        removed = 0
        if not failed and not spider.incomplete:
            removed = remove_unlisted(self.db, spider.source.id, run_id=self.run_id, now=now())
        finish_run(
            self.db,
            self.run_id,
            now(),
            pages=stats.get_value("response_received_count", 0),
            not_modified=stats.get_value("httpcache/revalidate", 0),
            items=self.counts["items"],
            new=self.counts["new"],
            changed=self.counts["changed"],
            removed=removed,
            errors=len(problems),
            outcome="failed" if failed else "ok",
            reason="; ".join(problems[:5])
            + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
            if problems
            else None,
            complete=int(not failed and not spider.incomplete),
        )
