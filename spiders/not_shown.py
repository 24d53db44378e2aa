"""Elements a page holds but shows to nobody because they do not apply, dropped before it is read.

Webflow's conditional visibility renders every element a CMS item could show and hides those whose
condition is false with the class `w-condition-invisible` (display: none in Webflow's own CSS): an
open call's card holds an "Open" badge and, hidden, "Opening soon" and "Closed" ones. Read with
them, `status: "div.badge::text"` was "Open Opening soon Closed", and the call upcoming. Such an
element is not collapsed content a reader may open (an accordion's panel, a `hidden` "Read more"):
it is no part of this call, so it is removed, its tail (the words after it) kept.

A `<wbr>` (a place a long word may break on a narrow screen: "Decarbon<wbr>isation") shows
nothing either, but libxml2's HTML parser does not know it is empty and nests the rest of its
parent inside it, so it is unwrapped rather than removed: its words and children stay where they
are and the word's two halves are one text again. Left as parsed, every reader that joins an
element's text nodes with a space (as they must: "<a>EPSRC</a>, <a>ESRC</a>") stored "Decarbon
isation Accelerator".

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
_WORD_BREAKS = etree.XPath("//wbr")
_MARKERS = (*(name.encode() for name in NOT_SHOWN_CLASSES), b"<wbr", b"<WBR")


def drop_not_shown(response: Response) -> None:
    """Remove from the response's parsed page every element a class says is not shown, and every
    word-break opportunity (`<wbr>`), the words either side joined."""
    if not any(marker in response.body for marker in _MARKERS):
        return
    root = getattr(response.selector, "root", None)
    if not isinstance(root, etree._Element):
        return
    for element in reversed(_WORD_BREAKS(root)):  # innermost first: nested ones unwrap in turn
        _unwrap(element)
    for element in _FIND(root):
        parent = element.getparent()
        if parent is None:
            continue
        tail = element.tail
        previous = element.getprevious()
        parent.remove(element)
        _append_text(parent, previous, tail or "")  # the words after it are still on the page


def _append_text(parent: etree._Element, previous: etree._Element | None, text: str) -> None:
    """Words put where an element was: after the sibling before it, else at its parent's start."""
    if not text:
        return
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _unwrap(element: etree._Element) -> None:
    """The element gone, its text, children and tail left in its place."""
    parent = element.getparent()
    if parent is None:
        return
    previous = element.getprevious()
    _append_text(parent, previous, element.text or "")
    children = list(element)
    for offset, child in enumerate(children):
        parent.insert(parent.index(element) + offset, child)  # moved, its tail with it
    last = children[-1] if children else previous
    tail, element.tail = element.tail or "", None
    parent.remove(element)
    _append_text(parent, last, tail)
