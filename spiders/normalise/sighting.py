"""Pure: one raw spider item → the repository's typed Sighting (before tags and the verdict)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from config.models import Source
from spiders.items import OpportunitySighting
from spiders.normalise.dates import parse_date
from spiders.normalise.money import parse_amounts
from spiders.normalise.status import normalise_status
from spiders.normalise.text import clean_text
from spiders.normalise.urls import canonical_url
from storage.sighting import Sighting


def _when(value: Any, tz: str, *, end_of_day: bool = False) -> datetime | None:
    text = value if isinstance(value, datetime) else clean_text(value)
    return parse_date(text, tz, end_of_day=end_of_day)


def normalise(raw: OpportunitySighting, source: Source, now: datetime) -> Sighting:
    """Clean text, canonical absolute URL, UTC dates, GBP award range and pot, status. Missing fields stay None."""
    base = raw.page_url or (source.urls[0] if source.urls else None)
    url = canonical_url(clean_text(raw.url), base)
    opens_at = _when(raw.opens, source.timezone)
    closes_at = _when(raw.closes, source.timezone, end_of_day=True)
    amount_text = clean_text(raw.amount)
    # One award's range and the whole pot, kept apart: "Maximum award: £950,000" is a maximum only.
    amount_min, amount_max, fund_total = parse_amounts(amount_text)
    if raw.amount_min is not None:
        amount_min = float(raw.amount_min)
    if raw.amount_max is not None:
        amount_max = float(raw.amount_max)
    # A source that gives the pot as a number (Find a Grant's grantTotalAwardAmount) wins over text.
    raw_total = getattr(raw, "fund_total", None)
    if raw_total is not None:
        fund_total = float(raw_total)
    return Sighting(
        source_id=raw.source_id,
        ref=clean_text(raw.ref) or url,
        url=url,
        title=clean_text(raw.title),
        summary=clean_text(raw.summary),
        funder=clean_text(raw.funder) or source.funder,
        opens_at=opens_at,
        closes_at=closes_at,
        amount_min=amount_min,
        amount_max=amount_max,
        fund_total=fund_total,
        amount_text=amount_text,
        status=normalise_status(clean_text(raw.status), opens_at, closes_at, now),
        eligibility=clean_text(raw.eligibility),
        tags=tuple(raw.tags),
        page_url=raw.page_url,
    )
