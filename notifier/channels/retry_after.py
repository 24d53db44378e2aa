"""Retry-After, as Slack and Teams send it, in seconds: one reading for every chat channel.

RFC 9110 allows a number of seconds or an HTTP date. A date is counted from `now` (the delivery
run's time, so tests freeze it); without one it cannot be read, and the default wait is used.
Whatever it says is held between 0 and a day: a header of "nan", "inf" or 1e12 seconds made a
`next_attempt_at` past the year 9999, and the delivery run stopped on an OverflowError.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from spiders.retry_after import read_retry_after

# When a service rate limits without saying for how long (it always should), wait this long.
DEFAULT_RETRY_AFTER = 60.0
LONGEST_RETRY_AFTER = 24 * 3600.0  # a Retry-After of a year is a mistake: ask again tomorrow


def _header(headers: Mapping[str, Any] | None) -> str | None:
    """The Retry-After value, in any case of name; slack_sdk wraps values in lists."""
    for key, value in (headers or {}).items():
        if key.lower() == "retry-after":
            raw = value[0] if isinstance(value, list | tuple) and value else value
            return None if isinstance(raw, list | tuple) or raw is None else str(raw).strip()
    return None


def stated_retry_after(
    headers: Mapping[str, Any] | None, now: datetime | None = None
) -> float | None:
    """Seconds from a Retry-After header (a number, or an HTTP date counted from `now`), held
    between 0 and a day; None when there is none: a 503 that says how long it will be down is
    asked again then, not sooner."""
    seconds = read_retry_after(_header(headers), now)
    return None if seconds is None else min(seconds, LONGEST_RETRY_AFTER)


def retry_after_seconds(headers: Mapping[str, Any] | None, now: datetime | None = None) -> float:
    """The header's wait, or the default when a rate limit names none."""
    seconds = stated_retry_after(headers, now)
    return DEFAULT_RETRY_AFTER if seconds is None else seconds


def outage_wait(
    status: int, headers: Mapping[str, Any] | None, now: datetime | None = None
) -> float | None:
    """How long a far end answering 5xx said it will be down (its Retry-After), else None. One rule
    for every chat channel (Slack's Web API and webhooks, Teams): the destination waits that long,
    as for a rate limit, since backing off a minute asked again into the outage."""
    return stated_retry_after(headers, now) if status >= 500 else None
