"""Pure: a label written as the first of a grid row's two columns, with no colon to say so
(Bootstrap's `<div class="row"><div class="col-md-4 fw-bold">Deadline</div><div
class="col-md-8">…</div></div>`, Foundation's `grid-x` and `cell`): loose_labels.py reads the
second column as its value.
"""

from __future__ import annotations

from lxml import etree

from config.lazy_pattern import lazy_pattern

# A grid's row and its columns (Bootstrap's `row` and `col-md-4`, Foundation's `grid-x` and
# `cell`), and a column set in bold by a utility class: how a label looks beside its value there.
_GRID_ROW = lazy_pattern(r"(?:^|\s)(?:row|grid-x)(?:\s|$)")
_GRID_COLUMN = lazy_pattern(r"(?:^|\s)(?:col|cell)(?:-[\w-]+)?(?:\s|$)")
_BOLD_CLASS = lazy_pattern(
    r"(?:^|\s)(?:fw-(?:bold|semibold)|font-(?:weight-)?(?:bold|semibold))(?:\s|$)"
)


def first_of_two_columns(element: etree._Element) -> bool:
    """The first of two `<div>`s that alone make up a grid row, or the first of two whose class
    sets it in bold: a label and its value side by side with no colon (Bootstrap's `<div
    class="row"><div class="col-md-4 fw-bold">Deadline</div><div class="col-md-8">…`). Two
    plain `<div>`s are not enough: nothing says the first names the second."""
    parent = element.getparent()
    if element.tag != "div" or parent is None or (parent.text or "").strip():
        return False
    columns = [child for child in parent if isinstance(child.tag, str)]
    if len(columns) != 2 or columns[0] is not element or columns[1].tag != "div":
        return False
    if any((child.tail or "").strip() for child in columns):
        return False
    grid = _GRID_ROW.search(parent.get("class", "")) and all(
        _GRID_COLUMN.search(column.get("class", "")) for column in columns
    )
    return bool(grid or _BOLD_CLASS.search(element.get("class", "")))
