"""One call a listing links twice, once with a query the other link lacks: a "Featured" strip
above the list whose card links "/grants/green-spaces?ref=featured" (the site counting clicks on
its promotion), the list's own card "/grants/green-spaces". The canonical URL keeps the query (a
`ref`, `from` or `source` may name a call as often as a placement), so each was stored as a call.

The same title on the same path, one link's query the other's plus more, is one call: the plainer
link is kept, its empty fields filled from the other card's (a list card gives more facts than
a promotion, but not always the same ones). The same link twice on one page (a "Closing soon"
carousel's compact card above the list's full one, a carousel's cloned slides) is one call the
same way: the first card is kept, its empty fields filled from the others', where the first used
to be stored alone and the full card's date and money lost. Who can apply is both cards' words
together (a fund shown in each of its applicants' tabs says in each only that tab's applicants). Met on a later page of the same crawl (a strip on
every page), the link with more in its query is dropped too; the other way round, the first is
already yielded, so both stay.

A call filed under a category may be linked by its category's path too: a council's funding page
links "/funding/warm-homes-grant" and its "Housing grants" page "/funding/housing/warm-homes-grant"
(one page, two aliases). The same title ending in the same slug, one path the other's with
segments put in before that slug (words only: "/funding/2025/small-grants" may be another round),
is one call the same way, kept under the shorter path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from sys import intern
from urllib.parse import parse_qsl, urlsplit

from config.lazy_pattern import lazy_pattern
from spiders.items import OpportunitySighting
from spiders.normalise.text import clean_text, one_after_another
from spiders.normalise.urls import canonical_url

# A call listed earlier in this crawl: (its title as compared, its link's scheme and host, the
# path's last segment and whether it ends in "/") → where it was linked: each (path segments,
# query as a set of name=value pairs).
Key = tuple[str, str, str, bool]
Where = tuple[tuple[str, ...], frozenset[tuple[str, str]]]
Listed = dict[Key, list[Where]]
_COPIED = [f.name for f in fields(OpportunitySighting) if f.name not in ("url", "ref", "tags")]
_DIGIT = lazy_pattern(r"\d")
_NO_QUERY: frozenset[tuple[str, str]] = frozenset()


def _identity(sighting: OpportunitySighting, page_url: str) -> tuple[Key, Where] | None:
    if sighting.ref:  # the source's own id names it: its link is not what identifies it
        return None
    title = (clean_text(sighting.title) or "").casefold()
    link = canonical_url(clean_text(sighting.url), page_url)
    if not title or not link:
        return None
    parts = urlsplit(link)
    # Kept for every call of the crawl (a generated site's 50,000 too): an empty query is one shared
    # set, and the host and the path's words are interned, so a call costs little more than its slug.
    query = frozenset(parse_qsl(parts.query, keep_blank_values=True)) if parts.query else _NO_QUERY
    segments = tuple(intern(segment) for segment in parts.path.split("/") if segment)
    last = segments[-1] if segments else ""
    key = (title, intern(f"{parts.scheme}://{parts.netloc}"), last, parts.path.endswith("/"))
    return key, (segments, query)


def _inserted(shorter: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    """Whether `longer` is `shorter` with segments put in (a category's), none with a digit."""
    if len(shorter) >= len(longer):
        return False
    extra, position = [], 0
    for segment in longer:
        if position < len(shorter) and segment == shorter[position]:
            position += 1
        else:
            extra.append(segment)
    return position == len(shorter) and not any(_DIGIT.search(segment) for segment in extra)


def _plainer(theirs: Where, ours: Where) -> bool:
    """Whether `theirs` links the same call more plainly: less in the same path's query, or the
    path without a category's segments (and no more in its query)."""
    (their_path, their_query), (our_path, our_query) = theirs, ours
    if their_path == our_path:
        return their_query < our_query
    return their_query <= our_query and _inserted(their_path, our_path)


def once_each(
    sightings: Sequence[OpportunitySighting], page_url: str, listed: Listed
) -> list[OpportunitySighting]:
    """The page's calls with each listed twice kept once (see above); `listed` is updated with
    what this page keeps, for the crawl's later pages."""
    named = [(sighting, _identity(sighting, page_url)) for sighting in sightings]
    # Each link's identity worked out once, and the page's calls grouped by title and slug: a
    # canonical URL per call per comparison cost a big listing page 4 ms.
    by_key: dict[Key, list[tuple[int, Where]]] = {}
    for index, (_, identity) in enumerate(named):
        if identity is not None:
            by_key.setdefault(identity[0], []).append((index, identity[1]))
    kept: list[tuple[OpportunitySighting, tuple | None]] = []
    for index, (sighting, identity) in enumerate(named):
        if identity is None:
            kept.append((sighting, None))
            continue
        key, where = identity
        # A plainer link, or the same link earlier on this page (the one kept of its repeats).
        plainer = [
            (len(theirs[0]), len(theirs[1]), other)
            for other, theirs in by_key[key]
            if (other != index and _plainer(theirs, where)) or (other < index and theirs == where)
        ]
        if plainer:
            _fill(named[min(plainer)[2]][0], sighting)  # the plainest link of all is the one kept
        elif not any(_plainer(earlier, where) for earlier in listed.get(key, ())):
            kept.append((sighting, identity))
    for _, identity in kept:
        if identity is not None:
            seen = listed.setdefault(identity[0], [])
            if identity[1] not in seen:  # a strip on every page would add itself again each page
                seen.append(identity[1])
    return [sighting for sighting, _ in kept]


def _fill(kept: OpportunitySighting, dropped: OpportunitySighting) -> None:
    """The kept card's empty fields from the dropped one's; who can apply from both."""
    for name in _COPIED:
        if getattr(kept, name) is None and getattr(dropped, name) is not None:
            setattr(kept, name, getattr(dropped, name))
    kept.eligibility = _both_say(kept.eligibility, dropped.eligibility)


def _both_say(kept: object, dropped: object) -> object:
    """Who can apply as both copies say it. A page of tabs by applicant ("Community groups", "Town
    and parish councils") shows one fund in each tab it is open to, each copy naming only that
    tab's applicants: the first alone stored a fund the councils' tab offers as one no council
    may apply to. A copy that says no more than the other (a featured strip's shorter card) adds
    nothing."""
    if not isinstance(kept, str) or not isinstance(dropped, str):
        return kept
    ours, theirs = " ".join(kept.split()), " ".join(dropped.split())
    if not theirs or theirs.casefold() in ours.casefold():
        return kept
    if ours.casefold() in theirs.casefold():
        return dropped
    return one_after_another(ours, theirs)
