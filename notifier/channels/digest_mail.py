"""What the two email channels (SMTP in mailer.py, .eml files in eml.py) do alike before they send:
the group as one message, rendered once, and the subscription's recipients, each to get a copy."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage

from config.models import Subscription
from notifier.alerts import Alert
from notifier.channels.email_render import render_digest
from notifier.channels.groups import one_message
from notifier.channels.outcome import Outcome

# Nobody to send to is a setting to fix, not a moment to wait out.
NO_RECIPIENTS = Outcome(ok=False, error="subscription has no email recipients", permanent=True)


class DigestMail:
    """For a channel that sends as `mail_from`, with replies and unsubscribes to `contact`."""

    mail_from: str
    contact: str | None

    def split(self, alerts: list[Alert]) -> list[list[Alert]]:
        """Instant alerts that arrive together go out as one message."""
        return one_message(alerts)

    def digest(
        self, subscription: Subscription, alerts: list[Alert], now: datetime, cadence: str, coverage
    ) -> tuple[EmailMessage | None, list[str]]:
        """The message (None: nothing to say) and its recipients."""
        msg = render_digest(
            subscription,
            alerts,
            cadence=cadence,
            now=now,
            mail_from=self.mail_from,
            contact=self.contact,
            coverage=coverage,
        )
        return msg, list(subscription.email.to) if subscription.email else []
