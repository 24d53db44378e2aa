"""The embedded default when Slack isn't configured: alerts as plain text on a terminal."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TextIO

from config.models import Subscription
from notifier import present, radar
from notifier.alerts import Alert, DeliveryResult
from notifier.channels.escape import cap, terminal
from notifier.channels.groups import burst_groups
from notifier.channels.outcome import Outcome

# A terminal line stays readable: scraped text is cut to fit, with "…".
LINE_CHARS = 300
TITLE_CHARS = 200
FUNDER_CHARS = 100
AMOUNT_CHARS = 120
PHRASE_CHARS = 200
URL_CHARS = 2000  # a link cut short is no link: a longer one is not printed


def printable_url(url: str | None) -> str:
    """The call's link as a terminal shows it (alerts here, `fundwatch search`), or why not."""
    target = present.safe_url(url)
    # A URL that needed cleaning for the terminal is not the URL the funder published.
    if not target or terminal(target) != target:
        return "(no safe link)"
    return target if len(target) <= URL_CHARS else "(link too long to show)"


def _closes(alert: Alert, now: datetime) -> str:
    closes_at = alert.opportunity.closes_at
    if closes_at is None:
        return "no closing date"  # as the email digest says it
    return f"closes {present.date_text(closes_at)} ({present.days_left_text(closes_at, now)})"


def alert_text(subscription_id: str, alert: Alert, now: datetime) -> str:
    """One readable block per alert; scraped text has its control characters removed and every
    line is cut to LINE_CHARS, so even a 200,000-character title prints one short line."""
    opportunity = alert.opportunity
    label = radar.event_text(alert, now) or present.EVENT_LABELS.get(alert.event, alert.event)
    title = terminal(opportunity.title, TITLE_CHARS) or "Untitled opportunity"
    amount = present.amount_of(opportunity, terminal(opportunity.amount_text, AMOUNT_CHARS))
    facts = [
        terminal(opportunity.funder, FUNDER_CHARS) or "Funder not stated",
        # Unlabelled here, so "Not stated" would not say what is missing.
        "amount not stated" if amount == present.NOT_STATED else terminal(amount, AMOUNT_CHARS),
        _closes(alert, now),
    ]
    eligibility = present.eligibility_text(
        opportunity.council_eligible, terminal(opportunity.eligibility_phrase, PHRASE_CHARS)
    )
    lines = [
        f"[fundwatch \u2192 {terminal(subscription_id, 80)}] {terminal(label, 60)}: {title}",
        "  " + " \u00b7 ".join(facts),
        "  " + terminal(eligibility, LINE_CHARS),
    ]
    lines.extend("  " + terminal(line, LINE_CHARS) for line in radar.lines(alert, now))
    if alert.event == "changed":
        changes = present.change_lines(alert.changes)
        lines.extend("  " + terminal(line, LINE_CHARS) for line in changes)
    lines = [cap(line, LINE_CHARS) for line in lines]
    lines.insert(2, "  " + printable_url(opportunity.url))
    return "\n".join(lines) + "\n"


class ConsoleChannel:
    """Prints alerts; always succeeds, so nothing waits in the outbox for a channel that isn't there."""

    def __init__(
        self, stream: TextIO | None = None, *, burst_limit: int = 10, where: str = ""
    ) -> None:
        self._stream = stream
        self.burst_limit = burst_limit
        self.where = where  # " on Teams": which channel these alerts would have gone to

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
        coverage: str | None = None,  # digests by email say it; a chat message does not
    ) -> list[DeliveryResult]:
        # A terminal has no message limits: even a burst is printed alert by alert, readable.
        stream = self.stream
        for alert in alerts:
            stream.write(alert_text(subscription.id + self.where, alert, now) + "\n")
        stream.flush()
        return Outcome(ok=True).results(alerts)
