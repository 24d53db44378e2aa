"""Elements a page holds but shows to nobody, dropped before it is read: one rule for every way a
page hides words.

- Webflow's conditional visibility renders every element a CMS item could show and hides those
  whose condition is false with the class `w-condition-invisible`: an open call's card holds an
  "Open" badge and, hidden, "Opening soon" and "Closed" ones. Read with them, `status:
  "div.badge::text"` was "Open Opening soon Closed", and the call upcoming. Always dropped.
- Hidden inline: `style="display:none"` (any spacing or case), `style="visibility:hidden"`, the
  `hidden` attribute. An old title left in a hidden span, a hidden "Closed" badge. Dropped unless
  a reader can open it (below).
- `aria-hidden="true"` beside screen-reader text (`sr-only`, `visually-hidden`,
  `screen-reader-text`) in the same parent: the same fact written twice, once for the eye ("£5k",
  "31/01/27") and once for the ear ("£5,000", "31 January 2027"). Read together they made one
  value of two ("£5k £5,000"), so the eye's copy is dropped and the ear's, the fuller, kept.
  aria-hidden alone is kept: it often hides visible words a parent's aria-label repeats (a
  calendar's date tag), and those words are what the page shows.

Screen-reader text itself (`sr-only`, `visually-hidden`) is kept everywhere: it is real words the
page gives its readers, most often the very label a value is found by ("<span class="sr-only">
Deadline:</span> 31 January 2027", GOV.UK's hidden "Warning"), and the readers already look past a
label's words in a value.

What a reader can open is no hidden fact but collapsed content: a tab's panel (`role="tabpanel"`
`hidden` until its tab is pressed), an accordion's or "Read more" panel (an id a control points
at, a class that says so), a hidden card holding a link (a "Show more" page's next calls), or any
block of paragraphs. Those are kept, as the `<template>` cards are (tests/sites/template_lazy_items).

Mutates the page's tree in place (one pass a page, before any field is read); a page whose bytes
name none of the markers pays a few substring searches.
"""

from __future__ import annotations

import re

from lxml import etree

NOT_SHOWN_CLASSES = ("w-condition-invisible",)  # Webflow's conditional visibility
# Screen-reader-only classes: Bootstrap's, GOV.UK's and its family's (`…visually-hidden`), WordPress's.
_SR_TOKENS = ("sr-only", "visuallyhidden", "screen-reader-text", "element-invisible")


def _has_class(name: str, *, suffix: bool = False) -> str:
    start = "" if suffix else " "
    return f"contains(concat(' ', normalize-space(@class), ' '), '{start}{name} ')"


_SR_ONLY = " or ".join(
    [_has_class(name) for name in _SR_TOKENS] + [_has_class("visually-hidden", suffix=True)]
)
# A style's words without spaces and in lower case: "Display: None;" is "display:none;".
_STYLE = "translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz')"
_ALWAYS = etree.XPath(" | ".join(f"//*[{_has_class(name)}]" for name in NOT_SHOWN_CLASSES))
_HIDDEN = etree.XPath(
    f"//*[@hidden or contains({_STYLE}, 'display:none') or contains({_STYLE}, 'visibility:hidden')]"
)
_EYE_COPY = etree.XPath(f"//*[@aria-hidden='true'][../*[{_SR_ONLY}]]")
_POINTED_AT = etree.XPath(
    "//@aria-controls | //@data-target | //@data-bs-target | //a/@href[starts-with(., '#')]",
    smart_strings=False,
)
_LINK_OR_BLOCK = etree.XPath(
    "boolean(descendant::a[@href] | descendant::p | descendant::li | descendant::dl"
    " | descendant::table | descendant::div)"
)
# Class words of something a reader opens: Bootstrap's `collapse`, accordions, tab and "read more" panels.
_OPENABLE_CLASS = re.compile(
    r"collaps|accordion|panel|tab|expand|toggle|reveal|read-?more|show-?more|more-", re.IGNORECASE
)
_MARKERS = tuple(name.encode() for name in NOT_SHOWN_CLASSES) + (b"hidden", b"none")


def drop_not_shown(response) -> None:
    """Remove from the response's parsed page every element it does not show (see above)."""
    if not any(marker in response.body for marker in _MARKERS):
        return
    root = getattr(response.selector, "root", None)
    if isinstance(root, etree._Element):
        drop_not_shown_in(root)


def drop_not_shown_in(root: etree._Element) -> None:
    """The tree without the elements it does not show (see above)."""
    found = list(_ALWAYS(root))
    hidden = _HIDDEN(root)
    if hidden:
        pointed = {_target(value) for value in _POINTED_AT(root)}
        found += [element for element in hidden if not _openable(element, pointed)]
    found += _EYE_COPY(root)
    for element in found:
        remove_keeping_tail(element)


def _target(value: str) -> str:
    return value.strip().removeprefix("#")


def _openable(element: etree._Element, pointed: set[str]) -> bool:
    """Whether a reader can open the hidden element: collapsed content, not a fact that is hidden."""
    if element.get("hidden") == "until-found" or element.get("role") == "tabpanel":
        return True
    if (element.get("id") or "\0") in pointed:
        return True
    if _OPENABLE_CLASS.search(element.get("class") or ""):
        return True
    if element.tag in ("p", "li", "dl", "table", "section", "article", "details"):
        return True
    return bool(_LINK_OR_BLOCK(element))


def remove_keeping_tail(element: etree._Element) -> None:
    """Take the element out of the tree, keeping its tail: the words after it are still on the page."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
