""" "Now" in one place, so tests and demos can freeze it (FUNDWATCH_NOW=2026-11-25T09:00:00Z)."""

import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from config.errors import ConfigError

LONDON = ZoneInfo("Europe/London")


def _frozen(text: str) -> datetime:
    """FUNDWATCH_NOW read, or ConfigError: a mistyped value must not leave a test or a demo on the
    real clock, nor end a command in a traceback (exit 2 and one line, as other settings do)."""
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(
            [
                "environment: FUNDWATCH_NOW must be a time such as 2026-11-25T09:00:00Z, got "
                f"{text!r} (a development setting: unset it to use the real clock)"
            ]
        ) from None


def check_frozen_now(environ=os.environ) -> None:
    """ConfigError for a FUNDWATCH_NOW that is not a time; reads it without acting on it, so a
    command checks it as it starts, before it makes anything (it was read only once a crawl had
    made the repository and its lock folder)."""
    frozen = environ.get("FUNDWATCH_NOW")
    if frozen:
        _frozen(frozen)


def refuse_frozen_clock(command: str, environ=os.environ) -> None:
    """ConfigError when FUNDWATCH_NOW is set for `command`, a long-running one: its scheduler
    (APScheduler) waits on the real clock, so jobs planned at a frozen "now" in the past were all
    missed ("job … missed its run"), and one in the future never came. FUNDWATCH_NOW freezes "now"
    for single commands, the demo and the tests (README, "Development"); no service runs on it."""
    frozen = (environ.get("FUNDWATCH_NOW") or "").strip()
    if frozen:
        raise ConfigError(
            [
                f'environment: FUNDWATCH_NOW={frozen} freezes "now", which `fundwatch {command}` '
                "cannot run on: its schedule follows the real clock, so every job would be missed "
                "(a development setting for single commands: unset it to run the service)"
            ]
        )


def now() -> datetime:
    """The current time, timezone-aware UTC; FUNDWATCH_NOW overrides it."""
    frozen = os.environ.get("FUNDWATCH_NOW")
    if frozen:
        value = _frozen(frozen)
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
