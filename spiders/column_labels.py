"""A table row's cells by their column headings: `{label: "Deadline"}` on an item that is a row.

Funders list calls as one table row each (a Drupal Views table, TablePress, a council's plain
`<table>`), the labels in a header row above rather than beside each value. A row's label map
(spiders/extract.py) gets each heading → the cell under it, so a curator's `{label: "Deadline"}`
reads such a table as it reads dt/dd or th/td rows. Only an item that is a `<tr>` pays for this.
"""

from __future__ import annotations

from lxml import etree

from spiders.loose_labels import key_of, tidy


def _cells(row: etree._Element) -> list[etree._Element]:
    """The row's cells, a cell spanning n columns standing in each of them."""
    cells: list[etree._Element] = []
    for cell in row:
        if isinstance(cell.tag, str) and cell.tag in ("td", "th"):
            span = cell.get("colspan", "1")
            cells += [cell] * (int(span) if span.isdigit() and 0 < int(span) < 50 else 1)
    return cells


def _first_row(table: etree._Element) -> etree._Element | None:
    """The table's first body row (`./tr | ./tbody/tr`, in document order), found without listing
    them all: every row of a long table asks for it."""
    for child in table:
        if child.tag == "tr":
            return child
        if child.tag == "tbody":
            row = next((r for r in child if r.tag == "tr"), None)
            if row is not None:
                return row
    return None


def _header_row(table: etree._Element) -> etree._Element | None:
    """The row of column headings: thead's last row, else a first row made only of `th`."""
    heads = table.xpath("./thead/tr")
    if heads:
        return heads[-1]
    first = _first_row(table)
    cells = _cells(first) if first is not None else []
    if cells and all(cell.tag == "th" for cell in cells):
        return first
    return None


def column_labels(row: etree._Element) -> dict[str, str]:
    """heading → cell text for a `<tr>` under a header row; empty for anything else."""
    if not isinstance(row.tag, str) or row.tag != "tr":
        return {}
    table = next((a for a in row.iterancestors() if a.tag == "table"), None)
    header = _header_row(table) if table is not None else None
    if header is None or header is row:
        return {}
    found: dict[str, str] = {}
    for heading, cell in zip(_cells(header), _cells(row), strict=False):
        key = key_of(heading.text_content())
        value = tidy(" ".join(cell.itertext()))
        if key and value and cell.tag == "td":
            found.setdefault(key, value)
    return found
