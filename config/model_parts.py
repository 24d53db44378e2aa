"""The small parts every config model is built from: strictness, URLs, durations, channels.

Their own module so that config/models.py (sources, tags, subscriptions) and config/settings_model.py
(settings.yaml) both build on them without importing each other.
"""

from __future__ import annotations

import difflib
import re
from datetime import timedelta
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from config.lazy_pattern import lazy_pattern


def field_problem(model: BaseModel, field: str, message: str) -> InitErrorDetails:
    """A rule over the whole entry, placed on the field it is about: raised as ValueError it named
    no field ("field '(entry)': a listing source needs 'item'")."""
    return InitErrorDetails(
        type=PydanticCustomError("entry_rule", "{reason}", {"reason": message}),
        loc=(field,),
        input=getattr(model, field, None),
    )


def refuse(model: BaseModel, errors: list[InitErrorDetails]) -> None:
    """Raise every problem found over the entry at once: raised one by one, fixing each showed the
    next (a listing's api-only detail url hid its follow_hosts written as a URL)."""
    if errors:
        raise ValidationError.from_exception_data(type(model).__name__, errors)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def is_web_address(text: str) -> bool:
    """Whether `text` starts with http:// or https:// (any case): the only addresses fundwatch
    fetches, posts to or puts in links people follow."""
    return text.strip().lower().startswith(("http://", "https://"))


# What a secret pasted into the wrong field looks like: a Slack token (xoxb-, xoxp-, xapp-…) or a
# URL (an incoming webhook's, a Teams Workflows one with its &sig=). Such a value is named, never
# repeated: config errors go to terminals, cron mail and the service's journal.
_SECRET_LOOKING = lazy_pattern(r"^\s*(xox[a-z]-|xapp-)|://", re.IGNORECASE)


def looks_secret(value: object) -> bool:
    return isinstance(value, str) and bool(_SECRET_LOOKING.search(value))


def http_url(value: str) -> str:
    """Sources may only point at http/https URLs with a host."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"URL must start with http:// or https://, got {value!r}")
    if not parts.netloc:
        raise ValueError(f"URL has no host: {value!r}")
    if parts.username is not None or parts.password is not None:
        # A login in the address is a secret in YAML, and the address is printed, logged and
        # stored with every call: named, never repeated.
        raise ValueError(
            "a URL with a user name or password in it (not repeated here): secrets belong in "
            "the environment, never in YAML"
        )
    host = parts.hostname or ""
    if not host:
        raise ValueError(f"URL has no host: {value!r}")
    if any(c.isspace() for c in host):
        raise ValueError(f"URL's host is not a host name: {value!r}")
    try:
        parts.port  # noqa: B018 - urllib checks the port only when it is read
    except ValueError:
        raise ValueError(f"URL's port is not a number from 1 to 65535: {value!r}") from None
    return value.strip()


HttpUrlText = Annotated[str, AfterValidator(http_url)]

_DURATION = lazy_pattern(r"^\s*(\d+)\s*([mhdw])\s*$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(value: str | int) -> timedelta:
    """'30m', '6h', '1d', '1w' → timedelta."""
    match = _DURATION.match(str(value))
    if not match:
        meant = duration_meant(str(value))
        hint = f" (did you mean {meant!r}?)" if meant else ""
        raise ValueError(f"expected a duration like 30m, 6h, 1d or 1w, got {value!r}{hint}")
    amount, unit = int(match.group(1)), match.group(2)
    if amount <= 0:
        raise ValueError("duration must be positive")
    return timedelta(**{_UNITS[unit]: amount})


# A cadence as people say it ("daily", "every 6 hours", "6H", "30 mins") → the duration they meant.
_SAID_WORDS = {"hourly": "1h", "daily": "1d", "nightly": "1d", "weekly": "1w", "fortnightly": "2w"}
_SAID = lazy_pattern(r"^(?:(\d+)|an?)?\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)$")


def duration_meant(value: str) -> str | None:
    """The duration a cadence written in words stands for, or None."""
    said = value.strip().casefold().removeprefix("every").strip()
    if said in _SAID_WORDS:
        return _SAID_WORDS[said]
    found = _SAID.match(said)
    if not found or found.group(1) == "0":
        return None
    return f"{found.group(1) or 1}{found.group(2)[0]}"


def _duration(value: str) -> str:
    parse_duration(value)
    return value


def _unit_given(value: object) -> object:
    """`every: 6` is a duration without its unit: say so, not "must be text, got 6"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(
            f"expected a duration like 30m, 6h, 1d or 1w, got {value} with no unit "
            f"(minutes m, hours h, days d, weeks w: {value}h?)"
        )
    return value


# "30m", "6h", "1d", "1w", kept as written
Duration = Annotated[str, BeforeValidator(_unit_given), AfterValidator(_duration)]


def known_zone(value: str) -> str:
    """An IANA time zone name, with the nearest one when it is not ('europe/london')."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        # Area/City names only: 'GMT+1' is not near 'GMT+0', an offset that would be wrong half
        # the year (and the Etc/ signs are the reverse of what people expect).
        zones = {
            zone.casefold(): zone
            for zone in available_timezones()
            if "/" in zone and not zone.startswith("Etc/")
        }
        near = difflib.get_close_matches(str(value).casefold(), list(zones), n=1, cutoff=0.8)
        hint = f" (did you mean {zones[near[0]]!r}?)" if near else " (e.g. Europe/London, UTC)"
        raise ValueError(f"unknown time zone {value!r}{hint}") from None
    return value


TimeZoneName = Annotated[str, AfterValidator(known_zone)]  # "Europe/London", "UTC"


Cadence = Literal["instant", "daily", "weekly"]

SLACK_CHANNEL_ID = r"^[CGD][A-Z0-9]{2,}$"
ENV_NAME = r"^[A-Z_][A-Z0-9_]*$"
# No spaces, line breaks or other control characters (a NUL went into the SMTP envelope and the
# To: header as written), and a domain of dot-separated labels, none empty (`b..gov.uk`).
_ADDRESS_CHAR = r"[^@\s<>,\x00-\x1f\x7f-\x9f]"
_LABEL = r"[^@\s<>,.\x00-\x1f\x7f-\x9f]+"
EMAIL_ADDRESS = rf"^{_ADDRESS_CHAR}+@{_LABEL}(?:\.{_LABEL})+$"


class SlackTarget(Strict):
    channel: str | None = Field(default=None, pattern=SLACK_CHANNEL_ID)
    webhook_env: str | None = Field(default=None, pattern=ENV_NAME)
    cadence: Cadence = "instant"

    @model_validator(mode="after")
    def _one_way(self) -> SlackTarget:
        if bool(self.channel) == bool(self.webhook_env):
            raise ValueError("give exactly one of 'channel' (bot token) or 'webhook_env'")
        return self


class TeamsTarget(Strict):
    """A Microsoft Teams channel, through the Workflows webhook whose URL is in `webhook_env`."""

    webhook_env: str = Field(pattern=ENV_NAME)
    cadence: Cadence = "instant"
