"""A table's heading row among its body rows is no call: a month or group heading that spans the
table ("<tr><th colspan="4" scope="rowgroup">January 2027</th></tr>", as editors' table plugins
write them), matched by an item selector such as "table tbody tr". Read as an item it had no title
and no link, and failed the crawl ("'an item' … is missing title, url")."""

from __future__ import annotations

from typing import Any

from spiders.column_labels import heads_columns


def is_heading_row(element: Any) -> bool:
    """A <tr> whose cells are all headings (<th>), no data cell (<td>) among them, or the row of
    the table's column headings. A row headed by its name (<th scope="row"> then <td>s) is a
    call's row."""
    if getattr(element, "tag", None) != "tr":
        return False
    cells = [child.tag for child in element if isinstance(child.tag, str)]
    # The row heading the table's columns is none either, though written in <td>s (in <thead>,
    # or the first row's <td><b>…</b></td> of an early-2000s table: spiders/column_labels.py).
    return (bool(cells) and "td" not in cells) or heads_columns(element)
