"""Scrapy settings for a Scrapyd node (the egg's `scrapy` entry point names this module).

fundwatch's own polite crawl settings (config/settings.py, from the deployed settings.yaml), with
no repository: instead of normalise → tag → store, items go to the feed export as JSON lines, which
`fundwatch ingest` stores. Scrapyd sets FEEDS to a file under its `items_dir` (which must be set:
by default Scrapyd keeps no items); run by hand, `-O items.jl` does.
"""

from __future__ import annotations

from pathlib import Path

from config.loader import load_settings
from config.settings import scrapy_settings
from spiders.scrapyd.deployed import node_config_dir

# Scrapyd keeps one log per job: at INFO it tells the whole story, not only the problems.
_polite = scrapy_settings(
    load_settings(node_config_dir()), db_path=Path("unused"), batch="node", log_level="INFO"
)
del _polite["FUNDWATCH_DB"], _polite["FUNDWATCH_BATCH"]  # no repository on a node
# The conditional-GET cache (an unchanged page costs a 304) in the node's working folder: Scrapy's
# relative `.scrapy/` would need a scrapy.cfg beside the job, which Scrapyd does not have.
_polite["HTTPCACHE_DIR"] = str(Path(".scrapy", "httpcache").resolve())
_polite["ITEM_PIPELINES"] = {}  # raw sightings, as spiders yield them: ingest normalises them
_polite["SPIDER_LOADER_CLASS"] = "spiders.scrapyd.loader.SourceSpiderLoader"
_polite["FEED_EXPORT_ENCODING"] = "utf-8"
# How the crawl ended, beside its feed file (spiders/scrapyd/outcome.py); a crawl that found nothing
# still leaves an (empty) feed file for it to stand beside, so a broken source is heard of.
_polite["EXTENSIONS"] = {
    **_polite["EXTENSIONS"],
    "spiders.scrapyd.outcome_writer.CrawlOutcomeWriter": 600,
}
_polite["FEED_STORE_EMPTY"] = True

globals().update(_polite)
