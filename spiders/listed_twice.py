"""One call a listing links twice, once with a query the other link lacks: a "Featured" strip
above the list whose card links "/grants/green-spaces?ref=featured" (the site counting clicks on
its promotion), the list's own card "/grants/green-spaces". The canonical URL keeps the query (a
`ref`, `from` or `source` may name a call as often as a placement), so each was stored as a call.

The same title on the same path, one link's query the other's plus more, is one call: the plainer
link is kept, its empty fields filled from the other card's (a list card gives more facts than
a promotion, but not always the same ones). Met on a later page of the same crawl (a strip on
every page), the link with more in its query is dropped too; the other way round, the first is
already yielded, so both stay.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from urllib.parse import parse_qsl, urlsplit

from spiders.items import OpportunitySighting
from spiders.normalise.text import clean_text
from spiders.normalise.urls import canonical_url

# A call listed earlier in this crawl: (its title as compared, its link's scheme, host and path)
# → each query (as a set of name=value pairs) it was linked with.
Listed = dict[tuple[str, str], list[frozenset[tuple[str, str]]]]
_COPIED = [f.name for f in fields(OpportunitySighting) if f.name not in ("url", "ref", "tags")]


def _identity(
    sighting: OpportunitySighting, page_url: str
) -> tuple[tuple[str, str], frozenset[tuple[str, str]]] | None:
    if sighting.ref:  # the source's own id names it: its link is not what identifies it
        return None
    title = (clean_text(sighting.title) or "").casefold()
    link = canonical_url(clean_text(sighting.url), page_url)
    if not title or not link:
        return None
    parts = urlsplit(link)
    query = frozenset(parse_qsl(parts.query, keep_blank_values=True))
    return (title, f"{parts.scheme}://{parts.netloc}{parts.path}"), query


def once_each(
    sightings: Sequence[OpportunitySighting], page_url: str, listed: Listed
) -> list[OpportunitySighting]:
    """The page's calls with each listed twice kept once (see above); `listed` is updated with
    what this page keeps, for the crawl's later pages."""
    named = [(sighting, _identity(sighting, page_url)) for sighting in sightings]
    kept: list[OpportunitySighting] = []
    for sighting, identity in named:
        if identity is None:
            kept.append(sighting)
            continue
        key, query = identity
        plainer = [
            (len(theirs[1]), index)
            for index, (other, theirs) in enumerate(named)
            if other is not sighting and theirs and theirs[0] == key and theirs[1] < query
        ]
        if plainer:
            _fill(named[min(plainer)[1]][0], sighting)  # the plainest link of all is the one kept
        elif not any(earlier < query for earlier in listed.get(key, ())):
            kept.append(sighting)
    for sighting in kept:
        if (identity := _identity(sighting, page_url)) is not None:
            listed.setdefault(identity[0], []).append(identity[1])
    return kept


def _fill(kept: OpportunitySighting, dropped: OpportunitySighting) -> None:
    """The kept card's empty fields from the dropped one's."""
    for name in _COPIED:
        if getattr(kept, name) is None and getattr(dropped, name) is not None:
            setattr(kept, name, getattr(dropped, name))
