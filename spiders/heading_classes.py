"""Pure: a table row its page's classes name the heading row, though written in plain `<td>`s
with nothing bold: a SmartSimple list view's `<tr class="GridHeader"><td class="GridHeaderCell">`,
an ASP.NET DataGrid's `HeaderStyle-CssClass` ("dgHeader"), a CMS's `header-row`. Its cells often
hold the column's sort link (`javascript:sortBy(3)`), which is no call's link. Without it the row
headed nothing, every `{label: …}` field of the table's rows was not found, and the crawl stored
each call with its title and link alone."""

from __future__ import annotations

import re

from lxml import etree

from config.lazy_pattern import lazy_pattern

# A class word for a heading: "GridHeader", "GridHeaderCell", "ListHeading", "header-row",
# "thead", "dgHead" (a word ending "head", or holding "header"/"heading"); never "headline".
_HEADING_CLASS = lazy_pattern(r"head(?:ers?|ings?)|head$", re.IGNORECASE)
# A sort link is no link to a call: a script's, or one to the same page sorted.
_CALL_LINK = etree.XPath(
    ".//a[@href][not(starts-with(normalize-space(@href), 'javascript:'))]"
    "[not(starts-with(normalize-space(@href), '#'))]"
)


def _named_heading(element: etree._Element) -> bool:
    return any(_HEADING_CLASS.search(word) for word in element.get("class", "").split())


def heading_by_class(row: etree._Element, worded: list[etree._Element]) -> bool:
    """Whether the row (or every cell with words in it) has a heading's class, with two headings
    or more and no link but sort links."""
    if len(worded) < 2 or _CALL_LINK(row):
        return False
    return _named_heading(row) or all(_named_heading(cell) for cell in worded)
