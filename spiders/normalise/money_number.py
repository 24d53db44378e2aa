"""Pure: one written figure and its multiplier as pounds ("1.3", "million" → 1300000.0)."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

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
