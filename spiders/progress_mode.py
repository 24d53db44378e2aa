"""FUNDWATCH_CRAWL_PROGRESS read once, by what it accepts: `auto`, `never` (or `off`, `0`), or a
number of seconds. Kept apart from spiders/progress.py (a Scrapy extension) so that `fundwatch
crawl` and `run` can say a value it does not accept without importing Scrapy."""

from __future__ import annotations

import math

from config.settings import ENV_PROGRESS as ENV

NEVER = ("never", "off", "0")


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


def accepted(mode: str | None) -> bool:
    mode = normal(mode)
    return mode == "auto" or mode in NEVER or seconds(mode) is not None


def mode_warning(mode: str | None) -> str | None:
    """One line for a value the crawl does not understand (it then behaves as `auto`), or None:
    'sometimes' used to be taken as `auto` without a word."""
    if accepted(mode):
        return None
    return f"warning: {ENV}={mode!r} is not one of auto, never or a number of seconds; using auto"
