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

from config.lazy_pattern import lazy_pattern
from config.opportunity_kinds import DEFAULT_KIND
from spiders.normalise.text import as_text

_I = re.IGNORECASE
# A Procurement Act notice code wherever the type says it: "UK4", "UK6: Contract award notice",
# "Pipeline notice (UK1)".
_CODE = lazy_pattern(r"\buk\s*(\d{1,2})\b", _I)
_CODE_KINDS = {1: "planned_procurement", 2: "market_engagement", 3: "planned_procurement"}
_LAST_CODE = 17
# Notice types as procurement APIs and portals write them, read as words once camelCase is split
# ("contractAwardNotice" → "contract award notice"): Contracts Finder's "Early engagement", "Future
# opportunity", "Opportunity", "Awarded contract"; Find a Tender's "Contract notice", "Prior
# information notice", "Voluntary ex ante transparency notice"; a portal's "Request for Quotation".
_TYPES = (
    (
        "market_engagement",
        lazy_pattern(
            r"\b(?:(?:preliminary|early|pre-?)\s*(?:market\s+)?engagement|market\s+(?:engagement|sounding)"
            r"|soft\s+market|requests?\s+for\s+information|rfi)\b",
            _I,
        ),
    ),
    (
        "planned_procurement",
        lazy_pattern(
            r"\b(?:pipeline|prior\s+information|planned(?:\s+procurement)?|planning"
            r"|future\s+opportunit(?:y|ies))\b",
            _I,
        ),
    ),
    (
        "tender",
        lazy_pattern(
            r"\b(?:tender\w*|contract\w*|award\w*|concession|opportunit(?:y|ies)|dynamic\s+(?:market|purchasing)"
            r"|dps|transparency|ex\s+ante|modification|qualification\s+system|quot(?:e|ation)s?|rfq|itt"
            # A "Framework" notice (a portal's type for a framework agreement's tender)
            r"|invitation\s+to\s+tender|call\s+for\s+competition|framework)\b",
            _I,
        ),
    ),
)
_CAMEL = lazy_pattern(r"(?<=[a-z])(?=[A-Z])")
_ENGAGEMENT = lazy_pattern(
    r"\b(?:(?:preliminary|early|pre-?\s*(?:procurement|tender|market))\s+(?:market\s+)?engagement"
    r"|market\s+(?:engagement|sounding|consultation|testing|research\s+exercise)"
    r"|soft\s+market\s+test(?:ing)?|pme|rfi"
    r"|requests?\s+for\s+information"
    # "Supplier engagement day", "Supplier information day", "Meet the buyer event"
    r"|(?:supplier|industry|market|bidders?|provider)\s+(?:engagement\s+|information\s+|briefing\s+|"
    r"awareness\s+)?(?:day|event|briefing|webinar|session)s?|meet\s+the\s+buyer"
    r"|expressions?\s+of\s+interest\s+for\s+market\s+engagement)\b",
    _I,
)
_PLANNED = lazy_pattern(
    r"\b(?:prior\s+information\s+notice|pipeline\s+notice|planned\s+procurement(?:\s+notice)?)\b"
    # "PIN: Waste treatment contract 2028", "PIN – …": a prior information notice by its initials,
    # only as a title's label (a "PIN code" or "chip and PIN" is none); so is "Pipeline: Highways
    # works 2027/28", a council's forward plan ("Talent pipeline fund" is a funding call).
    r"|^\s*(?:pin|pipeline)\s*(?::|[-–—]\s)",
    _I,
)
# A council portal's title (ProContract, In-Tend, Delta) often is its only notice type: "ITT -
# Cleaning Services", "Request for Quotation (RFQ) - …", "Invitation to quote: …", "Contract
# opportunity – …", "Quick Quote - …", "DPS for …", "Tender for
# the provision of …", "Contract Award Notice - …". Not "tenders" alone: a grant to help charities
# "win public sector tenders" is a funding call.
_TENDER_TITLE = lazy_pattern(
    r"\b(?:itt|itq|rf[qpt]|invitation\s+to\s+(?:tender|quote)|tender\s+(?:for|notice|opportunity)"
    r"|contract\s+opportunit(?:y|ies)|^\s*tender\b"
    r"|requests?\s+for\s+(?:quot\w*|tenders?|proposals?)|quick\s+quote|dynamic\s+purchasing\s+system"
    r"|dps|selection\s+questionnaire|pqq|pre-?qualification\s+questionnaire|call\s+for\s+competition"
    r"|contract\s+(?:award\s+)?notice|(?:contract\s+)?award\s+notice|framework\s+agreement)\b",
    _I,
)
# Notices that come after the bidding (a contract awarded, its details, a change, a direct award's
# transparency notice, a termination): procurements, but no opportunity for anyone to bid.
_AFTER_BIDDING_CODES = frozenset(range(5, 13))
_AFTER_BIDDING = lazy_pattern(
    r"\b(?:award(?:ed)?\s+(?:notice|contract)|contract\s+(?:award(?:ed)?|details|change|performance"
    r"|termination)|transparency\s+notice|ex\s+ante|modification\s+notice"
    r"|procurement\s+termination|payments?\s+compliance|intention\s+to\s+award)\b",
    _I,
)
# In a notice type, a bare "award" too (OCDS's release tag): in a title it may be a ceremony.
_AFTER_BIDDING_TYPE = lazy_pattern(r"\baward(?:ed)?\b|\bmodification\b", _I)


def _type_kind(notice_type: str) -> str | None:
    if code := _CODE.search(notice_type):
        number = int(code[1])
        if 1 <= number <= _LAST_CODE:
            return _CODE_KINDS.get(number, "tender")
    words = _CAMEL.sub(" ", notice_type)
    return next((kind for kind, pattern in _TYPES if pattern.search(words)), None)


def opportunity_kind(notice_type: str | None, title: str | None) -> str:
    """funding | market_engagement | planned_procurement | tender. A title that says market
    engagement wins over the notice type (a planning release titled "Soft market testing: …" is
    one); otherwise the notice type decides, then the title, else `funding`."""
    notice_type, title = as_text(notice_type), as_text(title)
    if title and _ENGAGEMENT.search(title):
        return "market_engagement"
    if notice_type and (kind := _type_kind(notice_type.strip())):
        return kind
    if title and _PLANNED.search(title):
        return "planned_procurement"
    if title and _TENDER_TITLE.search(title):
        return "tender"
    return DEFAULT_KIND


def after_bidding(kind: str, notice_type: str | None, title: str | None) -> bool:
    """True for a procurement notice (`kind`, from opportunity_kind) that comes after the bidding
    (UK5–UK12, a contract award or details notice, a change or termination): its status is closed
    whatever else it says."""
    notice_type, title = as_text(notice_type), as_text(title)
    if kind == DEFAULT_KIND:
        return False  # "Award-winning heritage": a funding call is never a notice
    if notice_type and (code := _CODE.search(notice_type)):
        return int(code[1]) in _AFTER_BIDDING_CODES
    kind_words = _CAMEL.sub(" ", notice_type or "")
    if _AFTER_BIDDING_TYPE.search(kind_words) or _AFTER_BIDDING.search(kind_words):
        return True
    return bool(title and _AFTER_BIDDING.search(title))
