"""Pure: a status's words about a later round than the call's own, set aside.

"Open – next round spring 2027", "Open for applications (round 3 opens spring 2027)": the call is
open now and says when the round after it comes. The upcoming words ("next round spring 2027") were
read first and the open call was stored as upcoming, so a council saw it as not yet open and
missed its deadline. Said of a closed call ("Closed – next round summer 2026") the later round is
what is to come, so only when the call's own words, the later round set aside, say open does
open stand (spiders/normalise/status.py).
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

# "next round …", "the next funding round opens …", "round 3 opens …", "a further call is planned …":
# to the end of its clause (a bracket, a stop, a dash or a semicolon ends it).
_LATER_ROUND = lazy_pattern(
    r"\b(?:(?:the\s+|a\s+)?(?:next|new|further|future|following)\s+(?:funding\s+|application\s+|"
    r"bidding\s+|grant\s+)?(?:round|call|window)s?|round\s+(?:\d{1,2}|two|three|four|five|six)\s+"
    # ("Round 2 open now" is the call's own round: a bare "open" names no later one.)
    r"(?=(?:will|is\s+(?:expected|due|planned)\s+to)\s+(?:re-?)?open|(?:re-?)?opens\b|expected\b|due\b))"
    r"[^.;()\[\]–—]*",
    re.IGNORECASE,
)


def without_later_rounds(words: str) -> str | None:
    """The status's words with each later round's clause set aside, or None when none names one."""
    own, count = _LATER_ROUND.subn(" ", words)
    return own if count else None
