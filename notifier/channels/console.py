"""The embedded default when Slack isn't configured: alerts as plain text on a terminal."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TextIO

from config.models import Subscription
from notifier import present
from notifier.alerts import Alert, DeliveryResult
from notifier.channels.escape import terminal
from notifier.channels.groups import burst_groups


def _printable_url(url: str | None) -> str:
    target = present.safe_url(url)
    # A URL that needed cleaning for the terminal is not the URL the funder published.
    return target if target and terminal(target) == target else "(no safe link)"


def _closes(alert: Alert, now: datetime) -> str:
    closes_at = alert.opportunity.closes_at
    text = f"closes {present.date_text(closes_at)}"
    return f"{text} ({present.days_left_text(closes_at, now)})" if closes_at else text


def alert_text(subscription_id: str, alert: Alert, now: datetime) -> str:
    """One readable block per alert; scraped text has its control characters removed."""
    opportunity = alert.opportunity
    label = present.EVENT_LABELS.get(alert.event, alert.event)
    title = terminal(opportunity.title) or "Untitled opportunity"
    amount = present.amount(opportunity.amount_min, opportunity.amount_max, opportunity.amount_text)
    facts = [
        terminal(opportunity.funder) or "Funder not stated",
        terminal(amount),
        _closes(alert, now),
    ]
    lines = [
        f"[fundwatch → {terminal(subscription_id)}] {label}: {title}",
        "  " + " · ".join(facts),
        "  " + _printable_url(opportunity.url),
    ]
    eligibility = present.eligibility_text(
        opportunity.council_eligible, opportunity.eligibility_phrase
    )
    lines.append("  " + terminal(eligibility))
    if alert.event == "changed":
        lines.extend("  " + terminal(line) for line in present.change_lines(alert.changes))
    return "\n".join(lines) + "\n"


class ConsoleChannel:
    """Prints alerts; always succeeds, so nothing waits in the outbox for a channel that isn't there."""

    def __init__(self, stream: TextIO | None = None, *, burst_limit: int = 10) -> None:
        self._stream = stream
        self.burst_limit = burst_limit

    @property
    def stream(self) -> TextIO:
        # Looked up on use, so a replaced sys.stdout (pytest, the CLI) is honoured.
        return self._stream if self._stream is not None else sys.stdout

    def split(self, alerts: list[Alert]) -> list[list[Alert]]:
        """Grouped as Slack would be, so the outbox is marked the same way."""
        return burst_groups(alerts, self.burst_limit)

    def deliver(
        self,
        subscription: Subscription,
        alerts: list[Alert],
        now: datetime,
        *,
        cadence: str = "instant",
    ) -> list[DeliveryResult]:
        # A terminal has no message limits: even a burst is printed alert by alert, readable.
        stream = self.stream
        for alert in alerts:
            stream.write(alert_text(subscription.id, alert, now) + "\n")
        stream.flush()
        return [DeliveryResult(outbox_id=alert.outbox_id, ok=True) for alert in alerts]
