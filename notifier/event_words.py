"""Our words for what happened to a call, shared by the chat channels (Slack and Teams): "New
funding", "Closing soon: 5 days left", "Deadline changed", "Opening soon: opens 12 Jan 2027"…"""

from __future__ import annotations

from datetime import datetime

from notifier import present, radar
from notifier.alerts import Alert

DEADLINE_FIELDS = ("closes_at", "opens_at")
CHANGE_LABELS = (
    (DEADLINE_FIELDS, "Deadline changed"),
    (("status",), "Status changed"),
    (("eligibility", "council_eligible"), "Eligibility changed"),
)


def event_label(alert: Alert, now: datetime) -> str:
    """Our words for the event: "New funding", "Closing soon: 5 days left", "Deadline changed",
    "Opening soon: opens 12 Jan 2027", "Round 10 of a fund you followed"…"""
    radar_words = radar.event_text(alert, now)
    if radar_words:
        return radar_words
    label = present.EVENT_LABELS.get(alert.event, alert.event.replace("_", " ").capitalize())
    if alert.event == "closing_soon" and alert.opportunity.closes_at:
        label = f"{label}: {present.days_left_text(alert.opportunity.closes_at, now)}"
    if alert.event == "changed":
        for fields, words in CHANGE_LABELS:
            if any(f in alert.changes for f in fields):
                return words
    return label
