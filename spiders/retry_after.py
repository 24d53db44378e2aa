"""Pure: the wait a Retry-After header asks for (RFC 9110 §10.2.3), for the crawl, `sources try`
and the chat channels alike: delta-seconds, or an HTTP date counted from `now`."""

from __future__ import annotations

import math
from datetime import datetime
from email.utils import parsedate_to_datetime


def read_retry_after(value: bytes | str | None, now: datetime | None) -> float | None:
    """Seconds to wait (never below 0, not capped: each caller has its own limit), or None when the
    value says neither a number nor a date that can be counted from (a date without a zone, or
    `now` unknown); each caller then waits its own default."""
    text = (value.decode("latin-1") if isinstance(value, bytes) else value or "").strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if now is None or when.tzinfo is None:
            return None
        seconds = (when - now).total_seconds()
    return None if math.isnan(seconds) else max(seconds, 0.0)
