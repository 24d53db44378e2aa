"""Pure: a raw sighting from a spider → the normalised, tagged record the repository stores."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from config.models import Source
from spiders.eligibility import council_eligibility
from spiders.items import OpportunitySighting
from spiders.normalise import canonical_url, clean_text, normalise_status, parse_date, parse_money
from spiders.tagging import CompiledRules, tag

REQUIRED = ("title", "url")


def _when(value: Any, tz: str, *, end_of_day: bool = False) -> datetime | None:
    text = value if isinstance(value, datetime) else clean_text(value)
    return parse_date(text, tz, end_of_day=end_of_day)


def normalise(sighting: OpportunitySighting, source: Source, now: datetime) -> dict[str, Any]:
    """Clean text, canonical absolute URL, UTC dates, GBP amounts, status. Missing fields stay None."""
    base = sighting.page_url or (source.urls[0] if source.urls else None)
    url = canonical_url(clean_text(sighting.url), base)
    opens_at = _when(sighting.opens, source.timezone)
    closes_at = _when(sighting.closes, source.timezone, end_of_day=True)
    amount_text = clean_text(sighting.amount)
    amount_min, amount_max = parse_money(amount_text)
    if sighting.amount_min is not None:
        amount_min = float(sighting.amount_min)
    if sighting.amount_max is not None:
        amount_max = float(sighting.amount_max)
    ref = clean_text(sighting.ref) or url
    return {
        "source_id": sighting.source_id,
        "ref": ref,
        "url": url,
        "title": clean_text(sighting.title),
        "summary": clean_text(sighting.summary),
        "funder": clean_text(sighting.funder) or source.funder,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "amount_min": amount_min,
        "amount_max": amount_max,
        "amount_text": amount_text,
        "status": normalise_status(clean_text(sighting.status), opens_at, closes_at, now),
        "eligibility": clean_text(sighting.eligibility),
        "tags": list(sighting.tags),
        "page_url": sighting.page_url,
    }


def missing_fields(record: dict[str, Any]) -> list[str]:
    return [name for name in REQUIRED if not record.get(name)]


def add_tags(record: dict[str, Any], rules: CompiledRules) -> dict[str, Any]:
    """Tags from tags.yaml plus the source's own, and the council-eligibility verdict with its phrase."""
    text = " ".join(
        filter(None, (record["title"], record["summary"], record["eligibility"], record["funder"]))
    )
    verdict, phrase = council_eligibility(record["eligibility"], record["summary"])
    return {
        **record,
        "tags": tag(text, rules, record["tags"]),
        "council_eligible": verdict,
        "eligibility_phrase": phrase,
    }
