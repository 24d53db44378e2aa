"""Labels written without a `dt`, a `th`, a `<strong>` or a colon, in two common shapes (pure, lxml).

- A key-value table of plain cells: a research council's "Key dates" table (`Event | Date`, then
  `<td>Opening date</td><td>12 January 2027 9:00am</td>`) heads its columns, not its rows, so its
  labels are the first of two `<td>`s. Only a row of exactly two cells, the first short as a label
  is: a wider row is a record, read by its column headings (column_labels).
- Tabs: a heritage funder's "Who can apply" is a `role="tab"` button in a tab list, its words in
  the `role="tabpanel"` it controls, elsewhere on the page (`aria-controls` names the panel's id;
  failing that the panel names the tab by `aria-labelledby`). Neither is a heading, so the section
  under a heading never reached it.
"""

from __future__ import annotations

from lxml import etree

from spiders.element_text import element_text, label_sized

# Tabs within the node read (an item on a list page reads its own tabs, not the page's).
_TABS = etree.XPath("descendant-or-self::*[@role='tab']")


def two_cell_rows(root: etree._Element) -> list[tuple[str, str]]:
    """(label, value) for each table row of exactly two `<td>`s whose first is label-sized."""
    pairs = []
    for row in root.iter("tr"):
        cells = [cell for cell in row if isinstance(cell.tag, str)]
        if len(cells) != 2 or cells[0].tag != "td" or cells[1].tag != "td":
            continue
        label, value = element_text(cells[0]).rstrip(":").strip(), element_text(cells[1])
        if label_sized(label) and value:
            pairs.append((label, value))
    return pairs


def tab_panels(root: etree._Element) -> list[tuple[str, str]]:
    """(tab's words, its panel's words) for each `role="tab"` on the page whose panel is found."""
    pairs = []
    for tab in _TABS(root):
        label = element_text(tab)
        if not label_sized(label):
            continue
        panel = None
        if controls := (tab.get("aria-controls") or "").split():
            panel = _by_id(root, controls[0])
        if panel is None and (own := tab.get("id")):
            found = root.xpath("//*[@role='tabpanel'][@aria-labelledby=$id]", id=own)
            panel = found[0] if found else None
        if panel is not None and (value := element_text(panel)):
            pairs.append((label, value))
    return pairs


def _by_id(root: etree._Element, ident: str) -> etree._Element | None:
    found = root.xpath("//*[@id=$id]", id=ident)
    return found[0] if found else None
