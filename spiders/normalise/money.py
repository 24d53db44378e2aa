"""Pure: money text as GBP (min, max): '£10k–£50k', 'up to £1.5m', '£2 million'."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from spiders.normalise.text import SPACES

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Words may follow a space ("£2 million"); abbreviations must touch the number ("£2m", not "£2 more").
_MULTIPLIER = r"(?:\s*(?:thousand|million|billion)\b|(?:k|m|mn|bn)\b)"
_MONEY = re.compile(
    rf"(?:£|\bgbp\s?)\s*(?P<num>{_NUMBER})(?P<mult>{_MULTIPLIER})?"
    rf"|(?<![\w.,])(?P<num2>{_NUMBER})(?P<mult2>{_MULTIPLIER})?\s*(?:gbp|pounds|sterling)\b",
    re.IGNORECASE,
)
_BARE_AMOUNT = re.compile(rf"^\s*(?P<num>{_NUMBER})(?P<mult>{_MULTIPLIER})?\s*$", re.IGNORECASE)
# The second half of a range may drop the £: "£10,000 - 50,000", "£1-2 million".
_RANGE_TAIL = re.compile(
    rf"^\s*(?:-|–|—|to|and)\s*(?P<sign>£|gbp\s?)?\s*(?P<num>{_NUMBER})(?P<mult>{_MULTIPLIER})?",
    re.IGNORECASE,
)
_FILLER = r"(?:\s+(?:a|an|the|total|of|award|awards|grant|grants|funding|value|share|:))*"
_MAX_WORDS = re.compile(
    r"(?:up\s+to|maximum|max\.?|no\s+more\s+than|not\s+(?:to\s+)?exceed(?:ing)?|capped\s+at|"
    r"less\s+than|under|as\s+much\s+as|a\s+ceiling\s+of)" + _FILLER + r"\s*:?\s*$",
    re.IGNORECASE,
)
_MIN_WORDS = re.compile(
    r"(?:from|at\s+least|minimum|min\.?|more\s+than|over|starting\s+(?:at|from)|upwards\s+of|"
    r"in\s+excess\s+of|a\s+floor\s+of)" + _FILLER + r"\s*:?\s*$",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"between\s*$", re.IGNORECASE)
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


def parse_money(value: str | None) -> tuple[float | None, float | None]:
    """GBP (min, max) from money text: '£10k–£50k' → (10000, 50000), 'up to £1.5m' → (None, 1500000).

    Only pounds count (a bare number is taken as pounds when it is the whole text). The first
    amount, or range, in the text decides; (None, None) when there is none.
    """
    if not value:
        return None, None
    text = SPACES.sub(" ", str(value))
    bare = _BARE_AMOUNT.match(text)
    if bare:
        amount = _amount(bare["num"], bare["mult"])
        return amount, amount
    match = _MONEY.search(text)
    if not match:
        return None, None
    number, multiplier = (
        (match["num"], match["mult"]) if match["num"] else (match["num2"], match["mult2"])
    )
    first = _amount(number, multiplier)
    if first is None:
        return None, None
    before = text[max(0, match.start() - 60) : match.start()]  # "up to"/"from" sit just before
    after = text[match.end() :]

    tail = _RANGE_TAIL.match(after)
    if tail and (not tail.group(0).strip().lower().startswith("and") or _BETWEEN.search(before)):
        tail_multiplier = tail["mult"]
        second = _amount(tail["num"], tail_multiplier)
        if second is not None and tail_multiplier and not multiplier and not tail["sign"]:
            # "£1-2 million": the multiplier applies to both ends.
            first = _amount(number, tail_multiplier)
        # A bare number smaller than the first is not its range end: "£5,000 - 2026/27 round".
        bare_and_smaller = (
            not tail["sign"] and second is not None and first is not None and second < first
        )
        if second is not None and first is not None and not bare_and_smaller:
            return min(first, second), max(first, second)

    if _MAX_WORDS.search(before):
        return None, first
    if _MIN_WORDS.search(before) or after.startswith("+"):
        return first, None
    return first, first


def _amount(number: str, multiplier: str | None) -> float | None:
    word = (multiplier or "").strip().lower()
    try:
        # Decimal keeps "£1.3 million" at exactly 1300000 rather than 1299999.9999999998.
        amount = float(Decimal(number.replace(",", "")) * _FACTORS[word])
    except (InvalidOperation, KeyError):
        return None
    return amount if math.isfinite(amount) else None  # a run of digits too long for a float
