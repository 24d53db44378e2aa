"""The embedded default when Slack isn't configured: alerts as plain text on a terminal."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TextIO

from config.models import Subscription
from notifier import present
from notifier.alerts import Alert, DeliveryResult
from notifier.channels.escape import terminal


def _printable_url(url: str | None) -> str:
    target = present.safe_url(url)
    # A URL that needed cleaning for the terminal is not the URL the funder published.
    return target if target and terminal(target) == target else "(no safe link)"


def alert_text(subscription_id: str, alert: Alert, now: datetime) -> str:
    """One readable block per alert; scraped text has its control characters removed."""
    opportunity = alert.opportunity
    label = present.EVENT_LABELS.get(alert.event, alert.event)
    title = terminal(opportunity.title) or "Untitled opportunity"
    amount = present.amount(opportunity.amount_min, opportunity.amount_max, opportunity.amount_text)
    closes = f"closes {present.date_text(opportunity.closes_at)}"
    if opportunity.closes_at:
        closes += f" ({present.days_left_text(opportunity.closes_at, now)})"
    facts = [terminal(opportunity.funder) or "Funder not stated", terminal(amount), closes]
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

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream

    @property
    def stream(self) -> TextIO:
        # Looked up on use, so a replaced sys.stdout (pytest, the CLI) is honoured.
        return self._stream if self._stream is not None else sys.stdout

    def deliver(
        self, subscription: Subscription, alerts: list[Alert], now: datetime
    ) -> list[DeliveryResult]:
        stream = self.stream
        for alert in alerts:
            stream.write(alert_text(subscription.id, alert, now) + "\n")
        stream.flush()
        return [DeliveryResult(outbox_id=alert.outbox_id, ok=True) for alert in alerts]
