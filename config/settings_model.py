"""settings.yaml read into a typed model: optional, and every key has a default."""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from config.model_parts import (
    EMAIL_ADDRESS,
    Duration,
    SlackTarget,
    Strict,
    TeamsTarget,
    is_web_address,
    looks_secret,
)
from config.schedule import parse_slot_spec, parse_working_hours


class CrawlSettings(Strict):
    contact: str = "fundwatch-maintainers@example.org"
    delay: float = Field(default=1.0, ge=0)
    timeout: float = Field(default=30.0, gt=0)
    max_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    max_retry_after: float = Field(default=300.0, ge=0)

    @field_validator("contact")
    @classmethod
    def _one_line(cls, value: str) -> str:
        # It goes into every request's User-Agent: a line break would break the header, and a
        # token pasted here would go to every site. A name alone is let be, with a warning
        # (reachable(), said by crawl and run): it names who crawls, if not how to reach them.
        text = value.strip()
        if looks_secret(value) and not reachable(text):
            raise ValueError("got a value not repeated here (it looks like a secret)")
        if not text or any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
            raise ValueError(
                "one line where site owners can reach you (e.g. funding-team@yourcouncil.gov.uk), "
                f"got {value!r}"
            )
        return text


def reachable(contact: str) -> bool:
    """Whether a crawl.contact holds a way to reach someone: an email address or a web page."""
    return any(
        re.match(EMAIL_ADDRESS, word.strip("<>()[],;")) or is_web_address(word.strip("<>()[],;"))
        for word in contact.split()
    )


class ScheduleSettings(Strict):
    daily_digest: str = Field(default="mon-fri 08:00", description="days and time, Europe/London")
    weekly_digest: str = Field(default="mon 08:00")
    closing_soon_scan: str = Field(default="daily 07:30")
    notify_every: Duration = "5m"
    # A digest slot missed while the service was stopped is caught up only within these hours.
    working_hours: str = Field(default="mon-fri 08:00-18:00")

    @field_validator("daily_digest", "weekly_digest", "closing_soon_scan")
    @classmethod
    def _slot(cls, value: str) -> str:
        parse_slot_spec(value)
        return value

    @field_validator("working_hours")
    @classmethod
    def _hours(cls, value: str) -> str:
        parse_working_hours(value)
        return value


class CuratorSettings(Strict):
    """The people who keep fundwatch working: emails go out from and point replies at `email`."""

    email: str | None = Field(default=None, pattern=EMAIL_ADDRESS)
    slack: SlackTarget | None = None
    teams: TeamsTarget | None = None  # a Teams channel's Workflows webhook, by its variable


class Settings(Strict):
    """config/settings.yaml: optional; every key has a default."""

    crawl: CrawlSettings = CrawlSettings()
    curators: CuratorSettings = CuratorSettings()
    schedule: ScheduleSettings = ScheduleSettings()
    burst_limit: int = Field(
        default=10,
        ge=1,
        description="more instant alerts than this for one Slack channel in one run become one summary",
    )
