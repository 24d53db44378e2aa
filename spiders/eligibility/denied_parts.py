"""The parts of a list, parted by semicolons, that deny what they name: "Eligible organisations must:
be based in Northern Ireland; not be a council or other public body" (moved out of reading.py when
it reached its size).
"""

from __future__ import annotations

import re

from config.lazy_pattern import lazy_pattern
from spiders.eligibility.mentions import Span

# "- not be a public body such as a council": an item, or a part, that denies.
NOT_ITEM = lazy_pattern(r"(?:must\s+|should\s+)?(?:not|never)\s+(?:be|include)\b", re.IGNORECASE)


def denied_parts(sentence: str, start: int, end: int) -> list[Span]:
    """ "Eligible organisations must: be based in Northern Ireland; not be a council or other public
    body": the parts of a list, parted by semicolons, that their own "not be" denies (a bulleted
    item saying so is read with its lead-in: by_lead_in below)."""
    parts, left = [], start
    while (cut := sentence.find(";", left, end)) >= 0:
        parts.append((left, cut))
        left = cut + 1
    parts.append((left, end))
    denied = []
    for a, b in parts:
        while a < b and sentence[a].isspace():
            a += 1
        if NOT_ITEM.match(sentence, a, b):
            denied.append((a, b))
    return denied
