"""Pure: the address a call is stored at once its own page has been read.

A listing's link is how one page reached the call, not always the call's address: a funding
finder's `result?id=311&pos=2&sort=closing` changes with every new fund, and a campaign's
`/spotlight/…` is a second way to the same page. Stored as they were, one call had several
addresses (and several alerts).

So the page's own word wins: its `<link rel="canonical">`, when that names a page of the same host
that is not the listing (on any of its pages), the site's home or a page above this one's path (a
template that hard-codes one of those says the same of every call, nothing of this one). Without one the link is kept as listed, even after a redirect: a
redirect may lead many withdrawn calls to one general page. (A mailing's click tracker, which
names no page at all, is resolved before: spiders/detail_pages.py.)
"""

from __future__ import annotations

from urllib.parse import urlsplit

from spiders.normalise.urls import canonical_url


def own_address(listed: str, answered: str, canonical: str | None, listing: str | None) -> str:
    """`listed`: the call's link (absolute, canonical); `answered`: the page's address after
    redirects; `canonical`: its <link rel="canonical"> href; `listing`: the page that listed it."""
    declared = canonical_url(canonical, answered) if canonical else None
    if declared and _names_this_page(declared, answered, listing):
        return declared
    return listed


def _names_this_page(declared: str, answered: str, listing: str | None) -> bool:
    parts, page = urlsplit(declared), urlsplit(answered)
    if parts.hostname != page.hostname:
        return False  # another site's copy (syndication), or a host not this source's
    if listing is not None and declared == canonical_url(listing):
        return False  # the listing itself
    if parts.query:
        return True  # a page of its own (…/detail.php?id=2041)
    # A template's default names a page above this one, the same for every call: the home page,
    # the section's index (/grants/ over /grants/village-halls), the listing on any of its pages.
    path = parts.path.rstrip("/")
    above = (page.path.rstrip("/") + "/").startswith(path + "/") and path != page.path.rstrip("/")
    listing_path = urlsplit(listing).path.rstrip("/") if listing else None
    return bool(path) and not above and path != listing_path
