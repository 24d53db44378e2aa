"""A call that is only a heading: the paragraphs after it, up to the next heading, are its section.

Council pages often list their schemes as bare `<h2>`s, each followed by its own `<p>`s
("<strong>Closing date:</strong> 15 January 2027"), with no element wrapping a call. An item
selector can name the headings but not what follows them, so every label beside them read nothing.
A heading item's fields not found on the heading itself are read in its section: copies of its
following siblings up to the next heading of the same or a higher rank.
"""

from __future__ import annotations

import copy

from lxml import etree
from parsel import Selector

_RANK = {f"h{n}": n for n in range(1, 7)}
MAX_SECTION = 200  # siblings gathered for one heading; a page of thousands is no section


def section_of(node: Selector) -> Selector | None:
    """The heading's section as a node of its own; None for an item that is no heading."""
    root = node.root
    if not isinstance(root, etree._Element) or not isinstance(root.tag, str):
        return None
    rank = _RANK.get(root.tag.lower())
    if rank is None:
        return None
    section = root.makeelement("section", {})  # of the page's own element class (text_content)
    for sibling in root.itersiblings():
        if len(section) >= MAX_SECTION:
            break
        tag = sibling.tag.lower() if isinstance(sibling.tag, str) else ""
        if _RANK.get(tag, 7) <= rank:
            break
        if tag:
            section.append(copy.deepcopy(sibling))
    return Selector(root=section, type="html") if len(section) else None
