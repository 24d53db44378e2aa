"""Pure (lxml): a table row's cells by column, as a browser lays the table out.

A cell spanning n columns (`colspan`) stands in each of them; a cell spanning rows (`rowspan`: two
rounds of one scheme sharing its amount) stands in each row it covers. The column-heading reader
(column_labels.py) pairs headings with cells by these columns, in the body and in a head of two
rows or more alike.
"""

from __future__ import annotations

from lxml import etree

from spiders.element_text import spaced_text
from spiders.loose_labels import tidy
from spiders.parted_text import parted_text

MAX_SPAN = 50  # a colspan or rowspan beyond this is a typo or a trap, read as 1
MAX_ROWS_ABOVE = 500  # rows laid out to place a spanned row's cells; beyond, read by position


def cell_words(cell: etree._Element) -> str:
    """A cell's words as a reader sees them: spaced, collapsed, none before punctuation."""
    return tidy(spaced_text(cell))


def cell_value(cell: etree._Element) -> str:
    """A cell's value: its words, a list in it read item by item, "; " between them (as a dd's
    list is: GravityView's checkbox field, `<ul class='bulleted'><li>Charities</li><li>Parish
    councils</li></ul>`, read "Charities Parish councils", one applicant to the verdict)."""
    if cell.find(".//li") is None:
        return cell_words(cell)
    return parted_text(cell)


def span(cell: etree._Element, name: str) -> int:
    """A cell's colspan or rowspan as a browser takes it (1 when missing, not a number, or huge)."""
    written = cell.get(name, "1").strip()
    return int(written) if written.isdigit() and 0 < int(written) < MAX_SPAN else 1


def own_cells(row: etree._Element) -> list[etree._Element]:
    return [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]


def row_cells(row: etree._Element) -> list[etree._Element]:
    """The row's cells, a cell spanning n columns standing in each of them."""
    cells: list[etree._Element] = []
    for cell in own_cells(row):
        cells += [cell] * span(cell, "colspan")
    return cells


def laid_out(row: etree._Element, width: int) -> list[etree._Element | None]:
    """The row's cells by column, cells spanning down from rows above (in its row group) in the
    columns they cover. A row as wide as the headings has nothing spanning into it (the usual
    case, read as written); a column nothing covers is None."""
    cells = row_cells(row)
    group = row.getparent()
    if len(cells) >= width or group is None:
        return list(cells)
    rows = [r for r in group if r.tag == "tr"]
    at = next((i for i, r in enumerate(rows) if r is row), None)
    if at is None or at > MAX_ROWS_ABOVE:
        return list(cells)
    spanning: dict[int, tuple[etree._Element, int]] = {}  # column → cell, rows it still covers
    for current in rows[: at + 1]:
        slots = {col: cell for col, (cell, _) in spanning.items()}
        spanning = {col: (cell, left - 1) for col, (cell, left) in spanning.items() if left > 1}
        col = 0
        for cell in own_cells(current):
            while col in slots:
                col += 1
            down = span(cell, "rowspan")
            for _ in range(span(cell, "colspan")):
                slots[col] = cell
                if down > 1:
                    spanning[col] = (cell, down - 1)
                col += 1
        if current is row:
            return [slots.get(c) for c in range(max(slots, default=-1) + 1)]
    return list(cells)
