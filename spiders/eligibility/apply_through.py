"""Pure: who applies "through" another, named as the applicant.

"Villages without a parish council can apply through a constituted community group": the group
makes the application, for a place that has no council (README: a place without a council names
none). The subject ("Villages …") is no kind of applicant, so the sentence read as saying nothing
(`unclear`) though it names who applies. Only a route that is itself an applicant other than a
council is put in the subject's place: "Businesses can apply through their local council" sends
them to the council that runs the fund (clauses.py), and "apply through the online portal" names
no one, so both are left as written; so is a subject that is itself an applicant ("Local
authorities in Scotland should apply through their Regional Transport Partnership": the councils
still apply, the partnership carries their bids).
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.applicants import OTHER_APPLICANT
from spiders.eligibility.mentions import council_mentions

_THROUGH = lazy_pattern(
    r"^[^;:]*?\b(?P<verb>can|may|could|should|must|will\s+need\s+to|need\s+to)\s+(?:only\s+)?apply\s+"
    r"(?:through|via)\s+(?P<who>(?:an?|the|their|its|your|a\s+local)\s+(?:[\w'’-]+\s+){0,3}?)"
    r"(?P<kind>[\w'’-]+(?:\s+[\w'’-]+)?)(?=\s*(?:[.;,]|$))",
    re.IGNORECASE,
)

_GATE = lazy_pattern(r"apply\s+(?:through|via)\b", re.IGNORECASE)
_KIND = lazy_pattern(rf"\b(?:{OTHER_APPLICANT.pattern})$", re.IGNORECASE)


def through_applicant(sentence: str) -> str | None:
    """The sentence with the applicant it applies through as its subject, or None."""
    if _GATE.search(sentence) is None:
        return None  # most sentences apply through nothing: one cheap look, not _THROUGH's scan
    found = _THROUGH.match(sentence)
    if found is None:
        return None
    subject = sentence[: found.start("verb")]
    if council_mentions(subject) or OTHER_APPLICANT.search(subject):
        return None
    named = found["who"] + found["kind"]
    if _KIND.search(named) is None:
        return None
    return f"{named} {found['verb']} apply{sentence[found.end() :]}"
