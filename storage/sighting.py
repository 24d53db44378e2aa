"""The one record spiders hand to the repository: a normalised, tagged sighting of a funding call.

Defined once, here, with what the repository promises about it: which fields are tracked (a change
to any is a version), which of those a person acts on (a change to any is worth an alert), and what a
sighting must have to be stored at all.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from operator import itemgetter
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict

from config.clock import iso
from config.opportunity_kinds import OpportunityKind

# Fields a person reads; a change to any of them is a version and a `changed` event.
TRACKED_FIELDS = (
    "title",
    "summary",
    "funder",
    "url",
    "opens_at",
    "closes_at",
    "amount_min",
    "amount_max",
    "fund_total",
    "status",
    "eligibility",
)
# The ones a person acts on: only these make a `changed` alert (not summary wording, funder, link,
# or the size of the whole pot, which changes no bid).
ACTIONABLE_FIELDS = tuple(
    f for f in TRACKED_FIELDS if f not in ("summary", "funder", "url", "fund_total")
)
REQUIRED_FIELDS = ("title", "url")

Status = Literal["upcoming", "open", "closed"]
Verdict = Literal["yes", "partner", "no", "unclear"]


class Sighting(BaseModel):
    """One source's view of one call, normalised: UTC datetimes, GBP floats, canonical URL."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source_id: str
    ref: str | None = None  # the source's own id for the call; the canonical URL when it has none
    url: str | None = None
    title: str | None = None
    summary: str | None = None
    funder: str | None = None
    opens_at: AwareDatetime | None = None
    closes_at: AwareDatetime | None = None
    amount_min: float | None = None  # one award, GBP: "from £10,000"
    amount_max: float | None = None  # one award, GBP: "up to £950,000"
    fund_total: float | None = None  # the whole pot, GBP: "£4 million available"
    amount_text: str | None = None
    status: Status | None = None
    eligibility: str | None = None
    tags: tuple[str, ...] = ()
    council_eligible: Verdict = "unclear"
    eligibility_phrase: str | None = None  # the words that decided council_eligible
    page_url: str | None = None  # the page it was read on, for messages to curators
    # What it is (config/opportunity_kinds.py); for a procurement notice, who buys and whom to ask.
    kind: OpportunityKind = "funding"
    buyer: str | None = None
    buyer_council: bool = False  # the buyer is a local council (spiders/eligibility/buyers.py)
    contact: str | None = None
    # Stored fields its failed detail page would have given: kept as stored (spiders/unread_fields.py)
    unread: tuple[str, ...] = ()

    def filled(self) -> list[str]:
        """The fields (as sources.yaml names them) this sighting has: a run's fill rates count
        these, so a selector that stops matching shows as a fall (storage/runs.py)."""
        values = {
            "title": self.title,
            "url": self.url,
            "summary": self.summary,
            "funder": self.funder,
            "opens": self.opens_at,
            "closes": self.closes_at,
            "amount": self.amount_min or self.amount_max or self.fund_total or self.amount_text,
            "status": self.status,
            "eligibility": self.eligibility,
            "contact": self.contact,
        }
        return [name for name, value in values.items() if value not in (None, "")]

    def missing(self) -> list[str]:
        """Required fields it lacks: a sighting with any is never stored."""
        return [name for name in REQUIRED_FIELDS if not getattr(self, name)]

    def held_unread(self) -> bool:
        """Whether every required field it lacks is one its failed detail page gives (a sitemap's
        call, named only on its page): unknown this time, not missing. A call stored before is
        stored with them as they were (storage/record.py); one never stored cannot be."""
        missing = self.missing()
        return bool(missing) and set(missing) <= set(self.unread)

    @property
    def identity(self) -> str:
        """What names this listing on its source: its own reference, else its canonical URL."""
        return self.ref or self.url or ""

    def stored(self) -> dict[str, Any]:
        """As the repository keeps it: JSON-ready, times as UTC ISO strings. Not where it was read
        (page_url): a call that moves to page 2 has not changed."""
        out = dict(zip(STORED_FIELDS, _stored_values(self.__dict__), strict=True))
        for name in ("opens_at", "closes_at"):
            if isinstance(out[name], datetime):
                out[name] = iso(out[name])
        out["tags"] = list(self.tags)
        out["ref"] = self.identity
        return out


# json.dumps(value, sort_keys=True, default=str), without building an encoder for every call.
canonical_json = json.JSONEncoder(sort_keys=True, default=str).encode


def content_hash(values: dict[str, Any]) -> str:
    """Over the tracked fields only, in stored form: tags and timestamps never make a change."""
    tracked = {name: values.get(name) for name in TRACKED_FIELDS}
    return hashlib.sha1(canonical_json(tracked).encode()).hexdigest()


STORED_FIELDS = tuple(name for name in Sighting.model_fields if name not in ("page_url", "unread"))
# A sighting's field values read at once (stored() runs for every sighting of every page).
_stored_values = itemgetter(*STORED_FIELDS)


def data_hash(text: str) -> str:
    """Over everything a listing stores (its JSON): equal means there is nothing to write."""
    return hashlib.sha1(text.encode()).hexdigest()
