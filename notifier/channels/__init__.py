"""Channels: where alerts go. Every channel has the same two methods:

- `deliver(subscription, alerts, now, *, cadence, coverage=None) -> list[DeliveryResult]`: one
  result per alert (`coverage`: digests say how many sources are healthy);
- `split(alerts) -> list[list[Alert]]`: how instant alerts are grouped into deliver calls (Slack and
  the console: one alert per call up to the burst limit, else one summary; email: one message).

The delivery engine (notifier/delivery/) marks the outbox after each deliver call, so a crash
repeats at most one call. choose.py picks the real channel when the environment configures one,
and the offline default (console, .eml files) when it does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Protocol

from config.models import Subscription
from notifier.alerts import Alert, DeliveryResult

# Environment variables whose values are secrets: never stored in last_error or logged.
SECRET_ENV = ("SLACK_BOT_TOKEN", "SMTP_PASSWORD")


class Channel(Protocol):
    def deliver(
        self,
        subscription: Subscription,
        alerts: list[Alert],
        now: datetime,
        *,
        cadence: str,
        coverage: str | None = None,
    ) -> list[DeliveryResult]: ...

    def split(self, alerts: list[Alert]) -> list[list[Alert]]: ...


def finish(channels: Iterable[object]) -> None:
    """Tell the channels a delivery run (or its worker) sent through that it is done: Slack and
    Teams then say, in one line a message, which messages stood for other teams' rows. Only
    they have `finish`."""
    for channel in channels:
        done = getattr(channel, "finish", None)
        if done is not None:
            done()


def secrets_in(env: Mapping[str, str], subscription: Subscription | None = None) -> list[str]:
    """The secret values a channel error might echo back (a webhook URL is itself a secret)."""
    names = list(SECRET_ENV)
    if subscription is not None and subscription.slack and subscription.slack.webhook_env:
        names.append(subscription.slack.webhook_env)
    if subscription is not None and subscription.teams is not None:  # a Workflows URL is signed
        names.append(subscription.teams.webhook_env)
    return [env[name] for name in names if env.get(name) and len(env[name]) >= 4]


def scrub(text: str, secrets: Sequence[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "[redacted]")
    return text
