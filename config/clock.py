""" "Now" in one place, so tests and demos can freeze it (FUNDWATCH_NOW=2026-11-25T09:00:00Z)."""

import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def now() -> datetime:
    """The current time, timezone-aware UTC; FUNDWATCH_NOW overrides it."""
    frozen = os.environ.get("FUNDWATCH_NOW")
    if frozen:
        value = datetime.fromisoformat(frozen.replace("Z", "+00:00"))
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    return datetime.now(UTC)


def zulu(value: datetime) -> str:
    """A time as feeds and open data write it: UTC, seconds, a trailing Z (2027-01-12T16:00:00Z)."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso(value: datetime | None) -> str | None:
    """The storage form of a time: ISO 8601 in UTC, seconds precision."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
