"""The rules of a `kind: sitemap` entry (a site whose calls are listed only in its XML sitemap,
spiders/sitemap.py): which of its addresses are calls (`match`, a regular expression the curator
writes), and the `detail` fields read on each call's page, its title among them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import AfterValidator, Field


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a regular expression: {exc}") from None
    return pattern


SitemapMatch = Annotated[str, Field(min_length=1), AfterValidator(_compiles)]


def sitemap_problems(kind: str, match: str | None, detail: Any) -> Iterator[tuple[str, str]]:
    """(field, what is wrong) for an entry breaking a sitemap's rules, or naming `match` elsewhere."""
    if kind != "sitemap":
        if match is not None:
            yield "match", "only applies to kind: sitemap (the addresses that are calls' pages)"
        return
    if match is None:
        yield (
            "match",
            (
                "a sitemap source needs 'match': a regular expression the address of each call's "
                'page contains ("/funding/grants/[^/]+/$")'
            ),
        )
    if detail is None or "title" not in detail.fields:
        yield "detail", "a sitemap source needs 'detail' with a 'title' field (read on each page)"
