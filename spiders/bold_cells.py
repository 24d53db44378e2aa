"""Pure: whether a table cell's words are all in bold, as a heading cell's are in a table written
without `<th>`: in `<b>`/`<strong>` (`<td><font><b>Closing&nbsp;Date</b></font></td>`), or bold by
its style, inline (`style="font-weight:bold"`) or by a class the page's own `<style>` makes bold.
Spreadsheets saved as web pages head their columns so: Excel's "Save as Web Page" writes plain
`<td class=xl6628315>Closing date</td>` with `.xl6628315 {font-weight:700}` in the head, Google
Sheets' published HTML `.ritz .waffle .s1 {font-weight:bold}`."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from config.lazy_pattern import lazy_pattern
from spiders.loose_labels import tidy
from spiders.table_layout import cell_words

_RULE = lazy_pattern(r"([^{}]+)\{([^{}]*)\}")
_BOLD = lazy_pattern(r"font-weight\s*:\s*(?:bold(?:er)?|[6-9]00)\b", re.IGNORECASE)
# The class a selector ends on: ".xl66", "td.xl66", ".ritz .waffle .s1" (the cell's own class).
_LAST_CLASS = lazy_pattern(r"\.(-?[A-Za-z_][\w-]*)\s*$")


@lru_cache(maxsize=16)
def bold_classes(css: str) -> frozenset[str]:
    """The classes a style sheet's rules make bold (each rule's last selector step a class)."""
    found: set[str] = set()
    for selectors, body in _RULE.findall(css):
        if _BOLD.search(body):
            for selector in selectors.split(","):
                if match := _LAST_CLASS.search(selector.strip()):
                    found.add(match.group(1))
    return frozenset(found)


# The last document's bold classes: every cell of every row of a table asks, and walking the
# whole page for its <style>s each time would cost a long table's page once per cell.
_LAST: list = [None, frozenset()]


def _page_bold_classes(element: etree._Element) -> frozenset[str]:
    root = element.getroottree().getroot()
    if _LAST[0] is not root:
        css = "\n".join(style.text or "" for style in root.iter("style"))
        _LAST[:] = [root, bold_classes(css)]
    return _LAST[1]


def _styled_bold(cell: etree._Element) -> bool:
    if _BOLD.search(cell.get("style", "")):
        return True
    classes = cell.get("class", "").split()
    return bool(classes) and not _page_bold_classes(cell).isdisjoint(classes)


def all_bold(cell: etree._Element) -> bool:
    """A cell with words, every one of them in bold (by markup or by the cell's own style)."""
    words = cell_words(cell)
    if not words:
        return False
    bold = cell.xpath(".//*[self::b or self::strong][not(ancestor::b or ancestor::strong)]")
    return tidy(" ".join(" ".join(b.itertext()) for b in bold)) == words or _styled_bold(cell)
