"""Whether a sentence only implies who may apply: "The Fund will help councils tackle empty homes",
"… but this competition is aimed at private sector innovators". Such a sentence decides the verdict
when nothing else does, but the quote goes to a later sentence that says it outright ("Only district
and unitary councils may apply", "Eligible applicants are UK registered SMEs"), as a reader looks
under "Who can apply" before the background. Who is paid ("provides funding to local authorities")
or delivers ("delivered by National Park Authorities") is said outright enough.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
_IMPLIES = re.compile(
    r"\b(?:helps?|helping|supports?|supporting|aimed\s+at|targeted\s+at|designed\s+(?:to|for)|"
    r"intended\s+(?:to|for))\b",
    _I,
)
_SAYS_WHO = re.compile(
    r"\b(?:apply|applying|applicants?|applications?|eligib\w*|ineligible|bids?|bidding|bidders?)\b",
    _I,
)


def only_implies(words: str, heading: str | None = None) -> bool:
    """The sentence (or the lead-in it is an item of) helps or aims, and names no applying."""
    return bool(
        _IMPLIES.search(words)
        and not _SAYS_WHO.search(words)
        and not (heading and _SAYS_WHO.search(heading))
    )
