"""The crawl process: `python -m spiders.crawl_process --config DIR --db PATH --batch ID SOURCE...`.

Started by the crawl launcher (notifier/crawl_launcher.py) for `fundwatch crawl` and the scheduler,
because Twisted's reactor cannot be restarted in one process. All named sources crawl concurrently,
one request at a time per host. Each source is crawled under its lock (storage/locks.py): a second
crawl of a source that is already being crawled, by any process, waits for the first to finish
rather than interleave with it.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from scrapy.crawler import Crawler, CrawlerProcess

from config.errors import ConfigError
from config.loader import load_settings, load_sources, load_tags
from config.settings import scrapy_settings
from spiders.crawl_log import install_crawl_logging
from spiders.registry import spider_class
from spiders.tagging import compile_rules
from storage.locks import FileLock, source_lock


def lock_sources(db: Path, source_ids: list[str], batch: str) -> list[FileLock]:
    """Every named source's crawl lock, in a fixed order so two processes never deadlock."""
    held = []
    for source_id in sorted(set(source_ids)):
        lock = source_lock(db, source_id, f"crawl batch {batch}")

        def tell(holder: str, source_id: str = source_id) -> None:
            print(
                f"{source_id}: waiting for the crawl already running ({holder}) to finish",
                file=sys.stderr,
                flush=True,
            )

        lock.acquire(on_wait=tell)
        held.append(lock)
    return held


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spiders.crawl_process")
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--batch", required=True)
    parser.add_argument(
        "--log-level", default=os.environ.get("FUNDWATCH_CRAWL_LOG_LEVEL", "WARNING")
    )
    parser.add_argument("source_ids", nargs="+")
    args = parser.parse_args(argv)
    install_crawl_logging(args.log_level)  # one plain line per problem, unless debugging

    try:
        tags = load_tags(args.config)
        sources = {s.id: s for s in load_sources(args.config, tags=tags)}
    except ConfigError as error:  # e.g. a loopback URL without FUNDWATCH_ALLOW_LOOPBACK=1
        print("\n".join(error.problems), file=sys.stderr, flush=True)
        return 2
    settings = scrapy_settings(
        load_settings(args.config),
        db_path=Path(args.db),
        batch=args.batch,
        log_level=args.log_level,
    )
    settings["FUNDWATCH_TAG_RULES"] = compile_rules(tags)
    # Held until this process exits; the kernel releases them if it is killed.
    locks = lock_sources(Path(args.db), args.source_ids, args.batch)  # noqa: F841
    # An item's objects are nearly all freed by reference counting, but the default threshold (700
    # allocations) still ran a cycle collection for every page, each walking the young objects of
    # Scrapy's machinery: 5 % of a crawl's time (benchmarks/crawl_scale.py). Collect less often.
    gc.set_threshold(10_000, 10, 10)
    process = CrawlerProcess(settings)
    for index, source_id in enumerate(args.source_ids):
        source = sources[source_id]
        # The first crawler installs the reactor, as CrawlerProcess would for crawlers it makes itself.
        # (A source's own, longer delay is set by SourceSpider.from_crawler.)
        crawler = Crawler(spider_class(source), settings, init_reactor=index == 0)
        process.crawl(crawler, source=source)
    process.start()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
