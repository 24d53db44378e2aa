"""Scrapy settings, built from config/settings.yaml and the environment. Polite by default."""

from __future__ import annotations

import logging
import math
import os
from pathlib import Path
from typing import Any

from config.errors import ConfigError
from config.models import CrawlSettings, Settings

VERSION = "0.1.0"

# Tests and the offline demo crawl loopback servers; they may lower the floor through the environment.
ENV_DELAY = "FUNDWATCH_CRAWL_DELAY"
ENV_TIMEOUT = "FUNDWATCH_CRAWL_TIMEOUT"
# Progress lines on stderr: "auto" (every 10 s on a terminal, 60 s otherwise), "never", or seconds.
ENV_PROGRESS = "FUNDWATCH_CRAWL_PROGRESS"


# What crawl.contact is when settings.yaml does not set it: said as a warning by crawl and run.
PLACEHOLDER_CONTACT = CrawlSettings.model_fields["contact"].default

MIN_SLOT_DELAY = 0.001  # seconds: the least delay between two requests to one host (below)
RETRY_TIMES = 2  # a failed request is asked again twice (the curator tools' fetcher too)


def _seconds(name: str, default: float, setting: str, *, zero_ok: bool) -> float:
    """A development override in seconds. One fundwatch cannot use stops the command as a config
    error (exit 2): 'abc' ended the crawl process before any source's turn, each source failing
    "not started: the crawl process exited with code 1", and -1 failed every download."""
    text = os.environ.get(name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and (value >= 0 if zero_ok else value > 0)):
        wanted = "0 or more" if zero_ok else "more than 0"
        raise ConfigError(
            [
                f"environment: {name} must be a number of seconds, {wanted}, got {text!r} "
                f"(a development setting: unset it to use settings.yaml's {setting})"
            ]
        )
    return value


def crawl_delay(settings: Settings) -> float:
    return _seconds(ENV_DELAY, settings.crawl.delay, "crawl.delay", zero_ok=True)


def crawl_timeout(settings: Settings) -> float:
    return _seconds(ENV_TIMEOUT, float(settings.crawl.timeout), "crawl.timeout", zero_ok=False)


def user_agent(settings: Settings) -> str:
    return f"fundwatch/{VERSION} (+https://github.com/fundwatch/fundwatch; contact: {settings.crawl.contact})"


def quiet_log(level: str | int) -> bool:
    """WARNING and above: the crawl says only what went wrong, one plain line each."""
    number = level if isinstance(level, int) else logging.getLevelName(str(level).upper())
    return not isinstance(number, int) or number >= logging.WARNING


REMOTE_CONTROL = "scrapy.extensions.remote_control.RemoteControl"


def _extensions_base() -> dict[str, int]:
    """Scrapy's own extensions, less its remote control. Left out here, not set to None in
    EXTENSIONS: Scrapy 2.19 imports every class EXTENSIONS names, None or not, to compare their
    names (Settings.get_component_priority_dict_with_base), and this one's module imports aiohttp:
    97 modules, ~0.1 s of every crawl process's start-up, for an extension it then turned off."""
    # Here, not at the top: scrapy is imported by a crawl, not by every command reading settings.
    from scrapy.settings.default_settings import EXTENSIONS_BASE

    return {path: order for path, order in EXTENSIONS_BASE.items() if path != REMOTE_CONTROL}


def scrapy_settings(
    settings: Settings, *, db_path: Path, batch: str, log_level: str = "WARNING"
) -> dict[str, Any]:
    timeout = crawl_timeout(settings)
    return {
        "BOT_NAME": "fundwatch",
        "USER_AGENT": user_agent(settings),
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        # Never 0: Scrapy 2.19 starts every request queued for a host at once when its slot has no
        # delay (a request counts as transferring only once its download has begun), so a
        # listing's detail pages went out together; any delay makes the slot start one at a time.
        "DOWNLOAD_DELAY": max(crawl_delay(settings), MIN_SLOT_DELAY),
        # A floor, not an average: Scrapy's default jitter would go down to half the delay.
        "DOWNLOAD_DELAY_JITTER": 0,
        "DOWNLOAD_TIMEOUT": timeout,
        "DOWNLOAD_MAXSIZE": settings.crawl.max_bytes,
        "DOWNLOAD_WARNSIZE": min(settings.crawl.max_bytes, 2 * 1024 * 1024),
        "RETRY_TIMES": RETRY_TIMES,
        # Kept per crawl, as a browser keeps them: a consent wall's cookie (spiders/consent_wall.py)
        # lets the listing and its next pages through.
        "COOKIES_ENABLED": True,
        "TELNETCONSOLE_ENABLED": False,
        # Scrapy 2.19's remote control: an HTTP server running Python sent to it, a port and a job
        # file per crawler, and aiohttp imported at start-up. Nothing here uses it; the extension is
        # also left out of Scrapy's base list (EXTENSIONS_BASE below), so aiohttp is not imported.
        "REMOTE_CONTROL_ENABLED": False,
        "MEMUSAGE_LIMIT_MB": 1024,
        "MEMUSAGE_WARNING_MB": 512,
        "LOG_LEVEL": log_level,
        # At WARNING and above, spiders/crawl_log.py shows one plain line per problem instead of
        # Scrapy's handler (no tracebacks); --log-level INFO or DEBUG brings Scrapy's back.
        "LOG_INSTALL_ROOT_HANDLER": not quiet_log(log_level),
        "DNS_TIMEOUT": timeout,
        "FUNDWATCH_PROGRESS": os.environ.get(ENV_PROGRESS) or "auto",
        "EXTENSIONS_BASE": _extensions_base(),
        "EXTENSIONS": {"spiders.progress.CrawlProgress": 500},
        "HTTPCACHE_ENABLED": True,
        "HTTPCACHE_POLICY": "spiders.middlewares.RevalidatePolicy",
        "HTTPCACHE_STORAGE": "spiders.cache_storage.PageFileCacheStorage",  # one file a page
        "HTTPCACHE_DIR": str((db_path.parent / "httpcache").resolve()),
        "HTTPCACHE_EXPIRATION_SECS": 0,
        # Only http and https: the guard refuses other schemes, and these handlers are not there.
        "DOWNLOAD_HANDLERS": {"file": None, "data": None, "ftp": None, "s3": None},
        "DOWNLOADER_MIDDLEWARES": {
            "spiders.address_guard.AddressGuardMiddleware": 50,  # before robots.txt is asked for
            "spiders.source_headers.SourceHeadersMiddleware": 60,  # secrets to the source's hosts only
            "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
            "spiders.middlewares.NamedMetaRefreshMiddleware": 580,
            "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
            "spiders.middlewares.NamedRedirectMiddleware": 600,
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "spiders.middlewares.QueuedRobotsTxtMiddleware": 100,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "spiders.middlewares.RetryAfterMiddleware": 550,
            # The cache saves bandwidth only: never a stale copy for a failed download.
            "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
            "spiders.middlewares.NoStaleCopyCacheMiddleware": 900,
            # Last before the downloader: nothing reaches its queue once stopped.
            "spiders.stopped_requests.DropWhenStopped": 990,
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
