"""Pure: a selector copied from the browser, read on a page whose tables have no <tbody>.

A browser's parser puts every table's rows in a <tbody>, so its Inspect panel (and "Copy
selector") shows `table.fund-listing > tbody > tr` even where the page's HTML, as old CMS
templates write it (Squiz Matrix's layout tables, hand-written council pages), has none. lxml
keeps the HTML as written, so that selector matched nothing ("no items matched … the page
layout may have changed") on a page a curator had just inspected. Where a selector naming tbody
matches nothing, it is read again with its tbody steps left out: the rows as the HTML holds them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parsel.csstranslator import css2xpath

from config.lazy_pattern import lazy_pattern

# A tbody step inside a path ("…/tbody/tr", "…/descendant::tbody/…", "…/tbody[1]/tr"): left out,
# its rows are the table's.
_INNER_STEP = lazy_pattern(
    r"/(?:(?:descendant-or-self|descendant|child)::)?tbody(?:\[[^\]]*\])?(?=/|$|\s*\|)"
)
# A path that starts at the tbody ("tbody tr" in CSS, "//tbody/tr"): the table holds the rows.
_FIRST_STEP = lazy_pattern(r"(^|\|\s*)(descendant-or-self::|//)tbody\b")
_NAMES_TBODY = lazy_pattern(r"(?<![\w-])tbody(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=512)  # asked again on every miss of the same selector
def as_written(query: str) -> str | None:
    """The XPath that reads `query` (CSS, or `xpath:`) on tables without a <tbody>, or None when
    it names no tbody (or cannot be translated: the caller's own error stands)."""
    if not _NAMES_TBODY.search(query):
        return None
    if query.startswith("xpath:"):
        xpath = query.removeprefix("xpath:").strip()
    else:
        try:
            xpath = css2xpath(query)
        except Exception:  # noqa: BLE001 - a selector that does not compile fails where it is used
            return None
    return _INNER_STEP.sub("", _FIRST_STEP.sub(r"\1\2table", xpath))
