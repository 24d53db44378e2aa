"""Microsoft Teams: Adaptive Cards (cards) with scraped text made inert (text), the Workflows
webhook's answers as outcomes (answers), which webhook URLs may be used (webhook_url), TeamsChannel
(channel). Unset, alerts print on the console, marked as Teams' (channels/choose.py)."""

from notifier.channels.teams.answers import (
    TeamsOutcome,
    answer_outcome,
    network_outcome,
)
from notifier.channels.teams.cards import alert_card, burst_card, message
from notifier.channels.teams.channel import TeamsChannel, TeamsNotConfigured, TeamsWebhookRefused
from notifier.channels.teams.webhook_url import TEAMS_WEBHOOK_HOSTS, teams_url_problem

__all__ = [
    "TEAMS_WEBHOOK_HOSTS",
    "TeamsChannel",
    "TeamsNotConfigured",
    "TeamsOutcome",
    "TeamsWebhookRefused",
    "alert_card",
    "answer_outcome",
    "burst_card",
    "message",
    "network_outcome",
    "teams_url_problem",
]
