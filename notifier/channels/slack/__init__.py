"""Slack: Block Kit messages (blocks), Slack's answers as outcomes (answers), the slack_sdk clients
and posters (transport), which webhook URLs may be used (webhook_url), and SlackChannel (channel)."""

from notifier.channels.slack.answers import (
    WEB_API_PERMANENT,
    WEBHOOK_PERMANENT,
    PostOutcome,
    network_outcome,
    rate_limited,
    web_api_outcome,
    webhook_outcome,
)
from notifier.channels.slack.blocks import alert_message, broadcasts, burst_message
from notifier.channels.slack.channel import SlackChannel, SlackNotConfigured, WebhookRefused
from notifier.channels.slack.transport import InlineRateLimitHandler, retry_handlers
from notifier.channels.slack.webhook_url import LOOPBACK_ENV, webhook_url_problem

__all__ = [
    "LOOPBACK_ENV",
    "WEBHOOK_PERMANENT",
    "WEB_API_PERMANENT",
    "InlineRateLimitHandler",
    "PostOutcome",
    "SlackChannel",
    "SlackNotConfigured",
    "WebhookRefused",
    "alert_message",
    "broadcasts",
    "burst_message",
    "network_outcome",
    "rate_limited",
    "retry_handlers",
    "web_api_outcome",
    "webhook_outcome",
    "webhook_url_problem",
]
