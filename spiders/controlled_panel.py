"""A card whose facts are in the panel its button opens, wherever that panel is on the page.

Bootstrap's modals (and Micromodal's, and native `<dialog>`s opened by `showModal()`) are often
written after the whole card grid, not inside each card: the card holds a name, a badge and a
"View details" button naming its modal's id (`data-bs-target="#grantModal-1"`, `aria-controls`), the
modal holds the closing date, the money and who can apply. An item selector names the cards, but
no selector leads from a card to an element elsewhere by id, so every label read nothing. A card's
fields not found in it are read in the element its own button controls (README: as a tab labels
the panel it controls), never in one holding the card or held by it.
"""

from __future__ import annotations

import copy
import re

from lxml import etree
from parsel import Selector

from config.lazy_pattern import lazy_pattern

# The attributes a toggle names its panel by: Bootstrap 5 and 4, ARIA, Micromodal, Foundation.
_TARGETS = (
    "data-bs-target",
    "data-target",
    "aria-controls",
    "data-micromodal-trigger",
    "data-open",
)
# A native dialog opened by script: onclick="document.getElementById('grant-3').showModal()"
_SHOW = lazy_pattern(r"getElementById\(\s*['\"]([^'\"]+)['\"]\s*\)\s*\.\s*show(?:Modal)?\(")
_MOST_TOGGLES = 20  # a card has one or two; a node with more is a page, not a card


def controlled_of(node: Selector) -> Selector | None:
    """A copy of the panel the item's own toggle controls, outside the item; None if none."""
    root = node.root
    if not isinstance(root, etree._Element) or not isinstance(root.tag, str):
        return None
    if root.getparent() is None or root.tag.lower() in ("html", "body", "main"):
        return None  # a whole page (a detail page) is no card
    names = _named(root)
    if not names or len(names) > _MOST_TOGGLES:
        return None
    for name in names:
        for target in root.getroottree().xpath("//*[@id=$name]", name=name)[:1]:
            if _within(target, root) or _within(root, target):
                continue  # a collapse inside the card, or the list the card is in
            return Selector(root=copy.deepcopy(target), type="html")
    return None


def _named(root: etree._Element) -> list[str]:
    """The ids the item's toggles name, in order."""
    names: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in _TARGETS:
            # aria-controls may name several ids; a target is a selector ("#grantModal-1")
            names += [word.lstrip("#") for word in (element.get(attribute) or "").split()]
        names += _SHOW.findall(element.get("onclick") or "")
    return [name for name in dict.fromkeys(names) if name and re.fullmatch(r"[\w:.-]+", name)]


def _within(inner: etree._Element, outer: etree._Element) -> bool:
    return any(ancestor is outer for ancestor in inner.iterancestors()) or inner is outer
