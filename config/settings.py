"""Scrapy settings, built from config/settings.yaml and the environment. Polite by default."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from config.models import Settings

VERSION = "0.1.0"

# Tests and the offline demo crawl loopback servers; they may lower the floor through the environment.
ENV_DELAY = "FUNDWATCH_CRAWL_DELAY"
ENV_TIMEOUT = "FUNDWATCH_CRAWL_TIMEOUT"


def crawl_delay(settings: Settings) -> float:
    value = os.environ.get(ENV_DELAY)
    return float(value) if value else settings.crawl.delay


def user_agent(settings: Settings) -> str:
    return f"fundwatch/{VERSION} (+https://github.com/fundwatch/fundwatch; contact: {settings.crawl.contact})"


def scrapy_settings(
    settings: Settings, *, db_path: Path, batch: str, log_level: str = "WARNING"
) -> dict[str, Any]:
    timeout = float(os.environ.get(ENV_TIMEOUT) or settings.crawl.timeout)
    return {
        "BOT_NAME": "fundwatch",
        "USER_AGENT": user_agent(settings),
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": crawl_delay(settings),
        # A floor, not an average: Scrapy's default jitter would go down to half the delay.
        "DOWNLOAD_DELAY_JITTER": 0,
        "DOWNLOAD_TIMEOUT": timeout,
        "DOWNLOAD_MAXSIZE": settings.crawl.max_bytes,
        "DOWNLOAD_WARNSIZE": min(settings.crawl.max_bytes, 2 * 1024 * 1024),
        "RETRY_TIMES": 2,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "MEMUSAGE_LIMIT_MB": 1024,
        "MEMUSAGE_WARNING_MB": 512,
        "LOG_LEVEL": log_level,
        "HTTPCACHE_ENABLED": True,
        "HTTPCACHE_POLICY": "spiders.middlewares.RevalidatePolicy",
        "HTTPCACHE_DIR": str((db_path.parent / "httpcache").resolve()),
        "HTTPCACHE_EXPIRATION_SECS": 0,
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "spiders.middlewares.QueuedRobotsTxtMiddleware": 100,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "spiders.middlewares.RetryAfterMiddleware": 550,
        },
        "FUNDWATCH_MAX_RETRY_AFTER": settings.crawl.max_retry_after,
        "ITEM_PIPELINES": {
            "spiders.pipelines.NormalisePipeline": 100,
            "spiders.pipelines.ValidatePipeline": 200,
            "spiders.pipelines.TagPipeline": 300,
            "spiders.pipelines.StorePipeline": 900,
        },
        "FUNDWATCH_DB": str(db_path),
        "FUNDWATCH_BATCH": batch,
    }
