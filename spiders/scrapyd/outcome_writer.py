"""The Scrapy extension that writes a node crawl's outcome beside each local feed export it closes
(spiders/scrapyd/outcome.py says what is in it and why).

Scrapy closes feed files inside its own `spider_closed` handling, and the order of the two is not
promised: the outcome is written once both the crawl's end (its reason) and the feed file's close
are known, whichever comes last, so it never describes a file still being written.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from scrapy import signals
from w3lib.url import file_uri_to_path

from config.lazy_pattern import lazy_pattern
from spiders.pid_alive import PARTIAL, remove_dead_writers
from spiders.progress import source_pages
from spiders.scrapyd.outcome import SUFFIX, CrawlOutcome, outcome_path

log = logging.getLogger(__name__)


class CrawlOutcomeWriter:
    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.reason: str | None = None
        self.spider: Any = None
        self.closed_feeds: list[tuple[Path, int]] = []  # (file, items in it) not yet written

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlOutcomeWriter:
        writer = cls(crawler)
        crawler.signals.connect(writer.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(writer.feed_slot_closed, signal=signals.feed_slot_closed)
        return writer

    def spider_closed(self, spider: Any, reason: str) -> None:
        self.spider, self.reason = spider, reason
        self._write_ready()

    def feed_slot_closed(self, slot: Any) -> None:
        path = local_path(slot.uri)
        if path is not None:
            self.closed_feeds.append((path, slot.itemcount))
        self._write_ready()

    def _write_ready(self) -> None:
        if self.reason is None:
            return
        while self.closed_feeds:
            path, items = self.closed_feeds.pop()
            write_atomically(outcome_path(path), self.outcome(items).to_json())

    def outcome(self, items: int) -> CrawlOutcome:
        spider, stats = self.spider, self.crawler.stats
        source = getattr(spider, "source", None)
        return CrawlOutcome(
            source_id=source.id if source is not None else spider.name,
            finish_reason=str(self.reason),
            complete=not getattr(spider, "incomplete", True),
            items=items,
            problems=[
                str(p)
                for p in (
                    spider.run_problems()
                    if hasattr(spider, "run_problems")
                    else getattr(spider, "problems", [])
                )
            ],
            pages=source_pages(stats),
            not_modified=stats.get_value("httpcache/revalidate", 0),
            notes=list(spider.run_notes()) if hasattr(spider, "run_notes") else [],
        )


def local_path(uri: str) -> Path | None:
    """The file a feed URI names on this machine (Scrapyd's file:// URI, or `-O items.jl`), or
    None for a feed stored elsewhere (S3, FTP): no outcome can be put beside it."""
    scheme = urlparse(uri).scheme
    if scheme == "file":
        return Path(file_uri_to_path(uri))
    if scheme == "" or (len(scheme) == 1 and os.name == "nt"):  # a plain path (C:\ on Windows)
        return Path(uri)
    log.info("no crawl outcome for the feed at %s: only a local file gets one", uri)
    return None


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file and a rename: an ingest reading the folder meanwhile sees
    the whole outcome or none. The temporary files of writers that died before their rename are
    removed first, and this one's if the write fails (a full disk): nothing else ever removed
    them, so a node's items folder gathered one a killed crawl, for ever."""
    remove_leftovers(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}{PARTIAL}")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


# write_atomically's temporary files: `.<job>.jl.outcome.json.<pid>.tmp`
_UNFINISHED = lazy_pattern(r"\..+" + re.escape(SUFFIX) + r"\.\d+" + re.escape(PARTIAL))


def remove_leftovers(folder: Path) -> int:
    """Remove the unfinished outcomes in `folder` whose writer is dead (by the pid in the name;
    this process writes none of its own yet); how many."""
    try:
        names = [p for p in folder.iterdir() if _UNFINISHED.fullmatch(p.name)]
    except OSError:
        return 0
    return remove_dead_writers(names)
