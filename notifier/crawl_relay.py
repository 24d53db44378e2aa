"""The service's crawl processes' lines, copied into its log as its own lines are written.

A crawl process writes its problems on stderr (`example_listing: HTTP 404 on …`: spiders/
crawl_log.py). The service's crawl processes wrote straight to the service's stderr, so those
lines stood in its log without the time and level every other line carries. The service now reads
them and logs each one, at the level the crawl process gave it (`--levelled`), WARNING for a line
without one (a config problem it printed).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable

log = logging.getLogger("fundwatch.crawl")

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def levelled(line: str) -> tuple[int, str]:
    """('ERROR scrapy: …') -> (logging.ERROR, 'scrapy: …'); a line without a level is a WARNING."""
    level, _, rest = line.partition(" ")
    if level in LEVELS and rest:
        return logging.getLevelName(level), rest
    return logging.WARNING, line


def log_crawl_line(line: str) -> None:
    line = line.rstrip("\r\n")
    if line.strip():
        level, message = levelled(line)
        log.log(level, "%s", message)


def relay(lines: Iterable[str], say: Callable[[str], None] = log_crawl_line) -> threading.Thread:
    """Each of `lines` (a crawl process's output) said as it comes, on a thread of its own, which
    ends at the output's end (the process gone)."""

    def read() -> None:
        for line in lines:
            say(line)

    thread = threading.Thread(target=read, name="crawl-output", daemon=True)
    thread.start()
    return thread
