"""A subscription's chat setting that is missing while that chat platform is in use.

With no Slack (or no Teams) setting at all, the console is the embedded default: a first run, the
demo. But once the environment sets Slack up (a bot token, the API URL, or another subscription's
webhook variable), a subscription whose own variable is unset is a mistake in the service's
environment file, most often a misspelt name. Printing its alerts to a console nobody reads and
counting them sent lost them. They fail for good instead, with a reason naming the subscription and
the variable, so `notify` says so on a `problem:` line and exits 1, and once the variable is set
`fundwatch notify --retry-failed` sends them, once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from config.models import Subscription
from notifier.alerts import Alert, DeliveryResult
from notifier.channels.outcome import Outcome

SLACK_SETTINGS = ("SLACK_BOT_TOKEN", "SLACK_API_URL")


def is_set(env: Mapping[str, str], name: str | None) -> bool:
    """A variable set to something: blank or spaces is as good as unset (it cannot be used)."""
    return bool(name) and bool((env.get(name) or "").strip())


def slack_in_use(env: Mapping[str, str], subscriptions: Sequence[Subscription]) -> str | None:
    """The variable that shows Slack is set up in this environment, or None when none does."""
    for name in SLACK_SETTINGS:
        if is_set(env, name):
            return name
    for subscription in subscriptions:
        target = subscription.slack
        if target is not None and target.webhook_env and is_set(env, target.webhook_env):
            return target.webhook_env
    return None


def teams_in_use(env: Mapping[str, str], subscriptions: Sequence[Subscription]) -> str | None:
    """The Teams webhook variable that shows Teams is set up here, or None when none does."""
    for subscription in subscriptions:
        target = subscription.teams
        if target is not None and is_set(env, target.webhook_env):
            return target.webhook_env
    return None


def slack_missing(subscription: Subscription) -> str:
    """The variable this subscription's Slack target needs."""
    target = subscription.slack
    return target.webhook_env if target is not None and target.webhook_env else "SLACK_BOT_TOKEN"


def missing_reason(subscription: Subscription, service: str, missing: str, in_use: str) -> str:
    """Why this subscription's alerts were not sent, naming it and the variable (never a value)."""
    return (
        f"subscription {subscription.id}: {missing} is not set, though {service} is set up "
        f"({in_use} is set), so its {service} alerts cannot be posted; set {missing} in the "
        "environment, then `fundwatch notify --retry-failed` sends them"
    )


class MissingSetting:
    """The channel of a subscription whose own setting is missing: every alert fails for good with
    `reason`; nothing is posted or printed."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def split(self, alerts: list[Alert]) -> list[list[Alert]]:
        return [alerts] if alerts else []

    def deliver(
        self,
        subscription: Subscription,
        alerts: list[Alert],
        now: datetime,
        *,
        cadence: str = "instant",
        coverage: str | None = None,
    ) -> list[DeliveryResult]:
        return Outcome(ok=False, error=self.reason, permanent=True).results(alerts)
