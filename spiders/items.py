"""The one item every spider yields: a sighting of an opportunity on a source, before normalising."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class OpportunitySighting:
    source_id: str
    title: str | None = None
    url: str | None = None
    ref: str | None = None  # the source's own id for the call; the canonical URL when it has none
    summary: str | None = None
    funder: str | None = None
    opens: str | datetime | None = None  # raw text or a datetime; normalised to opens_at
    closes: str | datetime | None = None
    amount: str | None = None  # raw money text ("up to £1.5m"); normalised to amount_min/max
    amount_min: float | None = None  # when the source gives numbers
    amount_max: float | None = None
    fund_total: float | None = None  # the whole pot, when the source gives it as a number
    status: str | None = None  # as the page words it; normalised to upcoming|open|closed
    eligibility: str | None = None
    buyer_type: str | None = None  # a procurement notice's buyer type (OCDS classification)
    notice_type: str | None = None  # a procurement notice's type (UK2, marketEngagementNotice…)
    contact: str | None = None  # whom a notice says to contact (a buyer's contact point)
    tags: list[str] = field(default_factory=list)
    page_url: str | None = None  # the page it was read from, for relative links and error messages
    # Fields its detail page should have given, not read as that page failed (a timeout, a 404):
    # unknown this time, not gone, so the repository keeps what it had (spiders/unread_fields.py).
    unread: list[str] = field(default_factory=list)
    # Fields whose path named a value the source gives as none (an API's null): absent from this
    # call, not a path that fits nothing (spiders/field_matches.py).
    present: list[str] = field(default_factory=list)
