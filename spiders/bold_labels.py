"""Pure: whether an element is a bold label ("<b>Grants:</b>") that starts a value of its own.

`<strong>Label:</strong> value` reads the value to the line's end (a `<br>`). A second bold label
in the same line starts the next value: a Notion callout's "<b>Deadline:</b> 22 January 2027\n
<b>Grants:</b> £5,000" parts its lines by a newline only CSS keeps (white-space: pre-wrap), and a
page builder may part them by spaces alone. Read into the first, the date was "22 January 2027
Grants: £5,000", no date at all (tests/sites/notion_super_page).
"""

from __future__ import annotations

from lxml import etree

from spiders.element_text import element_text, label_sized

_BOLD = frozenset({"strong", "b"})


def is_bold_label(element: etree._Element) -> bool:
    if element.tag not in _BOLD:
        return False
    words = element_text(element)
    # Markdown's "**Grants**: …" puts the colon after the bold.
    colon = words.endswith(":") or (element.tail or "").startswith(":")
    return colon and label_sized(words)
