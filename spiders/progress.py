"""Progress a person can follow: one line per source on stderr, `ukri_opportunities: 12 pages, 118 items`.

FUNDWATCH_CRAWL_PROGRESS (setting FUNDWATCH_PROGRESS):
- `auto` (default): on a terminal, a line per running source every 10 s and one when it finishes;
  otherwise (CI, the service's log) a line every 60 s for long crawls only, and none at the end:
  the per-source summary `fundwatch crawl` prints says it all.
- a number of seconds: a line that often and one at the end, wherever stderr goes.
- `never`: nothing.
Pages are the responses the source's own pages got (robots.txt not counted); items, those stored.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from spiders.progress_mode import LOG_EVERY, TERMINAL_EVERY, progress_plan

__all__ = ["LOG_EVERY", "TERMINAL_EVERY", "progress_plan"]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def progress_line(source_id: str, pages: int, items: int, problems: int | None = None) -> str:
    """'id: 12 pages, 118 items so far' while running; 'id: done, …' (with problems) at the end."""
    counts = f"{plural(pages, 'page')}, {plural(items, 'item')}"
    if problems is None:
        return f"{source_id}: {counts} so far"
    trouble = f", {plural(problems, 'problem')}" if problems else ""
    return f"{source_id}: done, {counts}{trouble}"


def source_pages(stats: Any) -> int:
    """Responses the source's own pages got: Scrapy's count less robots.txt's."""
    answered = stats.get_value("response_received_count", 0)
    return max(0, answered - stats.get_value("robotstxt/response_count", 0))


def stored_items(stats: Any) -> int:
    return stats.get_value("item_scraped_count", 0)


class CrawlProgress:
    """Counts are Scrapy's own stats, read when a line is due."""

    def __init__(self, crawler: Any, every: float | None, at_end: bool, stream: TextIO):
        self.crawler = crawler
        self.every = every
        self.at_end = at_end
        self.stream = stream
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlProgress:
        stream = sys.stderr
        every, at_end = progress_plan(
            crawler.settings.get("FUNDWATCH_PROGRESS", "auto"), stream.isatty()
        )
        if every is None and not at_end:
            raise NotConfigured
        progress = cls(crawler, every, at_end, stream)
        crawler.signals.connect(progress.opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.closed, signal=signals.spider_closed)
        return progress

    def say(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    def counts(self) -> tuple[int, int]:
        stats = self.crawler.stats
        return source_pages(stats), stored_items(stats)

    def opened(self, spider: Any) -> None:
        if self.every:
            self.task = create_looping_call(self.tick, spider)
            self.task.start(self.every, now=False)

    def tick(self, spider: Any) -> None:
        self.say(progress_line(spider.name, *self.counts()))

    def closed(self, spider: Any, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        if self.at_end:
            problems = len(getattr(spider, "problems", []))
            self.say(progress_line(spider.name, *self.counts(), problems))
