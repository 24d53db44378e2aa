"""A bid signed by a council's own statutory officer is the council's bid: "The Section 151 officer
of the lead authority must sign the bid", "Applications must be certified by your s151 officer".
The Section 151 officer is the chief finance officer every local authority must appoint (Local
Government Act 1972, s.151), so whoever needs that signature is a council applying; the sentence
may name no council at all. A monitoring officer or a chief executive is no such sign: other bodies
have them too.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_I = re.IGNORECASE
_OFFICER = lazy_pattern(r"\b(?:section|s\.?)\s*151\s+officers?\b", _I)
# Signing or certifying what is sent in, either side of the officer, within the sentence's reach.
_SIGNS = lazy_pattern(
    r"\b(?:sign(?:s|ed|ing)?(?:[\s-]+off)?|countersign(?:s|ed)?|certif(?:y|ies|ied)|endorse[sd]?|"
    r"approve[sd]?|confirm(?:s|ed)?)\b",
    _I,
)
_SENT_IN = lazy_pattern(
    r"\b(?:bids?|applications?|proposals?|submissions?|declarations?|expressions?\s+of\s+interest|"
    r"business\s+cases?|returns?)\b",
    _I,
)
_REACH = 120


def council_signs(sentence: str) -> bool:
    """Whether the sentence has a Section 151 officer sign or certify a bid or application."""
    officer = _OFFICER.search(sentence)
    if officer is None:
        return False
    start, end = max(0, officer.start() - _REACH), officer.end() + _REACH
    return bool(_SIGNS.search(sentence, start, end) and _SENT_IN.search(sentence, start, end))
