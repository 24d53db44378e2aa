"""Whether a sentence only implies who may apply: "The Fund will help councils tackle empty homes",
"… but this competition is aimed at private sector innovators". Such a sentence decides the verdict
when nothing else does, but the quote goes to a later sentence that says it outright ("Only district
and unitary councils may apply", "Eligible applicants are UK registered SMEs"), as a reader looks
under "Who can apply" before the background. Who is paid ("provides funding to local authorities")
or delivers ("delivered by National Park Authorities") is said outright enough.

Asked of most sentences that decide anything, so read by plain substrings first (a regex search of
each took 4 µs, a fifth of the whole sentence's reading): a word that merely contains one ("forbid")
counts as saying it outright, which only keeps the first sentence quoted, as before.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

_IMPLIES = lazy_pattern(
    r"\b(?:helps?|helping|supports?|supporting|aimed\s+at|targeted\s+at|designed\s+(?:to|for)|"
    r"intended\s+(?:to|for))\b",
    re.IGNORECASE,
)


def _says_who(low: str) -> bool:
    """Names applying, applicants, applications, eligibility or bids (spelt out: a generator over a
    tuple of words cost more than the searches)."""
    return "appl" in low or "eligib" in low or "bid" in low


def only_implies(words: str, heading: str | None = None) -> bool:
    """The sentence (or the lead-in it is an item of) helps or aims, and names no applying."""
    low = words.lower()
    if _says_who(low) or heading is not None and _says_who(heading.lower()):
        return False
    implied = "help" in low or "support" in low or "aimed" in low or "targeted" in low
    implied = implied or "designed" in low or "intended" in low
    return implied and _IMPLIES.search(words) is not None
