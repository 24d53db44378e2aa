"""Pure: each kind of money named before its own figure ("Revenue £10k, capital £50k", "Revenue:
£10,000; Capital: £50,000"), a key-facts line giving each kind's cap.

The revenue figure was read as an applicant's revenue (money_offer.py) and dropped, or the first
bare figure stood as the award, so the field read as a fixed £50,000 award, or a fixed £10,000
one with the capital cap lost. Each is a cap, the higher standing, as "up to £20k (revenue) or £50k
(capital)" is. A kind named after its figure ("£3m capital, £500k revenue") is one pot in two
kinds of money (money.py), and stays so.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_KIND = r"(?:\s+(?:grants?|funding|awards?))?\s*[:\-–]?\s*(?:up\s+to\s+)?"
_BEFORE = lazy_pattern(rf"\b(?P<kind>capital|revenue){_KIND}$", re.IGNORECASE)
_OTHER = {
    "capital": lazy_pattern(rf"\brevenue{_KIND}£", re.IGNORECASE),
    "revenue": lazy_pattern(rf"\bcapital{_KIND}£", re.IGNORECASE),
}


def kind_cap(text: str, before: str) -> bool:
    """The figure after `before` is one kind's, and the other kind names a figure of its own."""
    found = _BEFORE.search(before)
    return bool(found) and _OTHER[found["kind"].lower()].search(text) is not None
