"""Opportunities as open data: CommonGrants-shaped JSON records and flat CSV rows.

Field names follow the CommonGrants opportunity model (HHS/simpler-grants-protocol,
`OpportunityBase`) where they overlap: id, title, description, status.value, funding.*AwardAmount /
totalAmountAvailable as Money {amount, currency: GBP}, keyDates.closeDate / otherDates.appOpens,
source, createdAt, lastModifiedAt; the rest is in `customFields`, as the model intends. The schema,
field by field, is in notifier/export/SCHEMA.md.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from config.clock import LONDON, parse_iso, zulu
from config.opportunity_kinds import KIND_LABELS
from notifier.alerts import Labels, OpportunityView
from notifier.channels.escape import hidden, scrub
from notifier.present import VERDICT_LABELS, safe_url

# Fixed forever: the same repository id always gives the same CommonGrants UUID.
NAMESPACE = uuid.UUID("3e6368e6-96ef-45ee-a40e-d3ad67323e21")
SCHEMA_VERSION = "fundwatch-opportunity/1 (CommonGrants OpportunityBase fields)"
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
STATUS_VALUES = {"upcoming": "forecasted", "open": "open", "closed": "closed"}
STATUS_WORDS = {
    "forecasted": "Not open yet",
    "open": "Open for applications",
    "closed": "Closed",
    "custom": "Status not stated",
}
# A cell starting with one of these is a formula to a spreadsheet: shown with a leading '.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def common_id(opportunity_id: str) -> str:
    """The CommonGrants id (a UUID) of a repository id: stable, derived, never stored."""
    return str(uuid.uuid5(NAMESPACE, opportunity_id))


def plain(text: str | None) -> str | None:
    """Stored text without control characters or bidi controls; line breaks kept."""
    if text is None:
        return None
    return "".join(ch for ch in text if ch in "\n\t" or not hidden(ch))


def money(value: float | None) -> dict[str, str] | None:
    return None if value is None else {"amount": f"{value:.2f}", "currency": "GBP"}


def key_date(value: str | None, name: str, description: str) -> dict[str, str] | None:
    when = parse_iso(value)
    if when is None:
        return None
    local = when.astimezone(LONDON)
    event = {"name": name, "eventType": "singleDate", "date": local.date().isoformat()}
    if (local.hour, local.minute) != (0, 0):
        event["time"] = local.strftime("%H:%M:%S")
    event["description"] = f"{description} (Europe/London time)"
    return event


def _custom(name: str, field_type: str, value: Any, description: str) -> dict[str, Any]:
    return {"name": name, "fieldType": field_type, "value": value, "description": description}


def _utc(value: str | None) -> str | None:
    when = parse_iso(value)
    return zulu(when) if when else None


def sources(listings: list[dict[str, Any]], labels: Labels) -> list[dict[str, Any]]:
    return [
        {
            "id": listing["source_id"],
            "name": labels.sources.get(listing["source_id"], listing["source_id"]),
            "url": safe_url(listing.get("url")),
            "firstSeen": _utc(listing.get("first_seen")),
            "lastSeen": _utc(listing.get("last_seen")),
            "stillListed": listing.get("removed_at") is None,
        }
        for listing in listings
    ]


def record(row: dict[str, Any], labels: Labels, listings: list[dict[str, Any]]) -> dict[str, Any]:
    """One opportunity as a CommonGrants-shaped record."""
    view = OpportunityView.from_row(row, labels)
    status = STATUS_VALUES.get(view.status or "", "custom")
    status_field: dict[str, str] = {"value": status, "description": STATUS_WORDS[status]}
    if status == "custom":
        status_field["customValue"] = "unknown"
    funding = {
        "details": plain(view.amount_text),
        "minAwardAmount": money(view.amount_min),
        "maxAwardAmount": money(view.amount_max),
        "totalAmountAvailable": money(view.fund_total),
    }
    verdict = view.council_eligible or "unclear"
    key_dates: dict[str, Any] = {
        "closeDate": key_date(row.get("closes_at"), "Closing date", "Applications close")
    }
    opens = key_date(row.get("opens_at"), "Opening date", "Applications open")
    if opens:
        key_dates["otherDates"] = {"appOpens": opens}
    return {
        "id": common_id(view.id),
        "title": scrub(view.title),
        "description": plain(view.summary) or "",
        "status": status_field,
        "funding": {k: v for k, v in funding.items() if v is not None},
        "keyDates": {k: v for k, v in key_dates.items() if v is not None},
        "source": safe_url(view.url),
        "customFields": {
            "fundwatchId": _custom("fundwatchId", "string", view.id, "fundwatch's own id"),
            "funder": _custom("funder", "string", scrub(view.funder) or None, "Who funds it"),
            "councilEligible": _custom(
                "councilEligible", "string", verdict, VERDICT_LABELS.get(verdict, verdict)
            ),
            "eligibilityPhrase": _custom(
                "eligibilityPhrase",
                "string",
                plain(view.eligibility_phrase),
                "The words that decided the council verdict",
            ),
            "eligibility": _custom(
                "eligibility", "string", plain(view.eligibility), "Who can apply, as published"
            ),
            "tags": _custom("tags", "array", list(view.tags), "Tag ids (config/tags.yaml)"),
            "tagLabels": _custom("tagLabels", "array", list(view.tag_labels), "Tags as read"),
            "sources": _custom(
                "sources", "array", sources(listings, labels), "Every source it was seen on"
            ),
            "version": _custom("version", "integer", row.get("version") or 1, "Changes + 1"),
            "kind": _custom("kind", "string", view.kind, KIND_LABELS.get(view.kind, view.kind)),
            "buyer": _custom("buyer", "string", scrub(view.buyer) or None, "Who buys (a notice)"),
            "buyerIsCouncil": _custom(
                "buyerIsCouncil", "boolean", view.buyer_council, "The buyer is a local council"
            ),
            "round": _custom("round", "string", scrub(view.round_label) or None, "Which round"),
        },
        "createdAt": _utc(row.get("first_seen")),
        "lastModifiedAt": _utc(row.get("last_changed") or row.get("first_seen")),
    }


def json_document(
    records: list[dict[str, Any]], *, scope_label: str, now: datetime, count: int | None = None
) -> str:
    """The whole JSON export; `count` when `records` is left empty for the items to be written
    after it (notifier/export/data.py)."""
    body = {
        "schema": SCHEMA_VERSION,
        "title": f"fundwatch: {scope_label}",
        "licence": {"name": LICENCE, "url": LICENCE_URL},
        "generatedAt": zulu(now),
        "count": len(records) if count is None else count,
        "items": records,
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "id",
    "fundwatchId",
    "title",
    "description",
    "status",
    "funder",
    "minAwardAmount",
    "maxAwardAmount",
    "totalAmountAvailable",
    "currency",
    "fundingDetails",
    "appOpens",
    "closeDate",
    "councilEligible",
    "eligibilityPhrase",
    "tags",
    "sources",
    "source",
    "version",
    "createdAt",
    "lastModifiedAt",
    # Added with the radar: after the first columns, so a sheet reading by position still works.
    "kind",
    "buyer",
    "round",
)


def spreadsheet_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, shown with a leading ' instead."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _amount(money_field: dict[str, str] | None) -> str:
    return money_field["amount"] if money_field else ""


def csv_row(item: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """One record flattened for a spreadsheet; dates as ISO 8601 in Europe/London."""
    custom = item["customFields"]
    funding = item["funding"]
    opens, closes = (parse_iso(row.get(name)) for name in ("opens_at", "closes_at"))
    flat = {
        "id": item["id"],
        "fundwatchId": custom["fundwatchId"]["value"],
        "title": item["title"],
        "description": item["description"],
        "status": item["status"]["value"],
        "funder": custom["funder"]["value"],
        "minAwardAmount": _amount(funding.get("minAwardAmount")),
        "maxAwardAmount": _amount(funding.get("maxAwardAmount")),
        "totalAmountAvailable": _amount(funding.get("totalAmountAvailable")),
        "currency": "GBP",
        "fundingDetails": funding.get("details"),
        "appOpens": opens.astimezone(LONDON).isoformat() if opens else "",
        "closeDate": closes.astimezone(LONDON).isoformat() if closes else "",
        "councilEligible": custom["councilEligible"]["value"],
        "eligibilityPhrase": custom["eligibilityPhrase"]["value"],
        "tags": ";".join(custom["tags"]["value"]),
        "sources": ";".join(s["id"] for s in custom["sources"]["value"]),
        "source": item["source"] or "",
        "version": custom["version"]["value"],
        "createdAt": item["createdAt"],
        "lastModifiedAt": item["lastModifiedAt"],
        "kind": custom["kind"]["value"],
        "buyer": custom["buyer"]["value"] or "",
        "round": custom["round"]["value"] or "",
    }
    return {key: spreadsheet_cell(value) for key, value in flat.items()}
