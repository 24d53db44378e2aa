"""Pure: a table's closing summary row is no call: a `<tfoot>` row, or the table's last row that
is one cell across every headed column with no link in it (SmartSimple's "5 record(s) found", a
CMS's "Showing 1 to 12 of 12 funds"). Matched by a natural item selector such as `table.Grid
tr`, it was read as a call with no title or link, its one cell standing under every heading
("Minimum Request: 5 record(s) found"), and failed the crawl ("'an item' … is missing title,
url"). A row of one cell across the table with a row after it may be a call's title row
(column_labels.py reads the two as one call), so only the last row is passed over."""

from __future__ import annotations

from typing import Any

from lxml import etree

from spiders.column_labels import column_count
from spiders.table_layout import own_cells, span

_LINK = etree.XPath("boolean(.//a[@href])")


def _last_row(row: etree._Element) -> bool:
    return next(row.itersiblings("tr"), None) is None


def is_summary_row(element: Any) -> bool:
    """Whether the `<tr>` closes its table with a summary rather than a call (see above)."""
    if getattr(element, "tag", None) != "tr":
        return False
    parent = element.getparent()
    if parent is not None and parent.tag == "tfoot":
        return True
    cells = own_cells(element)
    if len(cells) != 1 or _LINK(element) or not _last_row(element):
        return False
    table = next(element.iterancestors("table"), None)
    width = column_count(table) if table is not None else 0
    return width > 1 and span(cells[0], "colspan") >= width
