"""Pure: the pages a listing page embeds in an `<iframe>`, named when it matched no items.

A council often shows a list kept by someone else (its council for voluntary service's funding
directory, a grants portal's programme list) in an `<iframe src>` on its own page. A browser's
Inspect shows the embedded rows as if they were the page's, so a curator copies their selectors
and points the entry at the council's address; fundwatch reads the page the address answers, in
which the frame is only its address (a crawl never loads frames, as it runs no scripts), and the
run failed "no items matched … the page layout may have changed", naming no cause. The problem
names the frame's address now, the page the entry should read (README: "A list embedded from
another site").

Frames that hold no listing are left out: Google Tag Manager's `<noscript>` frame (on most council
pages), video, maps and social media widgets, and `about:`/`javascript:` frames.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from parsel import Selector

from config.lazy_pattern import lazy_pattern

_NOT_A_LIST = (
    "googletagmanager.com",
    "doubleclick.net",
    "youtube.com",
    "youtube-nocookie.com",
    "vimeo.com",
    "maps.google.com",
    "maps.google.co.uk",
    "facebook.com",
    "twitter.com",
    "x.com",
    "instagram.com",
    "linkedin.com",
    "soundcloud.com",
    "spotify.com",
    "recaptcha.net",
)
# Google's own hosts embed maps and reCAPTCHA by path; docs.google.com (a published Sheet or Doc,
# which may well be the list) is kept.
_GOOGLE_WIDGET = lazy_pattern(r"^(?:www\.)?google\.[a-z.]+$")
_SHOWN = 3


def frame_addresses(selector: Selector, urljoin) -> list[str]:  # noqa: ANN001
    """The absolute addresses of the page's `<iframe>`s that may hold its list, in page order,
    each once."""
    found: list[str] = []
    for src in selector.xpath("//iframe[not(ancestor::noscript)]/@src").getall():
        src = src.strip()
        if not src or src.lower().startswith(("about:", "javascript:", "data:", "#")):
            continue
        address = urljoin(src)
        host = (urlsplit(address).hostname or "").lower()
        if any(host == name or host.endswith("." + name) for name in _NOT_A_LIST):
            continue
        if _GOOGLE_WIDGET.match(host) and urlsplit(address).path.startswith(
            ("/maps", "/recaptcha")
        ):
            continue
        if address not in found:
            found.append(address)
    return found


def frame_words(selector: Selector, urljoin) -> str:  # noqa: ANN001
    """What the "no items matched" problem adds for a page that embeds others; "" for none."""
    frames = frame_addresses(selector, urljoin)
    if not frames:
        return ""
    named = ", ".join(frames[:_SHOWN]) + (
        f" and {len(frames) - _SHOWN} more" if len(frames) > _SHOWN else ""
    )
    return (
        f"; the page embeds {named} in an <iframe>, which fundwatch does not load: if the calls "
        "are shown there, put that address in urls (README: A list embedded from another site)"
    )
