"""Thin Scrapy pipelines over the pure functions: normalise → validate → tag → store.

The store pipeline also owns the run row: opened when the spider opens, closed with counts and an
outcome when it closes. A sighting that cannot be stored is a problem like a page that cannot be
read: the run fails with the reason, and nothing is removed after it.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import CloseSpider, DropItem

from config.clock import now
from spiders.crawl_exit import STOPPED_RUN
from spiders.early_stop import stop_signalled
from spiders.error_words import error_text
from spiders.items import OpportunitySighting
from spiders.missing_fields import unread_selectors
from spiders.normalise.sighting import normalise
from spiders.progress import source_pages
from spiders.restated import Restatements
from spiders.tagging import tag_sighting
from storage.db import open_db
from storage.errors import describe
from storage.opportunities import listing_id
from storage.record import listing_stored
from storage.record_page import Refused, Tally, record_page
from storage.runs import finish_run, start_run
from storage.sighting import Sighting

PAGE_LIMIT = 500  # items stored in one unit at most
NOTHING_FOUND = "no opportunities found: the source may be empty or its layout may have changed"
# A unit gathers whole pages until this long after its first item: a listing of ten calls a page
# commits a unit a second, not one a page (each commit writes every index page it touched, so a
# unit of ten cost 1.6× as much a call as one of five hundred: benchmarks/store_scale.py).
UNIT_SECONDS = 1.0

_UNRECORDED = False  # a run this process could not write (read by the crawl process as it exits)
_REFUSED = False  # a source's calls the repository refused part way (likewise)


def runs_unrecorded() -> bool:
    """Whether the repository refused a run this process had to write (to open or to close it): a
    full disk, a read-only or locked file. The crawl launcher then records the run and says why;
    the store pipeline says nothing of it itself, or a full disk read twice, once per process."""
    return _UNRECORDED


def _unrecorded() -> None:
    global _UNRECORDED
    _UNRECORDED = True


def repository_refused() -> bool:
    """Whether the repository took no more writes part way through a source (crawl_exit.REFUSED)."""
    return _REFUSED


def _refused() -> None:
    global _REFUSED
    _REFUSED = True


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
    def process_item(self, item: OpportunitySighting) -> Sighting:
        self.spider.field_matches.add(self.spider.source, item)
        sighting = normalise(item, self.spider.source, now())
        link = (item.url or "").strip()
        if link and not sighting.url:
            # Read, but no http(s) address ("javascript:apply()", "mailto:…"): say that, where
            # "missing url" would send a curator looking for a selector that did match.
            what = sighting.title or item.title or "an item"
            self.spider.problem(
                f"{what!r} on {item.page_url} links to {link[:80]!r}, not an http(s) address",
                incomplete=True,
            )
            raise DropItem("its link is not an http(s) address")
        return sighting


class ValidatePipeline(_Pipeline):
    """A sighting without a title or a usable http(s) URL is dropped and makes the run fail, by name."""

    def process_item(self, item: Sighting) -> Sighting:
        missing = item.missing()
        # Its detail page failed (the run fails naming it): the fields only that page gives, the
        # title of a sitemap's call, are unknown this time, not missing (StorePipeline).
        if missing and not item.held_unread():
            what = item.title or item.ref or "an item"
            note = unread_selectors(self.spider.source, missing)
            self.spider.problem(
                f"{what!r} on {item.page_url} is missing {', '.join(missing)}{note}",
                incomplete=True,
            )
            raise DropItem(f"missing {', '.join(missing)}")
        return item


class TagPipeline(_Pipeline):
    def __init__(self, crawler):
        super().__init__(crawler)
        # Compiled once per crawl process (spiders/crawl_process.py), shared by every source's crawler.
        self.rules = crawler.settings["FUNDWATCH_TAG_RULES"]

    def process_item(self, item: Sighting) -> Sighting:
        return tag_sighting(item, self.rules)


class StorePipeline(_Pipeline):
    def __init__(self, crawler):
        super().__init__(crawler)
        self.db_path = Path(crawler.settings["FUNDWATCH_DB"])
        self.db = open_db(self.db_path)
        self.batch = crawler.settings["FUNDWATCH_BATCH"]
        self.tally = Tally()
        self.met = Restatements("")  # the source's, once its spider opens
        self.restated: set[int] = set()  # ids of the waiting unit's items that restate a call
        self.page: list[Sighting] = []  # items waiting to be stored together, whole pages
        self.page_began = 0.0  # monotonic time of the waiting unit's first item
        self.seen: set[str] = set()  # listing ids stored or found unchanged: what was listed
        self.run = None  # none until open_spider writes it: the repository may refuse it
        # Once the repository takes no more writes (a full disk): the call it refused, why, and
        # how many came after it, not tried (each a refusal and a line, thousands on a big feed).
        self.full: tuple[str, str] | None = None
        self.not_tried = 0
        crawler.signals.connect(self.spider_error, signal=signals.spider_error)
        # Scrapy closes a crawl "finished" only after it went idle: with nothing left to read.
        # Stopped by a signal or a memory limit, it closes without; and Scrapy's finish_reason is
        # set only after the pipelines have closed, so it cannot tell us (a stopped crawl was
        # recorded ok and complete, and the calls it had not reached were marked removed).
        self.went_idle = False
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    def open_spider(self) -> None:
        self.met = Restatements(self.spider.source.kind)
        try:
            self.run = start_run(self.db, self.spider.source.id, self.batch, now())
        except sqlite3.Error:
            # Nothing read could be stored: close before the first request. As an exception of
            # any other kind, it closed the spider with its stats never opened, and Scrapy logged
            # two failures of its own (closing a run never opened; CoreStats' assertion).
            _unrecorded()
            raise CloseSpider("repository refused the run") from None
        self.run_id = self.run.id

    def spider_idle(self, spider) -> None:
        self.went_idle = True

    def spider_error(self, failure, response, spider) -> None:
        spider.problem(f"error while reading {response.url}: {error_text(failure.value)}")

    def process_item(self, item: Sighting) -> Sighting:
        if self.full is not None:
            self.not_tried += 1
            return item
        met = self.met.met(item)
        if met == "again":
            return item  # the same call twice on one source (e.g. listed on two pages): once
        if item.held_unread() and not listing_stored(
            self.db, listing_id(item.source_id, item.identity)
        ):
            # Named only on the page that failed (said once, as that page's failure), and never
            # stored: nothing to keep it by. Stored before, it is kept as stored, and seen.
            self.met.forget(item)  # not met: a later sighting of it may still be stored
            raise DropItem("its page was not read and it was never stored")
        if met == "restated":
            # An api's record changed while the crawl read it: stored after its first reading
            # (spiders/restated.py), which lands first, so the later one always stands.
            self.flush()
            if self.full is not None:
                self.not_tried += 1
                return item
            self.restated.add(id(item))
        # A page's items arrive together and land together; a new page flushes the unit once it
        # has waited UNIT_SECONDS (a full unit flushes at once).
        if self.page and (
            len(self.page) >= PAGE_LIMIT
            or (
                item.page_url != self.page[-1].page_url
                and time.monotonic() - self.page_began >= UNIT_SECONDS
            )
        ):
            self.flush()
            if self.full is not None:  # this item came after the call refused
                self.not_tried += 1
                return item
        if not self.page:
            self.page_began = time.monotonic()
        self.page.append(item)
        return item

    def flush(self) -> None:
        """Store the page's items in one unit (storage/record_page.py: one by one if the unit is
        refused, so only the item that cannot be stored is lost, and the run fails naming it)."""
        page, self.page = self.page, []
        outcomes = record_page(
            self.db, self.db_path, page, run_id=self.run_id, clock=now, baseline=self.run.baseline
        )
        for index, (item, outcome) in enumerate(zip(page, outcomes, strict=True)):
            if isinstance(outcome, Refused) and outcome.lasting:
                self._full(item, outcome, len(page) - index - 1)
                return
            if isinstance(outcome, Refused):
                self.spider.problem(f"could not store {item.title!r}: {outcome.reason}")
                continue
            self.seen.add(listing_id(item.source_id, item.identity))
            self.tally.add(item, outcome, again=id(item) in self.restated)
        self.restated.clear()

    def _full(self, item: Sighting, refused: Refused, after: int) -> None:
        """The repository takes no more writes: store nothing more, read no more pages (what is
        stored stays; nothing is marked removed after an incomplete crawl), say it once."""
        self.full, self.not_tried = (item.title, refused.reason), after
        _refused()
        self.crawler.engine.close_spider(self.spider, "the repository took no more writes")

    def close_spider(self) -> None:
        if self.run is None:
            return  # never opened (see open_spider): the launcher records it
        if self.full is None:
            self.flush()
        if self.full is not None:
            title, reason = self.full
            self.spider.problem(
                f"could not store {title!r} nor the {self.not_tried} call(s) after it: {reason}"
            )
        spider = self.spider
        stats = self.crawler.stats
        reason = stats.get_value("finish_reason")
        # A field no call gave fails the run on any crawl, the first too (spiders/field_matches.py);
        # the calls themselves were all listed, so the crawl is no less complete for it. Not said
        # of a crawl stopped part way: its calls' pages may not all have been read.
        if reason in (None, "finished") and self.went_idle:
            for line in spider.field_matches.problems(spider.source):
                spider.problem(line, incomplete=False)
        problems = list(spider.run_problems())
        if reason not in (None, "finished"):
            problems.append(f"crawl stopped early: {reason}")
        elif not self.went_idle and self.full is None:  # a full repository said it already
            # Stopped by a signal (Ctrl-C, the service stopping) or a memory limit: only the
            # first is the operator's, which source health passes over.
            problems.append(
                STOPPED_RUN
                if stop_signalled()
                else "crawl stopped early: closed before every page was read"
            )
        if not self.tally.counts["items"] and not problems:
            problems.append(NOTHING_FOUND)
        counts = self.tally.run_counts(
            pages=source_pages(stats), not_modified=stats.get_value("httpcache/revalidate", 0)
        )
        try:
            finish_run(
                self.db,
                self.run_id,
                now(),
                problems=problems,
                complete=not spider.incomplete,
                counts=counts,
                infer_removals=spider.source.infers_removals,
                seen=self.seen,
                # Not a failure, but a site that ignores its page parameter looks just like it.
                notes=spider.run_notes(),
            )
        except sqlite3.Error as error:
            # Removals and the outcome roll back together; say why the run failed, if we can.
            problems.append(f"could not finish the run: {describe(error, self.db_path)}")
            try:
                finish_run(
                    self.db, self.run_id, now(), problems=problems, complete=False, counts=counts
                )
            except sqlite3.Error:
                _unrecorded()  # left `running`: the launcher closes it as failed, and says why
