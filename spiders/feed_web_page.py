"""A web page where a feed was expected: said plainly, with the feed the page itself names.

A curator pasting a funder's news page (not its feed) into a `feed` source got feedparser's words,
"malformed feed on …: NonXMLContentType: text/html; charset=utf-8 is not an XML media type", which
says nothing they can act on. A page usually names its feeds in its head
(`<link rel="alternate" type="application/rss+xml" href="…">`), so the problem line names them.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from parsel import Selector

from config.lazy_pattern import lazy_pattern

# The feed types a page's <link rel="alternate"> may name: RSS, Atom, RDF, JSON Feed.
FEED_TYPES = ("rss", "atom", "rdf", "feed+json")


# A page's start, its BOM, comments and XML declaration aside: a doctype or <html>.
PAGE_START = lazy_pattern(
    rb"^\s*(?:\xef\xbb\xbf)?(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
    re.I | re.S,
)


def is_web_page(body: bytes, content_type: str) -> bool:
    """Sent as HTML, or starting as a page does, whatever it was sent as (feedparser calls the one
    NonXMLContentType and the other a SAXParseException, at its first unclosed <link>)."""
    return "html" in content_type.lower() or bool(PAGE_START.match(body[:4096]))


def advertised_feeds(body: bytes, base_url: str) -> list[str]:
    """The http(s) feed addresses a page names in its <link rel="alternate">s, in page order."""
    try:
        page = Selector(text=body.decode("utf-8", "replace"))
    except ValueError:  # not markup parsel can read: no feed named
        return []
    found: list[str] = []
    for link in page.css("link[href]"):
        rel = (link.attrib.get("rel") or "").lower().split()
        kind = (link.attrib.get("type") or "").lower()
        if "alternate" not in rel or not any(word in kind for word in FEED_TYPES):
            continue
        address = urljoin(base_url, link.attrib["href"].strip())
        if address.startswith(("http://", "https://")) and address not in found:
            found.append(address)
    return found


def web_page_problem(url: str, body: bytes, content_type: str) -> str:
    """'not a feed on URL: it answered a web page (text/html), not RSS, Atom or a JSON Feed; …'"""
    kind = content_type.split(";")[0].strip().lower() or "no Content-Type"
    what = f"a web page ({kind})" if "html" in kind else kind
    said = f"not a feed on {url}: it answered {what}, not RSS, Atom or a JSON Feed"
    feeds = advertised_feeds(body, url)
    if feeds:
        return f"{said}; the page names its feed: {', '.join(feeds[:3])}"
    return f"{said}; a site's feed is usually named in its pages' <link rel=\"alternate\">"
