"""Pure: a sentence of a money field that is one tier of several, each under its own label.

"Small grants: up to £2,500. Large grants: £2,501–£15,000." is one call's two tiers, written as two
sentences. A cap in a later sentence is read as another thing's ("Up to £100,000 is available this
year."), so the large tier was lost and the call read "up to £2,500". A sentence that opens with a
label naming its grants or tier ("Large grants:", "Tier 2:", "Revenue awards:"), after one that did
too, goes on with the tiers: money.py counts it as the same sentence.
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern

# The label at the sentence's start (or the text's), a few words ending in a colon, naming grants,
# awards or a tier; then at most the figure's own cue ("up to", "from", "between").
_TIER_LABEL = lazy_pattern(
    r"(?:^|[.!?;]\s+)(?=[^.!?;:]{0,40}:)(?:[\w'()-]+\s+){0,3}?(?:grants?|awards?|tier\s*\w{1,3}|"
    r"strand\s*\w{1,3}|band\s*\w{1,3}|stream\s*\w{1,3}|level\s*\w{1,3}|capital|revenue)"
    r"(?:\s*\([^)]{0,30}\))?\s*:\s*(?:(?:up\s+to|from|between|maximum(?:\s+of)?|max\.?|"
    r"minimum(?:\s+of)?|min\.?)\s*)?(?:£|gbp\s?)?$",
    re.IGNORECASE,
)


def tier_label(before: str) -> bool:
    """Whether the words before a figure, since its sentence began, are a tier's label."""
    return _TIER_LABEL.search(before) is not None
