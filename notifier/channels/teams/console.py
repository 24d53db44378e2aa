"""Teams not configured (its webhook variable unset): alerts print as the console prints Slack's,
marked as Teams', so the demo and a first run show what would have been posted."""

from __future__ import annotations

from datetime import datetime

from config.models import Subscription
from notifier.alerts import Alert, DeliveryResult
from notifier.channels.console import ConsoleChannel, alert_text


class TeamsConsole(ConsoleChannel):
    """Prints alerts; always succeeds, like the console it extends."""

    def deliver(
        self,
        subscription: Subscription,
        alerts: list[Alert],
        now: datetime,
        *,
        cadence: str = "instant",
        coverage: str | None = None,
    ) -> list[DeliveryResult]:
        stream = self.stream
        for alert in alerts:
            stream.write(alert_text(f"{subscription.id} on Teams", alert, now) + "\n")
        stream.flush()
        return [DeliveryResult(outbox_id=alert.outbox_id, ok=True) for alert in alerts]
