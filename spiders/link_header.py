"""The next page an HTTP `Link` response header names (RFC 8288): `Link: <…?cursor=eyJ…>;
rel="next", <…>; rel="first"`. APIs that keep their paging out of the body send it so (GitHub's
and GitLab's keyset cursors, the WordPress REST API beside X-WP-TotalPages); an `api` source with
no `next_page` or `page_param` follows it, rather than reading page 1 alone and calling it the
whole list."""

from __future__ import annotations

import re
from collections.abc import Iterable

from config.lazy_pattern import lazy_pattern

# One link-value: <target> and its parameters up to the next comma outside <…> and quotes.
_LINK_VALUE = lazy_pattern(r'<(?P<target>[^>]*)>(?P<params>(?:[^,"]|"[^"]*")*)')
_REL = lazy_pattern(
    r'(?:^|;)\s*rel\s*=\s*(?:"(?P<quoted>[^"]*)"|(?P<bare>[^;\s,]+))', re.IGNORECASE
)


def next_link(values: Iterable[str | bytes]) -> str | None:
    """The target of the first link whose relation types include `next` (a rel may list several,
    `rel="next last"`), across every Link header given; None if there is none."""
    for value in values:
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        for link in _LINK_VALUE.finditer(text):
            rel = _REL.search(link["params"])
            if rel is None:
                continue
            kinds = (rel["quoted"] if rel["quoted"] is not None else rel["bare"]).lower().split()
            if "next" in kinds and link["target"].strip():
                return link["target"].strip()
    return None
