"""Pure: the canonical absolute http(s) URL that identifies a page (no tracking, no fragment)."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

from config.lazy_pattern import lazy_pattern
from spiders.normalise.click_redirect import click_target, subscriber_params
from spiders.normalise.text import as_text, clean_text

# Tracking and session ids: a page is the same page whoever followed which link, in which session.
# HubSpot's _hsenc/_hsmi and Mailchimp's mc_eid name the subscriber an email went to; Liferay's
# p_p_auth is a session's token.
_TRACKING_PARAMS = {
    "gclid", "fbclid", "mc_cid", "mc_eid", "_ga", "_gl", "msclkid", "ref_src",
    "jsessionid", "phpsessid", "sessionid", "session_id", "sid_token",
    "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking", "mkt_tok", "igshid",
    "yclid", "dclid", "twclid", "ttclid", "p_p_auth", "p_auth",
}  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "aspsessionid")
# A bare `sid` may be a page's own id ("?sid=4"); one of 16 or more letters and digits with a digit
# in it is a session's (an old PHP module's sid=<32 hex>), different for every visitor.
_SESSION_SID = lazy_pattern(r"(?=[a-z]*\d)[0-9a-z]{16,}", re.IGNORECASE)
# A cache-buster: the time the page was written, added so no cache answers (jQuery's `cache: false`
# appends `_=<epoch ms>`; a CMS's `cb=`, `nocache=`, `ts=`). It changes with every answer, so a call
# linked with one was a new call every crawl (and the old link withdrawn). Only an epoch time in
# seconds or milliseconds: `ts=2` or `t=grants` may mean something.
_CACHE_BUSTERS = {
    "_", "__", "cb", "cachebuster", "cache_buster", "cachebust", "nocache", "nc", "ts", "_ts",
    "_t", "timestamp", "time", "rnd", "rand",
}  # fmt: skip
_EPOCH = lazy_pattern(r"1\d{9}(?:\d{3})?")
# A Liferay portlet's way back to the page that listed an asset (`_<portlet id>_redirect`,
# `…_backURL`): which page and which portlet the visitor came from, not the asset; one asset
# listed by two portlets, or on page 2 next week, is one page.
_BACK_LINK = lazy_pattern(r"_\w+_(?:redirect|backurl)", re.IGNORECASE)
# A Java servlet's session id rides in the path: "/detail.aspx;jsessionid=ABC123?id=77".
_PATH_SESSION = lazy_pattern(r";(?:jsessionid|phpsessid|sessionid)=[^/;?#]*", re.IGNORECASE)
# Browsers drop tab/CR/LF anywhere in a URL and C0 controls/space at its ends: "\tjava\nscript:" is javascript:.
_URL_NOISE = lazy_pattern(r"[\t\r\n]")
_URL_EDGES = "".join(chr(c) for c in range(0x21)) + "\u00a0"
_HOST = lazy_pattern(
    r"[a-z0-9._-]+|[0-9a-f:.]*:[0-9a-f:.]*"
)  # a name (punycode after canonicalising) or IPv6
_DEFAULT_PORTS = {"http": 80, "https": 443}
# An address w3lib would give back unchanged: a lower-case ASCII host of whole labels, no port, a
# path of unreserved characters (nothing to escape, no %-escape to normalise) with no dot segment
# and no empty one, no query. Most links are; w3lib's canonicalising took ~10 µs of every new link's
# ~25 µs. tests/test_url_speed.py checks w3lib agrees on thousands of them.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_PLAIN_ORIGIN = rf"https?://{_LABEL}(?:\.{_LABEL})*"
_PLAIN_PATH = r"/(?:(?!\.\.?(?:/|\Z))[A-Za-z0-9._~-]++/?)*"
_CANONICAL = lazy_pattern(_PLAIN_ORIGIN + _PLAIN_PATH)
# A page's origin before its path, query or fragment (no port, no credentials), and a link that is
# a plain path on it: joined, they are the canonical address, with no need to join or split them.
_BASE_ORIGIN = lazy_pattern(rf"({_PLAIN_ORIGIN})(?=[/?#]|\Z)")
_PATH_LINK = lazy_pattern(_PLAIN_PATH)


def canonical_url(url: str | None, base: str | None = None) -> str | None:
    """The absolute http(s) URL that identifies a page: no fragment, tracking or credentials; sorted query.

    Anything that is not http/https after joining with `base` (javascript:, mailto:, data:, a
    scheme-relative //host without base, a bad host) is None.
    """
    url, base = as_text(url), as_text(base)  # a list from a source is unhashable
    return _plain(url, base) or _canonical_url(url, base)


def _plain(url: str | None, base: str | None) -> str | None:
    """The canonical address of a plain link (see _CANONICAL) that _canonical_url would give, found
    without joining, splitting and rebuilding it (~10 µs a new link): a path on a plain origin, or
    a plain https address. Not an http one beside a base (it may be the base's own host, which
    _canonical_url moves to https), nor one that may be a click tracker's token ("eyJ")."""
    if not url or "eyJ" in url:
        return None
    if url[0] == "/":
        if base and _PATH_LINK.fullmatch(url) and (origin := _BASE_ORIGIN.match(base)):
            return origin[1] + url
        return None
    if (url.startswith("https:") or not base) and _CANONICAL.fullmatch(url):
        return url
    return None


@lru_cache(maxsize=16384)  # w3lib's canonicalising costs ~100 µs; pages repeat their links
def _canonical_url(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    text = _URL_NOISE.sub("", str(url)).strip(_URL_EDGES)
    if not text:
        return None
    if base:
        base_text = _URL_NOISE.sub("", str(base)).strip(_URL_EDGES)
        try:
            text = urljoin(base_text, text)
        except ValueError:  # "http://[/x", "//[]/x": an IPv6 bracket no host can be read from
            return None
    if (target := click_target(text)) and target != text:
        # A search's or mailing's click tracking (/s/redirect?…&url=…): the page it leads to.
        return _canonical_url(target, None)
    try:
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS or not parts.hostname:
            return None
        host = parts.hostname  # lower-cased, without credentials
        port = parts.port
    except ValueError:  # a bad port or IPv6 literal
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    if scheme == "http" and port in (None, 80) and base and _same_host_over_https(host, base):
        # A page served over https linking its own host over http (an editor's pasted link): the
        # same page, which the site answers over https; one call, one address.
        scheme, netloc = "https", f"[{host}]" if ":" in host else host
    path = _PATH_SESSION.sub("", parts.path)
    text = urlunsplit((scheme, netloc, path, parts.query, ""))
    if not parts.query and _CANONICAL.fullmatch(text):
        return text  # no tracking to drop, nothing to canonicalise
    # Mailchimp's tracker's e= is the subscriber who clicked; u and id alone name the link.
    pairs = parse_qsl(parts.query, keep_blank_values=True)  # once, for both
    tracking = _tracking(pairs) + subscriber_params(path, pairs)
    if tracking:
        text = url_query_cleaner(text, tracking, remove=True, unique=False, keep_fragments=False)
    try:
        canonical = canonicalize_url(text, keep_fragments=False)
    except (ValueError, UnicodeError):
        return None
    final = urlsplit(canonical)
    if not final.hostname or not _HOST.fullmatch(final.hostname):
        return None
    return canonical


def _tracking(pairs: list[tuple[str, str]]) -> list[str]:
    return [
        name
        for name, value in pairs
        if name.lower() in _TRACKING_PARAMS
        or name.lower().startswith(_TRACKING_PREFIXES)
        or (name.lower() == "sid" and _SESSION_SID.fullmatch(value))
        or (name.lower() in _CACHE_BUSTERS and _EPOCH.fullmatch(value))
        or _BACK_LINK.fullmatch(name)
    ]


def _same_host_over_https(host: str, base: str) -> bool:
    try:
        parts = urlsplit(base)
        return parts.scheme.lower() == "https" and parts.hostname == host
    except ValueError:
        return False


# In a link read from a page, only a whole entity ending in ";" is one ("&amp;", "&#38;": a link
# pasted still escaped); "&lang=en", "&not=1", "&copy=2" are parameters. Read as text, w3lib took
# them for entities without their ";" ("&lang=en" became "〈=en").
_ENTITY = lazy_pattern(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def link_text(value: str | None) -> str | None:
    """A link field's value as an address: a stray tag's words as text, only whole entities decoded."""
    text = as_text(value)
    if not text or "&" not in text and "<" not in text:
        return text
    if "<" in text:
        return clean_text(text)
    return _ENTITY.sub(lambda entity: html.unescape(entity[0]), text)


def untracked_ref(ref: str | None) -> str | None:
    """A source's own reference for a call, without the tracking a link-shaped one may carry: a
    feed whose guid is its link, "…?utm_campaign=30-nov", must name the same call tomorrow. Only
    tracking goes; the rest is kept as written (a fragment may be all that tells two calls apart)."""
    if not ref or not ref.lower().startswith(("http://", "https://")):
        return ref
    path, hashmark, fragment = ref.partition("#")
    try:
        parts = urlsplit(path)
    except ValueError:
        return ref
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    tracking = _tracking(pairs) + subscriber_params(parts.path, pairs)
    if not tracking and not _PATH_SESSION.search(path):
        return ref
    path = _PATH_SESSION.sub("", path)
    if tracking:
        path = url_query_cleaner(path, tracking, remove=True, unique=False)
    return path + hashmark + fragment
