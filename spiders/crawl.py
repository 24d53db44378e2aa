"""The crawl process: `python -m spiders.crawl --config DIR --db PATH --batch ID SOURCE...`.

Run in a subprocess by `fundwatch crawl` and the scheduler, because Twisted's reactor cannot be
restarted in one process. All named sources crawl concurrently, one request at a time per host.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from scrapy.crawler import Crawler, CrawlerProcess

from config.loader import load_settings, load_sources, load_tags
from config.settings import scrapy_settings
from spiders.registry import spider_class
from spiders.tagging import compile_rules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spiders.crawl")
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--batch", required=True)
    parser.add_argument(
        "--log-level", default=os.environ.get("FUNDWATCH_CRAWL_LOG_LEVEL", "WARNING")
    )
    parser.add_argument("source_ids", nargs="+")
    args = parser.parse_args(argv)

    tags = load_tags(args.config)
    sources = {s.id: s for s in load_sources(args.config, tags=tags)}
    settings = scrapy_settings(
        load_settings(args.config),
        db_path=Path(args.db),
        batch=args.batch,
        log_level=args.log_level,
    )
    settings["FUNDWATCH_TAG_RULES"] = compile_rules(tags)
    process = CrawlerProcess(settings)
    for index, source_id in enumerate(args.source_ids):
        source = sources[source_id]
        # The configured delay is a floor: a source may ask for more, never less.
        own = {**settings, "DOWNLOAD_DELAY": max(settings["DOWNLOAD_DELAY"], source.delay or 0.0)}
        # The first crawler installs the reactor, as CrawlerProcess would for crawlers it makes itself.
        process.crawl(Crawler(spider_class(source), own, init_reactor=index == 0), source=source)
    process.start()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
