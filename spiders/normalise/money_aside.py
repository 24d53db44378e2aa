"""Pure: pound figures that describe awards without bounding them, so are set aside.

- An average or typical single award ("The average grant is £15,000", "Awards average £20k",
  "Average award: £12,500", "£15,000 on average") is neither a cap nor a floor, and not the size of
  every award either: read as min = max it would hide both the larger and the smaller awards from
  an amount filter. A typical RANGE ("typically £5,000–£10,000") is still the awards' range.
- A cap or range said to hold only in exceptional cases ("Grants up to £50,000 (in exceptional cases
  up to £100,000)", "or exceptionally up to £75,000", "or up to £25,000 in exceptional
  circumstances") is the funder's discretion, not the call's cap: the normal cap stands. Tiers
  that an applicant qualifies for ("or up to £100,000 for partnerships") are not exceptions and
  still widen the call's range.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

# The average word a few words before the figure: "The average grant is", "Awards average",
# "Average award:", "grants averaging", "the typical award is". Bounded ({0,4} words) so that an
# "average" earlier in a long clause ("an average of 12 months, worth £5,000") does not reach it.
_AVERAGE_BEFORE = lazy_pattern(
    r"\b(?:average[sd]?|averaging|on\s+average|mean|median|typical(?:ly)?)\b"
    r"(?:\W+[\w-]+){0,4}?\W*$",
    re.IGNORECASE,
)
# What most awards come to ("No maximum grant, but most awards are under £100,000", "we expect most
# requests to be below £50k") is typical, as an average is: no cap or floor, and no award's size.
# (What most awards range between, like a typical range, is still the range.)
_MOST_BEFORE = lazy_pattern(
    r"\bmost\s+(?:of\s+(?:the|our)\s+)?(?:awards?|grants?|requests?|applications?|bids?|projects?)\b"
    r"(?:\W+[\w-]+){0,4}?\W*$",
    re.IGNORECASE,
)
# "Grants are rarely more than £5,000": what awards seldom pass is typical, as an average is.
_RARELY_BEFORE = lazy_pattern(
    r"\b(?:rarely|seldom)\b(?:\W+[\w-]+){0,3}?\W*$",
    re.IGNORECASE,
)
_AVERAGE_AFTER = lazy_pattern(r"\s*(?:on\s+average|average\b)", re.IGNORECASE)
# "(in exceptional cases up to", ", or exceptionally up to", "by exception": the words since the
# figure before (the caller's window) say this figure is the exception.
_EXCEPTIONAL_BEFORE = lazy_pattern(
    r"\b(?:exceptional(?:ly)?|by\s+exception|in\s+rare\s+cases|only\s+rarely)\b[^.;]*$",
    re.IGNORECASE,
)
_EXCEPTIONAL_AFTER = lazy_pattern(
    # A few words may stand between: "or up to £2 million for sports clubs in exceptional cases".
    r"\s*(?:\(\s*)?(?:[\w-]+\s+){0,4}?(?:(?:in|under|for)\s+(?:(?:very|truly|some)\s+)?exceptional\s+(?:cases|"
    r"circumstances|situations|projects)|by\s+exception|exceptionally)\b"
    # …but not when those words lead on to the exception's own figure: in "£50,000 (in exceptional
    # cases up to £100,000)" the £50,000 is the normal cap.
    r"(?!\s*,?\s*(?:up\s+to|£|gbp|\d|(?:grants?|awards?)\s+of))",
    re.IGNORECASE,
)


def set_aside(text: str, before: str, end: int, kind: str) -> bool:
    """True when the figure (of `kind`, ending at `end`) is an average or an exceptional award."""
    if kind in ("single", "max", "min", "range") and (
        _EXCEPTIONAL_BEFORE.search(before) or _EXCEPTIONAL_AFTER.match(text, end)
    ):
        return True
    if kind in ("single", "max", "min") and (
        _MOST_BEFORE.search(before) or _RARELY_BEFORE.search(before)
    ):
        return True
    return kind == "single" and bool(
        _AVERAGE_BEFORE.search(before) or _AVERAGE_AFTER.match(text, end)
    )
