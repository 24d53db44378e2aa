"""An index's cross-references: an entry that only points at a call listed under its own name.

A council's "Grants A to Z" lists each grant under its name with its facts, and again under the
names people look for it by ("Footpath grants – see Parish Paths Grants", "Small grants – see
Community Chest"), linking the same page with nothing else; nothing in the markup tells the two
apart. Calls that share a link under different titles are told apart (same_page.py), so each
cross-reference was stored as a call of its own, and the grant itself moved to a "#section" of
its page. Among one listing page's calls sharing a link, an entry with no fact at all (no
summary, date, money, status or applicants, or only "see …" words) beside one that has facts is
that call again, and is dropped. Calls sharing a link that all give facts (the rounds of one
programme) or none (an index of names only) are left as they were.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from config.lazy_pattern import lazy_pattern
from spiders.items import OpportunitySighting
from spiders.normalise.text import clean_text
from spiders.normalise.urls import canonical_url

# What a call says of itself; a cross-reference says none of it.
_FACTS = ("summary", "opens", "closes", "amount", "amount_min", "amount_max", "fund_total")
_FACTS += ("status", "eligibility")
_SEE = lazy_pattern(r"^[\s\-\u2013\u2014:(]*see\b", re.IGNORECASE)  # "– see Parish Paths Grants"


def without_cross_references(
    sightings: Sequence[OpportunitySighting], page_url: str
) -> list[OpportunitySighting]:
    """The page's calls without the entries that only point at another of them (see above)."""
    if all(_has_facts(s) for s in sightings):
        return list(sightings)  # only a call with no facts is dropped: none here (most pages)
    by_link: dict[str, list[OpportunitySighting]] = defaultdict(list)
    for sighting in sightings:
        link = clean_text(sighting.url) if isinstance(sighting.url, str) else None
        page = canonical_url(link, page_url) if link and not sighting.ref else None
        if page:
            by_link[page].append(sighting)
    dropped: set[int] = set()
    for group in by_link.values():
        if len(group) < 2 or len({clean_text(s.title) for s in group}) < 2:
            continue
        bare = [s for s in group if not _has_facts(s)]
        if bare and len(bare) < len(group):
            dropped.update(id(s) for s in bare)
    return [s for s in sightings if id(s) not in dropped]


def _has_facts(sighting: OpportunitySighting) -> bool:
    for name in _FACTS:
        value = getattr(sighting, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, str) and _SEE.match(value):
            continue  # "– see Community Chest": the pointer, not a fact
        return True
    return False
