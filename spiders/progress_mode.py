"""FUNDWATCH_CRAWL_PROGRESS read once, by what it accepts: `auto`, `never` (or `off`, `0`), or a
number of seconds. Kept apart from spiders/progress.py (a Scrapy extension) so that `fundwatch
crawl` and `run` can say a value it does not accept without importing Scrapy."""

from __future__ import annotations

import math

from config.settings import ENV_PROGRESS as ENV

NEVER = ("never", "off", "0")
TERMINAL_EVERY = 10.0
LOG_EVERY = 60.0


def seconds(mode: str) -> float | None:
    """The number of seconds `mode` names, or None when it names none."""
    try:
        every = float(mode)
    except ValueError:
        return None
    return every if math.isfinite(every) else None


def normal(mode: str | None) -> str:
    """The setting as read: unset is `auto`; case and spaces do not count."""
    return (mode or "auto").strip().lower()


def progress_plan(mode: str | None, interactive: bool) -> tuple[float | None, bool]:
    """(seconds between lines or None, whether to print a line when a source finishes): a crawl's
    (spiders/progress.py) and, its first half, a delivery run's (notifier/delivery/progress.py)."""
    mode = normal(mode)
    if mode in NEVER:
        return None, False
    every = seconds(mode)
    if every is None:  # `auto`, or a value `fundwatch crawl` and `run` have warned about
        return (TERMINAL_EVERY, True) if interactive else (LOG_EVERY, False)
    return (every if every > 0 else None), True


def accepted(mode: str | None) -> bool:
    mode = normal(mode)
    return mode == "auto" or mode in NEVER or seconds(mode) is not None


def mode_warning(mode: str | None) -> str | None:
    """One line for a value the crawl does not understand (it then behaves as `auto`), or None:
    'sometimes' used to be taken as `auto` without a word."""
    if accepted(mode):
        return None
    return f"warning: {ENV}={mode!r} is not one of auto, never or a number of seconds; using auto"
