"""Pure: the page a click-tracking link leads to, when the link carries it in its query.

Site search and mailing tools wrap every result's link in a redirect that counts the click:
Squiz Funnelback's `/s/redirect?collection=…&url=https%3A%2F%2F…&auth=…&rank=3`, Google's
`/url?q=https://…`, a CMS's `/click?url=…`. Stored as it is, a call's address was the wrapper,
different for every rank, query and search index, so the same call from the funder's own page or
feed never matched it; and a detail page was asked through the redirect, counting a click each
crawl. The page identified is the one the wrapper names, so that is the call's address.

Only a redirect endpoint's own link is unwrapped (its path's last part is one of the words below,
"redirect.php" too) and only a parameter holding a whole http(s) address: a share link's `?url=`
or Liferay's `_redirect` back to the listing, on a page of its own, stay as they are.

GovDelivery's (Granicus's) bulletins track every link as `https://lnks.gd/l/<token>/s/…/br/…-l`,
the token a JWT whose payload (base64url JSON, readable without the key) names the page in
`url`. A path part that is such a token, its payload's `url` a whole http(s) address, is unwrapped
the same way; the signature is not checked, as the address is only where the link leads.
"""

from __future__ import annotations

import base64
import binascii
import json
from urllib.parse import parse_qsl, urlsplit

from config.lazy_pattern import lazy_pattern

_ENDPOINTS = frozenset(
    {"redirect", "redir", "click", "clicks", "track", "url", "out", "outbound", "exit", "goto"}
)
_TARGETS = ("url", "u", "q", "target", "dest", "destination", "to", "redirect_url", "link")


# A mailing tool's click tracker that names no page, only a link id: its redirect is the only way to
# the page. Mailchimp's `/track/click?u=<account>&id=<link>&e=<subscriber>`, on
# `<account>.usN.list-manage.com` or an account's own tracking domain (so known by its path and
# parameters, not its host); Constant Contact's `r20.rs6.net/tn.jsp?f=…`.
_MAILCHIMP_TRACKER = ("/track/click", {"u", "id"})
_HOSTED_TRACKERS = (("rs6.net", "/tn.jsp"),)

# A JWT: three base64url parts, the first two JSON objects ("eyJ" is '{"' encoded).
_JWT = lazy_pattern(r"eyJ[\w-]+\.(eyJ[\w-]+)\.[\w-]+")


def click_target(url: str) -> str | None:
    """The address a click-tracking redirect names (see above), or None for any other link."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if "eyJ" in parts.path and (target := _token_target(parts.path)):
        return target
    last = parts.path.rstrip("/").rsplit("/", 1)[-1].lower()
    if last.split(".", 1)[0] not in _ENDPOINTS or not parts.query:
        return None
    values = {name.lower(): value for name, value in parse_qsl(parts.query)}
    for name in _TARGETS:
        target = values.get(name, "").strip()
        if target.lower().startswith(("http://", "https://")):
            return target
    return None


def _token_target(path: str) -> str | None:
    """The `url` in the payload of a JWT that is a whole part of the path (GovDelivery's lnks.gd)."""
    for part in path.split("/"):
        if not (token := _JWT.fullmatch(part)):
            continue
        payload = token[1] + "=" * (-len(token[1]) % 4)
        try:
            claims = json.loads(base64.urlsafe_b64decode(payload))
        except (binascii.Error, ValueError):  # not base64, not UTF-8 or not JSON
            continue
        target = claims.get("url") if isinstance(claims, dict) else None
        if isinstance(target, str) and target.lower().startswith(("http://", "https://")):
            return target.strip()
    return None


_TRACKER_PATHS = (_MAILCHIMP_TRACKER[0], *(path for _, path in _HOSTED_TRACKERS))


def may_name_no_page(link: str) -> bool:
    """A cheap first look, on a link as written: whether it holds a page-less tracker's path at all
    (names_no_page then judges it whole)."""
    lowered = link.lower()
    return any(path in lowered for path in _TRACKER_PATHS)


def names_no_page(url: str) -> bool:
    """Whether `url` is a mailing's click tracker that names no page (see _MAILCHIMP_TRACKER)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return False
    path = parts.path.rstrip("/").lower()
    if path == _MAILCHIMP_TRACKER[0]:
        return _MAILCHIMP_TRACKER[1] <= {name.lower() for name, _ in parse_qsl(parts.query)}
    return any(
        (host == suffix or host.endswith("." + suffix)) and path == tracker_path
        for suffix, tracker_path in _HOSTED_TRACKERS
    )


def subscriber_params(path: str, pairs: list[tuple[str, str]]) -> list[str]:
    """The parameter naming the subscriber in a Mailchimp tracker's link (`e`), never kept: `path`
    is the link's path and `pairs` its query, parsed once by the caller (urls.py reads the same
    pairs for tracking parameters); a parameter with no value counts for nothing."""
    if path.rstrip("/").lower() != _MAILCHIMP_TRACKER[0]:
        return []
    named = {name.lower() for name, value in pairs if value}
    if not _MAILCHIMP_TRACKER[1] <= named:
        return []
    return [name for name, value in pairs if value and name.lower() == "e"]
