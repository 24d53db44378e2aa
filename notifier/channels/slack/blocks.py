"""Block Kit messages for funding alerts: one alert, or one summary for a burst. Pure functions.

The call's title is the header (plain_text: Slack parses no mentions or links in it); the event
("New funding", "Deadline changed"…) is the first line under it. Every scraped string is scrubbed
of control and bidi characters and capped first (`safe`), then escaped for mrkdwn (`clip`, `link`),
with `verbatim` so Slack does no auto-linking or mention parsing of its own.
Limits are Slack's: section text ≤ 3000, a field ≤ 2000, a header ≤ 150, ≤ 50 blocks.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from config.clock import LONDON
from notifier import present, radar
from notifier.alerts import Alert, OpportunityView
from notifier.channels.escape import ELLIPSIS, clean, clip, link, mrkdwn
from notifier.event_words import DEADLINE_FIELDS, event_label

MAX_BLOCKS = 50
SECTION_LIMIT = 3000
FIELD_LIMIT = 2000
CONTEXT_LIMIT = 2000
HEADER_LIMIT = 150
BUTTON_URL_LIMIT = 3000
TEXT_LIMIT = 3000  # the notification fallback; Slack truncates beyond 40,000

# Enough to decide whether to click; the full text is one click away.
SUMMARY_CHARS = 600
TITLE_CHARS = 250
FUNDER_CHARS = 150
AMOUNT_CHARS = 150
STATUS_CHARS = 40
PHRASE_CHARS = 300
LABEL_CHARS = 60
BURST_TITLE_CHARS = 150
BURST_FUNDER_CHARS = 80
CHANGE_LINE_CHARS = 400
RADAR_LINE_CHARS = 600
# slackapi/bolt-js#2509: msg_blocks_too_long seen at ~13.2k characters over all blocks, below any
# per-block limit. A burst stays under this total and says how many it left out.
BURST_TOTAL_CHARS = 12_000

UNTITLED = "Untitled opportunity"
# A change to any of these is one people must see: the reply is also sent to the channel.
BROADCAST_FIELDS = (*DEADLINE_FIELDS, "status", "eligibility", "council_eligible")


def safe(text: str | None, limit: int) -> str:
    """Scraped text made fit for any Slack text: one line, no control or bidi characters, at most
    `limit` characters (not yet escaped)."""
    return clean(text, limit)


def _md(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": False}


def _call_url(opportunity: OpportunityView) -> str | None:
    url = present.safe_url(opportunity.url)
    return url if url and len(url) <= BUTTON_URL_LIMIT else None


def broadcasts(alert: Alert) -> bool:
    """A reply people must see in the channel, not only in the thread: a reminder, or a change to
    the deadline, the status or who may apply."""
    if alert.event in ("closing_soon", "opening_soon"):
        return True
    return alert.event == "changed" and any(f in alert.changes for f in BROADCAST_FIELDS)


def slack_date(value: datetime | None) -> str:
    """`<!date^…>` so each reader sees their own format, with the London time as the fallback."""
    if value is None:
        return "Not stated"
    local = value.astimezone(LONDON)
    tokens = (
        "{date_short_pretty}"
        if (local.hour, local.minute) == (0, 0)
        else "{date_short_pretty} {time}"
    )
    return f"<!date^{int(value.timestamp())}^{tokens}|{present.date_text(value)}>"


def title_text(opportunity: OpportunityView, limit: int = HEADER_LIMIT) -> str:
    """The call's title as the header shows it: plain text, never empty."""
    return safe(opportunity.title, limit) or UNTITLED


def _field(name: str, value_mrkdwn: str) -> dict[str, Any]:
    text = f"*{name}*\n{value_mrkdwn}"
    return _md(text if len(text) <= FIELD_LIMIT else f"*{name}*\n{ELLIPSIS}")


def _amount(opportunity: OpportunityView) -> str:
    """One award, then the whole pot when it is known."""
    return present.amount_of(opportunity, safe(opportunity.amount_text, AMOUNT_CHARS))


def _fields(opportunity: OpportunityView, now: datetime) -> list[dict[str, Any]]:
    budget = FIELD_LIMIT - 40  # room for the field name
    closes = slack_date(opportunity.closes_at)
    if opportunity.closes_at:
        closes += f" ({present.days_left_text(opportunity.closes_at, now)})"
    fields = [
        _field("Funder", clip(safe(opportunity.funder, FUNDER_CHARS) or "Not stated", budget)),
        _field("Amount", clip(safe(_amount(opportunity), AMOUNT_CHARS), budget)),
    ]
    if opportunity.opens_at:
        fields.append(_field("Opens", slack_date(opportunity.opens_at)))
    fields.append(_field("Closes", closes))
    status = safe(opportunity.status, STATUS_CHARS).capitalize() or "Not stated"
    fields.append(_field("Status", clip(status, budget)))
    eligibility = present.eligibility_text(
        opportunity.council_eligible, safe(opportunity.eligibility_phrase, PHRASE_CHARS)
    )
    fields.append(_field("Councils", clip(eligibility, budget)))
    return fields


def _lead(alert: Alert, now: datetime) -> str:
    """The event, what the radar adds (opening date, who consults the market, past rounds), then the
    start of the summary."""
    first = f"*{mrkdwn(event_label(alert, now))}*"
    for line in radar.lines(alert, now):
        first += "\n" + clip(safe(line, RADAR_LINE_CHARS), RADAR_LINE_CHARS)
    summary = safe(alert.opportunity.summary, SUMMARY_CHARS)
    if not summary:
        return first
    return f"{first}\n{clip(summary, SECTION_LIMIT - len(first) - 1)}"


def _changes(alert: Alert) -> str | None:
    lines = present.change_lines(alert.changes)
    if not lines:
        return None
    text = "*What changed*"
    for line in lines:
        bullet = f"\n• {clip(safe(line, CHANGE_LINE_CHARS), CHANGE_LINE_CHARS)}"
        if len(text) + len(bullet) > SECTION_LIMIT - 2:
            return f"{text}\n{ELLIPSIS}"
        text += bullet
    return text


def _joined(values: tuple[str, ...], limit: int) -> str:
    shown = [safe(value, LABEL_CHARS) for value in values]
    return clip(", ".join(text for text in shown if text), limit)


def _context(opportunity: OpportunityView) -> list[dict[str, Any]]:
    elements = []
    tags = _joined(opportunity.tag_labels, CONTEXT_LIMIT - 6)  # labels people read, never ids
    if tags:
        elements.append(_md("Tags: " + tags))
    sources = _joined(opportunity.sources, CONTEXT_LIMIT - 9)
    if sources:
        elements.append(_md("Seen on: " + sources))
    return elements


def _fallback(alert: Alert, now: datetime) -> str:
    """The notification text: the title first, then the event, the funder and the deadline."""
    opportunity = alert.opportunity
    parts = [title_text(opportunity, TITLE_CHARS), event_label(alert, now)]
    funder = safe(opportunity.funder, BURST_FUNDER_CHARS)
    if funder:
        parts.append(funder)
    if opportunity.closes_at is None:
        parts.append("no closing date")
    else:
        parts.append(f"closes {present.date_text(opportunity.closes_at)}")
    return clip(" · ".join(parts), TEXT_LIMIT)


def alert_message(alert: Alert, now: datetime) -> tuple[str, list[dict[str, Any]]]:
    """The notification text and Block Kit blocks for one alert."""
    opportunity = alert.opportunity
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": _plain(title_text(opportunity))},
        {"type": "section", "text": _md(_lead(alert, now))},
        {"type": "section", "fields": _fields(opportunity, now)},
    ]
    changes = _changes(alert) if alert.event == "changed" else None
    if changes:
        blocks.append({"type": "section", "text": _md(changes)})
    context = _context(opportunity)
    if context:
        blocks.append({"type": "context", "elements": context})
    url = _call_url(opportunity)
    if url:
        button = {
            "type": "button",
            "text": _plain("View the call"),
            "url": url,
            "action_id": "open_call",
        }
        blocks.append({"type": "actions", "elements": [button]})
    return _fallback(alert, now), blocks


def _burst_line(alert: Alert, now: datetime, *, linked: bool = True) -> str:
    opportunity = alert.opportunity
    title = safe(opportunity.title, BURST_TITLE_CHARS) or UNTITLED
    parts = [f"• *{link(_call_url(opportunity) if linked else None, title)}*"]
    funder = safe(opportunity.funder, BURST_FUNDER_CHARS)
    if funder:
        parts.append(mrkdwn(funder))
    if opportunity.closes_at:
        parts.append(
            f"closes {slack_date(opportunity.closes_at)} ({present.days_left_text(opportunity.closes_at, now)})"
        )
    else:
        parts.append("no closing date")
    parts.append(f"_{mrkdwn(event_label(alert, now))}_")
    return " · ".join(parts)


def burst_message(alerts: list[Alert], now: datetime) -> tuple[str, list[dict[str, Any]]]:
    """One summary for many alerts: a line each, packed into sections, within Slack's limits."""
    count = len(alerts)
    heading = f"{count} funding alert" + ("" if count == 1 else "s")
    if all(alert.event == "welcome" for alert in alerts):  # a new subscription's one welcome
        heading = f"Welcome: {count} open call" + (
            " that matches" if count == 1 else "s that match"
        )
    blocks: list[dict[str, Any]] = [{"type": "header", "text": _plain(heading)}]
    # One block is kept back for the "…and N more" line.
    max_sections = MAX_BLOCKS - len(blocks) - 1
    sections: list[list[str]] = []
    shown = total = 0
    for alert in alerts:
        line = _burst_line(alert, now)
        if len(line) > SECTION_LIMIT:  # an address of thousands of characters: the title alone
            line = _burst_line(alert, now, linked=False)
        if total + len(line) + 1 > BURST_TOTAL_CHARS:
            break
        current = sections[-1] if sections else None
        if current is None or sum(len(x) + 1 for x in current) + len(line) > SECTION_LIMIT:
            if len(sections) == max_sections:
                break
            sections.append([line])
        else:
            current.append(line)
        shown += 1
        total += len(line) + 1
    blocks.extend({"type": "section", "text": _md("\n".join(lines))} for lines in sections)
    if shown < count:
        blocks.append({"type": "context", "elements": [_md(f"{ELLIPSIS}and {count - shown} more")]})
    titles = ", ".join(safe(a.opportunity.title, 60) or UNTITLED for a in alerts[:5])
    more = f" and {count - 5} more" if count > 5 else ""
    return clip(f"{heading}: {titles}{more}", TEXT_LIMIT), blocks
