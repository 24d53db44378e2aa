"""Pure: a pot with each award's size beside it in brackets, "£2.5m (£500k per project)".

A prospectus's funding line often gives the whole fund and, in brackets, what one project gets:
"£4m (up to £250,000 per scheme)", "£10m (£1m–£2m per project)", "£2.5 million (maximum award
£500,000)". Read alone, the first figure is a bare one, which is taken for one award (min = max):
the award came out as the whole £2.5m, or the pot was lost beside the bracket's cap. A bracket that
gives a smaller figure as each award's makes the figure before it the pot. A bracket that gives
another tier ("£15,000 (or £30,000 for joint bids)", "(£2,500 for individuals)") or an exception
("(in exceptional cases up to £100,000)") names no award of each project and leaves it alone.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.normalise.money_number import POUND_FIGURE, pounds_of

# The bracket opens straight after the figure; its words say each award's cap before the figure
# ("up to", "maximum award", "max grant") or its share after it ("per project", "each", "max per grant").
_ASIDE = lazy_pattern(
    r"\s*\(\s*(?P<cap>(?:up\s+to|max(?:imum)?(?:\s+(?:award|grant))?:?|a\s+maximum\s+of)\s+)?"
    rf"{POUND_FIGURE}(?P<rest>[^()]{{0,50}})\)",
    re.IGNORECASE,
)
_EACH = lazy_pattern(r"\b(?:per|each|max(?:imum)?)\b", re.IGNORECASE)


def pot_before_award(text: str, end: int, first: float) -> bool:
    """Whether the figure `first` (ending at `end`) is a pot, its bracket after it giving each award."""
    aside = _ASIDE.match(text, end)
    if aside is None:
        return False
    if not aside["cap"] and not _EACH.search(aside["rest"]):
        return False
    award = pounds_of(aside["num"], aside["mult"])
    return award is not None and award < first
