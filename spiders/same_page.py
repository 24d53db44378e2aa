"""Calls that share one page: a funder's "Our grants" page with a section per programme, each item
linking to its anchor ("#small-grants") or all to the page itself. The canonical URL drops the
fragment, so they would share one identity and all but the first would be lost. Told apart here,
among one listing page's items, and only then: a lone "#apply" on a call's own page changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

from config.lazy_pattern import lazy_pattern
from spiders.items import OpportunitySighting
from spiders.normalise.text import clean_text
from spiders.normalise.urls import canonical_url

_NOT_SLUG = lazy_pattern(r"[^a-z0-9]+")


def tell_apart(sightings: Sequence[OpportunitySighting], page_url: str) -> None:
    """Give each of several calls that link to one page (and name no reference of their own) a
    reference of that page and their anchor, or their title when they have none; normalising then
    links each to its section (spiders/normalise/sighting.py). One call listed twice keeps one."""
    by_page: dict[str, list[OpportunitySighting]] = defaultdict(list)
    for sighting in sightings:
        link = clean_text(sighting.url)
        page = canonical_url(link, page_url) if link and not sighting.ref else None
        if page:
            by_page[page].append(sighting)
    for page, group in by_page.items():
        if len({(s.url, s.title) for s in group}) < 2:
            continue  # one call, or one call listed twice
        sections = [_section(s, page_url) for s in group]
        if len(set(sections)) < 2:
            continue
        for sighting, section in zip(group, sections, strict=True):
            if section:
                sighting.ref = f"{page}#{section}"


def _section(sighting: OpportunitySighting, page_url: str) -> str:
    """The anchor the call links to, else its title as a slug ("" when it has neither)."""
    fragment = urlsplit(urljoin(page_url, clean_text(sighting.url) or "")).fragment
    if fragment:
        return fragment
    return _NOT_SLUG.sub("-", (clean_text(sighting.title) or "").lower()).strip("-")[:80]
