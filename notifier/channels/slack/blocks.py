"""Block Kit messages for funding alerts: one alert, or one summary for a burst. Pure functions.

Every scraped string reaches Slack through `escape` (mrkdwn, with `verbatim` so Slack does no
auto-linking or mention parsing of its own); plain_text objects carry only our own words.
Limits are Slack's: section text ≤ 3000, a field ≤ 2000, a header ≤ 150, ≤ 50 blocks.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from config.clock import LONDON
from notifier import present
from notifier.alerts import Alert, OpportunityView
from notifier.channels.escape import ELLIPSIS, clip, link, mrkdwn, one_line

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
BURST_TITLE_CHARS = 150
BURST_FUNDER_CHARS = 80
CHANGE_LINE_CHARS = 400
# slackapi/bolt-js#2509: msg_blocks_too_long seen at ~13.2k characters over all blocks, below any
# per-block limit. A burst stays under this total and says how many it left out.
BURST_TOTAL_CHARS = 12_000


def _md(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": False}


def _cut(text: str | None, limit: int) -> str:
    """Raw (unescaped) text on one line, cut to `limit` characters with "…"."""
    flat = one_line(text)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + ELLIPSIS


def _call_url(opportunity: OpportunityView) -> str | None:
    url = present.safe_url(opportunity.url)
    return url if url and len(url) <= BUTTON_URL_LIMIT else None


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


def _title_link(opportunity: OpportunityView, limit: int) -> str:
    title = _cut(opportunity.title, limit) or "Untitled opportunity"
    return link(_call_url(opportunity), title)


def _header(alert: Alert, now: datetime) -> str:
    label = present.EVENT_LABELS.get(alert.event, alert.event.replace("_", " ").capitalize())
    if alert.event == "closing_soon" and alert.opportunity.closes_at:
        label = f"{label}: {present.days_left_text(alert.opportunity.closes_at, now)}"
    return label[:HEADER_LIMIT]


def _field(name: str, value_mrkdwn: str) -> dict[str, Any]:
    text = f"*{name}*\n{value_mrkdwn}"
    return _md(text if len(text) <= FIELD_LIMIT else f"*{name}*\n{ELLIPSIS}")


def _fields(opportunity: OpportunityView, now: datetime) -> list[dict[str, Any]]:
    budget = FIELD_LIMIT - 40  # room for the field name
    amount = present.amount(opportunity.amount_min, opportunity.amount_max, opportunity.amount_text)
    closes = slack_date(opportunity.closes_at)
    if opportunity.closes_at:
        closes += f" ({present.days_left_text(opportunity.closes_at, now)})"
    fields = [
        _field("Funder", clip(one_line(opportunity.funder) or "Not stated", budget)),
        _field("Amount", clip(one_line(amount), budget)),
    ]
    if opportunity.opens_at:
        fields.append(_field("Opens", slack_date(opportunity.opens_at)))
    fields.append(_field("Closes", closes))
    status = one_line(opportunity.status).capitalize() or "Not stated"
    fields.append(_field("Status", clip(status, budget)))
    eligibility = present.eligibility_text(
        opportunity.council_eligible, one_line(opportunity.eligibility_phrase)
    )
    fields.append(_field("Councils", clip(eligibility, budget)))
    return fields


def _lead(opportunity: OpportunityView) -> str:
    """The title (linked when the link is safe) and the start of the summary."""
    first = f"*{_title_link(opportunity, TITLE_CHARS)}*"
    summary = one_line(opportunity.summary)
    if not summary:
        return first
    room = min(SUMMARY_CHARS, SECTION_LIMIT - len(first) - 1)
    return f"{first}\n{clip(summary, room)}"


def _changes(alert: Alert) -> str | None:
    lines = present.change_lines(alert.changes)
    if not lines:
        return None
    text = "*What changed*"
    for line in lines:
        bullet = f"\n• {clip(one_line(line), CHANGE_LINE_CHARS)}"
        if len(text) + len(bullet) > SECTION_LIMIT - 2:
            return f"{text}\n{ELLIPSIS}"
        text += bullet
    return text


def _context(opportunity: OpportunityView) -> list[dict[str, Any]]:
    elements = []
    if opportunity.tags:
        elements.append(
            _md(
                "Tags: " + clip(", ".join(one_line(t) for t in opportunity.tags), CONTEXT_LIMIT - 6)
            )
        )
    if opportunity.sources:
        sources = ", ".join(one_line(s) for s in opportunity.sources)
        elements.append(_md("Seen on: " + clip(sources, CONTEXT_LIMIT - 9)))
    return elements


def _fallback(alert: Alert, now: datetime) -> str:
    opportunity = alert.opportunity
    parts = [f"{_header(alert, now)}: {_cut(opportunity.title, TITLE_CHARS)}"]
    if opportunity.funder:
        parts.append(_cut(opportunity.funder, BURST_FUNDER_CHARS))
    parts.append(f"closes {present.date_text(opportunity.closes_at)}")
    return clip(" · ".join(parts), TEXT_LIMIT)


def alert_message(alert: Alert, now: datetime) -> tuple[str, list[dict[str, Any]]]:
    """The notification text and Block Kit blocks for one alert."""
    opportunity = alert.opportunity
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": _plain(_header(alert, now))},
        {"type": "section", "text": _md(_lead(opportunity))},
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


def _burst_line(alert: Alert, now: datetime) -> str:
    opportunity = alert.opportunity
    parts = [f"• *{_title_link(opportunity, BURST_TITLE_CHARS)}*"]
    if opportunity.funder:
        parts.append(mrkdwn(_cut(opportunity.funder, BURST_FUNDER_CHARS)))
    if opportunity.closes_at:
        parts.append(
            f"closes {slack_date(opportunity.closes_at)} ({present.days_left_text(opportunity.closes_at, now)})"
        )
    else:
        parts.append("no closing date")
    parts.append(f"_{present.EVENT_LABELS.get(alert.event, mrkdwn(alert.event))}_")
    return " · ".join(parts)


def burst_message(alerts: list[Alert], now: datetime) -> tuple[str, list[dict[str, Any]]]:
    """One summary for many alerts: a line each, packed into sections, within Slack's limits."""
    count = len(alerts)
    heading = f"{count} funding alert" + ("" if count == 1 else "s")
    blocks: list[dict[str, Any]] = [{"type": "header", "text": _plain(heading)}]
    # One block is kept back for the "…and N more" line.
    max_sections = MAX_BLOCKS - len(blocks) - 1
    sections: list[list[str]] = []
    shown = total = 0
    for alert in alerts:
        line = _burst_line(alert, now)
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
    titles = ", ".join(_cut(a.opportunity.title, 60) for a in alerts[:5])
    more = f" and {count - 5} more" if count > 5 else ""
    return clip(f"{heading}: {titles}{more}", TEXT_LIMIT), blocks
