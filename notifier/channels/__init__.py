"""Channels: where alerts go. Every channel has the same two methods:

- `deliver(subscription, alerts, now, *, cadence) -> list[DeliveryResult]`: one result per alert;
- `split(alerts) -> list[list[Alert]]`: how instant alerts are grouped into deliver calls (Slack and
  the console: one alert per call up to the burst limit, else one summary; email: one message).

The delivery engine (notifier/delivery/) marks the outbox after each deliver call, so a crash
repeats at most one call. These factories choose the real channel when the environment configures
one, and the offline default (console, .eml files) when it does not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from config.models import Settings, Subscription
from notifier.alerts import Alert, DeliveryResult

if TYPE_CHECKING:
    from sqlite_utils import Database

# Environment variables whose values are secrets: never stored in last_error or logged.
SECRET_ENV = ("SLACK_BOT_TOKEN", "SMTP_PASSWORD")


class Channel(Protocol):
    def deliver(
        self, subscription: Subscription, alerts: list[Alert], now: datetime, *, cadence: str
    ) -> list[DeliveryResult]: ...

    def split(self, alerts: list[Alert]) -> list[list[Alert]]: ...


def slack_configured(subscription: Subscription, env: Mapping[str, str]) -> bool:
    """Webhook mode needs its named variable set; bot mode needs SLACK_BOT_TOKEN."""
    target = subscription.slack
    if target is None:
        return False
    if target.webhook_env:
        return bool(env.get(target.webhook_env))
    return bool(env.get("SLACK_BOT_TOKEN"))


def slack_sender(
    db: Database, subscription: Subscription, env: Mapping[str, str], settings: Settings
) -> Channel:
    """SlackChannel when Slack is configured for this subscription, else the console."""
    if slack_configured(subscription, env):
        from notifier.channels.slack import SlackChannel

        return SlackChannel(
            db,
            token=env.get("SLACK_BOT_TOKEN") or None,
            api_url=env.get("SLACK_API_URL") or None,
            env=env,
            burst_limit=settings.burst_limit,
        )
    from notifier.channels.console import ConsoleChannel

    return ConsoleChannel(burst_limit=settings.burst_limit)


def email_sender(env: Mapping[str, str], outbox_dir: str | Path) -> Channel:
    """EmailChannel over SMTP when SMTP_HOST is set, else .eml files in outbox_dir."""
    from notifier.channels.mailer import EmailChannel, SmtpSettings

    settings = SmtpSettings.from_env(env)
    if settings is not None:
        return EmailChannel(settings)
    from notifier.channels.eml import EmlChannel

    mail_from = env.get("MAIL_FROM")
    if mail_from:
        return EmlChannel(Path(outbox_dir), mail_from=mail_from)
    return EmlChannel(Path(outbox_dir))


def secrets_in(env: Mapping[str, str], subscription: Subscription | None = None) -> list[str]:
    """The secret values a channel error might echo back (a webhook URL is itself a secret)."""
    names = list(SECRET_ENV)
    if subscription is not None and subscription.slack and subscription.slack.webhook_env:
        names.append(subscription.slack.webhook_env)
    return [env[name] for name in names if env.get(name) and len(env[name]) >= 4]


def scrub(text: str, secrets: Sequence[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "[redacted]")
    return text
