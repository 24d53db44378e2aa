"""Which webhook URLs Slack alerts may be POSTed to: Slack's own, and loopback only for tests and
the demo (the rule itself: notifier/channels/webhook_url.py)."""

from __future__ import annotations

from collections.abc import Mapping

from notifier.channels.webhook_url import LOOPBACK_ENV, url_problem

__all__ = ["LOOPBACK_ENV", "SLACK_WEBHOOK_HOST", "webhook_url_problem"]

SLACK_WEBHOOK_HOST = "hooks.slack.com"


def webhook_url_problem(name: str, url: str, env: Mapping[str, str]) -> str | None:
    """Why the webhook URL in variable `name` may not be used, or None when it may."""
    return url_problem(
        url,
        env,
        refused=f"{name} must hold a Slack webhook URL (https://{SLACK_WEBHOOK_HOST}/…)",
        service_host=lambda host: host == SLACK_WEBHOOK_HOST,
    )
