"""Pure: a list of fixed grant sizes, "£1,000, £2,500 or £5,000", read as one award's range.

A funder offering set sizes lists them, the last after "or" ("Groups may apply for £1,000, £2,500
or £5,000", "Fixed grants of £300 or £500"), "and" ("three sizes: £1,000, £2,500 and £5,000") or a
slash ("£1k / £2.5k / £5k"). Read as its first figure, such a list stored £1,000 as
the award (min = max), and a subscription's min_amount of £2,000 dropped a call that offers £5,000.
What one award can be runs from the smallest size to the largest, as several tiers' caps give the
highest. A size with its own words between ("Up to £20k (revenue) or £50k (capital)", "£15,000 (or
£30,000 for joint bids)") is no plain list and keeps its reading (money.py).
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.normalise.money_number import POUND_FIGURE, POUND_SIZE, pounds_of

# Sizes parted by commas, the last by "or" ("£300 or £500"), or by "and" after a comma ("£250, £500
# and £1,000": a bare "£1m and £2m" may be two things); or two or more parted by slashes ("£1k /
# £2.5k / £5k", "£1,000 / £10,000": a pair is the smallest and the largest award, which it was first
# feared a minimum and a maximum might be, and those are the same range; read as its first figure
# alone, the pair lost its top). Not a date's or a longer number's start after.
_LIST_TAIL = lazy_pattern(
    rf"(?:(?:\s*,\s*{POUND_SIZE})*\s*,?\s+or\s+|(?:\s*,\s*{POUND_SIZE})+\s*,?\s+and\s+|(?:\s*/\s*{POUND_SIZE})*\s*/\s*)"
    rf"{POUND_SIZE}(?![\d/]|[.,]\d)",
    re.IGNORECASE,
)
_ONE = lazy_pattern(POUND_FIGURE, re.IGNORECASE)


def fixed_sizes(text: str, end: int, first: float) -> tuple[float, float, int] | None:
    """The list's smallest and largest size and where it ends, when a list of sizes follows the
    figure `first` ending at `end`; None otherwise."""
    tail = _LIST_TAIL.match(text, end)
    if tail is None:
        return None
    sizes = [first, *(pounds_of(m["num"], m["mult"]) for m in _ONE.finditer(tail[0]))]
    if None in sizes:
        return None
    return min(sizes), max(sizes), tail.end()
