"""One call a listing links twice, once with a query the other link lacks: a "Featured" strip
above the list whose card links "/grants/green-spaces?ref=featured" (the site counting clicks on
its promotion), the list's own card "/grants/green-spaces". The canonical URL keeps the query (a
`ref`, `from` or `source` may name a call as often as a placement), so each was stored as a call.

The same title on the same path, one link's query the other's plus more, is one call: the plainer
link is kept, its empty fields filled from the other card's (a list card gives more facts than
a promotion, but not always the same ones). The same link twice on one page (a "Closing soon"
carousel's compact card above the list's full one, a carousel's cloned slides) is one call the
same way: the first card is kept, its empty fields filled from the others', where the first used
to be stored alone and the full card's date and money lost. Met on a later page of the same crawl (a strip on
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
    # Each link's identity worked out once, and the page's calls grouped by title and path: a
    # canonical URL per call per comparison cost a big listing page 4 ms.
    by_key: dict[tuple[str, str], list[tuple[int, frozenset[tuple[str, str]]]]] = {}
    for index, (_, identity) in enumerate(named):
        if identity is not None:
            by_key.setdefault(identity[0], []).append((index, identity[1]))
    kept: list[tuple[OpportunitySighting, tuple | None]] = []
    for index, (sighting, identity) in enumerate(named):
        if identity is None:
            kept.append((sighting, None))
            continue
        key, query = identity
        # A plainer link, or the same link earlier on this page (the one kept of its repeats).
        plainer = [
            (len(theirs), other)
            for other, theirs in by_key[key]
            if (other != index and theirs < query) or (other < index and theirs == query)
        ]
        if plainer:
            _fill(named[min(plainer)[1]][0], sighting)  # the plainest link of all is the one kept
        elif not any(earlier < query for earlier in listed.get(key, ())):
            kept.append((sighting, identity))
    for _, identity in kept:
        if identity is not None:
            listed.setdefault(identity[0], []).append(identity[1])
    return [sighting for sighting, _ in kept]


def _fill(kept: OpportunitySighting, dropped: OpportunitySighting) -> None:
    """The kept card's empty fields from the dropped one's."""
    for name in _COPIED:
        if getattr(kept, name) is None and getattr(dropped, name) is not None:
            setattr(kept, name, getattr(dropped, name))
