"""A table row's cells by their column headings: `{label: "Deadline"}` on an item that is a row.

Funders list calls as one table row each (a Drupal Views table, TablePress, a council's plain
`<table>`), the labels in a header row above rather than beside each value. A row's label map
(spiders/extract.py) gets each heading → the cell under it, so a curator's `{label: "Deadline"}`
reads such a table as it reads dt/dd or th/td rows; an ARIA grid of divs (`role="table"`, `"row"`,
`"columnheader"`, `"cell"`) likewise, and a table on its side (field names down the first column,
one call a column) for an item that is a cell of its first row. Only such items pay for this.
A cell spanning rows (`rowspan`: two rounds of one scheme sharing its amount) stands in each row
it covers, as a browser lays the table out; only a row with fewer cells than headings pays for that.
A head of two rows or more (a "Application window" heading spanning "Opens" and "Closes") is laid
out the same way, each column read under its lowest heading; the heading over a group of columns
("Funding" over "Min" and "Max") reads them all, each under its own ("Min: £1,000; Max: £5,000").
A call written as two rows (a title
row of one cell across the table, then its facts under the headings) reads the second row's cells.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from spiders.bold_cells import all_bold
from spiders.heading_classes import heading_by_class
from spiders.loose_labels import key_of, label_text
from spiders.sort_hints import heading_words
from spiders.table_layout import (
    MAX_ROWS_ABOVE,
    cell_value,
    cell_words,
    laid_out,
    own_cells,
    row_cells,
    span,
)


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


_LINKS = etree.XPath("boolean(.//a[@href])")
MAX_ROWS_BEFORE_HEADINGS = 3  # title and spacer rows passed over looking for the headings


def _worded(cells: list[etree._Element]) -> list[etree._Element]:
    return [cell for cell in cells if cell_words(cell)]


def _heading_candidate(table: etree._Element) -> etree._Element | None:
    """The first row with words in two cells or more: a spreadsheet saved as a web page puts its
    title (one cell across the table) and an empty row above the headings."""
    row = _first_row(table)
    for _ in range(MAX_ROWS_BEFORE_HEADINGS + 1):
        if row is None or len(_worded(own_cells(row))) > 1:
            return row
        row = row.getnext()
        while row is not None and row.tag != "tr":
            row = row.getnext()  # a comment between rows
    return None


# The last table's heading row: every row of a table asks (column_labels, heads_columns), and
# finding it reads its first rows' cells and their bold; once a table, as bold_cells.py keeps its
# page's bold classes.
_LAST_TABLE: list = [None, None]


def _header_row(table: etree._Element) -> etree._Element | None:
    if _LAST_TABLE[0] is not table:
        _LAST_TABLE[:] = [table, _find_header_row(table)]
    return _LAST_TABLE[1]


def _find_header_row(table: etree._Element) -> etree._Element | None:
    """The row of column headings: thead's last row, else a first row made only of `th`, or of
    `td`s all in bold (an early-2000s table's heading row, in <td><b>; a spreadsheet's, bold by
    its class) or named a heading by their class (heading_classes.py), a title or empty rows
    above it passed over."""
    heads = table.xpath("./thead/tr")
    if heads:
        return heads[-1]
    first = _heading_candidate(table)
    cells = row_cells(first) if first is not None else []
    if cells and all(cell.tag == "th" for cell in cells):
        return first
    # …unless it links somewhere: a call's row in bold (a featured fund) is no heading row. A cell
    # left empty (a spreadsheet's unused column, a corner) heads nothing and is no objection.
    worded = _worded(cells)
    if len(worded) > 1 and all(all_bold(cell) for cell in worded) and not _LINKS(first):
        return first
    if first is not None and heading_by_class(first, worded):  # SmartSimple's "GridHeader"
        return first
    return None


def heads_columns(row: etree._Element) -> bool:
    """Whether `row` is its table's row of column headings (as _header_row finds it)."""
    table = next((a for a in row.iterancestors() if a.tag == "table"), None)
    return table is not None and _header_row(table) is row


def column_count(table: etree._Element) -> int:
    """How many columns the table's heading row heads (0 when it has none)."""
    header = _header_row(table)
    return len(_headings(header)) if header is not None else 0


def _headings(header: etree._Element) -> list[etree._Element | None]:
    """The heading of each column. A head of two rows or more ("Application window" over "Opens"
    and "Closes", "Programme" spanning both) is laid out as a browser lays it out, each column
    under its lowest heading; its last row alone held only "Opens" and "Closes", which were then
    paired with the first two cells."""
    group = header.getparent()
    if group is None or group.tag != "thead" or header.getprevious() is None:
        return list(row_cells(header))
    width = max(len(row_cells(row)) for row in group if row.tag == "tr")
    return laid_out(header, width)


def _labelled(
    pairs: Iterable[tuple[etree._Element | None, etree._Element | None]],
) -> dict[str, str]:
    """heading's key → its cell's text, for (heading, cell) pairs; the first of a key stands, and a
    heading or cell with no words (or a column nothing covers) gives nothing."""
    found: dict[str, str] = {}
    for heading, cell in pairs:
        if cell is None or heading is None:
            continue
        key, value = key_of(heading_words(heading)), cell_value(cell)
        if key and value:
            found.setdefault(key, value)
    return found


_ARIA_TABLES = frozenset({"table", "grid", "treegrid"})
_ARIA_CELLS = frozenset({"cell", "gridcell", "rowheader", "columnheader"})


def _aria_cells(row: etree._Element) -> list[etree._Element]:
    return [c for c in row if isinstance(c.tag, str) and c.get("role") in _ARIA_CELLS]


def _aria_labels(row: etree._Element) -> dict[str, str]:
    """An ARIA grid's row (`<div role="row">` of `role="cell"`s in a `role="table"`, a table drawn
    with divs): heading → cell as for a `<tr>`, the headings the first row of `columnheader`s."""
    table = next((a for a in row.iterancestors() if a.get("role") in _ARIA_TABLES), None)
    if table is None:
        return {}
    header = next(
        (
            r
            for r in table.iterdescendants()
            if r.get("role") == "row"
            and (cells := _aria_cells(r))
            and all(c.get("role") == "columnheader" for c in cells)
        ),
        None,
    )
    if header is None or header is row:
        return {}
    return _labelled(zip(_aria_cells(header), _aria_cells(row), strict=False))


def _transposed_labels(cell: etree._Element) -> dict[str, str]:
    """A cell of a table turned on its side (the field names down the first column as `<th>`s,
    one call per column, the item a cell of the names' row): each row's heading → the cell in the
    item's column."""
    row = cell.getparent()
    if row is None or row.tag != "tr":
        return {}
    cells = row_cells(row)
    if not cells or cells[0].tag != "th" or cells[0] is cell or cell not in cells:
        return {}
    column = cells.index(cell)
    table = next((a for a in row.iterancestors() if a.tag == "table"), None)
    if table is None:
        return {}
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")[:MAX_ROWS_ABOVE]
    headed = (row_cells(other) for other in rows if other is not row)
    return _labelled(
        (cells[0], cells[column])
        for cells in headed
        if len(cells) > column and cells[0].tag == "th"
    )


def column_labels(row: etree._Element) -> dict[str, str]:
    """heading → cell text for a `<tr>` under a header row, an ARIA grid's `role="row"`, or a cell
    of a transposed table's first row; empty for anything else."""
    if not isinstance(row.tag, str):
        return {}
    if row.tag in ("td", "th"):
        return _transposed_labels(row)
    if row.tag != "tr":
        return _aria_labels(row) if row.get("role") == "row" else {}
    table = next((a for a in row.iterancestors() if a.tag == "table"), None)
    header = _header_row(table) if table is not None else None
    if header is None or header is row:
        return {}
    headings = _headings(header)
    width = len(headings)
    facts = _facts_row(row, width) if width > 1 else None
    # A body row's `<th>` is its own heading (`<th scope="row">`, the call's name): a value under its
    # column like any cell, or {label: "Scheme"} would find no title.
    cells = laid_out(facts if facts is not None else row, width)
    found = _labelled(zip(headings, cells, strict=False))
    for key, value in _group_labels(header, headings, cells).items():
        found.setdefault(key, value)
    return found


def _group_labels(
    header: etree._Element,
    headings: list[etree._Element | None],
    cells: list[etree._Element | None],
) -> dict[str, str]:
    """A heading of an upper head row over several columns ("Funding" spanning "Min" and "Max")
    → each of its columns' cells under its own heading: "Min: £1,000; Max: £5,000". Without it,
    `{label: "Funding"}`, the natural label for the money, found nothing."""
    group = header.getparent()
    if group is None or group.tag != "thead" or header.getprevious() is None:
        return {}
    found: dict[str, str] = {}
    for upper in group:
        if upper is header or upper.tag != "tr":
            continue
        laid = laid_out(upper, len(headings))
        for heading in {id(c): c for c in laid if c is not None}.values():
            columns = [i for i, c in enumerate(laid) if c is heading]
            if len(columns) < 2 or span(heading, "colspan") < 2:
                continue
            parts = [_under(headings, cells, i) for i in columns]
            if key := key_of(heading_words(heading)):
                if joined := "; ".join(part for part in parts if part):
                    found.setdefault(key, joined)
    return found


def _under(
    headings: list[etree._Element | None], cells: list[etree._Element | None], column: int
) -> str:
    """ "Min: £1,000": a column's own heading and its cell, or "" when either is missing."""
    heading = headings[column] if column < len(headings) else None
    cell = cells[column] if column < len(cells) else None
    if heading is None or cell is None:
        return ""
    label, value = label_text(heading_words(heading)), cell_value(cell)
    return f"{label}: {value}" if label and value else ""


def _spans_the_table(row: etree._Element, width: int) -> bool:
    """A row of one cell across every column: a call's title row, or a group's heading."""
    cells = own_cells(row)
    return len(cells) == 1 and span(cells[0], "colspan") >= width


def _facts_row(row: etree._Element, width: int) -> etree._Element | None:
    """For a call's title row (one cell across the table, its link), the row after it that holds
    the call's cells under the headings: a call written as two `<tr>`s. Its title cell stood under
    every heading, so each label read the title."""
    if not _spans_the_table(row, width):
        return None
    following = row.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()  # a comment between the two rows
    if following is None or following.tag != "tr" or _spans_the_table(following, width):
        return None
    return following
