"""A table's columns on a page that is no row of it: `{label: "Closes"}` on a call's own page.

A programme's page often keeps its dates in a table of rounds (Round | Opens | Closes, a row a
round: last year's, this one's, the next), or its money in a table of tiers (Tier | Grant size).
On a listing, the item is the row and column_labels.py reads the cell under a heading; on a whole
page (a detail page, a card holding such a table) no row is the item, so the heading found no
value at all: a th/td pair needs its value beside it, and these headings stand over a column.
Here a column is every body row's cell under the heading, each named by its row's first cell:
"Round 1: 29 May 2026 | Round 2: 12 noon, 5 February 2027" — the form a rounds list is read in
(dates: the next round still to come; money: the tiers together). A table of one body row gives
its one cell. Looked at only when no other label on the page gave the value (extract.py).
"""

from __future__ import annotations

from lxml import etree

from spiders.column_labels import column_labels
from spiders.table_layout import cell_words, own_cells

MAX_ROWS = 30  # a rounds or tiers table is short; a long one is a list of calls, not one's facts
_BODY_ROWS = etree.XPath("./tbody/tr | ./tr")


def page_columns(root: etree._Element) -> dict[str, str]:
    """heading's key → its column's cells, for every table in `root` that holds no table of its
    own (a layout table is not a table of facts); the first table with a heading wins."""
    found: dict[str, str] = {}
    for table in root.iter("table"):
        if _has_nested(table):
            continue
        for key, value in _columns(table).items():
            found.setdefault(key, value)
    return found


def _has_nested(table: etree._Element) -> bool:
    return any(inner is not table for inner in table.iter("table"))


def _columns(table: etree._Element) -> dict[str, str]:
    rows = [row for row in _BODY_ROWS(table) if own_cells(row)][: MAX_ROWS + 1]
    if len(rows) > MAX_ROWS:
        return {}
    by_row = [(row, column_labels(row)) for row in rows]
    by_row = [(row, labels) for row, labels in by_row if labels]  # the heading row gives none
    if not by_row:
        return {}
    if len(by_row) == 1:
        return dict(by_row[0][1])
    columns: dict[str, list[str]] = {}
    for row, labels in by_row:
        name = cell_words(own_cells(row)[0])
        for key, value in labels.items():
            if value != name:  # the first column names the rows
                columns.setdefault(key, []).append(f"{name}: {value}" if name else value)
    return {key: " | ".join(values) for key, values in columns.items()}
