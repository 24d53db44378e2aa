"""Elements a page holds but shows to nobody because they do not apply, dropped before it is read.

Webflow's conditional visibility renders every element a CMS item could show and hides those whose
condition is false with the class `w-condition-invisible` (display: none in Webflow's own CSS): an
open call's card holds an "Open" badge and, hidden, "Opening soon" and "Closed" ones. Read with
them, `status: "div.badge::text"` was "Open Opening soon Closed", and the call upcoming. Such an
element is not collapsed content a reader may open (an accordion's panel, a `hidden` "Read more"):
it is no part of this call, so it is removed, its tail (the words after it) kept.

Mutates the page's tree in place (one pass a page, before any field is read); a page whose bytes
do not name such a class pays one substring search.
"""

from __future__ import annotations

from lxml import etree
from scrapy.http import Response

NOT_SHOWN_CLASSES = ("w-condition-invisible",)  # Webflow's conditional visibility
_FIND = etree.XPath(
    " | ".join(
        f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
        for name in NOT_SHOWN_CLASSES
    )
)


def drop_not_shown(response: Response) -> None:
    """Remove from the response's parsed page every element a class says is not shown."""
    if not any(name.encode() in response.body for name in NOT_SHOWN_CLASSES):
        return
    root = getattr(response.selector, "root", None)
    if not isinstance(root, etree._Element):
        return
    for element in _FIND(root):
        parent = element.getparent()
        if parent is None:
            continue
        tail = element.tail
        previous = element.getprevious()
        parent.remove(element)
        if tail:  # the words after it are still on the page
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
