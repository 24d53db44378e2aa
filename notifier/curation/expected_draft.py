"""expected.yaml as `fundwatch sources record` drafts it: what the spider extracted from the
recorded pages, normalised, each call once with the keys a snapshot test checks. A draft: the
curator checks every value against the pages before committing it (DRAFT_HEADER says so).
"""

from __future__ import annotations

from datetime import UTC, datetime

import yaml

from notifier.curation.try_source import Tried

DRAFT_HEADER = "# DRAFT: review every value before committing"
EXPECTED_KEYS = (
    "title",
    "url",
    "ref",
    "summary",
    "funder",
    "status",
    "opens_at",
    "closes_at",
    "amount_min",
    "amount_max",
    "fund_total",
    "eligibility",
)
STORED_AS = {
    "opens": ("opens_at",),
    "closes": ("closes_at",),
    "amount": ("amount_min", "amount_max", "fund_total"),
}


def _plain_number(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def expected_keys(tried: Tried) -> list[str]:
    """The stored keys of the fields the source reads (and the funder its default fills)."""
    keys = {"title", "url", "status"}
    for name in tried.fields:
        keys.update(STORED_AS.get(name, (name,)))
    if tried.source.funder:
        keys.add("funder")
    return [key for key in EXPECTED_KEYS if key in keys]


def expected_items(tried: Tried) -> list[dict]:
    """Each call once (as the store counts it), in the order read, with the keys a test checks."""
    items, seen, keys = [], set(), expected_keys(tried)
    for _, item in tried.records:
        if item.missing() or item.identity in seen:
            continue
        seen.add(item.identity)
        stored = item.stored()
        items.append({key: _plain_number(stored[key]) for key in keys})
    return items


def expected_yaml(tried: Tried, captured: datetime, pages: list[str]) -> str:
    body = {
        "source": tried.source.id,
        "now": captured.astimezone(UTC).isoformat(timespec="seconds"),
        "pages": pages,
        "items": expected_items(tried),
    }
    header = [
        DRAFT_HEADER,
        f"# Drafted by `fundwatch sources record {tried.source.id}` from what the spider extracted,",
        "# after normalising. Check each value against the pages beside it (rules: ../README.md),",
        "# remove this header, then commit.",
    ]
    dumped = yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(header) + "\n" + dumped
