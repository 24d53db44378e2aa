"""Pure: what kind of opportunity a sighting is (config/opportunity_kinds.py), from the notice type a
procurement source gives and from the words of its title.

A preliminary market engagement goes by many names: a Procurement Act UK2 notice, Find a Tender's
`marketEngagementNotice`, Contracts Finder's "Early engagement notice", and in titles "PME",
"pre-market engagement", "soft market testing", "market sounding", "market consultation", "request
for information" (RFI), "supplier engagement day". Any of these makes it `market_engagement`, on any
site; a planning notice otherwise is a `planned_procurement` (UK1 pipeline, UK3 planned procurement, a
prior information notice), a tender notice a `tender`, and everything else a `funding` call.
"""

from __future__ import annotations

import re

from config.opportunity_kinds import DEFAULT_KIND
from spiders.normalise.text import as_text

_I = re.IGNORECASE
# Notice types and OCDS document types or release tags, as procurement APIs write them.
_TYPES = (
    (
        "market_engagement",
        re.compile(r"^(?:uk\s*2|marketEngagementNotice|earlyEngagement\w*)$", _I),
    ),
    (
        "planned_procurement",
        re.compile(
            r"^(?:uk\s*[13]|pipelineNotice|plannedProcurementNotice|priorInformationNotice|"
            r"planning|planned)$",
            _I,
        ),
    ),
    ("tender", re.compile(r"^(?:uk\s*(?:[4-9]|1[0-7])|tender\w*|contractNotice)$", _I)),
)
_ENGAGEMENT = re.compile(
    r"\b(?:(?:preliminary|early|pre-?\s*(?:procurement|tender|market))\s+(?:market\s+)?engagement"
    r"|market\s+(?:engagement|sounding|consultation|testing|research\s+exercise)"
    r"|soft\s+market\s+test(?:ing)?|pme|rfi"
    r"|requests?\s+for\s+information"
    r"|(?:supplier|industry|market)\s+(?:engagement\s+)?(?:day|event|briefing|webinar)s?"
    r"|expressions?\s+of\s+interest\s+for\s+market\s+engagement)\b",
    _I,
)
_PLANNED = re.compile(
    r"\b(?:prior\s+information\s+notice|pipeline\s+notice|planned\s+procurement(?:\s+notice)?)\b",
    _I,
)


def opportunity_kind(notice_type: str | None, title: str | None) -> str:
    """funding | market_engagement | planned_procurement | tender. A title that says market
    engagement wins over the notice type (a planning release titled "Soft market testing: …" is
    one); otherwise the notice type decides, then the title, else `funding`."""
    notice_type, title = as_text(notice_type), as_text(title)
    if title and _ENGAGEMENT.search(title):
        return "market_engagement"
    if notice_type:
        compact = notice_type.strip()
        for kind, pattern in _TYPES:
            if pattern.match(compact):
                return kind
    if title and _PLANNED.search(title):
        return "planned_procurement"
    return DEFAULT_KIND
