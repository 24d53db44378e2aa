"""A cookie consent wall: a site that answers a visitor without its cookie with a page holding
only the consent form, and sets the cookie as it does.

A browser passes it once and never sees it again, so the curator writes the entry for the page
behind it; the crawl's first answer then matched no items and failed, "the page layout may have
changed", about a layout that had not. The crawl keeps cookies (Scrapy's cookie middleware, as
`sources try` keeps them), so a page that matched nothing and set a cookie is asked once more, with
it. A wall that still answers (one that needs a click, a script's consent) is said as such.
"""

from __future__ import annotations

from scrapy.http import Request, Response

PAST_WALL = "consent_retry"  # meta: this request is the one asked again with the cookie


def ask_past_wall(response: Response) -> Request | None:
    """The same request once more when its answer matched nothing and set a cookie; None when it
    set none, or when this was already the second asking."""
    request = response.request
    if request is None or request.meta.get(PAST_WALL) or not response.headers.getlist("Set-Cookie"):
        return None
    return request.replace(dont_filter=True, meta={**request.meta, PAST_WALL: True})


def wall_words(response: Response) -> str:
    """What the problem adds for a page asked again with its cookie and still matching nothing."""
    request = response.request
    if request is None or not request.meta.get(PAST_WALL):
        return ""
    return (
        ", or it is a cookie consent page: it set a cookie and, asked again with it, answered the"
        " same (a consent that needs a click or a script cannot be given by fundwatch; look for"
        " the same calls in a feed or an API)"
    )
