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

A `<wbr>` (a place a long word may break on a narrow screen: "Decarbon<wbr>isation") shows
nothing either, but libxml2's HTML parser does not know it is empty and nests the rest of its
parent inside it, so it is unwrapped rather than removed: its words and children stay where they
are and the word's two halves are one text again. Left as parsed, every reader that joins an
element's text nodes with a space (as they must: "<a>EPSRC</a>, <a>ESRC</a>") stored "Decarbon
isation Accelerator".

Mutates the page's tree in place (one pass a page, before any field is read); a page whose bytes
name none of the markers pays a few substring searches.
"""

from __future__ import annotations

import re

from lxml import etree

from config.lazy_pattern import lazy_pattern

NOT_SHOWN_CLASSES = ("w-condition-invisible",)  # Webflow's conditional visibility
# Screen-reader-only classes: Bootstrap's, GOV.UK's and its family's (`…visually-hidden`), WordPress's.
_SR_ONLY = lazy_pattern(
    r"(?:^|\s)(?:sr-only|visuallyhidden|screen-reader-text|element-invisible|[\w-]*visually-hidden)"
    r"(?:\s|$)"
)
# Each kind is looked for only when the page's bytes hold its marker, and by its attribute
# (`//@hidden`): an XPath testing every element (`//*[@hidden or @style]`) cost as much as a tenth
# of reading a big listing page, asking for the attribute a thirtieth.
_WEBFLOW = etree.XPath(f"//@class[contains(., '{NOT_SHOWN_CLASSES[0]}')]")
_HIDDEN = etree.XPath("//@hidden")
_STYLED = etree.XPath("//@style")
_ARIA_HIDDEN = etree.XPath("//@aria-hidden")
_WORD_BREAKS = etree.XPath("//wbr")
_HAS_SR_ONLY = lazy_pattern(
    rb"sr-only|visuallyhidden|visually-hidden|screen-reader-text|element-invisible"
)
_POINTED_AT = etree.XPath(
    "//@aria-controls | //@data-target | //@data-bs-target | //a/@href[starts-with(., '#')]",
    smart_strings=False,
)
_LINK_OR_BLOCK = etree.XPath(
    "boolean(descendant::a[@href] | descendant::p | descendant::li | descendant::dl"
    " | descendant::table | descendant::div)"
)
# Class words of something a reader opens: Bootstrap's `collapse`, accordions, tab and "read more" panels.
_OPENABLE_CLASS = lazy_pattern(
    r"collaps|accordion|panel|tab|expand|toggle|reveal|read-?more|show-?more|more-", re.IGNORECASE
)


def drop_not_shown_in(root: etree._Element, body: bytes) -> None:
    """The tree without the elements it does not show (see above); `body` is the page's bytes."""
    if b"<wbr" in body or b"<WBR" in body:
        for element in reversed(_WORD_BREAKS(root)):  # innermost first: nested ones unwrap in turn
            _unwrap(element)
    found: list[etree._Element] = []
    if NOT_SHOWN_CLASSES[0].encode() in body:
        found += [e for e in _owners(_WEBFLOW, root) if _has_token(e, NOT_SHOWN_CLASSES[0])]
    hidden = _owners(_HIDDEN, root) if b" hidden" in body else []
    if b"style" in body and _says_hiding(body.lower()):
        hidden += [element for element in _owners(_STYLED, root) if _hidden_by_style(element)]
    pointed: set[str] | None = None
    for element in hidden:
        if _openable(element):
            continue
        if (name := element.get("id")) is not None:  # a control may point at it by its id
            if pointed is None:  # asked once, only when a hidden element has an id
                pointed = {_target(value) for value in _POINTED_AT(root)}
            if name.strip() in pointed:
                continue
        found.append(element)
    if b"aria-hidden" in body and _HAS_SR_ONLY.search(body):
        found += [element for element in _owners(_ARIA_HIDDEN, root) if _eye_copy(element)]
    for element in found:
        remove_keeping_tail(element)


def _says_hiding(page: bytes) -> bool:
    """Whether the (lower-cased) page says display:none or visibility:hidden anywhere, however
    spaced: a find() per word, where a regex scanning the page cost two milliseconds on a big one."""
    for word, value in ((b"display", b":none"), (b"visibility", b":hidden")):
        at = page.find(word)
        while at >= 0:
            after = page[at + len(word) : at + len(word) + 24].translate(None, b" \t\r\n")
            if after.startswith(value):
                return True
            at = page.find(word, at + 1)
    return False


def _owners(attributes: etree.XPath, root: etree._Element) -> list[etree._Element]:
    """The elements that carry the attributes an XPath finds."""
    return [value.getparent() for value in attributes(root)]


def _has_token(element: etree._Element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def _hidden_by_style(element: etree._Element) -> bool:
    """Whether its inline style hides it, however spaced or cased ("Display: None;")."""
    style = "".join((element.get("style") or "").lower().split())
    return "display:none" in style or "visibility:hidden" in style


def _eye_copy(element: etree._Element) -> bool:
    """aria-hidden beside screen-reader text in the same parent: the eye's copy of its words."""
    if element.get("aria-hidden") != "true":
        return False
    parent = element.getparent()
    return parent is not None and any(
        _SR_ONLY.search(sibling.get("class") or "")
        for sibling in parent
        if sibling is not element and isinstance(sibling.tag, str)
    )


def _target(value: str) -> str:
    return value.strip().removeprefix("#")


def _openable(element: etree._Element) -> bool:
    """Whether a reader can open the hidden element by what it is: collapsed content, not a fact
    that is hidden (an element a control points at is the other kind, found by its id)."""
    if element.get("hidden") == "until-found" or element.get("role") == "tabpanel":
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
    _append_text(parent, previous, tail or "")


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
