"""Pure: whether an error answer is a bot check (a CDN's challenge page), and whose.

A site behind a CDN's bot management (Cloudflare, Imperva, Akamai, AWS WAF, DataDome, Sucuri)
answers a client that runs no scripts with 403 (or 503, 429) and a page whose script would set a
clearance cookie: "Just a moment...". The curator's browser passes it in a second, so the page
looks fine to them and a bare "HTTP 403" says nothing they can act on. fundwatch runs no scripts
and does not try to pass such a check: the line names it, and the README says what to do (ask the
site's owner to let fundwatch's User-Agent through, or read the same calls from a feed or API).

Judged on what the answer says of itself: a header only the service sends, or its page's title
beside its Server header; never on a page's words alone, which any 403 template may share.
"""

from __future__ import annotations

import re
from typing import Any

from config.lazy_pattern import lazy_pattern

# (405: AWS WAF's CAPTCHA; its challenge answers 202, no error.)
_STATUSES = frozenset({403, 405, 429, 503})
# A header, lower-cased, whose presence (with one of these values, or any) names the service.
_HEADERS = (
    ("cf-mitigated", ("challenge",), "Cloudflare"),
    ("x-amzn-waf-action", ("challenge", "captcha"), "AWS WAF"),
    ("x-datadome", (), "DataDome"),
    ("x-sucuri-block", (), "Sucuri"),
)
# (Server header's start, the page title's words) for services that mark the page, not a header.
_PAGES = (
    (
        "cloudflare",
        lazy_pattern(r"just a moment|attention required|access denied", re.I),
        "Cloudflare",
    ),
    ("akamaighost", lazy_pattern(r"access denied", re.I), "Akamai"),
    ("sucuri", lazy_pattern(r"sucuri website firewall", re.I), "Sucuri"),
)
_TITLE = lazy_pattern(rb"<title[^>]*>([^<]{0,200})</title>", re.I)
_INCAPSULA = lazy_pattern(rb"_Incapsula_Resource|Incapsula incident ID")


def _header(headers: Any, name: str) -> str:
    value = headers.get(name.encode()) if headers is not None else None
    return value.decode("latin-1").strip().lower() if value else ""


def bot_check(status: int, headers: Any, body: bytes) -> str | None:
    """The service whose bot check this answer is ("Cloudflare"), or None. `headers`: Scrapy's
    (bytes names, case-insensitive), `body` the answer's first bytes."""
    if status not in _STATUSES:
        return None
    for name, values, service in _HEADERS:
        value = _header(headers, name)
        if value and (not values or value in values):
            return service
    server = _header(headers, "Server")
    found = _TITLE.search(body[:20000])
    title = found.group(1).decode("utf-8", "replace") if found else ""
    for start, words, service in _PAGES:
        if server.startswith(start) and words.search(title):
            return service
    if _INCAPSULA.search(body[:20000]):
        return "Imperva"
    return None


def bot_check_note(status: int, headers: Any, body: bytes) -> str:
    """' (<service>'s bot check: it needs a browser running scripts)', or '' when it is none."""
    service = bot_check(status, headers, body)
    return f" ({service}'s bot check: it needs a browser running scripts)" if service else ""
