"""What kind of opportunity a sighting is: the known list a subscription's `kinds` is checked against.

- `funding`: a call a council (or its partners) can apply to: a grant, competition, loan or prize.
- `market_engagement`: a buyer consulting suppliers before it buys: a Procurement Act UK2 preliminary
  market engagement notice, or what other sites call early engagement, soft market testing, market
  sounding or a request for information.
- `planned_procurement`: a procurement announced before it opens: a UK1 pipeline or UK3 planned
  procurement notice (or an older prior information notice).
- `tender`: a procurement open for bids now (a UK4 tender notice, a contract opportunity).
"""

from __future__ import annotations

from typing import Literal

OpportunityKind = Literal["funding", "market_engagement", "planned_procurement", "tender"]
DEFAULT_KIND = "funding"
KIND_LABELS = {
    "funding": "Funding call",
    "market_engagement": "Market engagement",
    "planned_procurement": "Planned procurement",
    "tender": "Tender",
}
