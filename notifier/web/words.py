"""Stored values as people read them on the web pages: the same words as alerts and digests
(notifier/present.py), as Jinja filters. Every filter returns plain text; Jinja escapes it."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from config.clock import parse_iso
from notifier.channels.escape import clean
from notifier.present import (
    FIELD_LABELS,
    VERDICT_LABELS,
    amount,
    date_text,
    days_left,
    days_left_text,
    safe_url,
    value_text,
)
from notifier.web.site import Site

LONG_TEXT_FIELDS = ("summary", "eligibility")


def amount_of(row: Any) -> str:
    return amount(row["amount_min"], row["amount_max"], row["amount_text"], total=row["fund_total"])


def json_list(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except (TypeError, ValueError):
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def change_words(field: str, before: Any, after: Any) -> str:
    """'Closing date: 12 Jan 2027 → 26 Jan 2027'; long texts are said to have changed."""
    label = FIELD_LABELS.get(field, field.replace("_", " ").capitalize())
    if field in LONG_TEXT_FIELDS:
        return f"{label} added" if before in (None, "") else f"{label} updated"
    if before in (None, ""):
        return f"{label} added: {value_text(field, after)}"
    if after in (None, ""):
        return f"{label} removed (was {value_text(field, before)})"
    return f"{label}: {value_text(field, before)} → {value_text(field, after)}"


def history_lines(versions: list[dict[str, Any]], source_label) -> list[str]:
    """Each recorded change as one line: 'Closing date: 12 Jan 2027 → 26 Jan 2027, seen on UKRI
    Funding Finder, 3 Dec 2026', newest first."""
    lines = []
    for version in versions:
        changes = json.loads(version["changes"] or "{}")
        where = source_label(version["source_id"]) if version["source_id"] else "a source"
        when = date_text(version["recorded_at"], with_time=False)
        for field, pair in changes.items():
            pair = pair if isinstance(pair, dict) else {"before": None, "after": pair}
            change = change_words(field, pair.get("before"), pair.get("after"))
            lines.append(f"{change}, seen on {where}, {when}")
    return lines


def filters(site: Site) -> dict[str, Any]:
    # Made once, at start-up: every label is asked of the site when shown, as the config may have
    # been edited since (`fundwatch serve` follows the YAML).

    def days(value: str | datetime | None) -> str:
        when = parse_iso(value) if isinstance(value, str) else value
        return days_left_text(when, site.now())

    def urgent(value: str | None) -> bool:
        left = days_left(parse_iso(value), site.now())
        return left is not None and 0 <= left <= 14

    return {
        "fw_date": lambda value, with_time=True: date_text(value, with_time=with_time),
        "fw_days_left": days,
        "fw_urgent": urgent,
        "fw_amount": amount_of,
        "fw_verdict": lambda value: VERDICT_LABELS.get(
            value or "unclear", VERDICT_LABELS["unclear"]
        ),
        "fw_label": lambda value, column: site.value_label(column, value),
        "fw_list": json_list,
        "fw_tag": lambda tag: site.labels.tags.get(tag, tag),
        "fw_source": lambda source: site.labels.sources.get(source, source),
        "fw_url": safe_url,
        "fw_text": lambda text, limit=300: clean(text, limit),
    }
