"""`sources try` shows each call once, as a crawl stores it: the store pipeline keeps the first
of each identity (spiders/pipelines.py) and passes over a repeat met on a later page."""

from __future__ import annotations

from spiders.items import OpportunitySighting
from storage.sighting import Sighting


def first_of_each(
    records: list[tuple[OpportunitySighting, Sighting]],
) -> list[tuple[OpportunitySighting, Sighting]]:
    """Each call once, as first met: a crawl stores the first of each identity and passes over
    its repeats (a "Closing soon" carousel on every page, its cards shorter than the list's), so
    try neither lists them again nor counts their empty fields in the fill rates. Items with no
    address are all kept: each is said to be one a crawl would not store."""
    seen: set[str] = set()
    kept = []
    for raw, item in records:
        if item.identity and item.identity in seen:
            continue
        seen.add(item.identity)
        kept.append((raw, item))
    return kept
