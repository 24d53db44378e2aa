"""Pure: one written figure and its multiplier as pounds ("1.3", "million" → 1300000.0)."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

# Thousands parted by commas or by spaces ("£3 000 000"; a page's no-break and narrow no-break
# spaces are plain spaces by now): a group is three digits and no more, so "£10 2027" is £10.
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?"
# Words may follow a space ("£2 million"); abbreviations must touch the number ("£2m", not "£2 more").
# "bn" and "mn" are no English word, so they may stand apart ("£ 1.5 bn").
MULTIPLIER = r"(?:\s*(?:thousand|million|billion)\b|(?:k|m|mn|bn)\b|\s(?:mn|bn)\b)"
# A pound figure with its sign ("£2m", "GBP 250,000"), its number and multiplier named for
# pounds_of; POUND_SIZE is the same without the names, for a pattern that holds several.
POUND = r"(?:£|gbp\s?)\s*"
POUND_FIGURE = rf"{POUND}(?P<num>{NUMBER})(?P<mult>{MULTIPLIER})?"
POUND_SIZE = rf"{POUND}(?:{NUMBER})(?:{MULTIPLIER})?"

_FACTORS = {
    "": 1,
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}


def pounds_of(number: str, multiplier: str | None) -> float | None:
    """The figure ("1,500", "2 500", "1.3") times its multiplier word; None when it does not read."""
    word = (multiplier or "").strip().lower()
    try:
        # Decimal keeps "£1.3 million" at exactly 1300000 rather than 1299999.9999999998.
        amount = float(Decimal(number.replace(",", "").replace(" ", "")) * _FACTORS[word])
    except (InvalidOperation, KeyError):
        return None
    return amount if math.isfinite(amount) else None  # a run of digits too long for a float
