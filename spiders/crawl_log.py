"""How a crawl talks on stderr: at the default level, one plain line per thing that went wrong.

`source_id: HTTP 500 on https://…` — the spiders' problem lines (spiders/failures.py), logged at
WARNING. Scrapy's and Twisted's own messages are left out below ERROR (their warnings repeat what a
spider reports), and so are the errors a spider already reports in its own words (a download that
failed, a callback that raised); any other error is one line, its exception as type and message,
never a traceback. With `--log-level INFO` or `DEBUG` (or FUNDWATCH_CRAWL_LOG_LEVEL) this module
stays out of the way and Scrapy's own handler logs everything, tracebacks included.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from config.settings import quiet_log

LIBRARY_LOGGERS = ("scrapy", "twisted", "py.warnings", "asyncio", "filelock", "protego", "hpack")
# Scrapy's reports of failures that reach a spider's errback or the spider_error signal: the spider
# records each one itself, as a plain line (spiders/base.py, spiders/pipelines.py).
REPORTED_BY_SPIDERS = (
    "Error downloading",
    "Gave up retrying",
    "Spider error processing",
    "Dropped:",
)


def library(name: str) -> str | None:
    """The library a logger belongs to ('scrapy' for 'scrapy.core.scraper'), or None if ours."""
    return next((lib for lib in LIBRARY_LOGGERS if name == lib or name.startswith(lib + ".")), None)


class LibraryNoise(logging.Filter):
    """Keeps our lines; keeps Scrapy's and Twisted's errors that no spider has reported already."""

    def filter(self, record: logging.LogRecord) -> bool:
        if library(record.name) is None:
            return True
        if record.levelno < logging.ERROR:
            return False
        return not str(record.msg).lstrip().startswith(REPORTED_BY_SPIDERS)


class OneLine(logging.Formatter):
    """'ukri_opportunities: HTTP 500 on …'; an exception as ' (Type: message)', no traceback.
    `levelled`: 'WARNING ukri_opportunities: …', for the service's log (notifier/crawl_relay.py)."""

    def __init__(self, levelled: bool = False) -> None:
        super().__init__()
        self.levelled = levelled

    def format(self, record: logging.LogRecord) -> str:
        lines = [line.strip() for line in record.getMessage().splitlines() if line.strip()]
        message = lines[0] if lines else ""
        error = record.exc_info[1] if record.exc_info else None
        if error is not None:
            message += f" ({type(error).__name__}: {' '.join(str(error).split())})"
        line = f"{library(record.name) or record.name}: {message}"
        return f"{record.levelname} {line}" if self.levelled else line


def install_crawl_logging(
    level: str, stream: TextIO | None = None, *, levelled: bool = False
) -> logging.Handler | None:
    """At WARNING and above, one plain line per problem on stderr; below, leave it to Scrapy."""
    if not quiet_log(level):
        return None
    number = logging.getLevelName(str(level).upper())
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setLevel(number if isinstance(number, int) else logging.WARNING)
    handler.addFilter(LibraryNoise())
    handler.setFormatter(OneLine(levelled))
    logging.root.addHandler(handler)
    logging.root.setLevel(handler.level)
    return handler
