"""Adaptive Cards for funding alerts: one alert, or one summary for a burst. Pure functions.

The same content as the Slack message (notifier/channels/slack/blocks.py): the call's title as the
heading, the event line ("New funding", "Closing soon: 5 days left", "Deadline changed"…) and the
start of the summary, then funder, amount, opens, closes (UK dates, days left), status and the
council verdict with the sentence that decided it, what changed, the tags by label and where the
call was seen, and a "View the call" button (Action.OpenUrl) only for a safe http(s) link.

Version 1.4: everything here is 1.0–1.2 (TextBlock, FactSet, Container.selectAction,
Action.OpenUrl), and Teams and the Workflows "Post card in a chat or channel" action render 1.4
on desktop, web and mobile. Every scraped string goes through text.inline (cleaned, capped, and
inert as Markdown); the only link on a card is the call's own URL, as an action.
A Teams message holds about 28 KB: a burst summary stops adding lines at MAX_CARD_BYTES and says
how many it left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from notifier import present, radar
from notifier.alerts import Alert, OpportunityView
from notifier.channels.escape import ELLIPSIS, clean
from notifier.channels.teams.text import inline, markdown
from notifier.event_words import event_label

CARD_VERSION = "1.4"
CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
MAX_CARD_BYTES = 24_000  # Teams refuses a message over about 28 KB ("Request Entity too large")
URL_LIMIT = 2048

TITLE_CHARS = 250
SUMMARY_CHARS = 600
FUNDER_CHARS = 150
AMOUNT_CHARS = 150
STATUS_CHARS = 40
PHRASE_CHARS = 300
LABEL_CHARS = 60
LIST_CHARS = 1000
CHANGE_LINE_CHARS = 400
RADAR_LINE_CHARS = 600
BURST_TITLE_CHARS = 150
BURST_FUNDER_CHARS = 80

UNTITLED = "Untitled opportunity"
VIEW = "View the call"


def _text(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def _card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None) -> dict:
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": CARD_SCHEMA,
        "version": CARD_VERSION,
        "body": body,
        "msteams": {"width": "Full"},
    }
    if actions:
        card["actions"] = actions
    return card


def message(card: dict[str, Any]) -> dict[str, Any]:
    """The card as a Workflows webhook expects it: a message with one Adaptive Card attachment
    (the flow posts `attachments[0].content`)."""
    return {
        "type": "message",
        "attachments": [{"contentType": CARD_CONTENT_TYPE, "contentUrl": None, "content": card}],
    }


def size(payload: dict[str, Any]) -> int:
    """Bytes on the wire, as the channel sends it."""
    return len(json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def call_url(opportunity: OpportunityView) -> str | None:
    url = present.safe_url(opportunity.url)
    return url if url and len(url) <= URL_LIMIT else None


def open_url(url: str) -> dict[str, Any]:
    return {"type": "Action.OpenUrl", "title": VIEW, "url": url}


def title_text(opportunity: OpportunityView, limit: int = TITLE_CHARS) -> str:
    """The call's title, inert, never empty."""
    return inline(opportunity.title, limit) or UNTITLED


def _joined(values: Iterable[str], limit: int) -> str:
    shown = [clean(value, LABEL_CHARS) for value in values]
    return inline(", ".join(text for text in shown if text), limit)


def closes_text(opportunity: OpportunityView, now: datetime) -> str:
    if not opportunity.closes_at:
        return "Not stated"
    closes_at = opportunity.closes_at
    return f"{present.date_text(closes_at)} ({present.days_left_text(closes_at, now)})"


def amount_text(opportunity: OpportunityView) -> str:
    """One award, then the whole pot when it is known (the source's own words are escaped)."""
    return present.amount_of(opportunity, inline(opportunity.amount_text, AMOUNT_CHARS))


def verdict_text(opportunity: OpportunityView) -> str:
    return present.eligibility_text(
        opportunity.council_eligible, inline(opportunity.eligibility_phrase, PHRASE_CHARS)
    )


def _facts(opportunity: OpportunityView, now: datetime) -> list[dict[str, str]]:
    facts = [
        ("Funder", inline(opportunity.funder, FUNDER_CHARS) or "Not stated"),
        ("Amount", amount_text(opportunity)),
    ]
    if opportunity.opens_at:
        facts.append(("Opens", present.date_text(opportunity.opens_at)))
    facts.append(("Closes", closes_text(opportunity, now)))
    status = clean(opportunity.status, STATUS_CHARS).capitalize()
    facts.append(("Status", markdown(status) or "Not stated"))
    facts.append(("Councils", verdict_text(opportunity)))
    return [{"title": title, "value": value} for title, value in facts]


def _changes(alert: Alert) -> list[dict[str, Any]]:
    lines = present.change_lines(alert.changes) if alert.event == "changed" else []
    if not lines:
        return []
    blocks = [_text("What changed", weight="Bolder")]
    blocks.extend(_text(f"• {inline(line, CHANGE_LINE_CHARS)}", spacing="None") for line in lines)
    return blocks


def _footer(opportunity: OpportunityView) -> list[dict[str, Any]]:
    blocks = []
    tags = _joined(opportunity.tag_labels, LIST_CHARS)  # labels people read, never ids
    if tags:
        blocks.append(_text(f"Tags: {tags}", isSubtle=True, size="Small"))
    sources = _joined(opportunity.sources, LIST_CHARS)
    if sources:
        blocks.append(_text(f"Seen on: {sources}", isSubtle=True, size="Small", spacing="None"))
    return blocks


def alert_card(alert: Alert, now: datetime) -> dict[str, Any]:
    """The Adaptive Card for one alert."""
    opportunity = alert.opportunity
    body = [
        _text(title_text(opportunity), size="Large", weight="Bolder"),
        _text(markdown(event_label(alert, now)), weight="Bolder", color="Accent", spacing="Small"),
    ]
    # The radar: when it opens, who is consulting the market, whom to ask, past rounds of the fund.
    body.extend(
        _text(inline(line, RADAR_LINE_CHARS), spacing="None") for line in radar.lines(alert, now)
    )
    summary = inline(opportunity.summary, SUMMARY_CHARS)
    if summary:
        body.append(_text(summary))
    body.append({"type": "FactSet", "facts": _facts(opportunity, now)})
    body.extend(_changes(alert))
    body.extend(_footer(opportunity))
    url = call_url(opportunity)
    return _card(body, [open_url(url)] if url else None)


def burst_line(alert: Alert, now: datetime) -> str:
    """One alert in a summary: title, funder, closing date, event."""
    opportunity = alert.opportunity
    parts = [f"**{title_text(opportunity, BURST_TITLE_CHARS)}**"]
    funder = inline(opportunity.funder, BURST_FUNDER_CHARS)
    if funder:
        parts.append(funder)
    if opportunity.closes_at:
        parts.append(f"closes {closes_text(opportunity, now)}")
    else:
        parts.append("no closing date")
    parts.append(f"_{markdown(event_label(alert, now))}_")
    return " · ".join(parts)


def _burst_item(alert: Alert, now: datetime) -> dict[str, Any]:
    """A line; the whole line opens the call when its link is safe (never a Markdown link)."""
    item: dict[str, Any] = {
        "type": "Container",
        "items": [_text(burst_line(alert, now))],
        "spacing": "Small",
    }
    url = call_url(alert.opportunity)
    if url:
        item["selectAction"] = open_url(url)
    return item


def burst_heading(count: int, cadence: str = "instant") -> str:
    heading = f"{count} funding alert" + ("" if count == 1 else "s")
    if cadence in ("daily", "weekly"):
        return f"{cadence.capitalize()} digest: {heading}"
    return heading


def burst_card(alerts: list[Alert], now: datetime, cadence: str = "instant") -> dict[str, Any]:
    """One summary card for many alerts, a line each, within MAX_CARD_BYTES."""
    count = len(alerts)
    body = [_text(burst_heading(count, cadence), size="Large", weight="Bolder")]
    room = MAX_CARD_BYTES - size(message(_card(body))) - 200  # kept for the "…and N more" line
    shown = 0
    for alert in alerts:
        item = _burst_item(alert, now)
        cost = size(item) + 2
        if cost > room:
            break
        body.append(item)
        room -= cost
        shown += 1
    if shown < count:
        body.append(_text(f"{ELLIPSIS}and {count - shown} more", isSubtle=True))
    return _card(body)


def notice_card(text: str, limit: int) -> dict[str, Any]:
    """A plain message from fundwatch itself (curators are told a source broke), escaped as any
    scraped text is: a source's failure reason quotes what a site answered."""
    lines = [inline(line, limit) for line in text.splitlines() if line.strip()]
    return _card([_text(line) for line in lines[:20] if line])
